"""With a token: up to 100 repositories a GraphQL query, through aliased `repository` fields."""

from __future__ import annotations

from functools import partial
from typing import Any

from refresh.client import Answer, Malformed, RateLimited
from refresh.outcome import NOT_FOUND, Failed, Fetched, Job, checked_entry, renamed_fields

BATCH_SIZE = 100
# Our field name -> GraphQL's, for the fields REST reports too.
NAMES = {
    "stars": "stargazerCount",
    "license": "licenseInfo",
    "archived": "isArchived",
    "pushed_at": "pushedAt",
    "name_with_owner": "nameWithOwner",
}

# stargazerCount, not stargazers { totalCount }: since July 2026 the latter answers only a repo's admins.
FIELDS = """
  nameWithOwner
  stargazerCount
  isArchived
  pushedAt
  licenseInfo { spdxId name key }
  latestRelease { tagName publishedAt }
"""


def batch_query(slugs: list[str]) -> tuple[str, dict[str, str]]:
    """A query with one alias `r<i>` a repository, owner and name passed as variables."""
    params, fields, variables = [], [], {}
    for i, slug in enumerate(slugs):
        owner, name = slug.split("/", 1)
        params.append(f"$o{i}: String!, $n{i}: String!")
        fields.append(f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...figures }}")
        variables |= {f"o{i}": owner, f"n{i}": name}
    query = (
        f"query Refresh({', '.join(params)}) {{\n" + "\n".join(fields) + "\n}\n"
        f"fragment figures on Repository {{{FIELDS}}}\n"
    )
    return query, variables


def graphql_jobs(url: str, slugs: list[str], fetched_at: str) -> list[Job]:
    jobs = []
    for start in range(0, len(slugs), BATCH_SIZE):
        batch = slugs[start : start + BATCH_SIZE]
        query, variables = batch_query(batch)
        read = partial(read_batch, slugs=batch, source=url, fetched_at=fetched_at)
        jobs.append(Job(batch, "POST", url, read, {"query": query, "variables": variables}))
    return jobs


def read_batch(answer: Answer, slugs: list[str], source: str, fetched_at: str) -> list[Fetched | Failed]:
    if answer.status != 200:
        reason = answer.message()
        return [Failed(slug, reason) for slug in slugs]
    body = answer.json()
    if not isinstance(body, dict):
        raise Malformed("GraphQL answer is not a JSON object")
    errors = body.get("errors") or []
    if not isinstance(errors, list) or not all(isinstance(e, dict) for e in errors):
        raise Malformed("GraphQL `errors` is not a list of objects")
    for error in errors:
        message = str(error.get("message", ""))
        if error.get("type") == "RATE_LIMITED" or "rate limit" in message.lower():
            raise RateLimited(f"GraphQL: {message or 'rate limited'}")
    data = body.get("data")
    if data is None:
        if not errors:
            raise Malformed("GraphQL answer has neither data nor errors")
        # GitHub rejected the whole query (syntax, schema): every repository in it failed the same way.
        reason = "GraphQL: " + "; ".join(str(e.get("message")) for e in errors)
        return [Failed(slug, reason) for slug in slugs]
    if not isinstance(data, dict):
        raise Malformed("GraphQL `data` is not an object")
    error_of = {e["path"][0]: e for e in errors if isinstance(e.get("path"), list) and e["path"]}
    results: list[Fetched | Failed] = []
    for i, slug in enumerate(slugs):
        alias = f"r{i}"
        if alias not in data:
            raise Malformed(f"GraphQL answer lacks {alias} ({slug})")
        node = data[alias]
        if node is None:
            results.append(Failed(slug, _failure_reason(error_of.get(alias))))
        else:
            results.append(checked_entry(slug, partial(_figures, node), source, fetched_at))
    return results


def _failure_reason(error: dict[str, Any] | None) -> str:
    if error is None:
        return "GraphQL returned no data and no error for it"
    if error.get("type") == "NOT_FOUND":
        return NOT_FOUND
    return f"GraphQL {error.get('type', 'error')}: {error.get('message')}"


def _figures(node: dict[str, Any]) -> dict[str, Any]:
    release = node["latestRelease"]
    # GitHub may return a release without a publication date: record the tag alone then.
    latest = None if release is None else {"tag": release["tagName"], **({"published_at": release["publishedAt"]} if release.get("publishedAt") else {})}
    return renamed_fields(node, NAMES, "spdxId") | {"latest_release": latest}
