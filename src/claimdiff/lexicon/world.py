"""General knowledge of the world as entities: countries and territories, their adjectives of
nationality, supranational and international bodies, and the cities CLDR names.

Territory names in each language come from CLDR through babel at load time, and so do cities:
the exemplar city of each time zone ("Paris", "Londres", "Mexico City"), with its country;
``data/common/world.toml`` adds what CLDR does not give (short forms such as "U.K.", demonyms,
the bodies). Every name is canonicalised to one English name:

>>> world = load_world()
>>> [world.lookup(s).name for s in ("France", "la France", "Frankreich", "französischen", "USA")]
['France', 'France', 'France', 'France', 'United States']
>>> world.lookup("the French").name, world.lookup("Atlantis") is None
('France', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from claimdiff.errors import LexiconError
from claimdiff.lexicon import files
from claimdiff.lexicon.common import output_language
from claimdiff.lexicon.entities import ENTITY_KINDS, Entity
from claimdiff.lexicon.files import language_folders
from claimdiff.schema import Document, Field, Table, parse, validate, words

# The supported languages: the folders of claimdiff/data (world.toml may name no other).
LANGUAGES = language_folders()
SOURCE = "data/common/world.toml"


@dataclass(frozen=True)
class WorldEntity(Entity):
    """An entity of general knowledge.

    ``demonyms`` are the adjectives of nationality of a country in every inflected form
    ("französischen"); they are not aliases, because an adjective is not a name: "the French
    government" is about France's government, not about France.
    """

    code: str = ""  # ISO 3166-1 alpha-2 code of a territory; "" for a body
    demonyms: tuple[str, ...] = ()
    # A city's country (ISO code). Not ``part_of``: a city's figures are not its country's
    # ("20 TWh consumed in London" is no contradiction of "30 TWh in the United Kingdom").
    country: str = ""
    # The names each language gives it (CLDR's and world.toml's), as (language, names): a name
    # of one language only is a word or a person in another ("Island" is Iceland in German;
    # "Jordan" is Jordan in English, a first name in a French text).
    names_by_language: tuple[tuple[str, tuple[str, ...]], ...] = ()


# --- the schema of world.toml ------------------------------------------------------------

_LANGUAGE = Field("string", choices=LANGUAGES)
_BY_LANGUAGE = Table(other=words(), keys=_LANGUAGE)
_REPLACEMENTS = Table(other=Field("string"))
SCHEMA = Table(
    {
        "settings": Field(
            "table",
            required=True,
            table=Table(
                {
                    "skip": words(required=True),
                    "articles": Field("table", table=_BY_LANGUAGE),
                    "city_zones": words(),
                    "city_skip": words(),
                }
            ),
        ),
        "variants": Field(
            "table",
            table=Table(other=Field("table", table=_REPLACEMENTS), keys=Field("string", choices=("all", *LANGUAGES))),
        ),
        "inflection": Field(
            "table",
            table=Table(
                other=Field(
                    "table",
                    table=Table(
                        {
                            "endings": words(required=True),
                            "invariable_endings": words(),
                            "capitalised_invariable": Field("boolean"),
                        }
                    ),
                ),
                keys=_LANGUAGE,
            ),
        ),
        "territory": Field(
            "table",
            table=Table(
                other=Field(
                    "table",
                    table=Table(
                        {
                            "name": Field("string"),
                            "aliases": Field("table", table=_BY_LANGUAGE),
                            "demonyms": Field("table", table=_BY_LANGUAGE),
                        }
                    ),
                ),
                keys=Field("string", check="territory"),
            ),
        ),
        "body": Field(
            "list",
            items=Field(
                "table",
                table=Table(
                    {
                        "name": Field("string", required=True),
                        "kind": Field("string", required=True, choices=ENTITY_KINDS),
                        "aliases": Field("table", table=_BY_LANGUAGE),
                        "part_of": Field("string"),
                    }
                ),
            ),
        ),
    }
)


def _territory_code(code: Any) -> str | None:
    if code not in _cldr_codes():
        return "is not an ISO 3166 territory code CLDR knows"
    return None


@cache  # babel's data, the same all run long; asked once per territory of the table
def _cldr_codes() -> frozenset[str]:
    """ISO 3166 two-letter codes CLDR names (any supported language's list holds them all)."""
    territories = Locale.parse(LANGUAGES[0]).territories
    return frozenset(c for c in territories if isinstance(c, str) and len(c) == 2 and c.isalpha())


# --- loading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """The entities of world.toml and CLDR in some languages, and a lookup by any surface."""

    entities: tuple[WorldEntity, ...]
    index: Mapping[str, WorldEntity]  # casefolded alias or demonym -> entity
    articles: tuple[str, ...]  # casefolded, longest first

    def lookup(self, surface: str) -> WorldEntity | None:
        """The entity a name or adjective of nationality stands for, articles aside."""
        key = " ".join(surface.split()).casefold()
        if key in self.index:
            return self.index[key]
        for article in self.articles:
            elided = article.endswith(("'", "’"))  # l'Allemagne: no space after the article
            if key.startswith(article if elided else article + " "):
                return self.index.get(key[len(article) :].lstrip())
        return None


def load_world(text: str | None = None, languages: Iterable[str] = LANGUAGES, source: str = SOURCE) -> World:
    """Build the world from the text of a world.toml (the package's by default) in ``languages``;
    a malformed table raises LexiconError. Every country and territory, then every body."""
    text = files.data_text("common/world.toml") if text is None else text
    return _build_world(text, tuple(languages), source, output_language())


# Built once per process for the same table (the corpus config and the knowledge both ask for
# it); keyed by everything it is made of, so a test that swaps a data file gets a new one.
@cache
def _build_world(text: str, languages: tuple[str, ...], source: str, written_in: str) -> World:
    doc = parse(text, source, LexiconError)
    validate(doc, SCHEMA, checks={"territory": _territory_code})
    cldr = _cldr_names(languages, written_in)
    entities = (*_territories(doc, languages, cldr, written_in), *_bodies(doc, languages))
    index = _index(doc, entities)
    cities = tuple(_cities(doc, languages, written_in, entities, index))
    entities += cities
    index = {**index, **{alias.casefold(): city for city in cities for alias in city.aliases}}
    _check_part_of(doc, entities)
    articles = doc.data["settings"].get("articles", {})
    chosen = {a.casefold() for lang in languages for a in articles.get(lang, [])}
    return World(entities, index, tuple(sorted(chosen, key=lambda a: (-len(a), a))))


def _cldr_names(languages: tuple[str, ...], written_in: str) -> dict[str, Mapping[str, str]]:
    names: dict[str, Mapping[str, str]] = {}
    for language in dict.fromkeys((written_in, *languages)):
        try:
            names[language] = Locale.parse(language).territories
        except (UnknownLocaleError, ValueError):
            raise LexiconError(f"{SOURCE}: CLDR has no territory names for language {language!r}") from None
    return names


def _territories(
    doc: Document, languages: tuple[str, ...], cldr: dict[str, Mapping[str, str]], written_in: str
) -> Iterator[WorldEntity]:
    settings, tables = doc.data["settings"], doc.data.get("territory", {})
    for code in sorted(_cldr_codes() - set(settings["skip"])):
        table = tables.get(code, {})
        name = table.get("name", cldr[written_in][code])
        by_language = {language: [name] if language == written_in else [] for language in languages}
        for language in languages:
            if code in cldr[language]:
                by_language[language] += _variants(doc, language, [cldr[language][code]])
            by_language[language] += _variants(doc, language, table.get("aliases", {}).get(language, []))
        aliases = _unique([name, *(a for names in by_language.values() for a in names)])
        demonyms = [d for lang in languages for d in _inflect(doc, lang, table.get("demonyms", {}).get(lang, []))]
        native = tuple((language, _unique(names)) for language, names in by_language.items())
        yield WorldEntity(name, "place", aliases, "", code, _unique(demonyms), names_by_language=native)


def _bodies(doc: Document, languages: tuple[str, ...]) -> Iterator[WorldEntity]:
    for body in doc.data.get("body", []):
        aliases = [body["name"]]
        native = []
        for language in languages:
            own = _variants(doc, language, body.get("aliases", {}).get(language, []))
            aliases += own
            native.append((language, _unique(own)))  # its canonical name is every language's
        yield WorldEntity(
            body["name"], body["kind"], _unique(aliases), body.get("part_of", ""), names_by_language=tuple(native)
        )


def _cities(
    doc: Document, languages: tuple[str, ...], written_in: str, known: tuple[WorldEntity, ...], index: Mapping[str, Any]
) -> Iterator[WorldEntity]:
    """The exemplar city of each time zone CLDR places in a country of ``known`` and in one of
    the ``city_zones`` areas, named as CLDR writes it in each language ("Londres" for London),
    with its country. Left out: Antarctica's stations (named after people), names that are a
    country's or a body's already ("Singapore", "Vatican", French "Mexico"), names CLDR writes
    with their region ("Knox, Indiana") and the ``city_skip`` names that are words or people
    more often than places ("Darwin", "Oral")."""
    countries = {e.code for e in known if e.code}
    settings = doc.data["settings"]
    areas = tuple(f"{c}/" for c in settings.get("city_zones", []))
    skip = {name.casefold() for name in settings.get("city_skip", [])}
    # CLDR's own names of the cities (not the system's time-zone database): a zone's city is
    # its translation where CLDR gives one, else the zone's last part ("Mexico_City").
    localized = {lang: Locale.parse(lang).time_zones for lang in dict.fromkeys((written_in, *languages))}
    taken: set[str] = set()
    for zone, territory in sorted(get_global("zone_territories").items()):
        if not zone.startswith(areas) or territory not in countries:
            continue
        plain = zone.rsplit("/", 1)[1].replace("_", " ")
        names = _unique(localized[lang].get(zone, {}).get("city") or plain for lang in (written_in, *languages))
        free = [
            a
            for lang in languages
            for a in _variants(doc, lang, list(names))
            if a.casefold() not in index and a.casefold() not in taken and a.casefold() not in skip
        ]
        if names[0] in free and not any(c in names[0] for c in ",/[("):
            taken.update(a.casefold() for a in free)
            yield WorldEntity(names[0], "place", _unique(free), "", country=territory)


def _variants(doc: Document, language: str, names: list[str]) -> list[str]:
    """Each name, then the spellings [variants] derives from it ("&" -> "and", "’" -> "'")."""
    table = doc.data.get("variants", {})
    rules = {**table.get("all", {}), **table.get(language, {})}
    out = []
    for name in names:
        out.append(name)
        out += [name.replace(old, new) for old, new in rules.items() if old in name]
    return out


def _inflect(doc: Document, language: str, forms: list[str]) -> list[str]:
    """Every inflected form of the adjectives ``forms`` by the language's [inflection] table.

    >>> _inflect(parse('[inflection.de]\\nendings = ["e", "en"]\\ncapitalised_invariable = true', "t"), "de",
    ...          ["französisch", "Schweizer"])
    ['französisch', 'französische', 'französischen', 'Schweizer']
    """
    rule = doc.data.get("inflection", {}).get(language, {})
    out = []
    for form in forms:
        out.append(form)
        invariable = form.endswith(tuple(rule.get("invariable_endings", []))) or (
            rule.get("capitalised_invariable", False) and form[:1].isupper()
        )
        if not invariable:
            out += [form + ending for ending in rule.get("endings", [])]
    return out


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _index(doc: Document, entities: Iterable[WorldEntity]) -> dict[str, WorldEntity]:
    """Casefolded alias or demonym -> entity; a surface two entities claim is an error."""
    index: dict[str, WorldEntity] = {}
    for entity in entities:
        for surface in (*entity.aliases, *entity.demonyms):
            other = index.setdefault(surface.casefold(), entity)
            if other is not entity:
                line = _line_of_text(doc, surface)
                raise doc.fail((), f"{surface!r} would name both {other.name!r} and {entity.name!r}", line)
    return index


def _check_part_of(doc: Document, entities: tuple[WorldEntity, ...]) -> None:
    names = {e.name for e in entities}
    for index, entity in enumerate(e for e in entities if not e.code):
        if entity.part_of and entity.part_of not in names:
            raise doc.fail(("body", index, "part_of"), f"[[body]] 'part_of' names no entity: {entity.part_of!r}")


def _line_of_text(doc: Document, surface: str) -> int | None:
    """The first line that writes ``surface`` as a string, for entries built from several keys."""
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if f'"{surface}"' in line:
            return number
    return None
