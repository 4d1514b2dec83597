"""Memory and speed estimates for running an LLM on a device, checked against published measurements.

- coefficients.py  catalog entries -> plain numbers (attention layouts, MoE, formats, engine and memory rules)
- closed_form.py   the arithmetic on those numbers (the browser evaluates the same numbers the same way)
- observations.py  published measurements -> what the estimator predicts for them
- calibration.py   efficiencies fitted by device family, engine and multi-GPU split
- validation.py    errors against the measurements, in-sample and on devices left out of the fit
- calibrated.py    the fit and its validation, cached by a hash of their inputs
- estimate.py      one estimate from catalog ids, with every input checked
- explain.py       the assumptions of an estimate, in words
- cli.py           scripts/estimate.py
"""
