"""data/formats.yaml: valid against its schema, complete, and its block arithmetic adds up."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

DATA = Path(__file__).resolve().parent.parent / "data"

# The formats the estimator's catalog spec asks for (docs: catalogs-spec, data/formats.yaml).
REQUIRED_WEIGHT_NAMES = {
    "gguf": ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_1", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_1",
             "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ3_S", "IQ4_XS", "IQ4_NL",
             "F16", "BF16"],
    "other": ["FP16", "BF16", "FP8", "MXFP4", "NVFP4"],
}
REQUIRED_WEIGHT_IDS = ["awq-4bit", "gptq-4bit"]
REQUIRED_KV_IDS = ["f16", "q8_0", "q4_0", "fp8"]


@pytest.fixture(scope="module")
def catalog() -> dict:
    return yaml.safe_load((DATA / "formats.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((DATA / "schemas" / "formats.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_file_names_its_schema():
    first_line = (DATA / "formats.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/formats.schema.json"


def test_catalog_matches_schema(catalog, validator):
    assert schema_errors(validator, catalog) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda c: c["weight_formats"][0].pop("sources"),
        lambda c: c["weight_formats"][0].update(kind="mixed"),
        lambda c: c["kv_cache_types"][0].update(colour="blue"),
        lambda c: c["families"][0]["sources"][0].update(url="http://example.com"),
    ],
    ids=["missing-sources", "unknown-kind", "unknown-field", "plain-http-url"],
)
def test_schema_rejects_bad_entries(catalog, validator, damage):
    broken = copy.deepcopy(catalog)
    damage(broken)
    assert schema_errors(validator, broken)


@pytest.mark.parametrize("section", ["families", "weight_formats", "kv_cache_types"])
def test_ids_are_unique(catalog, section):
    ids = [item["id"] for item in catalog[section]]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_required_format_is_present(catalog):
    gguf = {f["name"] for f in catalog["weight_formats"] if f["family"] == "gguf"}
    other = {f["name"] for f in catalog["weight_formats"] if f["family"] != "gguf"}
    ids = {f["id"] for f in catalog["weight_formats"]}
    assert [n for n in REQUIRED_WEIGHT_NAMES["gguf"] if n not in gguf] == []
    assert [n for n in REQUIRED_WEIGHT_NAMES["other"] if n not in other] == []
    assert [i for i in REQUIRED_WEIGHT_IDS if i not in ids] == []
    assert [i for i in REQUIRED_KV_IDS if i not in {k["id"] for k in catalog["kv_cache_types"]}] == []


def test_families_and_engines_exist(catalog):
    families = {f["id"] for f in catalog["families"]}
    engines = {e["id"] for e in yaml.safe_load((DATA / "engines.yaml").read_text(encoding="utf-8"))["engines"]}
    assert sorted({f["family"] for f in catalog["weight_formats"]} - families) == []
    listed = {e for group in catalog["families"] + catalog["kv_cache_types"] for e in group.get("engines", [])}
    assert sorted(listed - engines) == []


def test_block_types_and_dense_formats_record_their_block(catalog):
    missing = [f["id"] for f in catalog["weight_formats"] if f["kind"] != "mix" and "block" not in f]
    assert missing == []


def test_bits_per_weight_equal_block_arithmetic(catalog):
    wrong = [
        (f["id"], f["bits_per_weight"], f["block"]["bytes"] * 8 / f["block"]["weights"])
        for f in catalog["weight_formats"]
        if "block" in f and not math.isclose(f["bits_per_weight"], f["block"]["bytes"] * 8 / f["block"]["weights"])
    ]
    assert wrong == []


def test_kv_bytes_per_element_equal_block_arithmetic(catalog):
    wrong = [
        (k["id"], k["bytes_per_element"], k["block"]["bytes"] / k["block"]["weights"])
        for k in catalog["kv_cache_types"]
        if "block" in k and not math.isclose(k["bytes_per_element"], k["block"]["bytes"] / k["block"]["weights"])
    ]
    assert wrong == []


def test_mixes_cost_more_than_their_base_type(catalog):
    """A llama-quantize preset only ever raises tensors above its base type, so its bpw cannot be lower."""
    by_name = {f["name"]: f for f in catalog["weight_formats"] if f["family"] == "gguf"}
    too_low = [
        name for name, f in by_name.items()
        if f["kind"] == "mix" and f["bits_per_weight"] < by_name[name[:4]]["bits_per_weight"]
    ]
    assert too_low == []


def test_derived_figures_say_so(catalog):
    """Block-layout figures are arithmetic, and their basis must say `derived:`."""
    unlabelled = [f["id"] for f in catalog["weight_formats"] if "block" in f and "derived:" not in f["basis"]]
    assert unlabelled == []
