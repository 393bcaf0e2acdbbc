"""Candidate figures: numbers written in digits or in words.

Digits ("1,000", "21,3"), runs of number words ("one hundred and nine"), fractions
("two-thirds"), multipliers ("tenfold") and approximate nouns ("une vingtaine"). A candidate is
only a number: what stands around it (:mod:`claimdiff.extract.suffixes`) and what it counts
(:mod:`claimdiff.extract.kinds`) decide whether it is a claim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from claimdiff.lexicon import Lexicon, NumberWords
from claimdiff.numbers import DIGITS_RE, Figure, parse_digits, split_compound, words_value


@dataclass
class _Candidate:
    start: int
    end: int
    figure: Figure
    words: bool = False
    weak: bool = False  # "one"/"un": a claim only with a unit, currency or scale
    fraction: float | None = None
    approximate: bool = False
    multiplier: bool = False
    low: Figure | None = None  # a vague magnitude's low end ("tens of millions": 10 million)
    article: bool = False  # "a"/"an" read as one: weak, and a claim only in the forms of _article_claim


def _digit_candidates(text: str, lex: Lexicon, blocked: list[tuple[int, int]]) -> list[_Candidate]:
    out = []
    for match in DIGITS_RE.finditer(text):
        if _inside(match.start(), match.end(), blocked):
            continue
        if re.match(r"0\d", match.group(0)):
            continue  # "007", "000": codes and debris, not figures
        out.append(_Candidate(match.start(), match.end(), parse_digits(match.group(0), lex)))
    return out


# "10 1/2", "1/4", "2½", "⅓": a fraction in digits, after an optional whole number.
_DIGIT_FRACTION = re.compile(
    r"""
    (?<![\w.,/])                                     # not inside another figure or a date
    (?:(?P<whole>\d{1,3})(?:[ \u00a0]+(?=\d)|[ \u00a0]?(?=[^\d\s])))?   # the whole part, if any
    (?:
        (?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/])  # 1/4, 3/16
      | (?P<vulgar>[\u00bc-\u00be\u2150-\u215e])     # ¼ ½ ¾ ⅓ ⅛ ...
    )
    """,
    re.VERBOSE,
)


# Fractions news writes in digits have small denominators ("3/4", "15/16"); "40/45 cm" is two figures.
MAX_DENOMINATOR = 16


def _digit_fraction_candidates(text: str) -> list[_Candidate]:
    """Fractions in digits ("10 1/2 miles", "a 1/4 mile oval", "½ teaspoon").

    They are weak: a claim only with a unit, currency or scale word ("1/4" alone may be a
    date or a score).
    """
    out = []
    for match in _DIGIT_FRACTION.finditer(text):
        if match.group("vulgar"):
            part = unicodedata.numeric(match.group("vulgar"))
        else:
            num, den = int(match.group("num")), int(match.group("den"))
            if not 0 < num < den <= MAX_DENOMINATOR:
                continue  # "40/45 cm" is two figures, not a fraction
            part = num / den
        value = Decimal(match.group("whole") or 0) + Decimal(str(round(part, 6)))
        out.append(_Candidate(match.start(), match.end(), Figure(value, 2), weak=True))
    return out


# "4e14", "9.83e-3", "3×10^8", "8x2^10", "1.6·10⁻¹⁹": a figure times a power, as science writes it.
_SCIENTIFIC = re.compile(
    r"""
    (?<![\w.,/^])
    (?:
        (?P<mantissa>\d+(?:\.\d+)?|\d,\d+)        # "1,2345E-4": a decimal comma in French and German
    (?:
        [eE](?P<exponent>[-+−]?\d{1,3})
      | [ ]?[x×·][ ]?(?P<base>\d{1,2})(?:\^|\*\*)(?P<power>[-−]?\d{1,3})
      | [ ]?[x×·][ ]?(?P<sbase>10)(?P<superscript>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})
        # A superscript flattened by a copy: "1.99×10−30" is 10⁻³⁰. Only after "×" or "·" and a
        # minus ("3x10-15" may be a range).
      | [ ]?[×·][ ]?(?P<fbase>10)(?P<flat>[-−]\d{1,2})
    )
      # A power of ten alone: "10^17", "10**9"; "10¹⁷" only from the cube up ("10²" may be a
      # footnote's mark).
      | (?P<pbase>10)(?:(?:\^|\*\*)(?P<ppower>[-−]?\d{1,2})|(?P<psuper>⁻?(?:[³⁴⁵⁶⁷⁸⁹]|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹])))
    )
    (?![\w.,^])
    """,
    re.VERBOSE,
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _scientific_candidates(text: str) -> list[_Candidate]:
    """Figures in scientific notation, read exactly (``Decimal``), with the decimals they state."""
    out = []
    for match in _SCIENTIFIC.finditer(text):
        mantissa = Decimal(match.group("mantissa").replace(",", ".")) if match.group("mantissa") else Decimal(1)
        if match.group("exponent") is not None:
            value = mantissa.scaleb(int(match.group("exponent").replace("−", "-")))
        else:
            base = int(next(match.group(g) for g in ("base", "sbase", "fbase", "pbase") if match.group(g)))
            written = next(
                match.group(g) for g in ("power", "superscript", "flat", "ppower", "psuper") if match.group(g)
            )
            power = int(written.translate(_SUPERSCRIPTS).replace("−", "-"))
            if base < 2 or abs(power) > 40:  # physics goes to 10⁻³⁴ (Planck)
                continue
            value = mantissa * Decimal(base) ** power
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        out.append(_Candidate(match.start(), match.end(), Figure(value, decimals)))
    return out


def _qualified_glued_candidates(text: str, lex: Lexicon, glued: re.Pattern[str]) -> list[_Candidate]:
    """Figures a qualifier is hyphenated to ("sub-7 nm"), which digit runs skip; the qualifier
    itself is read as any other, from the words before the figure."""
    out = []
    for prefix in glued.finditer(text):
        match = DIGITS_RE.match(text[prefix.end() :])  # a slice: the hyphen would stop it
        if match is not None and not re.match(r"0\d", match.group(0)):
            start = prefix.end()
            out.append(_Candidate(start, start + match.end(), parse_digits(match.group(0), lex)))
    return out


def _glued_currency_candidates(
    text: str, lex: Lexicon, glued: re.Pattern[str], blocked: list[tuple[int, int]]
) -> list[_Candidate]:
    """Figures a lettered currency symbol touches ("USD10m", "RM5bn"), which digit runs skip.

    A one-letter symbol ("R" for the rand) opens a figure only when the figure carries a
    separator or a scale word ("R2.5bn"): "R2" alone is more often a name than money.
    """
    out = []
    for symbol in glued.finditer(text):
        match = DIGITS_RE.match(text[symbol.end() :])
        if match is None or re.match(r"0\d", match.group(0)):
            continue
        start, end = symbol.end(), symbol.end() + match.end()
        if _inside(start, end, blocked):
            continue
        if len(symbol.group(0)) == 1 and not (re.search(r"[.,]", match.group(0)) or _scale_follows(text, end, lex)):
            continue
        out.append(_Candidate(start, end, parse_digits(match.group(0), lex)))
    return out


def _scale_follows(text: str, pos: int, lex: Lexicon) -> bool:
    after = re.match(r"[ \u00a0]?([^\W\d_]+)", text[pos : pos + 16])
    word = after.group(1) if after else ""
    return any(s.word == word if s.case_sensitive else s.word.lower() == word.lower() for s in lex.scales)


# Words for number runs split at apostrophes: "d'un gigawatt" holds the number "un".
_NUMBER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _word_candidates(text: str, lex: Lexicon) -> list[_Candidate]:
    """Runs of number words ("one hundred and nine billion"), fractions and "une vingtaine"."""
    lexicon = lex.numbers
    folded = text.lower()
    if not _may_hold_number_word(folded, lexicon):
        return []  # most sentences of prose: not split into words at all
    tokens = _tokens(text, folded)
    opening = _openers({token[2] for token in tokens}, lexicon)
    if not opening:
        return []  # no word that could open a figure
    out: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        if word not in opening:
            i += 1  # every branch below would pass over this token
            continue
        parts = split_compound(word, lexicon)
        vague = _vague_magnitude(text, tokens, i, lex)
        if vague is not None:
            out.append(vague)
            while i < len(tokens) and tokens[i][1] <= vague.end:
                i += 1
            continue
        scaled = _fractional_phrase(text, tokens, i, lexicon)
        if scaled is not None:
            # "half a billion euros", "two and a half miles": a fraction in a figure, not a share.
            last, phrase_value = scaled
            out.append(_Candidate(start, tokens[last][1], Figure(Decimal(str(phrase_value)), 0), words=True))
            i = last + 1
            continue
        if parts[-1] in lexicon.fractions and (len(parts) > 1 or _prev_is_article(tokens, i, lexicon)):
            base = words_value(parts[:-1], lexicon) if len(parts) > 1 else 1.0
            if base is not None:
                s = tokens[i - 1][0] if len(parts) == 1 else start
                value = Decimal(str(round(base * lexicon.fractions[parts[-1]] * 100, 2)))
                out.append(_Candidate(s, end, Figure(value, 2), words=True, fraction=base))
            i += 1
            continue
        if word in lexicon.approximate and _prev_is_article(tokens, i, lexicon):
            value = Decimal(str(lexicon.approximate[word]))
            out.append(_Candidate(tokens[i - 1][0], end, Figure(value, 0), words=True, approximate=True))
            i += 1
            continue
        if word in lexicon.multipliers:
            value = Decimal(str(lexicon.multipliers[word]))
            out.append(_Candidate(start, end, Figure(value, 0), words=True, multiplier=True))
            i += 1
            continue
        if "-" in word and not all(number_words_ok(part, lexicon) for part in parts):
            # "six-mile", "three-foot": the number is the hyphenated token's first part(s).
            head = []
            for part in parts:
                if not number_words_ok(part, lexicon):
                    break
                head.append(part)
            head_value = words_value(head, lexicon) if head else None
            if head_value is not None and head[-1] not in lexicon.connectors:
                length = len("-".join(head))
                out.append(_Candidate(start, start + length, Figure(Decimal(str(head_value)), 0), words=True))
            i += 1
            continue
        j = i
        run: list[str] = []
        while j < len(tokens) and _is_number_token(tokens[j][2], lexicon, run, tokens, j):
            if j > i and text[tokens[j - 1][1] : tokens[j][0]].strip(" \u00a0\n"):
                break
            if len(run) > 1 and run[-1] in lexicon.connectors and not _joined(run[:-1], tokens[j][2], lexicon):
                break  # "between three and five billion" is two figures, not eight billion
            run.append(tokens[j][2])
            j += 1
        while run and (
            run[-1] in lexicon.connectors or run[-1] in lexicon.articles and run[-1] not in lexicon.cardinals
        ):
            run.pop()
            j -= 1
        bare_scale = _bare_scale(run, lexicon)
        run_value = words_value(run, lexicon) if run and not bare_scale else None
        if run_value is not None and run_value >= 0:
            weak = run_value == 1 and len(run) == 1
            end_token, run_value = _fraction_after_scale(text, tokens, j, run, run_value, lexicon)
            figure = Figure(Decimal(str(run_value)), 0)
            out.append(_Candidate(start, tokens[end_token][1], figure, words=True, weak=weak))
            i = end_token + 1
        else:
            i += 1
    return out


def _joined(before: list[str], word: str, lexicon: NumberWords) -> bool:
    """Whether a connector joins ``word`` to the number words ``before`` it as one number: a
    round figure and a smaller one ("one hundred and nine", "vingt et un", "soixante et onze"),
    not two figures ("three and five", "drei und fünf").

    >>> from claimdiff.lexicon import load_knowledge
    >>> fr = load_knowledge().lexicon("fr").numbers
    >>> _joined(["vingt"], "un", fr), _joined(["soixante"], "onze", fr), _joined(["trois"], "cinq", fr)
    (True, True, False)
    """
    head, tail = words_value(before, lexicon), words_value([word], lexicon)
    if head is None or tail is None:
        return True  # not two numbers: "a hundred and a half" is read further on
    return head % 10 == 0 and tail < head


def _may_hold_number_word(folded: str, lexicon: NumberWords) -> bool:
    """Whether a sentence's lower case holds a number, fraction, vague, approximate or
    multiplier word, in one Aho-Corasick pass. Every word that may open a candidate (see
    :func:`_opens_figure`) holds one, but an article, which opens a figure only before one
    ("a billion"): a sentence without any has no figure in words."""
    return lexicon.number_roots.found_in(folded)


def _tokens(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, lower case) of each word, sliced from the sentence's lower case when
    lowering keeps every character in its place (not so with "İ", nor a final "Σ")."""
    if len(folded) == len(text) and "Σ" not in text:
        return [(s, e, folded[s:e]) for s, e in map(re.Match.span, _NUMBER_WORD.finditer(text))]
    return [(m.start(), m.end(), m.group(0).lower()) for m in _NUMBER_WORD.finditer(text)]


def _openers(words: set[str], lexicon: NumberWords) -> set[str]:
    """The words (lower case) of a sentence at which a candidate of :func:`_word_candidates`
    may start (see :func:`_opens_figure`); each distinct word is judged once per language."""
    openers, others = lexicon.opener_memo
    if len(openers) + len(others) >= OPENER_MEMO_SIZE:
        openers.clear()
        others.clear()
    for word in words - openers - others:
        (openers if _opens_figure(word, lexicon) else others).add(word)
    return words & openers


# Texts repeat their words: the answer per word is kept, up to this many words per language.
OPENER_MEMO_SIZE = 65536


def _opens_figure(word: str, lexicon: NumberWords) -> bool:
    """Whether a token may open a candidate: every branch of :func:`_word_candidates` needs the
    token at its start to be a number, fraction, vague, approximate or multiplier word, an
    article ("a billion", "a quarter"), or a compound whose first part is a number word or
    whose last part is a fraction ("two-thirds", "six-mile"). Any other token is passed over."""
    if word in lexicon.articles or word in lexicon.vague or word in lexicon.fractions:
        return True
    if word in lexicon.approximate or word in lexicon.multipliers or word in lexicon.cardinals:
        return True
    parts = split_compound(word, lexicon)
    return lexicon.is_number_word(parts[0]) or parts[-1] in lexicon.fractions


def _bare_scale(run: list[str], lexicon: NumberWords) -> bool:
    """Whether a run opens with a scale or hundreds word that makes no figure by itself.

    "million people" is no figure, nor "hundred" alone in English; "cent neuf milliards" (a
    hundreds word before a cardinal) is 109 billion, and French "cent" alone is 100.
    """
    if not run or run[0] in lexicon.standalone:
        return False
    if run[0] in lexicon.scales:
        return True
    return run[0] in lexicon.hundreds and (len(run) == 1 or run[1] not in lexicon.cardinals)


def _fraction_after_scale(
    text: str, tokens: list[tuple[int, int, str]], j: int, run: list[str], value: float, lexicon: NumberWords
) -> tuple[int, float]:
    """(last token, value) of a run ending in a scale word and a fraction of it:
    "deux milliards et demi" is 2.5 billion; otherwise the run as it is."""
    if run[-1] not in lexicon.scales:
        return j - 1, value
    k = j
    if k < len(tokens) and tokens[k][2] in lexicon.connectors:
        k += 1
    if k < len(tokens) and tokens[k][2] in lexicon.articles:
        k += 1
    if k == j or k >= len(tokens) or tokens[k][2] not in lexicon.fractions:
        return j - 1, value
    if text[tokens[j - 1][1] : tokens[k][0]].lower().replace(" ", "").replace("\u00a0", "") != "".join(
        tokens[m][2] for m in range(j, k)
    ).replace(" ", ""):
        return j - 1, value  # only words a space apart
    return k, value + lexicon.fractions[tokens[k][2]] * lexicon.scales[run[-1]]


def _vague_magnitude(text: str, tokens: list[tuple[int, int, str]], i: int, lex: Lexicon) -> _Candidate | None:
    """ "tens of millions", "des centaines de milliers": from ten (a hundred) times the scale to
    ten times that, as a range whose figure is its top."""
    numbers = lex.numbers
    if i + 1 >= len(tokens) or tokens[i][2] not in numbers.vague:
        return None
    # The link word may be left out ("Hunderte Millionen Euro").
    linked = tokens[i + 1][2] in lex.grammar.count_links and i + 2 < len(tokens)
    scale = tokens[i + 2] if linked else tokens[i + 1]
    if scale[2] not in numbers.scales or text[tokens[i][1] : scale[0]].strip(" \u00a0") not in (
        "",
        text[tokens[i + 1][0] : tokens[i + 1][1]],
    ):
        return None
    low = numbers.vague[tokens[i][2]] * numbers.scales[scale[2]]
    return _Candidate(
        tokens[i][0], scale[1], Figure(Decimal(str(low * 10)), 0), words=True, low=Figure(Decimal(str(low)), 0)
    )


def _fractional_phrase(
    text: str, tokens: list[tuple[int, int, str]], i: int, lexicon: NumberWords
) -> tuple[int, float] | None:
    """(last token, value) of a figure with a fraction in it, starting at token ``i``:
    "half a billion", "a quarter million", "three quarters billion", "two and a half (million)".

    A fraction with no scale word after it and no whole number before it is a share ("a
    quarter of the voters") and is read elsewhere.
    """
    first = tokens[i][2]
    if first not in lexicon.fractions and first not in lexicon.cardinals and first not in lexicon.articles:
        return None  # the common case, decided without looking further

    def at(k: int) -> str:
        # Only words a space apart belong to one figure.
        if k >= len(tokens) or (k > i and text[tokens[k - 1][1] : tokens[k][0]].strip(" \u00a0")):
            return ""
        return tokens[k][2]

    j, whole, times, mixed = i, 0.0, 1.0, False
    if at(j) in lexicon.cardinals:
        if at(j + 1) in lexicon.connectors and at(j + 2) in lexicon.articles and at(j + 3) in lexicon.fractions:
            whole, mixed, j = lexicon.cardinals[at(j)], True, j + 2  # "two and a half"
        elif at(j + 1) in lexicon.fractions:
            times, j = lexicon.cardinals[at(j)], j + 1  # "three quarters"
        else:
            return None
    if at(j) in lexicon.articles and at(j + 1) in lexicon.fractions:
        j += 1
    if at(j) not in lexicon.fractions:
        return None
    value = whole + times * lexicon.fractions[at(j)]
    k = j + 1
    if at(k) in lexicon.articles and at(k + 1) in lexicon.scales:
        k += 1
    if at(k) in lexicon.scales:
        return k, value * lexicon.scales[at(k)]
    return (j, value) if mixed else None


def number_words_ok(part: str, lexicon: NumberWords) -> bool:
    return lexicon.is_number_word(part)


def _prev_is_article(tokens: list[tuple[int, int, str]], i: int, lexicon: NumberWords) -> bool:
    return i > 0 and tokens[i - 1][2] in lexicon.articles


def _is_number_token(word: str, lex: NumberWords, run: list[str], tokens: list[tuple[int, int, str]], j: int) -> bool:
    if all(lex.is_number_word(p) for p in split_compound(word, lex)):
        return True
    if word in lex.connectors:
        return bool(run)
    if word in lex.articles:
        # "a billion", "un milliard": an article counts only before a scale word.
        nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
        return not run and (nxt in lex.scales or nxt in lex.hundreds)
    return False


def _article_candidates(text: str, lex: NumberWords, pattern: re.Pattern[str]) -> list[_Candidate]:
    """Articles before a currency or unit name ("a penny", "a gallon"), as the figure one; after
    a fraction word, as that fraction ("half a mile" is 0.5 mile)."""
    out = []
    for match in pattern.finditer(text):
        start, value = match.start(), Decimal(1)
        fraction = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if fraction is not None and fraction.group(1).lower() in lex.fractions:
            start, value = fraction.start(1), Decimal(str(lex.fractions[fraction.group(1).lower()]))
        figure = Figure(value, 2 if value != 1 else 0)
        out.append(_Candidate(start, match.end(), figure, words=True, weak=True, article=True))
    return out


# The word right before a position, and the space after it.
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \u00a0]+$")


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
