"""What an engine page's "Run it" section shows: install lines, a generic serve command and its test line."""

from __future__ import annotations

from typing import Any

from guide.calculator import calculator_query
from guide.catalogs import Catalogs
from launch.catalog import request
from launch.commands import build

# The generic command: a common 8 B model, as a 4-bit GGUF for engines that load GGUF and as BF16 otherwise.
EXAMPLE = {"model": "llama-3.1-8b", "context": 8192, "batch": 1, "gpus": 1, "kv_cache_type": "f16"}
EXAMPLE_FORMATS = {"gguf": "q4_k_m", "other": "bf16"}


def example_format(catalogs: Catalogs, entry: dict[str, Any], wanted: str | None = None) -> str:
    """The reader's format when the engine loads it, else the example's (the Choose page and engine pages)."""
    if wanted in catalogs.formats and catalogs.formats[wanted]["family"] in entry["loads"]:
        return wanted
    return EXAMPLE_FORMATS["gguf"] if "gguf" in entry["loads"] else EXAMPLE_FORMATS["other"]


def engine_run(catalogs: Catalogs, launch: dict[str, dict[str, Any]], engine_id: str) -> dict[str, Any] | None:
    entry = launch.get(engine_id)
    if entry is None or engine_id not in catalogs.engines:
        return None
    weights = example_format(catalogs, entry)
    command = build(entry, request(catalogs, {**EXAMPLE, "engine": engine_id, "format": weights}))
    sources = []
    for step in entry["steps"]:
        for argument in step["arguments"]:
            name = argument.get("flag") or argument.get("env") or ("model" if "model" in argument else None)
            if name and argument.get("source") and (name, argument["source"]) not in sources:
                sources.append((name, argument["source"]))
    return {
        "entry": entry,
        "example": f"{catalogs.models[EXAMPLE['model']]['name']}, {catalogs.formats[weights]['name']}, {EXAMPLE['context']:,}-token context",
        "command": command,
        "sources": sources,
        "served_by": catalogs.engines[entry["engine"]]["name"] if entry["engine"] != engine_id else None,
        "calculator": calculator_query(catalogs, engine_id, weights),
    }
