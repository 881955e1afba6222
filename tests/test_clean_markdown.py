"""Markdown page dumps: markup blanked in place, links known, the article found as in plain dumps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsrecon import RawDocument, clean_document
from newsrecon.clean import normalize, split_lines
from newsrecon.clean.markdown import is_markdown, link_shares, unmark, unmark_links

SHARED = Path(__file__).resolve().parents[2] / "shared"

MENU = "\n".join(
    f"  * [{name}](https://www.harbour-gazette.example/{name.lower()})"
    for name in ("News", "Sport", "Business", "Weather", "Opinion", "Podcasts", "Puzzles")
)
ARTICLE = [
    "A late-season storm cut power to about 40,000 homes along the **northern coast** on Sunday,"
    " the regional utility said, and crews expected to restore most of them by Tuesday.",
    "Winds reached 110 km/h at the harbour mouth, according to the [weather service](https://met.example/obs),"
    " which had warned of gusts above 90 km/h on Saturday evening.",
    "Three ferries were cancelled and the coast road was shut for six hours after a landslip near"
    " the old quarry, police said. No one was hurt.",
    '> "We have never seen the sea come this far up the slipway," said a harbour master who has'
    " worked there for 22 years.",
    "The utility said 1,200 of its workers and contractors were out on Monday, and asked customers"
    " to report fallen lines rather than approach them.",
]
PAGE = (
    "[![Harbour Gazette](https://img.example/logo.png)](https://www.harbour-gazette.example/)\n\n"
    f"{MENU}\n\n"
    "# Storm cuts power to 40,000 homes on the northern coast\n\n"
    "By Mara Lindqvist | 14 March 2026\n\n"
    "![Waves over the harbour wall](https://img.example/waves.jpg)\n\n"
    + "\n\n".join(ARTICLE)
    + "\n\n## More from News\n\n"
    "  * [Council approves new ferry timetable for the summer season](https://www.harbour-gazette.example/a)\n"
    "  * [Quarry owners fined over dust from blasting at the north pit](https://www.harbour-gazette.example/b)\n"
    "  * [Lifeboat crew honoured for a night rescue in January's gale](https://www.harbour-gazette.example/c)\n\n"
    "[Privacy](https://www.harbour-gazette.example/privacy) | [Terms](https://www.harbour-gazette.example/terms)"
    " | © 2026 Harbour Gazette\n"
)


def test_unmark_keeps_length_lines_and_visible_words():
    text = (
        "# Big **news** today ##\n\n* [Home](https://x.example/a) | [World](/w)\n"
        'Some \\*escaped\\* words, a [wrapped\nlink](http://e.example "t") and ![img](i.png) <b>bold</b>.\n'
        "> quoted _words_ here, snake_case_name and 5 * 3 * 2\n"
        "Pos. | Name | Pts\n---|---|---\n1 | Kyle | 5040\n"
        "[![logo](l.png)](/) [**Title**](/t) ![](a\\(1\\).jpg)\n"
    )
    plain = unmark(text)
    assert len(plain) == len(text) and plain.count("\n") == text.count("\n")
    words = plain.split()
    assert words[:3] == ["Big", "news", "today"]
    assert "Home" in words and "World" in words and not any("http" in w or "](" in w for w in words)
    assert " *escaped *" in plain  # escaped characters are text (their backslashes blanked)
    assert words[words.index("words,") + 1 : words.index(".") + 1] == [
        "a",
        "wrapped",
        "link",
        "and",
        "bold",
        ".",
    ]
    assert "snake_case_name" in words and "5 * 3 * 2" in plain  # no emphasis there
    assert words[words.index("quoted") : words.index("quoted") + 3] == ["quoted", "words", "here,"]
    assert words[words.index("Pos.") : words.index("5040") + 1] == [
        "Pos.",
        "Name",
        "Pts",
        "1",
        "Kyle",
        "5040",
    ]
    assert plain.split("\n")[-2].split() == ["Title"]  # the logo image and the bare image are gone


def test_link_spans_and_shares():
    text = (
        "* [Home](https://x.example/)\nRead the [full report](https://x.example/r) today.\nNo links here.\n"
    )
    plain, links = unmark_links(text)
    assert [plain[a:b] for a, b in links] == ["Home", "full report"]
    norm = normalize(plain)
    lines = split_lines(norm.text, None, text)
    shares = link_shares(lines, links, plain, norm.to_original)
    assert shares[0] == 1.0 and 0.3 < shares[1] < 0.6 and shares[2] == 0.0


def test_plain_text_is_not_markdown():
    assert not is_markdown(ARTICLE[0].replace("**", "") + "\n* starred note\n# 1 in the charts\n")
    assert not is_markdown("Terms | Privacy | Contact\n\n5 * 3 = 15\n[1] A footnote.\n")
    assert is_markdown(PAGE)


def test_markdown_page_is_cleaned_with_offsets_into_the_file():
    doc = clean_document(RawDocument(id="storm", text=PAGE, source="storm.md"))
    assert len(doc.text) == len(PAGE)
    body = doc.body.split("\n")
    assert body[0].startswith("A late-season storm cut power")
    assert body[-1].startswith("The utility said 1,200")
    assert len(body) == len(ARTICLE)
    for needle in ("Sport", "Council approves", "Privacy", "https"):
        assert needle not in doc.body
    assert "northern coast" in doc.body and "**" not in doc.body and "weather service" in doc.body
    for span, line in zip(doc.paragraphs, body, strict=True):
        # Each paragraph's span covers the same words in the user's file, markup and all.
        assert PAGE[span.start : span.end].split()[-1].strip("*").rstrip(".,") in line
    assert (doc.meta.value("title") or "").startswith("Storm cuts power")


def test_markdown_figures_read_without_markup():
    from newsrecon.claims import extract_claims

    claims, _, _ = extract_claims(clean_document(RawDocument(id="storm", text=PAGE, source="storm.md")))
    surfaces = {c.surface for c in claims}
    assert any("40,000" in s for s in surfaces)
    assert all("](" not in s and "**" not in s for s in surfaces)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (the benchmark pages) is absent: a user's clone")
def test_no_plain_dump_is_read_as_markdown():
    pages = sorted((SHARED / "bench" / "flattened").glob("*.txt"))
    assert len(pages) == 181
    assert not [p.name for p in pages if is_markdown(p.read_text(encoding="utf-8"))]
    with (SHARED / "bench" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    assert not [t for t in texts if is_markdown(t)]


def test_wrapped_markdown_joins_paragraphs_but_not_across_a_link_target_broken_over_lines():
    para = (
        "The harbour master said the sea had never come this far up the slipway in the twenty-two years he"
        " has worked there, and that the old wall would need to be surveyed before the summer season."
    )
    lines_of = __import__("textwrap").wrap(para, 78)
    text = "\n".join(
        [
            *lines_of,
            "",
            "**Also:**[Read the survey of the old harbour wall published last spring](https://x.example/new-",
            "harbour-wall-survey-2025/)",
            "",
            *lines_of,
            "",
        ]
        * 4
    )
    assert is_markdown(text)
    doc = clean_document(RawDocument(id="wrap", text=text, source="wrap.md"))
    plain = [" ".join(doc.text[p.start : p.end].split()) for p in doc.paragraphs]
    assert para in plain
    assert not any("Read the survey" in p and "harbour master" in p for p in plain)


def test_star_markers_of_a_rendered_menu_are_blanked_and_few_stars_are_left():
    from newsrecon.clean.markdown import unstar

    menu = "\n".join(f"  * {name}" for name in ("News", "Sport", "Business", "Weather", "Opinion", "Travel"))
    text = f"{menu}\n\n{menu.replace('*', '•')}\n\n" + "\n\n".join(a.replace("**", "") for a in ARTICLE[:3])
    plain = unstar(text)
    assert len(plain) == len(text) and "*" not in plain and "•" not in plain and "  Sport" in plain
    few = "Results:\n* Ana Lopez, 51.2 s\n* Tom Reed, 52.0 s\n\n" + ARTICLE[0]
    assert unstar(few) is few
    doc = clean_document(RawDocument(id="menu", text=text, source="menu.txt"))
    assert doc.body.split("\n")[0].startswith("A late-season storm") and "Sport" not in doc.body


def test_windows_and_unicode_line_breaks_end_markdown_lines():
    text = "## Heading ##\n\n| Pos | Name |\n|-----|------|\n| 1 | Kyle |\n\nTitle\n=====\n\n---\n"
    for crlf in (text.replace("\n", "\r\n"), text.replace("\n", "\u2028")):
        plain = unmark(crlf)
        assert len(plain) == len(crlf) and [i for i, c in enumerate(plain) if c in "\r\n\u2028"] == [
            i for i, c in enumerate(crlf) if c in "\r\n\u2028"
        ]
        assert plain.split() == ["Heading", "Pos", "Name", "1", "Kyle", "Title"]


def test_link_forms():
    cases = {
        "[Foo (band)](https://en.example/wiki/Foo_(band)) played": ["Foo", "(band)", "played"],
        "see [the [live] video](https://x.example/v) now": ["see", "the", "[live]", "video", "now"],
        "[link](<https://x.example/a b>) and <https://u.example/page>": [
            "link",
            "and",
            "https://u.example/page",
        ],
        "![Map of [region]](m.png) [x][1]\n\n[1]: https://x.example/1": ["x"],
        '[Teaser\nheadline ](/news/1/a-long-\naddress "Teaser\nheadline") next': [
            "Teaser",
            "headline",
            "next",
        ],
    }
    for text, words in cases.items():
        assert unmark(text).split() == words, text


def test_plain_texts_with_markdown_like_characters_stay_plain():
    texts = [
        "Attackers hid code in __init__.py and __main__ modules; the <script> tag loaded from __pycache__.",
        "# apt-get update\n# apt-get install nginx\n# systemctl restart nginx\nThen the site was back.",
        r"The pattern \d+\.\d+ matched versions, and \(\w+\) the names in brackets \[sic\].",
        "Ranked #1 in the league [1], with a * after the 2019 title*.\n> quoted reply\n____\n",
    ]
    for text in texts:
        assert not is_markdown(text), text
        doc = clean_document(RawDocument(id="p", text=text, source="p.txt"))
        assert doc.text == text


def test_adversarial_markdown_is_read_in_one_pass():
    """Runs of spaces, brackets and unclosed comments once made some patterns rescan the rest of
    the text from every character: minutes for 100 kB. Each of these now takes well under a second
    (benchmarks/ measure speed; here a regression would show as a stalled test)."""
    body = "\n\n".join(a.replace("**", "") for a in ARTICLE)
    texts = [
        "# T\n\n[a](b) [c](d) [e](f)\n\n![chart](data:image/png;base64,"
        + "iVBORw0KGgo" * 9000
        + ")\n\n"
        + body,
        "Plain text.\n" + " " * 100_000 + "x\n",
        "](" * 50_000,
        "[](" * 35_000,
        "<!--" * 25_000,
        "# A\n## B\n### C\n" + ("word " + " " * 5000 + "#\n") * 20,
        "|a|b|\n|---|---|\n|x" + " " * 50_000 + "\n",
    ]
    for text in texts:
        plain, links = unmark_links(text)
        assert len(plain) == len(text) and all(0 <= a < b <= len(text) for a, b in links)
        clean_document(RawDocument(id="x", text=text, source="x.md"))


def test_metadata_offsets_point_at_the_words_through_markup_and_spaces():
    text = (
        "# Storm cuts power\n\nBy [Ana Lopez](https://n.example/authors/ana) | 3 March 2026\n\n"
        "[Home](/) [World](/w) [Sport](/s)\n\n" + "\n\n".join(a.replace("**", "") for a in ARTICLE)
    )
    doc = clean_document(RawDocument(id="m", text=text, source="m.md"))
    meta = doc.meta
    assert text[meta.byline.start : meta.byline.end] == "Ana Lopez"
    assert text[meta.published.start : meta.published.end] == "3 March 2026"
    assert text[meta.title.start : meta.title.end] == "Storm cuts power"
    plain = "Storm cuts power\n\nPublished:   3 March   2026\n\n" + "\n\n".join(
        a.replace("**", "") for a in ARTICLE
    )
    doc = clean_document(RawDocument(id="p", text=plain, source="p.txt"))
    assert doc.meta.published.value == "2026-03-03"
    assert " ".join(plain[doc.meta.published.start : doc.meta.published.end].split()) == "3 March 2026"


def test_a_heading_after_an_image_is_not_run_into_the_paragraph_before():
    para = __import__("textwrap").wrap(ARTICLE[2] + " " + ARTICLE[4], 78)
    image = "![" + "a photo of the harbour wall " * 3 + "](https://img.example/w.jpg)"
    text = "\n".join([*para[:2], image, "## Next section", *para[2:]])
    text = "# Storm\n\n[a](b) [c](d)\n\n" + text + "\n\n" + "\n".join(para) + "\n"
    doc = clean_document(RawDocument(id="h", text=text, source="h.md"))
    texts = [" ".join(doc.text[s.start : s.end].split()) for s in (*doc.paragraphs, *doc.removed)]
    assert "Next section" in texts
