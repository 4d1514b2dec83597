"""What one refresh learnt about each repository, whichever API it asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema

from guide.loading import schema
from refresh.client import Answer, GitHubClient, Malformed, RunStopped

NOT_FOUND = "not found: deleted, made private, or misspelt in data/engines.yaml"


@dataclass(frozen=True)
class Fetched:
    slug: str  # as data/engines.yaml names it
    entry: dict[str, Any]  # the data/github.yaml entry, checked against its schema

    @property
    def renamed_to(self) -> str | None:
        """The repository's new owner/name when GitHub answered under another one (case aside)."""
        current = self.entry["name_with_owner"]
        return current if current.lower() != self.slug.lower() else None


@dataclass(frozen=True)
class Failed:
    slug: str
    reason: str


@dataclass(frozen=True)
class Job:
    """One request that answers for `slugs`; `read` turns its answer into one result a slug."""

    slugs: list[str]
    method: str
    url: str
    read: Callable[[Answer], list[Fetched | Failed]]
    payload: Any = None


@dataclass
class Outcome:
    fetched: dict[str, Fetched] = field(default_factory=dict)
    failed: dict[str, Failed] = field(default_factory=dict)
    stopped: str | None = None  # why the run ended before every repository was asked
    requests: int = 0


def collect(client: GitHubClient, jobs: list[Job]) -> Outcome:
    """Run the jobs one after the other (GitHub asks for serial requests) until done or stopped."""
    outcome = Outcome()
    for index, job in enumerate(jobs):
        try:
            results = client.send(job.method, job.url, job.read, job.payload)
        except RunStopped as exc:
            outcome.stopped = str(exc)
            for later in jobs[index:]:
                for slug in later.slugs:
                    outcome.failed[slug] = Failed(slug, f"not refreshed: the run stopped ({exc})")
            break
        for result in results:
            (outcome.fetched if isinstance(result, Fetched) else outcome.failed)[result.slug] = result
    outcome.requests = client.requests_made
    return outcome


@cache
def _entry_validator() -> jsonschema.Draft202012Validator:
    github = schema("github")
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/repo", "$defs": github["$defs"]})


def checked_entry(slug: str, build: Callable[[], dict[str, Any]]) -> Fetched:
    """Build an entry from an answer and check it, so a wrong shape is retried and never written."""
    try:
        entry = {key: value for key, value in build().items() if value is not None or key in NULLABLE}
    except (KeyError, TypeError, AttributeError) as exc:
        raise Malformed(f"answer for {slug} is not shaped as expected ({type(exc).__name__}: {exc})") from None
    error = jsonschema.exceptions.best_match(_entry_validator().iter_errors(entry))
    if error is not None:
        where = ".".join(map(str, error.absolute_path)) or "entry"
        raise Malformed(f"answer for {slug} is not shaped as expected ({where}: {error.message})")
    return Fetched(slug, entry)


# null carries meaning for these (no license file, no release); for others it means GitHub left it out.
NULLABLE = frozenset({"license", "latest_release"})


def license_entry(info: dict[str, Any] | None, spdx_field: str) -> dict[str, str] | None:
    """GitHub's detected license as stored: null for no license file, NOASSERTION for one it cannot classify."""
    if info is None:
        return None
    # GraphQL may leave spdxId empty where REST says NOASSERTION for the same license.
    return {"spdx_id": info[spdx_field] or "NOASSERTION", "name": info["name"], "key": info["key"]}
