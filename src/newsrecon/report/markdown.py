"""The dossier as Markdown: conflicts first, key figures, sources, and each article's claims."""

from __future__ import annotations

from pathlib import Path

from newsrecon.model import Result
from newsrecon.report.dossier import StoryView, span, story_views, summary, value_as_worded
from newsrecon.report.files import replacing

# Characters that start Markdown inline syntax (emphasis, code, links, images, tables, escapes):
# backslash-escaped, so an article's words never become a link, an image or emphasis.
_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]|"})
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _text(text: object) -> str:
    """Text from an article or a file name, as Markdown that renders exactly that text: HTML
    characters as entities (no tag, comment or autolink survives a CommonMark renderer), inline
    syntax escaped, line breaks as spaces (a line of its own could open a heading or a list)."""
    s = "" if text is None else str(text)
    return " ".join(s.translate(_HTML).translate(_INLINE).split())


def _cell(text: str | None) -> str:
    return _text(text)


def story_markdown(v: StoryView, anchor: bool = False) -> str:
    """One story; with `anchor`, an HTML anchor (the story id) for the dossier's list of stories."""
    lines = [f'<a id="{v.story.id}"></a>', ""] if anchor else []
    lines += [
        f"# {_text(v.headline)}",
        "",
        f"*{len(v.documents)} articles, {_text(span(v, ' to '))}; outlets: {_text(', '.join(v.outlets))}*",
        "",
    ]
    conflicts = [m for m in v.measures if m.status == "conflict"]
    lines += ["## Where the sources disagree", ""]
    if not conflicts:
        lines += ["No conflicting figures.", ""]
    for m in conflicts:
        lines += [f"### {_text(m.label)}", "", f"{_text(m.why)} (confidence {m.confidence:.2f})", ""]
        for cid in m.claims:
            c = v.claims[cid]
            who = c.source or "unattributed"
            via = f" via {', '.join(c.via)}" if c.via else ""
            lines.append(
                f"- **{_text(value_as_worded(c))}** ({_text(who)}{_text(via)}; {_text(c.doc)}, line {c.line}):"
                f" “{_text(c.text)}”"
            )
        lines.append("")
    changing = [m for m in v.measures if m.status == "changing"]
    if changing:
        lines += ["## Figures that changed from report to report", ""]
        for m in changing:
            steps = ", then ".join(
                f"{_text(value_as_worded(v.claims[cid]))} ({day})" for day, cid in m.sequence
            )
            lines += [f"- **{_text(m.label)}**: {steps}", ""]
    lines += [
        "## Key figures",
        "",
        "| measure | status | independent sources | value as worded | hedge | who | via | article |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in v.rows:
        c, m = r.claim, r.measure
        lines.append(
            f"| {_cell(m.label)} | {m.status} | {m.independent_sources} | {_cell(value_as_worded(c))} | "
            f"{_cell(c.quantity.hedge)} | {_cell(c.source or 'unattributed')} | {_cell(', '.join(c.via))} | "
            f"{_cell(r.outlet)} ({_text(c.doc)}:{c.line}) |"
        )
    lines += ["", "## Who relies on whom", ""]
    by_doc: dict[str, list[str]] = {}
    for doc, source in v.citations:
        by_doc.setdefault(doc, []).append(source)
    for d in v.documents:
        lines.append(
            f"- **{_text(d.id)}** ({_text(d.meta.value('outlet') or 'outlet not stated')}):"
            f" {_text(', '.join(by_doc.get(d.id, []))) or '-'}"
        )
    if v.story.duplicates:
        lines += [
            "",
            "Copies of one text (counted once): "
            + _text("; ".join(", ".join(g) for g in v.story.duplicates)),
        ]
    lines += ["", "## Timeline", ""]
    for e in v.story.timeline:
        notes = "".join(f" **{_text(n)}**" for n in e.notes)
        lines.append(
            f"- **{e.date}** — {_cell(e.text)} ({_text(', '.join(e.docs))}; {_text(e.basis)}){notes}"
        )
    lines += ["", "## Articles", ""]
    for d in v.documents:
        lines += [
            f"### {_text(d.meta.value('title') or d.id)}",
            "",
            f"{_text(d.id)} · {_text(d.meta.value('published') or 'undated')}",
            "",
        ]
        for c in d.claims:
            lines.append(
                f"- line {c.line}: **{_text(c.surface)}** — {_text(c.source or 'unattributed')} — “{_text(c.text)}”"
            )
        lines += ["", f"<details><summary>{len(d.removed)} lines removed as boilerplate</summary>", ""]
        lines += [f"- {r.reason}: {_cell(d.text[r.start : r.end][:120])}" for r in d.removed]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def problems_markdown(result: Result) -> str:
    """The inputs a run left out and why, so the dossier says what it does not cover."""
    lines = ["## Inputs left out", ""]
    lines += [f"- {_text(p.source)}: {_text(p.reason)} [{p.code}]" for p in result.problems]
    return "\n".join(lines)


def contents_markdown(views: list[StoryView]) -> str:
    """The list of stories a dossier of several opens with, each linked to its section."""
    lines = [f"# {len(views)} stories", ""]
    shown = {v.story.id for v in views}
    for n, v in enumerate(views, 1):
        related = ", ".join(f"[{_cell(r)}](#{r})" for r in v.story.related if r in shown)
        lines.append(
            f"{n}. [{_cell(v.headline)}](#{v.story.id}): {_text(summary(v))}"
            + (f"; related: {related}" if related else "")
        )
    return "\n".join(lines)


def write_markdown(result: Result, path: str | Path) -> None:
    views = story_views(result)
    several = len(views) > 1
    parts = [contents_markdown(views)] if several else []
    parts += [story_markdown(v, anchor=several) for v in views]
    if result.problems:
        parts.append(problems_markdown(result))
    with replacing(path) as f:
        f.write("\n\n---\n\n".join(parts))
