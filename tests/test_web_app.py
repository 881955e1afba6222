"""`newsrecon serve` over HTTP: pages, the JSON API, search, the token, the headers, the store's
summaries and their backfill, and the command's refusals. A real server on a real store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from newsrecon.store import Store
from newsrecon.web.security import CSP

from .web_server import TOKEN, built_store, running


@pytest.fixture(scope="module")
def server(shared: Path):
    return running(shared)


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.origin, timeout=30) as c:
        yield c


def _first_conflict_story(client: httpx.Client) -> dict:
    stories = client.get("/api/stories", params={"limit": 200}).json()["stories"]
    return next(s for s in stories if s["conflicts"] and "North Korea" in s["title"])


def test_web_pages_answer_with_safe_headers(client):
    story = _first_conflict_story(client)
    detail = client.get(f"/api/stories/corpus/{story['id']}").json()
    sha = detail["documents"][0]["sha256"]
    measure = next(m for m in detail["measures"] if m["status"] == "conflict")
    source = next(c["source"] for c in detail["claims"] if c["source"])
    pages = [
        "/", story["url"], f"{story['url']}/measure/{measure['id']}", f"/article/{sha}", "/search?q=troops",
        "/docs", "/add", "/login", "/?from=2025-01-01&to=2025-12-31", f"/?outlet={detail['documents'][0]['outlet']}",
    ]  # fmt: skip
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "style=" not in r.text, path  # the CSP forbids inline styles
    assert client.get("/source", params={"name": source}).status_code == 200
    assert client.get("/story/corpus/no-such-story").status_code == 404
    assert client.get("/article/0000").status_code == 404
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400  # no DNS rebinding


def test_web_stories_page_lists_newest_first_and_pages(client):
    first = client.get("/api/stories", params={"limit": 2}).json()
    dates = [s["date"] or "" for s in first["stories"]]
    assert dates == sorted(dates, reverse=True)
    assert first["next"]
    rest = client.get("/api/stories", params={"limit": 200, "after": first["next"]}).json()
    seen = [s["url"] for s in first["stories"] + rest["stories"]]
    assert len(seen) == len(set(seen)) >= 6  # the examples' story and the five gold stories at least
    assert rest["next"] is None
    only = client.get("/api/stories", params={"outlet": "Euromaidan Press"}).json()["stories"]
    assert only and all("North Korea" in s["title"] for s in only)


def test_web_api_gives_the_contract_shapes(client):
    story = _first_conflict_story(client)
    detail = client.get(f"/api/stories/corpus/{story['id']}").json()
    for key in ("documents", "claims", "measures", "timeline", "citations", "stories"):
        assert detail[key], key
    assert {"id", "docs", "duplicates"} <= set(detail["stories"][0])
    claim = detail["claims"][0]
    assert {"id", "doc", "start", "end", "line", "text", "quantity", "source", "via", "measure"} <= set(claim)
    measures = client.get(f"/api/stories/corpus/{story['id']}/measures").json()["measures"]
    assert measures[0]["status"] == "conflict"  # conflicts first
    assert all(c["measure"] for c in detail["claims"] if any(c["id"] in m["claims"] for m in measures))
    article = client.get(f"/api/articles/{detail['documents'][0]['sha256']}").json()
    assert article["document"]["id"] == detail["documents"][0]["id"] and article["claims"]
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/search", "/api/jobs", "/api/jobs/{job_id}"} <= set(spec["paths"])


def test_web_downloads_are_the_dossier_writers(client):
    story = _first_conflict_story(client)
    for fmt, start in (("html", b"<!doctype html>"), ("md", b"# "), ("json", b"{"), ("csv.zip", b"PK")):
        r = client.get(f"{story['url']}/dossier.{fmt}")
        assert r.status_code == 200 and r.content.startswith(start), fmt
        assert r.headers["content-disposition"].startswith("attachment")


def test_web_search_finds_claims_and_quotes_bad_syntax(client):
    hits = client.get("/api/search", params={"q": "troops"}).json()
    assert hits["claims"] and "<mark>" in hits["claims"][0]["snippet_html"]
    assert hits["articles"]
    for q in ['"', "AND (", "troops OR", "NEAR(", "*", "a'b\"c"]:
        assert client.get("/search", params={"q": q}).status_code == 200, q
        assert client.get("/api/search", params={"q": q}).status_code == 200, q
    hostile = client.get("/api/search", params={"q": "pwned"}).json()
    assert hostile["articles"]
    assert "<script>" not in hostile["articles"][0]["snippet_html"]  # escaped: &lt;script&gt;


def test_web_writes_need_the_token(client):
    files = {"files": ("a.txt", b"Some text.\n", "text/plain")}
    assert client.post("/api/jobs", files=files).status_code == 403
    assert client.post("/api/jobs", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 403
    # the cookie alone is not enough for a form: the CSRF field must come with it
    with httpx.Client(base_url=client.base_url, cookies={"newsrecon_token": TOKEN}) as browser_like:
        assert browser_like.post("/jobs", files=files).status_code == 403
        assert browser_like.post("/jobs", files=files, data={"csrf": "x"}).status_code == 403
    big = {"files": ("big.txt", b"x" * (21 * 1024 * 1024), "text/plain")}
    r = client.post("/api/jobs", files=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413 and "E504" in r.json()["error"]
    nothing = client.post(
        "/api/jobs", data={"urls": "javascript:alert(1)"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert nothing.status_code == 400 and "E505" in nothing.json()["error"]
    assert client.get("/login", params={"token": "wrong"}).status_code == 403


TRIGGERS = (
    "documents_search_insert", "documents_search_delete", "documents_search_update", "claims_search_insert",
    "claims_search_delete", "source_names_search_insert", "claims_source_name", "citations_source_name",
)  # fmt: skip


def _serve(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsrecon", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_web_serve_refuses_a_public_bind_without_token_and_a_missing_store(shared, tmp_path):
    db = built_store(shared)
    public = _serve(
        "--db", str(db), "--host", "0.0.0.0", "--port", "0", env={"PATH": "", "NEWSRECON_TOKEN": ""}
    )
    assert public.returncode == 6 and "E502" in public.stderr and "Traceback" not in public.stderr
    missing = _serve("--db", str(tmp_path / "none.db"))
    assert missing.returncode == 6 and "E501" in missing.stderr
    (tmp_path / "bad.db").write_text("not a database at all, just text " * 100)
    bad = _serve("--db", str(tmp_path / "bad.db"))
    assert bad.returncode == 4 and "E306" in bad.stderr and "Traceback" not in bad.stderr


def test_web_store_backfills_summaries_and_search(shared, tmp_path):
    """A store written before migration 0007 gets the same summaries and search rows when opened."""
    db = tmp_path / "old.db"
    with Store(built_store(shared)) as store:
        store.conn.execute("VACUUM INTO ?", (str(db),))
        expected = store.conn.execute("SELECT * FROM story_summaries ORDER BY run, id").fetchall()
        claims = store.conn.execute(
            "SELECT count(*) FROM search_claims WHERE search_claims MATCH 'troops'"
        ).fetchone()
    conn = sqlite3.connect(db)
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER {trigger}")
    for table in ("search_articles", "search_claims", "search_sources", "source_names", "story_outlets",
                  "story_articles", "story_summaries"):  # fmt: skip
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE runs DROP COLUMN corpus")
    conn.execute("DELETE FROM _migrations WHERE name = '0007_web'")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.applied_migrations()[-1] == "0007_web"
        assert store.conn.execute("SELECT * FROM story_summaries ORDER BY run, id").fetchall() == expected
        again = store.conn.execute("SELECT count(*) FROM search_claims WHERE search_claims MATCH 'troops'")
        assert again.fetchone() == claims


def test_web_pages_are_answered_from_memory_until_the_store_changes(tmp_path):
    from newsrecon import analyze
    from newsrecon.web.app import create_app
    from newsrecon.web.cache import PageCache

    from .conftest import EXAMPLES
    from .web_server import Server

    db = tmp_path / "news.db"
    analyze([EXAMPLES], db=db, corpus=True)
    server = Server(db)
    try:
        cache = server.server.config.app
        while not isinstance(cache, PageCache):  # the built app's outermost layer
            cache = getattr(cache, "app", None) or cache.middleware_stack
        with httpx.Client(base_url=server.origin, timeout=30) as c:
            first = c.get("/")
            hits = cache.hits
            again = c.get("/")
            assert again.text == first.text and cache.hits == hits + 1
            assert again.headers["content-security-policy"] == CSP  # the headers are kept with the page
            assert c.get("/", headers={"Host": "attacker.example"}).status_code == 400  # not from memory
            before = first.text.count('href="/story/')
            (tmp_path / "more").mkdir()
            (tmp_path / "more" / "other.txt").write_text(
                "Harbour bridge reopens after repairs\n\nPORTVILLE — The harbour bridge reopened on Friday after"
                " 14 months of repairs costing $38 million, the transport department said. About 42,000 drivers"
                " cross it each day, the department said, and tolls stay at $3.\n",
                encoding="utf-8",
            )
            analyze([tmp_path / "more"], db=db, corpus=True)  # a run writes: the page is rendered anew
            after = c.get("/")
            assert after.text.count('href="/story/') > before
    finally:
        server.stop()
    assert create_app(db, "t" * 24, cache_bytes=0)  # the cache can be turned off


ODD_PATHS = (
    "/story/corpus/%ff", "/story/corpus/%00", "/story/99999999999999999999999/x", "/story/%C2%B2/x", "/story/-1/x",
    "/article/..%2F..%2Fetc", "/article/%ff", "/search?q=%00", "/search?q=%ff%fe", '/search?q="', "/search?q=NEAR(a b)",
    "/search?q=*", "/search?q=" + "a" * 5000, "/?from=notadate", "/?to=2025-13-45", "/?outlet=%3Cscript%3E",
    "/?cursor=garbage", "/?page=-1", "/?limit=100000000", "/api/stories?limit=-5", "/api/stories?cursor=%ff",
    "/source?name=%ff", "/story/corpus/x/measure/%ff", "/story/corpus/x/dossier.exe", "/jobs/abc",
    "/jobs/99999999999999999999", "/api/jobs/-1", "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
)  # fmt: skip


def test_web_odd_requests_get_an_answer_not_a_server_error(client):
    for path in ODD_PATHS:
        r = client.get(path)
        assert r.status_code < 500, (path, r.status_code)
        assert "Traceback" not in r.text and "root:" not in r.text, path


def test_web_a_page_that_fails_is_a_coded_page_and_one_log_line(tmp_path, monkeypatch, caplog):
    from newsrecon import analyze
    from newsrecon.web import queries

    from .conftest import EXAMPLES
    from .web_server import Server

    db = tmp_path / "news.db"
    analyze([EXAMPLES], db=db)
    server = Server(db)
    try:

        def broken(*args, **kwargs):
            raise RuntimeError("a bug in the stories query")

        monkeypatch.setattr(
            queries, "list_stories", broken
        )  # a fault injected into the app, not the thing tested
        with httpx.Client(base_url=server.origin, timeout=30) as c, caplog.at_level("ERROR", "newsrecon.web"):
            r = c.get("/")
        assert r.status_code == 500 and "[E509]" in r.text
        assert r.headers["content-security-policy"] == CSP
        assert any("E509" in m and "a bug in the stories query" in m for m in caplog.messages)
    finally:
        server.stop()
