"""The local runner: per-document stages in this process or in a pool of worker processes.

Documents are frozen records, so they travel to workers and back by pickling; each worker loads
the language model once. Results come back in input order, and a document whose stage fails comes
back as the failure, never as a stopped run.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 16  # fewer documents than this are not worth starting processes for


class Runner(Protocol):
    """What the pipeline needs from a runner: map a pure stage over items, in order."""

    def map(self, stage: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


def _die_with(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone. A pool's workers are
    stopped by their parent; when the parent is killed outright (kill -9, the OOM killer) nothing
    stops them, and they would go on with the language model in memory."""

    # Ctrl-C reaches the whole process group: the parent stops the run and then its workers, which
    # would otherwise each print a traceback; SIGTERM (how the parent stops them) ends them at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsrecon-parent-watch", daemon=True).start()


def default_workers() -> int:
    """One worker per core, at most four (each holds a copy of the language model)."""
    return max(1, min(4, os.cpu_count() or 1))


class LocalRunner:
    """Run a stage here (workers=1) or in `workers` local processes.

    The processes start at the first `map` that needs them and serve every later call until
    `close` (a streaming run maps batch after batch; each worker loads the language model once)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(1, workers)
        self._pool: multiprocessing.pool.Pool | None = None

    def map(self, stage: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if self.workers == 1 or len(items) < PARALLEL_FROM:
            yield from map(stage, items)
            return
        if self._pool is None:
            context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            self._pool = context.Pool(self.workers, initializer=_die_with, initargs=(os.getpid(),))
        yield from self._pool.imap(stage, items, chunksize=4)

    def close(self) -> None:
        """Stop the worker processes, if any started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
