"""Tables derived from installed packages, kept in the user's cache so a command starts fast
(and, through the same functions, the claim store's index: :mod:`claimdiff.store_index`).

Each table is named by a hash of everything it is derived from (the package's version or
file, claimdiff's own data), so a new version never reads a stale table. The cache is an
optimisation only: when it cannot be read or written, callers build the table in memory
from the package, as they would without it.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from claimdiff.safeio import write_atomic_bytes

# Tables larger than this are not ours: refuse to read them.
MAX_TABLE_BYTES = 64 * 1024 * 1024


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/claimdiff`` (``~/.cache/claimdiff`` when the variable is unset)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimdiff"


def table_path(name: str, *inputs: str | bytes) -> Path:
    """The cache file of table ``name`` derived from ``inputs`` (versions, file stamps, data).

    >>> table_path("units", "pint 0.25", b"data").name
    'units-010f48f60b234936.json'
    """
    digest = hashlib.sha256()
    for part in inputs:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    stem, _, suffix = name.partition(".")
    return cache_folder() / f"{stem}-{digest.hexdigest()[:16]}.{suffix or 'json'}"


def file_stamp(path: Path) -> str:
    """A file's path, size and modification time: what changes when a package is reinstalled."""
    status = path.stat()
    return f"{path}|{status.st_size}|{status.st_mtime_ns}"


def read_table(path: Path) -> bytes | None:
    """The bytes of a cached table, or None when there is none (or it cannot be read)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TABLE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_TABLE_BYTES else None


def write_table(path: Path, data: bytes, durable: bool = True) -> bool:
    """Store a table atomically; False (and nothing raised) when the cache is not writable.
    ``durable=False``: not flushed to disk, for tables that check themselves when read."""
    try:
        write_atomic_bytes(path, data, durable)
    except OSError:
        return False
    return True


T = TypeVar("T")


class AnswerTable:
    """Answers a slow library gave (JSON values by string key), kept between runs.

    Loaded on first use; if this run added answers, saved when the process exits (a worker
    process that ends without running exit handlers just does not add its answers).
    """

    def __init__(self, name: str, *inputs: str | bytes) -> None:
        self.path = table_path(f"{name}.json", *inputs)
        self.answers: dict[str, object] = {}
        self.changed = False
        data = read_table(self.path)
        try:
            loaded = json.loads(data) if data is not None else {}
        except ValueError:
            loaded = {}
        if isinstance(loaded, dict):
            self.answers = loaded
        atexit.register(self.save)

    def __contains__(self, key: str) -> bool:
        return key in self.answers

    def get(self, key: str) -> object:
        return self.answers[key]

    def put(self, key: str, answer: object) -> None:
        self.answers[key] = answer
        self.changed = True

    def answer(self, key: str, ask: Callable[[], T], valid: Callable[[object], bool] | None = None) -> T:
        """The answer kept for ``key``, else ``ask()``'s, kept. A kept answer is what ``ask``
        gave as JSON read it back (a tuple comes back a list); one that is not ``valid`` (a
        damaged table's) is asked again, never believed."""
        if key not in self.answers or (valid is not None and not valid(self.answers[key])):
            self.put(key, ask())
        return cast(T, self.answers[key])

    def save(self) -> None:
        if self.changed:
            content = json.dumps(self.answers, sort_keys=True, ensure_ascii=False).encode("utf-8")
            self.changed = not write_table(self.path, content)
