"""Adding articles from the app: a queue of jobs that one background thread works through.

Each job hands its files (uploaded, or fetched into a web archive) to `newsrecon.analyze(...,
corpus=True)`, so the `Store` inside it stays the store's only writer and new articles join their
stories as a `--corpus` run files them. One job runs at a time: a corpus run needs the store's
filing to itself (E303 otherwise).
"""

from __future__ import annotations

import datetime as dt
import itertools
import queue
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsrecon.errors import NewsreconError, message
from newsrecon.model import InputProblem

KEEP_JOBS = 200  # finished jobs remembered (in memory: a restart forgets them, the store keeps the articles)


@dataclass
class Job:
    """One batch of articles to add, and how far it has got. Mutable: the worker updates it, pages
    read `snapshot()`."""

    id: int
    kind: str  # "upload" or "urls"
    inputs: tuple[str, ...]  # file names, or URLs
    created: str
    state: str = "queued"  # queued, running, done, failed
    stage: str = ""
    done: int = 0
    total: int | None = None
    error: str | None = None
    problems: list[InputProblem] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)  # {sha256, id, title}
    stories: list[dict[str, Any]] = field(default_factory=list)  # {scope, id, url}
    folder: Path | None = None

    def snapshot(self) -> dict[str, Any]:
        """The job as the API and the job page show it."""
        return {
            "id": self.id, "kind": self.kind, "inputs": list(self.inputs), "created": self.created,
            "state": self.state, "stage": self.stage, "done": self.done, "total": self.total, "error": self.error,
            "problems": [{"source": p.source, "code": p.code, "reason": p.reason} for p in self.problems],
            "added": list(self.added), "stories": list(self.stories), "url": f"/jobs/{self.id}",
        }  # fmt: skip


def safe_name(name: str, taken: set[str]) -> str:
    """An uploaded file's name as a file name in the job's folder: its last part, odd characters
    replaced, unique (the extension is kept: it says how analyze reads the file)."""
    base = re.sub(r"[^\w.-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip(".")[:120] or "upload"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        stem, dot, ext = base.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


class Jobs:
    """The queue and its one worker thread (started on first use, a daemon: stopping the server
    stops it; a job cut short stores nothing, as an interrupted analyze does)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._queue: queue.Queue[Job] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="newsrecon-jobs", daemon=True)
            self._thread.start()

    def submit_files(self, files: list[tuple[str, bytes]]) -> Job:
        """Queue uploaded files (name, content): written into a folder of their own beside the store
        (FILE.db.uploads/), kept as the stored documents' sources are, then analysed."""
        uploads = self.db.with_name(self.db.name + ".uploads")
        uploads.mkdir(exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=uploads))
        taken: set[str] = set()
        names = []
        for name, content in files:
            path = folder / safe_name(name, taken)
            path.write_bytes(content)
            names.append(name)
        return self._add("upload", tuple(names), folder)

    def submit_urls(self, urls: list[str]) -> Job:
        """Queue URLs of pages or feeds to fetch, then analyse."""
        return self._add("urls", tuple(urls), None)  # analyze fetches them into an archive of its own

    def _add(self, kind: str, inputs: tuple[str, ...], folder: Path | None) -> Job:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._lock:
            job = Job(next(self._ids), kind, inputs, now, folder=folder)
            self._jobs[job.id] = job
            for old in sorted(self._jobs)[:-KEEP_JOBS]:
                if self._jobs[old].state in ("done", "failed"):
                    del self._jobs[old]
        self._queue.put(job)
        self._start()
        return job

    def get(self, job_id: int) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: -j.id)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                self._run(job)
            except NewsreconError as exc:
                job.state, job.error = "failed", f"{exc.reason} [{exc.code}]"
            except Exception as exc:  # a job's failure is shown on its page; the worker goes on
                job.state, job.error = "failed", f"{message('E508', detail=exc)} [E508]"
            finally:  # an upload's folder stays: its files are the stored documents' sources
                self._queue.task_done()

    def _run(self, job: Job) -> None:
        job.state = "running"

        def progress(stage: str, done: int, total: int | None) -> None:
            job.stage, job.done, job.total = stage, done, total

        folder = job.folder
        from newsrecon.ingest.fetch import is_url
        from newsrecon.pipeline import analyze  # spaCy and the models load with the first job, not at start

        # URLs are fetched by analyze itself, into a temporary archive: documents named by their URL
        paths: list[str | Path] = [folder] if folder is not None else list(job.inputs)
        result = analyze(paths, db=self.db, corpus=True, progress=progress, workers=1)
        job.problems.extend(result.problems)
        ours = is_url if folder is None else lambda source: str(folder) in source
        mine = {d.sha256 for d in result.documents if ours(d.source)}
        job.added = [
            {"sha256": d.sha256, "id": d.id, "title": d.meta.value("title")}
            for d in result.documents
            if d.sha256 in mine
        ]
        job.stories = [
            {"scope": "corpus", "id": s.id, "url": f"/story/corpus/{quote(s.id, safe='')}"}
            for s in result.stories
            if any(d in {a["id"] for a in job.added} for d in s.docs)
        ]
        job.state, job.stage = "done", "done"
