"""The store's index: which sources hold rows of which block, and where.

The gate compares a new source with the stored claims that can share a discrepancy with one
of its claims: those of one block (a unit and a root entity, or an entity's descriptions).
The index lets it read those rows, a few hundred, instead of parsing, checking and hashing
every row of ``claims.jsonl``. It is derived data, kept in the user's cache folder
(:mod:`claimdiff.cache`, one file per store folder), never in the store: the committed store
stays as it is, the gate writes nothing into the repository, and a repository's files (which
are untrusted) cannot steer it. It is never trusted over the store:

- It is tied to the store's content: the SHA-256 of ``sources.json`` (hashed on every use, a
  few megabytes at most) and of ``claims.jsonl`` (hashed again whenever the file's size,
  times, inode or device differ from those recorded, as git does for its own index). A
  mismatch, a file that is no index, or an index of another format is rebuilt from a full
  read of the store, which reports a malformed store exactly as reading it always did.
- Each row it leads to is parsed and checked again, and each source's rows are hashed against
  the manifest: any disagreement (:class:`StaleIndex`) makes the caller read the whole store.
- It keeps what a full read concludes (which sources' rows hash to the manifest) and, for each
  source file the gate found to hash to the manifest's hash, the file's size, times, inode and
  device, so that an unchanged file is not read again. A file changed in the two seconds
  before it was hashed gets none (it could change again within one tick of the clock unseen).

Building the index costs a full read and little more, so a gate whose cache is new (a CI
runner without a kept cache) costs what it did before the index. ``--since REF`` reads the
store as committed at REF, without an index; so does a Parquet store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from claimdiff import store_parquet
from claimdiff.cache import read_table, table_path, write_table
from claimdiff.errors import InputError
from claimdiff.safeio import open_regular, read_regular
from claimdiff.sources import DEFAULT_MAX_BYTES, file_digest
from claimdiff.store import (
    CLAIMS_FILE,
    MAX_ROW_BYTES,
    SOURCES_FILE,
    Store,
    collection_paused,
    parse_manifest,
    parse_row,
    rows_digest,
    unverified,
    verify,
)

INDEX_FORMAT = "claimdiff store index 2"
# A file changed this recently when it is hashed could change again within the same tick of
# its clock, its size kept: its status is not recorded (it is hashed again next time).
RACY_NANOSECONDS = 2_000_000_000


class StaleIndex(Exception):
    """The store's rows are not what the index says: read the whole store instead."""


def stamp_of(info: os.stat_result) -> str:
    """A file's status as the index records it: size, modification and change times (ns), inode, device."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def _settled(info: os.stat_result, started: int) -> bool:
    """Whether a file last changed long enough before ``started`` for its status to vouch for it."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < started - RACY_NANOSECONDS


@dataclass
class Entry:
    """What the index knows of one source the manifest names or the rows hold."""

    sha256: str  # the manifest's hash of the file ("" when the manifest does not name it)
    rows: str  # the manifest's hash of its rows
    verified: bool  # whether its rows hash to ``rows`` (a full read's verdict)
    runs: list[tuple[int, int]]  # (offset, length) of each run of its rows in claims.jsonl


class StoreIndex:
    """A saved index: its JSON document, whose parts are checked as they are used (one that is
    not what it should be raises :class:`StaleIndex`).

    The document: ``claims`` (the SHA-256 and status of ``claims.jsonl``), ``manifest`` (the
    SHA-256 of ``sources.json``), ``paths`` (every source, sorted) and, in columns beside it,
    the manifest's ``sha256`` and ``rows`` hashes, ``verified`` (a "1" or "0" per source:
    whether its rows hash to the manifest's), ``stamps`` (the file's status when it hashed to
    the manifest's hash, or "") and ``runs`` ("offset+length" of each run of its rows);
    ``figures`` (unit -> entity -> the numbers of the sources holding such a figure) and
    ``descriptions`` (entity -> numbers). Lists of numbers are text ("3 17 42"), read only for
    the blocks asked for: the gate opens the index on every run.
    """

    def __init__(self, document: dict[str, Any]) -> None:
        if document.get("format") != INDEX_FORMAT:
            raise StaleIndex("another format")
        self.document = document
        self.claims_sha256 = _string(document["claims"]["sha256"])
        self.claims_stamp = _string(document["claims"]["stamp"])
        self.manifest_sha256 = _string(document["manifest"])
        self.paths: list[str] = document["paths"]
        self.verified = _string(document["verified"])
        self.stamps: list[Any] = document["stamps"]
        columns = [document[name] for name in ("paths", "sha256", "rows", "stamps", "runs")]
        if not all(type(c) is list and len(c) == len(self.paths) for c in columns) or len(self.verified) != len(
            self.paths
        ):
            raise StaleIndex("columns of different lengths")
        self.position = {path: number for number, path in enumerate(self.paths)}
        self.changed = False  # a status recorded since it was read: worth saving again

    def entry(self, path: str) -> Entry | None:
        number = self.position.get(path)
        if number is None:
            return None
        document = self.document
        try:
            runs = [_run(run) for run in _string(document["runs"][number]).split()]
            sha256, rows = _string(document["sha256"][number]), _string(document["rows"][number])
        except (TypeError, ValueError) as exc:
            raise StaleIndex(str(exc)) from None
        return Entry(sha256, rows, self.verified[number] == "1", runs)

    def record_stamp(self, path: str, stamp: str) -> None:
        self.stamps[self.position[path]] = stamp
        self.changed = True

    def settled_stamp(self, path: str) -> str:
        """The status recorded for a source whose rows verified, or "" (compared as it is saved:
        text can only equal a file's status when it is one)."""
        number = self.position.get(path)
        if number is None or self.verified[number] != "1":
            return ""
        stamp = self.stamps[number]
        return stamp if type(stamp) is str else ""

    def sources_with(self, figure: Callable[[str, str], bool], description: Callable[[str], bool]) -> set[str]:
        numbers: set[int] = set()
        try:
            for unit, by_entity in self.document["figures"].items():
                for entity, listed in by_entity.items():
                    if figure(unit, entity):
                        numbers.update(_counts(listed))
            for entity, listed in self.document["descriptions"].items():
                if description(entity):
                    numbers.update(_counts(listed))
            return {_string(self.paths[n]) for n in numbers}
        except (TypeError, ValueError, AttributeError, IndexError) as exc:
            raise StaleIndex(str(exc)) from None

    def to_json(self) -> bytes:
        self.document["claims"]["stamp"] = self.claims_stamp
        return json.dumps(self.document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


# --- the store as the gate reads it --------------------------------------------------------------


class FullStore:
    """The whole store, read and verified (the gate without an index)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def trusted(self, path: str, max_bytes: int, status: os.stat_result | None = None) -> bool:
        return self.store.trusted(path, file_digest(Path(path), max_bytes))

    def problem(self, path: str) -> str:
        return self.store.problems.get(path, "")

    def sources_with(self, figure: Callable[[str, str], bool], description: Callable[[str], bool]) -> set[str]:
        return {r["source"] for r in self.store.records}

    def rows_of(self, sources: set[str]) -> list[dict[str, Any]]:
        return [r for r in self.store.records if r["source"] in sources]


class IndexedStore:
    """The store through its index: only the rows of the sources asked for are read."""

    def __init__(self, folder: Path, index: StoreIndex, claims: BinaryIO) -> None:
        self.folder, self.index, self.claims = folder, index, claims

    def trusted(self, path: str, max_bytes: int, status: os.stat_result | None = None) -> bool:
        """What :meth:`Store.trusted` says of the file as it is now (``status``: its status, when
        known), without reading it when its status is the one it had when it hashed to the
        manifest's hash; when it is read and does, its status is recorded for the next run."""
        recorded = self.index.settled_stamp(path)
        try:
            before = os.stat(path) if status is None else status
        except OSError:
            return False
        if recorded and stamp_of(before) == recorded and before.st_size <= max_bytes:
            return True
        entry = self.index.entry(path)
        if entry is None or not entry.verified:
            return False
        if file_digest(Path(path), max_bytes) != entry.sha256:
            return False
        self._remember(path, before)
        return True

    def _remember(self, path: str, before: os.stat_result) -> None:
        """Record the status of a file just found to hash to the manifest's hash, unless it
        changed while it was read or too recently (it could change again unseen)."""
        try:
            after = os.stat(path)
        except OSError:
            return
        if stamp_of(after) == stamp_of(before) and _settled(after, time.time_ns()):
            self.index.record_stamp(path, stamp_of(after))

    def problem(self, path: str) -> str:
        entry = self.index.entry(path)
        return "" if entry is None or entry.verified else unverified(self.folder / CLAIMS_FILE, path)

    def sources_with(self, figure: Callable[[str, str], bool], description: Callable[[str], bool]) -> set[str]:
        """The sources holding a figure whose (unit, entity) ``figure`` accepts, or a description
        of an entity ``description`` accepts."""
        return self.index.sources_with(figure, description)

    def rows_of(self, sources: set[str]) -> list[dict[str, Any]]:
        """The rows of ``sources``, in the file's order, each checked, each source's hashed."""
        found: list[tuple[int, dict[str, Any]]] = []
        fd = self.claims.fileno()
        for source in sorted(sources):
            entry = self.index.entry(source)
            if entry is None:
                continue
            written = []
            for offset, length in entry.runs:
                chunk = os.pread(fd, length, offset)
                if len(chunk) != length:
                    raise StaleIndex(source)
                for start, line in _lines(chunk, offset):
                    row = _checked_row(line, source)
                    written.append(line.rstrip(b"\r\n"))
                    found.append((start, row))
            if rows_digest(written) != entry.rows:
                raise StaleIndex(source)
        return [row for _, row in sorted(found, key=lambda item: item[0])]

    def close(self, keep: bool = True) -> None:
        """Close the store; save the statuses recorded this run (``keep``), or drop the index."""
        self.claims.close()
        if not keep:
            discard_index(self.folder)
        elif self.index.changed:
            save_index(self.folder, self.index)


def _lines(chunk: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    """(offset in the file, line) of every non-blank line of a run of rows."""
    start = 0
    for line in _newline_split(chunk):
        if line.strip():
            yield offset + start, line
        start += len(line)


def _newline_split(data: bytes) -> list[bytes]:
    """Lines ended by "\\n" only, as ``readline`` splits them (``splitlines`` also splits at "\\r")."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _checked_row(line: bytes, source: str) -> dict[str, Any]:
    try:
        row = parse_row(line, source)
    except InputError:
        raise StaleIndex(source) from None
    if row["source"] != source:
        raise StaleIndex(source)
    return row


# --- opening, checking and building the index ----------------------------------------------------


def open_store(folder: Path) -> IndexedStore | None:
    """The store through a valid index (built, and saved when the cache is writable, when it is
    missing or stale), or None when there is no JSONL store here (a Parquet store has none)."""
    if store_parquet.is_parquet_store(folder):
        return None
    claims_path, sources_path = folder / CLAIMS_FILE, folder / SOURCES_FILE
    if not os.path.lexists(claims_path) or not os.path.lexists(sources_path):
        return None
    manifest = read_regular(sources_path, DEFAULT_MAX_BYTES)
    claims = open_regular(claims_path)
    try:
        index = _valid_index(folder, manifest, claims)
        if index is None:
            index = build_index(folder, manifest, claims)
            save_index(folder, index)  # when it cannot be saved, it still serves this run
        return IndexedStore(folder, index, claims)
    except BaseException:
        claims.close()
        raise


def _valid_index(folder: Path, manifest: bytes, claims: BinaryIO) -> StoreIndex | None:
    """The saved index when it is one of this format and of these very files, else None."""
    index = load_index(folder)
    if index is None or index.manifest_sha256 != hashlib.sha256(manifest).hexdigest():
        return None
    info = os.fstat(claims.fileno())
    if index.claims_stamp and stamp_of(info) == index.claims_stamp:
        return index
    if _file_sha256(claims) != index.claims_sha256:
        return None
    # The same content under a new status (a checkout, a copy): record it, so it is not hashed again.
    index.claims_stamp = stamp_of(info) if _settled(info, time.time_ns()) else ""
    save_index(folder, index)
    return index


def _file_sha256(handle: BinaryIO) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def build_index(folder: Path, manifest_bytes: bytes, claims: BinaryIO) -> StoreIndex:
    """The index of a store from a full read of it (a malformed store is the error it always was)."""
    # The collector paused throughout, not only while parsing: with every row alive, each pass
    # it makes afterwards walks them all again (see :func:`claimdiff.store.collection_paused`).
    with collection_paused():
        return _build_index(folder, manifest_bytes, claims)


def _build_index(folder: Path, manifest_bytes: bytes, claims: BinaryIO) -> StoreIndex:
    started = time.time_ns()
    claims_path, sources_path = folder / CLAIMS_FILE, folder / SOURCES_FILE
    claims.seek(0)
    info = os.fstat(claims.fileno())
    data = claims.read()
    manifest = parse_manifest(_manifest_text(manifest_bytes, sources_path), str(sources_path))
    located = list(_located_rows(claims_path, data))
    store = verify(claims_path, ((written, row) for _, written, row in located), manifest)
    runs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    figures: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    descriptions: dict[str, set[str]] = defaultdict(set)
    previous = ""
    for (offset, length), _, row in located:
        source = row["source"]
        if source == previous:  # the same source's next row: its run grows to it
            start, _ = runs[source][-1]
            runs[source][-1] = (start, offset + length - start)
        else:
            runs[source].append((offset, length))
        previous = source
        if row["kind"] == "description":
            descriptions[row["entity"]].add(source)
        else:
            figures[row["unit"]][row["entity"]].add(source)
    paths = sorted(set(manifest) | set(runs))
    number = {path: n for n, path in enumerate(paths)}
    sha256 = [str(manifest.get(path, {}).get("sha256", "")) for path in paths]
    document = {
        "format": INDEX_FORMAT,
        "claims": {
            "sha256": hashlib.sha256(data).hexdigest(),
            "stamp": stamp_of(info) if _settled(info, started) else "",
        },
        "manifest": hashlib.sha256(manifest_bytes).hexdigest(),
        "paths": paths,
        "sha256": sha256,
        "rows": [store.manifest_rows.get(path, "") for path in paths],
        "verified": "".join("1" if path in store.verified else "0" for path in paths),
        "stamps": ["" for _ in paths],  # recorded by the gates that hash the files (IndexedStore.trusted)
        "runs": [" ".join(f"{offset}+{length}" for offset, length in runs[path]) for path in paths],
        "figures": {unit: _numbered(by, number) for unit, by in sorted(figures.items())},
        "descriptions": _numbered(descriptions, number),
    }
    return StoreIndex(document)


def _numbered(sources: dict[str, set[str]], number: dict[str, int]) -> dict[str, str]:
    return {key: " ".join(str(n) for n in sorted(number[s] for s in paths)) for key, paths in sorted(sources.items())}


def _manifest_text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start})") from None


def _located_rows(path: Path, data: bytes) -> Iterator[tuple[tuple[int, int], bytes, dict[str, Any]]]:
    """((offset, length), row as written, row) for every non-blank line, checked as
    :func:`claimdiff.store.read_store` checks them (same errors, same line numbers)."""
    offset = 0
    for number, line in enumerate(_newline_split(data), start=1):
        if len(line) > MAX_ROW_BYTES:
            raise InputError(f"{path}:{number}: a row longer than {MAX_ROW_BYTES:,} bytes is not a claim row")
        if line.strip():
            yield (offset, len(line)), line.rstrip(b"\r\n"), parse_row(line, f"{path}:{number}")
        offset += len(line)


# --- the index file ------------------------------------------------------------------------------


def index_path(folder: Path) -> Path:
    """Where the index of the store in ``folder`` is kept: the user's cache, named by the
    folder's real path (one index per store; its content says which store content it fits)."""
    return table_path("store-index.json", INDEX_FORMAT, os.path.realpath(folder))


def save_index(folder: Path, index: StoreIndex) -> bool:
    """Write the index atomically; False (nothing raised) when the cache is not writable."""
    saved = write_table(index_path(folder), index.to_json())
    index.changed = index.changed and not saved
    return saved


def discard_index(folder: Path) -> None:
    """Remove an index found not to fit its store, so that the next run builds it again."""
    with contextlib.suppress(OSError):
        os.unlink(index_path(folder))


def load_index(folder: Path) -> StoreIndex | None:
    """The saved index of the store in ``folder``, or None when there is none or it is not an
    index of this format."""
    data = read_table(index_path(folder))
    if data is None:
        return None
    try:
        return StoreIndex(json.loads(data))
    except (StaleIndex, ValueError, TypeError, KeyError, AttributeError):
        return None  # not an index (damaged, or written by something else): rebuilt


def _run(text: str) -> tuple[int, int]:
    offset, _, length = text.partition("+")
    return _count(int(offset)), _count(int(length))


def _counts(text: Any) -> list[int]:
    return [_count(int(n)) for n in _string(text).split()]


def _string(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("a string")
    return value


def _count(value: int) -> int:
    if value < 0:
        raise ValueError("a count")
    return value
