"""Star trends from a synthetic history: coverage, gaps, one snapshot, duplicate days, renamed repos."""

from __future__ import annotations

from datetime import date, timedelta

from guide import render, trends
from guide.history import Snapshot
from guide.sitedata import SiteData

TODAY = date(2026, 3, 31)


def snap(days_ago: int, stars: int, repo: str = "owner/repo") -> Snapshot:
    return Snapshot(TODAY - timedelta(days=days_ago), repo, stars)


def daily(first_days_ago: int, repo: str = "owner/repo", start: int = 1000, per_day: int = 10) -> list[Snapshot]:
    """One reading a day from `first_days_ago` days ago to today, gaining `per_day` a day."""
    return [snap(ago, start + per_day * (first_days_ago - ago), repo) for ago in range(first_days_ago, -1, -1)]


def changes(history: list[Snapshot], slugs=("owner/repo",), today: date = TODAY) -> dict:
    return trends.repo_trend(trends.index_history(history), list(slugs), today).changes


def engine(engine_id: str, slug: str | None, formerly: list[str] | None = None) -> dict:
    repos = [{"slug": slug, **({"formerly": formerly} if formerly else {})}] if slug else []
    return {"id": engine_id, "name": engine_id.title(), "repos": repos}


def test_a_covered_window_is_the_difference_of_two_real_readings():
    found = changes(daily(100))
    assert found[7].stars == 70 and found[7].start.day == TODAY - timedelta(days=7) and found[7].end.day == TODAY
    assert found[30].stars == 300
    assert found[90].stars == 900
    assert round(found[30].percent, 3) == round(100 * 300 / (1000 + 10 * 70), 3)


def test_a_window_longer_than_the_history_is_none_never_extrapolated():
    found = changes(daily(20))
    assert found[7].stars == 70
    assert found[30] is None and found[90] is None


def test_a_single_snapshot_gives_no_change():
    assert changes([snap(0, 5000)]) == {7: None, 30: None, 90: None}


def test_no_history_gives_no_change():
    assert changes([]) == {7: None, 30: None, 90: None}


def test_a_gap_inside_the_window_does_not_matter():
    history = [s for s in daily(40) if not 5 <= (TODAY - s.day).days <= 25]
    assert changes(history)[30].stars == 300


def test_a_gap_at_the_window_start_is_allowed_only_within_the_slack():
    # 30-day window: its start may fall on a reading up to 6 days earlier, never later.
    within = [snap(36, 100), snap(0, 500)]
    assert changes(within)[30].stars == 400 and changes(within)[30].start.day == TODAY - timedelta(days=36)
    beyond = [snap(37, 100), snap(0, 500)]
    assert changes(beyond)[30] is None
    # A reading just after the window's start does not cover it.
    late = [snap(29, 100), snap(0, 500)]
    assert changes(late)[30] is None


def test_weekly_readings_cover_every_window():
    weekly = [snap(ago, 10_000 + (98 - ago)) for ago in range(98, -1, -7)]
    found = changes(weekly)
    assert found[7].stars == 7 and found[30].stars == 35 and found[90].stars == 91


def test_readings_older_than_the_window_do_not_count_as_the_last_n_days():
    # The newest reading is 40 days old: there is nothing about the last 30 days.
    history = [snap(ago, 1000 + ago) for ago in range(140, 39, -1)]
    found = changes(history)
    assert found[7] is None and found[30] is None
    assert found[90] is not None


def test_readings_after_today_are_ignored():
    history = daily(10) + [Snapshot(TODAY + timedelta(days=1), "owner/repo", 999_999)]
    found = changes(history)
    assert found[7].end.day == TODAY and found[7].stars == 70


def test_a_duplicate_day_keeps_the_later_row():
    history = [snap(7, 100), snap(0, 150), snap(0, 170)]
    assert changes(history)[7].stars == 70
    assert len(trends.series(trends.index_history(history), ["owner/repo"], TODAY)) == 2


def test_a_renamed_repo_joins_its_history_under_the_old_slug():
    old = [s for s in daily(100, repo="old-owner/Repo") if (TODAY - s.day).days >= 50]
    new = [s for s in daily(100, repo="new-owner/repo") if (TODAY - s.day).days <= 50]
    history = old + new
    # Without the mapping only the last 50 days exist.
    assert changes(history, ["new-owner/repo"])[90] is None
    # With it (and GitHub's case-insensitive names), the full window is covered.
    found = changes(history, ["new-owner/repo", "old-owner/repo"])
    assert found[90].stars == 900
    assert found[90].start.repo == "old-owner/Repo" and found[90].end.repo == "new-owner/repo"


def test_on_a_day_read_under_both_slugs_the_current_slug_wins():
    history = [snap(7, 100, "new/repo"), snap(0, 150, "old/repo"), snap(0, 160, "new/repo"), snap(0, 1, "old/repo")]
    assert changes(history, ["new/repo", "old/repo"])[7].stars == 60


def test_engines_follow_their_primary_repo_and_its_former_slugs():
    history = daily(40, repo="was/here") + daily(40, repo="other/repo", per_day=1)
    site = SiteData(
        engines=[engine("moved", "is/here", ["was/here"]), engine("plain", "other/repo"), engine("closed", None)],
        tree={},
        github={},
        history=history,
    )
    found = trends.site_trends(site, TODAY)
    assert found["moved"].changes[30].stars == 300
    assert found["plain"].changes[30].stars == 30
    assert found["closed"] is None


def test_fastest_growing_ranks_by_stars_gained_and_leaves_out_the_rest():
    history = []
    for index in range(7):
        history += daily(31, repo=f"o/r{index}", per_day=index)  # r0 gains nothing
    history += daily(10, repo="o/young", per_day=500)  # huge gain but too little history
    engines = [engine(f"e{index}", f"o/r{index}") for index in range(7)] + [engine("young", "o/young")]
    site = SiteData(engines=engines, tree={}, github={}, history=history)
    ranked = trends.fastest_growing(site, TODAY)
    assert [row["engine"]["id"] for row in ranked] == ["e6", "e5", "e4", "e3", "e2"]
    assert ranked[0]["change"].stars == 180


def test_the_fastest_growing_view_says_so_when_history_is_too_short():
    site = SiteData(engines=[engine("a", "o/a")], tree={}, github={}, history=daily(10, repo="o/a"))
    text = render.fastest_growing(site, today=TODAY)
    assert "Not enough history yet" in text and "2026-03-21 to 2026-03-31" in text
    assert "Not enough history yet" in render.fastest_growing(SiteData([engine("a", "o/a")], {}, {}, []), today=TODAY)
    ready = render.fastest_growing(SiteData([engine("a", "o/a")], {}, {}, daily(31, repo="o/a")), today=TODAY)
    assert "Not enough history" not in ready and "+300" in ready and "2026-03-01" in ready


def test_recent_keeps_the_last_year_of_readings():
    history = daily(500)
    kept = trends.recent(history)
    assert kept[0].day == TODAY - timedelta(days=365) and kept[-1].day == TODAY
    assert trends.recent([]) == []
