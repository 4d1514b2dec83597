"""Reading and writing data/github.yaml and the star history, deterministically and atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from guide.atomic import write_text_atomic
from guide.history import Snapshot, merge_snapshots, write_history
from guide.loading import load_checked

# libyaml when present (the same output, faster), as guide.loading does for reading.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

HEADER = (
    "# yaml-language-server: $schema=schemas/github.schema.json\n"
    "# Machine-written: scripts/refresh_stars.py rewrites this file. Do not edit it by hand.\n"
)


def load_figures(path: Path, label: str) -> dict[str, dict[str, Any]]:
    """The stored entries by slug; none before the first refresh."""
    if not path.exists():
        return {}
    data, _ = load_checked(path, "github", label)
    return data["repos"]


def format_figures(repos: dict[str, dict[str, Any]]) -> str:
    # Sorted keys and a wide line limit: the same figures always give the same bytes.
    body = yaml.dump(
        {"repos": repos}, Dumper=_DUMPER, sort_keys=True, allow_unicode=True, default_flow_style=False, width=4096
    )
    return HEADER + body


def write_figures(path: Path, repos: dict[str, dict[str, Any]]) -> None:
    write_text_atomic(path, format_figures(repos))


def record_stars(path: Path, existing: list[Snapshot], day: date, stars: dict[str, int]) -> None:
    """Add today's reading of each repository to the history; a second run today replaces its rows."""
    today = [Snapshot(day, slug, count) for slug, count in stars.items()]
    write_history(path, merge_snapshots(existing, today))
