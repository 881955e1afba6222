"""Cleaning flattened article text: normalisation with offset maps, and boilerplate removal."""

from newsrecon.clean.boilerplate import NOT_AN_ARTICLE_BELOW, Verdict, article_confidence, classify
from newsrecon.clean.lines import Line, mostly_short, split_lines, wrap_width
from newsrecon.clean.normalize import NormalizedText, normalize
from newsrecon.clean.reading import Reading, read_page

__all__ = [
    "NOT_AN_ARTICLE_BELOW",
    "Line",
    "NormalizedText",
    "Reading",
    "Verdict",
    "article_confidence",
    "classify",
    "mostly_short",
    "normalize",
    "read_page",
    "split_lines",
    "wrap_width",
]
