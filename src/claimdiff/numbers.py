"""Reading figures: digits in each language's conventions (CLDR), and numbers written in words.

Part of the normalize stage; the extract stage uses it to know where a figure ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claimdiff.lexicon import Lexicon, NumberWords

# Spaces used as thousands separators: plain (French), no-break, narrow no-break, thin.
GROUP_SPACES = " \u00a0\u202f\u2009"

DIGITS_RE = re.compile(
    r"""
    (?<![\w.,/])               # not glued to a word or another figure
    (?<![^\W\d_][\-‐])          # nor a model name (HX-2)
    (?<![^\W\d_]\d[\-‐])(?<![^\W\d_]\d\d[\-‐])(?<![^\W\d_]\d\d\d[\-‐])  # (H15-236, A320-200)
    (?:
        \d{1,3}(?:,\d{3})+(?:\.\d+)?             # 1,000  1,234.5
      | \d{1,3}(?:\.\d{3})+(?:,\d+)?             # 1.000  1.234,5
      | \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:,\d+)?  # 1 200  1 234,5
      | \d+(?:[.,]\d+)?                          # 21,3  125.9  2024
    )
    (?![\d])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Figure:
    """A figure as read: its value, the decimals it states, and any doubt about the reading."""

    value: Decimal
    decimals: int
    ambiguous: str = ""


def parse_digits(text: str, lexicon: Lexicon) -> Figure:
    """Read a figure written in digits, deciding separators by language and shape.

    >>> from claimdiff.lexicon import load_knowledge
    >>> en, fr = load_knowledge().lexicon("en"), load_knowledge().lexicon("fr")
    >>> parse_digits("1,000", en)
    Figure(value=Decimal('1000'), decimals=0, ambiguous='')
    >>> parse_digits("21,3", en).value
    Decimal('21.3')
    >>> parse_digits("1\u202f200,5", fr).value
    Decimal('1200.5')
    >>> parse_digits("1,500", fr)
    Figure(value=Decimal('1.500'), decimals=3, ambiguous='1,500 read as a decimal comma (fr)')
    >>> parse_digits("1.500", en).ambiguous
    '1.500 read as a decimal point (en)'
    """
    raw = text
    for space in GROUP_SPACES:
        text = text.replace(space, "")
    commas, dots = text.count(","), text.count(".")
    ambiguous = ""
    if commas and dots:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif commas > 1 or dots > 1:
        decimal_mark = ""  # repeated marks can only group thousands
    elif commas or dots:
        mark = "," if commas else "."
        integer, fraction = text.split(mark)
        if len(fraction) != 3 or integer in ("0", ""):
            decimal_mark = mark
        else:
            # 1,000 / 1.000: the language's decimal symbol (CLDR) decides; the reading is recorded.
            decimal_mark = mark if mark == lexicon.decimal_mark else ""
            if decimal_mark:
                kind = "comma" if mark == "," else "point"
                ambiguous = f"{raw} read as a decimal {kind} ({lexicon.code})"
    else:
        decimal_mark = ""
    if decimal_mark:
        other = "." if decimal_mark == "," else ","
        integer, _, fraction = text.replace(other, "").partition(decimal_mark)
        return Figure(Decimal(f"{integer}.{fraction}"), len(fraction), ambiguous)
    return Figure(Decimal(text.replace(",", "").replace(".", "")), 0, ambiguous)


WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def split_compound(word: str, numbers: NumberWords) -> list[str]:
    """Split a hyphenated number word, keeping compounds the lexicon lists whole.

    >>> from claimdiff.lexicon import load_knowledge
    >>> split_compound("quatre-vingt-dix", load_knowledge().lexicon("fr").numbers)
    ['quatre-vingt', 'dix']
    >>> split_compound("twenty-one", load_knowledge().lexicon("en").numbers)
    ['twenty', 'one']
    """
    # Every token of a text is tried, and texts repeat their words: a bounded memo keeps it cheap.
    memo = numbers.compound_memo
    found = memo.get(word)
    if found is None:
        if len(memo) >= COMPOUND_MEMO_SIZE:
            memo.clear()
        found = memo[word] = tuple(_split_compound(word, numbers))
    return list(found)


COMPOUND_MEMO_SIZE = 65536


def _split_compound(word: str, numbers: NumberWords) -> list[str]:
    parts = word.lower().split("-")
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and f"{parts[i]}-{parts[i + 1]}" in numbers.cardinals:
            out.append(f"{parts[i]}-{parts[i + 1]}")
            i += 2
        else:
            out.extend(glued_parts(parts[i], numbers) or [parts[i]])
            i += 1
    return out


def glued_parts(word: str, numbers: NumberWords) -> list[str] | None:
    """The number words a number written as one word is made of, connectors left out.

    German writes numbers below a million as one word; any language's number words may be
    glued so. The longest word is tried first, backtracking when the rest would not split
    ("sechsundsechzig" is "sechs", "und", "sechzig"); a connector stands only between two words.
    None when ``word`` is a single number word or not made of number words alone.

    >>> from claimdiff.lexicon import load_knowledge
    >>> en = load_knowledge().lexicon("en").numbers
    >>> glued_parts("twohundredandfortytwo", en)
    ['two', 'hundred', 'forty', 'two']
    >>> glued_parts("often", en) is None, glued_parts("forty", en) is None
    (True, True)
    """
    if numbers.is_number_word(word):
        return None
    out: list[str] = []
    pos = 0
    while pos < len(word):
        found = numbers.glued_part.match(word, pos)
        if found is None or (pos == 0 and found.group(1)):
            return None
        out.append(found.group(2))
        pos = found.end()
    return out if len(out) > 1 else None


def words_value(words: list[str], numbers: NumberWords) -> float | None:
    """Value of a run of number words, or None when the run is not a number.

    >>> from claimdiff.lexicon import load_knowledge
    >>> en, fr = load_knowledge().lexicon("en").numbers, load_knowledge().lexicon("fr").numbers
    >>> words_value(["one", "hundred", "and", "nine", "billion"], en)
    109000000000.0
    >>> words_value(["soixante"], fr)
    60.0
    >>> words_value(["quatre-vingt-dix", "sept"], fr) is None
    False
    >>> words_value(["deux", "cents", "mille"], fr)
    200000.0
    >>> words_value(["and"], en) is None
    True
    """
    lexicon = numbers
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        for word in split_compound(raw, numbers):
            if word in lexicon.connectors:
                continue
            if word in lexicon.articles and not seen:
                current, seen = 1.0, True
                continue
            if word in lexicon.cardinals:
                current += lexicon.cardinals[word]
            elif word in lexicon.hundreds:
                current = max(current, 1.0) * lexicon.hundreds[word]
            elif word in lexicon.scales:
                total += max(current, 1.0) * lexicon.scales[word]
                current = 0.0
            else:
                return None
            seen = True
    return total + current if seen else None
