"""The machine-readable export, api/engines.json: one object per engine, curated facts merged with
the GitHub figures, the star trends and the badges, each with where it came from.

It follows data/schemas/export.schema.json, published next to it as api/engines.schema.json.
The same data and the same `today` always give the same bytes: keys keep a fixed order, engines and
repositories keep data order, and nothing else (no clock, no environment) goes in.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from guide import badges as badge_rules
from guide import trends, views
from guide.freshness import FACT_GROUPS
from guide.loading import SCHEMA_DIR, validator
from guide.sitedata import PLATFORMS, SiteData, primary_repo, support_of

SCHEMA_PATH = SCHEMA_DIR / "export.schema.json"
JSON_NAME = "api/engines.json"
SCHEMA_NAME = "api/engines.schema.json"
HISTORY_SOURCE = "data/history/stars.csv: the guide's own star snapshots, one per repository per refresh day"
CURATED_GROUPS = ("model_formats", "quantization", "features")


def _capability(value: Any) -> dict[str, Any]:
    support, note = support_of(value)
    return {"support": support, "note": note}


def _hardware(engine: dict[str, Any]) -> dict[str, Any]:
    facts = engine["hardware"]
    out = {platform: _capability(facts[platform]) for platform in PLATFORMS}
    out["other"] = list(facts.get("other", []))
    out["sources"] = list(facts["sources"])
    return out


def _serving(engine: dict[str, Any]) -> dict[str, Any] | None:
    facts = engine.get("serving")
    if facts is None:
        return None
    out = {key: _capability(facts.get(key)) for key in views.SERVING_LABELS}
    out["sources"] = list(facts["sources"])
    return out


def _github(figures: dict[str, Any] | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {
        "stars": figures["stars"],
        "approximate": bool(figures.get("approximate")),
        "fetched_at": figures["fetched_at"],
        "source": figures["source"],
        # Absent in github.yaml means "not fetched"; null means "no license GitHub recognises".
        "license_fetched": "license" in figures,
        "license": figures.get("license"),
        "archived": figures.get("archived"),
        "pushed_at": figures.get("pushed_at"),
        "latest_release": figures.get("latest_release"),
        "name_with_owner": figures.get("name_with_owner"),
        "stale_since": figures.get("stale_since"),
        "last_error": figures.get("last_error"),
    }


def _reading(snapshot) -> dict[str, Any]:
    return {"date": snapshot.day.isoformat(), "stars": snapshot.stars, "repo": snapshot.repo}


def _trends(trend: trends.RepoTrend | None) -> dict[str, Any] | None:
    if trend is None:
        return None
    windows = {}
    for days, found in trend.changes.items():
        windows[str(days)] = None if found is None else {
            "stars": found.stars,
            "percent": None if found.percent is None else round(found.percent, 2),
            "from": _reading(found.start),
            "to": _reading(found.end),
        }
    return {
        "repo": trend.slug,
        "readings": len(trend.series),
        "first": _reading(trend.series[0]) if trend.series else None,
        "last": _reading(trend.series[-1]) if trend.series else None,
        "change": windows,
        "source": HISTORY_SOURCE,
    }


def page_url(engine_id: str, site_url: str = "") -> str:
    return site_url + views.engine_path(engine_id).removesuffix(".md") + "/"


def engine_record(site: SiteData, engine: dict[str, Any], *, today: date, stale_after_days: int, site_url: str = "") -> dict[str, Any]:
    primary = primary_repo(engine)
    license_ = engine["license"]
    record: dict[str, Any] = {
        "id": engine["id"],
        "name": engine["name"],
        "summary": engine.get("summary"),
        "page": page_url(engine["id"], site_url),
        "homepage": engine["homepage"],
        "docs": engine.get("docs"),
        "sources": list(engine["sources"]),
        "openness": engine["openness"],
        "license": {
            "spdx": license_["spdx"],
            "label": license_.get("label"),
            "note": license_.get("note"),
            "sources": list(license_["sources"]),
        },
        "audience": dict(engine["audience"]),
        "runs_on": engine.get("runs_on"),
        "maintainer": engine.get("maintainer"),
        "hardware": _hardware(engine),
        "serving": _serving(engine),
    }
    for key in CURATED_GROUPS:
        record[key] = engine.get(key)
    record["status"] = [dict(note) for note in engine.get("status") or []]
    record["pick_when"] = list(engine.get("pick_when") or [])
    record["avoid_when"] = list(engine.get("avoid_when") or [])
    # In the order of guide.freshness.FACT_GROUPS, whatever order the YAML gives.
    record["checked"] = {group: engine["checked"][group] for group in FACT_GROUPS if group in engine["checked"]}
    record["repos"] = [
        {
            "slug": repo["slug"],
            "primary": repo["slug"] == primary,
            "role": repo.get("role"),
            "formerly": list(repo.get("formerly", [])),
            "github": _github(site.github.get(repo["slug"])),
        }
        for repo in engine.get("repos") or []
    ]
    record["trends"] = _trends(trends.site_trends(site, today)[engine["id"]])
    record["badges"] = [
        {"kind": b.kind, "label": b.label, "detail": b.detail}
        for b in badge_rules.badges(site, engine, today=today, stale_after_days=stale_after_days)
    ]
    return record


def build(site: SiteData, *, today: date, stale_after_days: int = badge_rules.DEFAULT_STALE_AFTER_DAYS, site_url: str = "") -> dict[str, Any]:
    return {
        "$schema": "engines.schema.json",
        "generated_on": today.isoformat(),
        "stale_after_days": stale_after_days,
        "trend_windows": list(trends.WINDOWS),
        "engines": [
            engine_record(site, engine, today=today, stale_after_days=stale_after_days, site_url=site_url) for engine in site.engines
        ],
    }


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def problems(document: dict[str, Any]) -> list[str]:
    """Every way `document` breaks the export schema, as 'path: message' lines."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator("export").iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]


def dumps(document: dict[str, Any]) -> str:
    # Compact: smaller to download, and without `indent` json uses its C encoder (a tenth of the time
    # for 200 engines). Browsers and `jq` lay it out for reading.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
