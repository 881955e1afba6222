"""Metadata the article states about itself: headline, byline, date, outlet, dateline and wire.

Read from the lines the cleaner set apart (a headline above the body, a "By ..." line, a date
line, a footer) and from the first paragraph (the dateline), never guessed from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import dateparser

from newsrecon.clean import patterns as P
from newsrecon.clean.boilerplate import Verdict, byline_names
from newsrecon.clean.lines import Line
from newsrecon.model import Metadata, MetaField

# Where characters start..end of a line's text lie in the original text: (line, start, end) -> (start, end).
OffsetMap = Callable[[Line, int, int], tuple[int, int]]

# Roles whose lines never name the article's headline or date (they describe photos or other stories).
_NOT_HEAD = frozenset({"caption", "image-credit", "duplicate", "keywords", "related-list", "appeal"})
WIRES = {  # a wire agency's names, lower-cased -> how it is credited
    "ap": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "pa": "PA",
    "ani": "ANI",
    "bloomberg": "Bloomberg",
}


def extract_metadata(
    lines: list[Line], verdicts: list[Verdict], mapped: OffsetMap
) -> tuple[Metadata, int | None]:
    """Metadata of one document, and the index of the headline line (so the cleaner can label it).

    `mapped(line, start, end)` gives the original offsets of characters `start`..`end` of
    `line.text` (`Line.span_in`, mapped back through the normalisation).
    """
    body_idx = [v.line.index for v in verdicts if v.keep]
    first_body = body_idx[0] if body_idx else len(lines)
    second_body = body_idx[1] if len(body_idx) > 1 else len(lines)
    head = [v for v in verdicts if v.line.index < second_body and not v.keep]

    byline, byline_line = _byline(verdicts, head, mapped)
    title_line = _headline(lines, verdicts, first_body, byline_line)
    title = _field(title_line, title_line.text, mapped) if title_line else None

    published = None
    for v in head:
        if v.reason in _NOT_HEAD or v.line is title_line:
            continue
        found = _first_date(v.line)
        if found:
            published = MetaField(found[0], *mapped(v.line, found[1], found[2]))
            break

    dateline = wire = None
    for v in verdicts:
        if v.keep and v.reason == "body":
            m = P.DATELINE.match(v.line.text)
            if m and _dateline_place_ok(m["place"]):
                dateline = MetaField(
                    m["place"].strip(" ,"), *mapped(v.line, m.start("place"), m.end("place"))
                )
                if m["wire"]:
                    wire = MetaField(
                        _canonical_wire(m["wire"]), *mapped(v.line, m.start("wire"), m.end("wire"))
                    )
            break
    if wire is None:
        for v in verdicts:
            if P.WIRE_CREDIT.search(v.line.text):
                wire = _field(v.line, "Reuters", mapped)
                break

    outlet = _outlet(verdicts, first_body, mapped)
    meta = Metadata(
        title=title, byline=byline, published=published, outlet=outlet, dateline=dateline, wire=wire
    )
    return meta, title_line.index if title_line else None


def _byline(
    verdicts: list[Verdict], head: list[Verdict], mapped: OffsetMap
) -> tuple[MetaField | None, Line | None]:
    """Author names from a "By ..." line, or from a bare line of names beside the date line."""
    for v in head:
        # The cleaner names a line of names alone a byline; one with a date or outlet after a
        # separator is read here ("By Ana Lopez | 3 March 2026").
        if (found := byline_names(v.line.text)) and v.line.n_words <= 16:
            names, start = _strip_affiliation(found[0]), found[1]
            # The names as the line spells them (spacing around commas may differ from `names`).
            end = start
            for name in names.split(", "):
                end = v.line.text.find(name, end) + len(name)
            return MetaField(names, *mapped(v.line, start, end)), v.line
    for v in head:
        line = v.line
        if v.keep or v.reason not in ("before-article", "not-prose") or not _is_name_list(line):
            continue
        near = [verdicts[j].reason for j in (line.index - 1, line.index + 1) if 0 <= j < len(verdicts)]
        if any(r in ("timestamp", "reading-time") for r in near):
            return _field(line, line.text, mapped), line
    return None, None


def _is_name_list(line: Line) -> bool:
    """ "Ana Lopez", "Ana Lopez and Tom Reed", "A. Lopez, T. Reed & K. Ito": people, not a headline."""
    if not line.words or line.n_words > 10 or line.ui_ratio > 0.3 or line.words[-1].lower() in P.MEDIA_WORDS:
        return False
    groups = re.split(r"\s*(?:,|&|\band\b)\s*", line.text)
    return all(
        2 <= len(g.split()) <= 3 and all(P.NAME_TOKEN.match(t) and t[0].isupper() for t in g.split())
        for g in groups
    )


def _strip_affiliation(names: str) -> str:
    """'Hanna Brode, Continental Press' -> 'Hanna Brode': an outlet or agency after the names is not an author."""
    names = names.strip(" ,.;|")
    parts = [p.strip() for p in names.split(",")]
    while len(parts) > 1 and (parts[-1].split()[-1].lower() in P.MEDIA_WORDS or parts[-1].lower() in WIRES):
        parts.pop()
    return ", ".join(parts)


def _field(line: Line, value: str, mapped: OffsetMap) -> MetaField:
    return MetaField(value, *mapped(line, 0, len(line.text)))


def _headline(
    lines: list[Line], verdicts: list[Verdict], first_body: int, byline: Line | None
) -> Line | None:
    """The headline: a title-shaped line above the body, preferring one the page repeats."""
    candidates = [
        v.line
        for v in verdicts[:first_body]
        if v.reason in ("before-article", "not-prose")
        and 3 <= v.line.n_words <= 30
        and not v.line.text.endswith((".", ",", ";", ":"))
        and v.line.ui_ratio < 0.5
        and not _is_masthead(v.line)
        and v.line is not byline
    ]
    if not candidates:
        return None

    # The page repeating a line word for word is the strongest sign of a headline; a longer line
    # holding it (a menu word glued on) is the next; otherwise the line nearest the body.
    def strength(c: Line) -> int:
        others = [x for x in lines if x is not c]
        return 2 if any(x.key == c.key for x in others) else 1 if any(_repeats(c, x) for x in others) else 0

    return max(reversed(candidates), key=strength)


def _repeats(headline: Line, other: Line) -> bool:
    """`other` repeats the headline: the same words, or them with a word or two glued on."""
    if other.key == headline.key:
        return True
    return headline.key in other.key and len(other.key) - len(headline.key) <= 16 and other.n_words <= 30


def _dateline_place_ok(place: str) -> bool:
    first = place.split(",")[0].replace(".", "").replace("-", "").replace(" ", "")
    return len(first) >= 3 and first.isupper()


def _canonical_wire(name: str) -> str:
    return WIRES.get(name.strip().lower(), name.strip())


def _first_date(line: Line) -> tuple[str, int, int] | None:
    """The first full date (day, month and year) in a line as YYYY-MM-DD, with its offsets."""
    for m in P.FULL_DATE.finditer(line.text):
        value = parse_full_date(m.group(0), numeric=m["numeric"] is not None)
        if value:
            return value, m.start(), m.end()
    return None


_NUMERIC = re.compile(r"(\d{1,2})([./])(\d{1,2})[./](\d{2,4})")


def parse_full_date(text: str, numeric: bool = False) -> str | None:
    """A stated date as YYYY-MM-DD, or None when it is not a plausible publication date.

    Numeric dates are read day-first when the first part cannot be a month or the separator is a
    dot (European style), month-first otherwise (the usual English-language order).
    """
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    if numeric:
        m = _NUMERIC.match(text)
        if m:
            a, sep, b = int(m[1]), m[2], int(m[3])
            settings["DATE_ORDER"] = "DMY" if a > 12 or (sep == "." and b <= 12) else "MDY"
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if not 1990 <= parsed.year <= dt.date.today().year + 1:
        return None
    return parsed.date().isoformat()


def _outlet(verdicts: list[Verdict], first_body: int, mapped: OffsetMap) -> MetaField | None:
    """The outlet when the page names itself: a masthead line outside the body, or a copyright owner."""
    for v in verdicts:
        line = v.line
        if v.keep or v.reason in ("caption", "image-credit", "headline", "duplicate"):
            continue
        if _is_masthead(line):
            text = _ACRONYM_SUFFIX.sub("", line.text).strip()
            start = line.text.find(text)
            return MetaField(text, *mapped(line, start, start + len(text)))
    last_body = max((v.line.index for v in verdicts if v.keep), default=len(verdicts))
    for v in verdicts:
        # A footer's copyright line names the publisher; a photo's credit names the photo agency.
        if v.keep or v.line.index <= last_body or v.reason in ("image-credit", "caption"):
            continue
        m = P.COPYRIGHT_OWNER.search(v.line.text)
        if m:
            owner = m["owner"].strip(" .,")
            if 1 <= len(owner.split()) <= 6 and owner.lower() not in WIRES:
                s = m.start("owner")
                return MetaField(owner, *mapped(v.line, s, s + len(owner)))
    return None


def _is_masthead(line: Line) -> bool:
    """A line that is only a publication's name: a few capitalised words ending in "Press", "Daily"..."""
    text = _ACRONYM_SUFFIX.sub("", line.text).strip()
    words = P.WORD.findall(text)
    if not 1 <= len(words) <= 5 or line.ends_sentence or P.END_MARKER.match(text.strip(" :")):
        return False
    if P.BYLINE.match(text):  # "By Ana Lopez, Continental Press": a byline with its outlet
        return False
    if not all(w[0].isupper() or w.lower() in ("of", "the", "and", "&") for w in words):
        return False
    return words[-1].lower() in P.MEDIA_WORDS and line.ui_ratio < 0.5


_ACRONYM_SUFFIX = re.compile(r"\s*\([A-Z]{2,6}\)\s*$")
