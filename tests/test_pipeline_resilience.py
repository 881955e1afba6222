from __future__ import annotations

import sqlite3

import pytest

from newsrecon import analyze, pipeline
from newsrecon.errors import NoInputError


def test_pipeline_one_failing_article_does_not_stop_the_run(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(
        "Fine headline\n\nA perfectly ordinary sentence about the weather today.\n"
    )
    (tmp_path / "b.txt").write_text("Bad headline\n\nThis one trips the cleaner: BOOM goes the stage here.\n")
    real = pipeline.classify

    def flaky(lines, **options):
        if any("BOOM" in line.text for line in lines):
            raise RuntimeError("stage failed")
        return real(lines, **options)

    monkeypatch.setattr(pipeline, "classify", flaky)
    result = analyze([tmp_path])
    assert [d.id for d in result.documents] == ["a"]
    assert [(p.code, p.source.endswith("b.txt")) for p in result.problems] == [("E109", True)]
    assert "stage failed" in result.problems[0].reason


def test_pipeline_nothing_readable_raises_with_reasons(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(NoInputError) as info:
        analyze([tmp_path])
    assert "a.txt" in str(info.value)


def test_pipeline_parallel_workers_give_the_same_result(tmp_path):
    from .conftest import EXAMPLES

    for copy in range(5):  # 20 articles: enough for the pool to start
        for p in EXAMPLES.glob("*.txt"):
            (tmp_path / f"{copy}-{p.name}").write_text(p.read_text(encoding="utf-8") + f"\nCopy {copy}.\n")
    one = analyze([tmp_path], workers=1).to_dict()
    two = analyze([tmp_path], workers=2).to_dict()
    assert one == two
    assert len(two["documents"]) == 20


def test_pipeline_a_home_page_is_reported_as_not_an_article(tmp_path):
    from .conftest import EXAMPLES
    from .test_clean_boilerplate import HOME_PAGE

    article = next(iter(sorted(EXAMPLES.glob("*.txt"))))
    (tmp_path / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "front.txt").write_text(HOME_PAGE, encoding="utf-8")
    db = tmp_path / "run.db"
    result = analyze([tmp_path], db=db)
    assert [d.id for d in result.documents] == [article.stem]
    [problem] = result.problems
    assert problem.code == "E114" and problem.source.endswith("front.txt")
    assert problem.reason.startswith("not an article (the cleaner's confidence is 0.2")

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code FROM problems").fetchall() == [("E114",)]


def test_pipeline_a_brief_is_an_article(tmp_path):
    (tmp_path / "brief.txt").write_text(
        "Ferry service resumes\n\nThe island ferry resumed its daily crossings on Monday after a week of storms,"
        " the operator said.\n",
        encoding="utf-8",
    )
    result = analyze([tmp_path])
    assert [d.id for d in result.documents] == ["brief"] and not result.problems
    assert result.documents[0].confidence >= 0.4


def test_pipeline_documents_with_one_id_are_all_kept(tmp_path):
    """Two `article.txt` in two folders, or a JSON Lines id given twice: no document replaces
    another (stories and reports refer to documents by id)."""
    import json

    from .conftest import EXAMPLES

    first = (EXAMPLES / "01_continental-press.txt").read_text(encoding="utf-8")
    second = (EXAMPLES / "02_valley-ledger.txt").read_text(encoding="utf-8")
    for folder, text in (("day1", first), ("day2", second)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(text, encoding="utf-8")
    records = [
        {"id": "article", "text": first + "\nMore.\n"},
        {"id": "article", "text": second + "\nMore.\n"},
    ]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = analyze([tmp_path / "day1", tmp_path / "day2", tmp_path / "feed.jsonl"])
    ids = [d.id for d in result.documents]
    assert ids == ["article", "article-2", "article-3", "article-4"]
    assert [d.text for d in result.documents] == [first, second, first + "\nMore.\n", second + "\nMore.\n"]
    assert sorted(i for s in result.stories for i in s.docs) == sorted(ids)


def test_pipeline_a_stored_text_keeps_its_id_whatever_else_a_run_reads(tmp_path):
    """Renamed ids ("article-2") follow the text, not its place in a run: a later corpus run over
    one of the two files, or over both in the other order, files each under the id it has."""
    from .conftest import EXAMPLES

    texts = {}
    for folder, name in (("a", "01_continental-press.txt"), ("b", "02_valley-ledger.txt")):
        (tmp_path / folder).mkdir()
        texts[folder] = (EXAMPLES / name).read_text(encoding="utf-8")
        (tmp_path / folder / "article.txt").write_text(texts[folder], encoding="utf-8")
    db = tmp_path / "s.db"
    first = analyze([tmp_path / "a", tmp_path / "b"], db=db, corpus=True)
    id_of = {d.text: d.id for d in first.documents}
    assert sorted(id_of.values()) == ["article", "article-2"]
    alone = analyze([tmp_path / "b"], db=db, corpus=True)
    assert {d.id for d in alone.documents if d.text == texts["b"]} == {id_of[texts["b"]]}
    with sqlite3.connect(db) as conn:  # neither text replaced the other in the store
        assert dict(conn.execute("SELECT text, id FROM documents")) == id_of
    swapped = analyze([tmp_path / "b", tmp_path / "a"], db=db, corpus=True)
    assert {d.text: d.id for d in swapped.documents} == id_of
