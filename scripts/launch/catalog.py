"""data/launch.yaml, read and checked, and the requests the command builder takes, made from catalog ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide.catalogs import Catalogs
from guide.loading import entry_problem, load_checked
from guide.problems import DataError, Problem
from guide.sitedata import DATA_DIR, label

LAUNCH_FILE = "launch.yaml"
SPLITS = ("tensor", "layer")


def load_launch(catalogs: Catalogs, data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """Launch entries by engine id, each also under the ids it `serves` (TabbyAPI for ExLlamaV3)."""
    where = label(data_dir, LAUNCH_FILE)
    data, nodes = load_checked(data_dir / LAUNCH_FILE, "launch", where)
    problems: list[Problem] = []
    by_engine: dict[str, dict[str, Any]] = {}
    kv_types = set(catalogs.kv_cache_types)
    for index, entry in enumerate(data["engines"]):

        def problem(field: str, message: str, *path: Any) -> None:
            problems.append(entry_problem(where, nodes, "engines", index, entry, field, message, *path))

        for ident in [entry["engine"], *entry.get("serves", [])]:
            if ident not in catalogs.engines:
                problem("engine", f"'{ident}' is not an engine id in engines.yaml")
            elif ident in by_engine:
                problem("engine", f"'{ident}' has launch data twice, expected once")
            by_engine.setdefault(ident, entry)
        for family in entry["loads"]:
            if family not in catalogs.format_families:
                problem("loads", f"'{family}' is not a family id in formats.yaml, expected one of {', '.join(catalogs.format_families)}", "loads")
        for s_index, step in enumerate(entry["steps"]):
            for a_index, argument in enumerate(step["arguments"]):
                allowed = kv_types if argument.get("input") == "kv_cache_type" else set(SPLITS) if argument.get("input") == "split" else None
                unknown = sorted(set(argument.get("values", {})) - allowed) if allowed is not None else sorted(argument.get("values", {}))
                if unknown:
                    field = f"steps[{s_index}].arguments[{a_index}].values"
                    expected = ", ".join(sorted(allowed)) if allowed else "no value map for this input"
                    problem(field, f"unknown value(s) {', '.join(unknown)}, expected {expected}", "steps", s_index, "arguments", a_index)
    if problems:
        raise DataError(problems)
    return by_engine


def request(catalogs: Catalogs, state: dict[str, Any]) -> dict[str, Any]:
    """What commands.build() takes, from calculator-style state: engine, model, format (ids), context, batch,
    gpus, split, kv_cache_type and an optional port."""
    model = catalogs.models[state["model"]]
    weight_format = catalogs.formats[state["format"]]
    family = catalogs.format_families[weight_format["family"]]
    gpus = state.get("gpus", 1)
    return {
        "engine": state["engine"],
        "engine_name": catalogs.engines[state["engine"]]["name"],
        "model": model["id"],
        "hf_repo": model["hf_repo"],
        "format": weight_format["name"],
        "family": family["id"],
        "family_name": family["name"],
        "context": state["context"],
        "batch": state.get("batch", 1),
        "gpus": gpus,
        "split": "single" if gpus == 1 else state.get("split") or "layer",
        "kv_cache_type": state.get("kv_cache_type", "f16"),
        "port": state.get("port"),
    }
