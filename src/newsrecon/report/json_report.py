"""The JSON result, field for field as shared/CONTRACT.md names it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsrecon import __version__
from newsrecon.model import Document, Result


def document_to_dict(doc: Document) -> dict[str, Any]:
    """One document as the contract describes it, plus provenance of each metadata field."""
    meta = doc.meta
    return {
        "id": doc.id,
        "source": doc.source,
        "title": meta.value("title"),
        "byline": meta.value("byline"),
        "published": meta.value("published"),
        "published_inferred": None,
        "outlet": meta.value("outlet"),
        "dateline": meta.value("dateline"),
        "wire": meta.value("wire"),
        "body": doc.body,
        "paragraphs": [{"start": p.start, "end": p.end} for p in doc.paragraphs],
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in doc.removed],
        "meta_spans": {
            name: {"start": f.start, "end": f.end}
            for name in meta.FIELDS
            if (f := getattr(meta, name)) is not None and f.start is not None
        },
        "confidence": doc.confidence,
        "encoding": doc.encoding,
        "sha256": doc.sha256,
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """The whole result as a JSON-ready dict."""
    docs = [d.id for d in result.documents]
    return {
        "newsrecon": __version__,
        "documents": [document_to_dict(d) for d in result.documents],
        "claims": [],
        "measures": [],
        "timeline": [],
        "citations": [],
        "stories": [{"id": "story-1", "docs": docs, "duplicates": []}] if docs else [],
        "problems": [{"source": p.source, "code": p.code, "reason": p.reason} for p in result.problems],
    }


def write_json(result: Result, path: str | Path) -> None:
    """Write the result to `path` as UTF-8 JSON (written whole, then moved into place)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
