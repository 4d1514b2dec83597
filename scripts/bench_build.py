"""Benchmark: what the data rendering adds to a full `mkdocs build`, and how it scales.

Prints, from one run (median of several builds each):
  - the real site;
  - a bare Material build of the same pages without the data hook (markers left empty);
  - the real site with a synthetic 200-engine data set.
Targets: real / bare <= 1.25; 200 engines / real <= 3.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def config_variant(folder: Path, *, with_hook: bool) -> Path:
    """mkdocs.yml with absolute paths (so it can live in a temp folder), optionally without the hook."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - overrides/hooks/guide.py", f"  - {ROOT / 'overrides/hooks/guide.py'}")
    if not with_hook:
        text = text.replace(f"hooks:\n  - {ROOT / 'overrides/hooks/guide.py'}\n", "")
    text = text.replace("watch:\n  - data\n  - scripts/guide\n  - overrides\n", "")  # serve-only, relative paths
    text += f"\ndocs_dir: {ROOT / 'docs'}\n"
    path = folder / ("with-hook.yml" if with_hook else "bare.yml")
    path.write_text(text, encoding="utf-8")
    return path


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


def time_build(config: Path, site: Path, runs: int, data_dir: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(MKDOCS), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant; the median is reported")
    parser.add_argument("--engines", type=int, default=200, help="size of the synthetic data set")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hooked, bare = config_variant(folder, with_hook=True), config_variant(folder, with_hook=False)
        big_data = synthetic_data(folder, args.engines)
        real = time_build(hooked, folder / "site-real", args.runs)
        plain = time_build(bare, folder / "site-bare", args.runs)
        big = time_build(hooked, folder / "site-big", args.runs, big_data)

    print(f"median of {args.runs} builds each")
    print(f"{'build':<40} {'seconds':>8} {'ratio':>8}")
    print(f"{'bare Material, same pages, no data hook':<40} {plain:8.2f} {1:8.2f}")
    print(f"{'real site (data rendering)':<40} {real:8.2f} {real / plain:8.2f}   target <= 1.25 x bare")
    print(f"{f'synthetic {args.engines} engines':<40} {big:8.2f} {big / real:8.2f}   target <= 3 x real")


if __name__ == "__main__":
    main()
