"""newsrecon: multi-source news triangulation.

>>> import newsrecon
>>> result = newsrecon.analyze(["articles/"])          # doctest: +SKIP
>>> [d.meta.value("title") for d in result.documents]  # doctest: +SKIP
"""

__version__ = "0.1.0"

from newsrecon.errors import InputError, NewsreconError, NoInputError, StoreError
from newsrecon.model import (
    Document,
    InputProblem,
    Metadata,
    MetaField,
    RawDocument,
    Removal,
    Result,
    Span,
)
from newsrecon.pipeline import analyze, clean_document

__all__ = [
    "Document",
    "InputError",
    "InputProblem",
    "MetaField",
    "Metadata",
    "NewsreconError",
    "NoInputError",
    "RawDocument",
    "Removal",
    "Result",
    "Span",
    "StoreError",
    "__version__",
    "analyze",
    "clean_document",
]
