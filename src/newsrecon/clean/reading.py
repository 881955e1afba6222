"""A page dump as the cleaner reads it: markup blanked, text normalised, lines found.

One place for the steps before the line model, so that the fitting script (benchmarks/fit_cleaner.py)
reads a page exactly as `clean_document` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsrecon.clean.lines import Line, split_lines, wrap_width
from newsrecon.clean.markdown import is_markdown, link_shares, unmark_links, unstar, wrapped_lines
from newsrecon.clean.normalize import NormalizedText, normalize


@dataclass(frozen=True, slots=True)
class Reading:
    """`text`: the input with Markdown or a renderer's list markers blanked to spaces (same length
    and lines, so its offsets are the input's); `norm` its normalised form, whose offsets `lines`
    hold; `linked`: each line's share of link text, where the input said (Markdown)."""

    text: str
    norm: NormalizedText
    lines: list[Line]
    linked: list[float] | None = None


def read_page(text: str) -> Reading:
    """Blank the markup, normalise, and split into lines (a hard-wrapped text's lines joined)."""
    marked, links = None, None
    if is_markdown(text):
        marked, (text, links) = normalize(text).text, unmark_links(text)
    elif (unstarred := unstar(text)) is not text:
        marked, text = normalize(text).text, unstarred
    norm = normalize(text)
    # The wrapper broke the lines it was given, markup and all: judge its breaks on those.
    width = wrap_width(wrapped_lines(marked) if marked is not None else norm.text)
    lines = split_lines(norm.text, width, marked)
    linked = link_shares(lines, links, text, norm.to_original) if links is not None else None
    return Reading(text, norm, lines, linked)
