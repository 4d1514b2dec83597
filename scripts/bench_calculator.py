"""The calculator's weight and speed: gzipped bytes of its scripts and data, and the time one input change takes.

Builds the site into a temporary folder, serves it on 127.0.0.1 and drives the calculator page in headless
Chromium: each sample changes the context field (an `input` event, which recomputes synchronously) and
times the handler, with the reverse lists closed and then open (their 69 devices and 43 models are
evaluated on every change). Times are medians over the samples and are also given as a ratio to one
estimate() call timed in the same page, the baseline of this run.

    .venv/bin/python scripts/bench_calculator.py [--samples 200]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import re
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from sitebrowser import CHROMIUM_FLAGS, build_site, chromium_executable  # noqa: E402

OWN_SCRIPTS = ("calculator.js", "estimator.js")
SHARED_SCRIPTS = ("launch.js",)  # the launch commands, also on the Choose page
DATA = ("api/estimator.json", "api/launch.json")
BUDGETS = {"own JavaScript": 12 * 1024, "data": 40 * 1024}

TIME_CHANGES = """async ([samples, open]) => {
  for (const d of document.querySelectorAll("details[data-reverse]")) d.open = open;
  await new Promise((r) => setTimeout(r, 50));
  const field = document.getElementById("calc-context");
  const times = [];
  for (let i = 0; i < samples; i++) {
    field.value = String(4096 + (i % 64) * 512);
    const start = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    times.push(performance.now() - start);
  }
  return times;
}"""
TIME_ESTIMATE = """async (samples) => {
  const data = await fetch(document.querySelector("script[data-guide-estimator]").dataset.guideEstimator).then((r) => r.json());
  const state = { model: "llama-3.1-405b", format: "q4_k_m", context: 8192, batch: 1, prompt_tokens: 1000, kv_cache_type: "f16",
    device: "nvidia-h100-sxm", memory_gb: null, bandwidth_gb_s: null, gpus: 8, split: "tensor", engine: "vllm" };
  const times = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    for (let j = 0; j < 100; j++) window.guideEstimator.estimate(data, { ...state, context: 4096 + j });
    times.push((performance.now() - start) / 100);
  }
  return times;
}"""


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def sizes(site: Path) -> dict[str, int]:
    scripts = site / "assets" / "javascripts"
    page = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    settings = re.search(r'<script type="application/json" id="guide-calc-form">(.*?)</script>', page, re.S).group(1)
    return {
        "own JavaScript": sum(gzipped((scripts / name).read_bytes()) for name in OWN_SCRIPTS),
        "with the launch script": sum(gzipped((scripts / name).read_bytes()) for name in OWN_SCRIPTS + SHARED_SCRIPTS),
        "data": sum(gzipped((site / name).read_bytes()) for name in DATA) + gzipped(settings.encode()),
    }


def timings(site: Path, samples: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/calculator/")
            page.wait_for_selector(".guide-calc[data-ready]")
            page.evaluate(TIME_CHANGES, [20, True])  # warm-up: the JIT compiles the hot paths
            closed = page.evaluate(TIME_CHANGES, [samples, False])
            opened = page.evaluate(TIME_CHANGES, [samples, True])
            one = page.evaluate(TIME_ESTIMATE, max(20, samples // 10))
            browser.close()
    finally:
        server.shutdown()
    return {"closed": statistics.median(closed), "open": statistics.median(opened), "estimate": statistics.median(one)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        result = build_site(site)
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        measured = sizes(site)
        times = timings(site, args.samples)
    for name, size in measured.items():
        budget = BUDGETS.get(name)
        verdict = f"  (budget {budget:,} B: {'within' if size <= budget else 'OVER'})" if budget else ""
        print(f"{name:<24} {size:>7,} B gzipped{verdict}")
    base = times["estimate"]
    print(f"one estimate()           {base * 1000:>7.1f} µs  (baseline)")
    for key, label in (("closed", "input change, lists shut"), ("open", "input change, lists open")):
        print(f"{label:<24} {times[key]:>7.2f} ms  ({times[key] / base:,.0f}x one estimate; target median <= 4 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
