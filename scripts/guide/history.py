"""The star history: our own daily snapshots in data/history/stars.csv.

GitHub no longer lets anyone rebuild a repository's star history, so this
file is the only source of trends. One row per repository per day, sorted by
day then repository, so each refresh appends at the end and diffs stay small.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guide.atomic import write_text_atomic
from guide.loading import read_text, schema
from guide.problems import DataError, Problem

HEADER = ("date", "repo", "stars")
SLUG = re.compile(schema("engines")["$defs"]["repo"]["properties"]["slug"]["pattern"])  # the schemas' rule: they cannot drift


@dataclass(frozen=True, order=True)
class Snapshot:
    day: date
    repo: str
    stars: int


def load_history(path: Path, label: str) -> list[Snapshot]:
    if not path.exists():
        return []
    rows = list(csv.reader(io.StringIO(read_text(path, label))))
    if not rows or tuple(rows[0]) != HEADER:
        raise DataError([Problem(label, f"first line must be the header {','.join(HEADER)}", line=1)])
    snapshots, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        try:
            day_text, repo, stars_text = row
            snapshot = Snapshot(date.fromisoformat(day_text), repo, int(stars_text))
            if snapshot.stars < 0 or not SLUG.match(repo):
                raise ValueError
            snapshots.append(snapshot)
        except ValueError:
            problems.append(
                Problem(label, f"got {','.join(row)!r}, expected YYYY-MM-DD,owner/name,integer", line=number)
            )
    if problems:
        raise DataError(problems)
    return snapshots


def merge_snapshots(existing: list[Snapshot], new: list[Snapshot]) -> list[Snapshot]:
    """Add `new` to `existing`: one row per (day, repo), the newer reading wins, sorted."""
    by_key = {(s.day, s.repo): s for s in existing}
    by_key.update({(s.day, s.repo): s for s in new})
    return sorted(by_key.values())


def format_history(snapshots: list[Snapshot]) -> str:
    """The file's text, rows in the order given: callers pass them sorted (merge_snapshots does)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for s in snapshots:
        writer.writerow((s.day.isoformat(), s.repo, s.stars))
    return out.getvalue()


def write_history(path: Path, snapshots: list[Snapshot]) -> None:
    write_text_atomic(path, format_history(snapshots))
