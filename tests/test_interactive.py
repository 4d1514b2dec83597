"""Build-time data for the chooser and the table filters: escaped for where it lands, true to the YAML."""

from __future__ import annotations

import json
import re

from guide import interactive, render, views
from guide.sitedata import load_site_data
from test_escaping import HOSTILE, assert_inert, hostile_site, to_html  # noqa: F401 (hostile_site is a fixture)

ISLAND = re.compile(r'<script type="application/json" id="guide-chooser-data">(.*?)</script>', re.S)


def test_chooser_holds_hostile_text(hostile_site):
    page = render.chooser(hostile_site, root="../")
    island = ISLAND.search(page).group(1)
    assert "<" not in island and ">" not in island, "a </script> in the data would end the JSON block"
    labels = [q["label"] for q in json.loads(island)["nodes"].values() if "answers" in q]
    assert HOSTILE in labels, "the JSON must carry the text exactly as written"
    assert_inert(to_html(ISLAND.sub("", page)))


def test_chooser_data_follows_the_tree():
    site = load_site_data()
    data = interactive.chooser_data(interactive.chooser(site))
    nodes = {n["id"]: n for n in site.tree["nodes"]}
    assert data["start"] == nodes[site.tree["start"]]["next"]
    for id_, node in nodes.items():
        if node["type"] == "question":
            assert [a["label"] for a in data["nodes"][id_]["answers"]] == [a["label"] for a in node["answers"]]
            assert [a["next"] for a in data["nodes"][id_]["answers"]] == [a["next"] for a in node["answers"]]
        elif node["type"] == "leaf":
            assert data["nodes"][id_]["names"] == [views.recommendation_name(site, r) for r in node["recommend"]]


def test_answer_slugs_are_url_safe_and_unique():
    answers = [{"label": "Apple M-series"}, {"label": "apple m series!"}, {"label": "Ünïcode"}, {"label": "?"}]
    slugs = interactive.answer_slugs(answers)
    assert slugs[0] == "apple-m-series" and len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)


def test_hardware_filter_counts_partial_support_but_not_unknown():
    engine = {
        "hardware": {"nvidia": True, "amd": {"support": "partial", "note": "x"}, "intel": None, "apple": False, "cpu": {"support": None}},
        "audience": {"group": "local"},
        "openness": "open-source",
    }
    assert views.filter_keys(engine) == {"hw": "nvidia amd", "audience": "local", "openness": "open-source"}
