"""Rendering, without MkDocs: the small data set in, exact Markdown out."""

from __future__ import annotations

import pytest

from datafixtures import write_data
from guide import render
from guide.formatting import compact_number
from guide.sitedata import load_site_data


@pytest.fixture
def site(tmp_path):
    return load_site_data(write_data(tmp_path))


def test_flowchart_matches_expected(site):
    assert render.flowchart(site) == '''```mermaid
flowchart TD
    accTitle: Pick one
    accDescr: A two-question tree.
    n_start(["Start here"])
    n_start --> n_has_gpu
    n_has_gpu{"GPU?"}
    n_has_gpu -->|"Yes"| n_gpu_leaf
    n_has_gpu -->|"No"| n_mac_leaf
    n_gpu_leaf["Alpha<br/>Beta (NVIDIA)"]
    n_mac_leaf["Gamma"]
    classDef start fill:#b3e5fc,stroke:#01579b,stroke-width:3px,color:#000
    classDef question fill:#ffffff,stroke:#333333,stroke-width:2px,color:#000
    classDef cat_gpu fill:#c5f59a,stroke:#33691e,stroke-width:3px,color:#000
    classDef cat_mac fill:#fff3a8,stroke:#f57f17,stroke-width:3px,color:#000
    class n_start start
    class n_has_gpu question
    class n_gpu_leaf cat_gpu
    class n_mac_leaf cat_mac
```
'''


def test_tree_outline_matches_expected(site):
    assert render.tree_outline(site) == """- **GPU?**
    - *Yes* → Recommended:
        - [Alpha](engines/alpha.md): Runs on both.
        - [Beta (NVIDIA)](engines/beta.md): NVIDIA only.
    - *No* → Recommended:
        - [Gamma](engines/gamma.md): Built for Macs.
"""


def test_tree_outline_links_from_a_nested_page(site):
    assert "(../engines/alpha.md)" in render.tree_outline(site, base="../")


def test_comparison_table_rows(site):
    lines = [line for line in render.comparison_table(site).strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    seed_columns = ["Engine", "GitHub stars", "Type / license", "Scale", "Hardware"]
    assert [c for c in header if c in seed_columns] == seed_columns
    alpha = next(line for line in lines if "[Alpha](engines/alpha.md)" in line)
    assert 'data-sort="63100"' in alpha and "≈63.1k" in alpha and "as of 2025-11-15" in alpha
    assert "Open source (MIT)" in alpha and "High-throughput production" in alpha
    assert "NVIDIA, AMD, CPU; unknown: Intel" in alpha
    beta = next(line for line in lines if "[Beta](engines/beta.md)" in line)
    assert "not fetched yet" in beta and "≈" not in beta
    assert len(lines) >= 2 + 3


def test_engine_page_sections(site):
    page = render.engine_page(site, "alpha")
    assert page.startswith("---\ndescription: \"Alpha: hardware, model formats, serving features and sources\"\n---\n# Alpha\n")
    for expected in (
        '<tr><th scope="row">Homepage</th><td><a href="https://example.org/alpha" title="https://example.org/alpha">example.org/alpha</a></td></tr>',
        '<tr><th scope="row">Repository</th><td><a href="https://github.com/example/alpha">example/alpha</a></td></tr>',
        '<tr><th scope="row">License GitHub detects</th><td>not fetched yet</td></tr>',
        "## Hardware",
        '<tr><th scope="row">Intel</th><td>unknown</td><td></td></tr>',
        '<tr><th scope="row">Apple Silicon</th><td>no</td><td></td></tr>',
        '<tr><th scope="row">CPU+GPU offload</th><td>yes</td><td></td></tr>',
        "## Sources",
        "<li>GitHub stars: seed table, as of 2025-11-15</li>",
    ):
        assert expected in page
    assert page.index("## Hardware") < page.index("## Sources")


def test_engine_without_repository(tmp_path):
    from datafixtures import fresh

    engines, tree, github = fresh()
    del engines["engines"][2]["repos"]
    site = load_site_data(write_data(tmp_path, engines, tree, github))
    assert '<tr><th scope="row">Repository</th><td>none public</td></tr>' in render.engine_page(site, "gamma")
    assert "no public repository" in render.comparison_table(site)


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0"), (571, "571"), (1000, "1k"), (12100, "12.1k"), (63149, "63.1k"), (999_949, "999.9k"), (999_950, "1M"), (1_250_000, "1.2M")],
)
def test_compact_star_counts(count, text):
    assert compact_number(count) == text


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://docs.vllm.ai", "docs.vllm.ai"),
        ("https://github.com/modular/modular/blob/eea17e2c0f544180ed692d5064d19b3ab6f2b9c9/max/README.md", "github.com/modular/modular: max/README.md"),
        ("https://github.com/kvcache-ai/ktransformers/commit/57d14d22bc9fe911694530cc8ff3ca7d20fa493a", "github.com/kvcache-ai/ktransformers: commit 57d14d2"),
        ("https://anaconda.org/anaconda/vllm/files/modal/info/69efb805e10c7c5a4fac3f4f", "anaconda.org/anaconda/vllm/…/69efb805e10c7c5a4fac3f4f"),
    ],
)
def test_source_links_read_short_and_keep_the_full_url(url, text):
    from guide.views import link_text

    assert link_text(url) == text


def test_engine_page_links_keep_the_full_url(site):
    page = render.engine_page(site, "alpha")
    assert '<a href="https://example.org/source" title="https://example.org/source">example.org/source</a>' in page


def test_engine_nav_groups_by_audience_in_data_order(site):
    from guide.views import engine_nav

    assert engine_nav(site) == [
        ("Production serving", [("Alpha", "engines/alpha.md"), ("Gamma", "engines/gamma.md")]),
        ("Enthusiast / local-first", [("Beta", "engines/beta.md")]),
    ]


def test_engine_nav_splits_a_long_group_into_alphabetical_runs(tmp_path):
    from datafixtures import engine, fresh
    from guide.views import engine_nav

    engines, tree, github = fresh()
    engines["engines"] += [engine(f"extra-{n}", f"Extra {n}") for n in range(42, 0, -1)]
    site = load_site_data(write_data(tmp_path, engines, tree, github))
    production, local = engine_nav(site, group_size=20)
    # 44 engines: three runs of at most 15, in alphabetical order, named by their first and last engine.
    runs = production[1]
    assert [label for label, _ in runs] == ["Alpha – Extra 14", "Extra 15 – Extra 29", "Extra 30 – Gamma"]  # 9 before 10
    names = [name for _, members in runs for name, _ in members]
    assert names == ["Alpha", *(f"Extra {n}" for n in range(1, 43)), "Gamma"]
    assert [len(members) for _, members in runs] == [15, 15, 14]
    assert local == ("Enthusiast / local-first", [("Beta", "engines/beta.md")])


def test_star_trend_table_only_once_a_window_is_covered(tmp_path):
    from datetime import date, timedelta

    data = write_data(tmp_path)
    empty = render.engine_page(load_site_data(data), "alpha", today=date(2026, 11, 27))
    assert "| Window |" not in empty
    assert "The change over the last 7, 30 and 90 days shows here once the snapshots span them." in empty

    days = [date(2026, 11, 27) - timedelta(days=n) for n in range(8, -1, -1)]
    rows = "".join(f"{day},example/alpha,{1000 + 10 * n}\n" for n, day in enumerate(days))
    (data / "history" / "stars.csv").write_text("date,repo,stars\n" + rows, encoding="utf-8")
    covered = render.engine_page(load_site_data(data), "alpha", today=date(2026, 11, 27))
    assert "| Last 7 days | +70" in covered
    assert "| Last 30 days | — | not enough history yet | |" in covered
    assert "shows here once" not in covered


@pytest.mark.parametrize(
    ("hardware", "cell"),
    [
        ({}, "NVIDIA, AMD, CPU; unknown: Intel"),
        ({"nvidia": False, "amd": False, "cpu": False, "apple": "partial"}, "partial: Apple Silicon; unknown: Intel"),
        ({"nvidia": False, "amd": False, "cpu": False}, "unknown: Intel"),
        ({"nvidia": False, "amd": False, "cpu": False, "intel": False}, ""),
    ],
)
def test_hardware_cell_joins_only_the_groups_it_has(hardware, cell):
    from datafixtures import engine
    from guide.views import hardware_summary

    assert hardware_summary(engine("x", "X", hardware=hardware)) == cell


def test_pick_and_avoid_sections_stand_alone(tmp_path):
    from datafixtures import fresh

    engines, tree, github = fresh()
    engines["engines"][0]["pick_when"] = ["You serve many users."]
    engines["engines"][0]["checked"]["advice"] = "2025-11-15"
    site = load_site_data(write_data(tmp_path, engines, tree, github))
    page = render.engine_page(site, "alpha")
    assert "## When to pick it\n\n- You serve many users.\n" in page
    assert "When to look elsewhere" not in page


def test_engine_page_gives_each_group_its_check_date(tmp_path):
    from datafixtures import fresh

    engines, tree, github = fresh()
    alpha = engines["engines"][0]
    alpha["status"] = []
    alpha["checked"].update(hardware="2025-10-02", status="2025-11-01")
    page = render.engine_page(load_site_data(write_data(tmp_path, engines, tree, github)), "alpha")
    sources = page[page.index("## Sources") :]
    assert '<li>Hardware: <a href="https://example.org/source" title="https://example.org/source">example.org/source</a> (checked on 2025-10-02)</li>' in sources
    assert "<li>License: " in sources and sources.count("(checked on 2025-11-15)") == 4  # identity, license, audience, serving
    assert "<li>Status notes: each note links its own source (checked on 2025-11-01)</li>" in sources
    assert "When to pick it" not in sources, "no advice, so no date for it"


def test_a_distributed_layer_names_the_engines_it_runs_on(tmp_path):
    from datafixtures import SRC, fresh

    engines, tree, github = fresh()
    gamma = engines["engines"][2]
    gamma["audience"] = {"group": "distributed", "scale": "Across nodes", "sources": [SRC]}
    gamma["runs_on"] = {"engines": ["beta", "alpha"], "sources": [SRC]}
    gamma["checked"]["runs_on"] = "2025-11-15"
    site = load_site_data(write_data(tmp_path, engines, tree, github))
    page = render.engine_page(site, "gamma")
    assert '<tr><th scope="row">Runs on</th><td><a href="../beta/">Beta</a>, <a href="../alpha/">Alpha</a></td></tr>' in page
    assert "<td>Distributed serving layers: Across nodes</td>" in page
    assert "<li>Runs on: " in page
    assert "Runs on</th>" not in render.engine_page(site, "alpha")


def test_what_changed_lists_every_note_newest_first(tmp_path):
    from datafixtures import fresh

    engines, tree, github = fresh()

    def note(day, text):
        return {"date": day, "kind": "release", "text": text, "source": f"https://example.org/{text}"}

    engines["engines"][0]["status"] = [note("2025-03", "a1"), note("2026-01-05", "a2")]
    engines["engines"][2]["status"] = [note("2026-01-05", "g1"), note("2025-03-31", "g2"), note("2024-12", "g3")]
    for entry in (engines["engines"][0], engines["engines"][2]):
        entry["checked"]["status"] = "2025-11-15"
    page = render.changes(load_site_data(write_data(tmp_path, engines, tree, github)), base="")
    assert page == """## 2026

- **2026-01-05** · [Alpha](engines/alpha.md) (release): a2 ([source](https://example.org/a2))
- **2026-01-05** · [Gamma](engines/gamma.md) (release): g1 ([source](https://example.org/g1))

## 2025

- **2025-03-31** · [Gamma](engines/gamma.md) (release): g2 ([source](https://example.org/g2))
- **2025-03** · [Alpha](engines/alpha.md) (release): a1 ([source](https://example.org/a1))

## 2024

- **2024-12** · [Gamma](engines/gamma.md) (release): g3 ([source](https://example.org/g3))
"""


def test_what_changed_without_notes(site):
    assert render.changes(site) == "No engine has a dated status note yet.\n"
