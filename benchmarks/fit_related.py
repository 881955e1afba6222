"""Fit the related-stories model on ECB+'s first 22 topics; write align/related_model.json.

ECB+ (../shared/bench/ecbplus/docs.jsonl) holds 43 topics of two events each: two stories are
related when their documents (by majority) are of one topic. The corpus is read through
`newsrecon.analyze` (the path users run); its stories and the story index that made them give the
candidate pairs and their signals (`align.related.signals`). Neighbouring topics are often of one
kind (two earthquakes, two mergers), so the split is by ranges, not parity: pairs of stories of
topics 1-22 are the dev set (a logistic regression, scikit-learn, L2, is fitted on them and the
threshold chosen there: the lowest at which dev precision reaches --precision), pairs of topics
23-45 the held-out set, printed once with the dev figures; a pair across the two is left out.
Printed: links made, their precision (same topic), recall (of all same-topic pairs of stories).

usage: .venv/bin/python benchmarks/fit_related.py [--shared PATH] [--out PATH] [--precision P]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import newsrecon
from newsrecon.align.related import MODEL_PATH, SIGNALS, signals
from newsrecon.align.story import _index, _texts, brief

ROOT = Path(__file__).resolve().parents[1]
DEV_TOPICS = 22  # topics 1-22 are the dev set


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--precision", type=float, default=0.9)
    a = ap.parse_args()
    path = a.shared / "bench" / "ecbplus" / "docs.jsonl"
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            gold[str(r["id"])] = (int(r["topic"]), str(r["event"]))
    documents = list(newsrecon.analyze([path], workers=None).documents)
    briefs = [brief(d) for d in documents]  # what the corpus stages keep of each, as in analyze
    index = _index([b[:4] for b in briefs], None, found={b[0]: b[4] for b in briefs if b[4] is not None})
    texts = _texts(briefs)
    topic = {}
    for story_id, docs, _ in index.centroids():
        topic[story_id] = Counter(gold[d][0] for d in docs).most_common(1)[0][0]
    pairs = signals(index, texts)
    x = np.array([values for _, _, values in pairs])
    y = np.array([topic[s] == topic[t] for s, t, _ in pairs], dtype=int)
    part = {s: 1 if t <= DEV_TOPICS else 0 for s, t in topic.items()}
    side = np.array([part[s] if part[s] == part[t] else -1 for s, t, _ in pairs])
    model = LogisticRegression(C=10.0, max_iter=1000).fit(x[side == 1], y[side == 1])
    p = model.predict_proba(x)[:, 1]
    print(f"ECB+: {len(documents)} articles, {len(topic)} stories from analyze, {len(pairs)} candidate pairs")
    print(
        f"fitted on topics 1-{DEV_TOPICS}: weights {dict(zip(SIGNALS, np.round(model.coef_[0], 3), strict=True))}"
    )

    def figures(which: int, threshold: float) -> tuple[int, float, float]:
        same = Counter(t for s, t in topic.items() if part[s] == which)
        positives = sum(n * (n - 1) // 2 for n in same.values())  # candidates or not
        chosen = (side == which) & (p >= threshold)
        precision = float(y[chosen].mean()) if chosen.any() else 0.0
        return int(chosen.sum()), precision, (float(y[chosen].sum()) / positives if positives else 0.0)

    grid = [round(t, 2) for t in np.arange(0.3, 0.96, 0.05)]
    threshold = next((t for t in grid if figures(1, t)[1] >= a.precision), grid[-1])
    print(f"threshold {threshold} (the lowest of the grid with dev precision >= {a.precision})")
    for name, which in ((f"dev (topics 1-{DEV_TOPICS})", 1), (f"held-out (topics {DEV_TOPICS + 1}-45)", 0)):
        links, precision, recall = figures(which, threshold)
        print(f"  {name:<26} links {links:4d}  precision {precision:.3f}  recall {recall:.3f}")
    data = {
        "signals": list(SIGNALS),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "fitted_on": f"ECB+ topics 1-{DEV_TOPICS} (benchmarks/fit_related.py)",
        "newsrecon": newsrecon.__version__,
    }
    a.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
