"""Measures: the claims across a story's documents that report one thing, and whether they agree.

Claims join one measure when their referents match (`align.linking`: a link model fitted on the
gold stories, average-linkage clustering with cannot-links). A measure's verdict: `conflict` when
the stated bounds cannot all hold together, after hedges, ranges, unit conversions and the
rounding implied by how each number is written ("$43 million" for $43,885,310; "35.7" for 35.72);
`changing` when the values that clash come from reports of three days or more and rise with time
(a toll climbing report by report); `consistent` when they can all hold; `single` with one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise

from newsrecon.align.bounds import BASE_UNITS, Item, bounds_of, consistent, interval
from newsrecon.align.families import rule_groups
from newsrecon.align.frames import StoryTime, frame_of
from newsrecon.align.linking import PRONOUNS, Linkable, cohesion, group, linkable
from newsrecon.model import Claim, Document, Measure

# The numeral of a figure as written: digits (any thousands separator, then decimals), then a scale
# word if any ("m" and "k" only for money: "100 m" is metres).
_NUMERAL = re.compile(
    r"(\d{1,3}(?:(?:, |[,\u00a0\u202f\u2009 ])\d{3})+|\d+)(?:\.(\d+))?\s*(thousand|million|billion|trillion|bn|mn|m|k)?\b",
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_MONEY_SCALE = {"m": 1e6, "k": 1e3}
CHANGING_DAYS = 3  # reports of so many days, at least, before a rising figure reads as changing
# Below this, a round number is taken as counted, not rounded ("10 people", "30 percent").
ROUNDED_FROM = 1000


def written_slack(surface: str, factor: float = 1.0, money: bool = False) -> tuple[float, float]:
    """How far below and above the written number the true value may lie, from the way it is written.

    A scale word names the place: "$43 million" is rounded or, as often, cut to millions, so it
    covers [42.51, 43.99] million ($43,885,310 fits); "$1.4 billion" covers [1.351, 1.499] billion.
    Decimals name theirs: "35.7" covers [35.651, 35.749]. A round number of a thousand or more is
    rounded to its last non-zero digit ("250,000": [245,100, 254,900]). Other numbers, words
    included, are exact: "seven years" and "eight years" conflict, and so do "10" and "14" people.
    """
    m = _NUMERAL.search(surface)
    if m is None:
        return 0.0, 0.0
    digits = re.sub(r"\D", "", m.group(1))
    decimals = m.group(2) or ""
    word = (m.group(3) or "").lower()
    scale = _SCALE.get(word) or (_MONEY_SCALE.get(word) if money else None)
    if scale:
        place = 10.0 ** -len(decimals) * scale
        return 0.49 * place * factor, 0.99 * place * factor
    if decimals:
        place = 10.0 ** -len(decimals)
    elif int(digits or "0") >= ROUNDED_FROM:
        place = 10.0 ** (len(digits) - len(digits.rstrip("0")))
        place = place if place > 1 else 0.0
    else:
        place = 0.0
    return 0.49 * place * factor, 0.49 * place * factor


def significant_figures(surface: str) -> int:
    """How many significant figures the figure's numeral is written with ("$139 million": 3,
    "230,000": 2, "8.6": 2, "eight": 0): a number of two or more rarely recurs by chance."""
    m = _NUMERAL.search(surface)
    if m is None:
        return 0
    digits = re.sub(r"\D", "", m.group(1)).lstrip("0")
    decimals = m.group(2) or ""
    return len(digits + decimals) if decimals else len(digits.rstrip("0"))


def _item(c: Claim, now: StoryTime, duplicate_of: dict[str, str]) -> Item:
    low, high, tol, base = bounds_of(c)
    factor = BASE_UNITS.get((c.quantity.unit or "").split(" ")[0], (None, 1.0))[1]
    money = c.quantity.kind == "money"
    slack_low, slack_high = written_slack(c.surface, factor, money) if not c.quantity.vague else (0.0, 0.0)
    mark = next((v for k, v in c.context if k == "mark"), None)
    origin = c.source or f"outlet:{duplicate_of.get(c.doc, c.doc)}"
    pred = c.referent.predicate if c.referent is not None else None
    return Item(c, (base,), frame_of(c, now), mark, low, high, tol, origin, pred, slack_low, slack_high)


def headlines(documents: list[Document]) -> set[str]:
    """Ids of the claims a headline states (they summarise the figures of the text below them)."""
    out = set()
    for d in documents:
        if (title := d.title_span()) is not None:
            out |= {c.id for c in d.claims if title.start <= c.start < title.end}
    return out


def _rounded(item: Item) -> tuple[float, float] | None:
    """A point value's bounds at the precision it is written in, hedges left out; None otherwise."""
    if item.low is None or item.high is None or item.low != item.high or item.claim.quantity.hedge:
        return None
    return item.low - item.slack_low, item.high + item.slack_high


def story_views(
    items: list[Item], rules: dict[str, int], headline: frozenset[str] | set[str] = frozenset()
) -> list[Linkable]:
    """What the link model reads of each item: its claim, time frame, bounds, rule group, how many
    figures it is written with and whether a headline states it (`headline`: those claims' ids)."""
    return [
        linkable(
            i.claim,
            i.frame.year if i.frame is not None and i.frame.year else None,
            interval(i),
            rules.get(i.claim.id),
            _rounded(i),
            i.value,
            significant_figures(i.claim.surface),
            i.claim.id in headline,
        )
        for i in items
    ]


def build_measures(
    documents: list[Document],
    now: StoryTime,
    duplicate_of: dict[str, str],
    model: str | None = None,
    prefix: str = "",
) -> tuple[list[Measure], list[Document]]:
    """Group the story's claims into measures; return the measures and the documents with each
    claim's `measure` set. `model`: a link model file other than the shipped one (for fitting);
    `prefix`: what each measure's id starts with (the story's id, so that ids are unique in a run)."""
    items = [_item(c, now, duplicate_of) for d in documents for c in d.claims]
    titled = headlines(documents)
    views = story_views(items, rule_groups(documents, now, duplicate_of, titled), titled)
    groups, links = group(views, model)
    groups.sort(key=lambda g: min(g))  # measures in the order of their first claim
    published = {d.id: d.meta.value("published") for d in documents}
    outlets = {d.id: d.meta.value("outlet") or d.id for d in documents}
    measures: list[Measure] = []
    assignment: dict[str, str] = {}
    for members_at in groups:
        mid = f"{prefix}m{len(measures) + 1}"
        members = [items[k] for k in members_at]
        measures.append(
            _measure(
                mid, members, [views[k] for k in members_at], cohesion(members_at, links), published, outlets
            )
        )
        for item in members:
            assignment[item.claim.id] = mid
    measures = _cross_check(measures, items, assignment)
    docs = [
        replace(d, claims=tuple(replace(c, measure=assignment.get(c.id)) for c in d.claims))
        for d in documents
    ]
    return measures, docs


def _label(items: list[Item], views: list[Linkable]) -> str:
    """The measure's name in the text's words: the thing most of its claims name, the verb, the
    holder and the time ("federal taxes paid (Clintons, 2014)")."""

    def most(values: list[str]) -> str | None:
        values = [v for v in values if v]
        # dict.fromkeys, not set: among values as frequent, the first named wins in every process.
        return max(dict.fromkeys(values), key=values.count) if values else None

    refs = [i.claim.referent for i in items if i.claim.referent is not None]
    thing = most([r.thing.lower() for r in refs if r.thing]) or most(
        [i.claim.quantity.counted or "" for i in items]
    )
    verb = most([r.predicate or "" for r in refs])
    holder = most([r.holder or "" for r in refs if r.holder and r.holder.lower() not in PRONOUNS])
    scope = most([r.scope or "" for r in refs])
    side = most([r.side or "" for r in refs])
    years = sorted({y for v in views for y in v.years})
    # With no noun for what is counted, the verb says it ("evacuate"), else the clause's words.
    head = thing or verb or " ".join(next((r.words[:3] for r in refs if r.words), ())) or "figure"
    words = [head]
    if verb and verb != head:
        words.append(verb)
    if side:
        words.append(f"({side})")
    extras = [
        x
        for x in (
            holder,
            f"in {scope}" if scope else None,
            "-".join(years[:1] + years[-1:][len(years) < 2 :]),
        )
        if x
    ]
    return " ".join(words) + (f" ({', '.join(extras)})" if extras else "")


def _describe(item: Item, outlets: dict[str, str]) -> str:
    c = item.claim
    who = c.source or "the outlet itself"
    return f"{c.surface!r} ({who}, in {outlets.get(c.doc, c.doc)})"


def _measure(
    mid: str,
    items: list[Item],
    views: list[Linkable],
    linked: float,
    published: dict[str, str | None],
    outlets: dict[str, str],
) -> Measure:
    judged = [i for i in items if not i.claim.quantity.vague]
    origins = sorted({i.origin for i in items})
    ok, clash = _verdict(judged)
    sequence: tuple[tuple[str, str], ...] = ()
    certainty = 1.0
    if not ok and clash is not None:
        a, b = clash
        sequence = _changing(judged, published)
        if sequence:
            surface = {i.claim.id: i.claim.surface for i in judged}
            steps = ", then ".join(f"{surface[cid]!r} on {day}" for day, cid in sequence)
            status, why = "changing", f"the figure moves from report to report: {steps}"
        else:
            status, why = "conflict", f"{_describe(a, outlets)} cannot be true with {_describe(b, outlets)}"
        low, _ = interval(a)
        _, high = interval(b)
        gap = math.log10(low / high) if low > 0 and high > 0 else 1.0
        certainty = min(1.0, 0.5 + gap * 10)  # a gap of 5% in log terms is a sure clash
    elif len(judged) <= 1:
        status, why = "single", None
    else:
        status, why = "consistent", None
    q = items[0].claim.quantity
    sources = sorted({i.claim.source for i in items if i.claim.source})
    frames = [i.frame for i in items if i.frame is not None and i.frame.year]
    frame = str(frames[0].year) if frames else None
    return Measure(
        mid, _label(items, views), tuple(i.claim.id for i in items), status, why, len(origins), tuple(sources),
        q.category, q.unit, frame, confidence=round(linked * certainty, 3), sequence=sequence,
    )  # fmt: skip


def _verdict(items: list[Item]) -> tuple[bool, tuple[Item, Item] | None]:
    """`consistent` of the items, each kind of figure apart: one marked as an addition ("another
    two", "3,000 more") is not a total, and a total above it is no clash."""
    marked = [i for i in items if i.mark == "increment"]
    if not marked or len(marked) == len(items):
        return consistent(items)
    for part in (marked, [i for i in items if i.mark != "increment"]):
        ok, clash = consistent(part)
        if not ok:
            return ok, clash
    return True, None


def _changing(items: list[Item], published: dict[str, str | None]) -> tuple[tuple[str, str], ...]:
    """(date, claim id) in time order when the figures that clash come from reports of at least
    `CHANGING_DAYS` days, each day's own figures agreeing, and rise with time (a toll climbing
    report by report); else (). Two days that differ, or a figure that falls, stay a conflict."""
    by_day: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        day = published.get(i.claim.doc)
        if not day:
            return ()
        by_day[day].append(i)
    if len(by_day) < CHANGING_DAYS:
        return ()
    days = sorted(by_day)
    if not all(consistent(by_day[d])[0] for d in days):
        return ()
    values = [sorted(v for i in by_day[d] if (v := i.value) is not None) for d in days]
    if any(not v for v in values):
        return ()
    middles = [v[len(v) // 2] for v in values]
    if not all(x <= y for x, y in pairwise(middles)) or middles[0] == middles[-1]:
        return ()
    return tuple((d, i.claim.id) for d in days for i in by_day[d])


def _cross_check(measures: list[Measure], items: list[Item], assignment: dict[str, str]) -> list[Measure]:
    """killed + wounded against killed-or-wounded from the same source in one time frame: a sum that
    cannot match is a conflict."""
    by_id = {m.id: m for m in measures}
    per_source: dict[tuple[str, str | None], dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        if item.claim.source and item.claim.quantity.category in ("killed", "wounded", "casualties"):
            frame = str(item.frame.year) if item.frame else None
            per_source[(item.claim.source, frame)][item.claim.quantity.category].append(item)
    for (source, _), cats in per_source.items():
        if not (cats.get("killed") and cats.get("wounded") and cats.get("casualties")):
            continue
        k, w = cats["killed"][0], cats["wounded"][0]
        total_low = (k.low or 0) + (w.low or 0) if k.low is not None and w.low is not None else None
        total_high = (k.high or 0) + (w.high or 0) if k.high is not None and w.high is not None else None
        summed = Item(k.claim, (), None, None, total_low, total_high, max(k.tol, w.tol), source)
        for c in cats["casualties"]:
            if not consistent([summed, c])[0]:
                m = by_id[assignment[c.claim.id]]
                note = (
                    f"{source}: killed {k.claim.surface} + wounded {w.claim.surface} does not match "
                    f"killed or wounded {c.claim.surface}"
                )
                by_id[m.id] = replace(m, status="conflict", why=m.why or note, notes=(*m.notes, note))
    return [by_id[m.id] for m in measures]
