"""Gzipped bytes of the chooser's and the comparison table's own JavaScript and CSS, against the budget.

Issue 5 budgets these at 15 KB gzipped together; the vendored mermaid and tablesort are not counted.
The JSON each page carries for them is printed too, for the record (it is data, outside the budget).

    .venv/bin/python scripts/bench_assets.py    # exits 1 when over budget
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from guide import escape, interactive, render
from guide.sitedata import load_site_data

ROOT = Path(__file__).resolve().parents[1]
ASSETS = (
    "docs/assets/javascripts/chooser.js",
    "docs/assets/javascripts/compare-table.js",
    "docs/assets/stylesheets/interactive.css",
)
BUDGET = 15 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def measure() -> dict[str, int]:
    """Gzipped size of each asset, by path relative to the repository."""
    return {path: gzipped((ROOT / path).read_bytes()) for path in ASSETS}


def data_islands() -> dict[str, int]:
    """Gzipped size of what the Choose and Compare pages embed for their scripts, rendered from data/ as the build does."""
    site = load_site_data()
    return {
        "chooser tree (Choose page)": gzipped(str(escape.json_island(interactive.chooser_data(interactive.chooser(site)))).encode()),
        "filter form (Compare page)": gzipped(render.table_tools().encode()),
    }


def main() -> int:
    sizes = measure()
    width = max(map(len, sizes))
    for path, size in sizes.items():
        print(f"{path:<{width}}  {size:>6,} B gzipped  ({(ROOT / path).stat().st_size:,} B raw)")
    total = sum(sizes.values())
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"{'total':<{width}}  {total:>6,} B gzipped  {verdict} the budget of {BUDGET:,} B (15 KB)")
    print("Also in the pages' HTML (data, not counted):")
    for name, size in data_islands().items():
        print(f"  {name}: {size:,} B gzipped")
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
