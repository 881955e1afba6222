"""Main-text extraction on every set in ../shared/bench, in one run: newsrecon against its peers.

Sets (each scored with ../shared/eval/score_extraction.py's metric against its own ground truth):

- `article-extraction`: 181 news pages as HTML; `flattened`: the same pages flattened to text, with
  the held-back 70 (ids a-f, which the cleaner's line model was not fitted on) apart;
- `wcxb`: 963 article pages of 2025-26 as HTML, and the same pages flattened, each also scored on
  the two halves of `domain-split.json` (no site in both).

Methods on HTML: newsrecon (`read_html` and the text stage, the path `analyze` takes for a page)
and trafilatura's `extract` (2.3, defaults but no comments). On flattened text: newsrecon's
cleaner, jusText over the lines (each line a paragraph) and keep-all (every non-blank line).
Prints F1, precision, recall and pages per second (the best of `--repeat` passes, the methods
taking turns page set by page set, so that a slow spell of a shared machine hits them alike).

usage: .venv/bin/python benchmarks/extraction.py [--shared PATH] [--repeat 1] [--only SET]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

from newsrecon.errors import InputError
from newsrecon.ingest.html import read_html
from newsrecon.model import RawDocument
from newsrecon.pipeline import clean_document

ROOT = Path(__file__).resolve().parent.parent


def newsrecon_html(html: str) -> str:
    try:
        return clean_document(read_html(html, "page", "page")).body
    except InputError:  # E110 (no main text) or E116: scored as an empty prediction
        return ""


def trafilatura_html(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def newsrecon_text(text: str) -> str:
    return clean_document(RawDocument(id="p", text=text, source="p")).body


def justext_lines(text: str) -> str:
    import html as html_lib

    import justext

    page = "<html><body>" + "".join(f"<p>{html_lib.escape(x)}</p>" for x in text.split("\n") if x.strip())
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def keep_all(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


HTML_METHODS: dict[str, Callable[[str], str]] = {
    "newsrecon": newsrecon_html,
    "trafilatura 2.3": trafilatura_html,
}
TEXT_METHODS: dict[str, Callable[[str], str]] = {
    "newsrecon": newsrecon_text, "jusText over lines": justext_lines, "keep all": keep_all,
}  # fmt: skip


def _html_pages(folder: Path) -> dict[str, str]:
    return {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace")
        for p in sorted(folder.glob("*.html.gz"))
    }


def _text_pages(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def page_sets(shared: Path) -> list[tuple[str, dict[str, str], dict, dict[str, set[str]], dict]]:
    """(name, pages by id, ground truth, named subsets of ids, methods) for each set."""
    bench = shared / "bench"
    old_truth = json.loads((bench / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    wcxb_truth = json.loads((bench / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
    halves = {k: set(v) for k, v in json.loads((bench / "wcxb" / "domain-split.json").read_text()).items()}
    flattened = _text_pages(bench / "flattened")
    held = {k for k in flattened if not k[:1].isdigit()}  # the fixed split of fit_cleaner.py
    return [
        (
            "article-extraction HTML",
            _html_pages(bench / "article-extraction" / "html"),
            old_truth,
            {},
            HTML_METHODS,
        ),
        ("article-extraction flattened", flattened, old_truth, {"held back (70)": held}, TEXT_METHODS),
        ("wcxb HTML", _html_pages(bench / "wcxb" / "html"), wcxb_truth, _named(halves), HTML_METHODS),
        (
            "wcxb flattened",
            _text_pages(bench / "wcxb" / "flattened"),
            wcxb_truth,
            _named(halves),
            TEXT_METHODS,
        ),
    ]


def _named(halves: dict[str, set[str]]) -> dict[str, set[str]]:
    return {f"half {k} ({len(v)})": v for k, v in sorted(halves.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="the sets whose name holds this")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import logging

    logging.disable(logging.ERROR)  # trafilatura logs every page it cannot parse
    scorer = load_eval(args.shared, "score_extraction")
    print(f"{'set':30s} {'pages':>16s} {'method':20s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'pages/s':>8s}")
    for name, pages, truth, subsets, methods in page_sets(args.shared):
        if args.only not in name:
            continue
        best: dict[str, float] = dict.fromkeys(methods, float("inf"))
        preds: dict[str, dict] = {}
        for _ in range(args.repeat):
            for method, extract in methods.items():
                t = time.perf_counter()
                preds[method] = {k: {"articleBody": extract(page)} for k, page in pages.items()}
                best[method] = min(best[method], time.perf_counter() - t)
        for method in methods:
            for label, ids in [(f"all ({len(pages)})", set(pages)), *subsets.items()]:
                keys = sorted(ids & set(pages))
                m, _ = scorer.score({k: truth[k] for k in keys}, {k: preds[method][k] for k in keys})
                rate = f"{len(pages) / best[method]:8.1f}" if label.startswith("all") else ""
                print(
                    f"{name:30s} {label:>16s} {method:20s} {m['f1']:6.3f} {m['precision']:6.3f}"
                    f" {m['recall']:6.3f} {rate:>8s}"
                )


if __name__ == "__main__":
    main()
