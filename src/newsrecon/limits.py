"""The limits that bound the time and memory one input can cost, in one place.

Each is a size no real article comes near; an input past one becomes a coded problem naming it
and the run goes on. The stages read them from this module when they run (`limits.NAME`), so
`configure` (the command line's `--limit NAME=VALUE`) changes them for the run; local worker
processes, forked from the run, see the same values.
"""

from __future__ import annotations

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
