"""`make validate`: the estimator run on every published measurement, its errors printed by device family.

Exit status: 0 the table was printed; 4 a data file is invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from estimator import calibrated
from estimator.explain import family_label
from estimator.validation import OVERALL
from guide.catalogs import load_catalogs
from guide.problems import DataError
from guide.sitedata import DATA_DIR, load_site_data

KIND_LABELS = {
    "decode": "decode speed",
    "prefill": "prefill speed",
    "kv-cache": "KV cache size",
    "weights": "model file size",
    "memory-total": "total memory (llama.cpp log)",
    "compute-buffer": "compute buffer (llama.cpp log)",
}


def percent(stats: dict[str, float] | None, key: str) -> str:
    return "—" if stats is None else f"{stats[key]:.1%}"


def rows(summary: dict[str, Any]) -> list[list[str]]:
    """The validation table as text cells: family, quantity, devices, rows, median and 90th percentile error
    in-sample, and the same on devices left out of the fit."""
    out = []
    for row in summary["table"]:
        inside, unseen = row["in_sample"], row["unseen_device"]
        out.append([
            "All devices" if row["family"] == OVERALL else family_label(row["family"]),
            KIND_LABELS[row["kind"]],
            str(row["devices"]),
            str(inside["rows"] if inside else 0),
            percent(inside, "median"),
            percent(inside, "p90"),
            percent(unseen, "median"),
            percent(unseen, "p90"),
        ])
    return out


HEADER = ["family", "measured", "devices", "rows", "median error", "90th pct", "unseen: median", "unseen: 90th pct"]


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="scripts/validate_estimator.py", description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        site = load_site_data(DATA_DIR)
        catalogs = load_catalogs(site.engines, DATA_DIR)
        summary = calibrated.summary(catalogs)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return 4
    table = [HEADER] + rows(summary)
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    exact, kv_rows = summary["kv_exact"]
    print(f"\nKV cache sizes matching llama.cpp's log lines to the byte: {exact} of {kv_rows}.")
    reasons = Counter(reason for _, reason in summary["skipped"])
    print(f"Of {summary['rows']} measurements, {len(summary['skipped'])} cannot be reproduced: "
          + "; ".join(f"{reason} ({count})" for reason, count in reasons.most_common()) + ".")
    print("Errors are |estimate / measured - 1|; 'unseen' refits without any row of the device being checked.")
    return 0
