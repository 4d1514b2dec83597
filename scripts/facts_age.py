"""List the groups of engine facts last checked more than 180 days ago (`make facts-age`).

    python scripts/facts_age.py                     # as of today (UTC)
    python scripts/facts_age.py --today 2027-06-01  # as of another day, to plan the next round of checks
    python scripts/facts_age.py --data DIR          # another data folder

One line per (engine, group, day checked), oldest first. The status is 0 either way: a group due for a
check is a task, not a failure (the build logs the same list as information). Data that does not load
prints its problems and ends with status 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide.freshness import RECHECK_AFTER_DAYS, due_checks  # noqa: E402
from guide.problems import DataError  # noqa: E402
from guide.sitedata import DATA_DIR, build_day, load_site_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="the day to measure from (YYYY-MM-DD; default: today, UTC)")
    parser.add_argument("--days", type=int, default=RECHECK_AFTER_DAYS, help=f"list groups checked more than this many days before (default {RECHECK_AFTER_DAYS})")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        site = load_site_data(args.data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    today = args.today or build_day()
    due = due_checks(site.engines, today, args.days)
    if not due:
        print(f"Every group of facts was checked within {args.days} days of {today.isoformat()}.")
        return 0
    print(f"{len(due)} group(s) of facts checked more than {args.days} days before {today.isoformat()}:")
    for check in due:
        print(f"  {check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
