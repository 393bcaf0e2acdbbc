"""What is written around a figure: scale, currency, percent, unit, per-unit and substance.

Read into a :class:`_Reading`, whose span widens over what it found ("€1.9 billion",
"75 millions de $", "40 €/MWh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimdiff.extract.figures import _Candidate
from claimdiff.extract.patterns import patterns_of
from claimdiff.lexicon import CurrencySurface, Lexicon, UnitSurface, trie_alternation

_SYMBOL_THEN_FIGURE = re.compile(r"[ \u00a0]?\d")
# What stands before the second side of a size: "1 m x 1 m", "4 m × 3 m".
_DIMENSION_TIMES = re.compile(r"[^\W\d_][ \u00a0]?[x×][ \u00a0]?$")


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
    for index, entry in enumerate((*lex.currencies.surfaces, *lex.currencies.rare)):
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


def _currency_after(text: str, lex: Lexicon, pos: int) -> re.Match[str] | None:
    """The currency written at ``pos`` (the longest of symbols, names and, after a word that opens
    one, the names of the currencies CLDR knows beyond the table's)."""
    p = patterns_of(lex)
    found = _match_longest([p.currency_after_cs, p.currency_after_ci], text, pos)
    if found is None:
        found = _cued_currency(text, lex, pos)
    if found is None and (glued := p.currency_glued_after.match(text, pos)) is not None:
        found = glued if p.glued_currency_cues[glued.group(0)].search(text) else None
    head = _HEAD_WORD.match(text, pos)
    if head is None or not lex.currencies.rare:
        return found
    if head.group(1).lower() not in lex.compiled("rare currency heads", _rare_heads):
        return found
    other = lex.compiled("rare currencies", _rare_currencies).match(text, pos)
    return other if other is not None and (found is None or other.end() > found.end()) else found


def _cued_currency(text: str, lex: Lexicon, pos: int) -> re.Match[str] | None:
    """A name that is money only near a cue word ("pounds" after "operating profit"), written at
    ``pos``; not before a counted substance ("5 million pounds of beef" weighs)."""
    p = patterns_of(lex)
    name = p.cued_currency.match(text, pos)
    if name is None or p.count_link.match(text, name.end()):
        return None
    cue = p.currency_cues[name.group(0).strip().lower()]
    # Before, the cue may stand a whole figure away: "un résultat amélioré à 361 millions de livres".
    near = cue.search(text, max(0, pos - 2 * CUE_REACH), pos) or cue.search(text, name.end(), name.end() + CUE_REACH)
    return name if near else None


# The first word after a figure, as the names of rare currencies start ("Costa-Rica-Colón").
_HEAD_WORD = re.compile(r"[ \u00a0\u202f\n-]*([^\W\d_]+)")


def _rare_heads(lex: Lexicon) -> frozenset[str]:
    """The first words of the rare currencies' names: a figure followed by none of them needs
    not the pattern of their names (50 ms to compile; most texts name none)."""
    names = (entry.surface for entry in lex.currencies.rare)
    return frozenset(m.group(1).lower() for name in names if (m := _HEAD_WORD.match(name)))


def _rare_currencies(lex: Lexicon) -> re.Pattern[str]:
    """A pattern of the rare currencies' names, compiled on first need."""
    names = [entry.surface for entry in lex.currencies.rare]
    return re.compile(rf"(?:{_GAP_OR_HYPHEN})(?:{trie_alternation(names, ignore_case=True)})(?![^\W\d_])", re.I)


_GAP_OR_HYPHEN = r"[ \u00a0\u202f]?\n?[ \u00a0\u202f]?|-"


def _find_currency(surface: str, lex: Lexicon) -> CurrencySurface | None:
    surface = surface.strip().removeprefix("-")  # "a one-yen bid"
    exact, folded = lex.compiled("currency index", _surface_index)
    found = [hit for hit in (exact.get(surface), folded.get(surface.lower())) if hit is not None]
    if not found and surface.lower() in lex.currencies.cued:
        return lex.currencies.cued[surface.lower()][0]  # matched by _cued_currency, near its cue
    if not found and surface in lex.currencies.glued:
        return lex.currencies.glued[surface][0]  # matched glued to its figure, near a cue
    return min(found, key=lambda hit: hit[0])[1] if found else None


def _find_unit(surface: str, lex: Lexicon) -> UnitSurface | None:
    surface = surface.strip().strip("-")
    exact, folded = lex.compiled("unit index", _unit_index)
    return exact.get(surface) or folded.get(surface.lower())


def _find_scale(surface: str, money: bool, lex: Lexicon) -> float | None:
    surface = surface.strip().removeprefix("-")  # "a $10-million grant"
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
    sign_before: bool = False  # the currency is a sign written before the figure ("$40")

    @property
    def bare(self) -> bool:
        """Whether the figure is written with no currency, unit or percent of its own."""
        return self.currency is None and self.unit is None and not self.percent


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
    currency_match = _currency_after(text, lex, scale_end)
    if scale_match is not None or _ends_with_scale_word(text, cand, lex):
        # "75 millions de $", "420 millions de dollars": French puts "de" between scale and currency;
        # the longer name wins ("de dollars" alone is USD, "dollars australiens" is AUD).
        de = p.scale_currency_link.match(text, scale_end)
        linked_match = _currency_after(text, lex, de.end()) if de else None
        if linked_match and (currency_match is None or linked_match.end() > currency_match.end()):
            currency_match = linked_match
    before = p.currency_before.search(text, max(0, cand.start - 6), cand.start)
    has_money = currency_match is not None or before is not None
    if scale_match:
        # A money scale letter before a unit scales it too: "0.5k miles", "5m tonnes".
        unit_next = not has_money and _match_longest([p.unit_cs, p.unit_ci], text, scale_match.end()) is not None
        factor = _find_scale(scale_match.group(0), has_money or unit_next, lex)
        if factor is not None:
            reading.scale = factor
            pos = scale_match.end()
    if currency_match and _opens_next_figure(text, currency_match, lex):
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
        reading.currency = _find_currency(before.group(0).rstrip("-−"), lex)
        reading.start, reading.sign_before = before.start(), True
    opened = p.percent_before.search(text, max(0, cand.start - 30), cand.start) if not before else None
    if opened is not None and _noun_follows(text, pos, lex):
        opened = None  # "the percentage of 20 schools" counts schools
    if reading.currency is None and opened is not None and not p.percent.match(text, pos):
        reading.percent, reading.start = True, opened.start()
    elif reading.currency is None:
        percent = p.percent.match(text, pos)
        if percent:
            reading.percent = True
            pos = percent.end()
        else:
            unit = _match_longest([p.unit_cs, p.unit_ci], text, pos)
            spelled = _spelled_unit(text, pos, lex)
            if spelled is not None and unit is not None and unit.end() >= spelled[1]:
                spelled = None  # a listed name as long wins ("kilometres")
            if unit is None and spelled is None and (reading.scale != 1.0 or _ends_with_scale_word(text, cand, lex)):
                # "1,5 million de gallons": French links a scale word and its unit with "de".
                de = p.scale_currency_link.match(text, pos)
                unit = _match_longest([p.unit_cs, p.unit_ci], text, de.end()) if de else None
            if unit is None and spelled is None:
                unit = _unit_after_adjective(text, pos, lex)  # "three consecutive years"
            bracketed = p.unit_bracketed.match(text, pos) if unit is None else None
            bare_length = p.bare_length.match(text, pos) if unit is None and reading.scale == 1.0 else None
            if unit is None and bare_length is None and reading.scale == 1.0 and not cand.words:
                bare_length = p.bare_length_spaced.match(text, pos)
            if (
                unit is None
                and bare_length is None
                and _DIMENSION_TIMES.search(text, max(0, cand.start - 4), cand.start)
            ):
                # The second side of "1 m x 1 m".
                bare_length = p.bare_length_alone.match(text, pos)
            cued = _cued_unit(text, cand, pos, lex) if unit is None and bare_length is None else None
            if spelled is not None:
                reading.unit, pos = spelled
            elif bare_length is not None:
                reading.unit = lex.units.bare_lengths.get(bare_length.group(0).strip())
                pos = bare_length.end()
            elif cued is not None:
                reading.unit, pos = cued
            elif (inches := _inch_quote(text, pos, lex)) is not None:
                reading.unit, pos = inches
            elif unit is None and (times := _times_per(text, pos, lex)) is not None:
                reading.unit, pos = times
            elif bracketed is not None:
                # "20 (kg)", "20 [kg]": a unit in brackets right after its figure.
                reading.unit = _find_unit(bracketed.group("unit"), lex)
                pos = bracketed.end()
            elif (powered := _powered_unit(text, pos, lex)) is not None and (unit is None or powered[1] > unit.end()):
                reading.unit, pos = powered
            elif unit and _clock_time(text, cand, unit.group(0)):
                pass  # "5 pm", "10.30 am": a time of day, not picometres
            elif unit:
                reading.unit = _find_unit(unit.group(0), lex)
                pos = unit.end()
                substance = p.substance.match(text, pos)
                if substance and reading.unit and reading.unit.metric == "mass":
                    reading.substance = lex.units.substances.get(substance.group(0).strip(), "")
                    pos = substance.end()
    if reading.currency is not None or reading.unit is not None:
        first = _denominator(text, pos, lex)
        if first is not None:
            reading.per, pos = first
            second = _denominator(text, pos, lex)
            if second is not None and second[0] is not None and reading.per is not None:
                # "20 J/m^2 per year": both denominators divide ("joule / (meter ** 2 * year)").
                reading.per = _product(reading.per, second[0])
                pos = second[1]
    if reading.currency is not None:
        # "470 pence" is 4.70 GBP, "30 MUSD" is 30 million dollars.
        reading.scale *= reading.currency.factor
    reading.end = pos
    return reading


_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_]+)")


# How far from its figure a cue word may stand ("rotate the arm by 90 degrees", "um 90 Grad gedreht").
CUE_REACH = 60


def _cued_unit(text: str, cand: _Candidate, pos: int, lex: Lexicon) -> tuple[UnitSurface, int] | None:
    """A unit name read as a unit only near a cue word ("rotate 90 degrees", German "um 90 Grad
    gedreht" with its verb last), and where it ends. The figure's own words may be the cue:
    "a half turn" is an angle."""
    p = patterns_of(lex)
    name = p.cued_unit.match(text, pos)
    if name is None:
        return None
    word = name.group(0).strip().lower()
    cue = p.cues[word]
    if _find_scale(word, True, lex) is not None:
        # A name that is also a scale letter ("m": millions) needs its cue before the figure and
        # no other figure between: in "the length is 48m and it cost 5m", only 48 is metres.
        before = text[max(0, cand.start - CUE_REACH) : cand.start]
        last_figure = max((m.end() for m in _DIGITS.finditer(before)), default=0)
        start = max(0, cand.start - CUE_REACH) + last_figure
        return (lex.units.cued[word][0], name.end()) if cue.search(text, start, cand.start) else None
    if not (
        cue.search(text, max(0, cand.start - CUE_REACH), cand.end)
        or cue.search(text, name.end(), name.end() + CUE_REACH)
    ):
        return None
    return lex.units.cued[word][0], name.end()


_DIGITS = re.compile(r"\d+")


# A straight double quote for inches: after its figure, before a space or the end ('10 " long').
_INCH_QUOTE = re.compile(r'[ \u00a0]?"(?=[ \u00a0.,;:)]|$)')


def _inch_quote(text: str, pos: int, lex: Lexicon) -> tuple[UnitSurface, int] | None:
    """Inches written with a straight double quote, which closes no quotation (an even number
    of quotes stands before it)."""
    mark = _INCH_QUOTE.match(text, pos)
    if mark is None or text.count('"', 0, pos) % 2:
        return None
    inch = _find_unit("″", lex)
    return None if inch is None else (inch, mark.end())


_POWER_DIGITS = str.maketrans("¹²³⁴⁻−", "1234--")
# What a length raised to a power measures.
_POWERED_METRIC = {("length", 2): "area", ("length", 3): "volume"}


def _powered_unit(text: str, pos: int, lex: Lexicon, denominator: bool = False) -> tuple[UnitSurface, int] | None:
    """A unit symbol raised to a power right at ``pos`` ("s-1", "fb−1", "m^2", "cm³", and "s2"
    after a slash) as a unit of its own ("second ** -1"), and where it ends.

    A bare digit glued to a symbol is a power only where one is expected: a negative one, a
    square or cube of a length, a square in a denominator ("A4 paper", "V2 rockets" are names).
    """
    match = patterns_of(lex).unit_power.match(text, pos)
    if match is None:
        return None
    symbol = match.group("unit")
    base = lex.units.powered.get(symbol) or _find_unit(symbol, lex)
    if base is None or "/" in base.pint:
        return None  # "m/s2" is metres per second squared, not (m/s)²: a symbol of its own
    written = match.group("power")
    power = int(written.lstrip("^*").translate(_POWER_DIGITS))
    marked = written[0] in "^*¹²³⁴⁻"
    expected = power < 0 or (base.metric == "length" and power in (2, 3)) or (denominator and power == 2)
    if not (marked or expected):
        return None
    metric = _POWERED_METRIC.get((base.metric, power), "")
    unit = UnitSurface(match.group(0).strip(), f"{base.pint} ** {power}", f"{base.canonical} ** {power}", metric, True)
    return unit, match.end()


# The marks of a time of day (ante and post meridiem), which are also the symbols of the
# picometre and the attometre.
_CLOCK_MARKERS = frozenset({"am", "pm"})
# A figure that reads as an hour of a 12-hour clock, with or without its minutes.
_CLOCK_FIGURE = re.compile(r"(?:0?[1-9]|1[0-2])(?:[.:][0-5]\d)?")


def _clock_time(text: str, cand: _Candidate, unit: str) -> bool:
    """Whether a figure and "am"/"pm" are a time of day ("5 pm", "10.30 am"), not a length."""
    return (
        unit.strip(" \u00a0\u202f-") in _CLOCK_MARKERS
        and _CLOCK_FIGURE.fullmatch(text[cand.start : cand.end]) is not None
    )


def _denominator(text: str, pos: int, lex: Lexicon) -> tuple[UnitSurface | None, int] | None:
    """The unit after "/" or "per" at ``pos`` ("/kWh", " per hour", "/s2"), and where it ends."""
    p = patterns_of(lex)
    per = p.per.match(text, pos)
    if per is None:
        return None
    denominator = _match_longest([p.unit_cs, p.unit_ci], text, per.end())
    powered = _powered_unit(text, per.end(), lex, denominator=True)
    if powered is not None and (denominator is None or powered[1] > denominator.end()):
        return powered  # "km/s2"
    if denominator and denominator.start() == per.end() and not p.per_not_before.match(text, denominator.end()):
        return _find_unit(denominator.group(0), lex), denominator.end()
    return None


def _product(first: UnitSurface, second: UnitSurface) -> UnitSurface:
    """Two denominators as one, in brackets: what a figure is divided by ("m^2 per year")."""
    return UnitSurface(
        f"{first.surface} {second.surface}",
        f"({first.pint} * {second.pint})",
        f"({first.canonical} * {second.canonical})",
        "",
        True,
    )


def _spelled_unit(text: str, pos: int, lex: Lexicon) -> tuple[UnitSurface, int] | None:
    """A unit name with any prefix spelled out ("picometre", "Pikometer", "kibibytes") right at
    ``pos``, and where it ends."""
    match = patterns_of(lex).unit_spelled.match(text, pos)
    if match is None:
        return None
    prefix = lex.units.spelled_prefixes.get(match.group("prefix").lower())
    base = lex.units.prefixable.get(match.group("name").lower())
    if prefix is None or base is None:
        return None
    unit = UnitSurface(match.group(0).strip(" \u00a0\u202f\n-"), prefix + base.pint, base.canonical, base.metric, False)
    return unit, match.end()


# What a frequency counts: occurrences, pint's "count".
_OCCURRENCES = "count"


def _times_per(text: str, pos: int, lex: Lexicon) -> tuple[UnitSurface, int] | None:
    """ "times" before a denominator of time ("four times per week", "trois fois par an"): a
    count of occurrences, whose rate the denominator then makes. Alone, "four times" is a
    multiplier, not read here."""
    word = patterns_of(lex).frequency.match(text, pos)
    if word is None:
        return None
    denominator = _denominator(text, word.end(), lex)
    if denominator is None or denominator[0] is None or denominator[0].metric != "duration":
        return None
    return UnitSurface(word.group(0).strip(), _OCCURRENCES, _OCCURRENCES, "frequency", False), word.end()


def _noun_follows(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a word other than a function word follows ``pos`` ("20 schools", not "20 in")."""
    word = _WORD_AFTER.match(text, pos)
    return word is not None and word.group(1).lower() not in lex.function_words.stop


def _opens_next_figure(text: str, currency: re.Match[str], lex: Lexicon) -> bool:
    """Whether a currency after a figure opens the next one instead: a prefix symbol before a
    figure ("$ 20.00 $ 37.30"), unless that figure has its own after it ("10 $ 30 $", "10 $ 30
    cents"); a code glued to the next figure ("3 USD50 cards")."""
    end = currency.end()
    if _SYMBOL_THEN_FIGURE.match(text, end) is None:
        return False
    symbol = currency.group(0).strip()
    if text[end : end + 1].isdigit() and symbol[-1:].isalpha() and symbol.isupper():
        return True
    if symbol not in lex.currencies.prefix_symbols:
        return False
    figure = _FIGURE_AHEAD.match(text, end)
    own = figure is not None and _currency_after(text, lex, figure.end())
    return not own


# The figure right after a symbol, to see whether a currency follows it too.
_FIGURE_AHEAD = re.compile(r"[ \u00a0]?\d[\d.,]*")


def _ends_with_scale_word(text: str, cand: _Candidate, lex: Lexicon) -> bool:
    """Whether a figure in words ends with its scale word ("hundreds of millions", "cinq millions")."""
    words = re.findall(r"[^\W\d_]+", text[cand.start : cand.end]) if cand.words else []
    return bool(words) and words[-1].lower() in lex.numbers.scales


# The word after a figure, with the space before it.
_WORD_AHEAD = re.compile(r"[ \u00a0\u202f]+([^\W\d_]+)")


def _unit_after_adjective(text: str, pos: int, lex: Lexicon) -> re.Match[str] | None:
    """A unit written as a word after an adjective that stands between it and its figure
    ("dix prochaines années", "10 additional days"), not a symbol ("4 new m")."""
    adjective = _WORD_AHEAD.match(text, pos)
    if adjective is None or adjective.group(1).lower() not in lex.grammar.figure_adjectives:
        return None
    unit = patterns_of(lex).unit_ci.match(text, adjective.end())
    return unit if unit is not None and len(unit.group(0).strip()) >= 3 else None


def _glued_word(text: str, cand: _Candidate, reading: _Reading) -> bool:
    """True when letters stick to the figure and are not a unit, scale or currency ("5G")."""
    if cand.words or reading.end > cand.end:
        return False
    if cand.end >= len(text):
        return False
    after = text[cand.end : cand.end + 2]
    return after[0].isalpha() or (after[0] in "-‐" and after[1:].isalpha())
