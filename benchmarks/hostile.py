"""A campaign of hostile inputs and faults against the command line, as a hostile user would run it.

Each case builds its input in a temporary folder, runs `newsrecon` in a subprocess (the real
command, a fresh process each time) and checks what a careful user expects: an exit code the README
documents, no Python traceback on stderr, coded problems naming the input, standard JSON, outputs
with no live markup, the store intact (`PRAGMA integrity_check`) with nothing lost. Prints one line
a case, "held" or "BROKE" with the reason, then the counts.

usage: .venv/bin/python benchmarks/hostile.py [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

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


def run(args: list[str], timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*EXE, *args], capture_output=True, text=True, timeout=timeout, errors="replace", **kw
    )


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
    r = one_input(tmp, "bin.txt", os.urandom(50_000))
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
    for n in range(40):
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
    proc.send_signal(sig)
    code = proc.wait(timeout=60)
    expect(code == 1, f"exit {code}")
    expect("Traceback" not in proc.stderr.read(), "a traceback")
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


CASES: dict[str, Callable[[Path], None]] = {
    name.removeprefix("case_"): f for name, f in sorted(globals().items()) if name.startswith("case_")
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="run the cases whose name holds this")
    args = ap.parse_args()
    held = broke = 0
    for name, case in CASES.items():
        if args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            try:
                case(Path(tmp))
            except (Broke, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                broke += 1
                print(f"BROKE {name} ({time.perf_counter() - t:.1f} s): {exc}")
                continue
            held += 1
            print(f"held  {name} ({time.perf_counter() - t:.1f} s)")
    print(f"{held} held, {broke} broke")


if __name__ == "__main__":
    main()
