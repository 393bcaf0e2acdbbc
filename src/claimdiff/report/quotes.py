"""What a card quotes: plain sentences, and the words in which descriptions differ.

Sources written in Markdown (or pasted from it) carry list markers, emphasis and links; a
quote shows the words a reader would see, not that markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from claimdiff.model import Claim

# --- Markdown markup, stripped from quotes --------------------------------------------------

_LINE_MARKUP = re.compile(
    r"""^[ \t]*(?:
        \#{1,6}[ \t]+            # a heading's hashes
      | >[ \t]?                  # a blockquote's marker
      | (?:[-*+•][ \t]+)         # a bullet
      | (?:\d{1,3}[.)][ \t]+)    # a numbered item: "1. ", "2) "
    )+""",
    re.VERBOSE,
)
_INLINE_MARKUP = (
    # ![alt](url) and [text](url): the text only
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),
    # `code`: its content
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    # **strong** and __strong__: not inside words (snake_case stays)
    (re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    # *emphasis* and _emphasis_, same rule ("2*3*4" stays)
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
)
# Marks where the figure stands while the markup around it goes: private-use characters,
# replaced by others when a (hostile) sentence already holds them.
_MARKS = ("\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ue005")


def plain(text: str) -> str:
    """Text without Markdown markup.

    >>> plain("- **More than €109 billion** in [investments](https://x.y) for `AI`")
    'More than €109 billion in investments for AI'
    >>> plain("2*3*4 = 24 and snake_case_name stay")
    '2*3*4 = 24 and snake_case_name stay'
    """
    text = _LINE_MARKUP.sub("", text, count=1)
    for pattern, replacement in _INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return text


def split_quote(claim: Claim) -> tuple[str, str, str]:
    """The claim's sentence as plain text, cut around its figure for highlighting.

    >>> sentence = "* **€105 billion** for *AI*"
    >>> split_quote(Claim("c", "s.md", 1, 1, "€105 billion", sentence, "money", 1, 1, 1, "EUR", {}, "exact", ""))
    ('', '€105 billion', ' for AI')
    """
    text = " ".join(claim.text.split())
    sentence = " ".join(claim.sentence.split())
    at = sentence.find(text)
    if at < 0:
        return plain(sentence), "", ""
    opening, closing = [m for m in zip(_MARKS[::2], _MARKS[1::2], strict=True) if m[0] not in sentence][0]
    marked = plain(f"{sentence[:at]}{opening}{text}{closing}{sentence[at + len(text) :]}")
    before, _, rest = marked.partition(opening)
    figure, _, after = rest.partition(closing)
    return before, figure, after


# --- description words that differ ----------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
STEM_LENGTH = 7  # "developing" and "development" share "develop"; "general" and "generative" do not


def fold(word: str) -> str:
    """A word compared across sources: lower case, accents off, plural s off, first letters.

    >>> fold("Développement"), fold("developing"), fold("models"), fold("model")
    ('develop', 'develop', 'model', 'model')
    """
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch))
    if len(word) > 4 and word.endswith("s"):
        word = word[:-1]
    return word[:STEM_LENGTH]


@dataclass(frozen=True)
class Word:
    """A piece of a description, marked when it says what no other position says."""

    text: str
    marked: bool


def differing_words(
    claims: list[Claim], positions: dict[str, int], stop_words: Callable[[str], frozenset[str]], entity: str
) -> dict[str, list[Word]]:
    """Each description cut into pieces, marking the words of one position that no other
    position uses, minus stop words and the words of the entity's own name."""
    name = {fold(w) for w in _WORD.findall(entity)}

    def content(claim: Claim) -> set[str]:
        stop = stop_words(claim.language)
        return {fold(w) for w in _WORD.findall(claim.text) if w.casefold() not in stop and len(w) > 2} - name

    words = {c.id: content(c) for c in claims}
    out = {}
    for claim in claims:
        others: set[str] = set()
        for other in claims:
            if positions.get(other.id, 0) != positions.get(claim.id, 0):
                others |= words[other.id]
        own = words[claim.id] - others
        out[claim.id] = _pieces(plain(" ".join(claim.text.split())), own)
    return out


def _pieces(text: str, marked: set[str]) -> list[Word]:
    """``text`` cut into words and what lies between them, each word marked or not."""
    pieces, at = [], 0
    for match in _WORD.finditer(text):
        if match.start() > at:
            pieces.append(Word(text[at : match.start()], False))
        pieces.append(Word(match.group(), fold(match.group()) in marked))
        at = match.end()
    if at < len(text):
        pieces.append(Word(text[at:], False))
    return pieces
