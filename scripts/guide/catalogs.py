"""The estimator's catalogs: models, hardware, weight and KV-cache formats, engine memory rules and the
published measurements, each read and checked against its schema, then across files.

`load_catalogs()` raises `DataError` with one line per problem (file, entry, field, what was expected),
like `load_site_data()`. Measurements are loaded apart (`load_measurements()`): only calibration needs them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guide.cache import cached_json, key_of
from guide.loading import SCHEMA_DIR, entry_problem, load_checked
from guide.problems import DataError, Problem, nearest
from guide.sitedata import DATA_DIR, label

MODELS_FILE = "models.yaml"
HARDWARE_FILE = "hardware.yaml"
FORMATS_FILE = "formats.yaml"
ENGINE_MEMORY_FILE = "engine-memory.yaml"
MEASUREMENTS_FILE = "measurements.yaml"
CATALOG_FILES = (MODELS_FILE, HARDWARE_FILE, FORMATS_FILE, ENGINE_MEMORY_FILE)


@dataclass
class Catalogs:
    models: dict[str, dict[str, Any]]
    hardware: dict[str, dict[str, Any]]
    formats: dict[str, dict[str, Any]]
    format_families: dict[str, dict[str, Any]]
    kv_cache_types: dict[str, dict[str, Any]]
    engine_memory: dict[str, dict[str, Any]]
    unified_memory: dict[str, dict[str, Any]]
    default_host: dict[str, str]
    engines: dict[str, dict[str, Any]]
    data_dir: Path = field(default=DATA_DIR, repr=False)


def _schema_name(file: str) -> str:
    return file.removesuffix(".yaml")


def load_catalogs(engines: list[dict[str, Any]], data_dir: Path = DATA_DIR) -> Catalogs:
    """The catalogs, checked; `engines` are engines.yaml's entries (already checked), which the formats and
    engine memory rules refer to. Checked catalogs are kept in .cache/catalogs/ by a hash of the files, their
    schemas and the engine ids (guide/cache.py): a build then reads one JSON file instead of re-checking."""
    files = [data_dir / name for name in CATALOG_FILES] + [SCHEMA_DIR / f"{_schema_name(n)}.schema.json" for n in CATALOG_FILES]
    code = [Path(__file__), Path(__file__).with_name("loading.py")]
    key = key_of([*files, *code], json.dumps(sorted(e["id"] for e in engines)))
    tables = cached_json("catalogs", key, lambda: asdict(_load_catalogs(engines, data_dir), dict_factory=_plain))
    return Catalogs(**{**tables, "engines": {e["id"]: e for e in engines}, "data_dir": data_dir})


def _plain(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """Catalogs as JSON: the engines come from engines.yaml and the folder from the caller, so neither is stored."""
    return {k: v for k, v in items if k not in ("engines", "data_dir")}


def _load_catalogs(engines: list[dict[str, Any]], data_dir: Path) -> Catalogs:
    problems: list[Problem] = []
    loaded: dict[str, tuple[Any, yaml.Node | None]] = {}
    for name in CATALOG_FILES:
        try:
            loaded[name] = load_checked(data_dir / name, _schema_name(name), label(data_dir, name))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    engine_ids = {e["id"]: e for e in engines}
    checks = _Checks(data_dir, loaded)
    models = checks.unique(MODELS_FILE, "models")
    hardware = checks.unique(HARDWARE_FILE, "devices")
    formats = checks.unique(FORMATS_FILE, "weight_formats")
    families = checks.unique(FORMATS_FILE, "families")
    kv_types = checks.unique(FORMATS_FILE, "kv_cache_types")
    rules = checks.unique(ENGINE_MEMORY_FILE, "engines", id_field="engine")
    for index, model in enumerate(loaded[MODELS_FILE][0]["models"]):
        checks.model(index, model)
    for index, device in enumerate(loaded[HARDWARE_FILE][0]["devices"]):
        sizes = device["memory"]["sizes_gb"]
        if sizes != sorted(set(sizes)):
            checks.problem(HARDWARE_FILE, "devices", index, device, "memory.sizes_gb", f"{sizes}, expected ascending sizes, each once", "memory", "sizes_gb")
    for index, family in enumerate(loaded[FORMATS_FILE][0]["families"]):
        for e_index, engine in enumerate(family["engines"]):
            if engine not in engine_ids:
                checks.problem(FORMATS_FILE, "families", index, family, f"engines[{e_index}]", f"'{engine}' is not an engine id in engines.yaml", "engines", e_index)
    for index, weight_format in enumerate(loaded[FORMATS_FILE][0]["weight_formats"]):
        if weight_format["family"] not in families:
            checks.problem(FORMATS_FILE, "weight_formats", index, weight_format, "family", f"'{weight_format['family']}' is not a family id, expected one of {', '.join(families)}", "family")
    memory = loaded[ENGINE_MEMORY_FILE][0]
    for index, rule in enumerate(memory["engines"]):
        if rule["engine"] not in engine_ids:
            checks.problem(ENGINE_MEMORY_FILE, "engines", index, rule, "engine", f"'{rule['engine']}' is not an engine id in engines.yaml", "engine")
    for kind, host in memory["offload_hosts"].items():
        if hardware.get(host, {}).get("kind") != "cpu":
            checks.problems.append(Problem(label(data_dir, ENGINE_MEMORY_FILE), f"'{host}' is not a cpu device in hardware.yaml", field=f"offload_hosts.{kind}"))
    if checks.problems:
        raise DataError(checks.problems)
    return Catalogs(
        models=models,
        hardware=hardware,
        formats=formats,
        format_families=families,
        kv_cache_types=kv_types,
        engine_memory=rules,
        unified_memory=memory["unified_memory"],
        default_host=memory["offload_hosts"],
        engines=engine_ids,
        data_dir=data_dir,
    )


class _Checks:
    """Cross-entry checks of the loaded catalogs, collecting problems."""

    def __init__(self, data_dir: Path, loaded: dict[str, tuple[Any, yaml.Node | None]]):
        self.data_dir, self.loaded, self.problems = data_dir, loaded, []

    def problem(self, file: str, key: str, index: int, item: Any, field_name: str, message: str, *path: Any) -> None:
        self.problems.append(entry_problem(label(self.data_dir, file), self.loaded[file][1], key, index, item, field_name, message, *path))

    def unique(self, file: str, key: str, *, id_field: str = "id") -> dict[str, dict[str, Any]]:
        """The entries of list `key`, by their `id_field`; a repeated one is a problem."""
        entries: dict[str, dict[str, Any]] = {}
        for index, item in enumerate(self.loaded[file][0][key]):
            ident = item[id_field]
            if ident in entries:
                self.problem(file, key, index, item, id_field, f"duplicate {id_field} '{ident}', expected each once", id_field)
            entries.setdefault(ident, item)
        return entries

    def model(self, index: int, model: dict[str, Any]) -> None:
        arch, attention = model["architecture"], model["attention"]
        if arch.get("layers") is None:
            return  # unverified architecture: the estimator refuses this model by name
        linear = (attention.get("linear") or {}).get("layers", 0)
        counted = attention["full_layers"] + attention["windowed_layers"] + linear
        if counted != arch["layers"]:
            self.problem(MODELS_FILE, "models", index, model, "attention", f"full_layers + windowed_layers + linear.layers = {counted}, expected architecture.layers ({arch['layers']})", "attention")
        if attention["windowed_layers"] and not attention.get("window"):
            self.problem(MODELS_FILE, "models", index, model, "attention.window", "missing, expected the window in tokens when windowed_layers > 0", "attention")
        if model["params"]["active_b"] > model["params"]["total_b"]:
            self.problem(MODELS_FILE, "models", index, model, "params.active_b", f"{model['params']['active_b']:g} B, expected at most total_b ({model['params']['total_b']:g} B)", "params", "active_b")
        if model.get("moe") and model["params"]["active_b"] == model["params"]["total_b"]:
            self.problem(MODELS_FILE, "models", index, model, "params.active_b", "equals total_b for a mixture-of-experts model, expected the parameters read per token", "params", "active_b")


def load_measurements(catalogs: Catalogs) -> list[dict[str, Any]]:
    """data/measurements.yaml, checked, with every row naming a model, device, engine and format that exist."""
    name = MEASUREMENTS_FILE
    data, nodes = load_checked(catalogs.data_dir / name, _schema_name(name), label(catalogs.data_dir, name))
    checks = _Checks(catalogs.data_dir, {name: (data, nodes)})
    checks.unique(name, "measurements")
    tables = {
        "model": (catalogs.models, MODELS_FILE),
        "hardware": (catalogs.hardware, HARDWARE_FILE),
        "engine": (catalogs.engines, "engines.yaml"),
        "format": (catalogs.formats, FORMATS_FILE),
    }
    for index, row in enumerate(data["measurements"]):
        for field_name, (table, file) in tables.items():
            value = row.get(field_name)
            if value is not None and value not in table:
                message = f"'{value}' is not an id in {file}{nearest(value, list(table))}"
                checks.problem(name, "measurements", index, row, field_name, message, field_name)
    if checks.problems:
        raise DataError(checks.problems)
    return data["measurements"]
