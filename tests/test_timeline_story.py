"""Undated articles dated from their story, one timeline across outlets, and disagreements flagged."""

from __future__ import annotations

from newsrecon import RawDocument
from newsrecon.align import build_story
from newsrecon.pipeline import process_document

DATED = "Dam breach floods valley\n\nMarch 5, 2026\n\nThe dam authority said on Thursday that the breach had flooded 40 homes. The dam was built in 1998.\n"
THURSDAY = (
    "Valley flooded\n\nThe dam authority said Thursday that the breach had flooded the valley's homes.\n"
)
WEDNESDAY = (
    "Valley flooded\n\nThe dam authority said on Wednesday that the breach had flooded the valley's homes.\n"
)
NOTHING = "Valley flooded\n\nEngineers are inspecting the dam after the breach flooded homes.\n"


def story(*texts):
    docs = [
        process_document(RawDocument(id=f"d{i}", text=t, source=f"d{i}", sha256=str(i)))
        for i, t in enumerate(texts)
    ]
    return build_story("s", docs)


def test_timeline_infers_publication_dates_with_basis():
    _s, docs = story(DATED, THURSDAY, NOTHING)
    by_id = {d.id: d for d in docs}
    assert by_id["d0"].meta.value("published") == "2026-03-05"
    assert by_id["d0"].published_inferred is None
    date, basis = by_id["d1"].published_inferred
    assert date == "2026-03-05" and "Thursday" in basis and "d0" in basis
    assert by_id["d1"].meta.value("published") is None  # inferred dates never go to `published`
    assert by_id["d2"].published_inferred[0] == "2026-03-05"


def test_timeline_merges_outlets_and_flags_disagreement():
    s, _ = story(DATED, THURSDAY, WEDNESDAY)
    statement = [e for e in s.timeline if e.date == "2026-03-05" and "said" in e.text]
    assert statement and set(statement[0].docs) == {"d0", "d1"}
    wednesday = [e for e in s.timeline if e.date == "2026-03-04"]
    assert wednesday and wednesday[0].docs == ("d2",)
    assert any("disagree" in n for n in statement[0].notes)
    assert [e.date for e in s.timeline] == sorted(e.date for e in s.timeline)
    assert any(e.date == "1998" and e.basis == "explicit" for e in s.timeline)
