"""Catalog entries turned into the plain numbers that `closed_form` evaluates.

This is the one place that knows about attention layouts (full, sliding window, chunked, MLA, linear
attention), MoE residency, weight and KV-cache formats, engine memory rules and how much of a unified
memory the GPU may use. The build exports these dicts for the browser, which therefore never repeats
any of this logic.
"""

from __future__ import annotations

from typing import Any

GIB = 2**30
# Linear-attention (Gated DeltaNet / Mamba-style) state is kept in 32-bit floats (llama.cpp's recurrent
# cache and vLLM's mamba cache both default to float32 for it).
STATE_BYTES_PER_VALUE = 4


def model_coefficients(model: dict[str, Any]) -> dict[str, Any]:
    arch, attention = model["architecture"], model["attention"]
    per_token_layer = 2 * arch["kv_heads"] * arch["head_dim"]  # K and V for every KV head
    mla = attention.get("mla")
    # MLA caches one compressed latent plus the decoupled RoPE key per layer instead of K and V per head.
    full = attention["full_layers"] * ((mla["kv_lora_rank"] + mla["rope_head_dim"]) if mla else per_token_layer)
    attention_per_layer = 4 * arch["attention_heads"] * arch["head_dim"]  # QK^T and AV, multiply-adds x 2
    return {
        "id": model["id"],
        "params_total": model["params"]["total_b"] * 1e9,
        "params_active": model["params"]["active_b"] * 1e9,
        "layers": arch["layers"],
        "hidden": arch["hidden_size"],
        "vocab": arch["vocab_size"],
        "context_length": arch["context_length"],
        "kv_full": full,
        "kv_window": attention["windowed_layers"] * per_token_layer,
        "window": attention.get("window") or 0,
        "state_bytes": linear_state_bytes(attention.get("linear")),
        "attn_flops_full": attention["full_layers"] * attention_per_layer,
        "attn_flops_window": attention["windowed_layers"] * attention_per_layer,
    }


def linear_state_bytes(linear: dict[str, Any] | None) -> float:
    """A sequence's fixed state in linear-attention layers: the recurrent state (value heads x key dim x
    value dim) plus the short convolution's last kernel-1 inputs over the q, k and v channels."""
    if not linear:
        return 0.0
    recurrent = linear["value_heads"] * linear["key_head_dim"] * linear["value_head_dim"]
    channels = 2 * linear["key_heads"] * linear["key_head_dim"] + linear["value_heads"] * linear["value_head_dim"]
    convolution = (linear["conv_kernel"] - 1) * channels
    return float(linear["layers"] * (recurrent + convolution) * STATE_BYTES_PER_VALUE)


def device_family(device: dict[str, Any]) -> str:
    """The group efficiencies are fitted by: vendor and kind (never the single device)."""
    return f"{device['vendor']}-{device['kind']}"


def device_coefficients(device: dict[str, Any], memory_gb: float, unified_share: float | None) -> dict[str, Any]:
    """`unified_share`: for unified memory, the share of RAM the GPU may use (see `unified_memory_share`)."""
    memory = memory_gb * GIB
    flops = device.get("fp16_tflops") or {}
    return {
        "id": device["id"],
        "family": device_family(device),
        "memory_bytes": memory,
        "usable_bytes": memory * (unified_share if unified_share is not None else 1.0),
        "bandwidth": device["bandwidth_gb_s"]["value"] * 1e9 if device["bandwidth_gb_s"]["value"] else None,
        "flops": flops["value"] * 1e12 if flops.get("value") else None,
    }


def unified_memory_share(rules: dict[str, Any], device: dict[str, Any], memory_gb: float) -> float | None:
    """The share of a unified memory the GPU may use by default, from the vendor's rule (engine-memory.yaml
    `unified_memory`; None for memory that is not shared with a CPU, 1.0 when no rule is recorded)."""
    if device["kind"] != "unified-memory":
        return None
    rule = rules.get(device["vendor"])
    if rule is None:
        return 1.0
    return threshold_value(rule["share"], memory_gb)


def threshold_value(steps: list[dict[str, Any]], memory_gb: float) -> float:
    """The value of the first step whose `up_to_gb` covers `memory_gb` (a step without it covers the rest)."""
    for step in steps:
        if step.get("up_to_gb") is None or memory_gb <= step["up_to_gb"]:
            return step["value"]
    raise ValueError("threshold list without a final open step")


def engine_coefficients(rules: dict[str, Any] | None, gpu_memory_gb: float) -> dict[str, Any]:
    """The engine's memory rules as numbers. `rules` None: no engine chosen, nothing reserved or added."""
    rules = rules or {}
    share, kv_share = rules.get("memory_share"), rules.get("kv_share_of_free")
    buffer = rules.get("compute_buffer")
    return {
        "id": rules.get("engine"),
        "memory_share": threshold_value(share["steps"], gpu_memory_gb) if share else 1.0,
        "kv_share": threshold_value(kv_share["steps"], gpu_memory_gb) if kv_share else 1.0,
        "compute_tokens": buffer["tokens"] if buffer else 0,
        "compute_bytes_per_value": buffer["bytes_per_value"] if buffer else 0,
        "fixed_bytes": 0.0,
        "offload": bool((rules.get("offload") or {}).get("support")),
    }


def bits_per_weight(weight_format: dict[str, Any]) -> float:
    """What a whole file of this format costs per parameter: a llama.cpp preset's published figure (its
    output and embedding tensors are kept at higher precision) where there is one, else the block layout's."""
    return (weight_format.get("preset") or weight_format)["bits_per_weight"]
