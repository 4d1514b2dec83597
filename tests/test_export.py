"""api/engines.json: the real data's export follows its JSON Schema, is deterministic, and is published."""

from __future__ import annotations

import json
from datetime import date, timedelta

import jsonschema
import yaml

from guide import export
from guide.history import Snapshot
from guide.sitedata import DATA_DIR, ENGINES_FILE, load_site_data

TODAY = date(2026, 3, 31)
SCHEMA = json.loads(export.schema_text())


def validate(document) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_real_data_exports_valid_and_deterministic():
    site = load_site_data()
    document = export.build(site, today=TODAY)
    validate(document)
    assert export.problems(document) == []
    assert export.dumps(document) == export.dumps(export.build(load_site_data(), today=TODAY))
    assert [e["id"] for e in document["engines"]] == [e["id"] for e in site.engines]


def test_an_export_with_history_validates_and_carries_its_readings():
    site = load_site_data()
    slug = site.engines[0]["repos"][0]["slug"]
    site.history = [Snapshot(TODAY - timedelta(days=ago), slug, 5000 - ago) for ago in range(40, -1, -1)]
    document = export.build(site, today=TODAY, stale_after_days=7, site_url="https://example.org/guide/")
    validate(document)
    record = document["engines"][0]
    assert record["page"] == f"https://example.org/guide/engines/{record['id']}/"
    assert record["trends"]["change"]["7"]["stars"] == 7
    assert record["trends"]["change"]["30"]["from"] == {"date": "2026-03-01", "stars": 4970, "repo": slug}
    assert record["trends"]["change"]["90"] is None
    assert record["trends"]["readings"] == 41
    assert document["stale_after_days"] == 7


def test_the_schema_rejects_what_it_should():
    document = export.build(load_site_data(), today=TODAY)
    del document["engines"][0]["trends"]
    document["engines"][1]["hardware"]["nvidia"]["support"] = "maybe"
    found = export.problems(document)
    assert any("trends" in p for p in found) and any(p.startswith("engines/1/hardware/nvidia") for p in found)


def test_the_built_site_publishes_the_export_and_its_schema(built_site):
    published = json.loads((built_site / "api" / "engines.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "api" / "engines.schema.json").read_text(encoding="utf-8"))
    assert schema == SCHEMA
    jsonschema.Draft202012Validator(schema).validate(published)
    curated = yaml.safe_load((DATA_DIR / ENGINES_FILE).read_text(encoding="utf-8"))["engines"]
    assert {e["id"] for e in published["engines"]} == {e["id"] for e in curated}
    assert all(e["page"].endswith(f"/engines/{e['id']}/") for e in published["engines"])
