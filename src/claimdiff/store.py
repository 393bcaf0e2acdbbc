"""The claim store and the reviewers' rulings in ``claims/``.

- ``claims/claims.jsonl``: one claim per line, sorted, keys sorted; diff-friendly.
- ``claims/sources.json``: the manifest: per source, the hash of the file its claims were
  extracted from and the hash of those claims' rows. It is written last, so a run killed
  between the two files leaves rows that do not match it, which readers see and redo.
- ``claims/reviews.toml``: rulings per discrepancy id, edited by people and by
  ``claimdiff review`` (which keeps their comments and order).

The store is a cache, never trusted: every row is parsed as JSON and checked against the
claim schema (a malformed row is an error naming its line), and the rows of a source count
only while they hash to what the manifest says and the manifest's file hash is the file's
(anything else means re-extraction). Every write goes to a temporary file in the same folder
and is renamed over the old one; a lock file (opened without following links, never
truncated) keeps two writers apart, and the temporary files of a killed run are removed by
the next writer.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import math
import os
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimdiff import store_parquet
from claimdiff.errors import InputError
from claimdiff.model import Claim
from claimdiff.safeio import (
    node_kind,
    open_regular,
    read_text,
    reason,
    remove_stale_temporaries,
    write_atomic,
)
from claimdiff.schema import Document, Field, Table, parse, validate
from claimdiff.sources import DEFAULT_MAX_BYTES, Source

__all__ = ["write_atomic"]  # re-exported: the store's writes are atomic writes

CLAIMS_FILE = "claims.jsonl"
SOURCES_FILE = "sources.json"
REVIEWS_FILE = "reviews.toml"
LOCK_FILE = ".lock"
STATUSES = ("confirmed", "dismissed", "resolved")
# A ruling is written in milliseconds: two reviewers ruling at once wait for each other.
RULING_LOCK_WAIT = 30.0
MAX_ROW_BYTES = 1 << 20  # a row holds one claim and its sentence (at most 2,000 characters)
REVIEWS_HEADER = """\
# Reviewers' rulings on claimdiff discrepancies, one table per discrepancy id.
#   status     confirmed (a real conflict: still reported, no longer fails the gate),
#              dismissed (a false alarm), resolved (which value is right, in the note)
#   note       why; by, at: who ruled and when
#   positions  the [low, high] intervals the discrepancy held when ruled; a new claim
#              outside all of them reopens it
#   claims     the claims the reviewer saw (id, source, quote, value, position): when the
#              id changes the ruling follows them; matching none, it is reported orphaned
# Edit by hand or with `claimdiff review ID --status ... --note ...`.
"""


# --- the lock -------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(folder: Path, wait: float = 0) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (waiting up to ``wait`` seconds for another run
    to release it, then refusing).

    The lock file is opened without following a symbolic link and without truncating, so a
    committed ``.lock`` link cannot make claimdiff write through it; what an earlier killed
    writer left behind is removed once the lock is held.
    """
    _check_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: {node_kind(mode)}, not a lock file; remove it")
    import filelock  # imported here: reading commands take no lock

    lock = filelock.FileLock(str(path), timeout=wait)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise InputError(f"{folder}: another claimdiff run is writing here; try again when it ends") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be locked ({reason(exc)})") from None
    try:
        remove_stale_temporaries(folder, (CLAIMS_FILE, SOURCES_FILE, REVIEWS_FILE))
        yield
    finally:
        lock.release()


def _check_folder(folder: Path) -> None:
    """The store must be a real folder: through a link, its writes could land anywhere."""
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(folder).st_mode
        if stat.S_ISLNK(mode):
            raise InputError(f"{folder}: a symbolic link; the claim store must be a real folder")
        if not stat.S_ISDIR(mode):
            raise InputError(f"{folder}: {node_kind(mode)}, not a folder")


# --- the claim store ------------------------------------------------------------------------

# Fields a row holds only when set ("substance"): stores written before them stay readable.
_OPTIONAL_TYPES: dict[str, tuple[type, ...]] = {"substance": (str,)}
_STORED = [f.name for f in fields(Claim) if f.name not in ("start", "end", "sentence_start", *_OPTIONAL_TYPES)]
_NUMBER = (int, float)
# The type of each stored field: a row with another key, a missing key or a wrong type is
# not a claim row (checked before a Claim is built from it).
_ROW_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "source": (str,),
    "line": (int,),
    "column": (int,),
    "text": (str,),
    "sentence": (str,),
    "kind": (str,),
    "value": _NUMBER,
    "low": (*_NUMBER, type(None)),
    "high": (*_NUMBER, type(None)),
    "unit": (str,),
    "original": (dict,),
    "qualifier": (str,),
    "period": (str,),
    "precision": _NUMBER,
    "noun": (str,),
    "event": (str,),
    "language": (str,),
    "flags": (list,),
    "fx": (dict, type(None)),
    "entity": (str,),
    "metric": (str,),
    "topic": (str,),
}


def claim_row(claim: Claim) -> str:
    row = {name: getattr(claim, name) for name in _STORED}
    row.update((name, getattr(claim, name)) for name in _OPTIONAL_TYPES if getattr(claim, name))
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def claim_from_row(row: dict[str, Any]) -> Claim:
    """The claim of a row that passed :func:`_row_problem` (its keys are the stored fields)."""
    return Claim(**row)


def rows_digest(rows: Iterable[str | bytes]) -> str:
    """The hash of one source's rows as written, whatever their order in the file."""
    digest = hashlib.sha256()
    for row in sorted(r.encode("utf-8") if isinstance(r, str) else r for r in rows):
        digest.update(row + b"\n")
    return digest.hexdigest()


_ROW_KEYS = frozenset(_ROW_TYPES)
_ROW_FIELDS = tuple(_ROW_TYPES.items())
_FLOATS = ("value", "low", "high", "precision")


def _row_problem(row: Any) -> str:
    """What makes a parsed row not a claim row, or '' (exact types: true is no number)."""
    if not isinstance(row, dict):
        return "not a JSON object"
    optional = [name for name in _OPTIONAL_TYPES if name in row]
    if any(type(row[name]) not in _OPTIONAL_TYPES[name] for name in optional):
        return "an optional field has the wrong type"
    if row.keys() - set(optional) != _ROW_KEYS:
        missing, unknown = sorted(_ROW_KEYS - set(row)), sorted(set(row) - _ROW_KEYS - set(optional))
        return f"missing {', '.join(missing)}" if missing else f"unknown field(s) {', '.join(unknown)}"
    for name, types in _ROW_FIELDS:
        if type(row[name]) not in types:
            return f"'{name}' has the wrong type ({type(row[name]).__name__})"
    if not all(row[name] is None or math.isfinite(row[name]) for name in _FLOATS):
        return "a value that is not a finite number"
    if row["line"] < 1 or row["column"] < 1:
        return "line and column must be 1 or more"
    if not all(type(flag) is str for flag in row["flags"]):
        return "'flags' must be a list of strings"
    return ""


@dataclass
class Store:
    """The claims of a corpus as last extracted, and what they can be trusted for.

    ``records`` are the rows, parsed and checked (a :class:`Claim` is built only for those a
    caller needs); ``digests`` maps a source path to the hash of the file its claims came
    from; ``verified`` holds the paths whose rows hash to what the manifest says;
    ``manifest_rows`` is that hash per path; ``problems`` says what did not verify.
    """

    records: list[dict[str, Any]]
    digests: dict[str, str]
    verified: set[str] = field(default_factory=set)
    manifest_rows: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def claims(self) -> list[Claim]:
        return [claim_from_row(r) for r in self.records]

    def trusted(self, path: str, digest: str) -> bool:
        """Whether the stored claims of ``path`` stand for the file whose hash is ``digest``."""
        return bool(digest) and self.digests.get(path) == digest and path in self.verified


def read_store(folder: Path) -> Store:
    """Read and verify the store (an absent store is an empty one)."""
    if store_parquet.is_parquet_store(folder):
        return _read_parquet_store(folder)
    claims_path, sources_path = folder / CLAIMS_FILE, folder / SOURCES_FILE
    if not os.path.lexists(claims_path) or not os.path.lexists(sources_path):
        return Store([], {})
    manifest = _read_manifest(sources_path)
    with collection_paused():
        return verify(claims_path, _read_rows(claims_path), manifest)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while rows are parsed (a speed-up of reading only).

    Each parsed row is a few new containers; with the collector on, every 700 of them start
    a pass over all the young ones, and the older generations are walked again and again as
    the store grows: about half of the time of reading a large store. Rows hold no cycles, so
    nothing is left for the collector; it runs again as before once the store is read.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_parquet_store(folder: Path) -> Store:
    """The rows of :mod:`claimdiff.store_parquet`'s files, checked and verified as JSONL rows are."""
    if not os.path.lexists(folder / SOURCES_FILE):
        return Store([], {})
    manifest = _read_manifest(folder / SOURCES_FILE)
    rows = ((json.dumps(row, ensure_ascii=False, sort_keys=True).encode(), row) for _, row in _parquet_rows(folder))
    return verify(folder, rows, manifest)


def _parquet_rows(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, row in store_parquet.read_rows(folder):
        problem = _row_problem(row)
        if problem:
            raise InputError(f"{where}: not a claim row: {problem}")
        yield where, row


def read_store_text(claims_text: str, sources_text: str, label: str) -> Store:
    """The store from the text of its two files (the base branch's, read through git)."""
    manifest = parse_manifest(sources_text, f"{label}/{SOURCES_FILE}")
    lines = ((n, line.encode("utf-8")) for n, line in enumerate(claims_text.splitlines(), start=1))
    return verify(Path(f"{label}/{CLAIMS_FILE}"), _parse_rows(Path(f"{label}/{CLAIMS_FILE}"), lines), manifest)


def _read_rows(path: Path) -> Iterator[tuple[bytes, dict[str, Any]]]:
    with open_regular(path) as handle:
        lines = _bounded_lines(handle, path)
        yield from _parse_rows(path, lines)


def _bounded_lines(handle: Any, path: Path) -> Iterator[tuple[int, bytes]]:
    number = 0
    while True:
        line = handle.readline(MAX_ROW_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ROW_BYTES:
            raise InputError(f"{path}:{number}: a row longer than {MAX_ROW_BYTES:,} bytes is not a claim row")
        yield number, line


def _parse_rows(path: Path, lines: Iterable[tuple[int, bytes]]) -> Iterator[tuple[bytes, dict[str, Any]]]:
    """(row as written, row) for every non-blank line; a malformed one is an error at its line."""
    for number, line in lines:
        if line.strip():
            yield line.rstrip(b"\r\n"), parse_row(line, f"{path}:{number}")


def parse_row(line: bytes, where: str) -> dict[str, Any]:
    """One line of ``claims.jsonl`` as a checked row; :class:`InputError` naming ``where`` if it is none."""
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: not a claim row ({exc})") from None
    problem = _row_problem(row)
    if problem:
        raise InputError(f"{where}: not a claim row: {problem}")
    return row  # type: ignore[no-any-return]


def verify(
    claims_path: Path, rows: Iterable[tuple[bytes, dict[str, Any]]], manifest: dict[str, dict[str, Any]]
) -> Store:
    """The store, with each source's rows checked against the manifest."""
    by_source: dict[str, list[bytes]] = defaultdict(list)
    records = []
    for written, row in rows:
        by_source[row["source"]].append(written)
        records.append(row)
    found = {path: rows_digest(rows) for path, rows in by_source.items()}
    expected = {path: str(entry.get("rows", "")) for path, entry in manifest.items()}
    verified = {path for path, digest in expected.items() if digest and found.get(path, rows_digest(())) == digest}
    problems = {
        path: unverified(claims_path, path) for path in sorted(set(expected) | set(found)) if path not in verified
    }
    digests = {path: str(entry["sha256"]) for path, entry in manifest.items()}
    return Store(records, digests, verified, expected, problems)


def unverified(claims_path: Path, path: str) -> str:
    """The warning for a source whose stored rows do not hash to what the manifest says."""
    return f"{claims_path}: the stored claims of {path} do not match {SOURCES_FILE}; extracted again"


_MANIFEST_ENTRY = {"sha256": str, "rows": str, "claims": int, "language": str}


def _read_manifest(path: Path) -> dict[str, dict[str, Any]]:
    return parse_manifest(read_text(path, DEFAULT_MAX_BYTES), str(path))


def parse_manifest(text: str, shown: str) -> dict[str, dict[str, Any]]:
    """``sources.json``: path -> {sha256, rows, claims, language}; any other shape is an error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{shown}:{exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{shown}: must be a JSON object of source paths")
    for path, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
            raise InputError(f"{shown}: the entry of {path} must be an object with a 'sha256' string")
        for key, value in entry.items():
            expected = _MANIFEST_ENTRY.get(key)
            if expected is None:
                raise InputError(f"{shown}: the entry of {path} has an unknown field '{key}'")
            if isinstance(value, bool) or not isinstance(value, expected):
                raise InputError(f"{shown}: the entry of {path} has a '{key}' of the wrong type")
    return data


def write_store(folder: Path, sources: list[Source], claims: list[Claim]) -> None:
    """Write the store deterministically: rows sorted by source, position and id; manifest last."""
    ordered = sorted(claims, key=lambda c: c.reading_order)
    rows = [claim_row(c) for c in ordered]
    with locked(folder):
        if store_parquet.is_parquet_store(folder):
            store_parquet.write_rows(folder, [json.loads(row) for row in rows])
        else:
            write_atomic(folder / CLAIMS_FILE, "".join(row + "\n" for row in rows))
        write_manifest(folder, sources, rows_summary(zip((c.source for c in ordered), rows, strict=True)))


def rows_summary(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[str, int]]:
    """Each source's :func:`rows_digest` and number of rows, from (source, row text) pairs: what
    the manifest vouches for, however the rows were written."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, row in rows:
        by_source[source].append(row)
    return {path: (rows_digest(found), len(found)) for path, found in by_source.items()}


def write_manifest(folder: Path, sources: list[Source], rows: dict[str, tuple[str, int]]) -> None:
    """``sources.json``, last: for :func:`write_store`, and for rows written elsewhere (by Dask
    workers into a Parquet store, :func:`claimdiff.dask_engine.store_corpus_dask`). ``rows`` maps
    a path to the :func:`rows_digest` of its rows and their number; the caller holds the
    store's lock."""
    none = (rows_digest(()), 0)
    index = {
        s.path: {
            "sha256": s.digest,
            "rows": rows.get(s.path, none)[0],
            "language": s.language,
            "claims": rows.get(s.path, none)[1],
        }
        for s in sorted(sources, key=lambda s: s.path)
    }
    write_atomic(folder / SOURCES_FILE, json.dumps(index, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def stale_sources(store: Store, sources: list[Source], claims: list[Claim] | None = None) -> list[str]:
    """Paths whose text changed, appeared or vanished since the store was written, or whose
    stored rows are not what the manifest says (or, given the fresh ``claims``, not theirs)."""
    current = {s.path: s.digest for s in sources}
    changed = [p for p, digest in current.items() if not store.trusted(p, digest)]
    if claims is not None:
        fresh: dict[str, list[str]] = defaultdict(list)
        for claim in claims:
            fresh[claim.source].append(claim_row(claim))
        changed += [p for p in current if store.manifest_rows.get(p) != rows_digest(fresh.get(p, ()))]
    gone = [p for p in store.digests if p not in current]
    return sorted(set(changed + gone))


# --- rulings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuledClaim:
    """A claim as the reviewer saw it: what carries a ruling to its discrepancy when the id
    changes (by id, else by source and quote, else by source and value)."""

    id: str
    source: str
    quote: str  # the sentence, spaces folded
    text: str  # the figure as written
    value: float
    position: int

    @classmethod
    def of(cls, claim: Claim, position: int) -> RuledClaim:
        return cls(claim.id, claim.source, " ".join(claim.sentence.split()), claim.text, claim.value, position)

    def to_toml(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "quote": self.quote,
            "text": self.text,
            "value": self.value,
            "position": self.position,
        }


@dataclass(frozen=True)
class Ruling:
    id: str
    status: str
    note: str
    by: str
    at: str
    positions: tuple[tuple[float, float], ...]
    subject: str = ""
    claims: tuple[RuledClaim, ...] = ()

    def covers(self, claim: Claim) -> bool:
        """Whether a claim agrees with one of the positions the ruling saw.

        Positions are closed intervals of the values that were on the table when the ruling
        was made, so a ruling on "more than €109 bn" does not cover a later €150 bn.
        """
        if not self.positions:
            return True  # a hand-written ruling that names no positions rules on the subject
        low = claim.low if claim.low is not None else -math.inf
        high = claim.high if claim.high is not None else math.inf
        return any(low <= p_high and p_low <= high for p_low, p_high in self.positions)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "note": self.note,
            "by": self.by,
            "at": self.at,
            "subject": self.subject,
            "claims": [c.to_toml() for c in self.claims],
        }


_TEXT = Field("string", allow_empty=True)
RULING_SCHEMA = Table(
    other=Field(
        "table",
        table=Table(
            {
                "status": Field("string", required=True, choices=STATUSES),
                "note": _TEXT,
                "by": _TEXT,
                "at": _TEXT,
                "subject": _TEXT,
                "positions": Field("list", items=Field("list"), unique=False),
                "claims": Field(
                    "list",
                    unique=False,
                    items=Field(
                        "table",
                        table=Table(
                            {
                                "id": Field("string", required=True),
                                "source": Field("string", required=True),
                                "quote": _TEXT,
                                "text": _TEXT,
                                "value": Field("number", required=True),
                                "position": Field("integer", required=True, minimum=0),
                            }
                        ),
                    ),
                ),
            }
        ),
    )
)


def read_rulings(folder: Path) -> dict[str, Ruling]:
    """Every ruling of ``reviews.toml``, the whole file checked first (one line names a problem)."""
    path = folder / REVIEWS_FILE
    if not os.path.lexists(path):
        return {}
    text = read_text(path, DEFAULT_MAX_BYTES)
    return _rulings(_check_reviews(text, path))


def _check_reviews(text: str, path: Path) -> Document:
    doc = parse(text, str(path), InputError)
    for entry in doc.data.values():
        if isinstance(entry, dict) and isinstance(entry.get("at"), date | datetime):
            entry["at"] = entry["at"].isoformat()  # at = 2025-02-10, a TOML date
    validate(doc, RULING_SCHEMA)
    for identifier, entry in doc.data.items():
        for index, position in enumerate(entry.get("positions", [])):
            problem = _position_problem(position)
            if problem:
                raise doc.fail((identifier, "positions"), f"[{identifier}] 'positions' item {index + 1} {problem}")
    return doc


def _position_problem(position: list[Any]) -> str:
    if len(position) != 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position):
        return "must be a pair of numbers [low, high]"
    if any(math.isnan(v) for v in position) or position[0] > position[1]:
        return "must have low <= high"
    return ""


def _rulings(doc: Document) -> dict[str, Ruling]:
    return {
        identifier: Ruling(
            identifier,
            entry["status"],
            entry.get("note", ""),
            entry.get("by", ""),
            entry.get("at", ""),
            tuple(_closed(float(low), float(high)) for low, high in entry.get("positions", [])),
            entry.get("subject", ""),
            tuple(_ruled_claim(c) for c in entry.get("claims", [])),
        )
        for identifier, entry in doc.data.items()
    }


def _ruled_claim(entry: dict[str, Any]) -> RuledClaim:
    return RuledClaim(
        entry["id"],
        entry["source"],
        entry.get("quote", ""),
        entry.get("text", ""),
        float(entry["value"]),
        entry["position"],
    )


def _closed(low: float, high: float) -> tuple[float, float]:
    """A position as a closed interval: an open bound (recorded by an older version) stops at
    the position's other bound, the value that was on the table."""
    if math.isinf(low) and math.isinf(high):
        return (math.nan, math.nan)  # nothing was on the table: covers nothing
    return (high if math.isinf(low) else low, low if math.isinf(high) else high)


def record_ruling(
    folder: Path,
    identifier: str,
    status: str,
    note: str,
    by: str,
    positions: list[tuple[float, float]],
    subject: str = "",
    today: date | None = None,
    claims: Iterable[RuledClaim] = (),
) -> None:
    """Add or update one ruling, keeping every other entry and comment as it was.

    The ruling records what the reviewer saw (``claims``) beside the id, so it can follow its
    claims when the id changes. The whole file is checked before anything is written, under
    the lock, so two reviewers ruling at once both keep their ruling and a broken file stays
    as it is.
    """
    import tomlkit  # imported here: only a ruling is written keeping the file's comments

    path = folder / REVIEWS_FILE
    with locked(folder, RULING_LOCK_WAIT):
        text = read_text(path, DEFAULT_MAX_BYTES) if os.path.lexists(path) else REVIEWS_HEADER
        _check_reviews(text, path)
        document = tomlkit.parse(text)
        table = document.get(identifier)
        if table is None:
            table = tomlkit.table()
            document.add(identifier, table)
        table["status"] = status
        table["note"] = note
        table["by"] = by
        table["at"] = (today or date.today()).isoformat()
        if subject:
            table["subject"] = subject
        table["positions"] = [[low, high] for low, high in positions]
        ruled = tomlkit.array()
        ruled.multiline(True)
        for claim in claims:
            item = tomlkit.inline_table()
            item.update(claim.to_toml())
            ruled.append(item)
        table["claims"] = ruled
        write_atomic(path, tomlkit.dumps(document))


def position_intervals(claims: list[Claim], positions: dict[str, int]) -> list[tuple[float, float]]:
    """The interval each position of a discrepancy spans (what a ruling records).

    An open bound ("more than €109 bn") is limited to the values on the table: the ruling
    saw figures up to the highest one stated, not every figure above it.
    """
    values = [v for c in claims for v in (c.low, c.high, c.value) if v is not None and math.isfinite(v)]
    floor, ceiling = (min(values), max(values)) if values else (0.0, 0.0)
    spans: dict[int, list[float]] = {}
    for claim in claims:
        low = claim.low if claim.low is not None else floor
        high = claim.high if claim.high is not None else ceiling
        low, high = min(low, high), max(low, high)
        index = positions.get(claim.id, 0)
        if index in spans:
            spans[index] = [min(spans[index][0], low), max(spans[index][1], high)]
        else:
            spans[index] = [low, high]
    return [(spans[i][0], spans[i][1]) for i in sorted(spans)]
