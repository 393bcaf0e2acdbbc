"""Human-readable values: how explanations, reports and annotations write a claim's figure.

A figure is written with the significant digits its source states: "$116 bn" converted at
the ECB rate is "€107 bn", not "€107.4114 bn" (the claim's ``value`` keeps every digit).
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from babel.numbers import get_currency_symbol

from claimdiff.lexicon.common import output_language
from claimdiff.model import Claim
from claimdiff.normalize import registry

QUALIFIER_WORDS = {
    "exact": "",
    "approx": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
}
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def format_number(value: float) -> str:
    """A figure with thousands separators and no needless decimals.

    >>> format_number(1234567.0), format_number(1.5), format_number(0.000105), format_number(1234.5678)
    ('1,234,567', '1.5', '0.000105', '1,234.568')
    """
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) < 1e-3:
        return f"{value:.3g}"
    rounded = float(f"{value:.7g}")
    return f"{rounded:,.6f}".rstrip("0").rstrip(".")


def format_money(value: float, code: str) -> str:
    """``€105 bn``, ``€400 m``, ``$1,200``.

    >>> format_money(105e9, "EUR"), format_money(4e8, "EUR"), format_money(1200, "USD")
    ('€105 bn', '€400 m', '$1,200')
    """
    symbol = _symbol(code)
    for factor, word in SCALES:
        if abs(value) >= factor:
            return f"{symbol}{format_number(round(value / factor, 4))} {word}"
    return f"{symbol}{format_number(round(value, 4))}"


@lru_cache(maxsize=64)
def _symbol(code: str) -> str:
    return get_currency_symbol(code, locale=output_language())


@lru_cache(maxsize=4096)
def format_quantity(value: float, unit: str) -> str:
    """A quantity in the most readable prefix of its unit: ``1 GW``, ``21.3 g / kWh``."""
    ureg = registry()
    try:
        quantity = ureg.Quantity(value, unit).to_compact()
        magnitude = float(f"{quantity.magnitude:.6g}")
        return f"{format_number(magnitude)} {quantity.units:~P}".strip()
    except Exception:  # pint cannot compact every compound unit; fall back to the canonical one
        return f"{format_number(value)} {unit}"


def bare_value(claim: Claim, value: float) -> str:
    if claim.kind == "money":
        code, _, per = claim.unit.partition(" / ")
        text = format_money(value, code)
        return f"{text}/{per}" if per else text
    if claim.kind == "percent":
        return f"{format_number(round(value, 4))}%"
    if claim.kind == "count":
        return f"{format_number(value)} {claim.noun}".strip()
    if claim.kind == "rank":
        return _ordinal(int(value))
    if claim.kind == "date":
        return claim.period or format_number(value)
    if claim.unit in ("dimensionless", ""):
        return f"×{format_number(value)}" if "multiplier" in claim.flags else format_number(value)
    if claim.substance:
        # Already in its conventional unit ("g/kWh"), which compacting would undo ("mg/Wh");
        # the substance a mass is of stands after it: "21.3 g/kWh CO2eq".
        return f"{format_number(value)} {registry().Unit(claim.unit):~P} {claim.substance}"
    return format_quantity(value, claim.unit)


def describe_value(claim: Claim) -> str:
    """The normalized value with its qualifier: ``more than €109 bn``, ``18–150+ ha``."""
    if claim.kind == "description":
        return f"“{claim.text}”"
    if claim.kind == "date":
        return bare_value(claim, claim.value)
    claim = as_stated(claim)
    if claim.qualifier == "range" and claim.low is not None:
        high = bare_value(claim, claim.high) if claim.high is not None else bare_value(claim, claim.value) + "+"
        return f"{bare_value(claim, claim.low)} to {high}"
    return QUALIFIER_WORDS.get(claim.qualifier, "") + bare_value(claim, claim.value)


def relative_gap(base: Claim, other: Claim) -> str:
    """`` (+3.8%)``: how far ``other`` stands from ``base``; empty for dates and ranks."""
    if base.kind in ("date", "rank", "description") or not base.value:
        if base.kind == "date":
            years = other.value - base.value
            count = round(abs(years))
            unit = "year" if count == 1 else "years"
            return f" ({count} {unit} {'later' if years > 0 else 'earlier'})" if count else ""
        return ""
    change = (other.value - base.value) / abs(base.value) * 100
    return f" ({change:+.1f}%)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_original(claim: Claim) -> str:
    """The figure as written, before conversion: ``$1 bn``, ``125.9 PFLOP/s``."""
    value, unit = claim.original.get("value"), str(claim.original.get("unit", ""))
    if not isinstance(value, (int, float)):
        return str(value)
    if claim.kind == "money":
        code, _, per = unit.partition(" / ")
        text = format_money(float(value), code)
        return f"{text}/{per}" if per else text
    if claim.kind in ("count", "rank") or unit in ("count", "dimensionless", "percent"):
        return bare_value(claim, float(value))
    return f"{format_number(float(value))} {unit}"


MAX_DIGITS = 7


def stated_digits(claim: Claim) -> int | None:
    """How many significant digits the source states: value against its precision (half a unit
    of the last digit written). None for claims without a stated precision.

    >>> c = Claim("c", "s", 1, 1, "$116 bn", "", "money", 107.4114e9, None, None, "EUR", {}, "exact", "")
    >>> stated_digits(replace(c, precision=0.4628e9)), stated_digits(replace(c, value=1.5e9, precision=0.05e9))
    (3, 2)
    """
    if claim.precision <= 0 or not claim.value or not math.isfinite(claim.value):
        return None
    ratio = abs(claim.value) / (2 * claim.precision)
    return max(1, min(MAX_DIGITS, math.floor(math.log10(ratio) + 1e-9) + 1)) if ratio >= 1 else 1


def as_stated(claim: Claim) -> Claim:
    """The claim with value and bounds rounded to the digits its source states.

    >>> c = Claim("c", "s", 1, 1, "$116 bn", "", "money", 107.4114e9, 107.4114e9, None, "EUR", {}, "exact", "")
    >>> stated = as_stated(replace(c, precision=0.4628e9))
    >>> stated.value, stated.low, stated.high
    (107000000000.0, 107000000000.0, None)

    Each bound keeps those digits at its own size: "18 to 150 ha" is not "20 to 150 ha".

    >>> ranged = replace(c, value=1.5e6, low=1.8e5, high=1.5e6, precision=5e4, qualifier="range")
    >>> as_stated(ranged).low
    180000.0
    """
    digits = stated_digits(claim)
    if digits is None or claim.kind in ("date", "rank", "description"):
        return claim

    def rounded(value: float | None) -> float | None:
        if value is None or not math.isfinite(value) or not value:
            return value
        step = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
        return float(f"{round(value / step) * step:.12g}")

    return replace(claim, value=rounded(claim.value) or claim.value, low=rounded(claim.low), high=rounded(claim.high))
