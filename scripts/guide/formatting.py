"""How figures read on the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.history import Snapshot


def compact_number(value: int) -> str:
    """63100 -> '63.1k', 571 -> '571', 1234567 -> '1.2M' (one decimal, no trailing .0)."""
    # 999,950 would round to "1000.0k": from there on it reads as millions.
    for size, threshold, suffix in ((1_000_000, 999_950, "M"), (1_000, 1_000, "k")):
        if value >= threshold:
            text = f"{value / size:.1f}".removesuffix(".0")
            return f"{text}{suffix}"
    return str(value)


def signed(value: int) -> str:
    """+1,234 / −56 / 0, with a real minus sign."""
    if value > 0:
        return f"+{value:,}"
    if value < 0:
        return f"\u2212{-value:,}"
    return "0"


def thousands(value: int) -> str:
    """63100 -> '63,100'."""
    return f"{value:,}"


def reading(snapshot: Snapshot) -> str:
    """One star reading: '63,100 on 2026-11-27'."""
    return f"{thousands(snapshot.stars)} on {snapshot.day}"


def day(timestamp: str) -> str:
    """The date part of a stored timestamp ('2026-11-27T05:00:00Z' -> '2026-11-27')."""
    return timestamp[:10]


def signed_percent(value: float | None) -> str:
    """+1.2% / −0.4% / 0.0%, with a real minus sign; '' when there is no base to compare with."""
    if value is None:
        return ""
    text = f"{abs(value):.1f}%"
    if text == "0.0%":
        return text
    return ("+" if value > 0 else "\u2212") + text
