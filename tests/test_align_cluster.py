"""Stories from a mixed corpus: the gold stories stay whole and apart; copies are found."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsrecon import analyze
from newsrecon.align import StoryIndex, cluster, cluster_stories
from newsrecon.align.cluster import _found, index_stories, lead_names, lead_sentence, participants
from newsrecon.align.duplicates import duplicate_groups

from .conftest import EXAMPLES


def test_cluster_gold_stories_and_examples_stay_whole_and_apart(shared):
    result = analyze([shared / "corpus" / "seed-story", shared / "corpus" / "aceh-quake", EXAMPLES])
    stories = sorted(sorted(s.docs) for s in result.stories)
    want = [
        sorted(p.stem for p in (shared / "corpus" / name).glob("*.txt"))
        for name in ("seed-story", "aceh-quake")
    ] + [sorted(p.stem for p in EXAMPLES.glob("*.txt"))]
    assert stories == sorted(want)
    # measure ids name one measure in the run: a claim's `measure` cannot point into another story
    ids = [m.id for s in result.stories for m in s.measures]
    assert len(ids) == len(set(ids))
    assert all(m.id.startswith(f"{s.id}.m") for s in result.stories for m in s.measures)


def test_cluster_two_events_of_one_kind_are_two_stories():
    quake_a = "A strong earthquake struck Peru's Arequipa region on Monday, killing 12 people, officials in Lima said. "
    quake_b = "A strong earthquake struck Japan's Hokkaido island on Monday, killing 3 people, officials in Tokyo said. "
    docs = [(f"a{i}", "Quake hits Arequipa", quake_a * 3) for i in range(3)]
    docs += [(f"b{i}", "Quake hits Hokkaido", quake_b * 3) for i in range(3)]
    groups = cluster_stories(docs)
    assert sorted(map(sorted, groups)) == [["a0", "a1", "a2"], ["b0", "b1", "b2"]]


def test_cluster_incremental_adds_join_or_open_stories():
    index = StoryIndex()
    first = index.add(
        "d1", "Bridge collapses in Genoa", "A motorway bridge collapsed in Genoa, Italy, on Tuesday."
    )
    assert (
        index.add("d2", "Genoa bridge collapse", "Rescuers searched the rubble of the Genoa bridge in Italy.")
        == first
    )
    other = index.add(
        "d3", "Election in Chile", "Chileans voted on Sunday in a presidential election in Santiago."
    )
    assert other != first
    assert index.groups() == [["d1", "d2"], ["d3"]]


def test_duplicates_minhash_finds_copies_only():
    text = " ".join(f"word{i} filler{i % 7} more{i % 11}" for i in range(200))
    docs = [
        SimpleNamespace(id="orig", body=text),
        SimpleNamespace(id="copy", body=text.replace("word5 ", "WORD5 ") + " Reporting by the wire."),
        SimpleNamespace(id="other", body=" ".join(f"token{i} other{i % 5}" for i in range(200))),
    ]
    assert duplicate_groups(docs) == [["orig", "copy"]]
    empties = [SimpleNamespace(id=f"e{i}", body=" ") for i in range(3)]
    assert duplicate_groups(empties) == []


def test_cluster_publication_dates_part_two_events_of_one_kind():
    text = (
        "A magnitude 6.1 earthquake struck the Aceh province of Indonesia, killing dozens of people and"
        " damaging thousands of homes, the disaster agency said. Rescuers searched collapsed buildings."
    )
    docs = [(f"d{i}", "Quake strikes Aceh", text) for i in range(4)]
    published = {"d0": "2004-12-26", "d1": "2004-12-27", "d2": "2013-07-02", "d3": "2013-07-03"}
    assert sorted(map(sorted, cluster_stories(docs, published=published))) == [["d0", "d1"], ["d2", "d3"]]
    assert cluster_stories(docs) == [["d0", "d1", "d2", "d3"]]  # undated: one story
    index = StoryIndex()
    story = index.add("a", "Quake strikes Aceh", text, published="2013-07-02")
    assert index.add("b", "Quake strikes Aceh", text, published="2013-07-20") == story  # 18 days on
    assert index.add("c", "Quake strikes Aceh", text, published="2013-09-30") != story


def test_cluster_snapshot_files_new_documents_as_a_rebuild_does(shared):
    """A corpus run adds to the index the last run left (its JSON snapshot) instead of reading every
    stored text again; the new documents land where a rebuild from the texts puts them."""
    records = [
        json.loads(line)
        for line in Path(shared / "bench" / "ecbplus" / "docs.jsonl").read_text().splitlines()
    ][:300]
    docs = [(r["id"], r.get("title", ""), r["text"]) for r in records]
    before, after = docs[:260], docs[260:]
    first = index_stories(before)
    filed = {d: sid for sid, group in first.named_groups() for d in group}
    data = json.loads(json.dumps(first.snapshot()))  # as the store keeps it
    assert {s["id"]: s["docs"] for s in data["stories"]} == dict(first.named_groups())
    added = index_stories(after, start=StoryIndex.from_snapshot(data))
    rebuilt = index_stories(docs, filed=filed)

    def partition(index: StoryIndex) -> set[frozenset[str]]:
        return {frozenset(group) for _, group in index.named_groups()}

    assert partition(added) == partition(rebuilt)
    assert all(dict(added.named_groups())[sid][: len(g)] == g for sid, g in first.named_groups())
    with pytest.raises(ValueError, match="snapshot format"):
        StoryIndex.from_snapshot({**data, "format": 0})


def test_cluster_participants_come_from_the_per_document_stages(monkeypatch):
    """The entity recogniser runs with the other per-document stages (in the workers); filing the
    processed documents into stories does not run it again."""
    from newsrecon.align import build_stories
    from newsrecon.align import cluster as cluster_module
    from newsrecon.records import from_record, to_record

    documents = analyze([EXAMPLES]).documents
    assert all(d.participants is not None for d in documents)
    assert any("westland" in d.participants or "millbrook" in d.participants for d in documents)
    assert from_record(to_record(documents[0])).participants == documents[0].participants

    def not_again(title: str, text: str) -> frozenset[str]:
        raise AssertionError("the recogniser ran again in the clustering stage")

    monkeypatch.setattr(cluster_module, "participants", not_again)
    _, stories = build_stories(list(documents))
    assert [len(s.docs) for s in stories] == [len(documents)]


def test_names_spell_out_abbreviated_words():
    """ "Mt. Cook" and "Mount Cook" are one place, for the names and for the participants."""
    short = lead_names("", "Two climbers were rescued from Mt. Cook on Sunday.")
    long = lead_names("", "Two climbers were rescued from Mount Cook on Sunday.")
    assert short == long == frozenset({"mount cook"})
    # The full stop after an abbreviation ends no sentence, so the lead holds the whole name.
    assert "mount cook" in participants("Climbers rescued", "Two were rescued from Mt. Cook on Sunday. More.")


def test_a_name_inside_a_longer_capitalised_run_is_found():
    """A Title Case headline runs a name into its neighbours; the name is still there."""
    assert _found("lohan", frozenset({"lindsay lohan checks out of rehab"}))
    assert _found("lindsay lohan", frozenset({"lindsay lohan checks out of rehab"}))
    assert not _found("lohan", frozenset({"lohanville council"}))
    assert not _found("ford", frozenset({"betty fordham clinic"}))


def test_stories_are_reconciled_by_the_runner(shared):
    """Each story's reconciliation depends on its documents alone: a runner takes them (Spark's
    executors with --spark; a local run keeps them in its own process, `pipeline._story_runner`),
    with the result of doing them one by one."""
    from newsrecon.align import build_stories
    from newsrecon.runners import LocalRunner

    class Recording(LocalRunner):
        def __init__(self) -> None:
            super().__init__(2)
            self.stages: list[str] = []

        def map(self, stage, items):
            self.stages.append(stage.__name__)
            return super().map(stage, items)

    documents = list(analyze([EXAMPLES, shared / "corpus" / "seed-story"]).documents)
    runner = Recording()
    assert build_stories(documents, runner=runner) == build_stories(documents)
    assert runner.stages == ["_build_story_item"]


def _one_quake_four_towns() -> list[tuple[str, str, str]]:
    """One event as four local outlets tell it: each names its own town, all name the state."""
    return [
        ("a", "Quake rattles wine country", "A magnitude 4.2 earthquake shook the valley north of Millbrook in "
         "Oregon early Tuesday, seismologists said. The temblor struck at 3:10 a.m. at a shallow depth. "
         "Residents of Millbrook reported broken glass."),
        ("b", "Early morning temblor wakes Ashford", "An earthquake of magnitude 4.2 jolted Ashford, Oregon, "
         "and nearby farms early Tuesday. The shallow temblor struck at 3:10 a.m., seismologists said, and "
         "Ashford firefighters checked bridges."),
        ("c", "Shallow quake felt across Carver County", "Oregon residents of Carver County were woken by a "
         "shallow magnitude 4.2 earthquake at 3:10 a.m. Tuesday. Seismologists said aftershocks followed; no "
         "injuries were reported in Carver County."),
        ("d", "Tuesday quake damages chimneys in Dalton", "The magnitude 4.2 earthquake that struck early "
         "Tuesday toppled chimneys in Dalton, Oregon, officials said. The shallow temblor hit at 3:10 a.m., "
         "seismologists said."),
    ]  # fmt: skip


def test_cluster_a_small_corpus_of_one_event_is_one_story(monkeypatch):
    # Every document says "earthquake", "magnitude" and "temblor": weighed by the corpus alone those
    # words count for nothing and the towns decide; the background keeps them rare.
    assert cluster_stories(_one_quake_four_towns()) == [["a", "b", "c", "d"]]
    monkeypatch.setattr(cluster, "PRIOR_DOCUMENTS", 0)  # the corpus's own statistics only
    assert len(cluster_stories(_one_quake_four_towns())) == 4


def test_cluster_lead_sentence_runs_past_an_initialism():
    text = "The quake was recorded by the U.S. Geological Survey at 2 a.m. Thursday. Nobody was hurt."
    assert lead_sentence(text) == "The quake was recorded by the U.S. Geological Survey at 2 a.m. Thursday. "


def test_cluster_lead_sentence_ends_after_a_clock_time_before_a_new_sentence():
    assert lead_sentence("The quake struck at 3 a.m. Officials said 4 died.") == "The quake struck at 3 a.m. "
    assert lead_sentence("It struck at 2 a.m. Thursday near the coast. More later.").endswith("coast. ")


def _two_navy_actions() -> list[tuple[str, str, str]]:
    """Two pirate captures by one navy in one gulf, told alike: a few reports of each lead with the
    ship, which the other capture's reports never name."""
    generic = [
        "The Indian navy captured {n} pirates in the Gulf of Aden after they attacked merchant shipping.",
        "Indian naval forces foiled a pirate attack in the Gulf of Aden and arrested {n} pirates.",
        "Indian navy commandos seized {n} pirates who tried to board a merchant ship in the Gulf of Aden.",
        "The Indian navy said it held {n} pirates after a distress call from the Gulf of Aden.",
        "Pirates were caught in the Gulf of Aden by the Indian navy, which detained {n} of them.",
    ]
    named = [
        "Navy officials said {ship} captured {n} pirates in the Gulf of Aden.",
        "Sailors aboard {ship} caught {n} pirates in the Gulf of Aden on {day}.",
        "The crew of {ship} foiled a pirate attack in the Gulf of Aden and held {n} pirates.",
        "Commandos from {ship} arrested {n} pirates in the Gulf of Aden on {day}.",
    ]
    tail = (
        " The pirates carried rifles and grenades. The Gulf of Aden is one of the busiest shipping lanes,"
        " and the Indian navy patrols it against piracy. {ship} returned to patrol after handing them over."
    )
    docs = []
    for side, ship, n, day in (("a", "INS Mysore", 23, "Saturday"), ("b", "INS Sukanya", 26, "Thursday")):
        leads = [t.format(ship=ship, n=n, day=day) for t in named] + [t.format(n=n) for t in generic]
        title = "Indian navy captures pirates in Gulf of Aden"
        docs += [(f"{side}{i}", title, lead + tail.format(ship=ship)) for i, lead in enumerate(leads)]
    return docs


def test_cluster_halves_leading_with_names_the_other_never_says_are_two_events(monkeypatch):
    # Fewer than half of each capture's reports lead with its ship (so neither half has a key
    # participant the other never leads with), but no report of one capture names the other's ship.
    groups = sorted(map(sorted, cluster_stories(_two_navy_actions())))
    assert groups == [[f"a{i}" for i in range(9)], [f"b{i}" for i in range(9)]]
    monkeypatch.setattr(cluster.StoryIndex, "_unheard", lambda self, docs, others: False)
    assert len(cluster_stories(_two_navy_actions())) == 1
