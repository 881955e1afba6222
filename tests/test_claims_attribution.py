"""Attribution on sentences written for these tests: who each figure is attributed to."""

from __future__ import annotations

import pytest

from newsrecon import RawDocument
from newsrecon.pipeline import process_document


def claims_of(body: str):
    doc = process_document(
        RawDocument(id="t", text="Storm hits the coast\n\n" + body, source="t.txt", sha256="x")
    )
    return {c.surface: c for c in doc.claims}


@pytest.mark.parametrize(
    ("body", "surface", "source", "via"),
    [
        ("The health ministry said 40 people were hurt in the storm.", "40", "health ministry", ()),
        ("According to the Red Cross, at least 12 people died in the floods.", "at least 12", "Red Cross", ()),
        (
            "The agency, citing the Interior Ministry, said 300 homes were damaged by the storm.",
            "300", "Interior Ministry", ("agency",),
        ),
        (
            "The Coastal Times, citing anonymous police officials, reported that 7 people were arrested on Sunday.",
            "7", "Coastal Times", (),
        ),
        ('"We have treated 45 patients since the morning," said Dr. Maria Lopez, the head of the clinic.', "45", "Maria Lopez", ()),
        (
            "Port officials estimated the losses at $4 million, according to the Harbour Gazette.",
            "$4 million", "Port officials", ("Harbour Gazette",),
        ),
    ],
)  # fmt: skip
def test_attribution_cues(body, surface, source, via):
    claim = claims_of(body)[surface]
    assert claim.source == source
    assert claim.via == via
    assert claim.source_surface and source.split()[-1] in claim.source_surface


def test_attribution_two_sources_in_one_sentence():
    got = claims_of(
        "Police estimate the crowd at 5,000, though organisers put the number at 20,000 on Monday."
    )
    assert got["5,000"].source == "Police"
    assert got["20,000"].source == "organisers"


def test_attribution_points_back_and_inherits():
    body = (
        "Nine fishermen were rescued off the cape on Sunday.\n\n"
        "This was reported by the coast guard, the Harbour Gazette reports.\n\n"
        "Mayor Ana Ruiz visited the shelters on Monday. She said 300 homes were flooded.\n\n"
        "The storm also cut power to about 2,000 homes."
    )
    got = claims_of(body)
    assert (got["Nine"].source, got["Nine"].via, got["Nine"].basis) == (
        "coast guard",
        ("Harbour Gazette",),
        "points back",
    )
    assert got["300"].source == "Ana Ruiz"
    assert got["about 2,000"].source is None and got["about 2,000"].basis == "unattributed"


def test_attribution_quote_continues_into_next_paragraph():
    body = (
        '"We have received around 50 injured people," said Dr. Omar Haddad.\n\n'
        '"There are around 12 people in a serious condition.'
    )
    got = claims_of(body)
    assert got["around 12"].source == "Omar Haddad"
    assert got["around 12"].basis == "quote continues"


def test_claim_offsets_point_into_original_text():
    text = "Storm hits\n\nThe ministry said that about 3\u00a0000 people\u200b were evacuated."
    doc = process_document(RawDocument(id="t", text=text, source="t.txt", sha256="x"))
    (claim,) = doc.claims
    assert text[claim.start : claim.end] == "about 3\u00a0000"
    assert claim.line == 3
    assert text[claim.source_start : claim.source_end] == "The ministry"
    assert claim.quantity.category == "people"
