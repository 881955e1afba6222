"""An article's kept paragraphs as runs of plain text and claims, for the article page to mark up.

The template escapes every run; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsrecon.model import Claim, Document
from newsrecon.report.html_report import _anchor as anchor  # the ids the HTML dossier gives claims

__all__ = ["Run", "anchor", "paragraphs"]


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph: plain text, or the figure of `claim`."""

    text: str
    claim: Claim | None = None


def paragraphs(doc: Document) -> list[list[Run]]:
    """Each kept paragraph of the text as read, split at the figures it holds (an overlapping one,
    rare, is left unmarked: the claims table lists it)."""
    ordered = sorted(doc.claims, key=lambda c: (c.start, c.end))
    out = []
    for p in doc.paragraphs:
        runs, pos = [], p.start
        for c in ordered:
            if c.start < pos or c.end > p.end or c.start < p.start:
                continue
            if c.start > pos:
                runs.append(Run(doc.text[pos : c.start]))
            runs.append(Run(doc.text[c.start : c.end], c))
            pos = c.end
        if pos < p.end:
            runs.append(Run(doc.text[pos : p.end]))
        out.append(runs)
    return out
