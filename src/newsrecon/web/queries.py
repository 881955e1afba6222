"""Read-only queries over the store for the web app's pages and API.

Every connection here is opened read-only (`mode=ro`): the store's one writer is `Store`, inside
`analyze`. Stories are the rows of `story_summaries` (see `newsrecon.store.summaries`): a corpus
story is addressed as ("corpus", id) and shows its latest run's version; a story of a run
without --corpus as (run number, id).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from newsrecon.model import Document, Event, Measure, Result, Story
from newsrecon.records import from_record

PAGE_SIZE = 25


def connect(db: Path) -> sqlite3.Connection:
    """A read-only connection to the store (pages never write)."""
    conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


@dataclass(frozen=True)
class StorySummary:
    """One listed story: what the stories page shows of it, and where it lives."""

    run: int
    id: str
    corpus: bool
    date: str
    first_date: str | None
    title: str
    articles: int
    outlets: int
    measures: int
    conflicts: int
    changing: int

    @property
    def scope(self) -> str:
        return "corpus" if self.corpus else str(self.run)

    @property
    def url(self) -> str:
        return f"/story/{self.scope}/{quote(self.id, safe='')}"

    def to_dict(self) -> dict:
        return {
            "scope": self.scope, "id": self.id, "run": self.run, "corpus": self.corpus, "date": self.date or None,
            "first_date": self.first_date, "title": self.title, "articles": self.articles, "outlets": self.outlets,
            "measures": self.measures, "conflicts": self.conflicts, "changing": self.changing, "url": self.url,
        }  # fmt: skip


SUMMARY_COLUMNS = "s.run, s.id, s.corpus, s.sort_date, s.first_date, s.title, s.articles, s.outlets, s.measures, s.conflicts, s.changing"


def _summary(row: tuple) -> StorySummary:
    run, sid, corpus, *rest = row
    return StorySummary(run, sid, bool(corpus), *rest)


def encode_cursor(s: StorySummary) -> str:
    """The keyset position after `s` (newest first: date, run, id descending), for a URL."""
    raw = json.dumps([s.date, s.run, s.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str, int, str] | None:
    """The position `encode_cursor` wrote, or None for a cursor that is not one (first page)."""
    if not cursor:
        return None
    try:
        date, run, sid = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return str(date), int(run), str(sid)
    except (ValueError, TypeError):
        return None


def _day_after(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def list_stories(
    conn: sqlite3.Connection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    outlet: str | None = None,
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> tuple[list[StorySummary], str | None]:
    """One page of stories, newest first, and the cursor of the next page (None on the last).

    Keyset pagination on an index (story_summaries_newest, or story_outlets_outlet when filtered
    by outlet), so page 1,000 costs what page 1 does."""
    table = (
        "story_outlets o JOIN story_summaries s ON s.run = o.run AND s.id = o.id"
        if outlet
        else "story_summaries s"
    )
    key = "o" if outlet else "s"
    where, args = [], []
    if outlet:
        where.append("o.outlet = ?")
        args.append(outlet)
    if date_from:
        where.append(f"{key}.sort_date >= ?")
        args.append(date_from.isoformat())
    if date_to:
        where.append(f"{key}.sort_date < ?")
        args.append(_day_after(date_to.isoformat()))
    position = decode_cursor(after)
    if position is not None:
        where.append(f"({key}.sort_date, {key}.run, {key}.id) < (?, ?, ?)")
        args.extend(position)
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM {table}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {key}.sort_date DESC, {key}.run DESC, {key}.id DESC LIMIT ?"
    )
    rows = [_summary(r) for r in conn.execute(sql, (*args, limit + 1))]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1]) if more and rows else None


def outlets(conn: sqlite3.Connection, limit: int = 500) -> list[str]:
    """Outlet names to filter by (from the index: a distinct scan)."""
    return [
        r[0]
        for r in conn.execute("SELECT DISTINCT outlet FROM story_outlets ORDER BY outlet LIMIT ?", (limit,))
    ]


def find_story(conn: sqlite3.Connection, scope: str, story_id: str) -> StorySummary | None:
    """The listed story at ("corpus", id) or (run, id); None when there is none."""
    if scope == "corpus":
        row = conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM story_summaries s WHERE s.corpus = 1 AND s.id = ?", (story_id,)
        ).fetchone()
    elif scope.isascii() and scope.isdigit() and len(scope) < 19:  # a run id SQLite can hold
        row = conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM story_summaries s WHERE s.corpus = 0 AND s.run = ? AND s.id = ?",
            (int(scope), story_id),
        ).fetchone()
    else:
        row = None
    return _summary(row) if row else None


def documents(conn: sqlite3.Connection, shas: list[str]) -> dict[str, Document]:
    """Stored documents by content hash, rebuilt from their records, with the date a story inferred."""
    out: dict[str, Document] = {}
    for i in range(0, len(shas), 500):
        chunk = shas[i : i + 500]
        rows = conn.execute(
            "SELECT r.sha256, r.record, d.published_inferred, d.published_inferred_basis FROM records r"
            f" JOIN documents d ON d.sha256 = r.sha256 WHERE r.sha256 IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for sha, record, inferred, basis in rows:
            try:
                doc = from_record(record)
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a record of a newsrecon this one cannot read
            out[sha] = replace(
                doc, published_inferred=(inferred, basis) if inferred else doc.published_inferred
            )
    return out


def story_result(conn: sqlite3.Connection, s: StorySummary) -> Result:
    """The stored story as a `Result` of one story, for the dossier writers and the contract's JSON:
    its documents (claims carrying the measure ids of this version of the story), measures and
    timeline."""
    date, duplicates, related = conn.execute(
        "SELECT date, duplicates, related FROM stories WHERE run = ? AND id = ?", (s.run, s.id)
    ).fetchone()
    shas = [
        r[0]
        for r in conn.execute(
            "SELECT sha256 FROM story_articles WHERE run = ? AND story = ? ORDER BY n", (s.run, s.id)
        )
    ]
    measures = tuple(
        Measure(
            mid, label, tuple(json.loads(claims)), status, why, independent, tuple(json.loads(sources)),
            category, unit, confidence=confidence if confidence is not None else 1.0,
            sequence=tuple(tuple(x) for x in json.loads(sequence or "[]")),
        )
        for mid, label, claims, status, why, independent, sources, category, unit, confidence, sequence in conn.execute(
            "SELECT id, label, claims, status, why, independent_sources, sources, category, unit, confidence, sequence"
            " FROM measures WHERE run = ? AND story = ? ORDER BY rowid",
            (s.run, s.id),
        )
    )  # fmt: skip
    events = tuple(
        Event(eid, edate, text, tuple(json.loads(docs)), basis, (), tuple(json.loads(notes)))
        for eid, edate, text, docs, basis, notes in conn.execute(
            "SELECT id, date, text, docs, basis, notes FROM events WHERE run = ? AND story = ? ORDER BY rowid",
            (s.run, s.id),
        )
    )
    measure_of = {cid: m.id for m in measures for cid in m.claims}
    found = documents(conn, shas)
    docs = tuple(
        replace(d, claims=tuple(replace(c, measure=measure_of.get(c.id)) for c in d.claims))
        for sha in shas
        if (d := found.get(sha)) is not None
    )
    story = Story(
        s.id,
        tuple(d.id for d in docs),
        tuple(tuple(g) for g in json.loads(duplicates)),
        measures,
        events,
        date,
        tuple(json.loads(related or "[]")),
    )
    return Result(documents=docs, stories=(story,))


@dataclass(frozen=True)
class StoredArticle:
    """An article page's document and where it is filed."""

    sha256: str
    document: Document
    stories: tuple[StorySummary, ...]


def article(conn: sqlite3.Connection, sha: str) -> StoredArticle | None:
    """The stored document with this content hash and the listed stories that hold it."""
    found = documents(conn, [sha])
    if sha not in found:
        return None
    stories = tuple(
        _summary(r)
        for r in conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM story_articles a JOIN story_summaries s ON s.run = a.run"
            " AND s.id = a.story WHERE a.sha256 = ? ORDER BY s.sort_date DESC, s.run DESC",
            (sha,),
        )
    )
    doc = found[sha]
    if stories:  # the measure ids of the story it is listed in first
        measure_of = {
            cid: mid
            for mid, claims in conn.execute(
                "SELECT id, claims FROM measures WHERE run = ? AND story = ?", (stories[0].run, stories[0].id)
            )
            for cid in json.loads(claims)
        }
        doc = replace(doc, claims=tuple(replace(c, measure=measure_of.get(c.id)) for c in doc.claims))
    return StoredArticle(sha, doc, stories)


@dataclass(frozen=True)
class SourceClaim:
    """A figure credited to a source, in one stored article."""

    sha256: str
    doc: str
    title: str | None
    outlet: str | None
    claim: str
    surface: str
    sentence: str
    line: int
    category: str


@dataclass(frozen=True)
class Disagreement:
    """A measure in conflict that holds a source's claims, in a listed story."""

    story: StorySummary
    measure: str
    label: str
    why: str | None
    confidence: float
    others: tuple[str, ...]


def source_claims(conn: sqlite3.Connection, name: str, limit: int = 500) -> list[SourceClaim]:
    """The figures credited to `name` across every stored article (by the claims_source index)."""
    return [
        SourceClaim(*row)
        for row in conn.execute(
            "SELECT d.sha256, d.id, d.title, coalesce(d.outlet, d.wire), c.id, c.surface, c.sentence, c.line, c.category"
            " FROM claims c JOIN documents d ON d.sha256 = c.doc WHERE c.source = ? ORDER BY d.rowid, c.start LIMIT ?",
            (name, limit),
        )
    ]


def source_disagreements(conn: sqlite3.Connection, name: str, limit: int = 200) -> list[Disagreement]:
    """Measures in conflict, in the listed stories, that hold figures of `name`: where others disagree."""
    rows = conn.execute(
        f"SELECT {SUMMARY_COLUMNS}, m.id, m.label, m.why, m.confidence, m.sources FROM measures m"
        " JOIN story_summaries s ON s.run = m.run AND s.id = m.story"
        " WHERE m.status = 'conflict' AND EXISTS (SELECT 1 FROM json_each(m.sources) WHERE value = ?)"
        " ORDER BY s.sort_date DESC, m.confidence DESC LIMIT ?",
        (name, limit),
    )
    out = []
    for row in rows:
        *summary, mid, label, why, confidence, sources = row
        others = tuple(x for x in json.loads(sources) if x != name)
        out.append(Disagreement(_summary(summary), mid, label, why, confidence or 1.0, others))
    return out


def source_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM source_names WHERE name = ?", (name,)).fetchone() is not None
