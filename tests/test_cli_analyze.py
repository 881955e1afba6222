from __future__ import annotations

import io
import json
import sqlite3

from click.testing import CliRunner
from rich.console import Console

from newsrecon import analyze, cli
from newsrecon.cli import main

from .conftest import EXAMPLES

CONTRACT_DOC_FIELDS = {
    "id",
    "title",
    "byline",
    "published",
    "published_inferred",
    "outlet",
    "dateline",
    "wire",
    "body",
    "removed",
}


def test_cli_analyze_examples_writes_contract_json_and_store(tmp_path):
    out, db = tmp_path / "r.json", tmp_path / "r.db"
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--json", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"documents", "claims", "measures", "timeline", "citations", "stories"} <= data.keys()
    assert len(data["documents"]) == 4
    for doc in data["documents"]:
        assert doc.keys() >= CONTRACT_DOC_FIELDS
        assert doc["body"] and doc["removed"]
        assert all({"start", "end", "reason"} == r.keys() for r in doc["removed"])
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 4


def test_cli_exit_code_when_nothing_readable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--json", str(tmp_path / "r.json")])
    assert result.exit_code == cli.EXIT_NOTHING_READ
    assert "empty.txt" in result.output and "E201" in result.output
    assert not (tmp_path / "r.json").exists()


def test_cli_partial_run_succeeds_and_names_skipped_inputs(tmp_path):
    (tmp_path / "good.txt").write_text((EXAMPLES / "01_continental-press.txt").read_text(encoding="utf-8"))
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    result = CliRunner().invoke(
        main, ["analyze", str(tmp_path), str(tmp_path / "missing.txt"), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0
    assert "bad.txt" in result.output and "E103" in result.output
    assert "missing.txt" in result.output and "E101" in result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert [d["id"] for d in data["documents"]] == ["good"]
    assert {p["code"] for p in data["problems"]} == {"E103", "E101"}


def test_cli_store_error_exit_code(tmp_path):
    db = tmp_path / "not-a-db.db"
    db.write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == cli.EXIT_STORE
    assert "E306" in result.output and "not a valid SQLite database" in result.output


def test_cli_progress_only_on_terminal_for_long_runs():
    quiet = Console(file=io.StringIO(), force_terminal=False)
    with cli._progress(quiet) as hook:
        assert hook is None
    buf = io.StringIO()
    tty = Console(file=buf, force_terminal=True, width=100)
    with cli._progress(tty) as hook:
        assert hook is not None
        hook("read", 1, None)
        hook("process", 0, 5)
        hook("process", 5, 5)
        hook("stories", 0, None)
        assert buf.getvalue() == ""  # five articles: no bar
    n = cli.PROGRESS_MIN
    with cli._progress(tty) as hook:
        for i in range(1, n + 1):
            hook("read", i, None)  # one JSON Lines file of n articles: counted as they are read
        for i in range(n + 1):
            hook("process", i, n)
        hook("stories", 0, None)
    shown = buf.getvalue()
    assert "reading" in shown and "processing" in shown and f"{n}/{n}" in shown
    assert "filing into stories" in shown


def test_cli_progress_stages_of_a_run(tmp_path):
    seen: list[tuple[str, int, int | None]] = []
    analyze([EXAMPLES], db=tmp_path / "s.db", progress=lambda *event: seen.append(event))
    n = len(list(EXAMPLES.glob("*.txt")))
    assert [e for e in seen if e[0] == "read"][-1] == ("read", n, None)
    assert [e for e in seen if e[0] == "process"] == [("process", i, n) for i in range(n + 1)]
    stories = [e for e in seen if e[0] == "reconcile"]
    assert stories and stories[-1][1] == stories[-1][2]  # one story at a time, up to all of them
    assert [e[0] for e in seen if e[0] != "reconcile"][-2:] == ["stories", "store"]
    seen.clear()
    analyze([EXAMPLES], db=tmp_path / "s.db", progress=lambda *event: seen.append(event))
    assert [e for e in seen if e[0] == "process"] == [("process", n, n)]  # all found in the store


def test_cli_summary_counts_stories_of_a_corpus(tmp_path):
    lines = []
    for i in range(cli.LIST_UP_TO + 1):
        text = f"Item {i} of the corpus\n\nStory number {i} tells of the {i}th topic, unlike any other one."
        lines.append(json.dumps({"id": f"a{i}", "text": text}))
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "corpus.jsonl")])
    assert result.exit_code == 0, result.output
    assert "a0:" not in result.output  # articles counted, not listed
    assert f"read {cli.LIST_UP_TO + 1} articles" in result.output


def test_cli_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "newsrecon" in result.output


def test_cli_corpus_needs_a_store_and_runs_with_one(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--corpus"])
    assert result.exit_code == 2 and "--corpus needs --db" in result.output
    db = tmp_path / "news.db"
    for _ in range(2):
        result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db), "--corpus"])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT story) FROM story_members").fetchone() == (1,)


def test_cli_many_problems_are_counted_not_all_listed(tmp_path):
    (tmp_path / "good.txt").write_text(next(iter(sorted(EXAMPLES.glob("*.txt")))).read_text(encoding="utf-8"))
    for i in range(cli.SHOW_PROBLEMS + 5):
        (tmp_path / f"empty{i:02d}.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert result.output.count("skipped /") == cli.SHOW_PROBLEMS
    assert "skipped 5 more inputs: E102 x5 (all listed in the JSON result" in result.output
    assert len(json.loads((tmp_path / "r.json").read_text())["problems"]) == cli.SHOW_PROBLEMS + 5


def test_cli_analyze_a_folder_of_markdown_dumps(tmp_path):
    from .test_clean_markdown import PAGE

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "storm.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "pages" / "README.md").write_text(
        "# Pages\n\nScraped with a Markdown scraper.\n", encoding="utf-8"
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "pages"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    [doc] = data["documents"]
    assert doc["id"] == "storm" and doc["title"].startswith("Storm cuts power")
    assert "](" not in doc["body"] and "**" not in doc["body"] and "Sport" not in doc["body"]
    assert any(r["reason"] == "link" for r in doc["removed"])
    figures = {c["surface"] for c in data["claims"]}
    assert "about 40,000" in figures and all("](" not in f for f in figures)
