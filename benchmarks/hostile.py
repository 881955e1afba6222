"""A campaign of hostile inputs and faults against the command line, as a hostile user would run it.

Each case builds its input in a temporary folder, runs `newsrecon` in a subprocess (the real
command, a fresh process each time) and checks what a careful user expects: an exit code the README
documents, no Python traceback on stderr, coded problems naming the input, standard JSON, outputs
with no live markup, the store intact (`PRAGMA integrity_check`) with nothing lost. Prints one line
a case, "held" or "BROKE" with the reason, its time and the peak memory of its largest process, then
the counts. Every command runs with its address space limited to `--memory` GiB (default 3): a case
that needs more fails (it breaks) instead of swapping the machine.

usage: .venv/bin/python benchmarks/hostile.py [--only SUBSTRING] [--memory GIB]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from _shared import split_peak, with_peak  # benchmarks/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXE = [sys.executable, "-m", "newsrecon"]
ARTICLE = (
    "Council approves budget of $12 million\n\nRIVERTON — The city council approved a budget of $12 million"
    " on Monday, the mayor said. Officials said 340 residents attended the hearing, and the treasurer said"
    " the reserve fund would hold $1.5 million by the end of the year.\n"
)


class Broke(Exception):
    """A case whose expectation failed."""


MEMORY = [3 << 30]  # bytes of address space a command may take (`--memory`)
PEAK = [0]  # the case's largest peak resident size, in kB, as its commands report it


def run(args: list[str], timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    cmd = with_peak([*EXE, *args], MEMORY[0])
    given = kw.pop("input", None)
    # A session of its own, so that a command past its time is killed with its workers.
    with subprocess.Popen(
        cmd, stdin=subprocess.PIPE if given is not None else kw.pop("stdin", None), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True, **kw,
    ) as proc:  # fmt: skip
        try:
            out, err = proc.communicate(given, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    err, peak = split_peak(err)
    PEAK[0] = max(PEAK[0], peak or 0)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def expect(cond: bool, why: str) -> None:
    if not cond:
        raise Broke(why)


def clean_exit(p: subprocess.CompletedProcess, codes: tuple[int, ...] = (0,)) -> None:
    expect(p.returncode in codes, f"exit {p.returncode}, wanted {codes}: {p.stderr.strip()[-300:]}")
    expect("Traceback" not in p.stderr, "a traceback on stderr")


def standard_json(path: Path) -> dict:
    def refuse(c: str) -> None:
        raise Broke(f"non-standard JSON constant {c}")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


def store_counts(db: Path) -> tuple[int, int, str]:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return (
            conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            conn.execute("SELECT count(*) FROM runs").fetchone()[0],
            ok,
        )


def one_input(tmp: Path, name: str, data: bytes, codes: tuple[int, ...] = (0,)) -> dict:
    """`data` as the file `name` beside a good article: the run goes on, the bad one is a problem."""
    (tmp / "in").mkdir()
    (tmp / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp / "in" / name).write_bytes(data)
    p = run(["analyze", str(tmp / "in"), "--json", str(tmp / "r.json")])
    clean_exit(p, codes)
    result = standard_json(tmp / "r.json")
    expect(
        [d["id"] for d in result["documents"]][:1] == ["good"] or len(result["documents"]) >= 1, "no document"
    )
    return result


def case_jsonl_long_number(tmp: Path) -> None:
    r = one_input(tmp, "a.jsonl", b'{"id": "x", "text": "y", "n": ' + b"9" * 5000 + b"}\n")
    expect(any(p["code"] == "E108" for p in r["problems"]), "no E108")


def case_jsonl_deep_nesting(tmp: Path) -> None:
    line = json.dumps({"id": "ok", "text": ARTICLE}).encode()
    r = one_input(tmp, "a.jsonl", line + b"\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    expect(any(p["code"] == "E108" for p in r["problems"]), "no E108")


def case_jsonl_record_over_cap(tmp: Path) -> None:
    good = json.dumps({"id": "after", "text": ARTICLE}).encode()
    big = b'{"id": "big", "text": "' + b"word " * 2_400_000 + b'"}'  # 12 MB on one line
    r = one_input(tmp, "a.jsonl", big + b"\n" + good + b"\n")
    expect(
        any(p["code"] == "E108" and p["source"].endswith(":1") for p in r["problems"]), "no E108 for line 1"
    )
    expect("after" in [d["id"] for d in r["documents"]], "the record after the long one was not read")


def case_text_over_file_cap(tmp: Path) -> None:
    r = one_input(tmp, "a.txt", b"The mayor said 5 people came.\n" * 2_000_000)  # 60 MB
    expect([p["code"] for p in r["problems"]] == ["E117"], f"not E117: {r['problems']}")


def case_digits(tmp: Path) -> None:
    t = time.perf_counter()
    one_input(tmp, "digits.txt", b"A headline\n\n" + b"9" * 999_000 + b"\n")
    expect(time.perf_counter() - t < 120, "took over 120 s")


def case_gzip_bomb(tmp: Path) -> None:
    pack = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(pack.compress(b" " * 1_000_000) for _ in range(1000)) + pack.flush()  # 1 GB
    r = one_input(tmp, "bomb.html.gz", bomb)
    expect(any(p["code"] == "E112" for p in r["problems"]), "not refused")


def case_entity_bomb(tmp: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    feed = f'<?xml version="1.0"?><!DOCTYPE r [{lol}]><rss><channel><item><title>&l9;</title></item></channel></rss>'
    one_input(tmp, "bomb.rss", feed.encode())


def case_xxe(tmp: Path) -> None:
    feed = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><description>&x; 5 people</description></item></channel></rss>'
    r = one_input(tmp, "xxe.rss", feed.encode())
    expect("root:" not in json.dumps(r), "a local file was read into the result")


def case_junk_warc(tmp: Path) -> None:
    rec = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:x>\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n"
        "WARC-Target-URI: http://a.example/\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        + "y" * 30
        + "\r\n\r\n"
    )
    (tmp / "in").mkdir()
    (tmp / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp / "in" / "junk.warc").write_text(rec * 5000, encoding="utf-8")
    p = run(["analyze", str(tmp / "in"), "--json", str(tmp / "r.json")])
    clean_exit(p)
    expect(len(p.stderr.splitlines()) < 50, f"{len(p.stderr.splitlines())} lines of stderr")


def case_binary_txt(tmp: Path) -> None:
    r = one_input(tmp, "bin.txt", _junk(50_000))
    expect(any(p["code"] in ("E103", "E104") for p in r["problems"]), "not refused")


def case_empty_and_whitespace(tmp: Path) -> None:
    (tmp / "in").mkdir()
    (tmp / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp / "in" / "empty.txt").write_bytes(b"")
    (tmp / "in" / "ws.txt").write_bytes(b"\r\n \t\x00\x0b" * 1000)
    clean_exit(run(["analyze", str(tmp / "in"), "--json", str(tmp / "r.json")]))


def case_non_utf8_name(tmp: Path) -> None:
    (tmp / "in").mkdir()
    (tmp / "in" / os.fsdecode(b"caf\xe9\x1b[31m.txt")).write_text(ARTICLE, encoding="utf-8")
    out = ["--json", str(tmp / "r.json"), "--md", str(tmp / "d.md"), "--html", str(tmp / "d.html")]
    p = run(["analyze", str(tmp / "in"), *out, "--csv", str(tmp / "csv"), "--db", str(tmp / "s.db")])
    clean_exit(p)
    expect("\x1b" not in p.stdout + p.stderr, "an escape sequence reached the terminal")
    for f in ("r.json", "d.md", "d.html", "csv/claims.csv"):
        expect((tmp / f).stat().st_size > 0, f"{f} is empty")


def case_markup_everywhere(tmp: Path) -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"
    (tmp / "in").mkdir()
    (tmp / "in" / "a.txt").write_text(
        ARTICLE.replace("Council", f"Council {payload}").replace("mayor", f"mayor {payload}"),
        encoding="utf-8",
    )
    p = run(
        [
            "analyze",
            str(tmp / "in"),
            "--md",
            str(tmp / "d.md"),
            "--html",
            str(tmp / "d.html"),
            "--csv",
            str(tmp / "csv"),
        ]
    )
    clean_exit(p)
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render((tmp / "d.md").read_text(encoding="utf-8"))
    expect(
        "<script" not in rendered
        and "<img" not in rendered
        and "javascript:" not in rendered.replace("javascript:alert", ""),
        "live markup in the rendered Markdown",
    )
    html = (tmp / "d.html").read_text(encoding="utf-8")
    expect("<script>alert" not in html and "<img src=x" not in html, "live markup in the HTML dossier")


def case_csv_formula(tmp: Path) -> None:
    (tmp / "in").mkdir()
    (tmp / "in" / "a.txt").write_text(
        ARTICLE.replace("The city council", '=HYPERLINK("x") The city council'), encoding="utf-8"
    )
    clean_exit(run(["analyze", str(tmp / "in"), "--csv", str(tmp / "csv")]))
    import csv

    for name in ("claims.csv", "measures.csv"):
        with (tmp / "csv" / name).open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                expect(not any(c.startswith(("=", "+", "-", "@")) for c in row), f"a formula cell in {name}")


def _stored(tmp: Path) -> Path:
    db = tmp / "s.db"
    clean_exit(run(["analyze", str(EXAMPLES), "--db", str(db), "-q"]))
    return db


def case_store_locked(tmp: Path) -> None:
    db = _stored(tmp)
    before = store_counts(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None);"
         " c.execute('BEGIN EXCLUSIVE'); print(1, flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        holder.stdout.readline()
        (tmp / "in").mkdir()
        (tmp / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        p = run(["analyze", str(tmp / "in"), "--db", str(db), "--limit", "store_busy_seconds=1"])
    finally:
        holder.kill()
    clean_exit(p, (4,))
    expect("E304" in p.stderr, "not E304")
    expect(store_counts(db) == before, "the store changed")


def case_store_corrupt(tmp: Path) -> None:
    db = _stored(tmp)
    with db.open("r+b") as f:
        f.seek(8192)
        f.write(b"\xff" * 80_000)
    p = run(["analyze", str(EXAMPLES), "--db", str(db)])
    clean_exit(p, (4,))
    expect("E306" in p.stderr or "E301" in p.stderr, "not a store error")


def case_store_truncated(tmp: Path) -> None:
    db = _stored(tmp)
    os.truncate(db, db.stat().st_size // 2)
    clean_exit(run(["analyze", str(EXAMPLES), "--db", str(db)]), (4,))


def case_store_not_sqlite(tmp: Path) -> None:
    db = tmp / "s.db"
    db.write_text("not a database " * 100, encoding="utf-8")
    clean_exit(run(["analyze", str(EXAMPLES), "--db", str(db)]), (4,))


def case_output_symlink(tmp: Path) -> None:
    victim = tmp / "victim"
    victim.write_text("precious", encoding="utf-8")
    (tmp / "out").mkdir()
    (tmp / "out" / "r.json").symlink_to(victim)
    clean_exit(run(["analyze", str(EXAMPLES), "--json", str(tmp / "out" / "r.json")]))
    expect(victim.read_text(encoding="utf-8") == "precious", "wrote through the link")


def _interrupted(tmp: Path, sig: int) -> None:
    (tmp / "in").mkdir()
    for n in range(150):  # minutes of work at two workers: the signal comes in the middle
        for p in EXAMPLES.glob("*.txt"):
            (tmp / "in" / f"{n}-{p.name}").write_text(
                p.read_text(encoding="utf-8") + f"\n{n}\n", encoding="utf-8"
            )
    db = _stored(tmp)
    before = store_counts(db)
    proc = subprocess.Popen(
        [*EXE, "analyze", str(tmp / "in"), "--db", str(db), "--workers", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(8)
    expect(proc.poll() is None, "the run ended before the signal")
    proc.send_signal(sig)
    t = time.perf_counter()
    try:
        _, err = proc.communicate(timeout=60)  # read while waiting: a full pipe would block the run
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise Broke(f"still running 60 s after the signal; its stderr ends: {err[-300:]!r}") from None
    code = proc.returncode
    expect(code == 1, f"exit {code}")
    expect("Traceback" not in err, "a traceback")
    expect(time.perf_counter() - t < 30, f"took {time.perf_counter() - t:.0f} s to stop")
    expect(store_counts(db) == before, "the store changed")


def case_sigint(tmp: Path) -> None:
    _interrupted(tmp, signal.SIGINT)


def case_sigterm(tmp: Path) -> None:
    _interrupted(tmp, signal.SIGTERM)


def case_serve_public_without_token(tmp: Path) -> None:
    db = _stored(tmp)
    env = {**os.environ, "NEWSRECON_TOKEN": ""}
    p = run(["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "0"], timeout=60, env=env)
    clean_exit(p, (6,))


_junk = random.Random(0).randbytes  # the same junk every run


def _rec(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


_BODY = ARTICLE.encode()
# Files of one kind each, read beside a good article: (name, file name, bytes). The run must go on,
# the good article must be read, and the file must give documents or coded problems.
FILES: list[tuple[str, str, bytes]] = [
    # encodings
    ("utf16_bom", "a.txt", ARTICLE.encode("utf-16")),
    ("utf16le_no_bom", "a.txt", ARTICLE.encode("utf-16-le")),
    ("utf32", "a.txt", ARTICLE.encode("utf-32")),
    ("latin1", "a.txt", ARTICLE.replace("—", "-").replace("RIVERTON", "MÜNSTER").encode("latin-1")),
    ("cp1252_quotes", "a.txt", ARTICLE.replace("mayor said", "mayor said \u201cyes\u201d").encode("cp1252")),
    ("shift_jis", "a.txt", "見出し\n\n市議会は月曜日に予算を承認した。".encode("shift_jis")),
    ("mixed_utf8_latin1", "a.txt", _BODY + "café déjà".encode("latin-1")),
    ("utf8_bom_jsonl", "a.jsonl", b"\xef\xbb\xbf" + _rec(id="bom", text=ARTICLE)),
    (
        "lone_surrogate_escape",
        "a.jsonl",
        b'{"id": "s", "text": "bad \\ud800 here ' + _BODY.replace(b"\n", b" ") + b'"}\n',
    ),
    ("nul_bytes", "a.txt", _BODY.replace(b" ", b"\x00", 20)),
    ("control_chars", "a.txt", _BODY.replace(b"e", b"\x07", 30)),
    ("rtl_override", "a.txt", ("\u202e" + ARTICLE).encode()),
    ("zero_width", "a.txt", ARTICLE.replace(" ", " \u200b").encode()),
    ("crlf_only", "a.txt", _BODY.replace(b"\n", b"\r")),
    # binaries under text names
    ("png_as_txt", "a.txt", b"\x89PNG\r\n\x1a\n" + _junk(2000)),
    ("pdf_as_txt", "a.txt", b"%PDF-1.7\n" + _junk(2000)),
    ("zip_as_html", "a.html", b"PK\x03\x04" + _junk(2000)),
    ("elf_as_md", "a.md", b"\x7fELF" + _junk(2000)),
    ("gzip_as_txt", "a.txt", gzip.compress(_BODY)),
    ("random_jsonl", "a.jsonl", _junk(5000)),
    ("random_warc", "a.warc", _junk(5000)),
    ("random_html_gz", "a.html.gz", gzip.compress(_junk(5000))),
    ("truncated_gz", "a.html.gz", gzip.compress(b"<p>" + _BODY * 50)[:300]),
    ("pdf_named", "a.pdf", b"%PDF-1.4"),
    # broken HTML
    ("html_unclosed", "a.html", b"<html><body><p>" + _BODY + b"<div><span><b>"),
    ("html_deep_divs", "a.html", b"<html><body>" + b"<div>" * 20000 + _BODY + b"</div>" * 10),
    ("html_script_only", "a.html", b"<html><script>" + b"var x=1;" * 5000 + b"</script></html>"),
    ("html_huge_attribute", "a.html", b'<html><body><p title="' + b"x" * 3_000_000 + b'">' + _BODY + b"</p>"),
    ("html_comment_bomb", "a.html", b"<html><body>" + b"<!--" * 50000 + _BODY),
    ("html_many_tables", "a.html", b"<html><body>" + b"<table><tr><td>1</td><td>2</td></tr></table>" * 20000),
    ("html_empty", "a.html", b"<html></html>"),
    ("html_frameset", "a.html", b"<html><frameset><frame src='x'></frameset></html>"),
    (
        "html_meta_refresh",
        "a.html",
        b"<html><head><meta http-equiv=refresh content='0;url=javascript:alert(1)'></head><body><p>" + _BODY,
    ),
    ("html_bad_charset", "a.html", b"<html><head><meta charset='no-such-charset'></head><body><p>" + _BODY),
    ("html_base_href", "a.html", b"<html><head><base href='javascript:alert(1)//'></head><body><p>" + _BODY),
    # feeds
    ("feed_empty", "a.rss", b"<?xml version='1.0'?><rss><channel></channel></rss>"),
    (
        "feed_rss09",
        "a.rss",
        b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><item><title>t</title><description>"
        + _BODY
        + b"</description></item></rdf:RDF>",
    ),
    (
        "feed_atom_no_entries",
        "a.atom",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>",
    ),
    (
        "feed_entry_no_link",
        "a.rss",
        b"<rss><channel><item><description>" + _BODY + b"</description></item></channel></rss>",
    ),
    (
        "feed_javascript_link",
        "a.rss",
        b"<rss><channel><item><link>javascript:alert(1)</link><description>"
        + _BODY
        + b"</description></item></channel></rss>",
    ),
    (
        "feed_10k_items",
        "a.rss",
        b"<rss><channel>"
        + b"<item><title>t</title><description>5 people</description></item>" * 10000
        + b"</channel></rss>",
    ),
    ("feed_broken_xml", "a.xml", b"<rss><channel><item><title>unclosed"),
    (
        "feed_cdata_script",
        "a.rss",
        b"<rss><channel><item><description><![CDATA[<script>alert(1)</script>"
        + _BODY
        + b"]]></description></item></channel></rss>",
    ),
    # archives
    ("warc_empty", "a.warc", b""),
    ("warc_header_only", "a.warc", b"WARC/1.0\r\nWARC-Type: response\r\n\r\n"),
    (
        "warc_huge_length",
        "a.warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>hi",
    ),
    (
        "warc_gz_truncated",
        "a.warc.gz",
        gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50\r\n\r\n" + b"x" * 50)[:40],
    ),
    # JSON Lines edge cases
    ("jsonl_null_id", "a.jsonl", _rec(id=None, text=ARTICLE)),
    ("jsonl_list_id", "a.jsonl", _rec(id=[1, 2], text=ARTICLE)),
    ("jsonl_object_text", "a.jsonl", _rec(id="o", text={"a": 1})),
    ("jsonl_nan", "a.jsonl", b'{"id": "n", "text": "x", "v": NaN}\n'),
    (
        "jsonl_duplicate_keys",
        "a.jsonl",
        b'{"id": "d", "text": "a", "text": "' + _BODY.replace(b"\n", b" ") + b'"}\n',
    ),
    ("jsonl_top_level_list", "a.jsonl", b"[1, 2, 3]\n"),
    ("jsonl_huge_line", "a.jsonl", _rec(id="h", text="word " * 400_000)),
    (
        "jsonl_many_records",
        "a.jsonl",
        b"".join(_rec(id=f"r{i}", text=f"Item {i}\n\n{i} people came.") for i in range(3000)),
    ),
    (
        "jsonl_same_id_twice",
        "a.jsonl",
        _rec(id="same", text=ARTICLE) + _rec(id="same", text=ARTICLE + " Again."),
    ),
    ("jsonl_bad_published", "a.jsonl", _rec(id="p", text=ARTICLE, published="not a date <script>")),
    ("jsonl_html_field", "a.jsonl", _rec(id="h2", html="<html><body><p>" + ARTICLE + "</p></body></html>")),
    # traversal and odd ids
    ("id_traversal", "a.jsonl", _rec(id="../../../etc/passwd", text=ARTICLE)),
    ("id_absolute", "a.jsonl", _rec(id="/etc/shadow", text=ARTICLE)),
    ("id_dotdot", "a.jsonl", _rec(id="..", text=ARTICLE)),
    ("id_newline_escape", "a.jsonl", _rec(id="a\nb\x1b[2J", text=ARTICLE)),
    ("id_very_long", "a.jsonl", _rec(id="x" * 5000, text=ARTICLE)),
    ("id_sql", "a.jsonl", _rec(id="x'); DROP TABLE documents;--", text=ARTICLE)),
    ("id_html", "a.jsonl", _rec(id="<img src=x onerror=alert(1)>", text=ARTICLE)),
    # odd file names
    ("name_spaces", "a b  c.txt", _BODY),
    ("name_leading_dash", "-rf.txt", _BODY),
    ("name_unicode", "新闻 ✓.txt", _BODY),
    ("name_250_bytes", "n" * 246 + ".txt", _BODY),
    ("name_markup", "<b onclick=alert(1)>x.txt", _BODY),
    ("name_formula", "=cmd.txt", _BODY),
    # payloads in the text
    ("payload_script", "a.txt", ARTICLE.replace("mayor", "<script>alert(1)</script> mayor").encode()),
    ("payload_markdown_link", "a.txt", ARTICLE.replace("mayor", "[mayor](javascript:alert(1))").encode()),
    ("payload_svg", "a.txt", ARTICLE.replace("Council", '"><svg onload=alert(1)> Council').encode()),
    ("payload_ansi", "a.txt", ARTICLE.replace("mayor", "\x1b[31mmayor\x1b[0m").encode()),
    # sizes and shapes
    ("one_long_line", "a.txt", b"Headline\n\n" + b"The mayor said 5 people came. " * 30000),
    ("many_short_lines", "a.txt", b"x\n" * 200_000),
    ("numbers_everywhere", "a.txt", b"Tally\n\n" + b" ".join(str(i).encode() for i in range(60000))),
    ("one_word", "a.txt", b"Hello"),
    ("only_headline", "a.txt", b"Council approves budget\n"),
    ("markdown_dump", "a.md", b"# Title\n\n[Home](/) | [News](/news)\n\n" + _BODY + b"\n\n![img](x.png)"),
]


def _file_case(name: str, filename: str, data: bytes) -> Callable[[Path], None]:
    def case(tmp: Path) -> None:
        result = one_input(tmp, filename, data)
        expect("good" in [d["id"] for d in result["documents"]], "the good article was not read")
        case.codes = sorted({p["code"] for p in result["problems"]})  # type: ignore[attr-defined]

    case.__name__ = f"case_{name}"
    return case


CASES: dict[str, Callable[[Path], None]] = {
    name.removeprefix("case_"): f for name, f in sorted(globals().items()) if name.startswith("case_")
}
CASES.update({f"file_{name}": _file_case(name, filename, data) for name, filename, data in FILES})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="run the cases whose name holds this")
    ap.add_argument("--memory", type=float, default=3.0, help="GiB of address space a command may take")
    args = ap.parse_args()
    # A shell starts a background job with SIGINT ignored, and a child inherits that: the SIGINT
    # case would then test nothing (the run ignores the signal, as it should). Children of this
    # process get the default disposition back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    MEMORY[0] = int(args.memory * (1 << 30))
    print(f"each command limited to {args.memory:g} GiB of address space")
    worst = 0
    held = broke = 0
    for name, case in CASES.items():
        if args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            PEAK[0] = 0
            try:
                case(Path(tmp))
            except (Broke, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                broke += 1
                print(f"BROKE {name} ({time.perf_counter() - t:.1f} s, {PEAK[0] / 1024:.0f} MB): {exc}")
                continue
            held += 1
            codes = ",".join(getattr(case, "codes", [])) or "-"
            worst = max(worst, PEAK[0])
            print(
                f"held  {name} ({time.perf_counter() - t:.1f} s, {PEAK[0] / 1024:.0f} MB; problems: {codes})"
            )
    print(f"{held} held, {broke} broke; largest peak of a case that held: {worst / 1024:.0f} MB")


if __name__ == "__main__":
    main()
