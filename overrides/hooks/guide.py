"""MkDocs hook: the thin layer between MkDocs and the data-driven rendering in scripts/guide.

- on_config: load and check data/ (every problem reported on its own line, then the build stops);
  log, as information, the groups of facts due for another check (guide/freshness.py, `make facts-age`);
  load the site-wide abbreviations as the abbr extension's glossary;
  add the engine pages to the nav under "Engines", grouped by audience (views.engine_nav).
- on_files: add the generated engine pages (nothing generated is committed).
- on_page_markdown: replace `<!-- guide:NAME -->` markers with rendered Markdown; an unknown
  marker stops the build. On engine pages, set the finished HTML blocks aside from Markdown;
  on_page_content puts them back (guide/passthrough.py).
- on_files also adds api/engines.json and api/engines.schema.json (tests/test_export.py checks one against the other).
- on_env: Material's compiled templates are kept between builds, like ours (render.bytecode_cache).
- The estimator's catalogs (models, hardware, formats, engine memory rules) are loaded and checked with the rest
  of data/; one page per model is generated under "Models" (guide/estimates.py, render.model_page).
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# The rendering package lives in scripts/ (importable without MkDocs by tests and other tools).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from guide import export, passthrough, render  # noqa: E402
from guide.abbreviations import load_glossary  # noqa: E402
from guide.badges import DEFAULT_STALE_AFTER_DAYS  # noqa: E402
from guide.catalogs import load_catalogs  # noqa: E402
from guide.estimates import Estimator, model_nav, model_path  # noqa: E402
from estimator import export as estimator_export  # noqa: E402
from launch import export as launch_export  # noqa: E402
from launch.catalog import load_launch  # noqa: E402
from launch.views import engine_run  # noqa: E402
from guide.freshness import due_checks  # noqa: E402
from guide.problems import DataError  # noqa: E402
from guide.sitedata import DATA_DIR, SiteData, build_day, load_site_data  # noqa: E402
from guide.views import engine_nav, engine_path  # noqa: E402

log = logging.getLogger("mkdocs.hooks.guide")

MARKER = re.compile(r"<!--\s*guide:([a-z-]+)\s*-->")
# Each renderer gets `base`, the path from the page's Markdown file to docs/ (for Markdown links), and
# `root`, from the page's URL to the site root: the markers that load a script need it, because
# MkDocs rewrites Markdown links but not a raw <script src>.
RENDERERS = {
    "comparison-table": lambda site, base, root: render.comparison_table(site, base, **_asof),
    "fastest-growing": lambda site, base, root: render.fastest_growing(site, base, today=_asof["today"]),
    "flowchart": lambda site, base, root: render.flowchart(site),
    "category-legend": lambda site, base, root: render.category_legend(site),
    "tree-outline": lambda site, base, root: render.tree_outline(site, base),
    "engine-index": lambda site, base, root: render.engine_index(site, base),
    "changes": lambda site, base, root: render.changes(site, base),
    "chooser": lambda site, base, root: render.chooser(site, base, root),
    "table-tools": lambda site, base, root: render.table_tools(root),
    "model-index": lambda site, base, root: render.model_index(_estimator, base),
    "hardware-table": lambda site, base, root: render.hardware_table(_estimator),
    "hardware-tools": lambda site, base, root: render.hardware_tools(root),
    "validation-table": lambda site, base, root: render.validation_table(_estimator, today=_asof["today"]),
    "calculator": lambda site, base, root: render.calculator(_estimator, root),
}
ENGINES_SECTION = "Engines"
MODELS_SECTION = "Models"
HARDWARE_PAGE = "hardware.md"  # its table is finished HTML too
ABBREVIATIONS = "includes/abbreviations.md"

# Set by on_config at the start of every build (mkdocs serve reruns it on each change).
_site: SiteData | None = None
_estimator: Estimator | None = None
_launch: dict | None = None  # launch entries by engine id (launch/catalog.py)
# "Today" for trends and staleness (the build date) and the staleness threshold from
# mkdocs.yml `extra: guide: stale_after_days`; set by on_config.
_asof: dict = {}
# Engine pages' finished HTML blocks, by page, set aside from Markdown until on_page_content
# (see guide/passthrough.py); filled by on_page_markdown.
_set_aside: dict[str, list[str] | None] = {}


def on_config(config):
    global _site, _estimator, _launch
    data_dir = Path(os.environ.get("GUIDE_DATA_DIR", DATA_DIR))
    try:
        # GUIDE_DATA_DIR lets tests (or a preview of proposed data) build from another folder.
        _site = load_site_data(data_dir)
        _estimator = Estimator.load(load_catalogs(_site.engines, data_dir))
        _launch = load_launch(_estimator.catalogs, data_dir)
    except DataError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(f"data/ has {len(error.problems)} problem(s), listed above; nothing was built.") from None
    _asof.update(today=build_day(), stale_after_days=_stale_after_days(config))
    # Information, not a warning: the build is --strict, and an old check is a task, not an error.
    for check in due_checks(_site.engines, _asof["today"]):
        log.info(f"facts due for another check: {check}")
    _set_aside.clear()
    _set_aside.update((engine_path(engine["id"]), None) for engine in _site.engines)
    _set_aside.update((model_path(model_id), None) for model_id in _estimator.catalogs.models)
    _set_aside[HARDWARE_PAGE] = None
    try:
        glossary = load_glossary(Path(config.docs_dir) / ABBREVIATIONS, f"docs/{ABBREVIATIONS}")
    except DataError as error:
        raise PluginError(str(error)) from None
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    _section(config, ENGINES_SECTION)[ENGINES_SECTION] += _nav(engine_nav(_site))
    _section(config, MODELS_SECTION)[MODELS_SECTION] += _nav(model_nav(_estimator))
    return config


def _section(config, title: str) -> dict:
    section = next((item for item in config.nav or [] if isinstance(item, dict) and title in item), None)
    if section is None:
        raise PluginError(f"mkdocs.yml: nav needs a '{title}' section for the generated pages.")
    return section


def _nav(entries: list[tuple[str, str | list]]) -> list[dict]:
    """views.engine_nav's (title, target) pairs as MkDocs nav items."""
    # Material prints nav titles as HTML, unescaped: a name from the data must be escaped here.
    return [{html.escape(title): _nav(target) if isinstance(target, list) else target} for title, target in entries]


def on_env(env, config, files):
    # Material's templates were compiled afresh on every build (about a tenth of a build): keep them too.
    env.bytecode_cache = render.bytecode_cache("jinja-theme")
    return env


def on_files(files, config):
    for engine in _site.engines:
        run = engine_run(_estimator.catalogs, _launch, engine["id"])
        files.append(File.generated(config, engine_path(engine["id"]), content=render.engine_page(_site, engine["id"], run=run, **_asof)))
    for model_id in _estimator.catalogs.models:
        files.append(File.generated(config, model_path(model_id), content=render.model_page(_estimator, model_id)))
    # Generated here rather than after the build, so that pages can link to them and links are checked.
    for file in _export_files(config):
        files.append(file)
    return files


def on_page_markdown(markdown, page, config, files):
    # Material prints the description into an HTML attribute unescaped; engine summaries can hold quotes.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = escape(page.meta["description"])
    base = "../" * page.file.src_uri.count("/")
    root = "../" * page.url.count("/")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            known = ", ".join(sorted(RENDERERS))
            raise PluginError(f"{page.file.src_uri}: unknown marker <!-- guide:{name} -->, expected one of {known}")
        return RENDERERS[name](_site, base, root)

    markdown = MARKER.sub(replace, markdown)
    if page.file.src_uri in _set_aside:
        markdown, _set_aside[page.file.src_uri] = passthrough.set_aside(markdown)
    return markdown


def on_page_content(content, page, config, files):
    blocks = _set_aside.get(page.file.src_uri)
    if blocks is None:
        return content
    try:
        return passthrough.put_back(content, blocks)
    except passthrough.PassthroughError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def _stale_after_days(config) -> int:
    value = (config.extra.get("guide") or {}).get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PluginError(f"mkdocs.yml: extra.guide.stale_after_days is {value!r}, expected a whole number of days (0 or more).")
    return value


def _export_files(config) -> list[File]:
    """api/engines.json and its schema (tests check the one against the other); api/launch.json for launch.js;
    api/estimator.json for estimator.js (the calculator and the chooser's fit check)."""
    document = export.build(_site, site_url=config.site_url or "", **_asof)
    launch = launch_export.build(_estimator.catalogs, _launch)
    estimator = estimator_export.build(_estimator.catalogs, _estimator.calibration)
    return [
        File.generated(config, export.JSON_NAME, content=export.dumps(document)),
        File.generated(config, export.SCHEMA_NAME, content=export.schema_text()),
        File.generated(config, launch_export.JSON_NAME, content=launch_export.dumps(launch)),
        File.generated(config, estimator_export.JSON_NAME, content=estimator_export.dumps(estimator)),
    ]
