"""Fetching articles from the web into a web archive, which the readers then take as any input.

`fetch_to_archive(urls, folder)` fetches pages and feeds (each feed's entries fetched as pages)
and writes what it got to one gzipped WARC file in `folder`: request and response records, as a
crawler writes them, so the archive is the run's provenance and a user can keep it.
`ingest/warc.py` reads it: each page (HTML or plain text) as an article, and a feed, stored after
its entries' pages, for the entries whose pages could not be fetched.

Politeness and safety: http and https only; robots.txt read once per site and obeyed (RFC 9309:
a 4xx robots.txt allows everything, a 5xx or an unreachable one forbids everything); one request
per host at a time, hosts in parallel; every request bounded in time and in size while it
streams; redirects followed by hand, each hop checked again. What cannot be fetched becomes a
coded `InputProblem` naming the URL, and the other URLs go on.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsrecon import __version__
from newsrecon.errors import InputError
from newsrecon.ingest.feeds import feed_like
from newsrecon.limits import MAX_PAGE_BYTES
from newsrecon.model import InputProblem

if TYPE_CHECKING:
    import httpx

    from newsrecon.pipeline import ProgressHook

__all__ = ["FetchLimits", "FetchReport", "fetch_to_archive", "fetched", "is_url"]

SCHEMES = ("http", "https")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000  # RFC 9309: parse at least 500 KiB of a robots.txt; the rest is cut
# What the readers take: pages (HTML, plain text) and feeds; anything else (images, PDFs) is refused
# on its headers, before its body is downloaded.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({"application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
                        "application/rdf+xml"})  # fmt: skip
# Headers about the bytes on the wire, not the body stored: the archive keeps the body decoded (as
# the readers and any WARC tool want it), so these would describe bytes it does not hold.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class FetchLimits:
    """How much the fetcher may take from the web, and how politely."""

    timeout: float = 15.0  # seconds a request may take, connecting and reading (a URL: per hop)
    max_bytes: int = MAX_PAGE_BYTES  # of a response's body, counted while it streams
    max_redirects: int = 5
    max_feed_entries: int = 200  # entries of one feed whose pages are fetched
    user_agent: str = f"newsrecon/{__version__} (+news triangulation)"
    respect_robots: bool = True
    concurrency: int = 4  # hosts fetched in parallel; one request per host at a time


@dataclass(frozen=True)
class FetchReport:
    """What a fetch stored, and what it could not fetch."""

    archive: Path | None  # the WARC file written; None when nothing was fetched
    fetched: tuple[str, ...]  # final URLs of the pages stored, in the order asked
    problems: tuple[InputProblem, ...]


@dataclass(frozen=True)
class _Exchange:
    """One GET and its response, as the archive stores them."""

    url: str
    request_line: str
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name), "")


Chain = tuple[_Exchange, ...]  # the redirects to a page, then the page


def is_url(text: str) -> bool:
    """Whether an input is a web address (scheme://...) rather than a path. Any scheme counts, so
    that ftp:// or file:// is refused with a reason instead of looked for as a file."""
    return _URL.match(text.strip()) is not None


def fetch_to_archive(
    urls: Sequence[str],
    folder: Path,
    limits: FetchLimits = FetchLimits(),  # frozen: one shared default is safe
    progress: ProgressHook | None = None,
) -> FetchReport:
    """Fetch `urls` (pages and feeds) into a new WARC file in `folder` (made when missing).

    A feed's entries are fetched as pages, up to `limits.max_feed_entries`; for an entry whose
    page cannot be fetched the feed's own text of it is read. `progress("fetch", done, total)` is
    called as each URL is done (the total grows when a feed's entries are added). Never raises
    for a URL: each failure is a problem in the report; the others go on.
    """
    import httpx

    given = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    tally = _Tally(progress, len(given))
    folder.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="newsrecon-fetch-") as spool,
        httpx.Client(
            headers={"User-Agent": limits.user_agent},
            timeout=httpx.Timeout(limits.timeout),
            follow_redirects=False,  # by hand: each hop is checked (scheme, robots) and counted
        ) as client,
    ):
        fetcher = _Fetcher(client, limits)
        parts = Path(spool)
        pages: dict[int, Chain] = {}  # of `given`: the pages (their bodies spooled to parts)
        feeds: dict[int, Chain] = {}  # the feeds, kept whole: their entries are read from them
        errors: dict[int, InputError] = {}

        def settle_given(i: int, got: Chain | InputError) -> None:
            if isinstance(got, InputError):
                errors[i] = got
            elif feed_like(_content_type(got[-1]), got[-1].body):
                feeds[i] = got
            else:
                _spool(parts / f"a{i:06d}.warc.gz", got)
                pages[i] = _without_body(got)
            tally.step()

        fetcher.run(given, settle_given)
        problems = [InputProblem.of(errors[i]) for i in sorted(errors)]
        entries, late = _entry_links(feeds, given, limits.max_feed_entries)
        problems.extend(InputProblem.of(e) for e in late)
        tally.grow(len(entries))
        entry_pages: dict[int, Chain] = {}
        missed: dict[int, InputError] = {}  # entries whose feed text stands in for their page

        def settle_entry(i: int, got: Chain | InputError) -> None:
            if not isinstance(got, InputError) and feed_like(_content_type(got[-1]), got[-1].body):
                got = InputError(entries[i], "E122", detail="a feed, not an entry's page")
            if isinstance(got, InputError):
                missed[i] = InputError(entries[i], "E129", detail=f"{got.reason} [{got.code}]")
            else:
                _spool(parts / f"b{i:06d}.warc.gz", got)
                entry_pages[i] = _without_body(got)
            tally.step()

        fetcher.run(entries, settle_entry)
        problems.extend(InputProblem.of(missed[i]) for i in sorted(missed))
        for i in sorted(feeds):
            _spool(parts / f"c{i:06d}.warc.gz", feeds[i])
        spooled = sorted(parts.iterdir())  # given pages, then entries' pages, then the feeds
        archive = _assemble(folder, spooled, limits) if spooled else None
    fetched = [pages[i][-1].url for i in sorted(pages)] + [
        entry_pages[i][-1].url for i in sorted(entry_pages)
    ]
    return FetchReport(archive=archive, fetched=tuple(fetched), problems=tuple(problems))


@contextmanager
def fetched(
    urls: Sequence[str], folder: Path | None = None, progress: ProgressHook | None = None
) -> Iterator[FetchReport]:
    """`fetch_to_archive` into `folder` (kept: it is the provenance of what was read), or into a
    temporary folder that is removed when the block ends."""
    if not urls:
        yield FetchReport(None, (), ())
        return
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    where = folder if folder is not None else Path(tempfile.mkdtemp(prefix="newsrecon-fetched-"))
    try:
        yield fetch_to_archive(urls, where, progress=progress)
    finally:
        if folder is None:
            shutil.rmtree(where, ignore_errors=True)


class _Tally:
    """The "fetch" progress of a run, told from the worker threads one at a time."""

    def __init__(self, progress: ProgressHook | None, total: int) -> None:
        self.progress, self.done, self.total = progress, 0, total
        self.lock = threading.Lock()
        self._tell()

    def step(self) -> None:
        with self.lock:
            self.done += 1
            self._tell()

    def grow(self, more: int) -> None:
        with self.lock:
            self.total += more
            if more:
                self._tell()

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress("fetch", self.done, self.total)


class _Fetcher:
    """Requests under the limits: one at a time per host, robots.txt read once per site."""

    def __init__(self, client: httpx.Client, limits: FetchLimits) -> None:
        self.client, self.limits = client, limits
        self._guard = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}  # host:port -> held while a request runs
        self._sites: dict[str, threading.Lock] = {}  # scheme://host:port -> held while its robots.txt is read
        self._robots: dict[str, RobotFileParser | str] = {}  # the rules, or why they could not be read

    def run(self, urls: list[str], settle: Callable[[int, Chain | InputError], None]) -> None:
        """Fetch every URL, the URLs of one host in turn and up to `concurrency` hosts at once;
        `settle(i, chain or error)` is told of each as it is done, from the thread that did it."""
        groups: dict[str, list[int]] = {}
        for i, url in enumerate(urls):
            groups.setdefault(_host(url), []).append(i)

        def work(indices: list[int]) -> None:
            for i in indices:
                try:
                    got: Chain | InputError = self.page(urls[i])
                except InputError as exc:
                    got = exc
                except Exception as exc:  # one URL must never stop the others
                    got = InputError(urls[i], "E120", detail=repr(exc))
                settle(i, got)

        if not groups:
            return
        with ThreadPoolExecutor(max_workers=max(1, min(self.limits.concurrency, len(groups)))) as pool:
            for future in [pool.submit(work, indices) for indices in groups.values()]:
                future.result()

    def page(self, url: str) -> Chain:
        """The exchanges that lead to the page at `url`: the redirects, then the page (2xx).
        Raises InputError naming `url` (and the hop, when a redirect led there)."""
        hops: list[_Exchange] = []
        current = url
        for _ in range(self.limits.max_redirects + 1):
            source = url if current == url else f"{url} (redirected to {current})"
            _check(current, source)
            if self.limits.respect_robots:
                self._obey_robots(current, source)
            hop = self.exchange(current, source)
            hops.append(hop)
            if hop.status not in REDIRECTS:
                return tuple(hops)
            if not hop.header("location"):
                raise InputError(source, "E121", detail=f"{hop.status} {hop.reason} with no Location")
            current = urljoin(current, hop.header("location").strip())
        raise InputError(url, "E123", detail=str(self.limits.max_redirects))

    def exchange(self, url: str, source: str, robots: bool = False) -> _Exchange:
        """One GET, alone on its host. A page's response must be a redirect or a success with a
        readable content type, its body within `max_bytes`; a robots.txt is taken as it comes
        and cut at `ROBOTS_MAX_BYTES`. The request must end within `timeout` seconds."""
        import httpx

        limit = self.limits
        with self._lock(self._hosts, _host(url)):
            deadline = time.monotonic() + limit.timeout
            try:
                with self.client.stream("GET", url) as response:
                    status = response.status_code
                    ctype = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
                    if robots:  # an error page's status is all that counts of a robots.txt
                        wanted = 200 <= status < 400
                    elif status not in REDIRECTS and not 200 <= status < 300:
                        raise InputError(source, "E121", detail=f"{status} {response.reason_phrase}".strip())
                    elif status not in REDIRECTS and ctype not in PAGE_TYPES | FEED_TYPES:
                        raise InputError(source, "E122", detail=ctype or "no content type given")
                    else:
                        wanted = True
                    cap = min(ROBOTS_MAX_BYTES, limit.max_bytes) if robots else limit.max_bytes
                    body = _body(response, cap, robots, deadline, source, limit) if wanted else b""
                    request = response.request
                    return _Exchange(
                        url=url,
                        request_line=f"GET {request.url.raw_path.decode('ascii')} HTTP/1.1",
                        request_headers=tuple(request.headers.multi_items()),
                        http_version=response.http_version,
                        status=status,
                        reason=response.reason_phrase,
                        headers=tuple(response.headers.multi_items()),
                        body=body,
                    )
            except httpx.TimeoutException as exc:
                raise InputError(source, "E125", detail=f"no answer within {limit.timeout:g} s") from exc
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                raise InputError(source, "E120", detail=str(exc) or type(exc).__name__) from exc
            except httpx.TransportError as exc:  # DNS, refused, reset, a broken response
                raise InputError(source, "E126", detail=str(exc) or type(exc).__name__) from exc
            except httpx.HTTPError as exc:  # a body that cannot be decoded (bad gzip)
                raise InputError(source, "E120", detail=str(exc) or type(exc).__name__) from exc

    def _obey_robots(self, url: str, source: str) -> None:
        site = _site(url)
        with self._lock(self._sites, site):  # one reading per site, however many threads ask
            if site not in self._robots:
                self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        if isinstance(rules, str):
            raise InputError(source, "E128", detail=rules)
        if not rules.can_fetch(self.limits.user_agent, url):
            raise InputError(source, "E127", detail=self.limits.user_agent.split("/")[0])

    def _read_robots(self, site: str) -> RobotFileParser | str:
        """A site's robots.txt rules (RFC 9309), or why they could not be read (then the site is
        not fetched). Redirects are followed as for a page, within the same bound."""
        url = f"{site}/robots.txt"
        rules = RobotFileParser(url)
        for _ in range(self.limits.max_redirects + 1):
            try:
                _check(url, url)
                hop = self.exchange(url, url, robots=True)
            except InputError as exc:
                return exc.reason
            if hop.status in REDIRECTS and hop.header("location"):
                url = urljoin(url, hop.header("location").strip())
                continue
            if 200 <= hop.status < 300:
                rules.parse(hop.body.decode("utf-8", errors="replace").splitlines())
            elif 400 <= hop.status < 500:  # none there (404, 410, and 401/403 too, per the RFC)
                rules.allow_all = True
            else:
                return f"{hop.status} {hop.reason}".strip()
            rules.modified()  # the parser allows nothing until it is told the rules are read
            return rules
        return f"more than {self.limits.max_redirects} redirects"

    def _lock(self, table: dict[str, threading.Lock], key: str) -> threading.Lock:
        with self._guard:
            return table.setdefault(key, threading.Lock())


def _body(
    response: httpx.Response, cap: int, cut: bool, deadline: float, source: str, limit: FetchLimits
) -> bytes:
    """The body, decoded, read while it streams: past `cap` bytes it is cut (`cut`) or refused
    (E124) without reading further; past the deadline, refused (E125)."""
    if not cut and (length := response.headers.get("content-length", "")).isdigit() and int(length) > cap:
        raise InputError(source, "E124", detail=f"{cap:,}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if size + len(chunk) > cap:
            if not cut:
                raise InputError(source, "E124", detail=f"{cap:,}")
            chunks.append(chunk[: cap - size])
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:  # a server that trickles bytes never trips a read timeout
            raise InputError(source, "E125", detail=f"the response took more than {limit.timeout:g} s")
    return b"".join(chunks)


def _check(url: str, source: str) -> None:
    """Refuse (E120) an address that is not an http or https URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        scheme = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise InputError(source, "E120", detail=f"only http and https addresses are fetched, not {scheme}")
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError as exc:
        raise InputError(source, "E120", detail=f"a bad port ({exc})") from exc
    if not parts.hostname:
        raise InputError(source, "E120", detail="no host in the address")


def _host(url: str) -> str:
    """host:port, what one-request-at-a-time is kept per ("" for an address with no host)."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower(), 0)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').lower()}:{port}"


def _site(url: str) -> str:
    """scheme://host:port, what a robots.txt governs (RFC 9309)."""
    return f"{urlsplit(url).scheme.lower()}://{_host(url)}"


def _content_type(hop: _Exchange) -> str:
    return hop.header("content-type").split(";")[0].strip().lower()


def _without_body(chain: Chain) -> Chain:
    """A chain kept for the report once its bodies are spooled: memory holds no page."""
    return tuple(
        _Exchange(
            h.url, h.request_line, h.request_headers, h.http_version, h.status, h.reason, h.headers, b""
        )
        for h in chain
    )


def _entry_links(feeds: dict[int, Chain], given: list[str], most: int) -> tuple[list[str], list[InputError]]:
    """The links of the feeds' entries to fetch (each once, none of the URLs given), and a note
    for each feed with entries past `most`."""
    import feedparser

    links: dict[str, None] = {}
    late: list[InputError] = []
    asked = set(given)
    for i in sorted(feeds):
        feed = feeds[i][-1]
        parsed = feedparser.parse(BytesIO(feed.body), response_headers={"content-location": feed.url})
        found = [urljoin(feed.url, e.get("link", "")) for e in parsed.entries if e.get("link")]
        if len(found) > most:
            late.append(
                InputError(given[i], "E129", detail=f"{len(found) - most} entries past the first {most}")
            )
        links.update((link, None) for link in found[:most] if link not in asked)
    return list(links), late


def _spool(path: Path, chain: Chain) -> None:
    """Write a chain's request and response records to their own gzipped part of the archive
    (gzip members concatenate into one valid WARC file, in whatever order is wanted)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for hop in chain:
            headers = [(k, v) for k, v in hop.headers if k.lower() not in _WIRE_HEADERS]
            headers.append(("Content-Length", str(len(hop.body))))
            status = StatusAndHeaders(
                f"{hop.status} {hop.reason}".strip(), headers, protocol=hop.http_version
            )
            response = writer.create_warc_record(
                hop.url, "response", payload=BytesIO(hop.body), length=len(hop.body), http_headers=status
            )
            asked = StatusAndHeaders(hop.request_line, list(hop.request_headers), is_http_request=True)
            request = writer.create_warc_record(hop.url, "request", http_headers=asked)
            writer.write_request_response_pair(request, response)


def _assemble(folder: Path, parts: list[Path], limits: FetchLimits) -> Path:
    """One WARC file in `folder`: a warcinfo record saying who fetched it, then the parts."""
    from warcio.warcwriter import WARCWriter

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"fetched-{stamp}-{secrets.token_hex(3)}.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = {"software": f"newsrecon/{__version__}", "http-header-user-agent": limits.user_agent,
                "robots": "obey" if limits.respect_robots else "ignore", "format": "WARC File Format 1.0"}  # fmt: skip
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out)
    return path
