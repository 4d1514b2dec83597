"""api/estimator.json: what the calculator evaluates, complete for every case the browser can ask about."""

from __future__ import annotations

import json
import math

from estimator import calibrated, export
from estimator.estimate import platform_of, runs_on
from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data

CATALOGS = load_catalogs(load_site_data().engines)
DOCUMENT = export.build(CATALOGS, calibrated.calibration(CATALOGS))


def numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)
    elif isinstance(value, float):
        yield value


def test_every_family_engine_and_split_has_an_efficiency():
    families = {d["family"] for d in DOCUMENT["devices"]} | {DOCUMENT["custom"]["family"]}
    engines = ["*", *DOCUMENT["efficiency_engines"]]
    for family in families:
        for engine in engines:
            for split in export.SPLITS:
                assert f"{family}|{engine}|{split}" in DOCUMENT["efficiency"]
    assert all(0 <= i < len(DOCUMENT["efficiencies"]) for i in DOCUMENT["efficiency"].values())


def test_engines_left_out_of_the_keys_resolve_like_no_engine():
    calibration = calibrated.calibration(CATALOGS)
    for engine in set(CATALOGS.engines) - set(DOCUMENT["efficiency_engines"]):
        for family in {d["family"] for d in DOCUMENT["devices"]}:
            assert calibration.resolve(family, engine, "single") == calibration.resolve(family, None, "single")


def test_platforms_follow_engines_yaml():
    for engine_id, engine in DOCUMENT["engines"].items():
        for device in CATALOGS.hardware.values():
            platform = platform_of(device)
            if platform:
                assert (platform in engine["platforms"]) == runs_on(CATALOGS.engines[engine_id], platform)


def test_no_figure_is_nan_or_infinite_and_it_serialises():
    assert all(math.isfinite(v) for v in numbers(DOCUMENT))
    assert json.loads(export.dumps(DOCUMENT))["models"][0]["id"]


def test_models_without_a_verified_architecture_are_left_out():
    exported = {m["id"] for m in DOCUMENT["models"]}
    assert exported == {m["id"] for m in CATALOGS.models.values() if m["architecture"].get("layers") is not None}
