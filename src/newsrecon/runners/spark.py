"""The Spark runner: the per-document stages on a Spark cluster, or on Spark in local mode.

The stages are pure functions of one frozen record, so Spark only has to ship them and the records:
items go out as one RDD, each executor's Python worker loads the language model once (Spark reuses
its Python workers), and the results come back in input order. The corpus-level stages (stories,
the store) stay on the driver, as with the local runner. On a cluster, newsrecon must be installed
in the executors' Python, like any library a PySpark job imports.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from newsrecon.errors import RunnerError

T = TypeVar("T")
R = TypeVar("R")

LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
MASTER = re.compile(r"local(\[(\d+|\*)(,\s*\d+)?\])?|yarn|(spark|k8s|mesos)://\S+")
MASTERS = "local, local[N], local[*], spark://HOST:PORT, k8s://URL or yarn"
ITEMS_PER_PARTITION = 32  # documents per task: enough work to outweigh a task's start
# A task whose executor or Python worker is lost (killed, out of memory) runs again, up to this
# many attempts in all, before the job fails (E403). Per-document failures never get here: they come
# back as problems.
TASK_ATTEMPTS = 4


def with_retries(master: str) -> str:
    """A local master that retries a lost task: Spark's local mode makes one attempt unless the
    master says more ("local[2]" -> "local[2,4]"); a master that says already is kept."""
    m = re.fullmatch(r"local(?:\[(\d+|\*)\])?", master.strip())
    if m is None:
        return master
    return f"local[{m.group(1) or 1},{TASK_ATTEMPTS}]"


class SparkRunner:
    """Run a stage over items on Spark. `master`: a Spark master URL ("local[4]",
    "spark://host:7077", "yarn"); None takes spark-submit's when run under it, else "local[*]".
    The session starts at the first `map` and is shared with the rest of the process (`close`
    stops it). Raises `RunnerError` when Spark cannot start (E402) or a job fails (E403)."""

    def __init__(self, master: str | None = None, partitions: int | None = None) -> None:
        self.master = master
        self.partitions = partitions
        self._session = None

    def map(self, stage: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return
        context = self.start().sparkContext
        slices = self.partitions or max(context.defaultParallelism, -(-len(items) // ITEMS_PER_PARTITION))
        try:  # collect() returns the partitions in order, each in its items' order
            results = context.parallelize(items, min(slices, len(items))).map(stage).collect()
        except Exception as exc:  # an executor without newsrecon, one lost: Py4J's error, named
            raise RunnerError("E403", detail=_first_line(exc)) from exc
        yield from results

    def close(self) -> None:
        """Stop the Spark session this runner started (or joined)."""
        if self._session is not None:
            self._session.stop()
            self._session = None

    def start(self):
        """The Spark session, started now if it is not yet; raises E402 when Spark cannot start."""
        if self._session is not None:
            return self._session
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise RunnerError(
                "E402", detail="pyspark is not installed: pip install 'newsrecon[spark]'"
            ) from None
        if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
            raise RunnerError("E402", detail="no Java runtime found (set JAVA_HOME or put java on PATH)")
        if self.master and not MASTER.fullmatch(self.master):
            raise RunnerError("E402", detail=f"{self.master!r} is not a master URL ({MASTERS})")
        # Local executors run this very interpreter, where newsrecon and its model are installed;
        # a cluster's run the Python its own configuration names.
        if (self.master or "local").startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = SparkSession.builder.appName("newsrecon")
        # Under spark-submit (which starts this process beside its JVM) the master is the one given there.
        if self.master or "PYSPARK_GATEWAY_PORT" not in os.environ:
            builder = builder.master(with_retries(self.master or "local[*]"))
        try:
            self._session = (
                builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG}")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.log.level", "ERROR")
                .config("spark.python.worker.reuse", "true")
                .config("spark.task.maxFailures", str(TASK_ATTEMPTS))
                .getOrCreate()
            )
        except Exception as exc:  # py4j and Spark raise their own kinds: one message for all
            raise RunnerError("E402", detail=f"the session did not start ({_first_line(exc)})") from exc
        return self._session


def _first_line(exc: Exception) -> str:
    """The gist of a Spark or Py4J error (their messages run to pages of Java stack)."""
    text = str(exc).strip() or repr(exc)
    return text.splitlines()[0][:300]
