"""Units through pint: the application registry, conversions, and a mention's unit strings.

Building pint's registry costs about a third of a second, so what the pipeline asks of it (the
factor between two unit strings, whether a unit name parses) is kept in a table in the user's
cache (:mod:`claimdiff.cache`), named by pint's version and claimdiff's unit definitions. pint
is imported only when the table misses; the answers it gives are added to the table.
"""

from __future__ import annotations

import atexit
import json
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff.cache import read_table, table_path, write_table
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
TABLE_FORMAT = "units 1"


@dataclass
class ConversionTable:
    """pint's answers kept between runs: factors (None: pint could not convert) and parsed names."""

    path: Path | None
    factors: dict[str, float | None] = field(default_factory=dict)
    parsed: set[str] = field(default_factory=set)
    changed: bool = False

    def encode(self) -> bytes:
        content = {"format": TABLE_FORMAT, "factors": self.factors, "parsed": sorted(self.parsed)}
        return json.dumps(content, sort_keys=True).encode("utf-8")

    def save(self) -> None:
        if self.changed and self.path is not None:
            self.changed = not write_table(self.path, self.encode())


def _table_inputs() -> tuple[str, ...]:
    return (TABLE_FORMAT, version("pint"), data_text("common/units.txt"), ",".join(load_currency_codes().codes))


@cache
def conversion_table() -> ConversionTable:
    """The cached table (empty when there is none yet); saved at exit if this run added to it."""
    path = table_path("units.json", *_table_inputs())
    table = ConversionTable(path)
    data = read_table(path)
    try:
        content = json.loads(data) if data is not None else {}
        if content.get("format") == TABLE_FORMAT:
            table.factors = {str(k): None if v is None else float(v) for k, v in content["factors"].items()}
            table.parsed = {str(name) for name in content["parsed"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        table.factors, table.parsed = {}, set()
    atexit.register(table.save)
    return table


def conversion_factor(written: str, canonical: str) -> float:
    """What one ``written`` is in ``canonical`` (a UNIT_ERRORS error when pint cannot convert).

    >>> conversion_factor("kilowatt_hour", "watt_hour")
    1000.0
    """
    if written == canonical:
        return 1.0
    table = conversion_table()
    key = f"{written}\x1f{canonical}"
    if key not in table.factors:
        try:
            table.factors[key] = convert(1.0, written, canonical)
        except UNIT_ERRORS:
            table.factors[key] = None
        table.changed = True
    factor = table.factors[key]
    if factor is None:
        raise ValueError(f"cannot convert {written!r} to {canonical!r}")
    return factor


def parse_unit(name: str) -> None:
    """Check that pint parses a unit name (its error when not); names once parsed are remembered."""
    table = conversion_table()
    if name in table.parsed:
        return
    registry().parse_units(name)
    table.parsed.add(name)
    table.changed = True


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
