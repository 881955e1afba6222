"""Story clustering of a corpus too large for one index: blocks filed apart, then joined.

A corpus of up to `BLOCK_DOCS` documents is one block, filed by one `StoryIndex` exactly as
`index_stories` files it. A larger one is cut into blocks of at most that many documents: dated
documents by publication date, each cut made at the widest gap between consecutive dates in the
middle third of the block (coverage of one event comes in days, so a wide gap rarely runs through
one), undated documents in input order. Each block is filed on its own, by the runner (local
worker processes, or Spark's executors, a block a task), and comes back as its index's snapshot:
story centroids, dates, names and participant counts, not the documents' features. Stories of
different blocks are then merged by the same test that merges stories within an index
(`StoryIndex.joins`: mean cosine above the join threshold, a key participant shared, no rival
ones, dates within reach), their candidates found through the rare features of their centroids.

Local and Spark runs cut the same blocks and merge in the same order, so their stories are equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from newsrecon.align.cluster import StoryIndex, index_stories, published_day

# Documents one index files at most (about 2 minutes and 600 MB on one core at 20,000 news
# articles); a corpus above it is cut into blocks filed apart and then joined.
BLOCK_DOCS = 20_000

# (id, title, body, published or None, participants or None): what a block files per document.
Row = tuple[str, str, str, str | None, frozenset[str] | None]


class _Mapper(Protocol):
    def map(self, stage: Callable, items: Iterable) -> Iterator: ...


def plan_blocks(dates: list[dt.date | None], most: int = BLOCK_DOCS) -> list[list[int]]:
    """Blocks of at most `most` positions of `dates`, each in input order: one block when all fit;
    else dated positions cut by date (see the module), then undated ones in input order."""
    if len(dates) <= most:
        return [list(range(len(dates)))]
    dated = sorted((d, i) for i, d in enumerate(dates) if d is not None)
    blocks = _cut(dated, most)
    undated = [i for i, d in enumerate(dates) if d is None]
    blocks.extend(undated[k : k + most] for k in range(0, len(undated), most))
    return [sorted(b) for b in blocks if b]


def _cut(dated: list[tuple[dt.date, int]], most: int) -> list[list[int]]:
    """`dated` (sorted by date) in runs of at most `most`, cut where consecutive dates lie widest
    apart in the middle third of each run (the middle on a tie), recursively."""
    if len(dated) <= most:
        return [[i for _, i in dated]]
    n = len(dated)
    middle = range(max(1, n // 3), max(2, 2 * n // 3 + 1))
    at = max(middle, key=lambda p: ((dated[p][0] - dated[p - 1][0]).days, -abs(p - n // 2)))
    return _cut(dated[:at], most) + _cut(dated[at:], most)


def _filed(rows: list[Row]) -> StoryIndex:
    """`rows` filed into stories by one index."""
    docs = [(doc_id, title, body) for doc_id, title, body, _, _ in rows]
    published = {doc_id: day for doc_id, _, _, day, _ in rows if day}
    found = {doc_id: who for doc_id, *_, who in rows if who is not None}
    return index_stories(docs, published=published, found=found)


def file_block(rows: list[Row]) -> dict:
    """One block filed into stories: its index's snapshot (see `StoryIndex.snapshot`)."""
    return _filed(rows).snapshot()


def index_blocks(rows: list[Row], runner: _Mapper | None = None, most: int = BLOCK_DOCS) -> StoryIndex:
    """The story index of `rows`: `index_stories` itself when they fit one block; else blocks
    filed by `runner` (here, one after another, by default) and joined (`join_blocks`)."""
    if len(rows) <= most:
        return _filed(rows)
    plan = plan_blocks([published_day(day) for _, _, _, day, _ in rows], most)
    items = [[rows[i] for i in block] for block in plan]
    snapshots = list(map(file_block, items) if runner is None else runner.map(file_block, items))
    return join_blocks(snapshots)


def join_blocks(snapshots: list[dict]) -> StoryIndex:
    """One index of the blocks' snapshots, in their order: word statistics summed, stories of
    different blocks that are one event merged. Its stories are numbered afresh in that order."""
    index = StoryIndex()
    block_of: list[int] = []
    for b, data in enumerate(snapshots):
        part = StoryIndex.from_snapshot(data)
        index.n += part.n
        index.df.update(part.df)
        for story in part.stories:
            story.id = f"block-{b + 1}-{story.id}"
            index.by_id[story.id] = len(index.stories)
            index.stories.append(story)
            block_of.append(b)
    centroids = {i: story.base for i, story in enumerate(index.stories)}
    led = {i: story.led for i, story in enumerate(index.stories)}
    root = index.joins(centroids, led, apart=lambda i, j: block_of[i] == block_of[j])
    grown = set()
    for i, story in enumerate(index.stories):
        r = root(i)
        if r != i:
            index.stories[r].absorb(story, rebase=False)
            grown.add(r)
    for r in grown:  # centroids and sums once per story, not once per block it took in
        index.stories[r].rebase(index.stories[r].base)
    for i, story in enumerate(index.stories):
        for f in story.base:
            index.postings[f].add(i)
    return index
