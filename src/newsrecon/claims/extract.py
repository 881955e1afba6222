"""Claims of one document: every figure in its body with what it counts and who it is attributed to.

The quantity parser finds figures by pattern; only paragraphs that hold one are parsed with spaCy
(with their neighbours, whose attributions can carry over). A figure with no cue in its sentence
takes, in order: a cue in the next sentence that points back ("This was reported by X"), the
last cue of its paragraph, a cue put at the end of a later sentence of its paragraph ("..., the
returns show."), and the cue of the paragraph before when it opens by continuing a quote, or, for a
paragraph with no cue of its own that opens by pointing back, when that cue was a document's or
closed the paragraph ("..., her doctor said." then "At her last physical, her blood pressure was
100/65."). Otherwise it is the outlet's own statement (source None).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from newsrecon import limits
from newsrecon.claims.attribution import (
    PRONOUNS,
    Cue,
    closes_sentence,
    find_cues,
    is_anonymous,
    opens_by_pointing_back,
    pick_cue,
)
from newsrecon.claims.category import KILLED, WOUNDED, category_of, counted_noun, group_of
from newsrecon.claims.context import figure_context
from newsrecon.claims.nlp import english
from newsrecon.claims.quantity import QuantityMatch, find_quantities
from newsrecon.claims.referent import referent_of
from newsrecon.claims.selection import Sentence, runs, sentence_spans, to_parse
from newsrecon.claims.sources import PERSON_TITLES, acronym_of, canonical_name, document_name
from newsrecon.clean.normalize import NormalizedText, normalize
from newsrecon.clean.truecase import sentence_case
from newsrecon.model import Citation, Claim, Document, Quantity, Referent, Span

# A paragraph longer than this is parsed in pieces cut after a sentence: spaCy's parser takes memory
# in proportion to the text it is given (a 200 kB run-on paragraph, as a page flattened without line
# breaks gives, took 0.8 GB), and no paragraph a writer meant is this long.
PARSE_CHARS = 5_000
BATCH_CHARS = 20_000
# A piece ends after a sentence: a stop after two lower-case letters or digits (not "Dr." nor "a.m."),
# closing quotes or brackets, a space, then a capital.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2})[.!?][\"'”’)\]]*(\s+)(?=[A-Z])")
_OPEN_QUOTES = ('"', "“", "‘", "'", "«")
_CLOSE_QUOTES = ("”", '"', "’", "'", "»")


@dataclass(frozen=True)
class _Paragraph:
    """A piece of a paragraph: a run of its sentences, parsed (`doc`) or left unparsed (see
    `claims.selection`). Offsets inside it are the piece's; `original` maps them to the document's."""

    start: int  # offset of the paragraph in the original text
    norm: NormalizedText  # the paragraph's text, normalised
    base: int  # offset of the piece in `norm.text`
    doc: SpacyDoc | None
    sents: tuple[SpacySpan, ...]
    cues: tuple[tuple[Cue, ...], ...]  # per sentence
    continues: bool = False  # not the paragraph's first piece
    last: bool = True  # the paragraph's last piece
    opens_quote: bool = False  # the paragraph starts with an opening quote mark
    ends_quote: bool = False  # the paragraph ends with a closing quote mark
    first: SpacySpan | None = None  # the paragraph's first sentence, when parsed
    cued: bool = False  # some sentence of the paragraph holds a cue
    leaves_quote_open: bool = False  # a quotation runs on past the paragraph's end

    def original(self, offset: int) -> int:
        return self.start + self.norm.to_original(self.base + offset)

    def original_end(self, offset: int) -> int:
        return self.start + self.norm.original_end(self.base + offset)


@dataclass(frozen=True)
class _Attribution:
    source: str | None
    surface: str | None = None
    start: int | None = None  # in the original text
    end: int | None = None
    via: tuple[str, ...] = ()
    basis: str = "unattributed"


_NONE = _Attribution(None)


def extract_claims(document: Document) -> tuple[tuple[Claim, ...], tuple[Citation, ...], dict[str, str]]:
    """The claims of one document's body, its citations, and the acronyms it spells out."""
    paras, found = _pieces(document)
    if not paras:
        return (), (), {}
    claims: list[Claim] = []
    acronyms: dict[str, str] = {}
    # Who a pronoun can stand for: people the text names, and sources it has named, by position.
    people = [(p, start, name) for p, para in enumerate(paras) if para.doc is not None
              for start, name in _people(para.doc)]  # fmt: skip
    named: list[tuple[int, int, _Attribution]] = []
    citations: list[Citation] = []
    prev_para_cue = para_cue = carried = quoting = _NONE  # quoting: who speaks in an open quotation
    main: tuple[Cue, int] | None = None  # the cue para_cue comes from, and its sentence
    for p, para in enumerate(paras):
        if not para.continues:
            para_cue, main = _NONE, None
        figures = _by_value_start(found[p])
        for si, sent in enumerate(para.sents):
            for cue in para.cues[si]:
                pair = acronym_of(cue.source) if cue.source is not None else None
                if pair:
                    acronyms[pair[0]] = pair[1]
            # A "sentence" of hundreds of figures is a table or a dump, not prose: its first figures are
            # kept, and a document stops adding claims at its cap (time and memory stay bounded).
            room = limits.MAX_FIGURES_PER_DOCUMENT - len(claims)
            for q in figures(sent.start_char, sent.end_char)[
                : max(0, min(limits.MAX_FIGURES_PER_SENTENCE, room))
            ]:
                tokens = para.doc.char_span(q.value_start, q.value_end, alignment_mode="expand")
                if tokens is None or not _is_figure(q, tokens):
                    continue
                a = _attribute(paras, p, si, tokens[-1].i, para_cue, prev_para_cue, carried, quoting)
                at = (p, q.start)
                if a.source is not None and a.source.lower() in PRONOUNS:
                    a = _resolve_pronoun(a, at, people, named)
                elif a.source is not None:
                    named.append((*at, a))
                numbers = para.doc.char_span(q.value_start, q.numbers_stop, alignment_mode="expand") or tokens
                counted = counted_noun(sent, numbers[0], numbers[-1])
                category = category_of(sent, numbers[0], numbers[-1], counted, q.kind)
                before = para.sents[si - 1] if si > 0 else _last_sentence(paras, p)
                whole = para.doc.char_span(max(0, q.start), q.end, alignment_mode="expand") or tokens
                context = figure_context(sent, whole, counted, before, q.kind)
                referent = referent_of(sent, numbers, whole, counted, context, q, para.original)
                referent = _tally_side(referent, claims[-1].referent if claims else None)
                claims.append(
                    _claim(document, len(claims), para, sent, q, counted, category, a, context, referent)
                )
            for cue in para.cues[si]:
                citations.extend(_citations(document.id, cue, para, people, named, (p, sent.start_char)))
            speaking = [c for c in para.cues[si] if c.source is not None and not c.anaphoric]
            if speaking:
                cue = max(speaking, key=lambda c: len(c.scope))
                para_cue, main = _from_cue(cue, [], para), (cue, si if para.last else None)
        if para.last:
            # A quotation left open runs on into the next paragraphs until it closes ("... do our
            # jobs. / The reason we had to cancel ... / ... driving around.""): their speaker is its.
            if para.leaves_quote_open:
                speaker = para_cue if para_cue.source is not None else quoting
                if speaker.source is None and para.opens_quote:
                    speaker = prev_para_cue
                quoting = speaker
            else:
                quoting = _NONE
            prev_para_cue = para_cue if para_cue.source is not None or para.ends_quote else _NONE
            # A document's account, or a cue closing the paragraph, runs on into a paragraph of
            # figures with no cue of its own.
            last = len(para.sents) - 1
            runs_on = main is not None and (
                main[0].document
                or (main[1] is not None and main[1] == last and closes_sentence(main[0], para.sents[last]))
            )
            carried = para_cue if runs_on else _NONE
    return _fill_counted(claims), tuple(citations), acronyms


def _tally_side(referent: Referent, before: Referent | None) -> Referent:
    """A tally's second figure ("97-1": the 1 against) measures what its first does, on the other
    side: the parse hangs the 1 from the 97, so it has no referent of its own."""
    if (
        referent.side != "against"
        or before is None
        or before.side != "for"
        or before.end < referent.start - 2
    ):
        return referent
    return replace(
        before, side="against", start=min(before.start, referent.start), end=max(before.end, referent.end)
    )


def _claim_spans(document: Document) -> list[Span]:
    """The body's paragraphs, and the headline before them when it stands on a line of its own:
    headlines state figures too ("Earnings of $139 Million in Seven Years")."""
    title = document.title_span()
    spans = list(document.paragraphs)
    if title is not None and not any(p.start < title.end and title.start < p.end for p in spans):
        spans.append(title)
    return sorted(spans, key=lambda p: p.start)


def _pieces(document: Document) -> tuple[list[_Paragraph], list[list[QuantityMatch]]]:
    """The body's paragraphs cut into pieces, the sentences worth parsing parsed (see
    `claims.selection`), and each piece's figures (offsets the piece's)."""
    paragraphs = []
    title = document.title_span()
    for span in _claim_spans(document):
        # A paragraph holds no paragraph break: a line break inside one is where a wrapped text was
        # broken, read as a space (same length, so offsets hold) so that "over a\nthousand" is a figure.
        norm = _unwrapped(normalize(document.text[span.start : span.end]))
        paragraphs.append((span.start, norm, find_quantities(norm.text)))
    # What the parser reads: the same texts, a title-case headline put in sentence case (same length).
    texts = [
        sentence_case(norm.text, document.body) if title is not None and start == title.start else norm.text
        for start, norm, _ in paragraphs
    ]
    units = [
        (p, u, s, e)
        for p, text in enumerate(texts)
        for u, (s, e) in enumerate(_parse_units(text, 0, len(text)))
    ]
    sentences: list[Sentence] = []
    for (p, u, s, _), cuts in zip(
        units, sentence_spans([texts[p][s:e] for p, _, s, e in units]), strict=True
    ):
        starts = sorted(q.value_start for q in paragraphs[p][2])
        for a, b in cuts:
            lo = bisect_left(starts, s + a)
            sentences.append(Sentence(p, s + a, s + b, u, lo < len(starts) and starts[lo] < s + b))
    parse = to_parse(sentences, texts)
    pieces = [(p, run) for p in range(len(paragraphs))
              for run in runs((x, k) for x, k in zip(sentences, parse, strict=True) if x.paragraph == p)]  # fmt: skip
    wanted = [i for i, (_, (_, _, _, parsed)) in enumerate(pieces) if parsed]
    parsed = dict(
        zip(wanted, _parse(_piece_text(texts[pieces[i][0]], *pieces[i][1][1:3]) for i in wanted), strict=True)
    )
    out: list[_Paragraph] = []
    found: list[list[QuantityMatch]] = []
    for p, (start, norm, quantities) in enumerate(paragraphs):
        mine = [i for i, (q, _) in enumerate(pieces) if q == p]
        own = []
        for i in mine:
            _, (_, a, b, _) = pieces[i]
            doc = parsed.get(i)
            sents = _sentences(doc) if doc is not None else ()
            own.append((a, doc, sents, tuple(tuple(find_cues(x)) for x in sents)))
            found.append([_shifted(q, -a) for q in quantities if a <= q.value_start < b])
        first_doc = own[0][1] if own else None
        head = own[0][2][0] if first_doc is not None and own[0][2] and own[0][0] == 0 else None
        cued = any(c for *_, cues in own for c in cues)
        text = norm.text
        for k, (a, doc, sents, cues) in enumerate(own):
            out.append(_Paragraph(
                start, norm, a, doc, sents, cues, k > 0, k == len(own) - 1,
                text.lstrip().startswith(_OPEN_QUOTES), text.rstrip().endswith(_CLOSE_QUOTES), head, cued,
                _open_at_end(text),
            ))  # fmt: skip
    return out, found


def _open_at_end(text: str) -> bool:
    """Whether a double quotation is still open at the text's end: more curly openings than
    closings, or an odd number of straight marks."""
    curly = text.count("“") - text.count("”")
    straight = len(re.findall(r'(?<!\d)"', text))  # 12" of rain is inches, not a quotation
    return curly > 0 or (curly == 0 and straight % 2 == 1)


def _piece_text(text: str, start: int, end: int) -> str:
    return text[start:end].rstrip()


def _shifted(q: QuantityMatch, by: int) -> QuantityMatch:
    return replace(
        q, start=q.start + by, end=q.end + by, value_start=q.value_start + by, value_end=q.value_end + by,
        numbers_end=q.numbers_end + by if q.numbers_end >= 0 else -1,
    )  # fmt: skip


def _unwrapped(norm: NormalizedText) -> NormalizedText:
    return replace(norm, text=norm.text.replace("\n", " ")) if "\n" in norm.text else norm


def _parse(texts: Iterable[str]) -> Iterator[SpacyDoc]:
    """spaCy's parses of the texts, in batches of about `BATCH_CHARS` (its memory grows with a batch's
    text, and a batch of a thousand pieces of a run-on paragraph took 0.5 GB)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > BATCH_CHARS:
            yield from english().pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from english().pipe(batch, batch_size=len(batch))


def _parse_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph's span, or pieces of it of at most `PARSE_CHARS`, each ending after a sentence where
    one ends in its second half (else at a space, else anywhere)."""
    units = []
    while end - start > PARSE_CHARS:
        half, limit = start + PARSE_CHARS // 2, start + PARSE_CHARS
        ends = list(_SENTENCE_END.finditer(text, half, limit))
        if ends:
            last = ends[-1]
            cut, resume = last.start(1), last.end(1)
        else:
            space = text.rfind(" ", half, limit)
            cut, resume = (space, space + 1) if space > start else (limit, limit)
        units.append((start, cut))
        start = resume
    units.append((start, end))
    return units


def _by_value_start(found: list[QuantityMatch]) -> Callable[[int, int], list[QuantityMatch]]:
    """The figures whose number starts in [start, end), in their order, found by bisection (a scan of
    the paragraph's figures for each sentence made a long paragraph quadratic)."""
    order = sorted(range(len(found)), key=lambda k: found[k].value_start)
    keys = [found[k].value_start for k in order]

    def within(start: int, end: int) -> list[QuantityMatch]:
        return [found[k] for k in sorted(order[bisect_left(keys, start) : bisect_left(keys, end)])]

    return within


def _last_sentence(paras: list[_Paragraph], p: int) -> SpacySpan | None:
    return paras[p - 1].sents[-1] if p > 0 and paras[p - 1].sents else None


def _citations(doc_id, cue: Cue, para: _Paragraph, people, named, at) -> list[Citation]:
    """The sources a cue names: its source, and the outlets and agencies it came through."""
    out = []
    chain = [(cue.source, cue.basis)] + [(v, "via") for v in cue.via]
    for span, basis in chain:
        if span is None:
            continue
        name = canonical_name(span)
        if name.lower() in PRONOUNS:
            name = _resolve_pronoun(_Attribution(name), at, people, named).source
        if not name or (is_anonymous(span) and name.lower() not in PRONOUNS and span.root.pos_ != "PRON"):
            continue  # "experts", "the report", "sources": nobody a reader could look up
        out.append(
            Citation(doc_id, name, " ".join(span.text.split()), para.original(span.start_char),
                     para.original_end(span.end_char), basis)
        )  # fmt: skip
    return out


def _sentences(doc: SpacyDoc) -> tuple[SpacySpan, ...]:
    """spaCy's sentences, mended where it splits after "a.m." or before a lower-case continuation."""
    out: list[SpacySpan] = []
    for s in doc.sents:
        if out and (out[-1][-1].lower_ in ("a.m.", "p.m.") or s.text[:1].islower()):
            out[-1] = doc[out[-1].start : s.end]
        else:
            out.append(s)
    return tuple(out)


def _is_figure(q: QuantityMatch, tokens: SpacySpan) -> bool:
    """Word "one" only counts when it counts something ("one man") or is what happened's own
    argument ("killing one", "one was hurt"), not as a pronoun ("one in ...", "one of the aims")."""
    if q.hedge is None and tokens.text.lower() in ("one", "a", "an"):
        last = tokens[-1]
        if last.dep_ == "nummod":
            return True
        head = last.head
        before = [t.lower_ for t in last.doc[max(0, last.i - 2) : last.i] if t.lower_ != "-"]
        return (
            tokens.text.lower() == "one"
            and not (
                before and before[-1] in ("no", "not", "any", "every", "some", "each", "when", "if")
            )  # "no-one", "not one was hurt"
            and not (last.i + 1 < len(last.doc) and last.doc[last.i + 1].lower_ == "another")
            and last.dep_ in ("dobj", "nsubj", "nsubjpass")
            and head.pos_ == "VERB"
            and (head.lemma_.lower() in KILLED or head.lemma_.lower() in WOUNDED)
        )
    return True


def _people(doc: SpacyDoc) -> list[tuple[int, str]]:
    """People the text names: PERSON entities, and runs of two or three proper nouns outside other
    entities ("Mayor Ana Ruiz"), which the small model often leaves untagged."""
    found = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    in_ent = {t.i for e in doc.ents if e.label_ != "PERSON" for t in e}
    run: list = []
    for t in [*doc, None]:
        if (
            t is not None
            and t.pos_ == "PROPN"
            and t.i not in in_ent
            and t.lower_.rstrip(".") not in PERSON_TITLES
        ):
            run.append(t)
            continue
        if 2 <= len(run) <= 3 and all(x.text[:1].isupper() for x in run):
            found.append((run[0].idx, " ".join(x.text for x in run)))
        run = []
    return sorted(set(found))


def _resolve_pronoun(
    a: _Attribution,
    at: tuple[int, int],
    people: list[tuple[int, int, str]],
    named: list[tuple[int, int, _Attribution]],
) -> _Attribution:
    """ "She said" speaks for the person last named before it; "they" and "we" for the last source;
    with nobody named before it, a pronoun is nobody (no source)."""
    personal = a.source.lower() in ("he", "she", "his", "her", "i")
    candidates: list[tuple[tuple[int, int], _Attribution]] = [((p, c), x) for p, c, x in named if (p, c) < at]
    if personal:
        candidates += [((p, c), _Attribution(name)) for p, c, name in people if (p, c) < at]
    if not candidates:  # "we" with nobody named before it: a pronoun is no source to cite
        return _Attribution(None, basis=f"{a.basis}, pronoun unresolved")
    _, target = max(candidates, key=lambda item: item[0])
    return replace(a, source=target.source, via=target.via, basis=a.basis + ", pronoun")


def _from_cue(cue: Cue, outer: list[Cue], para: _Paragraph, basis: str | None = None) -> _Attribution:
    via = [canonical_name(v) for v in cue.via] + [
        canonical_name(c.source) for c in outer if c.source is not None
    ]
    via_t = tuple(dict.fromkeys(v for v in via if v))
    if cue.source is None:
        return _Attribution(None, via=via_t, basis=basis or cue.basis)
    src = cue.source
    return _Attribution(
        document_name(src) if cue.document else canonical_name(src), " ".join(src.text.split()),
        para.original(src.start_char),
        para.original_end(src.end_char), via_t, basis or cue.basis,
    )  # fmt: skip


def _attribute(
    paras: list[_Paragraph],
    p: int,
    si: int,
    token_i: int,
    para_cue: _Attribution,
    prev_para_cue: _Attribution,
    carried: _Attribution = _NONE,
    quoting: _Attribution = _NONE,
) -> _Attribution:
    para = paras[p]
    cue, outer = pick_cue(list(para.cues[si]), token_i)
    if cue is not None and not cue.anaphoric:
        return _from_cue(cue, outer, para)
    # A following sentence that points back: "This was reported by the South Korean military."
    if si + 1 < len(para.cues):
        nxt, nxt_para = para.cues[si + 1], para
    elif p + 1 < len(paras) and paras[p + 1].cues:
        nxt, nxt_para = paras[p + 1].cues[0], paras[p + 1]
    else:
        nxt, nxt_para = (), para
    for c in nxt:
        if c.anaphoric:
            _, wrapping = pick_cue(list(nxt), c.anchor.i)
            return _from_cue(c, wrapping, nxt_para, "points back")
    if para_cue.source is not None:
        return replace(para_cue, basis="inherited")
    # A later sentence closing with its cue covers the sentences before it: "A. B, the returns show."
    for piece, later in _later_sentences(paras, p, si):
        speaking = [c for c in later if c.source is not None and not c.anaphoric]
        if speaking:
            cue = max(speaking, key=lambda c: len(c.scope))
            if closes_sentence(cue, cue.anchor.sent):
                _, wrapping = pick_cue(list(later), cue.anchor.i)
                return _from_cue(cue, wrapping, piece, "cue follows")
            break
    if prev_para_cue.source is not None and para.opens_quote:
        return replace(prev_para_cue, basis="quote continues")
    if quoting.source is not None:
        return replace(quoting, basis="inside a quotation")
    # A paragraph with no cue that opens by pointing back ("Her blood pressure was ...") continues
    # the account that closed the paragraph before.
    if (
        carried.source is not None
        and not para.cued
        and para.first is not None
        and opens_by_pointing_back(para.first)
    ):
        return replace(carried, basis="carried over")
    return _NONE


def _later_sentences(
    paras: list[_Paragraph], p: int, si: int
) -> Iterator[tuple[_Paragraph, tuple[Cue, ...]]]:
    """The cues of each sentence after sentence `si` of piece `p`, to the end of its paragraph."""
    for cues in paras[p].cues[si + 1 :]:
        yield paras[p], cues
    for piece in itertools.takewhile(lambda x: x.continues, paras[p + 1 :]):
        for cues in piece.cues:
            yield piece, cues


def _claim(
    document: Document, n: int, para: _Paragraph, sent: SpacySpan, q: QuantityMatch, counted, category: str,
    a: _Attribution, context: tuple[tuple[str, str], ...], referent: Referent | None = None,
) -> Claim:  # fmt: skip
    start, end = para.original(q.start), para.original_end(q.end)
    while start < end and document.text[start].isspace():  # a match may open on the space before it
        start += 1
    quantity = Quantity(
        low=q.low, high=q.high, approximate=q.approximate, hedge=q.hedge, unit=q.unit,
        counted=counted.lower_ if counted is not None else None, category=category, kind=q.kind, vague=q.vague,
    )  # fmt: skip
    return Claim(
        id=f"{document.id}#c{n + 1}", doc=document.id, start=start, end=end,
        line=document.text.count("\n", 0, start) + 1,
        sentence_start=para.original(sent.start_char), sentence_end=para.original_end(sent.end_char),
        text=" ".join(para.norm.text[para.base + sent.start_char : para.base + sent.end_char].split()), surface=" ".join(document.text[start:end].split()), quantity=quantity,
        source=a.source, source_surface=a.surface, source_start=a.start, source_end=a.end, via=a.via,
        basis=a.basis, context=context, referent=referent,
    )  # fmt: skip


def _fill_counted(claims: list[Claim]) -> tuple[Claim, ...]:
    """A figure with no noun counts what the figure before it counted: "and 2,700 have been injured"
    in the same sentence, or "estimates the number at 35" right after a sentence about the injured."""
    out: list[Claim] = []
    for c in claims:
        q = c.quantity
        prev = next((p for p in reversed(out) if p.quantity.kind == "count"), None)
        if q.counted in _ANAPHORIC_NOUNS and prev is not None and prev.sentence_start == c.sentence_start:
            q = replace(q, counted=None)  # "six children ... and 14 others": others are children too
        if prev is None or q.kind != "count" or q.counted is not None or q.vague:
            out.append(c)
            continue
        same_sentence = prev.sentence_start == c.sentence_start
        between = c.text[max(0, prev.end - c.sentence_start) : max(0, c.start - c.sentence_start)]
        if same_sentence and _TOTAL.search(between):  # "six children ..., bringing the death toll to 11"
            out.append(c)
            continue
        refers_back = bool(_REFERS_BACK.search(c.text)) and c.sentence_start - prev.sentence_end < 400
        if same_sentence or (refers_back and q.category == "other"):
            category = q.category
            if category == "other":  # what the inherited noun counts (same sentence), else what came before
                category = (same_sentence and group_of(prev.quantity.counted)) or prev.quantity.category
            c = replace(c, quantity=replace(q, counted=prev.quantity.counted, category=category))
        out.append(c)
    return tuple(out)


_TOTAL = re.compile(r"\b(?:toll|total|tally|overall|in all|altogether)\b", re.I)
_ANAPHORIC_NOUNS = frozenset({"others", "more", "ones"})
_REFERS_BACK = re.compile(
    r"\b(?:the|its|their|that|this) (?:number|figure|toll|tally|count|total|estimate)\b", re.I
)
