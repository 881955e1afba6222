"""Finding and reading input files: folders walked, text files decoded, JSON Lines split."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_bytes
from newsrecon.ingest.feeds import read_feed
from newsrecon.ingest.html import html_bytes, read_html
from newsrecon.ingest.warc import read_warc
from newsrecon.model import RawDocument

# File kinds by suffix (a ".gz" after an HTML or WARC suffix is read through).
# Markdown is text: page dumps from scrapers that write Markdown (the cleaner blanks its markup).
KINDS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed",
    ".xml": "feed", ".warc": "warc", ".arc": "warc",
}  # fmt: skip
# A folder's own documentation is not an article (a file named explicitly is read all the same).
PROJECT_DOCS = frozenset({"readme", "changelog", "license", "licence", "contributing"})
UNSUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".odt", ".epub"})


def kind_of(path: Path) -> str | None:
    """What a file holds, from its name: text, jsonl, html, feed or warc (None: not an input)."""
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        if not suffixes or KINDS.get(suffixes[-1]) not in ("html", "warc", "text", "jsonl"):
            return None
    return KINDS.get(suffixes[-1]) if suffixes else None


def resolved(path: str | Path) -> Path | None:
    """`path` made absolute with its links followed, or None when it cannot be (a link loop)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def discover(paths: Iterable[str | Path], exclude: Collection[Path] = ()) -> Iterator[Path | InputError]:
    """Yield the input files under `paths` in a stable order, or an InputError for a bad path.

    Folders are walked recursively; hidden files are skipped, and so are the files in `exclude`
    (a run's own output, written among its inputs). A folder with no readable file is reported, so
    a typo'd path or a folder of junk does not pass silently.
    """
    skip = {r for p in exclude if (r := resolved(p)) is not None}
    for given in paths:
        path = Path(given)
        if skip and resolved(path) in skip:
            continue
        if path.is_dir():
            # Files of other kinds in a folder (images, a README) are not articles: skip them quietly.
            readable = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and kind_of(p) is not None
                and p.name.split(".")[0].lower() not in PROJECT_DOCS
                and not (skip and resolved(p) in skip)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not readable:
                yield InputError(str(path), "E202", detail=str(path))
            yield from readable
        elif path.is_file():
            if path.suffix.lower() in UNSUPPORTED_SUFFIXES or (
                path.suffix.lower() == ".gz" and kind_of(path) is None
            ):
                yield InputError(str(path), "E107", detail=repr("".join(path.suffixes) or path.name))
            else:  # a file named explicitly is read, as text when its name says nothing else
                yield path
        elif path.is_symlink():
            yield InputError(
                str(path), "E105", detail="a symbolic link that leads nowhere (a loop or a missing target)"
            )
        elif not path.exists():
            yield InputError(str(path), "E101")
        else:
            yield InputError(str(path), "E105", detail="not a regular file")


def document_id(path: Path) -> str:
    """The document id of a file: its name without its suffixes ("page.html.gz" -> "page")."""
    name = path.name
    for suffix in reversed(path.suffixes):
        if suffix.lower() in KINDS or suffix.lower() == ".gz":
            name = name[: -len(suffix)]
        else:
            break
    return name or path.stem


def read_text_file(path: Path) -> RawDocument:
    """Read one plain-text article. Raises InputError naming the file and the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "E105", detail=exc.strerror or str(exc)) from exc
    text, encoding = decode_bytes(data, str(path))
    return RawDocument(
        id=document_id(path),
        text=text,
        source=str(path),
        encoding=encoding,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_jsonl_file(path: Path) -> Iterator[RawDocument | InputError]:
    """Read a JSON Lines file, one article an object with `id` and `text` (and optional fields)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
        return
    try:
        content, _ = decode_bytes(data, str(path))
    except InputError as exc:
        yield exc
        return
    if not content.strip():  # a byte-order mark and nothing else, or blank lines: no record at all
        yield InputError(str(path), "E106")
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, "E108", detail=f"not JSON ({exc.msg})")
            continue
        except ValueError:  # an integer past Python's digit limit for int()
            yield InputError(where, "E108", detail="a number too long to read")
            continue
        except RecursionError:
            yield InputError(where, "E108", detail="nested too deeply")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "E108", detail="not an object")
            continue
        record = {k: _scalars(v) if isinstance(v, str) else v for k, v in record.items()}
        if (
            isinstance(record.get("article"), bool)
            and {"removed", "error"} & record.keys()
            and "text" not in record
        ):
            # Left among the inputs by an earlier run: one message for the file, not one a line.
            yield InputError(str(path), "E108", detail="the output of `newsrecon clean`, not articles")
            return
        text, given_id = record.get("text"), record.get("id")
        if (text is None or (isinstance(text, str) and not text.strip())) and isinstance(
            record.get("markdown"), str
        ):
            text = record["markdown"]  # a scraper's Markdown of the page (the cleaner reads it)
        if given_id is not None and (
            isinstance(given_id, bool) or not isinstance(given_id, str | int | float)
        ):
            yield InputError(
                where, "E108", detail=f"`id` is {_json_kind(given_id)}, not a string or a number"
            )
            continue
        doc_id = str(given_id or f"{document_id(path)}-{number}")
        if (not isinstance(text, str) or not text.strip()) and isinstance(record.get("html"), str):
            try:
                yield read_html(record["html"], where, doc_id, url=record.get("url"))
            except InputError as exc:
                yield exc
            continue
        if not isinstance(text, str) or not text.strip():
            wrong = [
                f"`{k}` is {_json_kind(record[k])}"
                for k in ("text", "markdown", "html")
                if record.get(k) is not None and not isinstance(record[k], str)
            ]
            detail = " and ".join(wrong) + ", not a string" if wrong else "no `text`, `markdown` or `html`"
            yield InputError(where, "E108", detail=detail)
            continue
        hints = tuple((k, str(record[k])) for k in ("title", "url", "published", "outlet") if record.get(k))
        yield RawDocument(
            id=doc_id,
            text=text,
            source=where,
            encoding="utf-8",
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            hints=hints,
        )


def printable(name: str) -> str:
    """A file name or id as text every output can carry and a terminal shows as it is: bytes that
    are not UTF-8 (which Python holds as lone surrogates, and no UTF-8 writer, SQLite included, can
    write) become "\\xE9", control characters (a terminal's escape sequences) "\\x1b"."""
    if name.isprintable():
        return name
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02X}")
        elif 0xD800 <= code <= 0xDFFF or (not ch.isprintable() and ch != " "):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _printable(item: RawDocument | InputError) -> RawDocument | InputError:
    if isinstance(item, InputError):
        item.source = printable(item.source)
        return item
    if item.id.isprintable() and item.source.isprintable():
        return item
    return replace(item, id=printable(item.id), source=printable(item.source))


def read_inputs(
    paths: Iterable[str | Path], exclude: Collection[Path] = ()
) -> Iterator[RawDocument | InputError]:
    """Every article under `paths` (but the files in `exclude`), read and decoded, or the InputError
    that stopped one; names and ids made `printable`."""
    for item in _read_inputs(paths, exclude):
        yield _printable(item)


def _read_inputs(
    paths: Iterable[str | Path], exclude: Collection[Path]
) -> Iterator[RawDocument | InputError]:
    for item in discover(paths, exclude):
        if isinstance(item, InputError):
            yield item
            continue
        kind = kind_of(item) or "text"
        if kind == "jsonl":
            yield from read_jsonl_file(item)
        elif kind == "warc":
            yield from read_warc(item)
        elif kind in ("html", "feed"):
            try:
                data = item.read_bytes()
            except OSError as exc:
                yield InputError(str(item), "E105", detail=exc.strerror or str(exc))
                continue
            if kind == "feed":
                yield from read_feed(item, data)
                continue
            try:
                yield read_html(html_bytes(data, str(item)), str(item), document_id(item))
            except InputError as exc:
                yield exc
        else:
            try:
                yield read_text_file(item)
            except InputError as exc:
                yield exc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scalars(text: str) -> str:
    """`text` with the lone surrogates a JSON string can escape ("\\ud800", no character at all)
    replaced by U+FFFD: nothing after this can encode them, not even to UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)  # one for one: the text's offsets hold
    return text


def _json_kind(value: object) -> str:
    """How a JSON value reads in a message: "a number", "a list", "null"."""
    if value is None:
        return "null"
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "a string", list: "a list"}
    return kinds.get(type(value), "an object")
