"""Story clustering of a corpus cut into blocks: each block filed apart, then the blocks joined."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from newsrecon.align.blocks import index_blocks, plan_blocks
from newsrecon.align.cluster import index_stories

from .conftest import load_eval


def _bcubed(shared: Path, gold: dict[str, str], groups: list[list[str]]) -> float:
    """Event B-cubed F1, by the scorer in ../shared/eval."""
    pred = {d: k for k, g in enumerate(groups) for d in g}
    return load_eval(shared, "score_clusters").bcubed(gold, pred)[2]


def ecb_rows(shared: Path, n: int, shuffle: bool = False) -> tuple[list[tuple], dict[str, str]]:
    """The first `n` ECB+ records as rows for `index_blocks` (undated: cut in input order, where
    an event's articles lie together as a date order puts them; with `shuffle`, in a seeded random
    order, so that each event falls in several blocks), and their events."""
    lines = Path(shared / "bench" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines][:n]
    if shuffle:
        random.Random(7).shuffle(records)
    rows = [(r["id"], r.get("title", ""), r["text"], None, None) for r in records]
    return rows, {r["id"]: r["event"] for r in records}


def test_blocks_are_cut_where_dates_lie_widest_apart():
    day = dt.date(2024, 3, 1)
    dates = [day + dt.timedelta(days=d) for d in (0, 1, 1, 2, 30, 31, 31, 32)] + [None, None]
    blocks = plan_blocks(dates, most=5)
    assert blocks[:2] == [[0, 1, 2, 3], [4, 5, 6, 7]]  # cut at the month's gap, not at five
    assert blocks[2:] == [[8, 9]]  # undated documents in input order
    assert plan_blocks(dates, most=10) == [list(range(10))]


def test_blocks_filed_apart_and_joined_find_the_events_one_index_finds(shared):
    rows, events = ecb_rows(shared, 300)
    whole = index_stories([(i, t, b) for i, t, b, _, _ in rows])
    blocked = index_blocks(rows, most=100)
    assert sorted(d for _, g in blocked.named_groups() for d in g) == sorted(events)
    f_whole = _bcubed(shared, events, [g for _, g in whole.named_groups()])
    f_blocked = _bcubed(shared, events, [g for _, g in blocked.named_groups()])
    # measured: 0.892 against 0.918 (blocks of 150: 0.917); events cut by a block's edge rejoin
    assert f_blocked >= f_whole - 0.03, (f_blocked, f_whole)


def test_an_event_scattered_over_every_block_mostly_rejoins(shared):
    """The worst order for blocks: each event's articles spread over all three. Measured: 0.843
    against one index's 0.898; the joins find most of the pieces (each block alone would give
    three stories for every event)."""
    rows, events = ecb_rows(shared, 300, shuffle=True)
    blocked = index_blocks(rows, most=100)
    assert _bcubed(shared, events, [g for _, g in blocked.named_groups()]) >= 0.82
