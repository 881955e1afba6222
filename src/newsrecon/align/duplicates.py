"""Copies of one text among a story's documents: syndicated wire stories, reposts, mirrors."""

from __future__ import annotations

import re

from newsrecon.model import Document

_WORD = re.compile(r"\w+")
SHINGLE = 5
THRESHOLD = 0.5  # share of 5-word shingles in common (Jaccard) above which two bodies are one text


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def duplicate_groups(documents: list[Document]) -> list[list[str]]:
    """Groups of documents (ids, in input order) whose bodies are copies of one text."""
    sets = [shingles(d.body) for d in documents]
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(documents)):
        for j in range(i + 1, len(documents)):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) / len(a | b) >= THRESHOLD:
                parent[find(j)] = find(i)
    groups: dict[int, list[str]] = {}
    for i, d in enumerate(documents):
        groups.setdefault(find(i), []).append(d.id)
    return [g for g in groups.values() if len(g) > 1]
