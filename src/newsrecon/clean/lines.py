"""Lines of flattened text and the shape features the cleaner judges them by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from newsrecon.clean import patterns as P

_PUNCT_KEY = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Line:
    """One non-blank line: its position, its text (stripped) and its shape."""

    index: int  # position among non-blank lines
    lineno: int  # 1-based line number in the text
    start: int  # offsets of the stripped line in the normalised text
    end: int
    text: str

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(P.WORD.findall(self.text))

    @cached_property
    def lower_words(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.words)

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def key(self) -> str:
        """Lower-case letters and digits only: for spotting repeated lines."""
        return _PUNCT_KEY.sub(" ", self.text.lower()).strip()

    @cached_property
    def ends_sentence(self) -> bool:
        return bool(P.SENTENCE_END.search(self.text))

    @cached_property
    def stop_ratio(self) -> float:
        return sum(w in P.STOPWORDS for w in self.lower_words) / self.n_words if self.words else 0.0

    @cached_property
    def ui_ratio(self) -> float:
        return sum(w in P.UI_WORDS for w in self.lower_words) / self.n_words if self.words else 0.0

    @cached_property
    def title_ratio(self) -> float:
        """Share of words (of 4+ letters, so "of" and "the" don't count) that start upper-case."""
        long = [w for w in self.words if len(w) >= 4 and w[0].isalpha()]
        return sum(w[0].isupper() for w in long) / len(long) if long else 0.0

    @cached_property
    def has_upper(self) -> bool:
        return any(ch.isupper() for ch in self.text)

    @cached_property
    def is_appeal(self) -> bool:
        """A reader appeal: second person or "we" talking to readers about support, sign-ups, ad blockers."""
        you = sum(w in P.YOU_WORDS for w in self.lower_words)
        cta = sum(w in P.APPEAL_WORDS for w in self.lower_words)
        if self.n_words <= 16:
            return (you >= 1 and cta >= 1) or (cta >= 2 and self.lower_words[0] in P.APPEAL_WORDS)
        return you >= 2 and cta >= 2 and (you + cta) / self.n_words >= 0.08

    @cached_property
    def is_prose(self) -> bool:
        """Reads as running text: sentences of ordinary words, not a label, menu or list of names."""
        n = self.n_words
        if n >= 6 and self.ends_sentence and self.stop_ratio >= 0.12:
            return True
        return n >= 20 and self.stop_ratio >= 0.2 and self.has_upper


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text` with their offsets (stripped of surrounding spaces)."""
    lines: list[Line] = []
    pos = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            lines.append(Line(len(lines), lineno, start, start + len(stripped), " ".join(stripped.split())))
        pos += len(raw) + 1
    return lines
