"""Latency of `newsrecon serve` under load: story, article and search pages with many clients at once.

The store: the bundled examples, the gold stories' corpora under ../shared/corpus and the first
`--base` ECB+ articles (../shared/bench/ecbplus/docs.jsonl) analysed once with `newsrecon.analyze`,
then resampled up to `--articles` documents: copies of those documents and their stories under new
ids and content hashes (`~k` appended), stored run by run through the one writer (`Store.save_run`,
which keeps the full-text index in step), so that the store has the size, the shape and the text of
real analysed news without hours of analysis. The same texts repeat, so a search hits every copy.

Then `newsrecon serve --db STORE` runs in its own process on 127.0.0.1 (one uvicorn worker, as a
user starts it), twice: with its page cache off (`--cache-mb 0`: every request rendered from the
store) and as shipped (a page rendered once is answered from memory until the store changes; the
draws repeat stories and searches, so many answers come from memory). Each time `--clients`
clients, each one request after another with no pause (closed loop, asyncio + httpx in this
process), fetch pages for `--seconds`: in turn a story page, an
article page and a search results page, each URL drawn at random (seed 0) from the store's stories,
articles and words of its claims. Prints per kind: requests, errors (a status other than 200, or a
failed request), p50, p95 and p99 latency in milliseconds, and requests per second over all.

Client and server share the machine (2 cores here), so the client's own work is in the figures.

usage: .venv/bin/python benchmarks/serve_load.py [--articles 10000] [--clients 50] [--seconds 60]
       [--base 200] [--store PATH (kept; reused when it exists)] [--shared PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def _new_id(doc_id: str, k: int) -> str:
    return f"{doc_id}~{k}"


def _claim_id(claim_id: str, k: int) -> str:
    doc, _, rest = claim_id.rpartition("#")
    return f"{_new_id(doc, k)}#{rest}"


def resampled(result, k: int):
    """Copy k of a result's documents and stories: new ids and content hashes, the same texts."""
    import hashlib

    from newsrecon import Result

    docs = []
    for d in result.documents:
        new = _new_id(d.id, k)
        docs.append(
            replace(
                d,
                id=new,
                sha256=hashlib.sha256(f"{d.sha256}~{k}".encode()).hexdigest(),
                claims=tuple(replace(c, doc=new, id=_claim_id(c.id, k)) for c in d.claims),
                citations=tuple(replace(c, doc=new) for c in d.citations),
            )
        )
    stories = []
    for s in result.stories:
        measures = tuple(
            replace(
                m,
                claims=tuple(_claim_id(c, k) for c in m.claims),
                sequence=tuple((day, _claim_id(c, k)) for day, c in m.sequence),
            )
            for m in s.measures
        )
        timeline = tuple(
            replace(
                e,
                docs=tuple(_new_id(x, k) for x in e.docs),
                mentions=tuple((_new_id(x, k), a, b) for x, a, b in e.mentions),
            )
            for e in s.timeline
        )
        stories.append(
            replace(
                s,
                id=f"{s.id}~{k}",
                docs=tuple(_new_id(x, k) for x in s.docs),
                duplicates=tuple(tuple(_new_id(x, k) for x in g) for g in s.duplicates),
                measures=measures,
                timeline=timeline,
            )
        )
    return Result(documents=tuple(docs), stories=tuple(stories))


def build_store(path: Path, articles: int, base: int, shared: Path) -> None:
    """Analyse the base material once, then store resampled copies of it until `articles`."""
    from newsrecon import analyze
    from newsrecon.store import Store

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ecb = Path(tmp) / "ecbplus.jsonl"
        with (shared / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f:
            ecb.write_text("".join(line for _, line in zip(range(base), f, strict=False)), encoding="utf-8")
        inputs = [ROOT / "examples", *sorted((shared / "corpus").iterdir()), ecb]
        result = analyze(inputs, workers=2)
    n = len(result.documents)
    print(f"analysed {n} base documents in {len(result.stories)} stories in {time.perf_counter() - t0:.0f} s")
    t1 = time.perf_counter()
    with Store(path) as store:
        k = 0
        while k * n < articles:
            copy = resampled(result, k)
            keep = articles - k * n
            if keep < n:  # the last copy: only the stories whose documents all fit
                kept, total = [], 0
                for s in copy.stories:
                    if total + len(s.docs) <= keep:
                        kept.append(s)
                        total += len(s.docs)
                ids = {d for s in kept for d in s.docs}
                copy = replace(
                    copy, stories=tuple(kept), documents=tuple(d for d in copy.documents if d.id in ids)
                )
            store.save_run(copy, [f"resampled copy {k}"], records=list(copy.documents))
            k += 1
    print(f"stored {articles} articles ({k} copies) in {time.perf_counter() - t1:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def targets(path: Path, rng: random.Random) -> dict[str, list[str]]:
    """URLs of each kind, drawn from the store: story pages, article pages, searches."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        stories = [
            f"/story/{'corpus' if corpus else run}/{quote(sid, safe='')}"
            for run, sid, corpus in db.execute("SELECT run, id, corpus FROM story_summaries")
        ]
        articles = [f"/article/{sha}" for (sha,) in db.execute("SELECT sha256 FROM documents")]
        words = [
            w
            for (sentence,) in db.execute("SELECT sentence FROM claims ORDER BY rowid LIMIT 5000")
            for w in sentence.split()
            if w.isalpha() and len(w) > 5
        ]
    searches = [f"/search?q={quote(w)}" for w in rng.sample(sorted(set(words)), min(500, len(set(words))))]
    return {"story": stories, "article": articles, "search": searches}


async def load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, rng: random.Random):
    """`clients` closed-loop clients for `seconds`; latencies (ms) and errors per kind."""
    import httpx

    kinds = list(urls)
    lat: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, int] = dict.fromkeys(kinds, 0)
    failures: list[str] = []  # the first few, printed
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        turn = n
        while time.perf_counter() < stop:
            kind = kinds[turn % len(kinds)]
            turn += 1
            url = rng.choice(urls[kind])
            t = time.perf_counter()
            try:
                r = await http.get(url)
                ok = r.status_code == 200
                why = f"{r.status_code} {r.text[:200]!r}"
            except httpx.HTTPError as exc:
                ok, why = False, repr(exc)
            if not ok and len(failures) < 5:
                failures.append(f"{url}: {why}")
            lat[kind].append(1000 * (time.perf_counter() - t))
            errors[kind] += not ok

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    for failure in failures:
        print(f"  error: {failure}")
    return lat, errors


def percentile(values: list[float], p: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--base", type=int, default=200, help="ECB+ articles analysed for the base material")
    ap.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "load.db"
        if not store.exists():
            build_store(store, args.articles, args.base, args.shared)
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
            docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            stories = db.execute("SELECT count(*) FROM story_summaries").fetchone()[0]
        print(f"store: {docs} articles, {stories} stories, {store.stat().st_size / 2**20:.0f} MiB")
        urls = targets(store, random.Random(0))
        for label, options in (
            ("every page rendered (--cache-mb 0)", ["--cache-mb", "0"]),
            ("as shipped", []),
        ):
            lat, errors = serve_and_load(store, options, urls, args.clients, args.seconds)
            report(label, lat, errors, args.clients, args.seconds)


def serve_and_load(store: Path, options: list[str], urls: dict[str, list[str]], clients: int, seconds: float):
    """`newsrecon serve` over the store in its own process, and the load against it."""
    port = free_port()
    exe = Path(sys.executable).parent / "newsrecon"
    server = subprocess.Popen(
        [str(exe), "serve", "--db", str(store), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base, server)
        return asyncio.run(load(base, urls, clients, seconds, random.Random(0)))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(
    label: str, lat: dict[str, list[float]], errors: dict[str, int], clients: int, seconds: float
) -> None:
    total = sum(len(v) for v in lat.values())
    print(f"{label}: {clients} clients for {seconds:g} s, {total} requests, {total / seconds:.0f} per second")
    print(f"  {'page':8} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in lat.items():
        if values:
            p50, p95, p99 = (percentile(values, p) for p in (50, 95, 99))
            print(f"  {kind:8} {len(values):9} {errors[kind]:7} {p50:8.1f} {p95:8.1f} {p99:8.1f}")


def _wait_ready(base: str, server: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read()}")
        try:
            if httpx.get(base + "/api/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


if __name__ == "__main__":
    main()
