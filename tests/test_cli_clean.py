"""`newsrecon clean`: boilerplate removal alone, one JSON line per input, streamed."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from newsrecon import RawDocument, clean_document, cli, pipeline
from newsrecon.cli import main
from newsrecon.model import Document
from newsrecon.runners import local

from .conftest import EXAMPLES
from .test_clean_boilerplate import HOME_PAGE


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _inputs(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("README.md"))
    (folder / "home.txt").write_text(HOME_PAGE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_cli_clean_writes_a_line_per_input_in_order(tmp_path):
    folder = _inputs(tmp_path)
    out = folder / "cleaned.jsonl"  # among the inputs: the run must not read its own output
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = _lines(out.read_text(encoding="utf-8"))
    files = sorted(p for p in folder.iterdir() if p != out)
    assert [r["source"] for r in records] == [str(p) for p in files]
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in records}

    empty = by_name["empty.txt"]
    assert empty == {"source": str(folder / "empty.txt"), "article": False, "error": "E102",
                     "reason": "the file is empty"}  # fmt: skip

    home = by_name["home.txt"]
    assert home["article"] is False and home["error"] == "E114" and "confidence" in home["reason"]
    assert home["body"] == "" and home["paragraphs"] == []
    assert "not-an-article" in {r["reason"] for r in home["removed"]}

    for path in files:
        if path.name in ("home.txt", "empty.txt"):
            continue
        text = path.read_text(encoding="utf-8")
        record = by_name[path.name]
        assert record["article"] is True and record["confidence"] >= 0.8
        assert record["body"] == clean_document(RawDocument(id=path.stem, text=text, source=str(path))).body
        kept = [text[p["start"] : p["end"]] for p in record["paragraphs"]]
        assert "\n".join(kept) == record["body"]  # offsets point into the file as it was read
        assert record["title"] and record["removed"]
    assert "cleaned 4 articles, 1 page not an article, skipped 1 input" in result.stderr
    assert "empty.txt" in result.stderr and "E102" in result.stderr


def test_cli_clean_writes_to_standard_output_without_out(tmp_path):
    result = CliRunner().invoke(main, ["clean", str(EXAMPLES / "01_continental-press.txt")])
    assert result.exit_code == 0, result.stderr
    (record,) = _lines(result.stdout)
    assert record["id"] == "01_continental-press" and record["article"] is True
    assert "cleaned 1 article" in result.stderr


def test_cli_clean_exit_code_when_nothing_readable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "empty.txt"), "-o", str(out)])
    assert result.exit_code == cli.EXIT_NOTHING_READ
    assert "E201" in result.stderr and "E102" in result.stderr
    assert not out.exists()


def test_clean_inputs_streams_batches_through_worker_processes_in_order(tmp_path, monkeypatch):
    folder = _inputs(tmp_path)
    monkeypatch.setattr(pipeline, "CLEAN_BATCH", 2)  # several rounds
    monkeypatch.setattr(local, "PARALLEL_FROM", 1)  # real worker processes even for two pages
    seen: list[int] = []
    items = list(pipeline.clean_inputs([folder], progress=lambda s, d, t: seen.append(d), workers=2))
    assert [getattr(x, "source", None) for x in items] == [str(p) for p in sorted(folder.iterdir())]
    assert sum(isinstance(x, Document) for x in items) == 5  # four articles and the home page
    assert seen == list(range(1, len(items) + 1))


def test_cli_clean_refuses_to_write_over_an_input(tmp_path):
    page = tmp_path / "page.txt"
    text = (EXAMPLES / "01_continental-press.txt").read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(page), "-o", str(page)])
    assert result.exit_code == cli.EXIT_USAGE
    assert "one of the inputs" in result.output
    assert page.read_text(encoding="utf-8") == text  # the input is untouched


def test_cli_outputs_that_cannot_be_written_are_named_without_a_traceback(tmp_path):
    missing = tmp_path / "no-such-folder"
    for args in (
        ["clean", str(EXAMPLES), "-o", str(missing / "out.jsonl")],
        ["analyze", str(EXAMPLES), "--json", str(missing / "r.json")],
        ["analyze", str(EXAMPLES), "--html", str(missing / "r.html")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == cli.EXIT_USAGE, result.output
        assert "no-such-folder" in result.output and "Traceback" not in result.output
        assert not isinstance(result.exception, OSError)


def test_a_text_too_long_for_an_article_is_refused_by_both_commands(tmp_path):
    (tmp_path / "dump.txt").write_text("The levee broke and 4 people died. " * 30_000, encoding="utf-8")
    shutil.copy(EXAMPLES / "01_continental-press.txt", tmp_path / "good.txt")
    out = tmp_path / "c.jsonl"
    result = CliRunner().invoke(main, ["clean", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    dump, good = _lines(out.read_text(encoding="utf-8"))
    assert dump["error"] == "E115" and "1,050,000 characters" in dump["reason"]
    assert good["article"] is True
    analysed = pipeline.analyze([tmp_path / "dump.txt", tmp_path / "good.txt"])
    assert [p.code for p in analysed.problems] == ["E115"] and len(analysed.documents) == 1


def test_a_clean_output_left_among_the_inputs_is_named_once_by_analyze(tmp_path):
    folder = _inputs(tmp_path)
    (folder / "home.txt").unlink()
    (folder / "empty.txt").unlink()
    out = folder / "cleaned.jsonl"
    assert CliRunner().invoke(main, ["clean", str(folder), "-o", str(out)]).exit_code == 0
    result = pipeline.analyze([folder])
    assert [(p.source, p.code) for p in result.problems] == [(str(out), "E108")]
    assert "newsrecon clean" in result.problems[0].reason and len(result.documents) == 4


def test_cli_clean_text_dir_holds_each_article_body(tmp_path):
    folder = _inputs(tmp_path)
    texts, out = tmp_path / "texts" / "new", tmp_path / "c.jsonl"
    result = CliRunner().invoke(main, ["clean", str(folder), "-o", str(out), "--text-dir", str(texts)])
    assert result.exit_code == 0, result.output
    records = [r for r in _lines(out.read_text(encoding="utf-8")) if r["article"]]
    assert sorted(p.name for p in texts.iterdir()) == sorted(f"{r['id']}.txt" for r in records)
    for r in records:
        assert (texts / f"{r['id']}.txt").read_text(encoding="utf-8") == r["body"] + "\n"
    refused = CliRunner().invoke(main, ["clean", str(folder), "--text-dir", str(folder)])
    assert refused.exit_code == 2 and "overlaps the inputs" in refused.output
    inside = CliRunner().invoke(main, ["clean", str(folder / "home.txt"), "--text-dir", str(folder)])
    assert inside.exit_code == 2 and "overlaps the inputs" in inside.output
    before = (folder / "home.txt").read_bytes()
    onto = CliRunner().invoke(main, ["clean", str(folder), "-o", str(folder / "cleaned.jsonl")])
    assert onto.exit_code == 0, onto.output  # a new file among the inputs: written, not read
    again = CliRunner().invoke(main, ["clean", str(folder), "-o", str(folder / "cleaned.jsonl")])
    assert again.exit_code == 2 and "one of the inputs" in again.output  # now it is one of them
    assert (folder / "home.txt").read_bytes() == before


def test_cli_clean_repeated_ids_are_made_unique(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(EXAMPLES / "01_continental-press.txt", tmp_path / sub / "story.txt")
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "a"), str(tmp_path / "b")])
    assert [r["id"] for r in _lines(result.stdout)] == ["story", "story-2"]


def test_cli_clean_with_text_gives_the_text_the_offsets_point_into(tmp_path):
    from .test_ingest_formats import PAGE

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "page.html"), "--with-text"])
    assert result.exit_code == 0, result.stderr
    (record,) = _lines(result.stdout)
    text = record["text"]
    assert "\n".join(text[p["start"] : p["end"]] for p in record["paragraphs"]) == record["body"]
    assert all(0 <= r["start"] <= r["end"] <= len(text) for r in record["removed"])
