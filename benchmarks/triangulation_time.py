"""Per-article time of `newsrecon analyze`, this code beside an older checkout, on the same inputs.

The referent stage (a parse read per figure), the link model (embeddings of referent phrases with
all-MiniLM-L6-v2 on NumPy, pairwise signals, clustering) and the verdicts all run inside `analyze`,
so the whole command is what is timed: interpreter start, spaCy and embedding model loads, reading,
every stage, writing the JSON. Inputs, each run in a fresh process per side, REPEAT times (the best
time is kept, to discount a busy machine):

- each gold story of ../shared/gold (a handful of articles: the fixed costs show);
- N articles of ../shared/bench/ecbplus as one corpus (many stories: the per-article cost shows).

    .venv/bin/python benchmarks/triangulation_time.py --against ../old/src [--ecb 300] [--repeat 2]

`--against SRC`: another newsrecon's src folder (a `git worktree` of an older commit) put first on
PYTHONPATH; the same interpreter and packages run both. Prints seconds and seconds per article for
each side and the ratio this / against.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def git_rev(src: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return out.stdout.strip() or "?"


def timed(src: Path, inputs: list[Path], out: Path, repeat: int) -> tuple[float, int]:
    """Best wall time of `newsrecon analyze INPUTS --json OUT` with `src` first on the path, and the
    number of documents it read."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "newsrecon", "analyze", *map(str, inputs), "--json", str(out), "-q"]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    docs = len(json.loads(out.read_text(encoding="utf-8"))["documents"])
    return best, docs


def ecb_corpus(shared: Path, n: int, folder: Path) -> Path:
    """The first `n` ECB+ articles as one JSON Lines file."""
    path = folder / f"ecb-{n}.jsonl"
    with (shared / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f, path.open("w") as out:
        for k, line in enumerate(f):
            if k >= n:
                break
            record = json.loads(line)
            row = {"id": record.get("id", f"ecb-{k}"), "title": record.get("title"), "text": record["text"]}
            out.write(json.dumps(row) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, required=True, help="an older newsrecon's src folder")
    ap.add_argument("--ecb", type=int, default=300, help="ECB+ articles in the corpus run")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    sides = [("this", ROOT / "src"), ("against", a.against.resolve())]
    for name, src in sides:
        print(f"{name}: {src} at {git_rev(src)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = [(p.stem, [a.shared / "corpus" / p.stem]) for p in sorted((a.shared / "gold").glob("*.json"))]
        runs.append((f"ecb+ x{a.ecb}", [ecb_corpus(a.shared, a.ecb, folder)]))
        totals = {name: [0.0, 0] for name, _ in sides}
        print(
            f"{'input':18s} {'docs':>5s} "
            + " ".join(f"{n + ' s':>10s} {n + ' s/doc':>12s}" for n, _ in sides)
            + "  ratio"
        )
        for label, inputs in runs:
            row = {}
            for name, src in sides:
                seconds, docs = timed(src, inputs, folder / f"{name}.json", a.repeat)
                row[name] = (seconds, docs)
                totals[name][0] += seconds
                totals[name][1] += docs
            docs = row["this"][1]
            cells = " ".join(f"{row[n][0]:>10.2f} {row[n][0] / max(row[n][1], 1):>12.4f}" for n, _ in sides)
            print(f"{label:18s} {docs:>5d} {cells}  {row['this'][0] / row['against'][0]:.2f}", flush=True)
        cells = " ".join(
            f"{totals[n][0]:>10.2f} {totals[n][0] / max(totals[n][1], 1):>12.4f}" for n, _ in sides
        )
        ratio = (totals["this"][0] / totals["this"][1]) / (totals["against"][0] / totals["against"][1])
        print(f"{'all':18s} {totals['this'][1]:>5d} {cells}  {ratio:.2f}")


if __name__ == "__main__":
    main()
