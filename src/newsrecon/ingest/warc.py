"""Web archives (WARC, as Common Crawl News ships them, and as `newsrecon analyze URL` writes
them): successful HTML and plain-text responses read one record at a time, so an archive of any
size streams through without being held in memory. A feed's response is read entry by entry, but
for the entries whose pages the archive holds before it (the fetcher stores a feed after its
entries' pages, so an entry's own text stands in only for a page that could not be fetched)."""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from newsrecon import limits
from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_bytes
from newsrecon.ingest.feeds import feed_like, read_feed
from newsrecon.ingest.html import read_html
from newsrecon.model import RawDocument


class _Count(io.TextIOBase):
    """Where warcio's warnings go while records are read: counted, not shown. It writes one to
    stderr for every record whose stated length is wrong (300,000 lines for 5 MB of junk)."""

    def __init__(self) -> None:
        self.warnings = 0

    def write(self, text: str) -> int:
        self.warnings += text.count("WARNING")
        return len(text)


def _quietly(records: Iterator, sink: _Count) -> Iterator:
    """The records, each read with stderr going to `sink` (only while warcio reads)."""
    while True:
        with contextlib.redirect_stderr(sink):
            record = next(records, None)
        if record is None:
            return
        yield record


def read_warc(path: Path) -> Iterator[RawDocument | InputError]:
    """Every HTML or plain-text response in a WARC file (gzipped or not) as an article (the id is
    the record's URL hash), and the entries of a feed whose pages it does not hold."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
        return
    pages = 0
    sink = _Count()
    seen: set[str] = set()  # URLs with a response before this record: a feed's entries fetched
    with stream:
        try:
            for record in _quietly(iter(ArchiveIterator(stream)), sink):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                seen.add(url)
                # A redirect or an error page is not the article (a fetcher stores every hop).
                if not (record.http_headers.get_statuscode() or "").startswith("2"):
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype and "text/plain" not in ctype and "xml" not in ctype:
                    continue
                where = f"{path}#{url}"
                most = limits.MAX_PAGE_BYTES
                data = record.content_stream().read(most + 1)
                if len(data) > most:
                    yield InputError(where, "E112", detail=f"page larger than {most:,} bytes")
                    continue
                missing = getattr(record.raw_stream, "limit", 0)  # of what the record's length promised
                if missing > 0:  # bytes after a chunked body's end, or the archive ends inside the record
                    missing -= len(record.raw_stream.read(missing))
                if missing > 0:  # the archive ends inside this record: half a page is not an article
                    yield InputError(
                        where,
                        "E113",
                        detail=f"the archive is cut short, {missing:,} bytes of the page missing",
                    )
                    continue
                if feed_like(ctype, data):
                    pages += 1
                    for item in read_feed(path, data, skip=seen, base=url or None):
                        link = dict(item.hints).get("url") if isinstance(item, RawDocument) else None
                        yield replace(item, source=f"{path}#{link}") if link else item
                    continue
                if "xml" in ctype and "xhtml" not in ctype:
                    continue  # XML that is not a feed (a sitemap): not an article
                pages += 1
                if "text/plain" in ctype:
                    yield _plain_text(data, where, url)
                    continue
                charset = (
                    ctype.split("charset=")[-1].split(";")[0].strip() if "charset=" in ctype else "utf-8"
                )
                try:
                    html = data.decode(charset, errors="replace")
                except LookupError:
                    html = data.decode("utf-8", errors="replace")
                doc_id = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
                try:
                    yield read_html(html, where, doc_id, url=url or None)
                except InputError as exc:
                    yield exc
        except Exception as exc:  # a truncated or corrupt archive: say so, keep what was read
            yield InputError(str(path), "E113", detail=f"the archive is damaged: {exc}")
            return
    if sink.warnings:
        yield InputError(
            str(path),
            "E113",
            detail=f"{sink.warnings:,} records of the archive have a wrong length; the rest was read",
        )
    if not pages:  # not an archive at all, or one without pages: not silently nothing
        yield InputError(str(path), "E112", detail="no HTML responses in the archive")


def _plain_text(data: bytes, where: str, url: str) -> RawDocument | InputError:
    """A plain-text response as an article, decoded as a text file is (its charset is often wrong)."""
    try:
        text, encoding = decode_bytes(data, where)
    except InputError as exc:
        return exc
    return RawDocument(
        id=hashlib.sha1(url.encode("utf-8")).hexdigest()[:16], text=text, source=where, encoding=encoding,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), hints=(("url", url),) if url else (),
    )  # fmt: skip
