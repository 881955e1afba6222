"""Which sentences of a document to parse: those a claim or a citation can come from, and those the
attribution and context rules read around them.

Parsing is most of a document's cost, and a news article's sentences mostly hold neither a figure
nor an attribution. Paragraphs are cut into sentences by the model's own sentence recogniser (the
`senter` component it ships disabled, trained on the parser's sentence boundaries and a twentieth of
its cost), and a sentence is parsed when

- it holds a figure (the quantity parser's patterns found one), or
- it holds a word a cue is made of: a form of a reporting verb or noun the attribution rules test,
  inflected by the model's own lemmatizer tables, "according", "per", or "in"/"among" before a
  document noun (`claims.attribution.find_cues` reads nothing else), or
- it comes just before a figure's sentence that names no time and names one itself (the figure's
  context reads the time of the sentence before), or
- it is one of the two nearest sentences naming someone (a capitalised word past its first) before a parsed one
  with a personal pronoun ("she said": the person it stands for), or
- it opens a paragraph with a figure and opens with a third-person word or a connective (a paragraph
  of figures that opens by pointing back continues the account before it).

Everything else is left unparsed: it can hold neither a claim nor a citation, and no rule reads it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from newsrecon.claims.attribution import (
    CONNECTIVES,
    DOCUMENT_NOUNS,
    REPORT_NOUNS,
    REPORT_VERBS,
    THIRD_PERSON,
)
from newsrecon.claims.context import TIME_PATTERN
from newsrecon.claims.nlp import english
from newsrecon.claims.nlp import lemmatizer as model_lemmatizer

BATCH_CHARS = 20_000  # text split into sentences at once (the recogniser's memory grows with it)

NAMING_SENTENCES = 2  # sentences naming someone parsed before a personal pronoun
_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|I)\b")  # the pronouns that stand for a person
_NAMING = re.compile(r"\s[A-Z][a-z]")  # a capitalised word past the sentence's first
_OPENS_BACK = re.compile(
    r"^[\s\"“‘']*(?:" + "|".join(re.escape(c) for c in CONNECTIVES) + r")\b"
    r"|\b(?:" + "|".join(sorted(THIRD_PERSON)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph: its span in the paragraph's (normalised) text."""

    paragraph: int
    start: int
    end: int
    unit: int  # the paragraph's piece it lies in (long paragraphs are cut; see `extract._parse_units`)
    figure: bool  # a figure's number starts in it


@cache
def cue_words() -> re.Pattern[str]:
    """Any word an attribution cue is made of, as a pattern (see the module docstring)."""
    lemmatizer = model_lemmatizer()
    forms = set(REPORT_VERBS) | set(REPORT_NOUNS) | {f"{n}s" for n in REPORT_NOUNS}
    if lemmatizer is not None:
        rules = lemmatizer.lookups.get_table("lemma_rules").get("verb", [])
        irregular = lemmatizer.lookups.get_table("lemma_exc").get("verb", {})
        for verb in REPORT_VERBS:
            for suffix, ending in rules:  # the lemmatizer's rules run backwards: lemma -> forms
                if verb.endswith(ending):
                    forms.add(verb[: len(verb) - len(ending)] + suffix)
        forms |= {form for form, lemmas in irregular.items() if set(lemmas) & REPORT_VERBS}
    words = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    documents = "|".join(sorted(map(re.escape, DOCUMENT_NOUNS), key=len, reverse=True))
    return re.compile(
        rf"\b(?:{words}|according|per)\b|\b(?:in|among)\b(?:\W+\w+){{0,4}}?\W+(?:{documents})",
        re.IGNORECASE,
    )


def sentence_spans(texts: Sequence[str]) -> Iterator[list[tuple[int, int]]]:
    """Each text cut into sentences that cover it: (start, end), a sentence's trailing space its own.

    The model's `senter` does the cutting; a model without one falls back on punctuation."""
    nlp = english()
    if "senter" in nlp.component_names:
        splitter = nlp.get_pipe("senter")
    else:  # pragma: no cover - the pinned model has a senter
        from spacy.pipeline import Sentencizer

        splitter = Sentencizer()
    for batch in _batches(texts):
        for doc in splitter.pipe(nlp.make_doc(t) for t in batch):
            starts = [s.start_char for s in doc.sents][1:]
            bounds = [0, *starts, len(doc.text)]
            yield [(a, b) for a, b in pairwise(bounds) if b > a]


def _batches(texts: Sequence[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def to_parse(sentences: Sequence[Sentence], texts: Sequence[str]) -> list[bool]:
    """Which of a document's sentences (in order; `texts` their paragraphs' texts) to parse."""
    cues = cue_words()
    words = [texts[s.paragraph][s.start : s.end] for s in sentences]
    keep = [s.figure or bool(cues.search(w)) for s, w in zip(sentences, words, strict=True)]
    for i, (s, w) in enumerate(zip(sentences, words, strict=True)):
        if i > 0 and s.figure and not TIME_PATTERN.search(w) and TIME_PATTERN.search(words[i - 1]):
            keep[i - 1] = True
    for i, w in enumerate(words):
        if keep[i] and _PERSONAL.search(w):
            naming = (j for j in range(i - 1, -1, -1) if _NAMING.search(words[j]))
            for j in itertools.islice(naming, NAMING_SENTENCES):
                keep[j] = True
    first: dict[int, int] = {}
    for i, s in enumerate(sentences):
        first.setdefault(s.paragraph, i)
    with_figures = {s.paragraph for s in sentences if s.figure}
    for p, i in first.items():
        if p in with_figures and _OPENS_BACK.search(words[i]):
            keep[i] = True
    return keep


def runs(sentences: Iterable[tuple[Sentence, bool]]) -> Iterator[tuple[int, int, int, bool]]:
    """One paragraph's sentences grouped into pieces: (unit, start, end, parsed) for each run of
    sentences parsed or not, a parsed run never crossing a unit's end."""
    current: list | None = None
    for s, parse in sentences:
        if current is not None and current[3] == parse and (current[0] == s.unit or not parse):
            current[2] = s.end
            continue
        if current is not None:
            yield tuple(current)  # type: ignore[misc]
        current = [s.unit, s.start, s.end, parse]
    if current is not None:
        yield tuple(current)  # type: ignore[misc]
