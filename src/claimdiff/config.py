"""The corpus config: a corpus's own entities, extra metric words and command-line defaults.

It lives in ``claimdiff.toml`` at the corpus root, or in the ``[tool.claimdiff]`` table of a
``pyproject.toml``. :func:`discover` looks for one from the first corpus path (its folder if
it is a file) up through the parent folders, stopping at the first folder holding ``.git``;
in each folder ``claimdiff.toml`` comes before ``pyproject.toml``. The package's built-in data
holds only general knowledge (:mod:`claimdiff.world`); what one corpus is about belongs here::

    [defaults]                  # command-line defaults, every key optional
    paths = ["seeds"]           # corpus paths, relative to this file's folder
    fail_on = "contradiction"   # contradiction | any | never
    format = "text"             # --format of check and gate
    report = "reports/discrepancies.html"
    store = "claims"
    max_bytes = 52428800
    engine = "local"            # local | dask (--engine)
    scheduler = "tcp://host:8786"  # the Dask scheduler of engine = "dask" (--scheduler)
    exclude = ["drafts/", "*.bak.txt"]  # gitignore-like globs left out of the corpus folders
    allow_empty = false         # true: a corpus without a readable source is no error

    [[entity]]                  # the corpus's own cast
    name = "Mistral AI"
    kind = "organisation"       # organisation | place | event | programme | facility | person
    aliases = ["Mistral"]
    part_of = "France"          # another entity of this file, or a built-in one

    [metrics.en.money]          # extra metric words per language, as in data/metrics.toml
    investment = ["capex"]

A malformed config raises :class:`ConfigError` naming the file and line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimdiff.errors import ConfigError, InputError
from claimdiff.lexicon import ENTITY_KINDS, Entity, MetricWords
from claimdiff.lexicon.world import LANGUAGES, World, load_world
from claimdiff.safeio import is_regular, read_text
from claimdiff.schema import DataPath, Document, Field, Table, label, parse, section, validate, words

CONFIG_FILE = "claimdiff.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_ROOT = ("tool", "claimdiff")
# The choices of --fail-on and --format; tests keep them in step with gate.FAIL_ON and
# formats.FORMATTERS (importing those here would tie the config to the whole pipeline).
FAIL_ON_CHOICES = ("contradiction", "any", "never")
FORMAT_CHOICES = ("github", "gitlab", "json", "junit", "markdown", "sarif", "text")
ENGINE_CHOICES = ("local", "dask")
METRIC_SECTIONS = ("money", "other", "topics", "nouns")
CONFIG_MAX_BYTES = 10 * 1024 * 1024

SCHEMA = Table(
    {
        "defaults": Field(
            "table",
            table=Table(
                {
                    "paths": words(),
                    "fail_on": Field("string", choices=FAIL_ON_CHOICES),
                    "format": Field("string", choices=FORMAT_CHOICES),
                    "report": Field("string"),
                    "store": Field("string"),
                    "max_bytes": Field("integer", minimum=1),
                    "engine": Field("string", choices=ENGINE_CHOICES),
                    "scheduler": Field("string"),
                    "exclude": words(),
                    "allow_empty": Field("boolean"),
                }
            ),
        ),
        "entity": Field(
            "list",
            items=Field(
                "table",
                table=Table(
                    {
                        "name": Field("string", required=True),
                        "kind": Field("string", required=True, choices=ENTITY_KINDS),
                        "aliases": words(),
                        "part_of": Field("string"),
                    }
                ),
            ),
        ),
        "metrics": Field(
            "table",
            table=Table(
                other=Field(
                    "table", table=Table({s: Field("table", table=Table(other=words())) for s in METRIC_SECTIONS})
                ),
                keys=Field("string", choices=LANGUAGES),
            ),
        ),
    }
)


@dataclass(frozen=True)
class Defaults:
    """Command-line defaults; None where the config says nothing. Paths are as the user would
    type them from the current folder (relative to the config file's folder in the file)."""

    paths: tuple[str, ...] = ()
    fail_on: str | None = None
    format: str | None = None
    report: str | None = None
    store: str | None = None
    max_bytes: int | None = None
    engine: str | None = None
    scheduler: str | None = None
    exclude: tuple[str, ...] = ()
    allow_empty: bool | None = None


@dataclass(frozen=True)
class CorpusConfig:
    """A corpus's config: its own entities, extra metric words by language, and defaults."""

    path: Path
    entities: tuple[Entity, ...] = ()
    metric_words: Mapping[str, MetricWords] = field(default_factory=dict)
    defaults: Defaults = field(default_factory=Defaults)


# --- discovery -----------------------------------------------------------------------------


def discover(start: str | os.PathLike[str]) -> Path | None:
    """The config file that governs ``start`` (a corpus folder or file), or None.

    Looks in the folder and its parents for ``claimdiff.toml``, else a ``pyproject.toml``
    with a ``[tool.claimdiff]`` table, and stops at the first folder holding ``.git``.
    """
    folder = Path(os.path.abspath(start))
    if not os.path.isdir(folder):  # os.path never raises: an unreadable folder is reported later
        folder = folder.parent  # a file, or a path that does not exist (yet)
    for candidate in (folder, *folder.parents):
        if is_regular(candidate / CONFIG_FILE):
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if is_regular(pyproject) and _has_tool_table(pyproject):
            return pyproject
        if os.path.lexists(candidate / ".git"):  # a file in git worktrees, a folder otherwise
            return None
    return None


def find_config(start: str | os.PathLike[str]) -> CorpusConfig | None:
    """The config governing ``start``, loaded and validated, or None when there is none."""
    path = discover(start)
    return load_config(path) if path else None


def _has_tool_table(pyproject: Path) -> bool:
    text = _read(pyproject)
    if "claimdiff" not in text:  # spare parsing (and judging) unrelated pyproject files
        return False
    data: Any = parse(text, _shown(pyproject), ConfigError).data
    return isinstance(data.get("tool", {}).get("claimdiff"), dict)


# --- loading -------------------------------------------------------------------------------


def load_config(path: str | os.PathLike[str], world: World | None = None, text: str | None = None) -> CorpusConfig:
    """Read and validate a ``claimdiff.toml``, or the ``[tool.claimdiff]`` table of a pyproject.

    ``world`` (the built-in general knowledge, loaded when not given) is what ``part_of`` may
    name besides the file's own entities. ``text`` is the file's text when it does not come
    from ``path`` itself (the gate reads the config as committed on the base branch).
    """
    path = Path(path)
    doc = parse(text if text is not None else _read(path), _shown(path), ConfigError)
    root: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        root = PYPROJECT_ROOT
        if not isinstance(doc.data.get("tool", {}).get("claimdiff"), dict):
            raise ConfigError(f"{doc.source}: no [tool.claimdiff] table")
    validate(doc, SCHEMA, root)
    table: dict[str, Any] = doc.data
    for name in root:
        table = table[name]
    entities = tuple(_entities(doc, root, table.get("entity", []), world))
    return CorpusConfig(
        path=path,
        entities=entities,
        metric_words=_metric_words(doc, root, table.get("metrics", {})),
        defaults=_defaults(path.parent, table.get("defaults", {})),
    )


def _read(path: Path) -> str:
    # A regular file only, bounded, BOM allowed: a config may come from an untrusted clone.
    try:
        return read_text(path, CONFIG_MAX_BYTES, _shown(path))
    except InputError as exc:
        raise ConfigError(str(exc)) from None


def _shown(path: Path) -> str:
    """How messages name a config file: relative to the current folder when that is shorter."""
    relative = os.path.relpath(path)
    return relative if len(relative) < len(str(path)) else str(path)


def _defaults(folder: Path, table: dict[str, Any]) -> Defaults:
    def resolve(value: str) -> str:
        return value if os.path.isabs(value) else os.path.relpath(os.path.normpath(folder / value))

    return Defaults(
        paths=tuple(resolve(p) for p in table.get("paths", [])),
        fail_on=table.get("fail_on"),
        format=table.get("format"),
        report=resolve(table["report"]) if "report" in table else None,
        store=resolve(table["store"]) if "store" in table else None,
        max_bytes=table.get("max_bytes"),
        engine=table.get("engine"),
        scheduler=table.get("scheduler"),
        exclude=tuple(table.get("exclude", [])),
        allow_empty=table.get("allow_empty"),
    )


def _entities(
    doc: Document, root: tuple[str, ...], entries: list[dict[str, Any]], world: World | None
) -> Iterable[Entity]:
    """The [[entity]] entries, checked across entries: names and aliases once, part_of known."""
    names: dict[str, int] = {}
    aliases: dict[str, str] = {}
    for index, entry in enumerate(entries):
        path: DataPath = (*root, "entity", index)
        if entry["name"] in names:
            raise doc.fail((*path, "name"), f"{section(path)} {entry['name']!r} is listed twice")
        names[entry["name"]] = index
        for alias in entry.get("aliases", []):
            owner = aliases.setdefault(alias.casefold(), entry["name"])
            if owner != entry["name"]:
                line = doc.item_line((*path, "aliases", 0), alias)
                message = f"{label((*path, 'aliases'))} lists {alias!r}, already an alias of {owner!r}"
                raise doc.fail((*path, "aliases"), message, line)
    built = [Entity(e["name"], e["kind"], tuple(e.get("aliases", [])), e.get("part_of", "")) for e in entries]
    if any(e.part_of and e.part_of not in names for e in built):
        world = world or load_world()  # only a part_of outside the file needs the world
    for index, entity in enumerate(built):
        _check_part_of(doc, (*root, "entity", index, "part_of"), entity, built, world)
    return built


def _check_part_of(doc: Document, path: DataPath, entity: Entity, entities: list[Entity], world: World | None) -> None:
    if not entity.part_of:
        return
    parents = {e.name: e.part_of for e in entities}
    known = set(parents) | ({e.name for e in world.entities} if world else set())
    if entity.part_of not in known:
        builtin = world.lookup(entity.part_of) if world else None
        close = [builtin.name] if builtin else difflib.get_close_matches(entity.part_of, sorted(known), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"{label(path)} names no entity of this file or a built-in one: {entity.part_of!r}{hint}"
        raise doc.fail(path, message)
    chain, name = [entity.name], entity.part_of
    while name in parents:  # a cycle would send the subjects stage round in circles
        chain.append(name)
        if name in chain[:-1]:
            raise doc.fail(path, f"{label(path)} makes a cycle: {' -> '.join(chain)}")
        name = parents[name]


def _metric_words(doc: Document, root: tuple[str, ...], table: dict[str, Any]) -> dict[str, MetricWords]:
    """[metrics.LANG.SECTION] metric = [words] -> per language, word -> metric as lexicon gives it."""
    out = {}
    for language, sections in table.items():
        inverted: dict[str, dict[str, str]] = {}
        for kind in METRIC_SECTIONS:
            inverted[kind] = {}
            for metric, metric_words in sections.get(kind, {}).items():
                for word in metric_words:
                    owner = inverted[kind].setdefault(word.lower(), metric)
                    if owner != metric:
                        path = (*root, "metrics", language, kind, metric)
                        message = f"{label(path)} lists {word!r}, already a word of {owner!r}"
                        raise doc.fail(path, message, doc.item_line((*path, 0), word))
        out[language] = MetricWords(
            money=inverted["money"],
            other=inverted["other"],
            topics=inverted["topics"],
            nouns=inverted["nouns"],
            parts=(),
        )
    return out
