"""RSS and Atom feeds: each entry an article, its HTML content or summary read like a page."""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path

from newsrecon.errors import InputError
from newsrecon.model import RawDocument

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)


def _entry_text(raw: str) -> str:
    """An entry's HTML content as plain paragraphs (feeds carry fragments, not whole pages)."""
    text = _BLOCK.sub("\n", raw)
    text = htmllib.unescape(_TAG.sub("", text))
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def read_feed(path: Path, data: bytes) -> Iterator[RawDocument | InputError]:
    """The entries of an RSS or Atom feed, each with its title, link and date as hints."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(str(path), "E111", detail=str(parsed.get("bozo_exception", "not a feed")))
        return
    if not parsed.entries:
        yield InputError(str(path), "E111", detail="the feed has no entries")
        return
    outlet = (parsed.feed.get("title") or "").strip()
    for n, entry in enumerate(parsed.entries, start=1):
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
