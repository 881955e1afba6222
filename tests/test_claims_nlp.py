"""The language pipeline as the claims read it: the model's attribute ruler and lemmatizer replaced
by lookups (`claims.token_attributes`) that leave every token exactly as the model's own do."""

from __future__ import annotations

import pytest
import spacy

from newsrecon.claims.nlp import ATTRIBUTES, MODEL_PACKAGES, english, lemmatizer

from .conftest import EXAMPLES


def _model():
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.fail("no English model installed")


def _tokens(doc):
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
        for t in doc
    ]


def test_token_attributes_replace_ruler_and_lemmatizer_exactly(shared):
    nlp = english()
    assert ATTRIBUTES in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert lemmatizer() is not None and lemmatizer().lookups.has_table("lemma_rules")
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus").glob("*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    # The model's two-token rules and its rarer patterns, written out.
    texts.append("There is a plan. Y'all gonna see. Let's go, we gotta win. C'mon, it ain't over and wasn't.")
    model = _model()
    ours, theirs = list(nlp.pipe(texts)), list(model.pipe(texts))
    compared = 0
    for a, b in zip(ours, theirs, strict=True):
        assert _tokens(a) == _tokens(b)
        compared += len(a)
    assert compared > 10_000
