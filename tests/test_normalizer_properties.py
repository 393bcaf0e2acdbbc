"""Round trips through each normalizer: babel (CLDR) writes a random figure, extraction reads it back.

One property test per normalizer (money, percent, units), each in English, French and German:
babel formats a random value (sign and scale word included) the way that locale writes it,
the figure is embedded in a sentence template, and the claim read back must carry exactly
that value and unit. Forms CLDR writes that are out of reach stand in a strict-xfail table.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimdiff.normalize import registry

from .conftest import claims_in

LOCALES = ["en_US", "fr_FR", "de_DE"]

# The scale words each language writes after a figure, with their factors.
SCALES = {
    "en_US": [("", 1.0), (" million", 1e6), (" billion", 1e9), ("bn", 1e9)],
    "fr_FR": [("", 1.0), (" millions", 1e6), (" milliards", 1e9), (" Md", 1e9)],
    "de_DE": [("", 1.0), (" Millionen", 1e6), (" Milliarden", 1e9), (" Mrd.", 1e9)],
}
MONEY_FRAMES = {
    "en_US": "The company reported {} in revenue last year.",
    "fr_FR": "L'entreprise a annoncé {} de chiffre d'affaires.",
    "de_DE": "Das Unternehmen meldete {} Umsatz im vergangenen Jahr.",
}
PERCENT_FRAMES = {
    "en_US": "Sales changed by {} over the year.",
    "fr_FR": "Les ventes ont varié de {} sur l'année.",
    "de_DE": "Der Umsatz veränderte sich um {} im Jahr.",
}
UNIT_FRAMES = {
    "en_US": "The site measured {} last year.",
    "fr_FR": "Le site a mesuré {} l'an dernier.",
    "de_DE": "Die Anlage maß {} im letzten Jahr.",
}
# Currencies with ECB rates, as CLDR writes them in each locale ("CA$", "$CA", "CHF").
CURRENCIES = ["EUR", "USD", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "CNY", "INR", "BRL", "NOK", "PLN"]
# CLDR unit ids and the pint unit a figure in them is written in.
UNITS = {
    "length-kilometer": "kilometer",
    "length-centimeter": "centimeter",
    "length-mile": "mile",
    "length-foot": "foot",
    "mass-kilogram": "kilogram",
    "mass-tonne": "tonne",
    "mass-microgram": "microgram",
    "power-megawatt": "megawatt",
    "power-gigawatt": "gigawatt",
    "energy-kilowatt-hour": "kilowatt_hour",
    "duration-hour": "hour",
    "duration-minute": "minute",
    "duration-year": "year",
    "area-hectare": "hectare",
    "area-square-kilometer": "kilometer ** 2",
    "volume-liter": "liter",
    "volume-cubic-meter": "meter ** 3",
    "speed-kilometer-per-hour": "kilometer_per_hour",
    "temperature-celsius": "degree_Celsius",
    "frequency-gigahertz": "gigahertz",
    "digital-gigabyte": "gigabyte",
    "length-meter": "meter",
    "length-inch": "inch",
    "mass-pound": "pound",
    "duration-day": "day",
}

signed_amounts = st.decimals(min_value=Decimal("-999999"), max_value=Decimal("999999"), places=2).filter(
    lambda d: d != 0
)


def _close(got: float, expected: float) -> bool:
    return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=250, deadline=None)
@given(
    amount=signed_amounts,
    locale=st.sampled_from(LOCALES),
    code=st.sampled_from(CURRENCIES),
    scale_index=st.integers(min_value=0, max_value=3),
)
def test_money_round_trip(amount: Decimal, locale: str, code: str, scale_index: int) -> None:
    """An amount babel writes in a locale, with its sign and a scale word, reads back exactly."""
    word, factor = SCALES[locale][scale_index]
    money = format_currency(amount, code, locale=locale, currency_digits=False)
    number = format_decimal(abs(amount), format="#,##0.00", locale=locale)
    assert number in money
    text = MONEY_FRAMES[locale].format(money.replace(number, number + word))
    claims = [c for c in claims_in(text, locale[:2], published="2024-06-01") if c.kind == "money"]
    assert len(claims) == 1, (text, [c.text for c in claims])
    assert claims[0].original["unit"] == code, text
    assert _close(claims[0].original["value"], float(amount) * factor), (text, claims[0].original)


@settings(max_examples=200, deadline=None)
@given(
    share=st.decimals(min_value=Decimal("-500"), max_value=Decimal("500"), places=2),
    locale=st.sampled_from(LOCALES),
)
def test_percent_round_trip(share: Decimal, locale: str) -> None:
    """A percentage babel writes ("12.5%", "12,5 %", "-3,25 %") reads back with its sign."""
    written = format_percent(share / 100, format="#,##0.##%", locale=locale)
    text = PERCENT_FRAMES[locale].format(written)
    claims = [c for c in claims_in(text, locale[:2]) if c.kind == "percent"]
    assert len(claims) == 1, (text, [c.text for c in claims])
    assert _close(claims[0].value, float(share)), (text, claims[0].value)


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=1).filter(lambda d: d != 0),
    locale=st.sampled_from(LOCALES),
    cldr_id=st.sampled_from(sorted(UNITS)),
    length=st.sampled_from(["long", "short"]),
)
def test_unit_round_trip(value: Decimal, locale: str, cldr_id: str, length: str) -> None:
    """A quantity babel writes in a unit's long or short form reads back in that unit."""
    assume((locale, cldr_id, length) not in _OUT)
    written = format_unit(value, cldr_id, length=length, locale=locale)
    text = UNIT_FRAMES[locale].format(written)
    claims = [c for c in claims_in(text, locale[:2]) if c.kind == "quantity"]
    assert len(claims) == 1, (text, [c.text for c in claims])
    claim = claims[0]
    assert claim.original["unit"] == UNITS[cldr_id], (text, claim.original)
    assert _close(claim.original["value"], float(value)), (text, claim.original)
    registry().parse_units(claim.unit)  # the canonical unit is plain pint


# Forms CLDR writes that claimdiff does not read, each with why.
OUT_OF_REACH = [
    ("en_US", "length-meter", "short", "a bare 'm' after a figure is read as 'million' unless an extent word follows"),
    ("fr_FR", "duration-hour", "short", "'12,5 h' is more often a time of day ('14 h 30') than a duration"),
    ("fr_FR", "duration-day", "short", "one-letter 'j' is left out: it is more often an abbreviation than a unit"),
    (
        "en_US",
        "length-inch",
        "short",
        "'in' alone is the preposition; it is read as inches only after feet or before 'thick'",
    ),
    ("de_DE", "mass-pound", "long", "'Pfund' reads as the currency (GBP), as German news more often means"),
    ("fr_FR", "length-foot", "short", "two-letter 'pi' is left out with CLDR's other short forms under three letters"),
    ("de_DE", "duration-year", "short", "one-letter 'J' is the joule's symbol"),
    ("fr_FR", "length-meter", "short", "a bare 'm' after a figure is read as 'million' unless an extent word follows"),
    ("de_DE", "length-meter", "short", "a bare 'm' after a figure is read as 'million' unless an extent word follows"),
    ("fr_FR", "length-inch", "short", "two-letter 'po' is left out with CLDR's other short forms under three letters"),
    ("de_DE", "length-inch", "short", "'in' alone is a word; it is read as inches only after feet or before 'thick'"),
]
_OUT = {(locale, cldr_id, length) for locale, cldr_id, length, _ in OUT_OF_REACH}


@pytest.mark.parametrize(
    ("locale", "cldr_id", "length"),
    [
        pytest.param(
            locale, cldr_id, length, id=f"{locale}-{cldr_id}-{length}", marks=pytest.mark.xfail(strict=True, reason=why)
        )
        for locale, cldr_id, length, why in OUT_OF_REACH
    ],
)
def test_unit_forms_out_of_reach(locale: str, cldr_id: str, length: str) -> None:
    written = format_unit(Decimal("12.5"), cldr_id, length=length, locale=locale)
    claims = [c for c in claims_in(UNIT_FRAMES[locale].format(written), locale[:2]) if c.kind == "quantity"]
    assert len(claims) == 1 and _close(claims[0].original["value"], 12.5)
    assert claims[0].original["unit"] == UNITS[cldr_id]


# --- every claim's unit parses with plain pint ------------------------------------------------


def _plain_pint() -> object:
    """pint's own registry, told only that each ISO 4217 code is a unit of its own dimension (the
    contract's units are pint strings or ISO codes, and "EUR / watt_hour" mixes the two)."""
    import pint
    from babel.numbers import list_currencies

    ureg = pint.UnitRegistry()
    for code in sorted(list_currencies()):
        if code.isalpha() and code.isupper():
            ureg.define(f"{code} = [currency_{code}]")
    return ureg


PLAIN_PINT = _plain_pint()
# Units pint lacks, defined in data/common/units.txt: known, with the reason.
NOT_PLAIN_PINT = {"FLOP": "pint has no unit for floating-point operations (data/common/units.txt defines FLOP)"}


def _case_texts() -> list[tuple[str, str]]:
    from . import test_extract, test_extract_news, test_extract_peers, test_german

    texts: list[tuple[str, str]] = []
    for module in (test_extract, test_extract_news, test_extract_peers, test_german):
        for value in vars(module).values():
            if isinstance(value, list):
                for item in value:
                    case = item.values[0] if hasattr(item, "values") and item.values else item
                    text, language = getattr(case, "text", None), getattr(case, "language", "de")
                    if isinstance(text, str):
                        texts.append((text, language if module is not test_german else "de"))
    return sorted(set(texts))


def _units_of(claims: list) -> set[str]:  # type: ignore[type-arg]
    return {c.unit for c in claims if c.kind != "description"} | {
        str(c.original["unit"]) for c in claims if c.kind not in ("description", "date")
    }


def _not_plain(units: set[str]) -> dict[str, str]:
    failures = {}
    for unit in sorted(units):
        if any(name in unit for name in NOT_PLAIN_PINT):
            continue
        try:
            PLAIN_PINT.parse_units(unit)  # type: ignore[attr-defined]
        except Exception as error:  # pint raises several error classes for an unknown name
            failures[unit] = type(error).__name__
    return failures


def test_case_table_units_parse_with_plain_pint() -> None:
    units: set[str] = set()
    for text, language in _case_texts():
        units |= _units_of(claims_in(text, language))
    assert len(units) > 40
    assert _not_plain(units) == {}


def test_seed_units_parse_with_plain_pint(seeds_dir: Path) -> None:
    from claimdiff.pipeline import load_corpus

    from .conftest import KNOWLEDGE

    units = _units_of(load_corpus([str(seeds_dir)], compare_claims=False, knowledge=KNOWLEDGE).claims)
    assert "gram / kilowatt_hour" in units
    assert _not_plain(units) == {}


@pytest.mark.xfail(strict=True, reason=NOT_PLAIN_PINT["FLOP"])
def test_flops_parse_with_plain_pint() -> None:
    (claim,) = claims_in("The machine reaches 36.8 petaflops.")
    PLAIN_PINT.parse_units(claim.unit)  # type: ignore[attr-defined]
