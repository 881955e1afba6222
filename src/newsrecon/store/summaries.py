"""One summary row per listed story (title, counts, outlets, members), written with the stories.

The web app lists stories newest first, filters them by date and outlet and pages through them;
with these rows (and their indexes) that reads a few index entries per page instead of every
stored story's documents. Which stored stories are listed: a corpus story once, in the version
of the latest run that filed it (its id is stable across corpus runs), and each story of a run
without --corpus under that run (such runs number their stories afresh, so ids repeat).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StoryRow:
    """What a summary is made from: a stored story, its members by content hash, its verdicts."""

    run: int
    id: str
    date: str | None
    shas: tuple[str, ...]
    statuses: tuple[str, ...]  # one per measure


def _marks(n: int) -> str:
    return ",".join("?" * n)


def save_summary(conn: sqlite3.Connection, row: StoryRow, corpus: bool) -> None:
    """Write the summary, outlets and member list of one story (the caller's transaction). A corpus
    story's summary replaces the one of the run that filed it before."""
    docs: dict[str, tuple] = {}
    for i in range(0, len(row.shas), 500):
        chunk = row.shas[i : i + 500]
        docs.update(
            (sha, rest)
            for sha, *rest in conn.execute(
                "SELECT sha256, title, coalesce(outlet, wire), coalesce(published, published_inferred)"
                f" FROM documents WHERE sha256 IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    members = [docs[sha] for sha in row.shas if sha in docs]
    titles = [title for title, _, _ in members if title]
    title = Counter(titles).most_common(1)[0][0] if titles else f"Story {row.id}"  # the dossier's headline
    outlets = sorted({outlet for _, outlet, _ in members if outlet})
    dates = sorted(date for _, _, date in members if date)
    sort_date = row.date or (dates[-1] if dates else "")
    if corpus:
        conn.execute("DELETE FROM story_summaries WHERE corpus = 1 AND id = ?", (row.id,))
    conn.execute(
        "INSERT OR REPLACE INTO story_summaries (run, id, corpus, sort_date, first_date, title, articles, outlets,"
        " measures, conflicts, changing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.run, row.id, int(corpus), sort_date, dates[0] if dates else None, title, len(members),
            len(outlets), len(row.statuses), row.statuses.count("conflict"), row.statuses.count("changing"),
        ),
    )  # fmt: skip
    conn.executemany(
        "INSERT OR IGNORE INTO story_outlets (run, id, outlet, sort_date) VALUES (?, ?, ?, ?)",
        [(row.run, row.id, outlet, sort_date) for outlet in outlets],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_articles (run, story, sha256, n) VALUES (?, ?, ?, ?)",
        [(row.run, row.id, sha, n) for n, sha in enumerate(row.shas) if sha in docs],
    )


def drop_unfiled(conn: sqlite3.Connection) -> None:
    """Corpus stories whose every article a later corpus run filed elsewhere (stories merged) are
    no longer listed."""
    conn.execute(
        "DELETE FROM story_summaries WHERE corpus = 1 AND id NOT IN (SELECT story FROM story_members)"
    )


def save_summaries(conn: sqlite3.Connection, rows: Sequence[StoryRow], corpus: bool) -> None:
    """The summaries of one run's stories."""
    for row in rows:
        save_summary(conn, row, corpus)
    if corpus:
        drop_unfiled(conn)


def backfill(conn: sqlite3.Connection) -> None:
    """Summaries of the stories a store held before it kept them (migration 0007_web).

    Runs stored then did not record whether they were corpus runs: a run counts as one when the
    store's filing (story_members) names it, or when its story shares its id and a member with a
    corpus story that a later run filed (an earlier version of that story). The latest version of
    each corpus story is listed; every other story is listed under its run.
    """
    filed_runs = {r for (r,) in conn.execute("SELECT DISTINCT run FROM story_members")}
    filed = dict(conn.execute("SELECT sha256, story FROM story_members"))
    filed_by = dict(conn.execute("SELECT story, max(run) FROM story_members GROUP BY story"))
    latest = dict(
        conn.execute(
            "SELECT id, sha256 FROM documents WHERE rowid IN (SELECT max(rowid) FROM documents GROUP BY id)"
        )
    )
    conn.executemany("UPDATE runs SET corpus = 1 WHERE id = ?", [(r,) for r in filed_runs])
    statuses: dict[tuple[int, str], list[str]] = {}
    for run, story, status in conn.execute("SELECT run, story, status FROM measures ORDER BY run, story, id"):
        statuses.setdefault((run, story), []).append(status)
    run_shas: dict[int, dict[str, str]] = {}
    for run, doc_id, sha in conn.execute(
        "SELECT rd.run, d.id, d.sha256 FROM run_documents rd JOIN documents d ON d.sha256 = rd.doc"
    ):
        run_shas.setdefault(run, {})[doc_id] = sha
    rows = conn.execute("SELECT run, id, date, docs FROM stories ORDER BY run, id").fetchall()
    for run, story_id, date, docs in rows:
        ids = json.loads(docs)
        shas = tuple(sha for i in ids if (sha := run_shas.get(run, {}).get(i) or latest.get(i)))
        row = StoryRow(run, story_id, date, shas, tuple(statuses.get((run, story_id), ())))
        corpus = run in filed_runs or (
            run < filed_by.get(story_id, 0) and any(filed.get(sha) == story_id for sha in shas)
        )
        save_summary(conn, row, corpus)
    drop_unfiled(conn)


def rows_of(run: int, stories: Iterable, sha_of: dict[str, str]) -> list[StoryRow]:
    """StoryRows of a run's `model.Story` records, members by content hash (`sha_of`: id -> sha256)."""
    return [
        StoryRow(
            run,
            s.id,
            s.date,
            tuple(sha_of[d] for d in s.docs if d in sha_of),
            tuple(m.status for m in s.measures),
        )
        for s in stories
    ]
