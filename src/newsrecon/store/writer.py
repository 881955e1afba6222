"""The one writer of the SQLite store: WAL mode, recorded migrations, content-hash idempotence.

Readers (datasette, the web UI, ad-hoc queries) may open the file at any time; only `Store`
writes, and each run is one transaction, so a failure leaves what was stored before intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from newsrecon import __version__, limits
from newsrecon.errors import StoreError
from newsrecon.model import Claim, Document, Metadata, RawDocument, Referent, Result
from newsrecon.records import from_record, pipeline_version, to_record
from newsrecon.store import summaries
from newsrecon.store.schema import MIGRATIONS

T = TypeVar("T")
# Work a migration needs beyond its SQL, run in its transaction: rows computed in Python.
BACKFILLS = {"0007_web": summaries.backfill}


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError for what SQLite reported: locked, read-only, damaged, full, or else E301."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError("E304", detail=f"{path}, waited {limits.STORE_BUSY_SECONDS:g} s")
    if "readonly" in text or "read-only" in text:
        return StoreError("E305", detail=path)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError("E306", detail=path)
    if "full" in text or "disk i/o" in text:
        return StoreError("E307", detail=f"{path}: {exc}")
    return StoreError("E301", detail=f"{path}: {exc}")


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    """A Store method whose SQLite errors come out as `StoreError`s naming the file and the cause."""

    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from exc

    return run


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _statements(script: str) -> list[str]:
    """Split an SQL script into statements (sqlite3 knows where one ends, comments and all)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


TABLES = frozenset(
    "documents paragraphs removed meta_fields claims citations runs problems run_documents stories measures events"
    " records story_members story_summaries story_outlets story_articles source_names".split()
)


def _chunks(hashes: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """`hashes` in pieces SQLite can bind (its limit on parameters), each with its "?,?,..." list."""
    for i in range(0, len(hashes), size):
        chunk = hashes[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


def _claim_row(doc: str, c: Claim) -> tuple:
    q = c.quantity
    r = c.referent or Referent()
    return (
        doc, c.id, c.start, c.end, c.line, c.surface, c.text, q.low, q.high, int(q.approximate), q.hedge, q.unit,
        q.counted, q.category, q.kind, int(q.vague), c.source, c.source_surface, c.source_start, c.source_end,
        json.dumps(list(c.via)), c.basis, c.measure, r.thing, r.predicate, r.holder, r.scope, r.time, r.unit,
        r.side, r.start, r.end,
    )  # fmt: skip


class Store:
    """An open newsrecon database. Use as a context manager; it closes the connection on exit."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute(f"PRAGMA busy_timeout={int(limits.STORE_BUSY_SECONDS * 1000)}")
            self.migrate()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not undone it already (it does on a full disk,
        and a ROLLBACK then would fail and hide the error that matters)."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the first error is the one to report
                self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has had, in order."""
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY id")]

    def migrate(self) -> None:
        """Apply the migrations this database has not had yet, each in its own transaction."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        done = set(self.applied_migrations())
        known = {name for name, _ in MIGRATIONS}
        unknown = sorted(done - known)
        if unknown:
            raise StoreError("E302", detail=", ".join(unknown))
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    self.conn.execute("COMMIT")  # another process applied it while this one waited
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                if name in BACKFILLS:
                    BACKFILLS[name](self.conn)
                self.conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    @_guarded
    def records(self, wanted: list[tuple[str, str]], any_code: bool = False) -> dict[str, Document]:
        """What the per-document stages made of texts stored before, by content hash: only for
        (sha256, id) pairs stored under the same id, and only when this very code made it
        (`pipeline_version`) unless `any_code` (a story built from documents stored by an older
        newsrecon takes them as they were then)."""
        found: dict[str, Document] = {}
        ids: dict[str, set[str]] = {}
        for sha, doc_id in wanted:
            ids.setdefault(sha, set()).add(doc_id)
        hashes = list(ids)
        same_code = "" if any_code else " AND r.version = ?"
        for chunk, marks in _chunks(hashes):
            rows = self.conn.execute(
                "SELECT r.sha256, r.record FROM records r JOIN documents d ON d.sha256 = r.sha256"
                f" WHERE r.sha256 IN ({marks}){same_code}",
                (*chunk, *(() if any_code else (pipeline_version(),))),
            )
            for sha, record in rows:
                try:
                    doc = from_record(record)
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue  # a record this code cannot read: the document is processed again
                if doc.id in ids[sha]:
                    found[sha] = doc
        return found

    @_guarded
    def corpus(self, bodies: bool = True) -> list[tuple[str, str, str, str, str | None]]:
        """(sha256, id, title, body, published) of every stored document, oldest first, for story
        clustering; of texts stored under one id (an article scraped again after an edit), the latest.
        Without `bodies`, title and body are empty (`texts` fetches the few that are needed)."""
        columns = "coalesce(title, ''), body" if bodies else "'', ''"
        rows = self.conn.execute(
            f"SELECT sha256, id, {columns}, published FROM documents"
            " WHERE rowid IN (SELECT max(rowid) FROM documents GROUP BY id) ORDER BY rowid"
        )
        return rows.fetchall()

    @_guarded
    def ids(self, hashes: list[str]) -> dict[str, str]:
        """The id each stored text has, by content hash."""
        out: dict[str, str] = {}
        for chunk, marks in _chunks(hashes):
            out.update(
                self.conn.execute(f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})", chunk)
            )
        return out

    @_guarded
    def texts(self, hashes: list[str]) -> dict[str, tuple[str, str]]:
        """(title, body) of stored documents, by content hash."""
        out: dict[str, tuple[str, str]] = {}
        for chunk, marks in _chunks(hashes):
            rows = self.conn.execute(
                f"SELECT sha256, coalesce(title, ''), body FROM documents WHERE sha256 IN ({marks})", chunk
            )
            out.update((sha, (title, body)) for sha, title, body in rows)
        return out

    @_guarded
    def story_index(self, version: str) -> dict | None:
        """The story index the latest corpus run left (`StoryIndex.snapshot`), or None when there is
        none, or clustering code of another `version` made it (the index is then rebuilt)."""
        row = self.conn.execute("SELECT version, data FROM story_index WHERE id = 1").fetchone()
        if row is None or row[0] != version:
            return None
        try:
            return json.loads(zlib.decompress(row[1]))
        except (zlib.error, ValueError):
            return None  # unreadable: rebuilt, and replaced by this run's

    @_guarded
    def raw_documents(self, hashes: list[str]) -> list[RawDocument]:
        """Stored texts as inputs again, in the order of `hashes`, with their stored metadata as
        hints (for documents stored before the store kept records)."""
        found: dict[str, RawDocument] = {}
        for chunk, marks in _chunks(hashes):
            rows = self.conn.execute(
                "SELECT sha256, id, text, source, encoding, title, byline, published, outlet FROM documents"
                f" WHERE sha256 IN ({marks})",
                chunk,
            )
            for sha, doc_id, text, source, encoding, *meta in rows:
                hints = tuple(
                    (k, v) for k, v in zip(("title", "byline", "published", "outlet"), meta, strict=True) if v
                )
                found[sha] = RawDocument(doc_id, text, source, encoding, sha, hints)
        return [found[sha] for sha in hashes if sha in found]

    @_guarded
    def last_corpus_run(self) -> int | None:
        """The latest run that filed articles into corpus stories: a corpus run notes it when it
        starts, and its stories are stored only if no other one has filed any since."""
        return self.conn.execute("SELECT max(run) FROM story_members").fetchone()[0]

    @_guarded
    def filed(self) -> dict[str, str]:
        """The corpus story each stored document was filed in, by content hash (see `save_run`)."""
        return dict(self.conn.execute("SELECT sha256, story FROM story_members").fetchall())

    @_guarded
    def save_run(
        self,
        result: Result,
        inputs: list[str],
        records: list[Document] = (),
        corpus: bool = False,
        index: tuple[str, dict] | None = None,
        filed_after: int | None = None,
    ) -> int:
        """Store a run's documents (each text once) and problems in one transaction; return the run id.

        `records`: the per-document stages' output for documents processed in this run, kept so
        that a later run over the same texts can skip those stages. `corpus`: the run's stories
        span the whole store (every stored document was filed), so they become the stories that
        later corpus runs keep and add to; `index` is then (version, data) of their story index
        (`StoryIndex.snapshot`), which the next corpus run adds to instead of reading every stored
        text again. `filed_after`: `last_corpus_run` as the corpus run found it; when another run
        has filed articles since, nothing is stored and StoreError E303 is raised (the two would
        have given one story id to two stories).
        """
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if corpus and self.last_corpus_run() != filed_after:
                raise StoreError("E303", detail=self.path)
            run = self.conn.execute(
                "INSERT INTO runs (started_at, inputs, version, corpus) VALUES (?, ?, ?, ?)",
                (_now(), json.dumps(inputs), __version__, int(corpus)),
            ).lastrowid
            added = 0
            for doc in result.documents:
                added += self._save_document(doc)
                self.conn.execute(
                    "INSERT OR IGNORE INTO run_documents (run, doc) VALUES (?, ?)", (run, doc.sha256)
                )
            self.conn.executemany(
                "INSERT INTO problems (run, source, code, reason) VALUES (?, ?, ?, ?)",
                [(run, p.source, p.code, p.reason) for p in result.problems],
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO records (sha256, version, record) VALUES (?, ?, ?)",
                # a generator, not a list: a streaming run's records come off disk one at a time
                # (listed, 100,000 records held 1.5 GB at once)
                ((doc.sha256, pipeline_version(), to_record(doc)) for doc in records),
            )
            self._save_stories(run, result, corpus)
            if corpus and index is not None:
                version, data = index
                self.conn.execute(
                    "INSERT OR REPLACE INTO story_index (id, version, run, data) VALUES (1, ?, ?, ?)",
                    (version, run, zlib.compress(json.dumps(data).encode(), 1)),
                )
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, documents = ?, added = ?, problems = ? WHERE id = ?",
                (_now(), len(result.documents), added, len(result.problems), run),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return run

    def _save_stories(self, run: int, result: Result, corpus: bool) -> None:
        """A run's stories, measures and timeline: they depend on the run's set of documents."""
        for story in result.stories:
            self.conn.execute(
                "INSERT INTO stories (run, id, date, docs, duplicates, related) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    run,
                    story.id,
                    story.date,
                    json.dumps(list(story.docs)),
                    json.dumps([list(g) for g in story.duplicates]),
                    json.dumps(list(story.related)),
                ),
            )
            self.conn.executemany(
                "INSERT INTO measures (run, story, id, label, status, why, independent_sources, sources, claims,"
                " category, unit, confidence, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run, story.id, m.id, m.label, m.status, m.why, m.independent_sources, json.dumps(list(m.sources)),
                     json.dumps(list(m.claims)), m.category, m.unit, m.confidence, json.dumps([list(x) for x in m.sequence]))
                    for m in story.measures
                ],
            )  # fmt: skip
            self.conn.executemany(
                "INSERT INTO events (run, story, id, date, text, docs, basis, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run,
                        story.id,
                        e.id,
                        e.date,
                        e.text,
                        json.dumps(list(e.docs)),
                        e.basis,
                        json.dumps(list(e.notes)),
                    )
                    for e in story.timeline
                ],
            )
        sha = {d.id: d.sha256 for d in result.documents}
        if corpus:
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_members (sha256, story, run) VALUES (?, ?, ?)",
                [(sha[d], story.id, run) for story in result.stories for d in story.docs],
            )
        for doc in result.documents:  # a story can date a document that was stored before it
            if doc.published_inferred:
                self.conn.execute(
                    "UPDATE documents SET published_inferred = ?, published_inferred_basis = ? WHERE sha256 = ?",
                    (*doc.published_inferred, doc.sha256),
                )
        summaries.save_summaries(self.conn, summaries.rows_of(run, result.stories, sha), corpus)

    def _save_document(self, doc: Document) -> int:
        """Insert a document and its parts unless its text is already stored; 1 if added."""
        if not doc.sha256:
            raise ValueError(f"{doc.source}: document has no content hash; it cannot be stored")
        meta: Metadata = doc.meta
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO documents (sha256, id, source, encoding, text, body, title, byline, published,"
            " outlet, dateline, wire, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.sha256,
                doc.id,
                doc.source,
                doc.encoding,
                doc.text,
                doc.body,
                *(meta.value(f) for f in Metadata.FIELDS),
                doc.confidence,
            ),
        )
        if cur.rowcount == 0:
            return 0
        self.conn.executemany(
            'INSERT INTO paragraphs (doc, n, start, "end") VALUES (?, ?, ?, ?)',
            [(doc.sha256, n, p.start, p.end) for n, p in enumerate(doc.paragraphs)],
        )
        self.conn.executemany(
            'INSERT INTO removed (doc, n, start, "end", reason, text) VALUES (?, ?, ?, ?, ?, ?)',
            [
                (doc.sha256, n, r.start, r.end, r.reason, doc.text[r.start : r.end])
                for n, r in enumerate(doc.removed)
            ],
        )
        self.conn.executemany(
            'INSERT INTO claims (doc, id, start, "end", line, surface, sentence, low, high, approximate, hedge,'
            " unit, counted, category, kind, vague, source, source_surface, source_start, source_end, via, basis,"
            " measure, referent_thing, referent_predicate, referent_holder, referent_scope, referent_time,"
            " referent_unit, referent_side, referent_start, referent_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_claim_row(doc.sha256, c) for c in doc.claims],
        )
        self.conn.executemany(
            'INSERT INTO citations (doc, source, surface, start, "end", basis) VALUES (?, ?, ?, ?, ?, ?)',
            [(doc.sha256, c.source, c.surface, c.start, c.end, c.basis) for c in doc.citations],
        )
        self.conn.executemany(
            'INSERT INTO meta_fields (doc, field, value, start, "end") VALUES (?, ?, ?, ?, ?)',
            [
                (doc.sha256, name, f.value, f.start, f.end)
                for name in Metadata.FIELDS
                if (f := getattr(meta, name)) is not None
            ],
        )
        return 1

    @_guarded
    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
