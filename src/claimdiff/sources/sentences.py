"""Repaired text to sentences: paragraphs (blocks of wrapped lines), headings, list labels."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Sentence:
    """A sentence of the repaired text: ``text == source.text[start:end]``."""

    start: int
    end: int
    text: str
    heading: bool = False
    label: str = ""
    fact_line: bool = False  # a fact sheet's line: "Puissance installée : 750 MW"


_BULLET = re.compile(r"\s*(?:[→•▪►◦‣\-–—*]|\d{1,2}[.)])\s")
_TERMINAL = re.compile(r"[.!?:;…]['\"”’»)]*\s*$")
# A sentence ends at . ! ? followed by space and an upper-case letter, digit, quote or bullet.
_STOP = re.compile(r"(?<=[.!?…])['\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZÀ-Ý0-9€$£→•])")
_LABEL = re.compile(r"^\s*(?:[→•▪►\-–—*]\s*)?([^\n:]{2,60}?)\s*(?:\([^)\n]{1,30}\))?\s*:\s")
# A line of a fact sheet: a label, a colon and a short value that opens with a figure, within
# its first three words ("Puissance installée : 750 MW", "Deaths: 312", "Mise en service : fin
# 2028"). Such lines carry no final stop, yet each is one statement; "AMAZON (USA): Amazon
# announced in May 2024 that ..." is a sentence with a label, wrapped.
_FACT_LINE = re.compile(
    r"^\s*(?:[→•▪►\-–—*]\s*)?[^\W\d_][^\n:.]{1,39}?\s*(?:\([^)\n]{1,30}\))?\s*:[ \t]+"
    r"(?=[^\n]{0,60}$)(?:[^\s\d]+[ \t]+){0,2}[^\s\d]*\d"
)


# Longer "sentences" (tables, run-on scraps) are cut into pieces of at most this many
# characters at a space, which keeps every later stage's per-sentence work bounded.
MAX_SENTENCE_CHARS = 2000


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[Sentence]:
    """Split repaired text into sentences, joining wrapped lines and keeping headings apart."""
    sentences: list[Sentence] = []
    for start, end, heading in _blocks(text):
        for sentence in _split_block(text, start, end, heading, abbreviations):
            sentences.extend(_bounded(text, sentence))
    return sentences


def _bounded(text: str, sentence: Sentence) -> Iterator[Sentence]:
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield Sentence(start, cut, text[start:cut], sentence.heading, sentence.label)
        start = cut
        while start < sentence.end and text[start].isspace():
            start += 1
    if start < sentence.end:
        yield replace(sentence, start=start, text=text[start : sentence.end])


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, heading) for runs of lines that belong to one paragraph."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"^[^\n]*", text, re.MULTILINE)]
    block_start: int | None = None
    previous, previous_heading, previous_fact_line = "", False, False  # _is_heading("") is False
    block_end = 0
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if block_start is not None:
                yield block_start, block_end, _is_heading(text[block_start:block_end])
            block_start = None
            continue
        heading = _is_heading(line)  # once per line: it is also the next line's previous
        fact_line = ":" in line and _FACT_LINE.match(line) is not None
        new_block = (
            block_start is None
            or fact_line
            or (previous_fact_line and not line.lstrip()[:1].islower())  # not a wrapped value
            or _BULLET.match(line) is not None
            or line[:1] in (" ", "\t")  # an indented line opens a new paragraph or text box
            or _TERMINAL.search(previous) is not None
            or previous_heading != heading
            or _ends_title(previous, line)
        )
        if new_block and block_start is not None:
            yield block_start, block_end, _is_heading(text[block_start:block_end])
        if new_block:
            block_start = start
        block_end = end
        previous, previous_heading, previous_fact_line = line, heading, fact_line
    if block_start is not None:
        yield block_start, block_end, _is_heading(text[block_start:block_end])


def _ends_title(previous: str, line: str) -> bool:
    """A short line before a long capitalised one is a title ("Paris: A New AI Powerhouse"), and
    so is a headline written in title case before a capitalised line ("Acme Wins €40M Contract
    for Coastal Radar Systems")."""
    if not line.lstrip()[:1].isupper():
        return False
    return (len(previous.strip()) < 50 and len(line.strip()) >= 60) or _title_cased(previous)


def _title_cased(line: str) -> bool:
    """Whether a line reads as a headline: three words or more, every word of four letters or
    more capitalised but not all in capitals (a heading, wrapped on several lines), its last
    word capitalised, and no comma or final stop (a wrapped sentence breaks anywhere, after
    "and" or "des", and has commas)."""
    if "," in line or not line.lstrip()[:1].isupper() or line.rstrip().endswith((".", ";", ":")):
        return False  # decided without splitting the line: most lines of prose end here
    words = _WORD.findall(line)
    long_words = [w for w in words if len(w) >= 4]
    return (
        len(long_words) >= 3
        and all(w[0].isupper() for w in long_words)
        and not all(w.isupper() for w in long_words)
        and words[-1][0].isupper()
    )


_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


# Deletes the ASCII lower-case letters: how many a line holds, counted in C.
_NO_ASCII_LOWER = str.maketrans("", "", string.ascii_lowercase)


def _is_heading(line: str) -> bool:
    if 5 * (len(line) - len(line.translate(_NO_ASCII_LOWER))) >= len(line):
        # A fifth of the line in ASCII lower case: at most four letters in five are capitals.
        return False
    # Built-in predicates mapped over the line: this runs on every line, two or three times.
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 4 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def _split_block(text: str, start: int, end: int, heading: bool, abbreviations_: frozenset[str]) -> list[Sentence]:
    block = text[start:end]
    label_match = _LABEL.match(block) if ":" in block else None  # a label ends at a colon
    label = label_match.group(1).strip() if label_match else ""
    fact_line = bool(label) and "\n" not in block.strip() and _FACT_LINE.match(block) is not None
    cuts = [0]
    for match in _STOP.finditer(block):
        before = block[max(0, match.start() - 40) : match.start()].rstrip("'\"”’»)")  # the word before the stop
        last_word = re.search(r"([^\s(]+)[.!?…]$", before)
        if last_word and last_word.group(1) in abbreviations_:
            continue
        cuts.append(match.end())
    cuts.append(len(block))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = block[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            s, e = start + a + lead, start + b - trail
            out.append(Sentence(s, e, text[s:e], heading, label, fact_line and a == 0))
    return out
