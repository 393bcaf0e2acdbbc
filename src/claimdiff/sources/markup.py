"""HTML and Markdown to plain text, with each character's offset in the original file.

HTML goes through the standard library's parser (``html.parser``): what is not prose
(``script``, ``style``, ``template``, navigation, page header and footer, asides) is skipped,
entities are decoded (``&nbsp;`` is a no-break space), whitespace is collapsed as a browser
does, and block elements (paragraphs, headings, list items, table rows...) end sentences.

Markdown is read line by line: headings, emphasis and links keep their words, code blocks,
images, link targets and code spans that hold a figure are skipped, and a table row becomes one sentence about
its first cell: ``| Acme | 40 |`` under ``| Company | Staff |`` reads
``Acme: staff 40.`` (the inserted header words map to the row's own cell).

Both return an :class:`~claimdiff.sources.repairs.OffsetMap` from the plain text to the
original, so a claim found in the text is located at its line and column in the file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

from claimdiff.sources.repairs import OffsetMap

# Elements whose content is not prose: nothing inside them is read.
SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "template", "noscript", "nav", "header", "footer", "aside", "head", "svg", "iframe", "object"}
)
# Elements that start and end a block of text (a sentence never runs across them).
BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html",
        "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "title", "tr", "ul",
    }
)  # fmt: skip
# Elements that never have an end tag: they cannot open a skipped region.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
BLOCK_BREAK = "\n\n"


class _Writer:
    """Plain text and its offset map, built piece by piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets = OffsetMap()
        self.at_block_start = True
        self.pending_space: int | None = None  # a collapsed space, written before the next word

    def copy(self, text: str, origin: int) -> None:
        """Append characters that stand at ``origin``, ``origin + 1``, ... in the original."""
        if text:
            self._flush_space()
            self.parts.append(text)
            self.offsets.add_run(origin, len(text))
            self.at_block_start = False

    def insert(self, text: str, origin: int) -> None:
        """Append characters of our own (a decoded entity, a separator) located at ``origin``."""
        if text:
            self._flush_space()
            self.parts.append(text)
            self.offsets.add_same(origin, len(text))
            self.at_block_start = False

    def prose(self, text: str, origin: int) -> None:
        """Append text with its whitespace collapsed to single spaces, as a browser shows it."""
        position = 0
        for match in _SPACES.finditer(text):
            self.copy(text[position : match.start()], origin + position)
            if not self.at_block_start and self.pending_space is None:
                self.pending_space = origin + match.start()
            position = match.end()
        self.copy(text[position:], origin + position)

    def block_break(self, origin: int) -> None:
        """End the current block: a pending space is dropped and a blank line follows."""
        self.pending_space = None
        if not self.at_block_start:
            self.parts.append(BLOCK_BREAK)
            self.offsets.add_same(origin, len(BLOCK_BREAK))
            self.at_block_start = True

    def _flush_space(self) -> None:
        if self.pending_space is not None:
            at, self.pending_space = self.pending_space, None
            self.parts.append(" ")
            self.offsets.add_run(at, 1)

    def text(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), self.offsets


_SPACES = re.compile(r"\s+")


# --- HTML -------------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    def __init__(self, original: str) -> None:
        # Character references come one by one, so each decoded character keeps its place.
        super().__init__(convert_charrefs=False)
        self.out = _Writer()
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
        self.skipping: list[str] = []
        self.preformatted = 0

    def position(self) -> int:
        # (HTMLParser has an ``offset`` of its own: the column of the current event.)
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS and tag not in VOID_ELEMENTS:
            self.skipping.append(tag)
        elif not self.skipping and tag in BLOCK_ELEMENTS:
            self.out.block_break(self.position())
            self.preformatted += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in BLOCK_ELEMENTS:
            self.out.block_break(self.position())

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                # A missing end tag inside the region must not keep the rest of the page hidden.
                del self.skipping[self.skipping.index(tag) :]
        elif tag in BLOCK_ELEMENTS:
            self.out.block_break(self.position())
            self.preformatted -= tag == "pre" and self.preformatted > 0

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        data = data.replace(_DEFUSED, "<")
        if self.preformatted:
            self.out.copy(data, self.position())
        else:
            self.out.prose(data, self.position())

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, written: str) -> None:
        if self.skipping:
            return
        decoded = html.unescape(written)
        if decoded.isspace() and decoded != "\xa0":  # a no-break space binds a figure to its word
            self.out.prose(decoded, self.position())
        else:
            self.out.insert(decoded, self.position())


def _blank_comments(page: str) -> str:
    """Comments turned into spaces (line ends kept, so every offset stays where it was).

    html.parser takes quadratic time over unclosed comments ("<!--<!--<!--..."); a comment
    left open runs to the end of the page, as in a browser.
    """
    parts, position = [], 0
    while (opened := page.find("<!--", position)) >= 0:
        closed = page.find("-->", opened + 4)
        end = len(page) if closed < 0 else closed + 3
        parts += [page[position:opened], _COMMENT_BODY.sub(" ", page[opened:end])]
        position = end
    parts.append(page[position:])
    return "".join(parts)


_COMMENT_BODY = re.compile(r"[^\n]")
# Where html.parser would start a tag, a declaration or a processing instruction...
_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
# ...and a whole one, bounded: a name, then text and quoted values (which may hold < and >).
_WHOLE_TAG = re.compile(
    r"""<(?:
        /?[A-Za-z][^<>"']{0,4000}(?:(?:"[^"]{0,4000}"|'[^']{0,4000}')[^<>"']{0,4000}){0,200}
      | [!?][^<>]{0,4000}
    )>""",
    re.VERBOSE,
)
# Stands for a "<" that opens no tag, while html.parser reads the page; put back in the text.
_DEFUSED = "\ue000"


def _defuse_open_tags(page: str) -> str:
    """Each "<" that opens a tag never closed becomes a placeholder, the same length.

    html.parser rescans the rest of the page from every such "<" ("<a b=\"<a b=\"..." takes
    minutes); a browser shows them as text, and so do we (:meth:`_HtmlText.handle_data`).
    """
    parts, position = [], 0
    for opening in _TAG_OPENING.finditer(page):
        if opening.start() >= position and not _WHOLE_TAG.match(page, opening.start()):
            parts += [page[position : opening.start()], _DEFUSED]
            position = opening.start() + 1
    parts.append(page[position:])
    return "".join(parts)


def html_text(original: str) -> tuple[str, OffsetMap]:
    """The prose of an HTML page and, per character, its offset in ``original``.

    >>> text, offsets = html_text("<p>Cost: €11.7&nbsp;billion</p><script>x = 5000;</script>")
    >>> text
    'Cost: €11.7\\xa0billion\\n\\n'
    >>> offsets[11], offsets[12]
    (14, 20)
    """
    parser = _HtmlText(original)
    parser.feed(_defuse_open_tags(_blank_comments(original)))
    parser.close()
    return parser.out.text()


# --- Markdown ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Inline markup, each alternative a kind of span (see _inline for what is kept of each).
# Inline markup, each alternative a kind of span (see _inline for what is kept of each). No
# part may run over the opening character of another span, so a hostile line ("[[[[...",
# "<a<a<a...") is read in linear time.
_INLINE = re.compile(
    r"""
      (?P<image>!\[[^\[\]\n]*\]\([^()\n]*\))             # an image: skipped
    | (?P<code>(?P<ticks>`+)(?P<verbatim>[^`\n]*)(?P=ticks))  # a code span: see _inline
    | \[(?P<label>[^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])  # a link: its words
    | (?P<autolink><(?:https?|mailto|ftp):[^<>\s]*>)      # an autolink: skipped
    | (?P<tag></?[A-Za-z][^<>\n]*>)                       # inline HTML: skipped
    | (?P<mark>\*{1,3}|~~|(?<![\w])_{1,3}|_{1,3}(?![\w]))  # emphasis markers: dropped
    """,
    re.VERBOSE,
)


_DIGIT = re.compile(r"\d")


def _inline(out: _Writer, line: str, origin: int) -> None:
    """Append one line's words without inline markup."""
    position = 0
    for match in _INLINE.finditer(line):
        out.copy(line[position : match.start()], origin + position)
        if match.group("label") is not None:
            _inline(out, match.group("label"), origin + match.start("label"))
        elif match.group("verbatim") is not None and not _DIGIT.search(match.group("verbatim")):
            # A name in code style ("`AI` infrastructure") is a word of the sentence; a span
            # with figures ("`x = 9`") is code, and its figures are no claims.
            out.copy(match.group("verbatim"), origin + match.start("verbatim"))
        position = match.end()
    out.copy(line[position:], origin + position)


def _cells(line: str, origin: int) -> list[tuple[str, int]]:
    """A table row's cells, stripped, each with its offset in the original."""
    cells = []
    body_start = len(line) - len(line.lstrip())
    body = line.strip()
    if body.startswith("|"):
        body, body_start = body[1:], body_start + 1
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    position = 0
    for part in re.split(r"(?<!\\)\|", body):
        lead = len(part) - len(part.lstrip())
        cells.append((part.strip(), origin + body_start + position + lead))
        position += len(part) + 1
    return cells


def _column_name(header: str) -> str:
    """A header as a common word ("Revenue" -> "revenue"), so it is not taken for a name.

    Acronyms and words capitalised inside ("GDP", "EU funding") are left as they are.
    """
    words = _INLINE.sub("", header).strip()
    if words[:1].isupper() and words[1:2].islower():
        return words[0].lower() + words[1:]
    return words


def _table_row(out: _Writer, header: list[tuple[str, int]], row: list[tuple[str, int]]) -> None:
    """``<first cell>: <header> <cell>; <header> <cell>.``, a sentence about the first cell."""
    first, first_at = row[0]
    _inline(out, first, first_at)
    written = 0
    for index, (cell, at) in enumerate(row[1:], start=1):
        if not cell:
            continue
        out.insert(": " if written == 0 else "; ", at)
        name = _column_name(header[index][0]) if index < len(header) else ""
        if name:
            out.insert(name + " ", at)
        _inline(out, cell, at)
        written += 1
    out.insert(".", row[-1][1] + len(row[-1][0]))
    out.block_break(row[-1][1] + len(row[-1][0]))


def markdown_text(original: str) -> tuple[str, OffsetMap]:
    """The prose of a Markdown document and, per character, its offset in ``original``.

    >>> print(markdown_text("# Results\\n\\nAcme **raised** [$5m](http://x).\\n\\n`x = 9`\\n")[0].strip())
    Results
    <BLANKLINE>
    Acme raised $5m.
    >>> print(markdown_text("| Company | Staff |\\n|---|---|\\n| Acme | 40 |\\n")[0].strip())
    Acme: staff 40.
    """
    out = _Writer()
    lines = original.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    fence = ""
    header: list[tuple[str, int]] | None = None
    for number, raw in enumerate(lines):
        line, at = raw.rstrip("\r\n"), starts[number]
        following = lines[number + 1].rstrip("\r\n") if number + 1 < len(lines) else ""
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
            continue
        if opened := _FENCE.match(line):
            fence = opened.group(1)[:3]
            out.block_break(at)
            continue
        if header is not None and _TABLE_RULE.match(line):
            continue
        if header is not None and "|" in line and line.strip():
            _table_row(out, header, _cells(line, at))
            continue
        header = None
        if "|" in line and _TABLE_RULE.match(following) and not _TABLE_RULE.match(line):
            header = _cells(line, at)
            continue
        if _TABLE_RULE.match(line) or _REFERENCE_DEFINITION.match(line):
            continue
        _markdown_line(out, line, at)
    return out.text()


def _markdown_line(out: _Writer, line: str, at: int) -> None:
    if not line.strip():
        out.block_break(at)
        return
    quote = _QUOTE.match(line)
    if quote:
        line, at = line[quote.end() :], at + quote.end()
    heading = _HEADING.match(line)
    if heading and heading.start() == 0:
        out.block_break(at)
        words = _HEADING.sub("", line)
        _inline(out, words, at + heading.end())
        out.block_break(at + len(line))
        return
    _inline(out, line, at)
    out.insert("\n", at + len(line))


# Readers of marked-up files, by suffix; other files are plain text.
READERS: dict[str, Callable[[str], tuple[str, OffsetMap]]] = {
    ".html": html_text,
    ".htm": html_text,
    ".md": markdown_text,
    ".markdown": markdown_text,
}
