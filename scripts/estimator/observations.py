"""Published measurements turned into what the estimator predicts, with the inputs it needs to predict them.

A decode row becomes seconds per token at an average context; a prefill row (or a time to first token)
becomes prompt tokens per second; memory rows become bytes. Rows the estimator cannot reproduce (a format
or an engine that is not stated, a device without the figure needed) are skipped here, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from estimator.closed_form import active_weight_bytes, kv_bytes, overhead_bytes, prefill_flops, prefill_gpus, weight_bytes
from estimator.coefficients import GIB, bits_per_weight, device_coefficients, engine_coefficients, model_coefficients

MIB = 2**20
# Published KV sizes and llama-bench speeds use llama.cpp's default f16 cache.
F16_BYTES = 2
SECONDS_PER = {"tokens/s": None, "ms": 1e-3, "s": 1.0}


@dataclass(frozen=True)
class Observation:
    row: dict[str, Any]
    kind: str  # decode | prefill | kv-cache | weights | memory-total | compute-buffer
    family: str
    engine: str | None
    split: str  # single | tensor | layer | row
    measured: float  # seconds per token (decode and prefill), bytes (memory)
    # The two terms the fitted seconds per token are made of (calibration.py): decode, bytes read over the
    # bandwidth and the layer count; prefill, weight FLOPs and attention FLOPs over the dense throughput.
    x: float = 0.0
    y: float = 0.0
    predicted: float | None = None  # memory rows: the estimator's bytes (no fitting involved)


def observations(catalogs: Any, rows: list[dict[str, Any]]) -> tuple[list[Observation], list[tuple[int, str]]]:
    """(observations, skipped (row id, reason)) for every measurement row."""
    made: list[Observation] = []
    skipped: list[tuple[int, str]] = []
    for row in rows:
        try:
            made.append(_observation(catalogs, row))
        except _Skip as reason:
            skipped.append((row["id"], str(reason)))
    return made, skipped


class _Skip(Exception):
    pass


def _observation(catalogs: Any, row: dict[str, Any]) -> Observation:
    model = model_coefficients(catalogs.models[row["model"]])
    device = catalogs.hardware[row["hardware"]]
    if row["metric"] in ("decode", "prefill", "ttft", "weights", "memory-total") and not row.get("format"):
        raise _Skip("weight format not stated")
    bpw = bits_per_weight(catalogs.formats[row["format"]]) if row.get("format") else None
    gpus = row["gpus"]
    split = row.get("split") or ("single" if gpus == 1 else None)
    if split is None:
        raise _Skip("how the GPUs split the model is not stated")
    memory = device["memory"]["sizes_gb"][-1]
    dev = device_coefficients(device, memory, None)
    common = {"row": row, "family": dev["family"], "engine": row.get("engine"), "split": split}
    metric = row["metric"]

    if metric == "decode":
        if not dev["bandwidth"]:
            raise _Skip("no memory bandwidth figure for the device")
        seconds = _seconds_per_token(row)
        context = (row.get("prompt_tokens") or 0) + (row.get("generated_tokens") or 0) / 2
        if row.get("context_size"):
            context = min(context, row["context_size"])
        read = active_weight_bytes(model, bpw) + kv_bytes(model, context, F16_BYTES, 1)
        bandwidth = dev["bandwidth"] * (gpus if split in ("tensor", "row") else 1)
        return Observation(kind="decode", measured=seconds, x=read / bandwidth, y=model["layers"], **common)

    if metric in ("prefill", "ttft"):
        prompt = row.get("prompt_tokens")
        if not prompt:
            raise _Skip("prompt length not stated")
        if not dev["flops"]:
            raise _Skip("no dense FP16 figure for the device")
        seconds = 1 / row["value"] if metric == "prefill" else row["value"] * 1e-3 / prompt
        throughput = dev["flops"] * prefill_gpus(split, gpus)
        weights, attention = prefill_flops(model, prompt)
        return Observation(kind="prefill", measured=seconds, x=weights / throughput, y=attention / throughput, **common)

    if metric == "kv-cache":
        if not row.get("context_size"):
            raise _Skip("context size not stated")
        predicted = kv_bytes(model, row["context_size"], F16_BYTES, 1)
    elif metric == "compute-buffer":
        predicted = overhead_bytes(model, engine_coefficients(catalogs.engine_memory.get(row.get("engine") or ""), memory), 1)
    elif metric == "memory-total":
        if not row.get("context_size"):
            raise _Skip("context size not stated")
        engine = engine_coefficients(catalogs.engine_memory.get(row.get("engine") or ""), memory)
        predicted = weight_bytes(model, bpw) + kv_bytes(model, row["context_size"], F16_BYTES, 1) + overhead_bytes(model, engine, 1)
    elif metric == "weights":
        raise _Skip("a device's weight buffer leaves out what stays in host memory; file sizes are compared instead")
    else:
        raise _Skip(f"{metric} is an engine's up-front allocation, not what the model needs")
    return Observation(kind=metric, measured=_bytes(row["value"], row["unit"]), predicted=predicted, **common)


def file_sizes(catalogs: Any, rows: list[dict[str, Any]]) -> list[Observation]:
    """One weights observation per published (model, format, file size): the estimator's weight bytes
    against the size of the model file the measurement used."""
    seen: dict[tuple[str, str, str], Observation] = {}
    for row in rows:
        size = re.match(r"([0-9.]+) (GiB|MiB|GB)", row.get("model_size") or "")
        if not size or not row.get("format") or (row["model"], row["format"], size.group(0)) in seen:
            continue
        model = model_coefficients(catalogs.models[row["model"]])
        device = catalogs.hardware[row["hardware"]]
        seen[(row["model"], row["format"], size.group(0))] = Observation(
            row=row,
            kind="weights",
            family=device_coefficients(device, device["memory"]["sizes_gb"][-1], None)["family"],
            engine=row.get("engine"),
            split="single",
            measured=_bytes(float(size.group(1)), size.group(2)),
            predicted=weight_bytes(model, bits_per_weight(catalogs.formats[row["format"]])),
        )
    return list(seen.values())


def _bytes(value: float, unit: str) -> float:
    return value * {"MiB": MIB, "GiB": GIB, "GB": 1e9}[unit]


def _seconds_per_token(row: dict[str, Any]) -> float:
    unit = row["unit"]
    if unit not in SECONDS_PER:
        raise _Skip(f"decode unit {unit}")
    return 1 / row["value"] if SECONDS_PER[unit] is None else row["value"] * SECONDS_PER[unit]
