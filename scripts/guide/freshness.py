"""When each group of an engine's facts was last checked against its sources, and which checks are due.

An engine's facts come in groups (license, hardware, serving, ...); `checked:` in engines.yaml gives the
day each group was last read against its sources. A group checked more than RECHECK_AFTER_DAYS days ago
is due for another look: `make facts-age` lists those groups, and the build logs them as information.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# Each group of facts and the fields of an entry it covers, in the order engine pages show them.
FACT_GROUPS: dict[str, tuple[str, ...]] = {
    "identity": ("name", "summary", "repos", "homepage", "docs", "sources"),
    "license": ("openness", "license"),
    "audience": ("audience",),
    "runs_on": ("runs_on",),
    "maintainer": ("maintainer",),
    "hardware": ("hardware",),
    "serving": ("serving",),
    "model_formats": ("model_formats",),
    "quantization": ("quantization",),
    "features": ("features",),
    "status": ("status",),
    "advice": ("pick_when", "avoid_when"),
}
RECHECK_AFTER_DAYS = 180


def groups_present(engine: dict[str, Any]) -> list[str]:
    """The groups an entry has facts in (an empty `status: []` counts: it says no note was found)."""
    return [group for group, fields in FACT_GROUPS.items() if any(field in engine for field in fields)]


def checked_on(engine: dict[str, Any], group: str) -> date | None:
    """The day `group` was last checked, or None when the entry gives none."""
    day = (engine.get("checked") or {}).get(group)
    return date.fromisoformat(day) if day else None


@dataclass(frozen=True)
class DueCheck:
    engine: str
    group: str
    checked: date
    age_days: int

    def __str__(self) -> str:
        return f"{self.engine}: {self.group} checked on {self.checked.isoformat()}, {self.age_days} days ago"


def due_checks(engines: list[dict[str, Any]], today: date, after_days: int = RECHECK_AFTER_DAYS) -> list[DueCheck]:
    """Every (engine, group) last checked more than `after_days` days before `today`, oldest first."""
    due = []
    for engine in engines:
        for group in groups_present(engine):
            day = checked_on(engine, group)
            if day is not None and (today - day).days > after_days:
                due.append(DueCheck(engine["id"], group, day, (today - day).days))
    return sorted(due, key=lambda check: check.checked)
