"""Build-time cost of star trends and sparklines over 1 year of daily history for 200 repositories.

Prints the time to work out every repository's 7/30/90-day changes plus its sparkline, next to a
baseline from the same run: reading and parsing that history file, which every build does anyway.
Target: trends + sparklines <= 0.5 s. Each figure is the best of several runs (the least noisy).

    .venv/bin/python scripts/bench_trends.py    # exits 1 when over the target
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from guide import trends
from guide.history import Snapshot, load_history, write_history
from guide.sparkline import sparkline

REPOS, DAYS, RUNS = 200, 365, 5
TODAY = date(2026, 11, 27)
TARGET_SECONDS = 0.5


def synthetic_history() -> list[Snapshot]:
    rng = random.Random(5)
    snapshots = []
    for index in range(REPOS):
        stars, rate = rng.randrange(100, 100_000), rng.uniform(0, 80)
        for ago in range(DAYS - 1, -1, -1):
            stars += max(0, int(rng.gauss(rate, rate / 3 + 1)))
            snapshots.append(Snapshot(TODAY - timedelta(days=ago), f"owner{index}/repo{index}", stars))
    return sorted(snapshots)


def best_of(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stars.csv"
        write_history(path, synthetic_history())
        history = load_history(path, "stars.csv")
        slugs = sorted({s.repo for s in history})

        def compute() -> None:
            indexed = trends.index_history(history)
            for slug in slugs:
                trend = trends.repo_trend(indexed, [slug], TODAY)
                sparkline(trends.recent(trend.series), slug)

        baseline = best_of(lambda: load_history(path, "stars.csv"))
        cost = best_of(compute)

    print(f"history: {REPOS} repositories x {DAYS} days = {len(history):,} readings")
    print(f"baseline  load + parse stars.csv:            {baseline:.3f} s")
    print(f"trends    7/30/90-day changes + sparklines: {cost:.3f} s  ({cost / baseline:.2f} x baseline)")
    verdict = "within" if cost <= TARGET_SECONDS else "OVER"
    print(f"target    <= {TARGET_SECONDS} s: {verdict}")
    return 0 if cost <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
