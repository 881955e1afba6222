"""Hard-wrapped text (lynx or w3m dumps, mail, terminal copies): found, and its lines run on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newsrecon import RawDocument, clean_document
from newsrecon.clean import split_lines, wrap_width

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


def wrapped(text: str, width: int) -> str:
    return "\n".join(part for line in text.split("\n") for part in (textwrap.wrap(line, width) or [""]))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_wrap_width_found_only_in_wrapped_text(path):
    text = path.read_text(encoding="utf-8")
    assert wrap_width(text) is None
    for width in (64, 72, 80, 100):
        assert wrap_width(wrapped(text, width)) == width


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_wrapped_article_cleans_as_the_unwrapped_one(path):
    text = path.read_text(encoding="utf-8")
    want = clean_document(RawDocument(id="a", text=text, source="a.txt"))
    for width in (72, 80):
        got = clean_document(RawDocument(id="a", text=wrapped(text, width), source="a.txt"))
        assert got.body.split() == want.body.split()
        assert [got.text[p.start : p.end].split() for p in got.paragraphs][:3] == [
            want.text[p.start : p.end].split() for p in want.paragraphs
        ][:3]  # offsets into the wrapped text cover whole paragraphs


def test_split_lines_runs_a_full_line_on_into_the_next():
    text = (
        "The storm reached the coast early on Monday, and officials said the\n"
        "water rose faster than forecast.\n"
        "Related\n"
        "Menu\n"
    )
    lines = split_lines(text, 70)
    assert [x.text for x in lines] == [
        "The storm reached the coast early on Monday, and officials said the water rose faster than forecast.",
        "Related",
        "Menu",
    ]
    first = lines[0]
    assert (first.lineno, first.last_lineno) == (1, 2)
    assert text[first.start : first.end].split() == first.text.split()
    assert [x.text for x in split_lines(text)] == [line for line in text.split("\n") if line]


def test_split_lines_keeps_list_items_and_sentence_breaks_apart():
    text = (
        "Officials listed the districts where water had reached the first floors:\n"
        "- Riverside and the old market\n"
        "The count of homes flooded rose to about 3,000 on Monday, the agency said.\n"
        "Storm updates: what we know so far about the flooding in the region now\n"
    )
    assert len(split_lines(text, 76)) == 4


def test_split_lines_joins_a_sentence_break_inside_a_wrapped_paragraph():
    para = (
        "The storm reached the coast early on Monday and flooded the lower town. Officials said the"
        " water rose faster than any forecast had shown, and that crews would work through the night"
        " to clear the roads."
    )
    lines = __import__("textwrap").wrap(para, 72)
    assert any(line.endswith(".") for line in lines[:-1])  # a sentence ends at a break
    text = "\n".join([*lines, "Flood warnings for the region: what we know so far this evening"]) + "\n"
    got = [x.text for x in split_lines(text, 72)]
    assert got == [para, "Flood warnings for the region: what we know so far this evening"]
