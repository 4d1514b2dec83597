"""Fixtures for the refresh tests: a started fake GitHub, a data directory of our own, and a runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from engines_file import write_engines
from fake_github import TOKEN, FakeGitHub

from refresh.cli import main

NOW = datetime(2026, 11, 27, 6, 0, 0, tzinfo=timezone.utc)
# Small enough that no test sleeps long; real runs use the defaults in refresh.client.RetryPolicy.
FAST = ["--timeout", "0.5", "--attempts", "3", "--backoff", "0.01", "--max-wait", "1", "--secondary-wait", "0.05"]


@dataclass
class Run:
    status: int
    out: str
    err: str
    summary: str
    data_dir: Path

    @property
    def figures(self) -> dict:
        return yaml.safe_load((self.data_dir / "github.yaml").read_text(encoding="utf-8"))["repos"]

    @property
    def history(self) -> list[str]:
        return (self.data_dir / "history" / "stars.csv").read_text(encoding="utf-8").splitlines()


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data directory, to prove what changed and what did not."""
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


@pytest.fixture
def refresh(fake: FakeGitHub, data_dir: Path, capsys, monkeypatch):
    """Run the refresh against the fake; `token=None` takes the REST path."""
    monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", fake.graphql_url)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run(*extra: str, token: str | None = TOKEN, now: datetime = NOW) -> Run:
        if token is None:
            monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        else:
            monkeypatch.setenv("GITHUB_TOKEN", token)
        summary_file = data_dir.parent / "summary.md"
        summary_file.unlink(missing_ok=True)
        status = main([*FAST, "--data-dir", str(data_dir), "--summary-file", str(summary_file), *extra], now=now)
        captured = capsys.readouterr()
        summary = summary_file.read_text(encoding="utf-8") if summary_file.exists() else ""
        return Run(status, captured.out, captured.err, summary, data_dir)

    return run


@pytest.fixture
def engines(fake: FakeGitHub, data_dir: Path):
    """List repositories in engines.yaml and create them in the fake; returns the slugs."""

    def make(*slugs: str, **fields) -> list[str]:
        for slug in slugs:
            fake.add(slug, **fields)
        write_engines(data_dir, list(slugs))
        return list(slugs)

    return make

