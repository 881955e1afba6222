"""The JSON API under /api/: the contract's shapes (`report.json_report`) for stories, articles and
measures, search hits, and the jobs that add articles."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsrecon.report.json_report import claim_to_dict, document_to_dict, measure_to_dict, result_to_dict
from newsrecon.web import queries
from newsrecon.web.app import jobs, read
from newsrecon.web.pages import _day, _story
from newsrecon.web.search import search
from newsrecon.web.submit import queue_job

router = APIRouter(prefix="/api", tags=["api"])
Conn = Annotated[sqlite3.Connection, Depends(read)]


@router.get(
    "/stories",
    summary="Stories, newest first",
    response_description="{stories: [{scope, id, run, corpus, date, first_date, title, articles, outlets,"
    " measures, conflicts, changing, url}], next: cursor of the next page or null}",
)
def api_stories(
    conn: Conn,
    date_from: Annotated[
        str | None, Query(alias="from", description="YYYY-MM-DD: stories dated on or after")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="YYYY-MM-DD: stories dated on or before")
    ] = None,
    outlet: Annotated[str | None, Query(description="only stories with an article of this outlet")] = None,
    after: Annotated[str | None, Query(description="the `next` cursor of the page before")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = queries.PAGE_SIZE,
) -> dict[str, Any]:
    """A page of the listed stories: a corpus story once (scope "corpus", its latest version), the
    stories of runs without --corpus under their run number."""
    rows, cursor = queries.list_stories(conn, _day(date_from), _day(date_to), outlet or None, after, limit)
    return {"stories": [r.to_dict() for r in rows], "next": cursor}


@router.get(
    "/stories/{scope}/{story_id}",
    summary="One story as the result contract",
    response_description="the contract's result (documents, claims, measures, timeline, citations, stories)"
    " for this story alone, plus `summary`",
)
def api_story(conn: Conn, scope: str, story_id: str) -> dict[str, Any]:
    """The story's documents, claims, measures, timeline and citations in the shapes of
    shared/CONTRACT.md (`newsrecon analyze --json`)."""
    summary, result, _ = _story(conn, scope, story_id)
    return {"summary": summary.to_dict(), **result_to_dict(result)}


@router.get(
    "/stories/{scope}/{story_id}/measures",
    summary="The measures of one story",
    response_description="{measures: [{id, story, label, claims, status, why, independent_sources, sources,"
    " category, unit, frame, notes, confidence, sequence}]}",
)
def api_measures(conn: Conn, scope: str, story_id: str) -> dict[str, Any]:
    """Conflicts first (surest first), as the story page orders them."""
    _, _, v = _story(conn, scope, story_id)
    return {"measures": [measure_to_dict(m, story_id) for m in v.measures]}


@router.get(
    "/articles/{sha}",
    summary="One stored article",
    response_description="{document: the contract's document, text: the text as read, claims: [contract"
    " claims], stories: [story summaries]}",
)
def api_article(conn: Conn, sha: str) -> dict[str, Any]:
    """An article by the content hash of its text, with its claims and the stories that hold it."""
    found = queries.article(conn, sha)
    if found is None:
        raise HTTPException(404, f"no article {sha}")
    d = found.document
    return {
        "document": document_to_dict(d),
        "text": d.text,
        "claims": [claim_to_dict(c) for c in d.claims],
        "stories": [s.to_dict() for s in found.stories],
    }


@router.get(
    "/search",
    summary="Full-text search",
    response_description="{query, articles: [{sha256, doc, title, outlet, published, snippet_html}], claims:"
    " [{sha256, doc, claim, source, surface, snippet_html}], sources: [{name, claims}]}; snippet_html is"
    " escaped text with <mark> around the matches",
)
def api_search(conn: Conn, q: Annotated[str, Query(description="words to find (all of them)")] = "") -> dict:
    """Articles (title, byline, outlet, body), claims (sentence, figure, source, what it measures)
    and source names that hold every word given."""
    hits = search(conn, q)
    return {
        "query": q,
        "articles": [
            {"sha256": h.sha256, "doc": h.doc, "title": h.title, "outlet": h.outlet, "published": h.published,
             "snippet_html": str(h.snippet_html)}
            for h in hits.articles
        ],
        "claims": [
            {"sha256": h.sha256, "doc": h.doc, "claim": h.claim, "source": h.source, "surface": h.surface,
             "snippet_html": str(h.snippet_html)}
            for h in hits.claims
        ],
        "sources": [{"name": h.name, "claims": h.claims} for h in hits.sources],
    }  # fmt: skip


@router.get("/jobs", summary="Recent jobs", response_description="{jobs: [job]}")
def api_jobs(request: Request) -> dict[str, Any]:
    """Jobs that add articles, newest first (kept in memory while the server runs)."""
    return {"jobs": [j.snapshot() for j in jobs(request).recent()]}


@router.get(
    "/jobs/{job_id}",
    summary="One job",
    response_description="{id, kind, inputs, created, state (queued, running, done, failed), stage, done,"
    " total, error, problems: [{source, code, reason}], added: [{sha256, id, title}], stories:"
    " [{scope, id, url}], url}",
)
def api_job(request: Request, job_id: int) -> dict[str, Any]:
    job = jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return job.snapshot()


@router.post(
    "/jobs",
    summary="Add articles (needs the token)",
    status_code=202,
    response_description="the queued job (see GET /api/jobs/{job_id})",
    # The body is read by queue_job, after the token is checked: declared here for the docs only.
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                            "urls": {"type": "string", "description": "URLs of pages or feeds, one a line"},
                        },
                    }
                }
            }
        }
    },
)
async def api_add(request: Request) -> JSONResponse:
    """Upload files and/or give URLs to fetch: analysed in the background as a --corpus run, so the
    articles join their stories. Send `Authorization: Bearer TOKEN`. At most 20 MiB in all."""
    job = await queue_job(request)
    return JSONResponse(job.snapshot(), status_code=202)
