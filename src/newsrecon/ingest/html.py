"""HTML pages: the main text found by trafilatura, the page's metadata from its own tags.

The document's text is what trafilatura keeps of the page, so every offset newsrecon reports for
an HTML page points into that text, which the store and the JSON keep. The text stage then goes
further than trafilatura where it helps: "Read also" lists, share lines and reader appeals that
slip into the main text are cut there, with their reasons.

The page is parsed once; title, date, author and site name come from its meta tags and JSON-LD
(what publishers state about themselves), with htmldate asked only when no date is stated.
"""

from __future__ import annotations

import hashlib
import re
import warnings
import zlib

from newsrecon import limits
from newsrecon.clean import (
    NOT_AN_ARTICLE_BELOW,
    Line,
    article_confidence,
    classify,
    mostly_short,
    normalize,
    split_lines,
)
from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_bytes
from newsrecon.model import RawDocument

_META = {
    "title": ("og:title", "twitter:title", "title", "headline", "dc.title"),
    "published": (
        "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dcterms.created",
        "og:published_time", "sailthru.date", "parsely-pub-date", "publication_date",
    ),
    "byline": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
    "outlet": ("og:site_name", "application-name", "publisher", "twitter:site"),
}  # fmt: skip
_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def gunzip(data: bytes, source: str, limit: int | None = None) -> bytes:
    """The bytes of gzip data (every member), refused with E112 once they pass `limit`: a small
    file can expand to gigabytes (a "gzip bomb"). `limit`: `limits.MAX_PAGE_BYTES` unless given."""
    limit = limits.MAX_PAGE_BYTES if limit is None else limit
    out = bytearray()
    rest = data
    try:
        while rest[:2] == b"\x1f\x8b":
            unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += unpack.decompress(rest, limit + 1 - len(out))
            if len(out) > limit or unpack.unconsumed_tail:
                raise InputError(source, "E112", detail=f"the page expands past {limit:,} bytes")
            if not unpack.eof:
                raise InputError(source, "E104", detail="broken gzip data (it ends too soon)")
            rest = unpack.unused_data
    except zlib.error as exc:
        raise InputError(source, "E104", detail=f"broken gzip data ({exc})") from exc
    return bytes(out)


def html_bytes(data: bytes, source: str) -> str:
    """Decode an HTML page, gunzipping it first when needed."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, source)
    return decode_bytes(data, source)[0]


def page_metadata(tree) -> dict[str, str]:
    """Title, date, author and site name as the page states them in meta tags and JSON-LD."""
    found: dict[str, str] = {}
    tags = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and key not in tags:
            tags[key] = value
    for field, keys in _META.items():
        value = next((tags[k] for k in keys if k in tags), "")
        if value and not value.startswith(("http://", "https://")):
            found[field] = value
    if "published" not in found:
        for script in tree.iter("script"):
            if (script.get("type") or "").lower() == "application/ld+json" and script.text:
                m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text)
                if m:
                    found["published"] = m.group(1)
                    break
    if "published" not in found:
        for time_tag in tree.iter("time"):
            if time_tag.get("datetime"):
                found["published"] = time_tag.get("datetime")
                break
    if "title" not in found:
        title = tree.find(".//title")
        if title is not None and title.text:
            found["title"] = " ".join(title.text.split())
    if found.get("published") and (m := _ISO_DATE.search(found["published"])):
        found["published"] = "-".join(m.groups())
    return found


def _main_text(
    tree, url: str | None, fast: bool = False, recall: bool = False, precision: bool = False
) -> str:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, fast=fast,
        favor_recall=recall, favor_precision=precision,
    )  # fmt: skip
    return (extracted.text or "").strip() if extracted is not None else ""


def _reads_as_article(lines: list[Line]) -> float:
    """The text stage's confidence that extracted text is one article, judged as a flattened page."""
    return article_confidence(classify(lines))


def _lines(text: str) -> list[Line]:
    return split_lines(normalize(text).text)


# Elements of a page past which trafilatura's fallback extractors are not run: its fallback (jusText)
# compares each paragraph with its neighbours by a linear scan, so its time grows with the square of
# a page's blocks (a page of 20,000 tables took three minutes). The 1,144 pages of the two HTML
# benchmarks have 774 elements at the median and 4,975 at the most.
FULL_PASS_MAX_ELEMENTS = 20_000


def read_html(html: str, source: str, doc_id: str, url: str | None = None) -> RawDocument:
    """One HTML page as a raw article: trafilatura's main text, with the page's metadata as hints.

    Raises InputError naming `source`: E110 for no main text, E116 past `limits.DOCUMENT_SECONDS`."""
    try:
        with limits.time_budget(limits.DOCUMENT_SECONDS):
            return _read_html(html, source, doc_id, url)
    except limits.OverTime:
        raise InputError(source, "E116", detail=f"{limits.DOCUMENT_SECONDS:g} s") from None


def _read_html(html: str, source: str, doc_id: str, url: str | None) -> RawDocument:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml's FutureWarnings from inside trafilatura and htmldate
        tree = trafilatura.load_html(html)
        if tree is None:
            raise InputError(source, "E110", detail="the page cannot be parsed as HTML")
        hints = page_metadata(tree)
        if not _ISO_DATE.fullmatch(hints.get("published", "")):
            from htmldate import find_date

            try:
                hints["published"] = (
                    find_date(tree, url=url, original_date=True, extensive_search=False) or ""
                )
            except (ValueError, TypeError):
                hints.pop("published", None)
        # trafilatura with its fallback extractors, leaning to recall: on the 492 pages of half a of
        # the WCXB split (sites of every kind) F1 0.936 against 0.920 for its fast pass, which the
        # 181 news pages prefer by 0.004 (benchmarks/README.md). The text stage then drops lines.
        big = sum(1 for _ in tree.iter()) > FULL_PASS_MAX_ELEMENTS
        text = _main_text(tree, url, fast=big, recall=not big)
        first = _lines(text)
        if (
            text
            and not big
            and mostly_short(first)
            and (score := _reads_as_article(first)) < NOT_AN_ARTICLE_BELOW
        ):
            # The pass took the wrong block (a menu, a list of links): ask trafilatura again,
            # leaning to precision, and keep whichever reads more like an article.
            second = _main_text(trafilatura.load_html(html), url, precision=True)
            if second and _reads_as_article(_lines(second)) > score:
                text = second
    if not text:
        raise InputError(source, "E110", detail="no main text found in the page")
    text = text + "\n"
    hints.update({"url": url or "", "extracted": "html"})
    return RawDocument(
        id=doc_id, text=text, source=source, encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        hints=tuple((k, v) for k, v in hints.items() if v),
    )  # fmt: skip
