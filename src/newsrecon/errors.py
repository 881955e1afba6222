"""The exception tree and the one table of error messages.

    NewsreconError
    ├── InputError        one input cannot be read (binary, empty, undecodable, missing...)
    ├── NoInputError      a run found nothing it could read at all
    ├── StoreError        the SQLite store cannot be opened or migrated
    ├── RunnerError       Spark cannot start, or its job failed
    └── ServerError       the web app cannot start (`newsrecon serve`), or refuses a request

Each error has a stable code (``E1xx`` input, ``E2xx`` run, ``E3xx`` store, ``E4xx`` models and runners,
``E5xx`` the web app) so
that scripts can match on it; messages live in `MESSAGES` and nowhere else.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E101": "no such file or directory",
    "E102": "the file is empty",
    "E103": "looks like a binary file, not text ({detail})",
    "E104": "cannot decode the text: {detail}",
    "E105": "cannot read the file: {detail}",
    "E106": "the file holds no article text (only whitespace or control characters)",
    "E107": "unsupported file type {detail}",
    "E108": "bad JSON Lines record: {detail}",
    "E109": "processing failed: {detail}",
    "E110": "no article text: {detail}",
    "E111": "not a readable feed: {detail}",
    "E112": "skipped: {detail}",
    "E113": "{detail}",
    "E114": "not an article ({detail}); no body returned",
    "E115": "too long for one article ({detail}); split it into its articles",
    "E117": "larger than {detail} bytes, not read (`--limit max_file_bytes=N` raises the cap)",
    "E116": "took longer than {detail} to process; left out (the other articles go on)",
    # Fetching from the web (`newsrecon analyze URL`, ingest/fetch.py); the source is the URL.
    "E120": "cannot be fetched: {detail}",
    "E121": "the server answered {detail}",
    "E122": "not a page of text or a feed ({detail})",
    "E123": "too many redirects (more than {detail})",
    "E124": "larger than {detail} bytes; cut off while downloading, not read",
    "E125": "timed out ({detail})",
    "E126": "cannot connect: {detail}",
    "E127": "the site's robots.txt disallows it for {detail}",
    "E128": "the site's robots.txt could not be read ({detail}), so nothing on the site is fetched",
    "E129": "not fetched ({detail}); the feed's own text of the entry is read instead",
    "E201": "nothing could be read from the inputs given",
    "E202": "no input files found under {detail}",
    "E401": "the English language model is not installed ({detail}); run `make setup`",
    "E404": "the sentence-embedding model is not installed ({detail}); run `make setup`",
    "E402": "Spark is not available: {detail}",
    "E403": "the Spark job failed: {detail}",
    "E301": "cannot open the store: {detail}",
    "E302": "the store was written by a newer newsrecon (schema {detail})",
    "E303": "another corpus run filed articles in {detail} while this one ran; nothing of this run was"
    " stored: run it again",
    "E304": "the store is locked by another process ({detail}); nothing of this run was stored:"
    " run it again when the other is done",
    "E305": "the store {detail} is read-only; nothing of this run was stored",
    "E306": "the store {detail} is damaged (not a valid SQLite database); nothing of this run was stored."
    " Keep the file and try `sqlite3 FILE .recover`, or use a new store",
    "E307": "cannot write the store ({detail}): the disk is full or failing; nothing of this run was stored,"
    " what was stored before is intact",
    "E501": "no store at {detail}; make one with `newsrecon analyze ARTICLES --db {detail}`",
    "E502": "refusing to serve on {detail} without a token: pass --token or set NEWSRECON_TOKEN"
    " (or bind 127.0.0.1)",
    "E503": "cannot listen on {detail}",
    "E504": "the upload is too large ({detail}); send at most {limit} in all",
    "E505": "nothing to add: choose files to upload or paste URLs",
    "E506": "adding needs the token: open the link `newsrecon serve` printed, or send"
    " Authorization: Bearer TOKEN",
    "E508": "the job failed: {detail}",
    "E509": "the page could not be made; the server logged the cause",
}


def message(code: str, **details: object) -> str:
    """The message for an error code, with its details filled in."""
    return MESSAGES[code].format(**details)


class NewsreconError(Exception):
    """Base class of every error newsrecon raises on purpose."""

    code = "E000"

    def __init__(self, code: str, reason: str | None = None, **details: object) -> None:
        self.code = code
        self.reason = reason if reason is not None else message(code, **details)
        super().__init__(self.reason)


class InputError(NewsreconError):
    """One input cannot be read. Carries the input's name so the message names the document."""

    def __init__(self, source: str, code: str, **details: object) -> None:
        self.source = source
        super().__init__(code, **details)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.code}]"


class NoInputError(NewsreconError):
    """Nothing could be read from any input of a run."""


class StoreError(NewsreconError):
    """The SQLite store cannot be opened, read, migrated or written.

    `result`: when the run's work was done and only storing it failed, what the run found, so
    that its other outputs can still be written."""

    result = None


class ServerError(NewsreconError):
    """The web app cannot start (E501-E503), or refuses a request (E504-E506)."""


class RunnerError(NewsreconError):
    """The runner of the per-document stages cannot start (E402) or its job failed (E403)."""
