"""Freshness and status badges for an engine, from github.yaml and the curated status notes.

Rules, in the order the badges are shown:
- archived: GitHub reports the primary repository as archived;
- maintenance mode: engines.yaml has a status note of kind `maintenance` (the latest one is shown);
- license mismatch: GitHub's detected license differs from the curated SPDX id (views.detected_license);
- stale data: the refresh marked the figures stale (`stale_since`), or they were read more than
  `stale_after_days` days before `today` (exactly that many days old is still fresh).
An engine without GitHub figures gets no GitHub badge: its cells already say "not fetched yet".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from guide import views
from guide.formatting import day
from guide.sitedata import SiteData, primary_repo

DEFAULT_STALE_AFTER_DAYS = 14


@dataclass(frozen=True)
class Badge:
    kind: str  # archived | maintenance | license-mismatch | stale: also the CSS modifier
    label: str
    detail: str  # one sentence with the date it rests on, for the hover text and the engine page


def age_in_days(figures: dict[str, Any], today: date) -> int:
    return (today - date.fromisoformat(day(figures["fetched_at"]))).days


def stale(figures: dict[str, Any], today: date, stale_after_days: int) -> Badge | None:
    as_of = day(figures["fetched_at"])
    if figures.get("stale_since"):
        reason = f": {figures['last_error']}" if figures.get("last_error") else ""
        return Badge(
            "stale",
            "stale data",
            f"The refresh of {day(figures['stale_since'])} could not read this repository{reason}. "
            f"The figures shown are from {as_of}.",
        )
    age = age_in_days(figures, today)
    if age > stale_after_days:
        return Badge(
            "stale",
            "stale data",
            f"The GitHub figures are from {as_of}, {age} days before this build "
            f"(figures count as stale after {stale_after_days} days).",
        )
    return None


def badges(site: SiteData, engine: dict[str, Any], *, today: date, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> list[Badge]:
    found: list[Badge] = []
    figures = site.github.get(primary_repo(engine) or "")
    if figures and figures.get("archived"):
        found.append(
            Badge("archived", "archived", f"GitHub reports the repository as archived (read-only), as of {day(figures['fetched_at'])}.")
        )
    maintenance = [note for note in engine.get("status") or [] if note["kind"] == "maintenance"]
    if maintenance:
        latest = max(maintenance, key=lambda note: note["date"])
        found.append(Badge("maintenance", "maintenance mode", f"Since {latest['date']}: {latest['text']}"))
    detected = views.detected_license(site, engine)
    if figures and detected["mismatch"]:
        curated = engine["license"].get("spdx") or "none"
        found.append(
            Badge(
                "license-mismatch",
                "license mismatch",
                f"GitHub detects {detected['text']} as of {day(figures['fetched_at'])}; the curated license is {curated}.",
            )
        )
    if figures:
        badge = stale(figures, today, stale_after_days)
        if badge:
            found.append(badge)
    return found
