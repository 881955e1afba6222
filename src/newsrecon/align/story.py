"""One story from its documents: copies found, sources unified, claims grouped into measures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from newsrecon.align.blocks import Row, index_blocks
from newsrecon.align.cluster import StoryIndex, index_stories
from newsrecon.align.duplicates import duplicate_groups
from newsrecon.align.frames import story_time
from newsrecon.align.measures import build_measures
from newsrecon.align.related import related_stories
from newsrecon.claims import unify_sources
from newsrecon.model import Document, Story
from newsrecon.runners.local import Runner
from newsrecon.timeline import build_timeline, infer_published


def build_story(story_id: str, documents: list[Document]) -> tuple[Story, list[Document]]:
    """The story of `documents`, and the documents with canonical sources and measures set."""
    documents = unify_sources(documents)
    groups = duplicate_groups(documents)
    duplicate_of = {doc: group[0] for group in groups for doc in group}
    claims = [c for d in documents for c in d.claims]
    now = story_time([d.meta.value("published") for d in documents if d.meta.value("published")], claims)
    # Measure ids are the story's ("story-2.m1"): a claim's `measure` names one measure in the run.
    measures, documents = build_measures(documents, now, duplicate_of, prefix=f"{story_id}.")
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


def _build_story_item(item: tuple[str, list[Document]]) -> tuple[Story, list[Document]]:
    return build_story(*item)


def _build_all(
    groups: list[tuple[str, list[Document]]], runner: Runner | None
) -> Iterator[tuple[Story, list[Document]]]:
    """`build_story` over each (story id, documents): one story's reconciliation depends on its
    documents alone, so the runner's workers (or Spark's executors) take a story each."""
    if runner is None:
        return map(_build_story_item, groups)
    return runner.map(_build_story_item, groups)


def build_stories(
    documents: list[Document],
    filed: dict[str, str] | None = None,
    runner: Runner | None = None,
    block_runner: Runner | None = None,
) -> tuple[list[Document], list[Story]]:
    """Split documents into stories (one when they all report one event) and build each.

    `filed`: story ids of documents an earlier run filed (from the store); they keep them, and
    the other documents join those stories or open new ones. `runner`: where the stories are
    reconciled (here, one after another, by default). `block_runner`: where the blocks of a
    corpus too large for one story index are filed (`newsrecon.align.blocks`; here by default).
    """
    by_id = {d.id: d for d in documents}
    done: dict[str, Document] = {}
    stories = file_stories(
        [brief(d) for d in documents],
        lambda ids: [by_id[i] for i in ids],
        lambda built: done.update((d.id, d) for d in built),
        filed,
        runner,
        block_runner,
    )
    return [done[d.id] for d in documents], stories


def file_stories(
    rows: list[Row],
    load: Callable[[list[str]], list[Document]],
    keep: Callable[[list[Document]], None],
    filed: dict[str, str] | None = None,
    runner: Runner | None = None,
    block_runner: Runner | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Story]:
    """`build_stories` over what clustering reads of each document (`brief`), the documents
    themselves taken (`load`) one story at a time and handed back built (`keep`): memory holds
    one story's documents, not the corpus's. `progress` is told (stories built, stories) as
    each is done."""
    found = {row[0]: row[4] for row in rows if row[4] is not None}
    if filed:
        index = _index([row[:4] for row in rows], filed, found=found)
    else:
        index = index_blocks(rows, block_runner)
    related = related_stories(index, _texts(rows))
    named = index.named_groups()
    groups = ((story_id, load(group)) for story_id, group in named)
    stories: list[Story] = []
    for story, members in _build_all(groups, runner):
        stories.append(replace(story, related=related.get(story.id, ())))
        keep(members)
        if progress is not None:
            progress(len(stories), len(named))
    return stories


def build_corpus_stories(
    briefs: list[Row],
    stored: list[tuple[str, str, str, str | None]],
    filed: dict[str, str],
    load: Callable[[list[str]], list[Document]],
    take: Callable[[str], Document],
    start: StoryIndex | None = None,
    runner: Runner | None = None,
    keep: Callable[[list[Document]], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[str], list[Story], StoryIndex]:
    """The stories that `briefs` (of this run's documents, as `brief` gives them) join or open, among
    all stored ones.

    `stored`: (id, title, body, published) of the documents stored before, for clustering only;
    `filed`: the story ids earlier corpus runs gave them (they keep them). `start`: the story index
    an earlier corpus run left; documents already in it stay where they are and are not read again,
    so `stored` need only hold those it lacks. `load` fetches the full stored documents of the
    stories this run touches, so that untouched stories cost nothing but their place in the index;
    `take` gives one of this run's documents, one story's at a time; `runner`: where those
    stories are reconciled (see `build_stories`); `keep` takes each story's documents as built;
    `progress` as in `file_stories`. Returns the ids of those stories' documents, the stories, and
    the index (for the next run).
    """
    covered = start.covers() if start is not None else set()
    rows = [*stored, *(r[:4] for r in briefs if r[0] not in covered)]
    index = _index(rows, filed, start, {r[0]: r[4] for r in briefs if r[4] is not None})
    new = {r[0]: r for r in briefs}
    touched = [(sid, group) for sid, group in index.named_groups() if any(i in new for i in group)]
    earlier = {d.id: d for d in load([i for _, group in touched for i in group if i not in new])}
    # Related among the stories this run touched: the others' texts are not read.
    related = related_stories(index, _texts([*new.values(), *(brief(d) for d in earlier.values())]))
    groups = (
        (story_id, [take(i) if i in new else earlier[i] for i in group if i in new or i in earlier])
        for story_id, group in touched
    )
    stories: list[Story] = []
    out: list[str] = []
    for story, built in _build_all(groups, runner):
        stories.append(replace(story, related=related.get(story.id, ())))
        out.extend(d.id for d in built)
        if keep is not None:
            keep(built)
        if progress is not None:
            progress(len(stories), len(touched))
    return out, stories, index


def brief(doc: Document) -> Row:
    """What the corpus stages keep of a document while its full record waits on disk: (id,
    headline, body, published, participants), what story clustering and relating read."""
    participants = frozenset(doc.participants) if doc.participants is not None else None
    return (doc.id, doc.meta.value("title") or "", doc.body, doc.meta.value("published"), participants)


def _texts(rows: Iterable[tuple]) -> dict[str, tuple[str, str]]:
    """(headline, body) by document id, from rows (id, title, body, ...): what relating stories reads."""
    return {row[0]: (row[1], row[2]) for row in rows}


def _index(
    rows: list[tuple[str, str, str, str | None]],
    filed: dict[str, str] | None,
    start: StoryIndex | None = None,
    found: dict[str, frozenset[str]] | None = None,
) -> StoryIndex:
    docs = [(doc_id, title, body) for doc_id, title, body, _ in rows]
    dates = {doc_id: day for doc_id, _, _, day in rows if day}
    return index_stories(docs, filed=filed, published=dates, start=start, found=found)
