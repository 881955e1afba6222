"""Dates in the text resolved, undated articles dated from their story, one timeline across outlets."""

from newsrecon.timeline.events import build_timeline, document_dates, infer_published
from newsrecon.timeline.expressions import find_dates, resolve

__all__ = ["build_timeline", "document_dates", "find_dates", "infer_published", "resolve"]
