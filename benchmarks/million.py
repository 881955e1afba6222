"""The corpus stages at up to a million articles, on Spark: time and memory per stage, and growth.

A simulation, as issue 21 asks: the articles are resampled from real text (the material and the
perturbations of `scale.py`: ECB+ articles and the prose of the flattened pages, sentences shuffled,
20% of them and 10% of the words dropped, 5% planted exact or near copies), and only what the
corpus stages read is made, the per-document stages are not run. What runs is newsrecon's own code
for those stages:

- stories: `align.blocks.plan_blocks` cuts the corpus by date on the driver; each block is filed by
  `align.blocks.file_block` on a Spark executor (a block a task, as `analyze --spark` does); the
  blocks' snapshots are joined on the driver by `align.blocks.join_blocks`;
- copies: `align.duplicates.duplicate_groups` over each story's documents on the executors (a story
  a task: copies are found per story, inside the reconciliation `analyze --spark` runs there).

To keep a million texts off the driver, it holds a compact description of each article (id, date,
the source it is resampled from, a seed): an executor makes the texts of its block or story from
those, the same texts every time. Each article is given its source's date plus 0-6 days (sources
spread over two years) and its source's participants (the entity recogniser run once per source,
what the per-document stages would hand the clustering). Because the material is fixed, stories
grow with the corpus (about 1,100 sources: at a million articles, some 900 articles a source), a
harder case for per-story stages than a real corpus, whose number of events grows instead.

Each size runs in a fresh process. Printed per size and stage: seconds, the driver's peak resident
memory (ru_maxrss) and the peak of the whole process tree (driver, JVM, Python workers; summed
from /proc every half second), and the growth exponent from the size before, beside n log n's.

usage (from the repository root, in the project venv):
  .venv/bin/python benchmarks/million.py [--sizes 10000 100000 1000000] [--master local[2]]
                                         [--shared PATH] [--block N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import scale  # noqa: E402  (benchmarks/ is not a package)

START = dt.date(2024, 1, 1)
SPAN_DAYS = 730  # sources' dates spread over two years
COVERAGE_DAYS = 7  # an article is dated within a week of its source


# An article as the driver holds it: (id, date, source index, seed, copy of: index or -1, near copy).
Spec = tuple[str, str, int, int, int, bool]


def plan_corpus(n: int, sources: int) -> list[Spec]:
    """n article descriptions, deterministic (seed 0), with planted copies as in `scale.py`."""
    rng = random.Random(scale.SEED)
    base = [START + dt.timedelta(days=rng.randrange(SPAN_DAYS)) for _ in range(sources)]
    specs: list[Spec] = []
    for i in range(n):
        if i > 0 and rng.random() < scale.PLANTED:
            j = rng.randrange(i)
            src, day = specs[j][2], specs[j][1]
            specs.append((f"a{i:07d}", day, src, specs[j][3], j, rng.random() < 0.5))
            continue
        src = rng.randrange(sources)
        day = (base[src] + dt.timedelta(days=rng.randrange(COVERAGE_DAYS))).isoformat()
        specs.append((f"a{i:07d}", day, src, rng.randrange(2**31), -1, False))
    return specs


def make_text(material, spec: Spec, original: Spec | None) -> tuple[str, str]:
    """The (title, text) of an article from its description (`original`: the article a planted
    copy copies)."""
    if original is not None:
        title, text = make_text(material, original, None)
        if spec[5]:  # a near copy: a sentence dropped, a wire credit added
            parts = scale.sentences(text)
            if len(parts) >= 6:
                del parts[random.Random(spec[3]).randrange(len(parts))]
            text = " ".join(parts) + " Reporting by the wire desk; editing by the night editor."
        return title, text
    rng = random.Random(spec[3])
    source = material[spec[2]]
    chosen = list(source.sentences)
    rng.shuffle(chosen)
    chosen = chosen[: max(1, round(len(chosen) * (1 - scale.DROP_SENTENCES)))]
    text = " ".join(scale.drop_words(s, rng) for s in chosen)
    return scale.drop_words(source.title, rng), text


def _rows(shared, items):
    """Executor side: the rows of a block (or a story) from their descriptions."""
    material, found = shared.value
    rows = []
    for spec, original in items:
        title, text = make_text(material, spec, original)
        rows.append((spec[0], title, text, spec[1], found[spec[2]]))
    return rows


def file_specs(shared, items):
    from newsrecon.align.blocks import file_block

    return file_block(_rows(shared, items))


def copies_of(shared, items):
    from newsrecon.align.duplicates import duplicate_groups

    docs = [SimpleNamespace(id=r[0], body=r[2]) for r in _rows(shared, items)]
    return duplicate_groups(docs)


class TreePeak:
    """Peak resident memory of this process and all its descendants, sampled from /proc."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [os.getpid()]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, ()))
        return out

    def _sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        total = 0
        for p in self._tree():
            try:
                with open(f"/proc/{p}/statm") as f:
                    total += int(f.read().split()[1]) * page
            except (OSError, IndexError, ValueError):
                pass
        self.peak = max(self.peak, total)

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self._sample()

    def take(self) -> float:
        """The peak since the last take (and now), in MiB; the next take starts afresh."""
        self._sample()
        peak, self.peak = self.peak, 0
        return peak / 2**20


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(n: int, shared_path: Path, master: str, block: int) -> dict:
    from newsrecon.align.blocks import join_blocks, plan_blocks
    from newsrecon.align.cluster import participants
    from newsrecon.runners.spark import SparkRunner

    out: dict = {"n": n}
    peak = TreePeak()
    t = time.perf_counter()
    material = scale.load_material(shared_path)
    found = [participants(s.title, " ".join(s.sentences[:1])) for s in material]
    specs = plan_corpus(n, len(material))
    out["build_s"] = time.perf_counter() - t
    # The executors' Python workers import this script's helpers (`scale`) from benchmarks/.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))
    runner = SparkRunner(master)
    context = runner.start().sparkContext
    shared = context.broadcast((material, found))
    list(runner.map(len, [[1], [2]]))  # the session and its workers up, not timed
    peak.take()

    def item(i: int):
        spec = specs[i]
        return spec, (specs[spec[4]] if spec[4] >= 0 else None)

    t = time.perf_counter()
    plan = plan_blocks([dt.date.fromisoformat(s[1]) for s in specs], block)
    out["plan_s"] = time.perf_counter() - t
    out["blocks"] = len(plan)
    t = time.perf_counter()
    snapshots = list(
        runner.map(lambda items: file_specs(shared, items), [[item(i) for i in b] for b in plan])
    )
    out["file_s"] = time.perf_counter() - t
    out["file_tree_mib"] = peak.take()
    t = time.perf_counter()
    index = join_blocks(snapshots)
    groups = index.groups()
    out["join_s"] = time.perf_counter() - t
    out["join_tree_mib"] = peak.take()
    out["stories"] = len(groups)
    out["largest"] = max(len(g) for g in groups)
    del snapshots
    at = {s[0]: i for i, s in enumerate(specs)}
    t = time.perf_counter()
    found_groups = [
        g
        for story in runner.map(
            lambda items: copies_of(shared, items), [[item(at[d]) for d in g] for g in groups]
        )
        for g in story
    ]
    out["copies_s"] = time.perf_counter() - t
    out["copies_tree_mib"] = peak.take()
    home = {d: k for k, g in enumerate(found_groups) for d in g}
    planted = [(s[0], specs[s[4]][0]) for s in specs if s[4] >= 0]
    out["copy_groups"] = len(found_groups)
    out["planted"] = len(planted)
    out["planted_found"] = sum(1 for a, b in planted if a in home and home.get(b) == home[a])
    out["driver_rss_mib"] = rss_mib()
    runner.close()
    return out


def nlogn(n: int) -> float:
    return n * math.log2(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--block", type=int, default=None, help="documents per block (default: BLOCK_DOCS)")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    from newsrecon.align.blocks import BLOCK_DOCS

    block = a.block or BLOCK_DOCS
    if a.worker:
        print(json.dumps(worker(a.worker, a.shared, a.master, block)))
        return
    if not (a.shared / "bench" / "ecbplus" / "docs.jsonl").is_file():
        sys.exit(f"no ../shared corpora at {a.shared} (--shared PATH)")
    results = []
    for n in sorted(a.sizes):
        print(f"{n:,} articles ...", file=sys.stderr, flush=True)
        cmd = [sys.executable, __file__, "--worker", str(n), "--master", a.master, "--shared", str(a.shared)]
        cmd += ["--block", str(block)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            sys.exit(f"the run of {n:,} articles failed")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"master {a.master}, blocks of at most {block:,} documents\n")
    print(
        "| articles | blocks | plan s | blocks filed s | join s | stories | largest | copies s | copy groups "
        "| planted found | tree peak MiB (file / join / copies) | driver rss MiB |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['n']:,} | {r['blocks']} | {r['plan_s']:.2f} | {r['file_s']:.1f} | {r['join_s']:.1f} "
            f"| {r['stories']:,} | {r['largest']:,} | {r['copies_s']:.1f} | {r['copy_groups']:,} "
            f"| {r['planted_found']:,}/{r['planted']:,} | {r['file_tree_mib']:,.0f} / {r['join_tree_mib']:,.0f}"
            f" / {r['copies_tree_mib']:,.0f} | {r['driver_rss_mib']:,.0f} |"
        )
    print("\ngrowth exponent from the size before (n log n's in brackets):")
    for prev, r in itertools.pairwise(results):
        ratio = math.log(r["n"] / prev["n"])
        ref = math.log(nlogn(r["n"]) / nlogn(prev["n"])) / ratio
        parts = []
        for key in ("file_s", "join_s", "copies_s", "file_tree_mib"):
            if prev[key] > 0 and r[key] > 0:
                parts.append(f"{key.removesuffix('_s')} {math.log(r[key] / prev[key]) / ratio:.2f}")
        print(f"  {prev['n']:,} -> {r['n']:,}: " + ", ".join(parts) + f"  ({ref:.2f})")


if __name__ == "__main__":
    main()
