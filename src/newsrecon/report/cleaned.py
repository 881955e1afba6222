"""What `newsrecon clean` writes: one JSON object a line for every input, in input order."""

from __future__ import annotations

from typing import Any

from newsrecon.errors import InputError
from newsrecon.model import Document, InputProblem
from newsrecon.report.json_report import document_to_dict


def cleaned_to_dict(
    item: Document | InputProblem, problem: InputError | None = None, with_text: bool = False
) -> dict[str, Any]:
    """One input's line. An article: `document_to_dict`'s fields with `"article": true`. A page
    that is not one (`problem`, E114): `"article": false`, the code and reason, no body, and the
    lines that would have been its body among the removed spans ("not-an-article"), so that
    every line of the page is still accounted for. An input that could not be read or cleaned:
    its source, the error code and the reason only. Offsets count characters of the text as read
    (decoded; for HTML, feeds and archives, the extracted text), given as `text` with `with_text`."""
    if isinstance(item, InputProblem):
        return {"source": item.source, "article": False, "error": item.code, "reason": item.reason}
    out = document_to_dict(item)
    del out["published_inferred"]  # set from a story, and `clean` builds none
    if with_text:
        out["text"] = item.text
    if problem is None:
        return {"article": True, **out}
    removed = [*out["removed"], *({**p, "reason": "not-an-article"} for p in out["paragraphs"])]
    out.update(body="", paragraphs=[], removed=sorted(removed, key=lambda r: r["start"]))
    return {"article": False, "error": problem.code, "reason": problem.reason, **out}
