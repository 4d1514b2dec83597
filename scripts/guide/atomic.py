"""Write a file so that readers see either the old content or the new, never half of it."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename.

    A file that already holds exactly `text` is left untouched. A replaced file keeps its permissions;
    a new one gets those of any new file (0666 less the umask).
    """
    mode = None
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            return
        mode = stat.S_IMODE(path.stat().st_mode)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    # Not tempfile.mkstemp: its 0600 would survive the rename. os.open lets the kernel apply the umask.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
