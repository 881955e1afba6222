from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys

import pytest

from newsrecon import analyze
from newsrecon.errors import NoInputError
from newsrecon.model import Document, Metadata, Result
from newsrecon.store import Store
from newsrecon.store.schema import MIGRATIONS

from .conftest import EXAMPLES


def test_store_wal_and_migrations_recorded(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db) as store:  # reopening applies nothing twice
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_store_rerun_adds_nothing_twice(tmp_path):
    db = tmp_path / "s.db"
    analyze([EXAMPLES], db=db)
    with Store(db) as store:
        counts = {t: store.count(t) for t in ("documents", "paragraphs", "removed", "meta_fields", "claims")}
    analyze([EXAMPLES], db=db)
    with Store(db) as store:
        assert {t: store.count(t) for t in counts} == counts
        assert store.count("runs") == 2
        added = [r[0] for r in store.conn.execute("select added from runs order by id")]
    assert added == [4, 0]
    assert counts["documents"] == 4
    assert counts["claims"] > 20
    with Store(db) as store:
        assert store.count("stories") == 2 and store.count("measures") > 5 and store.count("events") > 5
        assert store.count("citations") > 5
        inferred = store.conn.execute("select count(*) from documents where published_inferred is not null")
        assert inferred.fetchone()[0] == 1


def test_store_keeps_what_it_had_when_a_run_fails(tmp_path):
    db = tmp_path / "s.db"
    analyze([EXAMPLES], db=db)
    broken = Document(
        id="x",
        text="t",
        source="x.txt",
        encoding="utf-8",
        sha256=None,
        paragraphs=(),
        removed=(),
        meta=Metadata(),
        body="t",
    )
    fresh = analyze([EXAMPLES / "01_continental-press.txt"]).documents[0]
    fresh = dataclasses.replace(fresh, text=fresh.text + "\nedited", sha256="f" * 64)
    with Store(db) as store, pytest.raises(ValueError, match="no content hash"):
        store.save_run(Result(documents=(fresh, broken)), ["x.txt"])
    with Store(db) as store:
        assert store.count("documents") == 4
        assert store.count("runs") == 1


def test_store_rejects_newer_schema(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.conn.execute("INSERT INTO _migrations (name, applied_at) VALUES ('9999_future', 'now')")
    from newsrecon.errors import StoreError

    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code == "E302"


def test_store_browsable_with_datasette(tmp_path):
    from datasette.app import Datasette

    db = tmp_path / "news.db"
    analyze([EXAMPLES], db=db)

    async def fetch():
        ds = Datasette([str(db)])
        tables = await ds.client.get("/news.json")
        rows = await ds.client.get("/news/documents.json?_shape=array&_col=title")
        return tables, rows

    tables, rows = asyncio.run(fetch())
    assert tables.status_code == 200
    names = {t["name"] for t in tables.json()["tables"]}
    assert {"documents", "paragraphs", "removed", "meta_fields", "claims", "runs", "_migrations"} <= names
    assert rows.status_code == 200
    assert len(rows.json()) == 4


def test_store_records_give_back_the_documents_exactly():
    from newsrecon.pipeline import process_inputs
    from newsrecon.records import from_record, to_record
    from newsrecon.shelf import Shelf

    shelf = Shelf()
    run = process_inputs([EXAMPLES], shelf)
    assert not run.problems and run.order == run.fresh and len(run.order) == 4
    for doc in shelf.get_all(run.order):
        assert doc.claims and doc.dates
        assert from_record(to_record(doc)) == doc


def test_store_second_run_takes_the_stored_work(tmp_path, monkeypatch):
    from newsrecon import pipeline

    db = tmp_path / "s.db"
    first = analyze([EXAMPLES], db=db)

    def must_not_run(raw):
        raise AssertionError(f"{raw.id} processed again")

    monkeypatch.setattr(pipeline, "process_document", must_not_run)
    again = analyze([EXAMPLES], db=db)
    assert not again.problems
    assert again.to_dict() == first.to_dict()
    with pytest.raises(NoInputError, match="processed again"):  # --reprocess: every article is redone
        analyze([EXAMPLES], db=db, reuse=False)


def test_store_corpus_runs_keep_their_stories_and_new_articles_join(tmp_path, shared):
    quake = sorted((shared / "corpus" / "aceh-quake").glob("*.txt"))
    mine = sorted(EXAMPLES.glob("*.txt"))
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    for folder, files in ((day1, mine[:2] + quake[:3]), (day2, mine[2:] + quake[3:5])):
        folder.mkdir()
        for f in files:
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "news.db"
    first = analyze([day1], db=db, corpus=True)
    story_of = {d: s.id for s in first.stories for d in s.docs}
    assert len(first.stories) == 2
    second = analyze([day2], db=db, corpus=True)
    assert len(second.documents) == 9 and len(second.stories) == 2
    now = {d: s.id for s in second.stories for d in s.docs}
    assert all(now[d] == story_of[d] for d in story_of)  # stories kept their ids and members
    assert now[mine[3].stem] == now[mine[0].stem] and now[quake[4].stem] == now[quake[0].stem]
    with Store(db) as store:
        assert store.count("records") == 9 and store.count("story_members") == 9
        assert [r[0] for r in store.conn.execute("SELECT added FROM runs ORDER BY id")] == [5, 4]
    plain = analyze([day2], db=db)  # without --corpus: this run's articles only
    assert len(plain.documents) == 4


def _days(tmp_path, shared) -> tuple:
    """Two days of articles: the examples and the first aceh-quake reports, then more of both."""
    quake = sorted((shared / "corpus" / "aceh-quake").glob("*.txt"))
    mine = sorted(EXAMPLES.glob("*.txt"))
    days = []
    for name, files in (("day1", mine[:2] + quake[:3]), ("day2", mine[2:] + quake[3:5])):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        for f in files:
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        days.append(folder)
    return tuple(days)


def test_store_corpus_run_adds_to_the_story_index_the_last_one_left(tmp_path, shared, monkeypatch):
    from newsrecon.align.cluster import snapshot_version

    day1, day2 = _days(tmp_path, shared)
    kept, rebuilt = tmp_path / "kept.db", tmp_path / "rebuilt.db"
    for db in (kept, rebuilt):
        analyze([day1], db=db, corpus=True)
    with Store(kept) as store:
        assert store.conn.execute("SELECT version, run FROM story_index").fetchall() == [
            (snapshot_version(), 1)
        ]
    with Store(rebuilt) as store:
        store.conn.execute("UPDATE story_index SET version = 'other clustering code'")
    read: list[list[str]] = []
    real = Store.texts
    monkeypatch.setattr(Store, "texts", lambda self, hashes: read.append(hashes) or real(self, hashes))
    second = analyze([day2], db=kept, corpus=True)
    assert read == [[]]  # no stored text was read again to file the new articles
    again = analyze([day2], db=rebuilt, corpus=True)
    assert len(read[1]) == 5  # another code's index is not added to: rebuilt from the stored texts
    assert [(s.id, sorted(s.docs)) for s in second.stories] == [(s.id, sorted(s.docs)) for s in again.stories]
    with Store(rebuilt) as store:
        assert store.conn.execute("SELECT version, run FROM story_index").fetchall() == [
            (snapshot_version(), 2)
        ]


def test_store_corpus_run_files_articles_a_plain_run_stored(tmp_path, shared):
    day1, day2 = _days(tmp_path, shared)
    db = tmp_path / "news.db"
    first = analyze([day1], db=db, corpus=True)
    analyze([day2], db=db)  # stored, not filed
    third = analyze([day1], db=db, corpus=True)  # the same texts again: day 2's are filed now
    assert {s.id for s in third.stories} == {s.id for s in first.stories}
    assert sum(len(s.docs) for s in third.stories) == 9
    with Store(db) as store:
        assert store.count("story_members") == 9


def test_store_corpus_run_with_one_text_under_two_ids(tmp_path, shared):
    """The store keeps a text once; the index filed both ids, and day 2 must not look for the second."""
    day1, day2 = _days(tmp_path, shared)
    first = sorted(day1.glob("*.txt"))[-1]
    (day1 / f"copy-of-{first.name}").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "news.db"
    analyze([day1], db=db, corpus=True)
    second = analyze([day2], db=db, corpus=True)
    assert sum(len(s.docs) for s in second.stories) == 9


def test_store_corpus_runs_that_overlap_store_one(tmp_path, shared):
    """Two corpus runs at once would give one story id to two stories: the later to finish stores
    nothing and says to run it again; what the other stored stays."""
    from newsrecon.errors import StoreError

    day1, day2 = _days(tmp_path, shared)
    db = tmp_path / "news.db"

    def meanwhile(stage: str, done: int, total: int | None) -> None:
        if stage == "store":  # the first run is about to write: another one files first
            analyze([day2], db=db, corpus=True)

    with pytest.raises(StoreError, match="another corpus run filed articles") as caught:
        analyze([day1], db=db, corpus=True, progress=meanwhile)
    assert caught.value.code == "E303"
    with Store(db) as store:
        assert store.count("runs") == 1 and store.count("story_members") == 4
    again = analyze([day1], db=db, corpus=True)  # run again: filed among what the other stored
    assert sum(len(s.docs) for s in again.stories) >= 5


def test_store_corpus_needs_a_store(tmp_path):
    with pytest.raises(ValueError, match="needs a store"):
        analyze([EXAMPLES], corpus=True)


def test_store_records_of_other_code_are_redone(tmp_path, monkeypatch):
    from newsrecon import pipeline

    db = tmp_path / "s.db"
    analyze([EXAMPLES], db=db)
    with Store(db) as store:
        store.conn.execute("UPDATE records SET version = 'older code'")
    done = []
    real = pipeline.process_document
    monkeypatch.setattr(pipeline, "process_document", lambda raw: done.append(raw.id) or real(raw))
    analyze([EXAMPLES], db=db)
    assert len(done) == 4
    with Store(db) as store:
        assert {v for (v,) in store.conn.execute("SELECT version FROM records")} != {"older code"}


def test_store_corpus_takes_the_latest_text_of_an_id(tmp_path):
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "news.db"
    analyze([folder], db=db, corpus=True)
    edited = article.read_text(encoding="utf-8") + "\nThis article was updated with new figures.\n"
    (folder / article.name).write_text(edited, encoding="utf-8")
    analyze([folder], db=db, corpus=True)
    (folder / article.name).unlink()
    other = sorted(EXAMPLES.glob("*.txt"))[1]
    (folder / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    third = analyze([folder], db=db, corpus=True)
    ids = [d.id for d in third.documents]
    assert sorted(ids) == sorted([article.stem, other.stem])  # one document per id, the edited text
    assert "updated with new figures" in next(d for d in third.documents if d.id == article.stem).text


def test_store_corpus_result_holds_the_stories_a_run_touched(tmp_path, shared):
    quake = sorted((shared / "corpus" / "aceh-quake").glob("*.txt"))
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir()
    day2.mkdir()
    for f in [*EXAMPLES.glob("*.txt"), *quake[:3]]:
        (day1 / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    for f in quake[3:5]:
        (day2 / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "news.db"
    first = analyze([day1], db=db, corpus=True)
    quake_story = next(s.id for s in first.stories if quake[0].stem in s.docs)
    with Store(db) as store:
        store.conn.execute("DELETE FROM records")  # as if stored before the store kept records
    second = analyze([day2], db=db, corpus=True)
    assert [s.id for s in second.stories] == [quake_story]  # the examples' story was not touched
    assert sorted(second.stories[0].docs) == sorted(f.stem for f in quake[:5])
    assert all(d.claims for d in second.documents if d.id == quake[0].stem)  # processed again from the store
    with Store(db) as store:
        assert store.count("records") == 5 and store.count("story_members") == 4 + 5


def test_store_unreadable_record_is_processed_again(tmp_path):
    db = tmp_path / "s.db"
    first = analyze([EXAMPLES], db=db)
    with Store(db) as store:
        store.conn.execute("UPDATE records SET record = '{\"id\": 1' WHERE rowid = 1")
        store.conn.execute('UPDATE records SET record = \'{"not": "a document"}\' WHERE rowid = 2')
    again = analyze([EXAMPLES], db=db)
    assert not again.problems and again.to_dict() == first.to_dict()


def test_store_corpus_run_redoes_records_made_before_referents(tmp_path):
    """A record an older newsrecon stored (claims without referents) is processed again when its
    story is rebuilt, so the story's figures are aligned by what they measure."""
    import json
    import shutil
    import sqlite3

    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir()
    day2.mkdir()
    examples = sorted(EXAMPLES.glob("0*.txt"))
    for p in examples[:3]:
        shutil.copy(p, day1 / p.name)
    shutil.copy(examples[3], day2 / examples[3].name)
    db = tmp_path / "news.db"
    analyze([day1], db=db, corpus=True)
    conn = sqlite3.connect(db)
    for sha, record in conn.execute("SELECT sha256, record FROM records").fetchall():
        data = json.loads(record)
        for c in data["claims"]:
            c.pop("referent", None)  # as the code before referents wrote them
        conn.execute(
            "UPDATE records SET record = ?, version = 'old' WHERE sha256 = ?", (json.dumps(data), sha)
        )
    conn.commit()
    conn.close()
    result = analyze([day2], db=db, corpus=True)
    claims = [c for d in result.documents for c in d.claims]
    assert len(result.documents) == 4 and claims
    assert all(c.referent is not None for c in claims)


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    # Each process read which migrations were applied before it took the write lock; the one that
    # waited then applied them again ("table documents already exists").
    code = "import sys; from newsrecon.store.writer import Store; Store(sys.argv[1]).close()"
    for round_ in range(3):
        db = tmp_path / f"new-{round_}.db"
        runs = [
            subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        for run in runs:
            assert run.wait(timeout=120) == 0, run.stderr.read()
