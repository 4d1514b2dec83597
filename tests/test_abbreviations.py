"""The site-wide abbreviations file, loaded once as the abbr extension's glossary."""

from __future__ import annotations

import pytest

from guide.abbreviations import load_glossary
from guide.problems import DataError
from sitebrowser import ROOT


def test_the_real_file_loads():
    glossary = load_glossary(ROOT / "docs/includes/abbreviations.md", "abbreviations.md")
    assert glossary["TTFT"].lower().startswith("time to first token")
    assert len(glossary) >= 20


def test_a_malformed_line_is_a_clear_problem(tmp_path):
    path = tmp_path / "abbreviations.md"
    path.write_text("*[GPU]: Graphics processing unit\n[CPU] Central processing unit\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"abbreviations.md:2: got '\[CPU\] Central processing unit'"):
        load_glossary(path, "abbreviations.md")


def test_a_missing_file_is_a_clear_problem(tmp_path):
    with pytest.raises(DataError, match=r"^docs/includes/abbreviations.md: file not found$"):
        load_glossary(tmp_path / "abbreviations.md", "docs/includes/abbreviations.md")


def test_abbreviations_reach_generated_pages(built_site):
    page = (built_site / "engines" / "vllm" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Graphics processing unit">GPU</abbr>' in page
