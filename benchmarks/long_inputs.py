"""Cost of the two inputs that grow inside one unit of work: a long article and a large story.

- paragraph: `newsrecon.pipeline.process_document` on one article whose body is a single run-on
  paragraph (a page flattened onto one line, or text pasted without breaks) of N characters,
  written for this script: sentences "<source> said that about <n> <people killed...> in the region
  on Tuesday, up from <m> a day earlier." with sources, verbs and nouns drawn at random (seed 0);
  then `build_story` over that one document, as `analyze` does. Prints seconds per stage, figures
  found, and the process's peak memory (ru_maxrss; each size runs in a fresh process). A text
  over 1,000,000 characters is refused as not one article (E115), hence 990,000 at most.
- story: `newsrecon.align.build_story` (sources unified, copies, measures, timeline) over the first
  N ECB+ articles with a text (../shared/bench/ecbplus/docs.jsonl, "title\\n\\ntext"; processed with
  `process_document` on two workers once per side and kept in a temporary pickle, not timed) filed
  as one story, and past 921 over renamed copies of them (2,763: three copies of each, a new id
  apiece, so that the sources and measures stages see three times the claims). Prints seconds,
  claims, measures and timeline events. Every time is one run, the first in its process (a second
  would find the caches of source names warm).

`--against SRC` runs every measurement a second time with another newsrecon's `src` folder first on
PYTHONPATH (a `git worktree` of an older commit), side by side, each in its own process; sizes past
`--timeout` seconds are printed as cut. Results must agree: the counts printed are compared.

usage (from the repository root, in the project venv):
  .venv/bin/python benchmarks/long_inputs.py [--paragraph 25000 100000 200000 990000]
      [--story 100 300 921 2763] [--against ../old/src] [--timeout 600] [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("Officials", "The ministry", "Police", "Rescuers", "The agency", "Witnesses", "A spokesman")
VERBS = ("said", "reported", "estimated", "told reporters", "confirmed")
NOUNS = (
    "people were killed", "homes were destroyed", "people were injured", "families were displaced",
    "buildings collapsed", "cars were swept away",
)  # fmt: skip


def run_on(chars: int) -> str:
    rng = random.Random(0)
    out: list[str] = []
    size = 0
    while size < chars:
        s = (
            f"{rng.choice(SOURCES)} {rng.choice(VERBS)} that about {rng.randint(2, 9000):,} {rng.choice(NOUNS)}"
            f" in the region on Tuesday, up from {rng.randint(2, 900)} a day earlier."
        )
        out.append(s)
        size += len(s) + 1
    return "Flood toll rises\n\nBy Jane Doe\nMarch 3, 2024\n\n" + " ".join(out)[:chars] + "\n"


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def paragraph_worker(chars: int) -> dict:
    from newsrecon import RawDocument
    from newsrecon.align import build_story
    from newsrecon.pipeline import process_document

    process_document(RawDocument(id="w", text=run_on(2_000), source="w.txt", sha256="w"))  # load spaCy
    raw = RawDocument(id="long", text=run_on(chars), source="long.txt", sha256="long")
    start = time.perf_counter()
    doc = process_document(raw)
    per_doc = time.perf_counter() - start
    start = time.perf_counter()
    story, _ = build_story("s", [doc])
    per_story = time.perf_counter() - start
    return {
        "document s": per_doc, "story s": per_story, "claims": len(doc.claims),
        "measures": len(story.measures), "events": len(story.timeline), "rss MiB": maxrss_mib(),
    }  # fmt: skip


def ecb_documents(shared: Path) -> list:
    from newsrecon import RawDocument
    from newsrecon.pipeline import process_document
    from newsrecon.runners.local import LocalRunner

    rows = [json.loads(line) for line in (shared / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8")]
    raws = [
        RawDocument(id=r["id"], text=f"{r['title']}\n\n{r['text']}", source=r["id"], sha256=r["id"])
        for r in rows
        if r.get("text")
    ]
    return list(LocalRunner(2).map(process_document, raws))


def renamed(doc, k: int):
    new = f"{doc.id}~{k}"
    claims = tuple(replace(c, doc=new, id=c.id.replace(doc.id, new, 1)) for c in doc.claims)
    return replace(doc, id=new, claims=claims)


def story_worker(n: int, shared: Path, cache: Path) -> dict:
    from newsrecon.align import build_story

    if cache.exists():  # processed by this side's first story run
        docs = pickle.loads(cache.read_bytes())
    else:
        docs = ecb_documents(shared)
        cache.write_bytes(pickle.dumps(docs))
    if n > len(docs):
        docs = [renamed(d, k) for k in range(-(-n // len(docs))) for d in docs]
    docs = docs[:n]
    start = time.perf_counter()
    story, _ = build_story("s", docs)
    first = time.perf_counter() - start
    return {
        "story s": first, "claims": sum(len(d.claims) for d in docs),
        "measures": len(story.measures), "events": len(story.timeline), "rss MiB": maxrss_mib(),
    }  # fmt: skip


def run(kind: str, size: int, src: Path, shared: Path, timeout: float, cache: Path) -> dict | str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT / "benchmarks")])}
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        kind,
        str(size),
        "--shared",
        str(shared),
        "--cache",
        str(cache),
    ]
    try:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"cut at {timeout:.0f} s"
    if out.returncode != 0:
        return "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1]
    return json.loads(out.stdout.strip().splitlines()[-1])


def git_rev(src: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraph", type=int, nargs="*", default=[25_000, 100_000, 200_000, 990_000])
    ap.add_argument("--story", type=int, nargs="*", default=[100, 300, 921, 2_763])
    ap.add_argument("--against", type=Path, help="another newsrecon's src folder, measured beside this one")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        kind, size = a.worker[0], int(a.worker[1])
        result = paragraph_worker(size) if kind == "paragraph" else story_worker(size, a.shared, a.cache)
        print(json.dumps(result))
        return
    sides = [("this", ROOT / "src")] + ([("against", a.against.resolve())] if a.against else [])
    for name, src in sides:
        print(f"{name}: {src} at {git_rev(src)}")
    tmp = Path(tempfile.mkdtemp(prefix="newsrecon-long-"))
    for kind, sizes in (("paragraph", a.paragraph), ("story", a.story)):
        for size in sizes:
            results = {
                name: run(kind, size, src, a.shared, a.timeout, tmp / f"{name}.pickle") for name, src in sides
            }
            for name, r in results.items():
                shown = (
                    r
                    if isinstance(r, str)
                    else ", ".join(
                        f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in r.items()
                    )
                )
                print(f"{kind} {size:>9,} {name:>7}: {shown}", flush=True)
            counted = [tuple(v for k, v in r.items() if not isinstance(v, float)) for r in results.values()
                       if not isinstance(r, str)]  # fmt: skip
            if len(set(counted)) > 1:
                print(f"{kind} {size:>9,}: the two sides disagree on the counts", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
