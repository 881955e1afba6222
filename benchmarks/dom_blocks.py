"""A block model of the DOM for issue 20, fitted and scored by site folds (an experiment, not shipped).

The question: can a classifier over a page's own blocks, reading trafilatura's passes as evidence
beside the DOM, beat trafilatura's main text by the issue's 0.01? A page is cut into blocks in
document order (a block element's own text and the inline text around its children); each block is
labelled and described by how much of it a reference holds, read as the page's token stream (3-token
shingles matched in document order and consumed, so a one-word menu item is not "in the article"
because the article uses the word). Features: the block's shape (tokens, links, punctuation,
capitals, digits, tag, ancestor tags, depth, position), its coverage by trafilatura's passes, the
same summed over its ancestors one to four levels up, its neighbours', and the page's. Model:
scikit-learn's gradient-boosted trees, each page weighing the same, blocks by their tokens.

Scored with ../shared/eval/score_extraction.py's metric, against trafilatura 2.3's `extract`
(defaults, as `extraction.py` runs it) and its recall pass:

- WCXB half a by site folds (five; no site in both training and test); the 111 fitting pages of the
  old 181 in every training fold;
- the old fitting 111 by five folds, with all of half a in training; the held-back 70 of the old
  split, trained on half a and the 111. WCXB half b is not read: it is the issue's last look.

Needs scikit-learn (`.venv-bench`, see benchmarks/README.md):

    .venv-bench/bin/python benchmarks/dom_blocks.py [--shared PATH] [--passes recall,default,precision,fast]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import warnings
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
PASSES = {
    "recall": {"favor_recall": True}, "default": {}, "precision": {"favor_precision": True}, "fast": {"fast": True},
}  # fmt: skip
SKIP = frozenset(
    "script style noscript template svg iframe head select option input textarea object embed canvas "
    "video audio map".split()
)
BLOCK = frozenset(
    "p h1 h2 h3 h4 h5 h6 li pre blockquote td th dd dt figcaption caption div section article main aside "
    "header footer nav ul ol dl table tr tbody thead tfoot figure form body address details summary center "
    "hr html fieldset menu".split()
)
TAGS = "p h1 h2 h3 h4 h5 h6 li pre blockquote td th dd dt figcaption div section article".split()
ANCESTORS = (
    "button nav header footer aside form article main figure table ul ol blockquote li a section".split()
)
TOKEN = re.compile(r"\w+")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)


class Block:
    """A run of a page's text owned by one block element."""

    __slots__ = ("element", "index", "link", "parts", "text", "tokens")

    def __init__(self, element) -> None:
        self.element, self.parts, self.link = element, [], 0
        self.text, self.tokens, self.index = "", [], 0


def blocks_of(tree) -> list[Block]:
    """The page's text as blocks in document order. A `<button>` is read as inline: an unclosed one
    can hold a whole article."""
    out: list[Block] = []

    def start(element) -> Block:
        out.append(Block(element))
        return out[-1]

    def add(block: Block, text: str | None, linked: bool) -> None:
        if text:
            block.parts.append(text)
            block.link += len(text) if linked else 0

    def walk(element, current: Block, linked: bool) -> Block:
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if not tag or tag in SKIP:
                add(current, child.tail, linked)
                continue
            if tag in BLOCK:
                inner = start(child)
                add(inner, child.text, linked)
                walk(child, inner, linked)
                if child.tail and child.tail.strip():
                    current = start(element)  # the parent's text goes on after the child
                add(current, child.tail, linked)
            else:
                inside = linked or tag == "a"
                if tag == "br":
                    current.parts.append("\n")
                add(current, child.text, inside)
                current = walk(child, current, inside)
                add(current, child.tail, linked)
        return current

    body = tree.find(".//body")
    root = body if body is not None else tree
    first = start(root)
    add(first, root.text, False)
    walk(root, first, False)
    kept = []
    for block in out:
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(block.parts))
        block.text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        block.tokens = TOKEN.findall(block.text)
        if block.tokens:
            block.index = len(kept)
            kept.append(block)
    return kept


def coverage(blocks: list[Block], reference: str, n: int = 3) -> np.ndarray:
    """Per block, the share of its tokens that a shingle of the page's token stream found in the
    reference covers (shingles consumed in document order: a repeated teaser is covered once)."""
    words = [t.lower() for t in TOKEN.findall(reference or "")]
    left = Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    stream = [(t.lower(), b.index) for b in blocks for t in b.tokens]
    covered = np.zeros(len(stream), dtype=bool)
    for j in range(len(stream) - n + 1):
        key = tuple(t for t, _ in stream[j : j + n])
        if left[key] > 0:
            left[key] -= 1
            covered[j : j + n] = True
    owner = np.array([b for _, b in stream], dtype=int)
    hit = np.bincount(owner, weights=covered.astype(float), minlength=len(blocks))
    return hit / np.maximum(np.bincount(owner, minlength=len(blocks)), 1)


def _neighbours(v: np.ndarray) -> list[np.ndarray]:
    """The value before and after, the mean over two each side, and the means before and after."""
    n = len(v)
    pad = np.concatenate([np.zeros(3), v, np.zeros(3)])
    sums = np.concatenate([[0.0], np.cumsum(v)])
    idx = np.arange(n)
    window = np.array([pad[i + 1 : i + 6].mean() for i in range(n)])
    before = sums[idx] / np.maximum(idx, 1)
    after = (sums[n] - sums[idx + 1]) / np.maximum(n - idx - 1, 1)
    return [pad[2 : 2 + n], pad[4 : 4 + n], window, before, after]


def features(blocks: list[Block], covers: list[np.ndarray]) -> np.ndarray:
    """One row per block (see the module docstring)."""
    n = len(blocks)
    tokens = np.array([len(b.tokens) for b in blocks], dtype=float)
    total = tokens.sum()
    under: dict[int, list[int]] = {}
    for b in blocks:
        element, level = b.element, 0
        while element is not None and level < 5:
            under.setdefault(id(element), []).append(b.index)
            element, level = element.getparent(), level + 1
    rows = []
    for b in blocks:
        tag = b.element.tag.lower() if isinstance(b.element.tag, str) else ""
        text, count = b.text, len(b.tokens)
        ancestors, depth, element = set(), 0, b.element
        while element is not None:
            ancestors.add(element.tag.lower() if isinstance(element.tag, str) else "")
            element, depth = element.getparent(), depth + 1
        row = [
            math.log1p(count), float(count < 5), min(1.0, b.link / max(1, len(text))), b.index / max(1, n - 1),
            count / total, float(text[-1:] in ".!?\"'”’:"), math.log1p(text.count(",")),
            sum(t[0].isupper() for t in b.tokens) / count, sum(t.isdigit() for t in b.tokens) / count,
            depth / 30, *(float(tag == t) for t in TAGS), float(tag not in TAGS),
            *(float(a in ancestors) for a in ANCESTORS), *(float(c[b.index]) for c in covers),
        ]  # fmt: skip
        element = b.element.getparent()
        for _level in range(4):
            members = under.get(id(element), [b.index]) if element is not None else [b.index]
            weight = tokens[members]
            row += [float(c[members] @ weight / weight.sum()) for c in covers]
            row += [weight.sum() / total, math.log1p(len(members))]
            element = element.getparent() if element is not None else None
        rows.append(row)
    x = np.array(rows)
    context = [covers[0], x[:, 2], x[:, 0], x[:, 10 + len(TAGS) + 1 + len(ANCESTORS) + len(covers)]]
    context += covers[1:]
    page = [float(covers[0] @ tokens / total), math.log1p(n), math.log1p(total)]
    return np.hstack([x, np.stack([c for v in context for c in _neighbours(v)], 1), np.tile(page, (n, 1))])


_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')


def page_kind(tree) -> list[float]:
    """What the page says it is: a news article, a blog post, another article (JSON-LD @type,
    og:type) and how much of it an `<article>` element holds."""
    types = set()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            types |= set(_LD_TYPE.findall(script.text))
    og = {(m.get("content") or "").lower() for m in tree.iter("meta") if m.get("property") == "og:type"}
    article = sum(len(" ".join(a.itertext())) for a in tree.iter("article"))
    body = tree.find(".//body")
    everything = len(" ".join(body.itertext())) if body is not None else 0
    return [
        float(bool(types & {"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle"})),
        float("BlogPosting" in types), float("Article" in types), float("article" in og),
        min(1.0, article / max(1, everything)),
    ]  # fmt: skip


def page_data(job: tuple[str, Path, str, tuple[str, ...], bool]):
    """(page key, block texts, features, labels, block tokens, trafilatura's default and recall texts)."""
    import trafilatura

    key, path, truth, passes, kind = job
    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    texts = {}
    for name in {*passes, "default", "recall"}:
        try:
            found = trafilatura.bare_extraction(
                trafilatura.load_html(html), include_comments=False, include_tables=True, **PASSES[name]
            )
            texts[name] = (found.text or "") if found is not None else ""
        except Exception:  # a pass that fails on a page reads as an empty one
            texts[name] = ""
    default = trafilatura.extract(html, include_comments=False) or ""
    blocks = blocks_of(tree)
    if not blocks:
        return None
    x = features(blocks, [coverage(blocks, texts[p]) for p in passes])
    if kind:
        x = np.hstack([x, np.tile(page_kind(tree), (len(x), 1))])
    y = coverage(blocks, truth)
    tokens = np.array([len(b.tokens) for b in blocks], dtype=float)
    return key, [b.text for b in blocks], x, y, tokens, default, texts["recall"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--passes", default="recall,default,precision,fast", help="trafilatura passes read")
    ap.add_argument("--kind", action="store_true", help="add what the page says it is (JSON-LD, og:type)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import logging

    from sklearn.ensemble import HistGradientBoostingClassifier

    logging.disable(logging.ERROR)
    passes = tuple(args.passes.split(","))
    scorer = load_eval(args.shared, "score_extraction")
    bench = args.shared / "bench"
    wcxb_truth = json.loads((bench / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
    old_truth = json.loads((bench / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    half_a = json.loads((bench / "wcxb" / "domain-split.json").read_text(encoding="utf-8"))["a"]
    truth = {("w", k): wcxb_truth[k] for k in half_a if k in wcxb_truth}
    truth |= {("o", k): v for k, v in old_truth.items()}
    folder = {"w": bench / "wcxb" / "html", "o": bench / "article-extraction" / "html"}
    jobs = [
        (k, folder[k[0]] / f"{k[1]}.html.gz", truth[k].get("articleBody", ""), passes, args.kind)
        for k in sorted(truth)
    ]
    with Pool(2) as pool:
        data = {r[0]: r for r in pool.imap(page_data, jobs, chunksize=4) if r is not None}
    site = {k: urlparse(truth[k].get("url", "") or k[1]).netloc for k in data}
    wa = [k for k in data if k[0] == "w"]
    fitting = [k for k in data if k[0] == "o" and k[1][:1].isdigit()]  # fit_cleaner.py's fixed split
    held = [k for k in data if k[0] == "o" and not k[1][:1].isdigit()]
    sites = sorted({site[k] for k in wa})
    np.random.default_rng(0).shuffle(sites)
    fold = {s: i % 5 for i, s in enumerate(sites)}

    def fit(keys):
        x = np.vstack([data[k][2] for k in keys])
        y = np.concatenate([data[k][3] >= 0.5 for k in keys]).astype(int)
        w = np.concatenate([data[k][4] / data[k][4].sum() for k in keys]) * 100  # pages weigh alike
        model = HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=40, l2_regularization=1.0,
            random_state=0,
        )  # fmt: skip
        return model.fit(x, y, sample_weight=w)

    prob: dict = {}
    for f in range(5):
        model = fit([k for k in wa if fold[site[k]] != f] + fitting)
        prob |= {k: model.predict_proba(data[k][2])[:, 1] for k in wa if fold[site[k]] == f}
    for f in range(5):
        test = fitting[f::5]
        model = fit(wa + [k for k in fitting if k not in test])
        prob |= {k: model.predict_proba(data[k][2])[:, 1] for k in test}
    model = fit(wa + fitting)
    prob |= {k: model.predict_proba(data[k][2])[:, 1] for k in held}

    def f1(keys, texts) -> float:
        m, _ = scorer.score({k[1]: truth[k] for k in keys}, {k[1]: {"articleBody": texts[k]} for k in keys})
        return m["f1"]

    sets = {"WCXB half a": wa, "old fitting 111": fitting, "old held back 70": held}
    print(f"passes read: {', '.join(passes)}; page kind: {args.kind}; {len(data)} pages")
    print(f"{'method':34s}" + "".join(f"{name:>18s}" for name in sets))
    for label, column in (("trafilatura extract (defaults)", 5), ("trafilatura recall pass", 6)):
        texts = {k: data[k][column] for k in data}
        print(f"{label:34s}" + "".join(f"{f1(keys, texts):18.4f}" for keys in sets.values()))
    for t in THRESHOLDS:
        texts = {k: "\n".join(b for b, p in zip(data[k][1], prob[k], strict=True) if p >= t) for k in data}
        print(
            f"{f'block model, threshold {t}':34s}"
            + "".join(f"{f1(keys, texts):18.4f}" for keys in sets.values())
        )
    oracle = {k: "\n".join(b for b, y in zip(data[k][1], data[k][3], strict=True) if y >= 0.5) for k in data}
    print(
        f"{'oracle (blocks labelled content)':34s}"
        + "".join(f"{f1(keys, oracle):18.4f}" for keys in sets.values())
    )


if __name__ == "__main__":
    main()
