"""The chooser's and the comparison table's own JS and CSS stay within 15 KB gzipped (issue 5)."""

from __future__ import annotations

from bench_assets import ASSETS, BUDGET, ROOT, measure


def test_every_measured_asset_exists_and_is_served_from_docs():
    for path in ASSETS:
        file = ROOT / path
        assert file.is_file() and file.stat().st_size > 0, f"{path} is missing or empty"
        assert path.startswith("docs/assets/"), f"{path} is not part of the built site"


def test_chooser_and_table_assets_fit_the_budget():
    sizes = measure()
    total = sum(sizes.values())
    assert total <= BUDGET, f"{total:,} B gzipped is over the {BUDGET:,} B budget: {sizes}"


def test_the_calculators_scripts_and_data_fit_their_budgets(built_site):
    """Issue 11: its own JavaScript within 12 KB gzipped, its data within 40 KB (scripts/bench_calculator.py prints them)."""
    from bench_calculator import BUDGETS, sizes

    measured = sizes(built_site)
    assert all(measured[name] <= budget for name, budget in BUDGETS.items()), measured
