from __future__ import annotations

import datetime as dt

import pytest

from newsrecon.align.frames import StoryTime, resolve

FEB27 = StoryTime(date=dt.date(2025, 2, 27))
YEAR_ONLY = StoryTime(year=2013)
NONE = StoryTime()


@pytest.mark.parametrize(
    ("expressions", "now", "year", "month", "historical"),
    [
        (["last fall"], FEB27, 2024, 10, False),
        (["January"], FEB27, 2025, 1, False),
        (["November"], FEB27, 2024, 11, False),  # "in November" in a February story: the one before
        (["2024"], FEB27, 2024, None, False),
        (["October 24", "2024"], FEB27, 2024, 10, False),
        (["2019"], FEB27, 2019, None, True),
        (["June", "2024"], FEB27, 2024, 6, False),
        (["April", "2024"], FEB27, 2024, 4, True),  # ten months before: background
        (["April", "last year"], YEAR_ONLY, 2012, 4, True),
        (["May 2012"], YEAR_ONLY, 2012, 5, True),
        (["2004"], NONE, 2004, None, True),
        (["last August"], FEB27, 2024, 8, False),
    ],
)
def test_frames_resolve(expressions, now, year, month, historical):
    frame = resolve(expressions, now)
    assert (frame.year, frame.month, frame.historical) == (year, month, historical)


def test_frames_nothing_to_resolve():
    assert resolve([], FEB27) is None
    assert resolve(["last year"], NONE) is None
