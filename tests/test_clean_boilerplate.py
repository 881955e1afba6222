"""The cleaner on made-up page dumps: each kind of furniture goes, with its reason; the article stays."""

from __future__ import annotations

from newsrecon import RawDocument, clean_document
from newsrecon.clean import NOT_AN_ARTICLE_BELOW, article_confidence, classify, normalize, split_lines
from newsrecon.clean.boilerplate import _continue_list, shape_reasons

PAGE = """\
Home | World | Business | Sport
EN | DE
Loading...
Advertisement

Harbour crane collapse halts port traffic
Harbour crane collapse halts port traffic

By Marta Keller
Published 14 May 2026, 08:30
4 min read
Share this article Comments

Workers look at the fallen crane at the container terminal on Wednesday.
Photo: Lena Fisch / Harbour Images

A container crane collapsed at the city's main port on Wednesday, halting traffic for most of the day, the port authority said in a statement.

Nobody was hurt in the collapse, which happened shortly after the morning shift change, according to a spokesperson for the dock workers' union.

ADVERTISEMENT

What went wrong

Engineers will examine the crane's base, which was installed in 1998 and inspected last year, the authority added.

The terminal handles about 4,000 containers a day and is expected to reopen on Friday, officials said.

If you value our independent local journalism, please support us with a donation or subscribe to our newsletter today.

Read more
Ferry operator adds 3 summer routes
City council debates 12-lane bridge plan
harbour crane collapse port traffic container terminal union engineers ferry city council bridge plan

© 2026 Harbour Gazette. All rights reserved.
"""


def _doc(text: str = PAGE):
    return clean_document(RawDocument(id="page", text=text, source="page.txt", sha256="x"))


def _reasons(doc) -> dict[str, str]:
    return {" ".join(doc.text[r.start : r.end].split()): r.reason for r in doc.removed}


def test_clean_keeps_article_paragraphs_and_subheading():
    body = _doc().body.split("\n")
    assert body[0].startswith("A container crane collapsed")
    assert "What went wrong" in body
    assert body[-1].startswith("The terminal handles about 4,000 containers")
    assert len(body) == 5


def test_clean_removes_each_kind_of_furniture_with_reason():
    reasons = _reasons(_doc())
    assert reasons["Home | World | Business | Sport"] in ("navigation", "before-article")
    assert reasons["EN | DE"] == "navigation"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["ADVERTISEMENT"] == "advertisement"
    assert reasons["By Marta Keller"] == "byline"
    assert reasons["Published 14 May 2026, 08:30"] == "timestamp"
    assert reasons["4 min read"] == "reading-time"
    assert reasons["Share this article Comments"] == "navigation"
    assert reasons["Photo: Lena Fisch / Harbour Images"] == "image-credit"
    assert reasons["Workers look at the fallen crane at the container terminal on Wednesday."] == "caption"
    assert reasons["Harbour crane collapse halts port traffic"] in ("headline", "duplicate")
    assert reasons["Read more"] == "related-list"
    assert reasons["Ferry operator adds 3 summer routes"] == "related-list"
    assert reasons["© 2026 Harbour Gazette. All rights reserved."] == "footer"
    appeal = next(k for k in reasons if k.startswith("If you value"))
    assert reasons[appeal] == "appeal"
    soup = next(k for k in reasons if k.startswith("harbour crane collapse port"))
    assert reasons[soup] in ("keywords", "related-list")


def test_clean_offsets_cover_every_line_exactly_once():
    doc = _doc()
    spans = sorted([(p.start, p.end) for p in doc.paragraphs] + [(r.start, r.end) for r in doc.removed])
    lines = [ln for ln in PAGE.split("\n") if ln.strip()]
    assert len(spans) == len(lines)
    assert [doc.text[s:e] for s, e in spans] == [ln.strip() for ln in lines]


def test_clean_offsets_point_into_original_with_odd_spaces():
    text = PAGE.replace("4,000 containers", "4\u00a0000\u200b containers")
    doc = _doc(text)
    last = doc.paragraphs[-1]
    assert "4\u00a0000\u200b containers" in doc.text[last.start : last.end]
    assert "4 000 containers" in doc.body


def test_clean_related_teasers_after_other_news_heading():
    text = (
        "Rail strike called off after late deal\n\n"
        "The rail union called off Monday's strike after reaching a late deal with operators, its leader said.\n\n"
        "The agreement raises pay by 4% this year and 3% next year, according to the union's statement.\n\n"
        "In Other News\n"
        "Airport adds 2 new gates\n"
        "The airport authority said the new gates will open in spring after a short delay.\n"
        "Mayor unveils 10-year housing plan\n"
        "The plan sets out how the city will build homes on former industrial land near the river.\n"
    )
    doc = _doc(text)
    assert doc.body.count("\n") == 1
    assert "Airport" not in doc.body


def test_a_read_more_button_closing_a_promotion_opens_no_list():
    from newsrecon.clean import Line
    from newsrecon.clean.boilerplate import _drop_related_lists

    texts = [
        "The rail union called off Monday's strike after reaching a late deal with the operators, its leader said.",
        "Read More",
        "The agreement raises pay by four per cent this year and three per cent next year, according to the union.",
        "Also: what the deal means for commuters",
        "Operators said trains would run to the normal timetable from Monday morning, with extra staff at stations.",
    ]
    lines = [Line(i, i + 1, 0, len(t), t) for i, t in enumerate(texts)]
    reasons = [None, "end-marker", None, None, None]
    keep = [True, False, True, True, True]
    _drop_related_lists(lines, reasons, keep)
    assert keep == [True, False, True, True, True]
    teasers = [
        "Read more",
        "Airport adds two new gates",
        "The airport authority said the gates open in spring.",
    ]
    lines = [Line(i, i + 1, 0, len(t), t) for i, t in enumerate([texts[0], *teasers])]
    keep = [True, False, True, True]
    _drop_related_lists(lines, [None, "end-marker", None, None], keep)
    assert keep == [True, False, False, False]
    # A "Related" heading opens a list even when a teaser's summary is long.
    related = ["Related", texts[2], "Harbour wall repairs to start in spring", "Fishermen count the cost"]
    lines = [Line(i, i + 1, 0, len(t), t) for i, t in enumerate([texts[0], *related])]
    keep = [True, False, True, True, True]
    _drop_related_lists(lines, [None, "end-marker", None, None, None], keep)
    assert keep == [True, False, False, False, False]


def test_clean_plain_article_without_furniture_is_all_body():
    text = "Quake shakes island\n\nA strong earthquake shook the island on Tuesday, officials said.\n\nNo damage was reported.\n"
    doc = _doc(text)
    assert doc.body.split("\n") == [
        "A strong earthquake shook the island on Tuesday, officials said.",
        "No damage was reported.",
    ]
    assert doc.meta.value("title") == "Quake shakes island"


ARTICLE = (
    "A container crane collapsed at the city's main port on Wednesday, halting traffic for most of the"
    " day, the port authority said in a statement.\n\n"
    "Nobody was hurt in the collapse, which happened shortly after the morning shift change, according to"
    " a spokesperson for the dock workers' union.\n\n"
    "Engineers will examine the crane's base, which was installed in 1998 and inspected last year, the"
    " authority added in its statement on Wednesday evening.\n\n"
)

HOME_PAGE = """\
Home | World | Business | Sport | Culture
Subscribe
Sign in

The Valley Ledger

Top stories

Harbour crane collapse halts port traffic
A container crane collapsed at the city's main port on Wednesday, halting traffic for most of the day.
2 hours ago

City council debates 12-lane bridge plan
Councillors argued for four hours over the cost of the new crossing.
3 hours ago

Ferry operator adds 3 summer routes
The new routes will link the islands from June, the company said.
5 hours ago

Most read
Mayor unveils 10-year housing plan
Airport adds 2 new gates

About us | Contact | Advertise | Privacy policy
© 2026 The Valley Ledger. All rights reserved.
"""


def _verdicts(text: str):
    return classify(split_lines(normalize(text).text))


def test_clean_every_line_has_a_verdict_score_and_reason():
    verdicts = _verdicts(PAGE)
    assert all(v.reason for v in verdicts)
    assert all(v.score is not None and 0.0 <= v.score <= 1.0 for v in verdicts)
    kept = [v for v in verdicts if v.keep]
    assert min(v.score for v in kept if v.reason == "body") > 0.5


def test_clean_article_confidence_tells_an_article_from_a_home_page():
    article = article_confidence(_verdicts(PAGE))
    home = article_confidence(_verdicts(HOME_PAGE))
    assert article >= 0.8
    assert home < NOT_AN_ARTICLE_BELOW <= article
    assert article_confidence(_verdicts("Home\nNews\nSport\n")) == 0.0
    assert article_confidence([]) == 0.0


def test_clean_times_ago_are_timestamps():
    reasons = {v.line.text: v.reason for v in _verdicts(HOME_PAGE)}
    assert reasons["2 hours ago"] == "timestamp"


def test_clean_article_ends_where_the_comments_begin():
    text = (
        ARTICLE + "34 responses to “Crane collapse halts port”\n\n"
        "harbourfan says:\n\n"
        "This is what happens when the port authority ignores every warning the workers gave it for years.\n\n"
        "dockhand says:\n\n"
        "The union raised the state of that crane at three meetings last year and nobody listened to them.\n"
    )
    verdicts = _verdicts(text)
    assert [v.keep for v in verdicts][:3] == [True] * 3
    assert {v.reason for v in verdicts[3:]} == {"comments"}


def test_clean_article_ends_at_an_about_section():
    text = (
        ARTICLE + "About Harbour Gazette\n\n"
        "Harbour Gazette is an independent newspaper covering the city, its port and the islands since 1921,"
        " with a newsroom of forty journalists.\n"
    )
    verdicts = _verdicts(text)
    assert sum(v.keep for v in verdicts) == 3
    assert not verdicts[-1].keep and verdicts[-1].reason == "after-article"


def test_clean_paragraph_shown_twice_is_kept_once():
    first = ARTICLE.split("\n\n")[0]
    verdicts = _verdicts(ARTICLE + first + "\n")
    assert [v.line.text for v in verdicts if v.keep].count(first) == 1
    assert verdicts[-1].reason == "duplicate"


def test_clean_lowercase_keyword_soup_and_lists_of_names_have_their_reasons():
    lines = split_lines(
        ARTICLE + "harbour crane collapse port traffic container terminal union engineers ferry city\n"
        "Harbour Gazette Port Authority Dock Workers Union City Council Ferry Operator Island Routes\n"
    )
    assert shape_reasons(lines)[-2:] == ["keywords", "name-list"]
    # On a page not in English, a line without English function words says nothing.
    other = split_lines(
        "O governo anunciou ontem um novo plano para a educação e a saúde, disse o ministro.\n"
        "A medida foi criticada pela oposição e por sindicatos de professores de todo o país.\n"
        "Os críticos afirmam que o plano não tem recursos suficientes para as escolas públicas.\n"
        "Governo Federal Ministério Educação Saúde Plano Nacional Brasília Congresso Nacional Março\n"
    )
    assert shape_reasons(other) == [None] * 4


def test_clean_placed_lines_skip_the_line_model_but_not_the_shape_rules():
    text = (
        "The council approved the new bridge on Tuesday after a four-hour debate, the mayor said.\n"
        "Share on Facebook\n"
        "Construction is due to start in spring and to last two years, officials said.\n"
    )
    verdicts = classify(split_lines(normalize(text).text), placed=True)
    assert [v.keep for v in verdicts] == [True, False, True]
    assert all(v.score is None for v in verdicts)
    assert article_confidence(verdicts) > 0.9


def test_clean_captions_closed_by_a_photo_credit_and_calls_to_action_have_their_reasons():
    lines = split_lines(
        ARTICLE + "Protesters gathered outside the parliament building on Tuesday evening (Image: Getty)\n"
        "Rescue workers search the rubble in the old town, Nov. 19, 2019. REUTERS/Jane Doe\n"
        "Get breaking news alerts and special reports delivered to your inbox every morning.\n"
        "There's plenty more where that came from. Sign up for our free daily newsletter today.\n"
        "Follow the newsroom on Facebook, Twitter and Instagram.\n"
    )
    assert shape_reasons(lines)[-5:] == ["caption", "caption", "appeal", "appeal", "appeal"]
    # Reporting that only mentions a photo or a newsletter is not furniture.
    plain = split_lines(
        "The agency said the photo was taken by a local resident and later shared widely online.\n"
        "Get the facts first, the minister told reporters, before she left for the summit.\n"
    )
    assert shape_reasons(plain) == [None, None]


TOUR = (
    "The band announced a summer tour on Monday, its first in six years, with dates across the country.\n\n"
    "Tickets go on sale on Friday through the venues, the band's manager said in a statement.\n\n"
    "The dates:\n\n"
    "June 9 -- Harbour Arena, Eastport, ME\n"
    "June 12 -- Riverside Amphitheatre, Millbrook, NY\n"
    "June 14 -- Lakeside Pavilion, Granton, OH\n"
    "July 2 -- Northfield Music Park, Northfield, MN\n"
    "Aug. 8 -- Canyon Theatre, Red Rock, AZ\n\n"
    "More from Music\n"
    "Five albums to hear this week\n"
)


def test_clean_a_list_the_article_ends_in_goes_on_while_its_items_keep_their_shape():
    """The line model, scoring lines one at a time, may stop a list after its first items; the
    rest of the list follows, and the page's teasers after it do not."""
    lines = split_lines(normalize(TOUR).text)
    reasons = shape_reasons(lines)
    texts = [x.text for x in lines]
    keep = [i <= texts.index("June 14 -- Lakeside Pavilion, Granton, OH") for i in range(len(lines))]
    _continue_list(lines, reasons, keep)
    kept = [t for t, k in zip(texts, keep, strict=True) if k]
    assert kept[-1] == "Aug. 8 -- Canyon Theatre, Red Rock, AZ"
    assert "More from Music" not in kept and "Five albums to hear this week" not in kept


def test_clean_an_article_ending_in_prose_does_not_take_the_teasers_after_it():
    lines = split_lines(
        normalize(TOUR.split("The dates:")[0] + "More from Music\nFive albums to hear\n").text
    )
    keep = [x.ends_sentence for x in lines]
    before = list(keep)
    _continue_list(lines, shape_reasons(lines), keep)
    assert keep == before


def test_clean_an_article_without_its_page_is_kept_whole():
    """A headline and paragraphs of prose, or one paragraph alone (a feed item, a JSON Lines record's
    body): no page to cut it from, so every line is kept and the text reads as an article."""
    paragraph = (
        "The council voted on Tuesday to close the old bridge for repairs, and the work is expected to "
        "last until the spring, officials said in a statement to residents."
    )
    second = "Drivers will be sent along the river road, which adds about ten minutes to a trip into town."
    for text in (f"Bridge to close for repairs\n\n{paragraph}\n\n{second}", paragraph):
        verdicts = _verdicts(text)
        assert all(v.keep for v in verdicts if v.line.text in (paragraph, second))  # the headline: metadata
        assert article_confidence(verdicts) >= NOT_AN_ARTICLE_BELOW
