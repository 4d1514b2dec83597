"""The fitted calibration and its validation table, worked out once per version of the inputs.

Fitting is quick, but reading and checking the 1,100-row measurements file and the leave-one-device-out
refits are not, and every build and every command-line estimate needs the result. It is kept in
`.cache/estimator/`, keyed by a hash of every file it depends on (the catalogs, the measurements and the
estimator's own code), so a change to any of them is picked up on the next run.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from estimator.calibration import Calibration, Fit
from estimator.validation import validate
from guide.cache import cached_json, key_of
from guide.catalogs import CATALOG_FILES, MEASUREMENTS_FILE, Catalogs, load_measurements

PACKAGE = Path(__file__).resolve().parent


def summary(catalogs: Catalogs) -> dict[str, Any]:
    """{calibration: fitted groups, table: validation rows, kv_exact: [matching, rows], rows: measurements,
    skipped: [id, reason] for rows the estimator cannot reproduce}."""
    files = [catalogs.data_dir / name for name in (*CATALOG_FILES, MEASUREMENTS_FILE, "engines.yaml")]
    return cached_json("estimator", key_of([*files, *sorted(PACKAGE.glob("*.py"))]), lambda: _summary(catalogs))


def _summary(catalogs: Catalogs) -> dict[str, Any]:
    rows = load_measurements(catalogs)
    report = validate(catalogs, rows)
    return {
        "calibration": {kind: {k: asdict(v) for k, v in fits.items()} for kind, fits in report.calibration.fits.items()},
        "table": report.table(),
        "kv_exact": list(report.kv_exact()),
        "rows": len(rows),
        "skipped": [list(s) for s in report.skipped],
    }


def calibration(catalogs: Catalogs) -> Calibration:
    fitted = summary(catalogs)["calibration"]
    return Calibration(fits={kind: {k: Fit(**v) for k, v in fits.items()} for kind, fits in fitted.items()})
