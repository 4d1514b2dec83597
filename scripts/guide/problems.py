"""One clear line per problem found in the data files.

Every check in the project reports through `Problem`, so a maintainer always
reads the same shape: file, entry, field, what is wrong, what was expected.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    entry: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class DataError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def nearest(word: str, choices: list[str]) -> str:
    """' (did you mean a, b?)' for a mistyped id, or '' when nothing is close."""
    close = difflib.get_close_matches(word.lower(), choices, n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""
