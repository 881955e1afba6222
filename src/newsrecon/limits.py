"""The limits that bound the time and memory one input can cost, in one place.

Each is a size no real article comes near; an input past one becomes a coded problem naming it
and the run goes on. The stages read them from this module when they run (`limits.NAME`), so
`configure` (the command line's `--limit NAME=VALUE`) changes them for the run; local worker
processes, forked from the run, see the same values.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MAX_ARTICLE_CHARS = 1_000_000  # characters of one article's text (E115)
MAX_PAGE_BYTES = (
    10_000_000  # bytes of one page: fetched, in a web archive, or unpacked (a gzip bomb; E112, E124)
)
MAX_FILE_BYTES = 50_000_000  # bytes of a file read whole (text, HTML, feed), checked before it is read (E117)
MAX_DIGITS = 40  # characters of one written number: longer runs of digits are no figure
MAX_FIGURES_PER_SENTENCE = 50  # figures read from one sentence (the rest of a table's row is not)
MAX_FIGURES_PER_DOCUMENT = 2_000  # claims of one document
DOCUMENT_SECONDS = 120.0  # seconds the per-document stages may spend on one document (E116; 0: no budget)
STORE_BUSY_SECONDS = 30.0  # how long a run waits for another process's write to the store (E304)

NAMES = (
    "MAX_ARTICLE_CHARS", "MAX_PAGE_BYTES", "MAX_FILE_BYTES", "MAX_DIGITS", "MAX_FIGURES_PER_SENTENCE", "MAX_FIGURES_PER_DOCUMENT",
    "DOCUMENT_SECONDS", "STORE_BUSY_SECONDS",
)  # fmt: skip


def configure(**values: float) -> None:
    """Set limits by name (case-insensitive): `configure(document_seconds=300)`. Raises ValueError
    for an unknown name or a negative value."""
    for name, value in values.items():
        key = name.upper()
        if key not in NAMES:
            raise ValueError(f"no limit {name!r}; the limits are {', '.join(n.lower() for n in NAMES)}")
        if value < 0:
            raise ValueError(f"limit {name} cannot be negative")
        current = globals()[key]
        globals()[key] = type(current)(value)


def current() -> dict[str, float]:
    """Every limit's value, by name."""
    return {n.lower(): globals()[n] for n in NAMES}


class OverTime(BaseException):
    """Raised by `time_budget`'s alarm when a document's stages pass their seconds. Not an
    `Exception`: libraries that catch every error and carry on (trafilatura does around its
    parsers) must not swallow it."""


def _over_time(signum: int, frame: object) -> None:
    raise OverTime


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverTime` in this thread after `seconds`: a text that would cost a worker minutes (a
    pathological paragraph, a page of 20,000 tables) becomes a problem and the run goes on.

    An alarm signal can only be handled by a process's main thread, as every worker's is; in
    another thread (the web app's background jobs) the stages run without a budget. Inside a
    budget already running (a page read within a document's stages) the outer one holds."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
