"""What a figure is about beyond its number: when, where, how, and whether it is an increment.

Read from the figure's own clause, so that "Of the nearly 11 000 sent ..., and 3 000 more were
sent in January" gives January to the 3 000 and not to the 11 000. The keys:

- ``when``: time expressions of the clause ("in 2024", "last fall", "In April last year");
- ``when_before``: those of the sentence before, for a sentence that has none of its own
  (background paragraphs run on: "In 2004 a tsunami ... . Five people died in the quake.");
- ``where``: a sub-area the figure is limited to ("in Bener Meriah district", "at the clinic");
- ``how``: an adverb on the outcome ("seriously injured");
- ``pred``: the verb that governs the figure when it is not the outcome itself ("received");
- ``mark``: "increment" (additional, extra, more, new) or "earlier" (previously, initially).
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

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
SCOPE_WIDE = frozenset("countries nations world asia africa europe ocean continent globe".split())
MANNER = frozenset("seriously critically badly severely slightly lightly gravely fatally".split())
_OUTCOMES = KILLED | WOUNDED | MISSING
_BRANCHES = frozenset({"ccomp", "conj", "advcl", "parataxis", "relcl", "acl"})


def clause_of(last: Token) -> list[Token]:
    """The tokens of the clause a figure belongs to, climbing out of relative clauses to the
    clause of the noun they modify, and leaving out sibling clauses."""
    pred = last
    for _ in range(8):
        if pred.pos_ in ("VERB", "AUX") and pred.dep_ not in ("relcl", "acl", "amod"):
            break
        if pred.head is pred:
            break
        pred = pred.head
    inside = {t.i for t in pred.subtree}
    for child in pred.children:
        if child.dep_ in _BRANCHES and last.i not in {t.i for t in child.subtree}:
            inside -= {t.i for t in child.subtree}
    return [t for t in pred.doc[min(inside) : max(inside) + 1] if t.i in inside]


def _times(tokens: list[Token]) -> list[str]:
    text = " ".join(t.text for t in tokens)
    return list(dict.fromkeys(m.group(0) for m in TIME_PATTERN.finditer(text)))


def figure_context(
    sent: SpacySpan, figure: SpacySpan, counted: Token | None, prev_sentence: SpacySpan | None
) -> tuple[tuple[str, str], ...]:
    """The context keys of one figure (its tokens, hedge included; see the module docstring)."""
    last = figure[-1]
    own = set(range(figure.start, figure.end))
    clause = [t for t in clause_of(last) if t.i not in own]
    out: list[tuple[str, str]] = []
    for t in _times(clause):
        out.append(("when", t))
    if not _times(list(sent)) and prev_sentence is not None:
        for t in _times(list(prev_sentence)):
            out.append(("when_before", t))
    words = {t.lower_ for t in clause if t.pos_ != "PROPN"}
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
    else:
        verb = next((t for t in anchor.ancestors if t.pos_ == "VERB"), None)
        if verb is not None and verb.lemma_.lower() in (
            "receive",
            "treat",
            "admit",
            "hospitalise",
            "hospitalize",
        ):
            out.append(("pred", verb.lemma_.lower()))
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in ("in", "at", "across", "around", "throughout", "inside"):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            noun = obj.lemma_.lower()
            if noun in LOCAL_PLACES:
                mods = [
                    c.text.lower()
                    for c in obj.children
                    if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"
                ]
                out.append(("where", " ".join([*mods, noun])))
            elif (
                noun in SCOPE_WIDE
                or obj.lower_ in SCOPE_WIDE
                or (obj.ent_type_ == "LOC" and "ocean" in obj.lower_)
            ):
                out.append(("where", "wide"))
    return tuple(dict.fromkeys(out))
