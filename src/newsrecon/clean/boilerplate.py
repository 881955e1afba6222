"""Boilerplate removal for flattened text: which lines are the article, and why the rest are not.

No HTML is left to lean on, so every line is judged by its shape and its place:

1. line shape: menus and share bars are short runs of control words; credits carry "©" or
   "Photo:"; reading-time and date lines are labels; keyword soup has no capitals and no stopwords;
   reader appeals speak to "you" about support and sign-ups;
2. repetition: a line seen twice (a headline repeated, a caption doubled as alt text) is furniture;
3. place: the article starts at the first line of prose and ends where a "Related"/"Read more"
   heading opens a list of other stories or the last prose line passes; short lines between two
   prose paragraphs are subheadings and stay.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newsrecon.clean import patterns as P
from newsrecon.clean.lines import Line

_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?] +[A-Z]")
# Reasons a line is not body text. Lines with a META reason hold metadata; the rest are furniture.
META_REASONS = frozenset({"headline", "byline", "timestamp", "dateline"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the cleaner decided about one line: kept as body, or removed with a reason."""

    line: Line
    keep: bool
    reason: str = "body"


def _shape_reason(line: Line) -> str | None:
    """A reason to drop the line from its shape alone, whatever its place."""
    text = line.text
    bare = text.strip(" :|·•›»>-–—*#")
    if P.ADVERTISEMENT.match(bare):
        return "advertisement"
    if line.n_words <= 8 and P.READING_TIME.search(text):
        return "reading-time"
    if line.n_words <= 10 and P.BYLINE.match(text) and _looks_like_names(P.BYLINE.match(text)["names"]):
        return "byline"
    if _is_date_line(line):
        return "timestamp"
    if P.FOOTER.search(text) and line.n_words <= 40:
        return "footer"
    if line.n_words <= 14 and P.CREDIT.search(text):
        return "image-credit"
    if P.HARD_END_MARKER.match(bare) or P.END_MARKER.match(bare):
        return "end-marker"
    if line.n_words <= 12 and not line.ends_sentence and line.ui_ratio >= 0.6:
        return "navigation"
    if line.is_appeal:
        return "appeal"
    if P.CORRECTION.match(text) and line.n_words <= 60:
        return "correction-notice"
    if line.n_words >= 8 and not line.has_upper and line.stop_ratio < 0.25 and not line.ends_sentence:
        return "keywords"
    if line.n_words >= 10 and line.stop_ratio < 0.08 and not line.ends_sentence:
        return "keywords"
    if line.n_words <= 12 and not line.ends_sentence and line.ui_ratio >= 0.6:
        return "navigation"
    if line.n_words <= 2 and not line.ends_sentence and len(bare) <= 3:
        return "navigation"
    return None


def _looks_like_names(names: str) -> bool:
    tokens = names.replace(",", " , ").split()
    words = [t for t in tokens if t != ","]
    return 1 <= len(words) <= 8 and all(P.NAME_TOKEN.match(t) for t in words)


def _is_date_line(line: Line) -> bool:
    """A line that is a timestamp: a date with labels ("Published on"), or the bare label."""
    if line.n_words > 12 or line.is_prose:
        return False
    rest = P.FULL_DATE.sub(" ", line.text)
    had_date = rest != line.text
    labelled = bool(P.DATE_LABEL.match(line.text.strip()))
    leftover = [w for w in P.WORD.findall(rest) if not _is_time_word(w)]
    if had_date and len(leftover) <= 2:
        return True
    return labelled and len(leftover) <= 3 and line.n_words <= 6


_TIME_WORDS = frozenset(
    """
    published updated posted last modified date first created on at am pm a.m p.m gmt utc et est edt bst
    cet cest pst pdt ist kst jst monday tuesday wednesday thursday friday saturday sunday mon tue wed
    thu fri sat sun
    """.split()
)


def _is_time_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _TIME_WORDS or any(ch.isdigit() for ch in w)


def _mark_repeats(lines: list[Line], reasons: list[str | None]) -> None:
    """Captions doubled as alt text, and headlines repeated further down, are furniture.

    Also a line that is another short line with a word or two glued on ("NewsNorth Korea ...", a
    caption with its credit appended) repeats it.
    """
    first_seen: dict[str, int] = {}
    for line in lines:
        if not line.key:
            continue
        if line.key in first_seen:
            earlier = lines[first_seen[line.key]]
            reasons[line.index] = reasons[line.index] or "duplicate"
            # Doubled in place and read as a sentence or followed by a credit: a caption and its alt text.
            after = lines[line.index + 1] if line.index + 1 < len(lines) else None
            credited = after is not None and bool(P.CREDIT.search(after.text))
            if line.index - earlier.index <= 2 and (earlier.ends_sentence or credited):
                reasons[earlier.index] = reasons[earlier.index] or "caption"
                reasons[line.index] = "caption" if reasons[line.index] == "duplicate" else reasons[line.index]
        else:
            first_seen[line.key] = line.index
    for a, b in itertools.pairwise(lines):
        if len(a.key) >= 20 and b.key != a.key and b.key.startswith(a.key) and P.CREDIT.search(b.text):
            reasons[a.index] = reasons[a.index] or "caption"
            reasons[b.index] = reasons[b.index] or "caption"
    head = [x for x in lines[:20] if 3 <= x.n_words <= 30 and not x.ends_sentence]
    for a in head:
        for b in head:
            if a is b or len(b.key) < 15 or a.key == b.key:
                continue
            if (a.key.endswith(b.key) or a.key.startswith(b.key)) and len(a.key) - len(b.key) <= 16:
                reasons[a.index] = reasons[a.index] or "duplicate"


def _mark_captions(lines: list[Line], reasons: list[str | None]) -> None:
    """The line just before a photo credit is its caption."""
    for line in lines[1:]:
        if reasons[line.index] == "image-credit":
            prev = lines[line.index - 1]
            if reasons[prev.index] is None and prev.n_words <= 60:
                reasons[prev.index] = "caption"


def classify(lines: list[Line]) -> list[Verdict]:
    """Decide for every non-blank line whether it is article body, and if not, why."""
    reasons: list[str | None] = [_shape_reason(x) for x in lines]
    _mark_repeats(lines, reasons)
    _mark_captions(lines, reasons)
    prose = [reasons[x.index] is None and x.is_prose for x in lines]

    verdicts: list[Verdict] = []
    started = False
    listing = False  # inside a list of other stories after a "Related" heading
    weak = [reasons[x.index] is None and _is_short_sentence(x) for x in lines]
    last_prose = max((i for i, p in enumerate(prose) if p), default=-1)
    # Short closing sentences ("No damage was reported.") right after the last paragraph still belong.
    for x in lines[last_prose + 1 :] if last_prose >= 0 else []:
        if reasons[x.index] is not None:
            continue
        if not weak[x.index]:
            break
        last_prose = x.index
    for line in lines:
        i = line.index
        reason = reasons[i]
        if reason == "end-marker" and started:
            listing = True
        if reason is not None:
            verdicts.append(Verdict(line, False, "related-list" if reason == "end-marker" else reason))
            continue
        if listing:
            if prose[i] and _article_resumes(lines, prose, reasons, i):
                listing = False
            else:
                verdicts.append(Verdict(line, False, "related-list"))
                continue
        if prose[i]:
            started = True
            verdicts.append(Verdict(line, True))
        elif not started:
            verdicts.append(Verdict(line, False, "before-article"))
        elif weak[i] and i <= last_prose:
            verdicts.append(Verdict(line, True))
        elif i > last_prose:
            verdicts.append(Verdict(line, False, "after-article"))
        elif (
            line.n_words <= 15
            and not _INNER_SENTENCE.search(line.text)
            and _between_prose(lines, prose, reasons, i)
        ):
            verdicts.append(Verdict(line, True, "subheading"))
        else:
            verdicts.append(Verdict(line, False, "not-prose"))
    return verdicts


def _is_short_sentence(line: Line) -> bool:
    """A short but complete sentence: capitalised, ends in a full stop, has ordinary words."""
    first = line.text.lstrip("\"'“‘(")[:1]
    return 3 <= line.n_words < 12 and line.ends_sentence and first.isupper() and line.stop_ratio > 0


def _article_resumes(lines: list[Line], prose: list[bool], reasons: list[str | None], i: int) -> bool:
    """After a list of other stories, the article goes on only with two full paragraphs in a row."""
    nxt = next((x.index for x in lines[i + 1 :] if reasons[x.index] is None), None)
    return nxt is not None and prose[nxt] and lines[i].n_words >= 15 and lines[nxt].n_words >= 15


def _between_prose(lines: list[Line], prose: list[bool], reasons: list[str | None], i: int) -> bool:
    """A short line with prose before and after it (skipping ads and credits) is a subheading."""
    before = next((prose[x.index] for x in reversed(lines[:i]) if reasons[x.index] is None), False)
    after = next((prose[x.index] for x in lines[i + 1 :] if reasons[x.index] is None), False)
    return before and after
