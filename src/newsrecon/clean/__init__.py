"""Cleaning flattened article text: normalisation with offset maps, and boilerplate removal."""

from newsrecon.clean.boilerplate import NOT_AN_ARTICLE_BELOW, Verdict, article_confidence, classify
from newsrecon.clean.lines import Line, mostly_short, split_lines, wrap_width
from newsrecon.clean.normalize import NormalizedText, normalize

__all__ = [
    "NOT_AN_ARTICLE_BELOW",
    "Line",
    "NormalizedText",
    "Verdict",
    "article_confidence",
    "classify",
    "mostly_short",
    "normalize",
    "split_lines",
    "wrap_width",
]
