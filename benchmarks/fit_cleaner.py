"""Fit the cleaner's line model on the fitting part of ../shared/bench; write line_model.json.

Fitting pages: the flattened pages of bench/flattened whose id starts with 0-9, and the flattened
pages of WCXB's half a (bench/wcxb/domain-split.json), each WCXB page weighing 111/492 of a news
page so that the two sources weigh the same (`--news-only` leaves WCXB out). Half b and the
held-back flattened pages are never read here.

The split is fixed and stated once, in `is_fitting_page`: a page is fitted on when its id (the
SHA-256 file stem) starts with a decimal digit (111 of 181 pages, 61%), and held back when it
starts with a-f (70 pages). This script never reads a held-back page's text or truth; the held-back
score is measured by benchmarks/flattened_extraction.py and asserted by
tests/test_quality_flattened.py.

Labels: a line is body when its words (lower-cased \\w+ tokens, so quotes, dashes and spacing do
not matter) appear in that order in the page's true articleBody; a line of 8+ words also when half
of its 4-word shingles do; a line of 1-4 words only inside the stretch of the truth between the
long body lines around it (so a stray "Home" is not body because the word occurs in the text); a
line the page repeats more often than the truth holds it is body only where it sits among body
lines. Lines weigh by their share of the page's words, so that every page counts about the same, as
in the metric.

Fitting: stage 1 is a logistic regression over `features.FEATURES`, the local model one over
`features.LOCAL` (the line's shape alone); their out-of-fold scores (5 folds over pages) feed stage
2's `linemodel.SEGMENT` features; the segmenters' costs and the stage-2 regression are chosen by
out-of-fold page F1 (the benchmark's metric) on the fitting pages only. A shape reason becomes a
veto when at least 90% of the words on lines with that reason are not body (appeals and captions
always are).

Needs scikit-learn (in .venv-bench, not a runtime dependency):

    .venv-bench/bin/python benchmarks/fit_cleaner.py [--shared PATH] [--out PATH] [--dump PATH]
    .venv-bench/bin/python benchmarks/fit_cleaner.py --seeds 0 1 2 3 4  # F1 over other page splits
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from _shared import load_eval  # benchmarks/ is on sys.path when a script runs
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from newsrecon.clean import read_page
from newsrecon.clean.boilerplate import classify, shape_reasons
from newsrecon.clean.features import FEATURES, LOCAL, line_features
from newsrecon.clean.linemodel import (
    MODEL_PATH,
    SEGMENT,
    Linear,
    LineModel,
    Segmenter,
    blocks,
    line_weight,
    segment,
    segment_features,
)

TOKEN = re.compile(r"\w+")
FOLDS = 5
C = 1.0  # inverse regularisation strength of both regressions
SEGMENT_GRID = {
    "bias": (0.5, 1.0, 1.5),
    "enter_gap": (0.0, 1.0, 2.0, 3.0),
    "gap_line": (0.1, 0.2, 0.4, 0.7, 1.0),
}
VETO_SHARE = 0.9
# The two sources weigh the same in all: 111 news pages against WCXB's 492 blogs, guides and reviews.
WCXB_WEIGHT = 111 / 492
# Shape reasons the cleaner promises to remove whatever the data says: reader appeals and photo
# captions never stay in the body (the metadata reader and the dossier rely on it), nor do lines
# that are mostly a link's text, which only Markdown dumps show (the fitting pages have none).
ALWAYS_VETO = frozenset({"appeal", "caption", "link"})


def is_fitting_page(page_id: str) -> bool:
    """The fixed split: fit on pages whose id starts with 0-9, hold back those starting with a-f."""
    return page_id[:1].isdigit()


def load_scorer(shared: Path):
    return load_eval(shared, "score_extraction")


def line_labels(texts: list[str], body: str) -> list[int]:
    """1 where a line is (part of) the true article body; see the module docstring."""
    truth = " " + " ".join(TOKEN.findall(body.lower())) + " "
    words = truth.split()
    shingles = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
    toks = [TOKEN.findall(t.lower()) for t in texts]
    y = [0] * len(texts)
    where: dict[int, tuple[int, int]] = {}
    for i, t in enumerate(toks):
        if len(t) >= 5:
            s = " " + " ".join(t) + " "
            k = truth.find(s)
            if k >= 0:
                y[i], where[i] = 1, (k, k + len(s))
            elif len(t) >= 8:
                sh = [tuple(t[j : j + 4]) for j in range(len(t) - 3)]
                y[i] = int(sum(x in shingles for x in sh) >= len(sh) / 2)
    anchors = sorted(where.items())
    for i, t in enumerate(toks):
        if not 1 <= len(t) < 5 or not anchors:
            continue
        prev = [p for j, p in anchors if j < i]
        nxt = [p for j, p in anchors if j > i]
        a = prev[-1][1] - 1 if prev else max(0, nxt[0][0] - 300)
        b = nxt[0][0] + 1 if nxt else min(len(truth), prev[-1][1] + 300)
        if a < b and " " + " ".join(t) + " " in truth[a:b]:
            y[i] = 1
    # A line the page repeats more often than the truth holds it: body only among body lines.
    seen: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        if y[i] and t:
            seen[" ".join(t)].append(i)
    for key, idx in seen.items():
        allowed = truth.count(" " + key + " ")
        if len(idx) > allowed:

            def support(i: int) -> int:
                return sum(
                    y[j] for j in range(max(0, i - 3), min(len(y), i + 4)) if j != i and len(toks[j]) >= 5
                )

            for i in sorted(idx, key=lambda i: -support(i))[allowed:]:
                y[i] = 0
    return y


class Page:
    """One fitting page: its lines, shape reasons, feature rows, weights and labels."""

    def __init__(self, page_id: str, text: str, body: str):
        self.id = page_id
        reading = read_page(text)  # as clean_document reads it
        self.lines, self.linked = reading.lines, reading.linked
        self.reasons = shape_reasons(self.lines, self.linked)
        self.rows = np.array(line_features(self.lines, self.reasons), dtype=float).reshape(
            len(self.lines), len(FEATURES)
        )
        self.weights = [line_weight(x) for x in self.lines]
        self.blocks = blocks(self.lines)
        self.y = np.array(line_labels([x.text for x in self.lines], body), dtype=int)
        words = np.array([len(TOKEN.findall(x.text)) + 1 for x in self.lines], dtype=float)
        self.sample_weight = words / max(words.sum(), 1.0)


def fit_linear(X: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...]) -> Linear:
    """A logistic regression on standardised columns, folded back to weights on the raw values."""
    scaler = StandardScaler().fit(X)
    lr = LogisticRegression(C=C, max_iter=5000).fit(scaler.transform(X), y, sample_weight=w)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    coef = lr.coef_[0] / scale
    intercept = float(lr.intercept_[0] - np.sum(coef * scaler.mean_))
    return Linear(names, tuple(float(f"{c:.6g}") for c in coef), float(f"{intercept:.6g}"))


def fit_stage(pages: list[Page], rows: dict[str, np.ndarray], names: tuple[str, ...]) -> Linear:
    X = np.vstack([rows[p.id] for p in pages])
    y = np.concatenate([p.y for p in pages])
    w = np.concatenate([p.sample_weight for p in pages])
    return fit_linear(X, y, w, names)


def page_f1(scorer, truth: dict, pages: list[Page], bodies: dict[str, str]) -> float:
    m, _ = scorer.score(
        {p.id: truth[p.id] for p in pages}, {k: {"articleBody": v} for k, v in bodies.items()}
    )
    return m["f1"]


def load_pages(shared: Path, wcxb: bool = False, wcxb_weight: float = 1.0) -> tuple[list[Page], dict]:
    """The fitting pages (never a held-back one) and their truth: the flattened pages whose id
    starts with 0-9 and, with `wcxb`, half a of the WCXB split (ids "wcxb/ID")."""
    truth_all = json.loads(
        (shared / "bench" / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8")
    )
    paths = [p for p in sorted((shared / "bench" / "flattened").glob("*.txt")) if is_fitting_page(p.stem)]
    truth = {p.stem: truth_all[p.stem] for p in paths}
    pages = [Page(p.stem, p.read_text(encoding="utf-8"), truth[p.stem]["articleBody"]) for p in paths]
    if wcxb:
        bench = shared / "bench" / "wcxb"
        wcxb_truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(wcxb_fitting_pages(shared)):
            key = f"wcxb/{page_id}"
            truth[key] = wcxb_truth[page_id]
            text = (bench / "flattened" / f"{page_id}.txt").read_text(encoding="utf-8")
            pages.append(Page(key, text, truth[key]["articleBody"]))
            pages[-1].sample_weight = pages[-1].sample_weight * wcxb_weight
    return pages, truth


def wcxb_fitting_pages(shared: Path) -> set[str]:
    """WCXB's half a (its `domain-split.json`: no site in both halves); half b is never read here."""
    split = json.loads((shared / "bench" / "wcxb" / "domain-split.json").read_text(encoding="utf-8"))
    return set(split["a"])


def choose_vetoes(pages: list[Page]) -> list[str]:
    """Shape reasons whose lines are almost never body, and those the cleaner always removes.

    Lines count by their sample weight, as in the regressions: each page weighs the same, a WCXB
    page by `--wcxb-weight` (counted by raw words, the 492 WCXB pages outvoted the 111 news pages,
    and timestamps, body on some blogs, stopped being a veto)."""
    words: dict[str, Counter[int]] = defaultdict(Counter)
    for p in pages:
        for w, reason, label in zip(p.sample_weight, p.reasons, p.y, strict=True):
            if reason:
                words[reason][int(label)] += float(w)
    return sorted({r for r, c in words.items() if c[0] / (c[0] + c[1]) >= VETO_SHARE} | ALWAYS_VETO)


class Fitted:
    """Both stages fitted out of fold over `folds`, the segmenters chosen on out-of-fold page F1,
    and the whole cleaner's out-of-fold verdicts."""

    def __init__(self, pages: list[Page], folds: list[list[Page]], veto: list[str], scorer, truth: dict):
        self.pages, self.folds, self.veto = pages, folds, veto
        self.scorer, self.truth = scorer, truth
        self.rows1 = {p.id: p.rows for p in pages}
        self.stage1, p1 = self._out_of_fold(self.rows1, FEATURES)
        self.rows_local = {p.id: p.rows[:, : len(LOCAL)] for p in pages}
        self.local, q = self._out_of_fold(self.rows_local, LOCAL)
        self.segment1, self.f1_stage1 = self._best_segmenter(p1)
        # Stage 2 reads stage-1 scores from models that did not see the page.
        self.rows2 = {}
        for p in pages:
            keep = segment(p1[p.id], p.weights, self.segment1)
            extra = segment_features(p1[p.id], keep, p.weights, p.blocks, q[p.id])
            self.rows2[p.id] = np.hstack([p.rows, np.array(extra, dtype=float).reshape(len(p.lines), -1)])
        self.stage2, p2 = self._out_of_fold(self.rows2, FEATURES + SEGMENT)
        self.segment2, self.f1_stage2 = self._best_segmenter(p2)
        # The whole cleaner, as it runs in the package.
        self.verdicts = {}
        for f, test in enumerate(folds):
            model = LineModel(
                self.stage1[f], self.stage2[f], self.segment1, self.segment2, frozenset(veto), self.local[f]
            )
            for p in test:
                self.verdicts[p.id] = classify(p.lines, model, linked=p.linked)
        cleaned = {k: "\n".join(v.line.text for v in vs if v.keep) for k, vs in self.verdicts.items()}
        self.f1_cleaner = page_f1(scorer, truth, pages, cleaned)

    def _out_of_fold(
        self, rows: dict[str, np.ndarray], names: tuple[str, ...]
    ) -> tuple[dict[int, Linear], dict[str, list[float]]]:
        models, probs = {}, {}
        for f, test in enumerate(self.folds):
            held = {p.id for p in test}
            models[f] = fit_stage([p for p in self.pages if p.id not in held], rows, names)
            for p in test:
                probs[p.id] = models[f].probabilities(rows[p.id].tolist())
        return models, probs

    def _best_segmenter(self, probs: dict[str, list[float]]) -> tuple[Segmenter, float]:
        best = None
        for values in itertools.product(*SEGMENT_GRID.values()):
            s = Segmenter(*values)
            bodies = {}
            for p in self.pages:
                keep = segment(probs[p.id], p.weights, s)
                bodies[p.id] = "\n".join(
                    x.text
                    for x, k, r in zip(p.lines, keep, p.reasons, strict=True)
                    if k and r not in self.veto
                )
            f1 = page_f1(self.scorer, self.truth, self.pages, bodies)
            if best is None or f1 > best[1]:
                best = (s, f1)
        return best


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument(
        "--dump", type=Path, help="also write the out-of-fold verdicts of every fitting page (JSON)"
    )
    ap.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        help="only report the cleaner's out-of-fold F1 over page splits shuffled with these seeds"
        " (the pages in a random order, then every fifth page a fold); writes nothing",
    )
    ap.add_argument(
        "--news-only",
        dest="wcxb",
        action="store_false",
        help="fit on the 111 news pages alone, without WCXB's half a (the model shipped until 2026-12-07)",
    )
    ap.add_argument(
        "--wcxb-weight",
        type=float,
        default=WCXB_WEIGHT,
        help=f"weight of a WCXB page in the regressions and vetoes (a news page: 1; default {WCXB_WEIGHT:.3f})",
    )
    a = ap.parse_args()
    t0 = time.perf_counter()
    scorer = load_scorer(a.shared)
    pages, truth = load_pages(a.shared, wcxb=a.wcxb, wcxb_weight=a.wcxb_weight)
    n_lines = sum(len(p.lines) for p in pages)
    n_wcxb = sum(p.id.startswith("wcxb/") for p in pages)
    print(
        f"fitting on {len(pages)} pages ({len(pages) - n_wcxb} flattened with ids starting 0-9,"
        f" {n_wcxb} of WCXB's half a), {n_lines} lines"
    )
    veto = choose_vetoes(pages)
    print("vetoes:", ", ".join(veto))
    if a.seeds:
        scores = []
        for seed in a.seeds:
            order = [pages[i] for i in np.random.default_rng(seed).permutation(len(pages))]
            fitted = Fitted(pages, [order[f::FOLDS] for f in range(FOLDS)], veto, scorer, truth)
            scores.append(fitted.f1_cleaner)
            print(
                f"seed {seed}: cleaner out of fold F1 {fitted.f1_cleaner:.4f}"
                f" (stage 1 {fitted.f1_stage1:.4f}, stage 2 {fitted.f1_stage2:.4f})"
            )
        print(f"mean over {len(scores)} splits: {np.mean(scores):.4f} in {time.perf_counter() - t0:.0f} s")
        return

    fitted = Fitted(pages, [pages[f::FOLDS] for f in range(FOLDS)], veto, scorer, truth)
    print(f"stage 1 out of fold: F1 {fitted.f1_stage1:.4f} with {fitted.segment1}")
    print(f"stage 2 out of fold: F1 {fitted.f1_stage2:.4f} with {fitted.segment2}")
    print(f"cleaner out of fold: F1 {fitted.f1_cleaner:.4f}")
    if a.dump:
        dump = {
            p.id: [
                [v.line.text, int(y), v.keep, v.reason, v.score]
                for v, y in zip(fitted.verdicts[p.id], p.y, strict=True)
            ]
            for p in pages
        }
        a.dump.write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")

    model = {
        "about": "newsrecon cleaner line model; regenerate with benchmarks/fit_cleaner.py",
        "fitted_on": (
            f"bench/flattened pages whose id starts with 0-9 ({len(pages) - n_wcxb} pages)"
            + (f" and bench/wcxb half a ({n_wcxb} pages)" if n_wcxb else "")
            + f", {n_lines} lines"
        ),
        "out_of_fold_f1": round(fitted.f1_cleaner, 4),
        "veto": veto,
        "segment1": _segmenter(fitted.segment1),
        "segment2": _segmenter(fitted.segment2),
        "stage1": _linear(fit_stage(pages, fitted.rows1, FEATURES)),
        "stage2": _linear(fit_stage(pages, fitted.rows2, FEATURES + SEGMENT)),
        "local": _linear(fit_stage(pages, fitted.rows_local, LOCAL)),
    }
    a.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} in {time.perf_counter() - t0:.0f} s")


def _segmenter(s: Segmenter) -> dict:
    return {"bias": s.bias, "enter_gap": s.enter_gap, "gap_line": s.gap_line}


def _linear(m: Linear) -> dict:
    return {"intercept": m.intercept, "weights": dict(zip(m.features, m.coef, strict=True))}


if __name__ == "__main__":
    main()
