"""data/models.yaml: the schema, the ids the research files use, and the rules a schema cannot say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"

# The ids of shared/research/models-facts.yaml (29) and models-validation.yaml (14).
RESEARCH_IDS = {
    "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-3.3-70b", "llama-4-scout", "llama-4-maverick",
    "qwen3-0.6b", "qwen3-4b", "qwen3-8b", "qwen3-14b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b",
    "qwen3-next-80b-a3b", "qwen2.5-7b", "qwen2.5-72b", "gemma-3-4b", "gemma-3-12b", "gemma-3-27b",
    "gpt-oss-20b", "gpt-oss-120b", "deepseek-v3", "deepseek-r1", "kimi-k2", "mistral-small-3.1-24b",
    "mistral-nemo-12b", "phi-4", "glm-4.5", "glm-4.6",
    "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3.2-1b", "llama-3.2-3b",
    "mistral-7b", "mistral-7b-instruct-v0.2", "codellama-34b", "llama-1-30b", "llama-1-65b",
    "deepseek-r1-distill-qwen-14b", "tinyllama-1.1b",
}


@pytest.fixture(scope="module")
def catalog() -> dict:
    return yaml.safe_load((DATA / "models.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def models(catalog) -> dict[str, dict]:
    return {model["id"]: model for model in catalog["models"]}


def test_file_matches_its_schema(catalog):
    schema = json.loads((DATA / "schemas" / "models.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    problems = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in jsonschema.Draft202012Validator(schema).iter_errors(catalog)
    ]
    assert problems == []


def test_first_line_points_editors_at_the_schema():
    first = (DATA / "models.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/models.schema.json"


def test_ids_are_unique(catalog):
    ids = [model["id"] for model in catalog["models"]]
    assert len(ids) == len(set(ids))


def test_every_research_model_is_present(models):
    assert set(models) == RESEARCH_IDS


def test_layers_add_up(models):
    wrong = {
        model_id: model
        for model_id, model in models.items()
        if model["architecture"]["layers"] is not None
        and model["attention"]["full_layers"]
        + model["attention"]["windowed_layers"]
        + (model["attention"]["linear"] or {}).get("layers", 0)
        != model["architecture"]["layers"]
    }
    assert wrong == {}


def test_moe_models_read_fewer_parameters_than_they_hold(models):
    for model_id, model in models.items():
        params = model["params"]
        if model["moe"] is None:
            assert params["active_b"] == params["total_b"], model_id
        else:
            assert params["active_b"] < params["total_b"], model_id
            assert model["moe"]["experts_per_token"] < model["moe"]["experts"], model_id


def test_mla_models_say_what_they_cache(models):
    mla = {model_id for model_id, model in models.items() if model["attention"]["layout"] == "mla"}
    assert mla == {"deepseek-v3", "deepseek-r1", "kimi-k2"}
    for model_id in mla:
        assert models[model_id]["attention"]["mla"] == {"kv_lora_rank": 512, "rope_head_dim": 64}


@pytest.mark.parametrize(
    ("model_id", "full", "windowed", "window"),
    [
        ("gemma-3-4b", 5, 29, 1024),
        ("gemma-3-12b", 8, 40, 1024),
        ("gemma-3-27b", 10, 52, 1024),
        ("gpt-oss-20b", 12, 12, 128),
        ("gpt-oss-120b", 18, 18, 128),
        ("llama-4-scout", 12, 36, 8192),
        ("llama-4-maverick", 12, 36, 8192),
        ("mistral-7b", 0, 32, 4096),
        ("mistral-7b-instruct-v0.2", 32, 0, None),
    ],
)
def test_windowed_layouts(models, model_id, full, windowed, window):
    attention = models[model_id]["attention"]
    assert (attention["full_layers"], attention["windowed_layers"], attention["window"]) == (full, windowed, window)


def test_qwen3_next_mixes_linear_and_full_attention(models):
    attention = models["qwen3-next-80b-a3b"]["attention"]
    assert attention["layout"] == "hybrid-linear"
    assert (attention["full_layers"], attention["linear"]["layers"]) == (12, 36)


def test_every_github_file_url_is_pinned_to_a_commit(catalog):
    def urls(node):
        if isinstance(node, dict):
            if "url" in node:
                yield node["url"]
            for value in node.values():
                yield from urls(value)
        elif isinstance(node, list):
            for item in node:
                yield from urls(item)

    unpinned = [
        url for url in urls(catalog)
        if url.startswith("https://github.com/") and "/blob/" in url
        and not re.search(r"/blob/[0-9a-f]{40}/", url)
    ]
    assert unpinned == []


def test_kv_bytes_per_token_of_llama_3_1_8b_at_f16(models):
    """Worked example: a full-attention layer caches a key and a value per KV head per token."""
    arch = models["llama-3.1-8b"]["architecture"]
    attention = models["llama-3.1-8b"]["attention"]
    bytes_per_element = 2  # f16
    per_token = attention["full_layers"] * 2 * arch["kv_heads"] * arch["head_dim"] * bytes_per_element
    assert per_token == 32 * 2 * 8 * 128 * 2 == 131072
