"""The Dask engine: the pipeline of :mod:`claimdiff.pipeline` on a cluster (``--engine dask``).

Per-source analysis is a map over files (a partition of files per task). The comparison is a
shuffle of the claims on their partition key, then one comparison per partition:

* amounts, dates and ranks by (unit, root entity): the comparison's own block key
  (:func:`claimdiff.compare.block_key`) without the kind, since a discrepancy's id (entity,
  metric, unit, period) and the figures a source states are never shared across partitions
  that differ in unit or root entity, but may be across kinds of the same unit;
* descriptions by entity, as :func:`claimdiff.descriptions.describe_discrepancies` groups them;
* sums within their source, so they are found in the map step.

The results are sorted as the local engine sorts them, so both engines print the same bytes.
Dask and its ``distributed`` scheduler are an optional extra: ``pip install 'claimdiff[dask]'``.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimdiff.compare import compare, sort_discrepancies
from claimdiff.descriptions import describe_discrepancies
from claimdiff.errors import InputError, MetadataError, UsageError
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.model import Claim, Discrepancy
from claimdiff.pipeline import (
    Corpus,
    analyse_source,
    corpus_entities,
    figure_entities,
    generic_metrics,
    knowledge_for,
    sentences_of,
    source_name,
)
from claimdiff.sources import DEFAULT_MAX_BYTES, Source, iter_source_paths, load_source
from claimdiff.subjects.places import place_countries, unambiguous
from claimdiff.sums import sum_discrepancies
from claimdiff.timeline import timeline_discrepancies

# Sources per map task: enough to amortize a task's overhead, few enough to spread the work.
FILES_PER_TASK = 16
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
    paths = list(paths)
    named = {str(Path(p)) for p in paths if Path(p).is_file()}
    jobs = [(str(p), max_bytes, str(p) in named) for p in iter_source_paths(paths, warnings, exclude)]
    with _client(scheduler) as client:
        shared = client.scatter(knowledge, broadcast=True)
        partitions = max(1, -(-len(jobs) // FILES_PER_TASK))
        analysed = db.from_sequence(jobs, npartitions=partitions).map_partitions(_analyse_files, shared)
        if compare_claims:
            analysed = client.persist(analysed)  # read twice: the names the corpus uses, then the claims
        heads = analysed.map(lambda a: (a.source, a.warnings, a.sums))
        claims = analysed.map(lambda a: a.claims).flatten()
        if compare_claims:
            found = discrepancies_bag(client, claims, knowledge, shared)
            head_rows, claim_rows, discrepancies = client.compute([heads, claims, found], sync=True)
        else:
            head_rows, claim_rows = client.compute([heads, claims], sync=True)
            discrepancies = []
    sources = [source for source, _, _ in head_rows if source is not None]
    warnings.extend(w for _, found_warnings, _ in head_rows for w in found_warnings)
    corpus = Corpus(sources, list(claim_rows), warnings=warnings, knowledge=knowledge)
    if compare_claims:
        sums = [d for _, _, found_sums in head_rows for d in found_sums]
        # Start dates against figures running from before them: few claims, read on the client.
        timeline = timeline_discrepancies(corpus.claims, corpus.names, figure_entities(corpus.claims, knowledge))
        corpus.discrepancies = sort_discrepancies(list(discrepancies) + sums + timeline)
    return corpus


def discrepancies_bag(client: Any, claims: Any, knowledge: Knowledge, shared: Any = None) -> Any:
    """The discrepancies among a bag of claims (persisted on the cluster), as the local engine
    finds them (:func:`claimdiff.pipeline.find_discrepancies`) but block by block: the claims are
    shuffled on their partition key and each partition is compared on its own.

    The entity table is first extended with the names the whole corpus uses (one small count
    gathered here), as the local engine extends it, so both see the same roots and blocks."""
    shared = shared if shared is not None else client.scatter(knowledge, broadcast=True)
    figures = claims.filter(lambda c: c.kind != "description")  # as the local engine counts them
    used = Counter(dict(client.compute(figures.map(lambda c: c.entity).frequencies(), sync=True)))
    # The places the claims' sentences put inside a country, learned on the workers and merged.
    learned = client.compute(claims.map_partitions(_place_countries, shared), sync=True)
    table = client.scatter(corpus_entities(knowledge, used, _merged_places(learned)), broadcast=True)
    return (
        claims.map_partitions(_keyed, table)
        .groupby(lambda pair: pair[0], shuffle="tasks")
        .map(_compare_partition, shared, table)
        .flatten()
    )


# --- the tasks --------------------------------------------------------------------------------


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


def _keyed(claims: list[Claim], entities: EntityTable) -> list[tuple[_PartitionKey, Claim]]:
    """The claims that can take part in a discrepancy, each with its partition key."""
    out = []
    for claim in claims:
        if not claim.entity:
            continue  # neither compared nor stated beside another figure
        if claim.kind == "description":
            out.append((("description", claim.entity, ""), claim))
        else:
            out.append((("figures", claim.unit, entities.root(claim.entity)), claim))
    return out


def _compare_partition(
    group: tuple[_PartitionKey, list[tuple[_PartitionKey, Claim]]], knowledge: Knowledge, entities: EntityTable
) -> list[Discrepancy]:
    key, pairs = group
    claims = [claim for _, claim in pairs]
    names = {c.source: source_name(c.source) for c in claims}
    if key[0] == "description":
        return describe_discrepancies(claims, names, knowledge)
    return compare(claims, entities, names, generic_metrics(knowledge))


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
