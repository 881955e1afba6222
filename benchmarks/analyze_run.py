"""Throughput and peak memory of a whole `newsrecon analyze` run, as a user runs it.

Builds a corpus of N articles resampled from real text with benchmarks/scale.py's `build_corpus`
(the same deterministic corpora: perturbed ECB+ articles and flattened-page prose, 5% planted
copies), writes it as one JSON Lines file ({"id", "title", "text"} a line) in a temporary folder,
and runs the command line on it in a subprocess:

    newsrecon analyze CORPUS.jsonl --json RESULT.json --workers W -q

Prints, per size: wall seconds of the command (interpreter start, spaCy load, reading, every
per-document stage, stories, copies, reconciliation, writing the JSON), articles per second, the
peak resident memory of the whole process tree (the main process and its workers, summed, sampled
from /proc every 0.2 s), the peak of the largest single process so far (ru_maxrss of the children), and
what the run found (documents, stories, claims, inputs left out).

With `--then K`, each run is a day of a corpus kept in a store: the N articles go in with
`--db news.db --corpus`, then K more articles of the same corpus in a second run against that store,
which prints the same figures for the second run (it files K articles among N + K, rebuilding only
the stories they touch).

With `--spark MASTER`, each size runs twice, side by side: with `--workers W` (local processes)
and with `--spark MASTER` (the per-document stages on Spark; the JVM and Spark's Python workers
count in the tree's memory), and the first column says which.

usage: python benchmarks/analyze_run.py [--sizes 1000] [--workers 2] [--shared PATH] [--db] [--then K]
       [--spark local[2]]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from scale import build_corpus, load_material  # benchmarks/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]


def _tree_rss_kib(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm", encoding="ascii") as f:
                pages = int(f.read().split()[1])
        except OSError:
            continue  # the process ended while we looked
        pid = int(entry)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        children = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree)


def run_once(
    n: int,
    workers: int,
    shared: Path,
    with_db: bool,
    then: int = 0,
    spark: str | None = None,
    with_json: bool = True,
) -> list[dict]:
    material = load_material(shared)
    docs, _ = build_corpus(material, n + then)
    with tempfile.TemporaryDirectory() as tmp:
        days = [docs[:n], docs[n:]] if then else [docs]
        del docs, material  # the corpus is on disk from here; this process holds no copy of it
        return [
            _run(
                part,
                Path(tmp),
                k,
                workers,
                with_db or bool(then) or not with_json,
                bool(then),
                spark,
                with_json,
            )
            for k, part in enumerate(days)
        ]


def _run(
    docs: list,
    tmp: Path,
    day: int,
    workers: int,
    with_db: bool,
    corpus_mode: bool,
    spark: str | None,
    with_json: bool = True,
) -> dict:
    """One `analyze` run over `docs`, written to `tmp`; with `corpus_mode`, against the store of the
    days before; with `spark`, on Spark at that master; without `with_json`, to the store alone
    (what it found counted there: a large corpus's JSON is gigabytes, more to read back than the
    run holds)."""
    n = len(docs)
    corpus = tmp / f"day{day}-{n}.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for doc_id, title, text in docs:
            f.write(json.dumps({"id": doc_id, "title": title, "text": text}) + "\n")
    docs.clear()
    out = tmp / f"result{day}.json"
    cmd = [sys.executable, "-m", "newsrecon", "analyze", str(corpus)]
    cmd += ["--json", str(out)] if with_json else []
    cmd += ["--spark", spark, "-q"] if spark else ["--workers", str(workers), "-q"]
    if with_db:
        cmd += ["--db", str(tmp / "news.db")]
    if corpus_mode:
        cmd += ["--corpus"]
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"analyze failed on {n} articles (exit {proc.returncode}): {err[-2000:]}")
    found = _counted(out) if with_json else _stored(tmp / "news.db")
    return {
        "day": day,
        "n": n,
        "seconds": seconds,
        "tree_peak_mib": peak / 1024,
        "largest_process_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        **found,
    }


def _counted(out: Path) -> dict:
    result = json.loads(out.read_text(encoding="utf-8"))
    return {k: len(result[v]) for k, v in _FIELDS.items()}


_FIELDS = {"documents": "documents", "stories": "stories", "claims": "claims", "left_out": "problems"}


def _stored(db: Path) -> dict:
    """What the last run stored: its documents, their claims, its stories and problems."""
    with sqlite3.connect(db) as conn:
        run = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        one = lambda sql: conn.execute(sql, (run,)).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT documents FROM runs WHERE id = ?"),
            "stories": one("SELECT count(*) FROM stories WHERE run = ?"),
            "claims": one(
                "SELECT count(*) FROM claims WHERE doc IN (SELECT doc FROM run_documents WHERE run = ?)"
            ),
            "left_out": one("SELECT count(*) FROM problems WHERE run = ?"),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--db", action="store_true", help="also write the SQLite store (--db)")
    ap.add_argument("--no-json", action="store_true", help="write the store alone (--db, no --json)")
    ap.add_argument("--then", type=int, default=0, help="a second run of K more articles (--db --corpus)")
    ap.add_argument("--spark", metavar="MASTER", help="also run each size on Spark at MASTER (local[2])")
    a = ap.parse_args()
    print(f"newsrecon analyze over resampled corpora, --workers {a.workers}, {os.cpu_count()} cores")
    print(
        f"{'runner':>14s} {'articles':>9s} {'seconds':>9s} {'articles/s':>10s} {'tree peak MiB':>14s}"
        f" {'largest MiB':>12s} {'documents':>9s} {'stories':>8s} {'claims':>7s} {'left out':>8s}"
    )
    runners = [None, a.spark] if a.spark else [None]
    for n in a.sizes:
        for spark in runners:
            for r in run_once(n, a.workers, a.shared, a.db, a.then, spark, with_json=not a.no_json):
                _print(r, f"spark {spark}" if spark else f"workers {a.workers}")


def _print(r: dict, runner: str) -> None:
    label = f"then {r['n']:,d}" if r["day"] else f"{r['n']:,d}"
    print(
        f"{runner:>14s} {label:>9s} {r['seconds']:>9.1f} {r['n'] / r['seconds']:>10.2f}"
        f" {r['tree_peak_mib']:>14,.0f} {r['largest_process_mib']:>12,.0f}"
        f" {r['documents']:>9,d} {r['stories']:>8,d}"
        f" {r['claims']:>7,d} {r['left_out']:>8,d}",
        flush=True,
    )


if __name__ == "__main__":
    main()
