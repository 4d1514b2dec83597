"""Benchmark: how much styling and layout a phone's browser does while each audited page starts.

Lighthouse's blocking time on a shared machine moves with the machine (`make audit` prints its benchmark index);
these counts do not. From Chromium's own trace of each page loading at 412 x 823 px (Lighthouse's phone) until
the network is idle: the elements it styled (every restyle counts each element it visits) and the layout
objects it laid out, summed over the load. The site as it is now against --baseline (default HEAD: what the
uncommitted change does), both built the same way in a temporary folder; median of --runs loads per page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from audit import PAGES
from audit.run import build, serve
from bench_build import baseline_checkout
from guide.diagrams import chromium_executable

ROOT = Path(__file__).resolve().parents[1]
PHONE = {"width": 412, "height": 823}
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def counts(browser, url: str) -> tuple[int, int]:
    """(elements styled, layout objects laid out) while `url` loads, on the renderer's main thread."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()
    main = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    spans = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main]
    styled = sum(e["args"].get("elementCount") or 0 for e in spans if e["name"] == "UpdateLayoutTree")
    laid_out = sum((e["args"].get("beginData") or {}).get("dirtyObjects") or 0 for e in spans if e["name"] == "Layout")
    return styled, laid_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare with (default: HEAD)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page and site; the median is reported")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checkout = baseline_checkout(folder, args.baseline)
        try:
            print(f"Building the site and {args.baseline}...", file=sys.stderr)
            build(ROOT / "mkdocs.yml", folder / "now")
            build(checkout / "mkdocs.yml", folder / "before")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
        found: dict[tuple[str, str], list[tuple[int, int]]] = {}
        with sync_playwright() as playwright, serve(folder / "now") as now, serve(folder / "before") as before:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=["--no-sandbox", "--disable-gpu"])
            for _ in range(args.runs):  # the sites take turns, so drift in the machine falls on both alike
                for name, path in PAGES.items():
                    for site, base in (("now", now), ("before", before)):
                        found.setdefault((name, site), []).append(counts(browser, base + path))
            browser.close()

    print(f"Phone-sized load ({PHONE['width']} x {PHONE['height']} px), median of {args.runs}; before = {args.baseline}")
    header = ("page", "styled before", "styled now", "ratio", "laid out before", "laid out now", "ratio")
    rows = []
    for name in PAGES:
        before_counts = [statistics.median(c[i] for c in found[(name, "before")]) for i in (0, 1)]
        now_counts = [statistics.median(c[i] for c in found[(name, "now")]) for i in (0, 1)]
        rows.append((
            name, f"{before_counts[0]:,.0f}", f"{now_counts[0]:,.0f}", f"{now_counts[0] / before_counts[0]:.2f}",
            f"{before_counts[1]:,.0f}", f"{now_counts[1]:,.0f}", f"{now_counts[1] / before_counts[1]:.2f}",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))


if __name__ == "__main__":
    main()
