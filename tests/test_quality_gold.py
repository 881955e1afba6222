"""The evaluation gate: scores on the gold stories must stay at or above the issue's bars."""

from __future__ import annotations

import json

import pytest

from newsrecon import analyze

STORIES = ["seed-story", "aceh-quake"]


@pytest.fixture(scope="module", params=STORIES)
def story_scores(request, shared, score_story):
    gold = json.loads((shared / "gold" / f"{request.param}.json").read_text(encoding="utf-8"))
    corpus = shared / "corpus" / request.param
    result = analyze([corpus]).to_dict()
    metrics, notes = score_story.score(result, gold, corpus)
    return request.param, metrics, notes


def test_gold_body_f1_at_bar(story_scores):
    story, m, notes = story_scores
    assert m["body_f1"] >= 0.97, (story, [n for n in notes if n.startswith("body") or "kept" in n])


def test_gold_meta_accuracy_is_perfect(story_scores):
    story, m, notes = story_scores
    assert m["meta_accuracy"] == 1.0, (story, [n for n in notes if " of " in n and "want" in n])


@pytest.mark.parametrize(
    ("metric", "bar"),
    [
        ("quantity_recall", 0.90),
        ("source_accuracy", 0.85),
        ("negatives_clean", 1.0),
        ("boilerplate_claims_clean", 1.0),
    ],
)
def test_gold_claims_at_bar(story_scores, metric, bar):
    story, m, notes = story_scores
    assert m[metric] >= bar, (
        story,
        metric,
        [n for n in notes if "quantity" in n or "source" in n or "false" in n],
    )


@pytest.mark.parametrize(
    ("metric", "bar"), [("grouping_f1", 0.85), ("status_accuracy", 1.0), ("citation_f1", 0.80)]
)
def test_gold_reconcile_at_bar(story_scores, metric, bar):
    story, m, notes = story_scores
    assert m[metric] >= bar, (story, metric, [n for n in notes if "status" in n or "citation" in n])
