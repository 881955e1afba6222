"""The per-document stages (decode -> clean -> metadata) and the run over many inputs.

`clean_document` is pure: a `RawDocument` in, a new frozen `Document` out, nothing shared, so it
can run in any worker. `analyze` drives a run: it reads inputs, keeps going past bad ones, and
hands documents to the store's single writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsrecon import limits
from newsrecon.align import StoryIndex, build_corpus_stories
from newsrecon.align.blocks import Row
from newsrecon.align.cluster import participants, snapshot_version
from newsrecon.align.story import brief, file_stories
from newsrecon.claims import extract_claims
from newsrecon.clean import (
    NOT_AN_ARTICLE_BELOW,
    Line,
    Verdict,
    article_confidence,
    classify,
    mostly_short,
)
from newsrecon.clean.linemodel import load_model
from newsrecon.clean.reading import read_page
from newsrecon.errors import InputError, NoInputError, StoreError, message
from newsrecon.ingest import read_inputs
from newsrecon.ingest.fetch import fetched as fetching
from newsrecon.ingest.fetch import is_url
from newsrecon.meta import extract_metadata, parse_full_date
from newsrecon.model import (
    Document,
    InputProblem,
    Metadata,
    MetaField,
    RawDocument,
    Removal,
    Result,
    Span,
    Story,
)
from newsrecon.runners import LocalRunner, Runner
from newsrecon.shelf import Shelf, ShelfView
from newsrecon.timeline import document_dates

if TYPE_CHECKING:
    from newsrecon.store import Store

# (stage, done, total), called as a run goes: "read" per input read (total unknown: a JSON Lines
# file or an archive holds any number of articles), "process" per article (articles
# found in the store count as done at once; the total is the articles read so far, since inputs are
# read a batch at a time), "stories" once as filing starts, "reconcile" per story built (total
# known), then "store" once.
ProgressHook = Callable[[str, int, int | None], None]


def _silent(stage: str, done: int, total: int | None) -> None:
    """The progress hook of a run nobody watches."""


def clean_document(raw: RawDocument) -> Document:
    """Split a raw article into body paragraphs, removed spans (with reasons) and metadata.

    Raises `InputError` E115 for a text longer than `limits.MAX_ARTICLE_CHARS`."""
    if len(raw.text) > limits.MAX_ARTICLE_CHARS:
        detail = f"{len(raw.text):,} characters, the most is {limits.MAX_ARTICLE_CHARS:,}"
        raise InputError(raw.source, "E115", detail=detail)
    # Markup blanked to spaces: offsets into `page.text` are offsets into the user's file.
    page = read_page(raw.text)
    text, norm, lines = page.text, page.norm, page.lines
    extracted = bool(dict(raw.hints).get("extracted"))
    # Text an HTML extractor cut out of its page skips the line model, unless it reads like a menu
    # or a list of links: then the model judges it as it would a flattened page (the confidence
    # that tells a front page from an article).
    verdicts = classify(lines, placed=extracted and not mostly_short(lines), linked=page.linked)
    confidence = article_confidence(verdicts)
    if extracted:
        verdicts = _trust_extractor(verdicts)

    def mapped(start: int, end: int) -> tuple[int, int]:
        return norm.to_original(start), norm.original_end(end)

    def within(line: Line, start: int, end: int) -> tuple[int, int]:
        return mapped(*line.span_in(norm.text, start, end))

    meta, title_index = extract_metadata(lines, verdicts, within)
    meta = _with_hints(meta, dict(raw.hints))
    paragraphs: list[Span] = []
    removed: list[Removal] = []
    texts: list[str] = []
    for v in verdicts:
        start, end = mapped(v.line.start, v.line.end)
        if v.keep:
            paragraphs.append(Span(start, end))
            texts.append(v.line.text)
        else:
            removed.append(Removal(start, end, "headline" if v.line.index == title_index else v.reason))
    return Document(
        id=raw.id,
        text=text,
        source=raw.source,
        encoding=raw.encoding,
        sha256=raw.sha256,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        meta=meta,
        body="\n".join(texts),
        confidence=round(confidence, 3),
    )


# Reasons that come from a line's place on a flattened page; an HTML extractor has already placed it.
# Captions too: an extractor keeps only those that sit inside the article.
_PLACE_REASONS = frozenset(
    {"before-article", "after-article", "not-prose", "keywords", "duplicate", "name-list", "caption"}
)
_LONG_LINE = 16  # words: a reader appeal in extracted text is a short call to act, not a paragraph


def _trust_extractor(verdicts: list[Verdict]) -> list[Verdict]:
    """Text that an HTML extractor already cut out of its page keeps its lines, except the furniture
    the text stage recognises on its own (related lists, short appeals, share lines, credits, repeats).

    A long line that reads as an appeal ("if you sign up for...") inside extracted text is a
    paragraph of the article (product advice, a funder's report); on a flattened page the same
    words more often sit in a box beside it.
    """
    return [
        replace(v, keep=True, reason="body")
        if not v.keep
        and (v.reason in _PLACE_REASONS or (v.reason == "appeal" and v.line.n_words > _LONG_LINE))
        else v
        for v in verdicts
    ]


def process_document(raw: RawDocument) -> Document:
    """All per-document stages: clean, read metadata, extract claims.

    Raises `InputError` E114 for a page the cleaner cannot read as an article (a home page, a
    list of links): reported as such, rather than its teasers returned as a body.
    """
    doc = clean_document(raw)
    if (problem := not_an_article(doc)) is not None:
        raise problem
    claims, citations, acronyms = extract_claims(doc)
    return replace(
        doc,
        claims=claims,
        citations=citations,
        acronyms=tuple(sorted(acronyms.items())),
        dates=document_dates(doc),
        participants=tuple(sorted(participants(doc.meta.value("title") or "", doc.body))),
    )


def not_an_article(doc: Document) -> InputError | None:
    """E114 for a cleaned page that is most likely not an article (a home page, a list of links):
    its confidence is below `NOT_AN_ARTICLE_BELOW`. None for an article."""
    if doc.confidence >= NOT_AN_ARTICLE_BELOW or not doc.body:
        return None
    why = (
        f"the cleaner's confidence is {doc.confidence:.2f}, below {NOT_AN_ARTICLE_BELOW}: no stretch of article"
        " text, only short pieces such as headlines, links and teasers"
    )
    return InputError(doc.source, "E114", detail=why)


def nothing_read(problems: list[InputProblem]) -> NoInputError:
    """E201 for a run that could read no article at all, naming the first inputs' problems."""
    detail = "; ".join(str(p) for p in problems[:5]) or "no inputs given"
    return NoInputError("E201", f"nothing could be read from the inputs given ({detail})")


CLEAN_BATCH = 512  # documents cleaned per round: memory holds one round, whatever the corpus


def clean_inputs(
    paths: Iterable[str | Path],
    progress: ProgressHook | None = None,
    workers: int | None = 1,
    exclude: Collection[Path] = (),
    runner: Runner | None = None,
) -> Iterator[Document | InputProblem]:
    """Read and clean every input, nothing more (no claims, stories or store): for many pages.

    Streams: inputs are read as they are needed and cleaned `CLEAN_BATCH` at a time, in order, so
    a million pages need no more memory than one batch (and their ids: one repeated in the run is
    made unique, as in `analyze`). Yields each article's `Document` (test `not_an_article` on it)
    or the `InputProblem` of an input that could not be read or cleaned. Files in `exclude` (the
    run's own output) are not read. `runner`: where the batches are cleaned (default: `workers`
    local processes). Reports the stage "clean" with the count done (the total is not known ahead).
    """
    report = progress or _silent
    own = LocalRunner(workers) if runner is None else None
    runner = runner or own
    load_model()  # read once here, so that forked workers inherit it
    batch: list[RawDocument | InputProblem] = []
    done = 0

    def cleaned() -> Iterator[Document | InputProblem]:
        nonlocal done
        results = runner.map(_clean_safely, [x for x in batch if isinstance(x, RawDocument)])
        for x in batch:
            done += 1
            report("clean", done, None)
            yield next(results) if isinstance(x, RawDocument) else x

    taken: set[str] = set()
    try:
        for item in read_inputs(paths, exclude):
            if isinstance(item, InputError):
                batch.append(InputProblem.of(item))
            else:
                batch.append(_unique_id(item, taken))
            if len(batch) >= CLEAN_BATCH:
                yield from cleaned()
                batch = []
        yield from cleaned()
    finally:
        if own is not None:
            own.close()


def _with_hints(meta: Metadata, hints: dict[str, str]) -> Metadata:
    """Fill fields the text does not state from metadata given beside it (JSON Lines records)."""
    if not hints:
        return meta
    fields = {name: getattr(meta, name) for name in Metadata.FIELDS}
    if fields["title"] is None and hints.get("title"):
        fields["title"] = MetaField(hints["title"])
    if fields["outlet"] is None and hints.get("outlet"):
        fields["outlet"] = MetaField(hints["outlet"])
    if fields["byline"] is None and hints.get("byline"):
        fields["byline"] = MetaField(hints["byline"])
    if fields["published"] is None and hints.get("published"):
        iso = re.fullmatch(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", hints["published"][:10])
        value = "-".join(iso.groups()) if iso else parse_full_date(hints["published"][:40])
        if value:
            fields["published"] = MetaField(value)
    return Metadata(**fields)


def _safely(stage: Callable[[RawDocument], Document], item: RawDocument) -> Document | InputProblem:
    """`stage` on one document, or the reason it failed: one article must never stop the run."""
    try:
        with limits.time_budget(limits.DOCUMENT_SECONDS):
            return stage(item)
    except InputError as exc:
        return InputProblem.of(exc)
    except limits.OverTime:
        return InputProblem(item.source, "E116", message("E116", detail=f"{limits.DOCUMENT_SECONDS:g} s"))
    except Exception as exc:
        return InputProblem(item.source, "E109", f"processing failed: {exc!r}")


# Module-level functions, so that they pickle to worker processes and Spark executors.
def _process_safely(item: RawDocument) -> Document | InputProblem:
    return _safely(process_document, item)


def _clean_safely(item: RawDocument) -> Document | InputProblem:
    return _safely(clean_document, item)


def _unique_id(raw: RawDocument, taken: set[str]) -> RawDocument:
    """`raw`, renamed when an earlier input of the run has its id (two `article.txt` in two
    folders, a JSON Lines id given twice): "article-2", "article-3"... Stories, claims and reports
    refer to documents by id, so a repeated one would replace the earlier document."""
    doc_id, n = raw.id, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{raw.id}-{n}"
    taken.add(doc_id)
    return raw if doc_id == raw.id else replace(raw, id=doc_id)


PROCESS_BATCH = 512  # inputs read and processed per round: memory holds one round's raw texts


@dataclass
class Processed:
    """What a run keeps in memory of its documents while their records wait on a `Shelf`."""

    order: list[str] = field(default_factory=list)  # document ids, in input order
    rows: list[Row] = field(default_factory=list)  # what the corpus stages read (`align.story.brief`)
    sha: dict[str, str] = field(default_factory=dict)  # id -> content hash
    problems: list[InputProblem] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)  # ids processed in this run, not taken from the store


def process_inputs(
    paths: Iterable[str | Path],
    shelf: Shelf,
    progress: ProgressHook | None = None,
    runner: Runner | None = None,
    known: Callable[[list[RawDocument]], dict[str, Document]] | None = None,
    stored_ids: Callable[[list[str]], dict[str, str]] | None = None,
    rename: Callable[[Any], Any] | None = None,
) -> Processed:
    """Read and process every input; a bad input becomes an `InputProblem`, never a stopped run.

    Streams: inputs are read `PROCESS_BATCH` at a time, each batch processed (by `runner`) and its
    documents put on `shelf` as they come back, so memory holds one batch's texts and the briefs of
    the documents done. `known`: looks up documents processed before (by content hash), which are
    not processed again. `stored_ids`: the ids stored texts have, by content hash (a stored text
    keeps its id unless an earlier input of the run took it). `rename`: applied to each document
    and problem as it is done (a temporary web archive's documents are named by their URLs).
    """
    report = progress or _silent
    runner = runner or LocalRunner(1)  # one process: nothing to close
    name = rename or (lambda x: x)
    out = Processed()
    taken: set[str] = set()
    articles = done = 0  # articles read, articles done
    batch: list[RawDocument | InputError] = []

    def keep(item: Document | InputProblem, fresh: bool) -> None:
        item = name(item)
        if isinstance(item, InputProblem):
            out.problems.append(item)
            return
        shelf.put(item)
        out.order.append(item.id)
        out.rows.append(brief(item))
        out.sha[item.id] = item.sha256
        if fresh:
            out.fresh.append(item.id)

    def run(batch: list[RawDocument | InputError]) -> None:
        nonlocal done
        raws = iter(_named([x for x in batch if isinstance(x, RawDocument)], taken, stored_ids))
        named = [x if isinstance(x, InputError) else next(raws) for x in batch]
        wanted = [x for x in named if isinstance(x, RawDocument)]
        stored = known(wanted) if known is not None and wanted else {}
        found = {
            raw.id: replace(stored[raw.sha256], source=raw.source)
            for raw in wanted
            if raw.sha256 in stored
            and stored[raw.sha256].id == raw.id  # the same text under another name is redone
        }
        done += len(found)
        report("process", done, articles)
        processed = iter(runner.map(_process_safely, [raw for raw in wanted if raw.id not in found]))
        for x in named:
            if isinstance(x, InputError):
                keep(InputProblem.of(x), False)
            elif x.id in found:
                keep(found[x.id], False)
            else:
                keep(next(processed), True)
                done += 1
                report("process", done, articles)

    for read, item in enumerate(read_inputs(paths), start=1):
        batch.append(item)
        articles += isinstance(item, RawDocument)
        report("read", read, None)
        if len(batch) >= PROCESS_BATCH:
            run(batch)
            batch = []
    if batch:
        run(batch)
    return out


def _named(raws: list[RawDocument], taken: set[str], stored_ids: Callable | None) -> list[RawDocument]:
    """Each input with the id it is known by in the run (see `_unique_id`). A text the store holds
    keeps the id it was given ("article-2" stays "article-2" whichever other inputs a run has);
    the other texts are numbered around those ids."""
    stored = stored_ids([r.sha256 for r in raws]) if stored_ids is not None and raws else {}
    keeps: dict[int, str] = {}  # input -> its stored id, the first input of a text claiming it
    for i, raw in enumerate(raws):
        own = stored.get(raw.sha256)
        if own is not None and own not in taken and re.fullmatch(re.escape(raw.id) + r"(-\d+)?", own):
            keeps[i] = own
            taken.add(own)
    return [replace(raw, id=keeps[i]) if i in keeps else _unique_id(raw, taken) for i, raw in enumerate(raws)]


def _story_runner(runner: Runner) -> Runner | None:
    """Where stories are reconciled: on a cluster's executors (Spark), a story a task; in this
    process on a local run, since the stage is mostly the embeddings' matrix products, which NumPy
    already spreads over the cores: a pool of local workers made a run of 982 ECB+ articles slower
    (85-96 s against 68-82 s with two workers), not faster."""
    return None if isinstance(runner, LocalRunner) else runner


def _corpus_stories(
    store: Store,
    run: Processed,
    shelf: Shelf,
    built: Shelf,
    runner: Runner,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[str], list[Story], StoryIndex]:
    """The stories this run's documents join or open among everything stored (see `analyze`).

    The story index the last corpus run left is added to; stored documents it lacks (or all, when
    there is none to add to) enter it from their stored text. Only the members of the stories this
    run touches are loaded in full: from their records, or, where the store has none (documents
    stored before it kept them), processed again from the stored text (put on `shelf` and added to
    `run.fresh`, so that their records are kept). The stories' documents go to `built`.
    """
    hashes, ids = set(run.sha.values()), set(run.order)
    # A text read in this run stands for itself, and replaces a stored text under the same id.
    rows = [r for r in store.corpus(bodies=False) if r[0] not in hashes and r[1] not in ids]
    sha_of = {doc_id: sha for sha, doc_id, *_ in rows}
    story_of = store.filed()
    filed = {doc_id: story_of[sha] for doc_id, sha in sha_of.items() if sha in story_of}
    filed.update((doc_id, story_of[sha]) for doc_id, sha in run.sha.items() if sha in story_of)
    start = _stored_index(store, filed, [*sha_of, *ids])
    covered = start.covers() if start is not None else set()
    texts = store.texts([sha for sha, doc_id, *_ in rows if doc_id not in covered])
    stored = [
        (doc_id, *texts[sha], published) for sha, doc_id, _, _, published in rows if doc_id not in covered
    ]

    def load(doc_ids: list[str]) -> list[Document]:
        # One text read under two ids is stored once, under the first: the index filed both.
        wanted = [(sha_of[i], i) for i in doc_ids if i in sha_of]
        found = store.records(wanted, any_code=True)
        # Records made before claims had referents would align as figures about nothing: redone.
        found = {sha: d for sha, d in found.items() if all(c.referent is not None for c in d.claims)}
        missing = [sha for sha, _ in wanted if sha not in found]
        redone = [
            d for d in runner.map(_process_safely, store.raw_documents(missing)) if isinstance(d, Document)
        ]
        shelf.put_all(redone)
        run.fresh.extend(d.id for d in redone)
        return [*found.values(), *redone]

    return build_corpus_stories(
        run.rows, stored, filed, load, shelf.get, start, _story_runner(runner), built.put_all, progress
    )


def _stored_index(store: Store, filed: dict[str, str], ids: list[str]) -> StoryIndex | None:
    """The story index the last corpus run left, when it still describes the store: under each of
    `ids` (the documents stored, and read in this run) that it holds is the text it filed, in the
    story it filed it in. Otherwise None, and the index is rebuilt from the stored texts."""
    data = store.story_index(snapshot_version())
    if data is None:
        return None
    try:
        start = StoryIndex.from_snapshot(data)
    except (ValueError, TypeError, KeyError):
        return None
    where = {d: story.id for story in start.stories for d in story.docs}
    if any(doc_id in where and filed.get(doc_id) != where[doc_id] for doc_id in ids):
        return None  # a text stored or read again under a filed id since: the old one is in the index
    return start


def _by_url(archive: Path, item: Document | InputProblem) -> Document | InputProblem:
    """A document or problem read from a temporary web archive, named by its URL alone."""
    prefix = f"{archive}#"
    return replace(item, source=item.source[len(prefix) :]) if item.source.startswith(prefix) else item


def analyze(
    paths: Iterable[str | Path] | str | Path,
    db: str | Path | None = None,
    progress: ProgressHook | None = None,
    workers: int | None = 1,
    corpus: bool = False,
    reuse: bool = True,
    runner: Runner | None = None,
    fetched: str | Path | None = None,
) -> Result:
    """Analyze articles under `paths` (files, folders, and URLs of pages and feeds); with `db`,
    store them in that SQLite file.

    `progress`: told how the run goes (see `ProgressHook`). `workers`: processes for the
    per-document stages (None: one per core, up to four). `runner`: where those stages run
    instead (`newsrecon.runners.SparkRunner` for a cluster); `workers` is then not used.
    `corpus` (needs `db`): file this run's documents among every document in the store: the
    stories of earlier corpus runs keep their ids and members, new documents join them or open
    new ones, and the result holds the stories this run touched, with all their documents.
    `reuse`: take what the per-document stages made of a text from the store when this very code
    stored it (`newsrecon.records.pipeline_version`), instead of processing it again.
    URLs (http, https) are fetched first (`newsrecon.ingest.fetch`) into a web archive in
    `fetched` (kept), or in a temporary folder removed after the run, whose documents are then
    named by their URLs alone; what cannot be fetched is among the result's problems.

    Raises `NoInputError` when not a single article could be read.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    if corpus and db is None:
        raise ValueError("corpus=True needs a store (db)")
    store = None
    if db is not None:
        from newsrecon.store import Store

        store = Store(db)  # opened first: a store that cannot be used fails the run before the work
    # Documents wait on disk, not in memory: as processed (`shelf`), and as their stories left them
    # (`built`, which the result reads).
    shelf, built = Shelf(), Shelf()
    own_runner = LocalRunner(workers) if runner is None else None
    runner = runner or own_runner
    try:
        urls = [p for p in paths if isinstance(p, str) and is_url(p)]
        keep = Path(fetched) if fetched is not None else None
        with fetching(urls, keep, progress) as got:
            local = [p for p in paths if not (isinstance(p, str) and is_url(p))]
            inputs = [*local, *([got.archive] if got.archive is not None else [])]
            if not inputs:
                raise nothing_read(list(got.problems))

            def stored_work(raws: list[RawDocument]) -> dict[str, Document]:
                return store.records([(r.sha256, r.id) for r in raws if r.sha256])

            known = stored_work if store is not None and reuse else None
            filed_after = store.last_corpus_run() if corpus and store is not None else None
            stored_ids = store.ids if store is not None else None
            # A temporary archive is gone after the run: its documents are named by their URLs.
            rename = partial(_by_url, got.archive) if got.archive is not None and keep is None else None
            run = process_inputs(inputs, shelf, progress, runner, known, stored_ids, rename)
            problems = [*got.problems, *run.problems]
        if own_runner is not None:
            own_runner.close()  # the workers' memory back before the corpus stages (they restart if needed)
        if not run.order:
            raise nothing_read(problems)
        report = progress or _silent
        report("stories", 0, None)
        index = None
        reconciled = partial(report, "reconcile")
        if corpus and store is not None:
            ids, stories, story_index = _corpus_stories(store, run, shelf, built, runner, reconciled)
            index = (snapshot_version(), story_index.snapshot())
        else:
            ids = run.order
            stories = file_stories(
                run.rows, shelf.get_all, built.put_all, runner=_story_runner(runner), block_runner=runner,
                progress=reconciled,
            )  # fmt: skip
        result = Result(documents=ShelfView(built, ids), problems=tuple(problems), stories=tuple(stories))
        if store is not None:
            report("store", 0, None)
            try:
                store.save_run(
                    result,
                    [str(p) for p in paths],
                    records=(shelf.get(i) for i in run.fresh),
                    corpus=corpus,
                    index=index,
                    filed_after=filed_after,
                )
            except StoreError as exc:
                exc.result = result  # nothing was stored, but the work is done: the caller may write it
                raise
        return result
    finally:
        shelf.close()  # the records as processed; the result's documents are on `built`
        if own_runner is not None:
            own_runner.close()
        if store is not None:
            store.close()
