"""Main-text extraction from flattened pages: newsrecon's cleaner against keeping every line.

Runs on ../shared/bench/flattened (181 news pages flattened to their visible text) and scores with
../shared/eval/score_extraction.py, the article-extraction benchmark's own metric. Prints F1,
precision, recall and pages/s for each method, all measured in this run.

usage: python benchmarks/flattened_extraction.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

from newsrecon import RawDocument, clean_document


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "eval" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    a = ap.parse_args()
    scorer = load_scorer(a.shared)
    truth = json.loads(
        (a.shared / "bench" / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted((a.shared / "bench" / "flattened").glob("*.txt"))
    }

    methods = {
        "keep everything": lambda text: "\n".join(line for line in text.split("\n") if line.strip()),
        "newsrecon cleaner": lambda text: clean_document(RawDocument(id="p", text=text, source="p")).body,
    }
    print(f"{len(pages)} pages from bench/flattened")
    print(f"{'method':22s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'pages/s':>8s}")
    for name, extract in methods.items():
        t0 = time.perf_counter()
        pred = {k: {"articleBody": extract(text)} for k, text in pages.items()}
        elapsed = time.perf_counter() - t0
        m, _ = scorer.score(truth, pred)
        print(
            f"{name:22s} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} {len(pages) / elapsed:8.1f}"
        )


if __name__ == "__main__":
    main()
