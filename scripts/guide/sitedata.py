"""Everything the site is built from, loaded and checked in one call.

`load_site_data()` reads the curated files (engines, decision tree), the
machine-written GitHub figures and the star history, validates each against
its schema and then across files, and raises `DataError` listing every
problem. Rendering code only ever sees data that passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from guide.cache import cached_json, key_of
from guide.history import load_history
from guide.loading import SCHEMA_DIR, load_checked
from guide.problems import DataError, Problem

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PLATFORMS = ("nvidia", "amd", "intel", "apple", "cpu")

# File names relative to the data directory; also the labels used in messages.
ENGINES_FILE = "engines.yaml"
TREE_FILE = "decision-tree.yaml"
GITHUB_FILE = "github.yaml"
HISTORY_FILE = "history/stars.csv"
# The YAML files checked against a schema: (file, schema name).
CHECKED_FILES = ((ENGINES_FILE, "engines"), (TREE_FILE, "decision-tree"), (GITHUB_FILE, "github"))


@dataclass
class SiteData:
    engines: list[dict[str, Any]]
    tree: dict[str, Any]
    github: dict[str, dict[str, Any]]
    history: list[Any] = field(default_factory=list)
    # Values worked out from the data once per build (e.g. trends), kept with the data they came from.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def engine(self, engine_id: str) -> dict[str, Any]:
        return self._by_id[engine_id]

    def __post_init__(self) -> None:
        self._by_id = {e["id"]: e for e in self.engines}


def support_of(capability: Any) -> tuple[bool | str | None, str | None]:
    """(support, note) for a capability written either bare or as {support, note}."""
    if isinstance(capability, dict):
        return capability.get("support"), capability.get("note")
    return capability, None


def supports(capability: Any) -> bool:
    """Whether a capability counts as present: supported, or partially (the note says how). Unknown does not."""
    return support_of(capability)[0] in (True, "partial")


def primary_repo(engine: dict[str, Any]) -> str | None:
    """The repository whose figures stand for the engine: the one marked primary, or the only one."""
    repos = engine.get("repos") or []
    marked = [r["slug"] for r in repos if r.get("primary")]
    if marked:
        return marked[0]
    return repos[0]["slug"] if len(repos) == 1 else None


def repo_slugs(engines: list[dict[str, Any]]) -> list[str]:
    """Every GitHub repository the engines name, each once, in data order."""
    seen: dict[str, None] = {}
    for engine in engines:
        for repo in engine.get("repos") or []:
            seen.setdefault(repo["slug"], None)
    return list(seen)


def label(data_dir: Path, name: str) -> str:
    """How a data file is named in messages: relative to the repository when it lives there."""
    path = data_dir / name
    try:
        return str(path.relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def build_day() -> date:
    """'Today' for checks, trends and staleness when a caller gives none: the build's UTC date."""
    return datetime.now(timezone.utc).date()


def load_site_data(data_dir: Path = DATA_DIR, *, today: date | None = None) -> SiteData:
    """Everything in `data_dir`, checked; `today` (default: build_day()) is when check dates may not come after.

    The checked YAML files are kept in .cache/site/ by a hash of the files, their schemas, the checking code
    and `today` (guide/cache.py): a build whose data did not change reads one JSON file instead of checking
    it again. A file with problems is never cached, so its problems are reported on every run."""
    today = today or build_day()
    files = [data_dir / name for name, _ in CHECKED_FILES] + [SCHEMA_DIR / f"{schema}.schema.json" for _, schema in CHECKED_FILES]
    code = [Path(__file__).with_name(name) for name in ("sitedata.py", "loading.py", "checks.py")]
    problems: list[Problem] = []
    checked = None
    try:
        checked = cached_json("site", key_of([*files, *code], today.isoformat()), lambda: _checked_files(data_dir, today))
    except DataError as exc:
        problems.extend(exc.problems)
    try:
        history = load_history(data_dir / HISTORY_FILE, label(data_dir, HISTORY_FILE))
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return SiteData(**checked, history=history)


def _checked_files(data_dir: Path, today: date) -> dict[str, Any]:
    """engines.yaml, decision-tree.yaml and github.yaml, each checked against its schema, then across files."""
    # Imported here: guide.checks imports this module.
    from guide.checks import check_site

    problems: list[Problem] = []
    loaded: dict[str, Any] = {}
    for name, schema_name in CHECKED_FILES:
        try:
            loaded[name] = load_checked(data_dir / name, schema_name, label(data_dir, name))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)

    (engines, engines_nodes) = loaded[ENGINES_FILE]
    (tree, tree_nodes) = loaded[TREE_FILE]
    site = SiteData(engines=engines["engines"], tree=tree, github=loaded[GITHUB_FILE][0]["repos"])
    problems = check_site(
        site,
        engines_label=label(data_dir, ENGINES_FILE),
        tree_label=label(data_dir, TREE_FILE),
        engines_nodes=engines_nodes,
        tree_nodes=tree_nodes,
        today=today,
    )
    if problems:
        raise DataError(problems)
    return {"engines": site.engines, "tree": site.tree, "github": site.github}
