"""Across a story's documents: one canonical name per source."""

from __future__ import annotations

from dataclasses import replace

from newsrecon.claims.sources import unify
from newsrecon.model import Document


def unify_sources(documents: list[Document]) -> list[Document]:
    """Give every claim's source and via, and every citation, the story's canonical name for it."""
    names = [c.source for d in documents for c in d.claims if c.source]
    names += [v for d in documents for c in d.claims for v in c.via]
    names += [c.source for d in documents for c in d.citations]
    acronyms = {name: acr for d in documents for name, acr in d.acronyms}
    names += list(acronyms)
    if not names:
        return documents
    mapping = unify(names, acronyms)
    out = []
    for d in documents:
        claims = tuple(
            replace(
                c,
                source=mapping.get(c.source, c.source) if c.source else None,
                via=tuple(dict.fromkeys(mapping.get(v, v) for v in c.via)),
            )
            for c in d.claims
        )
        citations = tuple(replace(c, source=mapping.get(c.source, c.source)) for c in d.citations)
        out.append(replace(d, claims=claims, citations=citations))
    return out
