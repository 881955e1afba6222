"""What a figure measures: the referent, read from the dependency parse of the figure's clause.

A figure's number says how much; the referent says of what. "The couple paid $43,885,310 in federal
taxes" measures *federal taxes* (the thing, head "tax"), related by *pay* (the predicate), held by
*the couple* (the holder). Two outlets report the same measure when their referents match, whatever
the domain: nothing here lists the nouns of one kind of story. Only grammar is read: which noun the
number modifies, which noun it is "of" or "in", which noun a copula equates it with, which verb
governs it and who that verb's subject is.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsrecon.claims.attribution import REPORT_VERBS
from newsrecon.claims.context import clause_of
from newsrecon.model import Referent

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Prepositions that name what an amount is of or in ("$10 million in fees", "a rate of 31 percent").
_OF_PREPS = frozenset({"of", "in", "for", "on", "to"})
_COPULA_DEPS = frozenset({"attr", "acomp", "oprd"})
_NOT_THINGS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
MAX_WORDS = 40


def unit_family(kind: str, unit: str | None) -> str:
    """The family a figure's unit belongs to: money by currency, other measurements by kind."""
    if kind == "money":
        return f"money:{(unit or 'money').split(' ')[0]}"
    return kind if kind != "other" else f"unit:{unit or ''}"


def referent_of(
    sent: SpacySpan,
    numbers: SpacySpan,
    whole: SpacySpan,
    counted: Token | None,
    context: tuple[tuple[str, str], ...],
    q,
    original: Callable[[int], int],
) -> Referent:
    """The referent of one figure (`numbers`: its number tokens; `whole`: hedge, number and unit)."""
    own = set(range(whole.start, whole.end)) | set(range(numbers.start, numbers.end))
    anchor = numbers[-1]
    head = _thing_head(sent, anchor, whole, counted, own)
    if head is not None and head.ent_type_ in ("DATE", "TIME"):
        head = None  # "on Wednesday morning, six had died": a time is when, not what
    thing_tokens = _phrase(head, own) if head is not None else []
    pred = _predicate(anchor if head is None else head, anchor)
    holder_tokens = _holder(pred, head, own)
    years = [t.text for t in thing_tokens if t.like_num and len(t.text) == 4]
    thing_tokens = [t for t in thing_tokens if not (t.like_num and len(t.text) == 4)]
    times = [v for k, v in context if k == "when"] + years
    scope = next((v.removeprefix("place:") for k, v in context if k == "where"), None)
    if scope is None and head is not None:
        scope = _of_scope(head, own)
    clause = clause_of(anchor)
    words = _content(clause, own)
    marked = [*thing_tokens, *([pred] if pred is not None else []), *holder_tokens]
    start = min((t.idx for t in marked), default=numbers.start_char)
    end = max((t.idx + len(t) for t in marked), default=numbers.end_char)
    start, end = min(start, whole.start_char), max(end, whole.end_char)
    return Referent(
        thing=" ".join(t.text for t in thing_tokens) or None,
        head=head.lemma_.lower() if head is not None else None,
        predicate=pred.lemma_.lower() if pred is not None else None,
        holder=" ".join(t.text for t in holder_tokens) or None,
        scope=scope,
        time=", ".join(dict.fromkeys(times)) or None,
        unit=unit_family(q.kind, q.unit),
        side=getattr(q, "side", None),
        words=words,
        start=original(start),
        end=original(end),
    )


def _thing_head(
    sent: SpacySpan, anchor: Token, whole: SpacySpan, counted: Token | None, own: set[int]
) -> Token | None:
    """The noun the figure counts or measures."""
    if counted is not None and counted.i not in own:
        # "a 48-page indictment": the number counts pages of the noun the compound modifies.
        if (
            counted.dep_ in ("compound", "amod", "nmod")
            and counted.head.pos_ == "NOUN"
            and counted.head.i > counted.i
            and counted.head.ent_type_ not in ("DATE", "TIME")  # "a 97-1 vote hours earlier"
        ):
            return counted.head
        return counted
    if (
        counted is not None
        and counted.dep_ in ("compound", "amod")
        and counted.head.pos_ in ("NOUN", "PROPN")
    ) and counted.head.i not in own:
        return counted.head  # "two-year investigation": the unit is part of the figure
    last = whole[-1]
    doc = sent.doc
    # "$139 million in adjusted gross income", "paid $43,885,310 in federal taxes"
    for t in doc[last.i + 1 : min(sent.end, last.i + 3)]:
        if t.dep_ == "prep" and t.lower_ in _OF_PREPS and (t.head.i in own or t.head.i == anchor.head.i):
            obj = next((c for c in t.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
            # "-5 degrees in the city", "$3 million in 2014": a place or a time is no thing measured
            if obj is not None and obj.ent_type_ not in _NOT_THINGS:
                return obj
    node = anchor
    for _ in range(3):  # climb out of the figure's own tokens ("percent", "$", "million")
        if node.head.i not in own or node.head.i == node.i:
            break
        node = node.head
    head = node.head
    # "a rate of 31.55 percent", "a total of $675,000", "LDL of 118"
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    # "her 2014 federal tax rate was 35.72", "heart rate was 72"
    if node.dep_ in _COPULA_DEPS or (head.lemma_ == "be" and node.dep_ in ("dobj", "npadvmod", "nummod")):
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return subj
    # "the Clintons' 2014 tax rate: 30 percent"
    if node.dep_ == "appos" and head.pos_ == "NOUN":
        return head
    # "a 97-1 vote", "a $600 airline ticket": the figure modifies the noun it is a figure of
    if node.dep_ in ("nummod", "compound", "amod") and head.pos_ == "NOUN" and head.i > node.i:
        return head
    # "earnings of $139 million in seven years", "killed 12 people in two days": a figure in a
    # phrase of a noun, or in an adverbial of a verb with a noun object, measures that noun (over
    # how long, by how much)
    if node.dep_ == "pobj" and head.dep_ == "prep":
        obj = head.head
        if obj.pos_ == "VERB":
            obj = next((c for c in obj.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ == "NOUN" and obj.i not in own and obj.ent_type_ not in _NOT_THINGS:
            return obj
    return None


def _phrase(head: Token, own: set[int]) -> list[Token]:
    """The head noun with the modifiers to its left that name what it is ("adjusted gross income")."""
    mods: list[Token] = []

    def collect(t: Token) -> None:
        for c in t.lefts:
            # a possessor is who holds it (the holder), not the thing; of numbers only a year
            if c.i in own or c.dep_ not in _MODIFIER_DEPS | {"nummod"}:
                continue
            if c.dep_ == "nummod" and not (c.like_num and len(c.text) == 4):
                continue
            collect(c)
            mods.append(c)

    collect(head)
    return sorted([*mods, head], key=lambda t: t.i)


def _predicate(start: Token, anchor: Token) -> Token | None:
    """The verb the figure's phrase depends on, climbing from the thing counted (`start`) or the
    number; None when it hangs from a copula or nothing, or only from a verb of saying ("... 100 m
    high, officials said": who said it is the attribution, not what the figure measures)."""
    node = start
    for _ in range(8):
        if node.pos_ == "VERB" and node.i != anchor.i:
            return None if node.lemma_.lower() in REPORT_VERBS else node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _holder(pred: Token | None, head: Token | None, own: set[int]) -> list[Token]:
    """Who the figure belongs to: the thing's possessor ("their", "the Clintons'"), else the subject
    of its verb ("the couple paid")."""
    if head is not None:
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            return _name(poss, own)
    if pred is not None:
        subj = _subject(pred)
        if subj is not None and subj.tag_ in ("WDT", "WP") and pred.dep_ == "relcl":
            subj = pred.head  # "attacks that killed nearly 3,000": the relative pronoun's noun
        if subj is not None and subj.tag_ == "DT":
            return []  # "This followed a 97-1 vote": an event pointed back to, not who holds it
        if (
            subj is not None
            and subj.i not in own
            and not subj.like_num
            and subj.i != (head.i if head else -1)
        ):
            return _name(subj, own)
    return []


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for a verb with none of its own that completes or continues another
    ("agreed to pay $5 million", "met and voted 97-1"), the subject of that one. (An adverbial
    clause's verb is left alone: "ensured the bill will become law after voting" hangs it anywhere.)"""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _dateline(c)), None)
        if subj is not None or verb.dep_ not in ("xcomp", "conj") or verb.head.pos_ not in ("VERB", "AUX"):
            return subj
        verb = verb.head
    return None


def _dateline(t: Token) -> bool:
    """A place opening the sentence before a dash ("WASHINGTON – The Senate voted"), which the
    parser can take for the subject: it says where the story was filed, not who acted."""
    after = t.nbor() if t.i + 1 < len(t.doc) else None
    return (
        t.left_edge.i == t.sent.start
        and t.is_upper
        and after is not None
        and after.text in ("-", "–", "—", "--")
    )


def _name(t: Token, own: set[int] = frozenset()) -> list[Token]:
    """A name as the text gives it: its compounds and adjectives, and an "of" with a proper name
    after it ("the Bank of England" is not "the Bank of Japan")."""
    parts = [
        c
        for c in t.lefts
        if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ", "NOUN") and c.i not in own
    ]
    tail: list[Token] = []
    of = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ == "PROPN" and obj.i not in own:
        tail = [of, *(c for c in obj.lefts if c.dep_ == "compound" and c.i not in own), obj]
    return [*parts, t, *tail]


def _of_scope(head: Token, own: set[int]) -> str | None:
    """A named group or place the thing is limited to: "two-thirds of the Senate"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "among"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN" and obj.i not in own:
                return " ".join(t.text for t in _name(obj))
    return None


def _content(clause: list[Token], own: set[int]) -> tuple[str, ...]:
    """The clause's content lemmas, numbers and the figure's own words left out."""
    out = [
        t.lemma_.lower()
        for t in clause
        if t.i not in own and t.pos_ in _CONTENT_POS and not t.like_num and not t.is_stop and t.is_alpha
    ]
    return tuple(dict.fromkeys(out))[:MAX_WORDS]
