"""The evaluation gate on HTML pages: main-text F1 on ../shared/bench/article-extraction and wcxb.

newsrecon reads a page with trafilatura (its fallback extractors, leaning to recall; asked again
leaning to precision when that returns a menu) and its own text stage;
../shared/eval/score_extraction.py's metric over the 181 news pages and over the 963 WCXB pages
must stay at or above the floors. benchmarks/extraction.py prints the same figures beside
trafilatura alone, and pages/s. Nothing here is fitted on these pages; the choice of trafilatura's
mode was made on half a of the WCXB split (the 181 pages were checked for the text stage's choices
in earlier sessions; benchmarks/README.md).
"""

from __future__ import annotations

import gzip
import json
import warnings

from newsrecon.errors import InputError
from newsrecon.ingest.html import read_html
from newsrecon.pipeline import clean_document

from .conftest import load_eval

# Measured 2026-11-22 (benchmarks/html_extraction.py): F1 0.965 (precision 0.954, recall 0.977);
# trafilatura 2.3.1's extract 0.960 in the same run; its published 2.0.0 score is 0.958. Since
# 2026-12-02 (recall mode, better on other sites): 0.9605, trafilatura 0.960.
HTML_F1_FLOOR = 0.960
# Measured 2026-12-02 (benchmarks/extraction.py): all 963 pages 0.939 (0.923 with the fast pass);
# trafilatura 2.3.1 0.938 in the same run.
WCXB_F1_FLOOR = 0.935


def _body(html: str) -> str:
    try:
        return clean_document(read_html(html, "page", "page")).body
    except InputError:
        return ""


def _scored(shared, folder: str) -> dict:
    """The scorer's metrics of newsrecon's bodies over one benchmark's gzipped HTML pages."""
    scorer = load_eval(shared, "score_extraction")
    bench = shared / "bench" / folder
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pred = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted((bench / "html").glob("*.html.gz")):
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pred[path.name.split(".")[0]] = {"articleBody": _body(html)}
    metrics, _ = scorer.score(truth, pred)
    return metrics


def test_quality_html_f1_at_floor(shared):
    metrics = _scored(shared, "article-extraction")
    assert metrics["pages"] == 181 and metrics["missing"] == 0
    assert metrics["f1"] >= HTML_F1_FLOOR, metrics


def test_quality_html_f1_at_floor_on_wcxb(shared):
    metrics = _scored(shared, "wcxb")
    assert metrics["pages"] == 963 and metrics["missing"] == 0
    assert metrics["f1"] >= WCXB_F1_FLOOR, metrics
