"""What a figure counts ("soldiers") and what kind of figure it is (killed, wounded, troops, money...)."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

KILLED = frozenset("die dead kill death fatality perish body toll slain killed".split())
WOUNDED = frozenset("injure wound hurt injury injured wounded hospitalise hospitalize".split())
CASUALTIES = frozenset("casualty casualties loss losses".split())
MISSING = frozenset("missing trap trapped".split())
GROUPS = {
    "troops": frozenset(
        "soldier troop force fighter personnel serviceman servicemen officer general marine conscript recruit"
        " reservist army mercenary sailor pilot commander contingent battalion brigade division".split()
    ),
    "equipment": frozenset(
        "unit howitzer missile tank drone launcher aircraft shell round weapon system artillery vehicle jet"
        " helicopter ship gun rocket munition ammunition warplane plane".split()
    ),
    "people": frozenset(
        "people person resident civilian villager child children evacuee family refugee student worker man men"
        " woman women victim other teacher patient citizen inhabitant passenger prisoner voter".split()
    ),
    "buildings": frozenset("house home building school mosque church shelter structure dwelling".split()),
}
# Nouns that only say "so many of": the figure counts what follows "of".
CONTAINERS = frozenset("unit piece item number batch set group contingent total".split())
_STOP_AT = frozenset({".", ";", ":", "—", "–", "(", ")"})


def counted_noun(sent: SpacySpan, first: Token, last: Token) -> Token | None:
    """The noun a figure counts: "1,000 to 3,000 North Korean *soldiers*", "220 *units* of howitzers"."""
    doc = sent.doc
    if last.dep_ == "nummod" and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN"):
        noun = last.head
    else:
        noun = None
        i = last.i + 1
        if i < sent.end and doc[i].lower_ == "of":  # "thousands of soldiers"
            i += 1
        while i < min(sent.end, last.i + 6):
            t = doc[i]
            if t.pos_ == "NOUN":
                noun = t
                # keep going through compounds: "disaster agency spokesman"
                while i + 1 < sent.end and doc[i + 1].pos_ == "NOUN" and t.dep_ == "compound":
                    i += 1
                    t = noun = doc[i]
                break
            if t.pos_ in ("ADJ", "PROPN", "DET", "NUM", "ADV") or t.dep_ == "amod" or t.text in ("-",):
                i += 1
                continue
            break
    if noun is not None and noun.lemma_.lower() in CONTAINERS:
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.pos_ == "NOUN":
            return obj
    return noun


def category_of(sent: SpacySpan, first: Token, last: Token, counted: Token | None, kind: str) -> str:
    """The kind of figure, from its unit, the verbs around it, then what it counts."""
    if kind in ("money", "area", "distance", "speed", "magnitude", "percent", "duration", "mass"):
        return kind
    lemmas_after = _window(sent, last.i + 1, +1, 12)
    lemmas_before = _window(sent, first.i - 1, -1, 6)
    counted_lemma = counted.lemma_.lower() if counted is not None else ""
    if counted_lemma in CASUALTIES or (counted is not None and counted.lower_ in CASUALTIES):
        return "casualties"
    if counted is not None and _outcome(counted) in ("killed", "wounded"):
        return _outcome(counted)  # "four deaths", "200 injuries"
    governed = _governing_outcome(counted if counted is not None else last)
    if governed is not None:
        return governed
    if counted_lemma and not any(
        counted_lemma in words for name, words in GROUPS.items() if name in ("people", "troops")
    ):
        return next((name for name, words in GROUPS.items() if counted_lemma in words), "other")
    # Words around the figure, only when it is an argument of a clause ("a town of 11,000" is not).
    windows = (lemmas_after, lemmas_before) if _in_clause(last) else ()
    for window in windows:
        killed = [i for i, w in enumerate(window) if w in KILLED]
        wounded = [i for i, w in enumerate(window) if w in WOUNDED]
        if killed and wounded and abs(killed[0] - wounded[0]) <= 3:
            return "casualties"
        if any(w in CASUALTIES for w in window[:4]):
            return "casualties"
        if killed or wounded:
            return "killed" if (killed or [99])[0] < (wounded or [99])[0] else "wounded"
        if any(w in MISSING for w in window[:4]):
            return "missing"
    for name, words in GROUPS.items():
        if counted_lemma in words:
            return name
    return "other"


def _outcome(t: Token) -> str | None:
    lemma, low = t.lemma_.lower(), t.lower_
    if lemma in KILLED or low in KILLED:
        return "killed"
    if lemma in WOUNDED or low in WOUNDED:
        return "wounded"
    if lemma in MISSING or low in MISSING:
        return "missing"
    return None


def _governing_outcome(noun: Token) -> str | None:
    """What the sentence says happened to the counted people: "300 soldiers have *died*",
    "*killing* at least five people", "24 people *dead*", "have been *killed or wounded*"."""
    candidates = [c for c in noun.children if c.dep_ in ("amod", "acl", "relcl")]
    own_verb = any(c.dep_ == "acl" and c.tag_ == "VBN" and c.i == noun.i + 1 for c in candidates)
    if own_verb and not any(_outcome(c) for c in candidates):
        # "... 250 others injured and more than 800 homes destroyed": the noun's own verb says what
        # happened to it, whatever clause the parse hung it from
        return None
    head = noun
    for _ in range(2):
        if head.head.i == head.i:
            break
        head = head.head
        candidates.append(head)
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            candidates.extend(c for c in head.children if c.dep_ in ("oprd", "acomp", "xcomp"))
            break
    for t in candidates:
        found = _outcome(t)
        if found in ("killed", "wounded"):
            others = {_outcome(c) for c in t.children if _paired(t, c)} | (
                {_outcome(t.head)} if _paired(t.head, t) else set()
            )
            if {"killed", "wounded"} <= others | {found}:
                return "casualties"
            return found
        if found == "missing":
            return found
    return None


def _paired(head: Token, conj: Token) -> bool:
    """'killed or wounded': two outcomes of one subject, not two clauses ('300 died and 2,700 were hurt')."""
    return (
        conj.dep_ == "conj" and conj.head.i == head.i and 0 < conj.i - head.i <= 3
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        and not all(any(c.dep_ == "dobj" for c in v.children) for v in (head, conj))
    )  # fmt: skip  # "killing one and wounding two": each verb has its own object, two clauses


def _in_clause(t: Token) -> bool:
    """Whether a figure is an argument of a clause (within two steps of a verb)."""
    head = t
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") and head.i != t.i:
            return True
        if head.head.i == head.i:
            return head.pos_ in ("VERB", "AUX")
        head = head.head
    return False


def _window(sent: SpacySpan, start: int, step: int, size: int) -> list[str]:
    """Lemmas from `start` in one direction, up to the clause's end or the next figure."""
    out: list[str] = []
    i = start
    doc = sent.doc
    while sent.start <= i < sent.end and len(out) < size:
        t = doc[i]
        if t.text in _STOP_AT or (t.text == "," and out) or (t.like_num and out):
            break
        # A noun that modifies another ("the death penalty", "injury time") is not what happened.
        out.append("" if t.dep_ == "compound" else (t.lemma_ or t.lower_).lower())
        i += step
    return out


def group_of(noun: str | None) -> str | None:
    """The group a counted noun belongs to ("soldiers" -> "troops"), if any."""
    if not noun:
        return None
    lemma = noun.lower()
    candidates = {lemma, lemma.rstrip("s"), lemma[:-2] + "y" if lemma.endswith("ies") else lemma}
    return next((name for name, words in GROUPS.items() if candidates & words), None)
