"""The server-rendered pages: stories, a story (and its downloads), a measure, an article, a source,
search, adding articles and their jobs, login. Every page works without JavaScript."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.exceptions import HTTPException

from newsrecon.model import Result
from newsrecon.report.csv_report import write_csv
from newsrecon.report.dossier import StoryView, story_views, value_as_worded
from newsrecon.report.html_report import _graph, _timeline, render_html
from newsrecon.report.json_report import result_to_dict
from newsrecon.report.markdown import story_markdown
from newsrecon.web import queries
from newsrecon.web.app import jobs, read, render, settings
from newsrecon.web.docs_page import operations
from newsrecon.web.marks import paragraphs
from newsrecon.web.search import search
from newsrecon.web.security import COOKIE, same
from newsrecon.web.submit import queue_job

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(read)]


def _day(value: str | None) -> dt.date | None:
    """A date filter as given (YYYY-MM-DD); anything else is no filter."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    conn: Conn,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    outlet: str | None = None,
    after: str | None = None,
):
    first, last = _day(date_from), _day(date_to)
    rows, cursor = queries.list_stories(conn, first, last, outlet or None, after)
    filters = {
        "from": first.isoformat() if first else "",
        "to": last.isoformat() if last else "",
        "outlet": outlet or "",
    }
    return render(
        request, "stories.html", stories=rows, next_cursor=cursor, filters=filters, outlets=queries.outlets(conn),
        paged=bool(after),
    )  # fmt: skip


def _story(
    conn: sqlite3.Connection, scope: str, story_id: str
) -> tuple[queries.StorySummary, Result, StoryView]:
    summary = queries.find_story(conn, scope, story_id)
    if summary is None:
        raise HTTPException(404, f"no story {scope}/{story_id}")
    result = queries.story_result(conn, summary)
    return summary, result, story_views(result)[0]


def _sources(v: StoryView) -> list[dict]:
    """The story's sources: figures credited, outlets carrying them, figures of theirs in conflict."""
    conflicting = {m.id for m in v.measures if m.status == "conflict"}
    docs = {d.id: d for d in v.documents}
    by: dict[str, dict] = {}
    for c in v.claims.values():
        if not c.source:
            continue
        row = by.setdefault(c.source, {"name": c.source, "figures": 0, "outlets": set(), "conflicts": 0})
        row["figures"] += 1
        row["outlets"].add(docs[c.doc].meta.value("outlet") or c.doc)
        row["conflicts"] += c.measure in conflicting
    cited = Counter(source for _, source in v.citations)
    out = sorted(by.values(), key=lambda r: (-r["figures"], r["name"]))
    for row in out:
        row["outlets"], row["cited"] = len(row["outlets"]), cited.get(row["name"], 0)
    return out


@router.get("/story/{scope}/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, conn: Conn, scope: str, story_id: str):
    summary, result, v = _story(conn, scope, story_id)
    sha = {d.id: d.sha256 for d in result.documents}
    # Related stories are of the same run (or of the corpus): listed where they still are.
    related = [r for rid in v.story.related if (r := queries.find_story(conn, scope, rid)) is not None]
    return render(
        request, "story.html", s=summary, v=v, sha=sha, sources=_sources(v), worded=value_as_worded,
        related=related,
        conflicts=[m for m in v.measures if m.status == "conflict"],
        changing=[m for m in v.measures if m.status == "changing"],
        graph=Markup(_graph(v)), timeline=Markup(_timeline(v)),  # the dossier's own drawings, escaped there
    )  # fmt: skip


DOWNLOADS = {
    "html": "text/html",
    "md": "text/markdown",
    "json": "application/json",
    "csv.zip": "application/zip",
}


def dossier_file(result: Result, v: StoryView, fmt: str) -> bytes:
    """The story's dossier in one of `DOWNLOADS`, by the report writers."""
    if fmt == "html":
        return render_html(result).encode()
    if fmt == "md":
        return story_markdown(v).encode()
    if fmt == "json":
        return json.dumps(result_to_dict(result), ensure_ascii=False, indent=1).encode()
    with tempfile.TemporaryDirectory() as folder:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for path in write_csv(result, folder):
                z.write(path, Path(path).name)
        return buffer.getvalue()


@router.get("/story/{scope}/{story_id}/dossier.{fmt}")
def story_download(conn: Conn, scope: str, story_id: str, fmt: str):
    if fmt not in DOWNLOADS:
        raise HTTPException(404, f"no dossier format {fmt}")
    _, result, v = _story(conn, scope, story_id)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in f"{scope}-{story_id}")
    return Response(
        dossier_file(result, v, fmt),
        media_type=DOWNLOADS[fmt],
        headers={"Content-Disposition": f'attachment; filename="dossier-{name}.{fmt}"'},
    )


@router.get("/story/{scope}/{story_id}/measure/{measure_id}", response_class=HTMLResponse)
def measure_page(request: Request, conn: Conn, scope: str, story_id: str, measure_id: str):
    summary, result, v = _story(conn, scope, story_id)
    m = next((m for m in v.measures if m.id == measure_id), None)
    if m is None:
        raise HTTPException(404, f"no measure {measure_id} in story {story_id}")
    docs = {d.id: d for d in result.documents}
    claims = [v.claims[c] for c in m.claims if c in v.claims]
    sequence = [(day, v.claims[c]) for day, c in m.sequence if c in v.claims]
    return render(
        request,
        "measure.html",
        s=summary,
        m=m,
        claims=claims,
        docs=docs,
        sequence=sequence,
        worded=value_as_worded,
    )


@router.get("/article/{sha}", response_class=HTMLResponse)
def article_page(request: Request, conn: Conn, sha: str):
    found = queries.article(conn, sha)
    if found is None:
        raise HTTPException(404, f"no article {sha}")
    doc = found.document
    return render(request, "article.html", a=found, d=doc, paragraphs=paragraphs(doc), worded=value_as_worded)


@router.get("/source", response_class=HTMLResponse)
def source_page(request: Request, conn: Conn, name: str = ""):
    if not name or not queries.source_exists(conn, name):
        raise HTTPException(404, "no such source")
    return render(
        request, "source.html", name=name, claims=queries.source_claims(conn, name),
        disagreements=queries.source_disagreements(conn, name),
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, conn: Conn, q: str = ""):
    return render(request, "search.html", q=q, hits=search(conn, q) if q.strip() else None)


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request):
    return render(
        request,
        "add.html",
        jobs=jobs(request).recent()[:20],
        limit_mib=settings(request).upload_limit // 2**20,
    )


@router.post("/jobs")
async def add_submit(request: Request):
    job = await queue_job(request)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: int):
    job = jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return render(request, "job.html", job=job.snapshot())


@router.get("/login", response_class=HTMLResponse)
def login(request: Request, token: str | None = None):
    """With the token (the link `newsrecon serve` prints): set the cookie and go to the add page."""
    if token is None:
        return render(request, "login.html", failed=False)
    if not same(token, settings(request).token):
        return render(request, "login.html", status=403, failed=True)
    response = RedirectResponse("/add", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/login")
def login_form(request: Request, token: Annotated[str, Form()] = ""):
    return login(request, token)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    return render(request, "docs.html", operations=operations(request.app.openapi()))
