"""Canonical names for sources: one name per agency or person, whatever the wording.

Within a document, "South Korea's National Intelligence Service (NIS)" gives the name and its
acronym; across a story, "NIS", "the NIS" and "National Intelligence Service" become one source,
and "Zelensky", "Zelenskyy" and "Volodymyr Zelenskyy" one person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsrecon.claims.attribution import DOCUMENT_NOUNS
from newsrecon.claims.nlp import entities_in

_ACRONYM = re.compile(r"^(?P<name>.*?)\s*\((?P<acr>[A-Z][A-Za-z.&]{1,9})\)")
_POSSESSOR = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*\s*['’]s?\s+(?=[A-Z])")
_ACRONYM_ONLY = re.compile(r"(?:[A-Z]\.?){2,6}")
_LEADING = re.compile(r"^(?:the|a|an|its|their|his|her|our|one of the|some)\s+", re.IGNORECASE)
# Capitalised words too common in agency names to identify one ("South Korean intelligence" and
# "South Korean military" are different sources).
GENERIC = frozenset(
    """
    the of and for in on at to national state states federal central general public ministry ministry's department
    agency office service services council committee commission authority authorities bureau institute
    intelligence military army forces force defence defense security police news daily press times post
    media group official officials spokesman spokeswoman spokesperson president minister prime chief head
    director secretary general staff joint united u.s. us uk eu south north east west korea korean russia
    russian ukraine ukrainian american america china chinese japan japanese indonesia indonesian
    """.split()
)


# Offices written before a person's name.
PERSON_TITLES = frozenset(
    "mr mrs ms dr mayor president minister governor senator chief general colonel captain sheriff judge"
    " spokesman spokeswoman spokesperson prime secretary ambassador commander director professor".split()
)


def canonical_name(span: SpacySpan) -> str:
    """The name of a source as the text gives it, without articles, possessors or appositions."""
    text = " ".join(span.text.split()).strip(" ,;:“”\"'")
    persons = [e for e in entities_in(span) if e.label_ == "PERSON"]
    if persons:
        return _clean(max(persons, key=len).text)
    m = _ACRONYM.match(text)
    if m and m["name"] and m["name"][-1:].isalpha() and any(w[:1].isupper() for w in m["name"].split()):
        return _strip_possessor(_clean(m["name"]))
    orgs = [e for e in entities_in(span) if e.label_ == "ORG"]
    if orgs:
        return _strip_possessor(_clean(max(orgs, key=len).text))
    tail = [t for t in span if not t.is_punct]
    titled = 0  # "Mayor Ana Ruiz", "Prime Minister Lena Berg": the name without the office
    while titled < len(tail) - 1 and tail[titled].lower_.rstrip(".") in PERSON_TITLES:
        titled += 1
    rest = tail[titled:]
    if (
        titled
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest)
        and not all(t.lower_.rstrip(".") in PERSON_TITLES for t in rest)
    ):  # "Prime Minister" alone stays whole
        return " ".join(t.text for t in rest)
    if len(tail) >= 2 and tail[-1].pos_ == "PROPN" and tail[0].is_lower:
        names = []
        for t in reversed(tail):  # "disaster agency official Fauzi" -> "Fauzi"
            if t.pos_ != "PROPN" or t.is_lower:
                break
            names.insert(0, t.text)
        if names and len(names) < len(tail):
            return " ".join(names)
    appos = [t for t in span if t.dep_ == "appos" and t.head.i < t.i and t.head.i >= span.start]
    if appos:  # "Fauzi, an official from the local disaster agency" -> "Fauzi"
        cut = min(t.left_edge.i for t in appos)
        while cut > span.start and span.doc[cut - 1].is_punct:
            cut -= 1
        text = " ".join(span.doc[span.start : cut].text.split()) or text
    return _strip_possessor(_clean(text))


# What stays of a document's phrase in its name: its modifiers, "of" (what it lists), "from" and "by"
# (who issued it); "on her health", "with the commission", appositions and clauses are dropped.
_DOCUMENT_KEEP = frozenset({"det", "poss", "case", "compound", "amod", "nummod", "nmod", "quantmod", "punct"})
_DOCUMENT_PREPS = frozenset({"of", "from", "by"})


def document_name(span: SpacySpan) -> str:
    """The name of a document as a source: its phrase without determiners, "Mrs. Clinton's tax
    return", "list of paid speeches", "statement from Dr. Lisa Bardack"."""
    head = span.root
    keep = {head.i}
    for c in head.children:
        if c.i < head.i and c.dep_ in _DOCUMENT_KEEP:
            keep |= {t.i for t in c.subtree}
        elif c.i > head.i and c.dep_ == "prep" and c.lower_ in _DOCUMENT_PREPS:
            keep |= {
                t.i for t in c.subtree if not any(a.dep_ in ("appos", "relcl", "acl") for a in _path(t, c))
            }
        elif c.i > head.i and c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children):
            keep |= {t.i for t in c.subtree}  # "released by the Justice Department"
    kept = [span.doc[i] for i in sorted(keep)]
    text = "".join(t.text_with_ws if t.i + 1 in keep else t.text + " " for t in kept)
    return _clean(text).strip(" ,") or _clean(span.text)


def _path(token: Token, top: Token) -> list[Token]:
    """The tokens from `token` up to (not including) `top`."""
    out = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def acronym_of(span: SpacySpan) -> tuple[str, str] | None:
    """(name, acronym) when the span gives one: "Joint Chiefs of Staff (JCS)", and also a description
    with it, "South Korea's intelligence agency (NIS)", which the acronym ties to the full name."""
    m = _ACRONYM.match(" ".join(span.text.split()))
    if m and m["name"].strip() and m["acr"].isupper():
        return _strip_possessor(_clean(m["name"])), m["acr"]
    return None


def spells_out(name: str, acronym: str) -> bool:
    return _initials(name).endswith(acronym.replace(".", "").upper())


def _initials(name: str) -> str:
    return "".join(
        w[0].upper()
        for w in re.findall(r"[A-Za-z][\w'’-]*", name)
        if w.lower() not in ("of", "and", "for", "the")
    )


def _clean(text: str) -> str:
    text = _LEADING.sub("", " ".join(text.split())).strip(" ,;:“”\"'")
    return re.sub(r"\s*\([^)]*\)$", "", text).strip()


def _strip_possessor(text: str) -> str:
    stripped = _POSSESSOR.sub("", text)
    return stripped if stripped and stripped != text and stripped[:1].isupper() else text


def unify(names: list[str], acronyms: dict[str, str]) -> dict[str, str]:
    """Map every name to one canonical name for the story.

    Acronyms go to what they stand for; a name contained in a longer one that shares a distinctive
    word goes to the most frequent form; people are matched by surname, allowing one letter of
    spelling difference ("Zelensky" / "Zelenskyy").
    """
    counts = Counter(names)
    mapping: dict[str, str] = {}
    by_acr: dict[str, str] = {}
    for n, a in sorted(acronyms.items(), key=lambda kv: not spells_out(*kv)):  # spelled-out names first
        by_acr.setdefault(a.upper(), n)
    for n, a in acronyms.items():
        if by_acr[a.upper()] != n:
            mapping[n] = by_acr[a.upper()]  # "intelligence agency (NIS)" is the NIS
    for name in counts:
        key = name.upper().replace(".", "")
        if key in by_acr:
            mapping[name] = by_acr[key]
        elif _ACRONYM_ONLY.fullmatch(name):  # "USGS" and "U.S. Geological Survey" in the same story
            spelled = [
                n
                for n in counts
                if n != name and len(n.split()) > 1 and spells_out(n, key) and len(_initials(n)) == len(key)
            ]
            if len(spelled) == 1:
                mapping[name] = spelled[0]
    groups: list[list[str]] = []
    # Groups by the keys two names must share to be one source (see `_keys`), so that a name is
    # checked against the few groups that can hold it, not all: a story of 900 articles spent most
    # of its time here.
    by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        target = mapping.get(name, name)
        target_keys = _keys(target)
        candidates = sorted(set().union(*(by_key.get(k, ()) for k in target_keys)))
        home = next((g for g in candidates if any(_same_source(target, m) for m in groups[g])), None)
        if home is None:
            home = len(groups)
            groups.append([] if target == name else [target])
            for k in target_keys:
                by_key[k].add(home)
        groups[home].append(name)
        for k in target_keys if target == name else _keys(name):
            by_key[k].add(home)
    for group in groups:
        best = max(group, key=lambda n: (sum(counts[m] for m in group if _same_source(m, n)), len(n)))
        for name in group:
            mapping[name] = best
    return mapping


def _keys(name: str) -> set[tuple[str, str]]:
    """Keys that two names `_same_source` holds for share: the name itself, a distinctive word (one
    set within the other), a country described, or the last word with a letter dropped or none."""
    keys = {("name", name)} | {("word", w) for w in _distinctive(name)}
    described = _descriptor(name)
    if described:
        keys.add(("country", described[0]))
    if _distinctive(name):
        last = name.split()[-1].lower()
        keys |= {("last", last)} | {("last", last[:i] + last[i + 1 :]) for i in range(len(last))}
    return keys


@lru_cache(maxsize=65_536)
def _distinctive(name: str) -> frozenset[str]:
    """The words that tell this source from others: its capitalised words, less generic ones, in its
    head only (before an appositive's comma: "Christopher Gunness, spokesman for the UN agency" is
    Gunness, not the UN)."""
    head = name.split(", ", 1)[0]
    return frozenset(
        w.lower().strip("'’") for w in re.findall(r"[A-Z][\w'’.-]*", head) if w.lower() not in GENERIC
    )


_DOCUMENT_TAIL = re.compile(r"\s(?:of|from|by|released|with|on|in|to|for)\s")


@lru_cache(maxsize=65_536)
def _document_head(name: str) -> str | None:
    """The document noun a name is headed by ("Mrs. Clinton's tax return" -> "return"), if any."""
    words = _DOCUMENT_TAIL.split(name, maxsplit=1)[0].split()
    if not words or not words[-1][:1].islower():
        return None
    w = words[-1].lower().strip("'’,")
    return next((f for f in (w, w[:-1]) if f in DOCUMENT_NOUNS), None)


def _same_source(a: str, b: str) -> bool:
    if a == b:
        return True
    if _document_head(a) != _document_head(b):
        return False  # a document is not its author: "Mrs. Clinton's tax return" is not Mrs. Clinton
    wa, wb = _distinctive(a), _distinctive(b)
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    da, db = _descriptor(a), _descriptor(b)
    if da and db and da[0] == db[0] and (da[1] <= db[1] or db[1] <= da[1]):
        return True  # "South Korean intelligence" and "South Korea's intelligence agency"
    la, lb = a.split()[-1].lower(), b.split()[-1].lower()
    if la + "s" == lb or lb + "s" == la:
        return False  # "the Clintons" are a family, not the one Clinton
    return bool(wa and wb) and len(la) >= 5 and _one_edit(la, lb)


# Demonyms and possessives to one country name, for descriptions such as "Ukrainian intelligence".
COUNTRIES = {
    "south korean": "south korea", "south korea's": "south korea", "south korea’s": "south korea",
    "north korean": "north korea", "north korea's": "north korea", "north korea’s": "north korea",
    "ukrainian": "ukraine", "ukraine's": "ukraine", "ukraine’s": "ukraine", "russian": "russia",
    "russia's": "russia", "russia’s": "russia", "american": "united states", "us": "united states",
    "u.s.": "united states", "indonesian": "indonesia", "indonesia's": "indonesia", "chinese": "china",
    "japanese": "japan", "british": "united kingdom", "uk": "united kingdom", "french": "france",
    "german": "germany", "israeli": "israel", "iranian": "iran", "turkish": "turkey", "indian": "india",
}  # fmt: skip
_DESCRIPTOR_WORDS = frozenset(
    "intelligence military army agency service services officials official authorities government ministry"
    " defence defense forces police media sources".split()
)


_DEMONYMS = sorted(COUNTRIES, key=len, reverse=True)  # "south korean" before "korean"


@lru_cache(maxsize=65_536)
def _descriptor(name: str) -> tuple[str, frozenset[str]] | None:
    """(country, words) for a description made only of a nationality and generic words."""
    low = " ".join(name.lower().split())
    for demonym in _DEMONYMS:
        if low.startswith(demonym + " "):
            words = frozenset(low[len(demonym) + 1 :].split())
            if words and words <= _DESCRIPTOR_WORDS:
                return COUNTRIES[demonym], words
    return None


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
