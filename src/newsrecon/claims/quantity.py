"""The quantity parser for news prose: numbers with their range, hedge and unit, never a date or an age.

`find_quantities(text)` returns every figure a sentence states, as bounds the way a reader takes
them: "over 1,000" is at least 1,000 (low 1000, high None), "as many as 12,000" at most 12,000,
"1,000 to 3,000" both bounds, "about 300" is 300 give or take (approximate). Years, dates, clock
times, ages, calibres ("170-mm"), labels ("No. 2"), reading times and phone numbers are not
figures and are left out. Pure and fast: regular expressions only, no model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from newsrecon.claims import patterns as P

_SEPARATORS = re.compile(r"[,\s\u00a0\u202f\u2009]")
_WORD_TOKEN = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """One figure found in a text, with offsets into that text."""

    start: int  # the whole expression: hedge, number(s), unit
    end: int
    value_start: int  # the number alone (the first number of a range)
    value_end: int
    low: float | None
    high: float | None
    approximate: bool
    hedge: str | None
    unit: str | None
    kind: str  # count, money, area, distance, magnitude, percent, duration, mass
    vague: bool = False  # "thousands", "dozens": a count without a number
    numbers_end: int = -1  # end of the last number (of a range: the second); -1: value_end

    @property
    def numbers_stop(self) -> int:
        return self.numbers_end if self.numbers_end >= 0 else self.value_end

    @property
    def value(self) -> float | None:
        """One number for the figure: the point value, else whichever bound is stated."""
        return self.low if self.low is not None else self.high


def parse_number(text: str) -> float | None:
    """'3 000', '1,000', '12.5 million', '$2bn' minus the '$', 'a thousand', 'twenty-five' -> a number."""
    s = text.strip().lower()
    if not s:
        return None
    if s[0].isdigit():
        fraction = 0.0
        if f := re.search(r"\s+([1-9])/([2348])$", s):  # "10 1/2"
            fraction, s = int(f.group(1)) / int(f.group(2)), s[: f.start()]
        m = re.match(r"([\d,.\s\u00a0\u202f\u2009]*\d)\s*([a-z]*)$", s)
        if not m:
            return None
        digits, scale = m.group(1), m.group(2)
        try:
            value = float(_SEPARATORS.sub("", digits)) + fraction
        except ValueError:
            return None
        if scale:
            factor = P.SCALES.get(scale.rstrip("s")) or P.SCALE_ABBR.get(scale)
            if factor is None:
                return None
            value *= factor
        return value
    return _parse_words(s)


def _parse_words(s: str) -> float | None:
    words = _WORD_TOKEN.findall(s.replace("-", " "))
    if words and words[0] == "half":  # "half a million", "half a dozen", "half million"
        rest = [w for w in words[1:] if w not in ("a", "an")]
        unit = 12 if rest == ["dozen"] else P.SCALES.get(rest[0]) if len(rest) == 1 else None
        return unit / 2 if unit else None
    if words == ["a", "dozen"]:
        return 12.0
    if "half" in words:  # "one and a half million", "two and a half"
        i = words.index("half")
        base = _parse_words(" ".join(words[: max(0, i - 2)]))
        scale = P.SCALES.get(words[i + 1]) if i + 1 < len(words) else None
        if base is None:
            return None
        return (base + 0.5) * (scale or 1)
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "and":
            continue
        elif w in P.SMALL:
            current += P.SMALL[w]
            seen = True
        elif w in P.TENS:
            current += P.TENS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in P.SCALES:
            total += max(current, 1) * P.SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def _bound_kind(hedge: str | None) -> str | None:
    if hedge is None:
        return None
    key = " ".join(hedge.lower().split())
    return P.HEDGES_BEFORE.get(key) or P.HEDGES_AFTER.get(key)


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every figure stated in `text`, in order. Never raises on any input."""
    found: list[QuantityMatch] = []
    taken: list[tuple[int, int]] = []
    for m in P.QUANTITY.finditer(text):
        for q in _from_match(text, m):
            found.append(q)
            taken.append((q.start, q.end))
    # Vague amounts only where no figure is: spans sorted by start with the furthest end so far, so
    # that each test is a bisection (a scan of every figure made a long paragraph quadratic).
    taken.sort()
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))
    for m in P.VAGUE_QUANTITY.finditer(text):
        k = bisect_left(starts, m.end())
        if k and reach[k - 1] > m.start():
            continue
        hedge = m["hedge"]
        found.append(
            QuantityMatch(
                m.start(), m.end(), m.start("num"), m.end("num"), None, None, True, hedge, None, "count", True
            )
        )
    return sorted(found, key=lambda q: q.start)


# How far around a figure the tests for years, dates, ages and labels look. Their patterns are
# anchored at the figure and span a few words; slicing the whole text on each side made a paragraph
# with many figures quadratic (a 100 kB line took minutes, a 20 MB one never finished).
CONTEXT_CHARS = 200


def _before(text: str, at: int) -> str:
    """Up to `CONTEXT_CHARS` before `at`, reaching back over a run of spaces to the word before it,
    and never starting inside a word (a cut "passage" would read as "age")."""
    start = max(0, at - CONTEXT_CHARS)
    while start > 0 and text[start].isspace():  # a long run of blanks: go back to its word
        start -= 1
    while start > 0 and text[start - 1].isalnum():  # start the window at a word's start
        start -= 1
    return text[start:at]


def _after(text: str, at: int) -> str:
    return text[at : at + CONTEXT_CHARS]


def _from_match(text: str, m: re.Match) -> list[QuantityMatch]:
    """The figure(s) one match of the quantity pattern stands for; none when it is not a figure."""
    num, num2 = m["num"], m["num2"]
    first = parse_number(num)
    second = parse_number(num2) if num2 else None
    if first is None:
        return []
    if m["sign"]:
        first = -first
    before, after = _before(text, m.start("num")), _after(text, m.end("num"))
    unit, kind = _unit_of(m)
    hedged = m["hedge"] is not None or m["hedge_after"] is not None
    if _not_a_figure(num, first, before, after, m, kind, hedged, text):
        return []
    if num2 is not None:
        after2 = _after(text, m.end("num2"))
        if (
            second is None
            or second <= first
            or _not_a_figure(num2, second, _before(text, m.start("num2")), after2, m, kind, True, text)
        ):
            # "3-1" (a score), "from 5 to 11" (a change), "2021-2024": not a range; keep the first alone.
            if second is not None and second < first and m["range"] in "-–—":
                return []
            return [_single(m, first, kind, unit, end=m.end("num"))]
        if _before(text, m.start()).rstrip().lower().endswith("from"):  # "rose from 5 to 11": two figures
            return [_single(m, first, kind, unit, end=m.end("num")), _second(m, second, kind, unit)]
    low: float | None
    high: float | None
    low, high = (first, second) if second is not None else (first, first)
    hedge = m["hedge"] or m["hedge_after"]
    if m["between"] and second is None:
        hedge = None
    approximate = False
    for h in (m["hedge"], m["hedge_after"]):
        kind_of = _bound_kind(h)
        if kind_of == "low":
            high = None
        elif kind_of == "high":
            low = None
        elif kind_of == "approx":
            approximate = True
    if m["hedge"] and m["hedge_after"]:
        hedge = f"{m['hedge']} … {m['hedge_after']}"
    numbers_end = m.end("num2") if second is not None else m.end("num")
    return [
        QuantityMatch(
            m.start(),
            m.end(),
            m.start("num"),
            m.end("num"),
            low,
            high,
            approximate,
            _norm(hedge),
            unit,
            kind,
            numbers_end=numbers_end,
        )
    ]


def _single(m: re.Match, value: float, kind: str, unit: str | None, end: int) -> QuantityMatch:
    low, high, approximate = value, value, False
    bound = _bound_kind(m["hedge"])
    if bound == "low":
        high = None
    elif bound == "high":
        low = None
    elif bound == "approx":
        approximate = True
    return QuantityMatch(
        m.start(), end, m.start("num"), m.end("num"), low, high, approximate, _norm(m["hedge"]), unit, kind
    )


def _second(m: re.Match, value: float, kind: str, unit: str | None) -> QuantityMatch:
    return QuantityMatch(
        m.start("num2"), m.end(), m.start("num2"), m.end("num2"), value, value, False, None, unit, kind
    )


def _norm(hedge: str | None) -> str | None:
    return " ".join(hedge.lower().split()) if hedge else None


def _unit_of(m: re.Match) -> tuple[str | None, str]:
    per = " ".join(m["per"].split()).lower() if m["per"] else None
    if m["currency"] or m["currency_word"]:
        code = P.CURRENCY_SYMBOLS.get((m["currency"] or "").lower()) or P.CURRENCY_WORDS.get(
            (m["currency_word"] or "").strip().lower(), "money"
        )
        return (f"{code} {per}" if per else code), "money"
    if m["magnitude_pre"]:
        return "magnitude", "magnitude"
    unit_text = m["unit"] or m["unit1"]
    if unit_text:
        key = " ".join(unit_text.strip(" -").lower().split())
        unit, kind = P.UNITS.get(key, (key, "other"))
        return (f"{unit} {per}" if per else unit), kind
    return None, "count"


def _not_a_figure(
    surface: str, value: float, before: str, after: str, m: re.Match, kind: str, hedged: bool, text: str
) -> bool:
    """Years, dates, times, ages, calibres, labels, reading times and phone numbers are not figures."""
    digits = surface[:1].isdigit()
    if digits and after[:2] and after[:1] in "/:" and after[1:2].isdigit():
        return True  # 27/02/2025, 07:37
    if digits and before[-1:] in ("/", ":") and before[-2:-1].isdigit():
        return True
    if P.TIME_AFTER.match(after) or P.AGE_AFTER.match(after) or P.AGE_BEFORE.search(before):
        return True
    if P.CALIBRE_AFTER.match(after) or P.READ_TIME_AFTER.match(after):
        return True
    if kind == "count" and re.match(
        r"^-(?:day|week|month|year|hour|minute|second|storey|story|point|page|member|man|seat|game|match)s?\b",
        after,
        re.I,
    ):
        return True  # "a one-month break": a compound adjective, not a count
    if (
        value <= 31
        and kind == "count"
        and (P.DATE_AFTER.match(after.lstrip()) or P.DATE_BEFORE.search(before))
    ):
        return True
    if digits and value <= 120 and P.AGE_APPOSITION[0].search(before) and P.AGE_APPOSITION[1].match(after):
        return True
    if P.LABEL_BEFORE.search(before):
        return True
    if (
        digits
        and kind == "count"
        and not hedged
        and re.fullmatch(r"\d{4}", surface.strip())
        and 1800 <= value <= 2100
    ):
        return True  # a year
    if (
        kind == "count"
        and not digits
        and not hedged
        and value <= 20
        and P.DEFINITE_BEFORE.search(before[max(0, len(before) - 12) :])
    ):
        return True  # "the two leaders": a reference, not a reported count
    if not digits and surface.strip().lower() in ("one", "an", "a") and re.match(r"^\s+of\b", after):
        return True  # "one of the objectives"
    window = text[max(0, m.start() - 6) : m.end() + 12]
    phone = P.PHONE.search(window) if digits and not hedged else None
    return bool(phone and re.search(r"\d[-.(]\d|[()+]", phone.group(0)))
