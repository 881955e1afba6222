"""Stories in a corpus of many events: documents grouped incrementally, without recomputing all.

Each document becomes a sparse vector of its content words and its names (capitalised runs, which
weigh more: two earthquakes share "quake" and "magnitude", not "Aceh" and "Bener Meriah"), plus
the years it names. A new document joins the story whose centroid is most similar, if similar
enough, not about another year, not published more than a month from all of it, and not about
other key participants, or opens a story of its own.
Key participants are the names of the headline and first sentence: a story whose documents mostly
lead with a name the document never mentions, while the document leads with a name the story never
mentions, is taken for another event of the same kind. Candidate stories come from an
inverted index over each document's rarest features, so a document is compared with a handful of
stories, not all of them: the cost grows with n log n, not n².

After the documents are filed, stories are checked as wholes, by their participants (the people,
places and organisations spaCy finds in headlines and first sentences): two stories merge when each
one's documents would on average join the other and they lead with the same participant, not with
rivals; a story splits in two when its halves each lead with a participant the other half never
leads with (two DUI arrests of players of one team, two quakes in one country), or, in a quarter of
their documents, with one the other half never names at all (two ships of one navy); then every
document is filed once more.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from pathlib import Path
from sys import intern  # one string per feature, not one per document that has it

import numpy as np

_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}", re.UNICODE)
_NAME = re.compile(r"\b(?:[A-Z][\w'’.-]+)(?:[ \t]+(?:of[ \t]+|de[ \t]+|the[ \t]+)?[A-Z][\w'’.-]+)*")
_SENTENCE_END = re.compile(r'[.!?]["”’]?\s+(?=[A-Z"“])')
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]$")  # "u.s", "a.m": the word before a full stop, lower-cased
_CLOCK_GOES_ON = re.compile(
    r"(?:[A-Z]{2,4}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)"
)  # after "2 a.m.": a time zone, a weekday or a month goes on with the time
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A split's half is another event when this share of its documents (and three or more) lead with
# a participant the other half never names: chosen on all of ECB+ among 1/4, 1/3 and 1/2.5 (1/4
# splits three same-kind pairs, 1/2.5 one; none of them splits a single event there).
UNHEARD_SHARE = 1 / 4
_NAME_LIKE = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}")  # one to four words
STOP = frozenset(
    """
    the and for that with from this have has had was were are been will would could should said says about
    after before into over than then there their they them what when where which while who whom also more
    most other some such only very just like not but all any can its his her our your you one two three
    new year years week day days time told according people report reported reports news
    """.split()
)
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august"
    " september october november december".split()
)
NAME_WEIGHT = 2.0  # a name shared says more about the event than a word shared
THRESHOLD = 0.2  # cosine above which a document joins a story: the gold stories stay whole and apart from 0.15 to 0.25; not set on ECB+
# A document published this many days from every dated document of a story reports another event
# of the same kind (this year's flood, not last year's): coverage of one event comes in days, and a
# story that runs for months has articles in between.
GAP_DAYS = 30
# A background against which the corpus's own word statistics are weighed: a feature's document
# frequency in PRIOR_DOCUMENTS general English documents of PRIOR_DOCUMENT_TOKENS words, from its
# frequency in English (wordfreq). In a small corpus of one event every document says "quake" and
# "Healdsburg", and the corpus alone would weigh them like "the"; its words that vary (the places
# and people each outlet adds) would then decide, and one event splits. In a large corpus the
# corpus's own counts outweigh the background. Both numbers were set a priori (a day of one
# country's news; an article's length), not fitted.
PRIOR_DOCUMENTS = 1000
PRIOR_DOCUMENT_TOKENS = 500
SNAPSHOT_FORMAT = 1  # of `StoryIndex.snapshot`; another format is not read, and the index is rebuilt
CANDIDATE_FEATURES = 12  # rarest features per document used to find candidate stories
# Entity labels that are not participants: nationalities and groups ("Australian", "Palestinians")
# describe either of two events, and quantities and times are not who or where.
NOT_PARTICIPANTS = frozenset("NORP DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
# Abbreviated words of place names, written out so that "Mt. Cook" and "Mount Cook" are one name.
ABBREVIATIONS = {"mt": "mount", "ft": "fort"}
# Abbreviations written before a name, whose full stop ends no sentence.
TITLES = frozenset(
    "mr mrs ms dr prof gov sen rep gen col lt sgt capt cpl st mt ft rev pres supt insp det".split()
)


@dataclass
class _Story:
    id: str
    docs: list[str] = field(default_factory=list)
    centroid: Counter = field(default_factory=Counter)
    norm2: float = 0.0  # the centroid's squared length, kept as it grows
    names: int = 0  # how many name features the centroid holds
    years: Counter = field(default_factory=Counter)
    dates: list[dt.date] = field(default_factory=list)  # its documents' publication dates, sorted
    leads: Counter = field(default_factory=Counter)  # names in its documents' headlines and leads
    mentions: Counter = field(default_factory=Counter)  # documents naming each name (and surname)
    # What documents filed before a snapshot add to the centroid (their own features are not kept).
    base: Counter = field(default_factory=Counter)
    led: Counter = field(default_factory=Counter)  # ...and to its participants' lead counts
    _dominant: frozenset = frozenset()
    _dominant_at: int = -1

    def rebase(self, base: Counter) -> None:
        """Take `base` as what earlier documents add, and the centroid and its sums from it."""
        self.base = base
        self.centroid = Counter(base)
        self.norm2 = sum(v * v for v in base.values())
        self.names = sum(f.startswith("n:") for f in base)

    def absorb(self, other: _Story, rebase: bool = True) -> None:
        """Take every document of `other` (another index's story, known by its sums only: a block's,
        see `align.blocks`) into this one, leaving `other` empty. `rebase=False` leaves the centroid
        and its sums to one `rebase` after many absorbs (the caller's)."""
        self.docs.extend(other.docs)
        self.base.update(other.base)
        if rebase:
            self.rebase(self.base)
        self.years.update(other.years)
        self.dates = sorted(self.dates + other.dates)
        self.leads.update(other.leads)
        self.mentions.update(other.mentions)
        self.led.update(other.led)
        self._dominant_at = -1
        other.docs, other.base, other.centroid = [], Counter(), Counter()

    def dominant(self) -> frozenset:
        """The names at least half of its documents (two or more) lead with: who or where it is about."""
        if self._dominant_at != len(self.docs):
            enough = max(2, len(self.docs) / 2)  # half its documents, and never a single one
            self._dominant = frozenset(k for k, c in self.leads.items() if c >= enough)
            self._dominant_at = len(self.docs)
        return self._dominant


def _names(full: str) -> list[str]:
    """Capitalised runs that are names: not a lone word opening a sentence, nor one the text also
    writes in lower case; lower-cased, without a possessive "'s"."""
    lower_words = set(_WORD.findall(full)) - set(_WORD.findall(full.title()))
    out = []
    for m in _NAME.finditer(full):
        key = m.group(0).lower().rstrip(".")
        for suffix in ("'s", "’s"):
            key = key.removesuffix(suffix)
        words = key.split()
        opens_sentence = m.start() == 0 or full[: m.start()].rstrip()[-1:] in '.!?"“\n'
        if opens_sentence and len(words) == 1:
            continue  # "A", "Officials", "Quake" at a sentence's start are not names
        if len(words) == 1 and (key in STOP or key in CALENDAR or key in lower_words or len(key) <= 2):
            continue
        out.append(_spelled_out(key))
    return out


def _spelled_out(key: str) -> str:
    """A lower-cased name with its abbreviated words written out ("mt. cook" -> "mount cook")."""
    words = key.split()
    if len(words) < 2 or not any(w.rstrip(".") in ABBREVIATIONS for w in words):
        return key
    return " ".join(ABBREVIATIONS.get(w.rstrip("."), w) for w in words)


def _expand(names) -> set[str]:
    """Names and the surnames of many-word names, so that "Jackson" finds "Vincent Jackson"."""
    return set(names) | {n.rsplit(" ", 1)[-1] for n in names if " " in n}


def lead_names(title: str, text: str) -> frozenset[str]:
    """The names of the headline and first sentence; a headline in Title Case names nothing."""
    lead = lead_sentence(text)
    words = [w for w in _WORD.findall(title) if len(w) > 3]
    title_case = words and sum(w[0].isupper() for w in words) > len(words) / 2  # most words capitalised
    return frozenset(_names(lead if title_case else f"{title}\n{lead}"))


def lead_sentence(text: str) -> str:
    """The first sentence: up to a full stop that does not close a title, an abbreviation, an
    initial or an initialism ("Mt. Cook", "Gov. Brown", "J. Smith", "the U.S. Geological Survey")."""
    for m in _SENTENCE_END.finditer(text):
        before = text[: m.start()].rsplit(None, 1)[-1:] or [""]
        word = before[0].lstrip('"“(').lower()
        if word in TITLES or (len(word) == 1 and word.isalpha()):
            continue
        if _INITIALISM.match(word) and (word not in ("a.m", "p.m") or _CLOCK_GOES_ON.match(text, m.end())):
            continue  # "the U.S. Geological Survey", "2 a.m. Thursday"; not "3 a.m. Officials said"
        return text[: m.end()]
    return text[:300]


def participants(title: str, text: str) -> frozenset[str]:
    """Who and where the headline and first sentence are about: their named entities, lower-cased,
    without "the" or a possessive, and people's surnames too ("Williams" finds "Jamal Williams").
    Without the spaCy model, the lead's capitalised names (`lead_names`) stand in."""
    nlp = _entity_recogniser()
    if nlp is None:
        return frozenset(_expand(lead_names(title, text)))
    out: set[str] = set()
    for ent in nlp(f"{title}\n{lead_sentence(text)}").ents:
        if ent.label_ in NOT_PARTICIPANTS:
            continue
        key = ent.text.lower().strip().removeprefix("the ").removesuffix("'s").removesuffix("’s").strip()
        if not key or "\n" in key:
            continue  # nothing, or a run across the headline's end: no one entity
        key = _spelled_out(key)
        out.add(key)
        if ent.label_ == "PERSON" and " " in key:
            out.add(key.rsplit(" ", 1)[-1])
    return frozenset(out)


@cache
def _entity_recogniser():
    """The English pipeline with only its entity recogniser running, or None without the model."""
    from newsrecon.claims.nlp import english
    from newsrecon.errors import NewsreconError

    try:
        nlp = english()
    except NewsreconError:
        return None
    if "ner" not in nlp.pipe_names:
        return None
    return partial(
        nlp, disable=[p for p in nlp.pipe_names if p != "ner"]
    )  # the recogniser has its own tok2vec


def features(title: str, text: str) -> tuple[Counter, set[str]]:
    """A document's weighted features (words, names) and the years it names."""
    feats: Counter = Counter()
    full = f"{title}\n{text}"
    for w in _WORD.findall(full.lower()):
        if w not in STOP:
            feats[intern("w:" + w)] += 1.0
    for title_word in _WORD.findall(title.lower()):
        if title_word not in STOP:
            feats[intern("w:" + title_word)] += 1.0  # the headline says what the story is about
    for key in _names(full):
        feats[intern("n:" + key)] += NAME_WEIGHT
    return feats, set(_YEAR.findall(full))


class StoryIndex:
    """Stories built one document at a time."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.stories: list[_Story] = []
        self.df: Counter = Counter()  # document frequency of each feature so far
        self.n = 0
        self.postings: dict[str, set[int]] = defaultdict(set)  # feature -> stories holding it
        self.features: dict[str, Counter] = {}  # each document's features, for consolidate()
        self.leads: dict[str, frozenset[str]] = {}  # each document's lead names
        self.participants: dict[str, frozenset[str]] = {}  # each added document's lead entities
        self.published: dict[str, dt.date] = {}  # publication dates, where known
        self.mentions: dict[str, frozenset[str]] = {}  # each document's names and surnames
        self.years: dict[str, set[str]] = {}  # the years each document names
        self.fixed: set[str] = set()  # documents filed by an earlier run: they stay where they are
        self.by_id: dict[str, int] = {}  # story id -> position in self.stories
        self._next = 1  # number of the next story opened

    def _idf(self, feature: str, background: bool = True) -> float:
        """Inverse document frequency over the corpus and (by default) a background of
        PRIOR_DOCUMENTS."""
        prior, docs = (_prior_df(feature), PRIOR_DOCUMENTS) if background else (0.0, 0)
        return math.log((1 + self.n + docs) / (1 + self.df[feature] + prior)) + 1.0

    def _vector(self, feats: Counter, background: bool = True) -> dict[str, float]:
        vec = {f: (1 + math.log(c)) * self._idf(f, background) for f, c in feats.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def rare_features(self, vec: dict[str, float], n: int = CANDIDATE_FEATURES) -> list[str]:
        """The `n` rarest features of `vec` that some other document shares (one only this document
        has finds nothing): where candidate stories come from."""
        return sorted((f for f in vec if self.df[f] > 1), key=lambda f: (self.df[f], f))[:n]

    def _prepare(
        self, doc_id: str, title: str, text: str, published: str | None
    ) -> tuple[dict[str, float], set[str]]:
        """Count a document's features into the index; its weighted vector and the years it names."""
        feats, years = features(title, text)
        day = published_day(published)
        if day is not None:
            self.published[doc_id] = day
        self.features[doc_id] = feats
        self.leads[doc_id] = lead_names(title, text)
        self.mentions[doc_id] = frozenset(_expand(f[2:] for f in feats if f.startswith("n:")))
        self.years[doc_id] = years
        self.n += 1
        for f in feats:
            self.df[f] += 1
        return self._vector(feats), years

    def add(
        self,
        doc_id: str,
        title: str,
        text: str,
        published: str | None = None,
        found: frozenset[str] | None = None,
    ) -> str:
        """File a document into a story; return the story id. `published`: its date, "YYYY-MM-DD";
        `found`: its `participants` where already found (else they are found here)."""
        vec, years = self._prepare(doc_id, title, text, published)
        # Not for restored documents: they stay put.
        self.participants[doc_id] = participants(title, text) if found is None else found
        day = self.published.get(doc_id)
        lead, named = self.leads[doc_id], self.mentions[doc_id]
        candidates = {s for f in self.rare_features(vec) for s in self.postings.get(f, ())}
        best, best_sim = None, 0.0
        for s in candidates:
            story = self.stories[s]
            if years and story.years and not (years & set(story.years)) and len(story.docs) > 1:
                continue  # about another year: another event of the same kind
            if day is not None and _far(day, story.dates):
                continue  # published long before or after all of it: another event of the same kind
            if not _shares_a_name(vec, story.centroid, story.names > 0):
                continue  # the same kind of event somewhere else, to someone else
            if _conflict(lead, named, story):
                continue
            sim = _dot(vec, story.centroid) / (math.sqrt(story.norm2) or 1.0)
            if sim > best_sim:
                best, best_sim = s, sim
        if best is None or best_sim < self.threshold:
            best = self._open(f"story-{self._next}")
        return self._file(doc_id, vec, years, best)

    def restore(self, doc_id: str, title: str, text: str, story_id: str, published: str | None = None) -> str:
        """File a document where an earlier run filed it (a stored story), without a search; it
        stays there, and later documents can join its story."""
        vec, years = self._prepare(doc_id, title, text, published)
        s = self.by_id.get(story_id)
        if s is None:
            s = self._open(story_id)
        self.fixed.add(doc_id)
        return self._file(doc_id, vec, years, s)

    def _open(self, story_id: str) -> int:
        number = story_id.rsplit("-", 1)[-1]
        if number.isdigit():
            self._next = max(self._next, int(number) + 1)
        self.by_id[story_id] = len(self.stories)
        self.stories.append(_Story(id=story_id))
        return len(self.stories) - 1

    def _file(self, doc_id: str, vec: dict[str, float], years: set[str], s: int) -> str:
        story = self.stories[s]
        story.docs.append(doc_id)
        for f, v in vec.items():
            old = story.centroid[f]
            story.centroid[f] = old + v
            story.norm2 += (old + v) ** 2 - old**2
            story.names += old == 0 and f.startswith("n:")
            self.postings[f].add(s)
        story.years.update(years)
        if doc_id in self.published:
            bisect.insort(story.dates, self.published[doc_id])
        _enter(story, self.leads[doc_id], self.mentions[doc_id])
        return story.id

    def groups(self) -> list[list[str]]:
        return [s.docs for s in self.stories if s.docs]

    def named_groups(self) -> list[tuple[str, list[str]]]:
        """(story id, documents) of every story that holds documents. Without stories from an
        earlier run, ids are numbered afresh in order (a consolidation pass can empty a story)."""
        kept = [s for s in self.stories if s.docs]
        if self.fixed:
            return [(s.id, s.docs) for s in kept]
        return [(f"story-{n}", s.docs) for n, s in enumerate(kept, start=1)]

    def centroids(self, background: bool = True) -> list[tuple[str, list[str], dict[str, float]]]:
        """(story id, documents, unit-length centroid) of every story that holds documents, in the
        order and with the ids of `named_groups`, weighed with the corpus's final word statistics
        (and the background's, unless `background` is False)."""
        vectors = {d: self._vector(f, background) for d, f in self.features.items()}
        kept = [i for i, s in enumerate(self.stories) if s.docs]
        centroids = self._centroids(vectors, kept)
        out = []
        for i, (story_id, docs) in zip(kept, self.named_groups(), strict=True):
            c = centroids[i]
            norm = math.sqrt(sum(v * v for v in c.values())) or 1.0
            out.append((story_id, docs, {f: v / norm for f, v in c.items()}))
        return out

    def _centroids(
        self, vectors: dict[str, dict[str, float]], which: list[int] | None = None
    ) -> dict[int, Counter]:
        """The centroids of stories `which` (all by default) from their documents' `vectors`, over
        what a snapshot brought."""
        centroids = {}
        for i in range(len(self.stories)) if which is None else which:
            story = self.stories[i]
            c: Counter = Counter(story.base)
            for d in story.docs:
                for f, v in vectors.get(d, {}).items():
                    c[f] += v
            centroids[i] = c
        return centroids

    def snapshot(self) -> dict:
        """The index as JSON-ready data, so that a later run adds documents to it without reading
        the texts filed before (`from_snapshot`). Centroids are taken with the corpus's final word
        statistics, as `consolidate` compares them; documents' own features are not kept."""
        vectors = {d: self._vector(f) for d, f in self.features.items()}
        centroids = self._centroids(vectors)
        kept = [(story, centroids[i]) for i, story in enumerate(self.stories) if story.docs]
        stories = []
        for (story, centroid), (story_id, _) in zip(kept, self.named_groups(), strict=True):
            stories.append(
                {
                    "id": story_id,  # as the run reported it
                    "docs": story.docs,
                    "centroid": {f: round(v, 6) for f, v in centroid.items() if v > 1e-9},
                    "years": dict(story.years),
                    "dates": [d.isoformat() for d in story.dates],
                    "leads": {k: c for k, c in story.leads.items() if c > 0},
                    "mentions": {k: c for k, c in story.mentions.items() if c > 0},
                    "led": dict(self._led(story.docs)),
                }
            )
        return {
            "format": SNAPSHOT_FORMAT,
            "n": self.n,
            "df": dict(self.df),
            "stories": stories,
        }

    @classmethod
    def from_snapshot(cls, data: dict, threshold: float = THRESHOLD) -> StoryIndex:
        """An index as `snapshot` left it; every document in it stays in its story (as `restore`)."""
        if data.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(
                f"story index snapshot format {data.get('format')!r}, expected {SNAPSHOT_FORMAT}"
            )
        index = cls(threshold)
        index.n = data["n"]
        index.df = Counter({intern(f): c for f, c in data["df"].items()})
        for saved in data["stories"]:
            s = index._open(saved["id"])
            story = index.stories[s]
            story.docs = list(saved["docs"])
            story.rebase(Counter({intern(f): v for f, v in saved["centroid"].items()}))
            story.years = Counter(saved["years"])
            story.dates = sorted(dt.date.fromisoformat(d) for d in saved["dates"])
            story.leads = Counter(saved["leads"])
            story.mentions = Counter(saved["mentions"])
            story.led = Counter(saved.get("led", {}))
            for f in story.base:
                index.postings[f].add(s)
            index.fixed.update(story.docs)
        return index

    def covers(self) -> set[str]:
        """The documents filed in this index."""
        return {d for story in self.stories for d in story.docs}

    def consolidate(self, rounds: int = 2) -> None:
        """Re-file every document against all stories with the corpus's final word statistics.

        Early documents were weighed with the little the index knew then; one or two passes with
        what it knows now move them where they belong. Costs one comparison per document and
        candidate story, like adding them did.
        """
        # The word statistics do not change while documents move: one set of vectors serves all.
        vectors = {d: self._vector(f) for d, f in self.features.items()}
        for _ in range(rounds):
            if not self._refile(vectors):
                break
        self._merge(vectors)
        self._split(vectors)
        self._refile(vectors)  # a document of one event left in the other's half goes home

    def _refile(self, vectors: dict[str, dict[str, float]]) -> int:
        """Move each document to the story it is now most similar to; return how many moved."""
        centroids = self._centroids(vectors)
        norms2 = {i: sum(v * v for v in c.values()) for i, c in centroids.items()}
        named = {i: any(f.startswith("n:") for f in c) for i, c in centroids.items()}
        postings: dict[str, set[int]] = defaultdict(set)
        for i, c in centroids.items():
            for f in c:
                postings[f].add(i)
        moved = 0
        home = {d: i for i, s in enumerate(self.stories) for d in s.docs}
        for d, vec in vectors.items():
            if d in self.fixed:
                continue  # filed by an earlier run, and kept there so stories stay stable
            h = home[d]
            candidates = {s for f in self.rare_features(vec) for s in postings.get(f, ())} | {h}
            sims = {}
            for s in candidates:
                dot = _dot(vec, centroids[s])
                if s == h:  # compare with the story as it would be without this document
                    self_dot = sum(v * v for v in vec.values())
                    own2 = norms2[s] - 2 * dot + self_dot
                    sims[s] = (dot - self_dot) / (math.sqrt(max(own2, 0.0)) or 1.0)
                elif (
                    _shares_a_name(vec, centroids[s], named[s])
                    and not _conflict(self.leads[d], self.mentions[d], self.stories[s])
                    and not (d in self.published and _far(self.published[d], self.stories[s].dates))
                ):
                    sims[s] = dot / (math.sqrt(norms2[s]) or 1.0)
            best = max(sims, key=lambda s: (sims[s], -s))
            if best != h and sims[best] > max(sims[h], self.threshold):
                self._move([d], h, best)  # years no document names any more go
                home[d] = best
                moved += 1
        return moved

    def _movable(self) -> list[int]:
        """Stories holding documents, none of them filed by an earlier run (those stay as they are)."""
        return [i for i, s in enumerate(self.stories) if s.docs and not any(d in self.fixed for d in s.docs)]

    def _led(self, docs: list[str]) -> Counter:
        """How many of `docs` lead with each participant (those filed before a snapshot counted
        in their story's `led`, not here)."""
        return Counter(k for d in docs for k in self.participants.get(d, ()))

    def _merge(self, vectors: dict[str, dict[str, float]]) -> None:
        """Merge stories that are one event filed apart (early documents weighed with little): see
        `joins`, over the stories no earlier run filed."""
        movable = self._movable()
        led = {i: self._led(self.stories[i].docs) for i in movable}
        root = self.joins(self._centroids(vectors, movable), led)
        for i in movable:
            if root(i) != i:
                self._move(list(self.stories[i].docs), i, root(i))

    def joins(
        self,
        centroids: dict[int, Counter],
        led: dict[int, Counter],
        apart: Callable[[int, int], bool] | None = None,
    ) -> Callable[[int], int]:
        """Which of the stories `centroids` holds (sums of their documents' unit vectors) are one
        event: the root each one merges into. `led`: how many of each story's documents lead
        with each participant; `apart(i, j)`: True for pairs never compared (default: none).

        Two stories merge when the documents of each would, on average, join the other (the join
        threshold, applied to the mean cosine of one story's documents with the other's centroid:
        two centroids are more alike than their documents, being averages), when they share a
        participant that half the documents of each lead with, and when not both of them lead with
        a participant the other never leads with. Candidates come from the inverted index."""
        postings: dict[str, set[int]] = defaultdict(set)
        for i, c in centroids.items():
            for f in c:
                postings[f].add(i)
        norms = {i: math.sqrt(sum(v * v for v in c.values())) or 1.0 for i, c in centroids.items()}
        size = {i: len(self.stories[i].docs) for i in centroids}
        key = {i: _key(led[i], size[i], 1) for i in centroids}
        parent = {i: i for i in centroids}

        def root(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for i in sorted(centroids, key=lambda i: (-size[i], i)):
            rare = self.rare_features(centroids[i])
            best, best_sim = None, self.threshold
            for j in sorted({j for f in rare for j in postings[f]} - {i}):
                if apart is not None and apart(i, j):
                    continue
                dot = _dot(centroids[i], centroids[j])
                sim = min(dot / (size[i] * norms[j]), dot / (size[j] * norms[i]))
                if sim < best_sim or not key[i] & key[j] or _apart(self.stories[i], self.stories[j]):
                    continue
                if _rivals(key[i], led[j]) and _rivals(key[j], led[i]):
                    continue  # each leads with someone the other never does: two events
                best, best_sim = j, sim
            if best is not None:
                parent[root(best)] = root(i)
        return root

    def _split(self, vectors: dict[str, dict[str, float]]) -> None:
        """Split stories that are two events of one kind: halves (the signs along the first principal
        direction of their documents, refined by 2-means) that each lead with a participant, in half
        their documents and in three or more (two can be one report and its reprint), the other half
        never leads with; or that each lead, in fewer of their documents, with one the other half
        never names at all (`_unheard`)."""
        for i in self._movable():
            docs = self.stories[i].docs
            if len(docs) < 4:
                continue
            halves = _bisect(docs, vectors)
            if halves is None:
                continue
            a, b = halves
            led_a, led_b = self._led(a), self._led(b)
            if (_rivals(_key(led_a, len(a), 3), led_b) and _rivals(_key(led_b, len(b), 3), led_a)) or (
                self._unheard(a, b) and self._unheard(b, a)
            ):
                self._move(b, i, self._open(f"story-{self._next}"))

    def _unheard(self, docs: list[str], others: list[str]) -> bool:
        """Whether a quarter of `docs` (and three or more) lead with a participant that no document of
        `others` names anywhere: the ship, the victim or the place of another event of the same
        kind ("INS Mysore" in one half, "INS Sukanya" in the other). A participant is led with
        where a document leads with it or with a longer name holding it ("Sukanya")."""
        least = max(3, len(docs) * UNHEARD_SHARE)
        for k in self._led(docs):
            if not _NAME_LIKE.fullmatch(k):
                continue  # a title-cased headline taken for a name, or a stray quotation mark
            if sum(_found(k, self.participants.get(d, frozenset())) for d in docs) >= least and not any(
                _found(k, self.mentions[d]) for d in others
            ):
                return True
        return False

    def _move(self, docs: list[str], src: int, dst: int) -> None:
        """Move `docs` from story `src` to story `dst`, with their leads, names, years and dates."""
        old, new = self.stories[src], self.stories[dst]
        for d in docs:
            old.docs.remove(d)
            new.docs.append(d)
            _enter(old, self.leads[d], self.mentions[d], -1)
            _enter(new, self.leads[d], self.mentions[d])
            old.years.subtract(self.years[d])
            new.years.update(self.years[d])
            if d in self.published:
                old.dates.remove(self.published[d])
                bisect.insort(new.dates, self.published[d])
        old.years = +old.years


@lru_cache(maxsize=1 << 18)
def _prior_df(feature: str) -> float:
    """How many of the background's documents hold `feature` ("w:quake", "n:north bay"): each of
    its tokens is drawn with the word's (or name's) frequency in English."""
    from wordfreq import word_frequency

    freq = word_frequency(feature[2:], "en")
    return PRIOR_DOCUMENTS * -math.expm1(-freq * PRIOR_DOCUMENT_TOKENS)


@cache
def snapshot_version() -> str:
    """The snapshot format and a digest of this module: a snapshot made by other clustering code
    (other features, other weights) is not added to, the index is rebuilt from the stored texts."""
    return f"{SNAPSHOT_FORMAT}+{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}"


def _apart(a: _Story, b: _Story) -> bool:
    """Every dated document of one story published more than GAP_DAYS from all of the other's."""
    return bool(a.dates and b.dates) and all(_far(day, b.dates) for day in a.dates)


def _key(led: Counter, n: int, least: int) -> set[str]:
    """The participants at least half of a story's `n` documents (and `least`) lead with."""
    return {k for k, c in led.items() if c >= max(least, n / 2)}


def _rivals(key: set[str], other_led: Counter) -> bool:
    """Some key participant that no document of the other story leads with."""
    return any(other_led[k] == 0 for k in key)


def _bisect(docs: list[str], vectors: dict[str, dict[str, float]]) -> tuple[list[str], list[str]] | None:
    """Two halves of `docs`: the signs along their first principal direction (the top eigenvector
    of their centred Gram matrix), refined by spherical 2-means; None when a half would hold fewer
    than two documents. Only features two documents share enter the Gram matrix off its diagonal
    (the vectors are unit length), which keeps the matrix of a large story small."""
    held = Counter(f for d in docs for f in vectors[d])
    columns = {f: c for c, f in enumerate(f for f, n in held.items() if n > 1)}
    rows = np.zeros((len(docs), len(columns)))
    for r, d in enumerate(docs):
        for f, v in vectors[d].items():
            if f in columns:
                rows[r, columns[f]] = v
    gram = rows @ rows.T
    np.fill_diagonal(gram, 1.0)
    means = gram.mean(axis=0)
    gram += means.mean() - means[:, None] - means[None, :]  # centred on the documents' mean
    first = np.linalg.eigh(gram)[1][:, -1]
    parts = (
        [d for d, x in zip(docs, first, strict=True) if x >= 0],
        [d for d, x in zip(docs, first, strict=True) if x < 0],
    )
    for _ in range(10):
        seeds = [Counter(), Counter()]
        for seed, part in zip(seeds, parts, strict=True):
            for d in part:
                seed.update(vectors[d])
        norms = [math.sqrt(sum(v * v for v in seed.values())) or 1.0 for seed in seeds]
        new: tuple[list[str], list[str]] = ([], [])
        for d in docs:
            new[
                0 if _dot(vectors[d], seeds[0]) / norms[0] >= _dot(vectors[d], seeds[1]) / norms[1] else 1
            ].append(d)
        if new == parts:
            break
        parts = new
    return parts if min(len(parts[0]), len(parts[1])) >= 2 else None


def _shares_a_name(vec: dict[str, float], centroid: Counter, centroid_has_names: bool) -> bool:
    """A story and a document that both name people or places must name at least one in common."""
    names = [f for f in vec if f.startswith("n:")]
    if not names or not centroid_has_names:
        return True
    return any(centroid.get(f, 0.0) > 0 for f in names)


def _enter(story: _Story, lead: frozenset[str], named: frozenset[str], sign: int = 1) -> None:
    story.leads.update({k: sign for k in lead})
    story._dominant_at = -1
    story.mentions.update({k: sign for k in named})


def _found(name: str, names: frozenset[str]) -> bool:
    """`name` (or its surname) among `names`, or inside one of them as whole words: a capitalised
    run can hold a name and its neighbours ("Lindsay Lohan Checks Out" names Lohan)."""
    last = name.rsplit(" ", 1)[-1]
    if name in names or last in names:
        return True
    inner = f" {name} "
    return any(inner in f" {n} " for n in names if " " in n)


def _conflict(lead: frozenset[str], named: frozenset[str], story: _Story) -> bool:
    """The story is about someone or somewhere the document never names, and the document's lead
    about someone or somewhere the story never names: another event of the same kind."""
    dominant = story.dominant()
    if not dominant or any(_found(k, named) for k in dominant):
        return False
    return any(story.mentions[k] <= 0 and story.mentions[k.rsplit(" ", 1)[-1]] <= 0 for k in lead)


def published_day(published: str | None) -> dt.date | None:
    """The day of an ISO publication date ("2024-03-05T10:00" -> 2024-03-05); None if it has none."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _far(day: dt.date, dates: list[dt.date]) -> bool:
    """More than GAP_DAYS from the nearest of `dates` (sorted); False when there are none."""
    if not dates:
        return False
    i = bisect.bisect_left(dates, day)
    nearest = min(abs((dates[j] - day).days) for j in (i - 1, i) if 0 <= j < len(dates))
    return nearest > GAP_DAYS


def _dot(vec: dict[str, float], centroid: Counter) -> float:
    return sum(v * centroid.get(f, 0.0) for f, v in vec.items())


def cluster_stories(
    docs: list[tuple[str, str, str]],
    threshold: float = THRESHOLD,
    consolidate: bool = True,
    filed: dict[str, str] | None = None,
    published: dict[str, str] | None = None,
    found: dict[str, frozenset[str]] | None = None,
) -> list[list[str]]:
    """Group (id, title, text) documents into stories, in input order.

    `filed`: story ids of documents an earlier run filed; they are restored first, stay in their
    stories, and the other documents join those stories or open new ones. `published`: documents'
    publication dates ("YYYY-MM-DD"), where known. `found`: documents' `participants` where the
    per-document stages found them already.
    """
    index = index_stories(docs, threshold, consolidate, filed, published, found=found)
    return [docs for _, docs in index.named_groups()]


def index_stories(
    docs: list[tuple[str, str, str]],
    threshold: float = THRESHOLD,
    consolidate: bool = True,
    filed: dict[str, str] | None = None,
    published: dict[str, str] | None = None,
    start: StoryIndex | None = None,
    found: dict[str, frozenset[str]] | None = None,
) -> StoryIndex:
    """The story index of `docs` (see `cluster_stories`), for the stories' ids as well as their
    documents. `start`: an index from an earlier run (`StoryIndex.from_snapshot`) to add them to."""
    index = start if start is not None else StoryIndex(threshold)
    filed, published, found = filed or {}, published or {}, found or {}
    for doc_id, title, text in docs:
        if doc_id in filed:
            index.restore(doc_id, title, text, filed[doc_id], published.get(doc_id))
    for doc_id, title, text in docs:
        if doc_id not in filed:
            index.add(doc_id, title, text, published.get(doc_id), found.get(doc_id))
    if consolidate:
        index.consolidate()
    return index
