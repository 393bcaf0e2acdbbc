"""The patterns of one language, compiled once per lexicon from its data tables.

Most are anchored and tried at a figure's edge (``pattern.match(text, pos)``); the ordinal, event
and phone-number patterns scan the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from claimdiff.lexicon import Lexicon, alternation, trie_words

_NOT_LETTER = r"(?![^\W\d_])"

# What may stand between a figure and its scale, currency or unit: a space or a line break.
_GAP = r"[ \u00a0\u202f]?\n?[ \u00a0\u202f]?"


@dataclass(frozen=True)
class _Patterns:
    """Anchored patterns of one language, built once from the data tables."""

    scale_cs: re.Pattern[str]
    scale_ci: re.Pattern[str]
    currency_after_cs: re.Pattern[str]
    currency_after_ci: re.Pattern[str]
    currency_before: re.Pattern[str]
    currency_glued: re.Pattern[str]
    negative_before: re.Pattern[str]
    bracket_negative: re.Pattern[str]
    article_figure: re.Pattern[str]
    article_idiom: re.Pattern[str]
    percent: re.Pattern[str]
    qualifier_glued: re.Pattern[str]
    currency_glued_after: re.Pattern[str]
    glued_currency_cues: dict[str, re.Pattern[str]]
    unit_cs: re.Pattern[str]
    unit_ci: re.Pattern[str]
    unit_bracketed: re.Pattern[str]
    percent_before: re.Pattern[str]
    bare_length: re.Pattern[str]
    bare_length_alone: re.Pattern[str]
    bare_length_spaced: re.Pattern[str]
    cued_unit: re.Pattern[str]
    unit_power: re.Pattern[str]
    unit_spelled: re.Pattern[str]
    frequency: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]  # a cued unit name (lower case) -> its cue words
    cued_currency: re.Pattern[str]
    currency_cues: dict[str, re.Pattern[str]]  # a cued currency name (lower case) -> its cue words
    per: re.Pattern[str]
    per_not_before: re.Pattern[str]
    substance: re.Pattern[str]
    scale_currency_link: re.Pattern[str]
    change: re.Pattern[str]
    count_link: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    ordinal: re.Pattern[str]
    range_connector: re.Pattern[str]
    range_word: re.Pattern[str]
    factor_before: re.Pattern[str]
    magnitude_before: re.Pattern[str]
    magnitude_after: re.Pattern[str]
    rank_context: re.Pattern[str]
    event: re.Pattern[str]
    phone: re.Pattern[str]


class Alternate(Protocol):
    """Writes a list of words as a regex alternation, for a pattern in any case or not."""

    def __call__(self, words: Iterable[str], ignore_case: bool = False) -> str: ...


def plain_words(words: Iterable[str], ignore_case: bool = False) -> str:
    """The words as a plain alternation: the slow twin of :func:`trie_words` (same language)."""
    return alternation(words)


def _scale_pattern(words: list[str], alt: Alternate, ignore_case: bool = False) -> str:
    """Scale words after a figure; a word (not a letter: "Form 10-K") may be hyphenated to it
    as a compound adjective is ("a $10-million grant", "a 2.7-billion-euro plan")."""
    hyphenated = [word for word in words if len(word) >= 3]
    glued = rf"|-(?:{alt(hyphenated, ignore_case)})" if hyphenated else ""
    return rf"(?:{_GAP}(?:{alt(words, ignore_case)}){glued}){_NOT_LETTER}"


def _patterns(lex: Lexicon, alt: Alternate = trie_words) -> _Patterns:
    """The patterns of one lexicon (built once per lexicon, see ``Lexicon.compiled``)."""
    scale_list = lex.scales
    money = lex.currencies
    unit_table = lex.units
    qualifier_table = lex.qualifiers
    grammar = lex.grammar
    suffixes = lex.ordinal_suffixes
    symbols = [s.surface for s in money.surfaces if s.case_sensitive]
    names = [s.surface for s in money.surfaces if not s.case_sensitive]
    # Symbols matched in any case ("c $", "usd$"), which may open a figure like "$" does.
    nocase_symbols = [name for name in names if any(unicodedata.category(ch) == "Sc" for ch in name)]
    before = alt(symbols) + (f"|(?i:{alt(nocase_symbols, True)})" if nocase_symbols else "")
    unit_cs = [u.surface for u in unit_table.surfaces if u.case_sensitive]
    unit_ci = [u.surface for u in unit_table.surfaces if not u.case_sensitive]
    event_words = lex.events
    after_hyphen = alt(lex.numbers.alternatives + grammar.range_connectors, True) or "(?!)"
    # A substance may touch its unit ("gCO2/kWh"): a letter ends a unit symbol unless it opens one.
    glued_substance = rf"(?!{alt(unit_table.substances)})" if unit_table.substances else ""
    # Length symbols that are no word of the language ("m", not "in").
    not_words = [w for w in unit_table.bare_lengths if w.lower() not in lex.function_words.stop]
    return _Patterns(
        scale_cs=re.compile(_scale_pattern([s.word for s in scale_list if s.case_sensitive], alt)),
        scale_ci=re.compile(_scale_pattern([s.word for s in scale_list if not s.case_sensitive], alt, True), re.I),
        currency_after_cs=re.compile(rf"{_GAP}(?:{alt(symbols)})(?![A-Za-z])"),
        # A name may be hyphenated to its figure ("a one-yen bid", "a 12-cent dividend").
        # Every CLDR currency's names: a long list, which ``alt`` writes as a trie.
        currency_after_ci=re.compile(rf"(?:{_GAP}|-)(?:{alt(names, True)}){_NOT_LETTER}", re.I),
        # A sign may stand between the symbol and its figure ("$-50.8bn").
        currency_before=re.compile(rf"(?:^|(?<=[^\w]))(?:{before})[ \u00a0\u202f]?[-−]?$"),
        negative_before=_word_before(lex.numbers.negative_words, alt),
        bracket_negative=_bracket_after(lex.numbers.bracket_negative_after, alt),
        article_figure=_article_figure(lex, alt),
        article_idiom=re.compile(rf"(?:{alt(lex.numbers.article_idioms, True) or '(?!)'}){_NOT_LETTER}", re.I),
        # "USD10m", "RM5bn", "Rs500": a symbol ending in a letter, glued to the figure it opens.
        currency_glued=re.compile(rf"(?<!\w)(?:{alt(s for s in symbols if s[-1].isalpha())})(?=\d)"),
        # "sub-7 nm", "sub-300 sq m": a qualifier hyphenated to the figure it bounds, which digit
        # runs skip (a word hyphenated to a figure is otherwise a model name: "HX-2").
        qualifier_glued=re.compile(
            rf"(?<!\w)(?:{alt((q for q in qualifier_table.before if q.endswith('-')), True) or '(?!)'})(?=\d)", re.I
        ),
        percent=re.compile(
            rf"(?:[ \u00a0\u202f]?\n?(?:%|{alt(grammar.percent, True)})"
            rf"|(?-i:{alt(grammar.percent_glued) or '(?!)'}))(?!\w)",
            re.I,
        ),
        # A symbol is no unit when a letter follows ("5 l'heure" holds no litre).
        unit_cs=re.compile(rf"(?:{_GAP}|-)(?:{alt(unit_cs)})(?!{glued_substance}[^\W_]|['’][^\W\d_])"),
        # "percent of 10", "pourcentage de vingt": the phrase opens the figure; no figure before it.
        percent_before=re.compile(
            rf"(?<![\w.,%])(?<!\d )(?:{alt(lex.numbers.percent_before, True) or '(?!)'})[ \u00a0]+$", re.I
        ),
        bare_length=re.compile(
            rf"{_GAP}(?:{alt(unit_table.bare_lengths, True) or '(?!)'})"
            rf"(?=[ \u00a0]*(?:{alt(unit_table.extent_words, True) or '(?!)'})(?![^\W\d_]))",
            re.I,
        ),
        bare_length_alone=re.compile(rf"{_GAP}(?:{alt(unit_table.bare_lengths) or '(?!)'})(?![^\W\d_])"),
        # "1 m 1 m", "a pencil 2 in.": a length symbol a space after its figure, then the clause
        # ends (or, for a symbol that is no word of the language, a figure follows).
        bare_length_spaced=re.compile(
            rf"[ \u00a0\u202f](?:(?:{alt(unit_table.bare_lengths) or '(?!)'})(?=[ \u00a0]*(?:[.,;:!?)\]]|$))"
            rf"|(?:{alt(not_words) or '(?!)'})(?=[ \u00a0]+\d))"
        ),
        # "s-1", "km/s2", "fb−1", "m^2", "cm³": a unit symbol raised to a power, glued to it.
        unit_power=re.compile(
            rf"(?:{_GAP})(?P<unit>{alt([*unit_cs, *unit_table.powered])})"
            r"(?P<power>(?:\^|\*\*)?[-−⁻]?[1-4]|⁻?[¹²³⁴])(?![\w.,]\d|\w)"
        ),
        # "picometre", "Pikometer", "kibibytes": any prefix spelled out, then a unit's name.
        unit_spelled=re.compile(
            rf"(?:{_GAP}|-)(?P<prefix>{alt(unit_table.spelled_prefixes, True)})"
            rf"(?P<name>{alt(unit_table.prefixable, True)}){_NOT_LETTER}",
            re.I,
        ),
        frequency=re.compile(rf"{_GAP}(?:{alt(unit_table.frequency_words, True) or '(?!)'}){_NOT_LETTER}", re.I),
        cued_unit=re.compile(rf"{_GAP}(?:{alt(unit_table.cued, True) or '(?!)'}){_NOT_LETTER}", re.I),
        cues={
            word: re.compile(rf"(?<!\w)(?:{alt(cues, True)})(?!\w)", re.I)
            for word, (_, cues) in unit_table.cued.items()
        },
        # "164p": a sub-unit's symbol glued to its figure, near a cue ("shares", "price").
        currency_glued_after=re.compile(rf"(?:{alt(money.glued) or '(?!)'})(?![^\W_])"),
        glued_currency_cues={
            symbol: re.compile(rf"(?<!\w)(?:{alt(cues, True)})(?!\w)", re.I)
            for symbol, (_, cues) in money.glued.items()
        },
        cued_currency=re.compile(rf"{_GAP}(?:{alt(money.cued, True) or '(?!)'}){_NOT_LETTER}", re.I),
        currency_cues={
            word: re.compile(rf"(?<!\w)(?:{alt(cues, True)})(?!\w)", re.I) for word, (_, cues) in money.cued.items()
        },
        unit_bracketed=re.compile(rf"[ \u00a0]?[(\[{{<](?P<unit>{alt(unit_cs)})[)\]}}>]"),
        unit_ci=re.compile(rf"(?:{_GAP}|-)(?:{alt(unit_ci, True)}){_NOT_LETTER}", re.I),
        per=re.compile(
            rf"[ \u00a0\u202f]?(?:/|\b(?:{alt((p for p in unit_table.per if p != '/'), True)})\b)[ \u00a0\u202f]?",
            re.I,
        ),
        per_not_before=re.compile(
            rf"[ \u00a0]+(?:{alt(unit_table.per_not_before, True) or '(?!)'}){_NOT_LETTER}", re.I
        ),
        substance=re.compile(rf"[ \u00a0\u202f]?(?:{alt(unit_table.substances)})(?![A-Za-z])"),
        # French puts "de" between a scale word and its currency ("420 millions de dollars").
        scale_currency_link=_link_pattern(grammar.scale_currency_links, alt),
        change=re.compile(rf"(?:^|\W)(?:{alt(grammar.change_from, True)})[ \u00a0]*$", re.I),
        count_link=re.compile(rf"[ \u00a0]+(?:{alt(grammar.count_links, True)})(?=[ \u00a0]|[^\W\d_])", re.I),
        # After a space, a bracket or quote, or an elided word ("un bilan d'au moins 296 morts").
        qualifier_before=re.compile(
            rf"(?:^|(?<=[\s(\[\"“«,;:'’]))({alt(qualifier_table.before, True)})[ \u00a0\u202f]*$", re.I
        ),
        qualifier_after=re.compile(rf"(?:[ \u00a0\u202f]*)({alt(qualifier_table.after, True)})(?!\w)", re.I),
        # Not "4e14" nor "1e-3": a figure in scientific notation.
        ordinal=re.compile(rf"(?<![\w.,])(\d{{1,3}})[ ]?({alt(suffixes, True)}){_NOT_LETTER}(?![-−+]?\d)", re.I),
        range_connector=re.compile(
            # An alternative first: "7- or 8-inch" joins with "- or", not with the hyphen alone,
            # and "8- to 16-meter" with "- to".
            rf"[ \u00a0\u202f]*(?:-?[ \u00a0\u202f]*(?:{after_hyphen})"
            rf"|-|–|—|{alt(grammar.range_connectors + grammar.pair_connectors, True)})"
            r"[ \u00a0\u202f]*",
            re.I,
        ),
        range_word=re.compile(rf"(?:^|\W)(?:{alt(grammar.range_words, True)})[ \u00a0\u202f]*$", re.I),
        factor_before=re.compile(rf"(?:^|\W)(?:{alt(lex.numbers.factor_phrases, True)})[ \u00a0\u202f]*$", re.I),
        magnitude_before=re.compile(
            rf"(?:^|\W)(?:{alt(lex.numbers.magnitude_phrases, True) or '(?!)'})[ \u00a0\u202f]*$", re.I
        ),
        # "a 6.2-magnitude earthquake", "6.2 magnitude": the word right after the figure.
        magnitude_after=re.compile(rf"[-‐ \u00a0](?:{alt(lex.numbers.magnitude_phrases, True) or '(?!)'})(?!\w)", re.I),
        rank_context=re.compile(rf"\b(?:{alt(lex.numbers.rank_context, True)})\b", re.I),
        event=re.compile(rf"(?<!\w)(?:{alt(event_words, True)})(?!\w)", re.I),
        phone=re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]\d{2,4}){3,}(?![\w])"),
    )


def _word_before(words: tuple[str, ...], alt: Alternate) -> re.Pattern[str]:
    """One of ``words`` ending right before a figure, searched in a window that ends there."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:^|(?<=[\s(\[\"“«,;:]))(?:{alt(words, True)})[ \u00a0\u202f]+$", re.I)


def _article_figure(lex: Lexicon, alt: Alternate) -> re.Pattern[str]:
    """An article that is no number word ("a", "an"; not "un", which is one already) right before
    the name of a currency or of a unit: "a penny", "a gallon of beer"."""
    articles = [a for a in lex.numbers.articles if a not in lex.numbers.cardinals]
    money = [s.surface for s in lex.currencies.surfaces if not s.case_sensitive and s.surface[:1].isalpha()]
    units = [u.surface for u in lex.units.surfaces if not u.case_sensitive and u.surface[:1].isalpha()]
    if not articles:
        return re.compile(r"(?!)")
    names = alt([*money, *lex.currencies.cued, *units], True)
    return re.compile(
        rf"(?<![\w'’])(?:{alt(articles, True)})(?=[ \u00a0]+(?:{names}){_NOT_LETTER})",
        re.I,
    )


def _bracket_after(words: tuple[str, ...], alt: Alternate) -> re.Pattern[str]:
    """One of ``words`` (or a sign such as ":") then an opening bracket, ending right before a
    figure: "revenue was ($99.99)"."""
    spelled = [w for w in words if w[:1].isalnum()]
    signs = [w for w in words if not w[:1].isalnum()]
    options = [rf"(?:^|(?<=\W))(?:{alt(spelled, True)})"] if spelled else []
    options += [alt(signs)] if signs else []
    if not options:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{'|'.join(options)})[ \u00a0]*\($", re.I)


def _link_pattern(words: tuple[str, ...], alt: Alternate) -> re.Pattern[str]:
    """Words between two parts of a figure; an elided one ("d'") may touch what follows."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"[ \u00a0]+(?:{alt(words, True)})[ \u00a0]*", re.I)


def patterns_of(lex: Lexicon) -> _Patterns:
    return lex.compiled("extract", _patterns)
