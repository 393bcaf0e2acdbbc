"""Reading the package's data files: TOML tables that name their file and line when wrong."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from claimdiff.errors import LexiconError

COMMON = "common"


def data_root() -> Traversable:
    return resources.files("claimdiff.data")


def data_text(name: str) -> str:
    """The text of a file under ``claimdiff/data`` (``"common/units.txt"``)."""
    node = data_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def data_digest() -> str:
    """A hash of every data file's name and text, read through :func:`data_text` (so a test
    that swaps a table's text gets another digest): what the tables of a knowledge are made of."""
    digest = hashlib.sha256()
    pending = [("", data_root())]
    while pending:
        prefix, folder = pending.pop()
        for node in sorted(folder.iterdir(), key=lambda n: n.name):
            if node.name.startswith(("_", ".")):
                continue
            if node.is_dir():
                pending.append((f"{prefix}{node.name}/", node))
            else:
                digest.update(f"{prefix}{node.name}\0".encode())
                digest.update(data_text(prefix + node.name).encode("utf-8"))
                digest.update(b"\0")
    return digest.hexdigest()


def language_folders() -> tuple[str, ...]:
    """The supported languages: every folder of ``claimdiff/data`` but the common one."""
    return tuple(
        sorted(
            node.name
            for node in data_root().iterdir()
            if node.is_dir() and node.name != COMMON and not node.name.startswith(("_", "."))
        )
    )


@dataclass(frozen=True)
class DataFile:
    """One parsed TOML table and its text, to report problems at their line."""

    label: str
    text: str
    table: dict[str, Any]

    def line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line and not line.lstrip().startswith("#"):
                return number
        return None

    def error(self, needle: str, message: str) -> LexiconError:
        """An error naming the first line that holds ``needle`` (the file alone if none does)."""
        line = self.line_of(needle) if needle else None
        return LexiconError(f"{self.label}:{line}: {message}" if line else f"{self.label}: {message}")

    def section(self, key: str, required: bool = True) -> DataFile:
        """A sub-table, as a DataFile of its own for the checks below."""
        value = self.table.get(key)
        if value is None and not required:
            value = {}
        if not isinstance(value, dict):
            raise self.error(key, f"[{key}] must be a table" if value is not None else f"missing table [{key}]")
        return DataFile(self.label, self.text, value)

    def words(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings with no duplicates."""
        value = self._get(key, required, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise self.error(key, f"{key!r} must be a list of strings")
        _no_blank_or_twice(self, key, value)
        return tuple(value)

    def word_table(self, key: str, required: bool = True) -> dict[str, tuple[str, ...]]:
        """A table of name -> list of words (``investment = ["invested", ...]``)."""
        value = self._get(key, required, {})
        if not isinstance(value, dict):
            raise self.error(key, f"[{key}] must be a table of word lists")
        sub = DataFile(self.label, self.text, value)
        return {name: sub.words(name) for name in value}

    def numbers(self, key: str, required: bool = True) -> dict[str, float]:
        """A table of word -> number."""
        value = self._get(key, required, {})
        if not isinstance(value, dict):
            raise self.error(key, f"{key!r} must be a table of numbers")
        for word, number in value.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise self.error(word, f"{key}.{word} must be a number, not {type(number).__name__}")
        return {str(w): float(n) for w, n in value.items()}

    def text_value(self, key: str, default: str | None = None, choices: Iterable[str] = ()) -> str:
        value = self._get(key, default is None, default)
        if not isinstance(value, str):
            raise self.error(key, f"{key!r} must be a string, not {type(value).__name__}")
        allowed = tuple(choices)
        if allowed and value not in allowed:
            raise self.error(key, f"{key!r} must be one of {', '.join(allowed)}; got {value!r}")
        return value

    def number(self, key: str, default: float) -> float:
        value = self._get(key, False, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"{key!r} must be a number, not {type(value).__name__}")
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False, default)
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} must be true or false, not {type(value).__name__}")
        return value

    def entries(self, key: str, required: bool = True) -> list[DataFile]:
        """An array of tables (``[[unit]]``), each as a DataFile."""
        value = self._get(key, required, [])
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise self.error(key, f"[[{key}]] must be an array of tables")
        return [DataFile(self.label, self.text, entry) for entry in value]

    def only(self, *keys: str) -> None:
        """Reject keys nobody reads: a misspelt key or section would otherwise be ignored."""
        for key in self.table:
            if key not in keys:
                close = [k for k in keys if _similar(k, key)]
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise self.error(key, f"unknown key or section {key!r}{hint}")

    def _get(self, key: str, required: bool, default: Any) -> Any:
        if key in self.table:
            return self.table[key]
        if required:
            raise LexiconError(f"{self.label}: missing key {key!r}")
        return default


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def _no_blank_or_twice(file: DataFile, key: str, words: list[str]) -> None:
    seen: set[str] = set()
    for word in words:
        if not word.strip():
            raise file.error(key, f"{key!r} holds an empty word")
        if word in seen:
            raise file.error(f'"{word}"', f"{key!r} lists {word!r} twice")
        seen.add(word)


def read(name: str) -> DataFile:
    """Parse ``claimdiff/data/<name>``; a syntax error names the file and line."""
    return parse(f"data/{name}", data_text(name))


def parse(label: str, text: str) -> DataFile:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib puts the position in the message: "... (at line 3, column 7)".
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(found.group(1)) if found else None
        reason = re.sub(r" \(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
        raise LexiconError(f"{label}:{line}: {reason}" if line else f"{label}: {reason}") from None
    return DataFile(label, text, table)
