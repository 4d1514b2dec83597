"""The site-wide abbreviations (docs/includes/abbreviations.md), as a glossary for Markdown's abbr extension.

The file keeps the Markdown form (`*[TTFT]: Time to first token`), one per line, so it reads as it renders.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide.loading import read_text
from guide.problems import DataError, Problem

DEFINITION = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<title>.+?)\s*$")


def load_glossary(path: Path, label: str) -> dict[str, str]:
    glossary, problems = {}, []
    for number, line in enumerate(read_text(path, label).splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            problems.append(Problem(label, f"got {line!r}, expected '*[ABBR]: what it stands for'", line=number))
        else:
            glossary[match["abbr"]] = match["title"]
    if problems:
        raise DataError(problems)
    return glossary
