"""What each part of a page shows, worked out from the data (no markup here).

Templates only lay these values out. A table cell, an engine page line or a
flowchart label can be traced to one function below.
"""

from __future__ import annotations

import re
from typing import Any

from guide.formatting import compact_number, day
from guide.freshness import checked_on, groups_present
from guide.sitedata import PLATFORMS, SiteData, primary_repo, support_of, supports

PLATFORM_LABELS = {"nvidia": "NVIDIA", "amd": "AMD", "intel": "Intel", "apple": "Apple Silicon", "cpu": "CPU"}
OPENNESS_LABELS = {"open-source": "Open source", "source-available": "Source-available", "proprietary": "Proprietary"}
AUDIENCE_LABELS = {
    "production": "Production serving",
    "distributed": "Distributed serving layers",
    "local": "Enthusiast / local-first",
    "desktop": "Desktop app",
}
SUPPORT_WORDS = {True: "yes", False: "no", "partial": "partial", None: "unknown"}
SERVING_LABELS = {
    "openai_compatible_server": "OpenAI-compatible server",
    "tensor_parallel": "Tensor parallelism",
    "pipeline_parallel": "Pipeline parallelism",
    "multi_node": "Multi-node",
    "cpu_gpu_offload": "CPU+GPU offload",
    "disaggregated_prefill_decode": "Disaggregated prefill/decode",
}
# How the Sources list of an engine page names each group of facts (guide.freshness.FACT_GROUPS).
FACT_GROUP_LABELS = {
    "identity": "Name, repository and homepage",
    "license": "License",
    "audience": "Audience",
    "runs_on": "Runs on",
    "maintainer": "Maintainer",
    "hardware": "Hardware",
    "serving": "Serving",
    "model_formats": "Model formats",
    "quantization": "Quantization",
    "features": "Features",
    "status": "Status notes",
    "advice": "When to pick it or look elsewhere",
}
# What stands in for the URLs of a group that has none of its own.
NO_SOURCES = {"status": "each note links its own source", "advice": "our own words, from the facts on this page"}


def stars(site: SiteData, engine: dict[str, Any]) -> dict[str, Any]:
    """The star figure for an engine's primary repository, with its date and how far to trust it."""
    slug = primary_repo(engine)
    if slug is None:
        return {"state": "no-repo", "text": "no public repository", "sort": -1}
    figures = site.github.get(slug)
    if figures is None:
        return {"state": "not-fetched", "text": "not fetched yet", "sort": -1}
    approximate = bool(figures.get("approximate"))
    return {
        "state": "fetched",
        "count": figures["stars"],
        "text": ("≈" if approximate else "") + compact_number(figures["stars"]),
        "sort": figures["stars"],
        "as_of": day(figures["fetched_at"]),
        "approximate": approximate,
        "source": figures["source"],
    }


def license_text(engine: dict[str, Any]) -> str:
    """The Type column: openness plus the curated license, or the curated label when SPDX alone misleads."""
    license_ = engine["license"]
    if license_.get("label"):
        return license_["label"]
    openness = OPENNESS_LABELS[engine["openness"]]
    return f"{openness} ({license_['spdx']})" if license_.get("spdx") else openness


def detected_license(site: SiteData, engine: dict[str, Any]) -> dict[str, Any]:
    """What GitHub detects for the primary repository, and whether it disagrees with our curated SPDX id."""
    figures = site.github.get(primary_repo(engine) or "", {})
    if "license" not in figures:
        return {"text": "not fetched yet", "mismatch": False}
    detected = figures["license"]
    if detected is None:
        return {"text": "no license file detected", "mismatch": engine["license"].get("spdx") is not None}
    spdx = detected["spdx_id"]
    text = f"{detected['name']} ({spdx})" if spdx and spdx != "NOASSERTION" else f"{detected['name']} (not classified by GitHub)"
    return {"text": text, "mismatch": spdx != engine["license"].get("spdx")}


def hardware(engine: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for platform in PLATFORMS:
        support, note = support_of(engine["hardware"][platform])
        rows.append({"id": platform, "label": PLATFORM_LABELS[platform], "support": SUPPORT_WORDS[support], "note": note})
    return rows


def hardware_summary(engine: dict[str, Any]) -> str:
    """Platforms grouped by support, for a compact table cell: 'NVIDIA, AMD; partial: Apple Silicon; unknown: Intel'."""
    groups: dict[str, list[str]] = {"yes": [], "partial": [], "no": [], "unknown": []}
    for row in hardware(engine):
        groups[row["support"]].append(row["label"])
    parts = [", ".join(groups["yes"])] if groups["yes"] else []
    parts += [f"{word}: {', '.join(groups[word])}" for word in ("partial", "unknown") if groups[word]]
    return "; ".join(parts)


def serving(engine: dict[str, Any]) -> list[dict[str, Any]]:
    facts = engine.get("serving") or {}
    rows = []
    for key, title in SERVING_LABELS.items():
        support, note = support_of(facts.get(key))
        rows.append({"label": title, "support": SUPPORT_WORDS[support], "note": note})
    return rows


def fact_groups(engine: dict[str, Any]) -> list[dict[str, Any]]:
    """Each group of facts the entry has: its label, the URLs it was read from and the day it was checked."""
    rows = []
    for group in groups_present(engine):
        if group == "identity":
            urls = engine["sources"]
        else:
            urls = [] if group in NO_SOURCES else engine[group]["sources"]
        checked = checked_on(engine, group)
        rows.append(
            {
                "group": group,
                "label": FACT_GROUP_LABELS[group],
                "sources": list(urls),
                "instead": NO_SOURCES.get(group),
                "checked": checked.isoformat() if checked else None,
            }
        )
    return rows


def status_timeline(site: SiteData) -> list[dict[str, Any]]:
    """Every dated status note of every engine, newest first (a note dated to the month after the days of
    that month); notes of the same date keep data order."""
    notes = [{**note, "engine": engine["id"], "name": engine["name"]} for engine in site.engines for note in engine.get("status") or []]
    return sorted(notes, key=lambda note: note["date"], reverse=True)


def runs_on(site: SiteData, engine: dict[str, Any]) -> list[dict[str, str]]:
    """The engines a distributed layer runs on, as (name, id), in the order the entry gives."""
    ids = (engine.get("runs_on") or {}).get("engines", [])
    return [{"name": site.engine(other)["name"], "engine": other} for other in ids]


def link_text(url: str, limit: int = 60) -> str:
    """A readable stand-in for a long source URL; the link itself keeps the full URL.

    GitHub files and commits read as 'github.com/owner/repo: path/to/file' and
    'github.com/owner/repo: commit 57d14d2' (the pinned commit is in the link); other long URLs keep
    their host, first two path parts and last part."""
    bare = url.split("://", 1)[-1].rstrip("/")
    github = re.match(r"github\.com/([^/]+/[^/]+)/(blob|tree|commit)/([^/]+)(?:/(.+))?$", bare)
    if github:
        repo, kind, ref, path = github.groups()
        return f"github.com/{repo}: commit {ref[:7]}" if kind == "commit" else f"github.com/{repo}: {path or ref}"
    host, *parts = bare.split("/")
    if len(bare) <= limit or len(parts) <= 3:
        return bare
    return "/".join([host, *parts[:2], "…", parts[-1]])


def engine_path(engine_id: str) -> str:
    """An engine page's Markdown path relative to docs/."""
    return f"engines/{engine_id}.md"


# A sidebar group longer than this is split into alphabetical runs (see engine_nav).
NAV_GROUP_SIZE = 20


def audience_groups(site: SiteData) -> list[tuple[str, list[dict[str, Any]]]]:
    """(title, engines) for each audience that has engines, engines in data order."""
    groups = [(title, [e for e in site.engines if e["audience"]["group"] == group]) for group, title in AUDIENCE_LABELS.items()]
    return [(title, members) for title, members in groups if members]


def engine_nav(site: SiteData, group_size: int = NAV_GROUP_SIZE) -> list[tuple[str, list]]:
    """The engine pages for the sidebar: (title, entries) per audience, engines in data order.

    An entry is (engine name, page path), or (label, entries) for a run. A group longer than `group_size`
    is split into alphabetical runs labelled by their first and last engine, like a dictionary's guide
    words: a long list is hard to scan, and with navigation.prune Material draws only the open run on a
    page (drawing a 70-engine group on each of its pages was the largest per-page cost of a big build)."""
    return [(title, nav_runs([(e["name"], engine_path(e["id"])) for e in members], group_size)) for title, members in audience_groups(site)]


def nav_runs(entries: list[tuple[str, str]], group_size: int = NAV_GROUP_SIZE) -> list[tuple[str, Any]]:
    """(name, path) entries as they are, or, when there are more than `group_size`, in alphabetical runs of
    even length labelled by their first and last name (see engine_nav)."""
    if len(entries) <= group_size:
        return entries
    entries = sorted(entries, key=lambda entry: _natural(entry[0]))
    runs = -(-len(entries) // group_size)
    size = -(-len(entries) // runs)  # runs of even length, none longer than group_size
    chunks = [entries[start : start + size] for start in range(0, len(entries), size)]
    return [(_guide_words(chunk[0][0], chunk[-1][0]), chunk) for chunk in chunks]


def _natural(name: str) -> list[str | int]:
    """Sort key that puts "vLLM 19" before "vLLM 114"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _guide_words(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


def recommendation_name(site: SiteData, rec: dict[str, Any]) -> str:
    """How a leaf names an engine: 'TensorRT-LLM (NVIDIA)'."""
    name = site.engine(rec["engine"])["name"]
    return f"{name} ({rec['qualifier']})" if rec.get("qualifier") else name


def recommendations(site: SiteData, leaf: dict[str, Any]) -> list[dict[str, str]]:
    """A leaf's picks as shown to readers (outline, chooser): display name, engine id, one-line reason."""
    return [{"name": recommendation_name(site, r), "engine": r["engine"], "reason": r["reason"]} for r in leaf["recommend"]]


def tree_outline(site: SiteData) -> list[dict[str, Any]]:
    """The decision tree as an indented outline, one item per answer, depth-first in data order."""
    nodes = {n["id"]: n for n in site.tree["nodes"]}
    items: list[dict[str, Any]] = []

    def visit(node_id: str, depth: int, answer: str | None) -> None:
        node = nodes[node_id]
        if node["type"] == "start":
            visit(node["next"], depth, None)
            return
        item = {"depth": depth, "answer": answer, "node": node}
        if node["type"] == "leaf":
            item["recommend"] = recommendations(site, node)
        items.append(item)
        for a in node.get("answers", []):
            visit(a["next"], depth + 1, a["label"])

    visit(site.tree["start"], 0, None)
    return items


def filter_keys(engine: dict[str, Any]) -> dict[str, str]:
    """What the table's filters match a row on (compare-table.js); each value is a space-separated token list."""
    # Partial support counts, as in the build's checks; the Hardware column spells out the caveat.
    runs_on = [p for p in PLATFORMS if supports(engine["hardware"][p])]
    return {"hw": " ".join(runs_on), "audience": engine["audience"]["group"], "openness": engine["openness"]}
