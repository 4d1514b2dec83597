"""Launch commands: every flag printed is one the data records (with its source), conflicting choices are refused,
and values are quoted so that no data can break out of the command."""

from __future__ import annotations

import itertools
import shlex
import subprocess

import pytest
import yaml

from datafixtures import copy_real_data
from guide.catalogs import load_catalogs
from guide.problems import DataError
from guide.sitedata import load_site_data
from launch.catalog import load_launch, request
from launch.commands import build, quote

CATALOGS = load_catalogs(load_site_data().engines)
LAUNCH = load_launch(CATALOGS)
ISSUE_ENGINES = ("vllm", "sglang", "tensorrt-llm", "llama-cpp", "ollama", "lm-studio", "mlx", "exllamav3", "modular-max", "mistral-rs", "lmdeploy")
MODELS = ("llama-3.1-8b", "gemma-3-27b", "deepseek-v3", "qwen3-30b-a3b")
FORMATS = ("q4_k_m", "gguf-f16", "bf16", "fp8", "awq-4bit", "mxfp4")
SPREAD = list(itertools.product(MODELS, FORMATS, (4096, 131072), (1, 2, 8), ("tensor", "layer"), ("f16", "q8_0", "fp8")))


def sourced_words(entry) -> set[str]:
    """Every command word, flag, environment variable and literal word the entry records with a source (the
    schema requires one on each): nothing else may appear as a flag or variable in a command."""
    words = set()
    for step in entry["steps"]:
        words.update(shlex.split(step["command"]))
        for argument in step["arguments"]:
            assert argument.get("source"), argument
            words.update(filter(None, (argument.get("flag"), argument.get("env"))))
            words.update(shlex.split(argument.get("text", "")))
            for form in argument.get("model", {}).values():
                words.update(filter(None, (form.get("flag"), *form.get("extra", []))))
    return words


def flags_and_variables(line: str) -> list[str]:
    """The words of a line that name an option: flags (-x, --x) and the VARIABLE of VARIABLE=value."""
    named = []
    for word in shlex.split(line):
        if word.startswith("-"):
            named.append(word)
        elif "=" in word and word.split("=", 1)[0].isupper():
            named.append(word.split("=", 1)[0])
    return named


def test_every_listed_engine_has_launch_data():
    assert all(engine in LAUNCH for engine in ISSUE_ENGINES)


@pytest.mark.parametrize("engine", ISSUE_ENGINES)
def test_every_flag_printed_is_recorded_with_a_source(engine):
    entry = LAUNCH[engine]
    allowed = sourced_words(entry)
    built = 0
    for model, fmt, context, gpus, split, kv in SPREAD:
        if context > CATALOGS.models[model]["architecture"]["context_length"]:
            continue
        state = {"engine": engine, "model": model, "format": fmt, "context": context, "gpus": gpus, "split": split, "kv_cache_type": kv}
        result = build(entry, request(CATALOGS, state))
        if result["ok"]:
            built += 1
            for line in result["lines"]:
                assert set(flags_and_variables(line)) <= allowed, (engine, line)
    assert built > 20, f"only {built} commands built for {engine}"


@pytest.mark.parametrize(
    ("engine", "fmt", "gpus", "split", "reason"),
    [
        ("vllm", "q4_k_m", 1, "tensor", "vLLM does not load GGUF weights"),
        ("tensorrt-llm", "q4_k_m", 1, "tensor", "TensorRT-LLM does not load GGUF weights"),
        ("lmdeploy", "gguf-f16", 1, "tensor", "LMDeploy does not load GGUF weights"),
        ("llama-cpp", "awq-4bit", 1, "tensor", "llama.cpp does not load AWQ"),
        ("exllamav3", "q4_k_m", 1, "tensor", "ExLlamaV3 does not load GGUF weights"),
        ("ollama", "q4_k_m", 2, "tensor", "Ollama cannot split a model over several GPUs tensor parallel"),
        ("lm-studio", "q4_k_m", 2, "layer", "LM Studio cannot split a model over several GPUs by layers"),
        ("lmdeploy", "bf16", 4, "layer", "LMDeploy cannot split a model over several GPUs by layers"),
    ],
)
def test_conflicting_choices_are_refused_not_printed(engine, fmt, gpus, split, reason):
    result = build(LAUNCH[engine], request(CATALOGS, {"engine": engine, "model": "llama-3.1-8b", "format": fmt, "context": 8192, "gpus": gpus, "split": split}))
    assert not result["ok"] and result["lines"] == [] and result["refused"].startswith(reason)


def test_a_choice_the_engine_cannot_express_is_said_not_invented():
    result = build(LAUNCH["mlx"], request(CATALOGS, {"engine": "mlx", "model": "llama-3.1-8b", "format": "bf16", "context": 8192, "kv_cache_type": "q8_0"}))
    assert result["ok"] and "q8_0" not in " ".join(result["lines"]) and "8192" not in " ".join(result["lines"])
    assert [line.split(":")[0] for line in result["unexpressed"]] == ["context length 8192", "KV cache type q8_0"]


def test_llama_cpp_turns_on_flash_attention_for_a_quantized_cache():
    words = build(LAUNCH["llama-cpp"], request(CATALOGS, {"engine": "llama-cpp", "model": "llama-3.1-8b", "format": "q4_k_m", "context": 8192, "kv_cache_type": "q4_0"}))["lines"][0].split()
    assert words[words.index("-ctv") + 1] == "q4_0" and words[words.index("-fa") + 1] == "on"
    plain = build(LAUNCH["llama-cpp"], request(CATALOGS, {"engine": "llama-cpp", "model": "llama-3.1-8b", "format": "q4_k_m", "context": 8192}))["lines"][0]
    assert "-fa" not in plain.split() and "-ctk" not in plain.split()


HOSTILE = ["it's", "$(rm -rf ~)", "`id`", "a; reboot", "x\ny", 'say "hi" & | > <', "-" * 4000]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_one_word(value):
    """A hostile repository name or model id comes back from the shell exactly, as one word."""
    for engine in ("vllm", "llama-cpp", "ollama", "exllamav3"):
        fmt = "q4_k_m" if "gguf" in LAUNCH[engine]["loads"] else "bf16"
        req = {**request(CATALOGS, {"engine": engine, "model": "llama-3.1-8b", "format": fmt, "context": 8192}), "hf_repo": value, "model": value}
        result = build(LAUNCH[engine], req)
        assert any(value in word for line in result["lines"] for word in shlex.split(line)), engine
        for line in result["lines"]:
            # A real shell reads the same words: run them through printf instead of the command.
            first, *rest = line.split(" ", 1)
            if "=" in first or rest == [] or ">" in line:
                continue
            echoed = subprocess.run(["bash", "-c", "printf '%s\\0' " + rest[0]], capture_output=True, text=True, check=True).stdout
            assert echoed.split("\0")[:-1] == shlex.split(rest[0]), line


def test_quote_keeps_plain_words_plain():
    assert quote("meta-llama/Llama-3.1-8B-Instruct") == "meta-llama/Llama-3.1-8B-Instruct"
    assert quote("a b") == "'a b'" and quote("it's") == "'it'\\''s'"


def test_bad_launch_data_names_the_entry_and_field(tmp_path):
    folder = copy_real_data(tmp_path / "data")
    data = yaml.safe_load((folder / "launch.yaml").read_text(encoding="utf-8"))
    data["engines"][0]["engine"] = "vlm"
    data["engines"][1]["loads"].append("ggml")
    data["engines"][3]["steps"][0]["arguments"][3]["values"]["q2"] = "q2"
    (folder / "launch.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalogs = load_catalogs(load_site_data(folder).engines, folder)
    with pytest.raises(DataError) as caught:
        load_launch(catalogs, folder)
    found = [str(p) for p in caught.value.problems]
    assert any("engines[0]: field 'engine': 'vlm' is not an engine id in engines.yaml" in p for p in found)
    assert any("(id" not in p and "engines[1]: field 'loads': 'ggml' is not a family id in formats.yaml" in p for p in found)
    assert any("field 'steps[0].arguments[3].values': unknown value(s) q2, expected f16, fp8, q4_0, q8_0" in p for p in found)
