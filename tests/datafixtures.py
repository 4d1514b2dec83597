"""A small, valid data set to mutate in tests, written to a temporary data folder."""

from __future__ import annotations

import copy
import importlib.util
import shutil
from pathlib import Path
from typing import Any

import yaml

from guide.freshness import groups_present

ROOT = Path(__file__).resolve().parents[1]
SRC = "https://example.org/source"
CHECKED = "2025-11-15"  # the day every group of the small set was "checked"


def engine(engine_id: str, name: str, **overrides: Any) -> dict[str, Any]:
    hardware = {"nvidia": True, "amd": True, "intel": None, "apple": False, "cpu": True, "sources": [SRC]}
    hardware.update(overrides.pop("hardware", {}))
    entry = {
        "id": engine_id,
        "name": name,
        "repos": [{"slug": f"example/{engine_id}"}],
        "homepage": f"https://example.org/{engine_id}",
        "sources": [SRC],
        "openness": "open-source",
        "license": {"spdx": "MIT", "sources": [SRC]},
        "audience": {"group": "production", "scale": "High-throughput production", "sources": [SRC]},
        "hardware": hardware,
        "serving": {"cpu_gpu_offload": True, "sources": [SRC]},
    }
    entry.update(overrides)
    entry.setdefault("checked", {group: CHECKED for group in groups_present(entry)})
    return entry


ENGINES = {
    "engines": [
        engine("alpha", "Alpha"),
        engine("beta", "Beta", hardware={"amd": False}, audience={"group": "local", "scale": "Enthusiast", "sources": [SRC]}),
        engine("gamma", "Gamma", hardware={"nvidia": False, "amd": False, "apple": True, "cpu": False}),
    ]
}

TREE = {
    "title": "Pick one",
    "description": "A two-question tree.",
    "start": "start",
    "categories": [
        {"id": "gpu", "label": "GPU", "fill": "#c5f59a", "stroke": "#33691e"},
        {"id": "mac", "label": "Mac", "fill": "#fff3a8", "stroke": "#f57f17"},
    ],
    "nodes": [
        {"id": "start", "type": "start", "label": "Start here", "next": "has_gpu"},
        {
            "id": "has_gpu",
            "type": "question",
            "label": "GPU?",
            "answers": [
                {"label": "Yes", "next": "gpu_leaf", "hardware": ["nvidia", "amd"]},
                {"label": "No", "next": "mac_leaf", "hardware": ["apple"]},
            ],
        },
        {
            "id": "gpu_leaf",
            "type": "leaf",
            "category": "gpu",
            "recommend": [
                {"engine": "alpha", "reason": "Runs on both."},
                {"engine": "beta", "qualifier": "NVIDIA", "only_on": ["nvidia"], "reason": "NVIDIA only."},
            ],
        },
        {
            "id": "mac_leaf",
            "type": "leaf",
            "category": "mac",
            "recommend": [{"engine": "gamma", "reason": "Built for Macs."}],
        },
    ],
}

GITHUB = {
    "repos": {
        "example/alpha": {"stars": 63100, "approximate": True, "fetched_at": "2025-11-15", "source": "seed table"},
    }
}


def _real(name: str, key: str, *ids: str) -> list[dict[str, Any]]:
    entries = yaml.load((ROOT / "data" / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[key]
    return [e for e in entries if e["id"] in ids]


def catalogs() -> dict[str, dict[str, Any]]:
    """The smallest valid estimator catalogs for the small engine set: one model, a GPU and a CPU host, two
    formats loaded by 'alpha', no engine rules, and one measurement (too few to fit anything)."""
    formats = yaml.load((ROOT / "data/formats.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {
        "models.yaml": {"models": _real("models.yaml", "models", "llama-3.1-8b")},
        "hardware.yaml": {"devices": _real("hardware.yaml", "devices", "nvidia-rtx-4090", "cpu-desktop-ddr5-5600-dual-channel")},
        "formats.yaml": {
            "families": [{"id": "gguf", "name": "GGUF", "engines": ["alpha"], "sources": [{"url": SRC}]}],
            "weight_formats": [f for f in formats["weight_formats"] if f["id"] in ("q4_k_m", "gguf-f16")],
            "kv_cache_types": formats["kv_cache_types"],
        },
        "engine-memory.yaml": {
            "unified_memory": {},
            "offload_hosts": {"discrete-gpu": "cpu-desktop-ddr5-5600-dual-channel"},
            "engines": [],
        },
        "launch.yaml": {"engines": []},
        "measurements.yaml": {
            "measurements": [
                {"id": 1, "metric": "decode", "value": 100.0, "unit": "tokens/s", "model": "llama-3.1-8b", "hardware": "nvidia-rtx-4090",
                 "gpus": 1, "engine": "alpha", "engine_label": "Alpha 1.0", "format": "q4_k_m", "date": "2026-01", "quality": "test", "source": SRC}
            ]
        },
    }


def write_data(folder: Path, engines=None, tree=None, github=None) -> Path:
    """Write a data folder (defaults: the small valid set above, with the smallest valid catalogs) and return it."""
    (folder / "history").mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("engines.yaml", engines or ENGINES),
        ("decision-tree.yaml", tree or TREE),
        ("github.yaml", github or GITHUB),
        *catalogs().items(),
    ):
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (folder / "history" / "stars.csv").write_text("date,repo,stars\n", encoding="utf-8")
    return folder


def copy_real_data(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder, dirs_exist_ok=True)
    return folder


def fresh() -> tuple[dict, dict, dict]:
    """Deep copies of the small set, to change in one test."""
    return copy.deepcopy(ENGINES), copy.deepcopy(TREE), copy.deepcopy(GITHUB)


def load_hook():
    """A fresh copy of the MkDocs hook module, to call its functions directly."""
    spec = importlib.util.spec_from_file_location("guide_hook", ROOT / "overrides" / "hooks" / "guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
