"""Main-text extraction from HTML: newsrecon (trafilatura plus its text stage) against trafilatura alone.

Runs on ../shared/bench/article-extraction (181 news pages as gzipped HTML) and scores with
../shared/eval/score_extraction.py's metric, both in the same run on the same pages. Prints F1,
precision, recall and pages/s (best and median of --repeat passes, the two methods taking turns) for each.

usage: python benchmarks/html_extraction.py [--shared PATH] [--repeat N] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import warnings
from pathlib import Path

import trafilatura
from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

from newsrecon.errors import InputError
from newsrecon.ingest.html import read_html
from newsrecon.pipeline import clean_document


def load_scorer(shared: Path):
    return load_eval(shared, "score_extraction")


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def newsrecon_text(html: str) -> str:
    try:
        return clean_document(read_html(html, "page", "page")).body
    except InputError:  # E110: no main text found; scored as an empty prediction
        return ""


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--worst", type=int, default=0)
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    scorer = load_scorer(a.shared)
    bench = a.shared / "bench" / "article-extraction"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace")
        for p in sorted((bench / "html").glob("*.html.gz"))
    }
    methods = {"trafilatura 2.3.1 (extract)": trafilatura_default, "newsrecon": newsrecon_text}
    print(
        f"{len(pages)} pages from bench/article-extraction; best of {a.repeat} passes, the methods taking turns"
    )
    print(f"{'method':30s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'pages/s':>8s} {'median':>7s}")
    times: dict[str, list[float]] = {name: [] for name in methods}
    preds: dict[str, dict] = {}
    for _ in range(a.repeat):  # turn by turn, so that a slow spell of the shared machine hits both
        for name, extract in methods.items():
            t0 = time.perf_counter()
            preds[name] = {k: {"articleBody": extract(html)} for k, html in pages.items()}
            times[name].append(time.perf_counter() - t0)
    for name in methods:
        m, counts = scorer.score(truth, preds[name])
        best, median = min(times[name]), sorted(times[name])[len(times[name]) // 2]
        print(
            f"{name:30s} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} {len(pages) / best:8.1f}"
            f" {len(pages) / median:7.1f}"
        )
        if a.worst:
            worst = sorted(counts.items(), key=lambda kv: kv[1][0])[: a.worst]
            for k, (tp, fp, fn) in worst:
                print(f"    {k[:16]} tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}")


if __name__ == "__main__":
    main()
