"""The inline SVG sparkline: well-formed, inside its viewBox, named for assistive technology, escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from guide.history import Snapshot
from guide.sparkline import PAD, sparkline, thin

SVG = "{http://www.w3.org/2000/svg}"
START = date(2026, 1, 1)


def readings(*stars: int, every: int = 1) -> list[Snapshot]:
    return [Snapshot(START + timedelta(days=i * every), "o/r", s) for i, s in enumerate(stars)]


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def coords(svg: ET.Element) -> list[tuple[float, float]]:
    text = svg.find(f"{SVG}polyline").get("points")
    return [tuple(map(float, pair.split(","))) for pair in text.split()]


def test_well_formed_svg_with_an_accessible_name_and_dates():
    svg = parse(sparkline(readings(12000, 12500, 13500, every=45), "vLLM"))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "vLLM stars from 12,000 on 2026-01-01 to 13,500 on 2026-04-01 (3 readings)"
    assert svg.find(f"{SVG}polyline").get("stroke") == "currentColor"
    assert svg.find(f"{SVG}circle").get("fill") == "currentColor"


def test_points_lie_inside_the_viewbox_with_more_stars_higher():
    svg = parse(sparkline(readings(50, 10, 30, 90, 70), width=100, height=30))
    _, _, width, height = map(float, svg.get("viewBox").split())
    points = coords(svg)
    assert len(points) == 5
    for x, y in points:
        assert PAD <= x <= width - PAD and PAD <= y <= height - PAD
    assert points[0][0] == PAD and points[-1][0] == width - PAD
    ys = [y for _, y in points]
    assert ys.index(min(ys)) == 3 and ys.index(max(ys)) == 1  # 90 stars on top, 10 at the bottom
    assert (float(svg.find(f"{SVG}circle").get("cx")), float(svg.find(f"{SVG}circle").get("cy"))) == points[-1]


def test_days_are_spaced_by_date_so_gaps_show():
    history = [Snapshot(START, "o/r", 1), Snapshot(START + timedelta(days=1), "o/r", 2), Snapshot(START + timedelta(days=10), "o/r", 3)]
    (x0, _), (x1, _), (x2, _) = coords(parse(sparkline(history, width=104)))
    assert x1 - x0 == 10 and x2 - x1 == 90


def test_a_flat_history_is_a_line_through_the_middle():
    points = coords(parse(sparkline(readings(500, 500, 500), height=20)))
    assert {y for _, y in points} == {10}


def test_fewer_than_two_readings_draw_nothing():
    assert sparkline(readings(100)) == ""
    assert sparkline([]) == ""


def test_text_from_data_is_escaped_for_html_and_markdown():
    markup = str(sparkline(readings(1, 2), 'A<b>"x"</b> | *y*'))
    assert "<b>" not in markup and "|" not in markup and "*" not in markup
    assert "\n" not in markup  # it may sit in a Markdown table cell
    assert parse(markup).get("aria-label").startswith('A<b>"x"</b> | *y* stars from 1 on')


def test_a_long_history_is_thinned_to_one_point_per_unit_keeping_both_ends():
    long = readings(*range(1000))
    kept = thin(long, 80)
    assert len(kept) == 80 and kept[0] == long[0] and kept[-1] == long[-1]
    svg = parse(sparkline(long, width=80))
    assert len(coords(svg)) == 80
    assert "(1,000 readings)" in svg.get("aria-label")
    assert re.fullmatch(r"[0-9., ]+", svg.find(f"{SVG}polyline").get("points"))
