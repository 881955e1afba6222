"""The web app in a real browser (Debian's Chromium, driven by Playwright) against a real server:
every page type loads with no console error and no request leaving the app; a conflict shows;
search finds a claim; hostile article text stays text; an upload and a URL fetch add articles
that then appear in their stories."""

from __future__ import annotations

import http.server
import threading
from functools import partial
from pathlib import Path

import pytest

from .test_report_browser import browser  # noqa: F401  (a fixture: Debian's chromium, or skip / fail in CI)
from .web_server import TOKEN, running

# An invented report on the examples' event (the Millbrook levee breach), to add from the app.
UPLOADED = """Millbrook levee repair bill put at $12 million

By Dana Reyes
March 5, 2026

MILLBROOK — Repairing the breached Millbrook levee will cost about $12 million, county engineers said on Thursday, as crews worked to close the gap that flooded the town's lower districts.

About 3,000 residents remain out of their homes after the levee breach, according to the county emergency office.
"""
FETCHED = """<!doctype html><html><head><title>Millbrook levee breach: schools to stay shut</title>
<meta name="author" content="Sam Ortiz"><meta property="article:published_time" content="2026-03-06">
</head><body><article><h1>Millbrook levee breach: schools to stay shut</h1>
<p>MILLBROOK — All 9 schools in Millbrook will stay closed next week after the levee breach flooded
the town, the county school board said on Friday.</p>
<p>About 2,500 pupils are affected, the board said, and classes may move online.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def server(shared: Path):
    return running(shared)


@pytest.fixture()
def page(browser, server):  # noqa: F811  (the fixture imported above)
    """A page that records console problems, page errors, dialogs and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems, pg.requests = [], []
    pg.on(
        "console",
        lambda m: pg.problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def _clean(pg, server) -> None:
    assert pg.problems == []
    assert all(u.startswith(server.origin + "/") for u in pg.requests), pg.requests


def test_web_browser_every_page_type_loads_cleanly(page, server):
    page.goto(server.origin + "/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() >= 6
    page.locator("table.stories a", has_text="North Korea").first.click()
    page.wait_for_url("**/story/**")
    conflict = page.locator("#conflicts .conflict").first
    conflict.wait_for()
    assert conflict.is_visible() and "conflict" in conflict.inner_text()
    assert page.locator("#citations svg line").count() >= 1
    assert page.locator("#timeline svg").count() == 1
    story_url = page.url
    conflict.locator("h3 a").click()  # the measure page
    page.wait_for_url("**/measure/**")
    assert page.locator(".claim-card").count() >= 2
    page.goto(story_url)
    page.locator("#articles li a").first.click()  # an article page
    page.wait_for_url("**/article/**")
    article_url = page.url
    mark = page.locator("mark.claim").first
    tip = mark.locator(".tip")
    assert not tip.is_visible()
    mark.focus()  # the source shows on keyboard focus, not only on hover
    assert tip.is_visible() and tip.inner_text().strip()
    removed = page.locator("details.removed li").first
    if removed.count():
        assert not removed.is_visible()
        page.locator("details.removed summary").click()
        assert removed.is_visible()
    page.locator("table a[href^='/source?']").first.click()  # a source page
    page.wait_for_url("**/source?**")
    assert page.locator("h1").inner_text().strip()
    for path in ("/search?q=troops", "/docs", "/add", "/login", "/?from=2025-01-01&to=2025-12-31"):
        page.goto(server.origin + path)
        assert page.locator("h1").count() == 1, path
    # A phone, and a 1280-pixel window zoomed to 400% (320 CSS pixels): nothing wider than the
    # screen; wide tables scroll inside their own box.
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for url in (story_url, server.origin + "/", article_url):
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, url)
    _clean(page, server)


def test_web_browser_related_stories_link_each_other(page, server):
    """Two events of one kind (ECB+ topic 2: two Oscars hosts named, years apart) are two stories,
    each listing the other as related; the link leads there."""
    page.goto(server.origin + "/")
    page.locator("table.stories a", has_text="Jackman").first.click()
    page.wait_for_url("**/story/**")
    first = page.url
    related = page.locator("#related a")
    assert related.count() >= 1 and any("DeGeneres" in t for t in related.all_inner_texts())
    related.filter(has_text="DeGeneres").first.click()
    page.wait_for_url("**/story/**")
    assert "DeGeneres" in page.locator("h1").inner_text()
    back = page.locator("#related a")
    assert [a.get_attribute("href") for a in back.all()].count(first.removeprefix(server.origin)) == 1
    _clean(page, server)


def test_web_browser_search_finds_a_claim(page, server):
    page.goto(server.origin + "/")
    page.fill("#site-q", "Yonhap troops")
    page.press("#site-q", "Enter")
    hits = page.locator("#h-claims + ul li")
    assert hits.count() >= 1
    assert hits.first.locator(".snippet mark").count() >= 1
    hits.first.locator("a").first.click()
    page.wait_for_url("**/article/**")
    page.locator("mark.claim").first.wait_for()
    _clean(page, server)


def test_web_browser_shows_hostile_text_as_text(page, server):
    page.goto(server.origin + "/search?q=Mallory")
    page.locator("#h-articles + ul a").first.click()
    page.wait_for_url("**/article/**")
    assert "window.__pwned" in page.locator("h1").inner_text()  # the headline's payload, as text
    text = page.locator("main").inner_text()
    assert "<script>window.__pwned" in text and "<img src=x onerror=window.__pwned" in text
    assert page.locator("main script, main img, main svg, main b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.locator("mark.claim").first.hover()
    page.locator("dl.meta a[href^='/story/']").first.click()  # its story: headline, quotes, table, drawings
    page.wait_for_url("**/story/**")
    assert "window.__pwned" in page.locator("main").inner_text()
    for path in ("/", "/search?q=pwned"):
        page.goto(server.origin + path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _clean(page, server)


def _login(page, server) -> None:
    page.goto(f"{server.origin}/login?token={TOKEN}")
    assert page.url.endswith("/add")


def _submit_and_follow(page) -> str:
    """Submit the add form, wait for the job to end, go to the story it touched; the title added."""
    page.click("form[action='/jobs'] button[type=submit]")
    page.locator("#job[data-state='done'], #job[data-state='failed']").wait_for(timeout=240_000)
    assert page.locator("#job").get_attribute("data-state") == "done", page.locator("main").inner_text()
    added = page.locator("ul.added a").first.inner_text().strip()
    page.locator("ul.stories-touched a").first.click()
    page.wait_for_url("**/story/**")
    assert page.locator("#articles a", has_text=added).count() == 1
    return added


def test_web_browser_upload_adds_an_article_to_its_story(page, server, tmp_path):
    path = tmp_path / "millbrook-repairs.txt"
    path.write_text(UPLOADED, encoding="utf-8")
    _login(page, server)
    page.set_input_files("#files", str(path))
    assert "Millbrook" in _submit_and_follow(page)
    assert page.locator("#articles li").count() >= 5  # it joined the examples' four reports
    _clean(page, server)
    import sqlite3

    with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as conn:
        (source,) = conn.execute(
            "SELECT source FROM documents WHERE source LIKE '%millbrook-repairs.txt'"
        ).fetchone()
    kept = Path(source)
    assert kept.is_file() and kept.parent.parent == server.db.with_name(server.db.name + ".uploads")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """The test's web site logs nothing."""


def test_web_browser_url_fetch_adds_an_article(page, server, tmp_path):
    (tmp_path / "schools.html").write_text(FETCHED, encoding="utf-8")
    handler = partial(_Quiet, directory=str(tmp_path))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        _login(page, server)
        page.fill("#urls", f"http://127.0.0.1:{site.server_address[1]}/schools.html")
        assert "schools" in _submit_and_follow(page)
    finally:
        site.shutdown()
    _clean(page, server)
