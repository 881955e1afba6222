"""Numbers that describe each line for the learned line model: its shape and its surroundings.

The shape rules' English word lists (function words, control words) sit beside signals that hold
in any language: punctuation, word and line length, capitals, digits, the page's own most common
short words, repetition on the page, and character counts for Chinese and Japanese, which have no
spaces. Context comes from neighbouring lines, windows around the line, runs of lines without a
blank line between them, and the line's place relative to the page's densest block of text, its
"Related" headings, comment cues and footer. `LOCAL` and `CONTEXT` name the columns in order;
the fitted model (line_model.json) stores the names it was fitted on and is checked against them
when it loads.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import accumulate

from newsrecon.clean import patterns as P
from newsrecon.clean.lines import Line

_INNER_PUNCT = re.compile(r"[,;:，、；：]")
_INNER_SENTENCE = re.compile(r"[.!?] +[^\W\d_]|[。！？][^\W_]")
_FIRST = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^(?:[•·\-–—*►▶>»■◦●]|\d{1,2}[.)]\s)")
_SEPARATORS = re.compile(r"[|•·»›]")  # menu separators (" / " is tested apart)
# A teaser cut short: "... and then […]", "... more..." (brackets too: "[...]" closes blog excerpts).
_TRUNCATED = re.compile(r"(?:\.\.|…)\s*[\]\"'”’»)]*$")

# Reasons from the shape rules, grouped: the model learns how far to trust each group.
REASON_GROUPS = {
    "navigation": "nav",
    "keywords": "nav",
    "link": "nav",
    "name-list": "list",
    "byline": "meta",
    "timestamp": "meta",
    "reading-time": "meta",
    "image-credit": "media",
    "caption": "media",
    "duplicate": "dup",
    "end-marker": "end",
    "appeal": "ad",
    "advertisement": "ad",
    "footer": "ad",
    "correction-notice": "ad",
    "credits": "meta",
}
_GROUPS = ("nav", "list", "meta", "media", "dup", "end", "ad")
_ONE_HOT = {g: tuple(float(g == h) for h in _GROUPS) for g in (*_GROUPS, None)}

LOCAL = (
    "chars",
    "words",
    "word_len",
    "punct",
    "sentences",
    "page_stops",
    "title",
    "digits",
    "ui",
    "ends",
    "first_upper",
    "first_lower",
    "bullet",
    "separators",
    "colon_end",
    "truncated",
    "repeated",
    "prose",
    "comment_cue",
    "relative_time",
    *(f"reason_{g}" for g in _GROUPS),
)
CONTEXT = (
    "mass_before",
    "gap_before",
    "gap_after",
    "run_len",
    "run_chars",
    "prev_chars",
    "next_chars",
    "prev_ends",
    "next_ends",
    "prev_reason",
    "next_reason",
    "next_lower",
    "rel_chars",
    "win3_title",
    "after_end",
    "after_comments",
    "to_next_end",
    "to_page_end",
    "after_footer",
    "prefix_repeats",
    "win3_chars",
    "win3_ends",
    "win3_stops",
    "win10_chars",
    "to_longest",
    "to_longest_abs",
    "to_dense",
    "to_dense_abs",
    "in_dense_span",
)
FEATURES = LOCAL + CONTEXT


def page_stopwords(lines: list[Line]) -> frozenset[str]:
    """The page's own function words: short words found in many of its longer lines, any language."""
    df: Counter[str] = Counter()
    n_long = 0
    for line in lines:
        if line.n_words >= 8:
            n_long += 1
            df.update({w for w in line.lower_words if len(w) <= 4 and not w.isdigit()})
    if n_long < 3:
        return frozenset()
    floor = max(2, n_long // 6)
    # Ties broken by the word itself: set order varies between runs (string hashing is salted).
    common = sorted(df.items(), key=lambda item: (-item[1], item[0]))[:40]
    return frozenset(w for w, c in common if c >= floor)


def line_features(lines: list[Line], reasons: list[str | None]) -> list[list[float]]:
    """One row of `FEATURES` per line: its own shape, then its context on the page."""
    if not lines:
        return []
    columns = _local_columns(lines, reasons)
    columns.update(_context_columns(lines, reasons, columns))
    return [list(row) for row in zip(*(columns[name] for name in FEATURES), strict=True)]


def _flags(values) -> list[float]:
    return [1.0 if v else 0.0 for v in values]


def _local_columns(lines: list[Line], reasons: list[str | None]) -> dict[str, list[float]]:
    """The shape of each line on its own (plus whether the page repeats it)."""
    texts = [x.text for x in lines]
    weights = [x.weight for x in lines]
    stops = page_stopwords(lines)
    keys = Counter(x.key for x in lines)
    firsts = [m.group() if (m := _FIRST.search(t)) else "" for t in texts]
    columns = {
        "chars": [math.log1p(len(t)) for t in texts],
        "words": [math.log1p(w) for w in weights],
        "word_len": [min(sum(map(len, x.words)) / x.n_words, 20.0) / 10 if x.n_words else 0.0 for x in lines],
        "punct": [len(_INNER_PUNCT.findall(t)) / (w + 1) for t, w in zip(texts, weights, strict=True)],
        "sentences": [math.log1p(len(_INNER_SENTENCE.findall(t))) for t in texts],
        "page_stops": [
            sum(map(stops.__contains__, x.lower_words)) / x.n_words if x.n_words else 0.0 for x in lines
        ],
        "title": [x.title_ratio for x in lines],
        "digits": [len(_DIGIT.findall(t)) / len(t) for t in texts],
        "ui": [x.ui_ratio for x in lines],
        "ends": _flags(x.ends_sentence for x in lines),
        "first_upper": _flags(f.isupper() for f in firsts),
        "first_lower": _flags(f.islower() for f in firsts),
        "bullet": _flags(_BULLET.match(t) for t in texts),
        "separators": _flags(" / " in t or _SEPARATORS.search(t) for t in texts),
        "colon_end": _flags(t.endswith(":") for t in texts),
        "truncated": _flags(_TRUNCATED.search(t) for t in texts),
        "repeated": _flags(keys[x.key] > 1 for x in lines),
        "prose": _flags(x.is_prose for x in lines),
        "comment_cue": _flags(P.COMMENTS_CUE.match(t) for t in texts),
        "relative_time": _flags(("ago" in t or ":" in t) and P.RELATIVE_TIME.search(t) for t in texts),
    }
    groups = [REASON_GROUPS.get(r or "") for r in reasons]
    for g in _GROUPS:
        columns[f"reason_{g}"] = _flags(x == g for x in groups)
    return columns


def _context_columns(
    lines: list[Line], reasons: list[str | None], local: dict[str, list[float]]
) -> dict[str, list[float]]:
    """Each line's neighbours, the windows around it and its place relative to the page's text."""
    n = len(lines)
    idx = range(n)
    scale = math.log1p(n)
    chars, ends = local["chars"], local["ends"]
    sizes = [len(x.text) for x in lines]
    total = sum(sizes) or 1
    groups = [REASON_GROUPS.get(r or "") for r in reasons]

    # Runs of lines with no blank line between them: menus and lists of links come in runs.
    run_id = [0] * n
    for i in range(1, n):
        run_id[i] = run_id[i - 1] + (lines[i].lineno - lines[i - 1].last_lineno > 1)
    run_len = Counter(run_id)
    run_sum: Counter[int] = Counter()
    for i in idx:
        run_sum[run_id[i]] += chars[i]
    gaps = [lines[i + 1].lineno - lines[i].last_lineno > 1 for i in range(n - 1)]

    # The longest line and the densest stretch of unflagged text anchor the article.
    text_sizes = [0 if reasons[i] else sizes[i] for i in idx]
    longest = max(idx, key=text_sizes.__getitem__)
    dense_mid = _densest(text_sizes, 7)
    lo, hi = _long_line_span(text_sizes, dense_mid)

    # Typical size of the page's paragraphs: the median of its five longest unflagged lines.
    top = sorted((chars[i] for i in idx if reasons[i] is None), reverse=True)[:5] or [0.0]
    top_chars = top[len(top) // 2]
    # Past the main block, "Related" headings and comment cues say the article is over.
    ends_after = [0.0] * n
    comments_after = [0.0] * n
    e = c = 0
    for i in range(dense_mid + 1, n):
        ends_after[i], comments_after[i] = math.log1p(e), math.log1p(c)
        e += groups[i] == "end"
        c += local["comment_cue"][i] > 0
    # Lines to the next line flagged as the start of other stories or an ad.
    next_end = [0.0] * n
    dist = n
    for i in range(n - 1, -1, -1):
        next_end[i] = math.log1p(dist) / scale
        dist = 0 if groups[i] in ("end", "ad") else dist + 1
    first_footer = next((i for i in idx if reasons[i] == "footer"), n)
    # Lines opening with the same words: numbered photo captions, teasers of one series.
    prefixes = Counter(x.key[:24] for x in lines if len(x.key) >= 24)
    before = [0.0] * n
    for i in range(1, n):
        before[i] = before[i - 1] + sizes[i - 1] / total
    first_lower = local["first_lower"]
    flagged = _flags(r is not None for r in reasons)
    return {
        "mass_before": before,
        "gap_before": [1.0, *_flags(gaps)],
        "gap_after": [*_flags(gaps), 1.0],
        "run_len": [math.log1p(run_len[r]) for r in run_id],
        "run_chars": [run_sum[r] / run_len[r] for r in run_id],
        "prev_chars": [0.0, *chars[:-1]],
        "next_chars": [*chars[1:], 0.0],
        "prev_ends": [0.0, *ends[:-1]],
        "next_ends": [*ends[1:], 0.0],
        "prev_reason": [1.0, *flagged[:-1]],
        "next_reason": [*flagged[1:], 1.0],
        "next_lower": [*first_lower[1:], 0.0],
        "rel_chars": [c - top_chars for c in chars],
        "win3_title": window_means(local["title"], 3),
        "after_end": ends_after,
        "after_comments": comments_after,
        "to_next_end": next_end,
        "to_page_end": [math.log1p(n - 1 - i) / scale for i in idx],
        "after_footer": _flags(i > first_footer for i in idx),
        "prefix_repeats": [math.log1p(prefixes[x.key[:24]] - 1) if len(x.key) >= 24 else 0.0 for x in lines],
        "win3_chars": window_means(chars, 3),
        "win3_ends": window_means(ends, 3),
        "win3_stops": window_means(local["page_stops"], 3),
        "win10_chars": window_means(chars, 10),
        "to_longest": [max(-1.0, min(1.0, (i - longest) / 50)) for i in idx],
        "to_longest_abs": [math.log1p(abs(i - longest)) / scale for i in idx],
        "to_dense": [max(-1.0, min(1.0, (i - dense_mid) / 50)) for i in idx],
        "to_dense_abs": [math.log1p(abs(i - dense_mid)) / scale for i in idx],
        "in_dense_span": _flags(lo <= i <= hi for i in idx),
    }


def _densest(sizes: list[int], width: int) -> int:
    """The middle line of the `width` consecutive lines holding the most text."""
    window = sum(sizes[:width])
    best, start = window, 0
    for i in range(width, len(sizes)):
        window += sizes[i] - sizes[i - width]
        if window > best:
            best, start = window, i - width + 1
    return min(len(sizes) - 1, start + width // 2)


def _long_line_span(sizes: list[int], mid: int, long: int = 80, max_gap: int = 6) -> tuple[int, int]:
    """The span around `mid` where long lines keep coming, with gaps of up to `max_gap` short lines."""
    lo = hi = mid
    gap = 0
    for i in range(mid - 1, -1, -1):
        gap = 0 if sizes[i] >= long else gap + 1
        if gap > max_gap:
            break
        if sizes[i] >= long:
            lo = i
    gap = 0
    for i in range(mid + 1, len(sizes)):
        gap = 0 if sizes[i] >= long else gap + 1
        if gap > max_gap:
            break
        if sizes[i] >= long:
            hi = i
    return lo, hi


def window_means(values: list[float], k: int) -> list[float]:
    """For each position, the mean of the values within `k` positions (itself included)."""
    n = len(values)
    prefix = list(accumulate(values, initial=0.0))
    if n <= 2 * k + 1:
        return [
            (prefix[min(n, i + k + 1)] - prefix[max(0, i - k)]) / (min(n, i + k + 1) - max(0, i - k))
            for i in range(n)
        ]
    width = 2 * k + 1
    head = [prefix[i + k + 1] / (i + k + 1) for i in range(k)]
    middle = [(hi - lo) / width for lo, hi in zip(prefix[: n - 2 * k], prefix[width:], strict=True)]
    tail = [(prefix[n] - prefix[i - k]) / (n - i + k) for i in range(n - k, n)]
    return head + middle + tail
