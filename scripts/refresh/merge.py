"""What data/github.yaml holds after a refresh: new figures where read, the old ones (marked stale) where not."""

from __future__ import annotations

from typing import Any

from guide.formatting import day
from refresh.outcome import Outcome

Entry = dict[str, Any]


def merge(previous: dict[str, Entry], slugs: list[str], outcome: Outcome, now: str) -> dict[str, Entry]:
    """One entry per slug in data/engines.yaml; slugs dropped from there are dropped here too."""
    merged: dict[str, Entry] = {}
    for slug in slugs:
        old = previous.get(slug)
        if slug in outcome.fetched:
            merged[slug] = refreshed(old, outcome.fetched[slug].entry)
        elif old is not None:
            merged[slug] = marked_stale(old, outcome.why_not_fetched(slug), now)
    return merged


def refreshed(old: Entry | None, new: Entry) -> Entry:
    if old is not None and "latest_release" not in new and "latest_release" in old:
        new = {**new, "latest_release": old["latest_release"]}  # REST does not report releases
    # Same figures read again the same day: keep the entry as it is, so a rerun makes no diff. On a later
    # day the new reading time is kept, or quiet repositories would look stale to the site.
    if old is not None and _without_time(old) == _without_time(new) and day(old["fetched_at"]) == day(new["fetched_at"]):
        return old
    return new


def marked_stale(old: Entry, reason: str, now: str) -> Entry:
    """The previous figures, kept, with when they stopped being refreshed and why."""
    return {**old, "stale_since": old.get("stale_since", now), "last_error": reason}


def _without_time(entry: Entry) -> Entry:
    return {key: value for key, value in entry.items() if key != "fetched_at"}
