"""How a fresh reading replaces the stored one (pure functions, no server needed)."""

from __future__ import annotations

from refresh.graphql import _figures
from refresh.merge import refreshed

OLD = {"stars": 10, "fetched_at": "2026-11-20T06:00:00Z", "source": "https://api.github.com/graphql"}


def test_same_figures_the_same_day_keep_the_stored_entry():
    again = {**OLD, "fetched_at": "2026-11-20T09:30:00Z"}
    assert refreshed(OLD, again) is OLD


def test_same_figures_a_later_day_record_the_new_reading_time():
    """Otherwise a quiet repository, read every week, would show as stale after 14 days."""
    later = {**OLD, "fetched_at": "2026-11-27T06:00:00Z"}
    assert refreshed(OLD, later)["fetched_at"] == "2026-11-27T06:00:00Z"


def test_a_release_without_a_publication_date_keeps_its_tag():
    node = {
        "stargazerCount": 5,
        "licenseInfo": None,
        "isArchived": False,
        "pushedAt": "2026-11-01T00:00:00Z",
        "nameWithOwner": "a/b",
        "latestRelease": {"tagName": "v1", "publishedAt": None},
    }
    assert _figures(node)["latest_release"] == {"tag": "v1"}
