"""HTML pages (plain and gzipped), RSS/Atom feeds, JSON Lines with HTML, and WARC archives,
built here from pages written for these tests."""

from __future__ import annotations

import gzip
import io
import json

from newsrecon import analyze
from newsrecon.errors import InputError
from newsrecon.ingest import read_inputs
from newsrecon.ingest.files import document_id, kind_of
from newsrecon.model import RawDocument

PARAGRAPHS = [
    "The harbour authority said on Tuesday that about 400 containers had fallen into the sea during the storm.",
    "Salvage crews expect to recover most of them within two weeks, according to the coast guard, which is "
    "coordinating the operation with three private companies.",
    "Fishermen have been told to stay out of the bay until the containers are found, the mayor said.",
]
PAGE = f"""<!doctype html><html><head><title>Storm knocks containers into bay | Coast Herald</title>
<meta property="og:title" content="Storm knocks 400 containers into the bay">
<meta property="og:site_name" content="Coast Herald">
<meta property="article:published_time" content="2026-02-10T08:00:00Z">
<meta name="author" content="Ines Varga"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Storm knocks 400 containers into the bay</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<aside><h3>Read more</h3><ul><li><a href="/a">Ferry adds 3 routes</a></li><li><a href="/b">Bridge closes</a></li></ul></aside>
</article><footer>© 2026 Coast Herald. All rights reserved.</footer></body></html>"""
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Herald</title>
<item><title>Storm knocks containers into bay</title><link>https://example.org/a</link>
<pubDate>Tue, 10 Feb 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;&lt;p&gt;{PARAGRAPHS[1]}&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/b</link><description></description></item>
</channel></rss>"""


def test_formats_kind_and_id_from_name(tmp_path):
    assert kind_of(tmp_path / "a.html.gz") == "html"
    assert kind_of(tmp_path / "a.warc.gz") == "warc"
    assert kind_of(tmp_path / "a.rss") == "feed"
    assert kind_of(tmp_path / "a.tar.gz") is None
    assert document_id(tmp_path / "042bb7.html.gz") == "042bb7"


def test_formats_html_page_main_text_and_metadata(write):
    plain = write("storm.html", PAGE)
    zipped = write("storm2.html.gz", gzip.compress(PAGE.encode("utf-8")))
    result = analyze([plain, zipped])
    assert [d.id for d in result.documents] == ["storm", "storm2"]
    doc = result.documents[0]
    assert "about 400 containers" in doc.body
    assert "Home" not in doc.body and "Ferry adds" not in doc.body and "All rights" not in doc.body
    meta = {k: doc.meta.value(k) for k in ("title", "published", "outlet", "byline")}
    assert meta == {
        "title": "Storm knocks 400 containers into the bay",
        "published": "2026-02-10",
        "outlet": "Coast Herald",
        "byline": "Ines Varga",
    }
    claim = next(c for c in doc.claims if c.surface == "about 400")
    assert doc.text[claim.start : claim.end] == "about 400"  # offsets into the extracted text
    assert claim.source == "harbour authority"


def test_formats_feed_entries(write):
    path = write("news.rss", FEED)
    items = list(read_inputs([path]))
    docs = [x for x in items if isinstance(x, RawDocument)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(docs) == 1 and docs[0].id == "https://example.org/a"
    assert dict(docs[0].hints)["published"] == "2026-02-10"
    assert dict(docs[0].hints)["outlet"] == "Coast Herald"
    assert PARAGRAPHS[1][:40] in docs[0].text
    assert [e.code for e in errors] == ["E110"]


def test_formats_jsonl_with_html(write):
    path = write(
        "pages.jsonl", json.dumps({"id": "p-1", "html": PAGE, "url": "https://example.org/a"}) + "\n"
    )
    (doc,) = [x for x in read_inputs([path]) if isinstance(x, RawDocument)]
    assert doc.id == "p-1" and "about 400 containers" in doc.text


def _warc(pages: list[tuple[str, str]], gzip: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_formats_warc_streams_html_responses(write):
    data = _warc(
        [("https://example.org/a", PAGE), ("https://example.org/empty", "<html><body></body></html>")]
    )
    path = write("crawl.warc.gz", data)
    items = list(read_inputs([path]))
    docs = [x for x in items if isinstance(x, RawDocument)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(docs) == 1 and "about 400 containers" in docs[0].text
    assert dict(docs[0].hints)["url"] == "https://example.org/a"
    assert [e.code for e in errors] == ["E110"]


def test_formats_damaged_warc_keeps_what_was_read(write):
    whole = _warc([("https://example.org/a", PAGE)])
    data = _warc([("https://example.org/a", PAGE), ("https://example.org/b", PAGE)])
    path = write("broken.warc.gz", data[: len(whole) + (len(data) - len(whole)) // 2])  # cut in the second
    items = list(read_inputs([path]))
    assert isinstance(items[0], RawDocument) and "about 400 containers" in items[0].text
    assert len(items) == 2 and isinstance(items[1], InputError) and "broken.warc.gz" in str(items[1])


def test_formats_warc_cut_inside_a_page_reports_it_instead_of_reading_half(write):
    data = _warc([("https://example.org/a", PAGE), ("https://example.org/b", PAGE)], gzip=False)
    path = write("cut.warc", data[: len(data) - 300])  # the second page's end is missing
    first, second = list(read_inputs([path]))
    assert isinstance(first, RawDocument) and first.id
    assert isinstance(second, InputError) and second.code == "E113" and "cut short" in second.reason
    assert second.source.endswith("#https://example.org/b")


def test_formats_html_front_page_is_not_an_article(write):
    teasers = "".join(
        f'<li><a href="/s{i}">Council {word} the {i}-lane bridge plan</a><span>{i} hours ago</span></li>'
        for i, word in enumerate(["debates", "delays", "approves", "rejects", "reviews", "funds"] * 6)
    )
    front = (
        "<!doctype html><html><head><title>Coast Herald: news</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><ul>{teasers}</ul></main>'
        "<footer>© 2026 Coast Herald</footer></body></html>"
    )
    result = analyze([write("front.html", front), write("storm.html", PAGE)])
    assert [d.id for d in result.documents] == ["storm"]
    assert [(p.code, p.source.endswith("front.html")) for p in result.problems] == [("E114", True)]


def test_formats_html_short_line_check():
    from newsrecon.clean import mostly_short, split_lines

    assert mostly_short(split_lines("Home\nWorld\nSport\nA long line of article text that runs on and on.\n"))
    assert not mostly_short(split_lines("\n".join(PARAGRAPHS)))


def test_formats_feed_or_archive_with_nothing_in_it_is_reported(write):
    """A feed with no entries, a .warc that is not an archive: named with a reason, not silently nothing."""
    empty_feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    items = list(
        read_inputs(
            [write("empty.rss", empty_feed), write("notes.warc", b"hello, this is not a web archive\n")]
        )
    )
    assert [(type(x), x.code, x.source.rsplit("/", 1)[-1]) for x in items] == [
        (InputError, "E111", "empty.rss"),
        (InputError, "E112", "notes.warc"),
    ]
