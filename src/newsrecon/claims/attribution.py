"""Who a figure is attributed to, read from the dependency parse of its sentence.

An attribution *cue* is a reporting verb with its subject ("the NIS said", "X estimates that"),
a passive with its agent ("was reported by X"), "according to X", "as per X", or a subject such as
"U.S. estimates". A cue covers the part of the sentence it governs; a figure takes the innermost
cue that covers it, and a cue that wraps another ("..., according to NK News") becomes the `via`
of the inner one. "X, citing Y" makes Y the source and X the via, unless Y is anonymous
("unidentified sources"), when X stands as the source of record.

Documents are sources too: a document noun as the subject of a reporting verb ("the indictment
says"), as the object of "according to", "in" before the clause ("In a 48-page indictment, ... are
charged with") or "among ... was" ("Among her disclosures was that ..."), and as what a participle
of a reporting verb hangs off ("released her tax returns, showing that ...", "a list of speeches
showing that ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsrecon.claims.nlp import entities_in
from newsrecon.clean.patterns import MEDIA_WORDS
from newsrecon.meta.extract import WIRES

REPORT_VERBS = frozenset(
    """
    say tell report state claim confirm estimate believe assess add announce note reveal write suggest indicate
    show warn explain insist acknowledge admit allege assert argue declare disclose record count quote predict
    calculate tally testify inform publish find put reckon think conclude observe describe detail list
    """.split()
)
# Nouns that carry a source in their modifiers: "U.S. estimates", "Ukrainian reports".
REPORT_NOUNS = frozenset(
    "estimate figure report assessment data statement count tally calculation analysis".split()
)
# Nouns naming documents and records, which state figures themselves ("the returns show"). A class of
# English nouns, not one story's: filings, court papers, releases, letters, surveys.
DOCUMENT_NOUNS = frozenset(
    """
    return document record filing file list schedule table chart ledger invoice receipt indictment complaint
    affidavit lawsuit petition motion ruling judgment verdict warrant transcript testimony statement release
    letter memo memorandum email message note cable bulletin notice advisory communique report study survey
    poll census audit review analysis assessment paper papers dossier disclosure budget finding data
    """.split()
)
# What a document does, not its author: "released the returns, showing ..." (the returns show), but
# "criticized the assessment, saying ..." (the critic says).
DOCUMENT_VERBS = frozenset("show reveal indicate detail list record document suggest".split())
PUT_OBJECTS = frozenset("number figure toll total count estimate tally death casualty loss".split())
PRONOUNS = frozenset("he she they it we i his her".split())
FIRST_PERSON = frozenset("we i us our".split())
ANAPHORS = frozenset("this that these it".split())
_NP_EXCLUDE = frozenset({"relcl", "acl", "advcl", "punct"})
_NAMED = frozenset({"ORG", "PERSON", "NORP", "GPE", "FAC", "LOC"})
_DASHES = frozenset({"—", "–", "--"})
# Subjects that name nobody: the generic "you", interrogative and relative pronouns, demonstratives.
_NO_SPEAKER = frozenset("you what whatever which who whom that this these those".split())


@dataclass
class Cue:
    """One attribution in a sentence: who (source tokens), through whom (via), and what it covers."""

    source: SpacySpan | None
    anchor: Token
    scope: set[int]
    basis: str
    via: list[SpacySpan] = field(default_factory=list)
    anaphoric: bool = False  # "This was reported by X": it speaks of the sentence before

    @property
    def source_text(self) -> str | None:
        return _clean_np_text(self.source) if self.source is not None else None

    @property
    def document(self) -> bool:
        """The source is a document ("the returns", "a list of paid speeches"), not a speaker."""
        return self.source is not None and is_document(self.source.root)


def is_document(token: Token) -> bool:
    return token.pos_ == "NOUN" and (token.lemma_.lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS)


def _document_in(token: Token) -> Token | None:
    """The document a noun phrase names: its head, or the noun of its "of" phrase ("eight years of
    tax returns")."""
    t = token
    for _ in range(3):
        if is_document(t):
            return t
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        t = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if t is None:
            return None
    return None


def _document_above(token: Token) -> Token:
    """The document a noun belongs to through "of": "speeches" in "a list of paid speeches" is the list."""
    t = token
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
        t = t.head.head
        if is_document(t):
            return t
    return token


THIRD_PERSON = frozenset("he she it they his her its their him them".split())
CONNECTIVES = ("as a result", "in addition", "additionally", "moreover", "furthermore", "besides", "also")


def opens_by_pointing_back(sent: SpacySpan) -> bool:
    """The sentence continues the one before: a third-person pronoun before its main verb ("At her
    last physical, her blood pressure was ..."), or a connective first ("As a result, ...")."""
    opening = sent.text.lstrip(" \"“‘'").lower()
    if any(opening.startswith(c + " ") or opening.startswith(c + ",") for c in CONNECTIVES):
        return True
    return any(t.lower_ in THIRD_PERSON for t in sent if t.i < sent.root.i)


def closes_sentence(cue: Cue, sent: SpacySpan) -> bool:
    """The cue is put after what it reports and ends the sentence ("..., the returns show.")."""
    if cue.source is None or cue.source.start <= sent.start:
        return False
    after = [t for t in sent.doc[cue.source.end : sent.end] if not t.is_punct]
    return len(after) <= 1 and all(t.i == cue.anchor.i for t in after)


def noun_phrase(token: Token) -> SpacySpan:
    """The noun phrase headed by `token`, without relative clauses or "citing ..." participles.

    A dash ends a lead-in the parse took in, a dateline most often: in "SEOUL, South Korea (AP) —
    South Korea's spy agency said", the agency speaks, whether the parse heads the phrase with the
    agency or with the dateline (the agency then its apposition)."""
    doc = token.doc
    if token.left_edge.i == token.sent.start:  # a lead-in opens the sentence; paired dashes enclose
        dashed = [
            c for c in token.children
            if c.dep_ == "appos" and c.i > token.i
            and any(t.text in _DASHES for t in doc[token.i + 1 : c.left_edge.i])
            and not (c.right_edge.i + 1 < len(doc) and doc[c.right_edge.i + 1].text in _DASHES)
        ]  # fmt: skip
        if dashed:
            return noun_phrase(dashed[-1])
    keep = {token.i}
    stack = [c for c in token.children if c.dep_ not in _NP_EXCLUDE]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl"))
    start, end = min(keep), max(keep) + 1
    dashes = [t.i for t in doc[start : token.i] if t.text in _DASHES]
    if dashes:
        start = dashes[-1] + 1
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in (")",):
        end -= 1
    while start < end - 1 and doc[start].is_punct and doc[start].text != "(":
        start += 1
    if (
        doc[start:end].text.count("(") > doc[start:end].text.count(")")
        and end < len(doc)
        and doc[end].text == ")"
    ):
        end += 1
    return doc[start:end]


def _clean_np_text(span: SpacySpan) -> str:
    return " ".join(span.text.split()).strip(" ,;:“”\"'")


def is_anonymous(span: SpacySpan) -> bool:
    """Unnamed sources: "anonymous military officials", "its own sources", "people familiar..."."""
    return not (any(t.pos_ == "PROPN" for t in span) or any(e.label_ in _NAMED for e in entities_in(span)))


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, walking up through "adding that", "and said" to the clause that has one.

    Three misparses of news prose are repaired: the inverted '"...," added the doctor' (the speaker
    parsed as an object), 'but South Korean media, citing ..., estimate' (the speaker parsed as
    a conjunct of the clause before) and "German news agency DPA reports" (two subjects).
    """
    t: Token | None = verb
    for _ in range(4):
        if t is None:
            return None
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # "news agency DPA reports", parsed as two subjects: the name right after the
            # description is the one who speaks
            first = subjects[0]
            named = next((c for c in subjects[1:] if c.i == first.i + 1 and c.pos_ == "PROPN"), None)
            return named if named is not None and first.pos_ == "NOUN" else first
        if t is verb:
            found = _inverted_speaker(verb) or _left_speaker(verb)
            if found is not None:
                return found
        if t.dep_ in ("advcl", "xcomp", "conj") and t.head.i != t.i:
            t = t.head
        else:
            return None
    return None


def _inverted_speaker(verb: Token) -> Token | None:
    """'"...," added the doctor': a quote, then the verb, then the speaker as its object."""
    before = verb.doc[max(verb.sent.start, verb.i - 2) : verb.i].text
    if not any(q in before for q in ('"', "”", "’", ",")):
        return None
    return next(
        (c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("NOUN", "PROPN")),
        None,
    )


def _left_speaker(verb: Token) -> Token | None:
    """The noun just before a subject-less verb, skipping a ", citing ...," aside."""
    doc = verb.doc
    i = verb.i - 1
    aside = {t.i for c in doc[verb.sent.start : verb.i] if c.lemma_ == "cite" for t in c.subtree}
    while i >= verb.sent.start and (doc[i].is_punct or i in aside):
        i -= 1
    if i < verb.sent.start:
        return None
    t = doc[i]
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("conj", "nsubj", "appos", "dep", "ROOT", "npadvmod"):
        return t
    return None


def _cited(verb: Token) -> Token | None:
    """Y in "X, citing Y, said ...": a participle of cite hanging off the verb or its subject."""
    subj = _subject(verb)
    for head in (verb, subj):
        if head is None:
            continue
        for c in head.children:
            if c.lemma_ == "cite" and c.dep_ in ("advcl", "acl", "xcomp", "conj", "prep"):
                obj = next((o for o in c.children if o.dep_ in ("dobj", "pobj", "attr", "obj")), None)
                if obj is not None:
                    return obj
    return None


# Nouns that name a medium or a news organisation's kind: "told state television", "the student news
# agency ISNA". A named outlet ("The Jakarta Post", "the Guardian") is known by the words outlets'
# names are made of (`clean.patterns.MEDIA_WORDS`) or as a wire agency (`meta.extract.WIRES`).
MEDIA_NOUNS = frozenset(
    "television tv radio newspaper broadcaster network channel magazine media station website daily".split()
)


def _told_outlet(verb: Token) -> SpacySpan | None:
    """The news organisation a speaker told ("told AFP", "told state television"), which the account
    passed through; not the police, reporters or a court, who are no channel to the reader."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    phrase = noun_phrase(obj)
    words = [t.lower_ for t in phrase if t.is_alpha]
    named = obj.pos_ == "PROPN" or obj.ent_type_ == "ORG"
    news_agency = obj.lower_ == "agency" or (named and "agency" in words)
    if news_agency and not ({"news", "press"} & set(words)):
        return None  # "told the International Atomic Energy Agency": a body, not a channel
    if obj.lower_ in MEDIA_NOUNS or news_agency or phrase.text.lower().removeprefix("the ") in WIRES:
        return phrase
    if named and any(w in MEDIA_WORDS or w in MEDIA_NOUNS for w in words):
        return phrase
    return None


_PORTIONS = frozenset("all many some most none both each several few half one two three four five".split())


def _of_whom(subject: Token) -> bool:
    """ "all of whom", "most of which": a portion whose own "of" takes a relative pronoun ("the
    company, in which the state holds a stake," is not one)."""
    return (subject.lower_ in _PORTIONS or subject.like_num) and any(
        c.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in ("whom", "which") for g in c.children)
        for c in subject.children
    )


def _names_someone(mod: Token) -> bool:
    """A modifier that names who: a proper noun, a people or a body ("Ukrainian"), a possessor."""
    return mod.pos_ == "PROPN" or mod.dep_ == "poss" or mod.ent_type_ in ("NORP", "ORG", "GPE", "PERSON")


def _at_a_figure(child: Token) -> bool:
    """ "at 30,000 people": a preposition "at" whose object is a noun a number counts, as a child of
    "put" (`child`), of its object, or of a clause the parse hung between ("put the march, to mark
    a strike, at 30,000 people"); not a clock's "at 10 p.m."."""
    if child.dep_ == "prep":
        places = [child]
    elif child.dep_ in ("dobj", "advcl", "xcomp"):
        places = [c for c in child.children if c.dep_ == "prep"]
    else:
        return False
    return any(
        p.lower_ == "at" and any(
            o.dep_ == "pobj" and o.lower_.rstrip(".") not in ("a.m", "p.m", "o'clock", "hours")
            and any(n.dep_ == "nummod" and n.like_num for n in o.children)
            for o in p.children
        )
        for p in places
    )  # fmt: skip


# Verbs whose complement is done, not only meant: "kept saying", "went on to say", "managed to find".
ASPECTUAL = frozenset("keep continue go begin start resume manage repeat have".split())


def _as_saying(verb: Token) -> Token | None:
    """The "saying" of "quoted ... as saying", if the verb has one."""
    return next((g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pcomp"), None)


def _quoted_by(verb: Token) -> Token | None:
    """The "by" of "was quoted as saying by Reuters", which the parse hangs from "saying"."""
    saying = _as_saying(verb)
    if saying is None:
        return None
    return next((b for b in saying.children if b.lower_ == "by" and b.dep_ in ("prep", "agent")), None)


def _quoted_as_saying(verb: Token, passive: bool) -> Token | None:
    """The speaker of "quoted X as saying" (X) or "X was quoted ... as saying" (X)."""
    if _as_saying(verb) is None:
        return None
    dep = "nsubjpass" if passive else "dobj"
    return next((c for c in verb.children if c.dep_ == dep), None)


def _scope(anchor: Token, exclude: SpacySpan | None) -> set[int]:
    scope = {t.i for t in anchor.subtree}
    if exclude is not None:
        scope -= set(range(exclude.start, exclude.end))
    return scope


def find_cues(sent: SpacySpan) -> list[Cue]:
    """Every attribution cue in one sentence."""
    cues: list[Cue] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in REPORT_VERBS:
            cue = _verb_cue(tok)
            if cue is not None:
                cues.append(cue)
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                anchor = _according_anchor(tok, obj, sent)
                cues.append(Cue(noun_phrase(obj), anchor, _scope(anchor, None), "according to"))
        elif tok.lower_ == "per" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None:
                anchor = tok.doc[tok.i - 1].head
                cues.append(Cue(noun_phrase(obj), anchor, _scope(anchor, None), "as per"))
        elif tok.lower_ in ("among", "in") and tok.dep_ == "prep":
            cue = _document_prep_cue(tok)
            if cue is not None:
                cues.append(cue)
        elif (
            lemma in REPORT_NOUNS
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.lemma_ not in REPORT_VERBS
        ):
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i]
            if any(_names_someone(m) for m in mods):  # "U.S. estimates", not "concrete estimates"
                src = tok.doc[min(m.left_edge.i for m in mods) : max(m.right_edge.i for m in mods) + 1]
                cues.append(Cue(src, tok.head, _scope(tok.head, None), "estimates"))
    return cues


def _according_anchor(according: Token, obj: Token, sent: SpacySpan) -> Token:
    """What "according to" covers: the clause it hangs off, or, when it closes the sentence after the
    complement of a reporting verb ("X said expenses included ..., according to Y"), the reporting
    clause too: Y reports what X said."""
    anchor = according.head
    rest = sent.doc[obj.right_edge.i + 1 : sent.end]
    if (
        anchor.dep_ == "ccomp"
        and anchor.head.lemma_.lower() in REPORT_VERBS
        and according.i > anchor.head.i
        and all(t.is_punct for t in rest)
    ):
        return anchor.head
    return anchor


def _document_prep_cue(prep: Token) -> Cue | None:
    """ "Among her disclosures was that ...", and "In a 48-page indictment, ... are charged with ...":
    the document states the clause. "In a statement, X said" stays X's: the in-phrase is only a cue
    on a clause that has no speaker of its own."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    head = prep.head
    if obj is None or not is_document(obj):
        return None
    if prep.lower_ == "among":
        if head.lemma_ != "be":
            return None  # "among the dead were ...": not a document
    elif (
        head.pos_ not in ("VERB", "AUX")
        or head.lemma_.lower() in REPORT_VERBS
        or prep.i > head.i
        or _speaks(head)
    ):
        return None
    source = noun_phrase(obj)
    return Cue(source, head, _scope(head, source), prep.lower_)


def _speaks(verb: Token) -> bool:
    """The verb has an agent of its own in the active voice: a name or a personal pronoun."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ == "PROPN" or subj.lower_ in PRONOUNS or subj.ent_type_ in _NAMED)


def _participle_document(verb: Token) -> Token | None:
    """The document a subject-less participle of a reporting verb speaks for: "released her tax
    returns, showing that ...", "the report came out Friday, showing ..."."""
    if (
        verb.tag_ != "VBG"
        or verb.dep_ not in ("advcl", "xcomp", "conj")
        or verb.lemma_.lower() not in DOCUMENT_VERBS
    ):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    head = verb.head
    for dep in ("dobj", "nsubjpass", "nsubj"):
        for c in head.children:
            if c.dep_ == dep and c.i < verb.i:
                found = _document_in(c)
                if found is not None:
                    return found
    return None


def _reports_clause(participle: Token) -> bool:
    """A participle after its noun reports a clause: its own ("found that ..."), or, where the noun
    is the sentence's root (no finite verb: the parse took "X reported" for a noun and its
    participle), a "that" clause the parse hung from that noun after the participle."""
    if any(c.dep_ in ("ccomp", "mark") for c in participle.children):
        return True
    noun = participle.head
    return noun.dep_ == "ROOT" and any(
        c.i > participle.i and c.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in noun.children
    )  # fmt: skip


def _verb_cue(verb: Token) -> Cue | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in ASPECTUAL:
        return None  # "declined to say", "is working to find out", "wants to announce": not said
    if lemma == "put" and (
        any(c.dep_ == "prt" for c in verb.children)  # "put out a message", "put off"
        or not any(
            (c.dep_ == "dobj" and c.lemma_.lower() in PUT_OBJECTS) or _at_a_figure(c) for c in verb.children
        )
    ):
        return None  # "put the toll at", "put the march at 30,000"; not "put it on hold"
    if lemma == "find" and not any(c.dep_ in ("ccomp", "mark") for c in verb.children):
        # "Officers found a shotgun and three shells": a thing found, not a finding reported (a
        # study, report or survey that "found 40% support" reports one)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
    if lemma == "add" and not any(c.dep_ in ("ccomp", "mark") for c in verb.children) and verb.dep_ != "ROOT":
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive and agent is None and lemma == "quote":
        agent = _quoted_by(verb)  # "X was quoted as saying by Reuters that ..."
    source_tok: Token | None = None
    anaphoric = False
    if passive:
        if agent is None:
            return None  # "are said to have", "was reported": no one named
        source_tok = next((c for c in agent.children if c.dep_ == "pobj"), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        anaphoric = subj is not None and subj.lower_ in ANAPHORS
    elif verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
        # "Ukrainian intelligence reported on ... that ...", misparsed as a noun with a participle;
        # and "a list of paid speeches showing that ...", where the list shows it. A participle
        # that only describes its noun ("the mercury found in tubes") reports nothing.
        if verb.tag_ == "VBN" and not _reports_clause(verb):
            return None
        source_tok = _document_above(verb.head) if lemma in DOCUMENT_VERBS else verb.head
        source = noun_phrase(source_tok)
        scope = {t.i for t in verb.sent} - set(range(source.start, source.end))
        return Cue(source, verb, scope, lemma)
    else:
        source_tok = _participle_document(verb) or _subject(verb)
        if source_tok is not None and source_tok.lower_ == "it":
            return None  # "it appears", "it was reported"
        relative = source_tok is not None and (
            source_tok.lower_ in ("which", "who", "that") or _of_whom(source_tok)
        )
        if relative and verb.dep_ == "relcl":
            source_tok = verb.head  # "the fire service, which says ...", "aid workers, all of whom said"
        elif relative or (source_tok is not None and source_tok.lower_ in _NO_SPEAKER):
            # "you think", "what he said", "that shows", an "all of whom" the parse did not hang from
            # its antecedent: nobody to cite
            return None
    if source_tok is None:
        return None
    source = noun_phrase(source_tok)
    via: list[SpacySpan] = []
    cited = _cited(verb)
    if cited is not None:
        cited_np = noun_phrase(cited)
        if not is_anonymous(cited_np):
            via, source = [source], cited_np
    if lemma == "tell" and (outlet := _told_outlet(verb)) is not None:
        via.append(outlet)  # "X told AFP": the account reached the reader through AFP
    if lemma == "quote" and (speaker := _quoted_as_saying(verb, passive)) is not None:
        # "IRNA quoted the airport chief as saying ...", "... was quoted by IRNA as saying": the one
        # quoted speaks, through the one quoting
        via, source = [source, *via], noun_phrase(speaker)
    basis = "passive" if passive else lemma
    return Cue(source, verb, _scope(verb, source), basis, via, anaphoric)


_PREPOSITIONAL = frozenset({"according to", "as per", "estimates", "among", "in"})


def _distance(cue: Cue, token_i: int) -> int:
    if cue.source is None:
        return abs(cue.anchor.i - token_i)
    return min(abs(cue.source.start - token_i), abs(cue.source.end - 1 - token_i))


def _wraps(outer: Cue, inner: Cue) -> bool:
    """`outer` reports `inner`: "X said ..., according to Y", "This was reported by X, Y reports"."""
    if outer is inner or outer.source is None or inner.anchor.i not in outer.scope:
        return False
    if outer.anchor.i == inner.anchor.i:  # two cues on one verb: only "according to" wraps a "said"
        return outer.basis in _PREPOSITIONAL and inner.basis not in _PREPOSITIONAL
    if len(outer.scope) <= len(inner.scope):
        return False
    if outer.basis in _PREPOSITIONAL:
        return True
    # A reporting verb wraps what its complement clause says, not its adverbial clauses ("though ...").
    t = inner.anchor
    while t.i != outer.anchor.i and t.head.i != t.i:
        if t.dep_ in ("advcl", "relcl", "acl"):
            return False
        t = t.head
    return t.i == outer.anchor.i


def pick_cue(cues: list[Cue], token_i: int) -> tuple[Cue | None, list[Cue]]:
    """The cue that covers a token (the innermost, then the nearest), and the cues that report it."""
    covering = [c for c in cues if token_i in c.scope]
    pool = covering or cues
    if not pool:
        return None, []
    inner_candidates = [c for c in pool if not any(_wraps(c, other) for other in pool)] or pool
    inner = min(inner_candidates, key=lambda c: (len(c.scope) if covering else 0, _distance(c, token_i)))
    outer = sorted((c for c in cues if _wraps(c, inner)), key=lambda c: -len(c.scope))
    # '"We have recorded 24 dead," Nugroho told AFP': the quoted "we" is the speaker who says it.
    if inner.source is not None and inner.source.text.lower() in FIRST_PERSON and outer:
        inner, outer = outer[-1], outer[:-1]
    return inner, outer
