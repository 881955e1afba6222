from __future__ import annotations

import types

import newsrecon


def test_public_api_all_is_exactly_the_exported_names():
    public = {
        name
        for name in dir(newsrecon)
        if not name.startswith("_") and not isinstance(getattr(newsrecon, name), types.ModuleType)
    }
    assert set(newsrecon.__all__) - {"__version__"} == public


def test_public_api_analyze_returns_frozen_documents():
    from .conftest import EXAMPLES

    result = newsrecon.analyze(EXAMPLES)
    assert len(result.documents) == 4
    doc = result.documents[0]
    try:
        doc.id = "changed"
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Document must be frozen")
    assert all(doc.text[p.start : p.end].strip() for p in doc.paragraphs)
