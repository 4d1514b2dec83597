"""What one refresh learnt about each repository, whichever API it asked."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from guide.loading import validator
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
    not_reached: list[str] = field(default_factory=list)  # the repositories it did not get to
    requests: int = 0
    seconds: float = 0.0  # spent asking GitHub, waits included

    @property
    def complete(self) -> bool:
        return not self.failed and not self.not_reached

    def why_not_fetched(self, slug: str) -> str:
        if slug in self.failed:
            return self.failed[slug].reason
        return f"not refreshed: the run stopped before it ({self.stopped})"


def collect(client: GitHubClient, jobs: list[Job]) -> Outcome:
    """Run the jobs one after the other (GitHub asks for serial requests) until done or stopped."""
    outcome = Outcome()
    started = time.perf_counter()
    for index, job in enumerate(jobs):
        try:
            results = client.send(job.method, job.url, job.read, job.payload)
        except RunStopped as exc:
            outcome.stopped = str(exc)
            outcome.not_reached = [slug for later in jobs[index:] for slug in later.slugs]
            break
        for result in results:
            (outcome.fetched if isinstance(result, Fetched) else outcome.failed)[result.slug] = result
    outcome.requests = client.requests_made
    outcome.seconds = time.perf_counter() - started
    return outcome


def checked_entry(slug: str, build: Callable[[], dict[str, Any]], source: str, fetched_at: str) -> Fetched:
    """Build an entry from an answer and check it, so a wrong shape is retried and never written."""
    try:
        figures = {key: value for key, value in build().items() if value is not None or key in NULLABLE}
    except (KeyError, TypeError, AttributeError) as exc:
        raise Malformed(f"answer for {slug} is not shaped as expected ({type(exc).__name__}: {exc})") from None
    entry = figures | {"source": source, "fetched_at": fetched_at}
    error = jsonschema.exceptions.best_match(validator("github", "repo").iter_errors(entry))
    if error is not None:
        where = ".".join(map(str, error.absolute_path)) or "entry"
        raise Malformed(f"answer for {slug} is not shaped as expected ({where}: {error.message})")
    return Fetched(slug, entry)


# null carries meaning for these (no license file, no release); for others it means GitHub left it out.
NULLABLE = frozenset({"license", "latest_release"})


def renamed_fields(answer: dict[str, Any], names: dict[str, str], spdx_field: str) -> dict[str, Any]:
    """The fields both APIs report, under our names (`names` maps ours to GitHub's)."""
    figures = {ours: answer[theirs] for ours, theirs in names.items()}
    license = figures["license"]
    # GitHub's detected license: null for no license file, NOASSERTION for one it cannot classify.
    # GraphQL may leave spdxId empty where REST says NOASSERTION for the same license.
    figures["license"] = None if license is None else {
        "spdx_id": license[spdx_field] or "NOASSERTION",
        "name": license["name"],
        "key": license["key"],
    }
    return figures
