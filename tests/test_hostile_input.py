"""Articles written to attack their readers: what the outputs make of markup, formulas and junk.

The Markdown dossier is rendered by a CommonMark renderer (markdown-it-py, as many viewers do) and
every tag and attribute of the result is checked; CSV cells never start a formula; JSON Lines
records a parser cannot hold become coded problems and the run goes on.
"""

from __future__ import annotations

import codecs
import csv
import json
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsrecon.cli import main

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click me](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    '"><svg onload=alert(1)>',
    "<javascript:alert(1)>",
    "<!-- a comment -->",
)

# The Markdown dossier's own markup: headings, lists, tables, emphasis, its anchors and details.
ALLOWED_TAGS = {
    "h1", "h2", "h3", "p", "em", "strong", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "a", "details", "summary", "code", "br",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_comment(self, data):
        self.found.append(("!--", []))


def hostile_article(n: int) -> str:
    payload = PAYLOADS[n % len(PAYLOADS)]
    return (
        f"Council approves {payload} budget of $12 million\n\n"
        f"By Jane {payload} Doe\n\n"
        f"RIVERTON — The city council approved a budget of $12 million on Monday, {payload} the mayor said. "
        f"The vote was 7-2, according to the clerk {payload}.\n\n"
        f"Officials said 340 {payload} residents attended the hearing, and the treasurer said the reserve "
        "fund would hold $1.5 million by the end of the year. Critics said the plan left roads underfunded.\n"
    )


def test_markdown_and_csv_carry_no_live_markup_or_formulas(tmp_path):
    from markdown_it import MarkdownIt

    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(len(PAYLOADS)):
        (corpus / f"attack-{n}.txt").write_text(hostile_article(n), encoding="utf-8")
    (corpus / "=cmd.txt").write_text(hostile_article(0).replace("Council", "=HYPERLINK(1)"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = ["analyze", str(corpus), "--md", str(out / "d.md"), "--csv", str(out / "csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rendered = MarkdownIt("commonmark").enable("table").render((out / "d.md").read_text(encoding="utf-8"))
    parser = _Tags()
    parser.feed(rendered)
    assert parser.found, "the dossier rendered to nothing"
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert (value or "").startswith("#"), value  # only the dossier's own anchors
            else:
                assert name == "id", (tag, name)
    assert "window.__pwned" in rendered  # the payloads are there, as text
    for name in ("claims.csv", "measures.csv"):
        with (out / "csv" / name).open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)


def test_json_lines_a_parser_cannot_hold_are_problems_and_the_run_goes_on(tmp_path):
    good = {"id": "ok", "text": hostile_article(1)}
    lines = [
        json.dumps(good),
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["analyze", str(tmp_path / "in.jsonl"), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["ok"]
    reasons = {p["source"].rsplit(":", 1)[-1]: p for p in data["problems"]}
    assert reasons["2"]["code"] == "E108" and "too long" in reasons["2"]["reason"]
    assert reasons["3"]["code"] == "E108" and "nested" in reasons["3"]["reason"]


def test_a_run_of_digits_is_no_figure_and_json_stays_standard(tmp_path):
    text = hostile_article(2) + "\nThe archive listed " + "9" * 2000 + " entries, the clerk said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["analyze", str(tmp_path / "a.txt"), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "r.json").read_text(encoding="utf-8")
    json.loads(raw, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"non-standard JSON {c}")))
    assert "Infinity" not in raw and "NaN" not in raw


def test_a_gzip_bomb_is_refused_while_unpacked(tmp_path):
    import resource
    import zlib

    pack = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"<p>" + b" " * 1_000_000
    bomb = b"".join(pack.compress(chunk) for _ in range(300)) + pack.flush()  # 300 MB, about 300 kB packed
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    (tmp_path / "ok.txt").write_text(hostile_article(3), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--json", str(tmp_path / "r.json")])
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["ok"]
    (problem,) = data["problems"]
    assert problem["code"] == "E112" and "expands past" in problem["reason"]
    assert grown_mib < 100  # refused before it was held (the cap is 10 MB)


def test_a_file_name_of_any_bytes_reaches_every_output_escaped(tmp_path):
    import os
    import sqlite3

    corpus = tmp_path / "in"
    corpus.mkdir()
    name = os.fsdecode(b"caf\xe9\x1b[31m.txt")  # not UTF-8, and a terminal escape sequence
    (corpus / name).write_text(hostile_article(4), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = ["analyze", str(corpus), "--json", str(out / "r.json"), "--md", str(out / "d.md")]
    args += ["--html", str(out / "d.html"), "--csv", str(out / "csv"), "--db", str(out / "s.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["id"] == "caf\\xE9\\x1b[31m"
    for f in ("d.md", "d.html", "csv/claims.csv"):
        text = (out / f).read_text(encoding="utf-8")
        assert "\x1b" not in text and "xE9" in text, f
    with sqlite3.connect(out / "s.db") as db:
        assert db.execute("SELECT id FROM documents").fetchall() == [(doc["id"],)]


def test_a_document_over_its_time_budget_is_a_problem(monkeypatch):
    import pytest

    from newsrecon import analyze, limits
    from newsrecon.errors import NoInputError

    from .conftest import EXAMPLES

    monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 0.001)  # no article is processed this fast
    with pytest.raises(NoInputError) as caught:
        analyze([EXAMPLES], workers=1)
    assert "[E116]" in caught.value.reason and "longer than 0.001 s" in caught.value.reason
    monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 120.0)
    assert analyze([EXAMPLES], workers=1).documents  # the budget is reset after each document


def test_workers_die_with_their_parent(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from .conftest import EXAMPLES

    for n in range(20):  # enough documents for the pool to start (runners.local.PARALLEL_FROM)
        for p in EXAMPLES.glob("*.txt"):
            (tmp_path / f"{n}-{p.name}").write_text(
                p.read_text(encoding="utf-8") + f"\n{n}\n", encoding="utf-8"
            )
    script = f"from newsrecon import analyze; analyze([{str(tmp_path)!r}], workers=2)"
    parent = subprocess.Popen([sys.executable, "-c", script])

    def children() -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == parent.pid:
                    found.append(int(entry))
        return found

    deadline = time.monotonic() + 120
    while len(workers := children()) < 2 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.2)
    assert len(workers) >= 2, "the pool did not start"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 3  # a worker checks on its parent every 0.5 s
    while (alive := [w for w in workers if os.path.exists(f"/proc/{w}")]) and time.monotonic() < deadline:
        for w in alive:  # reap nothing (not ours); a zombie's /proc entry says state Z
            try:
                if Path(f"/proc/{w}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0] == "Z":
                    alive.remove(w)
            except OSError:
                pass
        if not alive:
            break
        time.sleep(0.2)
    assert not alive, f"workers {alive} outlived their parent"


def _counts(db) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "claims", "runs")
        }


def test_a_store_locked_by_another_process_is_a_clean_error_and_outputs_are_written(tmp_path, monkeypatch):
    import subprocess
    import sys

    from newsrecon import limits

    from .conftest import EXAMPLES

    db = tmp_path / "news.db"
    assert CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db), "-q"]).exit_code == 0
    before = _counts(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
         " c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(limits, "STORE_BUSY_SECONDS", 0.5)
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "a.txt").write_text(hostile_article(5), encoding="utf-8")
        out = tmp_path / "r.json"
        args = ["analyze", str(tmp_path / "more"), "--db", str(db), "--json", str(out)]
        result = CliRunner().invoke(main, args)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 4, result.output
    assert "locked by another process" in result.output and "[E304]" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    data = json.loads(out.read_text(encoding="utf-8"))  # the work is not lost: the other outputs are written
    assert [d["id"] for d in data["documents"]] == ["a"]
    assert _counts(db) == before  # nothing lost, nothing half-stored


def test_a_full_disk_while_storing_is_a_clean_error_and_the_store_is_as_it_was(tmp_path):
    import pytest

    from newsrecon import analyze
    from newsrecon.errors import StoreError
    from newsrecon.store import Store

    from .conftest import EXAMPLES

    db = tmp_path / "news.db"
    analyze([EXAMPLES], db=db)
    before = _counts(db)
    (tmp_path / "more").mkdir()
    for n in range(3):
        (tmp_path / "more" / f"{n}.txt").write_text(hostile_article(n) * 20, encoding="utf-8")
    result = analyze([tmp_path / "more"])
    with Store(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "database or disk is full"
        with pytest.raises(StoreError) as caught:
            store.save_run(result, ["more"], records=list(result.documents))
    assert caught.value.code == "E307" and "full" in caught.value.reason
    assert _counts(db) == before
    with Store(db) as store:  # and it is still a good store
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_damaged_store_is_a_clean_error(tmp_path):
    from .conftest import EXAMPLES

    db = tmp_path / "news.db"
    assert CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db), "-q"]).exit_code == 0
    with db.open("r+b") as f:  # pages past the first (the schema's) overwritten
        f.seek(4096 * 2)
        f.write(b"\xff" * 4096 * 20)
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 4, result.output
    assert "[E306]" in result.output and "damaged" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_web_archive_of_junk_records_is_one_problem_not_a_flood(tmp_path):
    record = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:x>\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n"
        "WARC-Target-URI: http://a.example/\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        + "y" * 30
        + "\r\n\r\n"
    )  # the stated length is wrong: warcio warns on stderr about every such record
    (tmp_path / "junk.warc").write_text(record * 2000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(hostile_article(6), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output and len(result.output.splitlines()) < 20
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert any(p["code"] == "E113" and "2,000 records" in p["reason"] for p in data["problems"])


def test_outputs_never_write_through_a_link_planted_where_they_go(tmp_path):
    from .conftest import EXAMPLES

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    names = ("r.json", "d.md", "d.html", "csv/claims.csv", "csv/measures.csv")
    for name in names:
        (out / name).symlink_to(victim)
    args = ["analyze", str(EXAMPLES), "--json", str(out / "r.json"), "--md", str(out / "d.md")]
    args += ["--html", str(out / "d.html"), "--csv", str(out / "csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"
    for name in names:
        assert not (out / name).is_symlink() and (out / name).stat().st_size > 100, name
    assert sorted(p.name for p in out.rglob("*")) == sorted(["csv", *(n.rsplit("/", 1)[-1] for n in names)])


def test_sigterm_stops_a_run_cleanly(tmp_path):
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from .conftest import EXAMPLES

    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(40):
        for p in EXAMPLES.glob("*.txt"):
            (corpus / f"{n}-{p.name}").write_text(
                p.read_text(encoding="utf-8") + f"\n{n}\n", encoding="utf-8"
            )
    db = tmp_path / "news.db"
    assert CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db), "-q"]).exit_code == 0
    before = _counts(db)
    exe = [sys.executable, "-m", "newsrecon", "analyze", str(corpus), "--db", str(db), "--workers", "2"]
    run = subprocess.Popen([*exe, "--json", str(tmp_path / "r.json")], stderr=subprocess.PIPE, text=True)
    time.sleep(8)  # into the per-document stages
    assert run.poll() is None, "the run ended before it could be stopped"
    os.kill(run.pid, signal.SIGTERM)
    assert run.wait(timeout=30) == 1
    assert "Traceback" not in run.stderr.read()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _counts(db) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_limits_are_changed_by_an_option(tmp_path):
    import subprocess
    import sys

    from .conftest import EXAMPLES

    cmd = [sys.executable, "-m", "newsrecon", "analyze", str(EXAMPLES), "--json", str(tmp_path / "r.json")]
    over = subprocess.run([*cmd, "--limit", "document_seconds=0.001"], capture_output=True, text=True)
    assert over.returncode == 3 and "[E116]" in over.stderr and "0.001 s" in over.stderr
    short = subprocess.run([*cmd, "--limit", "MAX_ARTICLE_CHARS=500"], capture_output=True, text=True)
    assert short.returncode == 3 and "[E115]" in short.stderr and "the most is 500" in short.stderr
    bad = subprocess.run([*cmd, "--limit", "speed=3"], capture_output=True, text=True)
    assert bad.returncode == 2 and "no limit 'speed'" in bad.stderr


def test_figures_are_capped_per_sentence_and_per_document(monkeypatch):
    from newsrecon import RawDocument, limits
    from newsrecon.pipeline import process_document

    row = ", ".join(f"{n} votes" for n in range(100, 400))  # one "sentence" of 300 figures
    text = "Tally of the count\n\n" + "\n\n".join(f"The clerk said district {k} had {row}." for k in range(4))
    doc = process_document(RawDocument(id="t", text=text, source="t.txt", sha256="t"))
    per_sentence: dict[int, int] = {}
    for c in doc.claims:
        per_sentence[c.sentence_start] = per_sentence.get(c.sentence_start, 0) + 1
    assert per_sentence and max(per_sentence.values()) <= limits.MAX_FIGURES_PER_SENTENCE
    monkeypatch.setattr(limits, "MAX_FIGURES_PER_DOCUMENT", 70)
    doc = process_document(RawDocument(id="t", text=text, source="t.txt", sha256="t"))
    assert len(doc.claims) <= 70


def test_two_runs_on_one_store_at_once_both_land(tmp_path):
    import subprocess
    import sys

    from .conftest import EXAMPLES

    db = tmp_path / "news.db"
    folders = []
    for k in range(2):
        folder = tmp_path / f"in{k}"
        folder.mkdir()
        for p in EXAMPLES.glob("*.txt"):
            (folder / p.name).write_text(p.read_text(encoding="utf-8") + f"\nrun {k}\n", encoding="utf-8")
        folders.append(folder)
    runs = [
        subprocess.Popen([sys.executable, "-m", "newsrecon", "analyze", str(f), "--db", str(db), "-q"], stderr=subprocess.PIPE, text=True)
        for f in folders
    ]  # fmt: skip
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    counts = _counts(db)
    assert counts["documents"] == 8 and counts["runs"] == 2


# Any bytes, as any kind of file the readers take: a document or a coded problem, never an
# exception, in bounded time (property tests over every reader, then the per-document stages).
_KINDS = (".txt", ".md", ".html", ".html.gz", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz")
_SEEDS = (b"", b"<html><body><p>", b'{"id": 1, "text": "', b"<?xml version='1.0'?><rss><channel><item><title>",
          b"WARC/1.0\r\nWARC-Type: response\r\n", b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe")  # fmt: skip


def test_any_bytes_in_any_reader_are_a_document_or_a_problem(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from newsrecon.errors import MESSAGES, InputError
    from newsrecon.ingest import read_inputs
    from newsrecon.model import RawDocument
    from newsrecon.pipeline import _process_safely

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.sampled_from(_KINDS), st.sampled_from(_SEEDS), st.binary(max_size=3000))
    def check(kind: str, seed: bytes, body: bytes) -> None:
        data = seed + body
        if kind.endswith(".gz") and not data.startswith(b"\x1f\x8b"):
            import gzip as gz

            data = gz.compress(data)
        path = tmp_path / f"fuzz{kind}"
        path.write_bytes(data)
        t = time.perf_counter()
        items = list(read_inputs([path]))
        assert items and all(isinstance(i, RawDocument | InputError) for i in items)
        for item in items:
            if isinstance(item, RawDocument):
                done = _process_safely(item)  # a stage that raised would come back as E109
                assert getattr(done, "code", None) != "E109", done
            else:
                assert item.code in MESSAGES and item.code != "E109", item
        assert time.perf_counter() - t < 30

    check()


def _in_session(sid: int) -> list[int]:
    """Live processes of session `sid` (a run started in a session of its own, and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def test_kill_9_at_random_moments_then_a_rerun_gives_the_uninterrupted_store(tmp_path):
    import os
    import random
    import signal
    import sqlite3
    import subprocess
    import sys

    from .conftest import EXAMPLES

    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(6):  # 24 articles: the pool of two workers starts (runners.local.PARALLEL_FROM)
        for p in EXAMPLES.glob("*.txt"):
            (corpus / f"{n}-{p.name}").write_text(
                p.read_text(encoding="utf-8") + f"\nEdition {n}.\n", encoding="utf-8"
            )

    def state(db) -> tuple:
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return (
                conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone(),
                conn.execute("SELECT count(*) FROM claims").fetchone()[0],
                sorted(conn.execute("SELECT sha256, story FROM story_members").fetchall()),
            )

    def analyze(db, mode: list[str], kill_after: float | None = None) -> int | None:
        cmd = [sys.executable, "-m", "newsrecon", "analyze", str(corpus), "--db", str(db), *mode]
        cmd += ["--workers", "2", "-q"]
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True)
        if kill_after is None:
            assert proc.wait(timeout=600) == 0, proc.stderr.read()
            return None
        time.sleep(kill_after)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # the run alone: its workers must go by themselves
        proc.wait()
        deadline = time.monotonic() + 5
        while (left := _in_session(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not left, f"processes {left} outlived the killed run"
        return proc.pid

    rng = random.Random(7)
    for mode in (["--corpus"], []):  # a corpus run (stories filed among the stored ones), a plain one
        whole = tmp_path / f"whole{''.join(mode)}.db"
        analyze(whole, mode)
        expected = state(whole)
        for trial in range(2):
            db = tmp_path / f"killed-{trial}{''.join(mode)}.db"
            analyze(db, mode, kill_after=rng.uniform(1.0, 12.0))
            analyze(db, mode)  # the rerun completes what the killed run left
            assert state(db) == expected, (mode, trial)


def test_a_json_string_escaping_a_lone_surrogate_is_read(tmp_path):
    line = (
        '{"id": "s\\ud800", "title": "T\\udfff", "text": "Bad \\ud800 here. '
        + hostile_article(7).replace("\n", " ")
        + '"}'
    )
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["analyze", str(tmp_path / "a.jsonl"), "--json", str(out), "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert doc["id"] == "s\ufffd" and "Bad \ufffd here" in doc["body"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf\n\n  \n"])
def test_a_json_lines_file_of_only_a_byte_order_mark_is_a_problem(tmp_path, data):
    # found by the property test: such a file gave neither a document nor a problem
    from newsrecon.ingest import read_inputs

    path = tmp_path / "bom.jsonl"
    path.write_bytes(data)
    assert [getattr(i, "code", None) for i in read_inputs([path])] == ["E106"]


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from newsrecon import limits
    from newsrecon.ingest import read_inputs

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    for name in ("big.txt", "big.html", "big.rss"):
        (tmp_path / name).write_text("word " * 3_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text(hostile_article(0), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    refused = sorted(Path(x.source).name for x in items if getattr(x, "code", None) == "E117")
    assert refused == ["big.html", "big.rss", "big.txt"]
    assert [x.id for x in items if not hasattr(x, "code")] == ["small"]
    assert "10,000 bytes" in next(x for x in items if getattr(x, "code", None) == "E117").reason


def test_json_lines_are_read_a_line_at_a_time_with_a_cap_per_record(tmp_path, monkeypatch):
    import tracemalloc

    from newsrecon import limits
    from newsrecon.ingest.files import read_jsonl_file

    path = tmp_path / "corpus.jsonl"
    record = json.dumps({"text": "The council approved a budget of $12 million. " * 20}) + "\n"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(20_000):  # about 20 MB
            f.write(record)
    tracemalloc.start()
    count = sum(1 for _ in read_jsonl_file(path))  # each record dropped as soon as it is counted
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 20_000 and peak < 2_000_000, peak  # one record's worth, not the file's 20 MB

    monkeypatch.setattr(limits, "MAX_PAGE_BYTES", 5_000)
    path.write_text(
        json.dumps({"id": "a", "text": "x" * 20_000})
        + "\n"
        + json.dumps({"id": "b", "text": "Short text."})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_jsonl_file(path))
    assert [getattr(x, "code", None) or x.id for x in items] == ["E108", "b"]
    assert items[0].source.endswith(":1") and "over 5,000 bytes" in items[0].reason


def test_json_lines_split_at_newlines_only_and_a_legacy_code_page_is_read(tmp_path):
    from newsrecon.ingest.files import read_jsonl_file

    path = tmp_path / "a.jsonl"
    # U+2028 and a form feed are allowed raw in a JSON string: no line ends there.
    path.write_text(
        json.dumps({"id": "a", "text": "one\u2028two\x0cthree"}, ensure_ascii=False) + "\n", "utf-8"
    )
    assert [x.text for x in read_jsonl_file(path)] == ["one\u2028two\x0cthree"]
    legacy = tmp_path / "b.jsonl"
    lines = [
        {"id": "x", "text": "Caf\u00e9 cr\u00e8me co\u00fbte 3 \u20ac."},
        {"id": "y", "text": "Na\u00efve d\u00e9j\u00e0 vu."},
    ]
    legacy.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode("cp1252"))
    assert [x.text for x in read_jsonl_file(legacy)] == [r["text"] for r in lines]
    wide = tmp_path / "c.jsonl"
    wide.write_bytes(
        codecs.BOM_UTF16_LE + (json.dumps(lines[0], ensure_ascii=False) + "\r\n").encode("utf-16-le")
    )
    assert [x.text for x in read_jsonl_file(wide)] == [lines[0]["text"]]


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a file system of 64 kB, nearly full: a real "No space left on device"."""
    import subprocess

    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a small tmpfs needs root: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        (folder / "filler").write_bytes(b"\0" * 40_000)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_while_writing_outputs_is_a_clean_error_and_old_outputs_stay(full_disk):
    import subprocess
    import sys

    from .conftest import EXAMPLES

    old = "an earlier run's dossier\n"
    for name in ("r.json", "r.html", "r.md", "c.jsonl"):
        (full_disk / name).write_text(old, encoding="utf-8")
    exe = [sys.executable, "-m", "newsrecon"]
    for args in (
        ["analyze", str(EXAMPLES), "--json", str(full_disk / "r.json")],
        ["analyze", str(EXAMPLES), "--html", str(full_disk / "r.html"), "--md", str(full_disk / "r.md")],
        ["clean", str(EXAMPLES), "-o", str(full_disk / "c.jsonl")],
    ):
        run = subprocess.run([*exe, *args], capture_output=True, text=True, timeout=300)
        assert run.returncode == 2, (args, run.stderr)
        assert "No space left on device" in run.stderr and "Traceback" not in run.stderr, run.stderr
    for name in ("r.json", "r.html", "r.md", "c.jsonl"):
        assert (full_disk / name).read_text(encoding="utf-8") == old  # as it was, not half-written
    assert sorted(p.name for p in full_disk.iterdir()) == ["c.jsonl", "filler", "r.html", "r.json", "r.md"]


def test_a_read_only_store_is_a_clean_error_and_the_other_outputs_are_written():
    import os
    import sqlite3
    import subprocess
    import sys
    import tempfile

    from .conftest import EXAMPLES

    # Root writes through any file mode: the run is then made as the unprivileged user "nobody"
    # (util-linux's setpriv), in a folder everyone can use (pytest's own is private to its user).
    folder = Path(tempfile.mkdtemp(prefix="newsrecon-ro-"))
    try:
        os.chmod(folder, 0o777)
        db = folder / "news.db"
        exe = [sys.executable, "-m", "newsrecon", "analyze"]
        subprocess.run([*exe, str(EXAMPLES), "--db", str(db), "-q"], check=True, capture_output=True)
        before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        os.chmod(db, 0o444)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        more = folder / "more"
        more.mkdir()
        (more / "new.txt").write_text(hostile_article(1), encoding="utf-8")
        run = subprocess.run(
            [*nobody, *exe, str(EXAMPLES), str(more), "--db", str(db), "--json", str(folder / "r.json")],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert run.returncode == 4 and "[E305]" in run.stderr and "read-only" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert len(json.loads((folder / "r.json").read_text(encoding="utf-8"))["documents"]) == before + 1
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == before
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_this_user_may_not_enter_is_named_not_skipped(tmp_path):
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="newsrecon-perm-"))
    try:
        os.chmod(folder, 0o755)
        (folder / "ok.txt").write_text(hostile_article(2), encoding="utf-8")
        (folder / "closed").mkdir(mode=0o700)
        (folder / "closed" / "hidden.txt").write_text(hostile_article(3), encoding="utf-8")
        (folder / "secret.txt").write_text(hostile_article(4), encoding="utf-8")
        os.chmod(folder / "secret.txt", 0o600)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        if not nobody:
            os.chmod(folder / "closed", 0o000)
            os.chmod(folder / "secret.txt", 0o000)
        out = folder / "out"
        out.mkdir(mode=0o777)
        os.chmod(out, 0o777)
        exe = [*nobody, sys.executable, "-m", "newsrecon", "analyze"]
        run = subprocess.run(
            [*exe, str(folder / "closed" / "x.txt"), str(folder), "--json", str(out / "r.json")],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
        problems = {
            Path(p["source"]).name: p["code"] for p in json.loads((out / "r.json").read_text())["problems"]
        }
        assert problems == {"x.txt": "E105", "closed": "E105", "secret.txt": "E105"}, problems
        assert [d["id"] for d in json.loads((out / "r.json").read_text())["documents"]] == ["ok"]
    finally:
        os.chmod(folder / "closed", 0o700)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_hostile_corpus_of_the_benchmark_is_read_and_cleaned_input_by_input(tmp_path, monkeypatch):
    """The single-file cases of `benchmarks/hostile.py` (encodings, binaries, broken HTML, feeds,
    archives, JSON Lines edge cases, odd names and sizes), each in its own folder, through the
    reading and cleaning stages in one run: every file gives documents or coded problems that name
    it, and nothing escapes. (The benchmark runs each through the whole command, about 15 minutes.)"""
    import importlib.util
    import time

    from newsrecon.ingest.files import kind_of
    from newsrecon.pipeline import clean_inputs

    benchmarks = Path(__file__).parent.parent / "benchmarks"
    monkeypatch.syspath_prepend(str(benchmarks))  # as when the script runs: its helpers beside it
    spec = importlib.util.spec_from_file_location("hostile", benchmarks / "hostile.py")
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    assert len(hostile.FILES) >= 80
    for name, filename, data in hostile.FILES:
        (tmp_path / name).mkdir()
        (tmp_path / name / filename).write_bytes(data)
    started = time.perf_counter()
    items = list(clean_inputs([tmp_path]))
    seen = {Path(x.source.split(":")[0].split("#")[0]).relative_to(tmp_path).parts[0] for x in items}
    inputs = {name for name, filename, _ in hostile.FILES if kind_of(Path(filename)) is not None}
    assert seen == inputs, inputs ^ seen  # (a PDF among articles is passed over, as any other kind)
    for item in items:
        if hasattr(item, "code"):
            assert item.code.startswith("E1") and item.reason, item
    assert time.perf_counter() - started < 150  # a bound, not a benchmark: a stuck reader shows here


def test_reading_a_page_is_under_the_time_budget_too(tmp_path, monkeypatch):
    from newsrecon import limits
    from newsrecon.ingest import read_inputs

    page = (
        "<html><body>"
        + "<p>The mayor said 5 people came to the hearing on Monday.</p>" * 2_000
        + "</body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 0.001)
    [problem] = read_inputs([tmp_path])
    assert problem.code == "E116" and problem.source.endswith("a.html")
    monkeypatch.setattr(limits, "DOCUMENT_SECONDS", 120.0)
    [document] = read_inputs([tmp_path])
    assert document.text.count("The mayor said") == 2_000
