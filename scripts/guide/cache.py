"""Results kept between builds in `.cache/<kind>/`, keyed by a hash of everything they were made from.

A changed input gives a new key, so a stale result is never read; an entry is written in one step, so two
builds at once never read half of one. Used where the work is the same on every build but costs enough to
notice (checking the catalogs, fitting and validating the estimator).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from guide.atomic import write_text_atomic

CACHE_ROOT = Path(__file__).resolve().parents[2] / ".cache"


def key_of(files: Iterable[Path], *extra: str) -> str:
    """A hash of the files' names and bytes (a missing file counts as such) and any extra strings."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"\0missing")
    for text in extra:
        digest.update(text.encode())
    return digest.hexdigest()[:32]


def cached_json(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """The JSON-able result stored under `key`, computed (and stored) when there is none."""
    path = CACHE_ROOT / kind / f"{key}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    result = compute()
    write_text_atomic(path, json.dumps(result, sort_keys=True))
    return result
