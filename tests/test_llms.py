"""/llms.txt (issue 14): a title, a one-paragraph summary and every page with its own one-line description."""

from __future__ import annotations

import html
import re

import pytest

from guide import llms
from guide.escape import markdown_plain
from guide.problems import DataError
from sitebrowser import ROOT

DEPLOYED = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SITE_URL = "https://example.org/guide/"
LINK = re.compile(r"^- \[(?P<title>(?:[^\]\\]|\\.)+)\]\((?P<url>[^)\s]+)\): (?P<description>\S.*)$")


def page(title, url, description="One line.", source=None):
    return llms.Page(title, url, description, source or f"docs/{url or 'index'}.md")


NAV = [
    page("Home", ""),
    llms.Group("Engines", [page("Engines", "engines/"), llms.Group("Serving", [page("vLLM", "engines/vllm/")])]),
    page("About", "about/"),
]


def test_sections_follow_the_nav_with_nested_groups_titled_by_their_path():
    assert [(title, [p.title for p in pages]) for title, pages in llms.sections(NAV)] == [
        ("Guide", ["Home", "About"]),
        ("Engines", ["Engines"]),
        ("Engines › Serving", ["vLLM"]),
    ]


def test_the_text_is_a_title_a_summary_and_absolute_links():
    text = llms.llms_txt("The Guide", "What it is\n  in one paragraph.", NAV, SITE_URL, llms.data_links())
    lines = text.splitlines()
    assert lines[:3] == ["# The Guide", "", "> What it is in one paragraph."]
    assert "- [vLLM](https://example.org/guide/engines/vllm/): One line." in lines
    assert "- [Home](https://example.org/guide/): One line." in lines
    assert lines[lines.index("## Data") + 2].startswith("- [Engines as JSON](https://example.org/guide/api/engines.json): ")


def test_text_from_data_cannot_break_the_markdown():
    hostile = "a [b](c) *d* <e> `f` \\ g\nh"
    text = llms.llms_txt("T", "S", [page(hostile, "x/", hostile)], SITE_URL)
    line = next(line for line in text.splitlines() if line.startswith("- ["))
    match = LINK.match(line)
    assert match and match["url"] == SITE_URL + "x/", line
    assert match["title"] == match["description"] == markdown_plain(hostile) == r"a \[b\](c) \*d\* \<e\> \`f\` \\ g h"


def test_every_page_without_a_description_is_named():
    nav = [page("A", "a/", None, "docs/a.md"), llms.Group("G", [page("B", "b/", "  ", "docs/b.md"), page("C", "c/")])]
    with pytest.raises(DataError) as error:
        llms.llms_txt("T", "S", nav, SITE_URL)
    assert [str(p) for p in error.value.problems] == [
        f"docs/{name}.md: field 'description': missing from the front matter, expected a one-line summary of the page "
        "(for /llms.txt and link previews)"
        for name in ("a", "b")
    ]


# -- the built site


@pytest.fixture(scope="module")
def published(built_site) -> dict[str, tuple[str, str]]:
    """llms.txt's links as {path under the site: (title, description)}."""
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# LLM Inference Guide\n\n> ") and text.count("\n> ") == 1
    links = {}
    for line in text.splitlines():
        if line.startswith("- "):
            match = LINK.match(line)
            assert match, line
            assert match["url"].startswith(DEPLOYED), line
            path = match["url"].removeprefix(DEPLOYED)
            assert path not in links, f"{path} listed twice"
            links[path] = (match["title"], match["description"])
    return links


def test_every_page_is_listed_with_its_own_description(built_site, published):
    """Every page in the sitemap (every nav page), with the description its HTML carries."""
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    pages = [loc.removeprefix(DEPLOYED) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(pages) > 20
    for path in pages:
        assert path in published, f"/{path} is missing from llms.txt"
        document = (built_site / path / "index.html").read_text(encoding="utf-8")
        meta = re.search(r'<meta [^>]*name="description"[^>]*>', document).group(0)  # attributes in either order
        description = html.unescape(re.search(r'content="([^"]*)"', meta).group(1))
        assert published[path][1] == markdown_plain(description), path


def test_every_link_reaches_a_built_file(built_site, published):
    for path in published:
        target = built_site / path
        assert (target / "index.html" if path.endswith("/") or path == "" else target).is_file(), path
