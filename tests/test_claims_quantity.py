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
    ("it lasted 3 hrs", [(3, 3, False, None, "h")]),
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
    "a CN-235 aircraft",
    "the No. 2 Pentagon post",
    "2 minute read",
    "call (555) 123-4567",
    "call 555-123-4567 now",
    "the team won 3-1",
    "one of the objectives",
    "the two leaders met",
    "the first week of February",
]


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


def test_quantity_vague_counts_have_no_bounds():
    (q,) = find_quantities("Thousands of people marched")
    assert (q.low, q.high, q.vague, q.approximate) == (None, None, True, True)


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
