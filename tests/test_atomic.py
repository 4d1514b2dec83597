"""guide.atomic: the rename must not leave a refreshed data file readable by its owner alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from guide.atomic import write_text_atomic


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    path = tmp_path / "github.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    umask(0o077)  # would give 0600: only keeping the old mode gives 0644

    write_text_atomic(path, "new\n")

    assert path.read_text(encoding="utf-8") == "new\n"
    assert mode(path) == 0o644


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path, umask):
    umask(0o027)
    path = tmp_path / "history" / "stars.csv"

    write_text_atomic(path, "date,repo,stars\n")

    assert mode(path) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["stars.csv"]  # no temporary file left behind
