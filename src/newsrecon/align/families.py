"""The rule-based grouping that came before the link model, kept as one of its signals.

Claims fall into a family (what is counted and how: "soldiers killed", "depth in km"), limited by
where and how ("in the district", "seriously injured") and placed in a time frame; within a family,
frames never merge, undated claims join the closest recent group by value unless one source would
contradict itself in one article, "additional" figures go with the latest wave. It reads word
lists of the first stories' domains (casualties, troops, buildings), which is why it no longer
decides alone: `align.linking` takes "the rules put these two together" as one signal, weighed
with the referents' on the gold stories.
"""

from __future__ import annotations

import math
from bisect import bisect_right, insort
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

from newsrecon.align.bounds import Item, bounds_of, interval
from newsrecon.align.frames import Frame, StoryTime, frame_of
from newsrecon.model import Claim, Document

COUNTED_CLASSES = {
    "soldier": "soldier", "soldiers": "soldier", "troop": "soldier", "troops": "soldier", "force": "soldier",
    "forces": "soldier", "fighter": "soldier", "fighters": "soldier", "personnel": "soldier",
    "servicemen": "soldier", "people": "people", "person": "people", "persons": "people", "others": "people",
    "residents": "people", "civilians": "people", "villagers": "people", "men": "people", "women": "people",
    "victims": "people", "dead": "people", "child": "child", "children": "child", "kids": "child",
    "pupils": "child", "students": "child", "house": "building", "houses": "building", "homes": "building",
    "buildings": "building", "home": "building", "building": "building", "dwellings": "building",
}  # fmt: skip
SAME_VOICE_GAP = math.log10(1.2)  # two figures of one voice further apart than this differ
# Voices that must each give two different figures before a family is taken for several things:
# on the gold and dev stories two and three give the same (only a war story's tolls reach them;
# one voice does it in the gold quake story too); three is the cautious of the two.
SEVERAL_VOICES = 3
APART = 100.0  # a factor between two figures of one measure that cannot both hold: not one thing
OUTCOMES = frozenset({"killed", "wounded", "casualties", "missing"})


@dataclass
class _Cluster:
    """A measure being built. Items join through `add`, which keeps what `fits`, `consistent_with` and
    `median` read (testing each figure against every item made a story of many figures quadratic)."""

    items: list[Item] = field(default_factory=list)
    frame: Frame | None = None
    overflow: bool = False  # opened because the figure could not join a measure it belonged with
    marks: set[str] = field(default_factory=set)
    preds: set[str] = field(default_factory=set)
    low: float = -math.inf  # the highest low bound and the lowest high bound, tolerances applied
    high: float = math.inf
    # per voice (document, source): its highest low, its lowest high, whether each of its own is sound
    voices: dict[tuple[str, str | None], tuple[float, float, bool]] = field(default_factory=dict)
    values: list[float] = field(default_factory=list)  # sorted

    def add(self, item: Item) -> None:
        self.items.append(item)
        if item.mark:
            self.marks.add(item.mark)
        if item.pred:
            self.preds.add(item.pred)
        low, high = interval(item)
        self.low, self.high = max(self.low, low), min(self.high, high)
        voice = (item.claim.doc, item.claim.source)
        v_low, v_high, sound = self.voices.get(voice, (-math.inf, math.inf, True))
        self.voices[voice] = (max(v_low, low), min(v_high, high), sound and low <= high)
        if (value := item.value) is not None:
            insort(self.values, value)

    def fits(self, item: Item) -> bool:
        """No source contradicts itself in one article (same document and source, bounds that cannot
        both hold), and no two marks or predicates differ."""
        if item.mark and self.marks - {item.mark}:
            return False
        if item.pred and self.preds - {item.pred}:
            return False
        if self._apart(item):
            return False
        voice = self.voices.get((item.claim.doc, item.claim.source))
        if voice is None:
            return True
        v_low, v_high, sound = voice
        low, high = interval(item)  # overlaps each of the voice's intervals, each of them sound
        return sound and low <= high and low <= v_high and v_low <= high

    def _apart(self, item: Item) -> bool:
        """A figure that contradicts the measure by a factor of a hundred or more ("some 2 million
        died in the civil war" against "12 were killed"): two things counted, not one disagreement.
        Two figures that can both hold (a toll "at least 2", then 250) stay together."""
        value = item.value
        if value is None or value <= 0 or not self.values or self.values[0] <= 0:
            return False
        far = value >= APART * self.values[-1] or value * APART <= self.values[0]
        return far and not self.consistent_with(item)

    def consistent_with(self, item: Item) -> bool:
        """Whether all the bounds, the item's too, can hold at once (`consistent` of them all)."""
        low, high = interval(item)
        return max(self.low, low) <= min(self.high, high)

    def median(self) -> float | None:
        return self.values[len(self.values) // 2] if self.values else None


def _family(c: Claim, base: str | None, where: tuple[str, ...]) -> tuple:
    q = c.quantity
    counted = COUNTED_CLASSES.get((q.counted or "").lower(), (q.counted or "").lower() or None)
    part = next((v for k, v in c.context if k == "part"), None)
    if q.category in OUTCOMES and part is not None:
        counted = f"part:{part}"  # "two women and one man died": parts, not the toll (`context._is_part`)
    elif q.category in OUTCOMES:
        counted = "child" if counted == "child" else None  # the affected population: soldiers, people...
    elif q.kind != "count":
        counted = None
    # What happened to the counted ("treated", "seriously" injured) qualifies an outcome; for other
    # counts the verb only keeps apart figures that say different things (see _Cluster.fits).
    keys = ("how", "pred", "from", "what", "mood") if q.category in OUTCOMES else ("how", "from", "what")
    how = tuple(sorted({f"{k}:{v}" for k, v in c.context if k in keys}))
    if q.category == "other" and q.kind == "count" and counted is None:
        return (q.category, q.kind, base, c.id, where, how)  # a bare number, about nothing named: alone
    return (q.category, q.kind, base, counted, where, how)


def _places(documents: list[Document]) -> dict[str, tuple[str, ...]]:
    """Each claim's sub-areas, without the story's own area, and with a source's usual area.

    A place most documents name ("Aceh") is where the story happens, not a limit on a figure. A
    source that gives one kind of figure for one area elsewhere ("22 houses in the district") is
    taken to speak of that area when it gives that kind of figure without naming it.
    """
    bodies = [d.body.lower() for d in documents]

    def local(value: str) -> bool:
        if not value.startswith("place:"):
            return True
        name = value.removeprefix("place:")
        return sum(name in b for b in bodies) < max(2, len(bodies) / 2)

    own = {
        c.id: tuple(sorted({v for k, v in c.context if k == "where" and local(v)}))
        for d in documents for c in d.claims
    }  # fmt: skip
    usual: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    speaks_wide: set[tuple[str, str]] = set()  # a source that, in one article, gives both kinds
    for d in documents:
        kinds: dict[tuple[str, str], set[bool]] = defaultdict(set)
        for c in d.claims:
            if c.source and c.quantity.kind == "count":
                kinds[(c.source, c.quantity.category)].add(bool(own[c.id]))
                if own[c.id]:
                    usual[(c.source, c.quantity.category)].add(own[c.id])
        speaks_wide |= {key for key, seen in kinds.items() if seen == {True, False}}
    for key in speaks_wide:
        usual.pop(key, None)
    for d in documents:
        for c in d.claims:
            areas = usual.get((c.source, c.quantity.category), set()) if c.source else set()
            if not own[c.id] and len(areas) == 1 and c.quantity.kind == "count":
                own[c.id] = next(iter(areas))
    return own


def _log_gap(value: float | None, other: float | None) -> float:
    if value is None or other is None or value <= 0 or other <= 0:
        return 0.0
    return abs(math.log10(value / other))


def _supports(items: list[Item]) -> dict[int, int]:
    """For each item (by id), how many other documents report a figure compatible with it.

    Two figures are compatible when their intervals overlap (`consistent` of the pair). Each
    document's intervals are sorted by their low end with the running maximum of their high ends, so
    an item asks each other document once by bisection: a story of many figures is not quadratic.
    """
    by_doc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in items:
        low, high = interval(item)
        if low <= high:
            by_doc[item.claim.doc].append((low, high))
    index = {}
    for doc, intervals in by_doc.items():
        intervals.sort()
        index[doc] = ([low for low, _ in intervals], list(accumulate((h for _, h in intervals), max)))
    out = {}
    for item in items:
        low, high = interval(item)
        out[id(item)] = 0
        if low > high:
            continue
        for doc, (lows, reach) in index.items():
            k = bisect_right(lows, high)
            if doc != item.claim.doc and k and reach[k - 1] >= low:
                out[id(item)] += 1
    return out


def _several_incidents(items: list[Item]) -> bool:
    """Whether several voices (a document's source, or the document itself) each give two different
    figures of the family: the family then counts several things (a school strike's toll and the
    war's), which the rules cannot tell apart, and the link model groups its claims instead. One
    voice doing so is common in a story of one toll (a district's toll beside the total)."""
    said: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for item in items:
        marked = any(k == "mark" for k, _ in item.claim.context)  # "another two": an addition
        if item.frame is None and not marked and (value := item.value) is not None:
            said[(item.claim.doc, item.claim.source)].append(value)
    return (
        sum(_log_gap(min(v), max(v)) > SAME_VOICE_GAP for v in said.values() if len(v) > 1) >= SEVERAL_VOICES
    )


def _cluster_family(items: list[Item]) -> list[_Cluster]:
    """Frames first, then the best supported figures, so that outliers and partial counts come last
    and cannot pull a measure apart."""
    clusters: list[_Cluster] = []
    support = _supports(items)
    order = sorted(items, key=lambda i: (i.frame is None, -support[id(i)]))
    for item in order:
        if item.frame is not None:
            key = (item.frame.year, item.frame.month if item.frame.year == 0 else None)
            pool = [
                c for c in clusters
                if c.frame and (c.frame.year, c.frame.month if c.frame.year == 0 else None) == key
            ]  # fmt: skip
        else:
            pool = [c for c in clusters if c.frame is None or not c.frame.historical]
        fitting = [c for c in pool if c.fits(item)]
        home = _choose(item, fitting)
        if home is None:
            home = _Cluster(frame=item.frame, overflow=bool(pool) and item.frame is None)
            clusters.append(home)
        home.add(item)
    return clusters


def _choose(item: Item, clusters: list[_Cluster]) -> _Cluster | None:
    if not clusters:
        return None
    if item.mark == "increment":
        marked = [c for c in clusters if "increment" in c.marks]
        if marked:
            return marked[0]
        dated = [c for c in clusters if c.frame is not None]
        if dated:
            return max(dated, key=lambda c: (c.frame.year, c.frame.month or 0))
    if item.mark == "earlier":
        dated = [c for c in clusters if c.frame is not None]
        if dated:
            return min(dated, key=lambda c: (c.frame.year, c.frame.month or 0))
    if item.value is None:
        return clusters[0]
    return min(clusters, key=lambda c: (not c.consistent_with(item), _log_gap(item.value, c.median())))


# The figures these rules were written for: counts of what happened to people and things, and the
# physical measurements of an event. Amounts of money, shares, durations and other counts are left
# to the referents alone.
# What the rules still group: the casualty, troop and building counts and the magnitudes the first
# stories needed. Counts of people in general, of equipment, areas and masses were grouped by the
# rules too, whatever the verb or the thing: on ECB+ stories (not gold) that made 6 of the 12
# conflicts over 167 articles, each a false one ("32 million people tuning in" against "one talented
# person"; "12 AK-47 guns" against "three machine guns"). Distances went the same way: every distance
# of a story without a place to measure from was one measure (two climbers' falls, a chase of 30 miles
# against a suspect's height of 5 foot). A distance restated in another unit, the one thing the rules
# did for them that a gold story needs ("10 kilometres (six miles)"), is `linking.converted` now; the
# link model decides the rest.
RULED_CATEGORIES = frozenset({*OUTCOMES, "troops", "buildings"})
RULED_KINDS = frozenset({"magnitude"})


def ruled(c: Claim) -> bool:
    """Whether the rules group this claim: a figure of the kinds they are written for, less one side
    of a tally ("an 88-72 loss": a score, which the rules cannot pair; `linking.tallies` does)."""
    if c.referent is not None and c.referent.side:
        return False
    return c.quantity.category in RULED_CATEGORIES or c.quantity.kind in RULED_KINDS


def rule_groups(
    documents: list[Document], now: StoryTime, duplicate_of: dict[str, str], leave_out: set[str] = frozenset()
) -> dict[str, int]:
    """Claim id -> the group the rules put it in, for the claims they are written for (`ruled`),
    less those in `leave_out` (headlines: a summary's figure would pull the groups around it) and
    those of a family that counts several things (`_several_incidents`)."""
    families: dict[tuple, list[Item]] = defaultdict(list)
    places = _places(documents)
    for doc in documents:
        for c in doc.claims:
            if c.id in leave_out or not ruled(c):
                continue
            low, high, tol, base = bounds_of(c)
            frame = frame_of(c, now)
            mark = next((v for k, v in c.context if k == "mark"), None)
            if c.quantity.category not in ("troops", "people", "equipment"):
                mark = None
            origin = c.source or f"outlet:{duplicate_of.get(c.doc, c.doc)}"
            family = _family(c, base, places[c.id])
            pred = next((v for k, v in c.context if k == "pred"), None)
            families[family].append(Item(c, family, frame, mark, low, high, tol, origin, pred))
    out: dict[str, int] = {}
    n = 0
    for family in sorted(families, key=lambda f: tuple(str(x) for x in f)):
        if _several_incidents(families[family]):
            continue
        for cluster in _cluster_family(families[family]):
            n += 1
            for item in cluster.items:
                out[item.claim.id] = n
    return out
