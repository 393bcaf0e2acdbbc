"""The Dask engine: the pipeline of :mod:`claimdiff.pipeline` on a cluster (``--engine dask``).

Per-source analysis is a map over files (a partition of files per task). The comparison is a
shuffle of the claims on their partition key (:func:`partition_keys`), then one comparison per
partition:

* amounts, dates and ranks by (unit, root entity): the comparison's own block key
  (:func:`claimdiff.compare.block_key`) without the kind, since a discrepancy's id (entity,
  metric, unit, period) and the figures a source states are never shared across partitions
  that differ in unit or root entity, but may be across kinds of the same unit;
* descriptions by entity, as :func:`claimdiff.descriptions.describe_discrepancies` groups them,
  with the entity's creation dates, which it reads;
* sums within their source, so they are found in the map step.

The shuffle carries claims as columns of plain values (:func:`claim_columns`) in buckets of
partition keys; only the discrepancies come back, with where their claims stand. With a
Parquet claim store, ``extract --write`` has the workers write the part files themselves
(:func:`store_corpus_dask`). The results are sorted as the local engine sorts them, so both
engines print the same bytes.
Dask and its ``distributed`` scheduler are an optional extra: ``pip install 'claimdiff[dask]'``.
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from claimdiff.compare import compare, sort_discrepancies
from claimdiff.descriptions import describe_discrepancies
from claimdiff.errors import InputError, MetadataError, UsageError
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.model import CLAIM_FIELD_NAMES, Claim, Discrepancy
from claimdiff.pipeline import (
    Corpus,
    analyse_source,
    corpus_entities,
    figure_counts,
    figure_entities,
    generic_metrics,
    knowledge_for,
    sentences_of,
    source_name,
)
from claimdiff.sources import DEFAULT_MAX_BYTES, Source, iter_source_paths, load_source
from claimdiff.store import claim_row, collection_paused, locked, rows_summary, write_manifest
from claimdiff.store_parquet import BUCKETS, bucket_file, part_bucket, remove_stale_parts, write_part
from claimdiff.subjects.places import place_countries, unambiguous
from claimdiff.sums import sum_discrepancies
from claimdiff.timeline import timeline_discrepancies

# Sources per map task: enough to amortize a task's overhead, few enough to spread the work.
FILES_PER_TASK = 16
# The shuffle's buckets at most (see buckets_for).
MAX_BUCKETS = 64
_PartitionKey = tuple[str, str, str]


@dataclass
class Analysed:
    """What the map step gives for one file: the source without its text, claims, warnings, sums."""

    source: Source | None
    claims: list[Claim]
    warnings: list[str]
    sums: list[Discrepancy]


def load_corpus_dask(
    paths: list[str] | tuple[str, ...],
    max_bytes: int = DEFAULT_MAX_BYTES,
    compare_claims: bool = True,
    knowledge: Knowledge | None = None,
    config: Any = None,
    scheduler: str | None = None,
    exclude: tuple[str, ...] = (),
) -> Corpus:
    """:func:`claimdiff.pipeline.load_corpus` on the Dask cluster at ``scheduler`` (an address
    such as ``tcp://10.0.0.5:8786``), or on a LocalCluster started for the run when None."""
    db = _import_dask()
    knowledge = knowledge or knowledge_for(config)
    warnings: list[str] = []
    jobs = _jobs(paths, max_bytes, exclude, warnings)
    with _client(scheduler) as client:
        shared = client.scatter(knowledge, broadcast=True)
        analysed = _analysed(db, jobs, shared)
        if compare_claims:
            analysed = client.persist(analysed)  # read twice: the names the corpus uses, then the claims
        heads = analysed.map(lambda a: (a.source, a.warnings, a.sums))
        claims = analysed.map_partitions(_claims_of)
        columns = claims.map_partitions(_as_columns)  # claims come back as columns, not pickled one by one
        wanted = [heads, columns]
        if compare_claims:
            wanted.append(compact_discrepancies(client, claims, knowledge, shared))
        head_rows, pieces, *compact = client.compute(wanted, sync=True)
    sources = [source for source, _, _ in head_rows if source is not None]
    warnings.extend(w for _, found_warnings, _ in head_rows for w in found_warnings)
    all_claims: list[Claim] = []
    starts = []  # where each partition's claims start in all_claims
    for piece in pieces:
        starts.append(len(all_claims))
        all_claims.extend(claims_of_columns(piece))
    corpus = Corpus(sources, all_claims, warnings=warnings, knowledge=knowledge)
    if compare_claims:
        sums = [d for _, _, found_sums in head_rows for d in found_sums]

        def claim_at(ref: int) -> Claim:
            return all_claims[starts[ref >> REF_BITS] + (ref & REF_MASK)]

        # Start dates against figures running from before them: few claims, read on the client.
        timeline = timeline_discrepancies(corpus.claims, corpus.names, figure_entities(corpus.claims, knowledge))
        corpus.discrepancies = sort_discrepancies(with_claims(compact[0], claim_at) + sums + timeline)
    return corpus


def store_corpus_dask(
    paths: list[str] | tuple[str, ...],
    folder: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    knowledge: Knowledge | None = None,
    config: Any = None,
    scheduler: str | None = None,
    exclude: tuple[str, ...] = (),
    check_sources: Callable[[list[Source]], None] | None = None,
) -> tuple[Corpus, int]:
    """Extract ``paths`` on the cluster into the Parquet claim store ``folder`` (see
    :mod:`claimdiff.store_parquet`) without gathering the claims: each bucket's part file is
    written by a worker (atomically, its rows in reading order, as :func:`claimdiff.store.write_store`
    orders them, so the files are the local engine's byte for byte); only the sources, their
    warnings and each source's rows digest come back, for the manifest written here last.

    ``check_sources`` sees the sources read before anything is written (it may refuse them).
    This process holds the store's lock; on a cluster of several machines ``folder`` must be
    on a file system every worker shares. Gives the corpus (without claims) and the claims
    written."""
    db = _import_dask()
    knowledge = knowledge or knowledge_for(config)
    warnings: list[str] = []
    jobs = _jobs(paths, max_bytes, exclude, warnings)
    with _client(scheduler) as client, locked(folder):
        analysed = client.persist(_analysed(db, jobs, client.scatter(knowledge, broadcast=True)))
        head_rows = client.compute(analysed.map(lambda a: (a.source, a.warnings)), sync=True)
        sources = [source for source, _ in head_rows if source is not None]
        warnings.extend(w for _, found in head_rows for w in found)
        if check_sources:
            check_sources(sources)
        split = [
            _task(_rows_by_bucket, nout=BUCKETS)(part) for part in analysed.map_partitions(_claims_of).to_delayed()
        ]
        writes = [_task(_write_bucket)(str(folder), b, [pieces[b] for pieces in split]) for b in range(BUCKETS)]
        written = client.compute(writes, sync=True)
        rows = {path: entry for _, by_source in written for path, entry in by_source.items()}
        remove_stale_parts(folder, {name for name, _ in written if name})
        write_manifest(folder, sources, rows)
    corpus = Corpus(sources, [], warnings=warnings, knowledge=knowledge)
    return corpus, sum(count for _, count in rows.values())


def discrepancies_dask(client: Any, claims: Any, knowledge: Knowledge, shared: Any = None) -> list[Discrepancy]:
    """The discrepancies among a bag of claims persisted on the cluster, sorted as the local
    engine sorts them, for a caller that does not hold the claims: of those only the claims in
    a discrepancy come back (for the engine's own run, see :func:`load_corpus_dask`)."""
    found = client.compute(compact_discrepancies(client, claims, knowledge, shared), sync=True)
    wanted: dict[int, set[int]] = {}
    for item in found:
        for ref in item.refs:
            wanted.setdefault(ref >> REF_BITS, set()).add(ref & REF_MASK)
    # Each partition's places as bytes: Dask walks and hashes a large Python object given to
    # a task (scattering a set of 100,000 ints took seconds).
    parts = claims.to_delayed()
    picks = [
        _task(_picked_columns, pure=False)(part, index, array("q", sorted(wanted.get(index, ()))).tobytes())
        for index, part in enumerate(parts)
    ]
    known: dict[int, Claim] = {}
    for refs, columns in client.compute(picks, sync=True):
        known.update(zip(refs, claims_of_columns(columns), strict=True))
    return sort_discrepancies(with_claims(found, known.__getitem__))


def compact_discrepancies(client: Any, claims: Any, knowledge: Knowledge, shared: Any = None) -> Any:
    """A Dask collection (a delayed list) of the discrepancies among ``claims`` (a bag persisted
    on the cluster), each a :class:`Compact`, as the local engine finds them
    (:func:`claimdiff.pipeline.find_discrepancies`) but block by block.

    The shuffle carries compact rows, never pickled claims: each partition of claims is split
    into :func:`buckets_for` buckets by a stable hash of its claims' partition keys
    (:func:`partition_keys`), each piece as columns of plain values (:func:`claim_columns`);
    each bucket gathers its pieces, groups them by partition key and compares every block on
    its own; only the discrepancies come back, and of their claims only where they stand.

    The entity table is first extended with the names the whole corpus uses (one small count
    gathered here), as the local engine extends it, so both see the same roots and blocks."""
    shared = shared if shared is not None else client.scatter(knowledge, broadcast=True)
    used = client.compute(claims.reduction(figure_counts, _merge_counts), sync=True)  # as the local engine counts
    # The places the claims' sentences put inside a country, learned on the workers and merged.
    learned = client.compute(claims.map_partitions(_place_countries, shared), sync=True)
    table = client.scatter(corpus_entities(knowledge, used, _merged_places(learned)), broadcast=True)
    parts = claims.to_delayed()
    buckets = buckets_for(len(parts))
    split = [_task(_split, nout=buckets)(part, index, table, buckets) for index, part in enumerate(parts)]
    compared = [_task(_compare_bucket)([pieces[b] for pieces in split], shared, table) for b in range(buckets)]
    return _task(_concatenated)(compared)


def buckets_for(partitions: int) -> int:
    """Buckets of the shuffle: as many as partitions of claims (each bucket's pieces stay few
    and its blocks many), at least 2 so that two workers share the comparison, at most 64."""
    return max(2, min(partitions, MAX_BUCKETS))


# Where a claim stands, as one int: its partition of claims, then its place in it.
REF_BITS = 32
REF_MASK = (1 << REF_BITS) - 1


@dataclass
class Compact:
    """A discrepancy found on a worker, without its claims: only where each stands (partition
    << REF_BITS | place, in the discrepancy's order). What comes back to the client instead of
    every claim of every discrepancy (claim ids are unique within a block, not across kinds)."""

    discrepancy: Discrepancy
    refs: list[int]


def with_claims(found: list[Compact], claim_at: Callable[[int], Claim]) -> list[Discrepancy]:
    """The discrepancies of ``found``, each with its claims again (``claim_at``: ref -> claim)."""
    return [replace(item.discrepancy, claims=[claim_at(ref) for ref in item.refs]) for item in found]


# --- claims as columns ------------------------------------------------------------------------
#
# What moves between processes: every field of each claim (so a claim rebuilds equal to the
# one extracted), as one tuple per field. Pickling claims one by one costs five times as much:
# each is a class instance with a dict of its fields, where a column of strings or numbers is
# written in one go.

FIELDS = CLAIM_FIELD_NAMES
_FIELD_VALUES = attrgetter(*FIELDS)
Columns = list[tuple[Any, ...]]


def claim_columns(claims: list[Claim]) -> Columns:
    """``claims`` as one tuple per field of :class:`Claim` (in :data:`FIELDS` order)."""
    if not claims:
        return [() for _ in FIELDS]
    return list(zip(*map(_FIELD_VALUES, claims), strict=True))


def claims_of_columns(columns: Columns) -> list[Claim]:
    """The claims of :func:`claim_columns`, equal to those it was given."""
    return [Claim(*values) for values in zip(*columns, strict=True)]


def _picked_columns(claims: list[Claim], partition: int, wanted: bytes) -> tuple[list[int], Columns]:
    """The claims of one partition at the places ``wanted`` holds (int64s), with their refs."""
    places = array("q", wanted).tolist()
    return [partition << REF_BITS | place for place in places], claim_columns([claims[place] for place in places])


def _task(function: Callable[..., Any], nout: int | None = None, pure: bool = True) -> Any:
    """``function`` as a Dask task (pure: its result named by a hash of its arguments)."""
    from dask import delayed

    return delayed(function, pure=pure, nout=nout)


# --- the tasks --------------------------------------------------------------------------------


def _jobs(
    paths: list[str] | tuple[str, ...], max_bytes: int, exclude: tuple[str, ...], warnings: list[str]
) -> list[tuple[str, int, bool]]:
    """One job per file: its path, the size limit, whether it was named (not found in a folder)."""
    named = {str(Path(p)) for p in paths if Path(p).is_file()}
    return [(str(p), max_bytes, str(p) in named) for p in iter_source_paths(list(paths), warnings, exclude)]


def _analysed(db: Any, jobs: list[tuple[str, int, bool]], knowledge: Any) -> Any:
    """The bag of :class:`Analysed` files, a partition per :data:`FILES_PER_TASK` files."""
    partitions = max(1, -(-len(jobs) // FILES_PER_TASK))
    return db.from_sequence(jobs, npartitions=partitions).map_partitions(_analyse_files, knowledge)


def _claims_of(analysed: list[Analysed]) -> list[Claim]:
    return [claim for a in analysed for claim in a.claims]


def _as_columns(claims: list[Claim]) -> list[Columns]:
    """A partition of claims as one element, its columns (a bag's partition is a list)."""
    return [claim_columns(claims)]


def _place_countries(claims: list[Claim], knowledge: Knowledge) -> list[tuple[str, tuple[str, ...]]]:
    found = place_countries(sentences_of(claims), knowledge)
    return [(place, tuple(sorted(countries))) for place, countries in sorted(found.items())]


def _merged_places(pairs: list[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for place, countries in pairs:
        found.setdefault(place, set()).update(countries)
    return unambiguous(found)


def _analyse_files(jobs: list[tuple[str, int, bool]], knowledge: Knowledge) -> list[Analysed]:
    """The map step over one partition of files (sources.toml read once per folder in it)."""
    metadata: dict[Path, dict[str, dict[str, str]]] = {}
    return [_analyse_file(job, knowledge, metadata) for job in jobs]


def _analyse_file(job: tuple[str, int, bool], knowledge: Knowledge, metadata: dict[Path, Any]) -> Analysed:
    """As the local engine: a file named on the command line that cannot be read stops the run,
    one found in a folder is skipped with a warning."""
    path, max_bytes, named = job
    try:
        source = load_source(Path(path), knowledge, max_bytes, metadata)
    except InputError as exc:
        if named or isinstance(exc, MetadataError):
            raise
        return Analysed(None, [], [str(exc)], [])
    claims = analyse_source(source, knowledge)
    sums = sum_discrepancies(claims, {source.path: source_name(source)}, knowledge)
    light = replace(source, original="", text="", offsets=[], sentences=[])
    light.raw_digest = source.digest
    return Analysed(light, claims, list(source.warnings), sums)


def _merge_counts(counts: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for count in counts:
        total.update(count)
    return total


def partition_keys(claim: Claim, entities: EntityTable) -> list[_PartitionKey]:
    """The blocks a claim takes part in: none without an entity (neither compared nor stated
    beside another figure); a description's entity; a figure's unit and root entity. A
    creation date also goes to its entity's descriptions, which leave to the dates a founding
    year both sources give as a date (:func:`claimdiff.descriptions.describe_discrepancies`)."""
    if not claim.entity:
        return []
    if claim.kind == "description":
        return [("description", claim.entity, "")]
    keys = [("figures", claim.unit, entities.root(claim.entity))]
    if claim.kind == "date" and claim.metric == "creation date":
        keys.append(("description", claim.entity, ""))
    return keys


def bucket_of(key: _PartitionKey, buckets: int) -> int:
    """A partition key's bucket: a hash that every process computes alike (``hash()`` of a
    string is salted per process)."""
    return zlib.crc32("\x1f".join(key).encode("utf-8")) % buckets


_Piece = list[tuple[_PartitionKey, list[int], Columns]]


def _split(claims: list[Claim], partition: int, entities: EntityTable, buckets: int) -> tuple[_Piece, ...]:
    """One partition of claims as ``buckets`` pieces: in each, by partition key, the refs and
    the columns of its claims, in the partition's order."""
    # No cycles among columns, claims and discrepancies: the collector would only walk the
    # worker's share of the corpus again and again.
    with collection_paused():
        return _split_claims(claims, partition, entities, buckets)


def _split_claims(claims: list[Claim], partition: int, entities: EntityTable, buckets: int) -> tuple[_Piece, ...]:
    by_key: dict[_PartitionKey, list[int]] = {}
    for place, claim in enumerate(claims):
        for key in partition_keys(claim, entities):
            by_key.setdefault(key, []).append(place)
    pieces: tuple[_Piece, ...] = tuple([] for _ in range(buckets))
    base = partition << REF_BITS
    for key, places in by_key.items():
        columns = claim_columns([claims[place] for place in places])
        pieces[bucket_of(key, buckets)].append((key, [base | place for place in places], columns))
    return pieces


def _compare_bucket(pieces: list[_Piece], knowledge: Knowledge, entities: EntityTable) -> list[Compact]:
    """The discrepancies of one bucket: its pieces (one per partition of claims, in order) joined
    by partition key, and each block compared on its own, its claims rebuilt only for that."""
    # No cycles among columns, claims and discrepancies: the collector would only walk the
    # worker's share of the corpus again and again.
    with collection_paused():
        return _compare_pieces(pieces, knowledge, entities)


def _compare_pieces(pieces: list[_Piece], knowledge: Knowledge, entities: EntityTable) -> list[Compact]:
    blocks: dict[_PartitionKey, list[tuple[list[int], Columns]]] = {}
    for piece in pieces:
        for key, refs, columns in piece:
            blocks.setdefault(key, []).append((refs, columns))
    generic = generic_metrics(knowledge)
    out: list[Compact] = []
    for key in sorted(blocks):
        claims: list[Claim] = []
        ref_of: dict[int, int] = {}  # id() of a rebuilt claim -> its ref
        for refs, columns in blocks.pop(key):
            rebuilt = claims_of_columns(columns)
            ref_of.update(zip(map(id, rebuilt), refs, strict=True))
            claims.extend(rebuilt)
        names = {c.source: source_name(c.source) for c in claims}
        if key[0] == "description":
            found = describe_discrepancies(claims, names, knowledge)
        else:
            found = compare(claims, entities, names, generic)
        out.extend(Compact(replace(d, claims=[]), [ref_of[id(c)] for c in d.claims]) for d in found)
    return out


_StoredRows = list[tuple[tuple[str, int, int, str, str], str]]


def _rows_by_bucket(claims: list[Claim]) -> tuple[_StoredRows, ...]:
    """One partition's claims as stored rows (their reading order, the row), by the store's bucket."""
    pieces: tuple[_StoredRows, ...] = tuple([] for _ in range(BUCKETS))
    for claim in claims:
        pieces[part_bucket(claim.source)].append((claim.reading_order, claim_row(claim)))
    return pieces


def _write_bucket(folder: str, bucket: int, pieces: list[_StoredRows]) -> tuple[str, dict[str, tuple[str, int]]]:
    """Write one bucket's part file (none if it holds no row): its rows from every partition, in
    reading order (a stable sort of the pieces in partition order, as the local engine sorts the
    corpus's claims). Gives the file's name ("" if none) and each source's rows digest and count."""
    rows = sorted((row for piece in pieces for row in piece), key=lambda row: row[0])
    if not rows:
        return "", {}
    name = bucket_file(bucket)
    write_part(Path(folder), name, [json.loads(text) for _, text in rows])
    return name, rows_summary((order[0], text) for order, text in rows)


def _concatenated(lists: list[list[Compact]]) -> list[Compact]:
    return [item for found in lists for item in found]


# --- the cluster ------------------------------------------------------------------------------


def _import_dask() -> Any:
    try:
        import dask.bag as db
        import distributed  # noqa: F401  (the scheduler the engine runs on)
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'claimdiff[dask]'") from None
    return db


@contextmanager
def _client(scheduler: str | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, else of a LocalCluster of one worker per core."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="5s")
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    # Quiet: the cluster's own logs would mix with machine formats on stderr.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    workers = min(os.cpu_count() or 1, 8)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            dashboard_address=None,
            worker_dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
