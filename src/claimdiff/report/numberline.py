"""The number line of a card: each claim's value and interval on one shared axis.

Positions are percentages of the track's width, so the page's SVG follows the card's width
on any screen without script, while its text keeps the stylesheet's size (a viewBox would
scale the labels down with the drawing). Axes have round ticks: years on a date axis (2017
and 2018 are two ticks), powers of ten on a log axis, 1-2-2.5-5 steps on a linear one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from claimdiff.dates import decimal_year
from claimdiff.model import Claim
from claimdiff.values import bare_value, format_number

PAD = 0.08  # share of the span left empty at each end, so that dots are not cut in half
MAX_TICKS = 5
LOG_RATIO = 100  # beyond this ratio of largest to smallest value, the axis is logarithmic
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
YEAR_STEPS = (1 / 12, 3 / 12, 6 / 12, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)


@dataclass(frozen=True)
class Row:
    """One claim on the line: where its dot and bar stand, in percent of the track."""

    claim: Claim
    x1: float
    x2: float
    cx: float
    open_low: bool
    open_high: bool


@dataclass(frozen=True)
class Tick:
    """One tick of the axis; ``anchor`` keeps the labels at the ends inside the track."""

    x: float
    label: str
    anchor: str  # SVG text-anchor: start, middle or end
    minor: bool  # hidden on narrow screens, where labels would touch


@dataclass(frozen=True)
class NumberLine:
    rows: list[Row]
    ticks: list[Tick]
    log: bool


@dataclass(frozen=True)
class Scale:
    """Maps a value to percent of the track, linearly or on a log scale."""

    low: float  # the track's left edge, in scale units (log10 of the value on a log scale)
    high: float
    log: bool

    def x(self, value: float) -> float:
        v = math.log10(value) if self.log else value
        return round((v - self.low) / (self.high - self.low) * 100, 2)

    def contains(self, value: float) -> bool:
        v = math.log10(value) if self.log else value
        return self.low - 1e-9 <= v <= self.high + 1e-9


def number_line(claims: list[Claim]) -> NumberLine | None:
    """The line of these claims (rounded as stated), or None when none of them is a number or
    they are in several units (a start date against figures that run from before it)."""
    drawn = [c for c in claims if c.kind != "description"]
    if len({c.unit for c in drawn}) > 1:
        return None
    points = [v for c in drawn for v in (c.low, c.high, c.value) if v is not None and math.isfinite(v)]
    if not points:
        return None
    scale = _scale(min(points), max(points))
    rows = [_row(c, scale) for c in drawn]
    return NumberLine(rows, _ticks(drawn[0], scale), scale.log)


def _scale(low: float, high: float) -> Scale:
    log = low > 0 and high / low > LOG_RATIO
    if log:
        low, high = math.log10(low), math.log10(high)
    if high == low:  # one value: centre it
        half = abs(low) * 0.1 or 1.0
        low, high = low - half, high + half
    pad = (high - low) * PAD
    return Scale(low - pad, high + pad, log)


def _row(claim: Claim, scale: Scale) -> Row:
    def at(value: float | None, edge: float) -> float:
        return edge if value is None or not math.isfinite(value) else scale.x(value)

    return Row(
        claim=claim,
        x1=at(claim.low, 0.0),
        x2=at(claim.high, 100.0),
        cx=at(claim.value, 50.0),
        open_low=claim.low is None,
        open_high=claim.high is None,
    )


def _ticks(sample: Claim, scale: Scale) -> list[Tick]:
    if sample.kind == "date":
        values, labels = _year_ticks(scale)
    else:
        values = _log_ticks(scale) if scale.log else _linear_ticks(scale.low, scale.high)
        labels = [_tick_label(sample, v) for v in values]
    ticks = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = scale.x(value)
        anchor = "start" if x < 12 else "end" if x > 88 else "middle"
        ticks.append(Tick(x, label, anchor, minor=len(values) > 3 and index % 2 == 1))
    return ticks


def _tick_label(sample: Claim, value: float) -> str:
    """A tick's label: the claim's way of writing a value, without a count's noun (too long)."""
    if sample.kind == "count":
        return format_number(value)
    return bare_value(sample, value)


def nice_step(span: float, count: int = 5) -> float:
    """A round step that cuts ``span`` into about ``count`` parts.

    >>> nice_step(4.6), nice_step(130), nice_step(0.07)
    (1.0, 50.0, 0.02)
    """
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return next((s * power for s in NICE_STEPS if s * power >= raw), 10 * power)


def _linear_ticks(low: float, high: float) -> list[float]:
    if not math.isfinite(high - low):
        return []
    step = nice_step(high - low)
    while True:
        first = math.ceil(low / step - 1e-9)
        ticks = [float(f"{k * step:.12g}") for k in range(first, math.floor(high / step + 1e-9) + 1)]
        if len(ticks) <= MAX_TICKS:
            return ticks
        step = nice_step(high - low, len(ticks) // 2)


def _log_ticks(scale: Scale) -> list[float]:
    """Powers of ten in range, with 2x and 5x between them when the range holds few."""
    decades = range(math.ceil(scale.low - 1e-9), math.floor(scale.high + 1e-9) + 1)
    for factors in ((1.0,), (1.0, 2.0, 5.0), (1.0, 2.0, 3.0, 5.0)):
        ticks = sorted(
            f * 10.0**d
            for d in range(decades.start - 1, decades.stop + 1)
            for f in factors
            if scale.contains(f * 10.0**d)
        )
        if len(ticks) >= 2:
            return ticks[:: max(1, math.ceil(len(ticks) / MAX_TICKS))]
    return []


def _year_ticks(scale: Scale) -> tuple[list[float], list[str]]:
    """Ticks on the first day of years (or of months, on a short span), labelled as such.

    A date claim's value is its decimal year (2017.0 is 1 January 2017), so "2017" against
    "2018" gets the ticks 2017, 2018 and 2019 around two bars a year long each.
    """
    span = scale.high - scale.low
    # Months only on spans under two years: "2017" against "2018" reads in years.
    steps = [s for s in YEAR_STEPS if s >= 1 or span < 2]
    step = next((s for s in steps if span / s <= MAX_TICKS), None)
    if step is None:  # not a span of years a person means: no ticks rather than thousands
        return [], []
    months = round(step * 12)
    first = math.ceil(scale.low * 12 / months - 1e-9) * months  # in months since year 0
    values, labels = [], []
    for index in range(first, math.floor(scale.high * 12) + 1, months):
        year, month = divmod(index, 12)
        values.append(decimal_year(date(year, month + 1, 1)) if 1 <= year <= 9999 else index / 12)
        labels.append(str(year) if step >= 1 else f"{year}-{month + 1:02d}")
    return values, labels
