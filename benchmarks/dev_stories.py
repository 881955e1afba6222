"""Score `analyze` on eight ECB+ events annotated like the gold stories, none of them fitted on.

The gold stories of ../shared/gold are what every stage was developed on; they score 1.0 on nearly
every cell, which says little about a story never seen. So eight other ECB+ events (an earthquake
in West Papua and one in Iran, a small one in California, a riot in Athens, a school hit in Gaza,
a refugee camp bombed in South Sudan, a navy's capture of pirates, an office shooting) were
annotated by the team in the gold format (`dev_stories/EVENT.json`: every figure, its bounds and
source, the measures with their expected status, negatives, dated events, citations), in the
style of `corpus/aceh-quake`: each event's six articles with the most digits, detokenised and one
sentence a paragraph. The annotators did not see newsrecon's output. Headlines are not kept in the
project (they are article text), so titles are not scored here.

The corpora are rebuilt from ../shared/bench/ecbplus/docs.jsonl on each run (the same text, line
for line: each annotated figure is checked on its line first). Each event goes through
`newsrecon analyze` (the path users run) and ../shared/eval/score_story.py; the script prints each
metric per event and the mean. It is a development set: read it for errors, and say so when a
change was chosen on it.

usage: .venv/bin/python benchmarks/dev_stories.py [--shared PATH] [--keep DIR] [--notes]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).resolve().parent / "dev_stories"
DOCS_PER_EVENT = 6
METRICS = (
    "quantity_recall",
    "source_accuracy",
    "negatives_clean",
    "grouping_f1",
    "status_accuracy",
    "conflict_precision",
    "timeline_recall",
    "citation_f1",
)
# Words the abbreviation of which ends no sentence ("Gen. Petraeus", "U.S. forces", "a.m.").
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|U\.S|a\.m|p\.m|No|Jr|Sr|Inc|Co"
    r"|Corp|Maj|Adm|Ft|Jan|Feb|Aug|Sept|Oct|Nov|Dec))\.$"
)


def detokenise(text: str) -> str:
    """ECB+'s tokenised text as prose: quotes, punctuation, contractions, hyphens, thousands."""
    text = re.sub(r"\s*''", '"', text).replace("``", '"')
    text = re.sub(r"(?<=\d), (?=\d{3}\b)", ",", text)
    text = re.sub(r" ([,.;:!?%])", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)
    text = re.sub(r"\$ (?=\d)", "$", text)
    text = re.sub(r"\( ", "(", text)
    text = re.sub(r" \)", ")", text)
    text = re.sub(r"\b([ap])\. m\.", r"\1.m.", text)
    parts = re.split(r'\s*"\s*', text)  # quotes alternate: an opening one leans right, a closing one left
    out = parts[0]
    for k, part in enumerate(parts[1:]):
        out += ((' "' if out else '"') + part) if k % 2 == 0 else ('" ' + part)
    out = re.sub(r"(?<=\d): (?=\d\d\b)", ":", out)
    out = re.sub(r'" ,', '",', out)
    return re.sub(r"\s+", " ", out).strip()


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"']))\s+(?=[\"'A-Z0-9])", text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


def build_corpus(records: list[dict], event: str, folder: Path) -> None:
    """The event's articles with the most digits (ties in file order), headline and sentences."""
    docs = [r for r in records if r["event"] == event and r["text"].strip()]
    docs.sort(key=lambda r: -len(re.findall(r"\d", r["text"])))
    folder.mkdir(parents=True, exist_ok=True)
    for r in docs[:DOCS_PER_EVENT]:
        body = "\n\n".join(sentences(detokenise(r["text"])))
        headline = detokenise(r["title"]).rstrip(".")
        (folder / f"{r['id']}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")


def check_lines(gold: dict, folder: Path) -> None:
    """Every annotated figure's digits on its line: the corpus is the one that was annotated."""
    for measure in gold["measures"]:
        for m in measure["mentions"]:
            lines = (folder / f"{m['doc']}.txt").read_text(encoding="utf-8").split("\n")
            digits = re.sub(r"\D", "", m["surface"])
            line = lines[m["line"] - 1] if m["line"] <= len(lines) else ""
            if digits and digits not in re.sub(r"\D", "", line):
                raise SystemExit(f"{folder.name}: {m['doc']} line {m['line']} lacks {m['surface']!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="build the corpora and results here (else a temporary folder)")
    ap.add_argument("--notes", action="store_true", help="print the scorer's notes for each event")
    a = ap.parse_args()
    from _shared import (
        load_eval,
    )  # benchmarks/ is on sys.path when a script runs (the tests import this module)

    score_story = load_eval(a.shared, "score_story")
    records = [
        json.loads(line)
        for line in (a.shared / "bench" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
    work = a.keep or Path(tempfile.mkdtemp(prefix="dev-stories-"))
    newsrecon = Path(sys.executable).with_name("newsrecon")

    def run(event: str) -> dict:
        folder = work / "corpus" / event
        build_corpus(records, event, folder)
        check_lines(golds[event], folder)
        out = work / f"{event}.json"
        subprocess.run([str(newsrecon), "analyze", str(folder), "--json", str(out), "-q"], check=True)
        return json.loads(out.read_text(encoding="utf-8"))

    with ThreadPoolExecutor(2) as pool:
        results = dict(zip(golds, pool.map(run, golds), strict=True))
    print(f"{'event':<11}" + "".join(f"{m[:12]:>13}" for m in METRICS) + "  stories")
    sums = dict.fromkeys(METRICS, 0.0)
    for event, gold in golds.items():
        scores, notes = score_story.score(results[event], gold, work / "corpus" / event)
        print(
            f"{event:<11}"
            + "".join(f"{scores[m]:>13.3f}" for m in METRICS)
            + f"  {len(results[event]['stories'])}"
        )
        for m in METRICS:
            sums[m] += scores[m]
        if a.notes:
            print("\n".join(f"    {n}" for n in notes))
    print(f"{'mean':<11}" + "".join(f"{sums[m] / len(golds):>13.3f}" for m in METRICS))


if __name__ == "__main__":
    main()
