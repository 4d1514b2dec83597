"""/llms.txt (llmstxt.org): the site as a title, a one-paragraph summary and a list of every page with its
one-line description, for readers who ask an assistant. Built from the nav and each page's `description:`.

Plain data in, text out: the hook (overrides/hooks/llms.py) turns MkDocs' nav into `Page` and `Group`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from guide import export
from guide.escape import markdown_plain
from guide.problems import DataError, Problem

FILE_NAME = "llms.txt"


@dataclass(frozen=True)
class Page:
    title: str
    url: str  # relative to the site root
    description: str | None
    source: str  # where the description comes from, for the error message


@dataclass(frozen=True)
class Group:
    title: str
    children: list[Page | Group] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """A file on the site that is not a page (the engines as JSON) but an assistant can use."""

    title: str
    url: str
    description: str


def data_links() -> list[Link]:
    return [
        Link(
            "Engines as JSON",
            export.JSON_NAME,
            f"Every engine's facts with their source URLs and GitHub figures, in one file (schema: {export.SCHEMA_NAME}).",
        )
    ]


def sections(nav: list[Page | Group]) -> list[tuple[str, list[Page]]]:
    """The nav as llms.txt's H2 sections, in nav order: the top-level pages first, then each group, and each
    nested group, titled by its path ("Engines › Production serving")."""
    top: list[Page] = []
    groups: list[tuple[str, list[Page]]] = []

    def walk(items: list[Page | Group], path: list[str]) -> None:
        own: list[Page] = []
        groups.append((" › ".join(path), own))
        for item in items:
            if isinstance(item, Group):
                walk(item.children, [*path, item.title])
            else:
                own.append(item)

    for item in nav:
        if isinstance(item, Group):
            walk(item.children, [item.title])
        else:
            top.append(item)
    return [(title, pages) for title, pages in [("Guide", top), *groups] if pages]


def llms_txt(title: str, summary: str, nav: list[Page | Group], site_url: str, extra: list[Link] = ()) -> str:
    """The llms.txt text. Raises DataError naming every page without a description."""
    grouped = sections(nav)
    missing = [
        Problem(page.source, "missing from the front matter, expected a one-line summary of the page (for /llms.txt and link previews)", field="description")
        for _, pages in grouped
        for page in pages
        if not (page.description or "").strip()
    ]
    if missing:
        raise DataError(missing)
    lines = [f"# {markdown_plain(title)}", "", f"> {markdown_plain(summary)}", ""]
    for heading, pages in grouped:
        lines += [f"## {markdown_plain(heading)}", ""]
        lines += [_item(page.title, urljoin(site_url, page.url), page.description) for page in pages]
        lines.append("")
    if extra:
        lines += ["## Data", ""]
        lines += [_item(link.title, urljoin(site_url, link.url), link.description) for link in extra]
        lines.append("")
    return "\n".join(lines)


def _item(title: str, url: str, description: str) -> str:
    # Spaces and parentheses would end a Markdown link target early; MkDocs' URLs have neither, but be sure.
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"- [{markdown_plain(title)}]({target}): {markdown_plain(description)}"
