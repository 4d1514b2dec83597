"""Content checks on the real data and pages (issue: an accurate, sourced guide)."""

from __future__ import annotations

import re

import pytest

from datafixtures import copy_real_data, fresh, write_data
from guide.problems import DataError
from guide.sitedata import load_site_data
from sitebrowser import ROOT

SITE = load_site_data()
NODES = {node["id"]: node for node in SITE.tree["nodes"]}

# The seed post's flowchart: answers taken from the start, and the engines its leaf named. Since issue 13 the
# production answer is followed by one more question (several machines, or disaggregated prefill and
# decode?); the seed's production leaf is the answer for a single machine.
SEED_PATHS = {
    ("Yes", "Yes", "Production", "No, one machine"): ["vllm", "sglang", "tensorrt-llm"],
    ("Yes", "Yes", "Enthusiast"): ["exllamav3", "llama-cpp"],
    ("Yes", "No"): ["llama-cpp"],
    ("No", "Yes", "Apple M-series"): ["mlx"],
    ("No", "Yes", "AMD Strix Halo"): ["llama-cpp"],
    ("No", "No"): ["llama-cpp"],
}


def follow(answers: tuple[str, ...]) -> dict:
    node = NODES[NODES[SITE.tree["start"]]["next"]]
    for label in answers:
        (answer,) = [a for a in node["answers"] if a["label"] == label]
        node = NODES[answer["next"]]
    return node


@pytest.mark.parametrize(("answers", "engines"), SEED_PATHS.items(), ids=" / ".join)
def test_every_seed_leaf_is_still_reached_by_the_seed_answers(answers, engines):
    leaf = follow(answers)
    assert leaf["type"] == "leaf"
    recommended = [r["engine"] for r in leaf["recommend"]]
    assert recommended[: len(engines)] == engines, "the seed's engines come first, in the seed's order"


def test_at_least_seventeen_engines():
    assert len(SITE.engines) >= 17


def test_a_fact_group_without_sources_is_rejected(tmp_path):
    engines, tree, github = fresh()
    del engines["engines"][0]["license"]["sources"]
    with pytest.raises(DataError, match=r"\(id 'alpha'\): field 'license': 'sources' is missing"):
        load_site_data(write_data(tmp_path, engines, tree, github))


@pytest.mark.parametrize("date", [None, "", "2025", "December 2025", "2025-13"])
def test_a_status_note_needs_a_date(tmp_path, date):
    engines, tree, github = fresh()
    note = {"kind": "maintenance", "text": "In maintenance mode.", "source": "https://example.org/a"}
    if date is not None:
        note["date"] = date
    engines["engines"][0]["status"] = [note]
    with pytest.raises(DataError, match=r"\(id 'alpha'\): field 'status\.0(\.date)?'"):
        load_site_data(write_data(tmp_path, engines, tree, github))


def test_status_notes_a_chooser_must_know_are_present():
    notes = {(e["id"], n["kind"]) for e in SITE.engines for n in e.get("status", [])}
    for expected in [("tgi", "maintenance"), ("tabbyapi", "backend"), ("ktransformers", "restructure"), ("llamafile", "moved"), ("llama-cpp", "moved"), ("modular-max", "license")]:
        assert expected in notes


ENGINE_LINK = re.compile(r"\]\((?:\.\./)*engines/([a-z0-9-]+)\.md(?:#[^)]*)?\)")


def test_pages_link_only_to_engines_that_exist():
    ids = {e["id"] for e in SITE.engines}
    unknown = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for engine_id in ENGINE_LINK.findall(page.read_text(encoding="utf-8")):
            if engine_id not in ids and engine_id != "index":
                unknown.append(f"{page.relative_to(ROOT)}: engines/{engine_id}.md")
    assert unknown == []


def test_engine_link_check_can_fail():
    assert ENGINE_LINK.findall("see [X](../engines/no-such-engine.md#x)") == ["no-such-engine"]


@pytest.mark.parametrize(("answer", "need"), [("Several machines", "multi_node"), ("Disaggregated prefill and decode", "disaggregated_prefill_decode")])
def test_production_beyond_one_machine_leads_to_the_distributed_layers(answer, need):
    leaf = follow(("Yes", "Yes", "Production", answer))
    (chosen,) = [a for a in NODES["gpu_scale_out"]["answers"] if a["label"] == answer]
    assert chosen["needs"] == [need]
    assert [r["engine"] for r in leaf["recommend"]][:2] == ["nvidia-dynamo", "llm-d"]
    assert all(SITE.engine(r["engine"])["serving"].get(need) not in (None, False) for r in leaf["recommend"])


def problems_after(tmp_path, file: str, old: str, new: str) -> list[str]:
    """The problems the checks report once `old` becomes `new` in a copy of the real data file."""
    data = copy_real_data(tmp_path / "data")
    text = (data / file).read_text(encoding="utf-8")
    broken = text.replace(old, new, 1)
    assert broken != text
    (data / file).write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data)
    return [str(p) for p in caught.value.problems]


def test_the_tree_checks_hold_a_distributed_layer_to_its_path(tmp_path):
    """Break one fact the new leaf rests on, in a copy of the real data: the build's checks name it."""
    messages = problems_after(tmp_path, "engines.yaml", "amd: {support: true, note: 'ROCm; inference scheduling and P/D disaggregation guides'}", "amd: false")
    assert messages and all("recommends 'llm-d'" in m and "which implies amd" in m for m in messages)


def test_the_fit_question_maps_every_verdict_to_one_answer():
    """The chooser's inline check picks an answer from the estimator's verdict: each verdict has exactly one."""
    verdicts = [v for a in NODES["gpu_fit"]["answers"] for v in a.get("fits", ())]
    assert sorted(verdicts) == ["no", "offload", "yes"]


def test_a_verdict_leading_to_two_answers_is_refused(tmp_path):
    (message,) = problems_after(tmp_path, "decision-tree.yaml", "        fits: ['yes']", "        fits: ['yes', offload]")
    assert "gpu_fit" in message and "'offload' leads to 2 answers, expected exactly one" in message
