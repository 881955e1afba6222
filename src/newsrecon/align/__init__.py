"""Across documents: copies, measures and their verdicts, the story's time frame."""

from newsrecon.align.cluster import StoryIndex, cluster_stories
from newsrecon.align.story import build_corpus_stories, build_stories, build_story

__all__ = ["StoryIndex", "build_corpus_stories", "build_stories", "build_story", "cluster_stories"]
