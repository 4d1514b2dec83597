"""Star change over the last 7, 30 and 90 days, from our own snapshots only.

The rules (the About page states them for readers):

- A repository's series is its readings under its current slug plus those under any slug it had
  before a rename or transfer (`formerly` on the repository in engines.yaml). Slugs match
  case-insensitively, as on GitHub. One reading per day: of two rows for the same day the later one
  in the file wins (as `merge_snapshots` does), and a reading under the current slug wins over one
  under an old slug.
- Readings after `today` are ignored, so a build is reproducible for a given date.
- The change over N days runs from the latest reading back to the latest reading on or before N days
  earlier. The window counts as covered only when that earlier reading is at most `slack(N)` days
  before the window's start (a missed run, not a hole) and the latest reading falls within the last
  N days before `today`. Otherwise the change is None and pages show "—". Nothing is interpolated or
  extrapolated: every figure is the difference of two real readings, whose dates go with it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from guide.history import Snapshot
from guide.sitedata import SiteData, primary_repo

WINDOWS = (7, 30, 90)
FASTEST_WINDOW = 30
SPARKLINE_DAYS = 365


def slack(days: int) -> int:
    """How many days before a window's start its first reading may be: a fifth of the window, at
    least one day. Enough for the weekly refresh to cover 30 and 90 days, while a 7-day change never
    spans more than 8 days."""
    return max(1, days // 5)


@dataclass(frozen=True)
class Change:
    days: int
    start: Snapshot
    end: Snapshot

    @property
    def stars(self) -> int:
        return self.end.stars - self.start.stars

    @property
    def percent(self) -> float | None:
        return 100 * self.stars / self.start.stars if self.start.stars else None


@dataclass(frozen=True)
class RepoTrend:
    """What the history says about one repository as of one day."""

    slug: str
    series: tuple[Snapshot, ...]
    changes: dict[int, Change | None]
    formerly: tuple[str, ...] = ()  # the repository's former slugs, whose readings the series includes


def index_history(history: Iterable[Snapshot]) -> dict[str, list[Snapshot]]:
    """Readings grouped by lower-cased slug, in file order (which decides between duplicate days)."""
    grouped: dict[str, list[Snapshot]] = defaultdict(list)
    for snapshot in history:
        grouped[snapshot.repo.lower()].append(snapshot)
    return grouped


def series(indexed: dict[str, list[Snapshot]], slugs: Sequence[str], today: date) -> list[Snapshot]:
    """One reading per day up to `today`, sorted; `slugs[0]` is the current slug, the rest former ones."""
    by_day: dict[date, Snapshot] = {}
    # Former slugs first, so that the current slug's reading overwrites theirs on a shared day.
    for slug in reversed(slugs):
        for snapshot in indexed.get(slug.lower(), ()):
            if snapshot.day <= today:
                by_day[snapshot.day] = snapshot
    return [by_day[day] for day in sorted(by_day)]


def change(readings: Sequence[Snapshot], days: int, today: date) -> Change | None:
    """The change over the last `days` days, or None when the readings do not cover that window."""
    if not readings:
        return None
    end = readings[-1]
    if end.day < today - timedelta(days=days):
        return None
    window_start = end.day - timedelta(days=days)
    index = bisect_right(readings, window_start, key=lambda s: s.day) - 1
    if index < 0:
        return None
    start = readings[index]
    if (window_start - start.day).days > slack(days):
        return None
    return Change(days, start, end)


def repo_trend(indexed: dict[str, list[Snapshot]], slugs: Sequence[str], today: date) -> RepoTrend:
    readings = series(indexed, slugs, today)
    return RepoTrend(slugs[0], tuple(readings), {days: change(readings, days, today) for days in WINDOWS}, tuple(slugs[1:]))


def recent(readings: Sequence[Snapshot], days: int = SPARKLINE_DAYS) -> Sequence[Snapshot]:
    """The readings of the last `days` days before the latest one (what a sparkline draws)."""
    if not readings:
        return readings
    first = readings[-1].day - timedelta(days=days)
    return readings[bisect_left(readings, first, key=lambda s: s.day) :]


def tracked_slugs(engine: dict[str, Any]) -> list[str] | None:
    """The primary repository's slug followed by its former slugs; None for an engine without one."""
    slug = primary_repo(engine)
    if slug is None:
        return None
    repo = next(r for r in engine["repos"] if r["slug"] == slug)
    return [slug, *repo.get("formerly", [])]


# One build asks for the same trends from the table, the Compare page, every engine page and the
# export: work them out once per (history, day) and hand back the same result.
def site_trends(site: SiteData, today: date) -> dict[str, RepoTrend | None]:
    """Each engine's trend (by engine id), None for an engine without a primary repository.

    Worked out once per site and day: the table, the engine pages and the export all ask for it."""
    key = ("trends", today)
    if key not in site.derived:
        indexed = index_history(site.history)
        site.derived[key] = {
            engine["id"]: repo_trend(indexed, slugs, today) if (slugs := tracked_slugs(engine)) else None
            for engine in site.engines
        }
    return site.derived[key]


def fastest_growing(site: SiteData, today: date, days: int = FASTEST_WINDOW, limit: int = 5) -> list[dict[str, Any]]:
    """Engines that gained the most stars over `days`, most first; only covered windows with a gain."""
    rows = []
    for engine in site.engines:
        trend = site_trends(site, today)[engine["id"]]
        found = trend.changes.get(days) if trend else None
        if found is not None and found.stars > 0:
            rows.append({"engine": engine, "change": found, "trend": trend})
    rows.sort(key=lambda row: (-row["change"].stars, row["engine"]["name"].lower()))
    return rows[:limit]


def history_span(site: SiteData, today: date) -> tuple[date, date] | None:
    """First and last day of the whole history up to `today`, for the empty state's wording."""
    days = [s.day for s in site.history if s.day <= today]
    return (min(days), max(days)) if days else None
