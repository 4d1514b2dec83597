"""`python scripts/refresh_stars.py`: refresh data/github.yaml and data/history/stars.csv from GitHub."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from guide.history import load_history
from guide.loading import load_checked
from guide.problems import DataError
from guide.sitedata import DATA_DIR, ENGINES_FILE, GITHUB_FILE, HISTORY_FILE, label, repo_slugs
from refresh.client import BadCredentials, GitHubClient, RetryPolicy
from refresh.graphql import graphql_jobs
from refresh.merge import merge
from refresh.outcome import Job, Outcome, collect
from refresh.rest import rest_jobs
from refresh.store import load_figures, record_stars, write_figures
from refresh.summary import summarize

EXIT_ALL_REFRESHED = 0
EXIT_SOME_FAILED = 1  # what was read is written; the rest is kept and marked stale
EXIT_NOTHING_FETCHED = 3  # no file changed (bad token, rate limit, GitHub down, or every repository failed)
EXIT_BAD_DATA = 4  # a data file is invalid or cannot be written; no file changed

EXIT_STATUSES = f"""exit statuses:
  {EXIT_ALL_REFRESHED}  every repository was refreshed
  {EXIT_SOME_FAILED}  some repositories failed: the others were written, the failed ones kept and marked stale
  2  wrong command-line options
  {EXIT_NOTHING_FETCHED}  nothing could be fetched; no file was changed
  {EXIT_BAD_DATA}  a data file is invalid (no file was changed) or could not be written

environment: GITHUB_TOKEN (optional; with it one GraphQL request covers 100 repositories),
GITHUB_API_URL, GITHUB_GRAPHQL_URL (default: github.com), GITHUB_STEP_SUMMARY (summary appended there)"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    defaults = RetryPolicy()
    parser = argparse.ArgumentParser(
        prog="refresh_stars.py",
        description=__doc__,
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("GUIDE_DATA_DIR") or DATA_DIR),
        help="data directory (default: $GUIDE_DATA_DIR, else the repo's data/)",
    )
    parser.add_argument("--summary-file", type=Path, help="also write the Markdown summary here (a PR body)")
    parser.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per request")
    parser.add_argument("--attempts", type=int, default=defaults.attempts, help="tries per request")
    parser.add_argument("--backoff", type=float, default=defaults.backoff, help="first retry wait, doubled each time")
    parser.add_argument(
        "--max-wait", type=float, default=defaults.max_wait, help="longest rate-limit wait; longer ones stop the run"
    )
    parser.add_argument(
        "--secondary-wait",
        type=float,
        default=defaults.secondary_wait,
        help="wait for a rate limit that gives no time, doubled each time",
    )
    args = parser.parse_args(argv)
    if args.attempts < 1 or min(args.timeout, args.backoff, args.max_wait, args.secondary_wait) < 0:
        parser.error("--attempts must be at least 1 and the times not negative")
    return args


def main(argv: list[str] | None = None, now: datetime | None = None) -> int:
    status, _ = run(parse_args(argv), now or datetime.now(timezone.utc))
    return status


def run(args: argparse.Namespace, now: datetime) -> tuple[int, Outcome | None]:
    """The whole refresh; returns the exit status and, once GitHub was asked, what it answered."""
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    data_dir: Path = args.data_dir
    try:
        engines, _ = load_checked(data_dir / ENGINES_FILE, "engines", label(data_dir, ENGINES_FILE))
        previous = load_figures(data_dir / GITHUB_FILE, label(data_dir, GITHUB_FILE))
        history = load_history(data_dir / HISTORY_FILE, label(data_dir, HISTORY_FILE))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_DATA, None
    slugs = repo_slugs(engines["engines"])

    token = os.environ.get("GITHUB_TOKEN") or None
    policy = RetryPolicy(args.timeout, args.attempts, args.backoff, args.max_wait, args.secondary_wait)
    jobs, how = plan(slugs, stamp, with_token=token is not None)
    try:
        outcome = collect(GitHubClient(token, policy), jobs)
    except BadCredentials as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOTHING_FETCHED, None
    if outcome.stopped:
        print(f"error: stopped early: {outcome.stopped}", file=sys.stderr)

    # With nothing read, nothing is written: the summary must not announce removals or stale marks.
    merged = merge(previous, slugs, outcome, stamp) if outcome.fetched else previous
    summary = summarize(previous, merged, outcome, slugs, how, now.date().isoformat())
    if not outcome.fetched:
        summary += "\nNothing could be fetched; no file was changed.\n"
    try:
        if outcome.fetched:
            write_figures(data_dir / GITHUB_FILE, merged)
            stars = {slug: fetched.entry["stars"] for slug, fetched in outcome.fetched.items()}
            record_stars(data_dir / HISTORY_FILE, history, now.date(), stars)
        publish(summary, args.summary_file)
    except OSError as exc:
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_DATA, outcome

    if not outcome.fetched:
        return EXIT_NOTHING_FETCHED, outcome
    return (EXIT_ALL_REFRESHED if outcome.complete else EXIT_SOME_FAILED), outcome


def plan(slugs: list[str], stamp: str, with_token: bool) -> tuple[list[Job], str]:
    """The requests to make, and how the summary names the way they ask."""
    if with_token:
        graphql_url = os.environ.get("GITHUB_GRAPHQL_URL") or "https://api.github.com/graphql"
        return graphql_jobs(graphql_url, slugs, stamp), "through GraphQL"
    api_url = (os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    print("No GITHUB_TOKEN: asking the REST API one repository at a time (60 requests an hour).", file=sys.stderr)
    return rest_jobs(api_url, slugs, stamp), "through REST, without a token,"


def publish(summary: str, summary_file: Path | None) -> None:
    """Print the summary, and hand it to the Actions job page and to the pull request when asked."""
    sys.stdout.write(summary)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as handle:
            handle.write(summary)
    if summary_file:
        summary_file.write_text(summary, encoding="utf-8")
