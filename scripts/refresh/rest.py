"""Without a token: REST `GET /repos/{owner}/{repo}`, one repository at a time.

REST has no release in that answer, so an entry refreshed this way keeps the
latest release recorded before (see `merge`).
"""

from __future__ import annotations

from functools import partial

from refresh.client import Answer
from refresh.outcome import NOT_FOUND, Failed, Fetched, Job, checked_entry, renamed_fields

# Our field name -> REST's.
NAMES = {
    "stars": "stargazers_count",
    "license": "license",
    "archived": "archived",
    "pushed_at": "pushed_at",
    "name_with_owner": "full_name",
}


def rest_jobs(api_url: str, slugs: list[str], fetched_at: str) -> list[Job]:
    jobs = []
    for slug in slugs:
        url = f"{api_url}/repos/{slug}"
        jobs.append(Job([slug], "GET", url, partial(read_repo, slug=slug, source=url, fetched_at=fetched_at)))
    return jobs


def read_repo(answer: Answer, slug: str, source: str, fetched_at: str) -> list[Fetched | Failed]:
    # A renamed or transferred repository answers 301; requests has already followed it here.
    if answer.status == 404:
        return [Failed(slug, NOT_FOUND)]
    if answer.status != 200:
        return [Failed(slug, answer.message())]
    body = answer.json()
    return [checked_entry(slug, partial(renamed_fields, body, NAMES, "spdx_id"), source, fetched_at)]
