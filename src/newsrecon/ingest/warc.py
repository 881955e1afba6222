"""Web archives (WARC, as Common Crawl News ships them): HTML responses read one record at a time,
so an archive of any size streams through without being held in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from newsrecon.errors import InputError
from newsrecon.ingest.html import read_html
from newsrecon.model import RawDocument

MAX_PAGE_BYTES = 5_000_000  # pages larger than this are not articles (and would cost memory)


def read_warc(path: Path) -> Iterator[RawDocument | InputError]:
    """Every HTML response in a WARC file (gzipped or not) as an article; the id is the record's URL hash."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
        return
    pages = 0
    with stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                pages += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#{url}"
                data = record.content_stream().read(MAX_PAGE_BYTES + 1)
                if len(data) > MAX_PAGE_BYTES:
                    yield InputError(where, "E112", detail=f"page larger than {MAX_PAGE_BYTES} bytes")
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
    if not pages:  # not an archive at all, or one without pages: not silently nothing
        yield InputError(str(path), "E112", detail="no HTML responses in the archive")
