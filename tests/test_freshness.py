"""Check dates (issue 13): which groups of facts are due for another check, `make facts-age`, the build's
information lines, and the lists of groups, capabilities and audiences that several files must agree on."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import pytest

from datafixtures import ROOT, fresh, load_hook, write_data
from guide import freshness, views
from guide.loading import schema
from guide.sitedata import load_site_data


def small_site(tmp_path, **checked):
    engines, tree, github = fresh()
    engines["engines"][0]["checked"].update(checked)
    return load_site_data(write_data(tmp_path, engines, tree, github), today=date(2026, 12, 1))


def test_groups_older_than_the_limit_are_due_oldest_first(tmp_path):
    site = small_site(tmp_path, hardware="2025-01-10", serving="2025-10-31", license="2025-11-02")
    due = freshness.due_checks(site.engines, date(2026, 5, 1))
    # The other groups were checked on 2025-11-15, and 2025-11-02 is exactly 180 days back: none of them is due.
    assert [(d.engine, d.group, d.checked.isoformat(), d.age_days) for d in due] == [
        ("alpha", "hardware", "2025-01-10", 476),
        ("alpha", "serving", "2025-10-31", 182),
    ]
    assert str(due[0]) == "alpha: hardware checked on 2025-01-10, 476 days ago"


def test_nothing_is_due_when_every_check_is_recent(tmp_path):
    site = small_site(tmp_path)
    assert freshness.due_checks(site.engines, date(2026, 5, 1)) == []


def test_the_real_data_has_a_check_date_for_every_group_and_none_is_due():
    site = load_site_data()
    for engine in site.engines:
        assert set(freshness.groups_present(engine)) == set(engine["checked"]), engine["id"]
    assert freshness.due_checks(site.engines, date(2026, 12, 1)) == []


def run_facts_age(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "facts_age.py"), *args], capture_output=True, text=True)


def test_facts_age_lists_due_groups_and_exits_0(tmp_path):
    folder = write_data(tmp_path)
    result = run_facts_age("--data", str(folder), "--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "15 group(s) of facts checked more than 180 days before 2026-06-01:"
    assert "  alpha: identity checked on 2025-11-15, 198 days ago" in lines
    quiet = run_facts_age("--data", str(folder), "--today", "2026-05-01")
    assert (quiet.returncode, quiet.stdout) == (0, "Every group of facts was checked within 180 days of 2026-05-01.\n")


def test_facts_age_reports_bad_data_without_a_traceback(tmp_path):
    folder = write_data(tmp_path)
    (folder / "engines.yaml").write_text("engines: []\n")
    result = run_facts_age("--data", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "engines.yaml" in result.stderr


def test_the_build_logs_due_checks_as_information(tmp_path, monkeypatch, caplog):
    engines, tree, github = fresh()
    engines["engines"][1]["checked"]["hardware"] = "2020-02-02"
    monkeypatch.setenv("GUIDE_DATA_DIR", str(write_data(tmp_path, engines, tree, github)))
    hook = load_hook()
    config = SimpleNamespace(extra={}, mdx_configs={}, docs_dir=str(ROOT / "docs"), nav=[{"Engines": ["engines/index.md"]}, {"Models": ["models/index.md"]}])
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.guide"):
        hook.on_config(config)
    due = [r for r in caplog.records if "beta: hardware checked on 2020-02-02" in r.getMessage()]
    assert [r.levelno for r in due] == [logging.INFO]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def at(schema_name: str, *path) -> list:
    """The keys (or enum values) at `path` inside `data/schemas/<schema_name>.schema.json`, without 'sources'."""
    node = schema(schema_name)
    for key in path:
        node = node[key]
    return [key for key in node if key != "sources"]


ENGINE, EXPORT = ("$defs", "engine", "properties"), ("$defs", "engine", "properties")
NEEDS = ("$defs", "questionNode", "properties", "answers", "items", "properties", "needs", "items", "enum")


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (freshness.FACT_GROUPS, at("engines", *ENGINE, "checked", "properties")),
        (freshness.FACT_GROUPS, at("export", *EXPORT, "checked", "properties")),
        (freshness.FACT_GROUPS, list(views.FACT_GROUP_LABELS)),
        (views.SERVING_LABELS, at("engines", *ENGINE, "serving", "properties")),
        (views.SERVING_LABELS, at("export", *EXPORT, "serving", "oneOf", 1, "properties")),
        (views.SERVING_LABELS, at("decision-tree", *NEEDS)),
        (views.AUDIENCE_LABELS, at("engines", *ENGINE, "audience", "properties", "group", "enum")),
        (views.AUDIENCE_LABELS, at("export", *EXPORT, "audience", "properties", "group", "enum")),
    ],
)
def test_the_lists_the_schemas_and_the_code_share_agree(ours, theirs):
    assert list(ours) == theirs
