"""The cleaner on the same pages flattened by other tools: how much of its score is the flattening.

../shared/bench/flattened holds one flattening of the 181 article-extraction pages (the visible
text, one block a line), and the cleaner's line model was fitted on it (pages 0-9). Users bring page
dumps made by other means. This script makes other flattenings of the same pages from their HTML
(../shared/bench/article-extraction/html) and scores `clean_document` on each with
../shared/eval/score_extraction.py's metric, beside keeping every line:

- given: the bench's flattened/*.txt;
- given, wrapped at 80: the same text hard-wrapped at 80 columns (textwrap), as lynx, w3m, mail
  and terminals give it;
- inscriptis 2.7.6 `get_text` (a layout-keeping HTML-to-text renderer);
- html2text 2025.4.15 (Markdown: "#" headings, "*" items, "**" emphasis), links and images
  left out, unwrapped (body_width 0) and wrapped at 78 (its default);
- html2text with its links and images (`[text](target)`, `![alt](src)`), as the scrapers that
  feed pages to language models write them, unwrapped and wrapped at 78;
- markdownify 1.2.3 (another HTML-to-Markdown converter: setext headings, "*" items, links and
  images), its defaults, on the page without its scripts and styles (BeautifulSoup).

Nothing is fitted here. Columns: fitting pages (ids 0-9) and held-back pages (a-f) apart.

usage (in .venv-bench, after `pip install -r benchmarks/requirements-flattening.txt`):
  .venv-bench/bin/python benchmarks/flattening_styles.py [--shared PATH] [--pages fitting held-back]
"""

from __future__ import annotations

import argparse
import gzip
import json
import textwrap
from pathlib import Path

import bs4
import html2text
import inscriptis
import markdownify
from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

from newsrecon import RawDocument, clean_document
from newsrecon.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def wrapped(text: str, width: int) -> str:
    return "\n".join(part for line in text.split("\n") for part in (textwrap.wrap(line, width) or [""]))


def markdown(html: str, width: int, links: bool = False) -> str:
    h = html2text.HTML2Text()
    h.body_width, h.ignore_links, h.ignore_images = width, not links, not links
    return h.handle(html)


def without_code(html: str) -> str:
    """The page without its scripts, styles and templates (markdownify writes their text out)."""
    soup = bs4.BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    return str(soup)


STYLES = {
    "given": lambda given, html: given,
    "given, wrapped at 80": lambda given, html: wrapped(given, 80),
    "inscriptis": lambda given, html: inscriptis.get_text(html),
    "html2text": lambda given, html: markdown(html, 0),
    "html2text, wrapped at 78": lambda given, html: markdown(html, 78),
    "html2text, links": lambda given, html: markdown(html, 0, links=True),
    "html2text, links, at 78": lambda given, html: markdown(html, 78, links=True),
    "markdownify": lambda given, html: markdownify.markdownify(without_code(html)),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pages", nargs="+", choices=["fitting", "held-back"], default=["fitting", "held-back"])
    a = ap.parse_args()
    scorer = load_eval(a.shared, "score_extraction")
    truth = json.loads((a.shared / "bench/article-extraction/ground-truth.json").read_text(encoding="utf-8"))
    parts = {"fitting": sorted(k for k in truth if k[:1].isdigit()),
             "held-back": sorted(k for k in truth if not k[:1].isdigit())}  # fmt: skip
    print(f"{'flattening':26} {'pages':10} {'keep all F1':>11} {'cleaner F1':>10} {'P':>6} {'R':>6}")
    for part in a.pages:
        ids = parts[part]
        pages = {
            pid: (
                (a.shared / "bench/flattened" / f"{pid}.txt").read_text(encoding="utf-8"),
                gzip.decompress(
                    (a.shared / "bench/article-extraction/html" / f"{pid}.html.gz").read_bytes()
                ).decode("utf-8", "replace"),
            )
            for pid in ids
        }
        sub = {pid: truth[pid] for pid in ids}
        for name, flatten in STYLES.items():
            kept, cleaned, refused = {}, {}, 0
            for pid, (given, html) in pages.items():
                text = flatten(given, html)
                kept[pid] = {"articleBody": "\n".join(x for x in text.split("\n") if x.strip())}
                try:
                    body = clean_document(RawDocument(id=pid, text=text, source=pid)).body
                except InputError:  # E115: a flattening over a million characters, refused
                    body, refused = "", refused + 1
                cleaned[pid] = {"articleBody": body}
            everything, _ = scorer.score(sub, kept)
            m, _ = scorer.score(sub, cleaned)
            print(
                f"{name:26} {part:10} {everything['f1']:11.3f} {m['f1']:10.3f} {m['precision']:6.3f}"
                f" {m['recall']:6.3f}"
                + (f"  ({refused} refused as over a million characters)" if refused else ""),
                flush=True,
            )


if __name__ == "__main__":
    main()
