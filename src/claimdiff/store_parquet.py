"""The claim store's rows as partitioned Parquet files, for corpora too large for one JSONL file.

A store folder whose name ends in ``.parquet`` (``--store claims.parquet``) keeps its claims in
``part-XX.parquet`` files, one per bucket of source paths (every row of one source in one
file), beside the same ``sources.json`` manifest and ``reviews.toml`` as the JSONL store, which
stays the default for small corpora kept in git. This module only turns rows (the dicts of
``claims.jsonl`` lines) into files and back, exactly: ints stay ints and floats floats (a
bitmask column says which), nested fields are JSON text; :mod:`claimdiff.store` checks every row
and verifies it against the manifest as it does for JSONL. pyarrow is imported on first use.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimdiff.errors import InputError
from claimdiff.safeio import open_regular, write_atomic_bytes

SUFFIX = ".parquet"
# Rows are spread over this many files by a hash of their source path; a bucket with no rows
# has no file. Enough for 70 million claims in files of a few million rows each.
BUCKETS = 16
NUMBERS = ("value", "low", "high", "precision")
TEXTS = (
    *("id", "source", "text", "sentence", "kind", "unit", "qualifier", "period"),
    *("noun", "event", "language", "entity", "metric", "topic"),
)
INTEGERS = ("line", "column")
NESTED = ("original", "fx")  # JSON text: their values have no fixed type
OPTIONAL = ("substance",)  # text a row holds only when set (a null here)
MAX_PART_BYTES = 4 << 30


def is_parquet_store(folder: Path) -> bool:
    """Whether ``folder`` names a Parquet claim store (by its name: it may not exist yet)."""
    return folder.name.endswith(SUFFIX)


def part_bucket(source: str) -> int:
    """The bucket a source's rows go to (a hash of its path, alike in every process)."""
    return int(hashlib.sha256(source.encode("utf-8")).hexdigest()[:8], 16) % BUCKETS


def part_name(source: str) -> str:
    return bucket_file(part_bucket(source))


def bucket_file(bucket: int) -> str:
    return f"part-{bucket:02d}{SUFFIX}"


def part_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(f"part-*{SUFFIX}") if p.name[5:7].isdigit())


def write_rows(folder: Path, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` (in their order) into their buckets' files, each atomically; remove the
    files of buckets that hold no row now. The caller holds the store's lock."""
    by_part: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_part.setdefault(part_name(row["source"]), []).append(row)
    for name, members in sorted(by_part.items()):
        write_part(folder, name, members)
    remove_stale_parts(folder, set(by_part))


def write_part(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    """Write one part file (atomically) with ``rows``, in their order: what a Dask worker does
    for its bucket (:func:`claimdiff.dask_engine.store_corpus_dask`)."""
    write_atomic_bytes(folder / name, _parquet_bytes(rows))


def remove_stale_parts(folder: Path, written: set[str]) -> None:
    """Remove the part files of buckets that hold no row now (not named in ``written``)."""
    for stale in part_files(folder):
        if stale.name not in written:
            os.unlink(stale)


def read_rows(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file and row number, row) for every row of every part file, in file order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for path in part_files(folder):
        with open_regular(path) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
        if len(data) > MAX_PART_BYTES:
            raise InputError(f"{path}: larger than {MAX_PART_BYTES:,} bytes")
        try:
            table = pq.read_table(pa.BufferReader(data))
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{path}: not a Parquet file of claims ({exc})") from None
        for number, record in enumerate(table.to_pylist(), start=1):
            yield f"{path}:{number}", _row(record, f"{path}:{number}")


def _parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, Any] = {name: pa.array([r[name] for r in rows], pa.string()) for name in TEXTS}
    for name in INTEGERS:
        columns[name] = pa.array([r[name] for r in rows], pa.int64())
    for name in NUMBERS:
        columns[name] = pa.array([None if r[name] is None else float(r[name]) for r in rows], pa.float64())
    # Which numbers were ints (bit i: NUMBERS[i]), so that rows read back as they were written.
    columns["ints"] = pa.array([_int_bits(r) for r in rows], pa.uint8())
    columns["flags"] = pa.array([r["flags"] for r in rows], pa.list_(pa.string()))
    for name in OPTIONAL:
        columns[name] = pa.array([r.get(name) for r in rows], pa.string())
    for name in NESTED:
        texts = [None if r[name] is None else json.dumps(r[name], ensure_ascii=False) for r in rows]
        columns[name] = pa.array(texts, pa.string())
    out = io.BytesIO()
    pq.write_table(pa.table(columns), out, compression="zstd")
    return out.getvalue()


def _int_bits(row: dict[str, Any]) -> int:
    return sum(1 << i for i, name in enumerate(NUMBERS) if type(row[name]) is int)


def _row(record: dict[str, Any], where: str) -> dict[str, Any]:
    """A stored row from a Parquet record (its types checked by the store, as for JSONL)."""
    try:
        bits = int(record.pop("ints"))
        for index, name in enumerate(NUMBERS):
            if bits >> index & 1 and record[name] is not None:
                record[name] = int(record[name])
        for name in NESTED:
            record[name] = None if record[name] is None else json.loads(record[name])
        for name in OPTIONAL:
            if record.get(name) is None:
                record.pop(name, None)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: not a claim row ({exc})") from None
    return record
