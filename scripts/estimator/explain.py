"""The assumptions behind one estimate, in words: every result carries them.

The sentences are made of parts that do not depend on the request (a model's KV layout, an engine's rules,
a device's unified-memory share, a fitted group) and a few templates filled with the request's figures.
`assumptions()` assembles them for the command line and the pages; the calculator gets the same parts from
the build (export.py) and assembles them in the same order, which tests/browser/test_conformance.py checks.
"""

from __future__ import annotations

from typing import Any

from estimator.calibration import ANY
from estimator.coefficients import bits_per_weight

VENDORS = {"nvidia": "NVIDIA", "amd": "AMD", "intel": "Intel", "apple": "Apple", "google": "Google", "cpu": "Generic"}
KIND_LABELS = {
    "discrete-gpu": "discrete GPU",
    "datacenter-gpu": "data-centre GPU",
    "unified-memory": "unified-memory chip",
    "cpu": "CPU platform",
    "accelerator": "accelerator",
}
SPLITS = {"single": "one GPU", "tensor": "tensor parallel", "layer": "layer split", "row": "llama.cpp row split"}


def family_label(family: str) -> str:
    if family == ANY:
        return "all devices"
    vendor, _, kind = family.partition("-")
    return f"{VENDORS.get(vendor, vendor)} {KIND_LABELS.get(kind, kind)}s"


def group_label(key: str, engines: dict[str, Any]) -> str:
    """'NVIDIA discrete GPUs with llama.cpp, one GPU' for a calibration group key."""
    family, engine, split = key.split("|")
    engine_text = "any engine" if engine == ANY else engines[engine]["name"] if engine in engines else engine
    return f"{family_label(family)} with {engine_text}, {SPLITS[split]}"


def gib(value: float) -> str:
    """Bytes in GiB (2^30 bytes: the unit GPU memory sizes are sold in, whatever the label says)."""
    return f"{value / 2**30:,.1f} GiB"


# Filled with figures already written out as text (the browser formats them the same way).
TEMPLATES = {
    "weights": "Weights: {params} B parameters at {format} ({bits} bits per weight) = {size}, all held in memory.",
    "offload": "CPU offload: the {size} that do not fit stay in the host's memory ({host}, {bandwidth} GB/s) and are read from there on every token.",
    "decode": "Decode speed: each step reads the active weights once and the KV cache of every sequence; the ceiling is those bytes over the memory bandwidth{batch}.",
    "batch": ". With {batch} sequences the speeds are per sequence (they share each read of the weights)",
}
TEXTS = {
    "no_rule": "No memory rule of {engine} is recorded: no engine working memory is counted.",
    "no_engine": "No engine chosen: no engine working memory is counted.",
    "driver": "The GPU driver's own memory (its CUDA or ROCm context, a few hundred MiB) is not counted.",
    "no_measurement": "No published measurement bears on this case: only the bandwidth ceiling is given.",
    "no_flops": "Prefill speed: unknown, because no dense FP16 throughput is recorded for this device.",
}
SPLIT_TEXTS = {
    "tensor": "Tensor parallel: every GPU holds a slice of each layer and reads it at the same time, so bandwidth adds up (less the cost of combining results, in the fitted per-layer cost).",
    "layer": "Layer split: each GPU holds consecutive layers and they take turns on every token, so one sequence decodes no faster than on one GPU.",
    "row": "llama.cpp row split: every matrix is split across GPUs, which synchronise after each one.",
}
GPU_KINDS = ("discrete-gpu", "datacenter-gpu")


def params_text(params_b: float) -> str:
    return f"{params_b:.3g}"


def bits_text(weight_format: dict[str, Any]) -> str:
    return f"{bits_per_weight(weight_format):g}"


def kv_type_text(kv_type: dict[str, Any]) -> str:
    return f"{kv_type['bytes_per_element']:g} bytes per value ({kv_type['name']})"


def model_texts(model: dict[str, Any]) -> list[str]:
    """The model's sentences: MoE residency, if any, and its KV layout with `{kv}` for the cache type."""
    params, attention, arch = model["params"], model["attention"], model["architecture"]
    lines = []
    if model.get("moe"):
        moe = model["moe"]
        lines.append(
            f"Mixture of experts: all {moe['experts']} experts stay in memory, but a token reads only "
            f"{moe['experts_per_token']} of them (about {params['active_b']:.3g} B active parameters)."
        )
    return lines + [_kv_sentence(attention, arch, "{kv}")]


def engine_texts(rules: dict[str, Any] | None, engine: dict[str, Any] | None) -> list[str]:
    """What the engine's memory rules add (the offload rule apart: it applies only when offloading)."""
    if rules:
        return [rules[name]["assumption"] for name in ("memory_share", "kv_share_of_free", "compute_buffer") if rules.get(name)]
    return [TEXTS["no_rule"].format(engine=engine["name"]) if engine else TEXTS["no_engine"]]


def offload_text(rules: dict[str, Any] | None) -> str | None:
    return ((rules or {}).get("offload") or {}).get("assumption")


def unified_text(catalogs: Any, device: dict[str, Any], memory_gb: float, share: float) -> str:
    return (f"Unified memory: the GPU may use about {share:.0%} of the {memory_gb:g} GB by default "
            f"({_unified_rule(catalogs, device)}).")


def efficiency_texts(efficiency: dict[str, Any], engines: dict[str, Any]) -> dict[str, str | None]:
    decode, prefill = efficiency["decode"], efficiency["prefill"]
    return {
        "decode": f"Expected decode speed: {1 / decode['a']:.0%} of the bandwidth plus {decode['b'] * 1e6:.0f} µs per layer, fitted on "
        f"published measurements of {group_label(decode['group'], engines)}; the band is the 10th to 90th "
        "percentile of measured / expected there.",
        "prefill": f"Prefill speed: 2 FLOPs per active parameter at {1 / prefill['a']:.0%} of the dense FP16 throughput, plus attention over "
        f"the prompt, fitted on {group_label(prefill['group'], engines)}." if prefill else None,
    }


def assumptions(catalogs: Any, chosen: dict[str, Any], device: dict[str, Any], engine: dict[str, Any],
                efficiency: dict[str, Any] | None, share: float | None, host: dict[str, Any] | None,
                result: dict[str, Any]) -> list[str]:
    model, fmt = chosen["model"], chosen["format"]
    lines = [TEMPLATES["weights"].format(params=params_text(model["params"]["total_b"]), format=fmt["name"], bits=bits_text(fmt),
                                         size=gib(result["memory"]["weights_bytes"]))]
    lines += [text.replace("{kv}", kv_type_text(chosen["kv_type"])) for text in model_texts(model)]
    lines += engine_texts(chosen["rules"], chosen["engine"])
    offloading = result["fits"] == "offload"
    if offloading and offload_text(chosen["rules"]):
        lines.append(offload_text(chosen["rules"]))
    if chosen["device"]["kind"] in GPU_KINDS:
        lines.append(TEXTS["driver"])
    if share is not None:
        lines.append(unified_text(catalogs, chosen["device"], chosen["memory_gb"], share))
    if chosen["split"] in SPLIT_TEXTS:
        lines.append(SPLIT_TEXTS[chosen["split"]])
    if offloading:
        lines.append(TEMPLATES["offload"].format(size=gib(result["memory"]["offloaded_bytes"]), host=host["name"],
                                                 bandwidth=f"{host['bandwidth_gb_s']['value']:g}"))
    batch = chosen["batch"]
    lines.append(TEMPLATES["decode"].format(batch=TEMPLATES["batch"].format(batch=batch) if batch > 1 else ""))
    if efficiency is None:
        lines.append(TEXTS["no_measurement"])
    else:
        texts = efficiency_texts(efficiency, catalogs.engines)
        lines.append(texts["decode"])
        if not device["flops"]:
            lines.append(TEXTS["no_flops"])
        elif texts["prefill"]:
            lines.append(texts["prefill"])
    return lines


def _kv_sentence(attention: dict[str, Any], arch: dict[str, Any], size: str) -> str:
    if attention.get("mla"):
        mla = attention["mla"]
        text = (f"KV cache: multi-head latent attention caches one latent of {mla['kv_lora_rank']} + {mla['rope_head_dim']} "
                f"values per layer per token in {attention['full_layers']} layers, at {size}")
    else:
        text = (f"KV cache: {attention['full_layers']} full-attention layers x 2 (K and V) x {arch['kv_heads']} KV heads x "
                f"{arch['head_dim']} values per token, at {size}")
    if attention["windowed_layers"]:
        text += f"; {attention['windowed_layers']} layers attend to a window and hold at most {attention['window']:,} tokens"
    if attention.get("linear"):
        text += f"; {attention['linear']['layers']} linear-attention layers keep a fixed state per sequence instead"
    return text + ", times the context and the number of sequences."


def _unified_rule(catalogs: Any, device: dict[str, Any]) -> str:
    rule = catalogs.unified_memory.get(device["vendor"])
    return rule["text"] if rule else "no documented limit is recorded for this vendor, so all of it is counted; the OS needs some"
