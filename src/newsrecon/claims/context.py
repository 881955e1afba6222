"""What a figure is about beyond its number: when, where, how, and whether it is an increment.

Read from the figure's own clause, so that "Of the nearly 11 000 sent ..., and 3 000 more were
sent in January" gives January to the 3 000 and not to the 11 000. The keys:

- ``when``: time expressions of the clause ("in 2024", "last fall", "In April last year");
- ``when_before``: those of the sentence before, for a sentence that has none of its own
  (background paragraphs run on: "In 2004 a tsunami ... . Five people died in the quake.");
- ``where``: a sub-area the figure is limited to ("in Bener Meriah district", "at the clinic");
- ``how``: an adverb on the outcome ("seriously injured");
- ``pred``: the verb that governs the figure when it is not the outcome itself ("received");
- ``mark``: "increment" (additional, extra, more, new) or "earlier" (previously, initially);
- ``part``: the counted noun, when the figure is one part of a breakdown ("two women and one man").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsrecon.claims.category import KILLED, MISSING, WOUNDED

_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
TIME_PATTERN = re.compile(
    rf"\b(?:(?:19|20)\d{{2}}|last\s+(?:year|fall|autumn|spring|summer|winter|month|week|may|{_MONTHS})"
    rf"|(?:{_MONTHS}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)(?:\s+\d{{1,2}}\b)?"
    rf"|may\s+(?:\d{{1,2}}\b|(?:19|20)\d{{2}}))",
    re.IGNORECASE,
)
INCREMENT = frozenset(
    "additional additionally extra more another new fresh further reinforcement reinforcements latest".split()
)
EARLIER = frozenset("previously initially earlier first original".split())
# Nouns of places smaller than the story's area: a figure limited to one is a different measure.
LOCAL_PLACES = frozenset(
    "district village town city clinic hospital camp neighbourhood neighborhood county municipality school mosque"
    " church ward shelter port area".split()
)
AREAS = frozenset("province state country region island territory nation".split())
SCOPE_WIDE = frozenset("countries nations world asia africa europe ocean continent globe".split())
# What was meant, threatened or possible is not what happened: "intended to kill one other person",
# "could kill up to 50". The intent verbs take the outcome as their complement; the modals are its
# auxiliaries.
INTENT = frozenset("intend plan threaten aim try attempt want seek vow plot".split())
MODALS = frozenset("could may might".split())


def _unrealised(outcome: Token) -> bool:
    """Whether an outcome word is only intended or possible (see `INTENT`, `MODALS`)."""
    auxiliaries = {c.lower_ for c in outcome.children if c.dep_ == "aux"}
    if auxiliaries & MODALS and not auxiliaries & {"have", "has"}:
        return True  # "could kill up to 50"; "may have killed 50" reports, hedged, what happened
    head = outcome
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in INTENT:
            return True
    return False


MANNER = frozenset("seriously critically badly severely slightly lightly gravely fatally".split())
# The same manner said of the outcome noun ("261 suffered minor injuries", "serious injury").
MANNER_OF_NOUN = {
    "serious": "seriously", "critical": "critically", "bad": "badly", "severe": "severely",
    "slight": "slightly", "light": "lightly", "minor": "slightly", "grave": "gravely", "fatal": "fatally",
}  # fmt: skip
_OUTCOMES = KILLED | WOUNDED | MISSING
_PLACE_PREPS = frozenset({"in", "at", "across", "around", "throughout", "inside"})
# What did it, before the verb: its subject, or a gerund the parse hangs from it ("Shelling of
# houses in the camp left five dead").
_DOERS = frozenset({"nsubj", "nsubjpass", "csubj", "advcl"})
_BRANCHES = frozenset({"ccomp", "conj", "advcl", "parataxis", "relcl", "acl"})


def _predicate(last: Token) -> Token:
    """The verb of the clause a figure belongs to, climbing out of relative clauses and
    participles ("a tsunami that killed 170,000", "..., sparking a tsunami that killed ...")."""
    pred = last
    for _ in range(10):
        finite = pred.pos_ in ("VERB", "AUX") and pred.dep_ not in ("relcl", "acl", "amod")
        # "..., killing 612 and wounding 1,400": a participle without a subject, or one conjoined
        # with such a participle, is part of the clause it hangs from (and shares its time).
        participle = (
            (
                pred.dep_ == "advcl"
                or (pred.dep_ == "conj" and pred.head.dep_ == "advcl" and pred.head.tag_ == "VBG")
            )
            and pred.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)
        )
        if finite and not participle:
            break
        if pred.head.i == pred.i:
            break
        pred = pred.head
    return pred


def _comparing(t: Token) -> bool:
    """A comparative before "than" ("more than", "fewer than"): a figure's bound."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "than"


def clause_of(last: Token) -> list[Token]:
    """The tokens of the clause a figure belongs to, leaving out sibling clauses."""
    pred = _predicate(last)
    inside = {t.i for t in pred.subtree}
    for child in pred.children:
        if child.dep_ in _BRANCHES and last.i not in {t.i for t in child.subtree}:
            inside -= {t.i for t in child.subtree}
    return [t for t in pred.doc[min(inside) : max(inside) + 1] if t.i in inside]


_TIME_NOUNS = frozenset(
    "end beginning start middle year month week fall autumn spring summer winter day".split()
)


def _attached(t: Token, pred: Token, path: set[int]) -> bool:
    """Whether a time word dates the figure's clause, not some other noun ("devastated by the 2004
    tsunami"): its heads must lead to the clause's verb through prepositions, their objects, time
    nouns, or the words between the figure and that verb (`path`)."""
    node = t
    for _ in range(8):
        if node.i == pred.i or node.i in path:
            return True
        head = node.head
        if head.i == node.i:
            return False
        passable = (
            head.i in path or head.pos_ in ("ADP", "NUM", "PROPN", "DET")
            or head.dep_ == "pobj" or head.lemma_.lower() in _TIME_NOUNS
            or (head.head.i == pred.i and head.dep_ in ("nsubj", "nsubjpass", "dobj"))  # "the 2004 tsunami was"
        )  # fmt: skip
        if not passable:
            return False
        node = head
    return False


def _clause_times(tokens: list[Token], pred: Token, path: set[int] | None = None) -> list[str]:
    """Time expressions in `tokens` that attach to the clause's verb."""
    path = path or {pred.i}
    if not tokens:
        return []
    out = []
    doc = pred.doc
    inside = {x.i for x in tokens}
    lo = min(x.idx for x in tokens)
    hi = max(x.idx + len(x) for x in tokens)
    for start, end, found in _time_matches(doc):
        if end <= lo or start >= hi:
            continue  # no token of the clause in it
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not any(t.i in inside for t in span):
            continue
        if any(_attached(t, pred, path) for t in span):
            out.append(found)
    return list(dict.fromkeys(out))


def _time_matches(doc: Doc) -> list[tuple[int, int, str]]:
    """The time expressions of a parsed paragraph, found once: each of its figures asks, and
    `Doc.text` is rebuilt from the tokens on every access (a long paragraph was quadratic)."""
    key = "newsrecon_time_matches"
    if key not in doc.user_data:
        doc.user_data[key] = [(m.start(), m.end(), m.group(0)) for m in TIME_PATTERN.finditer(doc.text)]
    return doc.user_data[key]


def figure_context(
    sent: SpacySpan, figure: SpacySpan, counted: Token | None, prev_sentence: SpacySpan | None,
    figure_kind: str = "count",
) -> tuple[tuple[str, str], ...]:  # fmt: skip
    """The context keys of one figure (its tokens, hedge included; see the module docstring)."""
    last = figure[-1]
    own = set(range(figure.start, figure.end))
    pred = _predicate(last)
    clause = [t for t in clause_of(last) if t.i not in own]
    path = {last.i} | {a.i for a in last.ancestors if pred.i in {x.i for x in a.ancestors} or a.i == pred.i}
    out: list[tuple[str, str]] = [("when", t) for t in _clause_times(clause, pred, path)]
    if not TIME_PATTERN.search(sent.text) and prev_sentence is not None:
        root = prev_sentence.root
        out.extend(("when_before", t) for t in _clause_times(list(prev_sentence), root))
    # "more than $250,000" bounds another figure of the clause: a comparison, not an increment
    words = {t.lower_ for t in clause if t.pos_ != "PROPN" and not _comparing(t)}
    if words & INCREMENT or (counted is not None and any(c.lower_ in INCREMENT for c in counted.children)):
        out.append(("mark", "increment"))
    elif words & EARLIER:
        out.append(("mark", "earlier"))
    anchor = counted if counted is not None else last
    outcome = next((t for t in [anchor, *anchor.ancestors][:4] if t.lemma_.lower() in _OUTCOMES), None)
    if outcome is None:
        outcome = next((c for c in anchor.children if c.lemma_.lower() in _OUTCOMES), None)
    if outcome is not None:
        out.extend(("how", c.lower_) for c in outcome.children if c.lower_ in MANNER)
        out.extend(_noun_manner(outcome))
        if _unrealised(outcome):
            out.append(("mood", "unrealised"))
    else:
        verb = next((t for t in anchor.ancestors if t.pos_ == "VERB"), None)
        action = VERB_CLASSES.get(verb.lemma_.lower()) if verb is not None else None
        if action and figure_kind == "count":
            out.append(("pred", action))
        if verb is not None:  # "eight suffered (from) serious injury", "261 got minor injuries"
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
            hurt = next((o for o in objects if o.lemma_.lower() in _OUTCOMES), None)
            if hurt is not None:
                out.extend(_noun_manner(hurt))
    if counted is not None and _is_part(counted):
        out.append(("part", counted.lemma_.lower()))
    if figure_kind == "distance":
        out.extend(_distance_context(clause, path))
    if figure_kind in MEASUREMENTS and not any(k in ("what", "from") for k, _ in out):
        thing = _measured_thing(figure)
        if thing:
            out.append(("what", thing))
    if figure_kind == "count":
        # Places that limit the figure itself (attached to it, its noun or its verb), or open the sentence.
        near = path | ({counted.i} if counted is not None else set()) | {pred.i}
        if pred.dep_ == "conj":  # "5 were injured and 10 houses damaged in Takengon": the place is shared
            near.add(pred.head.i)
        opening = [sent[0]] if sent[0].dep_ == "prep" else []  # "In neighbouring X district, ..."
        found = _where(t for t in [*(t for t in clause if t.head.i in near and t.i > last.i), *opening])
        if found is None:
            # Where the event that did it happened: "Shelling of houses in the Bureij camp left 16
            # injured", "the attack on a school in Jabaliya, which wounded 100".
            doer = (
                pred.head
                if pred.dep_ == "relcl"
                else next((c for c in pred.children if c.dep_ in _DOERS and c.i < min(last.i, pred.i)), None)
            )
            if doer is not None and doer.i not in path:
                if doer.dep_ == "pobj" and doer.head.lower_ in _PLACE_PREPS:  # "in the district, which"
                    found = _place(doer)
                else:
                    found = _where(t for t in doer.subtree if t.i < pred.i)
        if found:
            out.append(("where", found))
    return tuple(dict.fromkeys(out))


def _where(tokens: Iterable[Token]) -> str | None:
    """The place of the first place phrase among `tokens` ("in the district"); "" when the first
    is a wide area ("in the province": no limit), None when there is none."""
    for t in tokens:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            where = _place(obj)
            # the nearest place phrase is the figure's; later ones belong to other words
            if where or obj.lemma_.lower() in AREAS:
                return where or ""
    return None


def _noun_manner(outcome: Token) -> list[tuple[str, str]]:
    """The manner an adjective gives an outcome noun ("serious injury": seriously)."""
    if outcome.pos_ != "NOUN":
        return []
    return [
        ("how", MANNER_OF_NOUN[c.lower_])
        for c in outcome.children
        if c.dep_ == "amod" and c.lower_ in MANNER_OF_NOUN
    ]


def _counts(noun: Token) -> bool:
    """Whether a noun carries a count of its own ("two women", "a man")."""
    return any(
        c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an", "one")) for c in noun.children
    )


def _is_part(counted: Token) -> bool:
    """Whether a counted noun is one part of a breakdown: a conjunct beside another count ("two women
    and one man died": both) or in apposition to a total ("three people, a man and two women": the
    man and the women, not the three). A part is not the total the other reports give."""
    if counted.dep_ == "appos" or (counted.dep_ == "conj" and counted.head.dep_ == "appos"):
        return True
    if counted.dep_ == "conj" and counted.head.pos_ in ("NOUN", "PROPN") and _counts(counted.head):
        return True
    return any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and _counts(c) for c in counted.children)


DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western away off from".split()
)
DEPTH_WORDS = frozenset("depth deep beneath underground underneath below".split())


MEASUREMENTS = frozenset({"distance", "area", "mass", "duration", "percent"})
# Verbs that say what happened to the people or things counted; others say nothing about it.
VERB_CLASSES = {
    **dict.fromkeys("send deploy dispatch transfer station redeploy".split(), "deploy"),
    **dict.fromkeys("evacuate leave flee displace relocate abandon".split(), "displace"),
    **dict.fromkeys("treat admit hospitalise hospitalize receive".split(), "treat"),
    **dict.fromkeys("rescue save".split(), "rescue"),
    **dict.fromkeys("arrest detain capture".split(), "detain"),
    **dict.fromkeys("damage destroy flatten collapse".split(), "damage"),
    **dict.fromkeys("assemble gather mass mobilise mobilize".split(), "assemble"),
}


def _measured_thing(figure: SpacySpan) -> str | None:
    """What a measurement measures: "a 60-metre *stretch*", "20 mm of *rain*", "a *depth* of 10 km"."""
    last = figure[-1]
    if last.dep_ in ("amod", "compound", "nummod") and last.head.pos_ == "NOUN" and last.head.i > last.i:
        return last.head.lemma_.lower()
    nxt = figure.doc[figure.end] if figure.end < len(figure.doc) else None
    if nxt is not None and nxt.lower_ == "of":
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ == "NOUN":
            return obj.lemma_.lower()
    head = last.head
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower()
    return None


def _distance_context(clause: list[Token], path: set[int]) -> list[tuple[str, str]]:
    """What a distance measures: a depth, or how far from a named place ("55 km west of Bireun")."""
    out: list[tuple[str, str]] = []
    if any(t.lower_ in DEPTH_WORDS for t in clause):
        out.append(("what", "depth"))
    for t in clause:
        if t.lower_ in ("of", "from", "off") and (
            t.head.lower_ in DIRECTIONS or t.head.i in path or t.lower_ != "of"
        ):
            place = _named_object(t)
            if place:
                out.append(("from", place))
                break
    return out


def _named_object(prep: Token) -> str | None:
    """The proper name a preposition leads to, through "the town of" and the like."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    for _ in range(3):
        if obj is None:
            return None
        if obj.pos_ == "PROPN":
            parts = [c.text for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [obj.text]
            return " ".join(parts).lower()
        named = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named.text.lower()
        inner = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
    return None


def _place(obj: Token) -> str | None:
    """A place a figure is limited to: a local place noun ("the district"), a named place ("Takengon"),
    or "wide" for figures across countries or oceans."""
    noun = obj.lemma_.lower()
    if noun in LOCAL_PLACES:
        mods = [c.text.lower() for c in obj.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
        return " ".join([*mods, noun])
    if noun in SCOPE_WIDE or obj.lower_ in SCOPE_WIDE or (obj.ent_type_ == "LOC" and "ocean" in obj.lower_):
        return "wide"
    if obj.pos_ == "PROPN" and obj.ent_type_ not in ("PERSON", "NORP", "DATE"):
        parts = [c.text for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [obj.text]
        return "place:" + " ".join(parts).lower()
    return None
