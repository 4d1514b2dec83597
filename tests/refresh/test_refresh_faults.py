"""Every fault the issue lists: nothing known is lost, one clear line each, never a traceback or the token."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FAST, snapshot
from engines_file import write_engines
from fake_github import (
    TOKEN,
    cut_off,
    graphql_rate_limited,
    graphql_secondary_limit,
    not_json,
    ok,
    reset,
    rest_limit,
    stall,
    status,
    trickle,
    truncated,
    wrong_shape,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def refreshed_once(fake, engines, refresh, data_dir):
    """Two repositories already refreshed once; returns the data files' bytes after that run."""
    engines("org/alpha", "org/beta")
    assert refresh().status == 0
    for repo in fake.repos.values():
        repo.stars += 5
    fake.requests.clear()
    return snapshot(data_dir)


TRANSIENT = {
    "500": status(500),
    "502": status(502, "Bad Gateway"),
    "503": status(503),
    "504": status(504, "Gateway Timeout"),
    "connection reset": reset(),
    "stalled server": stall(1),
    "trickled body": trickle(1),
    "body cut off": cut_off(),
    "truncated JSON": truncated(),
    "not JSON": not_json(),
    "wrong shape": wrong_shape(),
}


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
@pytest.mark.parametrize("fault", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_transient_fault_is_retried(fault, token, refreshed_once, fake, refresh):
    fake.fail_next(fault, fault)

    run = refresh("--timeout", "0.2", token=token)

    assert run.status == 0, run.err
    assert len(fake.requests) == (3 if token else 4)  # two failures, then the answers
    assert run.figures["org/alpha"]["stars"] == 1005
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    "fault", [status(502), reset(), not_json(), stall(1), trickle(1)], ids=["502", "reset", "not-json", "stall", "trickle"]
)
def test_transient_fault_that_persists_stops_within_bounds_changing_nothing(fault, refreshed_once, fake, refresh, data_dir):
    fake.fail_next(*[fault] * 3)

    started = time.monotonic()
    run = refresh("--timeout", "0.2")

    assert time.monotonic() - started < 1.5  # three tries of at most 0.2 s each, plus short backoff
    assert run.status == 3
    assert snapshot(data_dir) == refreshed_once
    assert len(fake.requests) == 3
    [line] = run.err.splitlines()
    assert line.startswith("error: stopped early: POST ") and "failed 3 times, last:" in line
    assert "Nothing could be fetched; no file was changed." in run.summary


def test_connection_broken_mid_answer_is_named_in_the_error(refreshed_once, fake, refresh):
    fake.fail_next(*[cut_off()] * 3)

    run = refresh()

    assert run.status == 3
    # urllib3's own error, named once where it was met, not the requests wrapper around it.
    assert run.err.endswith("failed 3 times, last: connection failed (ProtocolError)\n")


def test_run_stopped_midway_writes_what_it_read(refreshed_once, fake, refresh):
    fake.fail_next(ok(), status(502), status(502), status(502))

    run = refresh(token=None)

    assert run.status == 1
    assert run.figures["org/alpha"]["stars"] == 1005
    beta = run.figures["org/beta"]
    assert beta["stars"] == 1000 and beta["stale_since"] == "2026-11-27T06:00:00Z"
    assert beta["last_error"].startswith("not refreshed: the run stopped before it (GET ")
    assert "### Not reached before the run stopped: previous figures kept\n\n`org/beta`\n" in run.summary


@pytest.mark.parametrize(
    ("limit", "least_wait"),
    [
        (rest_limit(403, retry_after=0.2), 0.18),
        (rest_limit(429, retry_after=0.2), 0.18),
        (rest_limit(403, reset_in=0.3), 0.25),
        (rest_limit(429), 0.04),  # no time given: the 0.05 s secondary wait
    ],
    ids=["403-retry-after", "429-retry-after", "403-remaining-0-reset", "429-no-time"],
)
def test_short_rest_rate_limit_is_waited_out(limit, least_wait, refreshed_once, fake, refresh):
    fake.fail_next(limit)

    started = time.monotonic()
    run = refresh(token=None)

    assert run.status == 0, run.err
    # Above the 0.05 s secondary wait where GitHub names a time: that time was read, not ignored.
    assert time.monotonic() - started >= least_wait
    assert fake.requests == ["GET /repos/org/alpha", "GET /repos/org/alpha", "GET /repos/org/beta"]


@pytest.mark.parametrize(
    "limit",
    [rest_limit(403, retry_after=3600), rest_limit(429, reset_in=3600), graphql_rate_limited(reset_in=3600)],
    ids=["rest-retry-after", "rest-reset", "graphql-rate-limited"],
)
def test_long_rate_limit_stops_cleanly_keeping_previous_data(limit, refreshed_once, fake, refresh, data_dir):
    fake.fail_next(limit)

    started = time.monotonic()
    run = refresh()

    assert time.monotonic() - started < 1
    assert run.status == 3
    assert snapshot(data_dir) == refreshed_once
    [line] = run.err.splitlines()
    assert "GitHub asks to wait 3600 s, longer than the 1 s allowed (--max-wait)" in line


def test_graphql_rate_limited_with_a_short_reset_is_waited_out(refreshed_once, fake, refresh):
    fake.fail_next(graphql_rate_limited(reset_in=0.3))
    started = time.monotonic()
    run = refresh()
    assert run.status == 0, run.err
    assert time.monotonic() - started >= 0.25
    assert fake.requests == ["POST /graphql", "POST /graphql"]


def test_graphql_secondary_limit_backs_off_then_gives_up(refreshed_once, fake, refresh, data_dir):
    fake.fail_next(graphql_secondary_limit())
    assert refresh().status == 0

    fake.fail_next(*[graphql_secondary_limit()] * 3)
    run = refresh()
    assert run.status == 3
    assert "failed 3 times, last: GraphQL: You have exceeded a secondary rate limit" in run.err


def test_graphql_partial_answer_records_what_came_and_names_what_did_not(refreshed_once, fake, refresh):
    fake.delete("org/beta")

    run = refresh()

    assert run.status == 1
    assert run.figures["org/alpha"]["stars"] == 1005
    beta = run.figures["org/beta"]
    assert beta["stars"] == 1000  # previous figures kept
    assert beta["stale_since"] == "2026-11-27T06:00:00Z"
    assert beta["last_error"].startswith("not found")
    assert "### Failed: previous figures kept\n\n- `org/beta`: not found: deleted, made private, or misspelt in data/engines.yaml\n" in (
        run.summary
    )


def test_rest_404_keeps_previous_figures_marked_stale(refreshed_once, fake, refresh):
    fake.delete("org/beta")
    run = refresh(token=None)
    assert run.status == 1
    assert run.figures["org/beta"]["stars"] == 1000
    assert run.figures["org/beta"]["last_error"].startswith("not found")


def test_stale_since_keeps_the_first_failure(refreshed_once, fake, refresh, data_dir):
    from datetime import timedelta

    from conftest import NOW

    fake.delete("org/beta")
    refresh()
    run = refresh(now=NOW + timedelta(days=7))
    assert run.figures["org/beta"]["stale_since"] == "2026-11-27T06:00:00Z"

    fake.add("org/beta")
    run = refresh(now=NOW + timedelta(days=14))
    assert run.status == 0
    assert "stale_since" not in run.figures["org/beta"] and "last_error" not in run.figures["org/beta"]


def test_new_repository_that_fails_has_no_entry_but_is_reported(fake, engines, refresh, data_dir):
    engines("org/alpha")
    write_engines(data_dir, ["org/alpha", "org/typo"])
    run = refresh()
    assert run.status == 1
    assert set(run.figures) == {"org/alpha"}
    assert "- `org/typo`: not found: deleted, made private, or misspelt in data/engines.yaml (no figures recorded yet)" in (
        run.summary
    )


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_renamed_repository_is_recorded_and_reported(token, refreshed_once, fake, refresh):
    fake.rename("org/beta", "neworg/beta-renamed")

    run = refresh(token=token)

    assert run.status == 0, run.err
    beta = run.figures["org/beta"]
    assert beta["name_with_owner"] == "neworg/beta-renamed"
    assert beta["stars"] == 1005
    assert "- `org/beta` now answers as `neworg/beta-renamed`: update the slug in data/engines.yaml" in run.summary


def test_rest_forbidden_without_rate_limit_is_that_repository_failing(refreshed_once, fake, refresh):
    fake.fail_next(status(403, "Repository access blocked"))
    run = refresh(token=None)
    assert run.status == 1
    assert run.figures["org/alpha"]["last_error"] == "HTTP 403: Repository access blocked"
    assert run.figures["org/beta"]["stars"] == 1005


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_bad_credentials_stop_at_once_changing_nothing(token, refreshed_once, fake, refresh, data_dir):
    fake.token = "another-token"

    run = refresh(token=token or "wrong-token")

    assert run.status == 3
    assert len(fake.requests) == 1
    assert snapshot(data_dir) == refreshed_once
    assert run.err == "error: GitHub refused the token (HTTP 401: Bad credentials); nothing was changed\n"
    assert run.out == ""


def test_token_never_appears_in_any_output(refreshed_once, fake, refresh, data_dir):
    outputs = []
    for faults in ([], [status(502)] * 3, [graphql_rate_limited(3600)], [reset(), truncated()]):
        fake.fail_next(*faults)
        run = refresh()
        outputs += [run.out, run.err, run.summary]
    fake.token = "another-token"
    run = refresh()
    outputs += [run.out, run.err, run.summary, *(b.decode() for b in snapshot(data_dir).values())]
    assert not [text for text in outputs if TOKEN in text]


def test_invalid_engines_file_stops_with_one_line_per_problem(fake, data_dir, refresh):
    (data_dir / "engines.yaml").write_text("engines:\n  - id: Not An Id\n    name: x\n", encoding="utf-8")

    run = refresh()

    assert run.status == 4
    assert fake.requests == []
    lines = run.err.splitlines()
    assert len(lines) > 1 and all(line.startswith(str(data_dir / "engines.yaml")) for line in lines)
    assert "Traceback" not in run.err


def test_command_line_entry_prints_one_line_and_no_traceback(fake, engines, data_dir):
    engines("org/alpha")
    fake.token = "another-token"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_TOKEN": TOKEN, "GITHUB_GRAPHQL_URL": fake.graphql_url}

    done = subprocess.run(
        [sys.executable, "scripts/refresh_stars.py", *FAST, "--data-dir", str(data_dir)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )

    assert done.returncode == 3
    assert done.stderr == "error: GitHub refused the token (HTTP 401: Bad credentials); nothing was changed\n"
    assert TOKEN not in done.stdout + done.stderr
