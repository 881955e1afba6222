"""The story's timeline: undated articles dated from their story, date expressions resolved, the same
happening from several outlets merged into one event, and disagreements about when flagged."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace

from newsrecon.clean.normalize import normalize
from newsrecon.model import DateMention, Document, Event
from newsrecon.timeline.expressions import WEEKDAYS, find_dates, resolve

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    "that this with from were have been said says will would their there which about after before into also than"
    " they them when what where while more most some such only over under other".split()
)
SIMILAR = 0.2  # share of content words two sentences must have in common to report one happening
# A sentence joins an event by its likeness to the event's first sentences, up to this many: all of
# them made a story that mentions one day thousands of times quadratic.
COMPARED = 50


_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen col lt sgt gov sen rep no vs"
    " inc corp co ltd jr sr prof".split()
)


def sentence_ends(text: str) -> list[int]:
    """Offsets where sentences end, not after abbreviations ("Feb. 7", "Dr. Lopez") or initials ("U.S.")."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        # The word before the stop, looked for in the 64 characters before it (the whole text before
        # it made a long paragraph quadratic).
        before = text[max(0, m.start() - 64) : m.start()].rstrip("\"'”’)")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        if word.rstrip(".").lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.){2,}", word):
            continue
        out.append(m.end())
    return out


def document_dates(doc: Document) -> tuple[DateMention, ...]:
    """Every date expression in a document's body, with offsets into its original text."""
    out: list[DateMention] = []
    for p in doc.paragraphs:
        norm = normalize(doc.text[p.start : p.end])
        text = norm.text
        bounds = [0, *sentence_ends(text), len(text)]
        for start, end, kind, parts in find_dates(text):
            k = bisect_right(bounds, start)  # the sentence around the date
            s, e = bounds[k - 1], bounds[k]
            out.append(
                DateMention(
                    p.start + norm.to_original(start),
                    p.start + norm.original_end(end),
                    text[start:end],
                    kind,
                    tuple(sorted(parts.items())),
                    p.start + norm.to_original(s),
                    p.start + norm.original_end(e),
                )
            )
    return tuple(out)


def _weekdays(doc: Document) -> set[int]:
    """Weekdays an article gives for what it reports ("said Thursday", "on Wednesday")."""
    return {
        WEEKDAYS.index(dict(m.parts)["w"].lower())
        for m in doc.dates
        if m.kind == "weekday" and (dict(m.parts).get("rel") or "").lower() not in ("last", "next")
    }


def infer_published(documents: list[Document], story_date: dt.date | None) -> list[Document]:
    """Date undated articles from their story: a dated article whose day matches the weekday they give
    for the news, else the story's date; the basis says which, and never touches `published`."""
    dated = sorted(
        (dt.date.fromisoformat(d.meta.value("published")), d.id)
        for d in documents
        if d.meta.value("published")
    )
    out = []
    for d in documents:
        if d.meta.value("published") or story_date is None:
            out.append(d)
            continue
        days = _weekdays(d)
        match = [(day, i) for day, i in dated if day.weekday() in days]
        if match:
            day, source = match[-1]
            name = WEEKDAYS[day.weekday()].title()
            basis = f"it reports the news on {name}; {source}, in the same story, is dated {day.isoformat()}, a {name}"
        elif days:
            weekday = max(days, key=lambda w: story_date - dt.timedelta(days=(story_date.weekday() - w) % 7))
            day = story_date
            basis = (
                f"it reports the news on {WEEKDAYS[weekday].title()}; the story is dated {story_date.isoformat()}, "
                "so it was published on that day at the latest"
            )
        else:
            day, basis = story_date, f"no date in the text; the story's date, {story_date.isoformat()}"
        out.append(replace(d, published_inferred=(day.isoformat(), basis)))
    return out


def _reference(doc: Document, story_date: dt.date | None) -> tuple[dt.date | None, str]:
    if doc.meta.value("published"):
        return dt.date.fromisoformat(doc.meta.value("published")), ""
    if doc.published_inferred:
        return dt.date.fromisoformat(doc.published_inferred[0]), " (inferred publication date)"
    return story_date, " (the story's date)" if story_date else ""


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _similar(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def build_timeline(documents: list[Document], story_date: dt.date | None) -> list[Event]:
    """The story's dated events, ordered, each with every document that reports it."""
    items = []  # (date, basis, doc, mention, sentence)
    for d in documents:
        ref, label = _reference(d, story_date)
        for m in d.dates:
            r = resolve(m, ref, label)
            if r is not None:
                sentence = " ".join(d.text[m.sentence_start : m.sentence_end].split())
                items.append((r.date, r.basis, d.id, m, sentence))
    groups: list[list[tuple]] = []
    on_day: dict[dt.date, list[tuple[list[tuple], list[set[str]]]]] = defaultdict(list)  # with word sets
    for item in sorted(items, key=lambda x: (x[0], x[2], x[3].start)):
        words = _words(item[4])
        # The same day and, on average, the same words as what the event holds already (no chaining).
        home = next(
            (
                (g, sets)
                for g, sets in on_day[item[0]]
                if sum(_similar(words, other) for other in sets[:COMPARED]) / min(len(sets), COMPARED)
                >= SIMILAR
            ),
            None,
        )
        if home is None:
            groups.append([item])
            on_day[item[0]].append((groups[-1], [words]))
        else:
            home[0].append(item)
            home[1].append(words)
    events = []
    for n, g in enumerate(sorted(groups, key=lambda g: (g[0][0], g[0][4])), start=1):
        text = min((x[4] for x in g), key=len)
        explicit = [x[1] for x in g if x[1] == "explicit"]
        events.append(
            Event(
                id=f"e{n}",
                date=g[0][0],
                text=text[:300],
                docs=tuple(dict.fromkeys(x[2] for x in g)),
                basis=explicit[0] if explicit else g[0][1],
                mentions=tuple((x[2], x[3].start, x[3].end) for x in g),
            )
        )
    return _flag_disagreements(events, groups)


def _flag_disagreements(events: list[Event], groups: list[list[tuple]]) -> list[Event]:
    """The same statement dated a day or two apart by different outlets ("on Wednesday" here,
    "Thursday" there): say so on both events rather than pick one."""
    by_id = {e.id: e for e in events}
    ordered = sorted(groups, key=lambda g: (g[0][0], g[0][4]))
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            da, db = a[0][0], b[0][0]
            if len(da) != 10 or len(db) != 10:
                continue
            gap = (dt.date.fromisoformat(db) - dt.date.fromisoformat(da)).days
            if not 0 < gap <= 2 or not any(x[3].kind == "weekday" for x in a + b):
                continue
            if max(_similar(_words(x[4]), _words(y[4])) for x in a for y in b) < 0.3:
                continue
            docs_a, docs_b = sorted({x[2] for x in a}), sorted({x[2] for x in b})
            if set(docs_a) == set(docs_b):
                continue
            note = f"outlets disagree on the day: {', '.join(docs_a)} say {da}, {', '.join(docs_b)} say {db}"
            for e_id in (f"e{i + 1}", f"e{j + 1}"):
                by_id[e_id] = replace(by_id[e_id], notes=(*by_id[e_id].notes, note))
    return [by_id[e.id] for e in events]
