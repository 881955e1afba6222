"""The web app's factory: FastAPI over one store, server-rendered pages, a JSON API, safe headers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.staticfiles import StaticFiles

from newsrecon import __version__
from newsrecon.web import queries
from newsrecon.web.cache import PageCache
from newsrecon.web.jobs import Jobs
from newsrecon.web.marks import anchor
from newsrecon.web.security import HEADERS, csrf_for, logged_in, safe_href, source_href

HERE = Path(__file__).parent
UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes, all files of one upload together
CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    db: Path
    token: str
    upload_limit: int = UPLOAD_LIMIT


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["seg"] = lambda value: quote(str(value), safe="")  # one URL path segment
    env.filters["q"] = lambda value: quote(str(value), safe="")  # a query-string value
    env.globals.update(safe_href=safe_href, source_href=source_href, anchor=anchor, version=__version__)
    return env


TEMPLATES = _environment()


def settings(request: Request) -> Settings:
    return request.app.state.settings


def jobs(request: Request) -> Jobs:
    return request.app.state.jobs


def read(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request (a FastAPI dependency)."""
    conn = queries.connect(settings(request).db)
    try:
        yield conn
    finally:
        conn.close()


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with what every page needs (login state, the CSRF field)."""
    token = settings(request).token
    html = TEMPLATES.get_template(template).render(
        request=request, logged_in=logged_in(request, token), csrf=csrf_for(token), **context
    )
    return HTMLResponse(html, status_code=status)


def create_app(
    db: Path, token: str, local: bool = True, upload_limit: int = UPLOAD_LIMIT, cache_bytes: int = CACHE_BYTES
) -> FastAPI:
    """The app over the store at `db` (migrated by the caller). `token` guards writes; `local`: the
    server is bound to loopback, so requests must name a loopback host (no DNS rebinding);
    `cache_bytes`: memory for rendered pages while the store is unchanged (0: none; see web.cache)."""
    from newsrecon.web import api, pages

    app = FastAPI(
        title="newsrecon",
        version=__version__,
        description="Multi-source news triangulation over a newsrecon store: stories, articles, figures,"
        " sources, search, and jobs that add articles.",
        docs_url=None,  # the default pages load scripts from elsewhere; /docs is served by the app itself
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = Settings(db, token, upload_limit)
    app.state.jobs = Jobs(db)

    if local:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"])
    # Outermost: the safe headers reach every response, the host check's refusals included.
    app.add_middleware(PageCache, db=db, headers=HEADERS, max_bytes=cache_bytes)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"error": detail, "status": exc.status_code}, status_code=exc.status_code)
        return render(
            request, "error.html", status=exc.status_code, message=detail, status_code=exc.status_code
        )

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    return app
