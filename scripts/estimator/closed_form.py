"""The estimator's arithmetic: memory, fit, largest context, decode and prefill speed, from plain numbers.

Everything model-, device-, format- and engine-specific has already been turned into numbers by
`coefficients.py` (attention layouts, MoE residency, engine rules, unified-memory limits) and by
`calibration.py` (fitted efficiencies). What is left here is closed-form arithmetic on dicts of numbers,
written so that the browser can evaluate the same dicts with the same steps (the calculator's JavaScript
mirrors this module; tests/browser/test_conformance.py checks that both agree).

Units: bytes, seconds, tokens. `None` means unknown and stays unknown.
"""

from __future__ import annotations

import math
from typing import Any

FITS, OFFLOAD, NO_FIT = "yes", "offload", "no"


def kv_elements(model: dict[str, float], context: float) -> float:
    """KV-cache elements one sequence holds at `context` tokens: full-attention layers keep every token,
    windowed layers at most their window."""
    return model["kv_full"] * context + model["kv_window"] * min(context, model["window"])


def kv_bytes(model: dict[str, float], context: float, element_bytes: float, sequences: int) -> float:
    """KV cache (and fixed linear-attention state) of `sequences` sequences at `context` tokens."""
    return sequences * (kv_elements(model, context) * element_bytes + model["state_bytes"])


def weight_bytes(model: dict[str, float], bits_per_weight: float) -> float:
    """Every parameter resident (an MoE model keeps all its experts in memory)."""
    return model["params_total"] * bits_per_weight / 8


def active_weight_bytes(model: dict[str, float], bits_per_weight: float) -> float:
    """The parameters read for one token (for an MoE model only the active experts)."""
    return model["params_active"] * bits_per_weight / 8


def overhead_bytes(model: dict[str, float], engine: dict[str, float], gpus: int) -> float:
    """The engine's working memory: a compute buffer per GPU sized by its micro-batch (logits + hidden state)."""
    per_gpu = engine["compute_tokens"] * engine["compute_bytes_per_value"] * (model["vocab"] + model["hidden"])
    return per_gpu * gpus + engine["fixed_bytes"] * gpus


def available_bytes(device: dict[str, float], engine: dict[str, float], gpus: int) -> float:
    """What the engine lets the model use on `gpus` devices: the device's usable memory (for unified memory,
    what the OS lets the GPU wire), times the share the engine reserves."""
    return device["usable_bytes"] * gpus * engine["memory_share"]


def largest_context(model: dict[str, float], budget: float, element_bytes: float, sequences: int) -> int:
    """The largest context whose KV cache fits in `budget` bytes (0 when not even one token fits),
    capped at the model's context length. Inverts the piecewise-linear `kv_bytes`."""
    budget = budget / sequences - model["state_bytes"]
    limit = model["context_length"]
    if budget < 0:
        return 0
    full, window, w = model["kv_full"] * element_bytes, model["kv_window"] * element_bytes, model["window"]
    if full + window <= 0:
        return limit
    if full == 0 and budget >= window * w:
        return limit  # only windowed layers: once the window fits, any context does
    if budget <= (full + window) * w:
        tokens = budget / (full + window)
    else:
        tokens = (budget - window * w) / full
    return int(min(limit, math.floor(tokens + 1e-9)))


def decode_seconds(read_bytes: float, bandwidth: float, efficiency: dict[str, Any], layers: int) -> float:
    """Seconds per decode step: a x (bytes read / bandwidth) + b x layers, with a = 1 / the share of the
    bandwidth reached and b = seconds per layer, both fitted (calibration.py)."""
    fitted = efficiency["decode"]
    return read_bytes / bandwidth * fitted["a"] + layers * fitted["b"]


def prefill_flops(model: dict[str, float], prompt: float) -> tuple[float, float]:
    """(weight FLOPs, attention FLOPs) per prompt token, averaged over a prompt of `prompt` tokens: 2 per
    active parameter, and QK^T plus AV over the tokens before it (a window at most in windowed layers)."""
    half = prompt / 2
    return 2 * model["params_active"], model["attn_flops_full"] * half + model["attn_flops_window"] * min(half, model["window"])


def prefill_gpus(split: str, gpus: int) -> int:
    """GPUs that work on one prompt at once: all of them with tensor parallelism, one at a time with a layer split."""
    return gpus if split in ("tensor", "row") else 1


def evaluate(
    model: dict[str, Any],
    device: dict[str, Any],
    engine: dict[str, Any],
    efficiency: dict[str, Any] | None,
    host: dict[str, Any] | None,
    request: dict[str, Any],
) -> dict[str, Any]:
    """One estimate. `request` holds bits_per_weight, kv_element_bytes, context, sequences, gpus, split
    ("single" | "tensor" | "layer" | "row"), prompt_tokens; `host` the host memory for offload (or None);
    `efficiency` None when no measurement bears on the device family (then only the bandwidth ceiling)."""
    bpw, element, ctx, seqs, gpus = (request[k] for k in ("bits_per_weight", "kv_element_bytes", "context", "sequences", "gpus"))
    weights = weight_bytes(model, bpw)
    kv = kv_bytes(model, ctx, element, seqs)
    overhead = overhead_bytes(model, engine, gpus)
    total = weights + kv + overhead
    available = available_bytes(device, engine, gpus)
    # An engine that gives the KV cache only a share of what is left after the weights needs kv / share of it.
    spill = max(0.0, weights + overhead + kv / engine["kv_share"] - available)
    if spill == 0:
        fits = FITS
    elif engine["offload"] and host is not None and spill <= host["usable_bytes"] and weights > spill:
        fits = OFFLOAD
    else:
        fits = NO_FIT
    max_context = largest_context(model, (available - weights - overhead) * engine["kv_share"], element, seqs)

    # Decode: one step reads the active weights once and every sequence's KV cache. With tensor parallelism
    # each GPU reads its share at the same time; with a layer split the GPUs take turns.
    active = active_weight_bytes(model, bpw)
    tensor_split = request["split"] in ("tensor", "row") and gpus > 1
    bandwidth = (device["bandwidth"] or 0) * (gpus if tensor_split else 1)
    # Offload: the weights that do not fit stay in host memory and are read from there on every token
    # (the KV cache stays on the GPU).
    host_read = active * spill / weights if fits == OFFLOAD else 0.0
    gpu_read = active - host_read + kv
    decode = None
    if fits != NO_FIT and bandwidth:
        ceiling_seconds = gpu_read / bandwidth + (host_read / host["bandwidth"] if host_read else 0)
        ceiling = 1 / ceiling_seconds
        decode = {"ceiling": ceiling, "expected": None, "low": None, "high": None}
        if efficiency is not None:
            seconds = decode_seconds(gpu_read, bandwidth, efficiency, model["layers"])
            if host_read:
                seconds += host_read / host["bandwidth"] * efficiency["decode"]["a"]
            expected = min(ceiling, 1 / seconds)
            fitted = efficiency["decode"]
            decode.update(expected=expected, low=expected * fitted["low"], high=min(ceiling, expected * fitted["high"]))

    # Prefill: weight and attention FLOPs per prompt token over the device's dense FP16 throughput, each
    # term at its fitted efficiency.
    prefill = None
    if fits == FITS and device["flops"] and efficiency is not None and efficiency["prefill"]:
        prompt = request["prompt_tokens"]
        weights_flops, attention_flops = prefill_flops(model, prompt)
        throughput = device["flops"] * prefill_gpus(request["split"], gpus)
        fitted = efficiency["prefill"]
        seconds = (weights_flops * fitted["a"] + attention_flops * fitted["b"]) / throughput
        rate = 1 / seconds
        first_token = prompt * seconds + (1 / decode["expected"] if decode and decode["expected"] else 0)
        prefill = {"expected": rate, "low": rate * fitted["low"], "high": rate * fitted["high"], "time_to_first_token_s": first_token}

    return {
        "memory": {
            "weights_bytes": weights,
            "kv_cache_bytes": kv,
            "overhead_bytes": overhead,
            "total_bytes": total,
            "available_bytes": available,
            "offloaded_bytes": spill if fits == OFFLOAD else 0.0,
        },
        "fits": fits,
        "max_context": max_context,
        "decode_tokens_per_s": decode,
        "prefill_tokens_per_s": prefill,
    }
