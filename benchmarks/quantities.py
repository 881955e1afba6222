"""Quantity parsing: newsrecon's find_quantities against quantulum3 0.10.0, side by side in one run.

Both parsers get exactly the same inputs, one text at a time, on five data sets under
--shared (default: ../shared beside the repository):

  seed          the body lines of corpus/seed-story/*.txt that hold a figure (a digit or a gold
                mention), plus the lines named in gold "negatives", scored against gold/seed-story.json
  rt-number     Recognizers-Text NumberModel spec cases (English)          bench/numbers/
  rt-percent    Recognizers-Text PercentModel spec cases
  rt-currency   Recognizers-Text NumberWithUnit CurrencyModel spec cases
  rt-dimension  Recognizers-Text NumberWithUnit DimensionModel spec cases
  q3-tests      quantulum3's own test sentences (quantulum3-quantities.json)

Recognizers cases flagged NotSupported / NotSupportedByDesign for python are skipped, and so are
expected results with no number (a bare unit word such as "dollar").

Scoring, the same rule for both parsers:
- A report stands for a set of values. newsrecon: its low and high bounds and, when both are set,
  their midpoint. quantulum3: its value and, when it gives an uncertainty (its ranges: "1,000 to
  3,000" is 2000 +/- 1000), value - uncertainty and value + uncertainty.
- An expected quantity stands for a set of accepted values: its value (Recognizers, quantulum3
  tests; for a quantulum3 test with an uncertainty also value +/- uncertainty); for the seed gold,
  low, high, their midpoint when both are set, and every value of its also_ok pairs.
- A report matches an expectation when the two sets share a value (within 1e-6 relative). Reports
  and expectations are paired one to one within each item (maximum bipartite matching).
- value recall = matched expectations / expectations.
- typed recall (percent, currency, dimension only) = the same with only the reports of that type:
  newsrecon kind "percent" / "money" / area, distance, speed or mass; quantulum3 unit "percentage" /
  a currency unit (or a rate of one, "$ per hour") / a physical entity (not dimensionless,
  currency, time or unknown).
- value precision = matched reports / reports, counting only the reports the data set annotates:
  all of them for rt-number and q3-tests (which list every number), those of the set's type for
  rt-percent, rt-currency and rt-dimension. Not defined for seed: its gold lists the story's
  figures, not every number a line holds.
- seed negatives: gold "negatives" (a year, calibres, "No. 2", "2 minute read", an age, and two
  figures in unrelated sidebars, which are real figures that only the cleaner should drop): one is
  reported when a report on its line has its value. Optional gold mentions with no number
  ("Thousands of them") are left out of recall.
- seed "bounds exact": a gold mention whose low and high (None for an open side) a report states
  exactly, or one of its also_ok pairs; quantulum3 has no open-ended bounds ("over 1,000"), so
  this line is shown for information only.

Speed: sentences/s = items / seconds for one pass over the whole set with time.perf_counter, after
a warm-up pass; the best of 3 passes. Parsing only; scoring is outside the timed loop.

Home advantage: seed is newsrecon's own development story and q3-tests are quantulum3's own tests.
newsrecon leaves out years, dates, clock times, ages, calibres, labels, reading times and phone
numbers by design, which Recognizers NumberModel counts as numbers.

usage (from the repository root, in the bench venv; see benchmarks/README.md):
  .venv-bench/bin/python benchmarks/quantities.py [--shared PATH] [--q3-no-classifier] [--show N]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsrecon.claims import find_quantities

REPEATS = 3
TYPED_SETS = ("percent", "money", "dimension")


@dataclass
class Expected:
    label: str  # the surface, for listings
    values: tuple[float, ...]  # accepted values
    bounds: tuple[tuple[float | None, float | None], ...] = ()  # seed only: exact (low, high) pairs


@dataclass
class Item:
    key: str
    text: str
    expected: list[Expected]
    negatives: list[tuple[float, str]] = field(default_factory=list)  # seed only: (value, why)


@dataclass
class Dataset:
    name: str
    items: list[Item]
    typed: str | None  # "percent", "money", "dimension" or None
    precision: bool  # whether the data lists every quantity of the counted kind
    skipped: int = 0  # cases left out (NotSupported for python, optional gold mentions)


@dataclass
class Report:
    surface: str
    values: tuple[float, ...]
    bounds: tuple[float | None, float | None]
    kind: str  # "percent", "money", "dimension" or "other"


# --- data ------------------------------------------------------------------------------------------


def _num(value: object) -> float | None:
    if value is None:
        return None
    try:
        v = float(str(value).strip().rstrip("%").replace(",", ""))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _python_unsupported(case: dict) -> bool:
    flags = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}"
    return "python" in {f.strip().lower() for f in flags.split(",")}


def load_recognizers(path: Path, name: str, typed: str | None) -> Dataset:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    items, skipped = [], 0
    for i, case in enumerate(cases):
        if _python_unsupported(case):
            skipped += 1
            continue
        expected = []
        for r in case["Results"]:
            v = _num((r.get("Resolution") or {}).get("value"))
            if v is not None:
                expected.append(Expected(r.get("Text", ""), (v,)))
        items.append(Item(f"{name}#{i}", case["Input"], expected))
    return Dataset(name, items, typed, precision=True, skipped=skipped)


def load_q3_tests(path: Path) -> Dataset:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    items = []
    for i, case in enumerate(cases):
        expected = []
        for r in case["res"]:
            v, u = _num(r["value"]), _num(r.get("uncertainty"))
            if v is None:
                continue
            values = (v, v - u, v + u) if u else (v,)
            expected.append(Expected(r.get("surface", ""), values))
        items.append(Item(f"q3-tests#{i}", case["req"], expected))
    return Dataset("q3-tests", items, None, precision=True)


def load_seed(shared: Path) -> Dataset:
    gold = json.loads((shared / "gold" / "seed-story.json").read_text(encoding="utf-8"))
    corpus = shared / gold.get("corpus", "corpus/seed-story")
    lines = {
        doc: (corpus / f"{doc}.txt").read_text(encoding="utf-8").split("\n") for doc in gold["documents"]
    }
    by_line: dict[tuple[str, int], Item] = {}

    def item(doc: str, line: int) -> Item:
        key = (doc, line)
        if key not in by_line:
            by_line[key] = Item(f"{doc}:{line}", lines[doc][line - 1].rstrip("\r"), [])
        return by_line[key]

    for doc, info in gold["documents"].items():
        for line in info["body"]:
            if re.search(r"\d", lines[doc][line - 1]):
                item(doc, line)
    skipped = 0
    for measure in gold["measures"]:
        for m in measure["mentions"]:
            low, high = m["low"], m["high"]
            values = [v for v in (low, high) if v is not None]
            if low is not None and high is not None and low != high:
                values.append((low + high) / 2)
            pairs = [(low, high)]
            for ok in m.get("also_ok") or []:
                values.extend(v for v in ok if v is not None)
                pairs.append((ok[0], ok[1]))
            if not values:  # "Thousands of them": no number to match
                skipped += 1
                continue
            item(m["doc"], m["line"]).expected.append(
                Expected(m["surface"], tuple(float(v) for v in values), tuple(pairs))
            )
    for n in gold["negatives"]:
        item(n["doc"], n["line"]).negatives.append((float(n["value"]), n["why"]))
    items = [by_line[k] for k in sorted(by_line)]
    return Dataset("seed", items, None, precision=False, skipped=skipped)


# --- the two parsers, and their reports in one shape ----------------------------------------------

_NR_DIMENSION = {"area", "distance", "speed", "mass"}


def newsrecon_reports(raw: list) -> list[Report]:
    out = []
    for q in raw:
        values = [v for v in (q.low, q.high) if v is not None]
        if q.low is not None and q.high is not None and q.low != q.high:
            values.append((q.low + q.high) / 2)
        kind = {"percent": "percent", "money": "money"}.get(q.kind)
        kind = kind or ("dimension" if q.kind in _NR_DIMENSION else "other")
        out.append(Report(f"{q.low}..{q.high} {q.unit or ''}".strip(), tuple(values), (q.low, q.high), kind))
    return out


def quantulum_reports(raw: list, units: object) -> list[Report]:
    out = []
    for q in raw:
        v, u = float(q.value), float(q.uncertainty or 0.0)
        values = (v, v - u, v + u) if u else (v,)
        bounds = (v - u, v + u) if u else (v, v)
        entity = q.unit.entity.name
        base = (q.unit.dimensions or [{}])[0].get("base")
        base_unit = units.names.get(base) if base else None
        if q.unit.name == "percentage":
            kind = "percent"
        elif entity == "currency" or (base_unit is not None and base_unit.entity.name == "currency"):
            kind = "money"
        elif entity not in ("dimensionless", "currency", "time", "unknown"):
            kind = "dimension"
        else:
            kind = "other"
        out.append(Report(f"{q.surface!r}={v:g} {q.unit.name}", values, bounds, kind))
    return out


def load_quantulum(no_classifier: bool) -> tuple[Callable[[str], list], object, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the "classifier dependencies not installed" warning
        from quantulum3 import classifier, load, parser
    version = importlib.metadata.version("quantulum3")
    if no_classifier:
        classifier.USE_CLF = False  # what quantulum3 does itself when scikit-learn is missing
    if classifier.USE_CLF and classifier.classifier().loaded:
        sk = importlib.metadata.version("scikit-learn")
        mode = f"quantulum3 {version}, unit classifier ON (scikit-learn {sk})"
    else:
        mode = f"quantulum3 {version}, classifier OFF (its heuristic word-overlap disambiguation)"
    return parser.parse, load.units(), mode


# --- scoring ---------------------------------------------------------------------------------------


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _share(a: Iterable[float], b: Iterable[float]) -> bool:
    b = list(b)
    return any(_same(x, y) for x in a for y in b)


def _same_bound(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and _same(a, b))


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): left index -> right index."""
    adj = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    right_of: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in right_of or augment(right_of[j], seen):
                right_of[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in right_of.items()}


@dataclass
class Score:
    expected: int = 0
    matched: int = 0
    typed_matched: int = 0
    reported: int = 0  # reports of the counted kind (precision's denominator)
    reported_matched: int = 0
    bounds_exact: int = 0
    negatives: int = 0
    negatives_hit: int = 0
    negatives_sidebar: int = 0
    misses: list[str] = field(default_factory=list)
    false_reports: list[str] = field(default_factory=list)


def score(ds: Dataset, reports: list[list[Report]]) -> Score:
    s = Score()
    for item, reps in zip(ds.items, reports, strict=True):
        exp = item.expected
        s.expected += len(exp)
        m = max_matching(len(exp), len(reps), lambda i, j, e=exp, r=reps: _share(e[i].values, r[j].values))
        s.matched += len(m)
        for i, e in enumerate(exp):
            if i not in m:
                got = "; ".join(r.surface for r in reps) or "nothing"
                s.misses.append(f"{item.text!r}\n      expected {e.label!r} {e.values[0]:g}, got {got}")
        if ds.typed:
            typed = [r for r in reps if r.kind == ds.typed]
            mt = max_matching(
                len(exp), len(typed), lambda i, j, e=exp, r=typed: _share(e[i].values, r[j].values)
            )
            s.typed_matched += len(mt)
        if ds.precision:
            counted = [r for r in reps if ds.typed is None or r.kind == ds.typed]
            mp = max_matching(
                len(counted), len(exp), lambda i, j, r=counted, e=exp: _share(r[i].values, e[j].values)
            )
            s.reported += len(counted)
            s.reported_matched += len(mp)
            for i, r in enumerate(counted):
                if i not in mp:
                    s.false_reports.append(f"{item.text!r}\n      reported {r.surface}")
        if any(e.bounds for e in exp):
            mb = max_matching(
                len(exp),
                len(reps),
                lambda i, j, e=exp, r=reps: any(
                    _same_bound(lo, r[j].bounds[0]) and _same_bound(hi, r[j].bounds[1])
                    for lo, hi in e[i].bounds
                ),
            )
            s.bounds_exact += len(mb)
        for value, why in item.negatives:
            s.negatives += 1
            if any(_share([value], r.values) for r in reps):
                s.negatives_hit += 1
                s.negatives_sidebar += why.startswith("unrelated")
                s.false_reports.append(f"{item.text[:100]!r}\n      reported negative {value:g} ({why})")
    return s


# --- timing ----------------------------------------------------------------------------------------


def run_timed(parse: Callable[[str], list], texts: list[str]) -> tuple[list[list], float, int]:
    """Warm-up pass (its results are the ones scored), then the best of REPEATS timed passes."""
    errors = 0

    def one_pass() -> list[list]:
        nonlocal errors
        out = []
        for t in texts:
            try:
                out.append(parse(t))
            except Exception:
                errors += 1
                out.append([])
        return out

    results = one_pass()
    warm_errors = errors
    best = math.inf
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        one_pass()
        best = min(best, time.perf_counter() - t0)
    return results, best, warm_errors


# --- output ----------------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "-"


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--q3-no-classifier", action="store_true", help="run quantulum3 with its classifier off")
    ap.add_argument("--show", type=int, default=0, help="list up to N misses and false reports per parser")
    a = ap.parse_args()
    try:
        q3_parse, q3_units, q3_mode = load_quantulum(a.q3_no_classifier)
    except ImportError:
        sys.exit("quantulum3 is not installed here: run this in the bench venv (see benchmarks/README.md)")

    numbers = a.shared / "bench" / "numbers"
    datasets = [
        load_seed(a.shared),
        load_recognizers(numbers / "recognizers-Number-NumberModel.json", "rt-number", None),
        load_recognizers(numbers / "recognizers-Number-PercentModel.json", "rt-percent", "percent"),
        load_recognizers(numbers / "recognizers-NumberWithUnit-CurrencyModel.json", "rt-currency", "money"),
        load_recognizers(
            numbers / "recognizers-NumberWithUnit-DimensionModel.json", "rt-dimension", "dimension"
        ),
        load_q3_tests(numbers / "quantulum3-quantities.json"),
    ]
    parsers = {
        "newsrecon": (find_quantities, newsrecon_reports),
        "quantulum3": (q3_parse, lambda raw: quantulum_reports(raw, q3_units)),
    }

    print(f"newsrecon {importlib.metadata.version('newsrecon')}: find_quantities (regular expressions)")
    print(f"{q3_mode}")
    print("value recall: expected quantities matched one to one by a report sharing a value (1e-6 rel.);")
    print("typed recall: the same, with only reports of the set's type; value precision: matched reports /")
    print(
        "reports of the annotated kind. Ranges count by bound or midpoint for both parsers (see docstring)."
    )
    print(f"sentences/s: best of {REPEATS} timed passes after a warm-up.\n")

    header = (
        f"{'dataset':13s} {'items':>5s} {'parser':10s} {'value recall':>17s} {'typed recall':>17s} "
        f"{'value precision':>17s} {'negatives':>9s} {'sentences/s':>11s}"
    )
    print(header)
    print("-" * len(header))
    speeds: dict[str, dict[str, float]] = {}
    notes, listings = [], []
    for ds in datasets:
        texts = [it.text for it in ds.items]
        for pname, (parse, normalise) in parsers.items():
            raw, best, errors = run_timed(parse, texts)
            s = score(ds, [normalise(r) for r in raw])
            speed = len(texts) / best
            speeds.setdefault(ds.name, {})[pname] = speed
            neg = f"{s.negatives_hit}/{s.negatives}" if s.negatives else "-"
            print(
                f"{ds.name:13s} {len(texts):5d} {pname:10s} {_ratio(s.matched, s.expected):>17s} "
                f"{_ratio(s.typed_matched, s.expected) if ds.typed else '-':>17s} "
                f"{_ratio(s.reported_matched, s.reported) if ds.precision else '-':>17s} "
                f"{neg:>9s} {speed:11.0f}"
            )
            if errors:
                notes.append(f"{pname} raised on {errors} {ds.name} inputs (scored as reporting nothing)")
            if ds.name == "seed":
                notes.append(
                    f"seed, {pname}: bounds exact {_ratio(s.bounds_exact, s.expected)}; "
                    f"negatives reported {s.negatives_hit}/{s.negatives}, of which {s.negatives_sidebar} are "
                    f"real figures in unrelated sidebars (the cleaner's job, not the parser's)"
                )
            if a.show:
                listings.append((f"{pname} on {ds.name}: misses", s.misses[: a.show]))
                listings.append((f"{pname} on {ds.name}: false reports", s.false_reports[: a.show]))
    print()
    for pname in parsers:
        speeds.setdefault("all sets", {})[pname] = sum(len(ds.items) for ds in datasets) / sum(
            len(ds.items) / speeds[ds.name][pname] for ds in datasets
        )
    for name, sp in speeds.items():
        print(
            f"speed ratio on {name:13s} newsrecon / quantulum3 = {sp['newsrecon'] / sp['quantulum3']:7.1f}x"
        )
    skipped = ", ".join(f"{ds.name} {ds.skipped}" for ds in datasets if ds.skipped)
    print(f"\nleft out: {skipped} (NotSupported for python; seed: optional mentions with no number)")
    for n in notes:
        print(n)
    for title, lines in listings:
        if lines:
            print(f"\n{title}:")
            for line in lines:
                print(f"  - {line}")


if __name__ == "__main__":
    main()
