"""RSS and Atom feeds: each entry an article, its HTML content or summary read like a page."""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from newsrecon.errors import InputError
from newsrecon.model import RawDocument

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
SNIFF_BYTES = 2048  # of a response's start: where a feed's root element stands


def feed_like(content_type: str, data: bytes) -> bool:
    """Whether a web response is an RSS or Atom feed: by its content type, or, for XML (and for
    the servers that label a feed as HTML or text), by a feed's root element near its start."""
    ctype = content_type.lower()
    if "rss" in ctype or "atom" in ctype:
        return True
    if ctype and "xml" not in ctype and "html" not in ctype and "text/plain" not in ctype:
        return False
    return "xhtml" not in ctype and _FEED_ROOT.search(data[:SNIFF_BYTES]) is not None


def _entry_text(raw: str) -> str:
    """An entry's HTML content as plain paragraphs (feeds carry fragments, not whole pages)."""
    text = _BLOCK.sub("\n", raw)
    text = htmllib.unescape(_TAG.sub("", text))
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def read_feed(
    path: Path, data: bytes, skip: Collection[str] = frozenset(), base: str | None = None
) -> Iterator[RawDocument | InputError]:
    """The entries of an RSS or Atom feed, each with its title, link and date as hints.

    Entries whose link is in `skip` are passed over (a web archive that holds their pages reads
    those instead); `base`: the feed's own URL, which relative links are resolved against."""
    import feedparser

    # A stream, never bytes or a string, which feedparser may take for a URL or a path to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base} if base else None)
    if parsed.bozo and not parsed.entries:
        yield InputError(str(path), "E111", detail=str(parsed.get("bozo_exception", "not a feed")))
        return
    if not parsed.entries:
        yield InputError(str(path), "E111", detail="the feed has no entries")
        return
    outlet = (parsed.feed.get("title") or "").strip()
    for n, entry in enumerate(parsed.entries, start=1):
        if skip and entry.get("link") in skip:
            continue
        content = entry.get("content") or []
        raw = content[0].get("value") if content else entry.get("summary", "")
        body = _entry_text(raw or "")
        where = f"{path}#{n}"
        if not body.strip():
            yield InputError(where, "E110", detail="the entry has no text")
            continue
        title = (entry.get("title") or "").strip()
        text = f"{title}\n\n{body}\n" if title else body + "\n"
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        hints = {
            "title": title,
            "url": entry.get("link", ""),
            "outlet": outlet,
            "published": f"{date.tm_year:04d}-{date.tm_mon:02d}-{date.tm_mday:02d}" if date else "",
        }
        yield RawDocument(
            id=str(entry.get("id") or entry.get("link") or f"{path.stem}-{n}"), text=text, source=where,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            hints=tuple((k, v) for k, v in hints.items() if v),
        )  # fmt: skip
