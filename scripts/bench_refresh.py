"""Benchmark the star refresh against the fake GitHub with 100 ms added to every request.

For 20 and 200 repositories it runs the whole refresh both ways in one go:
with a token (GraphQL, 100 repositories a request) and the naive way (REST,
one request a repository, as without a token). It prints the requests made,
the wall time of the whole refresh and of its GitHub part (reading and writing
the data files excluded), and how each compares with the latency of those
requests alone. Each figure is the best of three runs: other work on the
machine only ever adds time.

    .venv/bin/python scripts/bench_refresh.py    # exit 1 if a GraphQL target is missed
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "refresh"))

from engines_file import write_engines  # noqa: E402
from fake_github import TOKEN, FakeGitHub  # noqa: E402

from refresh.cli import EXIT_ALL_REFRESHED, parse_args, run  # noqa: E402

LATENCY = 0.100
RUNS = 3
SIZES = (20, 200)
APPROACHES = {"GraphQL (token)": TOKEN, "REST (naive)": None}


def best_of_runs(repos: int, token: str | None) -> tuple[int, float, float]:
    runs = [measure(repos, token) for _ in range(RUNS)]
    return runs[0][0], min(run[1] for run in runs), min(run[2] for run in runs)


def measure(repos: int, token: str | None) -> tuple[int, float, float]:
    """Requests made, wall seconds of the whole refresh and of its GitHub part, for `repos` repositories."""
    slugs = [f"org-{i // 10}/repo-{i}" for i in range(repos)]
    with FakeGitHub(latency=LATENCY) as fake, tempfile.TemporaryDirectory() as tmp:
        for slug in slugs:
            fake.add(slug)
        write_engines(Path(tmp), slugs)
        os.environ.update(GITHUB_API_URL=fake.api_url, GITHUB_GRAPHQL_URL=fake.graphql_url)
        for name in ("GITHUB_TOKEN", "GITHUB_STEP_SUMMARY"):
            os.environ.pop(name, None)
        if token:
            os.environ["GITHUB_TOKEN"] = token
        args = parse_args(["--data-dir", tmp])
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status, outcome = run(args, datetime.now(timezone.utc))
        wall = time.perf_counter() - started
    if status != EXIT_ALL_REFRESHED or outcome is None:
        raise SystemExit(f"the refresh of {repos} repositories exited {status}")
    if outcome.requests != len(fake.requests):
        raise SystemExit(f"the client counted {outcome.requests} requests, the fake {len(fake.requests)}")
    return outcome.requests, wall, outcome.seconds


def main() -> int:
    measure(2, TOKEN)  # warm-up: imports, schema compilation; not timed
    print(f"Every request to the fake GitHub takes {LATENCY * 1000:.0f} ms more. Times in seconds.\n")
    print(
        f"{'repos':>5}  {'approach':<16}{'requests':>8}  {'latency':>7}  {'refresh':>7} {'ratio':>6}"
        f"  {'GitHub part':>11} {'ratio':>6}  target (token): requests, GitHub part ≤ 1.5x latency"
    )
    missed = 0
    for repos in SIZES:
        refresh_walls = {}
        for name, token in APPROACHES.items():
            requests, wall, github = best_of_runs(repos, token)
            latency = requests * LATENCY
            refresh_walls[name] = wall
            verdict = ""
            if token:
                most = math.ceil(repos / 100)
                met = requests <= most and github <= 1.5 * latency
                missed += not met
                verdict = f"≤ {most}, ≤ 1.5x: {'met' if met else 'MISSED'}"
            print(
                f"{repos:>5}  {name:<16}{requests:>8}  {latency:>7.2f}  {wall:>7.2f} {wall / latency:>5.2f}x"
                f"  {github:>11.2f} {github / latency:>5.2f}x  {verdict}"
            )
        naive, batched = refresh_walls["REST (naive)"], refresh_walls["GraphQL (token)"]
        print(f"{'':>7}GraphQL refreshes {repos} repositories {naive / batched:.0f}x faster than one REST request each\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
