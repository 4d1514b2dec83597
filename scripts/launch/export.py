"""api/launch.json: what docs/assets/javascripts/launch.js needs to build the same commands as commands.py.

The launch entries as they are (the browser follows their steps), and for each model, format and family the
few fields a request is made of (catalog.request()), so the browser fills a request the same way.
"""

from __future__ import annotations

import json
from typing import Any

from guide.catalogs import Catalogs
from launch.views import EXAMPLE, EXAMPLE_FORMATS

JSON_NAME = "api/launch.json"


def build(catalogs: Catalogs, launch: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "engines": {engine_id: entry for engine_id, entry in launch.items()},
        "engine_names": {engine_id: catalogs.engines[engine_id]["name"] for engine_id in launch},
        "models": {m["id"]: m["hf_repo"] for m in catalogs.models.values()},
        "formats": {f["id"]: [f["name"], f["family"]] for f in catalogs.formats.values()},
        "families": {f["id"]: f["name"] for f in catalogs.format_families.values()},
        "example": {"state": EXAMPLE, "formats": EXAMPLE_FORMATS},
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
