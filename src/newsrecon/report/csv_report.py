"""Claims and measures as CSV files, for spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

from newsrecon.model import Referent, Result
from newsrecon.report.files import replacing

CLAIM_COLUMNS = (
    "id", "doc", "line", "start", "end", "surface", "low", "high", "approximate", "hedge", "unit", "counted",
    "category", "source", "source_surface", "via", "measure", "sentence", "referent_thing", "referent_predicate",
    "referent_holder", "referent_scope", "referent_time", "referent_unit", "referent_side", "referent_start",
    "referent_end",
)  # fmt: skip
MEASURE_COLUMNS = (
    "id",
    "story",
    "label",
    "status",
    "independent_sources",
    "sources",
    "claims",
    "category",
    "unit",
    "why",
    "confidence",
)


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)"): text
# cells that do are written with a leading apostrophe, which spreadsheets show as plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(row: list) -> list:
    """A row whose text cells cannot be read as formulas; numbers stay numbers."""
    return ["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in row]


def write_csv(result: Result, folder: str | Path) -> list[Path]:
    """Write claims.csv and measures.csv into `folder` (created if needed); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    claims_path, measures_path = folder / "claims.csv", folder / "measures.csv"
    with replacing(claims_path, newline="") as f:
        w = csv.writer(f)
        w.writerow(CLAIM_COLUMNS)
        for d in result.documents:
            for c in d.claims:
                q = c.quantity
                r = c.referent or Referent()
                w.writerow(_safe([
                    c.id, c.doc, c.line, c.start, c.end, c.surface, q.low, q.high, q.approximate, q.hedge, q.unit,
                    q.counted, q.category, c.source, c.source_surface, "; ".join(c.via), c.measure, c.text,
                    r.thing, r.predicate, r.holder, r.scope, r.time, r.unit, r.side, r.start, r.end,
                ]))  # fmt: skip
    with replacing(measures_path, newline="") as f:
        w = csv.writer(f)
        w.writerow(MEASURE_COLUMNS)
        for s in result.stories:
            for m in s.measures:
                w.writerow(_safe([
                    m.id, s.id, m.label, m.status, m.independent_sources, "; ".join(m.sources), " ".join(m.claims),
                    m.category, m.unit, m.why, m.confidence,
                ]))  # fmt: skip
    return [claims_path, measures_path]
