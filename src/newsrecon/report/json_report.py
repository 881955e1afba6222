"""The JSON result, field for field as shared/CONTRACT.md names it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsrecon import __version__
from newsrecon.model import Claim, Document, Event, Measure, Referent, Result
from newsrecon.report.files import replacing


def document_to_dict(doc: Document) -> dict[str, Any]:
    """One document as the contract describes it, plus provenance of each metadata field."""
    meta = doc.meta
    return {
        "id": doc.id,
        "source": doc.source,
        "title": meta.value("title"),
        "byline": meta.value("byline"),
        "published": meta.value("published"),
        "published_inferred": (
            {"date": doc.published_inferred[0], "basis": doc.published_inferred[1]}
            if doc.published_inferred
            else None
        ),
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


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One claim as the contract describes it, with the offsets of its sentence and source."""
    q = claim.quantity
    return {
        "id": claim.id,
        "doc": claim.doc,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "text": claim.text,
        "surface": claim.surface,
        "quantity": {
            "low": q.low,
            "high": q.high,
            "approximate": q.approximate,
            "hedge": q.hedge,
            "unit": q.unit,
            "counted": q.counted,
            "category": q.category,
            "kind": q.kind,
            "vague": q.vague,
        },
        "source": claim.source,
        "source_surface": claim.source_surface,
        "source_span": None
        if claim.source_start is None
        else {"start": claim.source_start, "end": claim.source_end},
        "via": list(claim.via),
        "basis": claim.basis,
        "sentence": {"start": claim.sentence_start, "end": claim.sentence_end},
        "measure": claim.measure,
        "referent": referent_to_dict(claim.referent),
    }


def referent_to_dict(r: Referent | None) -> dict[str, Any] | None:
    """What the figure measures (`claims[].referent` in the contract), with its span."""
    if r is None:
        return None
    return {
        "thing": r.thing,
        "head": r.head,
        "predicate": r.predicate,
        "holder": r.holder,
        "scope": r.scope,
        "time": r.time,
        "unit": r.unit,
        "side": r.side,
        "span": None if r.start is None else [r.start, r.end],
    }


def measure_to_dict(m: Measure, story: str) -> dict[str, Any]:
    return {
        "id": m.id,
        "story": story,
        "label": m.label,
        "claims": list(m.claims),
        "status": m.status,
        "why": m.why,
        "independent_sources": m.independent_sources,
        "sources": list(m.sources),
        "category": m.category,
        "unit": m.unit,
        "frame": m.frame,
        "notes": list(m.notes),
        "confidence": m.confidence,
        "sequence": [{"date": d, "claim": c} for d, c in m.sequence],
    }


def event_to_dict(e: Event, story: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "story": story,
        "date": e.date,
        "text": e.text,
        "docs": list(e.docs),
        "basis": e.basis,
        "notes": list(e.notes),
        "mentions": [{"doc": d, "start": s, "end": t} for d, s, t in e.mentions],
    }


def citations_of(result: Result) -> list[dict[str, Any]]:
    """Who each document relies on: one row per document and upstream source, with where it is named."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for d in result.documents:
        for c in d.citations:
            row = rows.setdefault((d.id, c.source), {"doc": d.id, "source": c.source, "mentions": []})
            row["mentions"].append({"start": c.start, "end": c.end, "surface": c.surface, "basis": c.basis})
    return list(rows.values())


def _sections(result: Result) -> Iterator[tuple[str, Any]]:
    """The result's top-level fields in order; lists as iterators, so a writer can stream them."""
    yield "newsrecon", __version__
    yield "documents", (document_to_dict(d) for d in result.documents)
    yield "claims", (claim_to_dict(c) for d in result.documents for c in d.claims)
    yield "measures", (measure_to_dict(m, story.id) for story in result.stories for m in story.measures)
    yield "timeline", (event_to_dict(e, story.id) for story in result.stories for e in story.timeline)
    yield "citations", iter(citations_of(result))
    yield (
        "stories",
        (
            {
                "id": s.id,
                "docs": list(s.docs),
                "duplicates": [list(g) for g in s.duplicates],
                "date": s.date,
                "related": list(s.related),
            }
            for s in result.stories
        ),
    )
    yield "problems", ({"source": p.source, "code": p.code, "reason": p.reason} for p in result.problems)


def result_to_dict(result: Result) -> dict[str, Any]:
    """The whole result as a JSON-ready dict."""
    return {key: value if isinstance(value, str) else list(value) for key, value in _sections(result)}


def write_json(result: Result, path: str | Path) -> None:
    """Write the result to `path` as UTF-8 JSON (see `files.replacing`).

    Written record by record, the same text as `json.dumps(result_to_dict(result), indent=1)`
    without holding it: the whole text of a large corpus (and the dicts behind it) took as much
    memory again as the documents themselves."""
    with replacing(path) as f:
        f.write("{")
        for n, (key, value) in enumerate(_sections(result)):
            f.write(("," if n else "") + f"\n {json.dumps(key)}: ")
            if isinstance(value, str):
                f.write(json.dumps(value, ensure_ascii=False))
                continue
            f.write("[")
            empty = True
            for item in value:
                text = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
                f.write(("\n  " if empty else ",\n  ") + text)
                empty = False
            f.write("]" if empty else "\n ]")
        f.write("\n}")
