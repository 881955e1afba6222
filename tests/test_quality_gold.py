"""The evaluation gate: every gold story in ../shared/gold, scored as ../shared/eval scores it.

The stories are read from the folder at collection time, so a story added there is gated without
a code change, at the full bars. Where a story is still below a bar, `BELOW_BAR` names the
metric with the floor measured when it was last worked on: the floor is asserted (no regression),
and the cell is reported as an expected failure with its value, until the bar is met.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsrecon import analyze

SHARED = Path(__file__).resolve().parents[2] / "shared"

BARS = {
    "body_f1": 0.97,
    "meta_accuracy": 1.0,
    "quantity_recall": 0.90,
    "source_accuracy": 0.85,
    "negatives_clean": 1.0,
    "boilerplate_claims_clean": 1.0,
    "grouping_f1": 0.85,
    "status_accuracy": 1.0,
    "conflict_precision": 0.90,
    "citation_f1": 0.80,
    "timeline_recall": 0.85,
}
# (story, metric) -> floor, for the cells below their bar, measured when last worked on. veto-911's
# gold names a source for none of its required figures, and the scorer gives 0.0 when there is
# nothing to score, so its source_accuracy cannot rise above 0.
BELOW_BAR: dict[tuple[str, str], float] = {
    ("veto-911", "source_accuracy"): 0.0,
}

# The level each known story's cells were last measured at, where under 1.0 (every other cell of
# these stories is at 1.0). A change that lowers a cell fails here even when the cell is still above
# its bar, so a regression on a gold story is seen (and, if it is the price of a general gain,
# written down here in the same commit). Stories added to ../shared/gold later are held to the bars.
LEVELS: dict[str, dict[str, float]] = {
    "seed-story": {"body_f1": 0.980, "citation_f1": 0.973},
    "aceh-quake": {"grouping_f1": 0.975, "citation_f1": 0.939},
    "veto-911": {"source_accuracy": 0.0},
    "clinton-tax": {"grouping_f1": 0.947},
    "hunter-indicted": {"source_accuracy": 0.900},
}

STORIES = sorted(p.stem for p in (SHARED / "gold").glob("*.json")) or ["(../shared/gold is missing)"]


@pytest.fixture(scope="module", params=STORIES)
def story_scores(request, shared, score_story):
    gold = json.loads((shared / "gold" / f"{request.param}.json").read_text(encoding="utf-8"))
    corpus = shared / gold["corpus"]
    result = analyze([corpus]).to_dict()
    metrics, notes = score_story.score(result, gold, corpus)
    return request.param, metrics, notes


@pytest.mark.parametrize("metric", sorted(BARS))
def test_gold_story_at_bar(story_scores, metric):
    story, m, notes = story_scores
    bar, value = BARS[metric], m[metric]
    floor = BELOW_BAR.get((story, metric))
    if floor is not None:
        assert value >= floor - 1e-9, (story, metric, value, f"below its floor {floor}", notes)
        if value < bar - 1e-9:
            pytest.xfail(f"{story} {metric} {value:.3f}, bar {bar} (floor {floor})")
    assert value >= bar - 1e-9, (story, metric, value, notes)


@pytest.mark.parametrize("metric", sorted(BARS))
def test_gold_story_holds_its_level(story_scores, metric):
    story, m, notes = story_scores
    if story not in LEVELS:  # a story added later: its bars are asserted above
        return
    level = LEVELS[story].get(metric, 1.0)
    assert m[metric] >= level - 1e-3, (story, metric, m[metric], f"below its level {level}", notes)
