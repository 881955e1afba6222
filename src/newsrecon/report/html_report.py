"""The dossier as one self-contained HTML page: no scripts, fonts or images fetched at view time.

Conflicts come first, with both sides quoted and linked to the sentence in the article; then the
key-figures table, the citation graph drawn as inline SVG, and every article's cleaned text with
its figures highlighted and what was removed as boilerplate behind a <details> toggle.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from newsrecon.model import Claim, Document, Result
from newsrecon.report.dossier import StoryView, outlet_name, span, story_views, summary, value_as_worded
from newsrecon.report.files import replacing

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
header{background:#1d2330;color:#fff;padding:1.5rem}
header h1{margin:0 0 .3rem;font-size:1.6rem}
header p{margin:0;color:#c9cfdb}
nav a{color:#9cc3ff;margin-right:1rem}
section{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px #0001}
h2{margin-top:0}
.conflict{border-left:4px solid #c62828;padding:.25rem .75rem;margin:.75rem 0}
.conflict h3{margin:.2rem 0}
.why{color:#8a1c1c}
blockquote{margin:.35rem 0;padding:.35rem .75rem;background:#f3f4f7;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e4e7ec;vertical-align:top}
th{background:#eef1f5}
.badge{display:inline-block;border-radius:9px;padding:0 .5rem;font-size:.8rem;color:#fff}
.badge.conflict-b{background:#c62828}.badge.changing{background:#b45309}.badge.consistent{background:#2e7d32}.badge.single{background:#6b7280}
mark.claim{background:#fff3b0;border-radius:3px;padding:0 2px}
mark.claim.in-conflict{background:#ffcdd2}
article{border-top:1px solid #e4e7ec;padding-top:.75rem;margin-top:.75rem}
article .meta,.small{color:#5b6474;font-size:.88rem}
details{margin:.5rem 0}
details li{font-size:.85rem;color:#5b6474}
svg text{font-size:12px;fill:#1d2330}
"""


def _badge(status: str) -> str:
    cls = "conflict-b" if status == "conflict" else status
    return f'<span class="badge {cls}">{escape(status)}</span>'


def _quote(c: Claim, doc: Document) -> str:
    """The claim's sentence with the figure marked, from the original text by offsets."""
    s, e = c.sentence_start, c.sentence_end
    text = doc.text
    inner = escape(text[s : c.start]) + f"<mark class='claim'>{escape(text[c.start : c.end])}</mark>"
    return inner + escape(text[c.end : e])


def _paragraph(doc: Document, start: int, end: int, marks: list[Claim], conflicting: set[str]) -> str:
    out, pos = [], start
    for c in sorted((c for c in marks if start <= c.start and c.end <= end), key=lambda c: c.start):
        if c.start < pos:
            continue
        cls = "claim in-conflict" if c.measure in conflicting else "claim"
        title = f"{c.source or 'unattributed'}" + (f" via {', '.join(c.via)}" if c.via else "")
        out.append(escape(doc.text[pos : c.start]))
        out.append(
            f'<mark class="{cls}" id="{escape(_anchor(c.id))}" title="{escape(title)}">'
            f"{escape(doc.text[c.start : c.end])}</mark>"
        )
        pos = c.end
    out.append(escape(doc.text[pos:end]))
    return "<p>" + " ".join("".join(out).split()) + "</p>"


def _anchor(claim_id: str) -> str:
    return "claim-" + "".join(ch if ch.isalnum() else "-" for ch in claim_id)


def _graph(v: StoryView) -> str:
    """Documents on the left, the sources they cite on the right, a line per citation."""
    docs = [d.id for d in v.documents]
    sources = sorted(
        {s for _, s in v.citations}, key=lambda s: (-sum(1 for _, x in v.citations if x == s), s)
    )
    if not sources:
        return "<p class='small'>No document names an upstream source.</p>"
    row, top, width = 26, 20, 900
    height = top * 2 + row * max(len(docs), len(sources))
    outlets = {d.id: outlet_name(d) for d in v.documents}
    y_doc = {d: top + row * i + row / 2 for i, d in enumerate(docs)}
    y_src = {s: top + row * i + row / 2 for i, s in enumerate(sources)}
    parts = [f'<svg role="img" aria-label="Citation graph" viewBox="0 0 {width} {height}" width="100%">']
    for doc, src in v.citations:
        parts.append(
            f'<line x1="260" y1="{y_doc[doc]:.0f}" x2="640" y2="{y_src[src]:.0f}" stroke="#7a8aa6" stroke-opacity=".55"/>'
        )
    for d in docs:
        label = f"{outlets[d]} · {d}" if outlets[d] != d else d
        parts.append(f'<circle cx="260" cy="{y_doc[d]:.0f}" r="5" fill="#1d2330"/>')
        parts.append(f'<text x="250" y="{y_doc[d] + 4:.0f}" text-anchor="end">{escape(label[:40])}</text>')
    for s in sources:
        n = sum(1 for _, x in v.citations if x == s)
        parts.append(
            f'<circle cx="640" cy="{y_src[s]:.0f}" r="{4 + 2 * n}" fill="#c26d00" fill-opacity=".8"/>'
        )
        parts.append(f'<text x="{656 + 2 * n}" y="{y_src[s] + 4:.0f}">{escape(s[:42])} ({n})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _date_value(date: str) -> float:
    """A timeline position: year plus the fraction of it, at whatever precision the date has."""
    parts = [int(x) for x in date.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 15
    return year + (month - 1) / 12 + (day - 1) / 365


def _timeline(v: StoryView) -> str:
    """The events on a time axis (inline SVG), then as a list with their sources and dating basis."""
    events = v.story.timeline
    if not events:
        return "<p class='small'>No dated events.</p>"
    values = [_date_value(e.date) for e in events]
    lo, hi = min(values), max(values)
    span = max(hi - lo, 0.1)
    width, row = 900, 16
    height = 40 + row * len(events)
    parts = [f'<svg role="img" aria-label="Timeline" viewBox="0 0 {width} {height}" width="100%">']
    parts.append(f'<line x1="40" y1="20" x2="{width - 40}" y2="20" stroke="#1d2330"/>')
    for year in range(int(lo), int(hi) + 1):
        x = 40 + (year - lo) / span * (width - 80)
        if 40 <= x <= width - 40:
            parts.append(f'<text x="{x:.0f}" y="14" text-anchor="middle">{year}</text>')
    for i, (e, value) in enumerate(zip(events, values, strict=True)):
        x = 40 + (value - lo) / span * (width - 80)
        y = 36 + row * i
        color = "#c62828" if e.notes else "#2b59c3"
        parts.append(
            f'<line x1="{x:.0f}" y1="20" x2="{x:.0f}" y2="{y:.0f}" stroke="{color}" stroke-opacity=".3"/>'
        )
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4" fill="{color}"/>')
        anchor = "end" if x > width / 2 else "start"
        dx = -8 if anchor == "end" else 8
        parts.append(
            f'<text x="{x + dx:.0f}" y="{y + 4:.0f}" text-anchor="{anchor}">{escape(e.date)} · {escape(e.text[:70])}</text>'
        )
    parts.append("</svg><ol class='events'>")
    for e in events:
        docs = ", ".join(escape(d) for d in e.docs)
        notes = "".join(f"<br><span class='why'>{escape(n)}</span>" for n in e.notes)
        parts.append(
            f"<li><strong>{escape(e.date)}</strong> — {escape(e.text)} "
            f"<span class='small'>({docs}; {escape(e.basis)})</span>{notes}</li>"
        )
    parts.append("</ol>")
    return "".join(parts)


def story_html(v: StoryView, prefix: str = "") -> str:
    """One story. `prefix` goes before its section ids, so that the stories of one page each
    keep their own ("story-3-conflicts"); a page of one story keeps plain ones ("conflicts")."""
    docs = {d.id: d for d in v.documents}
    conflicting = {m.id for m in v.measures if m.status == "conflict"}
    dates = span(v, " – ")
    if v.inferred:
        dates += f" (dates inferred for {v.inferred} of them)"
    changed = any(m.status == "changing" for m in v.measures)
    nav = "".join(
        f'<a href="#{prefix}{part}">{label}</a>'
        for part, label in (
            ("conflicts", "Conflicts"),
            *((("changing", "Changed"),) if changed else ()),
            ("figures", "Key figures"),
            ("sources", "Sources"),
            ("timeline", "Timeline"),
            ("articles", "Articles"),
        )
    )
    story_id = f' id="{escape(v.story.id)}"' if prefix else ""
    h = [
        f"<header{story_id}><h1>{escape(v.headline)}</h1><p>{len(v.documents)} articles · {escape(dates)} · "
        f"outlets: {escape(', '.join(v.outlets))}</p><nav>{nav}</nav></header><main>"
    ]
    h.append(f'<section id="{prefix}conflicts"><h2>Where the sources disagree</h2>')
    if not conflicting:
        h.append("<p>No conflicting figures.</p>")
    for m in (m for m in v.measures if m.status == "conflict"):
        h.append(f'<div class="conflict"><h3>{escape(m.label)} {_badge(m.status)}</h3>')
        h.append(
            f'<p class="why">{escape(m.why or "")} <span class="confidence">(confidence {m.confidence:.2f})</span></p>'
        )
        for cid in m.claims:
            c = v.claims[cid]
            who = escape(c.source or "unattributed") + (f" via {escape(', '.join(c.via))}" if c.via else "")
            h.append(
                f"<blockquote><strong>{escape(value_as_worded(c))}</strong> — {who} "
                f'(<a href="#{_anchor(c.id)}">{escape(outlet_name(docs[c.doc]))}, line {c.line}</a>)<br>'
                f"{_quote(c, docs[c.doc])}</blockquote>"
            )
        for note in m.notes:
            h.append(f'<p class="small">{escape(note)}</p>')
        h.append("</div>")
    h.append("</section>")
    changing = [m for m in v.measures if m.status == "changing"]
    if changing:
        h.append(f'<section id="{prefix}changing"><h2>Figures that changed from report to report</h2><ul>')
        for m in changing:
            steps = ", then ".join(
                f"<strong>{escape(value_as_worded(v.claims[cid]))}</strong> ({escape(day)})"
                for day, cid in m.sequence
            )
            h.append(f"<li>{escape(m.label)} {_badge(m.status)}: {steps}</li>")
        h.append("</ul></section>")
    h.append(
        f'<section id="{prefix}figures"><h2>Key figures</h2><table class="figures"><thead><tr><th>Measure</th><th>Status</th>'
        "<th>Independent sources</th><th>Value as worded</th><th>Hedge</th><th>Who</th><th>Via</th><th>Article</th>"
        "</tr></thead><tbody>"
    )
    for r in v.rows:
        c, m = r.claim, r.measure
        h.append(
            f"<tr><td>{escape(m.label)}</td><td>{_badge(m.status)}</td><td>{m.independent_sources}</td>"
            f"<td>{escape(value_as_worded(c))}</td><td>{escape(c.quantity.hedge or '')}</td>"
            f"<td>{escape(c.source or 'unattributed')}</td><td>{escape(', '.join(c.via))}</td>"
            f'<td><a href="#{_anchor(c.id)}">{escape(r.outlet)}</a></td></tr>'
        )
    h.append("</tbody></table></section>")
    h.append(f'<section id="{prefix}sources"><h2>Who relies on whom</h2>{_graph(v)}')
    if v.story.duplicates:
        copies = "; ".join(", ".join(g) for g in v.story.duplicates)
        h.append(f'<p class="small">Copies of one text, counted once: {escape(copies)}</p>')
    h.append("</section>")
    h.append(f'<section id="{prefix}timeline"><h2>Timeline</h2>{_timeline(v)}</section>')
    h.append(f'<section id="{prefix}articles"><h2>Articles</h2>')
    for d in v.documents:
        meta = [
            d.meta.value("outlet"),
            d.meta.value("byline"),
            d.meta.value("published"),
            d.meta.value("dateline"),
        ]
        h.append(f'<article id="doc-{escape(d.id)}"><h3>{escape(d.meta.value("title") or d.id)}</h3>')
        h.append(
            f'<p class="meta">{escape(" · ".join(x for x in meta if x) or d.id)} · <code>{escape(d.id)}</code></p>'
        )
        for p in d.paragraphs:
            h.append(_paragraph(d, p.start, p.end, list(d.claims), conflicting))
        h.append(f"<details><summary>Removed as boilerplate ({len(d.removed)})</summary><ul>")
        for r in d.removed:
            h.append(
                f"<li><strong>{escape(r.reason)}</strong>: {escape(' '.join(d.text[r.start : r.end].split())[:160])}</li>"
            )
        h.append("</ul></details></article>")
    h.append("</section></main>")
    return "".join(h)


def render_html(result: Result) -> str:
    views = story_views(result)
    title = views[0].headline if views else "newsrecon dossier"
    if len(views) > 1:
        title = f"{len(views)} stories"
        shown = {v.story.id for v in views}

        def related(v: StoryView) -> str:
            links = [f'<a href="#{escape(r)}">{escape(r)}</a>' for r in v.story.related if r in shown]
            return f" · related: {', '.join(links)}" if links else ""

        items = "".join(
            f'<li><a href="#{escape(v.story.id)}">{escape(v.headline)}</a> <span class="small">'
            f"{escape(summary(v))}{related(v)}</span></li>"
            for v in views
        )
        body = f'<header><h1>{len(views)} stories</h1></header><main><section id="stories"><ol>{items}</ol></section></main>'
        body += "".join(story_html(v, prefix=f"{v.story.id}-") for v in views)
    else:
        body = "".join(story_html(v) for v in views) or "<main><p>No stories.</p></main>"
    if result.problems:
        items = "".join(
            f"<li><code>{escape(p.source)}</code>: {escape(p.reason)} [{p.code}]</li>"
            for p in result.problems
        )
        body += f'<main><section id="left-out"><h2>Inputs left out</h2><ul>{items}</ul></section></main>'
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} — newsrecon dossier</title><style>{CSS}</style></head><body>{body}</body></html>"
    )


def write_html(result: Result, path: str | Path) -> None:
    with replacing(path) as f:
        f.write(render_html(result))
