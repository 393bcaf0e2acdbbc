"""Repair what text extraction damaged, keeping each character's offset in the original.

Invisible debris and U+FFFD are dropped, and so are control characters and terminal escape
sequences (``\x1b[31m`` is colour, not the figure 31), line ends unified, ligatures expanded,
other scripts' digits mapped to ASCII, line-end hyphenation joined, and letter-spaced capitals
closed up when the joined word is known elsewhere in the text.

The map back to the original is an :class:`OffsetMap`: runs of characters that moved
together, so a text that needed no repair costs a few bytes, whatever its length.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import overload


class OffsetMap(Sequence[int]):
    """For each character of a repaired text, the offset of the character it came from.

    Stored as runs: run ``k`` starts at repaired offset ``starts[k]``, which came from original
    offset ``origins[k]``, and its characters came from consecutive offsets.

    >>> offsets = OffsetMap()
    >>> offsets.add_run(0, 3); offsets.add_run(5, 2); offsets.add_same(9, 2)
    >>> list(offsets), len(offsets.starts)
    ([0, 1, 2, 5, 6, 9, 9], 4)
    """

    __slots__ = ("starts", "origins", "length")

    def __init__(self) -> None:
        self.starts = array("q")
        self.origins = array("q")
        self.length = 0

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("offset out of range")
        run = bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]

    def __iter__(self) -> Iterator[int]:
        for run, start in enumerate(self.starts):
            end = self.starts[run + 1] if run + 1 < len(self.starts) else self.length
            yield from range(self.origins[run], self.origins[run] + end - start)

    def add_run(self, origin: int, count: int) -> None:
        """Append ``count`` characters that came from ``origin``, ``origin + 1``, ..."""
        if count <= 0:
            return
        if not self.starts or self.origins[-1] + self.length - self.starts[-1] != origin:
            self.starts.append(self.length)
            self.origins.append(origin)
        self.length += count

    def add_same(self, origin: int, count: int) -> None:
        """Append ``count`` characters that all came from ``origin`` (a replacement)."""
        for _ in range(count):
            self.add_run(origin, 1)

    def add_slice(self, other: OffsetMap, start: int, end: int) -> None:
        """Append what ``other`` maps for its characters ``start`` to ``end``."""
        run = bisect_right(other.starts, start) - 1
        while start < end:
            run_end = other.starts[run + 1] if run + 1 < len(other.starts) else other.length
            stop = min(run_end, end)
            self.add_run(other.origins[run] + start - other.starts[run], stop - start)
            start = stop
            run += 1


_DROPPED = dict.fromkeys(
    [0xFFFD, 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
# Arabic thousands and decimal separators, one character each like their ASCII forms.
_SEPARATORS = {"\u066c": ",", "\u066b": "."}
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


# Terminal escape sequences: CSI (colours, cursor moves, clear screen), OSC (window title),
# two-character escapes, and their one-byte C1 forms. Dropped whole, not just their ESC.
_ESCAPES = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: ESC [ parameters intermediates final
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same, introduced by the C1 CSI character
    r"|[\x1b\x9d]\][^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)
# Characters _map_chars must touch; everything else is copied through in runs.
_SPECIAL = re.compile(
    _ESCAPES
    + "|\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u066b\u066c\ufb00-\ufb06"
    + "".join(re.escape(chr(c)) for c in _DROPPED)
    + "]|(?![0-9])\\d"
)


def _map_chars(text: str) -> tuple[str, OffsetMap]:
    """Drop invisible debris and controls, unify line ends, expand ligatures, map digits to ASCII."""
    out: list[str] = []
    offsets = OffsetMap()
    last = 0
    for match in _SPECIAL.finditer(text):
        out.append(text[last : match.start()])
        offsets.add_run(last, match.start() - last)
        last = match.end()
        ch = match.group(0)
        if ch[0] == "\r":
            replacement = "\n"
        elif ch in _SEPARATORS:
            replacement = _SEPARATORS[ch]
        elif ch in _LIGATURES:
            replacement = _LIGATURES[ch]
        elif len(ch) == 1 and unicodedata.category(ch) == "Nd":
            replacement = str(unicodedata.digit(ch))
        else:
            replacement = ""  # invisible debris, control characters and escape sequences
        out.append(replacement)
        offsets.add_same(match.start(), len(replacement))
    out.append(text[last:])
    offsets.add_run(last, len(text) - last)
    return "".join(out), offsets


def _rewrite(
    text: str, offsets: OffsetMap, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, OffsetMap]:
    """Apply a substitution and carry the offset map along (new text maps to the match start)."""
    parts: list[str] = []
    new_offsets = OffsetMap()
    last = 0
    for match in pattern.finditer(text):
        replacement = replace(match)
        if replacement == match.group(0):
            continue
        parts.append(text[last : match.start()])
        new_offsets.add_slice(offsets, last, match.start())
        parts.append(replacement)
        # A kept prefix of the match keeps its own offsets; anything else maps to the start.
        for k in range(len(replacement)):
            keep = k < len(match.group(0)) and replacement[k] == match.group(0)[k]
            new_offsets.add_run(offsets[match.start() + k] if keep else offsets[match.start()], 1)
        last = match.end()
    if not parts:
        return text, offsets
    parts.append(text[last:])
    new_offsets.add_slice(offsets, last, len(text))
    return "".join(parts), new_offsets


# "scien-\ntists": a hyphen at a line end between two lower-case letters is a break, not a dash.
_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")
# "L ARGEST", "COMPETIT IVE": capitals split by a stray space in PDF headings.
_SPLIT_CAPS = re.compile(r"\b([A-ZÀ-Ý]{1,12}) (?=([A-ZÀ-Ý]{2,})\b)")
_WORD = re.compile(r"[^\W\d_]+")
# UTF-8 read as cp1252 or Latin-1 ("Â£5m", "â‚¬4bn", "Ã©"): a lead byte's character followed by
# continuation bytes' characters. Only such runs go to ftfy, so the offset map stays exact elsewhere.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)


def _fix_mojibake(match: re.Match[str]) -> str:
    import ftfy  # imported on the first damaged text: most sources have none

    run = match.group(0)
    fixed = str(ftfy.fix_encoding(run))
    if fixed != run:
        return fixed
    # Too short for ftfy's own judgement ("Â¥"); the run has UTF-8's shape, so decode it as such.
    try:
        return run.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return run


def repair(text: str) -> tuple[str, OffsetMap]:
    """Return the repaired text and, per character, its offset in ``text``.

    >>> repair("great scien-\\ntists")[0]
    'great scientists'
    >>> repair("It cost Â£5m, â‚¬4bn and Â¥300bn")[0]
    'It cost £5m, €4bn and ¥300bn'
    >>> clean, offsets = repair("a\\ufffdb\\r\\nc")
    >>> clean, list(offsets)
    ('ab\\nc', [0, 2, 3, 5])
    >>> repair("raised \\x1b[31m€5 billion")[0]
    'raised €5 billion'
    """
    clean, offsets = _map_chars(text)
    clean, offsets = _rewrite(clean, offsets, _MOJIBAKE, _fix_mojibake)
    clean, offsets = _rewrite(clean, offsets, _HYPHEN_BREAK, lambda m: "")
    if _SPLIT_CAPS.search(clean):  # the words are counted only for a text with capitals to join
        vocabulary = {w.lower() for w in _WORD.findall(clean) if not w.isupper()}
        clean, offsets = _rewrite(clean, offsets, _SPLIT_CAPS, lambda m: _join_caps(m, vocabulary))
    return clean, offsets


def _join_caps(match: re.Match[str], vocabulary: AbstractSet[str]) -> str:
    """Join two capital fragments when the joined word is known and a fragment is not."""
    left, right = match.group(1), match.group(2)
    joined = (left + right).lower()
    if joined in vocabulary and (left.lower() not in vocabulary or right.lower() not in vocabulary):
        return left
    return match.group(0)
