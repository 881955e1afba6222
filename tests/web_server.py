"""The web tests' store and server: a real store built once per test session by `analyze`, served by
a real uvicorn server on 127.0.0.1 (a free port) in a thread of the test process."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
import threading
import time
from functools import cache
from pathlib import Path

import uvicorn

from newsrecon import analyze
from newsrecon.web.app import create_app
from newsrecon.web.command import _bind, prepare

from .conftest import EXAMPLES

TOKEN = "test-token-1234"
GOLD = ("seed-story", "aceh-quake", "veto-911", "clinton-tax", "hunter-indicted")
# An invented article whose every field carries script and markup: the pages must show it as text.
HOSTILE = {
    "id": "hostile-levee",
    "title": 'Levee <script>window.__pwned=1</script> "><svg onload=window.__pwned=2> report',
    "outlet": "<img src=x onerror=window.__pwned=3>",
    "url": "javascript:window.__pwned=4",
    "published": "2026-03-06",
    "text": 'Levee <script>window.__pwned=1</script> "><svg onload=window.__pwned=2> report\n\n'
    "By <img src=x onerror=window.__pwned=5> Mallory\n\n"
    "MILLBROOK — About 250 <b onmouseover=window.__pwned=6>homes</b> were flooded, county officials"
    ' said on Friday, in a statement posted at javascript:window.__pwned=7 and "><svg onload=window.__pwned=8>.\n\n'
    "The county said 14 roads <script>window.__pwned=9</script> remained closed after the levee breach.\n",
}


@cache
def built_store(shared: Path) -> Path:
    """The store: the examples, then the gold stories and the hostile article, as two corpus runs."""
    folder = Path(tempfile.mkdtemp(prefix="newsrecon-web-test-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "hostile").mkdir()
    (folder / "hostile" / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "news.db"
    analyze([EXAMPLES], db=db, corpus=True)
    analyze([*(shared / "corpus" / g for g in GOLD), folder / "hostile"], db=db, corpus=True)
    analyze([oscar_hosts(shared, folder)], db=db, corpus=True)
    return db


def oscar_hosts(shared: Path, folder: Path) -> Path:
    """ECB+'s topic 2, as JSON Lines: two events of one kind (one Oscars host named, then another
    years later), two stories that are related."""
    path = folder / "oscar-hosts" / "records.jsonl"
    path.parent.mkdir()
    lines = (shared / "bench" / "ecbplus" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if x and json.loads(x)["topic"] == 2) + "\n", encoding="utf-8")
    return path


class Server:
    """The app over `db`, served by uvicorn in a thread until `stop`."""

    def __init__(self, db: Path, token: str = TOKEN) -> None:
        self.db = db
        prepare(db, "127.0.0.1", token)  # migrates, as `newsrecon serve` does before it serves
        sock = _bind("127.0.0.1", 0)
        self.origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(db, token), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@cache
def running(shared: Path) -> Server:
    """One server over the session's store, for every web test module."""
    server = Server(built_store(shared))
    atexit.register(server.stop)
    return server
