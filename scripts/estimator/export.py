"""api/estimator.json: everything the calculator needs to give the estimator's answers in the browser.

The browser does no modelling. It gets each model's, device's, format's and engine's coefficients already
worked out here by `coefficients.py`, the fitted efficiency for every device family, engine and split
(resolved here by `calibration.fallbacks`), and the sentences of `explain.py`; estimator.js then evaluates
`closed_form` step by step. tests/browser/test_conformance.py checks both sides agree on 500+ requests.
"""

from __future__ import annotations

import json
from typing import Any

from estimator import closed_form, coefficients, explain
from estimator.calibration import ANY, Calibration
from estimator.estimate import CUSTOM, CUSTOM_LIMITS, DEFAULT_PROMPT_TOKENS, LIMITS, engine_splits, platform_of, runs_on
from guide.catalogs import Catalogs

JSON_NAME = "api/estimator.json"
SPLITS = ("single", "tensor", "layer", "row")
# Figures that depend on nothing but the entry are rounded here: the export stays small and the browser's
# answers differ from Python's by far less than the 0.5% the conformance test allows.
DIGITS = 9


def build(catalogs: Catalogs, calibration: Calibration) -> dict[str, Any]:
    devices = [_device(catalogs, d) for d in catalogs.hardware.values()]
    families = sorted({d["family"] for d in devices} | {coefficients.device_family({"vendor": CUSTOM, "kind": "discrete-gpu"})})
    efficiencies, index = _efficiencies(catalogs, calibration, families)
    return {
        "models": [_model(m) for m in catalogs.models.values() if m["architecture"].get("layers") is not None],
        "devices": devices,
        "custom": {"id": CUSTOM, "name": "Custom device", "kind": "discrete-gpu", "limits": CUSTOM_LIMITS,
                   "family": coefficients.device_family({"vendor": CUSTOM, "kind": "discrete-gpu"})},
        "hosts": {kind: _host(catalogs.hardware[host]) for kind, host in catalogs.default_host.items()},
        "formats": [{"id": f["id"], "name": f["name"], "family": f["family"], "bits": coefficients.bits_per_weight(f),
                     "bits_text": explain.bits_text(f)} for f in catalogs.formats.values()],
        "families": {k: {"name": v["name"], "engines": v["engines"]} for k, v in catalogs.format_families.items()},
        "kv_types": [{"id": k, "name": v["name"], "bytes": v["bytes_per_element"], "text": explain.kv_type_text(v)}
                     for k, v in catalogs.kv_cache_types.items()],
        "engines": {e["id"]: _engine(catalogs, e) for e in catalogs.engines.values()},
        "no_engine": {"texts": explain.engine_texts(None, None), **_engine_numbers(None)},
        "efficiency_engines": sorted({key.split("|")[1] for fits in calibration.fits.values() for key in fits} - {ANY}),
        "efficiency": index,
        "efficiencies": efficiencies,
        "texts": {**explain.TEMPLATES, **explain.TEXTS, "splits": explain.SPLIT_TEXTS, "gpu_kinds": list(explain.GPU_KINDS)},
        "kinds": explain.KIND_LABELS,
        "prompt_tokens": DEFAULT_PROMPT_TOKENS,
        "limits": LIMITS,
        "verdicts": [closed_form.FITS, closed_form.OFFLOAD, closed_form.NO_FIT],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.{DIGITS}g}")


def _model(model: dict[str, Any]) -> dict[str, Any]:
    numbers = {k: (v if isinstance(v, str) else _round(v)) for k, v in coefficients.model_coefficients(model).items()}
    return {**numbers, "name": model["name"], "params_text": explain.params_text(model["params"]["total_b"]),
            "texts": explain.model_texts(model)}


def _device(catalogs: Catalogs, device: dict[str, Any]) -> dict[str, Any]:
    """The device at each memory size it is sold with: the usable bytes (and the unified-memory sentence) differ."""
    sizes = []
    for gb in device["memory"]["sizes_gb"]:
        share = coefficients.unified_memory_share(catalogs.unified_memory, device, gb)
        numbers = coefficients.device_coefficients(device, gb, share)
        sizes.append({"gb": gb, "usable_bytes": _round(numbers["usable_bytes"]),
                      "text": explain.unified_text(catalogs, device, gb, share) if share is not None else None})
    numbers = coefficients.device_coefficients(device, device["memory"]["sizes_gb"][-1], None)
    return {"id": device["id"], "name": device["name"], "kind": device["kind"], "family": numbers["family"],
            "platform": platform_of(device), "bandwidth": numbers["bandwidth"], "flops": numbers["flops"], "sizes": sizes}


def _host(host: dict[str, Any]) -> dict[str, Any]:
    numbers = coefficients.device_coefficients(host, host["memory"]["sizes_gb"][-1], None)
    return {"id": host["id"], "name": host["name"], "usable_bytes": numbers["usable_bytes"], "bandwidth": numbers["bandwidth"],
            "bandwidth_text": f"{host['bandwidth_gb_s']['value']:g}"}


def _engine_numbers(rules: dict[str, Any] | None) -> dict[str, Any]:
    """The engine's coefficients, with the memory-size steps left as steps: a custom device can have any size."""
    rules = rules or {}
    numbers = coefficients.engine_coefficients(rules, 0)
    steps = {name: [[s.get("up_to_gb"), s["value"]] for s in rules[field]["steps"]] if rules.get(field) else [[None, 1.0]]
             for name, field in (("memory_share", "memory_share"), ("kv_share", "kv_share_of_free"))}
    return {**{k: numbers[k] for k in ("compute_tokens", "compute_bytes_per_value", "fixed_bytes", "offload")}, **steps,
            "splits": engine_splits(rules or None)}


def _engine(catalogs: Catalogs, engine: dict[str, Any]) -> dict[str, Any]:
    rules = catalogs.engine_memory.get(engine["id"])
    return {
        "name": engine["name"],
        "platforms": [p for p in ("nvidia", "amd", "intel", "apple", "cpu") if runs_on(engine, p)],
        "texts": explain.engine_texts(rules, engine),
        "offload_text": explain.offload_text(rules),
        **_engine_numbers(rules),
    }


def _efficiencies(catalogs: Catalogs, calibration: Calibration, families: list[str]) -> tuple[list[Any], dict[str, int]]:
    """Every resolved efficiency once, and 'family|engine|split' -> its index. Engines without a fitted group of
    their own resolve like "no engine" and are left out of the keys (the browser looks up '*' for them)."""
    engines = [None, *sorted({key.split("|")[1] for fits in calibration.fits.values() for key in fits} - {ANY})]
    records: list[Any] = []
    index: dict[str, int] = {}
    for family in families:
        for engine in engines:
            for split in SPLITS:
                record = _efficiency(calibration.resolve(family, engine, split), catalogs)
                if record not in records:
                    records.append(record)
                index[f"{family}|{engine or ANY}|{split}"] = records.index(record)
    return records, index


def _efficiency(resolved: dict[str, Any] | None, catalogs: Catalogs) -> dict[str, Any] | None:
    if resolved is None:
        return None
    fitted = {kind: None if resolved[kind] is None else {k: _round(v) for k, v in resolved[kind].items() if k != "group"}
              for kind in ("decode", "prefill")}
    return {**fitted, "texts": explain.efficiency_texts(resolved, catalogs.engines)}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
