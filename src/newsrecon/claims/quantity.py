"""The quantity parser for news prose: numbers with their range, hedge and unit, never a date or an age.

`find_quantities(text)` returns every figure a sentence states, as bounds the way a reader takes
them: "over 1,000" is at least 1,000 (low 1000, high None), "as many as 12,000" at most 12,000,
"1,000 to 3,000" both bounds, "about 300" is 300 give or take (approximate). A tally ("voted 97-1")
is two figures, its sides; a share ("two-thirds", "one in five") a percent; a number joined to its
noun ("a 48-page indictment") a count. Years, dates, clock times, ages, calibres ("170-mm"), labels
("No. 2"), ordinals ("15th"), reading times and phone numbers are not figures and are left out.
Pure and fast: regular expressions only, no model.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import accumulate

from newsrecon import limits
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
    side: str | None = None  # of a tally ("voted 97-1", "won 3-1"): "for" (97) or "against" (1)

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
        m = re.match(r"([\d,.\s\u00a0\u202f\u2009]*\d)(?:\s*|-)([a-z]*)$", s)  # "12 million", "110-billion"
        if not m:
            return None
        digits, scale = m.group(1), m.group(2)
        if len(digits) > limits.MAX_DIGITS:  # a code or junk: past about 300 digits a float is infinite
            return None
        try:
            value = float(_SEPARATORS.sub("", digits)) + fraction
        except ValueError:
            return None
        if scale:
            factor = P.SCALES.get(scale.rstrip("s")) or P.SCALE_ABBR.get(scale)
            if factor is None:
                return None
            value *= factor
        return value if math.isfinite(value) else None
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
    found = [_unit_fraction(m) for m in P.UNIT_FRACTION.finditer(text)]
    of_unit = _Spans((q.start, q.end) for q in found)
    found += [
        q
        for m in P.FRACTION.finditer(text)
        if not of_unit.overlaps(m.start(), m.end()) and (q := _fraction(text, m)) is not None
    ]
    # Numbers inside a fraction ("one in five", "a quarter of a million") are the fraction's.
    in_fraction = _Spans((q.start, q.end) for q in found)
    taken: list[tuple[int, int]] = [(q.start, q.end) for q in found]
    for m in P.QUANTITY.finditer(text):
        if in_fraction.overlaps(m.start("num"), m.end()):
            continue
        for q in _from_match(text, m):
            found.append(q)
            taken.append((q.start, q.end))
    # Vague amounts only where no figure is.
    figures = _Spans(taken)
    for m in P.VAGUE_QUANTITY.finditer(text):
        if figures.overlaps(m.start(), m.end()):
            continue
        hedge = m["hedge"]
        found.append(
            QuantityMatch(
                m.start(), m.end(), m.start("num"), m.end("num"), None, None, True, hedge, None, "count", True
            )
        )
    return sorted(found, key=lambda q: q.start)


class _Spans:
    """Spans sorted by start with the furthest end so far, so that an overlap test is a bisection (a
    scan of every figure made a long paragraph quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)
        return bool(k) and self._reach[k - 1] > start


def _unit_fraction(m: re.Match) -> QuantityMatch:
    """A fraction of one unit ("half a mile" 0.5 mi, "three quarters of an hour" 0.75 h)."""
    unit, kind = P.UNITS[m["unit"].lower()]
    if m["half_a"]:
        value = 0.5
    elif m["part"]:
        value = 1 / P.DENOMINATORS[m["part"].lower()]
    else:
        value = (parse_number(m["num"]) or 0) / P.DENOMINATORS[m["parts"].lower()]
    numbers = next(g for g in ("half_a", "a", "part", "num") if m[g])
    return _hedged(m, m.start(numbers), m.end(), value, unit, kind)


def _hedged(m: re.Match, start: int, end: int, value: float, unit: str | None, kind: str) -> QuantityMatch:
    """A match's value as bounds its hedge ("more than", "up to", "about") gives it; `start` and
    `end` delimit the value."""
    low: float | None = value
    high: float | None = value
    bound = _bound_kind(m["hedge"])
    if bound == "low":
        high = None
    elif bound == "high":
        low = None
    return QuantityMatch(
        m.start(), m.end(), start, end, low, high, bound == "approx", _norm(m["hedge"]), unit, kind
    )


def _fraction(text: str, m: re.Match) -> QuantityMatch | None:
    """A share as a percent ("two-thirds" 66.7 %, "one in five" 20 %), or a fraction of a scale word
    ("a quarter of a million") as the count it makes."""
    if m["ratio_num"]:
        num, den = parse_number(m["ratio_num"]), parse_number(m["ratio_den"])
        if num is None or not den or num >= den or (m["ratio_den"].isdigit() and 1800 <= den <= 2100):
            return None  # "ten in 2004", "five in three": no ratio
        group = "ratio_den"
    else:
        group = next(g for g in ("frac", "frac_spaced", "half") if m[g])
        if m["half"] and not m["hedge"] and P.HALF_AS_NOUN.search(_before(text, m.start())):
            return None
        words = m[group].lower().replace("-", " ").split()
        num = 1.0 if words[0] in ("half", "a", "an") else parse_number(words[0])
        den = P.DENOMINATORS[words[-1]]
        if num is None:
            return None
    value, unit, kind = 100 * num / den, "%", "percent"
    if m["scale"]:
        value, unit, kind = num / den * P.SCALES[m["scale"].split()[-1].lower()], None, "count"
    start = m.start("ratio_num") if m["ratio_num"] else m.start(group)
    end = m.end("scale") if m["scale"] else m.end(group)
    return _hedged(m, start, end, value, unit, kind)


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
    if second is not None:
        first = _scale_carried(num, num2, first, second)
    before, after = _before(text, m.start("num")), _after(text, m.end("num"))
    unit, kind = _unit_of(m)
    if kind == "count" and num2 is None and num.endswith("m") and P.METRES_AFTER.match(after):
        first, unit, kind = first / P.SCALE_ABBR["m"], "m", "distance"
    hedged = m["hedge"] is not None or m["hedge_after"] is not None
    if num2 is None and (pair := _slash_pair(text, m, first, kind, hedged)):
        return pair
    if _not_a_figure(num, first, before, after, m, kind, hedged, text):
        return []
    if num2 is None and m.end() == m.end("num") and (compound := _compound(after, kind)):
        length, unit, kind = compound
        return [_single(m, first, kind, unit, end=m.end("num") + length)]
    if num2 is not None:
        after2 = _after(text, m.end("num2"))
        # "rose from 5 to 11" is a change, two figures; "ranging from 3.6 to 4.3" is one range
        said_before = _before(text, m.start()).rstrip().lower()
        changed = said_before.endswith("from") and not P.SPREAD_FROM.search(said_before)
        if second is not None and _not_a_figure(
            num2, second, _before(text, m.start("num2")), after2, m, kind, True, text
        ):
            if P.AGE_AFTER.match(after2) or P.TIME_AFTER.match(after2):
                return []  # "between 30 and 40 years old", "from 9 to 11 a.m.": the first is one too
            second = None
        if m["range"].lower() == "or" and (second is None or not first < second <= 2 * first):
            # "three or four" is a range; "3 or 17", "30 or 3" are two figures
            pair = [_single(m, first, kind, unit, end=m.end("num"))]
            return pair + ([_second(m, second, kind, unit)] if second is not None else [])
        if second is None or second <= first:
            return _not_a_range(m, first, second, kind, unit, (before, after2), changed)
        if changed:
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


def _not_a_range(
    m: re.Match,
    first: float,
    second: float | None,
    kind: str,
    unit: str | None,
    context: tuple[str, str],
    changed: bool,
) -> list[QuantityMatch]:
    """A pair whose second number is no upper bound: a tally's two sides ("voted 97-1"), a change's two
    figures ("fell from 20 to 11"), no figure ("2021-22", "2024-03-05"), else the first alone."""
    before, after2 = context  # before the pair, after its second number
    one = _single(m, first, kind, unit, end=m.end("num"))
    if second is None or second == first:
        return [one]
    if _is_tally(m, kind, before, after2, changed):
        against = replace(_second(m, second, kind, unit), end=m.end("num2"), side="against")
        return [replace(one, side="for"), against]
    if m["range"] in "-–—":
        return []
    return [one, _second(m, second, kind, unit)] if changed else [one]


def _scale_carried(num: str, num2: str, first: float, second: float) -> float:
    """ "between $19 and $22 million", "3 to 5 million": the second number's scale word is the first's
    too, when the first has none and is below the second's base ("500 to 2 million" stays 500)."""
    scale = P.SCALE_SUFFIX.search(num2)
    if not scale or P.SCALE_SUFFIX.search(num):
        return first
    base = parse_number(num2[: scale.start()])
    if not base or first >= base:
        return first
    return first * second / base


def _slash_pair(text: str, m: re.Match, first: float, kind: str, hedged: bool) -> list[QuantityMatch]:
    """ "100/65" (a blood pressure, a ratio): two figures, when one of them is too big to be a day or a
    month ("9/11", "3/4" and "27/02/2025" are dates or labels) and neither is a year ("2020/21")."""
    s = P.SLASH_PAIR.match(text, m.end("num"))
    if not s or kind != "count" or m.end() != m.end("num") or not m["num"].isdigit():
        return []
    if P.DESIGNATION_BEFORE.search(_before(text, m.start())):
        return []
    second = float(s["num2"])
    if max(first, second) <= 31 or _is_year(m["num"]) or _is_year(s["num2"]):
        return []
    before, after = _before(text, m.start("num")), _after(text, s.end())  # what follows the pair
    if _not_a_figure(m["num"], first, before, after, m, kind, hedged, text):
        return []
    at = s.start("num2")
    return [
        _single(m, first, kind, None, end=m.end("num")),
        QuantityMatch(at, s.end(), at, s.end(), second, second, False, None, None, kind),
    ]


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1800 <= int(digits) <= 2100


def _is_tally(m: re.Match, kind: str, before: str, after2: str, changed: bool) -> bool:
    """ "voted 97-1", "a 348-77 vote", "won 3 to 1": a bigger whole number, then a smaller one, joined
    by a dash or "to" (not "from 20 to 11", a change), with nothing after that makes them a date or a
    code ("2024-03-05", "5-1A") and no code or company before ("Acme Co. 747-8")."""
    return (
        kind == "count"
        and not m["between"]
        and not changed
        and P.TALLY_NUMBER.fullmatch(m["num"]) is not None
        and P.TALLY_NUMBER.fullmatch(m["num2"]) is not None
        and not re.match(r"[\w–—-]|[/.:]\d", after2)
        and not P.DESIGNATION_BEFORE.search(before)
        and not (m["range"].lower() == "to" and float(m["num"].replace(",", "")) <= 12)  # "9 to 5": hours
    )


def _compound(after: str, kind: str) -> tuple[int, str | None, str] | None:
    """A number joined to the noun it counts: "a 48-page indictment" (a count, which then covers
    "-page"), "a 30-second ad" (a duration). None for "50-odd", "one-on-one", "two-pronged"."""
    c = P.COMPOUND_AFTER.match(after)
    if kind != "count" or not c:
        return None
    noun = c["noun"].lower()
    if noun in P.NOT_COUNTED_NOUNS or P.ADJECTIVE_ENDING.search(noun):
        return None
    unit, unit_kind = P.UNITS.get(noun) or P.UNITS.get(noun + "s") or (None, "count")
    return c.end(), unit, unit_kind


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
        if key == "ft" and unit_text.strip(" -") != "ft":
            return None, "count"  # "a 2023 FT investigation": the newspaper, not feet
        unit, kind = P.UNITS.get(key, (key, "other"))
        if per and kind == "distance" and per.split()[-1] in P.PER_TIMES:
            kind = "speed"  # "120 miles per hour" is how fast, not how far
        return (f"{unit} {per}" if per else unit), kind
    return None, "count"


def _not_a_figure(
    surface: str, value: float, before: str, after: str, m: re.Match, kind: str, hedged: bool, text: str
) -> bool:
    """Years, dates, times, ages, calibres, labels, reading times and phone numbers are not figures."""
    digits = surface[:1].isdigit()
    bare = surface.strip()
    if digits and after[:2] and after[:1] in "/:" and after[1:2].isdigit():
        return True  # 27/02/2025, 07:37
    if digits and before[-1:] in ("/", ":") and before[-2:-1].isdigit():
        return True
    if P.TIME_AFTER.match(after) or P.AGE_AFTER.match(after) or P.AGE_BEFORE.search(before):
        return True
    if P.AGE_PAIR_BEFORE.search(before) and P.AGE_PAIR_AFTER.match(after):
        return True  # "aged from one to 12 were", "aged 11 and 14,"
    if digits and re.fullmatch(r"\d*0", bare) and P.DECADE_AFTER.match(after):
        return True  # "in their 20s", "the 1990s"
    if P.CALIBRE_AFTER.match(after) or P.READ_TIME_AFTER.match(after):
        return True
    if digits and P.ORDINAL_AFTER.match(after):
        return True  # "the 15th anniversary"
    if not digits and (
        P.SCALE_ORDINAL_AFTER.match(after)
        or (P.TENS_ORDINAL_AFTER.match(after) and P.TENS_END.search(surface))
    ):
        return True  # "twenty-first century", "one hundredth"
    if (
        value <= 31
        and kind == "count"
        and (_day_before_month(after.lstrip()) or P.DATE_BEFORE.search(before))
    ):
        return True
    if digits and value <= 120 and P.AGE_APPOSITION[0].search(before) and P.AGE_APPOSITION[1].match(after):
        return True
    if P.LABEL_BEFORE.search(before):
        return True
    if (
        not hedged
        and re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", bare)
        and (
            P.CLOCK_LOCAL_AFTER.match(after)
            or (P.CLOCK_AFTER_AT.match(after) and P.CLOCK_BEFORE.search(before))
        )
    ):
        return True  # "1353 local time", "at 1100 hours" ("worked 1100 hours" is a duration)
    if digits and not hedged and kind == "count" and re.fullmatch(r"\d+", bare):
        if len(bare) > 1 and bare[0] == "0":
            return True  # "BEY 0843", "007": a leading zero writes a code, not an amount
        if P.NAME_BEFORE.search(before) and P.NAME_ENDS_AFTER.match(after):
            return True  # "Interstate 75 near Troy": a number that ends a name
        if P.ROUTE_BEFORE.search(before) and P.ROUTE_ENDS_AFTER.match(after):
            return True  # "a chase along Interstate 75 in Genesee County", "aboard Flight 370."
    if digits and kind == "count" and not hedged and re.fullmatch(r"\d{4}", bare) and 1800 <= value <= 2100:
        return True  # a year
    if (
        kind == "count"
        and not digits
        and not hedged
        and value <= 20
        and P.DEFINITE_BEFORE.search(before[max(0, len(before) - 12) :])
        and not P.COMPOUND_AFTER.match(after)
    ):
        return True  # "the two leaders": a reference, not a reported count ("the five-term senator" is)
    if not digits and bare.lower() in ("one", "an", "a") and re.match(r"^\s+of\b", after):
        return True  # "one of the objectives"
    if re.fullmatch(r"\d{3}", bare) and P.DIALLED[0].search(before) and P.DIALLED[1].match(after):
        return True  # "called 911"
    window = text[max(0, m.start() - 6) : m.end() + 12]
    phone = P.PHONE.search(window) if digits and not hedged else None
    return bool(phone and re.search(r"\d[-.(]\d|[()+]", phone.group(0)))


def _day_before_month(after: str) -> bool:
    """ "7 February", "5th of May"; not "19 Sept. 11 hijackers", where the month has its own day."""
    return bool(P.DATE_AFTER.match(after)) and not P.MONTH_WITH_DAY.match(after)
