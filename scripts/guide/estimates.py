"""What the model, hardware and methodology pages show, worked out from the catalogs and the estimator.

Templates only lay these values out. Every figure comes from `estimator.estimate` or its coefficients, so a
page and `scripts/estimate.py` always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from estimator import calibrated, closed_form
from estimator.calibration import Calibration
from estimator.coefficients import bits_per_weight, model_coefficients
from estimator.estimate import Request, estimate
from estimator.report import rows as validation_rows
from guide.catalogs import Catalogs
from guide.views import nav_runs

# The "what runs it" table on each model page: a spread of memory sizes and kinds, from a 12 GB gaming card
# to an 8-GPU-class data-centre part, with the Macs and APUs readers ask about. The largest memory size sold.
REPRESENTATIVE_DEVICES = (
    "nvidia-rtx-3060-12gb",
    "nvidia-rtx-4090",
    "nvidia-rtx-5090",
    "nvidia-rtx-pro-6000-blackwell",
    "nvidia-a100-80gb-sxm",
    "nvidia-h100-sxm",
    "nvidia-h200",
    "amd-instinct-mi300x",
    "nvidia-dgx-spark-gb10",
    "amd-ryzen-ai-max-plus-395",
    "apple-m4-max",
    "apple-m3-ultra",
    "cpu-desktop-ddr5-5600-dual-channel",
)
# Weight formats a model page prices, by id (formats.yaml), in this order.
COMMON_FORMATS = ("q2_k", "q3_k_m", "q4_k_m", "q5_k_m", "q6_k", "q8_0", "fp8", "mxfp4", "nvfp4", "awq-4bit", "bf16")
KV_CONTEXTS = (8192, 32768, 131072)
# The "what runs it" question: the common 4-bit GGUF at an 8k context, through llama.cpp, which runs on all of them.
RUNS_IT = {"format": "q4_k_m", "context": 8192, "engine": "llama-cpp"}
# The hardware table's decode ceiling: an 8 B model at 4 bits.
CEILING_MODEL, CEILING_FORMAT = "llama-3.1-8b", "q4_k_m"
VERDICTS = {"yes": "yes", "offload": "with CPU offload", "no": "no"}


@dataclass
class Estimator:
    """The catalogs, the fitted calibration and its validation summary, loaded once per build."""

    catalogs: Catalogs
    calibration: Calibration
    summary: dict[str, Any]

    @classmethod
    def load(cls, catalogs: Catalogs) -> "Estimator":
        return cls(catalogs, calibrated.calibration(catalogs), calibrated.summary(catalogs))


def model_path(model_id: str) -> str:
    """A model page's Markdown path relative to docs/."""
    return f"models/{model_id}.md"


def model_nav(est: "Estimator") -> list[tuple[str, Any]]:
    """The model pages for the sidebar, by name, in alphabetical runs when there are many (views.nav_runs)."""
    models = sorted(est.catalogs.models.values(), key=lambda m: m["name"].casefold())
    return nav_runs([(m["name"], model_path(m["id"])) for m in models])


def gib(value: float) -> str:
    return f"{value / 2**30:,.1f} GiB" if value >= 2**30 / 10 else f"{value / 2**20:,.0f} MiB"


def tokens(value: int) -> str:
    """8192 -> '8k'; other counts with thousands separators."""
    return f"{value // 1024}k" if value and value % 1024 == 0 else f"{value:,}"


def architecture_rows(model: dict[str, Any]) -> list[tuple[str, str]]:
    arch, attention, params = model["architecture"], model["attention"], model["params"]
    unknown = "unknown"

    def value(key: str) -> str:
        found = arch.get(key)
        return unknown if found is None else f"{found:,}" if isinstance(found, int) else str(found)

    rows = [
        ("Parameters", f"{params['total_b']:.4g} B" + (f", {params['active_b']:.3g} B active per token" if params["active_b"] != params["total_b"] else "")),
        ("Layers", value("layers")),
        ("Hidden size", value("hidden_size")),
        ("Attention heads / KV heads", f"{value('attention_heads')} / {value('kv_heads')}"),
        ("Head dimension", value("head_dim") + (" (set in config.json)" if arch.get("head_dim_explicit") else "")),
        ("Vocabulary", value("vocab_size")),
        ("Context length", f"{value('context_length')} tokens"),
        ("Weights as published", arch.get("dtype") or unknown),
        ("Attention layout", attention_text(attention)),
    ]
    if model.get("moe"):
        moe = model["moe"]
        shared = f", {moe['shared_experts']} shared" if moe.get("shared_experts") else ""
        rows.append(("Experts", f"{moe['experts']}, {moe['experts_per_token']} per token{shared}"))
    return rows


def attention_text(attention: dict[str, Any]) -> str:
    layout = attention["layout"]
    if layout == "mla":
        mla = attention["mla"]
        return f"multi-head latent attention in {attention['full_layers']} layers (latent {mla['kv_lora_rank']} + RoPE {mla['rope_head_dim']})"
    if layout == "hybrid-linear":
        return f"{attention['full_layers']} full-attention layers, {attention['linear']['layers']} linear-attention layers (fixed state)"
    if layout in ("sliding", "chunked"):
        kind = "sliding-window" if layout == "sliding" else "chunked"
        return f"{attention['full_layers']} full-attention layers, {attention['windowed_layers']} {kind} layers of {attention['window']:,} tokens"
    return f"full attention in all {attention['full_layers']} layers"


def estimable(model: dict[str, Any]) -> bool:
    return model["architecture"].get("layers") is not None


def weight_sizes(est: Estimator, model: dict[str, Any]) -> list[tuple[str, float, str]]:
    """(format name, bytes, bits per weight) for the common formats."""
    coefficients = model_coefficients(model)
    formats = [est.catalogs.formats[f] for f in COMMON_FORMATS if f in est.catalogs.formats]
    return [(f["name"], closed_form.weight_bytes(coefficients, bits_per_weight(f)), f"{bits_per_weight(f):g}") for f in formats]


def kv_sizes(est: Estimator, model: dict[str, Any]) -> dict[str, Any]:
    """KV cache of one sequence per 1,000 tokens (at the start, where every layer still grows) and at the
    usual contexts the model supports, for the f16 and q8_0 cache types."""
    coefficients = model_coefficients(model)
    types = [est.catalogs.kv_cache_types[t] for t in ("f16", "q8_0")]
    contexts = [c for c in KV_CONTEXTS if c <= coefficients["context_length"]]
    return {
        "types": [t["name"] for t in types],
        "per_thousand": [closed_form.kv_bytes(coefficients, 1000, t["bytes_per_element"], 1) for t in types],
        "rows": [(tokens(c), [closed_form.kv_bytes(coefficients, c, t["bytes_per_element"], 1) for t in types]) for c in contexts],
    }


def what_runs_it(est: Estimator, model: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per representative device: does the model fit at Q4_K_M with 8k tokens, the largest context
    that fits, and the expected decode speed with its band."""
    out = []
    context = min(RUNS_IT["context"], model["architecture"]["context_length"])
    for device_id in REPRESENTATIVE_DEVICES:
        device = est.catalogs.hardware.get(device_id)
        if device is None:
            continue
        memory = device["memory"]["sizes_gb"][-1]
        result = estimate(est.catalogs, est.calibration, Request(model["id"], device_id, RUNS_IT["format"], context, engine=RUNS_IT["engine"], memory_gb=memory))
        speed = result["decode_tokens_per_s"]
        out.append({
            "device": device["name"],
            "memory": f"{memory:g} GB",
            "fits": VERDICTS[result["fits"]],
            # With offload the context no longer depends on device memory alone: no figure rather than a wrong one.
            "max_context": tokens(result["max_context"]) if result["fits"] == "yes" else "—",
            "speed": speed_text(speed),
        })
    return out


def speed_text(speed: dict[str, Any] | None) -> str:
    """'42 tokens/s (35–48)', the ceiling alone when nothing was fitted, '—' when it does not run."""
    if not speed:
        return "—"
    if speed["expected"] is None:
        return f"at most {speed['ceiling']:,.0f} tokens/s"
    return f"{speed['expected']:,.0f} tokens/s ({speed['low']:,.0f}–{speed['high']:,.0f})"


# The Hardware page's sections, one table per kind of device, in this order. One long table was the page's
# cost on a phone: every start-up restyle went through all of its rows. Apart, the tables below the first
# are skipped until scrolled to (content-visibility), and a reader finds a kind in the page's contents.
HARDWARE_SECTIONS = {
    "discrete-gpu": "Discrete GPUs",
    "unified-memory": "Unified-memory chips",
    "datacenter-gpu": "Data-centre GPUs",
    "accelerator": "Accelerators",
    "cpu": "CPU platforms",
}


def hardware_sections(est: Estimator) -> list[dict[str, Any]]:
    """The rows of `hardware_rows`, grouped by kind of device in `HARDWARE_SECTIONS` order; kinds with no device are left out."""
    rows = hardware_rows(est)
    sections = [
        {"id": kind, "heading": heading, "rows": [row for row in rows if row["kind"] == kind]}
        for kind, heading in HARDWARE_SECTIONS.items()
    ]
    return [section for section in sections if section["rows"]]


def hardware_rows(est: Estimator) -> list[dict[str, Any]]:
    """Every device: kind, memory sizes, bandwidth, dense FP16, and the decode ceiling of an 8 B model at
    4 bits (bandwidth over the bytes one token reads), each figure with its sources."""
    model = model_coefficients(est.catalogs.models[CEILING_MODEL])
    read = closed_form.active_weight_bytes(model, bits_per_weight(est.catalogs.formats[CEILING_FORMAT]))
    out = []
    for device in est.catalogs.hardware.values():
        bandwidth = device["bandwidth_gb_s"].get("value")
        flops = (device.get("fp16_tflops") or {}).get("value")
        figures = (("Memory", device["memory"]), ("Bandwidth", device["bandwidth_gb_s"]), ("FP16", device.get("fp16_tflops") or {}))
        sourced = [(label, group) for label, group in figures if group.get("sources")]
        out.append({
            "name": device["name"],
            "kind": device["kind"],
            "memory": ", ".join(f"{s:g}" for s in device["memory"]["sizes_gb"]),
            "memory_sort": device["memory"]["sizes_gb"][-1],
            "bandwidth": f"{bandwidth:,g}" if bandwidth else "unknown",
            "bandwidth_sort": bandwidth or -1,
            "flops": f"{flops:,g}" if flops else "unknown",
            "flops_sort": flops or -1,
            "ceiling": f"{bandwidth * 1e9 / read:,.0f}" if bandwidth else "unknown",
            "ceiling_sort": round(bandwidth * 1e9 / read) if bandwidth else -1,
            "sources": sourced,
            "source_count": sum(len(group["sources"]) for _, group in sourced),
        })
    return out


def validation_table(est: Estimator) -> list[list[str]]:
    return validation_rows(est.summary)
