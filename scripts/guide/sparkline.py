"""A small star-history line drawn at build time as inline SVG: no JavaScript, no image files.

The line is drawn in `currentColor`, so it takes the text colour of either palette. It is one
`role="img"` element whose accessible name (aria-label) says what the line shows in words, with the
dates. No <title> child: its text would pass through Markdown, whose abbreviations would put HTML
inside the SVG. Days are spaced by date, so a gap in the history shows as a longer straight segment;
a long history keeps at most as many readings as the line is units wide, evenly spread, since more
cannot be seen.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from guide.escape import markdown_text
from guide.history import Snapshot

PAD = 2.0  # keeps the stroke and the end dot inside the viewBox


def describe(readings: Sequence[Snapshot], subject: str = "") -> str:
    first, last = readings[0], readings[-1]
    who = f"{subject} stars" if subject else "Stars"
    return (
        f"{who} from {first.stars:,} on {first.day.isoformat()} to {last.stars:,} on {last.day.isoformat()}"
        f" ({len(readings):,} readings)"
    )


def points(readings: Sequence[Snapshot], width: float, height: float) -> list[tuple[float, float]]:
    """Each reading's (x, y) inside [PAD, width - PAD] x [PAD, height - PAD]; more stars is higher."""
    first_day = readings[0].day
    span_days = (readings[-1].day - first_day).days or 1
    low = min(s.stars for s in readings)
    high = max(s.stars for s in readings)
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD
    result = []
    for s in readings:
        x = PAD + inner_w * (s.day - first_day).days / span_days
        # A flat history is a flat line through the middle, not along an edge.
        y = PAD + inner_h * ((high - s.stars) / (high - low) if high > low else 0.5)
        result.append((round(x, 1), round(y, 1)))
    return result


def thin(readings: Sequence[Snapshot], most: int) -> list[Snapshot]:
    """At most `most` readings, evenly spread, always keeping the first and the last."""
    if len(readings) <= most:
        return list(readings)
    step = (len(readings) - 1) / (most - 1)
    return [readings[round(i * step)] for i in range(most)]


def sparkline(readings: Sequence[Snapshot], subject: str = "", width: int = 80, height: int = 20) -> Markup:
    """The SVG on one line (it may sit in a table cell), or "" when fewer than two readings exist."""
    if len(readings) < 2:
        return Markup("")
    # Escaped for HTML and for Markdown: the SVG passes through a Markdown page as inline HTML.
    label = markdown_text(describe(readings, subject))
    coords = points(thin(readings, width), width, height)
    polyline = " ".join(f"{x:g},{y:g}" for x, y in coords)
    end_x, end_y = coords[-1]
    return Markup(
        f'<svg class="guide-spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        f'<polyline points="{polyline}" fill="none" stroke="currentColor" stroke-width="1.5" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{end_x:g}" cy="{end_y:g}" r="1.8" fill="currentColor"/></svg>'
    )
