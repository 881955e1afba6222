"""The quantity parser on a table of news phrasings, and its properties on generated input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsrecon.claims import find_quantities, parse_number

# phrase -> [(low, high, approximate, hedge, unit)] for each figure it states
TABLE = [
    ("officials said over 1,000 people fled", [(1000, None, False, "over", None)]),
    ("as many as 12,000 troops", [(None, 12000, False, "as many as", None)]),
    ("between 1,000 and 3,000 troops", [(1000, 3000, False, None, None)]),
    ("an extra 1,000 to 3,000 soldiers", [(1000, 3000, False, None, None)]),
    ("an additional 10,000-12,000 workers", [(10000, 12000, False, None, None)]),
    ("about 300 soldiers", [(300, 300, True, "about", None)]),
    ("approximately 3 000 or more", [(3000, None, True, "approximately … or more", None)]),
    ("at least 3\u00a0000 additional soldiers", [(3000, None, False, "at least", None)]),
    ("nearly 11\u202f000 people", [(None, 11000, False, "nearly", None)]),
    ("almost 2 700 were hurt", [(None, 2700, False, "almost", None)]),
    ("up to 4,000 casualties", [(None, 4000, False, "up to", None)]),
    ("fewer than 50 cases", [(None, 50, False, "fewer than", None)]),
    ("some 230,000 people", [(230000, 230000, True, "some", None)]),
    ("over a thousand soldiers", [(1000, None, False, "over", None)]),
    ("a dozen boats", [(12, 12, False, None, None)]),
    ("twenty-five villages", [(25, 25, False, None, None)]),
    ("three generals", [(3, 3, False, None, None)]),
    # a scale word after a hyphen; a range whose first number leaves its unit to the second ("24- to
    # 30-foot"); "three or four" is a range, "3 or 17" two figures
    (
        "a 110-billion ($143-billion) loan",
        [(110e9, 110e9, False, None, None), (143e9, 143e9, False, None, "USD")],
    ),
    ("a 24- to 30-foot boat", [(24, 30, False, None, "ft")]),
    ("three or four bombs fell", [(3, 4, False, None, None)]),
    ("5 or 6 km away", [(5, 6, False, None, "km")]),
    ("3 or 17 cases", [(3, 3, False, None, None), (17, 17, False, None, None)]),
    ("a salary of $2,000 per month", [(2000, 2000, False, None, "USD per month")]),
    ("12.5 million dollars", [(12_500_000, 12_500_000, False, None, "USD")]),
    ("€3bn in aid", [(3e9, 3e9, False, None, "EUR")]),
    ("over 1,000 square kilometers", [(1000, None, False, "over", "km2")]),
    ("a depth of 10 kilometres (six miles)", [(10, 10, False, None, "km"), (6, 6, False, None, "mi")]),
    ("a 6.1-magnitude quake", [(6.1, 6.1, False, None, "magnitude")]),
    ("a magnitude-6.1 quake", [(6.1, 6.1, False, None, "magnitude")]),
    ("a 4% rise", [(4, 4, False, None, "%")]),
    ("20 to 30 millimetres of rain", [(20, 30, False, None, "mm")]),
    ("3,000-plus protesters", [(3000, None, False, "-plus", None)]),
    ("rose from 5 to 11", [(5, 5, False, None, None), (11, 11, False, None, None)]),
    ("after a one-month break", [(1, 1, False, None, "month")]),
    ("one and a half million people fled", [(1_500_000, 1_500_000, False, None, None)]),
    ("half a dozen boats", [(6, 6, False, None, None)]),
    ("two hundred and two thousand votes", [(202_000, 202_000, False, None, None)]),
    ("a budget of 10 bln", [(1e10, 1e10, False, None, None)]),
    ("a population of 1 414 021 100", [(1_414_021_100, 1_414_021_100, False, None, None)]),
    ("more than 10 1/2 miles of cable", [(10.5, None, False, "more than", "mi")]),
    ("temperatures fell to -18 °C", [(-18, -18, False, None, "°C")]),
    ("between 10 km and 20 km", [(10, 20, False, None, "km")]),
    ("the six-mile trip", [(6, 6, False, None, "mi")]),
    ("about 150 nautical miles off the coast", [(150, 150, True, "about", "nmi")]),
    # a fraction of one unit
    ("half a mile away", [(0.5, 0.5, False, None, "mi")]),
    ("about a quarter mile from the camp", [(0.25, 0.25, True, "about", "mi")]),
    ("three quarters of an hour later", [(0.75, 0.75, False, None, "h")]),
    # ... a measure like "a 30-second advert" (they were listed as no figure before, when the
    # question was only that they are no share)
    ("a half-hour show", [(0.5, 0.5, False, None, "h")]),
    ("a quarter of a mile", [(0.25, 0.25, False, None, "mi")]),
    ("it lasted 3 hrs", [(3, 3, False, None, "h")]),
    # a scale word on the second number of a range is the first's too
    ("fees of between $19 and $22 million", [(19e6, 22e6, False, None, "USD")]),
    ("a plan costing $1 to $2 billion", [(1e9, 2e9, False, None, "USD")]),
    ("3 to 5 million people", [(3e6, 5e6, False, None, None)]),
    ("three to five million people", [(3e6, 5e6, False, None, None)]),
    ("between 500 and 2 million visitors", [(500, 2e6, False, None, None)]),
    ("shares rose from 4 to 6 million", [(4e6, 4e6, False, None, None), (6e6, 6e6, False, None, None)]),
    # fractions and shares are percentages
    ("more than two-thirds of the members", [(200 / 3, None, False, "more than", "%")]),
    ("a two-thirds majority", [(200 / 3, 200 / 3, False, None, "%")]),
    ("a third of the crew", [(100 / 3, 100 / 3, False, None, "%")]),
    ("one-third of its budget", [(100 / 3, 100 / 3, False, None, "%")]),
    ("about three-quarters of voters", [(75, 75, True, "about", "%")]),
    ("a quarter of the fleet", [(25, 25, False, None, "%")]),
    ("nearly half of the staff", [(None, 50, False, "nearly", "%")]),
    ("three in four residents", [(75, 75, False, None, "%")]),
    ("one in five drivers", [(20, 20, False, None, "%")]),
    ("nine out of 10 doctors", [(90, 90, False, None, "%")]),
    ("it shrank for two quarters", [(2, 2, False, None, None)]),  # quarters of a year, no share
    ("a quarter of a million tourists", [(250_000, 250_000, False, None, None)]),
    ("half a million people", [(500_000, 500_000, False, None, None)]),
    ("one and a half miles", [(1.5, 1.5, False, None, "mi")]),
    ("50-odd boats", [(50, 50, True, "-odd", None)]),
    # a number joined to the noun it counts
    ("a 48-page ruling", [(48, 48, False, None, None)]),
    ("a two-year inquiry", [(2, 2, False, None, "year")]),
    ("a 10-day tour", [(10, 10, False, None, "day")]),
    ("a 30-second advert", [(30, 30, False, None, "s")]),
    ("the three-term mayor", [(3, 3, False, None, None)]),
    ("a one-and-a-half-page memo", [(1.5, 1.5, False, None, None)]),
    # a tally: two figures
    ("the council voted 9-2", [(9, 9, False, None, None), (2, 2, False, None, None)]),
    ("a 251-180 vote", [(251, 251, False, None, None), (180, 180, False, None, None)]),
    ("the bill passed 52 to 47", [(52, 52, False, None, None), (47, 47, False, None, None)]),
    ("open 9 to 5 on weekdays", [(9, 9, False, None, None)]),  # hours, not a tally
    ("prices fell from 20 to 11", [(20, 20, False, None, None), (11, 11, False, None, None)]),
    # ... but "ranging from" bounds one range
    ("aftershocks ranging from 3.6 to 4.3 in magnitude", [(3.6, 4.3, False, None, None)]),
    ("the Senate's 70-29 vote", [(70, 70, False, None, None), (29, 29, False, None, None)]),
    # a slash pair that cannot be a date
    ("a reading of 140/90", [(140, 140, False, None, None), (90, 90, False, None, None)]),
    # a month with its own day after it: the number before it is a count
    ("all 12 Nov. 3 candidates", [(12, 12, False, None, None)]),
    # headline capitals
    (
        "Profits of $45 Million in Three Years",
        [(45e6, 45e6, False, None, "USD"), (3, 3, False, None, "year")],
    ),
    ("Two-Thirds of Voters Back Plan", [(200 / 3, 200 / 3, False, None, "%")]),
]
NOT_FIGURES = [
    "in 2024 the army moved",
    "on August 6, 2024, forces crossed",
    "on 7 February the president spoke",
    "Feb. 24, 2025",
    "published 27/02/2025",
    "at 07:37 a.m. local time",
    "at 4 p.m. on Sunday",
    "a 22-year-old resident",
    "recruits around 20 years old",
    "Maria Lopez, 67, said",
    "170-mm howitzers and 240-mm rocket systems",
    "a 12-gauge shotgun",
    "a chase along Interstate 75 in Genesee County",
    "found him on Interstate 75, north of the city",
    "the crew aboard Flight 370 when it vanished",
    "the quake began west of Interstate 5.",
    'it had sunk the trawler "Ekawat Nava 5", which pirates held',
    "a CN-235 aircraft",
    "the No. 2 Pentagon post",
    "2 minute read",
    "call (555) 123-4567",
    "call 555-123-4567 now",
    "in 2021-2024 the fund grew",
    "the 2020/21 season",
    "after 9/11",
    "on 3/4 the court sat",
    "the 15th anniversary",
    "the 21st century",
    "on the 35th day",
    "finished 2nd",
    "the twenty-first century",
    "the one hundredth visit",
    "on 12 Nov. 2019 the court sat",
    "a 41-year-old driver",
    "the 41-year-old man",
    "a three-month-old baby",
    "the No. 2 Republican",
    "Vitamin B12",
    "the 2001 attacks",
    "since 2007",
    "Maria, 41, said",
    "an Acme Co. 747-8 jet",
    "a DX200 9000/720 unit",
    "code 10142-0032",
    "class 5-1A",
    "the first half of the season",
    "for 65-year-olds",
    "a third time",
    "one of the objectives",
    "the two leaders met",
    "the first week of February",
    "killing Benjamin Banky, 40.",
    "the neighbour called 911 and waited",
    "a 2023 FT investigation",
    # a number that ends a name, a code with a leading zero, a clock time without its colon
    "traffic was stopped on Interstate 80 near the bridge",
    "the crew radioed on Channel 12 from the bridge",
    "a van with the plate KLR 0457 was seen",
    "the boats were spotted at 0930 hours",
    "the shock came at 1547 local time",
    "the quake struck at 1353 (1023 GMT)",
    # ages given as a range or a pair, and decades
    "children aged from one to 9 were hurt",
    "boys aged 11 and 14 were hurt",
    "men between 30 and 40 years old",
    "men in their 20s and 30s",
]


@pytest.mark.parametrize(
    "text",
    [
        "Storm Kills 4 In Coastal Town",  # a Title Case headline: the next word is capitalised
        "On Sunday 6 people were hurt.",  # a weekday is no name
        "She volunteered 1200 hours over the year.",  # hours worked, not a clock time
        "Results: Ward 5, Hill 3",  # a tally's comma keeps the first figure
        "A spokesman told Reuters 15 had died.",  # a count goes on to what happened
        "Earthquake Kills 12",  # a headline's last word
        "A girl aged 5 and 30 others were killed.",  # "30 others" is no second age
        "The flood displaced 1500 local families.",  # not a clock time
        "The index closed at 1353 on Friday.",  # a value, told without another zone's time
    ],
)
def test_quantity_numbers_after_capitals_that_stay_figures(text):
    assert find_quantities(text)


@pytest.mark.parametrize(("text", "want"), TABLE)
def test_quantity_table(text, want):
    got = [(q.low, q.high, q.approximate, q.hedge, q.unit) for q in find_quantities(text)]
    assert got == [
        tuple(float(x) if isinstance(x, int | float) and not isinstance(x, bool) else x for x in w)
        for w in want
    ]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_quantity_not_figures(text):
    assert find_quantities(text) == []


def test_quantity_tally_sides_have_their_own_offsets():
    text = "The senate voted 61-38 to pass it."
    yes, no = find_quantities(text)
    assert (yes.side, yes.low, text[yes.value_start : yes.value_end], text[yes.start : yes.end]) == (
        "for",
        61,
        "61",
        "61",
    )
    assert (no.side, no.low, text[no.value_start : no.value_end], text[no.start : no.end]) == (
        "against",
        38,
        "38",
        "38",
    )
    assert [q.side for q in find_quantities("between 1,000-3,000 soldiers")] == [None]


def test_quantity_slash_pair_offsets():
    text = "His pressure was 120/85 at noon."
    assert [text[q.value_start : q.value_end] for q in find_quantities(text)] == ["120", "85"]


def test_quantity_compound_covers_the_noun():
    text = "She filed a 36-page brief."
    (q,) = find_quantities(text)
    assert (text[q.start : q.end], text[q.value_start : q.value_end], q.kind, q.unit) == (
        "36-page",
        "36",
        "count",
        None,
    )
    (q,) = find_quantities("a four-week strike")
    assert (q.kind, q.unit) == ("duration", "week")


def test_quantity_fraction_is_a_percent():
    text = "Two-thirds of the board agreed."
    (q,) = find_quantities(text)
    assert (q.kind, q.unit, text[q.value_start : q.value_end]) == ("percent", "%", "Two-thirds")
    assert q.low == q.high == pytest.approx(66.6667, abs=1e-3)


def test_quantity_month_with_its_day_leaves_the_count():
    text = "The 14 Oct. 7 attackers were named."
    (q,) = find_quantities(text)
    assert (q.low, text[q.value_start : q.value_end]) == (14, "14")


def test_quantity_vague_counts_have_no_bounds():
    (q,) = find_quantities("Thousands of people marched")
    assert (q.low, q.high, q.vague, q.approximate) == (None, None, True, True)
    for text in ("hundreds of thousands", "tens of millions", "hundreds of billions"):
        (q,) = find_quantities(f"It could sell {text} of dollars in assets")  # one amount, not two
        assert (q.end - q.start, q.vague) == (len(text), True)


def test_quantity_offsets_cover_the_expression():
    text = "Police said about 300 people were detained."
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "about 300"
    assert text[q.value_start : q.value_end] == "300"


@pytest.mark.parametrize(
    ("text", "value"),
    [("3 000", 3000), ("1,000,000", 1e6), ("12.5 million", 12.5e6), ("2bn", 2e9), ("a thousand", 1000),
     ("twenty-five", 25), ("three hundred and twelve", 312), ("half a million", 5e5), ("nonsense", None)],
)  # fmt: skip
def test_parse_number(text, value):
    assert parse_number(text) == value


@given(st.text())
def test_quantity_any_text_never_raises(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.value_start < q.value_end <= q.end <= len(text)
    parse_number(text)


def _grouped(n: int, sep: str) -> str:
    s = str(n)
    if not sep:
        return s
    head, rest = s[: len(s) % 3 or 3], s[len(s) % 3 or 3 :]
    return sep.join([head] + [rest[i : i + 3] for i in range(0, len(rest), 3)])


@given(
    st.integers(min_value=1000, max_value=10**9),
    st.sampled_from([",", " ", "\u00a0", "\u202f", "\u2009", ""]),
)
def test_quantity_separator_styles_parse_back(n, sep):
    text = f"Officials counted about {_grouped(n, sep)} people on Sunday."
    (q,) = find_quantities(text)
    assert q.low == q.high == n


def test_quantities_in_a_very_long_line_take_time_in_proportion():
    """A paragraph with many figures (a page flattened onto one line) is read in linear time: the
    context a figure is judged by is a window around it, not the whole text on each side."""
    import time

    sentence = "Officials said 4 people died, aged 30 and 41, on 5 March in 2024. "
    one = find_quantities(sentence)
    started = time.perf_counter()
    many = find_quantities(sentence * 4_000)  # 260 kB on one line
    assert time.perf_counter() - started < 15  # was quadratic: minutes
    assert len(many) == 4_000 * len(one)
    last = many[-len(one) :]
    shift = len(sentence) * 3_999
    assert [(q.start - shift, q.low, q.high, q.kind) for q in last] == [
        (q.start, q.low, q.high, q.kind) for q in one
    ]


def test_quantity_a_distance_per_time_is_a_speed():
    from newsrecon.claims.quantity import find_quantities

    text = "The car reached 120 miles per hour; the convoy covered 30 miles."
    kinds = {text[q.start : q.end]: q.kind for q in find_quantities(text)}
    assert kinds == {"120 miles per hour": "speed", "30 miles": "distance"}


def test_quantity_tokenised_thousands_are_one_number():
    """Tokenised text writes "20, 000": a group with a leading zero cannot stand alone, so the comma
    and space separate thousands; without such a group the two numbers stay two."""
    from newsrecon.align.measures import significant_figures
    from newsrecon.claims.quantity import find_quantities

    text = "About 20, 000 people marched; rewards of $30, 000 and 1, 009 species. On day 3, 500 came."
    got = [(text[q.value_start : q.value_end], q.high) for q in find_quantities(text)]
    assert got == [("20, 000", 20000.0), ("30, 000", 30000.0), ("1, 009", 1009.0), ("3", 3.0), ("500", 500.0)]
    assert significant_figures("230, 000 people") == significant_figures("230,000 people") == 2


def test_quantity_metres_magnitudes_and_rounded_counts_are_told_apart():
    from newsrecon.claims.quantity import find_quantities

    def read(text: str) -> list[tuple[float | None, str | None, str]]:
        return [(q.low, q.unit, q.kind) for q in find_quantities(text)]

    assert read("He died after falling about 60m from a ridge.") == [(60.0, "m", "distance")]
    assert read("A wave 10m high hit the town.") == [(10.0, "m", "distance")]
    assert read("Some 60m people watched.") == [(60_000_000.0, None, "count")]
    assert read("The country has a population of 60m.") == [(60_000_000.0, None, "count")]
    assert read("It raised $60m from donors.") == [(60_000_000.0, "USD", "money")]
    assert read("a quake with a magnitude of 6.4") == [(6.4, "magnitude", "magnitude")]
    assert read("Prosecutors called 120 to testify.") == [(120.0, None, "count")]
    assert read("a 60m-high sea wall") == [(60.0, "m", "distance")]
    assert read("Deaths: California, 12; Texas, 40; Florida, 7.")[:2] == [
        (12.0, None, "count"),
        (40.0, None, "count"),
    ]
    assert read("He fell 2,000ft to his death.") == [(2000.0, "ft", "distance")]
