"""Stage 2, extract: find the claims each sentence makes and the pieces they are written with.

A :class:`Mention` records where a claim stands in its sentence and how it is written (figure,
scale word, currency, unit, qualifier, counted noun); :mod:`claimdiff.normalize` turns it into
values. Every pattern here is built from the data tables and scans in linear time: figures are
found first, then short anchored matches are tried at their edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from claimdiff.dates import TimeExpr, find_times
from claimdiff.lexicon import CurrencySurface, FunctionWords, Grammar, Lexicon, NumberWords, UnitSurface, alternation
from claimdiff.numbers import DIGITS_RE, WORD_RE, Figure, parse_digits, split_compound, words_value

KINDS = ("money", "quantity", "percent", "count", "rank", "date")
# How far from a date an event word may stand to make it a claim ("launched ... in 2019").
EVENT_REACH_BEFORE = 70
EVENT_REACH_AFTER = 45


@dataclass
class Mention:
    """A claim as written in one sentence (offsets are relative to the sentence)."""

    start: int
    end: int
    kind: str
    figure: Figure
    low_figure: Figure | None = None
    qualifier: str = "exact"
    scale: float = 1.0
    currency: CurrencySurface | None = None
    unit: UnitSurface | None = None
    per: UnitSurface | None = None
    substance: str = ""
    noun: str = ""
    time: TimeExpr | None = None
    event: str = ""
    flags: list[str] = field(default_factory=list)


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


_NOT_LETTER = r"(?![^\W\d_])"
_SYMBOL_THEN_FIGURE = re.compile(r"[ \u00a0]?\d")
# Web addresses hold digits and "%20" escapes that are no claims.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
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
    percent: re.Pattern[str]
    unit_cs: re.Pattern[str]
    unit_ci: re.Pattern[str]
    per: re.Pattern[str]
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
    rank_context: re.Pattern[str]
    event: re.Pattern[str]
    phone: re.Pattern[str]


def _patterns(lex: Lexicon) -> _Patterns:
    """The patterns of one lexicon (built once per lexicon, see ``Lexicon.compiled``)."""
    scale_list = lex.scales
    money = lex.currencies
    unit_table = lex.units
    qualifier_table = lex.qualifiers
    grammar = lex.grammar
    suffixes = lex.ordinal_suffixes
    symbols = [s.surface for s in money.surfaces if s.case_sensitive]
    names = [s.surface for s in money.surfaces if not s.case_sensitive]
    unit_cs = [u.surface for u in unit_table.surfaces if u.case_sensitive]
    unit_ci = [u.surface for u in unit_table.surfaces if not u.case_sensitive]
    event_words = lex.events
    return _Patterns(
        scale_cs=re.compile(rf"{_GAP}(?:{alternation(s.word for s in scale_list if s.case_sensitive)}){_NOT_LETTER}"),
        scale_ci=re.compile(
            rf"{_GAP}(?:{alternation(s.word for s in scale_list if not s.case_sensitive)}){_NOT_LETTER}",
            re.I,
        ),
        currency_after_cs=re.compile(rf"{_GAP}(?:{alternation(symbols)})(?![A-Za-z])"),
        currency_after_ci=re.compile(rf"{_GAP}(?:{alternation(names)}){_NOT_LETTER}", re.I),
        currency_before=re.compile(rf"(?:^|(?<=[^\w]))(?:{alternation(symbols)})[ \u00a0\u202f]?$"),
        percent=re.compile(rf"[ \u00a0\u202f]?\n?(?:%|{alternation(grammar.percent)})(?!\w)", re.I),
        unit_cs=re.compile(rf"(?:{_GAP}|-)(?:{alternation(unit_cs)})(?![^\W_])"),
        unit_ci=re.compile(rf"(?:{_GAP}|-)(?:{alternation(unit_ci)}){_NOT_LETTER}", re.I),
        per=re.compile(
            rf"[ \u00a0\u202f]?(?:/|\b(?:{alternation(p for p in unit_table.per if p != '/')})\b)[ \u00a0\u202f]?",
            re.I,
        ),
        substance=re.compile(rf"[ \u00a0\u202f]?(?:{alternation(unit_table.substances)})(?![A-Za-z])"),
        # French puts "de" between a scale word and its currency ("420 millions de dollars").
        scale_currency_link=_link_pattern(grammar.scale_currency_links),
        change=re.compile(rf"(?:^|\W)(?:{alternation(grammar.change_from)})[ \u00a0]*$", re.I),
        count_link=re.compile(rf"[ \u00a0]+(?:{alternation(grammar.count_links)})(?=[ \u00a0]|[^\W\d_])", re.I),
        qualifier_before=re.compile(
            rf"(?:^|(?<=[\s(\[\"“«,;:]))({alternation(qualifier_table.before)})[ \u00a0\u202f]*$", re.I
        ),
        qualifier_after=re.compile(rf"(?:[ \u00a0\u202f]*)({alternation(qualifier_table.after)})(?!\w)", re.I),
        ordinal=re.compile(rf"(?<![\w.,])(\d{{1,3}})[ ]?({alternation(suffixes)}){_NOT_LETTER}", re.I),
        range_connector=re.compile(
            rf"[ \u00a0\u202f]*(?:-|–|—|{alternation(grammar.range_connectors + grammar.pair_connectors)})"
            r"[ \u00a0\u202f]*",
            re.I,
        ),
        range_word=re.compile(rf"(?:^|\W)(?:{alternation(grammar.range_words)})[ \u00a0\u202f]*$", re.I),
        factor_before=re.compile(rf"(?:^|\W)(?:{alternation(lex.numbers.factor_phrases)})[ \u00a0\u202f]*$", re.I),
        rank_context=re.compile(rf"\b(?:{alternation(lex.numbers.rank_context)})\b", re.I),
        event=re.compile(rf"(?<!\w)(?:{alternation(event_words)})(?!\w)", re.I),
        phone=re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]\d{2,4}){3,}(?![\w])"),
    )


def _link_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Words between two parts of a figure; an elided one ("d'") may touch what follows."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"[ \u00a0]+(?:{alternation(words)})[ \u00a0]*", re.I)


def patterns_of(lex: Lexicon) -> _Patterns:
    return lex.compiled("extract", _patterns)


# --- candidates -----------------------------------------------------------------------------


def _digit_candidates(text: str, lex: Lexicon, blocked: list[tuple[int, int]]) -> list[_Candidate]:
    out = []
    for match in DIGITS_RE.finditer(text):
        if _inside(match.start(), match.end(), blocked):
            continue
        if re.match(r"0\d", match.group(0)):
            continue  # "007", "000": codes and debris, not figures
        out.append(_Candidate(match.start(), match.end(), parse_digits(match.group(0), lex)))
    return out


# Words for number runs split at apostrophes: "d'un gigawatt" holds the number "un".
_NUMBER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _word_candidates(text: str, lex: Lexicon) -> list[_Candidate]:
    """Runs of number words ("one hundred and nine billion"), fractions and "une vingtaine"."""
    lexicon = lex.numbers
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _NUMBER_WORD.finditer(text)]
    out: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        parts = split_compound(word, lexicon)
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
            run.append(tokens[j][2])
            j += 1
        while run and (
            run[-1] in lexicon.connectors or run[-1] in lexicon.articles and run[-1] not in lexicon.cardinals
        ):
            run.pop()
            j -= 1
        bare_scale = bool(run) and (run[0] in lexicon.scales or run[0] in lexicon.hundreds)
        run_value = words_value(run, lexicon) if run and not bare_scale else None
        if run_value is not None and run_value >= 0:
            weak = run_value == 1 and len(run) == 1
            figure = Figure(Decimal(str(run_value)), 0)
            out.append(_Candidate(start, tokens[j - 1][1], figure, words=True, weak=weak))
            i = j
        else:
            i += 1
    return out


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


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# --- reading around a figure ----------------------------------------------------------------


def _match_longest(patterns: list[re.Pattern[str]], text: str, pos: int) -> re.Match[str] | None:
    best = None
    for pattern in patterns:
        match = pattern.match(text, pos)
        if match and (best is None or match.end() > best.end()):
            best = match
    return best


_CurrencyIndex = tuple[dict[str, tuple[int, CurrencySurface]], dict[str, tuple[int, CurrencySurface]]]


def _surface_index(lex: Lexicon) -> _CurrencyIndex:
    """Currency surfaces by exact and by lower-cased spelling, with their table order."""
    exact: dict[str, tuple[int, CurrencySurface]] = {}
    folded: dict[str, tuple[int, CurrencySurface]] = {}
    for index, entry in enumerate(lex.currencies.surfaces):
        if entry.case_sensitive:
            exact.setdefault(entry.surface, (index, entry))
        else:
            folded.setdefault(entry.surface.lower(), (index, entry))
    return exact, folded


def _unit_index(lex: Lexicon) -> tuple[dict[str, UnitSurface], dict[str, UnitSurface]]:
    exact: dict[str, UnitSurface] = {}
    folded: dict[str, UnitSurface] = {}
    for entry in lex.units.surfaces:
        if entry.case_sensitive:
            exact.setdefault(entry.surface, entry)
        else:
            folded.setdefault(entry.surface.lower(), entry)
    return exact, folded


def _find_currency(surface: str, lex: Lexicon) -> CurrencySurface | None:
    surface = surface.strip()
    exact, folded = lex.compiled("currency index", _surface_index)
    found = [hit for hit in (exact.get(surface), folded.get(surface.lower())) if hit is not None]
    return min(found, key=lambda hit: hit[0])[1] if found else None


def _find_unit(surface: str, lex: Lexicon) -> UnitSurface | None:
    surface = surface.strip().strip("-")
    exact, folded = lex.compiled("unit index", _unit_index)
    return exact.get(surface) or folded.get(surface.lower())


def _find_scale(surface: str, money: bool, lex: Lexicon) -> float | None:
    surface = surface.strip()
    for entry in lex.scales:
        same = entry.word == surface if entry.case_sensitive else entry.word.lower() == surface.lower()
        if same and (money or not entry.money_only):
            return entry.factor
    return None


@dataclass
class _Reading:
    """What follows and precedes one figure."""

    start: int
    end: int
    scale: float = 1.0
    currency: CurrencySurface | None = None
    unit: UnitSurface | None = None
    per: UnitSurface | None = None
    substance: str = ""
    percent: bool = False
    plus: bool = False


def _read_suffixes(text: str, cand: _Candidate, lex: Lexicon) -> _Reading:
    p = patterns_of(lex)
    reading = _Reading(cand.start, cand.end)
    pos = cand.end
    if text.startswith("+", pos):
        reading.plus = True
        pos += 1
    scale_match = _match_longest([p.scale_cs, p.scale_ci], text, pos)
    scale_end = pos
    if scale_match:
        scale_end = scale_match.end()
    currency_match = _match_longest([p.currency_after_cs, p.currency_after_ci], text, scale_end)
    if currency_match is None and scale_match is not None:
        # "75 millions de $", "420 millions de dollars": French puts "de" between scale and currency.
        de = p.scale_currency_link.match(text, scale_end)
        if de:
            currency_match = _match_longest([p.currency_after_cs, p.currency_after_ci], text, de.end())
    if currency_match is None and scale_match is None:
        currency_match = _match_longest([p.currency_after_cs, p.currency_after_ci], text, pos)
    before = p.currency_before.search(text, max(0, cand.start - 6), cand.start)
    has_money = currency_match is not None or before is not None
    if scale_match:
        factor = _find_scale(scale_match.group(0), has_money, lex)
        if factor is not None:
            reading.scale = factor
            pos = scale_match.end()
    takes_next = currency_match is not None and _SYMBOL_THEN_FIGURE.match(text, currency_match.end()) is not None
    if currency_match and takes_next and currency_match.group(0).strip() in lex.currencies.prefix_symbols:
        currency_match = None  # "$ 20,000.00 $ 37,305.97": that "$" opens the next figure
    linked = currency_match is not None and p.scale_currency_link.fullmatch(text, pos, currency_match.start())
    if currency_match and (currency_match.start() == pos or linked):
        reading.currency = _find_currency(currency_match.group(0), lex)
        pos = currency_match.end()
        if reading.scale == 1.0:
            # "75 USD million": the scale word may follow the currency.
            late_scale = _match_longest([p.scale_cs, p.scale_ci], text, pos)
            factor = _find_scale(late_scale.group(0), True, lex) if late_scale else None
            if late_scale and factor:
                reading.scale, pos = factor, late_scale.end()
    elif before is not None:
        reading.currency = _find_currency(before.group(0), lex)
        reading.start = before.start()
    if reading.currency is None:
        percent = p.percent.match(text, pos)
        if percent:
            reading.percent = True
            pos = percent.end()
        else:
            unit = _match_longest([p.unit_cs, p.unit_ci], text, pos)
            if unit:
                reading.unit = _find_unit(unit.group(0), lex)
                pos = unit.end()
                substance = p.substance.match(text, pos)
                if substance and reading.unit and reading.unit.metric == "mass":
                    reading.substance = lex.units.substances.get(substance.group(0).strip(), "")
                    pos = substance.end()
    if reading.currency is not None or reading.unit is not None:
        per = p.per.match(text, pos)
        if per:
            denominator = _match_longest([p.unit_cs, p.unit_ci], text, per.end())
            if denominator and denominator.start() == per.end():
                reading.per = _find_unit(denominator.group(0), lex)
                pos = denominator.end()
    reading.end = pos
    return reading


def _glued_word(text: str, cand: _Candidate, reading: _Reading) -> bool:
    """True when letters stick to the figure and are not a unit, scale or currency ("5G")."""
    if cand.words or reading.end > cand.end:
        return False
    if cand.end >= len(text):
        return False
    after = text[cand.end : cand.end + 2]
    return after[0].isalpha() or (after[0] in "-‐" and after[1:].isalpha())


# --- the scanner ----------------------------------------------------------------------------


def extract_mentions(
    sentence: str, lexicon: Lexicon, heading: bool = False, times: list[TimeExpr] | None = None
) -> list[Mention]:
    """Find the claims in one sentence.

    >>> from claimdiff.lexicon import load_knowledge
    >>> text = "In 2024, these startups raised €1.9 billion and hired more than 3,000 people."
    >>> [(m.kind, text[m.start:m.end]) for m in extract_mentions(text, load_knowledge().lexicon("en"))]
    [('money', '€1.9 billion'), ('count', 'more than 3,000 people')]
    """
    lex = lexicon
    p = patterns_of(lexicon)
    times = find_times(sentence, lexicon) if times is None else times
    time_spans = [(t.start, t.end) for t in times]
    phones = [(m.start(), m.end()) for m in p.phone.finditer(sentence) if _is_phone(m.group(0))]
    phones += [(m.start(), m.end()) for m in _URL.finditer(sentence)]
    ordinals = _ordinal_mentions(sentence, lex, p, time_spans)
    ordinal_spans = [(m.start, m.end) for m in ordinals]
    candidates = _digit_candidates(sentence, lex, phones) + _word_candidates(sentence, lex)
    candidates = [
        c
        for c in candidates
        if not _overlaps(c.start, c.end, ordinal_spans)
        and not _overlaps(c.start, c.end, time_spans)
        and not _overlaps(c.start, c.end, phones)
    ]
    candidates.sort(key=lambda c: c.start)
    mentions: list[Mention] = list(ordinals)
    consumed: set[int] = set()
    for index, cand in enumerate(candidates):
        if index in consumed or _is_list_marker(sentence, cand):
            continue
        mention = _read_mention(sentence, lex, p, cand, candidates, index, consumed)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(_date_mentions(sentence, lex, p, times, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return _drop_overlaps(mentions)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in mentions:
        if out and mention.start < out[-1].end:
            if mention.end - mention.start > out[-1].end - out[-1].start:
                out[-1] = mention
            continue
        out.append(mention)
    return out


def _is_phone(text: str) -> bool:
    groups = re.split(r"[ .\-()]+", text.strip("+ ()"))
    groups = [g for g in groups if g]
    # "1 200 000" groups thousands; a phone number has short or uneven groups.
    return not all(len(g) == 3 for g in groups[1:])


def _is_list_marker(text: str, cand: _Candidate) -> bool:
    head = text[: cand.start].strip()
    after = text[cand.end : cand.end + 2]
    if head in ("", "→", "-", "•") and (after[:1] in (".", ")") and after[1:2] in (" ", "\n", "")):
        return True
    return not text[: cand.start].strip() and not text[cand.end :].strip() and not cand.words


def _read_mention(
    text: str,
    lex: Lexicon,
    p: _Patterns,
    cand: _Candidate,
    candidates: list[_Candidate],
    index: int,
    consumed: set[int],
) -> Mention | None:
    reading = _read_suffixes(text, cand, lex)
    if _glued_word(text, cand, reading):
        return None
    qualifier, flags = "exact", []
    low_figure = None
    nxt = candidates[index + 1] if index + 1 < len(candidates) else None
    second = _range_partner(text, lex, reading, nxt)
    if second is not None and nxt is not None:
        _inherit(reading, second)
        before = text[max(0, reading.start - 30) : reading.start]
        is_change = p.change.search(before) and not p.range_word.search(before)
        if nxt.figure.value >= cand.figure.value and not is_change:
            consumed.add(index + 1)
            low_figure, qualifier = cand.figure, "range"
            reading.end, reading.plus = second.end, second.plus
            cand = _Candidate(cand.start, nxt.end, nxt.figure, words=nxt.words)
        else:
            flags.append("earlier value in a change")
    if cand.figure.value > 0 and _is_year(text, cand, reading):
        return None
    kind, noun, noun_end = _kind_of_mention(text, lex, p, cand, reading, flags)
    if kind is None and second is not None and "earlier value in a change" in flags:
        noun, _ = _counted_noun(text, lex, second.end, singular=False)
        kind, noun_end = ("count" if noun else None), reading.end
    if kind is None or (cand.weak and kind == "count"):
        return None
    start, end = reading.start, max(reading.end, noun_end)
    if start > 0 and text[start - 1] in "+−" and (start == 1 or not text[start - 2].isalnum()):
        start -= 1
        flags.append("signed")
    if cand.figure.ambiguous:
        flags.append(cand.figure.ambiguous)
    if qualifier == "exact":
        qualifier, start, end = _qualify(text, lex, p, start, end, reading, cand)
    elif reading.plus:
        flags.append("range open above")
    return Mention(
        start=start,
        end=end,
        kind="percent" if cand.fraction is not None else kind,
        figure=cand.figure,
        low_figure=low_figure,
        qualifier=qualifier,
        scale=reading.scale,
        currency=reading.currency,
        unit=reading.unit,
        per=reading.per,
        substance=reading.substance,
        noun=noun,
        flags=flags,
    )


def _range_partner(text: str, lex: Lexicon, reading: _Reading, nxt: _Candidate | None) -> _Reading | None:
    """The second figure of "18 to 150+ ha", "10-40 ms", "between 9 and 18 months", if any."""
    p = patterns_of(lex)
    connector = p.range_connector.match(text, reading.end)
    if nxt is None or not connector or connector.end() != nxt.start:
        return None
    word = connector.group(0).strip().lower()
    window = text[max(0, reading.start - 30) : reading.start]
    if word in lex.grammar.pair_connectors and not p.range_word.search(window):
        return None
    second = _read_suffixes(text, nxt, lex)
    if _glued_word(text, nxt, second) or not _compatible(reading, second):
        return None  # "0.6 % to 309,381 yen": two figures of different kinds, not a range
    return second


def _kind_of_mention(
    text: str, lex: Lexicon, p: _Patterns, cand: _Candidate, reading: _Reading, flags: list[str]
) -> tuple[str | None, str, int]:
    """(kind, counted noun, end of the noun); multipliers ("by a factor of 3") first."""
    window = text[max(0, reading.start - 40) : reading.start]
    factor = p.factor_before.search(window)
    if cand.multiplier or (factor and reading.unit is None):
        flags.append("multiplier")
        if factor:
            reading.start -= len(window) - factor.start() - (0 if factor.group(0)[0].isalpha() else 1)
        return "quantity", "", reading.end
    return _kind(text, lex, cand, reading)


def _qualify(
    text: str, lex: Lexicon, p: _Patterns, start: int, end: int, reading: _Reading, cand: _Candidate
) -> tuple[str, int, int]:
    """The qualifier written before or after a figure, and the claim's widened span."""
    qualifier = "exact"
    window = text[max(0, start - 40) : start]
    found = p.qualifier_before.search(window)
    phrase = found.group(1).lower() if found else ""
    spans_time = reading.unit is not None and reading.unit.metric == "duration"
    if found and not (spans_time and phrase in lex.qualifiers.spans):
        qualifier = lex.qualifiers.before[phrase]
        start -= len(window) - found.start(1)
    after = p.qualifier_after.match(text, end)
    if reading.plus:
        qualifier = "at_least"
    elif qualifier == "exact" and after:
        qualifier = lex.qualifiers.after[after.group(1).lower()]
        end = after.end()
    if cand.approximate:
        qualifier = "approx"
    return qualifier, start, end


def _compatible(first: _Reading, second: _Reading) -> bool:
    """Whether two figures joined by "to" or "-" can be one range (same currency, unit or %)."""
    if first.currency is None and first.unit is None and not first.percent:
        return True  # a bare first figure takes the second's unit
    same_money = (
        first.currency is not None and second.currency is not None and first.currency.code == second.currency.code
    )
    same_unit = first.unit is not None and second.unit is not None and first.unit.canonical == second.unit.canonical
    bare_second = second.currency is None and second.unit is None and not second.percent
    return same_money or same_unit or (first.percent and second.percent) or bare_second


def _inherit(reading: _Reading, second: _Reading) -> None:
    """Give a bare first figure of a range the scale, currency and unit of the second."""
    if reading.currency is None and reading.unit is None and not reading.percent:
        reading.currency, reading.unit, reading.per = second.currency, second.unit, second.per
        reading.substance, reading.percent = second.substance, second.percent
        if reading.scale == 1.0:
            reading.scale = second.scale


def _is_year(text: str, cand: _Candidate, reading: _Reading) -> bool:
    digits = text[cand.start : cand.end]
    return (
        not cand.words
        and len(digits) == 4
        and digits.isdigit()
        and 1900 <= int(digits) <= 2099
        and reading.currency is None
        and reading.unit is None
        and not reading.percent
    )


def _kind(text: str, lex: Lexicon, cand: _Candidate, reading: _Reading) -> tuple[str | None, str, int]:
    if reading.currency is not None:
        return "money", "", reading.end
    if reading.percent or cand.fraction is not None:
        return "percent", "", reading.end
    if reading.unit is not None:
        return "quantity", "", reading.end
    singular = cand.figure.value <= 1
    noun, noun_end = _counted_noun(text, lex, reading.end, cand.approximate, singular)
    if noun and cand.figure.value == int(cand.figure.value):
        return "count", noun, noun_end
    return None, "", reading.end


_GLUED_TOKEN = re.compile(r"[ \u00a0\n]*([^\W\d_][\w'’\-]*)")
_NOUN_TOKEN = re.compile(r"[ \u00a0\n]+([^\W\d_][\w'’\-]*)")


def _counted_noun(text: str, lex: Lexicon, pos: int, after_de: bool = False, singular: bool = True) -> tuple[str, int]:
    """The noun a figure counts ("1,000 AI startups" -> "startups"), and where it ends.

    ``after_de`` lets a linking word ("of", French "de") stand first ("une vingtaine de structures").
    """
    words = lex.function_words
    number_lexicon = lex.numbers
    months = lex.time.months
    cursor = pos
    de = patterns_of(lex).count_link.match(text, cursor) if after_de else None
    if de:
        cursor = de.end()
    tokens: list[tuple[str, int]] = []
    while len(tokens) < 4:
        # Right after an elided "d'" the noun follows with no space ("d'entreprises").
        match = (_GLUED_TOKEN if de and not tokens else _NOUN_TOKEN).match(text, cursor)
        if match is None:
            break
        word = match.group(1)
        lower = word.lower()
        if lower in words.stop or lower in months or number_lexicon.is_number_word(lower):
            break
        if tokens and "\n" in match.group(0) and word[:1].isupper():
            break  # a capitalised line after a break starts something new
        tokens.append((word, match.end()))
        cursor = match.end()
        if words.nouns_capitalised and word[:1].isupper():
            break  # every noun is capitalised: the first one ends the phrase ("300 neue Stellen")
    if words.nouns_capitalised and not (tokens and tokens[-1][0][:1].isupper()):
        return "", pos  # lower-case words alone are adjectives or verbs ("5 tritt in Kraft")
    if words.head_last:
        plural = [t for t in tokens if _is_plural(t[0], words, lex.grammar)]
        chosen = plural[-1] if plural else (tokens[-1] if tokens else None)
    else:
        chosen = tokens[0] if tokens else None
    if chosen is None:
        return "", pos
    head, end = chosen
    if len(head) < 3 or head.isupper() and len(head) < 5:
        return "", pos
    if not singular and not _is_plural(head, words, lex.grammar):
        return "", pos
    participle = lex.grammar.participle_suffixes
    if words.head_last and participle and head.lower().endswith(participle) and head.lower() not in words.plurals:
        return "", pos  # "0 raised", "3 trained": a participle is not what is counted
    return head.lower(), end


def _is_plural(word: str, words: FunctionWords, grammar: Grammar) -> bool:
    lower = word.lower()
    regular = grammar.plural_suffixes
    doubled = tuple(suffix * 2 for suffix in regular)  # "business" is no plural
    return lower in words.plurals or (len(lower) > 3 and lower.endswith(regular) and not lower.endswith(doubled))


def _ordinal_mentions(text: str, lex: Lexicon, p: _Patterns, time_spans: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for match in p.ordinal.finditer(text):
        if _overlaps(match.start(), match.end(), time_spans):
            continue
        value = Decimal(match.group(1))
        out.append(Mention(match.start(), match.end(), "rank", Figure(value, 0)))
    lexicon = lex.numbers
    for match in WORD_RE.finditer(text):
        word = match.group(0).lower()
        if word in lexicon.ordinals and p.rank_context.search(text, match.end(), min(len(text), match.end() + 40)):
            out.append(Mention(match.start(), match.end(), "rank", Figure(Decimal(lexicon.ordinals[word]), 0)))
    return out


def _date_mentions(
    text: str, lex: Lexicon, p: _Patterns, times: list[TimeExpr], mentions: list[Mention]
) -> list[Mention]:
    """A date is a claim when an event word governs it ("launched in January 2025")."""
    taken = [(m.start, m.end) for m in mentions]
    event_words = lex.events
    out = []
    for time in times:
        if _overlaps(time.start, time.end, taken):
            continue
        window_start = max(0, time.start - EVENT_REACH_BEFORE)
        best = None
        for match in p.event.finditer(text, window_start, min(len(text), time.end + EVENT_REACH_AFTER)):
            distance = time.start - match.end() if match.end() <= time.start else match.start() - time.end
            if distance >= 0 and (best is None or distance < best[0]):
                best = (distance, match)
        if best is None:
            continue
        if time.relation == "since" and time.low is not None:
            # "initiated ... since 2017": the event happened in 2017.
            time = replace(time, relation="at", high=date(time.low.year, 12, 31))
        year = Decimal(time.low.year if time.low else time.high.year)  # type: ignore[union-attr]
        mention = Mention(time.start, time.end, "date", Figure(year, 0), time=time)
        mention.event = event_words.get(best[1].group(0).lower(), "date")
        qualifier = {"by": "up_to", "range": "range"}.get(time.relation, "exact")
        mention.qualifier = qualifier
        out.append(mention)
    return out
