from __future__ import annotations

import json

from newsrecon.errors import InputError
from newsrecon.ingest import read_inputs
from newsrecon.model import RawDocument

ARTICLE = "Storm cuts power to 40,000 homes\n\nA storm cut power to about 40,000 homes on Sunday, the utility said.\n"


def _split(items):
    docs = [x for x in items if isinstance(x, RawDocument)]
    errors = [x for x in items if isinstance(x, InputError)]
    return docs, errors


def test_read_folder_recursively_in_stable_order(write, tmp_path):
    write("b.txt", ARTICLE)
    write("sub/a.txt", ARTICLE + "More.")
    write(".hidden/c.txt", ARTICLE)
    write("README.md", "# not an article")
    write("LICENSE.txt", "Permission is hereby granted")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["b", "a"]
    assert errors == []
    assert all(len(d.sha256) == 64 for d in docs)


def test_read_folder_of_junk_is_an_error(write, tmp_path):
    write("image.png", b"\x89PNG....")
    write("data.bin", b"\x00\x01")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert docs == []
    assert [e.code for e in errors] == ["E202"]
    assert str(tmp_path) in str(errors[0])


def test_read_missing_path_and_unsupported_file(write, tmp_path):
    report = write("report.pdf", b"%PDF-1.7")
    empty_page = write("page.html", "<html><body></body></html>")
    docs, errors = _split(list(read_inputs([tmp_path / "nope.txt", report, empty_page])))
    assert docs == []
    assert [e.code for e in errors] == ["E101", "E107", "E110"]


def test_read_goes_on_past_a_bad_file(write, tmp_path):
    write("1.txt", ARTICLE)
    write("2.txt", b"")
    write("3.txt", ARTICLE.replace("Sunday", "Monday"))
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["1", "3"]
    assert [(e.source.endswith("2.txt"), e.code) for e in errors] == [(True, "E102")]


def test_read_jsonl_keeps_ids_and_reports_bad_records(write):
    lines = [
        json.dumps({"id": "x-1", "text": ARTICLE, "title": "Storm", "outlet": "Coast Herald"}),
        "{not json",
        json.dumps({"id": "x-3"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "x-6", "text": ARTICLE}),
    ]
    path = write("feed.jsonl", "\n".join(lines))
    docs, errors = _split(list(read_inputs([path])))
    assert [d.id for d in docs] == ["x-1", "x-6"]
    assert dict(docs[0].hints) == {"title": "Storm", "outlet": "Coast Herald"}
    assert [e.code for e in errors] == ["E108", "E108", "E108"]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4"]


def test_read_jsonl_reads_a_headline_with_no_body(write):
    # A wire flash or a bare feed item: the headline is all there is, and it is the article.
    records = [{"id": "f", "title": "Dam bursts above Lowtown", "text": ""}, {"id": "g", "title": " "}]
    path = write("flash.jsonl", "\n".join(map(json.dumps, records)))
    docs, errors = _split(list(read_inputs([path])))
    assert [(d.id, d.text) for d in docs] == [("f", "Dam bursts above Lowtown")]
    assert dict(docs[0].hints) == {"title": "Dam bursts above Lowtown"}
    assert [e.code for e in errors] == ["E108"]


def test_read_jsonl_takes_a_scrapers_markdown(write):
    page = "# Storm cuts power\n\n[Home](/) [World](/w) [Sport](/s)\n\n" + ARTICLE
    path = write("scraped.jsonl", json.dumps({"id": "m", "markdown": page, "url": "https://x.example/storm"}))
    docs, errors = _split(list(read_inputs([path])))
    assert errors == [] and [d.text for d in docs] == [page]
    records = [{"id": "b", "markdown": ["a"]}, {"text": 5, "markdown": page}]
    bad = write("bad.jsonl", "\n".join(map(json.dumps, records)))
    _, errors = _split(list(read_inputs([bad])))
    assert "`markdown` is" in str(errors[0]) and "`text` is" in str(errors[1])


def test_read_jsonl_names_a_field_of_the_wrong_type(write):
    lines = [
        json.dumps({"id": "n", "text": 5}),
        json.dumps({"id": "l", "text": ["a"], "html": None}),
        json.dumps({"id": ["x"], "text": ARTICLE}),
    ]
    _, errors = _split(list(read_inputs([write("typed.jsonl", "\n".join(lines))])))
    assert [e.reason.split(": ", 1)[1] for e in errors] == [
        "`text` is a number, not a string",
        "`text` is a list, not a string",
        "`id` is a list, not a string or a number",
    ]


def test_read_a_symbolic_link_loop_is_named_as_one(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for exclude in ([], [tmp_path / "out.jsonl"]):  # a run's own output excluded: paths resolved too
        (error,) = list(read_inputs([loop], exclude))
        assert error.code == "E105" and "symbolic link" in error.reason
