"""The dossier as Markdown: conflicts first, key figures, sources, and each article's claims."""

from __future__ import annotations

from pathlib import Path

from newsrecon.model import Result
from newsrecon.report.dossier import StoryView, span, story_views, summary, value_as_worded


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def story_markdown(v: StoryView, anchor: bool = False) -> str:
    """One story; with `anchor`, an HTML anchor (the story id) for the dossier's list of stories."""
    lines = [f'<a id="{v.story.id}"></a>', ""] if anchor else []
    lines += [
        f"# {v.headline}",
        "",
        f"*{len(v.documents)} articles, {span(v, ' to ')}; outlets: {', '.join(v.outlets)}*",
        "",
    ]
    conflicts = [m for m in v.measures if m.status == "conflict"]
    lines += ["## Where the sources disagree", ""]
    if not conflicts:
        lines += ["No conflicting figures.", ""]
    for m in conflicts:
        lines += [f"### {m.label}", "", f"{m.why} (confidence {m.confidence:.2f})", ""]
        for cid in m.claims:
            c = v.claims[cid]
            who = c.source or "unattributed"
            via = f" via {', '.join(c.via)}" if c.via else ""
            lines.append(f"- **{value_as_worded(c)}** ({who}{via}; {c.doc}, line {c.line}): “{c.text}”")
        lines.append("")
    changing = [m for m in v.measures if m.status == "changing"]
    if changing:
        lines += ["## Figures that changed from report to report", ""]
        for m in changing:
            steps = ", then ".join(f"{value_as_worded(v.claims[cid])} ({day})" for day, cid in m.sequence)
            lines += [f"- **{m.label}**: {steps}", ""]
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
            f"{_cell(r.outlet)} ({c.doc}:{c.line}) |"
        )
    lines += ["", "## Who relies on whom", ""]
    by_doc: dict[str, list[str]] = {}
    for doc, source in v.citations:
        by_doc.setdefault(doc, []).append(source)
    for d in v.documents:
        lines.append(
            f"- **{d.id}** ({d.meta.value('outlet') or 'outlet not stated'}): {', '.join(by_doc.get(d.id, [])) or '-'}"
        )
    if v.story.duplicates:
        lines += [
            "",
            "Copies of one text (counted once): " + "; ".join(", ".join(g) for g in v.story.duplicates),
        ]
    lines += ["", "## Timeline", ""]
    for e in v.story.timeline:
        notes = "".join(f" **{n}**" for n in e.notes)
        lines.append(f"- **{e.date}** — {_cell(e.text)} ({', '.join(e.docs)}; {e.basis}){notes}")
    lines += ["", "## Articles", ""]
    for d in v.documents:
        lines += [
            f"### {d.meta.value('title') or d.id}",
            "",
            f"`{d.id}` · {d.meta.value('published') or 'undated'}",
            "",
        ]
        for c in d.claims:
            lines.append(f"- line {c.line}: **{c.surface}** — {c.source or 'unattributed'} — “{c.text}”")
        lines += ["", f"<details><summary>{len(d.removed)} lines removed as boilerplate</summary>", ""]
        lines += [f"- {r.reason}: {_cell(d.text[r.start : r.end][:120])}" for r in d.removed]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def problems_markdown(result: Result) -> str:
    """The inputs a run left out and why, so the dossier says what it does not cover."""
    lines = ["## Inputs left out", ""]
    lines += [f"- `{p.source}`: {p.reason} [{p.code}]" for p in result.problems]
    return "\n".join(lines)


def contents_markdown(views: list[StoryView]) -> str:
    """The list of stories a dossier of several opens with, each linked to its section."""
    lines = [f"# {len(views)} stories", ""]
    lines += [f"{n}. [{_cell(v.headline)}](#{v.story.id}): {summary(v)}" for n, v in enumerate(views, 1)]
    return "\n".join(lines)


def write_markdown(result: Result, path: str | Path) -> None:
    views = story_views(result)
    several = len(views) > 1
    parts = [contents_markdown(views)] if several else []
    parts += [story_markdown(v, anchor=several) for v in views]
    if result.problems:
        parts.append(problems_markdown(result))
    Path(path).write_text("\n\n---\n\n".join(parts), encoding="utf-8")
