"""Validate parsed TOML tables against a schema written as plain data.

A schema is a :class:`Table`: for each key a :class:`Field` saying what the key holds (its
kind, whether it is required, the schema of each list item or sub-table, allowed choices, a
named check). :func:`parse` reads TOML text and :func:`validate` reports the FIRST problem,
in reading order, as one exception whose message is ``path:line: what is wrong``:

>>> doc = parse('[entity]\\nname = "Acme"\\nkind = "compnay"\\n', "claimdiff.toml")
>>> entity = Table({"name": Field("string", required=True), "kind": Field("string", choices=("place", "event"))})
>>> validate(doc, Table({"entity": Field("table", table=entity)}))
Traceback (most recent call last):
claimdiff.errors.LexiconError: claimdiff.toml:3: [entity] 'kind' must be one of place, event; got 'compnay'

The line of a key is found by searching the raw text, within its section; where it cannot be
found the message names the file alone. The exception class is the caller's: the package's own
data raises :class:`LexiconError`, a user's config :class:`ConfigError`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from babel.numbers import list_currencies

from claimdiff.errors import ClaimdiffError, LexiconError

DataPath = tuple[str | int, ...]  # where a value sits: keys and list indexes
Check = Callable[[Any], str | None]  # returns what is wrong with a value, or None

KINDS = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "list": (list,)}
KINDS["table"] = (dict,)


@dataclass(frozen=True)
class Field:
    """What one key of a table holds.

    Args:
        kind: ``string``, ``integer``, ``number`` (integer or float), ``boolean``, ``list`` or ``table``.
        required: the key must be present.
        items: for a list, the schema of each item (a list of tables is an array of tables).
        table: for a table, its schema.
        choices: the only values allowed.
        check: the name of a check run on the value (``pint_unit``, ``currency_code``, or the caller's).
        minimum: the smallest number allowed.
        allow_empty: a string may be empty (by default an empty string is a mistake).
        unique: a list must not hold the same item twice.
    """

    kind: str
    required: bool = False
    items: Field | None = None
    table: Table | None = None
    choices: tuple[str, ...] = ()
    check: str = ""
    minimum: float | None = None
    allow_empty: bool = False
    unique: bool = True


@dataclass(frozen=True)
class Table:
    """The keys of a table.

    Args:
        fields: the keys it may hold, by name.
        other: the schema of any other key (open maps such as metric -> words); when None,
            another key is an error, reported with the nearest known name.
        keys: what those other keys must be (choices or a check), e.g. a language code.
    """

    fields: Mapping[str, Field] = field(default_factory=dict)
    other: Field | None = None
    keys: Field | None = None


def words(**options: Any) -> Field:
    """A list of non-empty strings, each listed once."""
    return Field("list", items=Field("string"), **options)


# --- documents and lines ------------------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')"""
_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    """The names of a dotted TOML key, quotes removed.

    >>> _parts('metrics.en."funds raised"')
    ('metrics', 'en', 'funds raised')
    """
    return tuple(m.strip("\"'") for m in re.findall(_PART, dotted))


@dataclass
class Document:
    """A parsed TOML file: its data, its text (to find lines) and how it is named in messages."""

    source: str
    text: str
    data: dict[str, Any]
    error: type[ClaimdiffError] = LexiconError

    @cached_property
    def _lines(self) -> dict[DataPath, int]:
        """The line of every table header and key, by its path in the data (first occurrence)."""
        found: dict[DataPath, int] = {}
        arrays: dict[DataPath, int] = {}  # array-of-tables path -> items seen so far
        prefix: DataPath = ()
        for number, line in enumerate(self.text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                prefix = self._header_path(_parts(header[2]), header[1] == "[[", arrays)
                for end in range(1, len(prefix) + 1):  # [a.b] also shows where table a starts
                    found.setdefault(prefix[:end], number)
                continue
            key = _KEY.match(line)
            if key:
                names = _parts(key[1])
                for end in range(1, len(names) + 1):  # a dotted key also names its tables
                    found.setdefault(prefix + names[:end], number)
        return found

    @staticmethod
    def _header_path(names: tuple[str, ...], is_array: bool, arrays: dict[DataPath, int]) -> DataPath:
        path: DataPath = ()
        for position, name in enumerate(names, start=1):
            path += (name,)
            if path in arrays and not (is_array and position == len(names)):
                path += (arrays[path] - 1,)  # inside the latest item of an enclosing array
        if is_array:
            arrays[path] = arrays.get(path, 0) + 1
            path += (arrays[path] - 1,)
        return path

    def line_of(self, path: DataPath) -> int | None:
        """The line of ``path``, or of the nearest enclosing key or table the text shows."""
        for end in range(len(path), 0, -1):
            if path[:end] in self._lines:
                return self._lines[path[:end]]
        return None

    def item_line(self, path: DataPath, item: Any, occurrence: int = 1) -> int | None:
        """The line of a list item: the ``occurrence``-th time it is written after its key."""
        start = self.line_of(path[:-1])
        if start is None or not isinstance(item, str):
            return start
        literals = (f'"{item}"', f"'{item}'")
        seen = 0
        for number, line in enumerate(self.text.splitlines()[start - 1 :], start=start):
            seen += sum(line.count(literal) for literal in literals)
            if seen >= occurrence:
                return number
        return start

    def fail(self, path: DataPath, message: str, line: int | None = None) -> ClaimdiffError:
        """The error for a problem at ``path`` (or at ``line`` when the caller knows it)."""
        line = line if line is not None else self.line_of(path)
        where = f"{self.source}:{line}" if line is not None else self.source
        return self.error(f"{where}: {message}")


def parse(text: str, source: str, error: type[ClaimdiffError] = LexiconError) -> Document:
    """Parse TOML ``text``; a syntax error names the line tomllib reports.

    >>> parse('name = "Acme\\n', "claimdiff.toml", error=ClaimdiffError)
    Traceback (most recent call last):
    claimdiff.errors.ClaimdiffError: claimdiff.toml:1: invalid TOML: Illegal character '\\n' at column 13
    """
    try:
        return Document(source, text, tomllib.loads(text), error)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if at:
            message = f"{message[: at.start()]} at column {at[2]}"
            line = int(at[1])
        else:  # "(at end of document)"
            message = re.sub(r"\s*\(at end of document\)$", " at the end of the file", message)
            line = max(1, len(text.splitlines()))
        raise error(f"{source}:{line}: invalid TOML: {message}") from None


# --- validation ---------------------------------------------------------------------------


def validate(
    doc: Document,
    schema: Table,
    root: DataPath = (),
    checks: Mapping[str, Check] | None = None,
    registry: Any = None,
) -> None:
    """Check the table at ``root`` of ``doc`` against ``schema``; raise on the first problem.

    Args:
        doc: the parsed file.
        schema: the schema of the table at ``root``.
        root: where the table sits in the file (``("tool", "claimdiff")`` in a pyproject.toml).
        checks: named checks besides the built-in ``pint_unit`` and ``currency_code``.
        registry: the pint registry ``pint_unit`` parses units with (built when first needed).
    """
    data: Any = doc.data
    for name in root:
        data = data[name]
    _Validator(doc, checks or {}, registry).table(data, schema, root)


class _Validator:
    def __init__(self, doc: Document, checks: Mapping[str, Check], registry: Any) -> None:
        self.doc = doc
        self.checks: dict[str, Check] = {"pint_unit": self.pint_unit, "currency_code": currency_code, **checks}
        self._registry = registry

    def table(self, data: dict[str, Any], schema: Table, path: DataPath) -> None:
        for key, value in data.items():
            spec = schema.fields.get(key)
            if spec is None:
                spec = self.other_key(key, value, schema, path)
            self.value(value, spec, path + (key,))
        for key, spec in schema.fields.items():
            if spec.required and key not in data:
                where = f"{section(path)} is missing" if section(path) else "missing"
                raise self.doc.fail(path, f"{where} the required key '{key}'")

    def other_key(self, key: str, value: Any, schema: Table, path: DataPath) -> Field:
        """The schema of a key not listed in ``schema.fields``, or the error that it is unknown."""
        if schema.other is None:
            raise self.doc.fail(path + (key,), self.unknown(key, value, path, tuple(schema.fields)))
        problem = self.problem(key, schema.keys) if schema.keys is not None else ""
        if problem and schema.keys is not None and schema.keys.choices:
            raise self.doc.fail(path + (key,), self.unknown(key, value, path, schema.keys.choices))
        if problem:
            raise self.doc.fail(path + (key,), f"{section(path) or 'the file'} names {_show(key)}, which {problem}")
        return schema.other

    @staticmethod
    def unknown(key: str, value: Any, path: DataPath, known: tuple[str, ...]) -> str:
        is_table = isinstance(value, dict) or (isinstance(value, list) and value and isinstance(value[0], dict))
        close = difflib.get_close_matches(key, known, n=1)
        if is_table:
            brackets = "[[{}]]" if isinstance(value, list) else "[{}]"
            name = brackets.format(_dotted(path + (key,)))
            hint = f" (did you mean {brackets.format(_dotted(path + (close[0],)))}?)" if close else ""
            return f"unknown section {name}{hint}"
        inside = f" in {section(path)}" if section(path) else ""
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key '{key}'{inside}{hint}"

    def value(self, value: Any, spec: Field, path: DataPath) -> None:
        problem = self.problem(value, spec)
        if problem:
            raise self.doc.fail(path, f"{label(path)} {problem}")
        if isinstance(value, dict) and spec.table is not None:
            self.table(value, spec.table, path)
        elif isinstance(value, list) and spec.items is not None:
            self.items(value, spec, path)

    def items(self, values: list[Any], spec: Field, path: DataPath) -> None:
        assert spec.items is not None
        seen: set[Any] = set()
        for index, item in enumerate(values):
            item_path = path + (index,)
            if spec.items.kind == "table":
                self.value(item, spec.items, item_path)
                continue
            problem = self.problem(item, spec.items)
            if problem:
                raise self.doc.fail(path, f"{label(item_path)} {problem}", self.doc.item_line(item_path, item))
            if spec.unique and isinstance(item, str | int | float):
                if item in seen:
                    line = self.doc.item_line(item_path, item, occurrence=2)
                    raise self.doc.fail(path, f"{label(path)} lists {_show(item)} twice", line)
                seen.add(item)

    def problem(self, value: Any, spec: Field) -> str:
        """What is wrong with ``value`` itself (not its items), or ''."""
        if not _is_kind(value, spec.kind):
            return f"must be {_kind_name(spec)}; got {_describe(value)}"
        if isinstance(value, str) and not value.strip() and not spec.allow_empty:
            return "must not be empty"
        if spec.choices and value not in spec.choices:
            return f"must be one of {', '.join(spec.choices)}; got {_show(value)}"
        if spec.minimum is not None and value < spec.minimum:
            return f"must be at least {spec.minimum:g}; got {_show(value)}"
        if spec.check:
            return self.checks[spec.check](value) or ""
        return ""

    def pint_unit(self, value: Any) -> str | None:
        if self._registry is None:
            import pint  # only tables that name units pay for building a registry

            self._registry = pint.UnitRegistry()
        try:
            self._registry.parse_units(value)
        # pint's expression parser raises assorted errors on garbage (AssertionError, TokenError, ...)
        except Exception:
            return f"is not a unit pint knows: {_show(value)}"
        return None


def currency_code(value: Any) -> str | None:
    """The check ``currency_code``: an ISO 4217 code that babel's CLDR data knows.

    >>> currency_code("EUR") is None, currency_code("EURO")
    (True, "is not a currency code babel knows: 'EURO'")
    """
    if value not in list_currencies():
        return f"is not a currency code babel knows: {_show(value)}"
    return None


# --- messages -----------------------------------------------------------------------------


def _is_kind(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind != "boolean":  # bool is an int to Python, not to TOML
        return False
    return isinstance(value, KINDS[kind])


def _kind_name(spec: Field) -> str:
    if spec.kind == "list" and spec.items is not None:
        return "an array of tables" if spec.items.kind == "table" else f"a list of {spec.items.kind}s"
    return {"integer": "an integer", "number": "a number", "boolean": "true or false"}.get(spec.kind, f"a {spec.kind}")


def _describe(value: Any) -> str:
    """How a wrong value is named: the string '5', the integer 5, a table, a list.

    >>> _describe("5"), _describe(5), _describe(True), _describe([1]), _describe({})
    ("the string '5'", 'the integer 5', 'the boolean true', 'a list', 'a table')
    """
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
    if isinstance(value, int | float):
        return f"the {'integer' if isinstance(value, int) else 'number'} {value}"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a table"
    return f"a {type(value).__name__}"  # dates and times


def _show(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def _dotted(names: DataPath) -> str:
    shown = [n if re.fullmatch(r"[A-Za-z0-9_-]+", n) else f'"{n}"' for n in names if isinstance(n, str)]
    return ".".join(shown)


def section(path: DataPath) -> str:
    """How the table at ``path`` is written: ``[defaults]``, ``[[entity]]`` or '' for the root."""
    if not path:
        return ""
    return f"[[{_dotted(path)}]]" if isinstance(path[-1], int) else f"[{_dotted(path)}]"


def label(path: DataPath) -> str:
    """How a key is named in messages: ``[[entity]] 'kind'``, or ``'paths'`` at the root."""
    if path and isinstance(path[-1], int):
        return f"{label(path[:-1])} item {path[-1] + 1}"
    keys = [i for i, part in enumerate(path) if isinstance(part, str)]
    if not keys:
        return section(path)
    last = keys[-1]
    table = section(path[:last])
    return f"{table} '{path[last]}'" if table else f"'{path[last]}'"
