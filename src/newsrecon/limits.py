"""The limits that bound the time and memory one input can cost, in one place.

Each is a size no real article comes near; an input past one becomes a coded problem naming it
and the run goes on.
"""

from __future__ import annotations

MAX_ARTICLE_CHARS = 1_000_000  # characters of one article's text (E115)
MAX_PAGE_BYTES = (
    10_000_000  # bytes of one page: fetched, in a web archive, or unpacked (a gzip bomb; E112, E124)
)
MAX_DIGITS = 40  # characters of one written number: longer runs of digits are no figure
DOCUMENT_SECONDS = 120.0  # seconds the per-document stages may spend on one document (E116)
STORE_BUSY_SECONDS = 30.0  # how long a run waits for another process's write to the store (E304)
