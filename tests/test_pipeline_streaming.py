"""`analyze` streams: documents wait on disk (`newsrecon.shelf`), inputs are read and processed a
batch at a time, and the result is the same whatever the batch size."""

from __future__ import annotations

import pickle

import pytest

from newsrecon import analyze, pipeline
from newsrecon.model import Document, Metadata
from newsrecon.shelf import Shelf, ShelfView

from .conftest import EXAMPLES


def _doc(doc_id: str, body: str) -> Document:
    return Document(
        id=doc_id, text=body, source=f"{doc_id}.txt", encoding="utf-8", sha256=doc_id,
        paragraphs=(), removed=(), meta=Metadata(), body=body,
    )  # fmt: skip


def test_shelf_gives_back_what_was_put_and_the_later_of_two():
    shelf = Shelf()
    shelf.put_all([_doc("a", "one"), _doc("b", "two")])
    shelf.put(_doc("a", "three"))  # replaces the first
    assert len(shelf) == 2 and "a" in shelf and "c" not in shelf
    assert shelf.get("a").body == "three" and shelf.get("b").body == "two"
    with pytest.raises(KeyError):
        shelf.get("c")
    view = ShelfView(shelf, ["b", "a"])
    assert [d.body for d in view] == ["two", "three"] and len(view) == 2
    assert view[0] == shelf.get("b") and view[-1].id == "a"
    assert list(view[1:]) == [shelf.get("a")] and isinstance(view[1:], ShelfView)
    assert view == (shelf.get("b"), shelf.get("a")) and (shelf.get("b"), shelf.get("a")) == view
    assert view != (shelf.get("b"),)
    assert pickle.loads(pickle.dumps(view)) == tuple(view)  # what leaves the process holds the documents
    shelf.close()


def test_analyze_result_reads_its_documents_from_disk():
    result = analyze([EXAMPLES])
    assert isinstance(result.documents, ShelfView)
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again.documents, tuple) and again == result
    assert {d for s in result.stories for d in s.docs} == {d.id for d in result.documents}


def test_analyze_in_small_batches_gives_the_same_result(tmp_path, monkeypatch):
    """Batches of two: ids made unique across batches, problems in input order, stories and the
    store the same as in one batch."""
    folder = tmp_path / "in"
    (folder / "again").mkdir(parents=True)
    for f in sorted(EXAMPLES.glob("*.txt")):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    # The same name in two folders (made unique: "01_continental-press-2"), and a file that is no article.
    first = sorted(EXAMPLES.glob("*.txt"))[0]
    (folder / "again" / first.name).write_text(first.read_text(encoding="utf-8") + "\nA new last line.\n")
    (folder / "again" / "empty.txt").write_text("")
    whole = analyze([folder], db=tmp_path / "whole.db")
    monkeypatch.setattr(pipeline, "PROCESS_BATCH", 2)
    seen: list[tuple[str, int, int | None]] = []
    batched = analyze([folder], db=tmp_path / "batched.db", progress=lambda *e: seen.append(e))
    assert batched.to_dict() == whole.to_dict()
    assert len(whole.documents) == 5 and len(whole.problems) == 1
    assert "01_continental-press-2" in {d.id for d in whole.documents}
    done = [e[1] for e in seen if e[0] == "process"]
    assert done == sorted(done) and done[-1] == 5  # counted up as the batches went
    # The second batched run takes every document from the store, a batch at a time.
    assert analyze([folder], db=tmp_path / "batched.db").to_dict() == whole.to_dict()
