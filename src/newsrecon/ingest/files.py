"""Finding and reading input files: folders walked, text files decoded, JSON Lines split."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_bytes
from newsrecon.model import RawDocument

TEXT_SUFFIXES = frozenset({".txt", ".text"})
# Formats a later version reads; named so that an explicit path gets a clear "unsupported" error.
UNSUPPORTED_SUFFIXES = frozenset({".html", ".htm", ".gz", ".warc", ".xml", ".rss", ".atom", ".pdf", ".docx"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


def discover(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield the input files under `paths` in a stable order, or an InputError for a bad path.

    Folders are walked recursively; hidden files are skipped. A folder with no readable file is
    reported, so a typo'd path or a folder of junk does not pass silently.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # Files of other kinds in a folder (README.md, images) are not articles: skip them quietly.
            readable = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in READABLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not readable:
                yield InputError(str(path), "E202", detail=str(path))
            yield from readable
        elif path.is_file():
            if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
                yield InputError(str(path), "E107", detail=repr(path.suffix))
            else:  # a file named explicitly is read as text, whatever its suffix
                yield path
        elif not path.exists():
            yield InputError(str(path), "E101")
        else:
            yield InputError(str(path), "E105", detail="not a regular file")


def document_id(path: Path) -> str:
    """The document id of a file: its stem, as the result contract asks."""
    return path.stem


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
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, "E108", detail=f"not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "E108", detail="not an object")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            reason = "has only `html`, which this version cannot read" if record.get("html") else "no `text`"
            yield InputError(where, "E108", detail=reason)
            continue
        doc_id = str(record.get("id") or f"{document_id(path)}-{number}")
        hints = tuple((k, str(record[k])) for k in ("title", "url", "published", "outlet") if record.get(k))
        yield RawDocument(
            id=doc_id,
            text=text,
            source=where,
            encoding="utf-8",
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            hints=hints,
        )


def read_inputs(paths: Iterable[str | Path]) -> Iterator[RawDocument | InputError]:
    """Every article under `paths`, read and decoded, or the InputError that stopped one."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl_file(item)
        else:
            try:
                yield read_text_file(item)
            except InputError as exc:
                yield exc
