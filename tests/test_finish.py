"""Fit and finish in the built HTML: icons, social tags, sitemap, 404 page, last-updated dates."""

from __future__ import annotations

import html
import re

import yaml

from guide.sitedata import load_site_data
from sitebrowser import ROOT

DOCS = ROOT / "docs"
SITE_DESCRIPTION = re.search(r"^site_description:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)


def meta(page: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:content="([^"]*)" property="{prop}"|property="{prop}" content="([^"]*)")', page)
    return html.unescape(match.group(1) or match.group(2)) if match else None


def front_matter_description(md: str) -> str | None:
    match = re.match(r"---\n(.*?)\n---", md, re.S)
    return (yaml.safe_load(match.group(1)) or {}).get("description") if match else None


def test_every_page_has_icons_and_social_tags(built_site):
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text()
        assert re.search(r'<link href="[^"]*assets/favicon\.svg" rel="icon"|<link rel="icon" href="[^"]*assets/favicon\.svg"', text), page
        assert "assets/logo.svg" in text, page
        assert meta(text, "og:title") and meta(text, "og:url") and meta(text, "og:description"), page


def test_social_description_comes_from_front_matter_or_the_site(built_site):
    for md in DOCS.rglob("*.md"):
        out = built_site / md.relative_to(DOCS).with_suffix("") / "index.html"
        if md.name == "index.md":
            out = built_site / md.relative_to(DOCS).parent / "index.html"
        if not out.exists():
            continue  # an include or excluded file
        expected = front_matter_description(md.read_text()) or SITE_DESCRIPTION
        assert meta(out.read_text(), "og:description") == expected, md

    # Generated engine pages describe themselves with the engine's summary from data/engines.yaml.
    for engine in load_site_data().engines:
        page = (built_site / "engines" / engine["id"] / "index.html").read_text()
        assert meta(page, "og:description") == engine["summary"], engine["id"]
        described = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
        assert html.unescape(described) == engine["summary"], engine["id"]


def test_sitemap_lists_every_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    for page in built_site.rglob("index.html"):
        path = page.parent.relative_to(built_site).as_posix()
        assert f"{'' if path == '.' else path + '/'}</loc>" in sitemap, path


def test_404_page_exists_with_the_site_chrome(built_site):
    page = (built_site / "404.html").read_text()
    assert "<h1>404 - Not found</h1>" in page
    assert "assets/stylesheets/guide.css" in page


def test_every_page_shows_a_last_updated_date(built_site):
    for page in built_site.rglob("index.html"):
        assert "git-revision-date-localized-plugin-date" in page.read_text(), page
