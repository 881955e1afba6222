"""Fetching from the web (ingest/fetch.py), against real HTTP servers on 127.0.0.1 that stand in
for the web: pages, redirects, size and time limits, robots.txt, feeds, one request per host."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsrecon.cli import main
from newsrecon.errors import InputError
from newsrecon.ingest import read_inputs
from newsrecon.ingest.fetch import FetchLimits, FetchReport, fetch_to_archive, is_url
from newsrecon.model import RawDocument

# Invented articles on an invented flood, each long enough for the cleaner to keep it as one.
FLOOD = """\
<!doctype html><html><head><title>Flooding closes 14 schools in Marrowby</title>
<meta property="og:site_name" content="Tamsel Valley Courier">
<meta property="article:published_time" content="2031-03-11T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Flooding closes 14 schools in Marrowby as the Tamsel tops its banks</h1>
<p>MARROWBY - Fourteen schools in the Marrowby district were closed on Tuesday after the River
Tamsel rose 2.3 metres above its usual level overnight, the district council said in a statement
issued shortly after dawn.</p>
<p>About 1,200 households were without power by midday, according to the Northern Grid Company,
which said its crews had restored supply to some 400 homes by the evening and expected to reach
the rest before the weekend if the water kept falling.</p>
<p>The council's emergency officer, Dana Whitcombe, told reporters that 35 people had been moved
from riverside flats to a leisure centre on the high street, where volunteers handed out blankets
and hot meals through the night. Nobody was hurt, she said, though two cars were swept from a
ford near the old mill.</p>
<p>Forecasters at the regional weather office said another 40 millimetres of rain could fall on
the hills above the town by Thursday, and warned residents of low-lying streets to keep sandbags
at their doors. The council said the schools would stay shut until engineers had checked every
building for damage.</p>
</article><footer>Copyright Tamsel Valley Courier</footer></body></html>
"""

REPAIRS = """\
<!doctype html><html><head><title>Flood repair bill put at 3.5 million</title>
<meta property="og:site_name" content="Marrowby Post"></head>
<body><article><h1>Marrowby council puts the flood repair bill at 3.5 million pounds</h1>
<p>MARROWBY - Repairing the roads, bridges and schools damaged in last week's flood will cost
about 3.5 million pounds, the district council estimated on Monday, in its first count of the
damage since the River Tamsel fell back below its banks.</p>
<p>The finance director, Owen Prentice, said the figure covered 22 kilometres of road and the
footbridge at the old mill, which engineers found had shifted on its footings. The council would
ask the national government for at least half of the sum, he said, and would draw the rest from
its reserves rather than raise local taxes this year.</p>
<p>All fourteen schools closed by the flood had reopened by Friday, the education department
said, though pupils at two of them were being taught in temporary classrooms while their halls
dried out. The Northern Grid Company said every one of the 1,200 households that lost power had
been reconnected, and that it would review the siting of two substations near the river.</p>
</article></body></html>
"""


def _entry(title: str, link: str, text: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><pubDate>Tue, 11 Mar 2031 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
    )


def _rss(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tamsel Valley Courier</title>'
        f"<link>http://example.invalid/</link><description>News</description>{''.join(items)}</channel></rss>"
    )


@dataclass(frozen=True)
class Reply:
    """What the stand-in server answers for one path."""

    body: bytes | str = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # before the status line
    drip: float = 0.0  # between chunks of the body, sent in eight


class Site:
    """A real HTTP server on 127.0.0.1 (a free port), answering from `routes`; it counts the
    requests for each path and the most it ever served at once."""

    def __init__(self, routes: dict[str, Reply]) -> None:
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.active = self.peak = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.hits[self.path] += 1
                    site.active += 1
                    site.peak = max(site.peak, site.active)
                served = threading.Event()

                def finish() -> None:
                    if not served.is_set():
                        served.set()
                        with site.lock:
                            site.active -= 1

                try:
                    site.answer(self, finish)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the fetcher gave up (a time or size limit): what the test wants
                finally:
                    finish()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def answer(self, handler: BaseHTTPRequestHandler, finish: Callable[[], None]) -> None:
        """Send the reply; `finish()` just before its last bytes, which the client cannot have
        before then, so a request that arrives later was sent after this one was answered."""
        reply = self.routes.get(handler.path, Reply("not here", status=404, ctype="text/plain"))
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        time.sleep(reply.delay)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.ctype)
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        step = max(1, len(body) // 8) if reply.drip else len(body) or 1
        for start in range(0, len(body), step):
            if start + step >= len(body):
                finish()
            handler.wfile.write(body[start : start + step])
            handler.wfile.flush()
            time.sleep(reply.drip)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def serve() -> Iterator[Callable[[dict[str, Reply]], Site]]:
    """serve(routes) -> a running Site, shut down after the test."""
    sites: list[Site] = []

    def start(routes: dict[str, Reply]) -> Site:
        sites.append(Site(routes))
        return sites[-1]

    yield start
    for site in sites:
        site.close()


def _read(report: FetchReport) -> list[RawDocument | InputError]:
    assert report.archive is not None
    return list(read_inputs([report.archive]))


def _codes(report: FetchReport) -> dict[str, str]:
    return {p.source: p.code for p in report.problems}


def test_fetch_is_url_tells_addresses_from_paths():
    assert is_url("http://example.org/a") and is_url("https://x.test") and is_url("ftp://x.test/f")
    assert not is_url("articles/a.html") and not is_url("C:\\news\\a.txt") and not is_url("a:b.txt")


def test_fetch_page_analysed_end_to_end_through_the_cli(serve, tmp_path):
    site = serve({"/a.html": Reply(FLOOD)})
    url, out, kept = site.url("/a.html"), tmp_path / "out.json", tmp_path / "fetched"
    result = CliRunner().invoke(main, ["analyze", url, "--json", str(out), "--fetched", str(kept)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["source"].endswith("#" + url) and "Fourteen schools" in doc["body"]
    assert doc["outlet"] == "Tamsel Valley Courier" and doc["published"] == "2031-03-11"
    assert any(c["quantity"]["low"] == 1200 for c in data["claims"] if c["doc"] == doc["id"])
    (archive,) = kept.glob("fetched-*.warc.gz")  # kept: the run's provenance
    assert doc["source"].startswith(str(archive))
    assert site.hits == Counter({"/robots.txt": 1, "/a.html": 1})


def test_fetch_without_a_folder_leaves_nothing_and_lists_problems_with_the_run(serve, tmp_path, monkeypatch):
    site = serve({"/a.html": Reply(FLOOD)})
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "out.json"
    missing = site.url("/gone.html")
    result = CliRunner().invoke(main, ["analyze", site.url("/a.html"), missing, "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 1
    assert {"source": missing, "code": "E121", "reason": "the server answered 404 Not Found"} in data[
        "problems"
    ]
    assert "E121" in result.output and missing in result.output
    assert not any((tmp_path / "tmp").iterdir())  # the temporary archive is removed after the run
    assert data["documents"][0]["source"] == site.url("/a.html")  # named by the URL, not a removed file


def test_fetch_problems_and_urls_reach_the_store(serve, tmp_path):
    import sqlite3

    from newsrecon import analyze

    site = serve({"/a.html": Reply(FLOOD)})
    db = tmp_path / "news.db"
    analyze([site.url("/a.html"), site.url("/gone.html")], db=db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source FROM documents").fetchall() == [(site.url("/a.html"),)]
        assert conn.execute("SELECT source, code FROM problems").fetchall() == [
            (site.url("/gone.html"), "E121")
        ]
        (inputs,) = conn.execute("SELECT inputs FROM runs").fetchone()
    assert json.loads(inputs) == [site.url("/a.html"), site.url("/gone.html")]  # the run's inputs as given


def test_fetch_cli_with_only_failing_urls_reads_nothing(serve, tmp_path):
    site = serve({})
    result = CliRunner().invoke(main, ["analyze", site.url("/gone.html"), "ftp://127.0.0.1/a.txt"])
    assert result.exit_code == 3 and "E201" in result.output
    assert "E121" in result.output and "E120" in result.output


def test_fetch_follows_redirects_within_the_bound_and_refuses_more(serve, tmp_path):
    routes = {"/a.html": Reply(FLOOD)}
    for n in range(1, 8):  # /r1 -> /r2 -> ... -> /r7 -> /a.html
        target = f"/r{n + 1}" if n < 7 else "/a.html"
        routes[f"/r{n}"] = Reply("moved", status=302, headers=(("Location", target),))
    site = serve(routes)
    near, far = site.url("/r3"), site.url("/r1")  # 5 redirects; 7 redirects
    report = fetch_to_archive([near, far], tmp_path, FetchLimits(max_redirects=5))
    assert report.fetched == (site.url("/a.html"),)
    assert _codes(report) == {far: "E123"}
    (doc,) = _read(report)
    assert isinstance(doc, RawDocument) and doc.source.endswith("#" + site.url("/a.html"))
    assert "Fourteen schools" in doc.text


def test_fetch_redirect_to_another_scheme_is_refused(serve, tmp_path):
    site = serve({"/r": Reply("moved", status=301, headers=(("Location", "file:///etc/passwd"),))})
    report = fetch_to_archive([site.url("/r")], tmp_path)
    (problem,) = report.problems
    assert problem.code == "E120" and "file:///etc/passwd" in problem.source and "file:" in problem.reason
    assert report.archive is None and report.fetched == ()


def test_fetch_cuts_off_a_body_over_max_bytes(serve, tmp_path):
    big = FLOOD + "<!--" + "x" * 50_000 + "-->"
    # Its length is stated, so it is refused on the headers (a body of no stated length: below).
    site = serve({"/big.html": Reply(big), "/a.html": Reply(FLOOD)})
    report = fetch_to_archive(
        [site.url("/big.html"), site.url("/a.html")], tmp_path, FetchLimits(max_bytes=20_000)
    )
    assert _codes(report) == {site.url("/big.html"): "E124"}
    assert "20,000" in report.problems[0].reason
    assert report.fetched == (site.url("/a.html"),)


def test_fetch_cuts_off_a_stream_with_no_length(tmp_path):
    """A body sent with no Content-Length (read until the server closes) is cut while it streams."""

    class Endless(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10_000):  # 10 MB if nobody stopped reading
                    self.wfile.write(b"<p>" + b"flood " * 170 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/stream"
        start = time.monotonic()
        report = fetch_to_archive([url], tmp_path, FetchLimits(max_bytes=100_000))
        assert _codes(report) == {url: "E124"} and time.monotonic() - start < 5
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_times_out_a_slow_server_and_one_that_trickles(serve, tmp_path):
    site = serve({
        "/slow.html": Reply(FLOOD, delay=2.0),
        "/trickle.html": Reply(FLOOD, drip=0.2),  # each read well within the timeout, the whole not
        "/a.html": Reply(FLOOD),
    })  # fmt: skip
    urls = [site.url("/slow.html"), site.url("/trickle.html"), site.url("/a.html")]
    start = time.monotonic()
    report = fetch_to_archive(urls, tmp_path, FetchLimits(timeout=0.5))
    assert time.monotonic() - start < 4
    assert _codes(report) == {urls[0]: "E125", urls[1]: "E125"}
    assert report.fetched == (urls[2],)


def test_fetch_respects_robots_txt(serve, tmp_path):
    robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: newsrecon\nDisallow: /wires/\n"
    site = serve({
        "/robots.txt": Reply(robots, ctype="text/plain"),
        "/private/a.html": Reply(FLOOD), "/wires/a.html": Reply(FLOOD), "/news/a.html": Reply(FLOOD),
    })  # fmt: skip
    urls = [site.url("/wires/a.html"), site.url("/news/a.html"), site.url("/private/a.html")]
    report = fetch_to_archive(urls, tmp_path)
    assert _codes(report) == {urls[0]: "E127"}  # the rules for newsrecon replace those for everyone
    assert "newsrecon" in report.problems[0].reason
    assert report.fetched == (urls[1], urls[2])
    assert site.hits["/robots.txt"] == 1 and site.hits["/wires/a.html"] == 0
    everyone = fetch_to_archive([urls[2]], tmp_path, FetchLimits(user_agent="otherbot/1.0"))
    assert _codes(everyone) == {urls[2]: "E127"}
    assert fetch_to_archive([urls[0]], tmp_path, FetchLimits(respect_robots=False)).fetched == (urls[0],)


def test_fetch_robots_txt_that_fails_forbids_the_site(serve, tmp_path):
    down = serve({"/robots.txt": Reply("busy", status=503, ctype="text/plain"), "/a.html": Reply(FLOOD)})
    report = fetch_to_archive([down.url("/a.html")], tmp_path)
    assert _codes(report) == {down.url("/a.html"): "E128"} and "503" in report.problems[0].reason
    assert down.hits["/a.html"] == 0
    gone = serve({"/robots.txt": Reply("gone", status=410, ctype="text/plain"), "/a.html": Reply(FLOOD)})
    assert fetch_to_archive([gone.url("/a.html")], tmp_path).fetched == (gone.url("/a.html"),)


def test_fetch_reports_404_non_text_and_bad_addresses_and_goes_on(serve, tmp_path):
    site = serve({
        "/a.html": Reply(FLOOD),
        "/photo.jpg": Reply(b"\xff\xd8\xff\xe0" + b"\x00" * 64, ctype="image/jpeg"),
        "/report.pdf": Reply(b"%PDF-1.7\n", ctype="application/pdf"),
        "/broken": Reply("oops", status=500, ctype="text/plain"),
    })  # fmt: skip
    closed = Site({})
    closed.close()  # a port nobody listens on
    urls = [
        site.url("/missing.html"), site.url("/photo.jpg"), site.url("/report.pdf"), site.url("/broken"),
        "ftp://127.0.0.1/a.txt", "mailto://someone@example.invalid", closed.url("/a.html"), site.url("/a.html"),
    ]  # fmt: skip
    report = fetch_to_archive(urls, tmp_path)
    assert _codes(report) == {
        urls[0]: "E121", urls[1]: "E122", urls[2]: "E122", urls[3]: "E121",
        urls[4]: "E120", urls[5]: "E120", urls[6]: "E128",  # its robots.txt is unreachable first
    }  # fmt: skip
    reasons = {p.source: p.reason for p in report.problems}
    assert "404" in reasons[urls[0]] and "image/jpeg" in reasons[urls[1]] and "ftp:" in reasons[urls[4]]
    assert report.fetched == (urls[7],)
    unreachable = fetch_to_archive([closed.url("/a.html")], tmp_path, FetchLimits(respect_robots=False))
    assert _codes(unreachable) == {closed.url("/a.html"): "E126"}


def test_fetch_expands_a_feed_into_its_entries_pages(serve, tmp_path):
    site = serve({})
    fallback = "Gauges on the Tamsel fell 40 centimetres overnight, the council said."
    site.routes.update({
        "/feed.xml": Reply(_rss(
            _entry("Flooding closes 14 schools", site.url("/a.html"), "Fourteen schools closed."),
            _entry("Repair bill", "/repairs.html", "The bill is 3.5 million pounds."),  # relative link
            _entry("River falls", site.url("/gone.html"), fallback),  # its page cannot be fetched
        ), ctype="application/rss+xml"),
        "/a.html": Reply(FLOOD),
        "/repairs.html": Reply(REPAIRS),
    })  # fmt: skip
    seen: list[tuple[str, int, int | None]] = []
    report = fetch_to_archive([site.url("/feed.xml")], tmp_path, progress=lambda *a: seen.append(a))
    assert report.fetched == (site.url("/a.html"), site.url("/repairs.html"))
    assert _codes(report) == {site.url("/gone.html"): "E129"}
    assert "404" in report.problems[0].reason
    assert seen[0] == ("fetch", 0, 1) and seen[-1] == ("fetch", 4, 4)
    docs = [x for x in _read(report) if isinstance(x, RawDocument)]
    by_url = {dict(d.hints)["url"]: d for d in docs}
    assert set(by_url) == {site.url("/a.html"), site.url("/repairs.html"), site.url("/gone.html")}
    assert "Fourteen schools in the Marrowby" in by_url[site.url("/a.html")].text  # the page, not the entry
    assert fallback in by_url[site.url("/gone.html")].text  # the feed's own text stands in
    assert by_url[site.url("/gone.html")].source.endswith("#" + site.url("/gone.html"))


def test_fetch_feed_entries_past_the_bound_are_not_fetched(serve, tmp_path):
    site = serve({})
    items = [_entry(f"Story {n}", site.url(f"/s{n}.html"), f"Story {n} text.") for n in range(5)]
    site.routes.update({"/feed.xml": Reply(_rss(*items), ctype="text/xml")})
    site.routes.update({f"/s{n}.html": Reply(FLOOD) for n in range(5)})
    report = fetch_to_archive([site.url("/feed.xml")], tmp_path, FetchLimits(max_feed_entries=2))
    assert report.fetched == (site.url("/s0.html"), site.url("/s1.html"))
    assert _codes(report) == {site.url("/feed.xml"): "E129"} and "3 entries" in report.problems[0].reason
    assert site.hits["/s2.html"] == 0


def test_fetch_plain_text_page_is_read_as_text(serve, tmp_path):
    text = "Flood update\n\nFourteen schools in Marrowby stayed closed on Wednesday, the council said.\n"
    site = serve({"/update.txt": Reply(text, ctype="text/plain; charset=utf-8")})
    (doc,) = _read(fetch_to_archive([site.url("/update.txt")], tmp_path))
    assert isinstance(doc, RawDocument) and doc.text == text
    assert doc.source.endswith("#" + site.url("/update.txt"))


def test_fetch_archive_is_a_web_archive_with_requests_and_responses(serve, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    site = serve(
        {"/r": Reply("moved", status=301, headers=(("Location", "/a.html"),)), "/a.html": Reply(FLOOD)}
    )
    report = fetch_to_archive([site.url("/r")], tmp_path)
    with report.archive.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers.get_header("WARC-Date"),
             r.http_headers.to_str().split("\r\n")[0] if r.http_headers else None, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]  # fmt: skip
    assert [(kind, uri) for kind, uri, *_ in records] == [
        ("warcinfo", None),
        ("response", site.url("/r")), ("request", site.url("/r")),
        ("response", site.url("/a.html")), ("request", site.url("/a.html")),
    ]  # fmt: skip
    assert all(date for _, _, date, *_ in records)
    # The status lines as the server sent them (http.server speaks HTTP/1.0).
    assert records[1][3] == "HTTP/1.0 301 Moved Permanently" and records[3][3] == "HTTP/1.0 200 OK"
    assert records[3][4] == FLOOD.encode("utf-8")
    assert records[4][3] == "GET /a.html HTTP/1.1"


def test_fetch_one_request_per_host_at_a_time_hosts_in_parallel(serve, tmp_path):
    first = serve({f"/{n}.html": Reply(FLOOD, delay=0.3) for n in range(4)})
    second = serve({f"/{n}.html": Reply(FLOOD, delay=0.3) for n in range(4)})
    urls = [site.url(f"/{n}.html") for n in range(4) for site in (first, second)]
    start = time.monotonic()
    report = fetch_to_archive(urls, tmp_path, FetchLimits(concurrency=4))
    took = time.monotonic() - start
    assert len(report.fetched) == 8 and not report.problems
    assert report.fetched == tuple(urls)  # in the order asked, whatever order they came in
    assert first.peak == 1 and second.peak == 1  # never two requests at once on one host
    assert took < 8 * 0.3  # the two hosts were fetched side by side: about 4 x 0.3 s, not 8 x 0.3 s


def test_fetch_host_lock_keys_on_host_and_port(serve, tmp_path):
    """127.0.0.1 and localhost name one server here but two hosts: each has its own turn."""
    site = serve({f"/{n}.html": Reply(FLOOD, delay=0.3) for n in range(2)})
    urls = [site.url("/0.html"), site.url("/1.html", host="localhost")]
    report = fetch_to_archive(urls, tmp_path)
    assert report.fetched == tuple(urls) and site.peak == 2


def test_fetch_nothing_fetched_writes_no_archive(tmp_path):
    report = fetch_to_archive(["gopher://127.0.0.1/x"], tmp_path / "kept")
    assert report.archive is None and report.fetched == () and [p.code for p in report.problems] == ["E120"]
    assert not any((tmp_path / "kept").iterdir())


def test_fetch_feed_whose_entries_all_fail_keeps_the_feed_text(serve, tmp_path):
    closed = Site({})
    closed.close()  # the entry's host: a port nobody listens on
    entry = _entry("River falls", closed.url("/x.html"), "Gauges fell.")
    site = serve({"/feed.xml": Reply(_rss(entry), ctype="application/atom+xml")})
    report = fetch_to_archive([site.url("/feed.xml")], tmp_path)
    assert report.fetched == () and report.archive is not None
    assert [p.code for p in report.problems] == ["E129"]
    (doc,) = _read(report)
    assert isinstance(doc, RawDocument) and "Gauges fell." in doc.text


def test_fetch_limits_defaults():
    limits = FetchLimits()
    assert (limits.timeout, limits.max_bytes, limits.max_redirects) == (15.0, 10_000_000, 5)
    assert limits.user_agent.startswith("newsrecon/") and limits.respect_robots and limits.concurrency == 4


def test_fetch_archive_path_is_inside_the_folder(serve, tmp_path):
    site = serve({"/a.html": Reply(FLOOD)})
    report = fetch_to_archive([site.url("/a.html")], tmp_path / "new" / "folder")
    assert isinstance(report.archive, Path) and report.archive.parent == tmp_path / "new" / "folder"
