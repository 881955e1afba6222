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
from collections.abc import Callable
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


def _same(value: Any) -> Any:
    return value


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type `hint` from its JSON, made once per type: reading
    the hints for every value took most of the time of loading a stored story."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _decoder(options[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _same:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple(item(x) for x in v)
        items = tuple(_decoder(a) for a in args)
        return lambda v: None if v is None else tuple(f(x) for f, x in zip(items, v, strict=True))
    if dataclasses.is_dataclass(hint):
        fields = {k: _decoder(h) for k, h in _hints(hint).items()}
        return lambda v: None if v is None else hint(**{k: fields[k](x) for k, x in v.items()})
    if hint is float:
        return lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
    return _same


def to_record(doc: Document) -> str:
    """A document as one line of JSON."""
    return json.dumps(_encode(doc), ensure_ascii=False, separators=(",", ":"))


def from_record(record: str) -> Document:
    """The document a record was made from."""
    return _decoder(Document)(json.loads(record))
