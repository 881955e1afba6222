"""A request to add articles (the add page's form, or `POST /api/jobs`) checked and queued.

Checked in order of cost: the token before the body is read, the declared size before it is
parsed, the CSRF field and the real sizes after.
"""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from newsrecon.errors import message
from newsrecon.web.app import jobs, settings
from newsrecon.web.jobs import Job
from newsrecon.web.security import bearer, logged_in, may_write, safe_href, same

MAX_FILES = 200
MAX_URLS = 200
FORM_SLACK = 64 * 1024  # multipart framing and the form's other fields, beside the files


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


def _refuse(status: int, code: str, **details: object) -> HTTPException:
    return HTTPException(status, f"{message(code, **details)} [{code}]")


async def queue_job(request: Request) -> Job:
    """The job the request asks for, queued; an HTTPException (403, 413, 400) when it is refused."""
    token, limit = settings(request).token, settings(request).upload_limit
    if not (same(bearer(request), token) or logged_in(request, token)):
        raise _refuse(403, "E506")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + FORM_SLACK:
        raise _refuse(413, "E504", detail=_mib(int(declared)), limit=_mib(limit))
    form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=1024 * 1024)
    try:
        if not may_write(request, form, token):
            raise _refuse(403, "E506")
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        total = sum(f.size or 0 for f in uploads)
        if total > limit:
            raise _refuse(413, "E504", detail=_mib(total), limit=_mib(limit))
        text = form.get("urls")
        words = (text if isinstance(text, str) else "").split()
        urls = [u for w in words if (u := safe_href(w))][:MAX_URLS]  # http(s) only: no file: or data:
        if not uploads and not urls:
            raise _refuse(400, "E505")
        if uploads:
            files = [(f.filename or "upload", await f.read()) for f in uploads]
            job = jobs(request).submit_files(files)
            if urls:
                jobs(request).submit_urls(urls)
            return job
        return jobs(request).submit_urls(urls)
    finally:
        await form.close()
