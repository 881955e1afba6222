"""What every dossier format shows, computed once: headline, dates, outlets, conflicts, key figures.

The Markdown, HTML and CSV writers only lay this out; none of them decides anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsrecon.model import Claim, Document, Measure, Result, Story

STATUS_ORDER = {"conflict": 0, "changing": 1, "consistent": 2, "single": 3}


@dataclass(frozen=True)
class FigureRow:
    """One cell of the key-figures table: a measure as one source states it in one article."""

    measure: Measure
    claim: Claim
    outlet: str


@dataclass(frozen=True)
class StoryView:
    story: Story
    headline: str
    dates: tuple[str | None, str | None]
    outlets: tuple[str, ...]
    documents: tuple[Document, ...]
    measures: tuple[Measure, ...]  # conflicts first (surest first), then by how many claims back them
    rows: tuple[FigureRow, ...]
    claims: dict[str, Claim]
    citations: tuple[tuple[str, str], ...]  # (doc, source)
    inferred: int = 0  # documents whose date is inferred from the story


def span(v: StoryView, joiner: str) -> str:
    """The story's dates as one phrase: "first<joiner>last", one date, or that none is stated."""
    first, last = v.dates
    return f"{first}{joiner}{last}" if first and last and first != last else (first or "date not stated")


def summary(v: StoryView) -> str:
    """One line for a dossier's list of stories: size, dates, conflicts."""
    n = len(v.documents)
    conflicts = sum(m.status == "conflict" for m in v.measures)
    return (
        f"{n} article{'s' * (n != 1)}, {span(v, ' to ')}, "
        f"{conflicts} figure{'s' * (conflicts != 1)} in conflict"
    )


def outlet_name(doc: Document) -> str:
    return doc.meta.value("outlet") or doc.meta.value("wire") or doc.id


def story_views(result: Result) -> list[StoryView]:
    """A view per story of the result."""
    docs = {d.id: d for d in result.documents}
    views = []
    for story in result.stories:
        members = tuple(docs[i] for i in story.docs if i in docs)
        claims = {c.id: c for d in members for c in d.claims}
        titles = [d.meta.value("title") for d in members if d.meta.value("title")]
        headline = Counter(titles).most_common(1)[0][0] if titles else f"Story {story.id}"
        dates = sorted(
            d.meta.value("published") or d.published_inferred[0]
            for d in members
            if d.meta.value("published") or d.published_inferred
        )
        inferred = sum(1 for d in members if not d.meta.value("published") and d.published_inferred)
        measures = tuple(
            sorted(
                story.measures,
                key=lambda m: (STATUS_ORDER.get(m.status, 4), -m.confidence, -len(m.claims), m.label),
            )
        )
        rows = tuple(
            FigureRow(m, claims[cid], outlet_name(docs[claims[cid].doc]))
            for m in measures
            if m.status != "single" or _is_key(m, claims)
            for cid in m.claims
            if cid in claims and not claims[cid].quantity.vague
        )
        citations = tuple(sorted({(c.doc, c.source) for d in members for c in d.citations}))
        views.append(
            StoryView(
                story,
                headline,
                (dates[0] if dates else None, dates[-1] if dates else None),
                _outlets(members),
                members,
                measures,
                rows,
                claims,
                citations,
                inferred,
            )
        )
    return views


def _outlets(members: tuple[Document, ...]) -> tuple[str, ...]:
    named = sorted({n for d in members if (n := d.meta.value("outlet") or d.meta.value("wire"))})
    unnamed = sum(1 for d in members if not (d.meta.value("outlet") or d.meta.value("wire")))
    return (*named, f"{unnamed} not named") if unnamed else tuple(named)


def _is_key(m: Measure, claims: dict[str, Claim]) -> bool:
    """A single-source figure is still a key figure when someone is named for it."""
    return any(claims[c].source for c in m.claims if c in claims) and m.category not in ("duration", "other")


def value_as_worded(c: Claim) -> str:
    return c.surface + (f" {c.quantity.counted}" if c.quantity.counted and c.quantity.kind == "count" else "")
