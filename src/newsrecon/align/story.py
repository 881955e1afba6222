"""One story from its documents: copies found, sources unified, claims grouped into measures."""

from __future__ import annotations

from newsrecon.align.cluster import index_stories
from newsrecon.align.duplicates import duplicate_groups
from newsrecon.align.frames import story_time
from newsrecon.align.measures import build_measures
from newsrecon.claims import unify_sources
from newsrecon.model import Document, Story
from newsrecon.timeline import build_timeline, infer_published


def build_story(story_id: str, documents: list[Document]) -> tuple[Story, list[Document]]:
    """The story of `documents`, and the documents with canonical sources and measures set."""
    documents = unify_sources(documents)
    groups = duplicate_groups(documents)
    duplicate_of = {doc: group[0] for group in groups for doc in group}
    claims = [c for d in documents for c in d.claims]
    now = story_time([d.meta.value("published") for d in documents if d.meta.value("published")], claims)
    measures, documents = build_measures(documents, now, duplicate_of)
    documents = infer_published(documents, now.date)
    story = Story(
        id=story_id,
        docs=tuple(d.id for d in documents),
        duplicates=tuple(tuple(g) for g in groups),
        measures=tuple(measures),
        timeline=tuple(build_timeline(documents, now.date)),
        date=now.date.isoformat() if now.date else None,
    )
    return story, documents


def build_stories(
    documents: list[Document], filed: dict[str, str] | None = None
) -> tuple[list[Document], list[Story]]:
    """Split documents into stories (one when they all report one event) and build each.

    `filed`: story ids of documents an earlier run filed (from the store); they keep them, and
    the other documents join those stories or open new ones.
    """
    by_id = {d.id: d for d in documents}
    dates = {d.id: d.meta.value("published") for d in documents if d.meta.value("published")}
    docs = [(d.id, d.meta.value("title") or "", d.body) for d in documents]
    index = index_stories(docs, filed=filed, published=dates)
    stories: list[Story] = []
    done: dict[str, Document] = {}
    for story_id, group in index.named_groups():
        story, members = build_story(story_id, [by_id[i] for i in group])
        stories.append(story)
        done.update((d.id, d) for d in members)
    return [done[d.id] for d in documents], stories
