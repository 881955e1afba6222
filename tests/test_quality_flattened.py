"""The evaluation gate on flattened news pages: main-text F1 on the pages the line model never saw.

../shared/bench/flattened holds 181 real pages flattened to their visible text; the cleaner's line
model was fitted (benchmarks/fit_cleaner.py) on the 111 whose id starts with 0-9 and on the
flattened pages of WCXB's half a. The 70 starting with a-f are held back, and so is WCXB's half b
(no site in both halves); their scores, with ../shared/eval/score_extraction.py's metric, must stay
at or above the floors. benchmarks/flattened_extraction.py prints the same figures beside the
baselines and pages/s.
"""

from __future__ import annotations

import json

import pytest

from newsrecon import RawDocument, clean_document

from .conftest import load_eval

# Measured 2026-11-23 (benchmarks/flattened_extraction.py): held back F1 0.896 (precision 0.877,
# recall 0.916), all 181 pages 0.932 (0.931 before the list rule). The line model before the local
# model and the neighbour features scored 0.894 held back, the rule-based cleaner before any line
# model 0.824; keeping every line 0.649, jusText over the lines 0.769, trafilatura over the lines 0.674.
# Since 2026-12-07 (fifth session) the model is fitted on WCXB's half a too, each WCXB page weighing
# 111/492 of a news page: held back 0.899, all 181 pages 0.926 (its fitting pages weigh less now),
# WCXB half b 0.925 (issue 20's bar: 0.92 there, 0.90 held back).
HELD_BACK_F1_FLOOR = 0.886
ALL_PAGES_F1_FLOOR = 0.915
WCXB_HALF_B_F1_FLOOR = 0.915


def _held_back(page_id: str) -> bool:
    return not page_id[:1].isdigit()


@pytest.fixture(scope="module")
def flattened_scores(shared):
    scorer = load_eval(shared, "score_extraction")
    truth = json.loads(
        (shared / "bench" / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8")
    )
    pred = {}
    for path in sorted((shared / "bench" / "flattened").glob("*.txt")):
        doc = clean_document(
            RawDocument(id=path.stem, text=path.read_text(encoding="utf-8"), source=path.name)
        )
        pred[path.stem] = {"articleBody": doc.body}
    held = [k for k in pred if _held_back(k)]
    held_metrics, _ = scorer.score({k: truth[k] for k in held}, {k: pred[k] for k in held})
    all_metrics, _ = scorer.score(truth, pred)
    return held_metrics, all_metrics, len(held)


def test_quality_flattened_split_is_the_stated_one(flattened_scores):
    _, all_metrics, n_held = flattened_scores
    assert (all_metrics["pages"], n_held) == (181, 70)


def test_quality_flattened_held_back_f1_at_floor(flattened_scores):
    held, _, _ = flattened_scores
    assert held["f1"] >= HELD_BACK_F1_FLOOR, held


def test_quality_flattened_all_pages_f1_at_floor(flattened_scores):
    _, all_metrics, _ = flattened_scores
    assert all_metrics["f1"] >= ALL_PAGES_F1_FLOOR, all_metrics


def test_quality_plain_articles_are_kept_whole(shared):
    """Text that is only an article (a headline and its paragraphs, no page around it) loses nothing:
    all 982 ECB+ articles, briefs of one paragraph included. A line model fitted on flattened pages
    alone once dropped the one long paragraph of such briefs."""
    losing = []
    total = kept = 0
    for line in (shared / "bench" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        doc = clean_document(RawDocument(id=r["id"], text=f"{r['title']}\n\n{r['text']}", source=r["id"]))
        n, k = len(r["text"].split()), len(doc.body.split())
        total, kept = total + n, kept + min(n, k)
        if n and k < 0.8 * n:
            losing.append((r["id"], n, k))
    assert not losing and kept / total > 0.99, losing[:10]


def test_quality_flattened_wcxb_half_b_f1_at_floor(shared):
    """WCXB's half b: blogs, guides, reviews and news of sites the line model never saw."""
    scorer = load_eval(shared, "score_extraction")
    wcxb = shared / "bench" / "wcxb"
    truth = json.loads((wcxb / "ground-truth.json").read_text(encoding="utf-8"))
    half_b = json.loads((wcxb / "domain-split.json").read_text(encoding="utf-8"))["b"]
    pred = {}
    for page_id in half_b:
        path = wcxb / "flattened" / f"{page_id}.txt"
        doc = clean_document(RawDocument(id=page_id, text=path.read_text(encoding="utf-8"), source=path.name))
        pred[page_id] = {"articleBody": doc.body}
    metrics, _ = scorer.score({k: truth[k] for k in pred}, pred)
    assert metrics["pages"] == len(half_b) and metrics["f1"] >= WCXB_HALF_B_F1_FLOOR, metrics
