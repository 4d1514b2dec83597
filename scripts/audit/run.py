"""`make audit`: Lighthouse (mobile, median of N runs) and axe-core on every page type, plus a baseline.

Builds the site strictly, and a bare Material page with a Mermaid diagram as the baseline, serves
both on 127.0.0.1 (gzip, as GitHub Pages does) and prints one table. It reports; it is not a test:
Lighthouse scores move by a few points between runs, so the tests enforce only axe, requests and bytes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from audit import PAGES  # noqa: E402
from audit.axe import axe_violations  # noqa: E402
from guide.diagrams import chromium_executable  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
LIGHTHOUSE = ROOT / "scripts" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BASELINE_CONFIG = """\
site_name: Baseline
theme:
  name: material
  font: false  # Google Fonts are unreachable here; keep the baseline on 127.0.0.1 like the site
extra_javascript:
  - mermaid.min.js
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
BASELINE_PAGE = """\
# Baseline

A bare Material for MkDocs page that draws one Mermaid diagram with the full mermaid.min.js.

```mermaid
flowchart LR
    Prompt["Prompt: N tokens"] --> Prefill["Prefill: all N tokens in one parallel pass"]
    Prefill --> Cache["KV cache"]
    Prefill --> First["First output token"]
    First --> Decode["Decode step"]
    Cache --> Decode
    Decode -->|"appends one entry per token"| Cache
```
"""
COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".json", ".xml", ".txt", ".mjs"}


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped like GitHub Pages does, so byte weights match what readers download."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


@contextmanager
def serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(config: Path, destination: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-q", "-f", str(config), "-d", str(destination)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"mkdocs build --strict failed for {config}:\n{result.stderr}")


def build_baseline(work: Path) -> Path:
    docs = work / "baseline" / "docs"
    docs.mkdir(parents=True)
    (work / "baseline" / "mkdocs.yml").write_text(BASELINE_CONFIG)
    (docs / "index.md").write_text(BASELINE_PAGE)
    shutil.copy(ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js", docs)
    build(work / "baseline" / "mkdocs.yml", work / "baseline-site")
    return work / "baseline-site"


def lighthouse(url: str, out: Path, chrome: str) -> dict:
    cmd = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    items = report["audits"]["resource-summary"]["details"]["items"]
    scripts = next((i["transferSize"] for i in items if i["resourceType"] == "script"), 0)
    return {
        **scores,
        "bytes": report["audits"]["total-byte-weight"]["numericValue"],
        "js": scripts,
        "lost": points_lost(report),
        "busiest": busiest_script(report),
        # Lighthouse's measure of this machine's speed during the run: scores fall when it does.
        "benchmark": report["environment"]["benchmarkIndex"],
    }


def busiest_script(report: dict) -> tuple[str, float]:
    """The script with the most main-thread time (Lighthouse's bootup-time), as (file name, ms)."""
    items = [i for i in report["audits"]["bootup-time"]["details"]["items"] if i["url"].startswith("http")]
    top = max(items, key=lambda i: i["total"], default={"url": "-", "total": 0})
    return top["url"].rstrip("/").rsplit("/", 1)[-1] or "-", top["total"]


def points_lost(report: dict) -> dict[str, float]:
    """Performance points each weighted metric cost this run (weight x (1 - its score)), by acronym: what holds
    the score back."""
    refs = [r for r in report["categories"]["performance"]["auditRefs"] if r.get("weight")]
    total = sum(r["weight"] for r in refs)
    return {r["acronym"]: 100 * r["weight"] / total * (1 - (report["audits"][r["id"]]["score"] or 0)) for r in refs}


def axe_counts(browser, url: str) -> str:
    counts = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 412, "height": 823})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)
        counts.append(str(len(axe_violations(page))))
        context.close()
    return "/".join(counts)


def chromium(playwright) -> str:
    """The same Chromium as the build and the tests; Lighthouse gets it through CHROME_PATH."""
    for candidate in (chromium_executable(), playwright.chromium.executable_path):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("No Chromium: run `make browser` or set CHROMIUM_PATH.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--only", nargs="*", help="page names to audit (default: all, plus the baseline)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make audit` (it runs npm ci in scripts/audit).")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        chrome = chromium(playwright)
        work = Path(tmp)
        print("Building the site and the baseline...", file=sys.stderr)
        build(ROOT / "mkdocs.yml", work / "site")
        baseline = build_baseline(work)
        browser = playwright.chromium.launch(executable_path=chrome, args=["--no-sandbox", "--disable-gpu"])
        rows = []
        with serve(work / "site") as site_url, serve(baseline) as baseline_url:
            targets = [(name, site_url + path) for name, path in PAGES.items()] + [("BASELINE material+mermaid", baseline_url)]
            if args.only:
                targets = [t for t in targets if t[0] in args.only]
            for name, url in targets:
                runs = []
                for n in range(args.runs):
                    print(f"lighthouse {name} run {n + 1}/{args.runs}", file=sys.stderr)
                    runs.append(lighthouse(url, work / "report.json", chrome))
                rows.append((name, runs, axe_counts(browser, url)))
        browser.close()
    print_table(rows)


def print_table(rows) -> None:
    header = ("page", "perf (min-max)", "a11y", "best-pr", "SEO", "total KB", "JS KB", "axe light/dark", "points lost to", "busiest script", "machine")
    lines = []
    for name, runs, axe in rows:
        med = {k: statistics.median(r[k] for r in runs) for k in (*CATEGORIES, "bytes", "js")}
        perf = [r["performance"] for r in runs]
        lost = {metric: statistics.median(r["lost"][metric] for r in runs) for metric in runs[0]["lost"]}
        held_back = ", ".join(f"{metric} {points:.1f}" for metric, points in sorted(lost.items(), key=lambda i: -i[1]) if points >= 0.5)
        script = statistics.mode(r["busiest"][0] for r in runs)
        busiest = f"{script} {statistics.median(r['busiest'][1] for r in runs if r['busiest'][0] == script):.0f} ms"
        lines.append((
            name, f"{med['performance']:g} ({min(perf)}-{max(perf)})", f"{med['accessibility']:g}",
            f"{med['best-practices']:g}", f"{med['seo']:g}", f"{med['bytes'] / 1024:.0f}", f"{med['js'] / 1024:.0f}", axe,
            held_back or "-", busiest, f"{statistics.median(r['benchmark'] for r in runs):.0f}",
        ))  # fmt: skip
    widths = [max(len(str(row[i])) for row in (header, *lines)) for i in range(len(header))]
    print(f"Lighthouse {len(rows[0][1])} runs per page, mobile preset, medians; bytes as transferred (gzip);")
    print("points lost to: the median performance points each metric cost (weight x (1 - score)), biggest first;")
    print("busiest script: the one with the most main-thread time (Lighthouse's bootup-time, simulated), median")
    print("machine: Lighthouse's benchmark index of this machine during the page's runs, median (higher is faster)")
    for row in (header, tuple("-" * w for w in widths), *lines):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
