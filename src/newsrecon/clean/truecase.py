"""Headlines in title case, put into sentence case for the parser, from the article's own words.

spaCy's English model is trained on running text: "Clintons Report Earnings of $139 Million in Seven
Years" parses as one long name, and "Senate Overrides Obama's Veto" as a noun phrase with no verb,
so a headline's figures get no referent and its cue no speaker. A word of a title-case headline is
written in lower case when the article itself writes it so more often than capitalised inside a
sentence (its stem, for "Overrides" against "override"), or when it is a function word or a number
word. Words the article does not use are left as they are (a name it never repeats stays a name).
Only letters change case, so every offset into the headline holds.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_TITLE_WORD = re.compile(r"[A-Z][a-z'’]+")
# A word of the body capitalised where a sentence does not start (after a letter, digit or comma
# and a space): a name, or a word of one.
_MID_SENTENCE = re.compile(r"(?<=[\w,;] )([A-Z][a-z'’]+)")
_SUFFIXES = ("ing", "ies", "ed", "es", "s", "e", "y")
MIN_TITLE_SHARE = 0.6  # of a headline's words of four letters or more, capitalised past the first


def stem(word: str) -> str:
    """A crude inflection-free form: "overrides", "override" and "overriding" share "overrid"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@cache
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _number_word(word: str) -> bool:
    from spacy.lang.en.lex_attrs import like_num

    return like_num(word)


def is_title_case(headline: str) -> bool:
    """Most of the headline's longer words past its first are capitalised."""
    words = [m.group() for m in _WORD.finditer(headline)][1:]
    long = [w for w in words if len(w) >= 4]
    if len(long) < 2:
        return False
    return sum(w[0].isupper() for w in long) / len(long) >= MIN_TITLE_SHARE


def sentence_case(headline: str, body: str) -> str:
    """`headline` with the capitals of its common words lowered (see the module), when it is in
    title case; else unchanged. The result has the same length as `headline`."""
    if not is_title_case(headline):
        return headline
    lower = Counter(m.group() for m in _WORD.finditer(body) if m.group().islower())
    lower_stems: Counter = Counter()
    for w, n in lower.items():
        lower_stems[stem(w)] += n
    capital = Counter(m.group(1).lower() for m in _MID_SENTENCE.finditer(body))
    out = list(headline)
    first = True
    for m in _WORD.finditer(headline):
        word = m.group()
        if first:
            first = False
            continue
        if not _TITLE_WORD.fullmatch(word):  # lower case already, or an acronym ("USGS", "GOP")
            continue
        low = word.lower()
        seen = lower[low] or lower_stems[stem(low)]
        common = low in _function_words() or _number_word(low)
        if (seen and seen > capital[low]) or (common and not capital[low] > seen):
            out[m.start()] = low[0]
    return "".join(out)
