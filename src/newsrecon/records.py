"""Documents as JSON records and back, so that a store can hand back what the per-document stages
made instead of running them again.

The codec follows the model's type hints: dataclasses become objects, tuples lists, and the same
hints rebuild them exactly (`from_record(to_record(doc)) == doc`). Plain JSON, never pickle: a
store file may come from anywhere, and reading it must not run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from newsrecon import __version__, model
from newsrecon.model import Document


@cache
def pipeline_version() -> str:
    """The release and a digest of the package's code and data files: a stored record is reused only
    by the very code that made it, so a changed stage (even unreleased) redoes its documents."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{k: _decode(hints[k], v) for k, v in value.items()})
    if hint is float and isinstance(value, int):
        return float(value)
    return value


def to_record(doc: Document) -> str:
    """A document as one line of JSON."""
    return json.dumps(_encode(doc), ensure_ascii=False, separators=(",", ":"))


def from_record(record: str) -> Document:
    """The document a record was made from."""
    return _decode(Document, json.loads(record))
