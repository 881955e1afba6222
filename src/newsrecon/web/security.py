"""What keeps the app safe by default: the write token, CSRF fields, response headers, safe links.

Writes (uploads, fetches) need the token: as `Authorization: Bearer TOKEN` (scripts), or as the
HttpOnly SameSite=Strict cookie that `/login?token=...` sets plus the form's CSRF field (a
browser). Tokens are compared with `hmac.compare_digest`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request

COOKIE = "newsrecon_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
LOCAL_NAMES = ("localhost",)


def new_token() -> str:
    """A random token for a run started without one."""
    return secrets.token_urlsafe(24)


def is_local(host: str) -> bool:
    """Whether binding `host` serves this machine only (loopback)."""
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def csrf_for(token: str) -> str:
    """The CSRF field of the app's forms: derived from the token, so only a holder can make it."""
    return hmac.new(token.encode(), b"newsrecon-csrf", hashlib.sha256).hexdigest()


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def logged_in(request: Request, token: str) -> bool:
    """Whether the browser holds the token cookie."""
    return same(request.cookies.get(COOKIE), token)


def may_write(request: Request, form: FormData | None, token: str) -> bool:
    """A write is allowed with the bearer token, or with the cookie and the form's CSRF field."""
    if same(bearer(request), token):
        return True
    field = form.get("csrf") if form is not None else None
    return logged_in(request, token) and isinstance(field, str) and same(field, csrf_for(token))


def source_href(source: str) -> str | None:
    """The web address an article was read from, when its source names one: the source itself, or
    the page's URL after the archive's path ("fetched.warc.gz#https://...")."""
    return safe_href(source) or (safe_href(source.split("#", 1)[1]) if "#" in source else None)


def safe_href(url: str | None) -> str | None:
    """`url` when it is an http(s) URL (a link may be made of it); otherwise None: a stored URL of
    another scheme (javascript:, data:) is shown as text only."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
