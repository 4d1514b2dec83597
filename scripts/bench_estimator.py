"""Benchmark: what the estimator costs.

Prints, from one run:
  - one estimate (`estimator.estimate.estimate`, checks and assumptions included) against the closed-form
    arithmetic alone (`closed_form.evaluate` on the same coefficients): the price of checking and explaining;
  - the full validation run (observations, the fits, and a leave-one-device-out refit per device) against
    reading and checking data/measurements.yaml, which it starts with.
No target is asserted; `make validate` and the build read the validation from a cache (estimator/calibrated.py).
"""

from __future__ import annotations

import argparse
import statistics
import time

from estimator import closed_form, coefficients
from estimator.calibrated import calibration
from estimator.estimate import Request, check, estimate
from estimator.validation import validate
from guide.catalogs import load_catalogs, load_measurements
from guide.sitedata import load_site_data

REQUESTS = (
    Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 8192, engine="llama-cpp"),
    Request("qwen3-30b-a3b", "nvidia-rtx-3060-12gb", "Q4_K_M", 32768, engine="llama-cpp"),
    Request("deepseek-v3", "nvidia-h200", "FP8", 65536, gpus=8, engine="vllm", batch=4),
    Request("gemma-3-27b", "apple-m3-max", "Q4_K_M", 32768, memory_gb=48),
)


def per_call(function, repeat: int) -> float:
    """Median seconds per call over `repeat` rounds of 100 calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(100):
            function()
        rounds.append((time.perf_counter() - start) / 100)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds; the median is reported")
    args = parser.parse_args()
    site = load_site_data()
    catalogs = load_catalogs(site.engines)
    fitted = calibration(catalogs)

    print(f"{'measured':<58} {'seconds':>10} {'ratio':>8}")
    for request in REQUESTS:
        chosen = check(catalogs, request)
        model = coefficients.model_coefficients(chosen["model"])
        share = coefficients.unified_memory_share(catalogs.unified_memory, chosen["device"], chosen["memory_gb"])
        device = coefficients.device_coefficients(chosen["device"], chosen["memory_gb"], share)
        engine = coefficients.engine_coefficients(chosen["rules"], chosen["memory_gb"])
        numbers = {"bits_per_weight": coefficients.bits_per_weight(chosen["format"]), "kv_element_bytes": 2, "context": request.context,
                   "sequences": request.batch, "gpus": request.gpus, "split": chosen["split"], "prompt_tokens": chosen["prompt_tokens"]}
        efficiency = fitted.resolve(device["family"], engine["id"], chosen["split"])
        arithmetic = per_call(lambda: closed_form.evaluate(model, device, engine, efficiency, None, numbers), args.runs)
        whole = per_call(lambda: estimate(catalogs, fitted, request), args.runs)
        label = f"{request.model} on {request.hardware}"
        print(f"  arithmetic only: {label:<40} {arithmetic:10.6f} {1:8.2f}")
        print(f"  one estimate:    {label:<40} {whole:10.6f} {whole / arithmetic:8.2f}")

    reading, validating = [], []
    for _ in range(max(1, args.runs // 2)):
        start = time.perf_counter()
        rows = load_measurements(catalogs)
        reading.append(time.perf_counter() - start)
        start = time.perf_counter()
        validate(catalogs, rows)
        validating.append(time.perf_counter() - start)
    base = statistics.median(reading)
    print(f"{'read and check data/measurements.yaml':<58} {base:10.3f} {1:8.2f}")
    print(f"{'full validation run (fits + leave-one-device-out)':<58} {statistics.median(validating):10.3f} {statistics.median(validating) / base:8.2f}")


if __name__ == "__main__":
    main()
