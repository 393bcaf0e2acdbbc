"""Entities the subjects stage knows by name: general world knowledge plus a corpus's own cast."""

from __future__ import annotations

import re
from collections.abc import Iterable
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

    def root(self, name: str) -> str:
        return self.lineage(name)[-1] if name else ""

    def kind_of(self, name: str) -> str:
        return self.kinds.get(name, "")

    def canonical(self, surface: str) -> str:
        """The canonical name of an entity as written ("BROOKFIELD" -> "Brookfield" when unknown).

        >>> EntityTable(()).canonical("JUPITER Booster")
        'Jupiter Booster'
        """
        text = re.sub(r"['’]s$", "", surface.strip())
        known = self.aliases.get(text.lower())
        if known:
            return known
        # A word in capitals longer than an acronym is the name's word written for emphasis
        # ("JUPITER Booster" is "Jupiter Booster").
        words = [w.title() if w.isupper() and len(w) > 4 else w for w in text.split(" ")]
        return self.aliases.get(" ".join(words).lower(), " ".join(words))
