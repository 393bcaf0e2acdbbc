"""Stage 2, extract: find the claims each sentence makes and the pieces they are written with.

A :class:`Mention` records where a claim stands in its sentence and how it is written (figure,
scale word, currency, unit, qualifier, counted noun); :mod:`claimdiff.normalize` turns it into
values. Every pattern here is built from the data tables and scans in linear time: figures are
found first, then short anchored matches are tried at their edges.

:func:`extract_mentions` below reads as the stage, top to bottom; the modules beside this one hold
its parts (the map in :mod:`claimdiff` says which).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from claimdiff.dates import TimeExpr, clock_and_day_spans, find_times
from claimdiff.extract.figures import (
    _DIGIT_FRACTION,
    _article_candidates,
    _Candidate,
    _digit_candidates,
    _digit_fraction_candidates,
    _glued_currency_candidates,
    _overlaps,
    _qualified_glued_candidates,
    _scientific_candidates,
    _word_candidates,
)
from claimdiff.extract.kinds import (
    _context_currency,
    _coordinated_partner,
    _counted_noun,
    _inherit,
    _is_year,
    _kind_of_mention,
    _qualify,
    _range_partner,
    _uncertainty_partner,
    counts_a_noun,
)
from claimdiff.extract.mention import KINDS, WRITTEN_IN_WORDS, Mention
from claimdiff.extract.patterns import _Patterns, patterns_of
from claimdiff.extract.ranks_and_dates import (
    EVENT_REACH_AFTER,
    EVENT_REACH_BEFORE,
    _date_mentions,
    _ordinal_mentions,
    edition_after,
)
from claimdiff.extract.suffixes import _glued_word, _noun_follows, _read_suffixes, _Reading
from claimdiff.lexicon import Lexicon, UnitSurface, alternation
from claimdiff.model import EARLIER_VALUE
from claimdiff.numbers import Figure

__all__ = [
    "EVENT_REACH_AFTER",
    "EVENT_REACH_BEFORE",
    "KINDS",
    "WRITTEN_IN_WORDS",
    "Mention",
    "edition_after",
    "extract_mentions",
    "sentence_times",
]


# Web addresses hold digits and "%20" escapes that are no claims.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


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
    times = sentence_times(sentence, lexicon) if times is None else times
    if not times and not _may_hold_figure(sentence, lex):
        return []  # most sentences of prose: no reader below would find anything
    time_spans = [(t.start, t.end) for t in times] + clock_and_day_spans(sentence, lex)
    phones = [(m.start(), m.end()) for m in p.phone.finditer(sentence) if _is_phone(m.group(0))]
    phones += [(m.start(), m.end()) for m in _URL.finditer(sentence)]
    ordinals = _ordinal_mentions(sentence, lex, p, time_spans)
    ordinal_spans = [(m.start, m.end) for m in ordinals]
    candidates = _digit_candidates(sentence, lex, phones) + _word_candidates(sentence, lex)
    candidates += _glued_currency_candidates(sentence, lex, p.currency_glued, phones)
    candidates += _qualified_glued_candidates(sentence, lex, p.qualifier_glued)
    fractions = _digit_fraction_candidates(sentence) + _scientific_candidates(sentence)
    fraction_spans = [(f.start, f.end) for f in fractions]
    candidates = [c for c in candidates if not _overlaps(c.start, c.end, fraction_spans)] + fractions
    spans = [(c.start, c.end) for c in candidates]
    candidates += [
        c for c in _article_candidates(sentence, lex.numbers, p.article_figure) if not _overlaps(c.start, c.end, spans)
    ]
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
    carried: dict[int, _Reading] = {}  # the unit a bare later figure of a change takes
    for index, cand in enumerate(candidates):
        if index in consumed or _is_list_marker(sentence, cand):
            continue
        mention = _read_mention(sentence, lex, p, cand, candidates, index, consumed, carried)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(_date_mentions(sentence, lex, p, times, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return _mark_earlier_values(sentence, lex, _drop_overlaps(mentions))


_AMOUNTS = ("money", "count", "quantity", "percent")


def _mark_earlier_values(sentence: str, lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """Flag a figure introduced by a baseline word after a figure of its kind as the earlier
    value it is compared with ("312 morts, contre 187 morts annoncés mardi", "3,100 jobs,
    compared with 2,800 jobs"): it is of another time than its sentence."""
    baseline = lex.compiled(
        "figure baselines",
        lambda lx: re.compile(rf"(?:^|\W)(?:{alternation(lx.time.baselines) or '(?!)'})[ \u00a0]*$", re.I),
    )
    last_end: dict[str, int] = {}  # where the last figure of each kind ends
    for mention in mentions:
        before = last_end.get(mention.kind)
        if before is not None and before <= mention.start and EARLIER_VALUE not in mention.flags:
            if mention.kind in _AMOUNTS and baseline.search(sentence, max(before, mention.start - 40), mention.start):
                mention.flags.append(EARLIER_VALUE)
        last_end[mention.kind] = max(mention.end, last_end.get(mention.kind, 0))
    return mentions


# Any digit: what figures, ranks in digits and glued currencies all start with.
_A_DIGIT = re.compile(r"\d")


def _may_hold_figure(sentence: str, lex: Lexicon) -> bool:
    """Whether a sentence holds what some reader of :func:`extract_mentions` starts from: a
    digit, a fraction in digits or signs ("½"), a number word or an ordinal word (searched in
    its lower case), an article before a currency or unit name ("a penny"). A sentence without
    any, and without a time expression, has no claim.
    A new reader must be added here (``tests/test_extract_speed.py`` compares with and without)."""
    if _A_DIGIT.search(sentence) or _DIGIT_FRACTION.search(sentence):
        return True
    folded = sentence.lower()
    if lex.numbers.number_roots.found_in(folded) or lex.numbers.ordinal_words.found_in(folded):
        return True
    return patterns_of(lex).article_figure.search(sentence) is not None  # "a penny"


def sentence_times(sentence: str, lexicon: Lexicon, published: date | None = None) -> list[TimeExpr]:
    """The time expressions of a sentence, without the bare four-digit figures that count a
    noun ("3400 pieux sont prévus" names no year); days and months written without a
    year take it from the ``published`` day."""
    return [
        t
        for t in find_times(sentence, lexicon, published)
        if not (re.fullmatch(r"\d{4}", sentence[t.start : t.end]) and counts_a_noun(sentence, lexicon, t.start, t.end))
    ]


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in mentions:
        if out and mention.start < out[-1].end:
            if mention.end - mention.start > out[-1].end - out[-1].start:
                out[-1] = mention
            continue
        out.append(mention)
    return out


def _shared_word_scale(text: str, cand: _Candidate, nxt: _Candidate, lex: Lexicon) -> float:
    """The scale a first figure in words takes from the second of its range: the scale word
    the second ends with, when the first has none and is smaller ("trois et cinq milliards");
    else 1."""
    if not (cand.words and nxt.words) or _word_scale(text, cand, lex):
        return 1.0
    scale = _word_scale(text, nxt, lex)
    return scale if scale and float(cand.figure.value) < scale else 1.0


def _word_scale(text: str, cand: _Candidate, lex: Lexicon) -> float:
    """The scale word a figure in words ends with ("cinq milliards": 1e9), else 0."""
    last = text[cand.start : cand.end].split()[-1:]
    return float(lex.numbers.scales.get(last[0].lower(), 0)) if last else 0.0


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
    carried: dict[int, _Reading] | None = None,
) -> Mention | None:
    reading = _read_suffixes(text, cand, lex)
    if carried and index in carried and reading.bare:
        _inherit(reading, carried[index], takes_scale=False)  # "from 208 pounds to 193": 193 pounds
    glued = _glued_word(text, cand, reading) and not p.magnitude_after.match(text, reading.end)  # "6.2-magnitude"
    if glued or _ordinal_after_article(text, lex, cand, reading):
        return None
    if cand.article and not _article_claim(text, lex, p, cand, reading):
        return None
    if cand.fraction is not None and (reading.unit is not None or reading.currency is not None):
        # "one-half miles" is half a mile, not a share of 50%.
        cand = replace(cand, figure=Figure(cand.figure.value / 100, cand.figure.decimals + 2), fraction=None)
    qualifier, flags = "exact", []
    low_figure, low_scale = None, None
    nxt = candidates[index + 1] if index + 1 < len(candidates) else None
    addends: list[tuple[Figure, UnitSurface]] = []
    smaller = _smaller_unit_part(text, lex, cand, reading, nxt)
    if smaller is not None and nxt is not None:
        # "5 feet 2 inches", "2 hours 30 minutes": one quantity written in two units.
        consumed.add(index + 1)
        addends.append(smaller[:2])
        reading.end = smaller[2]
        nxt = candidates[index + 2] if index + 2 < len(candidates) else None
    minor = _minor_amount(text, lex, cand, reading, nxt)
    if minor is not None and nxt is not None:
        # "3 dollars 50 cents", "15 dollars and 50.": one amount written in two units.
        consumed.add(index + 1)
        cand = _Candidate(cand.start, nxt.end, minor, words=cand.words and nxt.words)
        reading.end = max(reading.end, _read_suffixes(text, nxt, lex).end)
        nxt = candidates[index + 2] if index + 2 < len(candidates) else None
    signed_range = False
    spread = _uncertainty_partner(text, lex, reading, nxt)
    if spread is not None and nxt is not None:
        consumed.add(index + 1)
        cand, low_figure = _around(text, p, cand, reading, spread, nxt)
        qualifier, signed_range = "range", True
        flags.append("figure ± uncertainty")
        nxt = candidates[index + 2] if index + 2 < len(candidates) else None
    second = None if signed_range else _range_partner(text, lex, reading, nxt)
    if second is not None and nxt is not None:
        # "40 to 60 billion" shares the scale; "500,000 to 1.2 million" does not.
        _inherit(reading, second, takes_scale=cand.figure.value <= nxt.figure.value)
        # "entre trois et cinq milliards": the scale word written once ends the second figure.
        first_scale = _shared_word_scale(text, cand, nxt, lex) if reading.scale == 1.0 else reading.scale
        before = text[max(0, reading.start - 30) : reading.start]
        ranged = p.range_word.search(before.rstrip("-−")) is not None  # "ranged from -18 °C"
        is_change = p.change.search(before) and not ranged
        first = (_signed(text, p, reading, cand), first_scale)
        last = (_signed_second(text, p, reading, nxt), second.scale if second.scale != 1.0 else reading.scale)
        # "ranged from -18 °C to -34 °C" runs downwards; a range word says it is one all the same.
        if (_scaled(last) >= _scaled(first) or ranged) and not is_change:
            consumed.add(index + 1)
            (low, low_end_scale), (top, reading.scale) = sorted((first, last), key=_scaled)
            low_figure, qualifier, signed_range = low, "range", True
            low_scale = low_end_scale if low_end_scale != reading.scale else None
            reading.end, reading.plus = second.end, second.plus
            cand = _Candidate(cand.start, nxt.end, top, words=nxt.words)
        else:
            flags.append(EARLIER_VALUE)
            if carried is not None and second.bare and not reading.bare:
                carried[next(i for i, c in enumerate(candidates) if c is nxt)] = reading
    elif not signed_range and (shared := _coordinated_partner(text, lex, reading, nxt)) is not None:
        end = reading.end
        _inherit(reading, shared)
        reading.end = end  # the claim is the first figure; its unit is written after the second
        flags.append("unit shared with the next figure")
    if cand.low is not None and low_figure is None:
        low_figure, qualifier = cand.low, "range"
    if cand.figure.value > 0 and _is_year(text, lex, cand, reading):
        return None
    if (context := _context_currency(text, lex, reading)) is not None:
        reading.currency = context
        flags.append("currency from context")
    kind, noun, noun_end = _kind_of_mention(text, lex, p, cand, reading, flags)
    if kind is None and second is not None and EARLIER_VALUE in flags:
        noun, _ = _counted_noun(text, lex, second.end, singular=False)
        kind, noun_end = ("count" if noun else None), reading.end
    if kind is None or (cand.weak and kind == "count"):
        return None
    start, end = reading.start, max(reading.end, noun_end)
    start, sign = _sign(text, p, start, cand)
    if not sign and low_figure is None and _bracketed_negative(text, p, start, end):
        start, end, sign = start - 1, end + 1, "-"
    figure = cand.figure
    if sign:
        flags.append("signed")
    if sign == "-" and not signed_range:
        # The sign belongs to the first figure written: the low end of a range ("-5 to 10 °C").
        if low_figure is not None:
            low_figure = _negated(low_figure)
        else:
            figure = _negated(figure)
    if cand.figure.ambiguous:
        flags.append(cand.figure.ambiguous)
    if cand.words and not cand.weak and cand.fraction is None:
        flags.append(WRITTEN_IN_WORDS)
    if qualifier == "exact":
        qualifier, start, end = _qualify(text, lex, p, start, end, reading, cand)
    elif reading.plus:
        flags.append("range open above")
    return Mention(
        start=start,
        end=end,
        kind="percent" if cand.fraction is not None else kind,
        figure=figure,
        low_figure=low_figure,
        low_scale=low_scale,
        qualifier=qualifier,
        scale=reading.scale,
        currency=reading.currency,
        unit=reading.unit,
        per=reading.per,
        substance=reading.substance,
        noun=noun,
        flags=flags,
        addends=addends,
    )


def _smaller_unit_part(
    text: str, lex: Lexicon, cand: _Candidate, reading: _Reading, nxt: _Candidate | None
) -> tuple[Figure, UnitSurface, int] | None:
    """The second part of "5 feet 2 inches" or "2 hours and 30 minutes": a figure right after
    a quantity (an optional connector between), in another unit of the same measure that the
    language lists as its smaller part ("in" reads as inches only there)."""
    unit = reading.unit
    if unit is None or nxt is None or reading.per is not None or cand.figure.value != int(cand.figure.value):
        return None
    gap = text[reading.end : nxt.start].strip(" \u00a0").lower()
    if gap and gap not in lex.numbers.connectors:
        return None
    second = _read_suffixes(text, nxt, lex)
    part = second.unit
    if part is None or second.per is not None:
        word = _smaller_part_word(text, lex, unit, second.end)
        return None if word is None else (nxt.figure, *word)
    if part.metric != unit.metric or part.pint == unit.pint or (unit.pint, part.pint) not in lex.units.smaller_parts:
        return None
    return nxt.figure, part, second.end


def _smaller_part_word(text: str, lex: Lexicon, unit: UnitSurface, pos: int) -> tuple[UnitSurface, int] | None:
    """A word that names a smaller part only after a bigger unit ("5 ft 2 in"), and its end."""
    match = re.match(r"[ \u00a0]+([^\W\d_]+)(?![^\W\d_])", text[pos:])
    part = lex.units.part_words.get((unit.pint, match.group(1))) if match else None
    return None if part is None or match is None else (part, pos + match.end())


# What may end an amount's minor part written bare: "15 dollars 50." (not "15 dollars 50 people").
_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)")


def _minor_amount(
    text: str, lex: Lexicon, cand: _Candidate, reading: _Reading, nxt: _Candidate | None
) -> Figure | None:
    """The whole amount of "3 dollars 50 cents", "thirteen dollars and forty-five cents" or
    "17 USD 25.": a whole number of a currency, then (after an optional connector) fewer than
    100 of its sub-unit, named or bare at the end of a clause. None when the figure is alone."""
    currency = reading.currency
    if currency is None or nxt is None or currency.factor != 1.0 or reading.scale != 1.0:
        return None
    if cand.figure.value != int(cand.figure.value) or not 0 < nxt.figure.value < 100:
        return None
    gap = text[reading.end : nxt.start].strip(" \u00a0").lower()
    if gap and gap not in lex.numbers.connectors:
        return None
    if nxt.figure.value != int(nxt.figure.value):
        return None
    minor = _read_suffixes(text, nxt, lex)
    named = minor.currency is not None and minor.currency.code == currency.code and minor.currency.factor < 1
    # In "17 USD 25." the code the second figure would take is the first one's.
    symbol_shared = minor.currency is not None and minor.start < reading.end
    bare = (minor.currency is None or symbol_shared) and minor.unit is None and not minor.percent
    if not (named or (bare and minor.scale == 1.0 and _CLAUSE_END.match(text, minor.end))):
        return None
    window = text[max(0, reading.start - 30) : reading.start]
    if patterns_of(lex).range_word.search(window):
        return None  # "between $5 and 20." is a range
    factor = minor.currency.factor if named and minor.currency is not None else 0.01
    value = cand.figure.value + nxt.figure.value * Decimal(str(factor))
    return Figure(value, 2)


# A figure right after a currency name: the name is part of another name ("Euro 2024").
_FIGURE_NEXT = re.compile(r"[ \u00a0]+\d")
# What an article read as one may not measure: "a year of growth", "a bit of luck".
_NOT_AFTER_ARTICLE = frozenset({"duration", "storage"})


def _article_claim(text: str, lex: Lexicon, p: _Patterns, cand: _Candidate, reading: _Reading) -> bool:
    """Whether "a"/"an" is one, as "un" and "ein" are: before a currency ("a penny", "a dollar a
    day"), or a unit then the substance it measures ("a gallon of beer"), or any unit after a
    fraction ("half a mile"); not in an idiom ("a ton of", "a penny for")."""
    own_factor = reading.currency.factor if reading.currency is not None else 1.0
    if p.article_idiom.match(text, cand.start) or reading.scale != own_factor:
        return False  # "a penny" is 0.01 GBP by its own factor; "a billion" is read elsewhere
    if reading.currency is not None:
        # The name after the article, not a symbol before it; not a name that modifies what
        # follows ("a dollar store", "a euro zone", "A Euro 2024 match").
        modifier = _noun_follows(text, reading.end, lex) or _FIGURE_NEXT.match(text, reading.end)
        return reading.start == cand.start and not modifier
    unit = reading.unit
    measured = p.count_link.match(text, reading.end) is not None and _WORD_AFTER.match(text, reading.end)
    fraction = cand.figure.value != 1
    return (
        unit is not None
        and reading.per is None
        and (measured or fraction)
        and (unit.metric not in _NOT_AFTER_ARTICLE or fraction)  # "half an hour" is one
    )


# A word right after a claim's end: "une seconde levée" goes on, "pendant une seconde." does not.
_WORD_AFTER = re.compile(r"[ \u00a0]+[^\W\d_]")


def _ordinal_after_article(text: str, lex: Lexicon, cand: _Candidate, reading: _Reading) -> bool:
    """Whether "une seconde" is "a second" (an ordinal before its noun, "une seconde levée")
    rather than one second: the unit word is also an ordinal and a word follows it."""
    if not cand.weak or reading.unit is None:
        return False
    unit_word = text[cand.end : reading.end].strip().lower()
    return unit_word in lex.numbers.ordinals and _WORD_AFTER.match(text, reading.end) is not None


def _sign(text: str, p: _Patterns, start: int, cand: _Candidate) -> tuple[int, str]:
    """Where a figure's claim starts once its sign is included, and the sign ("", "+" or "-").

    The sign is glued to the figure ("-1.3%", "+5%", "−40 °C"), follows a currency symbol
    ("$-50.8bn"), or is a word ("minus 130") that no qualifier phrase ends with ("au moins 30").
    """
    if cand.start > start and text[cand.start - 1] in "-−":
        return start, "-"
    if start > 0 and text[start - 1] in "+-−" and (start == 1 or not text[start - 2].isalnum()):
        return start - 1, "+" if text[start - 1] == "+" else "-"
    window_start = max(0, start - 20)
    word = p.negative_before.search(text, window_start, start)
    if word is not None:
        qualifier = p.qualifier_before.search(text, window_start, start)
        if qualifier is None or qualifier.end(1) != start - len(word.group(0)) + len(word.group(0).rstrip()):
            return word.start(), "-"
    return start, ""


def _bracketed_negative(text: str, p: _Patterns, start: int, end: int) -> bool:
    """Whether a claim is a negative figure as accounts write it: in brackets of its own, right
    after a verb that states it ("revenue was ($99.99)"). A bracket after anything else holds a
    conversion or a restatement ("€10m ($11m)", "the fine ($5m)")."""
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    return p.bracket_negative.search(text, max(0, start - 30), start) is not None


def _around(
    text: str, p: _Patterns, cand: _Candidate, reading: _Reading, spread: _Reading, error: _Candidate
) -> tuple[_Candidate, Figure]:
    """ "9.83e-3 +/- 1e-5 km/s2": the figure's top end as a candidate that spans both, and its
    low end; the sign is the centre's, the unit the uncertainty's when the centre has none."""
    _inherit(reading, spread)
    reading.end = spread.end
    centre = _signed(text, p, reading, cand).value
    decimals = max(cand.figure.decimals, error.figure.decimals)
    top = Figure(centre + error.figure.value, decimals)
    return _Candidate(cand.start, error.end, top), Figure(centre - error.figure.value, decimals)


def _scaled(figure_and_scale: tuple[Figure, float]) -> float:
    """A figure of a range times its own scale: how the ends of "900 million to 1.5 billion" compare."""
    figure, scale = figure_and_scale
    return float(figure.value) * scale


def _signed(text: str, p: _Patterns, reading: _Reading, cand: _Candidate) -> Figure:
    """The first figure of a pair with its sign ("-78" in "-78-0 °C")."""
    _, sign = _sign(text, p, reading.start, cand)
    return _negated(cand.figure) if sign == "-" else cand.figure


def _signed_second(text: str, p: _Patterns, reading: _Reading, nxt: _Candidate) -> Figure:
    """The second figure of a pair with its sign: a minus after the word that joins them ("to
    -34"), not the hyphen that joins them ("-78-0", "75 -300mm")."""
    connector = p.range_connector.match(text, reading.end)
    signed = connector is not None and connector.end() == nxt.start - 1 and text[nxt.start - 1] in "-−"
    return _negated(nxt.figure) if signed else nxt.figure


def _negated(figure: Figure) -> Figure:
    return replace(figure, value=-figure.value)
