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


def unit_strings(mention: Mention, money_code: str | None, base: str) -> tuple[str, str]:
    """(written pint unit, canonical pint unit) of a mention."""
    if mention.kind == "money":
        written, canonical = money_code or "", base
    elif mention.kind == "quantity" and mention.unit is not None:
        written, canonical = mention.unit.pint, mention.unit.canonical
        if mention.substance:
            written = with_substance(written, mention.substance)
            canonical = with_substance(canonical, mention.substance)
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
    return written, canonical


def with_substance(unit: str, suffix: str) -> str:
    # "gram" + "_CO2eq"; pint's metric prefixes stay on the front ("kilogram_CO2eq").
    return unit + suffix
