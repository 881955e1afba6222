"""A figure's bounds in its unit family's base unit, with the tolerance and rounding that make two
figures compatible: what the verdicts and both groupings (`align.measures`, `align.families`) read."""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsrecon.align.frames import Frame
from newsrecon.model import Claim

# Unit -> (base unit, factor to base)
BASE_UNITS = {
    "km": ("km", 1.0), "mi": ("km", 1.609344), "nmi": ("km", 1.852), "m": ("km", 0.001), "ft": ("km", 0.0003048), "mm": ("km", 1e-6),
    "cm": ("km", 1e-5), "km2": ("km2", 1.0), "mi2": ("km2", 2.589988), "ha": ("km2", 0.01), "acre": ("km2", 0.00404686),
    "m2": ("km2", 1e-6), "t": ("t", 1.0), "kg": ("t", 0.001), "s": ("day", 1 / 86400), "min": ("day", 1 / 1440),
    "h": ("day", 1 / 24), "day": ("day", 1.0), "week": ("day", 7.0), "month": ("day", 30.44), "year": ("day", 365.25),
    "decade": ("day", 3652.5),
}  # fmt: skip
TOLERANCE = {"approximate": 0.10, "converted": 0.05, "exact": 0.005}


@dataclass
class Item:
    """A claim as the groupings and verdicts weigh it."""

    claim: Claim
    family: tuple
    frame: Frame | None
    mark: str | None
    low: float | None  # bounds in the family's base unit, tolerance not applied
    high: float | None
    tol: float
    origin: str
    pred: str | None = None
    slack_low: float = 0.0  # rounding implied by the way the number is written, in base units
    slack_high: float = 0.0

    @property
    def value(self) -> float | None:
        if self.low is not None and self.high is not None:
            return math.sqrt(max(self.low, 1e-9) * max(self.high, 1e-9))
        return self.low if self.low is not None else self.high


def bounds_of(c: Claim) -> tuple[float | None, float | None, float, str | None]:
    q = c.quantity
    base, factor = BASE_UNITS.get((q.unit or "").split(" ")[0], (q.unit, 1.0))
    low = q.low * factor if q.low is not None else None
    high = q.high * factor if q.high is not None else None
    tol = (
        TOLERANCE["approximate"]
        if q.approximate
        else TOLERANCE["converted"]
        if factor != 1.0
        else TOLERANCE["exact"]
    )
    return low, high, tol, base


def consistent(items: list[Item]) -> tuple[bool, tuple[Item, Item] | None]:
    """Whether all bounds can hold at once; if not, the pair that clashes most."""
    bounds = [(*interval(i), i) for i in items]
    if not bounds:
        return True, None
    lo, _, a = max(bounds, key=lambda x: x[0])
    _, hi, b = min(bounds, key=lambda x: x[1])
    return (True, None) if lo <= hi else (False, (a, b))


def interval(item: Item) -> tuple[float, float]:
    """The item's bounds with its tolerance applied (a missing bound is open): what `consistent`,
    `_supports` and `_Cluster` compare."""
    low = min(item.low * (1 - item.tol), item.low - item.slack_low) if item.low is not None else -math.inf
    high = max(item.high * (1 + item.tol), item.high + item.slack_high) if item.high is not None else math.inf
    return low, high
