"""Across documents: copies, measures and their verdicts, the story's time frame."""

from newsrecon.align.story import build_story

__all__ = ["build_story"]
