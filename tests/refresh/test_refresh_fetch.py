"""The refresh on good days: what it asks GitHub, what it records, and that it records it the same way twice."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from conftest import NOW, snapshot
from fake_github import MIT

from refresh.graphql import batch_query
from refresh.store import HEADER

# Not data/github.yaml: the weekly refresh replaces its seed figures.
SEED = Path(__file__).with_name("seed_github.yaml")


def test_token_fetches_every_field_in_one_graphql_request(fake, engines, refresh):
    engines("org/alpha", "org/beta")
    fake.repos["org/beta"].archived = True

    run = refresh()

    assert run.status == 0, run.err
    assert fake.requests == ["POST /graphql"]
    assert run.figures["org/alpha"] == {
        "stars": 1000,
        "license": MIT,
        "archived": False,
        "pushed_at": "2026-11-20T08:00:00Z",
        "name_with_owner": "org/alpha",
        "latest_release": {"tag": "v1.0.0", "published_at": "2026-11-01T12:00:00Z"},
        "source": fake.graphql_url,
        "fetched_at": "2026-11-27T06:00:00Z",
    }
    assert run.figures["org/beta"]["archived"] is True
    assert "`org/beta` is now archived" in run.summary


def test_150_repositories_cost_two_graphql_requests(fake, engines, refresh):
    slugs = engines(*(f"org/repo-{i:03}" for i in range(150)))

    run = refresh()

    assert run.status == 0, run.err
    assert fake.requests == ["POST /graphql", "POST /graphql"]
    assert sorted(run.figures) == sorted(slugs)
    assert "in 2 requests" in run.summary


def test_without_token_rest_asks_one_repository_at_a_time(fake, engines, refresh, data_dir):
    engines("org/alpha", "org/beta")
    refresh()  # with a token: records the latest release
    fake.requests.clear()
    fake.repos["org/alpha"].stars = 1500

    run = refresh(token=None, now=NOW + timedelta(days=1))

    assert run.status == 0, run.err
    assert fake.requests == ["GET /repos/org/alpha", "GET /repos/org/beta"]
    alpha = run.figures["org/alpha"]
    assert alpha["stars"] == 1500
    assert alpha["source"] == f"{fake.api_url}/repos/org/alpha"
    # REST does not report releases: the one read before is kept.
    assert alpha["latest_release"] == {"tag": "v1.0.0", "published_at": "2026-11-01T12:00:00Z"}
    assert "without a token" in run.summary


def test_rest_from_scratch_leaves_release_unset(fake, engines, refresh):
    engines("org/alpha")
    run = refresh(token=None)
    assert run.status == 0
    assert "latest_release" not in run.figures["org/alpha"]


def test_no_license_file_and_unclassified_license_stay_distinct(fake, engines, refresh):
    engines("org/none", "org/other")
    fake.repos["org/none"].license = None
    fake.repos["org/other"].license = {"spdx_id": "NOASSERTION", "name": "Other", "key": "other"}

    for token in ("t", None):
        run = refresh(token=fake.token if token else None)
        assert run.status == 0, run.err
        assert run.figures["org/none"]["license"] is None
        assert run.figures["org/other"]["license"] == {"spdx_id": "NOASSERTION", "name": "Other", "key": "other"}


def test_license_change_is_flagged(fake, engines, refresh):
    engines("org/alpha")
    refresh()
    fake.repos["org/alpha"].license = {"spdx_id": "BUSL-1.1", "name": "Business Source License 1.1", "key": "busl-1.1"}

    run = refresh(now=NOW + timedelta(days=1))

    assert "### ⚠️ License changed" in run.summary
    assert "| `org/alpha` | MIT (MIT License) | BUSL-1.1 (Business Source License 1.1) |" in run.summary


def test_second_run_with_same_answers_changes_no_byte(fake, engines, refresh, data_dir):
    engines("org/alpha", "org/beta")
    first = refresh()
    before = snapshot(data_dir)

    second = refresh(now=NOW + timedelta(hours=5))

    assert snapshot(data_dir) == before
    assert "No star, license, archive or name changes." in second.summary
    assert first.status == second.status == 0


def test_history_keeps_one_row_per_repository_per_day(fake, engines, refresh):
    engines("org/alpha", "org/beta")
    refresh()
    fake.repos["org/alpha"].stars = 1010
    refresh(now=NOW + timedelta(hours=3))  # same day: replaces the day's row
    fake.repos["org/alpha"].stars = 1020
    run = refresh(now=NOW + timedelta(days=1))

    assert run.history == [
        "date,repo,stars",
        "2026-11-27,org/alpha,1010",
        "2026-11-27,org/beta,1000",
        "2026-11-28,org/alpha,1020",
        "2026-11-28,org/beta,1000",
    ]


def test_seed_figures_are_replaced_and_header_kept(fake, data_dir, engines, refresh):
    (data_dir / "github.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    engines("vllm-project/vllm")
    fake.repos["vllm-project/vllm"].stars = 70000

    run = refresh()

    text = (data_dir / "github.yaml").read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert "approximate" not in run.figures["vllm-project/vllm"]
    assert "| `vllm-project/vllm` | ≈63,100 | 70,000 | +6,900 |" in run.summary
    # Seed entries for repositories engines.yaml no longer names are dropped, and said so.
    assert set(run.figures) == {"vllm-project/vllm"}
    assert "`ggml-org/llama.cpp` is no longer in data/engines.yaml" in run.summary


def test_output_is_sorted_and_stable(fake, engines, refresh, data_dir):
    engines("org/zeta", "org/alpha")
    refresh()
    text = (data_dir / "github.yaml").read_text(encoding="utf-8")
    assert text.index("org/alpha:") < text.index("org/zeta:")
    assert text.index("  archived:") < text.index("  stars:")
    assert not list(data_dir.glob(".*.tmp")), "temporary files are renamed into place"


def test_summary_goes_to_stdout_step_summary_and_file(fake, engines, refresh, data_dir, monkeypatch):
    engines("org/alpha")
    step_summary = data_dir.parent / "step-summary.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))

    run = refresh()

    assert run.out == run.summary
    assert run.summary.startswith("## GitHub figures, 2026-11-27")
    assert step_summary.read_text(encoding="utf-8") == "earlier step\n" + run.summary


def test_query_asks_by_alias_and_variables_for_the_unrestricted_star_count():
    """The fake also answers FORBIDDEN to `stargazers`, as GitHub does for non-admins since July 2026."""
    query, variables = batch_query(["org/alpha", "other/beta.js"])
    assert variables == {"o0": "org", "n0": "alpha", "o1": "other", "n1": "beta.js"}
    assert "r1: repository(owner: $o1, name: $n1)" in query
    assert "stargazerCount" in query and "stargazers" not in query.replace("stargazerCount", "")


def test_empty_repository_without_push_or_release_is_recorded(fake, engines, refresh):
    engines("org/empty", pushed_at=None, release=None)
    run = refresh()
    assert run.status == 0, run.err
    entry = run.figures["org/empty"]
    assert "pushed_at" not in entry  # GitHub has no date yet; null would break the schema
    assert entry["latest_release"] is None  # null: no release, as opposed to absent: not read
