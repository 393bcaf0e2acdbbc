"""Stage 3, normalize: turn mentions into claims with intervals in canonical units.

:mod:`~claimdiff.normalize.units` converts through pint, :mod:`~claimdiff.normalize.periods`
finds the period each figure is about and the day its money is converted at.

Money goes to the base currency at the ECB rate of the claim's date; quantities go through
pint to the canonical unit of their family (GW -> watt); qualifiers become intervals; each
claim gets the period it is about (its own sentence's time expression, else the source's
published date).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from claimdiff.dates import TimeExpr, decimal_year, parse_date, published_period
from claimdiff.extract import WRITTEN_IN_WORDS, Mention, extract_mentions, sentence_times
from claimdiff.fx import ecb_rate
from claimdiff.lexicon import Currencies, Knowledge, Lexicon
from claimdiff.model import Claim, with_ids
from claimdiff.normalize.periods import fx_day, periods_of, years_spoken_of
from claimdiff.normalize.units import UNIT_ERRORS, conversion_factor, parse_unit, unit_strings
from claimdiff.normalize.units import registry as registry  # values.py formats quantities with it
from claimdiff.sources import Sentence, Source

# Qualifiers of the JSON contract; "less than" is reported as up_to with a flag.
CONTRACT_QUALIFIERS = ("exact", "approx", "at_least", "more_than", "up_to", "range")


# --- units ----------------------------------------------------------------------------------


# --- intervals ------------------------------------------------------------------------------


def interval(value: float, low_value: float | None, qualifier: str, band: float) -> tuple[float | None, float | None]:
    """The interval a qualified figure allows (None is an open bound).

    >>> interval(109.0, None, "more_than", 0.1)
    (109.0, None)
    >>> interval(100.0, None, "approx", 0.5)
    (50.0, 150.0)
    >>> interval(150.0, 18.0, "range", 0.1)
    (18.0, 150.0)
    """
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("up_to", "less_than"):
        return None, value
    if qualifier == "approx":
        return value * (1 - band), value * (1 + band)
    if qualifier == "range" and low_value is not None:
        return low_value, value
    return value, value


# --- claims ---------------------------------------------------------------------------------


def claims_of(source: Source, knowledge: Knowledge) -> list[Claim]:
    """Extract and normalize every claim of a source, in reading order."""
    lexicon = knowledge.lexicon(source.language)
    knowledge.check_units(parse_unit)
    claims: list[Claim] = []
    years = years_spoken_of(source.text)
    published = published_period(source.published)
    published_day = parse_date(source.published)
    before: tuple[Sentence, TimeExpr | None] | None = None
    for sentence in source.sentences:
        times = sentence_times(sentence.text, lexicon, published_day)
        mentions = extract_mentions(sentence.text, lexicon, sentence.heading, times)
        carried = _carried_time(source.text, before, sentence)
        before = (sentence, _frame_time(times, mentions))
        if not mentions:
            continue
        _annual_amounts(mentions)
        _share_units(mentions)
        periods = periods_of(mentions, times, sentence.text, lexicon)
        if carried is not None:
            pairs = zip(mentions, periods, strict=True)
            periods = [carried if time is None and m.kind != "date" else time for m, time in pairs]
        for mention, time in zip(mentions, periods, strict=True):
            claim = _claim(
                source, lexicon, sentence.text, sentence.start, mention, time, (published, published_day), years
            )
            if claim is not None and carried is not None and time is carried:
                claim = replace(claim, flags=[*claim.flags, PERIOD_CARRIED])
            if claim is not None:
                claims.append(claim)
    return with_ids(claims)


def _frame_time(times: list[TimeExpr], mentions: list[Mention]) -> TimeExpr | None:
    """The time a sentence sets for what follows: its single period, a year, quarter or month
    ("at the end of 2022", "pour 2030"), that no event word claims. A day is an event's ("Le 3
    juin 2019, jour de la fermeture"), "since 2022 has invested", "announced in 2022" and "commencera
    l'année prochaine" date what they govern, not the next sentence."""
    if len({t.period for t in times}) != 1:
        return None
    time = times[-1]
    events = {(m.time.start, m.time.end) for m in mentions if m.kind == "date" and m.time is not None}
    if time.relation != "at" or time.precision == "day" or time.relative:
        return None
    if any((t.start, t.end) in events for t in times):
        return None
    return time


def _carried_time(text: str, before: tuple[Sentence, TimeExpr | None] | None, sentence: Sentence) -> TimeExpr | None:
    """The time a sentence inherits from the sentence before it in its paragraph, when that
    one sets a frame (:func:`_frame_time`): "Canada counted 1,450 at the close of 2021. Chile is
    tenth with 180", "Et les prévisions pour 2030 ? Orbitex prévoit entre 4 et 6 TWh"."""
    if before is None or sentence.heading:
        return None
    previous, frame = before
    if frame is None or previous.heading or "\n" in text[previous.end : sentence.start]:
        return None
    return frame


# Measures whose amount "per year" is by convention the year's amount: "45 TWh par an" is
# the energy of a year, as "7 TWh in 2024" is.
ANNUAL_METRICS = frozenset({"energy"})
PER_YEAR = "year"
ANNUAL_AMOUNT = "per year: the amount of a year"


def _annual_amounts(mentions: list[Mention]) -> None:
    """An energy per year is the year's energy (see :data:`ANNUAL_METRICS`)."""
    for mention in mentions:
        if (
            mention.unit is not None
            and mention.unit.metric in ANNUAL_METRICS
            and mention.per is not None
            and mention.per.canonical == PER_YEAR
        ):
            mention.per = None
            mention.flags.append(ANNUAL_AMOUNT)


def _share_units(mentions: list[Mention]) -> None:
    """A follow-on figure takes the fuller unit of its parallel: "21,3 g CO2-eq/kWh ... 292 g"."""
    full = [m for m in mentions if m.unit is not None and (m.per is not None or m.substance)]
    for mention in mentions:
        if mention.unit is None or mention.per is not None or mention.substance:
            continue
        for parallel in full:
            if parallel.unit is not None and parallel.unit.canonical == mention.unit.canonical:
                mention.per, mention.substance = parallel.per, parallel.substance
                mention.flags.append("unit completed from a parallel figure")
                break


# The flag of a claim whose period is its source's publication year, the text naming none.
AS_OF_PUBLICATION = "period: as of publication"
# The flag of a claim whose period the sentence before it states.
PERIOD_CARRIED = "period: from the sentence before"


def _claim(
    source: Source,
    lexicon: Lexicon,
    sentence: str,
    offset: int,
    mention: Mention,
    time: TimeExpr | None,
    when_published: tuple[TimeExpr | None, date | None],
    years: tuple[int, ...],
) -> Claim | None:
    published, published_day = when_published
    money = lexicon.currencies
    figure_value = float(mention.figure.value) * mention.scale
    if mention.unit is not None and mention.addends:
        # "5 feet 2 inches": the smaller parts in the unit the figure is written in.
        figure_value += sum(
            float(part.value) * conversion_factor(unit.pint, mention.unit.pint) for part, unit in mention.addends
        )
    low_scale = mention.low_scale if mention.low_scale is not None else mention.scale
    low_value = float(mention.low_figure.value) * low_scale if mention.low_figure else None
    time = mention.time if mention.kind == "date" else time
    period_expr = time or published
    period = period_expr.period if period_expr else ""
    flags = list(mention.flags)
    if time is None and published is not None:
        flags.append(AS_OF_PUBLICATION)
    qualifier = mention.qualifier
    if qualifier == "less_than":
        qualifier = "up_to"
        flags.append("strict upper bound (less than)")
    band = lexicon.qualifiers.approx_band
    if mention.kind == "date" and mention.time is not None:
        return _date_claim(source, sentence, offset, mention, period, flags)
    money_code = mention.currency.code if mention.currency else None
    if mention.currency is not None and mention.currency.ambiguous:
        flags.append(f"{mention.currency.surface.strip()} read as {money_code}")
    base = _money_base(money_code, money)
    if base != money.base:
        flags.append(f"not converted: no ECB rate for {money_code}")
    written, canonical = unit_strings(mention, money_code, base, lexicon.units.substance_units)
    day = fx_day(period_expr, published_day)
    try:
        conversion = _conversion(mention, money_code, written, canonical, day, base)
    except UNIT_ERRORS:
        return None
    if conversion is None:
        return None
    factor, fx = conversion
    spread = (1.0, 1.0)
    if fx is not None and day is None and years:
        # No date for the figure nor its source: the rate may be any of the years the source
        # speaks of, so the interval covers them all rather than taking today's rate.
        rates = sorted(
            (r for y in years if (r := ecb_rate(money_code or "", money.base, date(y, 7, 1)))), key=lambda r: r.rate
        )
        if rates:
            middle = rates[len(rates) // 2]
            factor *= middle.rate / fx["rate"]
            spread = (rates[0].rate / middle.rate, rates[-1].rate / middle.rate)
            fx = {**fx, "rate": round(middle.rate, 6), "date": middle.day.isoformat()}
            flags.append(f"undated: converted at the rates of {years[0]}-{years[-1]}")
    value = figure_value * factor
    if not math.isfinite(value):
        return None
    low, high = interval(value, low_value * factor if low_value is not None else None, qualifier, band)
    if mention.qualifier == "range" and "range open above" in mention.flags:
        high = None
    if fx is not None:
        uncertainty = money.fx_uncertainty
        low = low * (1 - uncertainty) * spread[0] if low is not None else None
        high = high * (1 + uncertainty) * spread[1] if high is not None else None
        if low is not None and high is not None and low > high:
            low, high = high, low  # a negative amount widens the other way
    precision = stated_precision(mention.figure.value, mention.figure.decimals) * mention.scale * factor
    if WRITTEN_IN_WORDS in flags and mention.figure.decimals == 0:
        # "deux milliards" for €2.22 bn: a figure spelled out is a round one.
        precision = max(precision, abs(value) * WORDS_RELATIVE_PRECISION)
    where = (source, sentence, offset, mention)
    original = {"value": figure_value, "unit": written}
    return _make(
        *where,
        value=value,
        low=low,
        high=high,
        unit=canonical,
        original=original,
        qualifier=qualifier,
        period=period,
        precision=precision,
        flags=flags,
        fx=fx,
    )


# A stated figure stands for its rounding interval, but never for more than this share of it:
# "€1 bn" is not read as anything from €0.5 bn to €1.5 bn.
MAX_RELATIVE_PRECISION = 0.05
# How loosely a figure written in words is read ("two billion" for 2.2 billion).
WORDS_RELATIVE_PRECISION = 0.125


def stated_precision(value: Decimal, decimals: int) -> float:
    """Half a unit of the last significant digit, capped at 5% of the value.

    >>> stated_precision(Decimal("1.5"), 1), stated_precision(Decimal("105"), 0)
    (0.05, 0.5)
    >>> stated_precision(Decimal("110"), 0), stated_precision(Decimal("1"), 0)
    (5.0, 0.05)
    """
    if decimals:
        step = 10.0**-decimals
    else:
        digits = str(int(value)) if value == int(value) else str(value)
        trailing = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = 10.0**trailing
    return min(step / 2, abs(float(value)) * MAX_RELATIVE_PRECISION) or step / 2


def _money_base(money_code: str | None, money: Currencies) -> str:
    """The currency an amount is reported in: the base currency, or the amount's own currency
    when the ECB publishes no rate for it (the Costa Rican colón, the Finnish markka)."""
    if money_code is None or ecb_rate(money_code, money.base, None) is not None:
        return money.base
    return money_code


def _conversion(
    mention: Mention, money_code: str | None, written: str, canonical: str, day: date | None, base: str
) -> tuple[float, dict[str, Any] | None] | None:
    """The factor from the unit as written to the canonical one, and the FX rate used if any."""
    if mention.kind != "money":
        return conversion_factor(written, canonical), None
    rate = ecb_rate(money_code or "", base, day)
    if rate is None:
        return None
    factor = rate.rate
    fx = None
    if money_code != base:
        fx = {"from": money_code, "rate": round(rate.rate, 6), "date": rate.day.isoformat()}
    if mention.per is not None:
        factor *= conversion_factor(f"{base} / {mention.per.pint}", canonical)
    return factor, fx


def _date_claim(source: Source, sentence: str, offset: int, mention: Mention, period: str, flags: list[str]) -> Claim:
    time = mention.time
    assert time is not None
    low = decimal_year(time.low) if time.low else None
    high = decimal_year(time.high) if time.high else None
    assert time.low is not None or time.high is not None
    # The value is where the stated date starts: "by summer 2025" -> its year, 2025.
    value = low if low is not None else float(time.high.year)  # type: ignore[union-attr]
    original = {"value": sentence[mention.start : mention.end], "unit": "date"}
    claim = _make(
        source,
        sentence,
        offset,
        mention,
        value=value,
        low=low,
        high=high,
        unit="year",
        original=original,
        qualifier=mention.qualifier,
        period=period,
        precision=0.0,
        flags=flags,
        fx=None,
    )
    claim.event = mention.event
    return claim


def _make(
    source: Source,
    sentence: str,
    offset: int,
    mention: Mention,
    *,
    value: float,
    low: float | None,
    high: float | None,
    unit: str,
    original: dict[str, Any],
    qualifier: str,
    period: str,
    precision: float,
    flags: list[str],
    fx: dict[str, Any] | None,
) -> Claim:
    start, end = offset + mention.start, offset + mention.end
    line, column = source.position(start)
    return Claim(
        id="",
        source=source.path,
        line=line,
        column=column,
        text=sentence[mention.start : mention.end],
        sentence=" ".join(sentence.split()),
        kind=mention.kind,
        value=float(f"{value:.12g}"),
        low=_round(low),
        high=_round(high),
        unit=unit,
        original={
            "value": _round(original["value"]) if isinstance(original["value"], float) else original["value"],
            "unit": original["unit"],
        },
        qualifier=qualifier if qualifier in CONTRACT_QUALIFIERS else "exact",
        period=period,
        precision=_round(precision) or 0.0,
        noun=mention.noun,
        substance=mention.substance,
        event=mention.event,
        language=source.language,
        flags=flags,
        fx=fx,
        start=start,
        end=end,
        sentence_start=offset,
    )


def _round(value: float | None) -> float | None:
    """Twelve significant digits: enough for any stated figure, stable across platforms."""
    if value is None:
        return None
    return float(f"{value:.12g}")
