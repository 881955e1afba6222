"""Fit the claim link model on the gold stories of ../shared/gold; write align/link_model.json.

Every gold story is read through `newsrecon.analyze` (the path users run). A claim is labelled with
the gold measure whose mention it matches as the scorer matches them (same document and line, same
bounds); pairs of labelled claims that no cannot-link keeps apart are the examples (same gold
measure: 1, else 0). A logistic regression (L2, Newton steps, NumPy) over `linking.FEATURES` is
fitted on them, each story weighing the same in total.

Honesty: before the shipped fit on all stories, the script fits once per story with that story
held out and scores the held-out story through `build_measures` (grouping F1, status accuracy,
conflict precision, from ../shared/eval/score_story.py): those are the figures for stories the
model has not seen. Usage:

    .venv/bin/python benchmarks/fit_linker.py [--shared PATH] [--out PATH] [--threshold T ...] [--merge M ...]

The pair of thresholds (clustering, merging) is chosen from the grid by the mean of the three
held-out scores, so those scores are a little optimistic (a mild selection on the held-out folds).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import tempfile
from pathlib import Path

import numpy as np
from _shared import load_eval  # benchmarks/ is on sys.path when a script runs

import newsrecon
from newsrecon.align.duplicates import duplicate_groups
from newsrecon.align.families import rule_groups
from newsrecon.align.frames import story_time
from newsrecon.align.linking import (
    FEATURES,
    MODEL_PATH,
    REFERENT_MASK,
    cannot_link,
    embed,
    pair_features,
    specificity,
)
from newsrecon.align.measures import _item, build_measures, headlines, story_views
from newsrecon.records import from_record, to_record
from newsrecon.report.json_report import claim_to_dict, measure_to_dict

L2 = 1.0


def story_documents(corpus: Path, story: str, cache: Path | None = None):
    """The documents of the story in `corpus` as `analyze` leaves them, with the story time and
    copies (`cache`: a folder that keeps them as JSON records between runs, while only the story
    stage changes)."""
    kept = cache / f"{story}.jsonl" if cache else None
    if kept is not None and kept.exists():
        docs = [from_record(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    else:
        docs = list(newsrecon.analyze([corpus]).documents)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text("".join(to_record(d) + "\n" for d in docs), encoding="utf-8")
    groups = duplicate_groups(docs)
    duplicate_of = {d: g[0] for g in groups for d in g}
    claims = [c for d in docs for c in d.claims]
    now = story_time([d.meta.value("published") for d in docs if d.meta.value("published")], claims)
    return docs, now, duplicate_of


def labels(docs, gold) -> dict[str, str]:
    """Claim id -> gold measure id, for the claims that match a gold mention."""
    out = {}
    for d in docs:
        for c in d.claims:
            stem = pathlib.Path(c.doc).stem
            for m in gold["measures"]:
                for g in m["mentions"]:
                    options = [(g["low"], g["high"]), *(tuple(x) for x in g["also_ok"])]
                    if (
                        g["doc"] == stem
                        and g["line"] == c.line
                        and any(_same((c.quantity.low, c.quantity.high), o) for o in options)
                    ):
                        out.setdefault(c.id, m["id"])
    return out


def _same(a, b) -> bool:
    return all((x is None and y is None) or (x is not None and y is not None and abs(float(x) - float(y)) < 1e-6)
               for x, y in zip(a, b, strict=True))  # fmt: skip


def examples(docs, now, duplicate_of, gold):
    """Feature rows and labels of the story's labelled pairs."""
    items = [_item(c, now, duplicate_of) for d in docs for c in d.claims]
    titled = headlines(docs)
    views = story_views(items, rule_groups(docs, now, duplicate_of, titled), titled)
    vectors = embed(views)
    weight = specificity(views)
    tag = labels(docs, gold)
    rows, ys = [], []
    for i in range(len(views)):
        for j in range(i + 1, len(views)):
            a, b = views[i], views[j]
            if a.claim.id not in tag or b.claim.id not in tag or cannot_link(a, b):
                continue
            rows.append(pair_features(a, b, float(vectors[i] @ vectors[j]), weight))
            ys.append(float(tag[a.claim.id] == tag[b.claim.id]))
    return np.array(rows), np.array(ys)


COMPATIBLE = FEATURES.index("compatible")


def fit_both(parts, balance: bool = False):
    """The full model, and the referent model: value features masked out, fitted on the pairs whose
    values cannot both hold (the question it answers: do two clashing figures report one thing?)."""
    clashing = [
        (x[x[:, COMPATIBLE] == 0] * REFERENT_MASK, y[x[:, COMPATIBLE] == 0]) for x, y in parts if len(y)
    ]
    return fit(parts, balance), fit(clashing, balance)


def fit(parts: list[tuple[np.ndarray, np.ndarray]], balance: bool = False) -> np.ndarray:
    """L2 logistic regression by Newton steps; each story weighs the same (and with `balance`, within
    it the two classes: there are many more pairs apart than together)."""
    xs, ys, ws = [], [], []
    for x, y in parts:
        if not len(y):
            continue
        pos = max(1.0, y.sum())
        neg = max(1.0, len(y) - y.sum())
        ws.append(np.where(y > 0, 0.5 / pos, 0.5 / neg) if balance else np.full(len(y), 1.0 / len(y)))
        xs.append(x)
        ys.append(y)
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    w = w / w.sum() * len(parts) * 100
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 1e-6  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def write_model(path: Path, beta, threshold: float, extra: dict | None = None) -> None:
    """`beta`: (weights over all features, weights over the referent ones); `threshold`: (for
    clustering, for merging clusters the values kept apart)."""
    full, referent = beta
    data = {
        "features": list(FEATURES),
        "weights": [round(float(b), 6) for b in full],
        "threshold": threshold[0],
        "referent_weights": [round(float(b), 6) for b in referent],
        "merge_threshold": threshold[1],
    }
    data.update(extra or {})
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def score_with(model: Path, docs, now, duplicate_of, gold, scorer, corpus: Path) -> dict[str, float]:
    """The story's measures rebuilt with `model`, scored as score_story.py scores a result."""
    from newsrecon.align import linking

    linking.link_model.cache_clear()
    measures, built = build_measures(docs, now, duplicate_of, model=str(model))
    result = {
        "documents": [{"id": d.id, "body": d.body} for d in built],
        "claims": [claim_to_dict(c) for d in built for c in d.claims],
        "measures": [measure_to_dict(m, "s") for m in measures],
    }
    metrics, notes = scorer.score(result, gold, corpus)
    if NOTES:
        for n in notes:
            if n.startswith(("status", "false conflict")):
                print("   ", gold["story"], n)
    return metrics


NOTES = False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument(
        "--threshold", type=float, nargs="*", help="cluster thresholds to try (default 0.4 0.5 0.6)"
    )
    ap.add_argument("--merge", type=float, nargs="*", help="merge thresholds to try (default 0.3 0.4 0.5)")
    ap.add_argument("--balance", action="store_true", help="weigh the two classes the same in each story")
    ap.add_argument("--cache", type=Path, help="keep the stories' documents here between runs")
    ap.add_argument("--notes", action="store_true", help="print the scorer's notes on grouping and status")
    ap.add_argument(
        "--dev-fit", default="", help="dev stories (benchmarks/dev_stories) to fit on too, a,b,..."
    )
    ap.add_argument("--dev-score", default="", help="dev stories to score with the final model, a,b,...")
    a = ap.parse_args()
    scorer = load_eval(a.shared, "score_story")
    stories = sorted(p.stem for p in (a.shared / "gold").glob("*.json"))
    dev_fit = [e for e in a.dev_fit.split(",") if e]
    dev_score = [e for e in a.dev_score.split(",") if e]
    data = {}
    for s in stories:
        gold = json.loads((a.shared / "gold" / f"{s}.json").read_text(encoding="utf-8"))
        corpus = a.shared / gold["corpus"]
        docs, now, dup = story_documents(corpus, s, a.cache)
        x, y = examples(docs, now, dup, gold)
        data[s] = (docs, now, dup, gold, x, y, corpus)
        print(f"{s}: {len(y)} labelled pairs, {int(y.sum())} together")
    if dev_fit or dev_score:
        import dev_stories  # benchmarks/dev_stories.py: the annotated ECB+ events and their corpora

        records = [
            json.loads(line)
            for line in (a.shared / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8")
        ]
        built = Path(tempfile.mkdtemp(prefix="dev-corpora-"))
        for e in dev_fit + dev_score:
            gold = json.loads((dev_stories.GOLD / f"{e}.json").read_text(encoding="utf-8"))
            corpus = built / e
            dev_stories.build_corpus(records, e, corpus)
            dev_stories.check_lines(gold, corpus)
            docs, now, dup = story_documents(corpus, f"dev-{e}", a.cache)
            x, y = examples(docs, now, dup, gold)
            data[e] = (docs, now, dup, gold, x, y, corpus)
            print(
                f"{e} (dev, {'fitted on' if e in dev_fit else 'scored'}): {len(y)} labelled pairs, {int(y.sum())} together"
            )
    keys = ("grouping_f1", "status_accuracy", "conflict_precision")
    thresholds = [(t, m) for t in (a.threshold or [0.4, 0.5, 0.6]) for m in (a.merge or [0.3, 0.4, 0.5])]
    held: dict[float, dict[str, dict[str, float]]] = {t: {} for t in thresholds}
    with tempfile.TemporaryDirectory() as tmp:
        for s in stories:
            beta = fit_both([(data[o][4], data[o][5]) for o in [*stories, *dev_fit] if o != s], a.balance)
            for t in thresholds:
                path = Path(tmp) / f"without-{s}.json"
                write_model(path, beta, t)
                m = score_with(path, *data[s][:4], scorer, data[s][6])
                held[t][s] = {k: round(m[k], 3) for k in keys}
        print("\nheld out, by threshold (mean of the three over the stories):")
        for t in thresholds:
            mean = sum(held[t][s][k] for s in stories for k in keys) / (len(stories) * len(keys))
            print(f"  {t[0]:.2f} {t[1]:.2f}: {mean:.3f}")
        best = max(thresholds, key=lambda t: sum(held[t][s][k] for s in stories for k in keys))
        beta = fit_both([(data[o][4], data[o][5]) for o in [*stories, *dev_fit]], a.balance)
        write_model(a.out, beta, best, {
            "fitted_on": [*stories, *(f"dev:{e}" for e in dev_fit)],
            "held_out_scores": held[best],
        })  # fmt: skip
        global NOTES
        NOTES = a.notes
        fitted = {s: {k: round(v, 3) for k, v in score_with(a.out, *data[s][:4], scorer, data[s][6]).items() if k in keys}
                  for s in [*stories, *dev_fit, *dev_score]}  # fmt: skip
    print(
        f"\nthreshold {best}\n{'story':18s} "
        + " ".join(f"{k:>20s}" for k in keys)
        + "   (held out | fitted on all)"
    )
    for s in stories:
        print(f"{s:18s} " + " ".join(f"{held[best][s][k]:>9.3f} | {fitted[s][k]:<8.3f}" for k in keys))
    for part, events in (("dev, fitted on", dev_fit), ("dev, not fitted on", dev_score)):
        if events:
            print(
                f"{part}: "
                + "  ".join(f"{k} {sum(fitted[e][k] for e in events) / len(events):.3f}" for k in keys)
            )
            for e in events:
                print(f"  {e:16s} " + " ".join(f"{fitted[e][k]:>9.3f}" for k in keys))
    for name, b, r in zip(FEATURES, *beta, strict=True):
        print(f"  {name:18s} {b:+.3f} {r:+.3f}")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
