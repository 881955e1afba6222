from __future__ import annotations

import asyncio
import dataclasses

import pytest

from newsrecon import analyze
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
