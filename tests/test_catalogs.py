"""The catalogs refuse bad data with one line per problem: file (and line), entry, field, what was expected."""

from __future__ import annotations

import pytest
import yaml

from datafixtures import copy_real_data
from guide.catalogs import load_catalogs, load_measurements
from guide.problems import DataError
from guide.sitedata import load_site_data

ENGINES = load_site_data().engines


def real(tmp_path):
    return copy_real_data(tmp_path / "data")


def edit(folder, name, change):
    path = folder / name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def problems(folder, measurements=False) -> list[str]:
    with pytest.raises(DataError) as caught:
        catalogs = load_catalogs(ENGINES, folder)
        if measurements:
            load_measurements(catalogs)
    return [str(p) for p in caught.value.problems]


def test_real_catalogs_load():
    catalogs = load_catalogs(ENGINES)
    assert len(catalogs.models) >= 43 and len(catalogs.hardware) >= 69
    assert len(load_measurements(catalogs)) > 1000


def test_layer_counts_must_add_up(tmp_path):
    folder = real(tmp_path)
    edit(folder, "models.yaml", lambda d: d["models"][0]["attention"].update(full_layers=31))
    (message,) = problems(folder)
    assert "models.yaml:" in message and "models[0] (id 'llama-3.1-8b'): field 'attention'" in message
    assert "full_layers + windowed_layers + linear.layers = 31, expected architecture.layers (32)" in message


def test_a_schema_problem_names_the_entry_and_field(tmp_path):
    folder = real(tmp_path)
    edit(folder, "hardware.yaml", lambda d: d["devices"][1]["bandwidth_gb_s"].update(value="fast"))
    (message,) = problems(folder)
    assert "hardware.yaml:" in message and "field 'bandwidth_gb_s.value'" in message and '"fast"' in message


def test_sizes_must_ascend(tmp_path):
    folder = real(tmp_path)
    edit(folder, "hardware.yaml", lambda d: d["devices"][0]["memory"].update(sizes_gb=[16, 8]))
    assert any("field 'memory.sizes_gb': [16, 8], expected ascending sizes" in p for p in problems(folder))


def test_format_families_name_real_engines(tmp_path):
    folder = real(tmp_path)
    edit(folder, "formats.yaml", lambda d: d["families"][0]["engines"].append("llama-cp"))
    (message,) = problems(folder)
    assert "families[0] (id 'gguf'): field 'engines[" in message and "'llama-cp' is not an engine id in engines.yaml" in message


def test_engine_rules_name_real_engines_and_hosts(tmp_path):
    folder = real(tmp_path)
    edit(folder, "engine-memory.yaml", lambda d: (d["engines"][0].update(engine="vlm"), d["offload_hosts"].update({"discrete-gpu": "nvidia-rtx-4090"})))
    found = problems(folder)
    assert any("engines[0]: field 'engine': 'vlm' is not an engine id" in p for p in found)
    assert any("field 'offload_hosts.discrete-gpu'" in p and "not a cpu device" in p for p in found)


def test_measurements_name_models_devices_and_formats_that_exist(tmp_path):
    folder = real(tmp_path)
    edit(folder, "measurements.yaml", lambda d: d["measurements"][0].update(model="llama-3-8x", format="q4_k_x"))
    found = problems(folder, measurements=True)
    assert any("measurements[0] (id '1'): field 'model': 'llama-3-8x' is not an id in models.yaml (did you mean llama-3-8b" in p for p in found)
    assert any("field 'format': 'q4_k_x' is not an id in formats.yaml (did you mean" in p for p in found)


def test_a_format_spelled_as_engines_spell_it_is_told_the_id_form(tmp_path):
    folder = real(tmp_path)
    edit(folder, "measurements.yaml", lambda d: d["measurements"][0].update(format="Q4_K_M"))
    (message,) = problems(folder, measurements=True)
    assert "field 'format': got \"Q4_K_M\", expected a weight format id of formats.yaml (lowercase, e.g. q4_k_m)" in message


def test_a_missing_catalog_is_named(tmp_path):
    folder = real(tmp_path)
    (folder / "formats.yaml").unlink()
    assert problems(folder) == [f"{folder / 'formats.yaml'}: file not found"]
