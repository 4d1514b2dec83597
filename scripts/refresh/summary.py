"""The change summary in Markdown: what a maintainer reviewing the refresh pull request needs to see."""

from __future__ import annotations

from typing import Any

from refresh.merge import Entry
from refresh.outcome import Outcome


def summarize(
    previous: dict[str, Entry], merged: dict[str, Entry], outcome: Outcome, slugs: list[str], how: str, day: str
) -> str:
    requests = f"{outcome.requests} request" + ("" if outcome.requests == 1 else "s")
    head = [f"## GitHub figures, {day}", "", f"Read {len(outcome.fetched)} of {len(slugs)} repositories {how} in {requests}."]
    if outcome.stopped:
        head += ["", f"**Stopped early:** {outcome.stopped}"]

    licenses = [
        f"| `{slug}` | {_license(previous[slug]['license'])} | {_license(entry['license'])} |"
        for slug, entry in sorted(merged.items())
        if slug in outcome.fetched and "license" in previous.get(slug, {})
        and previous[slug]["license"] != entry.get("license")
    ]
    sections = _section(
        "⚠️ License changed: check the curated license in data/engines.yaml",
        licenses,
        "| repository | before | after |\n|---|---|---|",
    )

    archived = [
        f"- `{slug}` is now archived"
        for slug, entry in sorted(merged.items())
        if entry.get("archived") and not previous.get(slug, {}).get("archived")
    ]
    sections += _section("Newly archived", archived)

    renamed = [
        f"- `{slug}` now answers as `{fetched.renamed_to}`: update the slug in data/engines.yaml"
        for slug, fetched in sorted(outcome.fetched.items())
        if fetched.renamed_to
    ]
    sections += _section("Renamed or transferred", renamed)

    failed = [
        f"- `{slug}`: {failure.reason}" + ("" if slug in previous else " (no figures recorded yet)")
        for slug, failure in sorted(outcome.failed.items())
    ]
    sections += _section("Failed: previous figures kept", failed)
    if outcome.not_reached:
        reached = ", ".join(f"`{slug}`" for slug in sorted(outcome.not_reached))
        sections += _section("Not reached before the run stopped: previous figures kept", [reached])

    removed = [f"- `{slug}` is no longer in data/engines.yaml" for slug in sorted(previous) if slug not in merged]
    sections += _section("Removed", removed)

    stars = [
        f"| `{slug}` | {_stars(previous.get(slug))} | {_stars(entry)} | {_delta(previous.get(slug), entry)} |"
        for slug, entry in sorted(merged.items())
        if slug in outcome.fetched and _stars(previous.get(slug)) != _stars(entry)
    ]
    sections += _section("Stars", stars, "| repository | before | after | change |\n|---|--:|--:|--:|")
    return "\n".join(head + (sections or ["", "No star, license, archive or name changes."])) + "\n"


def _section(title: str, rows: list[str], table_head: str | None = None) -> list[str]:
    if not rows:
        return []
    return ["", f"### {title}", ""] + ([table_head] if table_head else []) + rows


def _license(value: Any) -> str:
    return "no license file" if value is None else f"{value['spdx_id']} ({value['name']})"


def _stars(entry: Entry | None) -> str:
    if entry is None:
        return "–"
    return ("≈" if entry.get("approximate") else "") + f"{entry['stars']:,}"


def _delta(old: Entry | None, new: Entry) -> str:
    return "new" if old is None else f"{new['stars'] - old['stars']:+,}"
