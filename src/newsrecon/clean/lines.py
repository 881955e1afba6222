"""Lines of flattened text and the shape features the cleaner judges them by."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from newsrecon.clean import patterns as P

_PUNCT_KEY = re.compile(r"[\W_]+", re.UNICODE)
_WORDS = re.compile(r"\S+")


class _cached:
    """`functools.cached_property` without its per-access lock (Python 3.11): computed once, then
    read straight from the instance dictionary. Lines are built and read by one thread."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class Line:
    """One non-blank line: its position, its text (stripped) and its shape."""

    index: int  # position among non-blank lines
    lineno: int  # 1-based line number in the text
    start: int  # offsets of the stripped line in the normalised text
    end: int
    text: str
    end_lineno: int = 0  # the last line number of a line wrapped over several (0: `lineno`)

    @property
    def last_lineno(self) -> int:
        return self.end_lineno or self.lineno

    def span_in(self, source: str, start: int, end: int) -> tuple[int, int]:
        """Where characters `start`..`end` of `text` lie in `source`, the text the line was split
        from: `text` is its words joined by single spaces (runs of spaces closed up, blanked
        markup and wrapped lines joined), so offsets within it are not offsets from `start`."""
        raw = source[self.start : self.end]
        if raw == self.text:
            return self.start + start, self.start + end
        words = [m.span() for m in _WORDS.finditer(raw)]
        firsts = list(accumulate((b - a + 1 for a, b in words), initial=0))  # in `text`

        def at(i: int) -> int:  # the source offset of text[i] (a joining space: after its word)
            k = max(0, bisect_right(firsts, i) - 1)
            a, b = words[min(k, len(words) - 1)]
            return self.start + min(a + i - firsts[k], b)

        return at(start), (at(end - 1) + 1 if end > start else at(start))

    @_cached
    def words(self) -> tuple[str, ...]:
        return tuple(P.WORD.findall(self.text))

    @_cached
    def lower_words(self) -> tuple[str, ...]:
        return tuple(map(str.lower, self.words))

    @_cached
    def n_words(self) -> int:
        return len(self.words)

    @_cached
    def key(self) -> str:
        """Lower-case letters and digits only: for spotting repeated lines."""
        return _PUNCT_KEY.sub(" ", self.text.lower()).strip()

    @_cached
    def ends_sentence(self) -> bool:
        return bool(P.SENTENCE_END.search(self.text))

    @_cached
    def stop_ratio(self) -> float:
        """Share of English function words ("the", "of", "said"): English prose has many."""
        return sum(map(P.STOPWORDS.__contains__, self.lower_words)) / self.n_words if self.words else 0.0

    @_cached
    def ui_ratio(self) -> float:
        return sum(map(P.UI_WORDS.__contains__, self.lower_words)) / self.n_words if self.words else 0.0

    @_cached
    def title_ratio(self) -> float:
        """Share of words (of 4+ letters, so "of" and "the" don't count) that start upper-case."""
        n = up = 0
        for w in self.words:
            if len(w) >= 4 and w[0].isalpha():
                n += 1
                up += w[0].isupper()
        return up / n if n else 0.0

    @_cached
    def has_upper(self) -> bool:
        return any(ch.isupper() for ch in self.text)

    @_cached
    def is_appeal(self) -> bool:
        """A reader appeal: second person or "we" talking to readers about support, sign-ups, ad blockers,
        or a call to action ("Get ... delivered", "Sign up for our newsletters") selling the site's own
        channels."""
        if (
            0 < self.n_words <= 40
            and sum(map(P.PROMO_WORDS.__contains__, self.lower_words)) >= 2
            and any(w.lower() in P.CTA_VERBS for w in P.CTA_OPENING.findall(self.text))
        ):
            return True
        you = sum(map(P.YOU_WORDS.__contains__, self.lower_words))
        if not you and self.n_words > 16:
            return False
        cta = sum(map(P.APPEAL_WORDS.__contains__, self.lower_words))
        if self.n_words <= 16:
            return (you >= 1 and cta >= 1) or (cta >= 2 and self.lower_words[0] in P.APPEAL_WORDS)
        return you >= 2 and cta >= 2 and (you + cta) / self.n_words >= 0.08

    @_cached
    def is_prose(self) -> bool:
        """Reads as running text: sentences of ordinary words, not a label, menu or list of names."""
        n = self.n_words
        if n >= 6 and self.ends_sentence and self.stop_ratio >= 0.12:
            return True
        return n >= 20 and self.stop_ratio >= 0.2 and self.has_upper

    @_cached
    def is_cjk(self) -> bool:
        """Written without spaces between words (Chinese, Japanese): word counts say little."""
        return not self.text.isascii() and bool(P.CJK.search(self.text))

    @_cached
    def weight(self) -> int:
        """How much text the line holds, in word-sized units: words, or characters / 2 in CJK."""
        return max(self.n_words, len(self.text) // 2) if self.is_cjk else self.n_words


def split_lines(text: str, width: int | None = None, marked: str | None = None) -> list[Line]:
    """The non-blank lines of `text` with their offsets (stripped of surrounding spaces).

    With `width` (see `wrap_width`), a line the wrapper broke (the next line's first word would
    not have fitted on it) runs on into the next: one `Line` over both, its text joined by a space.
    `marked`: the text before its Markdown markup was blanked (`markdown.unmark`, same lines), on
    which the wrapper's breaks are judged (a line's text always has its runs of spaces closed up).
    """
    raws = text.split("\n")
    shapes = marked.split("\n") if marked is not None else raws
    lines: list[Line] = []
    joined: list[tuple[int, int, str]] = []  # (line number, start, stripped) of a line being joined

    def close() -> None:
        (first, start, _), (last, last_start, last_text) = joined[0], joined[-1]
        words = " ".join(w for _, _, stripped in joined for w in stripped.split())
        end_lineno = last if len(joined) > 1 else 0
        lines.append(Line(len(lines), first, start, last_start + len(last_text), words, end_lineno))
        joined.clear()

    pos = 0
    for lineno, raw in enumerate(raws, start=1):
        stripped = raw.strip()
        if stripped:
            joined.append((lineno, pos + len(raw) - len(raw.lstrip()), stripped))
        # A line blanked whole (the rest of a link's target) may still run on, or end a run.
        if joined and (stripped or marked is not None):
            following = shapes[lineno] if lineno < len(shapes) else ""
            after = shapes[lineno + 1] if lineno + 1 < len(shapes) else ""
            if not (width and _runs_on(shapes[lineno - 1], following, width, after)):
                close()
        pos += len(raw) + 1
    if joined:
        close()
    return lines


# A list item or a (Markdown) heading starts a line of its own.
_ITEM = re.compile(r"^\s*(?:[*•·–—-]|\d{1,3}[.)]|#{1,6})\s")
_FULL_WITHIN = 25  # a wrapped line ends within this many columns of the width


_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*$")
_STARTS_SENTENCE = re.compile(r"^\s*[\"'“‘(\[]?[^\W\d_a-z]|^\s*\d")  # a capital (any script) or a digit


def _runs_on(line: str, following: str, width: int, after: str = "") -> bool:
    """Whether `line` was broken by a wrapper: it is full (the following line's first word would
    not have fitted on it). Where a sentence ends and the next begins at the break, only if the
    following line was broken too (it runs on into `after`): a long last line of a paragraph and a
    headline under it look the same, and joining a page's furniture to the article costs more than
    cutting a paragraph in two; a headline is not wrapped."""
    if not _full(line, following, width) or _ITEM.match(following):
        return False
    if _SENTENCE_BREAK.search(line.rstrip()) and _STARTS_SENTENCE.match(following):
        return _full(following, after, width) and not _SENTENCE_BREAK.search(following.rstrip())
    return True


def _full(line: str, following: str, width: int) -> bool:
    """`line` ends near `width`, and the following line's first word would not have fitted on it."""
    line = line.rstrip()
    word = following.split(maxsplit=1)[0] if following.strip() else ""
    return bool(word) and len(line) > width - _FULL_WITHIN and len(line) + 1 + len(word) > width


def wrap_width(text: str) -> int | None:
    """The column at which a text was hard-wrapped (a lynx or w3m dump, mail, text copied from a
    terminal), or None when its lines run to their natural ends, as a flattened page's do.

    Wrapped text has a cliff: many lines end just short of a width W, and hardly a line that could
    have been broken (one with a space) runs past it. The lines of unwrapped text thin out slowly.
    """
    raws = [raw.rstrip() for raw in text.split("\n") if raw.strip()]
    if len(raws) < 10:
        return None
    ends = Counter(len(raw) for raw in raws)
    runs_past = Counter(len(raw) for raw in raws if " " in raw.strip())
    band = _FULL_WITHIN // 2

    def below(w: int) -> int:
        return sum(ends[n] for n in range(w - band + 1, w + 1))

    def above(w: int) -> int:
        return sum(runs_past[n] for n in range(w + 1, w + 2 * band + 1))

    width = max(range(40, 201), key=lambda w: (below(w) - 4 * above(w), -w))
    full, longer = below(width), sum(c for n, c in ends.items() if n > width // 2)
    past = sum(c for n, c in runs_past.items() if n > width)  # a table row, a heading left whole
    if full >= max(5, 0.35 * longer) and past <= 0.1 * full:
        return width
    return None


def mostly_short(lines: list[Line]) -> bool:
    """More than half the lines under five words: a menu, a list of links or teasers (or an
    article set as a list, which the line model tells apart)."""
    return sum(x.n_words < 5 for x in lines) > len(lines) / 2
