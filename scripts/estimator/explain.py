"""The assumptions behind one estimate, in words: every result carries them."""

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


def assumptions(catalogs: Any, chosen: dict[str, Any], device: dict[str, Any], engine: dict[str, Any],
                efficiency: dict[str, Any] | None, share: float | None, host: dict[str, Any] | None,
                result: dict[str, Any]) -> list[str]:
    model, fmt, kv_type = chosen["model"], chosen["format"], chosen["kv_type"]
    params, attention, arch = model["params"], model["attention"], model["architecture"]
    lines = [
        f"Weights: {params['total_b']:.3g} B parameters at {fmt['name']} ({bits_per_weight(fmt):g} bits per weight) = "
        f"{gib(result['memory']['weights_bytes'])}, all held in memory."
    ]
    if model.get("moe"):
        moe = model["moe"]
        lines.append(
            f"Mixture of experts: all {moe['experts']} experts stay in memory, but a token reads only "
            f"{moe['experts_per_token']} of them (about {params['active_b']:.3g} B active parameters)."
        )
    lines.append(_kv_sentence(attention, arch, kv_type))
    if chosen["rules"]:
        lines.extend(_rule_texts(chosen["rules"], offloading=result["fits"] == "offload"))
    elif chosen["engine"]:
        lines.append(f"No memory rule of {chosen['engine']['name']} is recorded: no engine working memory is counted.")
    else:
        lines.append("No engine chosen: no engine working memory is counted.")
    if chosen["device"]["kind"] in ("discrete-gpu", "datacenter-gpu"):
        lines.append("The GPU driver's own memory (its CUDA or ROCm context, a few hundred MiB) is not counted.")
    if share is not None:
        lines.append(
            f"Unified memory: the GPU may use about {share:.0%} of the {chosen['memory_gb']:g} GB by default "
            f"({_unified_rule(catalogs, chosen['device'])})."
        )
    split = chosen["split"]
    if split == "tensor":
        lines.append("Tensor parallel: every GPU holds a slice of each layer and reads it at the same time, so bandwidth adds up (less the cost of combining results, in the fitted per-layer cost).")
    elif split in ("layer", "row"):
        lines.append(
            "Layer split: each GPU holds consecutive layers and they take turns on every token, so one sequence decodes no faster than on one GPU."
            if split == "layer"
            else "llama.cpp row split: every matrix is split across GPUs, which synchronise after each one."
        )
    if result["fits"] == "offload":
        lines.append(
            f"CPU offload: the {gib(result['memory']['offloaded_bytes'])} that do not fit stay in the host's memory "
            f"({host['name']}, {host['bandwidth_gb_s']['value']:g} GB/s) and are read from there on every token."
        )
    batch = chosen["batch"]
    lines.append(
        "Decode speed: each step reads the active weights once and the KV cache of every sequence; the ceiling is those "
        "bytes over the memory bandwidth"
        + (f". With {batch} sequences the speeds are per sequence (they share each read of the weights)" if batch > 1 else "")
        + "."
    )
    if efficiency is None:
        lines.append("No published measurement bears on this case: only the bandwidth ceiling is given.")
    else:
        decode, prefill = efficiency["decode"], efficiency["prefill"]
        lines.append(
            f"Expected decode speed: {1 / decode['a']:.0%} of the bandwidth plus {decode['b'] * 1e6:.0f} µs per layer, fitted on "
            f"published measurements of {group_label(decode['group'], catalogs.engines)}; the band is the 10th to 90th "
            "percentile of measured / expected there."
        )
        if not device["flops"]:
            lines.append("Prefill speed: unknown, because no dense FP16 throughput is recorded for this device.")
        elif prefill:
            lines.append(
                f"Prefill speed: 2 FLOPs per active parameter at {1 / prefill['a']:.0%} of the dense FP16 throughput, plus attention over "
                f"the prompt, fitted on {group_label(prefill['group'], catalogs.engines)}."
            )
    return lines


def _kv_sentence(attention: dict[str, Any], arch: dict[str, Any], kv_type: dict[str, Any]) -> str:
    size = f"{kv_type['bytes_per_element']:g} bytes per value ({kv_type['name']})"
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


def _rule_texts(rules: dict[str, Any], offloading: bool) -> list[str]:
    names = ("memory_share", "kv_share_of_free", "compute_buffer") + (("offload",) if offloading else ())
    return [rules[name]["assumption"] for name in names if rules.get(name)]


def _unified_rule(catalogs: Any, device: dict[str, Any]) -> str:
    rule = catalogs.unified_memory.get(device["vendor"])
    return rule["text"] if rule else "no documented limit is recorded for this vendor, so all of it is counted; the OS needs some"
