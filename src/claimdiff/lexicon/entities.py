"""Entities the subjects stage knows by name: general world knowledge plus a corpus's own cast."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from claimdiff.lexicon.files import DataFile

ENTITY_KINDS = ("organisation", "place", "event", "programme", "facility", "person")


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...]
    part_of: str


def entities_from(file: DataFile, known: Iterable[str] = ()) -> tuple[Entity, ...]:
    """Validated ``[[entity]]`` entries; ``part_of`` may name one of them or one of ``known``."""
    out = []
    for entry in file.entries("entity"):
        entry.only("name", "kind", "aliases", "part_of")
        name = entry.text_value("name")
        kind = entry.text_value("kind", choices=ENTITY_KINDS)
        out.append(Entity(name, kind, entry.words("aliases", required=False), entry.text_value("part_of", "")))
    names = {e.name for e in out} | set(known)
    for entity in out:
        if entity.part_of and entity.part_of not in names:
            raise file.error(f'"{entity.part_of}"', f"part_of names no entity: {entity.part_of!r}")
    return tuple(out)


@dataclass(frozen=True)
class EntityTable:
    """Known entities, with what each is part of and every way of writing it."""

    entities: tuple[Entity, ...]
    parents: dict[str, str] = field(init=False)
    kinds: dict[str, str] = field(init=False)
    aliases: dict[str, str] = field(init=False)
    demonyms: dict[str, str] = field(init=False)
    countries: dict[str, str] = field(init=False)  # a city the world knows -> its country's ISO code

    # Names a corpus writes for one entity (see :meth:`extended`): a spelling of a name, or a
    # name that extends it ("Acme Forum Summit" for "Acme Forum").
    corpus_names: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "parents", {e.name: e.part_of for e in self.entities if e.part_of})
        object.__setattr__(self, "kinds", {e.name: e.kind for e in self.entities})
        lookup: dict[str, str] = {}
        for entity in self.entities:
            for alias in (entity.name, *entity.aliases):
                lookup.setdefault(alias.lower(), entity.name)
        object.__setattr__(self, "aliases", lookup)
        # Adjectives of nationality ("French", "françaises") -> the country they qualify.
        demonyms: dict[str, str] = {}
        for entity in self.entities:
            for demonym in getattr(entity, "demonyms", ()):
                demonyms.setdefault(demonym.lower(), entity.name)
        object.__setattr__(self, "demonyms", {d: n for d, n in demonyms.items() if d not in lookup})
        countries = {e.name: str(getattr(e, "country", "")) for e in self.entities if getattr(e, "country", "")}
        object.__setattr__(self, "countries", countries)

    def lineage(self, name: str) -> tuple[str, ...]:
        """The entity and every wider entity it is part of.

        >>> table = EntityTable((Entity("France", "place", (), ""), Entity("Paris", "place", (), "France")))
        >>> table.lineage("Paris")
        ('Paris', 'France')
        """
        chain = [name]
        while self.parents.get(chain[-1]) and self.parents[chain[-1]] not in chain:
            chain.append(self.parents[chain[-1]])
        return tuple(chain)

    def extended(
        self, used: Counter[str], joiners: frozenset[str] = frozenset(), located: Mapping[str, str] | None = None
    ) -> EntityTable:
        """This table plus what the names a corpus uses (with their counts) show: spellings of
        one name (case, accents, hyphens: "Saint Vardel", "Saint-Vardel") become one entity, and a
        name that extends another ("Hyperion Module", "Saint-Vardel de Paris") is part of it,
        unless the shorter one is a place ("Paris Saclay" is not part of Paris) or a ``joiner``
        follows it ("Microsoft and Orbitex" names two). ``located`` names the country each place the
        corpus puts inside one lies in (see :mod:`claimdiff.subjects.places`): the place is part
        of it, not another spelling of it.

        >>> table = EntityTable(()).extended(Counter({"Hyperion": 3, "HYPERION Module": 1, "Hyperion module": 1}))
        >>> table.lineage("HYPERION Module")
        ('HYPERION Module', 'Hyperion module', 'Hyperion')
        """
        groups: dict[str, list[str]] = {}
        for name in sorted(used):
            if name:
                groups.setdefault(name_key(name), []).append(name)
        chosen = {key: self._representative(names, used) for key, names in groups.items()}
        added: list[Entity] = []
        for key, names in sorted(groups.items()):
            representative = chosen[key]
            added.extend(
                Entity(n, "", (), representative) for n in names if n != representative and n not in self.kinds
            )
            if representative in self.kinds:
                continue
            wider = self._extended_name(key, chosen, joiners)
            if wider:
                added.append(Entity(representative, "", (), wider))
        added.extend(self._acronyms(list(chosen.values()), {e.name for e in added}))
        added.extend(self._surnames(list(chosen.values()), {e.name for e in added}))
        spelled = {e.name for e in added}
        places = [
            Entity(place, "place", (), country)
            for place, country in sorted((located or {}).items())
            if place not in self.kinds and place not in spelled and country in self.kinds
        ]
        if not added and not places:
            return self
        return EntityTable(self.entities + tuple(added) + tuple(places), self.corpus_names | spelled)

    def _acronyms(self, names: list[str], placed: set[str]) -> list[Entity]:
        """An acronym the corpus uses stands for the one name it uses whose words' initials
        spell it ("ORE" for "Office de Régulation de l'Énergie", "NEA" for "National Energy
        Agency")."""
        by_initials: dict[str, list[str]] = {}
        for name in names:
            letters = initials(name)
            if len(letters) >= 3:
                by_initials.setdefault(letters, []).append(name)
        out = []
        for name in names:
            expanded = by_initials.get(name, [])
            if (
                name.isupper()
                and name.isalpha()
                and len(expanded) == 1
                and name not in self.kinds
                and name not in placed
            ):
                out.append(Entity(name, "", (), expanded[0]))
        return out

    def _surnames(self, names: list[str], placed: set[str]) -> list[Entity]:
        """A one-word name the corpus uses stands for the one two-word name it uses that ends with
        it ("Ferrand" for "Tomas Ferrand", "Roe" for "Jane Roe")."""
        by_last: dict[str, list[str]] = {}
        for name in names:
            words = name.split()
            if len(words) == 2 and all(w[:1].isupper() for w in words) and name not in self.kinds:
                by_last.setdefault(name_key(words[1]), []).append(name)
        out = []
        for name in names:
            longer = by_last.get(name_key(name), [])
            if (
                " " not in name
                and not name.isupper()
                and len(longer) == 1
                and name not in self.kinds
                and name not in placed
            ):
                out.append(Entity(name, "", (), longer[0]))
        return out

    def same(self, a: str, b: str) -> bool:
        """Whether two names are one entity: equal, or spellings and extensions of one name of
        the corpus (never an entity and another it is part of, such as a country's government)."""
        return a == b or self.written_for(a) == self.written_for(b)

    def written_for(self, name: str) -> str:
        """The one name a corpus's spellings and extensions of ``name`` stand for (see :meth:`same`)."""
        seen = {name}
        while name in self.corpus_names and self.parents.get(name) and self.parents[name] not in seen:
            name = self.parents[name]
            seen.add(name)
        return name

    def _representative(self, names: list[str], used: Counter[str]) -> str:
        known = [n for n in names if n in self.kinds]
        return known[0] if known else max(names, key=lambda n: (used[n], n))

    def _extended_name(self, key: str, chosen: dict[str, str], joiners: frozenset[str]) -> str:
        words = key.split()
        if joiners & set(words):
            return ""
        for size in range(len(words) - 1, 0, -1):
            shorter = chosen.get(" ".join(words[:size]))
            if shorter and self.kinds.get(shorter) != "place" and len(shorter) > 3:
                return shorter
        return ""

    def root(self, name: str) -> str:
        return self.lineage(name)[-1] if name else ""

    def kind_of(self, name: str) -> str:
        return self.kinds.get(name, "")

    def canonical(self, surface: str) -> str:
        """The canonical name of an entity as written ("ORBITEX" -> "Orbitex" when unknown).

        >>> EntityTable(()).canonical("HYPERION Module")
        'Hyperion Module'
        """
        text = re.sub(r"['’]s$", "", surface.strip())
        known = self.aliases.get(text.lower())
        if known:
            return known
        # A word in capitals longer than an acronym is the name's word written for emphasis
        # ("HYPERION Module" is "Hyperion Module").
        words = [w.title() if w.isupper() and len(w) > 4 else w for w in text.split(" ")]
        return self.aliases.get(" ".join(words).lower(), " ".join(words))


def name_key(name: str) -> str:
    """A name folded for matching across sources: no case, accents, hyphens or connectors
    ("Saint-Vardel de Paris" and "Saint Vardel de Paris" meet)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


def initials(name: str) -> str:
    """The initials of a name's capitalised words, without accents ("Office de Régulation
    de l'Énergie" -> "ORE"); "" for a name of one word."""
    words = [w for w in re.split(r"[\s\-'’]+", name) if w[:1].isupper()]
    if len(words) < 2:
        return ""
    letters = "".join(w[0] for w in words)
    return "".join(c for c in unicodedata.normalize("NFKD", letters) if not unicodedata.combining(c)).upper()
