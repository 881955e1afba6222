"""Page dumps in Markdown (html2text, pandoc, and the scrapers that hand pages to language models):
their markup blanked out, so the cleaner reads the visible text it was fitted on.

The markup is replaced by spaces, never removed: the text keeps its length and its lines, so every
offset found in the blanked text points at the same characters in the user's file. Link targets,
images, emphasis, heading and list markers, quote markers, HTML tags, escapes, rules and table
borders go; the words a reader sees stay. `is_markdown` decides whether a text is Markdown at all:
plain page dumps keep their asterisks and brackets.

A Markdown parser (markdown-it, mistune) would give the structure, but not the character offsets of
inline markup, which provenance needs; the subset scrapers write is regular enough for patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from newsrecon.clean.lines import Line

# Patterns are bounded or possessive (`*+`) wherever a run could be rescanned from each of its
# characters: a page of 100 kB with a long run of spaces or brackets must not take minutes.

# Evidence that a text is Markdown, not a plain dump that happens to hold a "*", a "#" or a "__init__".
_TARGET = (  # a link's target, maybe broken over lines (html2text breaks long addresses at hyphens)
    r"(?:<[^<>\n]{0,2000}>"
    r"|[^()\s]{0,2000}+(?:\([^()\s]{0,500}+\)[^()\s]{0,500}+)?(?:\n[^()\s]{1,2000}+){0,8})"
    r"(?:\s++\"[^\"]{0,500}+\")?"  # a title, which wraps too
)
_LINK = re.compile(r"\]\(" + _TARGET + r"\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]++[^\s\-a-z]", re.M)  # "# apt-get" is a shell prompt
_STRONG = re.compile(
    r"(?<![\w*])\*\*(?=\S)[^*\n]{1,500}+(?<=\S)\*\*(?![\w*])"
    r"|(?<!\w)__(?=\S)[^_\n]{0,500}+ [^_\n]{0,500}+(?<=\S)__(?!\w)"  # "__init__" is a name
)
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|>~<]")
_MARKUP_ESCAPE = re.compile(r"\\[*_\[\]#`]")  # evidence: what only Markdown escapes
_ITEM = re.compile(r"^[ \t]*+(?:[*+-]|\d{1,3}[.)])[ \t]++(?=\S)", re.M)
_TABLE_RULE = re.compile(r"^[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)++\|?[ \t]*+$", re.M)
_SETEXT = re.compile(r"^={3,}+[ \t]*+$", re.M)
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,200}+\]:[ \t]++\S.*$", re.M)
# Kinds of evidence, and how many marks a text needs (links alone suffice: no plain text has them).
_KINDS = (_HEADING, _STRONG, _MARKUP_ESCAPE, _TABLE_RULE, _SETEXT, _REF_DEFINITION)
_EVIDENCE = 3  # marks of Markdown a text needs before its markup is read as such
_ITEMS = 0.2  # or this share of its lines (and at least `_MIN_ITEMS`) set as list items, beside
_MIN_ITEMS = 5  # one mark: an html2text dump without links

# Blanked wherever found, in this order (escaped characters are shielded first).
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]{0,30}+(?:\s[^<>\n]{0,2000}+)?/?>|<!--[\s\S]{0,2000}?-->")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2000}+)>")
# An image's alt text and a link's text may wrap onto the next lines (html2text wraps at 78
# columns), a link around blocks (a teaser: picture, headline, summary) holds blank lines, and a
# link's text may hold a pair of brackets ("[the [live] video](...)").
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]{0,200}+\]){0,1000}+\]\(" + _TARGET + r"\)")
_LINK_TEXT = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]{0,200}+\]){0,3000}+)\]\(" + _TARGET + r"\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]{1,200}+)\]\[[^\[\]\n]{0,100}+\]")
_HEADING_MARK = re.compile(r"^( {0,3})(#{1,6})[ \t]++|(?<![ \t])([ \t]++#++)[ \t]*+$", re.M)
_SETEXT_OR_RULE = re.compile(r"^[ \t]*+(?:=++|-{2,}+|(?:[*_-][ \t]*+){3,}+)[ \t]*+$", re.M)
_QUOTE = re.compile(r"^[ \t]*+(?:>[ \t]?+)++", re.M)
_FENCE = re.compile(r"^[ \t]*+(?:```|~~~).*$", re.M)
_EMPHASIS = (
    re.compile(r"(?<![\w*\\])(\*\*\*|\*\*|\*)(?=[^\s*])[^*\n]*?(?<=[^\s*])(\1)(?![\w*])"),
    re.compile(r"(?<![\w_\\])(___|__|_)(?=[^\s_])[^_\n]*?(?<=[^\s_])(\1)(?!\w)"),
    re.compile(r"(~~)(?=\S)[^~\n]*?(?<=\S)(~~)"),
    re.compile(r"(`+)(?=[^`\n])[^`\n]*?(?<=[^`\n])(\1)(?!`)"),
)
# Stand in for an escaped character and its backslash while the markup is blanked: neither is
# markup, and neither is a space (a link's target "(a\(1\).jpg)" stays one word).
_SHIELD, _SHIELD_SLASH = "\ue000", "\ue001"
# Line breaks the patterns' "^" and "$" do not know: read as "\n" (a "\r" before "\n" as a
# space) while the markup is blanked, and put back after.
_ODD_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def is_markdown(text: str) -> bool:
    """Whether `text` is written in Markdown: three links with targets, or three marks of two kinds
    (headings, strong emphasis, escapes, table rules, setext underlines, link definitions), or one
    mark and a fifth of its lines set as list items."""
    text = _even_breaks(text)
    if _marks(_LINK, text) >= _EVIDENCE:
        return True
    marks = [_marks(pattern, text) for pattern in _KINDS]
    kinds = sum(1 for m in marks if m)
    if sum(marks) >= _EVIDENCE and kinds >= 2:
        return True
    if not kinds:
        return False
    lines = sum(1 for line in text.split("\n") if line.strip())
    return len(_ITEM.findall(text)) >= max(_MIN_ITEMS, _ITEMS * lines)


def _marks(pattern: re.Pattern[str], text: str) -> int:
    """How many times `pattern` is found in `text`, counted up to `_EVIDENCE` (enough to decide)."""
    return sum(1 for _ in zip(range(_EVIDENCE), pattern.finditer(text), strict=False))


def _even_breaks(text: str) -> str:
    """`text` with every line break a "\\n" (a "\\r\\n" as " \\n"): same length."""
    if not _ODD_BREAKS.search(text):
        return text
    return _ODD_BREAKS.sub(lambda m: " \n" if m.group() == "\r\n" else "\n", text)


def unmark(text: str) -> str:
    """`text` with its Markdown markup replaced by spaces (same length, same lines)."""
    return unmark_links(text)[0]


def unmark_links(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`unmark`, and the spans of the link texts left standing (a line of links is a menu or a
    teaser, whatever its words), in order, nested ones merged."""
    original, text = text, _even_breaks(text)
    chars = list(text)
    shielded: list[tuple[int, str]] = []
    for m in _ESCAPE.finditer(text):
        chars[m.start()] = _SHIELD_SLASH
        shielded.append((m.start() + 1, text[m.start() + 1]))
        chars[m.start() + 1] = _SHIELD
    page = _Blanked(chars)
    page.blank_all(_FENCE)
    page.keep_group(_AUTOLINK)
    page.blank_all(_HTML_TAG)
    page.blank_all(_IMAGE)
    # Nested links ("[![logo](src)](href)", "[**Title**](href)"): the inner ones go first.
    for _ in range(3):
        if not page.keep_group(_LINK_TEXT):
            break
    page.keep_group(_REF_LINK)
    page.blank_all(_REF_DEFINITION)
    page.blank_tables()
    page.blank_all(_SETEXT_OR_RULE)
    page.blank_groups(_HEADING_MARK, (2, 3))
    page.blank_all(_QUOTE)
    page.blank_all(_ITEM)
    for _ in range(2):  # "**bold *italic* bold**": the inner pair first (no pair spans a marker)
        for pattern in _EMPHASIS:
            page.blank_groups(pattern, (1, 2))
    for at, ch in shielded:
        page.chars[at - 1] = " "
        if page.chars[at] == _SHIELD:  # not blanked with the markup around it (a link's target)
            page.chars[at] = ch
    if text is not original:
        for m in _ODD_BREAKS.finditer(original):
            page.chars[m.start() : m.end()] = m.group()
    return "".join(page.chars), _merged(page.links)


class _Blanked:
    """The text as a list of characters, blanked pass by pass (each pass matches on the text as
    the passes before left it, so that a link's text is found once its image is gone)."""

    def __init__(self, chars: list[str]):
        self.chars = chars
        self.links: list[tuple[int, int]] = []  # the spans of the groups `keep_group` kept

    def _spans(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return list(pattern.finditer("".join(self.chars)))

    def _blank(self, start: int, end: int) -> None:
        """Spaces for the characters, but the line breaks (all "\\n" here: see `_even_breaks`)."""
        chars = self.chars
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    def blank_all(self, pattern: re.Pattern[str]) -> None:
        for m in self._spans(pattern):
            self._blank(m.start(), m.end())

    def blank_groups(self, pattern: re.Pattern[str], groups: tuple[int, ...]) -> None:
        for m in self._spans(pattern):
            for g in groups:
                if m.start(g) >= 0:
                    self._blank(m.start(g), m.end(g))

    def keep_group(self, pattern: re.Pattern[str], group: int = 1) -> int:
        """Blank every match but its group `group` (a link's text); returns how many matched."""
        found = self._spans(pattern)
        for m in found:
            self._blank(m.end(group), m.end())
            self._blank(m.start(), m.start(group))
            self.links.append(m.span(group))
        return len(found)

    def blank_tables(self) -> None:
        """A table's rule ("---|---") goes, and its cell borders ("a | b") read as the gaps between
        cells, as a browser's text has them: in the rule's run of lines holding a "|"."""
        lines = "".join(self.chars).split("\n")
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        done: set[int] = set()
        for r in (i for i, line in enumerate(lines) if _TABLE_RULE.fullmatch(line)):
            rows = {r}
            for step in (-1, 1):
                i = r + step
                while 0 <= i < len(lines) and "|" in lines[i] and i not in done:
                    rows.add(i)
                    i += step
            for i in rows - done:
                if i == r:
                    self._blank(starts[i], starts[i] + len(lines[i]))
                else:
                    for j, ch in enumerate(lines[i]):
                        if ch == "|":
                            self.chars[starts[i] + j] = " "
            done |= rows


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


_STAR_ITEM = re.compile(r"^[ \t]*[*•][ \t]+(?=\S)", re.M)
_STAR_ITEMS = 10  # lines set as "* " items (and a twentieth of the lines) before their stars go


def unstar(text: str) -> str:
    """A text rendered from a page with its list items marked ("* Home", "• World": lynx, w3m,
    inscriptis), the markers blanked to spaces in place: a page dump without them sets a menu's
    items as bare lines, and so the cleaner reads them. Other texts are returned as they are."""
    items = _STAR_ITEM.findall(text)
    if len(items) < max(_STAR_ITEMS, 0.05 * text.count("\n")):
        return text
    return _STAR_ITEM.sub(lambda m: " " * len(m.group()), text)


def wrapped_lines(marked: str) -> str:
    """The lines of a Markdown text on which to look for a wrap width (`lines.wrap_width`): without
    list items and lines holding a link's target, which html2text leaves whole past its width."""
    return "\n".join(line for line in marked.split("\n") if "](" not in line and not _ITEM.match(line))


def link_shares(lines: list[Line], links: list[tuple[int, int]], text: str, to_original) -> list[float]:
    """For every line, the share of its characters (spaces aside) inside `links` (`unmark_links`'s
    spans in `text`, the blanked text); `to_original` maps a line's offsets into `text`."""
    starts = [a for a, _ in links]
    out = []
    for line in lines:
        start, end = to_original(line.start), to_original(line.end - 1) + 1
        inside = 0
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(links) and links[i][0] < end:
            a, b = max(links[i][0], start), min(links[i][1], end)
            if b > a:
                inside += b - a - text.count(" ", a, b)
            i += 1
        total = len(line.text) - line.text.count(" ")
        out.append(min(1.0, inside / total) if total else 0.0)
    return out
