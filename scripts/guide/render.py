"""Data in, Markdown out: the comparison table, the decision flowchart, its outline and the engine pages.

Plain functions over `SiteData`, with Jinja templates from `templates/`. Nothing
here knows about MkDocs, so another site engine (or a test) can call them as is.
`base` is the relative path from the page being written to the docs root
("" for a page at the top, "../" one level down), so links resolve anywhere.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from guide import badges, escape, estimates, interactive, sparkline, trends, views
from guide import calculator as calculator_form
from guide.formatting import reading, signed, signed_percent, thousands
from guide.sitedata import SiteData, build_day

TEMPLATE_DIR = Path(__file__).parent / "templates"


def bytecode_cache(kind: str = "jinja") -> jinja2.FileSystemBytecodeCache:
    """Compiled templates kept in .cache/<kind>/ between builds (a new process per `mkdocs build`), keyed by
    each template's file and a checksum of its source, so an edited template is compiled afresh. An
    environment's options are not part of that key: one folder per environment, and after changing an
    environment's options, delete its folder."""
    folder = TEMPLATE_DIR.parents[2] / ".cache" / kind
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # anything not run through a filter below is still HTML-escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(
        md=escape.markdown_text,
        mermaid=escape.mermaid_label,
        url=escape.url,
        signed=signed,
        percent=signed_percent,
        thousands=thousands,
        reading=reading,
    )
    env.globals.update(views=views, trends=trends, badges=badges, sparkline=sparkline.sparkline, estimates=estimates,
                       calculator_query=calculator_form.calculator_query)
    return env


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def comparison_table(
    site: SiteData, base: str = "", *, today: date | None = None, stale_after_days: int = badges.DEFAULT_STALE_AFTER_DAYS
) -> str:
    return _render(
        "comparison_table.md.j2",
        site=site,
        engines=site.engines,
        base=base,
        today=today or build_day(),
        stale_after_days=stale_after_days,
    )


def fastest_growing(site: SiteData, base: str = "", *, today: date | None = None) -> str:
    today = today or build_day()
    return _render(
        "fastest_growing.md.j2",
        site=site,
        rows=trends.fastest_growing(site, today),
        covered=any(t and t.changes[trends.FASTEST_WINDOW] for t in trends.site_trends(site, today).values()),
        span=trends.history_span(site, today),
        days=trends.FASTEST_WINDOW,
        base=base,
    )


def flowchart(site: SiteData) -> str:
    return _render("flowchart.md.j2", site=site, tree=site.tree)


def tree_outline(site: SiteData, base: str = "") -> str:
    return _render("tree_outline.md.j2", site=site, items=views.tree_outline(site), base=base)


def category_legend(site: SiteData) -> str:
    return _render("category_legend.md.j2", categories=site.tree["categories"])


def changes(site: SiteData, base: str = "") -> str:
    return _render("changes.md.j2", site=site, notes=views.status_timeline(site), base=base)


def engine_index(site: SiteData, base: str = "") -> str:
    return _render("engine_index.md.j2", site=site, base=base)


def engine_page(
    site: SiteData,
    engine_id: str,
    *,
    today: date | None = None,
    stale_after_days: int = badges.DEFAULT_STALE_AFTER_DAYS,
    run: dict[str, Any] | None = None,
) -> str:
    """`run`: the engine's "Run it" section (launch.views.engine_run), or None without launch data."""
    return _render(
        "engine_page.md.j2",
        site=site,
        engine=site.engine(engine_id),
        base="../",
        today=today or build_day(),
        stale_after_days=stale_after_days,
        run=run,
    )


# The browser-side features. `root` is the path from the page's URL (not its Markdown file) to the site
# root: MkDocs rewrites Markdown links but not the src of a raw <script>.
def chooser(site: SiteData, base: str = "", root: str = "") -> str:
    tree = interactive.chooser(site)
    return _render("chooser.md.j2", tree=tree, data=escape.json_island(interactive.chooser_data(tree)), base=base, root=root)


def table_tools(root: str = "") -> str:
    return _render("table_tools.html.j2", filters=interactive.table_filters(), noun="engines", root=root)


def hardware_tools(root: str = "") -> str:
    # By name only: the page's sections already sort the devices by kind.
    return _render("table_tools.html.j2", filters=[], noun="devices", root=root)


# The estimator's pages: models, hardware and how the estimates are made (guide/estimates.py).
def model_page(est: estimates.Estimator, model_id: str) -> str:
    return _render("model_page.md.j2", est=est, model=est.catalogs.models[model_id], base="../")


def model_index(est: estimates.Estimator, base: str = "") -> str:
    return _render("model_index.md.j2", models=sorted(est.catalogs.models.values(), key=lambda m: m["name"].lower()), base=base)


def hardware_table(est: estimates.Estimator) -> str:
    return _render("hardware_table.html.j2", sections=estimates.hardware_sections(est))


def calculator(est: estimates.Estimator, root: str = "") -> str:
    """The calculator's form with every option, and its settings for calculator.js (guide/calculator.py)."""
    form = calculator_form.form(est, root)
    settings = {k: form[k] for k in ("defaults", "custom", "limits", "links", "overall")} | {"splits": dict(form["splits"])}
    return _render("calculator.html.j2", form=form, settings=escape.json_island(settings), root=root)


def validation_table(est: estimates.Estimator, *, today: date | None = None) -> str:
    summary = est.summary
    return _render(
        "validation_table.md.j2",
        rows=estimates.validation_table(est),
        kv_exact=summary["kv_exact"],
        measurements=summary["rows"],
        skipped=len(summary["skipped"]),
        today=today or build_day(),
    )
