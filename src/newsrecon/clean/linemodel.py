"""The learned line model: how likely each line is article body, and the page's article span.

Three logistic regressions and a segmenter, with parameters fitted by benchmarks/fit_cleaner.py and
shipped as line_model.json (plain numbers; no scikit-learn or numpy at run time):

1. stage 1 scores every line from its shape and context (`features.FEATURES`), and the local
   model from its shape alone (`features.LOCAL`): a paragraph far from the page's densest text
   still reads as prose to it, a teaser inside the article still reads as a teaser;
2. the segmenter reads the stage-1 scores as one article with gaps: a path through the states
   before, body, gap (furniture inside the article) and after, where each line weighs by its
   length, opening a gap costs `enter_gap` and each line of gap `gap_line` (so a long run of
   furniture ends the article);
3. stage 2 scores every line again, adding `SEGMENT` features: the stage-1 scores around it (on
   each side apart, of the nearest paragraphs, of its block), the local scores, and where it sits
   relative to the segments found (inside the main one, how far from it);
4. the segmenter runs once more on the stage-2 scores; that path is the body.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import mul
from pathlib import Path

from newsrecon.clean.features import FEATURES, LOCAL, window_means
from newsrecon.clean.lines import Line

MODEL_PATH = Path(__file__).with_name("line_model.json")
SEGMENT = (
    "p",
    "p_win1",
    "p_win3",
    "p_win8",
    "p_page_max",
    "p_rel",
    "segment",
    "in_main",
    "segment_share",
    "to_main",
    "before_main",
    "after_main",
    "p_prev3",
    "p_next3",
    "p_prev_max",
    "p_next_max",
    "p_between",
    "p_prev_long",
    "p_next_long",
    "p_block",
    "in_span",
    "q",
    "q_win1",
    "q_win3",
)
_NEG = -1e18


@dataclass(frozen=True, slots=True)
class Linear:
    """A logistic regression over named features (weights already divided by the feature scales)."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        coef, b = self.coef, self.intercept
        out = []
        for row in rows:
            z = b + sum(map(mul, coef, row))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0)
        return out


@dataclass(frozen=True, slots=True)
class Segmenter:
    """Costs of the body/gap path (see the module docstring)."""

    bias: float
    enter_gap: float
    gap_line: float


@dataclass(frozen=True, slots=True)
class LineModel:
    """Everything fitted: both regressions, both segmenters and the vetoed shape reasons."""

    stage1: Linear
    stage2: Linear
    segment1: Segmenter
    segment2: Segmenter
    veto: frozenset[str]  # shape reasons that keep a line out of the body whatever its score
    local: Linear  # stage 1 on the line's own shape alone (`features.LOCAL`), blind to its place


def line_weight(line: Line) -> float:
    """How much a line counts in the segmentation: long lines decide, short ones follow."""
    return math.sqrt((line.weight + 1) / 10)


def segment(probs: list[float], weights: list[float], s: Segmenter) -> list[bool]:
    """The most likely before/body/gap/after path; True where it passes through body."""
    n = len(probs)
    if not n:
        return []
    gain = [(_logit(p) + s.bias) * w for p, w in zip(probs, weights, strict=True)]
    back: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]
    before, body, gap, after = 0.0, gain[0], _NEG, _NEG
    for i in range(1, n):
        # body from before, body or gap
        if before >= body and before >= gap:
            nb, kb = before, 0
        elif body >= gap:
            nb, kb = body, 1
        else:
            nb, kb = gap, 2
        # gap from body (paying to open it) or gap
        if body - s.enter_gap >= gap:
            ng, kg = body - s.enter_gap, 1
        else:
            ng, kg = gap, 2
        # after from body, gap or after
        if body >= gap and body >= after:
            na, ka = body, 1
        elif gap >= after:
            na, ka = gap, 2
        else:
            na, ka = after, 3
        back.append((0, kb, kg, ka))
        before, body, gap, after = before, nb + gain[i], ng - s.gap_line, na
    scores = (before, body, gap, after)
    state = max(range(4), key=scores.__getitem__)
    keep = [False] * n
    for i in range(n - 1, -1, -1):
        keep[i] = state == 1
        state = back[i][state]
    return keep


def _logit(p: float) -> float:
    p = 1e-4 if p < 1e-4 else 0.9999 if p > 0.9999 else p
    return math.log(p / (1 - p))


def segment_features(
    probs: list[float],
    keep: list[bool],
    weights: list[float],
    block_of: list[int] | None = None,
    local: list[float] | None = None,
) -> list[list[float]]:
    """One row of `SEGMENT` per line: scores around it, and its place relative to the segments.

    `block_of`: each line's block (`blocks`); without it every line is a block of its own.
    `local`: the local model's scores (`LineModel.local`); without it the stage-1 scores stand in.
    """
    n = len(probs)
    if not n:
        return []
    block_of = block_of if block_of is not None else list(range(n))
    local = local if local is not None else probs
    segments: list[tuple[int, int, float]] = []
    i = 0
    while i < n:
        if keep[i]:
            j = i
            while j + 1 < n and keep[j + 1]:
                j += 1
            segments.append((i, j, sum(weights[i : j + 1])))
            i = j + 1
        else:
            i += 1
    total = sum(m for _, _, m in segments) or 1.0
    start, end, _ = max(segments, key=lambda s: s[2]) if segments else (n, -1, 0.0)
    share = [0.0] * n
    for a, b, m in segments:
        share[a : b + 1] = [m / total] * (b - a + 1)
    top = max(probs)
    scale = math.log1p(n)
    columns: tuple[list[float], ...] = (
        probs,
        window_means(probs, 1),
        window_means(probs, 3),
        window_means(probs, 8),
        [top] * n,
        [p / top if top > 1e-3 else 0.0 for p in probs],
        [1.0 if k else 0.0 for k in keep],
        [1.0 if start <= i <= end else 0.0 for i in range(n)],
        share,
        [math.log1p(start - i if i < start else i - end if i > end else 0) / scale for i in range(n)],
        [1.0 if i < start else 0.0 for i in range(n)],
        [1.0 if i > end else 0.0 for i in range(n)],
        *_neighbour_columns(probs, weights, keep, block_of),
        local,
        window_means(local, 1),
        window_means(local, 3),
    )
    return [list(row) for row in zip(*columns, strict=True)]


def blocks(lines: list[Line]) -> list[int]:
    """For every line, the number of its block: the run of lines without a blank line between them."""
    out = [0] * len(lines)
    for i in range(1, len(lines)):
        out[i] = out[i - 1] + (lines[i].lineno - lines[i - 1].last_lineno > 1)
    return out


_LONG = math.sqrt(1.6)  # line_weight of a 15-word line: a paragraph, not a label
_REACH = 8  # lines looked at on either side


def _neighbour_columns(
    probs: list[float], weights: list[float], keep: list[bool], block_of: list[int]
) -> tuple[list[float], ...]:
    """Scores of the lines around each line, one side at a time (a table or list inside an article
    has body lines on both sides, a menu on one side at most), and of its block."""
    n = len(probs)
    total = list(accumulate(probs, initial=0.0))
    before3 = [(total[i] - total[max(0, i - 3)]) / min(i, 3) if i else 0.0 for i in range(n)]
    after3 = [
        (total[min(n, i + 4)] - total[i + 1]) / min(n - 1 - i, 3) if i < n - 1 else 0.0 for i in range(n)
    ]
    before_max = [max(probs[max(0, i - _REACH) : i], default=0.0) for i in range(n)]
    after_max = [max(probs[i + 1 : i + 1 + _REACH], default=0.0) for i in range(n)]
    prev_long, next_long = [0.0] * n, [0.0] * n
    last = 0.0
    for i in range(n):
        prev_long[i] = last
        if weights[i] >= _LONG:
            last = probs[i]
    last = 0.0
    for i in range(n - 1, -1, -1):
        next_long[i] = last
        if weights[i] >= _LONG:
            last = probs[i]
    mass: dict[int, float] = defaultdict(float)
    size: dict[int, float] = defaultdict(float)
    for p, w, b in zip(probs, weights, block_of, strict=True):
        mass[b] += p * w
        size[b] += w
    kept = [i for i, k in enumerate(keep) if k]
    first, last_kept = (kept[0], kept[-1]) if kept else (n, -1)
    return (
        before3,
        after3,
        before_max,
        after_max,
        [min(a, b) for a, b in zip(before_max, after_max, strict=True)],
        prev_long,
        next_long,
        [mass[b] / size[b] if size[b] else 0.0 for b in block_of],
        [1.0 if first <= i <= last_kept else 0.0 for i in range(n)],
    )


def body_scores(
    rows: list[list[float]], weights: list[float], model: LineModel, block_of: list[int] | None = None
) -> tuple[list[float], list[bool]]:
    """Stage-2 body probabilities of every line and the body path through them."""
    p1 = model.stage1.probabilities(rows)
    keep1 = segment(p1, weights, model.segment1)
    q = model.local.probabilities([row[: len(LOCAL)] for row in rows])
    seg = segment_features(p1, keep1, weights, block_of, q)
    p2 = model.stage2.probabilities([a + b for a, b in zip(rows, seg, strict=True)])
    return p2, segment(p2, weights, model.segment2)


@cache
def load_model(path: Path = MODEL_PATH) -> LineModel:
    """The fitted parameters; raises ValueError when they were fitted on other feature columns."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the cleaner's line model {path} is missing (package data not installed?);"
            " rerun benchmarks/fit_cleaner.py or reinstall newsrecon"
        ) from None
    stage1, stage2, local = _linear(data["stage1"]), _linear(data["stage2"]), _linear(data["local"])
    if stage1.features != FEATURES or stage2.features != FEATURES + SEGMENT or local.features != LOCAL:
        raise ValueError(f"{path.name} was fitted on other features; rerun benchmarks/fit_cleaner.py")
    return LineModel(
        stage1=stage1,
        stage2=stage2,
        segment1=Segmenter(**data["segment1"]),
        segment2=Segmenter(**data["segment2"]),
        veto=frozenset(data["veto"]),
        local=local,
    )


def _linear(d: dict) -> Linear:
    weights = d["weights"]
    return Linear(tuple(weights), tuple(float(c) for c in weights.values()), float(d["intercept"]))
