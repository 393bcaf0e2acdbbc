"""The output-encoding layer: one encoder per output format, for every untrusted string.

File names, ruling ids, ``sources.toml`` keys and values, and the text of sources are written
by whoever wrote the corpus. Before any of them reaches an output, the encoder of that output
makes it inert there:

- terminal (stderr, ``--format text``): control characters (C0, DEL, C1), line and paragraph
  separators and bidi controls are shown as escapes (``\\x1b``, ``\\u202e``), so text cannot
  move the cursor, retitle the window or reorder a line; a line cannot begin with ``::`` or
  ``##[`` (a GitHub Actions workflow command, which the runner reads from any log line);
- GitHub workflow commands: properties and messages escaped as the runner documents;
- Markdown: every character with inline meaning escaped, and ``@``, ``#``, ``://`` and
  ``www.`` broken with a word joiner, so nothing becomes a link, image, mention or reference;
  code spans fenced with more backticks than they hold;
- CSV: a cell that begins like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a ``'``;
- JSON and SARIF: what JSON leaves raw (DEL, C1, bidi controls, U+2028/9) as ``\\uXXXX``;
  SARIF URIs percent-encoded relative references; SARIF message text with ``[``/``]`` escaped;
- XML (JUnit): markup characters as entities, characters XML 1.0 cannot hold as ``\\uXXXX``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# --- terminal ---------------------------------------------------------------------------------

# Characters that change how a terminal or a log viewer shows text rather than being text.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_BIDI}]")
# A workflow command of the GitHub Actions runner: "::name ...::" or the older "##[name]".
_COMMAND = re.compile(r"^(\s*)(::|##\[)")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """One line of untrusted text, safe to print to a terminal or a CI log.

    >>> terminal("a\\nb\\x1b]0;pwned\\x07 \\u202eevil")
    'a\\\\x0ab\\\\x1b]0;pwned\\\\x07 \\\\u202eevil'
    >>> terminal("::add-mask::secret")
    '\\\\x3a:add-mask::secret'
    """
    text = _CONTROL.sub(_escaped, text)
    return _COMMAND.sub(lambda m: m.group(1) + f"\\x{ord(m.group(2)[0]):02x}" + m.group(2)[1:], text)


def terminal_lines(text: str) -> str:
    """Text of several lines, each made safe with :func:`terminal` (the line breaks are ours)."""
    lines = text.split("\n")
    return "\n".join(terminal(line) for line in lines)


# --- GitHub workflow commands -----------------------------------------------------------------


def github_data(text: str) -> str:
    """The message of a workflow command (``%``, CR and LF escaped, as the runner documents)."""
    text = _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\r\n" else _escaped(m), text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property of a workflow command (``file=``, ``title=``): also ``:`` and ``,``.

    >>> github_property("a,b:c%\\n.txt")
    'a%2Cb%3Ac%25%0A.txt'
    """
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ---------------------------------------------------------------------------------

# Every ASCII punctuation character that can start or end inline syntax in GitHub Markdown:
# emphasis, code, links, images, autolinks and HTML, entities, table cells, strikethrough,
# math, emoji shortcodes, headings. (Text here never starts a line, so "-", "+", "." and "="
# cannot start a list or an underline.)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()<>#!|~&$:])")
_WORD_JOINER = "\u2060"
# What GitHub turns into links after parsing: mentions, issue references, bare URLs.
_MD_AUTOLINK = re.compile(r"(@|#|:(?=//)|(?<=[wW]{3})\.)")


def markdown(text: str) -> str:
    """Untrusted text as inert Markdown on one line (table cells and list items alike).

    >>> markdown("![x](y) <b>")
    '\\\\!\\\\[x\\\\]\\\\(y\\\\) \\\\<b\\\\>'
    >>> markdown("@octocat #12 https://x") == "@\\u2060octocat \\\\#\\u206012 https\\\\:\\u2060//x"
    True
    """
    text = terminal(" ".join(text.split()))
    text = _MD_AUTOLINK.sub(lambda m: m.group(0) + _WORD_JOINER, text)
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_code(text: str, in_table: bool = False) -> str:
    """Untrusted text as a code span: shown as typed, never interpreted.

    The fence has one backtick more than the longest run inside, so a backtick in a file
    name cannot close it; in a table cell ``|`` is escaped, as GitHub requires even there.

    >>> markdown_code("a`b.txt")
    '`` a`b.txt ``'
    """
    text = terminal(" ".join(text.split()))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if longest or text.startswith(" ") or text.endswith(" ") else text
    if in_table:
        padded = padded.replace("|", "\\|")
    return f"{fence}{padded}{fence}"


# --- CSV --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell: text that a spreadsheet would run as a formula starts with ``'``.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-5"), csv_cell(-5.0)
    ('\\'=HYPERLINK("http://x")', "'-5", -5.0)
    """
    if not isinstance(value, str):
        return value
    text = terminal(" ".join(value.split()))
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- JSON and SARIF ---------------------------------------------------------------------------

_JSON_RAW = re.compile(f"[\\x7f-\\x9f\u2028\u2029{_BIDI}]")


def json_text(document: str) -> str:
    """A JSON document with what ``json.dumps`` leaves raw escaped as ``\\uXXXX`` (same data)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", document)


def sarif_uri(path: str) -> str:
    """A path as a SARIF ``uri``: a percent-encoded relative reference.

    >>> sarif_uri("seeds/pct%0Aset.txt"), sarif_uri("a:b #1.txt"), sarif_uri("//host/x"), sarif_uri("a\\\\b.txt")
    ('seeds/pct%250Aset.txt', 'a%3Ab%20%231.txt', '/host/x', 'a%5Cb.txt')
    """
    posix = re.sub(r"^/{2,}", "/", path)  # "//host" would name an authority
    return quote(posix, safe="/")


def sarif_text(text: str) -> str:
    """SARIF message text: ``[`` and ``]`` would start an embedded link, so they are escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


# --- XML (JUnit) ------------------------------------------------------------------------------

# What XML 1.0 cannot hold at all (C0 controls but tab and line breaks, surrogates, U+FFFE/F),
# and what it reads as text yet a viewer would act on (DEL, C1, line separators, bidi controls).
_XML_ILLEGAL = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff\u2028\u2029{_BIDI}]"
)
_XML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


def xml_text(text: str) -> str:
    """Untrusted text as XML character data or an attribute value (quotes escaped too).

    >>> xml_text('a<b & "c"\\x1b')
    'a&lt;b &amp; &quot;c&quot;\\\\x1b'
    """
    text = _XML_ILLEGAL.sub(_escaped, text)
    return re.sub("[&<>\"']", lambda m: _XML_ENTITIES[m.group(0)], text)
