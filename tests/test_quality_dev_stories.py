"""Floors on the eight ECB+ events annotated in the gold format (benchmarks/dev_stories.py).

Stories the stages were not developed on before the sixth session of 2026-12-07: the gap between
these and the gold stories is the gap to stories never seen. The floors are the means measured
when the set was made (a little under, where the scorer's tie-break moves a cell between runs),
so that a change that helps the gold stories and hurts these is seen.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsrecon import analyze

ROOT = Path(__file__).resolve().parents[1]
# Raised on 2026-12-08 to that session's means (0.952, 0.910, 0.949, 0.538, 0.834-0.845, 0.604,
# 1.000, 0.894). Conflict precision is a mean of per-story ratios: it fell from 0.625 while the
# false calls fell from 9 to 5, because one story's six calls (one true) became one (false).
FLOORS = {
    "quantity_recall": 0.94,
    "source_accuracy": 0.90,
    "negatives_clean": 0.94,
    "grouping_f1": 0.53,
    "status_accuracy": 0.80,  # moves by a cell between runs: the scorer breaks ties by set order
    "conflict_precision": 0.58,
    "timeline_recall": 0.99,
    "citation_f1": 0.89,
}


def _dev_stories():
    spec = importlib.util.spec_from_file_location("dev_stories", ROOT / "benchmarks" / "dev_stories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_scores(shared: Path, score_story, tmp_path_factory) -> dict[str, dict[str, float]]:
    dev = _dev_stories()
    lines = (shared / "bench" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    work = tmp_path_factory.mktemp("dev-stories")
    scores = {}
    for path in sorted(dev.GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        folder = work / path.stem
        dev.build_corpus(records, path.stem, folder)
        dev.check_lines(gold, folder)
        metrics, _notes = score_story.score(analyze([folder]).to_dict(), gold, folder)
        scores[path.stem] = metrics
    return scores


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_dev_stories_hold_their_floor(dev_scores, metric):
    mean = sum(m[metric] for m in dev_scores.values()) / len(dev_scores)
    assert mean >= FLOORS[metric], (
        metric,
        round(mean, 3),
        {k: round(v[metric], 3) for k, v in dev_scores.items()},
    )
