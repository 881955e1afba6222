"""Copies of one text among documents: syndicated wire stories, reposts, mirrors.

MinHash signatures of 5-word shingles, bucketed by locality-sensitive hashing, find candidate
pairs without comparing every document with every other; candidates are then checked against the
exact shingle overlap, so what is reported as a copy is one.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

import numpy as np

from newsrecon.model import Document

_WORD = re.compile(r"\w+")
SHINGLE = 5
THRESHOLD = 0.5  # share of 5-word shingles in common (Jaccard) above which two bodies are one text
PERMUTATIONS = 64
_EMPTY = np.zeros(0, dtype=np.uint32)


def shingles(text: str, n: int = SHINGLE) -> np.ndarray:
    """Word n-grams of a text as sorted, distinct 32-bit checksums: four bytes a shingle where the
    string takes some 80, since every document's shingles are kept until the end. None for an
    empty text: empty bodies are not copies of each other."""
    words = _WORD.findall(text.lower())
    grams = (" ".join(words[i : i + n]).encode("utf-8") for i in range(max(1, len(words) - n + 1)))
    return np.unique(np.fromiter((zlib.crc32(g) for g in grams), dtype=np.uint32)) if words else _EMPTY


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Shingles in common over shingles in either (of two `shingles` results)."""
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common) if a.size or b.size else 0.0


def _identity(value: int) -> int:
    return value  # shingles are hashed already


@cache
def _bands() -> tuple[int, int]:
    """The LSH's bands and rows for a threshold of 0.8 x THRESHOLD, found once: datasketch finds them
    by numerical integration each time an index is made, which cost more than the index itself
    when every story of a corpus made one."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD * 0.8, num_perm=PERMUTATIONS)
    return lsh.b, lsh.r


def duplicate_groups(documents: list[Document]) -> list[list[str]]:
    """Groups of documents (ids, in input order) whose bodies are copies of one text."""
    from datasketch import MinHash, MinHashLSH

    sets = [shingles(d.body) for d in documents]
    lsh = MinHashLSH(num_perm=PERMUTATIONS, params=_bands())  # generous: exact check follows
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, words in enumerate(sets):
        if not words.size:
            continue
        m = MinHash(num_perm=PERMUTATIONS, hashfunc=_identity)
        m.update_batch(words.tolist())
        for key in lsh.query(m):
            j = int(key)
            if jaccard(sets[i], sets[j]) >= THRESHOLD:
                parent[find(i)] = find(j)
        lsh.insert(str(i), m)
    groups: dict[int, list[str]] = {}
    for i, d in enumerate(documents):
        groups.setdefault(find(i), []).append(d.id)
    return [g for g in groups.values() if len(g) > 1]
