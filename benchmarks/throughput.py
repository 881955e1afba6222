"""Articles per second of `newsrecon analyze --workers 1`, side by side with spaCy's own `nlp.pipe`.

Inputs (one run over all of them): the 181 HTML pages of ../shared/bench/article-extraction, the
first `--ecb` ECB+ articles (../shared/bench/ecbplus/docs.jsonl, as JSON Lines) and the stories
under ../shared/corpus.

1. `newsrecon analyze INPUTS --json R.json --workers 1 -q` in a subprocess: wall seconds of the
   whole command (interpreter start and model load included), articles read, articles per second.
2. The same `analyze` call in-process under cProfile, for each stage's share of the time (the
   cumulative time of the function that runs the stage, over the profiled total; the profiler's
   own overhead is spread over them all).
3. spaCy's `nlp.pipe` over the bodies that run returned (R.json `documents[].body`), in a fresh
   process with the model loaded before the clock starts: all components, then without the
   lemmatizer and attribute ruler (what the issue compared with). Articles per second.

Prints the ratio analyze / spaCy (the issue's bar: at least 3x spaCy's full pipe; goal 10x).

4. The same command with `--workers N` (default 2): articles per second, the speed-up over one
   worker, and whether the result is the same. Every command's peak memory (its largest process)
   is printed beside its time.

usage: .venv/bin/python benchmarks/throughput.py [--ecb 1000] [--shared PATH] [--no-profile]
       [--workers 2,4]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import split_peak, with_peak  # benchmarks/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent

# The stages and the function that runs each one (module, function): their cumulative times.
STAGES = (
    ("read inputs", "newsrecon/ingest/files.py", "read_inputs"),
    ("clean + metadata", "newsrecon/pipeline.py", "clean_document"),
    ("claims (parse, figures, sources, referents)", "newsrecon/claims/extract.py", "extract_claims"),
    ("  of which spaCy parse", "newsrecon/claims/extract.py", "_parse"),
    ("dates", "newsrecon/timeline/events.py", "document_dates"),
    ("participants (clustering features)", "newsrecon/align/cluster.py", "participants"),
    ("stories, copies, measures, timeline", "newsrecon/align/story.py", "build_stories"),
)

SPACY = """
import json, sys, time
import spacy
from newsrecon.claims.nlp import MODEL_PACKAGES
bodies = [d["body"] for d in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]]
for package in MODEL_PACKAGES:  # the model as spaCy loads it, its own components (not newsrecon's pipeline)
    try:
        nlp = spacy.load(package)
        break
    except OSError:
        continue
out = {}
for name, disable in (("full", []), ("no lemmatizer/attribute_ruler", ["lemmatizer", "attribute_ruler"])):
    t = time.perf_counter()
    with nlp.select_pipes(disable=disable):
        for _ in nlp.pipe(bodies, batch_size=64):
            pass
    out[name] = time.perf_counter() - t
print(json.dumps({"docs": len(bodies), "words": sum(len(b.split()) for b in bodies), "seconds": out}))
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of a command and its peak memory in MB."""
    t = time.perf_counter()
    out = subprocess.run(with_peak(cmd), check=True, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - t, (split_peak(out.stderr)[1] or 0) / 1024


def inputs(folder: Path, shared: Path, ecb: int) -> list[Path]:
    """The benchmark's inputs; the ECB+ slice written as JSON Lines into `folder`."""
    jsonl = folder / "ecbplus.jsonl"
    with (shared / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f:
        jsonl.write_text("".join(line for _, line in zip(range(ecb), f, strict=False)), encoding="utf-8")
    return [shared / "bench" / "article-extraction" / "html", jsonl, *sorted((shared / "corpus").iterdir())]


def stage_shares(paths: list[Path]) -> tuple[float, list[tuple[str, float]]]:
    """Profiled `analyze --workers 1` in this process: total seconds and each stage's seconds."""
    from newsrecon import analyze
    from newsrecon.claims.nlp import english

    english()  # loaded outside the profile, as the spaCy side loads it outside its clock
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    analyze(paths, workers=1)
    prof.disable()
    total = time.perf_counter() - t
    stats = pstats.Stats(prof).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    shares = []
    for label, file, name in STAGES:
        ct = sum(v[3] for (f, _, n), v in stats.items() if n == name and f.endswith(file))
        # a recursive or nested call counts once: the outermost calls' cumulative time
        shares.append((label, ct))
    return total, shares


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ecb", type=int, default=1000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--no-profile", action="store_true", help="skip the profiled run (stage shares)")
    ap.add_argument(
        "--workers", type=lambda v: [int(x) for x in v.split(",") if x], default=[2],
        help="worker counts to time beside one worker, comma-separated (default 2; '' for none)",
    )  # fmt: skip
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "newsrecon"
    with tempfile.TemporaryDirectory() as tmp:
        paths = inputs(Path(tmp), args.shared, args.ecb)
        result = Path(tmp) / "result.json"
        wall, peak = timed(
            [str(exe), "analyze", *map(str, paths), "--json", str(result), "--workers", "1", "-q"]
        )
        docs = len(json.loads(result.read_text(encoding="utf-8"))["documents"])
        ours = docs / wall
        print(
            f"newsrecon analyze --workers 1: {docs} articles in {wall:.1f} s = {ours:.2f} articles/s"
            f" (peak {peak:,.0f} MB)"
        )
        out = subprocess.run(
            [sys.executable, "-c", SPACY, str(result)], check=True, capture_output=True, text=True
        )
        spacy = json.loads(out.stdout)
        print(f"spaCy nlp.pipe over the same {spacy['docs']} bodies ({spacy['words']:,} words):")
        for name, secs in spacy["seconds"].items():
            rate = spacy["docs"] / secs
            print(f"  {name:32} {secs:7.1f} s = {rate:6.2f} articles/s; analyze / this = {ours / rate:.2f}x")
        for n in args.workers:
            other = Path(tmp) / f"result-{n}.json"
            secs, peak = timed(
                [str(exe), "analyze", *map(str, paths), "--json", str(other), "--workers", str(n), "-q"]
            )
            same = json.loads(other.read_text(encoding="utf-8")) == json.loads(
                result.read_text(encoding="utf-8")
            )
            print(
                f"newsrecon analyze --workers {n}: {secs:.1f} s = {docs / secs:.2f} articles/s,"
                f" {wall / secs:.2f}x one worker on {os.cpu_count()} cores (peak of one process {peak:,.0f} MB;"
                f" result {'the same' if same else 'DIFFERENT'})"
            )
        if not args.no_profile:
            total, shares = stage_shares(paths)
            print(f"stage shares of a profiled in-process analyze ({total:.1f} s, model loaded before):")
            for label, secs in shares:
                print(f"  {label:45} {secs:7.1f} s  {100 * secs / total:5.1f}%")


if __name__ == "__main__":
    main()
