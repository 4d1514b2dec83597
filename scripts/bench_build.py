"""Benchmark: what the data rendering adds to a full `mkdocs build`, and how it scales.

Prints, from one run (median of several builds each):
  - bare: plain Material building the site's final Markdown, written out beforehand as static files
    (markers already filled, engine pages as files), so it pays for the same pages but not for the data;
  - the real site, where the hook loads, checks and renders the data during the build;
  - the real site with a synthetic 200-engine data set.
Targets: real / bare <= 1.25; 200 engines / real <= 3.
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
from guide.views import engine_path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def config_variant(folder: Path, *, docs: Path, with_hook: bool, extra_nav: str = "") -> Path:
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
    text = text.replace("      - engines/index.md\n", "      - engines/index.md\n" + extra_nav)
    text += f"\ndocs_dir: {docs}\n"
    path = folder / ("with-hook.yml" if with_hook else "bare.yml")
    path.write_text(text, encoding="utf-8")
    return path


def prerendered_docs(folder: Path) -> tuple[Path, str]:
    """docs/ with every marker filled and every engine page written, by the hook's own code; plus the
    nav lines the hook adds for the engine pages (the same grouping, so both sides draw the same nav)."""
    spec = importlib.util.spec_from_file_location("guide_hook", ROOT / "overrides/hooks/guide.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(nav=[{hook.ENGINES_SECTION: []}], extra={}, docs_dir=str(ROOT / "docs"), mdx_configs={})
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
    groups = yaml.safe_dump(config.nav[0][hook.ENGINES_SECTION], sort_keys=False, allow_unicode=True)
    return docs, "".join(f"      {line}\n" for line in groups.splitlines())


def synthetic_data(folder: Path, count: int) -> Path:
    """The real data with its engines cloned to `count` entries (new ids and repositories)."""
    data = folder / "data"
    data.mkdir()
    (data / "history").mkdir()
    engines = yaml.safe_load((ROOT / "data/engines.yaml").read_text(encoding="utf-8"))["engines"]
    clones = []
    for index in range(count):
        clone = copy.deepcopy(engines[index % len(engines)])
        if index >= len(engines):
            clone["id"] = f"{clone['id']}-{index}"
            clone["name"] = f"{clone['name']} {index}"
            for repo in clone.get("repos", []):
                repo["slug"] = f"{repo['slug']}-{index}"
        clones.append(clone)
    (data / "engines.yaml").write_text(yaml.safe_dump({"engines": clones}, sort_keys=False), encoding="utf-8")
    for name in ("decision-tree.yaml", "github.yaml", "history/stars.csv"):
        (data / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    return data


def build_seconds(config: Path, site: Path, data_dir: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    start = time.perf_counter()
    result = subprocess.run(
        [str(MKDOCS), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(f"build with {config.name} failed:\n{result.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of builds; the median is reported")
    parser.add_argument("--engines", type=int, default=200, help="size of the synthetic data set")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare_docs, engine_nav = prerendered_docs(folder)
        variants = {
            "bare": (config_variant(folder, docs=bare_docs, with_hook=False, extra_nav=engine_nav), None),
            "real": (config_variant(folder, docs=ROOT / "docs", with_hook=True), None),
            "big": (config_variant(folder, docs=ROOT / "docs", with_hook=True), synthetic_data(folder, args.engines)),
        }
        # One warm-up round (caches, imports), then rounds that take turns, so drift in the machine's
        # load falls on every variant alike.
        times: dict[str, list[float]] = {name: [] for name in variants}
        for round_ in range(args.runs + 1):
            for name, (config, data) in variants.items():
                seconds = build_seconds(config, folder / f"site-{name}", data)
                if round_:
                    times[name].append(seconds)
        plain, real = (statistics.median(times[name]) for name in ("bare", "real"))

    print(f"median of {args.runs} rounds (bare, real, {args.engines} engines in turn, after a warm-up round)")
    print(f"{'build':<40} {'seconds':>8} {'(min-max)':>12} {'ratio':>8}")
    rows = (
        ("bare", "bare Material, same pages prerendered", plain, ""),
        ("real", "real site (data rendering)", plain, "target <= 1.25 x bare"),
        ("big", f"synthetic {args.engines} engines", real, "target <= 3 x real"),
    )
    for name, label, baseline, target in rows:
        median = statistics.median(times[name])
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"{label:<40} {median:8.2f} {spread:>12} {median / baseline:8.2f}   {target}".rstrip())


if __name__ == "__main__":
    main()
