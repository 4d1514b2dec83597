"""A data/engines.yaml of our own for the tests and the benchmark: the fewest fields the schema accepts."""

from __future__ import annotations

from pathlib import Path

import yaml

SOURCE = "https://example.org/source"
CHECKED = "2025-11-15"  # every group needs the day it was checked


def minimal_engine(engine_id: str, slugs: list[str]) -> dict:
    return {
        "id": engine_id,
        "name": engine_id,
        "homepage": "https://example.org",
        "sources": [SOURCE],
        "openness": "open-source",
        "license": {"spdx": "MIT", "sources": [SOURCE]},
        "audience": {"group": "local", "scale": "One machine", "sources": [SOURCE]},
        "hardware": {"nvidia": True, "amd": None, "intel": None, "apple": None, "cpu": True, "sources": [SOURCE]},
        "repos": [{"slug": slug} for slug in slugs],
        "checked": {group: CHECKED for group in ("identity", "license", "audience", "hardware")},
    }


def write_engines(data_dir: Path, slugs: list[str]) -> None:
    """One engine a repository."""
    engines = [minimal_engine(f"engine-{i}", [slug]) for i, slug in enumerate(slugs)]
    (data_dir / "engines.yaml").write_text(yaml.safe_dump({"engines": engines}), encoding="utf-8")
