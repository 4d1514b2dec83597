"""The estimator's arithmetic on worked examples: every KV layout, MoE residency, unified memory, engine rules,
the largest context, fit verdicts and offload."""

from __future__ import annotations

import pytest

from estimator import closed_form
from estimator.calibrated import calibration
from estimator.coefficients import GIB, device_coefficients, model_coefficients, unified_memory_share
from estimator.estimate import Request, RequestError, estimate
from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data

CATALOGS = load_catalogs(load_site_data().engines)
CALIBRATION = calibration(CATALOGS)
F16 = 2


def kv(model_id: str, context: int, element: float = F16, sequences: int = 1) -> float:
    return closed_form.kv_bytes(model_coefficients(CATALOGS.models[model_id]), context, element, sequences)


# Worked by hand from the architectures in data/models.yaml (layers x 2 (K, V) x KV heads x head dim x bytes x tokens).
@pytest.mark.parametrize(
    ("model", "context", "expected", "layout"),
    [
        # Full GQA: 32 layers x 2 x 8 heads x 128 x 2 bytes = 128 KiB per token; 8,192 tokens = 1 GiB.
        ("llama-3.1-8b", 8192, 32 * 2 * 8 * 128 * 2 * 8192, "full"),
        # Sliding window: 10 global layers hold 32,768 tokens, 52 local layers at most 1,024.
        ("gemma-3-27b", 32768, 10 * 2 * 16 * 128 * 2 * 32768 + 52 * 2 * 16 * 128 * 2 * 1024, "sliding"),
        # Below the window every layer holds the whole context.
        ("gemma-3-27b", 512, 62 * 2 * 16 * 128 * 2 * 512, "sliding"),
        # gpt-oss: 12 full layers, 12 with a 128-token window.
        ("gpt-oss-20b", 4096, 12 * 2 * 8 * 64 * 2 * 4096 + 12 * 2 * 8 * 64 * 2 * 128, "sliding"),
        # Mistral 7B v0.1: every layer windowed at 4,096, so 32k tokens cost what 4k do.
        ("mistral-7b", 32768, 32 * 2 * 8 * 128 * 2 * 4096, "sliding"),
        # Llama 4 chunked attention: 12 NoPE global layers, 36 chunked at 8,192.
        ("llama-4-scout", 131072, 12 * 2 * 8 * 128 * 2 * 131072 + 36 * 2 * 8 * 128 * 2 * 8192, "chunked"),
        # MLA: one latent of 512 + 64 RoPE values per layer, not K and V for 128 heads.
        ("deepseek-v3", 4096, 61 * (512 + 64) * 2 * 4096, "mla"),
        # Hybrid linear attention: 12 full layers grow with the context; 36 Gated DeltaNet layers keep a fixed f32
        # state of 32 value heads x 128 x 128 plus 3 convolution steps over 2 x 16 x 128 + 32 x 128 channels.
        ("qwen3-next-80b-a3b", 8192, 12 * 2 * 2 * 256 * 2 * 8192 + 36 * (32 * 128 * 128 + 3 * (2 * 16 * 128 + 32 * 128)) * 4, "hybrid-linear"),
    ],
)
def test_kv_cache_worked_examples(model, context, expected, layout):
    assert CATALOGS.models[model]["attention"]["layout"] == layout
    assert kv(model, context) == expected


def test_kv_cache_scales_with_sequences_and_cache_type():
    assert kv("llama-3.1-8b", 4096, sequences=4) == 4 * kv("llama-3.1-8b", 4096)
    q8 = CATALOGS.kv_cache_types["q8_0"]["bytes_per_element"]
    assert q8 == 34 / 32
    assert kv("llama-3.1-8b", 8192, element=q8) == 32 * 2 * 8 * 128 * 8192 * 34 / 32


def test_linear_state_does_not_grow_with_context():
    full_part = 12 * 2 * 2 * 256 * 2
    assert kv("qwen3-next-80b-a3b", 2000) - kv("qwen3-next-80b-a3b", 1000) == full_part * 1000


def test_moe_keeps_every_expert_in_memory_but_reads_only_the_active_ones():
    model = model_coefficients(CATALOGS.models["qwen3-30b-a3b"])
    assert closed_form.weight_bytes(model, 16) == pytest.approx(30.5e9 * 2)
    assert closed_form.active_weight_bytes(model, 16) == pytest.approx(3.3e9 * 2)
    result = estimate(CATALOGS, CALIBRATION, Request("qwen3-30b-a3b", "nvidia-h100-sxm", "bf16", 4096))
    assert result["memory"]["weights_bytes"] == round(30.5e9 * 2)
    # The ceiling is set by the 3.3 B active parameters (plus the KV cache), not by all 30.5 B.
    ceiling = result["decode_tokens_per_s"]["ceiling"]
    bandwidth = CATALOGS.hardware["nvidia-h100-sxm"]["bandwidth_gb_s"]["value"] * 1e9
    assert ceiling == pytest.approx(bandwidth / (3.3e9 * 2 + kv("qwen3-30b-a3b", 4096)))


@pytest.mark.parametrize(("device", "ram", "share"), [("apple-m1", 16, 2 / 3), ("apple-m3-max", 36, 2 / 3), ("apple-m2-ultra", 192, 0.75)])
def test_unified_memory_gives_the_gpu_only_its_share(device, ram, share):
    entry = CATALOGS.hardware[device]
    assert unified_memory_share(CATALOGS.unified_memory, entry, ram) == pytest.approx(share, abs=1e-4)
    result = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", device, "Q4_K_M", 4096, memory_gb=ram))
    assert result["memory"]["available_bytes"] == pytest.approx(ram * GIB * share, rel=1e-4)


def test_a_discrete_gpu_offers_all_of_its_memory_without_an_engine():
    result = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 4096))
    assert result["memory"]["available_bytes"] == 24 * GIB
    assert result["memory"]["overhead_bytes"] == 0


def test_vllm_reserves_its_share_and_llama_cpp_adds_a_compute_buffer():
    vllm = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", "nvidia-rtx-4090", "FP16", 4096, engine="vllm"))
    assert vllm["memory"]["available_bytes"] == round(24 * GIB * 0.9)
    llama = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 4096, engine="llama-cpp", gpus=2))
    # 512 tokens x (128,256 vocabulary + 4,096 hidden) x 4 bytes per GPU: llama.cpp logged 258.50 MiB for Llama 3 8B.
    assert llama["memory"]["overhead_bytes"] == 2 * 512 * (128256 + 4096) * 4
    assert 512 * (128256 + 4096) * 4 / 2**20 == 258.5


def test_largest_context_is_the_exact_inverse_of_the_kv_size():
    for model_id in ("llama-3.1-8b", "gemma-3-27b", "gpt-oss-20b", "deepseek-v3", "qwen3-next-80b-a3b"):
        model = model_coefficients(CATALOGS.models[model_id])
        for budget in (1e6, 3e8, 5e9, 4e10):
            tokens = closed_form.largest_context(model, budget, F16, 2)
            if tokens < model["context_length"]:
                fits = tokens == 0 or closed_form.kv_bytes(model, tokens, F16, 2) <= budget
                assert fits and budget < closed_form.kv_bytes(model, tokens + 1, F16, 2), (model_id, budget)


def test_a_model_with_only_windowed_layers_fits_any_context_once_the_window_does():
    model = model_coefficients(CATALOGS.models["mistral-7b"])
    assert closed_form.largest_context(model, closed_form.kv_bytes(model, 4096, F16, 1), F16, 1) == model["context_length"]


@pytest.mark.parametrize(
    ("request_", "verdict"),
    [
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 8192, engine="llama-cpp"), "yes"),
        # 17 GiB of weights on a 12 GB card: llama.cpp keeps the rest in host memory.
        (Request("qwen3-30b-a3b", "nvidia-rtx-3060-12gb", "Q4_K_M", 8192, engine="llama-cpp"), "offload"),
        # vLLM can offload weights too, but not 400 GiB of them to a desktop.
        (Request("llama-3.1-405b", "nvidia-rtx-4090", "FP16", 8192, engine="vllm"), "no"),
        # Without an engine nothing says the weights may spill over.
        (Request("qwen3-30b-a3b", "nvidia-rtx-3060-12gb", "Q4_K_M", 8192), "no"),
    ],
)
def test_fit_verdicts(request_, verdict):
    assert estimate(CATALOGS, CALIBRATION, request_)["fits"] == verdict


def test_offload_reads_the_spilled_weights_at_host_bandwidth():
    result = estimate(CATALOGS, CALIBRATION, Request("qwen3-30b-a3b", "nvidia-rtx-3060-12gb", "Q4_K_M", 8192, engine="llama-cpp"))
    on_gpu = estimate(CATALOGS, CALIBRATION, Request("qwen3-30b-a3b", "nvidia-rtx-4090", "Q4_K_M", 8192, engine="llama-cpp"))
    host = CATALOGS.hardware[CATALOGS.default_host["discrete-gpu"]]
    assert result["memory"]["offloaded_bytes"] > 0
    assert result["decode_tokens_per_s"]["ceiling"] < on_gpu["decode_tokens_per_s"]["ceiling"]
    assert any(host["name"] in line for line in result["assumptions"])


def test_tensor_parallel_adds_bandwidth_and_a_layer_split_does_not():
    one = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-70b", "nvidia-h100-sxm", "FP8", 4096, engine="vllm"))
    tensor = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-70b", "nvidia-h100-sxm", "FP8", 4096, engine="vllm", gpus=4, split="tensor"))
    layer = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-70b", "nvidia-h100-sxm", "FP8", 4096, engine="vllm", gpus=4, split="layer"))
    assert tensor["decode_tokens_per_s"]["ceiling"] == pytest.approx(4 * one["decode_tokens_per_s"]["ceiling"])
    assert layer["decode_tokens_per_s"]["ceiling"] == pytest.approx(one["decode_tokens_per_s"]["ceiling"])


def test_every_band_holds_the_expected_value_and_never_passes_the_ceiling():
    for device in ("nvidia-rtx-4090", "apple-m2-ultra", "nvidia-a100-80gb-sxm", "amd-instinct-mi300x", "cpu-desktop-ddr5-5600-dual-channel"):
        speed = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", device, "Q4_K_M", 4096))["decode_tokens_per_s"]
        assert speed["low"] <= speed["expected"] <= speed["high"] <= speed["ceiling"], device


def test_every_result_explains_itself():
    result = estimate(CATALOGS, CALIBRATION, Request("gemma-3-27b", "apple-m3-max", "Q4_K_M", 32768, memory_gb=48, engine="llama-cpp"))
    text = " ".join(result["assumptions"])
    for words in ("52 layers attend to a window", "1,024 tokens", "Unified memory", "compute buffer", "Apple unified-memory chips"):
        assert words in text


def test_a_device_without_a_bandwidth_figure_gets_no_speed():
    assert CATALOGS.hardware["nvidia-rtx-4000-ada"]["bandwidth_gb_s"]["value"] is None
    result = estimate(CATALOGS, CALIBRATION, Request("llama-3.1-8b", "nvidia-rtx-4000-ada", "Q4_K_M", 4096))
    assert result["fits"] == "yes" and result["decode_tokens_per_s"] is None


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (Request("llama-3.1-8x", "nvidia-rtx-4090", "Q4_K_M", 10), "--model: unknown model 'llama-3.1-8x' (did you mean llama-3.1-8b"),
        (Request("llama-3.1-8b", "rtx-4090", "Q4_K_M", 10), "--hardware: unknown device 'rtx-4090'"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_N", 10), "--format: unknown weight format 'Q4_K_N' (did you mean"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "BF16", 10), "--format: 'BF16' names several formats, expected one of their ids: bf16 (Hugging Face"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 0), "--context: 0 tokens, expected 1 to 131,072"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 131073), "--context: 131073 tokens, expected 1 to 131,072"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 10, batch=0), "--batch: 0, expected a whole number from 1 to 65,536"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 10, memory_gb=12), "--memory-gb: 12, expected one of 24"),
        (Request("llama-3.1-8b", "apple-m1", "Q4_K_M", 10, gpus=2), "--gpus: 2, but 'apple-m1' is unified-memory"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 10, kv_cache_type="q2"), "--kv-cache-type: unknown KV cache type 'q2'"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "AWQ-4bit", 10, engine="llama-cpp"), "--engine: llama.cpp is not known to load AWQ"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 10, engine="ollama", gpus=2, split="tensor"), "--split: 'tensor', expected one of layer"),
        (Request("llama-3.1-8b", "nvidia-rtx-4090", "Q4_K_M", 10, host="nvidia-a100-80gb-sxm"), "--host: 'nvidia-a100-80gb-sxm' is datacenter-gpu"),
    ],
)
def test_bad_requests_are_refused_with_the_option_and_what_was_expected(request_, message):
    with pytest.raises(RequestError) as caught:
        estimate(CATALOGS, CALIBRATION, request_)
    assert str(caught.value).startswith(message)


def test_a_shared_format_name_is_settled_by_the_engine():
    gguf = estimate(CATALOGS, CALIBRATION, Request("gpt-oss-20b", "apple-m4", "MXFP4", 8192, memory_gb=16, engine="llama-cpp"))
    checkpoint = estimate(CATALOGS, CALIBRATION, Request("gpt-oss-20b", "nvidia-h100-sxm", "MXFP4", 8192, engine="vllm"))
    assert gguf["inputs"]["format"] == "gguf-mxfp4" and checkpoint["inputs"]["format"] == "mxfp4"
