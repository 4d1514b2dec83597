"""data/hardware.yaml: valid against its schema, every id present once, sizes ascending, GitHub files pinned."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

EXPECTED_IDS = {
    # the 50 devices of shared/research/hardware-facts.yaml
    "nvidia-rtx-3060-12gb", "nvidia-rtx-3090", "nvidia-rtx-4060-ti-16gb", "nvidia-rtx-4070-ti-super",
    "nvidia-rtx-4090", "nvidia-rtx-5060-ti-16gb", "nvidia-rtx-5080", "nvidia-rtx-5090",
    "nvidia-rtx-pro-6000-blackwell", "nvidia-t4", "nvidia-l4", "nvidia-a10", "nvidia-l40s",
    "nvidia-a100-40gb-sxm", "nvidia-a100-80gb-sxm", "nvidia-h100-sxm", "nvidia-h100-pcie", "nvidia-h200",
    "nvidia-b200", "nvidia-gb200-per-gpu", "nvidia-dgx-spark-gb10", "amd-rx-7900-xtx", "amd-radeon-ai-pro-r9700",
    "amd-instinct-mi300x", "amd-instinct-mi325x", "amd-instinct-mi355x", "amd-ryzen-ai-max-plus-395",
    "intel-arc-a770-16gb", "intel-arc-b580", "intel-gaudi-3", "apple-m1", "apple-m1-pro", "apple-m1-max",
    "apple-m1-ultra", "apple-m2", "apple-m2-pro", "apple-m2-max", "apple-m2-ultra", "apple-m3", "apple-m3-pro",
    "apple-m3-max", "apple-m3-ultra", "apple-m4", "apple-m4-pro", "apple-m4-max", "google-tpu-v5e",
    "google-tpu-v6e", "cpu-desktop-ddr5-5600-dual-channel", "cpu-server-epyc-genoa-12ch-ddr5-4800",
    "cpu-server-epyc-turin-12ch-ddr5-6000",
    # the 19 devices published measurements name
    "amd-rx-7900-xt", "nvidia-a100-80gb-pcie", "nvidia-a10g", "nvidia-a40", "nvidia-rtx-2080-ti",
    "nvidia-rtx-3070", "nvidia-rtx-3080", "nvidia-rtx-3080-ti", "nvidia-rtx-3090-ti", "nvidia-rtx-4000-ada",
    "nvidia-rtx-4070", "nvidia-rtx-4070-ti", "nvidia-rtx-4080", "nvidia-rtx-5000-ada", "nvidia-rtx-6000-ada",
    "nvidia-rtx-a400", "nvidia-rtx-a4000", "nvidia-rtx-a6000", "nvidia-tesla-p40",
}
PINNED_BLOB = re.compile(r"^https://github\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/")


@pytest.fixture(scope="module")
def catalog():
    return yaml.safe_load((DATA / "hardware.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def devices(catalog):
    return catalog["devices"]


def all_sources(device):
    groups = [device["memory"], device["bandwidth_gb_s"], device["fp16_tflops"], device]
    return [source for group in groups for source in group.get("sources", [])]


def test_valid_against_schema(catalog):
    schema = json.loads((DATA / "schemas" / "hardware.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalog, schema, cls=jsonschema.Draft202012Validator)


def test_every_expected_id_once(devices):
    ids = [device["id"] for device in devices]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert set(ids) == EXPECTED_IDS


def test_sizes_ascending(devices):
    for device in devices:
        lists = [device["memory"]["sizes_gb"]]
        lists += [variant["sizes_gb"] for variant in device["bandwidth_gb_s"].get("variants", [])]
        for sizes in lists:
            assert sizes == sorted(set(sizes)), f"{device['id']}: sizes_gb {sizes} not ascending"


def test_variants_cover_the_listed_sizes(devices):
    for device in devices:
        variants = device["bandwidth_gb_s"].get("variants")
        if variants:
            covered = sorted(size for variant in variants for size in variant["sizes_gb"])
            assert covered == device["memory"]["sizes_gb"], device["id"]
            assert device["bandwidth_gb_s"]["value"] == max(variant["value"] for variant in variants)


def test_github_files_are_pinned(devices):
    for device in devices:
        for source in all_sources(device):
            url = source["url"]
            if url.startswith("https://github.com/") and "/blob/" in url:
                assert PINNED_BLOB.match(url), f"{device['id']}: {url} is not pinned to a commit"


def test_a_null_value_says_why(devices):
    for device in devices:
        for group in ("bandwidth_gb_s", "fp16_tflops"):
            if device[group]["value"] is None:
                assert device[group].get("note"), f"{device['id']}: {group} is null without a note"


def test_the_hardware_page_has_a_section_for_every_kind_the_schema_allows():
    """A kind added to the schema without a heading would drop its devices from the Hardware page."""
    from guide.estimates import HARDWARE_SECTIONS

    schema = json.loads((DATA / "schemas" / "hardware.schema.json").read_text(encoding="utf-8"))
    assert set(HARDWARE_SECTIONS) == set(schema["$defs"]["device"]["properties"]["kind"]["enum"])
