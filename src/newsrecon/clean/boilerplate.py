"""Boilerplate removal for flattened text: which lines are the article, and why the rest are not.

No HTML is left to lean on, so every line is judged by its shape, its neighbours and its place:

1. shape rules name what a line is (`shape_reasons`): menus and share bars are short runs of
   control words; credits carry "©" or "Photo:", and a caption ends with one ("(Image: Getty)");
   reading-time, date and "2 hours ago" lines are labels; lower-case keyword soup has no capitals
   and few function words; reader appeals speak to "you" about support and sign-ups, or call to
   action for the site's own channels ("Sign up for our daily newsletter"); a line seen twice (a
   headline repeated, a caption doubled as alt text) is a duplicate;
2. the learned line model (linemodel.py, fitted on real pages by benchmarks/fit_cleaner.py) scores
   every line from its shape and context and finds the article: one stretch of the page with
   short gaps of furniture inside. Reasons the data shows are (almost) never body, and appeals and
   captions, keep a line out whatever its score;
3. the article's shape settles the edges: it starts with a paragraph (title-shaped lines above it
   are the headline and kickers), it ends where readers' comments or an "About us" section begin,
   a "Related" heading inside it opens a list of other stories until two full paragraphs follow,
   and a paragraph kept twice counts once.

Every removed line keeps a reason: its shape reason if it has one, else its place: before the
article, after it, between its paragraphs ("not-prose"), in a related list or in the comments.
`article_confidence` says how sure the cleaner is that the kept lines are one article.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

from newsrecon.clean import patterns as P
from newsrecon.clean.features import line_features
from newsrecon.clean.linemodel import LineModel, blocks, body_scores, line_weight, load_model
from newsrecon.clean.lines import Line

_DIGIT = re.compile(r"\d")
# Reasons a line is not body text. Lines with a META reason hold metadata; the rest are furniture.
META_REASONS = frozenset({"headline", "byline", "timestamp", "dateline"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the cleaner decided about one line: kept as body, or removed with a reason."""

    line: Line
    keep: bool
    reason: str = "body"
    score: float | None = None  # the line model's probability that the line is body


def _shape_reason(line: Line, english: bool = True) -> str | None:
    """A reason to drop the line from its shape alone, whatever its place.

    `english`: the page is in English, so a long line without English function words is a list of
    names (tour dates, credits, products) rather than prose; on other pages that says nothing.
    """
    text = line.text
    bare = text.strip(" :|·•›»>-–—*#.…")
    if P.ADVERTISEMENT.match(bare):
        return "advertisement"
    if line.n_words <= 8 and P.READING_TIME.search(text):
        return "reading-time"
    if line.n_words <= 10 and P.BYLINE.match(text) and _looks_like_names(P.BYLINE.match(text)["names"]):
        return "byline"
    if _is_date_line(line):
        return "timestamp"
    if line.n_words <= 40 and P.FOOTER.search(text):
        return "footer"
    if line.n_words <= 14 and P.CREDIT.search(text):
        return "image-credit"
    if P.HARD_END_MARKER.match(bare) or P.END_MARKER.match(bare):
        return "end-marker"
    if line.n_words <= 12 and not line.ends_sentence and line.ui_ratio >= 0.6:
        return "navigation"
    if line.is_appeal:
        return "appeal"
    if line.n_words <= 60 and P.TRAILING_CREDIT.search(text):
        return "caption"
    if P.CORRECTION.match(text) and line.n_words <= 60:
        return "correction-notice"
    if line.n_words <= 60 and P.CREDITS.search(text):
        return "credits"
    if (
        line.n_words >= 8
        and not line.has_upper
        and sum(w[0].islower() for w in line.words) >= 0.8 * line.n_words
        and line.stop_ratio < 0.25
        and not line.ends_sentence
    ):
        return "keywords"
    if english and line.n_words >= 10 and line.stop_ratio < 0.08 and not line.ends_sentence:
        return "name-list"
    if line.n_words <= 12 and not line.ends_sentence and line.ui_ratio >= 0.6:
        return "navigation"
    if line.n_words <= 2 and not line.ends_sentence and len(bare) <= 3:
        return "navigation"
    return None


def byline_names(text: str) -> tuple[str, int] | None:
    """The names of a "By ..." line and where they start in it; what follows a separator
    ("By Ana Lopez | 14 March 2026", "By Ana Lopez · Reuters"), and a role after a comma ("By Ana
    Lopez, City reporter"), are not names."""
    m = P.BYLINE.match(text)
    if not m:
        return None
    parts = P.BYLINE_TAIL.sub("", m["names"]).split(",")
    while parts and not _looks_like_names(",".join(parts)):
        parts.pop()
    return (",".join(parts).rstrip(), m.start("names")) if parts else None


def _looks_like_names(names: str) -> bool:
    tokens = names.replace(",", " , ").split()
    words = [t for t in tokens if t != ","]
    return 1 <= len(words) <= 8 and all(P.NAME_TOKEN.match(t) for t in words)


def _is_date_line(line: Line) -> bool:
    """A line that is a timestamp: a date with labels ("Published on"), the bare label, or a time
    ago ("2 hours ago")."""
    if line.n_words > 12 or line.is_prose:
        return False
    labelled = bool(P.DATE_LABEL.match(line.text))
    if not _DIGIT.search(line.text):  # every date and time ago has a digit
        if not labelled:
            return False
        rest, had_date = line.text, False
    else:
        if line.n_words <= 6 and P.RELATIVE_TIME.search(line.text):
            return True
        rest = P.FULL_DATE.sub(" ", line.text)
        had_date = rest != line.text
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
            close = line.index - earlier.index <= 2
            if close and (earlier.ends_sentence or (after is not None and P.CREDIT.search(after.text))):
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


def _is_english(lines: list[Line]) -> bool:
    """The page's longer lines read as English: in the median one, 15%+ of the words are English
    function words (English prose has 30-50%; other languages share a few, like "a" and "no")."""
    ratios = sorted(x.stop_ratio for x in lines if x.n_words >= 10)
    return not ratios or ratios[len(ratios) // 2] >= 0.15


# A line whose text is mostly a link's is a menu item or a teaser of another page (in Markdown
# dumps: on the fitting pages so dumped, 98% of the words on lines 60%+ linked were not article).
LINKED = 0.6


def shape_reasons(lines: list[Line], linked: list[float] | None = None) -> list[str | None]:
    """For every line, a reason to drop it from its shape, repetition or a credit beside it (or None).

    `linked`: the share of each line's text that is a link's (`markdown.link_shares`), where known."""
    english = _is_english(lines)
    reasons: list[str | None] = [_shape_reason(x, english) for x in lines]
    if linked is not None:
        reasons = [
            r or ("link" if share >= LINKED else None) for r, share in zip(reasons, linked, strict=True)
        ]
    _mark_repeats(lines, reasons)
    _mark_captions(lines, reasons)
    return reasons


def classify(
    lines: list[Line], model: LineModel | None = None, placed: bool = False, linked: list[float] | None = None
) -> list[Verdict]:
    """Decide for every non-blank line whether it is article body, and if not, why.

    The learned line model (`model`, by default the shipped one) finds the article's lines; the
    shape rules name what each removed line is, and some of them (`LineModel.veto`) keep a line
    out whatever its score. Removed lines without a shape reason are named by their place:
    before the article, after it, or between its paragraphs ("not-prose").

    `placed`: an extractor has already cut the lines out of their page (HTML main text), so the
    line model is not asked where the article is (verdicts carry no score); the shape rules, the
    article's edges and related lists still decide.

    `linked`: the share of each line's text inside links, where the text said (Markdown).
    """
    if not lines:
        return []
    model = model or load_model()
    reasons = shape_reasons(lines, linked)
    # Text an extractor placed, or a headline and paragraphs with nothing around them (a feed item, a
    # JSON Lines record: no page to cut the article out of, and a text unlike the pages the model was
    # fitted on), is not asked where the article is.
    if placed or _only_prose(lines, reasons):
        scores, path = [None] * len(lines), [True] * len(lines)
    else:
        weights = [line_weight(x) for x in lines]
        scores, path = body_scores(line_features(lines, reasons), weights, model, blocks(lines))
    keep = [path[i] and reasons[i] not in model.veto for i in range(len(lines))]
    if not placed:
        _continue_list(lines, reasons, keep)
    end = _settle_edges(lines, reasons, keep)
    listing = _drop_related_lists(lines, reasons, keep)
    kept = [i for i, k in enumerate(keep) if k]
    first, last = (kept[0], kept[-1]) if kept else (len(lines), -1)

    verdicts: list[Verdict] = []
    for line in lines:
        i = line.index
        reason, score = reasons[i], (round(scores[i], 4) if scores[i] is not None else None)
        if keep[i]:
            sub = line.n_words <= 15 and not line.ends_sentence and first < i < last
            verdicts.append(Verdict(line, True, "subheading" if sub else "body", score))
        elif reason is not None:
            verdicts.append(Verdict(line, False, "related-list" if reason == "end-marker" else reason, score))
        elif end is not None and i >= end[0]:
            verdicts.append(Verdict(line, False, end[1], score))
        elif listing[i]:
            verdicts.append(Verdict(line, False, "related-list", score))
        elif i < first:
            verdicts.append(Verdict(line, False, "before-article", score))
        elif i > last:
            verdicts.append(Verdict(line, False, "after-article", score))
        else:
            verdicts.append(Verdict(line, False, "not-prose", score))
    return verdicts


# A sentence's end, then closing quotes or brackets, spaced as tokenised text spaces them ('. ”').
_CLOSED = re.compile(r"[.!?…][\s\"”’')\]]*$")
_PROSE_WORDS = 8  # a sentence, not a menu line, a label or a call to act


def _only_prose(lines: list[Line], reasons: list[str | None]) -> bool:
    """Whether every line after the first (the headline), or the one line there is, is prose with
    no shape reason: an article given without its page."""
    rest = range(1, len(lines)) if len(lines) > 1 else range(len(lines))
    return bool(rest) and all(
        lines[i].n_words >= _PROSE_WORDS and _CLOSED.search(lines[i].text) and reasons[i] is None
        for i in rest
    )


def _drop_related_lists(lines: list[Line], reasons: list[str | None], keep: list[bool]) -> list[bool]:
    """After a "Related"/"Read more" heading inside the article, kept lines are teasers of other
    stories until the article resumes with two full paragraphs in a row (dropped in place).
    Returns, for every line, whether it sits in such a list."""
    first = next((i for i, k in enumerate(keep) if k), len(lines))
    inside = [False] * len(lines)
    listing = button = False
    for i in range(first + 1, len(lines)):
        if reasons[i] == "end-marker":
            listing, button = True, bool(_BUTTON.match(lines[i].text))
        else:
            if keep[i]:
                # "Read more" and a full paragraph right after it: a button that closed a
                # promotion, not the heading of a list of teasers (which opens with a headline).
                if listing and button and lines[i].weight >= 15:
                    listing = False
                elif listing and not _article_resumes(lines, keep, i):
                    keep[i] = False
                else:
                    listing = False
            button = False
        inside[i] = listing
    return inside


_BUTTON = re.compile(r"^\W*read more\W*$", re.IGNORECASE)


def _settle_edges(lines: list[Line], reasons: list[str | None], keep: list[bool]) -> tuple[int, str] | None:
    """Rules of an article's shape applied to the model's path (in place): it starts with a
    paragraph, not the headline above it; it ends where the readers' comments or an "About us" /
    "About the author" section begin; a paragraph kept twice counts once. Returns where the
    article ended early and the reason for the lines from there on, if it did."""
    kept = [i for i, k in enumerate(keep) if k]
    while len(kept) > 1 and _is_title_shaped(lines[kept[0]]):
        keep[kept.pop(0)] = False
    end = None
    for i in range(kept[0] + 1 if kept else len(lines), len(lines)):
        if P.COMMENTS_START.match(lines[i].text):
            end = (i, "comments")
        elif P.ABOUT_SECTION.match(lines[i].text):
            end = (i, "after-article")
        if end:
            for j in range(i, len(lines)):
                keep[j] = False
            break
    seen: set[str] = set()
    for i in kept:
        if keep[i] and lines[i].weight >= 10 and lines[i].key in seen:
            keep[i] = False
            reasons[i] = reasons[i] or "duplicate"
        seen.add(lines[i].key)
    return end


# Shape reasons a list's item may carry and still continue the list (a venue's name list).
_CONTINUABLE = frozenset({None, "name-list", "duplicate"})
_ITEM_WORDS = 30  # list items are short
_ITEM_LIKENESS = 0.7  # how alike two items' shapes are (difflib ratio of their skeletons)
_SKELETON_TOKEN = re.compile(r"https?://\S+|www\.\S+|\d+(?:[.,:]\d+)*|[^\W\d_]+|[^\w\s]")


def _continue_list(lines: list[Line], reasons: list[str | None], keep: list[bool]) -> None:
    """An article that ends in a list (tour dates, standings, products and their links) goes on,
    in place, while the lines after it keep the list's shape: scoring lines one at a time, the
    model cuts such a list after its first items, which look like a menu's."""
    kept = [i for i, k in enumerate(keep) if k]
    if len(kept) < 3:
        return
    last = kept[-1]
    if not (_same_item(lines[last], lines[kept[-2]]) or _same_item(lines[last], lines[kept[-3]])):
        return  # the article does not end in a list
    i = last + 1
    while i < len(lines) and reasons[i] in _CONTINUABLE:
        if not (_same_item(lines[i], lines[i - 1]) or _same_item(lines[i], lines[i - 2])):
            break  # items alternate at most in pairs (a product, its link)
        keep[i] = True
        i += 1


def _same_item(a: Line, b: Line) -> bool:
    """Two short lines, neither a sentence, of one shape: the same list marker ("3)", "June 9 --")
    or alike skeletons (numbers, links, capitalised and lower-case words, punctuation)."""
    if a.ends_sentence or b.ends_sentence or a.n_words > _ITEM_WORDS or b.n_words > _ITEM_WORDS:
        return False
    x, y = _skeleton(a.text), _skeleton(b.text)
    if len(x) >= 2 and x[:2] == y[:2] and not set(x[:2]) <= {"C", "w"}:
        return True
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= _ITEM_LIKENESS


def _skeleton(text: str) -> list[str]:
    """A line's shape: U for a link, N a number, C a run of capitalised words, w of lower-case
    ones, and punctuation as it is."""
    out: list[str] = []
    for tok in _SKELETON_TOKEN.findall(text):
        if tok.startswith(("http", "www.")):
            c = "U"
        elif tok[0].isdigit():
            c = "N"
        elif tok[0].isalpha():
            c = "C" if tok[0].isupper() else "w"
        else:
            c = tok
        if not (out and out[-1] == c and c in "Cw"):
            out.append(c)
    return out


def _is_title_shaped(line: Line) -> bool:
    return line.n_words <= 25 and not line.ends_sentence and not line.text.endswith((",", ";", ":"))


def _article_resumes(lines: list[Line], keep: list[bool], i: int) -> bool:
    """Line `i` and the next kept line are both full paragraphs (15+ words)."""
    nxt = next((j for j in range(i + 1, len(lines)) if keep[j]), None)
    return nxt is not None and lines[i].weight >= 15 and lines[nxt].weight >= 15


# Below this confidence a page is most likely not an article: a home page, a section front, a list
# of links (a made-up home page scores 0.26, tests/test_clean_boilerplate.py). Of the 181 articles in
# bench/flattened, 180 score 0.5 or more; the one below is a page whose text the cleaner does not
# find. All 982 ECB+ articles, briefs of one or two sentences included, score 0.5 or more.
NOT_AN_ARTICLE_BELOW = 0.4


def article_confidence(verdicts: list[Verdict]) -> float:
    """How sure the cleaner is that the kept lines are one article, from 0 to 1.

    The line model's mean score over the kept words, scaled down when the longest run of kept
    lines (no removed line between them) is short: an article is one stretch of text, a home
    page is teasers cut apart by headlines and timestamps. A run of 50 words is enough, or half
    the page's words on a page shorter than 100 words, so that a brief is not taken for a home
    page. Below `NOT_AN_ARTICLE_BELOW` the page is most likely not an article.
    """
    kept = [v for v in verdicts if v.keep]
    words = sum(v.line.weight for v in kept)
    if not words:
        return 0.0
    score = sum((v.score if v.score is not None else 1.0) * v.line.weight for v in kept) / words
    run = longest = 0
    for v in verdicts:
        run = run + v.line.weight if v.keep else 0
        longest = max(longest, run)
    enough = min(50.0, 0.5 * sum(v.line.weight for v in verdicts))
    return round(score * min(1.0, longest / enough), 3)
