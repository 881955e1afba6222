"""The story-clustering cost of a corpus run's second day: rebuilding the index or adding to it.

A corpus kept in a store grows a day at a time: `newsrecon analyze NEW --db news.db --corpus` files
the new articles among everything stored. The story index the last corpus run left is kept in the
store (zlib-compressed JSON, `StoryIndex.snapshot`) and the next run adds to it; before, every
run rebuilt the index from all stored texts. This script measures both ways on the same corpora,
clustering only (no spaCy, no SQLite), one process, sizes one after another:

- day 1: `index_stories` over N articles (as the first corpus run does), then its snapshot,
  serialised as the store keeps it (JSON, zlib level 1): seconds and compressed size;
- day 2, rebuilt: `index_stories` over the N stored articles, restored into their stories from
  their texts, and K new ones (what a run did before the snapshot was kept);
- day 2, added: decompress and parse the snapshot, `StoryIndex.from_snapshot`, then
  `index_stories` over the K new articles only;
- whether the K new articles land in the same stories both ways (same story-mates).

Corpora: benchmarks/scale.py's `build_corpus` (resampled, perturbed ECB+ articles and flattened-page
prose, 5% planted copies; seed 0), N + K articles, the last K being day 2. Seconds: time.perf_counter,
one run each (the machine is shared; the ratio is the point, not the third digit).

usage (from the repository root, in the project venv):
  .venv/bin/python benchmarks/corpus_day2.py [--sizes 1000 10000] [--new 100] [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from pathlib import Path

from scale import build_corpus, git_state, load_material  # benchmarks/ is on sys.path when a script runs

from newsrecon.align import StoryIndex
from newsrecon.align.cluster import index_stories

ROOT = Path(__file__).resolve().parents[1]


def mates(index: StoryIndex) -> dict[str, frozenset[str]]:
    return {d: frozenset(group) for _, group in index.named_groups() for d in group}


def measure(material, n: int, k: int) -> dict:
    docs, _ = build_corpus(material, n + k)
    stored, new = docs[:n], docs[n:]
    start = time.perf_counter()
    first = index_stories(stored)
    day1 = time.perf_counter() - start
    start = time.perf_counter()
    blob = zlib.compress(json.dumps(first.snapshot()).encode(), 1)
    snapshot = time.perf_counter() - start
    filed = {d: story_id for story_id, group in first.named_groups() for d in group}
    start = time.perf_counter()
    rebuilt = index_stories(docs, filed=filed)
    day2_rebuilt = time.perf_counter() - start
    start = time.perf_counter()
    added = index_stories(new, start=StoryIndex.from_snapshot(json.loads(zlib.decompress(blob))))
    day2_added = time.perf_counter() - start
    a, b = mates(rebuilt), mates(added)
    return {
        "day1": day1,
        "snapshot": snapshot,
        "mib": len(blob) / 2**20,
        "rebuilt": day2_rebuilt,
        "added": day2_added,
        "same": sum(a[d] == b[d] for d, _, _ in new),
        "stories": len(first.named_groups()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--new", type=int, default=100, help="articles of day 2 (K)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    print(f"newsrecon: {git_state()}")
    material = load_material(a.shared)
    head = (
        f"{'stored N':>9} {'day 1 s':>8} {'stories':>8} {'snapshot s':>10} {'MiB':>6}"
        f" {'day 2 rebuilt s':>15} {'day 2 added s':>13} {'speed-up':>8}  same stories"
    )
    print(f"day 2 = {a.new} new articles")
    print(head)
    print("-" * (len(head) + 4))
    for n in a.sizes:
        r = measure(material, n, a.new)
        print(
            f"{n:>9,} {r['day1']:8.1f} {r['stories']:8,} {r['snapshot']:10.2f} {r['mib']:6.1f}"
            f" {r['rebuilt']:15.2f} {r['added']:13.2f} {r['rebuilt'] / r['added']:7.1f}x  {r['same']}/{a.new}",
            flush=True,
        )


if __name__ == "__main__":
    main()
