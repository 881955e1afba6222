"""Main-text extraction from flattened pages: newsrecon's cleaner beside baselines, in one run.

Runs on ../shared/bench/flattened (181 news pages flattened to their visible text) and scores with
../shared/eval/score_extraction.py, the article-extraction benchmark's own metric. The cleaner's
line model was fitted (benchmarks/fit_cleaner.py) on the pages whose id starts with 0-9 (111); the
70 pages whose id starts with a-f were held back, and the held-back column is the honest score.
Prints F1, precision and recall on the held-back pages and on all pages, and pages/s (best of
`--repeat` passes over all pages), for each method, all measured in this run:

- keep everything: every non-blank line;
- longest block: the run of lines between blank lines that holds the most characters;
- jusText / trafilatura over lines: each line wrapped as an HTML paragraph, jusText 3.0.2 with its
  English stoplist, trafilatura 2.3.1 `extract` (run when installed, as in .venv-bench; otherwise
  their published figures on these pages are printed);
- newsrecon cleaner: `clean_document(...).body` (normalise, split, classify, metadata);
- classify only: the cleaner's line verdicts without the metadata stage.

usage: python benchmarks/flattened_extraction.py [--shared PATH] [--repeat N]
       .venv-bench/bin/python benchmarks/flattened_extraction.py   # with jusText and trafilatura
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from html import escape
from pathlib import Path

from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

from newsrecon import RawDocument, clean_document
from newsrecon.clean import classify, normalize, split_lines

# All 181 pages, from ../shared/bench/README.md (measured 2026-11-22), printed when not installed.
PUBLISHED = {"jusText over lines": 0.768, "trafilatura over lines": 0.694}


def is_fitting_page(page_id: str) -> bool:
    """The fixed split (as in fit_cleaner.py): ids starting 0-9 were fitted on, a-f held back."""
    return page_id[:1].isdigit()


def load_scorer(shared: Path):
    return load_eval(shared, "score_extraction")


def keep_everything(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def longest_block(text: str) -> str:
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return max(blocks, key=len, default="")


def cleaner(text: str) -> str:
    return clean_document(RawDocument(id="p", text=text, source="p")).body


def classify_only(text: str) -> str:
    return "\n".join(v.line.text for v in classify(split_lines(normalize(text).text)) if v.keep)


def _as_html(text: str) -> str:
    return (
        "<html><body>"
        + "".join(f"<p>{escape(x.strip())}</p>" for x in text.split("\n") if x.strip())
        + "</body></html>"
    )


def justext_over_lines(text: str) -> str:
    import justext

    paragraphs = justext.justext(
        _as_html(text).encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8"
    )
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_over_lines(text: str) -> str:
    import trafilatura

    return trafilatura.extract(_as_html(text)) or ""


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


METHODS = {
    "keep everything": keep_everything,
    "longest block": longest_block,
    **({"jusText over lines": justext_over_lines} if _installed("justext") else {}),
    **({"trafilatura over lines": trafilatura_over_lines} if _installed("trafilatura") else {}),
    "newsrecon cleaner": cleaner,
    "classify only": classify_only,
}


def evaluate(shared: Path, repeat: int = 1, methods: dict | None = None) -> dict[str, dict[str, float]]:
    """Scores of each method: f1/precision/recall on held-back and all pages, and pages/s."""
    scorer = load_scorer(shared)
    truth = json.loads(
        (shared / "bench" / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((shared / "bench" / "flattened").glob("*.txt"))
    }
    held = {k for k in pages if not is_fitting_page(k)}
    results = {}
    for name, extract in (methods or METHODS).items():
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            pred = {k: {"articleBody": extract(text)} for k, text in pages.items()}
            best = min(best, time.perf_counter() - t0)
        m_all, _ = scorer.score(truth, pred)
        m_held, _ = scorer.score({k: truth[k] for k in held}, {k: pred[k] for k in held})
        results[name] = {
            "held_f1": m_held["f1"],
            "held_precision": m_held["precision"],
            "held_recall": m_held["recall"],
            "all_f1": m_all["f1"],
            "all_precision": m_all["precision"],
            "all_recall": m_all["recall"],
            "pages_per_s": len(pages) / best,
            "pages": len(pages),
            "held_pages": len(held),
        }
    return results


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3, help="passes per method; the fastest is reported")
    a = ap.parse_args()
    results = evaluate(a.shared, a.repeat)
    any_result = next(iter(results.values()))
    n, n_held = any_result["pages"], any_result["held_pages"]
    print(f"{n} pages from bench/flattened; held back (ids a-f): {n_held}, fitted on (ids 0-9): {n - n_held}")
    print(
        f"{'method':24s} {'held F1':>8s} {'prec':>6s} {'recall':>6s} {'all F1':>7s} {'prec':>6s} {'recall':>6s} {'pages/s':>8s}"
    )
    for name, r in results.items():
        print(
            f"{name:24s} {r['held_f1']:8.3f} {r['held_precision']:6.3f} {r['held_recall']:6.3f}"
            f" {r['all_f1']:7.3f} {r['all_precision']:6.3f} {r['all_recall']:6.3f} {r['pages_per_s']:8.1f}"
        )
    for name, f1 in PUBLISHED.items():
        if name not in results:
            print(f"{name + ' (published)':24s} {'':>8s} {'':>6s} {'':>6s} {f1:7.3f}")


if __name__ == "__main__":
    main()
