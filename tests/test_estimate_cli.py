"""scripts/estimate.py and scripts/validate_estimator.py as people and scripts call them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from datafixtures import ROOT, copy_real_data
from estimator.calibrated import summary
from estimator.calibration import MIN_DEVICES
from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data

CATALOGS = load_catalogs(load_site_data().engines)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "estimate.py"), *args], capture_output=True, text=True, cwd=ROOT)


BASE = ["--model", "llama-3.1-8b", "--hardware", "nvidia-rtx-4090", "--format", "Q4_K_M", "--context", "8192"]


def test_json_output_has_every_documented_key():
    result = run(*BASE, "--engine", "llama-cpp", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["memory"]) >= {"weights_bytes", "kv_cache_bytes", "overhead_bytes", "total_bytes", "available_bytes"}
    assert data["fits"] in ("yes", "offload", "no")
    assert set(data["decode_tokens_per_s"]) == {"ceiling", "expected", "low", "high"}
    assert "expected" in data["prefill_tokens_per_s"]
    assert data["memory"]["kv_cache_bytes"] == 2**30  # 128 KiB per token x 8,192
    assert data["max_context"] == 131072 and data["assumptions"]
    assert data["inputs"]["model"] == "llama-3.1-8b" and data["inputs"]["memory_gb"] == 24


def test_summary_reads_as_an_estimate_with_its_band():
    out = run(*BASE).stdout
    assert ": fits" in out and "Decode (estimate):" in out and "(band " in out and "Assumptions:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "llama-3.1-8x", *BASE[2:]], "error: --model: unknown model 'llama-3.1-8x' (did you mean llama-3.1-8b"),
        ([*BASE[:-1], "abc"], "error: argument --context: 'abc' is not a whole number"),
        ([*BASE[:-1], "0"], "error: --context: 0 tokens, expected 1 to 131,072"),
        ([*BASE, "--memory-gb", "-3"], "error: argument --memory-gb: '-3', expected a positive number"),
        ([*BASE, "--memory-gb", "nan"], "error: argument --memory-gb: 'nan', expected a positive number"),
        (BASE[:4], "error: --format, --context: required"),
        ([*BASE, "--frobnicate"], "error: unrecognized arguments: --frobnicate"),
    ],
)
def test_bad_options_get_one_line_and_status_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_bad_data_gets_status_4_and_the_problem(tmp_path):
    folder = copy_real_data(tmp_path / "data")
    path = folder / "models.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["models"][0]["architecture"]["layers"] = "many"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run(*BASE, "--data-dir", str(folder))
    assert result.returncode == 4 and "models[0] (id 'llama-3.1-8b'): field 'architecture.layers'" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_prints_the_ids():
    assert "llama-3.1-8b" in run("--list", "models").stdout


def test_validate_prints_the_error_table():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate_estimator.py")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "All devices" in result.stdout and "decode speed" in result.stdout
    exact, rows = summary(CATALOGS)["kv_exact"]
    assert f"to the byte: {exact} of {rows}." in result.stdout


def test_kv_sizes_match_llama_cpp_logs_to_the_byte():
    exact, rows = summary(CATALOGS)["kv_exact"]
    assert rows >= 10 and exact == rows


def test_no_fitted_group_rests_on_one_device():
    for kind, fits in summary(CATALOGS)["calibration"].items():
        for key, fit in fits.items():
            assert fit["devices"] >= MIN_DEVICES, (kind, key)


def test_unseen_device_errors_are_reported_beside_in_sample_ones():
    overall = next(r for r in summary(CATALOGS)["table"] if r["family"] == "all devices" and r["kind"] == "decode")
    assert overall["in_sample"]["rows"] == overall["unseen_device"]["rows"] > 300
    assert overall["unseen_device"]["median"] >= overall["in_sample"]["median"] * 0.9


CUSTOM = ["--model", "llama-3.1-8b", "--hardware", "custom", "--format", "Q4_K_M", "--context", "8192"]


def test_a_custom_device_is_given_by_its_memory_and_bandwidth():
    result = run(*CUSTOM, "--memory-gb", "24", "--bandwidth-gb-s", "1008", "--engine", "llama-cpp", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    catalog = json.loads(run(*BASE, "--engine", "llama-cpp", "--json").stdout)
    # The same memory and bandwidth as an RTX 4090: the same memory figures and ceiling; no FP16 figure, no prefill.
    assert data["memory"] == catalog["memory"] and data["fits"] == catalog["fits"]
    assert data["decode_tokens_per_s"]["ceiling"] == pytest.approx(catalog["decode_tokens_per_s"]["ceiling"])
    assert data["prefill_tokens_per_s"] is None
    assert data["inputs"]["hardware"] == "custom" and data["inputs"]["bandwidth_gb_s"] == 1008
    assert "a custom device (24 GB, 1008 GB/s)" in run(*CUSTOM, "--memory-gb", "24", "--bandwidth-gb-s", "1008").stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--memory-gb", "24"], "--bandwidth-gb-s: missing, expected a number above 0 and up to 100,000 for --hardware custom"),
        (["--memory-gb", "24", "--bandwidth-gb-s", "1e9"], "--bandwidth-gb-s: 1e+09, expected a number above 0 and up to 100,000"),
        (["--bandwidth-gb-s", "900"], "--memory-gb: missing, expected a number above 0"),
    ],
)
def test_a_custom_device_without_its_figures_is_refused(extra, message):
    result = run(*CUSTOM, *extra)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_bandwidth_belongs_to_custom_devices_only():
    result = run(*BASE, "--bandwidth-gb-s", "900")
    assert result.returncode == 2
    assert "--bandwidth-gb-s: only for --hardware custom; 'nvidia-rtx-4090' has its bandwidth in hardware.yaml" in result.stderr
