"""The tables of one language folder (``claimdiff/data/<lang>/``), validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING

from claimdiff.lexicon.files import DataFile, read
from claimdiff.lexicon.matcher import Substrings

if TYPE_CHECKING:
    from babel import Locale


@dataclass(frozen=True)
class NumberWords:
    """Number words of one language (see ``data/<lang>/numbers.toml``)."""

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
    magnitude_phrases: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    rank_context: tuple[str, ...]
    negative_words: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    standalone: frozenset[str] = frozenset()
    vague: dict[str, float] = field(default_factory=dict)
    percent_before: tuple[str, ...] = ()
    bracket_negative_after: tuple[str, ...] = ()
    article_idioms: tuple[str, ...] = ()

    def is_number_word(self, word: str) -> bool:
        return word in self.cardinals or word in self.hundreds or word in self.scales

    @cached_property
    def glued_part(self) -> re.Pattern[str]:
        """One number word of a number written as one word ("fünf|und|zwanzig"), see
        :func:`claimdiff.numbers.glued_parts`: a connector, then a number word after which
        the rest of the word is number words and connectors too."""
        longest_first = sorted({*self.cardinals, *self.hundreds, *self.scales}, key=lambda w: (-len(w), w))
        part = "|".join(map(re.escape, longest_first))
        link = "|".join(map(re.escape, sorted(self.connectors, key=lambda w: (-len(w), w))))
        return re.compile(rf"({link})?({part})(?=(?:(?:{link})?(?:{part}))*$)")

    @cached_property
    def compound_memo(self) -> dict[str, tuple[str, ...]]:
        """Words :func:`claimdiff.numbers.split_compound` has already split."""
        return {}

    @cached_property
    def number_roots(self) -> Substrings:
        """The words every number word, fraction or multiplier holds (see
        :func:`claimdiff.extract.figures._openers`)."""
        tables = (self.cardinals, self.hundreds, self.scales, self.fractions, self.vague, self.approximate)
        return Substrings(word for table in (*tables, self.multipliers) for word in table)

    @cached_property
    def ordinal_words(self) -> Substrings:
        """The ordinal words, found in a sentence's lower case before its words are looked at."""
        return Substrings(self.ordinals)

    @cached_property
    def opener_memo(self) -> tuple[set[str], set[str]]:
        """Words :func:`claimdiff.extract.figures._openers` has already judged: (those that
        may open a figure, the others)."""
        return set(), set()


def load_numbers(code: str) -> NumberWords:
    file = read(f"{code}/numbers.toml")
    keys = [f.name for f in fields(NumberWords)]
    file.only(*keys)

    def lower(key: str) -> dict[str, float]:
        return {w.lower(): v for w, v in file.numbers(key).items()}

    return NumberWords(
        cardinals=lower("cardinals"),
        hundreds=lower("hundreds"),
        scales=lower("scales"),
        connectors=frozenset(w.lower() for w in file.words("connectors")),
        articles=frozenset(w.lower() for w in file.words("articles")),
        ordinals={w: int(v) for w, v in lower("ordinals").items()},
        fractions=lower("fractions"),
        multipliers=lower("multipliers"),
        approximate=lower("approximate"),
        factor_phrases=file.words("factor_phrases", required=False),
        magnitude_phrases=file.words("magnitude_phrases", required=False),
        ordinal_suffixes=file.words("ordinal_suffixes"),
        rank_context=file.words("rank_context"),
        negative_words=file.words("negative_words", required=False),
        alternatives=file.words("alternatives", required=False),
        standalone=frozenset(w.lower() for w in file.words("standalone", required=False)),
        vague=lower("vague") if "vague" in file.table else {},
        percent_before=file.words("percent_before", required=False),
        bracket_negative_after=file.words("bracket_negative_after", required=False),
        article_idioms=file.words("article_idioms", required=False),
    )


@dataclass(frozen=True)
class QualifierPhrases:
    """(phrase, kind) pairs written before and after a figure, in table order."""

    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    spans: tuple[str, ...]


def load_qualifier_phrases(name: str, kinds: tuple[str, ...], with_spans: bool) -> QualifierPhrases:
    file = read(name)
    file.only("before", "after", *(("spans",) if with_spans else ("bands",)))
    sides = []
    for side in ("before", "after"):
        pairs: list[tuple[str, str]] = []
        for entry in file.entries(side):
            entry.only("phrases", "kind")
            kind = entry.text_value("kind", choices=kinds)
            pairs.extend((phrase.lower(), kind) for phrase in entry.words("phrases"))
        sides.append(tuple(pairs))
    spans = file.words("spans") if with_spans else ()
    return QualifierPhrases(sides[0], sides[1], tuple(w.lower() for w in spans))


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    at: tuple[str, ...]
    since: tuple[str, ...]
    by: tuple[str, ...]
    quarters: tuple[str, ...]
    quarter_names: tuple[str, ...] = ()
    baselines: tuple[str, ...] = ()  # before a year a figure is compared with ("compared with")
    # phrase -> years after the publication year ("last year" -> -1), CLDR's relative patterns
    # with a number ("{0} years ago" -> -1 per year) included as (pattern, sign) pairs
    relative_years: dict[str, int] = field(default_factory=dict)
    relative_patterns: tuple[tuple[str, int], ...] = ()
    clock_marks: tuple[str, ...] = ()  # after an hour, a time of day ("10 pm", "22 h 11", "8 Uhr")


def load_time(code: str) -> TimeWords:
    from babel import Locale

    file = read(f"{code}/time.toml")
    file.only(
        "months",
        "seasons",
        "at",
        "since",
        "by",
        "quarters",
        "quarter_names",
        "baselines",
        "relative_years",
        "clock_marks",
    )
    months = {k.lower(): int(v) for k, v in file.numbers("months").items()}
    # CLDR month names in both widths complete the hand-written abbreviations.
    locale = Locale.parse(code)
    for width in ("wide", "abbreviated"):
        for number, name in locale.months["format"][width].items():
            months.setdefault(name.lower().rstrip("."), number)
    seasons = {}
    for name, span in file.section("seasons").table.items():
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(m, int) for m in span)):
            raise file.error(name, f"season {name!r} must be [first month, last month]")
        seasons[name.lower()] = (int(span[0]), int(span[1]))
    return TimeWords(
        months=months,
        seasons=seasons,
        at=file.words("at"),
        since=file.words("since"),
        by=file.words("by"),
        quarters=file.words("quarters"),
        quarter_names=file.words("quarter_names", required=False),
        baselines=file.words("baselines", required=False),
        relative_years={k.lower(): int(v) for k, v in file.numbers("relative_years", required=False).items()},
        relative_patterns=_relative_patterns(locale),
        clock_marks=tuple(dict.fromkeys((*file.words("clock_marks", required=False), *_day_periods(locale)))),
    )


def _day_periods(locale: Locale) -> tuple[str, ...]:
    """CLDR's abbreviated names of the morning and afternoon halves of the clock ("AM", "PM")."""
    periods = locale.day_periods.get("format", {}).get("abbreviated", {})
    return tuple(str(periods[key]) for key in ("am", "pm") if key in periods)


def _relative_patterns(locale: Locale) -> tuple[tuple[str, int], ...]:
    """CLDR's phrases for a number of years before or after now ("{0} years ago": -1), read
    from babel's own formatting of one and of five years with their direction."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    patterns = set()
    for years in (1, 5):
        for sign in (-1, 1):
            phrase = format_timedelta(
                timedelta(days=sign * 365 * years), granularity="year", add_direction=True, locale=locale
            )
            if str(years) in phrase:
                patterns.add((phrase.replace(str(years), "{0}", 1), sign))
    return tuple(sorted(patterns))


@dataclass(frozen=True)
class FunctionWords:
    stop: frozenset[str]
    head_last: bool
    plurals: frozenset[str]
    nouns_capitalised: bool = False
    determiners: tuple[str, ...] = ()
    # A language whose news rarely writes this one's common nouns, and often its names.
    contrast_language: str = ""


def load_function_words(code: str) -> FunctionWords:
    file = read(f"{code}/words.toml")
    file.only("head", "plurals", "stop", "nouns_capitalised", "determiners", "contrast_language")
    head = file.text_value("head", choices=("first", "last"))
    plurals = frozenset(file.words("plurals"))
    capitalised, determiners = file.flag("nouns_capitalised"), file.words("determiners", required=False)
    contrast = file.text_value("contrast_language", default="")
    return FunctionWords(frozenset(file.words("stop")), head == "last", plurals, capitalised, determiners, contrast)


def load_events(code: str) -> dict[str, str]:
    """Event phrase (lower case) -> the date metric it announces."""
    file = read(f"{code}/events.toml")
    return {phrase.lower(): metric for metric in file.table for phrase in file.words(metric)}


@dataclass(frozen=True)
class MetricWords:
    money: dict[str, str]
    other: dict[str, str]
    topics: dict[str, str]
    nouns: dict[str, str]
    parts: tuple[str, ...]
    counts: dict[str, str] = field(default_factory=dict)
    located: frozenset[str] = frozenset()
    classifiers: frozenset[str] = frozenset()
    # Words of a change right before or after a percentage ("rose 23%", "a 59% rise", "en
    # hausse de 32 %"): the percentage is the growth of the measure named near it.
    changes: tuple[str, ...] = ()


def load_metric_words(code: str) -> MetricWords:
    file = read(f"{code}/metrics.toml")
    file.only("parts", "changes", "located", "unlocated", "classifiers", "money", "other", "topics", "nouns", "counts")

    def invert(section: str) -> dict[str, str]:
        return {w.lower(): name for name, words in file.word_table(section).items() for w in words}

    counts = {w.lower(): name for name, words in file.word_table("counts", required=False).items() for w in words}
    # Counts of people are measured where they are (a town's dead), but for those `unlocated`
    # names: a company's staff is the company's wherever it works.
    unlocated = frozenset(file.words("unlocated", required=False))
    located = frozenset(file.words("located", required=False)) | (frozenset(counts.values()) - unlocated)
    classifiers = frozenset(w.lower() for w in file.words("classifiers", required=False))
    return MetricWords(
        invert("money"),
        invert("other"),
        invert("topics"),
        invert("nouns"),
        file.words("parts"),
        counts,
        located,
        classifiers,
        file.words("changes", required=False),
    )


@dataclass(frozen=True)
class LocalNames:
    """Names of currencies and units in one language."""

    currency_names: dict[str, tuple[str, ...]]
    currency_ambiguous: frozenset[str]
    unit_names: dict[str, tuple[str, ...]]
    unit_named: dict[str, str]
    unit_per: tuple[str, ...]
    prefix_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    currency_subunits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words that end a per-unit phrase's reading: "$1.2bn a year earlier" is no rate per year.
    per_not_before: tuple[str, ...] = ()
    # Words that name a unit only as the smaller part of a quantity ("5 ft 2 in").
    part_words: dict[str, str] = field(default_factory=dict)
    # Words after which a bare length symbol is a unit: "1.8m tall" (not "5m users").
    extent_words: tuple[str, ...] = ()
    # pint unit -> (its names, the cue words before the figure that make them a unit):
    # "rotate 90 degrees" is an angle, "40 degrees" alone may be heat or diplomas.
    cued: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # Words that count occurrences before a rate's denominator ("four times per week").
    frequency_words: tuple[str, ...] = ()
    # ISO 4217 code -> coins worth another share of the currency than a hundredth ("dime": 0.1).
    currency_coins: dict[str, dict[str, float]] = field(default_factory=dict)
    # ISO 4217 code -> (names that are money only near a cue, the cues): "pounds" of weight or
    # of sterling ("operating profit of 361 million pounds").
    currency_cued: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # ISO 4217 code -> (symbols of its hundredth written glued to the figure, the cues): British
    # share prices in pence ("shares rose to 164p"); "1080p" alone is a screen's resolution.
    currency_glued_subunits: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)


def _coins(money: DataFile) -> dict[str, dict[str, float]]:
    coins = money.section("coins", required=False)
    out: dict[str, dict[str, float]] = {}
    for code in coins.table:
        table = coins.section(code).table
        if not all(isinstance(v, (int, float)) and 0 < v < 1 for v in table.values()):
            raise coins.error(code, f"coins.{code} must map names to a share of the currency between 0 and 1")
        out[str(code)] = {str(name): float(value) for name, value in table.items()}
    return out


def _cued_units(units: DataFile, section: str = "cued") -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    cued = units.section(section, required=False)
    out = {}
    for pint_unit in cued.table:
        entry = cued.section(pint_unit)
        entry.only("names", "cues")
        out[str(pint_unit)] = (entry.words("names"), entry.words("cues"))
    return out


def load_local_names(code: str) -> LocalNames:
    money = read(f"{code}/currencies.toml")
    money.only("names", "ambiguous", "subunits", "coins", "cued", "glued_subunits")
    units = read(f"{code}/units.toml")
    units.only(
        "per",
        "names",
        "named",
        "prefix_names",
        "per_not_before",
        "part_words",
        "extent_words",
        "cued",
        "frequency_words",
    )
    named = units.section("named", required=False)
    for key, value in named.table.items():
        if not isinstance(value, str):
            raise units.error(key, f"named.{key} must be a pint unit name")
    return LocalNames(
        currency_names=money.word_table("names"),
        currency_ambiguous=frozenset(money.words("ambiguous", required=False)),
        unit_names=units.word_table("names"),
        unit_named=dict(named.table),
        unit_per=units.words("per"),
        prefix_names=units.word_table("prefix_names", required=False),
        currency_subunits=money.word_table("subunits", required=False),
        per_not_before=units.words("per_not_before", required=False),
        extent_words=units.words("extent_words", required=False),
        part_words={str(k): str(v) for k, v in units.section("part_words", required=False).table.items()},
        cued=_cued_units(units),
        frequency_words=units.words("frequency_words", required=False),
        currency_coins=_coins(money),
        currency_cued=_cued_units(money),  # the same [cued.<key>] layout: names and cues
        currency_glued_subunits=_cued_units(money, "glued_subunits"),
    )


@dataclass(frozen=True)
class Ranking:
    terms: tuple[str, ...]
    number_of: tuple[str, ...]
    articles: tuple[str, ...]
    within: tuple[str, ...]
    for_: tuple[str, ...]
    name_prefixes: tuple[str, ...]
    world_scope: tuple[str, ...]
    europe_scope: tuple[str, ...]
    not_rankings: tuple[str, ...]
    editions: tuple[str, ...]


@dataclass(frozen=True)
class Definitions:
    as_: tuple[str, ...]
    as_verbs: tuple[str, ...]
    copulas: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class DateWords:
    day_suffixes: tuple[str, ...]
    month_year_links: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    """Phrases that give sentences their structure (see ``data/en/grammar.toml``)."""

    percent: tuple[str, ...]
    percent_glued: tuple[str, ...]
    scale_currency_links: tuple[str, ...]
    count_links: tuple[str, ...]
    change_from: tuple[str, ...]
    range_connectors: tuple[str, ...]
    pair_connectors: tuple[str, ...]
    range_words: tuple[str, ...]
    participle_suffixes: tuple[str, ...]
    opening_endings: tuple[str, ...]
    tallies: tuple[str, ...]
    people_predicates: tuple[str, ...]
    plural_suffixes: tuple[str, ...]
    singular_endings: tuple[str, ...]
    name_connectors: tuple[str, ...]
    name_articles: tuple[str, ...]
    attributive_determiners: tuple[str, ...]
    not_names: tuple[str, ...]
    place_adjectives: tuple[str, ...]
    attribute_suffixes: tuple[str, ...]
    locatives: tuple[str, ...]
    passive_agents: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    elisions: tuple[str, ...]
    pronouns: tuple[str, ...]
    anaphoric_pronouns: tuple[str, ...]
    impersonal_openings: tuple[str, ...]
    organisation_references: tuple[str, ...]
    origin_links: tuple[str, ...]
    possessive_determiners: tuple[str, ...]
    apposition_articles: tuple[str, ...]
    definite_articles: tuple[str, ...]
    place_pronouns: tuple[str, ...]
    project_references: tuple[str, ...]
    person_titles: tuple[str, ...]
    office_titles: tuple[str, ...]
    settlement_nouns: tuple[str, ...]
    containment: tuple[str, ...]
    attributions: tuple[str, ...]
    complements: tuple[str, ...]
    hedges: tuple[str, ...]
    alternatives: tuple[str, ...]
    estimators: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    reported_clauses: tuple[str, ...]
    gerund_markers: tuple[str, ...]
    relative_pronouns: tuple[str, ...]
    list_openers: tuple[str, ...]
    respectively: tuple[str, ...]
    institution_heads: tuple[str, ...]
    name_adjective_suffixes: tuple[str, ...]
    figure_adjectives: tuple[str, ...]
    sum_splits: tuple[str, ...]
    ranking: Ranking
    definitions: Definitions
    dates: DateWords


# Grammar that belongs to one language only; every other list is read in every text, its own
# language's phrases first, because sources mix languages ("+ de 1,000" in an English dossier).
OWN_LANGUAGE_ONLY = frozenset(
    {
        "percent_glued",
        "participle_suffixes",
        "opening_endings",
        "plural_suffixes",
        "singular_endings",
        "gerund_markers",
        "institution_heads",
        "name_adjective_suffixes",
        "figure_adjectives",
        "sum_splits",
        "apposition_articles",
        "definite_articles",
        "place_pronouns",
        "project_references",
        "definitions",
    }
)


def load_grammar(code: str) -> Grammar:
    file = read(f"{code}/grammar.toml")
    plain = [f.name for f in fields(Grammar) if f.name not in ("ranking", "definitions", "dates")]
    file.only(*plain, "ranking", "definitions", "dates")
    return Grammar(
        **{name: file.words(name) for name in plain},  # type: ignore[arg-type]
        ranking=Ranking(**_words_of(file.section("ranking"), Ranking)),
        definitions=Definitions(**_words_of(file.section("definitions"), Definitions)),
        dates=DateWords(**_words_of(file.section("dates"), DateWords)),
    )


def _words_of(file: DataFile, cls: type) -> dict[str, tuple[str, ...]]:
    """Read a section whose keys are a dataclass's fields (``for_`` is written ``for``)."""
    names = {f.name.rstrip("_"): f.name for f in fields(cls)}
    file.only(*names)
    return {attribute: file.words(key) for key, attribute in names.items()}


def merge_grammar(own: Grammar, others: list[Grammar]) -> Grammar:
    """The grammar a text of ``own``'s language is read with (see OWN_LANGUAGE_ONLY)."""

    def merged(get: object) -> tuple[str, ...]:
        out: list[str] = []
        for grammar in (own, *others):
            out.extend(w for w in get(grammar) if w not in out)  # type: ignore[operator]
        return tuple(out)

    values: dict[str, object] = {}
    for f in fields(Grammar):
        if f.name in OWN_LANGUAGE_ONLY:
            values[f.name] = getattr(own, f.name)
        elif f.name in ("ranking", "dates"):
            cls = type(getattr(own, f.name))
            values[f.name] = cls(
                **{g.name: merged(lambda gr, a=f.name, b=g.name: getattr(getattr(gr, a), b)) for g in fields(cls)}
            )
        else:
            values[f.name] = merged(lambda gr, a=f.name: getattr(gr, a))
    return Grammar(**values)  # type: ignore[arg-type]


def load_abbreviations(name: str) -> tuple[str, ...]:
    file = read(name)
    file.only("abbreviations")
    return file.words("abbreviations")


@dataclass(frozen=True)
class FactWords:
    """How one language states facts about an organisation (see ``data/en/facts.toml``)."""

    organisation: dict[str, str]  # word naming a kind of organisation (lower case) -> its family
    cues: dict[str, tuple[str, ...]]  # attribute -> phrases introducing its value
    leaders: dict[str, str]  # title (lower case) -> the role it names
    founder_titles: tuple[str, ...]
    past_markers: tuple[str, ...]
    of: tuple[str, ...]
    generic: frozenset[str]
    stemmer: str


FACT_ATTRIBUTES = (
    "founded",
    "founded_after",
    "founders",
    "cofounded",
    "headquarters",
    "headquarters_before",
    "parent",
    "activity",
    "product",
)
FACT_STEMMERS = ("english", "french", "german")


def load_fact_words(code: str) -> FactWords:
    file = read(f"{code}/facts.toml")
    file.only("organisation", "cues", "leaders", "founder_titles", "past_markers", "of", "generic", "stemmer")
    cues = file.section("cues")
    cues.only(*FACT_ATTRIBUTES)

    def invert(section: str) -> dict[str, str]:
        return {w.lower(): name for name, words in file.word_table(section).items() for w in words}

    return FactWords(
        organisation=invert("organisation"),
        cues={name: tuple(w.lower() for w in words) for name, words in file.word_table("cues").items()},
        leaders=invert("leaders"),
        founder_titles=tuple(w.lower() for w in file.words("founder_titles")),
        past_markers=tuple(w.lower() for w in file.words("past_markers")),
        of=file.words("of"),
        generic=frozenset(w.lower() for w in file.words("generic")),
        stemmer=file.text_value("stemmer", choices=FACT_STEMMERS),
    )
