"""Tables shared by every language: currencies, units, scale abbreviations, settings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from claimdiff.cache import AnswerTable
from claimdiff.lexicon.files import COMMON, DataFile, read

QUALIFIER_KINDS = ("exact", "approx", "at_least", "more_than", "up_to", "less_than")


@dataclass(frozen=True)
class Settings:
    default_language: str
    output_language: str
    detectable: tuple[str, ...]


def output_language() -> str:
    """The language explanations and reports are written in (``common/settings.toml``)."""
    return read(f"{COMMON}/settings.toml").text_value("output_language")


def load_settings(languages: tuple[str, ...]) -> Settings:
    file = read(f"{COMMON}/settings.toml")
    file.only("default_language", "output_language", "detectable")
    settings = Settings(
        file.text_value("default_language", choices=languages),
        file.text_value("output_language", choices=languages),
        file.words("detectable"),
    )
    return settings


def load_measures() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """What each metric is measured in (``common/measures.toml``): unit metrics or "percent";
    and the metrics that are lines of a company's accounts."""
    file = read(f"{COMMON}/measures.toml")
    file.only("measured_in", "accounts")
    measured = {metric: frozenset(units) for metric, units in file.word_table("measured_in").items()}
    return measured, frozenset(file.words("accounts"))


@dataclass(frozen=True)
class Scale:
    """A scale word written after a figure (``bn``, ``milliards``)."""

    word: str
    factor: float
    money_only: bool
    case_sensitive: bool


def load_scales(name: str, case_sensitive_default: bool = False) -> tuple[Scale, ...]:
    file = read(name)
    file.only("scale")
    out = []
    for entry in file.entries("scale"):
        entry.only("words", "factor", "money_only", "case_sensitive")
        factor = entry.number("factor", 0.0)
        words = entry.words("words")
        if factor <= 0:
            raise file.error(words[0] if words else "factor", "factor must be positive")
        flags = {key: entry.table.get(key, False) for key in ("money_only", "case_sensitive")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                raise file.error(key, f"{key!r} must be true or false")
        for word in words:
            out.append(Scale(word, factor, flags["money_only"], flags["case_sensitive"] or case_sensitive_default))
    return tuple(out)


@dataclass(frozen=True)
class CurrencySurface:
    """One way of writing a currency: a symbol, code or name."""

    surface: str
    code: str
    ambiguous: bool
    case_sensitive: bool
    # What one written unit is worth in the currency: 0.01 for "cents", 1e6 for "MEUR".
    factor: float = 1.0


@dataclass(frozen=True)
class CurrencyCodes:
    """The language-neutral part of the currency table."""

    base: str
    fx_uncertainty: float
    prefix_symbols: frozenset[str]
    codes: tuple[str, ...]
    symbols: tuple[CurrencySurface, ...]
    code_prefixes: dict[str, float] = field(default_factory=dict)
    # Local forms of any currency CLDR knows, rated or not ("₾" for the lari, "元" for the yuan).
    local_forms: tuple[CurrencySurface, ...] = ()


def load_currency_codes() -> CurrencyCodes:
    from babel.numbers import list_currencies

    file = read(f"{COMMON}/currencies.toml")
    file.only("settings", "currency", "local_forms")
    settings = file.section("settings")
    settings.only("base", "fx_uncertainty", "prefix_symbols", "code_prefixes")
    codes: list[str] = []
    symbols: list[CurrencySurface] = []
    for entry in file.entries("currency"):
        entry.only("code", "symbols", "ambiguous", "nocase")
        code = entry.text_value("code")
        if not re.fullmatch(r"[A-Z]{3}", code) or code not in list_currencies():
            raise file.error(code, f"not an ISO 4217 code known to CLDR: {code!r}")
        if code in codes:
            raise file.error(code, f"currency {code} is listed twice")
        codes.append(code)
        ambiguous = set(entry.words("ambiguous", required=False))
        symbols.extend(CurrencySurface(s, code, s in ambiguous, True) for s in entry.words("symbols"))
        symbols.extend(CurrencySurface(s, code, s in ambiguous, False) for s in entry.words("nocase", required=False))
    base = settings.text_value("base")
    if base not in codes:
        raise file.error("base", f"base currency {base!r} is not listed")
    return CurrencyCodes(
        base=base,
        fx_uncertainty=settings.number("fx_uncertainty", 0.02),
        prefix_symbols=frozenset(settings.words("prefix_symbols", required=False)),
        codes=tuple(codes),
        symbols=tuple(symbols),
        code_prefixes=_code_prefixes(settings),
        local_forms=_local_forms(file, frozenset(list_currencies())),
    )


def _local_forms(file: DataFile, known: frozenset[str]) -> tuple[CurrencySurface, ...]:
    """``[local_forms]``: symbol -> ISO 4217 code, for currencies with or without ECB rates."""
    table = file.section("local_forms", required=False).table
    for symbol, code in table.items():
        if not isinstance(code, str) or code not in known:
            raise file.error(symbol, f"local_forms.{symbol} must be an ISO 4217 code known to CLDR")
    return tuple(CurrencySurface(str(symbol), str(code), False, True) for symbol, code in table.items())


def _code_prefixes(settings: DataFile) -> dict[str, float]:
    """Scale letters glued before an ISO code ("MEUR" is a million euros)."""
    table = settings.table.get("code_prefixes", {})
    if not isinstance(table, dict) or not all(isinstance(v, (int, float)) and v > 0 for v in table.values()):
        raise settings.error("code_prefixes", "code_prefixes must map letters to positive factors")
    return {str(k): float(v) for k, v in table.items()}


@dataclass(frozen=True)
class UnitSurface:
    """A unit as written (``GW``) and the pint unit it stands for (``gigawatt``)."""

    surface: str
    pint: str
    canonical: str
    metric: str
    case_sensitive: bool


@dataclass(frozen=True)
class UnitEntry:
    """One unit of ``common/units.toml``: its symbols, prefixes and what it measures."""

    pint: str
    symbols: tuple[str, ...]
    prefixes: tuple[str, ...]
    surfaces: dict[str, str]
    nocase: bool
    metric: str
    bare: bool = True  # False: only the prefixed symbols are surfaces ("m" alone reads as million)
    cldr: str = ""  # the CLDR unit id ("length-kilometer") whose names babel gives per language
    power_only: bool = False  # its symbols are units only raised to a power ("fb⁻¹", not "fb")


@dataclass(frozen=True)
class UnitTable:
    entries: tuple[UnitEntry, ...]
    prefixes: dict[str, str]
    prefix_names: dict[str, str]
    per: tuple[str, ...]
    substances: dict[str, str]
    substance_units: tuple[str, ...] = ()
    smaller_parts: frozenset[tuple[str, str]] = frozenset()
    compared_in: dict[str, str] = field(default_factory=dict)  # pint unit -> the unit figures are reported in


def load_unit_table() -> UnitTable:
    """Read ``common/units.toml`` (its pint names are checked by :func:`check_units`)."""
    file = read(f"{COMMON}/units.toml")
    file.only("per", "prefixes", "prefix_names", "unit", "substance", "substance_units", "smaller_parts", "compared_in")
    prefixes = _strings(file.section("prefixes"))
    prefix_names = _strings(file.section("prefix_names"))
    entries: list[UnitEntry] = []
    seen: set[str] = set()
    for entry in file.entries("unit"):
        entry.only("pint", "symbols", "prefixes", "surfaces", "nocase", "metric", "bare", "cldr", "power_only")
        pint_unit = entry.text_value("pint")
        if pint_unit in seen:
            raise file.error(f'"{pint_unit}"', f"unit {pint_unit!r} is listed twice")
        seen.add(pint_unit)
        # "SI": every prefix of [prefixes], generated rather than listed unit by unit.
        si = entry.table.get("prefixes") == "SI"
        allowed = tuple(prefixes) if si else entry.words("prefixes", required=False)
        for prefix in allowed:
            if prefix not in prefixes:
                raise file.error(pint_unit, f"unknown prefix {prefix!r}")
        surfaces = _strings(entry.section("surfaces", required=False))
        entries.append(
            UnitEntry(
                pint=pint_unit,
                symbols=entry.words("symbols", required=False),
                prefixes=allowed,
                surfaces=surfaces,
                nocase=bool(entry.table.get("nocase", False)),
                metric=entry.text_value("metric", ""),
                bare=bool(entry.table.get("bare", True)),
                cldr=entry.text_value("cldr", ""),
                power_only=bool(entry.table.get("power_only", False)),
            )
        )
    substances: dict[str, str] = {}
    for entry in file.entries("substance", required=False):
        entry.only("words", "name")
        name = entry.text_value("name")
        substances.update((word, name) for word in entry.words("words"))
    substance_units = file.words("substance_units", required=False)
    parts = file.words("smaller_parts", required=False)
    smaller_parts = frozenset(tuple(pair.split(" > ", 1)) for pair in parts if " > " in pair)
    if len(smaller_parts) != len(parts):
        raise file.error("smaller_parts", 'each smaller part is written "bigger > smaller"')
    return UnitTable(
        tuple(entries),
        prefixes,
        prefix_names,
        file.words("per"),
        substances,
        substance_units,
        smaller_parts,  # type: ignore[arg-type]
        _compared_in(file, seen),
    )


def _compared_in(file: DataFile, listed: set[str]) -> dict[str, str]:
    """``[compared_in]``: each unit mapped is one of the table's entries."""
    compared = _strings(file.section("compared_in", required=False))
    for unit in compared:
        if unit not in listed:
            raise file.error(_key_line(file, unit), f"[compared_in] maps {unit!r}, which no [[unit]] lists")
    return compared


def _key_line(file: DataFile, key: str) -> str:
    """The line a table's key opens, bare or quoted ("mile = ...", '"mile ** 2" = ...')."""
    openings = (f"{key} =", f'"{key}" =')
    return next((line for line in file.text.splitlines() if line.startswith(openings)), key)


# CLDR's short unit forms of one or two letters ("h", "j", "in", "po") are more often other
# words, times or abbreviations than units: they are left to the hand-written tables.
CLDR_SHORTEST = 3


def cldr_unit_names(cldr_id: str, language: str) -> tuple[str, ...]:
    """The names CLDR (through babel) gives a unit in one language, singular and plural, long
    and short, without the figure: ``("kilometer", "kilometers", "km")`` for English.

    >>> cldr_unit_names("duration-hour", "de")
    ('Stunde', 'Stunden', 'Std.')
    """
    names = _cldr_answers().answer(f"{language}:{cldr_id}", lambda: list(_cldr_unit_names(cldr_id, language)))
    return tuple(names)


@cache
def _cldr_answers() -> AnswerTable:
    """babel's unit names of earlier runs (formatting 1,700 of them costs a tenth of a second)."""
    import babel  # imported already by the lexicon: its version costs nothing, importlib.metadata's 25 ms

    return AnswerTable("cldr-units", "cldr units 1", babel.__version__, str(CLDR_SHORTEST))


def _cldr_unit_names(cldr_id: str, language: str) -> tuple[str, ...]:
    from babel.units import format_unit

    names: dict[str, None] = {}
    for length in ("long", "short"):
        for count in (1, 2):
            written = format_unit(count, cldr_id, length=length, locale=language)
            name = written.replace(str(count), "", 1).strip(" \u00a0\u202f")
            if name and str(count) in written and (length == "long" or len(name) >= CLDR_SHORTEST):
                names.setdefault(name)
    return tuple(names)


def check_units(table: UnitTable, names: dict[str, str], parse: Callable[[str], object]) -> None:
    """Every pint unit the tables name must parse, else figures in it would silently vanish.

    ``names`` maps a unit named in a language file to that file's label.
    """
    file = read(f"{COMMON}/units.toml")
    for entry in table.entries:
        prefixed = [table.prefixes[p] + entry.pint for p in entry.prefixes]
        for name in (entry.pint, *entry.surfaces.values(), *prefixed):
            _check_unit(file, name, parse)
    # The units [compared_in] maps are entries, checked above; the units they map to are not.
    for name in (*table.substance_units, *table.compared_in.values()):
        _check_unit(file, name, parse)
    for unit, reported in table.compared_in.items():
        if getattr(parse(unit), "dimensionality", None) != getattr(parse(reported), "dimensionality", None):
            raise file.error(_key_line(file, unit), f"[compared_in] reports {unit!r} in {reported!r}, another quantity")
    for name, label in names.items():
        _check_unit(read(label), name, parse)


def _check_unit(file: DataFile, name: str, parse: Callable[[str], object]) -> None:
    try:
        parse(name)
    except Exception:  # pint raises several error classes for an unknown name
        raise file.error(f'"{name}"', f"pint does not know the unit {name!r}") from None


def _strings(file: DataFile) -> dict[str, str]:
    for key, value in file.table.items():
        if not isinstance(value, str):
            raise file.error(key, f"{key!r} must be a string")
    return dict(file.table)
