"""newsrecon's NumPy run of all-MiniLM-L6-v2 beside sentence-transformers' on the same phrases.

Prints the lowest cosine between the two embeddings of each phrase (the referent phrases of the
gold stories, as `analyze` builds them) and the time each takes to load and to encode them. Needs
sentence-transformers and PyTorch, which newsrecon does not install:

    pip install torch==2.13.0 sentence-transformers==6.2.0   # in a separate venv
    python benchmarks/embeddings_check.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import newsrecon
from newsrecon.align.linking import phrase_of

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    phrases = []
    for gold in sorted((a.shared / "gold").glob("*.json")):
        result = newsrecon.analyze([a.shared / "corpus" / gold.stem])
        phrases += [phrase_of(c) for d in result.documents for c in d.claims]
    phrases = list(dict.fromkeys(phrases))
    start = time.perf_counter()
    from newsrecon.align import embeddings

    embeddings._model()
    loaded = time.perf_counter() - start
    ours = embeddings.encode(phrases)
    ours_time = time.perf_counter() - start - loaded
    start = time.perf_counter()
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(embeddings.model_dir()), device="cpu")
    theirs_loaded = time.perf_counter() - start
    theirs = model.encode(phrases, normalize_embeddings=True, batch_size=64)
    theirs_time = time.perf_counter() - start - theirs_loaded
    cos = (ours * theirs).sum(axis=1)
    print(
        f"{len(phrases)} phrases; cosine numpy vs sentence-transformers: min {cos.min():.6f}, mean {cos.mean():.6f}"
    )
    print(f"numpy:                 load {loaded:.2f} s, encode {ours_time:.2f} s")
    print(f"sentence-transformers: load {theirs_loaded:.2f} s, encode {theirs_time:.2f} s")
    assert np.isfinite(cos).all()


if __name__ == "__main__":
    main()
