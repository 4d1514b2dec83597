"""Benchmark: what the data rendering adds to a full `mkdocs build`, and how it scales.

Prints, from one run (median of several builds each):
  - bare: plain Material building the site's final Markdown, written out beforehand as static files
    (markers already filled, engine and model pages as files), so it pays for the same pages but not for the data;
  - the real site, where the hook loads, checks and renders the data during the build;
  - before the estimator: the site as it was at --baseline (default: the commit before the model catalog
    came), checked out in a temporary git worktree and built the same way;
  - the real site with a synthetic data set: 200 engines, and 100 models and 100 devices.
Targets: real / bare <= 1.25; real / before the estimator <= 1.3; synthetic / before the estimator <= 3.5.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import yaml

from guide import render
from guide.abbreviations import load_glossary
from guide.estimates import model_path
from guide.views import engine_path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def config_variant(folder: Path, *, docs: Path, with_hook: bool, extra_nav: tuple[str, str] = ("", "")) -> Path:
    """mkdocs.yml with absolute paths (so it can live in a temp folder), optionally without the data hook.

    The other hooks (diagrams, accessibility fixes) stay in both variants: they are not data rendering.
    The git dates plugin leaves both: git knows nothing of the prerendered copy in a temp folder.
    """
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("watch:\n  - data\n  - scripts/guide\n  - overrides\n", "")  # serve-only, relative paths
    text = text.replace("  - overrides/hooks/", f"  - {ROOT}/overrides/hooks/")
    # Page dates come from git, which the prerendered copy is not in: leave the plugin out of both sides.
    text = re.sub(r"  - git-revision-date-localized:\n(    .*\n)+", "", text)
    if not with_hook:
        text = text.replace(f"  - {ROOT}/overrides/hooks/guide.py\n", "")
        # The hook also hands Markdown the site's abbreviations; the plain build gets them written in.
        glossary = load_glossary(ROOT / "docs/includes/abbreviations.md", "abbreviations.md")
        text = text.replace("\n  - abbr\n", f"\n  - abbr:\n      glossary: {json.dumps(glossary)}\n")
    text = text.replace("      - engines/index.md\n", "      - engines/index.md\n" + extra_nav[0])
    text = text.replace("      - models/index.md\n", "      - models/index.md\n" + extra_nav[1])
    text += f"\ndocs_dir: {docs}\n"
    path = folder / ("with-hook.yml" if with_hook else "bare.yml")
    path.write_text(text, encoding="utf-8")
    return path


def prerendered_docs(folder: Path) -> tuple[Path, tuple[str, str]]:
    """docs/ with every marker filled and every engine and model page written, by the hook's own code; plus
    the nav lines the hook adds for those pages (the same grouping, so both sides draw the same nav)."""
    spec = importlib.util.spec_from_file_location("guide_hook", ROOT / "overrides/hooks/guide.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(nav=[{hook.ENGINES_SECTION: []}, {hook.MODELS_SECTION: []}], extra={}, docs_dir=str(ROOT / "docs"), mdx_configs={})
    hook.on_config(config)
    site = hook._site
    docs = folder / "docs-bare"
    shutil.copytree(ROOT / "docs", docs)
    for page in docs.rglob("*.md"):
        uri = page.relative_to(docs).as_posix()
        url = uri.removesuffix("index.md") if uri.endswith("index.md") else uri.removesuffix(".md") + "/"
        fake_page = SimpleNamespace(file=SimpleNamespace(src_uri=uri), url=url, meta={})
        page.write_text(hook.on_page_markdown(page.read_text(encoding="utf-8"), page=fake_page, config=None, files=None))
    for engine in site.engines:
        page = render.engine_page(site, engine["id"], **hook._asof)
        (docs / engine_path(engine["id"])).write_text(page, encoding="utf-8")
    for model_id in hook._estimator.catalogs.models:
        (docs / model_path(model_id)).write_text(render.model_page(hook._estimator, model_id), encoding="utf-8")
    navs = []
    for section in (hook.ENGINES_SECTION, hook.MODELS_SECTION):
        entries = next(item[section] for item in config.nav if section in item)
        lines = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True).splitlines()
        navs.append("".join(f"      {line}\n" for line in lines))
    return docs, tuple(navs)


def _clones(entries: list[dict], count: int, rename) -> list[dict]:
    """`count` entries cycling through `entries`, the copies past the originals renamed by `rename`."""
    clones = []
    for index in range(count):
        clone = copy.deepcopy(entries[index % len(entries)])
        if index >= len(entries):
            rename(clone, index)
        clones.append(clone)
    return clones


def _rename(clone: dict, index: int) -> None:
    clone["id"] = f"{clone['id']}-{index}"
    clone["name"] = f"{clone['name']} {index}"
    for repo in clone.get("repos", []):
        repo["slug"] = f"{repo['slug']}-{index}"


def synthetic_data(folder: Path, engines: int, models: int, devices: int) -> Path:
    """The real data with its engines, models and devices cloned to the given counts (new ids, repositories)."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    for name, key, count in (("engines.yaml", "engines", engines), ("models.yaml", "models", models), ("hardware.yaml", "devices", devices)):
        entries = yaml.load((ROOT / "data" / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[key]
        clones = _clones(entries, count, _rename)
        (data / name).write_text(yaml.dump({key: clones}, sort_keys=False, Dumper=yaml.CSafeDumper), encoding="utf-8")
    return data


def baseline_checkout(folder: Path, revision: str) -> Path:
    """The project at `revision`, in a temporary git worktree (removed at the end of the run)."""
    checkout = folder / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(checkout), revision], cwd=ROOT, check=True)
    return checkout


def before_estimator() -> str:
    """The commit before data/models.yaml was added."""
    first = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "data/models.yaml"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return f"{first[-1]}~1" if first else "HEAD"


def build_seconds(config: Path, site: Path, data_dir: Path | None = None, cwd: Path = ROOT) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    start = time.perf_counter()
    result = subprocess.run(
        [str(MKDOCS), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
        cwd=cwd, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(f"build with {config.name} failed:\n{result.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of builds; the median is reported")
    parser.add_argument("--engines", type=int, default=200, help="engines in the synthetic data set")
    parser.add_argument("--models", type=int, default=100, help="models in the synthetic data set")
    parser.add_argument("--devices", type=int, default=100, help="devices in the synthetic data set")
    parser.add_argument("--baseline", default=None, help="git revision of 'before the estimator' (default: the commit before data/models.yaml)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare_docs, nav = prerendered_docs(folder)
        checkout = baseline_checkout(folder, args.baseline or before_estimator())
        try:
            synthetic = synthetic_data(folder, args.engines, args.models, args.devices)
            variants = {
                "bare": (config_variant(folder, docs=bare_docs, with_hook=False, extra_nav=nav), None, ROOT),
                "real": (config_variant(folder, docs=ROOT / "docs", with_hook=True), None, ROOT),
                "before": (checkout / "mkdocs.yml", None, checkout),
                "big": (config_variant(folder, docs=ROOT / "docs", with_hook=True), synthetic, ROOT),
            }
            # One warm-up round (caches, imports), then rounds that take turns, so drift in the machine's
            # load falls on every variant alike.
            times: dict[str, list[float]] = {name: [] for name in variants}
            for round_ in range(args.runs + 1):
                for name, (config, data, cwd) in variants.items():
                    seconds = build_seconds(config, folder / f"site-{name}", data, cwd)
                    if round_:
                        times[name].append(seconds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
    plain, real, before = (statistics.median(times[name]) for name in ("bare", "real", "before"))

    print(f"median of {args.runs} rounds (the builds take turns, after a warm-up round)")
    print(f"{'build':<52} {'seconds':>8} {'(min-max)':>12} {'ratio':>8}")
    rows = (
        ("bare", "bare Material, same pages prerendered", plain, ""),
        ("real", "real site (data rendering)", plain, "target <= 1.25 x bare"),
        ("before", "before the estimator (its own pages and hooks)", before, ""),
        ("real", "real site, against before the estimator", before, "target <= 1.3 x before"),
        ("big", f"synthetic {args.engines} engines, {args.models} models, {args.devices} devices", before, "target <= 3.5 x before"),
    )
    for name, label, baseline, target in rows:
        median = statistics.median(times[name])
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"{label:<52} {median:8.2f} {spread:>12} {median / baseline:8.2f}   {target}".rstrip())


if __name__ == "__main__":
    main()
