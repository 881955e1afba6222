"""Time frames of figures: which period or event a figure belongs to, resolved against the story date.

A figure's frame separates measures: the 2004 tsunami's toll is not today's quake's toll. Frames
at least about nine months before the story date are *historical* and never merge with the
present; recent ones (last fall, January) separate waves of one ongoing story.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsrecon.model import Claim

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True, slots=True)
class StoryTime:
    """The story's 'now': a full date when a document states one, else a year estimate, else nothing."""

    date: dt.date | None = None
    year: int | None = None

    @property
    def known_year(self) -> int | None:
        return self.date.year if self.date else self.year


@dataclass(frozen=True, slots=True)
class Frame:
    year: int
    month: int | None
    historical: bool


def story_time(published: list[str], claims: list[Claim]) -> StoryTime:
    """The story date: the latest stated publication date; without one, a year inferred from the text.

    With no date at all, a story that says "last year" and names years is taken to be one year
    after the latest year it names (it must be later than any year "last year" could be), so that
    "last year" can be placed; otherwise the story's year stays unknown.
    """
    dates = sorted(dt.date.fromisoformat(p) for p in published if p)
    if dates:
        return StoryTime(date=dates[-1])
    years = [
        int(y) for c in claims for k, v in c.context if k in ("when", "when_before") for y in _YEAR.findall(v)
    ]
    says_last_year = any(
        v.lower() == "last year" for c in claims for k, v in c.context if k.startswith("when")
    )
    if years and says_last_year:
        return StoryTime(year=max(years) + 1)
    return StoryTime()  # no date: every year the text names is background to the event


def resolve(expressions: list[str], now: StoryTime) -> Frame | None:
    """The frame of a figure's time expressions ("In April", "last year" -> April of the year before)."""
    if not expressions:
        return None
    year: int | None = None
    month: int | None = None
    relative = False
    for e in expressions:
        low = e.lower().strip(".")
        if m := _YEAR.search(low):
            year = int(m.group(1))
            month = next((n for w in low.replace(",", " ").split() if (n := _month(w))), month)
            continue
        if low == "last year" and now.known_year:
            year, relative = now.known_year - 1, True
            continue
        words = low.replace(".", "").split()
        if words and words[0] == "last" and len(words) == 2 and now.known_year:
            season_or_month = words[1]
            mon = SEASONS.get(season_or_month) or _month(season_or_month)
            if mon:
                ref_month = now.date.month if now.date else 12
                year = now.known_year - (1 if mon >= ref_month else 0)
                month = mon
                relative = True
            continue
        mon = _month(words[0]) if words else None
        if mon:
            month = mon
    if year is None and month is not None and now.date is not None:
        year = now.date.year - (1 if month > now.date.month else 0)
    if year is None:
        if month is not None and now.date is None:
            return Frame(0, month, True)  # "On April 20" with no story date: another day than the story's
        return None
    return Frame(
        year, month, _historical(year, month, now) or (relative and now.date is None and now.year is None)
    )


def _month(word: str) -> int | None:
    word = word.lower().strip(".")
    for name, n in MONTHS.items():
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return n
    return None


def _historical(year: int, month: int | None, now: StoryTime) -> bool:
    if now.date is not None:
        if month is None:
            return year < now.date.year - 1
        return (now.date.year - year) * 12 + (now.date.month - month) >= 9
    if now.year is not None:
        return year < now.year
    return True  # no story date: any year named is background, not the event itself


def frame_of(claim: Claim, now: StoryTime) -> Frame | None:
    """A claim's frame: its own clause's time, or a historical frame the sentence before set."""
    own = [v for k, v in claim.context if k == "when"]
    if own:
        return resolve(own, now)
    before = resolve([v for k, v in claim.context if k == "when_before"], now)
    return before if before is not None and before.historical else None
