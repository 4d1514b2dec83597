"""What the browser-side features read: the chooser's tree and the comparison table's filter controls.

Worked out from the same data as the flowchart and the table, at build time, so the
step-by-step chooser and the filters can never disagree with what the pages show.
"""

from __future__ import annotations

import re
from typing import Any

from guide.calculator import DEFAULTS
from guide.sitedata import SiteData
from guide.views import AUDIENCE_LABELS, OPENNESS_LABELS, PLATFORM_LABELS, recommendations


# The inline fit check starts where the calculator does.
FIT_DEFAULTS = {key: DEFAULTS[key] for key in ("model", "format", "context", "device")}


def answer_slugs(answers: list[dict[str, Any]]) -> list[str]:
    """One URL-safe word per answer ('Apple M-series' -> 'apple-m-series'), unique within its question."""
    slugs: list[str] = []
    for index, answer in enumerate(answers):
        slug = re.sub(r"[^a-z0-9]+", "-", answer["label"].lower()).strip("-") or str(index)
        while slug in slugs:
            slug = f"{slug}-{index}"
        slugs.append(slug)
    return slugs


def chooser(site: SiteData) -> dict[str, Any]:
    """The decision tree as the chooser walks it: questions with their answers, leaves with their picks."""
    tree = site.tree
    nodes = {n["id"]: n for n in tree["nodes"]}
    categories = {c["id"]: c["label"] for c in tree["categories"]}
    start = nodes[tree["start"]]
    questions, leaves = {}, {}
    for node in tree["nodes"]:
        if node["type"] == "question":
            slugs = answer_slugs(node["answers"])
            questions[node["id"]] = {
                "label": node["label"],
                "help": node.get("help"),
                "answers": [{"label": a["label"], "slug": slug, "next": a["next"]} for a, slug in zip(node["answers"], slugs)],
            }
            if node.get("fit_devices"):
                # The inline fit check: the device kinds it offers and, for each estimator verdict, the answer it picks.
                fits = {verdict: slug for a, slug in zip(node["answers"], slugs) for verdict in a.get("fits", ())}
                questions[node["id"]]["fit"] = {"devices": node["fit_devices"], "answers": fits}
        elif node["type"] == "leaf":
            leaves[node["id"]] = {
                "category": categories[node["category"]],
                "recommend": recommendations(site, node),
            }
    return {"start": start["next"] if start["type"] == "start" else start["id"], "questions": questions, "leaves": leaves}


def chooser_data(tree: dict[str, Any]) -> dict[str, Any]:
    """The JSON the chooser script reads, from `chooser(site)`: every node by id; a leaf carries names only
    (its links are in the page)."""
    leaves = {
        id_: {"category": leaf["category"], "names": [r["name"] for r in leaf["recommend"]], "engines": [r["engine"] for r in leaf["recommend"]]}
        for id_, leaf in tree["leaves"].items()
    }
    return {"start": tree["start"], "nodes": {**tree["questions"], **leaves}, "fit_defaults": FIT_DEFAULTS}


def table_filters() -> list[dict[str, Any]]:
    """The filter controls above the Compare table (templates/table_tools.html.j2), with the labels the rest of the site uses."""
    return [
        {
            "key": "hw",
            "label": "Runs on",
            "any": "Any hardware",
            "hint": "Partial support counts; unknown does not.",
            "options": list(PLATFORM_LABELS.items()),
        },
        {"key": "audience", "label": "Audience", "any": "Any audience", "options": list(AUDIENCE_LABELS.items())},
        {"key": "openness", "label": "Type", "any": "Any type", "options": list(OPENNESS_LABELS.items())},
    ]
