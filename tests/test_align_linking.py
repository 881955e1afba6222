"""Alignment by referent: the link model, clustering with cannot-links, rounding-aware verdicts."""

from __future__ import annotations

import math

import numpy as np

from newsrecon import RawDocument
from newsrecon.align import build_story
from newsrecon.align.embeddings import encode
from newsrecon.align.linking import (
    FEATURES,
    _same_number,
    cluster,
    link_model,
    linkable,
    merge,
    parallels,
    tallies,
)
from newsrecon.align.measures import headlines, significant_figures, written_slack
from newsrecon.pipeline import process_document


def story(*bodies: str, dates: tuple[str, ...] = ()):
    docs = []
    for i, b in enumerate(bodies):
        byline = f"By Ana Lopez | {dates[i]}\n\n" if dates else ""
        text = f"Headline number {i}\n\n{byline}{b}"
        docs.append(process_document(RawDocument(id=f"d{i}", text=text, source=f"d{i}.txt", sha256=str(i))))
    s, docs = build_story("s", docs)
    claims = {c.surface: c for d in docs for c in d.claims}
    return s, claims, {m.id: m for m in s.measures}


def test_written_precision_sets_the_slack():
    low, high = written_slack("$43 million", money=True)
    assert 43e6 - low <= 42.6e6 and 43e6 + high >= 43_885_310  # cut to the million named
    low, high = written_slack("$1.4 billion", money=True)
    assert 1.4e9 - low <= 1.375e9 and 1.4e9 + high < 1.5e9  # to the tenth of a billion, decimals kept
    low, high = written_slack("35.7 percent")
    assert 35.7 - low <= 35.72 <= 35.7 + high
    assert written_slack("$43,885,311") == (0.0, 0.0)
    assert written_slack("seven years") == (0.0, 0.0)  # words: exact
    assert written_slack("10") == written_slack("30 percent") == (0.0, 0.0)  # small round counts: exact
    assert written_slack("250,000") == written_slack("250000") == (4900.0, 4900.0)  # separators alike
    assert written_slack("100 m") == (0.0, 0.0)  # metres, not millions
    assert written_slack("100 million")[1] < 1e6  # the scale names the place, not the zeros


def test_rounded_and_exact_amounts_agree():
    _s, claims, measures = story(
        "The couple paid $43 million in federal taxes from 2007 to 2014, the returns show.",
        "The couple paid $43,885,310 in federal taxes from 2007 through 2014, the returns show.",
    )
    m = measures[claims["$43 million"].measure]
    assert claims["$43,885,310"].measure == m.id
    assert m.status == "consistent"
    assert 0 < m.confidence <= 1


def test_amounts_of_different_things_are_not_a_conflict():
    _s, claims, measures = story(
        "The president demanded $5.7 billion for a border wall, the White House said.",
        "The Pentagon diverted $3 billion from military construction projects, officials said.",
    )
    a, b = claims["$5.7 billion"].measure, claims["$3 billion"].measure
    assert a != b or measures[a].status != "conflict"


def test_tally_sides_never_share_a_measure():
    _s, claims, measures = story(
        "The Senate voted 97-1 on Wednesday to override the veto.",
        "Senators voted 97-1 to override the veto of the bill.",
    )
    sides = [c for c in claims.values() if c.referent is not None and c.referent.side]
    by_measure = {}
    for c in sides:
        by_measure.setdefault(c.measure, set()).add(c.referent.side)
    assert sides and all(len(v) == 1 for v in by_measure.values())
    assert all(m.status != "conflict" for m in measures.values())


def test_a_tally_written_alike_in_two_reports_is_one_vote_whatever_the_words():
    bodies = (
        "The House voted 348-77 to override the veto. This followed a 97-1 vote hours earlier.",
        "Senators were nearly unanimous. The final tally was 97-1.",
    )
    docs = [
        process_document(
            RawDocument(id=f"d{i}", text=f"Headline number {i}\n\n{b}", source=f"d{i}.txt", sha256=str(i))
        )
        for i, b in enumerate(bodies)
    ]
    _s, docs = build_story("s", docs)
    sides = {
        (c.doc, c.quantity.low): c.measure for d in docs for c in d.claims if c.referent and c.referent.side
    }
    assert sides[("d0", 97.0)] == sides[("d1", 97.0)] and sides[("d0", 1.0)] == sides[("d1", 1.0)]
    assert sides[("d0", 97.0)] != sides[("d0", 1.0)]
    assert sides[("d0", 348.0)] not in (sides[("d0", 97.0)], sides[("d0", 1.0)])
    # the join itself, whatever the link model learnt: by side and votes, across documents only
    items = [linkable(c, value=c.quantity.low) for d in docs for c in d.claims]
    found = {key: sorted(items[k].claim.doc for k in ks) for key, ks in tallies(items).items()}
    assert found == {("for", 97.0, 1.0): ["d0", "d1"], ("against", 97.0, 1.0): ["d0", "d1"]}
    # written with "to", the sides stand apart; the claim stage's pairing is what counts
    worded = [
        process_document(RawDocument(id=f"w{i}", text=f"Headline\n\n{b}", source=f"w{i}.txt", sha256=f"w{i}"))
        for i, b in enumerate(("The Senate voted 51 to 49 to pass it.", "It passed 51 to 49 on Tuesday."))
    ]
    items = [linkable(c, value=c.quantity.low) for d in worded for c in d.claims]
    assert set(tallies(items)) == {("for", 51.0, 49.0), ("against", 51.0, 49.0)}


def test_the_same_number_written_to_two_figures_but_not_to_one():
    def view(surface: str, value: float):
        claim = next(
            c
            for c in process_document(
                RawDocument(id="d", text=f"Headline\n\nThe fee was {surface}.", source="d.txt", sha256="x")
            ).claims
        )
        slack = written_slack(surface, money=True)
        return linkable(claim, rounded=(value - slack[0], value + slack[1]), value=value)

    exact, two_figures = view("$43,885,310", 43_885_310), view("$43 million", 43e6)
    assert _same_number(exact, two_figures)  # cut to millions, still 43
    # "$200,000" may be $225,000 rounded to one figure; that is no evidence they are one number
    assert not _same_number(view("$200,000", 200_000), view("$225,000", 225_000))


def test_cluster_respects_cannot_links_and_average_linkage():
    links = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): -math.inf, (2, 3): 0.2}
    groups = cluster(4, links, 0.5)
    assert [0, 1] in groups and [2] in groups and [3] in groups  # 2 may not join 0's group
    assert sorted(map(sorted, merge([[0, 1], [2], [3]], {(2, 3): 0.95}, 0.9))) == [[0, 1], [2, 3]]
    assert merge([[0], [1]], {(0, 1): -math.inf}, 0.5) == [[0], [1]]


def test_shipped_link_model_matches_the_features():
    fitted = link_model()
    assert len(fitted.weights) == len(FEATURES) == len(fitted.referent_weights)
    assert 0 < fitted.threshold < 1


def test_embeddings_are_unit_vectors_that_rank_paraphrases_first():
    v = encode(
        [
            "federal taxes the couple paid",
            "the taxes the couple paid to the government",
            "a goal in the final",
        ]
    )
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_a_rising_toll_is_changing_not_a_conflict():
    _s, claims, measures = story(
        "12 people were killed in the floods, officials said.",
        "30 people were killed in the floods, officials said on Tuesday.",
        "45 people were killed in the floods, officials said.",
        dates=("3 March 2026", "4 March 2026", "5 March 2026"),
    )
    m = measures[claims["12"].measure]
    assert claims["30"].measure == claims["45"].measure == m.id
    assert m.status == "changing" and [d for d, _ in m.sequence] == ["2026-03-03", "2026-03-04", "2026-03-05"]
    assert "moves from report to report" in m.why


def test_two_reports_that_differ_stay_a_conflict():
    _s, claims, measures = story(
        "40 people were killed in the floods, officials said.",
        "10 people were killed in the floods, officials said.",
        dates=("6 August 2026", "7 August 2026"),
    )
    assert measures[claims["40"].measure].status == "conflict"


def test_one_voice_two_figures_of_one_sentence_never_share_a_measure():
    _s, _claims, measures = story(
        "Police said two women and two men were killed in the crash on Monday.",
        "Police said two women were killed in the crash.",
    )
    docs_claims = {}
    for m in measures.values():
        for cid in m.claims:
            docs_claims.setdefault(m.id, []).append(cid.split("#")[0])
    # the first article's two figures (one sentence, one source) sit in different measures
    assert all(ids.count("d0") <= 1 for ids in docs_claims.values())


def test_two_voices_may_contrast_their_figures_in_one_sentence():
    _s, claims, measures = story(
        "The ministry put the number of people killed or wounded at 4,000, though U.S. estimates"
        " were lower at around 1,200.",
        "The ministry said 4,000 people had been killed or wounded.",
    )
    m = measures[claims["around 1,200"].measure]
    assert claims["4,000"].measure == m.id and m.status == "conflict"


def test_one_referent_with_clashing_amounts_is_a_conflict():
    _s, claims, measures = story(
        "The couple paid $14 million in federal taxes in 2023, their returns show.",
        "The couple paid $23 million in federal taxes in 2023, the returns show.",
        "The couple paid $14 million in federal taxes in 2023, according to the returns.",
    )
    m = measures[claims["$23 million"].measure]
    assert claims["$14 million"].measure == m.id
    assert m.status == "conflict" and "cannot be true" in m.why


def test_amounts_of_different_holders_stay_apart():
    _s, claims, measures = story(
        "Mr. Bush said his average federal tax rate was 36 percent over 33 years.",
        "The Clintons paid an effective federal tax rate of 45.8 percent in 2014, the returns show.",
    )
    assert claims["36 percent"].measure != claims["45.8 percent"].measure
    assert all(m.status != "conflict" for m in measures.values())


def test_an_attribute_of_one_thing_that_differs_is_a_conflict():
    _s, claims, measures = story(
        "Smith's 48-page indictment was unsealed on Tuesday, prosecutors said.",
        "Smith's 47-page indictment says he spent the money on trips.",
    )
    m = measures[claims["48-page"].measure]
    assert claims["47-page"].measure == m.id and m.status == "conflict"


def test_outright_joins_need_the_same_holder_and_attribute():
    """Figures the values keep apart are joined as one referent only when nothing tells them apart."""
    cases = [
        ("Mr. Hunter's salary was $174,000 in 2017, records show.", "Mrs. Hunter's salary was $36,000 in 2017, records show."),
        ("Smith's 48-page indictment was unsealed on Monday.", "Jones's 30-page indictment was unsealed on Monday."),
        ("The 10-day trip to Asia begins Monday.", "The 12-day trip to Africa begins in May."),
        ("Prosecutors unsealed a 48-page indictment against Smith.", "Prosecutors unsealed a 10-count indictment against Smith."),
        ("He received a five-year sentence, the judge said.", "His co-defendant received a 10-year sentence, the judge said."),
    ]  # fmt: skip
    for first, second in cases:
        _s, _claims, measures = story(first, second)
        assert all(m.status != "conflict" for m in measures.values()), (first, second)


def test_significant_figures_as_written():
    assert significant_figures("$139 million") == 3
    assert significant_figures("230,000") == significant_figures("8.6") == 2
    assert significant_figures("$140,937,785") == 9
    assert significant_figures("2,000") == significant_figures("0.5") == 1
    assert significant_figures("eight years") == 0  # words: no written precision


def test_a_headline_figure_beside_a_restated_one_is_the_body_figure_in_that_place():
    head = "Builder Reports Profit of $482 Million in Six Years"
    body = (
        "The builder on Monday published seven years of accounts, showing that it made $482 million "
        "in profit from 2010 to 2016. Its chief executive left in March after 12 years."
    )
    doc = process_document(RawDocument(id="d0", text=f"{head}\n\n{body}", source="d0.txt", sha256="0"))
    s, docs = build_story("s", [doc])
    claims = {c.surface.lower(): c for d in docs for c in d.claims}
    assert claims["six years"].measure == claims["seven years"].measure  # one period, said two ways
    assert claims["12 years"].measure != claims["six years"].measure  # another sentence, no anchor
    verdict = {m.id: m.status for m in s.measures}
    assert verdict[claims["six years"].measure] == "conflict"


def test_parallels_need_a_distinctive_anchor_in_the_headline_and_its_own_article():
    def views(text: str, doc: str = "d0"):
        d = process_document(RawDocument(id=doc, text=text, source=f"{doc}.txt", sha256=doc))
        titled = headlines([d])
        return [
            linkable(c, value=c.quantity.low, figures=significant_figures(c.surface), headline=c.id in titled)
            for c in d.claims
        ]

    body = "The firm released eight years of accounts showing a profit of {} over the period."
    anchored = views("Firm Made $482 Million in Six Years\n\n" + body.format("$482 million"))
    pairs = [(anchored[i].claim.surface, anchored[j].claim.surface) for i, j in parallels(anchored)]
    assert pairs == [("Six Years", "eight years")]
    # "Eight" recurs by chance: one figure of one digit anchors nothing
    loose = views("Firm Made 8 Deals in Six Years\n\n" + body.format("8 deals"))
    assert parallels(loose) == []
    # another article's sentence is not what this headline restates
    other = views(
        "Firm Made $482 Million in Six Years\n\nThe firm said little else about its results that week."
    ) + views("Headline\n\n" + body.format("$482 million"), "d1")
    assert parallels(other) == []
