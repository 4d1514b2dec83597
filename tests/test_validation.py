"""Each validation rule, with the one-line message a maintainer reads."""

from __future__ import annotations

from datetime import date

import pytest

from datafixtures import SRC, fresh, write_data
from guide.problems import DataError
from guide.sitedata import load_site_data


def problems_for(tmp_path, engines=None, tree=None, github=None) -> list[str]:
    folder = write_data(tmp_path, engines, tree, github)
    with pytest.raises(DataError) as caught:
        load_site_data(folder)
    return [str(p) for p in caught.value.problems]


def only_problem(folder) -> str:
    """The one problem loading `folder` reports."""
    with pytest.raises(DataError) as caught:
        load_site_data(folder)
    (message,) = map(str, caught.value.problems)
    return message


def test_small_valid_set_loads(tmp_path):
    site = load_site_data(write_data(tmp_path))
    assert [e["id"] for e in site.engines] == ["alpha", "beta", "gamma"]


def test_real_data_loads():
    site = load_site_data()
    assert len(site.engines) >= 9


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    folder = write_data(tmp_path)
    (folder / "engines.yaml").write_text("engines:\n  - id: alpha\n    name: [unclosed\n", encoding="utf-8")
    assert only_problem(folder).startswith(f"{folder / 'engines.yaml'}:4: YAML syntax error")


def test_schema_error_names_entry_field_and_expectation(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][1]["hardware"]["nvidia"] = "sometimes"
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "engines[1] (id 'beta'): field 'hardware.nvidia': got \"sometimes\"" in message
    assert "expected" in message and message.startswith(str(tmp_path / "engines.yaml") + ":")


def test_unquoted_commas_in_a_note_are_explained(tmp_path):
    folder = write_data(tmp_path)
    text = (folder / "engines.yaml").read_text().replace("apple: false", "apple: {support: partial, note: a, b}", 1)
    (folder / "engines.yaml").write_text(text)
    message = only_problem(folder)
    assert "field 'hardware.apple': unknown field 'b'" in message
    assert "must be quoted" in message


def test_missing_required_field(tmp_path):
    engines, tree, github = fresh()
    del engines["engines"][0]["homepage"]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "engines[0] (id 'alpha')" in message and "'homepage' is missing" in message


@pytest.mark.parametrize(
    "slug", ["no-slash", "owner/", "-owner/name", "owner/na me", "https://github.com/owner/name"]
)
def test_malformed_repo_slug(tmp_path, slug):
    engines, tree, github = fresh()
    engines["engines"][0]["repos"] = [{"slug": slug}]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "field 'repos.0.slug'" in message and "owner/name" in message


@pytest.mark.parametrize("url", ["http://example.org/x", "example.org", "ftp://example.org", "https:// spaced"])
def test_urls_must_be_absolute_https(tmp_path, url):
    engines, tree, github = fresh()
    engines["engines"][2]["homepage"] = url
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "(id 'gamma'): field 'homepage'" in message and "https URL" in message


def test_source_urls_are_required_for_each_group(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["hardware"]["sources"] = []
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "field 'hardware.sources'" in message


def test_duplicate_engine_id(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][2]["id"] = "alpha"
    messages = problems_for(tmp_path, engines, tree, github)
    assert any("engines[2] (id 'alpha'): field 'id': duplicate id 'alpha'" in m and "engines[0]" in m for m in messages)


def test_several_repos_need_one_primary(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["repos"] = [{"slug": "example/alpha"}, {"slug": "example/alpha-lm"}]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "field 'repos': 2 repositories, expected exactly one marked 'primary: true'" in message


def test_tree_names_unknown_engine(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][3]["recommend"][0]["engine"] = "delta"
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "nodes[3] (id 'mac_leaf'): field 'recommend[0].engine': names engine 'delta'" in message


def test_answer_leading_nowhere(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][1]["answers"][1]["next"] = "missing_node"
    messages = problems_for(tmp_path, engines, tree, github)
    assert any("field 'answers[1].next': leads to 'missing_node', which is not a node id" in m for m in messages)


def test_unreachable_node(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"].append({"id": "orphan", "type": "leaf", "category": "gpu", "recommend": [{"engine": "alpha", "reason": "x"}]})
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "nodes[4] (id 'orphan')" in message and "cannot be reached from 'start'" in message


def test_cycle(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"].append(
        {"id": "again", "type": "question", "label": "Again?", "answers": [{"label": "Loop", "next": "has_gpu"}, {"label": "Out", "next": "mac_leaf"}]}
    )
    tree["nodes"][1]["answers"][0]["next"] = "again"
    messages = problems_for(tmp_path, engines, tree, github)
    assert any("cycle start -> has_gpu -> again -> has_gpu" in m for m in messages)


def test_node_id_end_is_rejected(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][3]["id"] = "end"
    tree["nodes"][1]["answers"][1]["next"] = "end"
    messages = problems_for(tmp_path, engines, tree, github)
    assert any("field 'nodes.3.id'" in m or "(id 'end'): field 'id'" in m for m in messages)


def test_engine_must_support_the_hardware_its_path_implies(tmp_path):
    engines, tree, github = fresh()
    del tree["nodes"][2]["recommend"][1]["only_on"]  # beta has amd: false, the path is NVIDIA or AMD
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "recommends 'beta' on path start -> has_gpu -> gpu_leaf, which implies amd" in message
    assert "hardware.amd = false" in message


def test_unknown_support_is_not_enough(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][1]["answers"][0]["hardware"] = ["intel"]  # alpha's intel support is null
    tree["nodes"][2]["recommend"].pop()
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "hardware.intel = null (unknown)" in message


def test_needed_capability_is_checked(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][1]["answers"][1]["needs"] = ["cpu_gpu_offload"]
    engines["engines"][2]["serving"]["cpu_gpu_offload"] = {"support": False, "note": "none"}
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "recommends 'gamma'" in message and "serving.cpu_gpu_offload = false" in message


def test_every_problem_is_reported_at_once(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["openness"] = "free"
    tree["title"] = ""
    github["repos"]["example/alpha"]["stars"] = -3
    messages = problems_for(tmp_path, engines, tree, github)
    assert len(messages) == 3
    assert {m.split(":")[0].rsplit("/", 1)[-1] for m in messages} == {"engines.yaml", "decision-tree.yaml", "github.yaml"}


def test_history_rows_are_checked(tmp_path):
    folder = write_data(tmp_path)
    (folder / "history" / "stars.csv").write_text("date,repo,stars\n2026-11-01,example/alpha,many\n")
    assert only_problem(folder).startswith(f"{folder / 'history' / 'stars.csv'}:2:")


def test_a_repository_belongs_to_one_engine(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][1]["repos"] = [{"slug": "Example/Alpha"}]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "engines[1] (id 'beta'): field 'repos[0].slug': repository 'Example/Alpha' is listed more than once" in message


@pytest.mark.parametrize("row", ["2026-11-01,example/alpha,-5", "2026-11-01,not a slug,5", "2026-13-01,example/alpha,5"])
def test_history_rejects_impossible_rows(tmp_path, row):
    folder = write_data(tmp_path)
    (folder / "history" / "stars.csv").write_text(f"date,repo,stars\n{row}\n")
    with pytest.raises(DataError, match=r"stars.csv:2: got"):
        load_site_data(folder)


def test_unreadable_history_is_a_clear_problem(tmp_path):
    folder = write_data(tmp_path)
    (folder / "history" / "stars.csv").write_bytes(b"date,repo,stars\n\xff\xfe\n")
    with pytest.raises(DataError, match=r"stars.csv: cannot be read"):
        load_site_data(folder)


# Check dates (issue 13): every group of facts says when it was last checked.


def test_a_group_without_a_check_date_is_named(tmp_path):
    engines, tree, github = fresh()
    del engines["engines"][1]["checked"]["hardware"]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "engines[1] (id 'beta'): field 'checked': no date for group 'hardware'" in message
    assert "expected checked.hardware: 'YYYY-MM-DD'" in message


def test_an_entry_needs_its_check_dates(tmp_path):
    engines, tree, github = fresh()
    del engines["engines"][0]["checked"]
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "(id 'alpha')" in message and "'checked' is missing" in message


def test_a_check_date_in_the_future_is_rejected(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["checked"]["serving"] = "2026-12-02"
    with pytest.raises(DataError) as caught:
        load_site_data(write_data(tmp_path, engines, tree, github), today=date(2026, 12, 1))
    (message,) = map(str, caught.value.problems)
    assert "field 'checked.serving': 2026-12-02 is after today (2026-12-01)" in message
    assert load_site_data(write_data(tmp_path, engines, tree, github), today=date(2026, 12, 2))


@pytest.mark.parametrize("day", ["2026-11", "2026-02-30x", "yesterday", "2026-13-01"])
def test_a_check_date_is_a_day(tmp_path, day):
    engines, tree, github = fresh()
    engines["engines"][0]["checked"]["license"] = day
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "field 'checked.license'" in message and "YYYY-MM-DD" in message


def test_a_date_for_a_group_the_entry_lacks_is_rejected(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["checked"]["runs_on"] = "2025-11-15"
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "field 'checked.runs_on': dates group 'runs_on', but the entry has no runs_on" in message


def test_runs_on_names_engines_that_exist(tmp_path):
    engines, tree, github = fresh()
    engines["engines"][0]["runs_on"] = {"engines": ["beta", "delta", "alpha"], "sources": [SRC]}
    engines["engines"][0]["checked"]["runs_on"] = "2025-11-15"
    messages = problems_for(tmp_path, engines, tree, github)
    assert any("field 'runs_on.engines[1]': names 'delta', which is not an id in this file" in m for m in messages)
    assert any("field 'runs_on.engines[2]': names itself" in m for m in messages)
    assert len(messages) == 2


def test_a_value_cut_by_an_unquoted_comma_is_caught(tmp_path):
    folder = write_data(tmp_path)
    text = (folder / "engines.yaml").read_text()
    text = text.replace("  audience:", "  features:\n    values: [speculative decoding (EAGLE, n-gram)]\n    sources: [https://example.org/f]\n  audience:", 1)
    (folder / "engines.yaml").write_text(text.replace("    hardware: '2025-11-15'", "    hardware: '2025-11-15'\n    features: '2025-11-15'", 1))
    messages = [str(p) for p in pytest.raises(DataError, load_site_data, folder).value.problems]
    assert any("field 'features.values[0]': 'speculative decoding (EAGLE' has unbalanced brackets" in m for m in messages)
    assert any("field 'features.values[1]': 'n-gram)'" in m for m in messages)


def test_a_needed_disaggregation_is_checked(tmp_path):
    engines, tree, github = fresh()
    tree["nodes"][1]["answers"][0]["needs"] = ["disaggregated_prefill_decode"]
    engines["engines"][0]["serving"]["disaggregated_prefill_decode"] = True
    (message,) = problems_for(tmp_path, engines, tree, github)
    assert "recommends 'beta'" in message and "which needs disaggregated_prefill_decode" in message
    assert "serving.disaggregated_prefill_decode = null (unknown)" in message
