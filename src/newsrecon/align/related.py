"""Stories of one topic linked as related, not merged: two reports of one kind of event (a second
heist at the same jeweller, a later patch for the same browser) stay two stories, each pointing
at the other.

Two signals per pair of stories, both general: the cosine of the mean sentence embedding
(all-MiniLM-L6-v2, `align.embeddings`) of headline and first sentence of up to `LEAD_DOCS` of each
story's documents, and the cosine of the stories' TF-IDF centroids (the story clustering's own
vectors, weighed by the corpus's statistics alone). A logistic model weighs them; it is fitted
by `benchmarks/fit_related.py` on ECB+'s topics 1-22 (two stories are related when their
documents report the two events of one topic) and shipped as `related_model.json`. Candidate pairs are stories that share one of
either's rarest features (the clustering's inverted index), so the cost follows the stories'
rare features, not the square of their number.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsrecon.align.cluster import StoryIndex, lead_sentence

MODEL_PATH = Path(__file__).with_name("related_model.json")
LEAD_DOCS = 3  # documents per story whose headline and lead are embedded (as good as all, on ECB+)
MAX_RELATED = 5  # related stories kept per story, the likeliest first
CANDIDATE_FEATURES = 40  # rarest features of a story that find its candidates
SIGNALS = ("lead_cosine", "word_cosine")


@dataclass(frozen=True)
class RelatedModel:
    weights: tuple[float, ...]  # one per signal of `SIGNALS`
    bias: float
    threshold: float


@cache
def related_model(path: str | None = None) -> RelatedModel:
    """The fitted model (`related_model.json`, or the file at `path`)."""
    where = Path(path or MODEL_PATH)
    data = json.loads(where.read_text(encoding="utf-8"))
    if tuple(data["signals"]) != SIGNALS:
        raise ValueError(f"{where}: fitted on other signals; refit with benchmarks/fit_related.py")
    return RelatedModel(tuple(map(float, data["weights"])), float(data["bias"]), float(data["threshold"]))


def signals(
    index: StoryIndex, texts: Mapping[str, tuple[str, str]]
) -> list[tuple[str, str, tuple[float, float]]]:
    """(story id, story id, signals) of each candidate pair of the index's stories, the signals in
    the order of `SIGNALS`. `texts`: (headline, body) of the documents at hand; a story none of
    whose documents is at hand has no pairs (a --corpus run relates the stories it touched)."""
    from newsrecon.align.embeddings import encode

    # The corpus's own word statistics, as the model was fitted: what is common in this corpus (a
    # topic's "quake") weighs little, so stories of one topic stand out from those of another
    # kind (with the background's weights, held-out precision fell from 0.969 to 0.931).
    stories = index.centroids(background=False)
    leads: dict[int, list[str]] = {}
    for k, (_, docs, _) in enumerate(stories):
        held = [texts[d] for d in docs if d in texts][:LEAD_DOCS]
        if held:
            leads[k] = [f"{title}. {lead_sentence(body)}".strip(". ") for title, body in held]
    if len(leads) < 2:
        return []
    order = sorted(leads)
    flat = [t for k in order for t in leads[k]]
    vectors = encode(flat)
    mean: dict[int, np.ndarray] = {}
    at = 0
    for k in order:
        v = vectors[at : at + len(leads[k])].mean(axis=0)
        at += len(leads[k])
        mean[k] = v / (np.linalg.norm(v) or 1.0)
    postings: dict[str, list[int]] = defaultdict(list)
    for k in order:
        for f in stories[k][2]:
            postings[f].append(k)
    out = []
    for k in order:
        centroid = stories[k][2]
        for j in sorted(
            {j for f in index.rare_features(centroid, CANDIDATE_FEATURES) for j in postings[f] if j > k}
        ):
            other = stories[j][2]
            words = sum(v * other.get(f, 0.0) for f, v in centroid.items())
            out.append((stories[k][0], stories[j][0], (float(mean[k] @ mean[j]), words)))
    return out


def probability(values: tuple[float, ...], model: RelatedModel) -> float:
    z = model.bias + sum(w * v for w, v in zip(model.weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def related_stories(
    index: StoryIndex, texts: Mapping[str, tuple[str, str]], model: str | None = None
) -> dict[str, tuple[str, ...]]:
    """Each story's related stories (ids, the likeliest first, at most `MAX_RELATED`); stories with
    none are left out. See `signals` for `texts`."""
    fitted = related_model(model)
    found: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for a, b, values in signals(index, texts):
        p = probability(values, fitted)
        if p >= fitted.threshold:
            found[a].append((p, b))
            found[b].append((p, a))
    return {
        s: tuple(other for _, other in sorted(pairs, key=lambda x: (-x[0], x[1]))[:MAX_RELATED])
        for s, pairs in found.items()
    }
