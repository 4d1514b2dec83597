"""List the external links in data/ and docs/, and check them when a network is available.

    python scripts/check_links.py            # check every link (HEAD, then GET if HEAD is refused)
    python scripts/check_links.py --list     # only list them

Internal links and anchors are checked by `mkdocs build --strict`; this covers the rest.
Without a network the links are listed and the run ends with status 0: it reports, it does not fail.
With a network, any link that answers 4xx/5xx or not at all makes the status 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"https?://[^\s<>()\"'`\]|]+")
TIMEOUT = 10
USER_AGENT = "llm-inference-guide-link-check"


def collect(paths: list[Path]) -> dict[str, list[str]]:
    """URL -> files that mention it, from YAML and Markdown files under `paths`."""
    found: dict[str, list[str]] = {}
    for base in paths:
        files = [base] if base.is_file() else sorted([*base.rglob("*.md"), *base.rglob("*.yaml")])
        for file in files:
            for url in URL.findall(file.read_text(encoding="utf-8")):
                url = url.rstrip(".,;:")
                where = str(file.relative_to(ROOT) if file.is_relative_to(ROOT) else file)
                found.setdefault(url, [])
                if where not in found[url]:
                    found[url].append(where)
    return found


def status_of(url: str) -> str | None:
    """None when the link works, else a short reason."""
    try:
        answer = requests.head(url, allow_redirects=True, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
        if answer.status_code in (403, 405, 501):  # some servers refuse HEAD but serve GET
            answer = requests.get(url, allow_redirects=True, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, stream=True)
            answer.close()
        return None if answer.status_code < 400 else f"HTTP {answer.status_code}"
    except requests.RequestException as error:
        return type(error).__name__


def network_available(probe: str) -> bool:
    try:
        requests.head(probe, timeout=TIMEOUT)
        return True
    except requests.RequestException:
        return False


def print_list(links: dict[str, list[str]]) -> None:
    for url, files in sorted(links.items()):
        print(f"{url}  ({', '.join(files)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "data", ROOT / "docs"])
    parser.add_argument("--list", action="store_true", help="list the links without checking them")
    parser.add_argument("--probe", default="https://github.com", help="a URL that tells whether a network is there")
    args = parser.parse_args(argv)

    links = collect(args.paths)
    if args.list:
        print_list(links)
        print(f"{len(links)} external links")
        return 0
    if not network_available(args.probe):
        print_list(links)
        print(f"No network ({args.probe} unreachable): {len(links)} external links listed, none checked.")
        return 0
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(links, pool.map(status_of, links)))
    broken = {url: reason for url, reason in results.items() if reason}
    for url, reason in sorted(broken.items()):
        print(f"BROKEN {reason}: {url}  ({', '.join(links[url])})")
    print(f"{len(links)} external links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
