"""One name per source across a story: acronyms, contained names, spellings, descriptions."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from newsrecon.claims.sources import _ACRONYM_ONLY, _keys, _same_source, unify

NAMES = [
    "National Intelligence Service", "NIS", "South Korea's National Intelligence Service",
    "South Korean intelligence", "South Korea's intelligence agency", "South Korean military",
    "Joint Chiefs of Staff", "JCS", "Volodymyr Zelenskyy", "Zelensky", "Zelenskyy", "Zelenska",
    "U.S. Geological Survey", "USGS", "Geological Survey", "Red Cross", "Indonesian Red Cross",
    "Ukrainian intelligence", "Ukraine's intelligence services", "Russian military", "Russia's army",
    "the Pentagon", "Pentagon", "Reuters", "Reuter", "Associated Press", "AP", "Ana Ruiz", "Ruiz",
    "Ana Ruis", "Budi Santoso", "Santoso", "police", "officials", "the ministry", "Health Ministry",
    "Ministry of Health", "BNPB", "Indonesia's disaster agency", "Indonesian authorities",
]  # fmt: skip


def test_same_source_pairs_share_a_key():
    """A name is compared only with the groups it shares a key with: no pair that is one source
    may be missed that way."""
    for a, b in itertools.permutations(NAMES, 2):
        if _same_source(a, b):
            assert _keys(a) & _keys(b), (a, b)


def _groups_pairwise(names: list[str]) -> set[frozenset[str]]:
    """The grouping as first written: each name, most frequent first, joins the first group holding
    a name of the same source, comparing it with every group."""
    counts = Counter(names)
    groups: list[list[str]] = []
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        for group in groups:
            if any(_same_source(name, m) for m in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return {frozenset(g) for g in groups}


def test_unify_groups_as_when_every_group_was_compared():
    spelled = [n for n in NAMES if not _ACRONYM_ONLY.fullmatch(n)]  # acronyms are mapped before grouping
    rng = random.Random(3)
    for _ in range(200):
        names = [rng.choice(spelled) for _ in range(rng.randint(1, 60))]
        got: dict[str, set[str]] = {}
        for name, target in unify(names, {}).items():
            got.setdefault(target, set()).add(name)
        assert {frozenset(g) for g in got.values()} == _groups_pairwise(names)


def test_unify_names():
    names = ["National Intelligence Service", "NIS", "Zelensky", "Zelenskyy", "Volodymyr Zelenskyy",
             "Zelenskyy", "South Korean intelligence", "South Korea's intelligence agency", "Reuters"]  # fmt: skip
    m = unify(names, {"National Intelligence Service": "NIS"})
    assert m["NIS"] == m["National Intelligence Service"] == "National Intelligence Service"
    assert m["Zelensky"] == m["Zelenskyy"] == m["Volodymyr Zelenskyy"]
    assert m["South Korean intelligence"] == m["South Korea's intelligence agency"]
    assert m["Reuters"] == "Reuters"


def test_a_document_is_not_its_author():
    m = unify(["Mrs. Ruiz's tax return", "Ana Ruiz", "Ruiz", "Mrs. Ruiz's disclosures"], {})
    assert m["Ruiz"] == m["Ana Ruiz"] == "Ana Ruiz"
    assert m["Mrs. Ruiz's tax return"] == "Mrs. Ruiz's tax return"
    assert m["Mrs. Ruiz's disclosures"] == "Mrs. Ruiz's disclosures"


def test_a_family_is_not_one_of_its_members():
    assert not _same_source("Clintons", "Clinton") and _same_source("Zelensky", "Zelenskyy")


def test_document_names_keep_what_the_document_is_and_who_issued_it():
    from newsrecon.claims.nlp import english
    from newsrecon.claims.sources import document_name

    doc = english()("The statement on his health, from Dr. Omar Haddad, a surgeon at the clinic, said so.")
    subj = next(t for t in doc if t.dep_ == "nsubj")
    assert document_name(doc[subj.left_edge.i : subj.right_edge.i + 1]) == "statement from Dr. Omar Haddad"


def test_a_person_described_by_an_organisation_is_not_the_organisation():
    # The words after an appositive's comma describe the person; they do not name the source.
    described = "Christopher Gunness, spokesman for the UN Relief and Works Agency"
    assert not _same_source("UN", described)
    assert not _same_source("United Nations", described)
    assert _same_source("Gunness", described)
    mapping = unify(["UN", described, "Gunness", "UN"], {})
    assert mapping["UN"] == "UN" and mapping["Gunness"] == described
