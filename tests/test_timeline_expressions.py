"""Date expressions resolved against reference dates, year boundaries included."""

from __future__ import annotations

import datetime as dt

import pytest

from newsrecon.model import DateMention
from newsrecon.timeline import find_dates, resolve

FEB27 = dt.date(2025, 2, 27)  # a Thursday
JAN3 = dt.date(2026, 1, 3)  # a Saturday, just after a year boundary


def resolved(text: str, ref: dt.date | None) -> list[str]:
    out = []
    for start, end, kind, parts in find_dates(text):
        m = DateMention(start, end, text[start:end], kind, tuple(parts.items()), 0, len(text))
        r = resolve(m, ref)
        out.append(r.date if r else None)
    return out


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        ("Forces entered the region on August 6, 2024.", FEB27, ["2024-08-06"]),
        ("It was published 27/02/2025 online.", None, ["2025-02-27"]),
        ("He spoke in an address on Feb. 7 to lawmakers.", FEB27, ["2025-02-07"]),
        ("He confirmed on 7 February that troops were back.", FEB27, ["2025-02-07"]),
        ("In November, the two leaders ratified a pact.", FEB27, ["2024-11"]),
        ("In January, the agency said more had died.", FEB27, ["2025-01"]),
        ("Ukraine launched its incursion last August.", FEB27, ["2024-08"]),
        ("Last fall it sent troops.", FEB27, ["2024"]),
        ("The agency said Thursday that troops were sent.", FEB27, ["2025-02-27"]),
        ("The agency said on Wednesday that troops were sent.", FEB27, ["2025-02-26"]),
        ("Talks were held last week.", FEB27, ["2025-02"]),
        ("Prices rose earlier this month.", FEB27, ["2025-02"]),
        ("The agency revealed last year that pay rose.", FEB27, ["2024"]),
        ("The 2004 tsunami killed thousands.", None, ["2004"]),
        ("In 2004, a tsunami killed thousands.", None, ["2004"]),  # a clause's comma after the year
        ("Another quake hit in 1996, triggering waves.", None, ["1996"]),
        ("A toll of 2,004,000 was given.", None, []),  # a thousands separator: a count, no year
        ("In April last year a quake struck.", dt.date(2013, 7, 2), ["2012-04"]),
        ("In May 2012 a quake struck.", None, ["2012-05"]),
        ("On December 27 the army reported captures.", JAN3, ["2025-12-27"]),
        ("In December the army reported captures.", JAN3, ["2025-12"]),
        ("The council meets on January 10.", JAN3, ["2026-01-10"]),
        ("He said on Friday, two days ago.", JAN3, ["2026-01-02", "2026-01-01"]),
        ("Yesterday the river rose.", JAN3, ["2026-01-02"]),
        ("The strike started three weeks ago.", FEB27, ["2025-02"]),
        ("She may say more.", FEB27, []),
    ],
)
def test_timeline_expressions(text, ref, want):
    assert resolved(text, ref) == want


def test_timeline_relative_needs_a_reference():
    assert resolved("The agency said Thursday that troops were sent.", None) == [None]
