"""Text normalised for processing, with a map back to the original offsets.

Scraped text carries no-break spaces, thin spaces, zero-width joiners and soft hyphens. Stages read
the normalised text; every offset they report is mapped back so it points into the original.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

# Characters read as a plain space (same length, so offsets do not move).
_SPACES = frozenset(
    "\t\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
)
# Characters dropped altogether: zero-width, soft hyphen, BOM, direction marks.
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f")
_LINE_BREAKS = frozenset("\u2028\u2029\x85")


def _char_class(chars: frozenset[str], run: bool = False) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]" + ("+" if run else ""))


# Regular expressions rather than str.translate: pages hold few odd characters, and a scan that
# stops only at them is several times faster than translate's per-character table lookups.
_ODD = _char_class(_SPACES | _DROPPED | _LINE_BREAKS)
_SPACE = _char_class(_SPACES)
_LINE_BREAK = _char_class(_LINE_BREAKS)
_DROPPED_RUN = _char_class(_DROPPED, run=True)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """`text` normalised; `origin[i]` is the original offset of `text[i]` (None: identity)."""

    text: str
    original_length: int
    origin: array | None = None

    def to_original(self, offset: int) -> int:
        """The offset in the original text of normalised `offset` (end offsets map too)."""
        if self.origin is None:
            return offset
        if offset >= len(self.text):
            return self.original_length
        return self.origin[offset]

    def original_end(self, end: int) -> int:
        """Map an exclusive end offset: one past the original position of the last character."""
        if end <= 0:
            return self.to_original(0)
        return self.to_original(end - 1) + 1


def normalize(original: str) -> NormalizedText:
    """Odd spaces to ' ', Unicode line separators to '\\n', zero-width characters dropped."""
    if not _ODD.search(original):
        return NormalizedText(original, len(original))
    text = _DROPPED_RUN.sub("", _LINE_BREAK.sub("\n", _SPACE.sub(" ", original)))
    if len(text) == len(original):
        return NormalizedText(text, len(original))
    origin = array("l")
    pos = 0
    for m in _DROPPED_RUN.finditer(original):
        origin.extend(range(pos, m.start()))
        pos = m.end()
    origin.extend(range(pos, len(original)))
    return NormalizedText(text, len(original), origin)
