"""Finding and reading input files: folders walked, text files decoded, JSON Lines split."""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from newsrecon import limits
from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_8bit, decode_bytes, refuse_controls, refuse_magic
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
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:  # a folder on the way that this user may not enter, a name too long
            if exc.errno == errno.ELOOP:
                mode = None
            else:
                yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
                continue
        if mode is not None and stat.S_ISDIR(mode):
            readable, unreadable = _files_under(path, skip)
            yield from unreadable
            if not readable and not unreadable:
                yield InputError(str(path), "E202", detail=str(path))
            yield from readable
        elif mode is not None and stat.S_ISREG(mode):
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
        elif mode is None:
            yield InputError(str(path), "E101")
        else:
            yield InputError(str(path), "E105", detail="not a regular file")


def _files_under(folder: Path, skip: set[Path]) -> tuple[list[Path], list[InputError]]:
    """The input files in a folder and its subfolders, sorted, and an E105 for each subfolder or
    file this user may not read (named, not skipped in silence). Hidden files and folders, files of
    other kinds (images, a README) and linked folders are passed over quietly."""
    found: list[Path] = []
    errors: list[InputError] = []

    def failed(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or folder), "E105", detail=exc.strerror or str(exc)))

    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            p = Path(root, name)
            if name.startswith(".") or kind_of(p) is None or name.split(".")[0].lower() in PROJECT_DOCS:
                continue
            if skip and resolved(p) in skip:
                continue
            try:
                if not stat.S_ISREG(p.stat().st_mode):
                    continue
            except FileNotFoundError:
                continue  # a link to nothing, or removed while the folder was read
            except OSError as exc:
                failed(exc)
                continue
            found.append(p)
    return sorted(found), errors


def document_id(path: Path) -> str:
    """The document id of a file: its name without its suffixes ("page.html.gz" -> "page")."""
    name = path.name
    for suffix in reversed(path.suffixes):
        if suffix.lower() in KINDS or suffix.lower() == ".gz":
            name = name[: -len(suffix)]
        else:
            break
    return name or path.stem


def read_bounded(path: Path) -> bytes:
    """A file's bytes, read whole; raises InputError E117 before reading past
    `limits.MAX_FILE_BYTES` (a file of gigabytes is refused, not loaded), E105 when it cannot be read."""
    most = limits.MAX_FILE_BYTES
    try:
        with path.open("rb") as f:
            data = f.read(most + 1)
    except OSError as exc:
        raise InputError(str(path), "E105", detail=exc.strerror or str(exc)) from exc
    if len(data) > most:
        raise InputError(str(path), "E117", detail=f"{most:,}")
    return data


def read_text_file(path: Path) -> RawDocument:
    """Read one plain-text article. Raises InputError naming the file and the reason."""
    text, encoding = decode_bytes(read_bounded(path), str(path))
    return RawDocument(
        id=document_id(path),
        text=text,
        source=str(path),
        encoding=encoding,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


_SNIFF_BYTES = 65_536  # the head of a JSON Lines file that tells text from binary and its encoding
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_jsonl_file(path: Path) -> Iterator[RawDocument | InputError]:
    """Read a JSON Lines file, one article an object with `id` and `text` (and optional fields).

    UTF-8 files (the format's encoding) are read a line at a time, so a corpus of any size costs
    one record's memory here, and a line over `limits.MAX_PAGE_BYTES` is a problem, not a load;
    UTF-16 and UTF-32 files are decoded whole, under `limits.MAX_FILE_BYTES`."""
    try:
        f = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
        return
    with f:
        try:
            head = f.read(_SNIFF_BYTES)
        except OSError as exc:
            yield InputError(str(path), "E105", detail=exc.strerror or str(exc))
            return
        if head.startswith(_WIDE_BOMS) or b"\x00" in head:
            try:
                content, _ = decode_bytes(read_bounded(path), str(path))
            except InputError as exc:
                yield exc
                return
            yield from _records(path, enumerate(content.split("\n"), start=1))
            return
        try:
            _refuse_binary(head, str(path))
        except InputError as exc:
            yield exc
            return
        f.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        yield from _records(path, _utf8_lines(f, path))


def _refuse_binary(head: bytes, source: str) -> None:
    """Raises InputError E102 for no bytes, E103 for a binary file (its magic bytes, or more
    control characters than text has), as `decode_bytes` judges a whole file."""
    if not head:
        raise InputError(source, "E102")
    refuse_magic(head, source)
    refuse_controls(head.decode("utf-8", errors="replace"), source)


def _utf8_lines(f: BinaryIO, path: Path) -> Iterator[tuple[int, str | InputError]]:
    """The lines of a file in UTF-8, numbered (`_decode_line` for one that is not); a line over
    `limits.MAX_PAGE_BYTES` (read past in pieces, never held) or in no encoding at all is an
    InputError in its place."""
    most = limits.MAX_PAGE_BYTES
    legacy: str | None = None
    number = 0
    while True:
        try:
            line = f.readline(most + 1)
        except OSError as exc:
            yield number + 1, InputError(str(path), "E105", detail=exc.strerror or str(exc))
            return
        if not line:
            return
        number += 1
        if len(line) > most and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = f.readline(most)
            yield number, InputError(f"{path}:{number}", "E108", detail=f"a record over {most:,} bytes")
            continue
        text, legacy = _decode_line(line, legacy, f"{path}:{number}")
        yield number, text


def _decode_line(line: bytes, legacy: str | None, where: str) -> tuple[str | InputError, str | None]:
    """A line as text (UTF-8, else the file's legacy code page once one is known, else the best
    fit for the line alone) or the InputError of a line in no encoding; and the code page known."""
    for encoding in ("utf-8", legacy):
        if encoding is not None:
            try:
                return line.decode(encoding), legacy
            except UnicodeDecodeError:
                pass
    try:
        text, encoding = decode_8bit(line, where)
    except InputError as exc:
        return exc, legacy
    return text, legacy or encoding.rsplit("+", 1)[-1]


def _absent(value: object) -> bool:
    """A record field that is missing or blank (a field of another type is not: it is an error)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _records(path: Path, lines: Iterable[tuple[int, str | InputError]]) -> Iterator[RawDocument | InputError]:
    """The articles (or problems) of a JSON Lines file's numbered lines; E106 when it has none."""
    seen = False
    for number, line in lines:
        if isinstance(line, InputError):
            seen = True
            yield line
            continue
        if not line.strip():
            continue
        seen = True
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
        if _absent(text) and isinstance(record.get("markdown"), str):
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
        title = record.get("title")
        no_page = record.get("markdown") is None and record.get("html") is None
        if _absent(text) and no_page and isinstance(title, str) and not _absent(title):
            text = title  # a headline with no body (a wire flash, a bare feed item)
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
    if not seen:  # a byte-order mark and nothing else, or blank lines: no record at all
        yield InputError(str(path), "E106")


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
                data = read_bounded(item)
            except InputError as exc:
                yield exc
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
