"""Units through pint: the application registry, conversions, and a mention's unit strings."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from claimdiff.extract import Mention
from claimdiff.lexicon import data_text
from claimdiff.lexicon.common import load_currency_codes

if TYPE_CHECKING:
    import pint

# Errors pint raises for units it cannot parse or convert (its classes derive from these).
UNIT_ERRORS = (ValueError, KeyError, ZeroDivisionError, AttributeError, TypeError)


@cache
def registry() -> pint.UnitRegistry:
    """pint's default registry, plus ``data/common/units.txt`` and one unit per listed currency.

    pint recommends one application registry per process: quantities of two registries do
    not mix. pint is imported here, on first use: most runs convert no unit and start faster.
    """
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(data_text("common/units.txt").splitlines())
    for code in load_currency_codes().codes:
        ureg.define(f"{code} = [currency_{code}]")
    return ureg


def convert(value: float, written: str, canonical: str) -> float:
    if written == canonical:
        return value
    ureg = registry()
    return float(ureg.Quantity(value, written).to(canonical).magnitude)


def unit_strings(
    mention: Mention, money_code: str | None, base: str, substance_units: tuple[str, ...] = ()
) -> tuple[str, str]:
    """(written pint unit, canonical pint unit) of a mention.

    A figure of a substance ("21.3 gCO2eq/kWh") keeps plain pint units, the substance being
    a field of its own, and is reported in the first conventional unit of ``substance_units``
    its dimension fits ("gram / kilowatt_hour" rather than pint's base "gram / watt_hour").
    """
    if mention.kind == "money":
        written, canonical = money_code or "", base
    elif mention.kind == "quantity" and mention.unit is not None:
        written, canonical = mention.unit.pint, mention.unit.canonical
    elif mention.kind == "quantity":
        return "dimensionless", "dimensionless"
    elif mention.kind == "percent":
        return "percent", "percent"
    elif mention.kind == "count":
        return "count", "count"
    elif mention.kind == "date":
        return "year", "year"
    else:
        return "dimensionless", "dimensionless"
    if mention.per is not None:
        written = f"{written} / {mention.per.pint}"
        canonical = f"{canonical} / {mention.per.canonical}"
    if mention.substance:
        canonical = display_unit(written, substance_units) or canonical
    return written, canonical


def display_unit(written: str, conventional: tuple[str, ...]) -> str | None:
    """The first of ``conventional`` that ``written`` converts to, if any.

    >>> display_unit("kilogram / megawatt_hour", ("gram / kilowatt_hour", "tonne"))
    'gram / kilowatt_hour'
    >>> display_unit("megatonne", ("gram / kilowatt_hour", "tonne"))
    'tonne'
    """
    ureg = registry()
    dimensionality = ureg.parse_units(written).dimensionality
    return next((unit for unit in conventional if ureg.parse_units(unit).dimensionality == dimensionality), None)
