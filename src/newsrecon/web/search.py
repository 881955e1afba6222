"""Full-text search over the store's FTS5 tables (migration 0007_web): articles, claims, sources.

A user's words are quoted one by one before they reach FTS5, so no input is query syntax (a
stray quote or `AND(` cannot fail the query). Hits come back with FTS5's snippets, whose match
markers are control characters: the snippet is escaped first and only then are the markers
turned into <mark>, so stored text never becomes markup.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from markupsafe import Markup, escape

OPEN, CLOSE = "\x02", "\x03"
_MARKED = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
MAX_TERMS = 12


def fts_query(text: str) -> str | None:
    """The user's words as an FTS5 query: every word a quoted string (all must match), the last a
    prefix; None when there is no word to look for."""
    words = [w for w in re.findall(r"\w[\w'’.-]*", text)][:MAX_TERMS]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def marked(snippet: str | None) -> Markup:
    """A snippet with FTS5's markers as <mark> elements, everything else escaped."""
    safe = str(escape(snippet or ""))
    safe = _MARKED.sub(r"<mark>\1</mark>", safe)
    return Markup(safe.replace(OPEN, "").replace(CLOSE, ""))


@dataclass(frozen=True)
class ArticleHit:
    sha256: str
    doc: str
    title: str | None
    outlet: str | None
    published: str | None
    title_html: Markup
    snippet_html: Markup


@dataclass(frozen=True)
class ClaimHit:
    sha256: str
    doc: str
    claim: str
    source: str | None
    surface: str
    snippet_html: Markup


@dataclass(frozen=True)
class SourceHit:
    name: str
    name_html: Markup
    claims: int


@dataclass(frozen=True)
class Hits:
    articles: tuple[ArticleHit, ...]
    claims: tuple[ClaimHit, ...]
    sources: tuple[SourceHit, ...]


def _snip(table: str, column: int, tokens: int = 16) -> str:
    return f"snippet({table}, {column}, '{OPEN}', '{CLOSE}', '…', {tokens})"


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> Hits:
    """The best `limit` hits of each kind for the user's words (bm25 order)."""
    query = fts_query(text)
    if query is None:
        return Hits((), (), ())
    articles = tuple(
        ArticleHit(sha, doc, title, outlet, published, marked(title_snip), marked(body_snip))
        for sha, doc, title, outlet, published, title_snip, body_snip in conn.execute(
            "SELECT d.sha256, d.id, d.title, coalesce(d.outlet, d.wire), d.published,"
            f" highlight(search_articles, 0, '{OPEN}', '{CLOSE}'), {_snip('search_articles', 3, 24)}"
            " FROM search_articles JOIN documents d ON d.rowid = search_articles.rowid"
            " WHERE search_articles MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
    )
    claims = tuple(
        ClaimHit(sha, doc, cid, source, surface, marked(snip))
        for sha, doc, cid, source, surface, snip in conn.execute(
            f"SELECT d.sha256, d.id, c.id, c.source, c.surface, {_snip('search_claims', 0, 20)}"
            " FROM search_claims JOIN claims c ON c.rowid = search_claims.rowid JOIN documents d ON d.sha256 = c.doc"
            " WHERE search_claims MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
    )
    sources = tuple(
        SourceHit(name, marked(name_html), n)
        for name, name_html, n in conn.execute(
            f"SELECT n.name, highlight(search_sources, 0, '{OPEN}', '{CLOSE}'),"
            " (SELECT count(*) FROM claims c WHERE c.source = n.name)"
            " FROM search_sources JOIN source_names n ON n.rowid = search_sources.rowid"
            " WHERE search_sources MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
    )
    return Hits(articles, claims, sources)
