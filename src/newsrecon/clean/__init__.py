"""Cleaning flattened article text: normalisation with offset maps, and boilerplate removal."""

from newsrecon.clean.boilerplate import Verdict, classify
from newsrecon.clean.lines import Line, split_lines
from newsrecon.clean.normalize import NormalizedText, normalize

__all__ = ["Line", "NormalizedText", "Verdict", "classify", "normalize", "split_lines"]
