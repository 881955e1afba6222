"""A run's documents kept on disk while it runs, so that its memory does not grow with the corpus.

A processed `Document` holds its whole text, body and claims: tens of kilobytes in memory, a few
gigabytes for 100,000 articles. `analyze` puts each one on a `Shelf` (pickled into a temporary file)
as it is done and keeps only what the corpus stages read (see `pipeline.Brief`); a story's
documents are taken off the shelf while the story is built, and the result's documents are a
`ShelfView`, read back one at a time by the writers.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from newsrecon.model import Document


class Shelf:
    """Documents by id in one temporary file (removed when the shelf is closed or collected).

    Putting a document under an id already there replaces it (the later bytes are read)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="newsrecon-shelf-")  # noqa: SIM115 (lives with the shelf)
        self._where: dict[str, tuple[int, int]] = {}  # id -> (offset, length)
        self._end = 0
        self._lock = threading.Lock()  # one seek-and-read at a time (a web app may read from threads)

    def put(self, doc: Document) -> None:
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._file.seek(self._end)
            self._file.write(data)
            self._where[doc.id] = (self._end, len(data))
            self._end += len(data)

    def put_all(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            self.put(doc)

    def get(self, doc_id: str) -> Document:
        """The document under `doc_id`; KeyError when none was put."""
        offset, length = self._where[doc_id]
        with self._lock:
            self._file.seek(offset)
            data = self._file.read(length)
        return pickle.loads(data)

    def get_all(self, doc_ids: Iterable[str]) -> list[Document]:
        return [self.get(i) for i in doc_ids]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._where

    def __len__(self) -> int:
        return len(self._where)

    def close(self) -> None:
        self._file.close()


class ShelfView(Sequence[Document]):
    """Some of a shelf's documents in a given order, read from disk each time one is asked for.

    Equal to any sequence of the same documents; pickles as a tuple (what leaves the process
    holds the documents, not the file)."""

    def __init__(self, shelf: Shelf, ids: Sequence[str]) -> None:
        self._shelf = shelf
        self._ids = tuple(ids)

    @property
    def ids(self) -> tuple[str, ...]:
        return self._ids

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, i: int) -> Document: ...
    @overload
    def __getitem__(self, i: slice) -> ShelfView: ...
    def __getitem__(self, i: int | slice) -> Document | ShelfView:
        if isinstance(i, slice):
            return ShelfView(self._shelf, self._ids[i])
        return self._shelf.get(self._ids[i])

    def __iter__(self) -> Iterator[Document]:
        return (self._shelf.get(i) for i in self._ids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to tuples and lists: no hash of its own

    def __repr__(self) -> str:
        return f"ShelfView({len(self._ids)} documents)"

    def __reduce__(self):
        return tuple, (tuple(self),)
