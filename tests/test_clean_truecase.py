from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsrecon import analyze
from newsrecon.clean.truecase import is_title_case, sentence_case, stem

BODY = (
    "The mayor said the council approved new funding on Monday. Funding for the harbour had "
    "stalled for years, and the council voted to override the objections of Port Authority officials."
)


def test_a_title_case_headline_keeps_its_names_and_lowers_the_words_its_article_writes_so():
    headline = "Council Overrides Port Authority, Approves Funding in Two Years"
    assert is_title_case(headline)
    out = sentence_case(headline, BODY)
    assert out == "Council overrides Port Authority, approves funding in two years"


def test_a_headline_in_sentence_case_is_left_alone():
    headline = "Council approves harbour funding after Port Authority objections"
    assert not is_title_case(headline)
    assert sentence_case(headline, BODY) == headline


def test_words_the_article_never_uses_stay_as_written():
    assert sentence_case("Council Approves Zephyrine Plan", BODY) == "Council approves Zephyrine Plan"


def test_stems_join_inflections():
    assert stem("overrides") == stem("override") == stem("overriding")


@given(st.text(), st.text())
def test_only_case_changes(headline, body):
    out = sentence_case(headline, body)
    assert len(out) == len(headline)
    assert out.lower() == headline.lower()


def test_a_title_case_headline_figure_gets_its_speaker(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Harbour Authority Reports Losses of $12 Million in Three Years\n\n"
        "The harbour authority reported on Monday that it had lost money every year since the storm, "
        "and that losses would continue until the port reopened.\n",
        encoding="utf-8",
    )
    doc = analyze([tmp_path]).documents[0]
    figures = {c.surface: c for c in doc.claims}
    assert figures["$12 Million"].source is not None
    assert "authority" in figures["$12 Million"].source.lower()
    assert figures["$12 Million"].referent.thing == "losses"
    assert figures["Three Years"].text.startswith("Harbour Authority Reports")  # the text as written
