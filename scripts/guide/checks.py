"""Checks that span entries or files, run after each file passed its schema.

- engines: ids unique, repositories named once, one primary repository when there are several;
  `runs_on` names other engines that exist; every group of facts has a `checked` day, none in the
  future; no list value was cut in two by an unquoted comma;
- decision tree: node ids unique, every `next` and every engine it names exists, every node is
  reachable from the start, no cycles, leaves use a known category;
- consistency: every engine recommended on a path supports the hardware (and the serving
  capabilities) that the answers on that path imply, checked against engines.yaml.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from guide.freshness import FACT_GROUPS, checked_on, groups_present
from guide.loading import entry_problem, line_of
from guide.problems import Problem
from guide.sitedata import PLATFORMS, SiteData, support_of, supports

VALUE_LISTS = ("model_formats", "quantization", "features")

def check_site(
    site: SiteData,
    *,
    engines_label: str,
    tree_label: str,
    engines_nodes: yaml.Node | None,
    tree_nodes: yaml.Node | None,
    today: date,
) -> list[Problem]:
    problems = check_engines(site.engines, engines_label, engines_nodes, today)
    problems += check_tree(site, tree_label, tree_nodes)
    return problems


def check_engines(engines: list[dict[str, Any]], label: str, nodes: yaml.Node | None, today: date) -> list[Problem]:
    problems: list[Problem] = []
    first_index: dict[str, int] = {}
    repo_owner: dict[str, str] = {}
    ids = {engine["id"] for engine in engines}
    for index, engine in enumerate(engines):

        def problem(field: str, message: str, *path: Any) -> None:
            problems.append(entry_problem(label, nodes, "engines", index, engine, field, message, *path))

        if engine["id"] in first_index:
            first = first_index[engine["id"]]
            problem("id", f"duplicate id '{engine['id']}', expected each id once (first used by engines[{first}])", "id")
        first_index.setdefault(engine["id"], index)
        repos = engine.get("repos") or []
        if len(repos) > 1 and sum(1 for r in repos if r.get("primary")) != 1:
            problem("repos", f"{len(repos)} repositories, expected exactly one marked 'primary: true'", "repos")
        slugs = [r["slug"].lower() for r in repos]
        for r_index, slug in enumerate(slugs):
            if repo_owner.setdefault(slug, engine["id"]) != engine["id"] or slugs.count(slug) > 1:
                problem(
                    f"repos[{r_index}].slug",
                    f"repository '{repos[r_index]['slug']}' is listed more than once, expected each repository under one engine once",
                    "repos",
                    r_index,
                    "slug",
                )
                break
        for r_index, other in enumerate((engine.get("runs_on") or {}).get("engines", [])):
            if other == engine["id"] or other not in ids:
                why = "itself" if other == engine["id"] else f"'{other}', which is not an id in this file"
                problem(f"runs_on.engines[{r_index}]", f"names {why}, expected the id of another engine", "runs_on", "engines", r_index)
        _check_dates(engine, today, problem)
        _check_values(engine, problem)
    return problems


def _check_dates(engine: dict[str, Any], today: date, problem) -> None:
    """Every group the entry has carries the day it was checked; no day is in the future or for a missing group."""
    present = groups_present(engine)
    for group in present:
        day = checked_on(engine, group)
        if day is None:
            fields = " and ".join(FACT_GROUPS[group])
            problem("checked", f"no date for group '{group}' ({fields}), expected checked.{group}: 'YYYY-MM-DD', the day it was checked", "checked")
        elif day > today:
            problem(f"checked.{group}", f"{day.isoformat()} is after today ({today.isoformat()}), expected the day the facts were checked", "checked", group)
    for group in engine.get("checked") or {}:
        if group not in present:
            fields = " or ".join(FACT_GROUPS[group])
            problem(f"checked.{group}", f"dates group '{group}', but the entry has no {fields}; expected dates only for groups present", "checked", group)


def _check_values(engine: dict[str, Any], problem) -> None:
    """A value with unbalanced brackets was cut at a comma: YAML splits `[a (b, c)]` into 'a (b' and 'c)'."""
    for key in VALUE_LISTS:
        for v_index, value in enumerate((engine.get(key) or {}).get("values", [])):
            if value.count("(") != value.count(")") or value.count("[") != value.count("]"):
                problem(
                    f"{key}.values[{v_index}]",
                    f"'{value}' has unbalanced brackets, expected whole values (quote a value with commas inside: 'a (b, c)')",
                    key,
                    "values",
                    v_index,
                )


def check_tree(site: SiteData, label: str, nodes_yaml: yaml.Node | None) -> list[Problem]:
    tree = site.tree
    nodes: list[dict[str, Any]] = tree["nodes"]
    engine_ids = {e["id"] for e in site.engines}
    categories = {c["id"] for c in tree["categories"]}
    problems: list[Problem] = []

    def problem(index: int, field: str, message: str, *path: Any) -> None:
        problems.append(entry_problem(label, nodes_yaml, "nodes", index, nodes[index], field, message, *path))

    index_of: dict[str, int] = {}
    for index, node in enumerate(nodes):
        if node["id"] in index_of:
            problem(index, "id", f"duplicate node id '{node['id']}', expected each id once", "id")
        index_of.setdefault(node["id"], index)

    if tree["start"] not in index_of:
        problems.append(Problem(label, f"'{tree['start']}' is not a node id", field="start", line=line_of(nodes_yaml, ["start"])))
        return problems
    if nodes[index_of[tree["start"]]]["type"] != "start":
        problems.append(Problem(label, f"'{tree['start']}' is not a node of type start", field="start"))

    for index, node in enumerate(nodes):
        if node["type"] == "start" and node["id"] != tree["start"]:
            problem(index, "type", f"a second start node, expected only '{tree['start']}'", "type")
        for field, target, path in _edges(node):
            if target not in index_of:
                problem(index, field, f"leads to '{target}', which is not a node id", *path)
            elif nodes[index_of[target]]["type"] == "start":
                problem(index, field, f"leads back to the start node '{target}', expected a question or a leaf", *path)
        if node["type"] == "question":
            _check_fit_answers(node, index, problem)
        if node["type"] == "leaf":
            if node["category"] not in categories:
                wanted = ", ".join(sorted(categories))
                problem(index, "category", f"unknown category '{node['category']}', expected one of {wanted}", "category")
            for r_index, rec in enumerate(node["recommend"]):
                if rec["engine"] not in engine_ids:
                    problem(
                        index,
                        f"recommend[{r_index}].engine",
                        f"names engine '{rec['engine']}', which is not an id in engines.yaml",
                        "recommend",
                        r_index,
                        "engine",
                    )
    if problems:
        return problems

    # Walk every path from the start; a node seen again on the same path is a cycle.
    reached: set[str] = set()

    def walk(node_id: str, trail: list[str], hardware: frozenset[str], needs: frozenset[str]) -> None:
        index = index_of[node_id]
        if node_id in trail:
            problem(index, "next", f"cycle {' -> '.join(trail + [node_id])}, expected every path to end at a leaf")
            return
        reached.add(node_id)
        node = nodes[index]
        if node["type"] == "leaf":
            _check_leaf(site, node, index, trail + [node_id], hardware, needs, problem)
            return
        for field, target, path in _edges(node):
            answer = node["answers"][path[1]] if node["type"] == "question" else {}
            narrowed = hardware & frozenset(answer.get("hardware", PLATFORMS))
            walk(target, trail + [node_id], narrowed, needs | frozenset(answer.get("needs", ())))

    walk(tree["start"], [], frozenset(PLATFORMS), frozenset())
    for index, node in enumerate(nodes):
        if node["id"] not in reached:
            problem(index, "id", f"node '{node['id']}' cannot be reached from '{tree['start']}', expected every node on some path")
    return problems


def _edges(node: dict[str, Any]) -> list[tuple[str, str, list[Any]]]:
    """(field, target id, YAML path) for each way out of a node."""
    if node["type"] == "start":
        return [("next", node["next"], ["next"])]
    if node["type"] == "question":
        return [(f"answers[{i}].next", a["next"], ["answers", i, "next"]) for i, a in enumerate(node["answers"])]
    return []


VERDICTS = ("yes", "offload", "no")


def _check_fit_answers(node: dict[str, Any], index: int, problem) -> None:
    """A question with an inline fit check: each of the estimator's verdicts leads to exactly one answer."""
    chosen = [(i, verdict) for i, answer in enumerate(node["answers"]) for verdict in answer.get("fits", ())]
    if not chosen:
        if node.get("fit_devices"):
            problem(index, "fit_devices", "given, but no answer has `fits`, expected both or neither", "fit_devices")
        return
    verdicts = [verdict for _, verdict in chosen]
    for verdict in VERDICTS:
        if verdicts.count(verdict) != 1:
            problem(index, "answers", f"the verdict '{verdict}' leads to {verdicts.count(verdict)} answers, expected exactly one", "answers")
    if not node.get("fit_devices"):
        problem(index, "fit_devices", "missing: a question with `fits` answers needs the kinds of device its check offers", "answers")


def _check_leaf(site, node, index, trail, hardware, needs, problem) -> None:
    path_text = " -> ".join(trail)
    if not hardware:
        problem(index, "id", f"the answers on path {path_text} exclude every kind of hardware")
        return
    for r_index, rec in enumerate(node["recommend"]):
        engine = site.engine(rec["engine"])
        platforms = hardware & frozenset(rec.get("only_on", PLATFORMS))
        field = f"recommend[{r_index}]"
        if not platforms:
            problem(
                index,
                f"{field}.only_on",
                f"'{rec['engine']}' is limited to {', '.join(rec['only_on'])} but path {path_text} implies {', '.join(sorted(hardware))}",
                "recommend",
                r_index,
            )
            continue
        for platform in sorted(platforms):
            value = engine["hardware"][platform]
            if not supports(value):
                problem(
                    index,
                    f"{field}.engine",
                    f"recommends '{rec['engine']}' on path {path_text}, which implies {platform}, but engines.yaml gives "
                    f"hardware.{platform} = {_shown(value)}; expected true or partial (or limit it with only_on)",
                    "recommend",
                    r_index,
                )
        for capability in sorted(needs):
            value = engine.get("serving", {}).get(capability)
            if not supports(value):
                problem(
                    index,
                    f"{field}.engine",
                    f"recommends '{rec['engine']}' on path {path_text}, which needs {capability}, but engines.yaml gives "
                    f"serving.{capability} = {_shown(value)}; expected true or partial",
                    "recommend",
                    r_index,
                )


def _shown(capability: Any) -> str:
    """How a capability that does not count as supported reads in a message: false, or null (unknown)."""
    return "false" if support_of(capability)[0] is False else "null (unknown)"
