"""The one data model: frozen records that every stage takes and returns.

Records are immutable and picklable so that documents can travel to worker processes (and, later,
Spark executors) and back. Every extracted thing carries offsets into `Document.text`, the text as
read from the input, so a reader can always check it against the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsrecon.errors import InputError


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in a document's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Removal:
    """A span cut from the body as boilerplate (or held apart as metadata), with the reason."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class MetaField:
    """One metadata value and where in the text it was read, when it was read from the text."""

    value: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the article says about itself. Fields are None when the text does not state them."""

    title: MetaField | None = None
    byline: MetaField | None = None
    published: MetaField | None = None
    outlet: MetaField | None = None
    dateline: MetaField | None = None
    wire: MetaField | None = None

    FIELDS = ("title", "byline", "published", "outlet", "dateline", "wire")

    def value(self, name: str) -> str | None:
        f = getattr(self, name)
        return f.value if f is not None else None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as stated: bounds as a reader takes them, the hedge, the unit and what is counted.

    "over 1,000" -> low 1000, high None; "as many as 12,000" -> low None, high 12000;
    "about 300" -> low = high = 300, approximate; "thousands" -> no bounds, vague.
    """

    low: float | None
    high: float | None
    approximate: bool = False
    hedge: str | None = None
    unit: str | None = None
    counted: str | None = None
    category: str = "other"
    kind: str = "count"
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Referent:
    """What a figure measures, read from the parse of its clause, in the text's words.

    `thing` is the counted or measured noun with its modifiers ("federal taxes", "Sept. 11
    hijackers"), `head` its lemma; `predicate` the verb relating it ("pay", "vote"); `holder` who it
    belongs to or who acts ("the Clintons"); `scope` a place or group it is limited to; `time` the
    time expressions of the clause; `unit` the unit family ("count", "money:USD", "percent", ...);
    `side` "for" or "against" for one side of a tally. `words` are the content lemmas of the clause
    (what alignment compares) and [start, end) the phrase in the document's original text.
    """

    thing: str | None = None
    head: str | None = None
    predicate: str | None = None
    holder: str | None = None
    scope: str | None = None
    time: str | None = None
    unit: str | None = None
    side: str | None = None
    words: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One attributed figure: the quantity, where it stands, and who it is attributed to."""

    id: str
    doc: str
    start: int  # the quantity expression in the document's original text
    end: int
    line: int
    sentence_start: int
    sentence_end: int
    text: str  # the sentence that carries it
    surface: str  # the quantity as worded
    quantity: Quantity
    source: str | None = None  # canonical name of who the figure is attributed to
    source_surface: str | None = None  # the words in the text
    source_start: int | None = None
    source_end: int | None = None
    via: tuple[str, ...] = ()  # outlets or agencies it passed through, most recent first
    basis: str = "none"  # how the source was found: "said", "according to", "inherited", ...
    context: tuple[
        tuple[str, str], ...
    ] = ()  # ("when", "2024"), ("where", "district"), ... see claims.context
    measure: str | None = None
    referent: Referent | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A document relying on an upstream source: the source's name and where the text names it."""

    doc: str
    source: str
    surface: str
    start: int
    end: int
    basis: str  # the cue: "said", "according to", "citing", "via", ...


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a document's body, unresolved: where it is, its kind, what it says."""

    start: int  # offsets in the document's original text
    end: int
    text: str
    kind: str  # "mdy", "month", "weekday", "period", ... (see timeline.expressions)
    parts: tuple[tuple[str, str], ...]
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening in the story, merged across the documents that report it."""

    id: str
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    text: str
    docs: tuple[str, ...]
    basis: str  # how the date was resolved ("explicit", "relative to 2025-02-27: last week", ...)
    mentions: tuple[tuple[str, int, int], ...]  # (doc, start, end) of each date expression
    notes: tuple[str, ...] = ()  # disagreements between outlets about when it happened


@dataclass(frozen=True, slots=True)
class RawDocument:
    """An input article as read: its id, where it came from and its decoded text."""

    id: str
    text: str
    source: str
    encoding: str = "utf-8"
    sha256: str = ""
    hints: tuple[tuple[str, str], ...] = ()  # metadata given beside the text (JSON Lines fields)


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: original text, the paragraphs kept as body, what was removed, metadata."""

    id: str
    text: str
    source: str
    encoding: str
    sha256: str
    paragraphs: tuple[Span, ...]
    removed: tuple[Removal, ...]
    meta: Metadata
    body: str  # the cleaned article text, paragraphs separated by "\n"
    confidence: float = 1.0  # how sure the cleaner is that this text is one article
    claims: tuple[Claim, ...] = ()
    citations: tuple[Citation, ...] = ()
    dates: tuple[DateMention, ...] = ()
    published_inferred: tuple[str, str] | None = None  # (date, basis) when the text states no date
    acronyms: tuple[tuple[str, str], ...] = ()  # (name, acronym) pairs the text spells out
    # Who and where the headline and first sentence name, for story clustering (found with the
    # other per-document stages, in the workers); None where not found yet.
    participants: tuple[str, ...] | None = None

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset in the original text."""
        return self.text.count("\n", 0, max(0, offset)) + 1

    def title_span(self) -> Span | None:
        """Where the headline stands in the original text, when it was read from the text."""
        t = self.meta.title
        if t is None or t.start is None or t.end is None or t.end <= t.start:
            return None
        return Span(t.start, t.end)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Why one input could not be read; the run goes on without it."""

    source: str
    code: str
    reason: str

    @classmethod
    def of(cls, error: InputError) -> InputProblem:
        """The record of an `InputError` (exceptions do not travel back from workers as results)."""
        return cls(error.source, error.code, error.reason)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Measure:
    """One thing measured across sources, its claims and the verdict on whether they agree."""

    id: str
    label: str
    claims: tuple[str, ...]
    status: str  # "conflict", "consistent", "changing" or "single"
    why: str | None
    independent_sources: int
    sources: tuple[str, ...]
    category: str
    unit: str | None
    frame: str | None = None
    notes: tuple[str, ...] = ()
    confidence: float = 1.0  # how sure the alignment and the verdict are, 0..1
    sequence: tuple[tuple[str, str], ...] = ()  # (date, claim id) in time order, for "changing"


@dataclass(frozen=True, slots=True)
class Story:
    """Documents that report one event, the copies among them, and what they measure."""

    id: str
    docs: tuple[str, ...]
    duplicates: tuple[tuple[str, ...], ...] = ()
    measures: tuple[Measure, ...] = ()
    timeline: tuple[Event, ...] = ()
    date: str | None = None  # the story's date: the latest publication date its documents state
    related: tuple[str, ...] = ()  # stories of the same topic, not of this event (align.related)


@dataclass(frozen=True, slots=True)
class Result:
    """What `analyze` returns: the documents it read and the inputs it could not read."""

    documents: Sequence[Document] = ()  # a tuple, or a `shelf.ShelfView` read from disk (analyze)
    problems: tuple[InputProblem, ...] = ()
    stories: tuple[Story, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The result as the JSON contract (shared/CONTRACT.md) describes it."""
        from newsrecon.report.json_report import result_to_dict

        return result_to_dict(self)
