"""Date expressions in article text: found with their offsets, resolved against a reference date.

Finding is per document and needs no date ("last August" is found as "August, the one before").
Resolving needs the article's date (stated, inferred, or the story's), and keeps the precision the
text supports: "August 6, 2024" -> 2024-08-06, "in November" -> 2024-11 in a February 2025
article, "last year" -> 2024, "on Thursday" -> the Thursday on or before the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}

_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
    r"|sep(?:t(?:ember)?|\.)?|sept\.|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("numeric", rf"\b(?P<a>[0-3]?\d)/(?P<b>[01]?\d)/(?P<y>{_YEAR})\b"),
        ("mdy", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
        ("dmy", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"),
        ("md", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!,?\s*{_YEAR})(?!\s*(?:%|percent|million|billion))"),
        ("dm", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b(?!,?\s+{_YEAR})"),
        ("my", rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("month_rel", rf"\b(?P<m>{_MONTH})\s+(?P<rel>last|this|next)\s+year\b"),
        ("last_month", rf"\blast\s+(?P<m>{_MONTH})\b"),
        ("season", r"\b(?P<rel>last|this|next)\s+(?P<s>spring|summer|fall|autumn|winter)\b"),
        (
            "month",
            rf"\b(?:in|since|by|until|till|during|from|through|between|early|late|mid-?|end\s+of|beginning\s+of"
            rf"|start\s+of|middle\s+of|week\s+of|and|or)\s+(?P<m>{_MONTH})\b(?!\s+\d)",
        ),
        # a year, not a count: no thousands separator after it ("2,004,000"), but a clause's comma may
        # follow ("hit in 1996, triggering waves")
        ("year", rf"(?<![\d,.$€£])\b(?P<y>{_YEAR})\b(?!\d|,\d|\s*(?:people|soldiers|troops|km|kilomet))"),
        (
            "ago",
            r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|ten)\s+(?P<u>day|week|month|year)s?\s+ago\b",
        ),
        ("relative", r"\b(?P<rel>yesterday|today|tonight|tomorrow)\b"),
        (
            "period",
            r"\b(?:(?P<earlier>earlier|later)\s+)?(?P<rel>last|this|next|earlier\s+this|later\s+this)\s+"
            r"(?P<u>week|month|year)\b",
        ),
        ("weekday", rf"\b(?:(?P<rel>last|this|next|earlier|late|early)\s+)?(?P<w>{_WEEKDAY})\b"),
    )
)
_MONTH_WORDS = re.compile(rf"^{_MONTH}$", re.IGNORECASE)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a document: where it is, its kind and what it says, unresolved."""

    start: int  # offsets in the document's original text
    end: int
    text: str
    kind: str
    parts: tuple[tuple[str, str], ...]  # the pattern's named groups that matched
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    basis: str


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().strip(".")[:3])


def find_dates(text: str) -> list[tuple[int, int, str, dict[str, str]]]:
    """Date expressions in `text`: (start, end, kind, parts), longest match first, no overlaps."""
    found: list[tuple[int, int, str, dict[str, str]]] = []
    taken: list[tuple[int, int]] = []  # the spans found, sorted; they never overlap, so the one
    # before a new span's end is the only one it can overlap (a scan of all made long texts quadratic)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if kind == "month":
                start = m.start("m")  # "in November": the month is the expression
            k = bisect_left(taken, (end,))
            if k and taken[k - 1][1] > start:
                continue
            parts = {k: v for k, v in m.groupdict().items() if v}
            if "m" in parts and _month(parts["m"]) is None:
                continue
            if (
                parts.get("m", "").lower() == "may"
                and kind in ("month", "md", "dm")
                and not text[start].isupper()
            ):
                continue  # "may" the verb
            found.append((start, end, kind, parts))
            insort(taken, (start, end))
    return sorted(found)


def _on_or_before(ref: dt.date, weekday: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _year_for_month(month: int, ref: dt.date, strictly_before: bool = False) -> int:
    """The year of "in <month>" said on `ref`: this year unless that month is still to come."""
    if month > ref.month or (strictly_before and month == ref.month):
        return ref.year - 1
    return ref.year


def resolve(mention: DateMention, ref: dt.date | None, ref_label: str = "") -> ResolvedDate | None:
    """The date a mention stands for, at the precision the text gives, with how it was resolved."""
    p = dict(mention.parts)
    k = mention.kind
    rel = f"relative to {ref.isoformat()}{ref_label}" if ref else ""
    try:
        if k == "iso":
            return ResolvedDate(f"{p['y']}-{p['m']}-{p['d']}", "explicit")
        if k == "numeric":
            a, b = int(p["a"]), int(p["b"])
            day, month = (a, b) if a > 12 or b <= 12 else (b, a)
            return ResolvedDate(dt.date(int(p["y"]), month, day).isoformat(), "explicit")
        if k in ("mdy", "dmy"):
            day = int(re.sub(r"\D", "", p["d"]))
            return ResolvedDate(dt.date(int(p["y"]), _month(p["m"]), day).isoformat(), "explicit")
        if k == "my":
            return ResolvedDate(f"{p['y']}-{_month(p['m']):02d}", "explicit")
        if k == "year":
            return ResolvedDate(p["y"], "explicit")
        if ref is None:
            return None
        if k in ("md", "dm"):
            month, day = _month(p["m"]), int(re.sub(r"\D", "", p["d"]))
            date = dt.date(ref.year, month, day)
            if date - ref > dt.timedelta(days=31):  # "December 27" in a February article: last December
                date = dt.date(ref.year - 1, month, day)
            return ResolvedDate(date.isoformat(), f"{rel}: {mention.text}")
        if k == "month":
            month = _month(p["m"])
            return ResolvedDate(f"{_year_for_month(month, ref)}-{month:02d}", f"{rel}: {mention.text}")
        if k == "last_month":
            month = _month(p["m"])
            return ResolvedDate(f"{_year_for_month(month, ref, True)}-{month:02d}", f"{rel}: {mention.text}")
        if k == "month_rel":
            shift = {"last": -1, "this": 0, "next": 1}[p["rel"].lower()]
            return ResolvedDate(f"{ref.year + shift}-{_month(p['m']):02d}", f"{rel}: {mention.text}")
        if k == "season":
            month = SEASONS[p["s"].lower()]
            shift = {"last": -1, "this": 0, "next": 1}[p["rel"].lower()]
            year = ref.year + shift if shift else ref.year
            if shift == -1 and month < ref.month:
                year = ref.year  # "last spring" said in November: this year's
            return ResolvedDate(str(year), f"{rel}: {mention.text}")
        if k == "relative":
            days = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[p["rel"].lower()]
            return ResolvedDate((ref + dt.timedelta(days=days)).isoformat(), f"{rel}: {mention.text}")
        if k == "ago":
            n = int(p["n"]) if p["n"].isdigit() else _NUMBER_WORDS[p["n"].lower()]
            unit = p["u"].lower()
            if unit == "day":
                return ResolvedDate((ref - dt.timedelta(days=n)).isoformat(), f"{rel}: {mention.text}")
            if unit == "week":
                return ResolvedDate((ref - dt.timedelta(weeks=n)).strftime("%Y-%m"), f"{rel}: {mention.text}")
            if unit == "month":
                y, m = divmod(ref.year * 12 + ref.month - 1 - n, 12)
                return ResolvedDate(f"{y}-{m + 1:02d}", f"{rel}: {mention.text}")
            return ResolvedDate(str(ref.year - n), f"{rel}: {mention.text}")
        if k == "period":
            unit, which = p["u"].lower(), " ".join(p["rel"].lower().split())
            shift = -1 if which == "last" else 1 if which == "next" else 0
            if unit == "week":
                day = ref + dt.timedelta(weeks=shift)
                return ResolvedDate(day.strftime("%Y-%m"), f"{rel}: {mention.text}")
            if unit == "month":
                y, m = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
                return ResolvedDate(f"{y}-{m + 1:02d}", f"{rel}: {mention.text}")
            return ResolvedDate(str(ref.year + shift), f"{rel}: {mention.text}")
        if k == "weekday":
            weekday = WEEKDAYS.index(p["w"].lower())
            day = _on_or_before(ref, weekday)
            if (p.get("rel") or "").lower() == "last" and day == ref:
                day -= dt.timedelta(days=7)
            if (p.get("rel") or "").lower() == "next":
                day = ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
            return ResolvedDate(day.isoformat(), f"{rel}: {mention.text}")
    except (ValueError, KeyError, TypeError):
        return None
    return None
