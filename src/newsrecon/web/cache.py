"""The app's outermost layer: safe headers on every response, and rendered pages kept while the store
is unchanged.

A story, an article or a search result page is a function of the store and the request, and the
store changes only when a run writes to it. So a page that was rendered is answered again from
memory until the store's files change (their size or modification time: every commit writes the
database or its write-ahead log). Kept: successful GET responses of pages and of the read API, up
to `max_bytes` in all, least recently used dropped first; never the login, the add form or jobs,
whose answers change without the store changing. The key holds the request's cookie and
authorization headers, so a page rendered for a logged-in browser is only ever answered to it.

It is also where an unexpected failure ends: a page saying so (E509) and one line in the log,
never a traceback. A pure ASGI middleware (no per-request task, unlike Starlette's
BaseHTTPMiddleware).
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from newsrecon.errors import message

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]

log = logging.getLogger("newsrecon.web")
FAILED = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Error</title>"
    f"<h1>Error</h1><p>{message('E509')} [E509]. <a href=/>Stories</a></p>"
)
UNCACHED = ("/login", "/add", "/jobs", "/api/jobs", "/static/")
MAX_ENTRY = 2 * 1024 * 1024  # a response larger than this (a big download) is not kept


def store_generation(db: Path) -> tuple[int, ...]:
    """What changes whenever the store is written: size and mtime of the file and its WAL."""
    out: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = os.stat(path)
        except OSError:
            out += [0, 0]
            continue
        # an empty log is none: the first reader to open the store creates it, and nothing changed
        out += [st.st_size, st.st_mtime_ns if st.st_size else 0]
    return tuple(out)


class PageCache:
    """Safe headers on every response; rendered GET pages answered from memory (see the module)."""

    def __init__(self, app: ASGIApp, db: Path, headers: dict[str, str], max_bytes: int = 64 * 1024 * 1024):
        self.app, self.db, self.max_bytes = app, db, max_bytes
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        self.pages: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.generation: tuple[int, ...] = ()
        self.hits = self.misses = 0

    def _cacheable(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        return (
            self.max_bytes > 0
            and scope.get("method") == "GET"
            and not any(path == p.rstrip("/") or path.startswith(p.rstrip("/") + "/") for p in UNCACHED)
        )

    def _with_headers(self, headers: list) -> list:
        have = {name.lower() for name, _ in headers}
        return [*headers, *((k, v) for k, v in self.headers if k not in have)]

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = None
        if self._cacheable(scope):
            generation = store_generation(self.db)
            if generation != self.generation:
                self.pages.clear()
                self.size, self.generation = 0, generation
            wanted = {b"cookie", b"authorization", b"host"}
            key = (
                scope["path"],
                scope.get("query_string", b""),
                tuple((k, v) for k, v in scope.get("headers", ()) if k in wanted),
            )
            hit = self.pages.get(key)
            if hit is not None:
                self.pages.move_to_end(key)
                self.hits += 1
                status, headers, body = hit
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            self.misses += 1
        started: dict[str, Any] = {}
        parts: list[bytes] = []

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._with_headers(list(message.get("headers", [])))
                started.update(status=message["status"], headers=message["headers"])
            elif message["type"] == "http.response.body" and key is not None:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, started, b"".join(parts))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except (
            Exception
        ) as exc:  # a bug, not the request's fault: a coded page and one log line, no traceback
            log.error("%s %s failed: %r [E509]", scope.get("method"), scope.get("path"), exc)
            log.debug("the failure in full", exc_info=True)
            if not started:
                body = FAILED.encode()
                headers = [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ]
                await send(
                    {"type": "http.response.start", "status": 500, "headers": self._with_headers(headers)}
                )
                await send({"type": "http.response.body", "body": body})

    def _keep(self, key: tuple, started: dict[str, Any], body: bytes) -> None:
        if started.get("status") != 200 or len(body) > MAX_ENTRY:
            return
        if key in self.pages:  # rendered twice at once: keep one
            self.size -= len(self.pages.pop(key)[2])
        self.pages[key] = (200, started["headers"], body)
        self.size += len(body)
        while self.size > self.max_bytes and self.pages:
            _, (_, _, old) = self.pages.popitem(last=False)
            self.size -= len(old)
