"""The data tables of ``claimdiff/data``, loaded once into frozen, validated dataclasses.

Every table is a TOML file whose header documents its syntax. A malformed table raises
:class:`LexiconError` naming the file and, where it can be found, the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol

from claimdiff.errors import LexiconError

LANGUAGES = ("en", "fr")
QUALIFIER_KINDS = ("exact", "approx", "at_least", "more_than", "up_to", "less_than")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, ties in a fixed order.

    >>> alternation(["bn", "billion", "Md"])
    'billion|Md|bn'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def data_text(name: str) -> str:
    """Return the text of a file in ``claimdiff/data``."""
    return resources.files("claimdiff.data").joinpath(name).read_text(encoding="utf-8")


def _load(name: str) -> dict[str, Any]:
    text = data_text(name)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"data/{name}: {exc}") from None


def _fail(name: str, needle: str, message: str) -> LexiconError:
    """Build an error that names the first line of ``name`` containing ``needle``."""
    for number, line in enumerate(data_text(name).splitlines(), start=1):
        if needle in line:
            return LexiconError(f"data/{name}:{number}: {message}")
    return LexiconError(f"data/{name}: {message}")


# --- numbers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberWords:
    """Number words of one language (see ``data/numbers.toml``)."""

    cardinals: dict[str, float]
    hundreds: dict[str, float]
    scales: dict[str, float]
    connectors: frozenset[str]
    articles: frozenset[str]
    ordinals: dict[str, int]
    fractions: dict[str, float]
    multipliers: dict[str, float]
    approximate: dict[str, float]
    factor_phrases: tuple[str, ...]

    def is_number_word(self, word: str) -> bool:
        return word in self.cardinals or word in self.hundreds or word in self.scales


@cache
def number_words(language: str) -> NumberWords:
    table = _load("numbers.toml").get(language)
    if table is None:
        raise _fail("numbers.toml", "[en]", f"no table for language {language!r}")
    lower = {k: {w.lower(): v for w, v in t.items()} for k, t in table.items() if isinstance(t, dict)}
    return NumberWords(
        cardinals=lower["cardinals"],
        hundreds=lower["hundreds"],
        scales=lower["scales"],
        connectors=frozenset(w.lower() for w in table["connectors"]),
        articles=frozenset(w.lower() for w in table["articles"]),
        ordinals={w: int(v) for w, v in lower["ordinals"].items()},
        fractions=lower["fractions"],
        multipliers=lower["multipliers"],
        approximate=lower["approximate"],
        factor_phrases=tuple(table.get("factor_phrases", [])),
    )


# --- scales --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A scale word written after a figure (``bn``, ``milliards``)."""

    word: str
    factor: float
    money_only: bool
    case_sensitive: bool


@cache
def scales() -> tuple[Scale, ...]:
    out = []
    for entry in _load("scales.toml")["scale"]:
        for word in entry["words"]:
            if entry["factor"] <= 0:
                raise _fail("scales.toml", word, "factor must be positive")
            out.append(
                Scale(
                    word=word,
                    factor=float(entry["factor"]),
                    money_only=bool(entry.get("money_only", False)),
                    case_sensitive=bool(entry.get("case_sensitive", False)),
                )
            )
    return tuple(out)


# --- currencies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrencySurface:
    """One way of writing a currency: a symbol, code or name."""

    surface: str
    code: str
    ambiguous: bool
    case_sensitive: bool


@dataclass(frozen=True)
class Currencies:
    base: str
    fx_uncertainty: float
    codes: tuple[str, ...]
    surfaces: tuple[CurrencySurface, ...]


@cache
def currencies() -> Currencies:
    table = _load("currencies.toml")
    settings = table.get("settings", {})
    surfaces: dict[str, CurrencySurface] = {}
    codes = []
    for entry in table["currency"]:
        code = entry["code"]
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise _fail("currencies.toml", code, f"not an ISO 4217 code: {code!r}")
        codes.append(code)
        ambiguous = set(entry.get("ambiguous", []))

        def add(surface: str, case_sensitive: bool, code: str = code, ambiguous: set[str] = ambiguous) -> None:
            key = surface if case_sensitive else surface.lower()
            if key not in surfaces:
                surfaces[key] = CurrencySurface(surface, code, surface in ambiguous, case_sensitive)

        for symbol in entry.get("symbols", []):
            add(symbol, True)
        for name in entry.get("names", []):
            add(name, False)
        # CLDR knows the names and local symbols; prefer it over hand-written copies.
        for locale in LANGUAGES:
            for count in (1, 2):
                add(get_currency_name(code, count=count, locale=locale), False)
            symbol = get_currency_symbol(code, locale=Locale.parse(locale))
            if symbol != code and len(symbol) > 1:
                add(symbol, True)
    base = settings.get("base", "EUR")
    if base not in codes:
        raise _fail("currencies.toml", "base", f"base currency {base!r} is not listed")
    return Currencies(
        base=base,
        fx_uncertainty=float(settings.get("fx_uncertainty", 0.02)),
        codes=tuple(codes),
        surfaces=tuple(surfaces.values()),
    )


# --- qualifiers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Qualifiers:
    """Qualifier phrases of one language, merged with the language-neutral symbols."""

    before: dict[str, str]
    after: dict[str, str]
    approx_band: float
    spans: frozenset[str]


@cache
def qualifiers(language: str) -> Qualifiers:
    table = _load("qualifiers.toml")
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    # The other language's phrases come last: dossiers mix them ("+ de 1,000" in English).
    others = [code for code in LANGUAGES if code != language]
    for group in ("any", language, *others):
        for position, target in (("before", before), ("after", after)):
            for entry in table.get(group, {}).get(position, []):
                if entry["kind"] not in QUALIFIER_KINDS:
                    raise _fail("qualifiers.toml", entry["kind"], f"unknown kind {entry['kind']!r}")
                for phrase in entry["phrases"]:
                    target.setdefault(phrase.lower(), entry["kind"])
    spans = frozenset(w.lower() for w in table.get("spans", {}).get(language, []))
    return Qualifiers(before, after, float(table.get("bands", {}).get("approx", 0.1)), spans)


# --- units ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSurface:
    """A unit as written (``GW``) and the pint unit it stands for (``gigawatt``)."""

    surface: str
    pint: str
    canonical: str
    metric: str
    case_sensitive: bool


@dataclass(frozen=True)
class Units:
    surfaces: tuple[UnitSurface, ...]
    per: tuple[str, ...]
    substances: dict[str, str] = field(default_factory=dict)


def _prefixed(pint_unit: str, prefix: str) -> str:
    # "FLOP / second" takes the prefix on its first factor only.
    return prefix + pint_unit


@cache
def units() -> Units:
    table = _load("units.toml")
    prefixes: dict[str, str] = table["prefixes"]
    prefix_names: dict[str, str] = table["prefix_names"]
    out: dict[tuple[str, bool], UnitSurface] = {}
    for entry in table["unit"]:
        canonical = entry["pint"]
        nocase = bool(entry.get("nocase", False))
        allowed = entry.get("prefixes", [])
        for prefix in allowed:
            if prefix not in prefixes:
                raise _fail("units.toml", canonical, f"unknown prefix {prefix!r}")
        metric = entry.get("metric", "")

        def add(surface: str, pint_unit: str, case_sensitive: bool, c: str = canonical, metric: str = metric) -> None:
            key = (surface if case_sensitive else surface.lower(), case_sensitive)
            out.setdefault(key, UnitSurface(surface, pint_unit, c, metric, case_sensitive))

        for symbol in entry.get("symbols", []):
            add(symbol, canonical, not nocase)
            for prefix in allowed:
                add(prefix + symbol, _prefixed(canonical, prefixes[prefix]), not nocase)
        for surface, pint_unit in entry.get("surfaces", {}).items():
            add(surface, pint_unit, True)
        for surface, pint_unit in entry.get("named", {}).items():
            add(surface, pint_unit, False)
        for name in entry.get("names", []):
            add(name, canonical, False)
            for prefix in allowed:
                spelled = prefix_names[prefixes[prefix]]
                add(spelled + name.lower(), _prefixed(canonical, prefixes[prefix]), False)
    substances = {word: entry["pint_suffix"] for entry in table.get("substance", []) for word in entry["words"]}
    return Units(tuple(out.values()), tuple(table.get("per", ["/"])), substances)


# --- time ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    at: tuple[str, ...]
    since: tuple[str, ...]
    by: tuple[str, ...]
    quarters: tuple[str, ...]


@cache
def time_words(language: str) -> TimeWords:
    table = _load("time.toml")[language]
    months = {k.lower(): int(v) for k, v in table["months"].items()}
    # CLDR month names in both widths complete the hand-written abbreviations.
    locale = Locale.parse(language)
    for width in ("wide", "abbreviated"):
        for number, name in locale.months["format"][width].items():
            months.setdefault(name.lower().rstrip("."), number)
    return TimeWords(
        months=months,
        seasons={k.lower(): (int(v[0]), int(v[1])) for k, v in table["seasons"].items()},
        at=tuple(table["at"]),
        since=tuple(table["since"]),
        by=tuple(table["by"]),
        quarters=tuple(table["quarters"]),
    )


# --- sentences -----------------------------------------------------------------------------


@cache
def abbreviations(language: str) -> frozenset[str]:
    table = _load("sentences.toml")
    return frozenset(table.get("any", []) + table.get(language, []))


# --- ranks, function words, events ---------------------------------------------------------


@dataclass(frozen=True)
class RankWords:
    suffixes: tuple[str, ...]
    context: tuple[str, ...]


@cache
def rank_words(language: str) -> RankWords:
    table = _load("numbers.toml")
    return RankWords(
        suffixes=tuple(table["ordinal_suffixes"].get(language, [])),
        context=tuple(table["rank_context"].get(language, [])),
    )


@dataclass(frozen=True)
class FunctionWords:
    stop: frozenset[str]
    head_last: bool
    plurals: frozenset[str]


@cache
def function_words(language: str) -> FunctionWords:
    table = _load("words.toml").get(language) or _load("words.toml")["en"]
    if table["head"] not in ("first", "last"):
        raise _fail("words.toml", "head", "head must be 'first' or 'last'")
    plurals = frozenset(table.get("plurals", []))
    return FunctionWords(frozenset(table["stop"]), table["head"] == "last", plurals)


@cache
def events(language: str) -> dict[str, str]:
    """Event phrase (lower case) -> the date metric it announces."""
    table = _load("events.toml").get(language, {})
    return {phrase: metric for metric, phrases in table.items() for phrase in phrases}


# --- subjects: entities and metrics --------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...]
    part_of: str


ENTITY_KINDS = ("organisation", "place", "event", "programme", "facility", "person")


@cache
def entities() -> tuple[Entity, ...]:
    out = []
    names = set()
    for entry in _load("entities.toml")["entity"]:
        if entry.get("kind") not in ENTITY_KINDS:
            raise _fail("entities.toml", entry["name"], f"unknown kind {entry.get('kind')!r}")
        names.add(entry["name"])
        out.append(Entity(entry["name"], entry["kind"], tuple(entry.get("aliases", [])), entry.get("part_of", "")))
    for entity in out:
        if entity.part_of and entity.part_of not in names:
            raise _fail("entities.toml", entity.part_of, f"part_of names no entity: {entity.part_of!r}")
    return tuple(out)


@dataclass(frozen=True)
class MetricWords:
    money: dict[str, str]
    other: dict[str, str]
    topics: dict[str, str]
    nouns: dict[str, str]


@cache
def metric_words(language: str) -> MetricWords:
    table = _load("metrics.toml").get(language) or _load("metrics.toml")["en"]

    def invert(section: str) -> dict[str, str]:
        return {w.lower(): name for name, words in table.get(section, {}).items() for w in words}

    return MetricWords(invert("money"), invert("other"), invert("topics"), invert("nouns"))


@cache
def part_words() -> tuple[str, ...]:
    """Words marking a figure as one part of a stated total ("a further", "dont"), both languages."""
    table = _load("metrics.toml").get("parts", {})
    return tuple(sorted({w.lower() for words in table.values() for w in words}))
