"""Referents: what a figure measures, read from the parse of its clause."""

from __future__ import annotations

from newsrecon import RawDocument
from newsrecon.pipeline import process_document


def claims_of(body: str) -> dict:
    doc = process_document(RawDocument(id="d", text=f"A headline here\n\n{body}", source="d.txt", sha256="x"))
    return {c.surface: c for c in doc.claims}


def test_amount_in_a_noun_phrase():
    c = claims_of("The couple paid $43,885,310 in federal taxes from 2007 through 2014.")["$43,885,310"]
    r = c.referent
    assert r.thing == "federal taxes" and r.predicate == "pay" and r.holder == "couple"
    assert r.unit == "money:USD"
    assert "2007" in (r.time or "")
    assert r.start is not None and r.end is not None and r.start < r.end


def test_rate_of_and_copula():
    found = claims_of(
        "They paid an effective tax rate of 31.55 percent. Her 2014 federal tax rate was 35.72, the return showed."
    )
    assert found["31.55 percent"].referent.head == "rate"
    r = found["35.72"].referent
    assert r.head == "rate" and "2014" in (r.time or "")


def test_counted_noun_and_offsets_point_into_the_text():
    body = "Officials said 19 hijackers boarded the planes."
    doc = process_document(RawDocument(id="d", text=f"A headline here\n\n{body}", source="d.txt", sha256="x"))
    c = next(c for c in doc.claims if c.surface.startswith("19"))
    assert c.referent.thing == "hijackers"
    assert "hijackers" in doc.text[c.referent.start : c.referent.end]


def test_a_holder_keeps_its_of_name():
    found = claims_of("The Bank of England's interest rate was 5 percent in March, officials said.")
    assert found["5 percent"].referent.holder == "Bank of England"


def test_a_dateline_is_not_the_holder():
    found = claims_of("RIVERTON – The city council on Monday approved 12 new bus routes for the valley.")
    r = found["12"].referent
    assert r.holder is not None and "RIVERTON" not in r.holder
    assert "council" in r.holder


def test_a_tally_and_both_its_sides_measure_the_vote():
    found = claims_of("The measure passed after a 61-38 vote days earlier in the chamber.")
    for_side, against = found["61"].referent, found["38"].referent
    assert for_side.thing == "vote" and against.thing == "vote"  # not "days", a time
    assert (for_side.side, against.side) == ("for", "against")


def test_a_relative_pronoun_stands_for_its_noun_and_a_demonstrative_for_nobody():
    found = claims_of(
        "The floods that destroyed 400 homes were the worst in decades. This followed 12 days of rain."
    )
    assert found["400"].referent.holder == "floods"
    assert found["12 days"].referent.holder is None


def test_a_verb_completing_another_takes_its_subject():
    found = claims_of("The county agreed to pay $2 million to the families.")
    r = found["$2 million"].referent
    assert r.predicate == "pay" and r.holder == "county"


def test_a_period_in_an_adverbial_measures_the_verbs_object():
    # "in seven years" hangs from the verb: it is the period of the earnings, not a bare duration
    found = claims_of("The couple reported earnings of $139 million in seven years, the filing showed.")
    assert found["seven years"].referent.thing == "earnings"
    assert found["$139 million"].referent.thing == "earnings"


def test_more_than_bounds_a_figure_and_marks_no_other_an_increment():
    # "more than $250,000" is a bound of that figure; the indictment's pages are no addition
    found = claims_of(
        "In a 48-page indictment, the couple are charged with converting more than $250,000 in campaign funds."
    )
    assert ("mark", "increment") not in found["48-page"].context
    assert ("mark", "increment") in claims_of("The army sent 500 more soldiers to the border.")["500"].context


def test_a_conjoined_participle_shares_the_time_of_the_clause_it_hangs_from():
    # "In March, a storm hit the town, killing 40 and wounding 300": both tolls are March's
    found = claims_of(
        "In March, a storm hit the coastal town of Vella, killing 40 people and injuring about 300."
    )
    assert ("when", "March") in found["40"].context
    assert ("when", "March") in found["about 300"].context


def test_an_adjective_on_the_outcome_noun_is_its_manner():
    # "eight suffered serious injuries and 261 got minor injuries": two kinds of injured, not one
    found = claims_of(
        "Officials said eight people suffered serious injuries and 261 others got minor injuries."
    )
    assert ("how", "seriously") in found["eight"].context
    assert ("how", "slightly") in found["261"].context
