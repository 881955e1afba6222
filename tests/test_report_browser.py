"""The HTML dossier in a real browser (Debian's Chromium, driven by Playwright): it renders with no
console errors, fetches nothing, and shows the key-figures table and a conflict."""

from __future__ import annotations

import os
import shutil

import pytest

from newsrecon import analyze
from newsrecon.report import write_html

from .conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail(
                "chromium is not installed; `make test` installs it (scripts/install-debian-package.sh)"
            )
        pytest.skip("chromium is not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_report_html_renders_without_errors_and_shows_conflict(browser, tmp_path):
    result = analyze([EXAMPLES])
    page_path = tmp_path / "dossier.html"
    write_html(result, page_path)
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    shot = tmp_path / "dossier.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert problems == []
    assert requests == [page_path.as_uri()]  # self-contained: nothing else is fetched

    table = page.locator("table.figures")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 5
    conflict = page.locator("#conflicts .conflict").first
    assert conflict.is_visible()
    assert "conflict" in conflict.inner_text()
    # both sides of the conflict are quoted and link to the article text
    quotes = conflict.locator("blockquote")
    assert quotes.count() >= 2
    target = quotes.first.locator("a").get_attribute("href")
    assert target and page.locator(target).count() == 1
    assert page.locator("#sources svg line").count() >= 3
    removed = page.locator("article details").first
    assert not removed.locator("li").first.is_visible()  # boilerplate on demand only
    removed.locator("summary").click()
    assert removed.locator("li").first.is_visible()


def test_report_html_of_several_stories_links_each(browser, tmp_path, shared):
    result = analyze([shared / "corpus" / "seed-story", shared / "corpus" / "aceh-quake", EXAMPLES])
    page_path = tmp_path / "dossier.html"
    write_html(result, page_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.goto(page_path.as_uri())
    links = page.locator("#stories li a")
    assert links.count() == len(result.stories) == 3
    last = result.stories[-1].id
    page.locator(f'#stories a[href="#{last}"]').click()
    assert page.evaluate("location.hash") == f"#{last}"
    assert page.locator(f"#{last}-conflicts").count() == 1
    page.locator(f'header#{last} nav a[href="#{last}-timeline"]').click()
    assert page.locator(f"#{last}-timeline").is_visible()
    assert problems == []
