"""Which claims report the same measure: a pairwise link model over referents, then clustering.

Each pair of a story's claims gets general signals (no word list of any domain): the unit family,
agreement of the referents' head noun, thing, predicate, holder, scope and time, overlap of the
clause's content lemmas, the cosine of sentence embeddings of the referent phrase, how far apart
the values are, whether the two come from one document. A logistic model weighs them; its weights
are fitted on the gold stories in `../shared/gold/` by `benchmarks/fit_linker.py` and shipped as
`link_model.json`. Claims are then clustered by average linkage over the link probabilities, with
cannot-links that no weight overrides (see `cannot_link`); groups that the values kept apart join
where their referents name one thing outright (`same_referent`): those are the conflicts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from newsrecon.model import Claim

MODEL_PATH = Path(__file__).with_name("link_model.json")
# Beyond this many claims in a story, a claim is compared with its nearest neighbours by embedding
# only (all pairs would be quadratic in a story of thousands of figures).
ALL_PAIRS = 400
# Two groups that name one referent are joined only when checking every cross pair for a
# cannot-link costs at most this many checks (a measure of thousands of claims is not one referent).
MAX_JOIN_CHECKS = 40_000
NEIGHBOURS = 25
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A rounded figure this coarse (the span it covers over the value) is no evidence of the same number:
# one significant figure spans up to half the value.
COARSEST = 0.2
_WORD = re.compile(r"[a-z]+")
_GENERIC_UNITS = frozenset({"count"})
# Words that stand for a holder without naming one (measures leave them out of labels too).
PRONOUNS = frozenset("he she it they we i you his her its their our my your them him us".split())

FEATURES = (
    "bias",
    "same_unit",
    "bare",
    "same_head",
    "no_head",
    "thing_overlap",
    "same_predicate",
    "predicate_differs",
    "word_overlap",
    "cosine",
    "same_time",
    "time_differs",
    "time_one_side",
    "log_ratio",
    "same_doc",
    "holder_overlap",
    "same_category",
    "scope_differs",
    "compatible",
    "compatible_cosine",
    "rules_together",
    "same_value",
    "same_counted",
    "same_side",
    "specific_thing",
    "specific_words",
)


# What the values say: left out of the referent model, which decides whether two clusters that the
# values keep apart still report one thing (and so conflict).
VALUE_FEATURES = frozenset({"log_ratio", "compatible", "compatible_cosine", "same_value"})
REFERENT_MASK = np.array([0.0 if f in VALUE_FEATURES else 1.0 for f in FEATURES])


@dataclass(frozen=True)
class Linkable:
    """What the link model reads of one claim."""

    claim: Claim
    unit: str
    bare: bool  # a number with no unit nor counted noun: may be a share or an amount stated bare
    head: str | None
    thing: frozenset[str]
    predicate: str | None
    holder: frozenset[str]
    words: frozenset[str]
    years: frozenset[str]
    scope: str | None
    side: str | None
    value: float | None
    category: str
    sentence: tuple[str, int]
    phrase: str
    interval: tuple[float, float] = (-math.inf, math.inf)  # bounds with tolerance and rounding
    rule_group: int | None = None  # the group the rule-based grouping (`align.families`) gives it
    rounded: tuple[float, float] | None = None  # a point value's bounds at the precision written
    unnamed_holder: bool = False  # a pronoun holds it: somebody, not named here
    figures: int = 0  # significant figures as written ("$139 million": 3, "eight": 0)
    headline: bool = False  # stated in its document's headline


def linkable(
    claim: Claim,
    frame_year: int | None = None,
    interval: tuple[float, float] = (-math.inf, math.inf),
    rule_group: int | None = None,
    rounded: tuple[float, float] | None = None,
    value: float | None = None,
    figures: int = 0,
    headline: bool = False,
) -> Linkable:
    """The link model's view of a claim (`frame_year`: the year its time frame resolves to;
    `interval`: its bounds in the unit family's base unit, with tolerance and rounding; `rounded`:
    a point value's bounds at its written precision and `value` its value (`bounds.Item.value`), in
    the base unit too)."""
    r = claim.referent
    q = claim.quantity
    unit = (r.unit if r is not None and r.unit else q.kind) or "count"
    years = set(_YEAR.findall(r.time or "")) if r is not None else set()
    if frame_year:
        years.add(str(frame_year))
    thing = frozenset(_WORD.findall((r.thing or "").lower())) if r is not None else frozenset()
    holder_text = (r.holder or "") if r is not None else ""
    # A pronoun names nobody here: "he received a five-year sentence, the judge said" is not the
    # judge's sentence, so it is no holder (the attribution is another signal).
    holder = frozenset(w for w in _WORD.findall(holder_text.lower()) if w not in PRONOUNS)
    unnamed_holder = bool(holder_text) and not holder
    return Linkable(
        claim=claim,
        unit=unit,
        bare=unit in _GENERIC_UNITS and not q.counted and not q.vague,
        head=r.head if r is not None else None,
        thing=thing,
        predicate=r.predicate if r is not None else None,
        holder=holder,
        words=frozenset(r.words) if r is not None else frozenset(),
        years=frozenset(years),
        scope=r.scope if r is not None else None,
        side=r.side if r is not None else None,
        value=value,
        category=q.category,
        sentence=(claim.doc, claim.sentence_start),
        phrase=phrase_of(claim),
        interval=interval,
        rule_group=rule_group,
        rounded=rounded,
        unnamed_holder=unnamed_holder,
        figures=figures,
        headline=headline,
    )


def phrase_of(claim: Claim) -> str:
    """The referent in words, for the embedding: holder, predicate, thing, scope, time."""
    r = claim.referent
    if r is None:
        return claim.quantity.counted or claim.quantity.category
    parts = [r.holder, r.predicate, r.thing or claim.quantity.counted, r.scope, r.time]
    text = " ".join(p for p in parts if p)
    return text or " ".join(r.words[:8]) or claim.quantity.category


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _same_number(a: Linkable, b: Linkable) -> bool:
    if a.value is None or b.value is None:
        return False
    if abs(a.value - b.value) <= 0.005 * max(abs(a.value), 1e-9):
        return True
    # "$43 million" is $43,885,310 written to two figures; "$200,000" is not $225,000 written to one
    return any(
        r is not None and r[0] <= v <= r[1] and (r[1] - r[0]) <= COARSEST * v
        for r, v in ((a.rounded, b.value), (b.rounded, a.value))
    )


_CONVERSION_GAP = re.compile(r"\s*(?:[(\[]|,?\s*or)\s*")


def converted(a: Linkable, b: Linkable) -> bool:
    """Whether one figure restates the other in another unit, right after it: "10 kilometres (six
    miles)", "55 km, or 34 miles". One figure written twice: always one measure."""
    if a.unit != b.unit:  # units of one base only: kilometres and miles, not dollars and euros
        return False
    first, second = sorted((a.claim, b.claim), key=lambda c: c.start)
    if first.doc != second.doc or first.sentence_start != second.sentence_start:
        return False
    if first.quantity.kind != second.quantity.kind or first.quantity.kind == "count":
        return False
    if not first.quantity.unit or not second.quantity.unit or first.quantity.unit == second.quantity.unit:
        return False
    gap = first.text[first.end - first.sentence_start : second.start - first.sentence_start]
    overlap = max(a.interval[0], b.interval[0]) <= min(a.interval[1], b.interval[1])
    return overlap and _CONVERSION_GAP.fullmatch(gap) is not None


def conversions(items: Sequence[Linkable]) -> list[tuple[int, int]]:
    """The pairs (i < j) of `converted` figures: each figure with the next one of its sentence."""
    order = sorted(range(len(items)), key=lambda k: (items[k].claim.doc, items[k].claim.start))
    return [(min(i, j), max(i, j)) for i, j in pairwise(order) if converted(items[i], items[j])]


def cannot_link(a: Linkable, b: Linkable) -> bool:
    """Pairs no evidence may join: two figures of one sentence from one voice (two voices may
    contrast theirs: "put it at 4,000, though U.S. estimates were lower at around 1,200"), a
    tally's two sides, units apart, and one source giving two values that cannot both hold in one
    article (it speaks of two things). A figure restated in another unit (`converted`) is one."""
    if a.claim.id == b.claim.id:
        return True
    if a.sentence == b.sentence and a.claim.source == b.claim.source and not converted(a, b):
        return True  # one voice, two figures: two things ("300 died and 2,700 were hurt")
    if a.side and b.side and a.side != b.side:
        return True
    if a.unit != b.unit and not (a.bare or b.bare):
        return True
    same_voice = (
        a.claim.doc == b.claim.doc and a.claim.source is not None and a.claim.source == b.claim.source
    )
    return same_voice and max(a.interval[0], b.interval[0]) > min(a.interval[1], b.interval[1])


def specificity(items: Sequence[Linkable]) -> dict[str, float]:
    """How specific each word of the story's referents is, 0..1: log(n / df) / log(n), df the number
    of claims whose thing or clause holds it. Sharing "indictment" tells more than sharing "people"."""
    n = len(items)
    df: dict[str, int] = {}
    for i in items:
        for w in i.thing | i.words:
            df[w] = df.get(w, 0) + 1
    scale = math.log(max(n, 2))
    return {w: math.log(max(n, 2) / k) / scale for w, k in df.items()}


def _weighted_overlap(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    shared = sum(weight.get(w, 0.0) for w in a & b)
    total = sum(weight.get(w, 0.0) for w in a | b)
    return shared / total if total else 0.0


def pair_features(
    a: Linkable, b: Linkable, cosine: float, weight: dict[str, float] | None = None
) -> list[float]:
    """The link model's inputs for one pair, in the order of `FEATURES` (`weight`: the story's
    `specificity` of words)."""
    weight = weight or {}
    gap = 0.0
    if a.value and b.value and a.value > 0 and b.value > 0:
        gap = min(3.0, abs(math.log10(a.value / b.value)))
    both_times = bool(a.years and b.years)
    # Figures whose bounds can both hold: most pairs of one measure; two that cannot are a conflict
    # only when everything else says they measure one thing.
    compatible = float(
        (a.unit == b.unit or a.bare or b.bare)  # a bare "35.72" may be the "35.7 percent" elsewhere
        and max(a.interval[0], b.interval[0]) <= min(a.interval[1], b.interval[1])
    )
    return [
        1.0,
        float(a.unit == b.unit),
        float(a.bare != b.bare),
        float(a.head is not None and a.head == b.head),
        float(a.head is None or b.head is None),
        _jaccard(a.thing, b.thing),
        float(a.predicate is not None and a.predicate == b.predicate),
        float(a.predicate is not None and b.predicate is not None and a.predicate != b.predicate),
        _jaccard(a.words, b.words),
        cosine,
        float(both_times and a.years == b.years),
        float(both_times and not (a.years & b.years)),
        float(bool(a.years) != bool(b.years)),
        gap,
        float(a.claim.doc == b.claim.doc),
        _jaccard(a.holder, b.holder),
        float(a.category == b.category and a.category != "other"),
        float(bool(a.scope and b.scope and a.scope.lower() != b.scope.lower())),
        compatible,
        compatible * cosine,
        float(a.rule_group is not None and a.rule_group == b.rule_group),
        # the same number from two places (as precisely as either writes it: "$43 million" is
        # $43,885,310): a shared source, or the same thing measured
        float(_same_number(a, b)),
        float(bool(a.claim.quantity.counted) and a.claim.quantity.counted == b.claim.quantity.counted),
        float(bool(a.side) and a.side == b.side),
        max((weight.get(w, 0.0) for w in a.thing & b.thing), default=0.0),
        _weighted_overlap(a.words | a.thing, b.words | b.thing, weight),
    ]


@dataclass(frozen=True)
class LinkModel:
    """The fitted link model: weights over all features and over the referent ones alone."""

    weights: np.ndarray
    threshold: float
    referent_weights: np.ndarray
    merge_threshold: float


@cache
def link_model(path: str | None = None) -> LinkModel:
    """The fitted model (`link_model.json`, or the file at `path`)."""
    where = Path(path or MODEL_PATH)
    data = json.loads(where.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{where}: fitted on other features; refit with benchmarks/fit_linker.py")
    return LinkModel(
        np.array(data["weights"], dtype=float), float(data["threshold"]),
        np.array(data["referent_weights"], dtype=float), float(data["merge_threshold"]),
    )  # fmt: skip


def _sigmoids(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


_BLOCK = 4096  # pairs scored at once


_VECTORS: dict[str, np.ndarray] = {}
_KEEP = 50_000  # phrases whose vectors are kept between stories of one run


def embed(items: Sequence[Linkable]) -> np.ndarray:
    """Unit vectors of the items' referent phrases (each distinct phrase encoded once a run)."""
    from newsrecon.align.embeddings import encode

    if not items:
        return np.zeros((0, 384), dtype=np.float32)
    new = [p for p in dict.fromkeys(i.phrase for i in items) if p not in _VECTORS]
    if len(_VECTORS) + len(new) > _KEEP:
        _VECTORS.clear()
        new = list(dict.fromkeys(i.phrase for i in items))
    for p, v in zip(new, encode(new), strict=True):
        _VECTORS[p] = v
    return np.stack([_VECTORS[i.phrase] for i in items])


def candidate_pairs(items: Sequence[Linkable], vectors: np.ndarray) -> list[tuple[int, int, float]]:
    """(i, j, cosine) of the pairs worth scoring: all of them in a story of modest size, else each
    item's nearest neighbours by embedding."""
    n = len(items)
    if n < 2:
        return []
    if n <= ALL_PAIRS:
        sims = vectors @ vectors.T
        return [(i, j, float(sims[i, j])) for i in range(n) for j in range(i + 1, n)]
    pairs: dict[tuple[int, int], float] = {}
    k = min(NEIGHBOURS + 1, n - 1)
    for start in range(0, n, _ROWS):  # a block of rows at a time: the full matrix is n^2 floats
        sims = vectors[start : start + _ROWS] @ vectors.T
        nearest = np.argpartition(-sims, k, axis=1)[:, : k + 1]
        for r, row in enumerate(nearest):
            i = start + r
            for j in map(int, row):
                if j != i:
                    pairs[(min(i, j), max(i, j))] = float(sims[r, j])
    return [(i, j, s) for (i, j), s in sorted(pairs.items())]


_ROWS = 512


def link_probabilities(
    items: Sequence[Linkable], model: str | None = None
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float], LinkModel]:
    """Link probabilities of the candidate pairs with all signals and with the referent's alone
    (cannot-links as -inf in both), and the model."""
    fitted = link_model(model)
    vectors = embed(items)
    weight = specificity(items)
    full: dict[tuple[int, int], float] = {}
    referent: dict[tuple[int, int], float] = {}
    rows: list[list[float]] = []
    keys: list[tuple[int, int]] = []

    def score() -> None:  # the model over a block of pairs at once (one product per block, not per pair)
        x = np.array(rows)
        for key, p, r in zip(
            keys,
            _sigmoids(x @ fitted.weights),
            _sigmoids((x * REFERENT_MASK) @ fitted.referent_weights),
            strict=True,
        ):
            full[key], referent[key] = float(p), float(r)
        rows.clear()
        keys.clear()

    for i, j, cos in candidate_pairs(items, vectors):
        a, b = items[i], items[j]
        if cannot_link(a, b):
            full[(i, j)] = referent[(i, j)] = -math.inf
            continue
        full[(i, j)] = referent[(i, j)] = math.nan  # its place in the order; scored with its block
        rows.append(pair_features(a, b, cos, weight))
        keys.append((i, j))
        if len(rows) == _BLOCK:
            score()
    if rows:
        score()
    for pair in conversions(items):
        full[pair] = referent[pair] = 1.0
    return full, referent, fitted


def group(
    items: Sequence[Linkable], model: str | None = None
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """The items' measures: clusters by all signals, then clusters that the values kept apart merged
    where their referents alone say, surely, that they report one thing (these are the conflicts).
    Returns the groups and the link probabilities."""
    full, referent, fitted = link_probabilities(items, model)
    # The claims the rules group keep their groups (`align.families`); the others are clustered by
    # all the signals; then groups that the values kept apart, or the rules' and the others', merge
    # where the referents alone say surely that they report one thing.
    n = len(items)
    ruled: dict[int, list[int]] = {}
    for k, item in enumerate(items):
        if item.rule_group is not None:
            ruled.setdefault(item.rule_group, []).append(k)
    free = {k for k in range(n) if items[k].rule_group is None}
    among = {(i, j): p for (i, j), p in full.items() if i in free and j in free}
    groups = [g for g in cluster(n, among, fitted.threshold) if g[0] in free]
    if n > ALL_PAIRS:  # scored on nearest neighbours: a cannot-link may be among the unscored pairs
        groups = [part for g in groups for part in _split_by_cannot_links(g, items)]
    for members in ruled.values():
        groups.extend(_split_by_cannot_links(members, items))

    def forbidden(i: int, j: int) -> bool:
        return cannot_link(items[i], items[j])

    groups = merge(groups, referent, fitted.merge_threshold, forbidden)
    return join_same_referents(groups, items, forbidden), full


def _stem(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP)


_STOP = frozenset("the a an of and s".split())


def _attribute(item: Linkable) -> str | None:
    """The unit noun of a figure that is an attribute of the thing it modifies ("48-page
    indictment": "page"), else None."""
    counted = item.claim.quantity.counted
    r = item.claim.referent
    if not counted or r is None or r.head is None or item.rule_group is not None:
        return None  # the rules' own figures (a quake's magnitude) keep the rules' time frames
    surface = item.claim.surface.lower()
    return counted if counted != r.head and f"-{counted}" in surface else None


def same_referent(a: Linkable, b: Linkable) -> bool:
    """Whether two claims name one referent outright, whatever their values: the same head noun, one
    thing's words within the other's, one holder's words within the other's (titles kept: Mr. and
    Mrs. Hunter are two), no two different verbs, times, scopes or tally sides. "The Clintons' 2014
    tax rate: 30 percent" and "the Clintons' effective federal tax rate for 2014 was 35.7 percent"
    do; a rate with no holder does not (whose rate it is decides what it measures). A figure that is
    an attribute of its thing ("a 48-page indictment") needs the same attribute, a holder named on
    one side at least and no unnamed one ("he") on the other, but not the same verb: the verb is the
    thing's, not the figure's."""
    if a.head is None or a.head != b.head or a.unit != b.unit:
        return False
    if a.years != b.years:  # one dated and one not may be two times (the 2004 toll, today's)
        return False
    if a.scope and b.scope and a.scope.lower() != b.scope.lower():
        return False
    if (a.side or None) != (b.side or None):
        return False
    ta, tb = _stem(a.thing), _stem(b.thing)
    if not (ta <= tb or tb <= ta):
        return False
    ha, hb = _stem(a.holder), _stem(b.holder)
    if ha and hb and not (ha <= hb or hb <= ha):
        return False
    attribute = _attribute(a)
    if attribute or _attribute(b):
        return attribute == _attribute(b) and bool(ha or hb) and not (a.unnamed_holder or b.unnamed_holder)
    return bool(ha and hb) and not (a.predicate and b.predicate and a.predicate != b.predicate)


def join_same_referents(
    groups: list[list[int]], items: Sequence[Linkable], forbidden: Callable[[int, int], bool]
) -> list[list[int]]:
    """Groups joined where a claim of one and a claim of the other name one referent outright
    (`same_referent`) and no cannot-link stands between them: the figures the values kept apart
    that are, by what they measure, one measure (a conflict, or a figure that changed). Only claims
    with one head noun and unit are compared, so a story of many figures is not quadratic in them."""
    part = _Partition(groups)

    # Claims that share head, unit and a holder word, then one signature of what else
    # `same_referent` reads: signatures are compared, not claims (a story of thousands of figures
    # has few distinct referents).
    buckets: dict[tuple, dict[tuple, list[int]]] = {}
    for k, item in enumerate(items):
        if item.head is None or k not in part.owner:
            continue
        # everything `same_referent` reads, so that one member of a signature stands for all
        signature = (
            _stem(item.thing), item.predicate, item.years, (item.scope or "").lower(), item.side,
            _stem(item.holder), _attribute(item),
        )  # fmt: skip
        words = set(_stem(item.holder)) | ({""} if _attribute(item) else set())  # attributes: one holder
        for word in sorted(words):  # in one order whatever the hash seed
            buckets.setdefault((item.head, item.unit, word), {}).setdefault(signature, []).append(k)

    def join(i: int, j: int) -> None:
        a, b = part.of(i), part.of(j)
        if a == b or len(part.members[a]) * len(part.members[b]) > MAX_JOIN_CHECKS:
            return
        if any(forbidden(p, q) for p in part.members[a] for q in part.members[b]):
            return
        part.union(a, b)

    for by_signature in buckets.values():
        signatures = list(by_signature.items())
        for x, (_, first) in enumerate(signatures):
            for _, other in signatures[x:]:
                if not same_referent(items[first[0]], items[other[0]]):
                    continue
                for k in (*first[1:], *other):  # each to one of them: joins are transitive
                    join(first[0], k)
    for same in tallies(items).values():
        for k in same[1:]:
            join(same[0], k)
    for i, j in parallels(items):
        join(i, j)
    return part.groups()


DISTINCT_FIGURES = 2  # a number written with so many significant figures rarely recurs by chance


def parallels(items: Sequence[Linkable]) -> list[tuple[int, int]]:
    """Pairs of figures in the same place of a headline and of a sentence of its article: a
    headline restates figures of the text below it, so where both state one distinctive number
    ("$139 Million", "$139 million"), a unit that each states once more is one figure stated twice
    ("in Seven Years" beside "eight years of tax returns"), whatever words each wraps it in."""
    by_doc: dict[str, dict[int, list[int]]] = {}  # a document's sentences: one article read at a time
    for k, item in enumerate(items):
        by_doc.setdefault(item.claim.doc, {}).setdefault(item.sentence[1], []).append(k)
    out: list[tuple[int, int]] = []
    for sentences in by_doc.values():
        for in_title in (ks for ks in sentences.values() if any(items[k].headline for k in ks)):
            title_alone = _alone(in_title, items)
            for in_text in (ks for ks in sentences.values() if ks is not in_title):
                anchored = {
                    items[h].unit
                    for h in in_title
                    for t in in_text
                    if items[h].unit == items[t].unit
                    and min(items[h].figures, items[t].figures) >= DISTINCT_FIGURES
                    and _same_number(items[h], items[t])
                }
                text_alone = _alone(in_text, items)
                out.extend(
                    (title_alone[u], text_alone[u])
                    for u in title_alone.keys() & text_alone.keys()
                    if anchored - {u}  # another unit's figure is the anchor
                )
    return sorted(set(out))


def _alone(ks: list[int], items: Sequence[Linkable]) -> dict[str, int]:
    """Unit -> the one figure of that unit among `ks`, for the units only one of them has."""
    by_unit: dict[str, list[int]] = {}
    for k in ks:
        by_unit.setdefault(items[k].unit, []).append(k)
    return {u: only[0] for u, only in by_unit.items() if len(only) == 1}


def tallies(items: Sequence[Linkable]) -> dict[tuple[str, float, float], list[int]]:
    """The sides of tallies by (side, votes for, votes against): a tally written alike in two places
    ("97-1", "51 to 49") is one vote, whatever words surround it, since two numbers rarely
    coincide. A tally's sides are the two claims the claim stage paired (`claims.extract._tally_side`
    gives the second side the first's referent, its span widened over both), not guessed again here."""
    by_doc: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        if item.side in ("for", "against") and item.value is not None:
            by_doc.setdefault(item.claim.doc, []).append(k)
    out: dict[tuple[str, float, float], list[int]] = {}
    for ks in by_doc.values():
        ks.sort(key=lambda k: items[k].claim.start)
        for a, b in pairwise(ks):
            first, second = items[a], items[b]
            r1, r2 = first.claim.referent, second.claim.referent
            if (first.side, second.side) != ("for", "against") or r1 is None or r2 is None:
                continue
            if r2.start is None or r2.start != r1.start or r2.end is None or r2.end < second.claim.end:
                continue  # not one tally's two sides
            votes = (first.value, second.value)
            out.setdefault(("for", *votes), []).append(a)
            out.setdefault(("against", *votes), []).append(b)
    return {key: ks for key, ks in out.items() if len({items[k].claim.doc for k in ks}) > 1}


class _Partition:
    """Groups of item indices joined as a union-find: which group an item is in, each group's
    members, a join; what `merge` and `join_same_referents` share."""

    def __init__(self, groups: list[list[int]]) -> None:
        self.owner = {k: g for g, members in enumerate(groups) for k in members}
        self.parent = list(range(len(groups)))
        self.members = {g: list(m) for g, m in enumerate(groups)}

    def root(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def of(self, item: int) -> int:
        return self.root(self.owner[item])

    def union(self, a: int, b: int) -> None:
        """Join the groups whose roots are `a` and `b`."""
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values()]


def _split_by_cannot_links(members: list[int], items: Sequence[Linkable]) -> list[list[int]]:
    """A rule group, split where a cannot-link stands inside it (two figures of one sentence, a
    tally's sides): the rules' own checks do not know them."""
    pairs = {
        (a, b): -math.inf if cannot_link(items[members[a]], items[members[b]]) else 1.0
        for a in range(len(members))
        for b in range(a + 1, len(members))
    }
    if -math.inf not in pairs.values():
        return [members]
    return [[members[k] for k in g] for g in cluster(len(members), pairs, 0.5)]


def merge(
    groups: list[list[int]],
    links: dict[tuple[int, int], float],
    threshold: float,
    forbidden: Callable[[int, int], bool] | None = None,
) -> list[list[int]]:
    """Groups merged while the mean link over their cross pairs is at least `threshold` (unscored
    pairs count 0, a cannot-link forbids)."""
    part = _Partition(groups)
    totals: dict[tuple[int, int], float] = {}
    for (i, j), p in links.items():
        a, b = sorted((part.owner[i], part.owner[j]))
        if a != b:
            totals[(a, b)] = totals.get((a, b), 0.0) + p
    pairs = sorted(
        ((t / (len(groups[a]) * len(groups[b])), a, b) for (a, b), t in totals.items()), reverse=True
    )
    for mean, a, b in pairs:
        if mean < threshold:
            break
        ra, rb = part.root(a), part.root(b)
        if ra == rb:
            continue
        # every cross pair between the two merged sets must allow it
        left, right = part.members[ra], part.members[rb]
        cross = [links.get((min(i, j), max(i, j)), 0.0) for i in left for j in right]
        if -math.inf in cross or sum(cross) / len(cross) < threshold:
            continue
        if forbidden is not None and any(forbidden(i, j) for i in left for j in right):
            continue
        part.union(ra, rb)
    return part.groups()


def cluster(n: int, links: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Clusters of items 0..n-1 in one pass over the links, strongest first (a greedy form of
    average linkage): two clusters merge while the mean probability over their scored cross pairs
    stays at or above the threshold and no cannot-link (-inf) stands between them. In a story
    scored on all pairs every cross pair counts; in one scored on nearest neighbours, unscored pairs
    are unknown rather than 0 (counting them 0 broke large measures into pieces)."""
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, list[float]]] = {i: {} for i in range(n)}  # other -> [sum, pairs]
    for (i, j), p in links.items():
        sums[i][j] = [p, 1.0]
        sums[j][i] = sums[i][j]
    for (i, j), p in sorted(links.items(), key=lambda kv: -kv[1]):
        if p < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        total, pairs = sums[a].get(b, (0.0, 1.0))
        if total == -math.inf or total / pairs < threshold:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for k in members[b]:
            owner[k] = a
        members[a].extend(members.pop(b))
        for other, (value, count) in sums.pop(b).items():
            if other == a:
                continue
            kept = sums[a].get(other)
            merged = [value + kept[0], count + kept[1]] if kept is not None else [value, count]
            sums[a][other] = merged
            sums[other].pop(b, None)
            sums[other][a] = merged
        sums[a].pop(b, None)
    return [sorted(m) for m in members.values()]


def cohesion(group: list[int], links: dict[tuple[int, int], float]) -> float:
    """Mean link probability over a cluster's pairs (1.0 for a single claim)."""
    if len(group) < 2:
        return 1.0
    values = [
        max(0.0, links.get((min(i, j), max(i, j)), 0.0)) for k, i in enumerate(group) for j in group[k + 1 :]
    ]
    return sum(values) / len(values)
