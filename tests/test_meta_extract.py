from __future__ import annotations

import pytest

from newsrecon import RawDocument, clean_document
from newsrecon.meta import parse_full_date

BODY = (
    "The regional council approved the new budget on Monday after a long debate, its chair said.\n\n"
    "The budget sets aside 12 million euros for road repairs, according to the finance committee.\n"
)


def meta(text: str) -> dict[str, str | None]:
    doc = clean_document(RawDocument(id="d", text=text, source="d.txt", sha256="x"))
    return {name: doc.meta.value(name) for name in doc.meta.FIELDS}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("byJohn Smith", "John Smith"),
        ("By Ana Lopez and Tom Reed", "Ana Lopez and Tom Reed"),
        ("By Hanna Brode, Continental Press", "Hanna Brode"),
        ("Written by Sam O'Neil", "Sam O'Neil"),
        ("By Ana Lopez, City reporter", "Ana Lopez"),
        ("By Ana Lopez and Tom Reed, Staff writers", "Ana Lopez and Tom Reed"),
    ],
)
def test_meta_byline_forms(line, want):
    assert meta(f"Council passes budget\n\n{line}\nMarch 3, 2026\n\n{BODY}")["byline"] == want


@pytest.mark.parametrize(
    "line",
    ["By Ana Lopez | 3 March 2026", "By Ana Lopez - 03/03/26 06:56 AM EST", "By Ana Lopez · March 3, 2026"],
)
def test_meta_byline_with_the_date_after_a_separator(line):
    got = meta(f"Council passes budget\n\n{line}\n\n{BODY}")
    assert (got["title"], got["byline"], got["published"]) == (
        "Council passes budget",
        "Ana Lopez",
        "2026-03-03",
    )


def test_meta_byline_offsets_cover_the_names_as_spelled():
    for line in ("By Ana Lopez,Tom Reed", "By Ana Lopez ,  Tom Reed, Continental Press"):
        text = f"Council passes budget\n\n{line}\nMarch 3, 2026\n\n{BODY}"
        doc = clean_document(RawDocument(id="d", text=text, source="d.txt", sha256="x"))
        b = doc.meta.byline
        assert b.value == "Ana Lopez, Tom Reed"
        assert text[b.start : b.end].startswith("Ana Lopez") and text[b.start : b.end].endswith("Tom Reed")


def test_meta_byline_with_its_outlet_is_no_masthead():
    got = meta(f"Council passes budget\n\nBy ANA LOPEZ, Continental Press\nMarch 3, 2026\n\n{BODY}")
    assert (got["title"], got["byline"], got["outlet"]) == ("Council passes budget", "ANA LOPEZ", None)


def test_meta_byline_bare_names_beside_date():
    got = meta(
        f"Council passes budget\n\nPriya Lindqvist and Tobias Okafor\nPublished 4 March 2026\n\n{BODY}"
    )
    assert got["byline"] == "Priya Lindqvist and Tobias Okafor"
    assert got["published"] == "2026-03-04"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("March 3, 2026", "2026-03-03"),
        ("Published on 27 February 2025", "2025-02-27"),
        ("27/02/2025", "2025-02-27"),
        ("02/27/2025", "2025-02-27"),
        ("03.04.2025", "2025-04-03"),
        ("Updated: 2024-11-05T10:00:00Z", "2024-11-05"),
        ("Feb. 7, 2025 · 3 min read", "2025-02-07"),
        ("Published on", None),
    ],
)
def test_meta_published_forms(line, want):
    assert meta(f"Council passes budget\n\n{line}\n\n{BODY}")["published"] == want


def test_meta_date_in_caption_or_body_is_not_publication_date():
    text = (
        "Council passes budget\n\nThe old town hall on 25 April, 2019.\nPhoto: Archive / Reuters\n\n"
        "The council met on 3 March 2026 and approved the budget after a long debate, its chair said.\n\n"
        + BODY
    )
    assert meta(text)["published"] is None


def test_parse_full_date_rejects_implausible_years():
    assert parse_full_date("1 January 1850") is None


def test_meta_dateline_and_wire():
    text = (
        "SEOUL, South Korea (AP) — The council approved the new budget on Monday, its chair said.\n\n" + BODY
    )
    got = meta(text)
    assert (got["dateline"], got["wire"], got["title"]) == ("SEOUL, South Korea", "AP", None)


@pytest.mark.parametrize(
    ("opening", "want"),
    [
        ("PARIS, March 3 (Reuters) -", ("PARIS", "Reuters")),
        ("LONDON, Nov. 20 (Reuters) -", ("LONDON", "Reuters")),
        ("BEIRUT, Lebanon, March 3 (AP) —", ("BEIRUT, Lebanon", "AP")),
    ],
)
def test_meta_dateline_with_the_day_before_the_wire(opening, want):
    got = meta(f"{opening} The council approved the new budget on Monday, its chair said.\n\n" + BODY)
    assert (got["dateline"], got["wire"]) == want


def test_meta_dateline_needs_capitals_and_dash():
    text = "North Korea — a country rarely open to visitors — said on Monday that the border would reopen soon.\n\n"
    assert meta(text + BODY)["dateline"] is None


def test_meta_outlet_from_masthead_or_copyright():
    assert meta(f"Coast Herald\nHome | News\n\nCouncil passes budget\n\n{BODY}")["outlet"] == "Coast Herald"
    tail = "\nRelated\nFerry adds 3 routes\n\n© 2026 Lakeside Media Group. All rights reserved.\n"
    assert meta(f"Council passes budget\n\n{BODY}{tail}")["outlet"] == "Lakeside Media Group"


def test_meta_headline_prefers_the_repeated_line():
    text = f"Coast Herald\nBreaking: storm warning for the coast tonight\n\nCouncil passes budget\nCouncil passes budget\n\n{BODY}"
    got = meta(text)
    assert got["title"] == "Council passes budget"
    assert got["outlet"] == "Coast Herald"


def test_meta_first_line_sentence_is_not_a_headline():
    assert meta(BODY)["title"] is None


def test_a_line_without_words_is_no_name_list():
    """A rule or bullet left alone on a line ("*", "* * *"), as HTML-to-text tools leave them, is
    read as no byline instead of failing the document."""
    from newsrecon.clean import Line
    from newsrecon.meta.extract import _is_name_list

    for text in ("*", "* * *", "—", "|"):
        assert _is_name_list(Line(0, 1, 0, len(text), text)) is False
