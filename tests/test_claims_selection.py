"""Which sentences are parsed: those with a figure or a cue word and those the rules read around
them; the claims come out as when every sentence was parsed."""

from __future__ import annotations

import newsrecon.claims.extract as extract
from newsrecon import RawDocument
from newsrecon.claims.selection import Sentence, cue_words, to_parse
from newsrecon.pipeline import process_document


def test_cue_words_hold_the_inflections_the_lemmatizer_reads_back():
    words = cue_words()
    for form in ("said", "told", "testified", "admitted", "estimates", "according", "shown", "wrote"):
        assert words.search(f"x {form} y"), form
    assert words.search("In a filing, the firm")
    for plain in ("The bridge was old", "Nothing happened", "the roads of the county"):
        assert not words.search(plain), plain


def _sentences(texts: list[str], figures: set[int]) -> list[Sentence]:
    return [Sentence(i, 0, len(t), 0, i in figures) for i, t in enumerate(texts)]


def test_sentences_with_neither_figure_nor_cue_are_left_unparsed():
    texts = ["The bridge was old.", "Rain fell all night.", "Forty homes flooded.", "Crews worked on."]
    keep = to_parse(_sentences(texts, {2}), texts)
    assert keep == [False, False, True, False]


def test_the_time_before_and_the_person_a_pronoun_stands_for_are_parsed():
    texts = [
        "It began in March 2024.",
        "Forty homes flooded.",
        "The mayor is Ana Ruiz.",
        "She said more fell.",
    ]
    keep = to_parse(_sentences(texts, {1}), texts)
    assert keep == [True, True, True, True]


def body(paragraphs: list[str]) -> str:
    return "Storm hits the coast\n\n" + "\n\n".join(paragraphs)


def test_claims_match_a_parse_of_every_sentence(monkeypatch):
    text = body([
        "The storm reached the coast on Monday. Rain fell all night. At least 40 homes were flooded, "
        "officials said.",
        "The river rose quickly. About 300 people left their homes. The bridge was closed. "
        "Nobody was hurt, the county's report shows.",
        "Mayor Ana Ruiz visited the shelters. The town is small. She said 12 families had lost everything.",
    ])  # fmt: skip
    raw = RawDocument(id="t", text=text, source="t.txt", sha256="x")
    selected = {c.surface: (c.source, c.start, c.end) for c in process_document(raw).claims}
    monkeypatch.setattr(extract, "to_parse", lambda sentences, texts: [True] * len(sentences))
    everything = {c.surface: (c.source, c.start, c.end) for c in process_document(raw).claims}
    assert selected == everything
    assert selected["At least 40"][0] == "officials"
    assert selected["12"][0] == "Ana Ruiz"
