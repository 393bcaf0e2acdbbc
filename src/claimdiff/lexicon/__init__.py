"""What claimdiff knows of languages and of the world, loaded once from ``claimdiff/data``.

:func:`load_knowledge` reads every table, validates it (a problem raises
:class:`~claimdiff.errors.LexiconError` naming the file and line) and returns a
:class:`Knowledge`: one :class:`Lexicon` per supported language (a folder ``data/<code>/``)
and the entity table. The pipeline builds it once and passes it to every stage; nothing here
is cached at module level, so tests can build a tiny knowledge of their own.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache
from typing import Any, TypeVar

from babel.numbers import get_decimal_symbol

from claimdiff.cache import AnswerTable
from claimdiff.errors import LexiconError
from claimdiff.lexicon.common import (
    QUALIFIER_KINDS,
    CurrencyCodes,
    CurrencySurface,
    Scale,
    Settings,
    UnitSurface,
    UnitTable,
    check_units,
    cldr_unit_names,
    load_currency_codes,
    load_measures,
    load_scales,
    load_settings,
    load_unit_table,
)
from claimdiff.lexicon.entities import ENTITY_KINDS, Entity, EntityTable, entities_from
from claimdiff.lexicon.files import COMMON, DataFile, data_digest, data_text, language_folders, parse, read
from claimdiff.lexicon.language import (
    FactWords,
    FunctionWords,
    Grammar,
    LocalNames,
    MetricWords,
    NumberWords,
    QualifierPhrases,
    TimeWords,
    load_abbreviations,
    load_events,
    load_fact_words,
    load_function_words,
    load_grammar,
    load_local_names,
    load_metric_words,
    load_numbers,
    load_qualifier_phrases,
    load_time,
    merge_grammar,
)
from claimdiff.lexicon.world import World, WorldEntity, load_world

__all__ = [
    "ENTITY_KINDS",
    "QUALIFIER_KINDS",
    "Currencies",
    "CurrencySurface",
    "DataFile",
    "Entity",
    "EntityTable",
    "FactWords",
    "FunctionWords",
    "Grammar",
    "Knowledge",
    "Lexicon",
    "MetricWords",
    "NumberWords",
    "Qualifiers",
    "Scale",
    "TimeWords",
    "UnitSurface",
    "World",
    "WorldEntity",
    "Units",
    "alternation",
    "trie_alternation",
    "trie_words",
    "data_text",
    "entities_from",
    "fingerprint",
    "load_knowledge",
    "load_world",
    "parse",
    "read",
]

T = TypeVar("T")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, ties in a fixed order.

    >>> alternation(["bn", "billion", "Md"])
    'billion|Md|bn'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Currencies:
    base: str
    fx_uncertainty: float
    codes: tuple[str, ...]
    surfaces: tuple[CurrencySurface, ...]
    prefix_symbols: frozenset[str]
    # Names of the currencies common/currencies.toml does not list, from CLDR ("Finnish markka").
    rare: tuple[CurrencySurface, ...] = ()
    # Names that are money only near a cue word, lower case -> (the currency, the cues).
    cued: dict[str, tuple[CurrencySurface, tuple[str, ...]]] = field(default_factory=dict)
    # Sub-unit symbols glued to a figure, case-sensitive -> (the sub-unit, the cues): "164p".
    glued: dict[str, tuple[CurrencySurface, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Qualifiers:
    """Qualifier phrases a text is read with: symbols, its language's, then the others'."""

    before: dict[str, str]
    after: dict[str, str]
    approx_band: float
    spans: frozenset[str]


@dataclass(frozen=True)
class Units:
    surfaces: tuple[UnitSurface, ...]
    per: tuple[str, ...]
    substances: dict[str, str] = field(default_factory=dict)
    substance_units: tuple[str, ...] = ()
    per_not_before: tuple[str, ...] = ()
    # (bigger pint unit, smaller one): "5 feet 2 inches" adds the second to the first.
    smaller_parts: frozenset[tuple[str, str]] = frozenset()
    # (bigger pint unit, word) -> the smaller unit that word names only there ("ft ... in").
    part_words: dict[tuple[str, str], UnitSurface] = field(default_factory=dict)
    # Length symbols that are no unit alone ("m" is million), but are before an extent word.
    bare_lengths: dict[str, UnitSurface] = field(default_factory=dict)
    extent_words: tuple[str, ...] = ()
    # Names that are units only after a cue word earlier in the sentence ("rotate 90 degrees"),
    # each with its cue words.
    cued: dict[str, tuple[UnitSurface, tuple[str, ...]]] = field(default_factory=dict)
    # Symbols that are units only raised to a power: "s" in "s-1", "fb" in "fb⁻¹".
    powered: dict[str, UnitSurface] = field(default_factory=dict)
    # Names of units that take prefixes ("metre"), and every prefix spelled out ("pico", "piko"):
    # "picometre" is read as the two ("picometer").
    prefixable: dict[str, UnitSurface] = field(default_factory=dict)
    spelled_prefixes: dict[str, str] = field(default_factory=dict)
    # Words that count occurrences before a rate's denominator ("four times per week").
    frequency_words: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the stages need to read text of one language.

    Tables that sources mix across languages (scale words, currency and unit names,
    qualifiers, most grammar) hold the text's own language first, then the others'.
    """

    code: str
    numbers: NumberWords
    scales: tuple[Scale, ...]
    currencies: Currencies
    qualifiers: Qualifiers
    units: Units
    time: TimeWords
    abbreviations: frozenset[str]
    function_words: FunctionWords
    events: dict[str, str]
    metrics: MetricWords
    parts: tuple[str, ...]
    grammar: Grammar
    ordinal_suffixes: tuple[str, ...]
    decimal_mark: str
    facts: FactWords  # how the language states facts about an organisation (claimdiff.facts)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def compiled(self, key: str, build: Callable[[Lexicon], T]) -> T:
        """What ``build`` makes of this lexicon (regexes, indexes), built once per lexicon."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]  # type: ignore[no-any-return]

    def keyword_words(self, counted: bool = True) -> frozenset[str]:
        """The words of the language's metric and event keywords ("revenue", "Umsatz", "levée"),
        and unless ``counted`` is false those of the nouns it counts ("Satelliten", "lignes")."""

        def words(lexicon: Lexicon) -> frozenset[str]:
            metrics = lexicon.metrics
            tables: tuple[dict[str, str], ...] = (metrics.money, metrics.other, metrics.topics, lexicon.events)
            tables += (metrics.nouns,) if counted else ()
            return frozenset(word for table in tables for phrase in table for word in phrase.split())

        return self.compiled(f"keyword words {counted}", words)


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Every language's lexicon, the settings, and the entities known by name."""

    languages: dict[str, Lexicon]
    settings: Settings
    entities: EntityTable
    units_table: UnitTable
    named_units: dict[str, str]
    measures: dict[str, frozenset[str]] = field(default_factory=dict)
    # Lines of a company's accounts: none is an item of another's total (common/measures.toml).
    accounts: frozenset[str] = frozenset()
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def check_units(self, parse: Callable[[str], object]) -> None:
        """Check once that pint parses every unit the tables name (a LexiconError if not)."""
        self.compiled("units checked", lambda k: check_units(k.units_table, k.named_units, parse))

    def lexicon(self, code: str) -> Lexicon:
        """The lexicon of ``code``, or the default language's for a language with no folder."""
        return self.languages.get(code) or self.languages[self.settings.default_language]

    def supports(self, code: str) -> bool:
        return code in self.languages

    def compiled(self, key: str, build: Callable[[Knowledge], T]) -> T:
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _LanguageTables:
    numbers: NumberWords
    scales: tuple[Scale, ...]
    qualifiers: QualifierPhrases
    time: TimeWords
    abbreviations: tuple[str, ...]
    function_words: FunctionWords
    events: dict[str, str]
    metrics: MetricWords
    names: LocalNames
    grammar: Grammar
    facts: FactWords


def _language_tables(code: str) -> _LanguageTables:
    return _LanguageTables(
        numbers=load_numbers(code),
        scales=load_scales(f"{code}/scales.toml"),
        qualifiers=load_qualifier_phrases(f"{code}/qualifiers.toml", QUALIFIER_KINDS, with_spans=True),
        time=load_time(code),
        abbreviations=load_abbreviations(f"{code}/sentences.toml"),
        function_words=load_function_words(code),
        events=load_events(code),
        metrics=load_metric_words(code),
        names=load_local_names(code),
        grammar=load_grammar(code),
        facts=load_fact_words(code),
    )


def load_knowledge(
    entities: Iterable[Entity] = (),
    metric_words: Mapping[str, MetricWords] | None = None,
    world: World | None = None,
) -> Knowledge:
    """Read and validate every table; ``entities`` and ``metric_words`` (per language) are a
    corpus's own, from its config; ``world`` is the general knowledge, loaded when not given.

    The pint unit names are checked by :meth:`Knowledge.check_units` when pint is first needed.
    """
    metric_words = metric_words or {}
    entities = tuple(entities)
    given_world = world
    codes = language_folders()
    settings = load_settings(codes)
    tables = {code: _language_tables(code) for code in codes}
    money = load_currency_codes()
    unit_table = load_unit_table()
    common_scales = load_scales(f"{COMMON}/scales.toml")
    symbols = read(f"{COMMON}/qualifiers.toml")
    common_qualifiers = load_qualifier_phrases(f"{COMMON}/qualifiers.toml", QUALIFIER_KINDS, with_spans=False)
    band = symbols.section("bands").number("approx", 0.1)
    common_abbreviations = load_abbreviations(f"{COMMON}/sentences.toml")
    languages = {}
    for code in codes:
        order = [code, *(other for other in codes if other != code)]
        own = tables[code]
        languages[code] = Lexicon(
            code=code,
            numbers=own.numbers,
            scales=common_scales + tuple(s for c in order for s in tables[c].scales),
            currencies=_currencies(money, [tables[c].names for c in order], order),
            qualifiers=_qualifiers(common_qualifiers, [tables[c].qualifiers for c in order], band),
            units=_units(unit_table, [tables[c].names for c in order], tuple(order)),
            time=own.time,
            abbreviations=frozenset(common_abbreviations + own.abbreviations),
            function_words=own.function_words,
            events=own.events,
            metrics=_with_metric_words(own.metrics, metric_words.get(code)),
            parts=tuple(dict.fromkeys(w.lower() for c in order for w in tables[c].metrics.parts)),
            grammar=merge_grammar(own.grammar, [tables[c].grammar for c in order[1:]]),
            ordinal_suffixes=tuple(dict.fromkeys(s for c in order for s in tables[c].numbers.ordinal_suffixes)),
            decimal_mark=get_decimal_symbol(code),
            facts=own.facts,
        )
    world = world or load_world()
    table = EntityTable(entities + world.entities)
    named = {unit: f"{code}/units.toml" for code in codes for unit in tables[code].names.unit_named.values()}
    knowledge = Knowledge(languages, settings, table, unit_table, named, *load_measures())
    builtin_world = given_world is None or given_world is load_world()
    digest = _inputs_digest(entities, metric_words) if builtin_world else None
    if digest is not None:
        _FINGERPRINTS[knowledge] = digest
    return knowledge


# What each knowledge :func:`load_knowledge` built is made of, as a digest, for the caches of
# what the stages derive from it (:mod:`claimdiff.claim_cache`). Kept beside the knowledge, not
# in it: a knowledge built any other way (a test's, a ``dataclasses.replace`` of one, a world
# of its own) has none, and nothing derived from it is ever cached.
_FINGERPRINTS: weakref.WeakKeyDictionary[Knowledge, str] = weakref.WeakKeyDictionary()


def fingerprint(knowledge: Knowledge) -> str | None:
    """The digest of what :func:`load_knowledge` built ``knowledge`` from (every data table's
    text, a corpus's entities and metric words), or None when another way built it."""
    return _FINGERPRINTS.get(knowledge)


def _inputs_digest(entities: tuple[Entity, ...], metric_words: Mapping[str, MetricWords]) -> str | None:
    try:
        corpus = json.dumps(_canonical([entities, dict(metric_words)]), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None  # something of a type no digest is known for: no fingerprint
    return hashlib.sha256(f"{data_digest()}\0{corpus}".encode()).hexdigest()


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON values in a fixed order (sets sorted: their iteration order
    changes from one process to the next).

    >>> _canonical({"b": frozenset({"y", "x"}), "a": (1, None)})
    [['a', [1, None]], ['b', ['x', 'y']]]
    """
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [[f.name, _canonical(getattr(value, f.name))] for f in fields(value)]]
    if isinstance(value, dict):
        return sorted(([_canonical(k), _canonical(v)] for k, v in value.items()), key=_sort_key)
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=_sort_key)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"no canonical form for {type(value).__name__}")


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _with_metric_words(own: MetricWords, extra: MetricWords | None) -> MetricWords:
    """A language's metric words with a corpus's own added (the corpus's win on a shared word)."""
    if extra is None:
        return own
    return MetricWords(
        money=own.money | extra.money,
        other=own.other | extra.other,
        topics=own.topics | extra.topics,
        nouns=own.nouns | extra.nouns,
        parts=own.parts + tuple(w for w in extra.parts if w not in own.parts),
        counts=own.counts | extra.counts,
        located=own.located | extra.located,
        classifiers=own.classifiers,
        changes=own.changes,
    )


# What a sub-unit ("cent", "penny", "centime") is worth in its currency.
SUBUNIT = 0.01


def _currencies(money: CurrencyCodes, names: list[LocalNames], order: list[str]) -> Currencies:
    surfaces: dict[str, CurrencySurface] = {}

    def add(surface: str, code: str, case_sensitive: bool, ambiguous: bool = False, factor: float = 1.0) -> None:
        key = surface if case_sensitive else surface.lower()
        if key not in surfaces:
            surfaces[key] = CurrencySurface(surface, code, ambiguous, case_sensitive, factor)

    for written in money.symbols:
        add(written.surface, written.code, written.case_sensitive, written.ambiguous)
    for code in money.codes:
        add(code, code, True)  # the ISO code is always a way of writing its currency
        for prefix, factor in money.code_prefixes.items():
            add(prefix + code, code, True, factor=factor)  # "MEUR", "kUSD"
    known = frozenset(_cldr_currency_codes())
    for local in names:
        for table, factor in ((local.currency_names, 1.0), (local.currency_subunits, SUBUNIT)):
            for code, words in table.items():
                if code not in known:
                    raise LexiconError(f"data: currency names for {code}, which is no ISO 4217 code CLDR knows")
                for word in words:
                    add(word, code, False, word in local.currency_ambiguous, factor)
        for code, coins in local.currency_coins.items():
            if code not in known:
                raise LexiconError(f"data: coins of {code}, which is no ISO 4217 code CLDR knows")
            for word, share in coins.items():
                add(word, code, False, False, share)  # "3 dimes" is 0.30 USD
    # CLDR knows the names and local symbols in every language; prefer it over hand-written copies.
    for language in order:
        cldr = _cldr_currency_names(language, money.codes)
        for code, (singular, plural, symbol) in zip(money.codes, cldr, strict=True):
            add(singular, code, False)
            add(plural, code, False)
            if symbol != code and len(symbol) > 1:
                add(symbol, code, True)
    for written in money.local_forms:
        add(written.surface, written.code, True)
    # Every other currency CLDR names (historic ones too: "Finnish markka", "Dutch guilders"),
    # kept apart: a long list that extraction reads only after a word that opens one of them.
    # Amounts in a currency without ECB rates stay in that currency (see normalize).
    rare = {
        name.lower(): CurrencySurface(name, code, False, False)
        for language in order
        for name, code in _other_currency_names(language, money.codes)
        if name.lower() not in surfaces
    }
    cued = _cued_currencies([local.currency_cued for local in names], known, "cued names", glued=False)
    glued = _cued_currencies([local.currency_glued_subunits for local in names], known, "glued sub-units", glued=True)
    return Currencies(
        money.base,
        money.fx_uncertainty,
        money.codes,
        tuple(surfaces.values()),
        money.prefix_symbols,
        tuple(rare.values()),
        cued,
        glued,
    )


def _cued_currencies(
    tables: list[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]], known: frozenset[str], what: str, glued: bool
) -> dict[str, tuple[CurrencySurface, tuple[str, ...]]]:
    """Names that are a currency only near a cue ("pounds" near "profit"), keyed in lower case;
    or, ``glued``, sub-unit symbols written glued to the figure ("164p"), keyed as written."""
    out: dict[str, tuple[CurrencySurface, tuple[str, ...]]] = {}
    for table in tables:
        for code, (words, cues) in table.items():
            if code not in known:
                raise LexiconError(f"data: {what} of {code}, which is no ISO 4217 code CLDR knows")
            for name in words:
                surface = CurrencySurface(name, code, False, glued, SUBUNIT if glued else 1.0)
                out.setdefault(name if glued else name.lower(), (surface, cues))
    return out


# babel's answers about currencies, kept between runs like CLDR's unit names (lexicon.common):
# asking babel for them costs a command about 20 ms.


@cache
def _cldr_currency_answers() -> AnswerTable:
    import babel

    return AnswerTable("cldr-currencies", "cldr currencies 1", babel.__version__)


def _texts(value: Any, length: int | None = None) -> bool:
    """Whether ``value`` is a list of strings (of ``length`` of them, when given)."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value) and length in (None, len(value))


def _listed_key(codes: tuple[str, ...]) -> str:
    return hashlib.sha256(",".join(codes).encode()).hexdigest()[:16]


def _cldr_currency_codes() -> list[str]:
    """Every ISO 4217 code CLDR knows."""
    from babel.numbers import list_currencies

    return list(_cldr_currency_answers().answer("codes", lambda: sorted(list_currencies()), _texts))


def _cldr_currency_names(language: str, codes: tuple[str, ...]) -> list[list[str]]:
    """(singular name, plural name, local symbol) of each of ``codes`` in ``language``."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol

    def ask() -> list[list[str]]:
        locale = Locale.parse(language)
        return [
            [
                get_currency_name(code, count=1, locale=language),
                get_currency_name(code, count=2, locale=language),
                get_currency_symbol(code, locale=locale),
            ]
            for code in codes
        ]

    def shape(value: Any) -> bool:
        return isinstance(value, list) and len(value) == len(codes) and all(_texts(v, 3) for v in value)

    return list(_cldr_currency_answers().answer(f"names:{language}:{_listed_key(codes)}", ask, shape))


@cache  # babel's data, the same all run long; each language's list serves every lexicon
def _other_currency_names(language: str, listed: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, code) of every currency CLDR names in ``language`` but the ``listed`` ones, singular
    and plural; precious metals, funds and test codes ("Gold", "Silver") are no money in news."""
    key = f"others:{language}:{_listed_key(listed)}"
    pairs = _cldr_currency_answers().answer(key, lambda: _ask_other_names(language, listed), _pairs)
    return tuple((str(name), str(code)) for name, code in pairs)


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(_texts(v, 2) for v in value)


def _ask_other_names(language: str, listed: tuple[str, ...]) -> list[list[str]]:
    from babel.numbers import get_currency_name, list_currencies

    out: list[list[str]] = []
    for code in sorted(set(list_currencies()) - set(listed)):
        if code.startswith("X"):
            continue
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=language)
            if name != code:
                out.append([name, code])
    return out


def _qualifiers(symbols: QualifierPhrases, languages: list[QualifierPhrases], band: float) -> Qualifiers:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for table in (symbols, *languages):
        for phrase, kind in table.before:
            before.setdefault(phrase, kind)
        for phrase, kind in table.after:
            after.setdefault(phrase, kind)
    return Qualifiers(before, after, band, frozenset(languages[0].spans))


def _reported_in(units: dict[str, str]) -> Callable[[UnitSurface], UnitSurface]:
    """A unit surface with the canonical unit its figures are reported and compared in:
    ``units`` maps an entry's own unit to another of the same quantity ("mile" -> "meter")."""

    def compared(surface: UnitSurface) -> UnitSurface:
        reported = units.get(surface.canonical)
        return replace(surface, canonical=reported) if reported else surface

    return compared


def _units(table: UnitTable, names: list[LocalNames], languages: tuple[str, ...] = ()) -> Units:
    out: dict[tuple[str, bool], UnitSurface] = {}
    entries = {entry.pint: entry for entry in table.entries}

    def add(surface: str, pint_unit: str, case_sensitive: bool, canonical: str, metric: str) -> None:
        key = (surface if case_sensitive else surface.lower(), case_sensitive)
        out.setdefault(key, UnitSurface(surface, pint_unit, canonical, metric, case_sensitive))

    powered: dict[str, UnitSurface] = {}
    for entry in table.entries:
        if entry.power_only:
            for symbol in entry.symbols:
                for prefix in ("", *entry.prefixes):
                    pint_unit = table.prefixes.get(prefix, "") + entry.pint
                    powered[prefix + symbol] = UnitSurface(prefix + symbol, pint_unit, entry.pint, entry.metric, True)
            continue
        for symbol in entry.symbols:
            if entry.bare:
                add(symbol, entry.pint, not entry.nocase, entry.pint, entry.metric)
            else:
                powered[symbol] = UnitSurface(symbol, entry.pint, entry.pint, entry.metric, True)
            for prefix in entry.prefixes:
                add(prefix + symbol, table.prefixes[prefix] + entry.pint, not entry.nocase, entry.pint, entry.metric)
        for surface, pint_unit in entry.surfaces.items():
            add(surface, pint_unit, True, entry.pint, entry.metric)
    prefixable: dict[str, UnitSurface] = {}
    spelled_prefixes: dict[str, str] = {}
    for local in names:
        for pint_unit, words in local.unit_names.items():
            named = entries.get(pint_unit)
            if named is None:
                raise LexiconError(f"data: unit names for {pint_unit!r}, which common/units.toml does not list")
            for name in words:
                add(name, named.pint, False, named.pint, named.metric)
                if named.prefixes:
                    # Any prefix spelled out joins it ("picometre", "kibibytes"): read by
                    # splitting, so the generated names need not all be listed.
                    prefixable.setdefault(name.lower(), UnitSurface(name, named.pint, named.pint, named.metric, False))
                for prefix in named.prefixes:
                    pint_prefix = table.prefixes[prefix]
                    # The language's own spellings ("méga", "téra") and the international one.
                    for spelled in (*local.prefix_names.get(pint_prefix, ()), table.prefix_names[pint_prefix]):
                        add(spelled + name.lower(), pint_prefix + named.pint, False, named.pint, named.metric)
        for pint_prefix, international in table.prefix_names.items():
            for spelled in (*local.prefix_names.get(pint_prefix, ()), international):
                spelled_prefixes.setdefault(spelled.lower(), pint_prefix)
        for surface, pint_unit in local.unit_named.items():
            # The entry a prefixed unit belongs to: "milliliter" to "liter", "kilometer" to "meter".
            owner = next(
                (e for e in table.entries if pint_unit in (e.pint, *e.surfaces.values())),
                next((e for e in table.entries if pint_unit.endswith(e.pint)), None),
            )
            canonical = owner.pint if owner else pint_unit
            add(surface, pint_unit, False, canonical, owner.metric if owner else "")
    # CLDR's names in each language ("Kilometer", "Std.", "yrs"), after the tables' own.
    for entry in table.entries:
        for language in languages if entry.cldr else ():
            for name in cldr_unit_names(entry.cldr, language):
                add(name, entry.pint, False, entry.pint, entry.metric)
    per = tuple(dict.fromkeys((*table.per, *(w for local in names for w in local.unit_per))))
    not_before = tuple(dict.fromkeys(w for local in names for w in local.per_not_before))
    part_words: dict[tuple[str, str], UnitSurface] = {}
    for local in names:
        for word, pint_unit in local.part_words.items():
            owner = entries.get(pint_unit)
            for bigger, smaller in table.smaller_parts:
                if smaller == pint_unit and owner is not None:
                    part_words[(bigger, word)] = UnitSurface(word, pint_unit, pint_unit, owner.metric, True)
    bare_lengths = {
        symbol: UnitSurface(symbol, entry.pint, entry.pint, entry.metric, True)
        for entry in table.entries
        if not entry.bare and entry.metric == "length"
        for symbol in entry.symbols
    }
    for local in names:
        # "2 in thick": a smaller-part word of length is a unit before an extent word too.
        for word, pint_unit in local.part_words.items():
            owner = entries.get(pint_unit)
            if owner is not None and owner.metric == "length":
                bare_lengths.setdefault(word, UnitSurface(word, pint_unit, pint_unit, owner.metric, True))
    extent = tuple(dict.fromkeys(w for local in names for w in local.extent_words))
    cued: dict[str, tuple[UnitSurface, tuple[str, ...]]] = {}
    for local in names:
        for pint_unit, (words, cues) in local.cued.items():
            owner = entries.get(pint_unit)
            if owner is None:
                raise LexiconError(f"data: cued unit {pint_unit!r}, which common/units.toml does not list")
            for word in words:
                cued.setdefault(word.lower(), (UnitSurface(word, owner.pint, owner.pint, owner.metric, False), cues))
    # "5 miles" and "8 km", "3,870 ha" and "38.7 km²": one quantity's units, reported in one.
    compared = _reported_in(table.compared_in)
    return Units(
        tuple(map(compared, out.values())),
        per,
        table.substances,
        table.substance_units,
        not_before,
        table.smaller_parts,
        {key: compared(surface) for key, surface in part_words.items()},
        {key: compared(surface) for key, surface in bare_lengths.items()},
        extent,
        {key: (compared(surface), cues) for key, (surface, cues) in cued.items()},
        {key: compared(surface) for key, surface in powered.items()},
        {key: compared(surface) for key, surface in prefixable.items()},
        spelled_prefixes,
        tuple(dict.fromkeys(w for local in names for w in local.frequency_words)),
    )


def trie_alternation(words: Iterable[str], ignore_case: bool = False) -> str:
    """The same language as :func:`alternation`, written as a trie: one pass, no rescans.

    A long alternation makes ``re`` try every word at every position; the trie shares
    prefixes, so a position is dismissed after a character or two. Longer words are still
    tried first (a node's continuations come before the word that ends there), so where the
    pattern matches and what it captures are the same as with :func:`alternation`. With
    ``ignore_case`` (for patterns compiled with ``re.IGNORECASE``), letters are merged by
    their lower case, else two branches could both match and the shorter win.

    >>> trie_alternation(["bn", "billion", "Md"])
    '(?:Md|b(?:illion|n))'
    >>> trie_alternation(["EU", "Europe", "eu"], ignore_case=True)
    'eu(?:rope)?'
    """
    root: dict[str, Any] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        node = root
        for char in word:
            node = node.setdefault(_trie_key(char, ignore_case), {})
        node[""] = {}
    return _trie_pattern(root) if root else "(?!)"


def trie_words(words: Iterable[str], ignore_case: bool = False) -> str:
    """The words as a trie regex (:func:`trie_alternation`), or the empty string for none, as
    :func:`alternation` gives: for patterns tried at many positions (a figure's edges, the
    windows around every name, every date), where a trie dismisses a position after a
    character or two."""
    listed = list(words)
    return trie_alternation(listed, ignore_case) if listed else ""


def _trie_key(char: str, ignore_case: bool) -> str:
    # re folds case one character at a time: only one-to-one lower cases can be merged.
    folded = char.lower()
    return folded if ignore_case and len(folded) == 1 else char


def _trie_pattern(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if ends_here:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
