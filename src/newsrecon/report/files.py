"""Writing an output file so that neither a planted link nor a full disk can do harm."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

OUTPUT_MODE = 0o644


@contextlib.contextmanager
def replacing(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file that becomes `path` when the block ends without an error.

    It is written beside `path` under a fresh name (created exclusively, so never through a link
    planted there) and then moved over `path` (a move replaces a link at `path` itself, never the
    file it points to). On an error (a full disk) the temporary file is removed and `path` is
    as it was: no half-written output."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, OUTPUT_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
