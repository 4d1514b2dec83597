"""What the calculator page's form offers and starts from, from the catalogs (the arithmetic is the estimator's).

The form is written out as HTML at build time, with every option, so it is drawn at the first paint;
docs/assets/javascripts/calculator.js then reads api/estimator.json and answers as the reader types.
"""

from __future__ import annotations

from typing import Any

from urllib.parse import urlencode

from estimator.estimate import CUSTOM, LIMITS, platform_of, runs_on
from estimator.explain import KIND_LABELS, family_label
from estimator.validation import OVERALL
from guide.estimates import Estimator, tokens

# The first answer a reader sees: a common 8 B model at 4 bits on a 24 GB card through llama.cpp.
DEFAULTS = {
    "model": "llama-3.1-8b",
    "format": "q4_k_m",
    "context": 8192,
    "batch": 1,
    "prompt_tokens": 1000,
    "kv_cache_type": "f16",
    "device": "nvidia-rtx-4090",
    "memory_gb": None,  # the largest size the device is sold with
    "bandwidth_gb_s": None,  # only for a custom device
    "gpus": 1,
    "split": "",  # the engine's default
    "engine": "llama-cpp",
}
CONTEXT_PRESETS = (4096, 8192, 32768, 131072)
SPLIT_LABELS = {"tensor": "Tensor parallel", "layer": "By layers", "row": "By rows (llama.cpp)"}
# The reverse lists evaluate every device, or every model, against the form's other inputs.
ERROR_KINDS = ("decode", "prefill")


def form(est: Estimator, root: str = "") -> dict[str, Any]:
    catalogs = est.catalogs
    models = sorted((m for m in catalogs.models.values() if m["architecture"].get("layers") is not None), key=lambda m: m["name"].casefold())
    kinds: dict[str, list[dict[str, Any]]] = {}
    for device in catalogs.hardware.values():
        kinds.setdefault(device["kind"], []).append(device)
    families: dict[str, list[dict[str, Any]]] = {}
    for weight_format in catalogs.formats.values():
        families.setdefault(weight_format["family"], []).append(weight_format)
    return {
        "defaults": DEFAULTS,
        "custom": CUSTOM,
        "limits": LIMITS,
        "overall": OVERALL,
        "presets": [(value, tokens(value)) for value in CONTEXT_PRESETS],
        "models": [(m["id"], m["name"]) for m in models],
        "devices": [(KIND_LABELS[kind], [(d["id"], device_label(d)) for d in devices]) for kind, devices in kinds.items()],
        "formats": [(catalogs.format_families[family]["name"], [(f["id"], f["name"]) for f in entries]) for family, entries in families.items()],
        "kv_types": [(k, v["name"]) for k, v in catalogs.kv_cache_types.items()],
        "engines": sorted(((e["id"], e["name"]) for e in catalogs.engines.values()), key=lambda pair: pair[1].casefold()),
        "splits": list(SPLIT_LABELS.items()),
        "links": {
            "engines": {engine_id: f"{root}engines/{engine_id}/" for engine_id in catalogs.engines},
            "models": {model["id"]: f"{root}models/{model['id']}/" for model in models},
            "errors": measured_errors(est),
            "methodology": f"{root}learn/estimates/",
        },
    }


def device_label(device: dict[str, Any]) -> str:
    """'Apple M4 Max (36, 48, 64 or 128 GB)': the name and every memory size it is sold with."""
    sizes = [f"{size:g}" for size in device["memory"]["sizes_gb"]]
    listed = sizes[0] if len(sizes) == 1 else f"{', '.join(sizes[:-1])} or {sizes[-1]}"
    return f"{device['name']} ({listed} GB)"


def calculator_query(catalogs: Any, engine_id: str | None = None, format_id: str | None = None, model_id: str | None = None) -> str:
    """A query string that opens the calculator on this engine, format or model; with an engine, on a device it
    runs on (the default device when it can, else the first in the catalog)."""
    params = {"model": model_id, "format": format_id, "engine": engine_id}
    if engine_id:
        engine = catalogs.engines[engine_id]
        default = catalogs.hardware[DEFAULTS["device"]]
        if not runs_on(engine, platform_of(default)):
            params["device"] = next((d["id"] for d in catalogs.hardware.values() if runs_on(engine, platform_of(d))), None)
    return urlencode({k: v for k, v in params.items() if v})


def measured_errors(est: Estimator) -> dict[str, dict[str, Any]]:
    """Median and 90th-percentile error on devices left out of the fit, by device family (and over all devices),
    for the line under each speed estimate."""
    out: dict[str, dict[str, Any]] = {}
    for row in est.summary["table"]:
        unseen = row.get("unseen_device") or {}
        if row["kind"] in ERROR_KINDS and unseen.get("median") is not None:
            label = "all devices" if row["family"] == OVERALL else family_label(row["family"])
            out.setdefault(row["family"], {"label": label})[row["kind"]] = {
                "median": round(unseen["median"], 3), "p90": round(unseen["p90"], 3), "rows": unseen["rows"]}
    return out
