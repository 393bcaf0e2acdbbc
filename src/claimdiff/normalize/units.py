"""Units through pint: the application registry, conversions, and a mention's unit strings.

Building pint's registry costs about a third of a second, so what the pipeline asks of it (the
factor between two unit strings, whether a unit name parses) is kept in a table in the user's
cache (:mod:`claimdiff.cache`), named by pint's version and claimdiff's unit definitions. pint
is imported only when the table misses; the answers it gives are added to the table.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from claimdiff.cache import AnswerTable
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


# --- the conversion table -------------------------------------------------------------------

# The table's layout; a new layout gets a new cache file.
TABLE_FORMAT = "units 2"


@cache
def conversion_table() -> AnswerTable:
    """pint's answers of earlier runs: ``factor:<written>:<canonical>`` (None when pint could
    not convert), ``parses:<name>`` and ``display:<written>:<conventional units>``, named by
    pint's version and claimdiff's unit data."""
    from importlib.metadata import version  # here: importing it costs a command 20 ms

    inputs = (TABLE_FORMAT, version("pint"), data_text("common/units.txt"), ",".join(load_currency_codes().codes))
    return AnswerTable("units", *inputs)


def conversion_factor(written: str, canonical: str) -> float:
    """What one ``written`` is in ``canonical`` (a UNIT_ERRORS error when pint cannot convert).

    >>> conversion_factor("kilowatt_hour", "watt_hour")
    1000.0
    """
    if written == canonical:
        return 1.0

    def ask() -> float | None:
        try:
            return convert(1.0, written, canonical)
        except UNIT_ERRORS:
            return None  # remembered too: the next run raises without asking pint again

    factor = conversion_table().answer(f"factor:{written}:{canonical}", ask)
    if not isinstance(factor, float):
        raise ValueError(f"cannot convert {written!r} to {canonical!r}")
    return factor


def parse_unit(name: str) -> None:
    """Check that pint parses a unit name (its error when not); names once parsed are remembered."""

    def ask() -> bool:
        registry().parse_units(name)  # pint's error when it cannot: nothing is kept
        return True

    conversion_table().answer(f"parses:{name}", ask)


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

    def ask() -> str | None:
        ureg = registry()
        dimensionality = ureg.parse_units(written).dimensionality
        return next((u for u in conventional if ureg.parse_units(u).dimensionality == dimensionality), None)

    answer = conversion_table().answer(f"display:{written}:{'|'.join(conventional)}", ask)
    return answer if isinstance(answer, str) else None
