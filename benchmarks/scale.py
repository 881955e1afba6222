"""How the cost of newsrecon's corpus-level stages grows with the number of articles.

Stages measured at each size (default 1,000, 10,000 and 100,000 articles):

- stories: `newsrecon.align.cluster_stories([(id, title, text), ...])`, default threshold;
- copies: `newsrecon.align.duplicates.duplicate_groups([...])` over objects with `.id` and `.body`;
- related: `newsrecon.align.related.related_stories(index, texts)` over the story index of the
  corpus (built by `index_stories`, untimed): story centroids, candidate pairs from the inverted
  index, the embeddings of up to 3 headlines and leads a story.

Corpora are resampled from real articles, deterministically (seed 0): the ECB+ articles
(--shared bench/ecbplus/docs.jsonl; the 921 with a text, not the 61 with a title alone) and, as
extra material, the prose of the flattened pages (bench/flattened/*.txt: lines of 12 words or more,
split into sentences, the first standing for the title; the 179 pages with 3 sentences or more).
Each article of a corpus is a copy of a real one picked at random, perturbed so that copies are
distinct documents: its sentences shuffled, a random 20% of them dropped, 10% of its words dropped
at random, a new id. Without the word edits two copies of one article share half their 5-word
shingles and half of such pairs count as copies (measured: mean Jaccard 0.51); with them the mean
is 0.17 and none of 300 pairs reaches the copy threshold of 0.5. On top, 5% of the articles are
planted copies of an earlier article of the corpus: half exact (same title and text, new id), half
near (a wire credit line added and, when the text has 6 sentences or more, one sentence dropped).
The copies stage reports how many planted copies it finds in a group with their original.

Because the material is fixed, the number of distinct events stays fixed (86 ECB+ events and the
pages) while the corpus grows: at 100,000 articles each real article has some 90 perturbed copies,
so stories grow with n. A real corpus of 100,000 articles holds more stories of about the same size;
read the large sizes as a harder case than that for a stage whose cost follows story size.

Each (stage, size) runs in a fresh Python subprocess, so that peak figures do not accumulate:
first a timed run, then a second run under tracemalloc for the stage's peak Python allocation
(tracemalloc slows Python code several times, so it is kept out of the timed run). In both, the
stage is first called on 50 articles, untimed (imports, first calls). Seconds: wall time by
time.perf_counter around the stage call only, not the corpus build; a stage that takes under 10 s is
timed 3 times and the best is printed (runs), since the machine is shared. rss: the process's peak
resident set (resource.getrusage ru_maxrss) after building the corpus and the warm-up call, and
after the stage. A run that
passes --timeout seconds (default 480, corpus build included) is stopped and printed as cut, with
how long the stage itself had run, which bounds the exponent from below; the traced run is skipped
when the timed run suggests it would pass the limit (at 5 times the time), and larger sizes of a
stage that was cut are not started.

Growth: the exponent b between two sizes, log(t2 / t1) / log(n2 / n1) (1 is linear, 2 quadratic),
beside the exponent n log n would give between the same sizes (1.12 from 1k to 10k, 1.10 from 10k
to 100k), and t / (n log2 n) relative to the smallest size (stays near 1 or falls when the growth is
at most n log n).

Per-document pipeline: `newsrecon.pipeline.process_document(RawDocument(...))` on 200 real inputs
drawn from the same material (ECB+ articles as "title\\n\\ntext", flattened pages as the whole page
text), one process, after a warm-up on 3 other inputs (loading spaCy); prints documents/s and seconds
per document, overall and by kind, and the time for 1k, 10k and 100k documents extrapolated from it.

usage (from the repository root, in the project venv; see benchmarks/README.md):
  .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--shared PATH] [--timeout S]
                                       [--no-tracemalloc] [--sample 200] [--stages stories copies pipeline]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import newsrecon

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
DROP_SENTENCES = 0.2
DROP_WORDS = 0.1
PLANTED = 0.05  # share of each corpus that is an exact or near copy of an earlier article
PROSE_WORDS = 12  # a flattened page's line with this many words or more is prose
STAGES = ("stories", "copies", "related")
TRACE_COST = 5.0  # assumed slowdown under tracemalloc when deciding whether the traced run fits
WARM_UP = 50  # articles of an untimed first call
REPEATS = 3  # timed runs of a stage when one run is short; the best is printed
REPEAT_UNDER = 10.0  # seconds: a stage faster than this is timed REPEATS times
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")


@dataclass(frozen=True)
class Source:
    title: str
    sentences: tuple[str, ...]
    raw: str  # the input as a reader would get it, for the per-document pipeline
    kind: str  # "ecb+" or "page"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def load_material(shared: Path) -> list[Source]:
    material = []
    path = shared / "bench" / "ecbplus" / "docs.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            title = r.get("title", "")
            if not r["text"].strip():
                continue  # a title alone (61 of the 982)
            material.append(Source(title, tuple(sentences(r["text"])), f"{title}\n\n{r['text']}", "ecb+"))
    for page in sorted((shared / "bench" / "flattened").glob("*.txt")):
        raw = page.read_text(encoding="utf-8")
        prose = [line.strip() for line in raw.split("\n") if len(line.split()) >= PROSE_WORDS]
        found = [s for line in prose for s in sentences(line)]
        if len(found) >= 3:
            material.append(Source(found[0], tuple(found[1:]), raw, "page"))
    return material


def drop_words(text: str, rng: random.Random) -> str:
    words = text.split()
    kept = [w for w in words if rng.random() >= DROP_WORDS]
    return " ".join(kept if len(kept) >= 3 else words)


def build_corpus(material: list[Source], n: int) -> tuple[list[tuple[str, str, str]], list[tuple[int, int]]]:
    """n articles (id, title, text) and the planted copies as (copy index, original index)."""
    rng = random.Random(SEED)
    docs: list[tuple[str, str, str]] = []
    planted: list[tuple[int, int]] = []
    for i in range(n):
        doc_id = f"a{i:06d}"
        if i > 0 and rng.random() < PLANTED:
            j = rng.randrange(i)
            _, title, text = docs[j]
            if rng.random() < 0.5:
                parts = sentences(text)
                if len(parts) >= 6:
                    del parts[rng.randrange(len(parts))]
                text = " ".join(parts) + " Reporting by the wire desk; editing by the night editor."
            docs.append((doc_id, title, text))
            planted.append((i, j))
            continue
        source = material[rng.randrange(len(material))]
        chosen = list(source.sentences)
        rng.shuffle(chosen)
        chosen = chosen[: max(1, round(len(chosen) * (1 - DROP_SENTENCES)))]
        text = " ".join(drop_words(s, rng) for s in chosen)
        docs.append((doc_id, drop_words(source.title, rng), text))
    return docs, planted


def maxrss_mib() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib / 1024


def worker(stage: str, n: int, shared: Path, trace: bool) -> dict:
    """One measurement in this (fresh) process; returns what the parent prints."""
    from newsrecon.align import cluster_stories
    from newsrecon.align.cluster import index_stories
    from newsrecon.align.duplicates import duplicate_groups
    from newsrecon.align.related import related_stories

    start = time.perf_counter()
    docs, planted = build_corpus(load_material(shared), n)
    built = time.perf_counter() - start
    copies = [SimpleNamespace(id=doc_id, body=text) for doc_id, _, text in docs]
    texts = {doc_id: (title, text) for doc_id, title, text in docs}
    indexes = {k: index_stories(docs[:k]) for k in (WARM_UP, None)} if stage == "related" else {}

    def run(k: int | None = None) -> list[list[str]]:
        if stage == "related":  # pairs of related stories, as groups
            found = related_stories(indexes[k], texts)
            return [[s, *others] for s, others in found.items()]
        return cluster_stories(docs[:k]) if stage == "stories" else duplicate_groups(copies[:k])

    run(WARM_UP)  # imports (datasketch, numpy) and first calls, not timed
    gc.collect()
    rss_before = maxrss_mib()
    if trace:
        tracemalloc.start()
    times = []
    while not times or (not trace and len(times) < REPEATS and times[0] < REPEAT_UNDER):
        print(f"stage-start {time.time():.3f}", file=sys.stderr, flush=True)  # for a run that gets cut
        start = time.perf_counter()
        groups = run()
        times.append(time.perf_counter() - start)
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    out = {
        "seconds": min(times),
        "runs": len(times),
        "build_seconds": built,
        "rss_before_mib": rss_before,
        "rss_after_mib": maxrss_mib(),
        "traced_peak_mib": peak,
        "groups": len(groups),
        "largest": max((len(g) for g in groups), default=0),
    }
    if stage == "copies":
        home = {d: k for k, g in enumerate(groups) for d in g}
        found = sum(1 for i, j in planted if home.get(docs[i][0], -1) == home.get(docs[j][0], -2))
        out |= {"planted": len(planted), "planted_found": found, "in_groups": len(home)}
    return out


def pipeline_worker(shared: Path, sample: int) -> dict:
    """Per-document throughput of process_document on `sample` real inputs."""
    from newsrecon.model import RawDocument
    from newsrecon.pipeline import process_document

    material = load_material(shared)
    rng = random.Random(SEED)
    picked = rng.sample(range(len(material)), sample + 3)
    warm, timed = picked[:3], picked[3:]

    def raw(k: int) -> RawDocument:
        return RawDocument(id=f"m{k}", text=material[k].raw, source=f"bench/{material[k].kind}/{k}")

    start = time.perf_counter()
    for k in warm:
        process_document(raw(k))
    warm_seconds = time.perf_counter() - start
    by_kind: dict[str, list[float]] = {}
    chars: dict[str, int] = {}
    failed = 0
    for k in timed:
        doc = raw(k)
        start = time.perf_counter()
        try:
            process_document(doc)
        except Exception:
            failed += 1
        kind = material[k].kind
        by_kind.setdefault(kind, []).append(time.perf_counter() - start)
        chars[kind] = chars.get(kind, 0) + len(doc.text)
    return {
        "warm_seconds": warm_seconds,
        "by_kind": by_kind,
        "chars": chars,
        "failed": failed,
        "rss_mib": maxrss_mib(),
    }


def run_worker(args: list[str], timeout: float) -> dict | str:
    """Run this script as a worker in a fresh interpreter; its result, or why there is none."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as stopped:
        err = stopped.stderr.decode() if isinstance(stopped.stderr, bytes) else stopped.stderr or ""
        started = re.findall(r"stage-start ([\d.]+)", err)
        return {
            "cut": f"cut after {timeout:.0f} s: the limit on one (stage, size) run, --timeout",
            "stage_at_least": time.time() - float(started[-1]) if started else None,
        }
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"failed (exit {done.returncode}): {tail[0]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def nlogn(n: int) -> float:
    return n * math.log2(n)


def git_state() -> str:
    """Which newsrecon ran: its path, commit, and the subpackages with uncommitted changes."""
    src = Path(newsrecon.__file__).resolve().parents[1]
    try:
        head = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain", "--", "newsrecon"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired):
        return f"{src} (not a git checkout)"
    counts: dict[str, int] = {}
    for line in dirty:
        parts = Path(line[3:]).parts
        sub = parts[parts.index("newsrecon") + 1] if "newsrecon" in parts[:-1] else parts[-1]
        counts[sub] = counts.get(sub, 0) + 1
    state = f"commit {head}" if head else "not a git checkout"
    if counts:
        state += ", uncommitted: " + ", ".join(f"{k}/ ({v} files)" for k, v in sorted(counts.items()))
    return f"{src} ({state})"


def print_stage(stage: str, sizes: list[int], results: dict[int, dict | str], limit: float) -> None:
    what = {
        "stories": "stories: newsrecon.align.cluster_stories",
        "copies": "copies: newsrecon.align.duplicates.duplicate_groups",
        "related": "related: newsrecon.align.related.related_stories (index built before, untimed)",
    }[stage]
    print(what)
    head = (
        f"{'articles':>9} {'seconds':>9} {'runs':>4} {'exponent':>9} {'nlogn':>6} {'t/nlogn':>8} {'traced MiB':>11}"
        f" {'rss before':>11} {'rss after':>10}  result"
    )
    print(head)
    print("-" * (len(head) + 30))
    first: tuple[int, float] | None = None
    previous: tuple[int, float] | None = None
    for n in sizes:
        r = results.get(n, "not run")
        if isinstance(r, str):
            print(f"{n:>9,} {r}")
            continue
        if "cut" in r:
            line = r["cut"]
            ran = r["stage_at_least"]
            if ran is not None:
                line += f"; the stage had run {ran:.0f} s"
                if previous and first:
                    at_least = math.log(ran / previous[1]) / math.log(n / previous[0])
                    ratio = (ran / nlogn(n)) / (first[1] / nlogn(first[0]))
                    line += f": exponent >= {at_least:.2f}, t/nlogn >= {ratio:.2f}"
            print(f"{n:>9,} {line}")
            continue
        t = r["seconds"]
        if previous:
            exponent = f"{math.log(t / previous[1]) / math.log(n / previous[0]):9.2f}"
            exponent += f" {math.log(nlogn(n) / nlogn(previous[0])) / math.log(n / previous[0]):6.2f}"
        else:
            exponent = f"{'':>9} {'':>6}"
        first = first or (n, t)
        ratio = (t / nlogn(n)) / (first[1] / nlogn(first[0]))
        traced = r.get("traced_peak_mib")
        traced_text = f"{traced:11.1f}" if isinstance(traced, float) else f"{r.get('traced_note', '-'):>11}"
        if stage == "stories":
            result = f"{r['groups']:,} stories, largest {r['largest']:,}"
        elif stage == "related":
            result = f"{r['groups']:,} stories with related ones"
        else:
            result = (
                f"{r['groups']:,} groups ({r['in_groups']:,} articles), "
                f"planted copies found {r['planted_found']:,}/{r['planted']:,}"
            )
        print(
            f"{n:>9,} {t:9.2f} {r['runs']:4d} {exponent} {ratio:8.2f} {traced_text}"
            f" {r['rss_before_mib']:11.1f} {r['rss_after_mib']:10.1f}  {result}"
        )
        previous = (n, t)
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--timeout", type=float, default=480.0, help="seconds allowed to one subprocess")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the traced runs")
    ap.add_argument("--sample", type=int, default=200, help="documents for the pipeline throughput")
    ap.add_argument(
        "--stages", nargs="+", choices=[*STAGES, "pipeline"], default=[*STAGES, "pipeline"],
        help="what to measure (default: all)",
    )  # fmt: skip
    ap.add_argument("--worker", nargs=2, metavar=("STAGE", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--pipeline-worker", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    shared = a.shared.resolve()
    if a.worker:
        print(json.dumps(worker(a.worker[0], int(a.worker[1]), shared, a.trace)))
        return
    if a.pipeline_worker:
        print(json.dumps(pipeline_worker(shared, a.sample)))
        return

    sizes = sorted(a.sizes)
    material = load_material(shared)
    kinds = {k: sum(1 for s in material if s.kind == k) for k in ("ecb+", "page")}
    print(f"newsrecon: {git_state()}")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')};"
        f" material: {kinds['ecb+']} ECB+ articles, {kinds['page']} flattened pages"
    )
    print(
        f"each (stage, size) in a fresh subprocess, limit {a.timeout:.0f} s;"
        f" corpus build time not counted; MiB = 2^20 bytes"
    )
    print()
    for stage in (s for s in STAGES if s in a.stages):
        results: dict[int, dict | str] = {}
        cut = False
        for n in sizes:
            if cut:
                results[n] = "not started: a smaller size was cut"
                continue
            r = run_worker(["--shared", str(shared), "--worker", stage, str(n)], a.timeout)
            if isinstance(r, dict) and "seconds" in r and not a.no_tracemalloc:
                if r["seconds"] * TRACE_COST + r["build_seconds"] < a.timeout:
                    traced = run_worker(
                        ["--shared", str(shared), "--worker", stage, str(n), "--trace"], a.timeout
                    )
                    if isinstance(traced, dict) and "seconds" in traced:
                        r["traced_peak_mib"] = traced["traced_peak_mib"]
                    else:
                        r["traced_note"] = "cut" if isinstance(traced, dict) else "failed"
                else:
                    r["traced_note"] = "skipped"
            cut = not isinstance(r, dict) or "cut" in r
            results[n] = r
        print_stage(stage, sizes, results, a.timeout)
    print(
        "exponent: log(t2/t1)/log(n2/n1) from the size above; nlogn: the exponent n log n would give;"
        " t/nlogn: time / (n log2 n), relative to the smallest size. traced MiB: tracemalloc peak of the"
        " stage (skipped: the timed run suggests the traced run would pass the limit). rss: ru_maxrss of the"
        " process after building the corpus (and the warm-up call) and after the stage."
    )
    print()
    if "pipeline" not in a.stages:
        return

    r = run_worker(["--shared", str(shared), "--pipeline-worker", "--sample", str(a.sample)], a.timeout)
    print(f"per-document pipeline: newsrecon.pipeline.process_document, {a.sample} real inputs, one process")
    if not isinstance(r, dict) or "cut" in r:
        print(f"  {r if isinstance(r, str) else r['cut']}")
        return
    all_times = [t for times in r["by_kind"].values() for t in times]
    print(
        f"  warm-up on 3 other inputs (loads spaCy): {r['warm_seconds']:.1f} s; peak rss {r['rss_mib']:.0f} MiB"
    )
    if r["failed"]:
        print(f"  {r['failed']} inputs raised an error (timed all the same)")
    head = f"  {'inputs':<28} {'n':>4} {'mean chars':>10} {'docs/s':>8} {'s/doc':>8}"
    print(head)
    for kind, label in (("ecb+", "ECB+ articles"), ("page", "flattened pages"), ("all", "all")):
        times = all_times if kind == "all" else r["by_kind"].get(kind, [])
        if not times:
            continue
        chars = sum(r["chars"].values()) if kind == "all" else r["chars"][kind]
        total = sum(times)
        print(
            f"  {label:<28} {len(times):>4} {chars / len(times):>10,.0f} {len(times) / total:8.2f} {total / len(times):8.3f}"
        )
    per_doc = sum(all_times) / len(all_times)
    print(
        "  extrapolated (not measured), one process at the mixed rate: "
        + ", ".join(f"{n:,} docs {_duration(n * per_doc)}" for n in (1000, 10000, 100000))
    )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


if __name__ == "__main__":
    main()
