"""The Dask engine's comparison: claims as columns, partition keys and buckets, and the
discrepancies of a cluster against the local engine's on claim sets built without text."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import replace
from typing import Any

import pytest

from claimdiff.compare import compare, sort_discrepancies
from claimdiff.dask_engine import (
    bucket_of,
    buckets_for,
    claim_columns,
    claims_of_columns,
    discrepancies_dask,
    partition_keys,
)
from claimdiff.descriptions import describe_discrepancies
from claimdiff.model import Claim, Discrepancy
from claimdiff.pipeline import figure_entities, generic_metrics, knowledge_for, load_corpus, source_name

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import synthetic_claims  # noqa: E402

KNOWLEDGE = knowledge_for()


def claim(source: str, kind: str, metric: str, value: float, entity: str = "Acme", **extra: Any) -> Claim:
    fields: dict[str, Any] = {
        "id": f"c-{source}-{kind}-{metric}-{value}",
        "source": source,
        "line": 1,
        "column": 1,
        "text": f"{value:g}",
        "sentence": f"{entity}: {value:g}.",
        "kind": kind,
        "value": value,
        "low": value,
        "high": value,
        "unit": "",
        "original": {"value": f"{value:g}"},
        "qualifier": "exact",
        "period": "",
        "entity": entity,
        "metric": metric,
    }
    fields.update(extra)
    return Claim(**fields)


# --- claims as columns ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_claims() -> list[Claim]:
    return load_corpus([str(SEEDS)], compare_claims=False).claims


def test_columns_rebuild_every_claim_of_the_seeds_equal_and_of_the_same_types(seed_claims: list[Claim]) -> None:
    # As between processes; and a value read back from a store may be an int (1 and 1.0 print
    # differently): a value keeps its type, open bounds stay None.
    given = [*seed_claims, replace(seed_claims[0], value=3, low=None, high=3)]
    rebuilt = claims_of_columns(pickle.loads(pickle.dumps(claim_columns(given))))
    assert rebuilt == given and len(seed_claims) > 200
    assert [(type(c.value), type(c.high), c.low is None) for c in rebuilt] == [
        (type(c.value), type(c.high), c.low is None) for c in given
    ]
    assert rebuilt[-1].value == 3 and type(rebuilt[-1].value) is int


def test_no_claims_make_empty_columns() -> None:
    assert claims_of_columns(claim_columns([])) == []


# --- where a claim is compared ----------------------------------------------------------------

KEYS = [
    ("no entity: nowhere", claim("a", "money", "funding", 5, entity=""), []),
    ("a figure: its unit and root entity", claim("a", "money", "funding", 5, unit="EUR"), [("figures", "EUR", "Acme")]),
    ("a description: its entity", claim("a", "description", "founded", 2019), [("description", "Acme", "")]),
    (
        "a creation date: its figures and its entity's descriptions",
        claim("a", "date", "creation date", 2019),
        [("figures", "", "Acme"), ("description", "Acme", "")],
    ),
    ("another date: its figures only", claim("a", "date", "launch", 2019), [("figures", "", "Acme")]),
]


@pytest.mark.parametrize(("given", "expected"), [k[1:] for k in KEYS], ids=[k[0] for k in KEYS])
def test_partition_keys(given: Claim, expected: list[tuple[str, str, str]]) -> None:
    assert partition_keys(given, KNOWLEDGE.entities) == expected


def test_a_block_lands_in_the_same_bucket_in_every_process() -> None:
    """``hash()`` of a string changes with PYTHONHASHSEED; the buckets must not."""
    keys = [("figures", "EUR", "Acme"), ("description", "Mistral AI", ""), ("figures", "%", "France")]
    here = [bucket_of(k, 16) for k in keys]
    script = f"from claimdiff.dask_engine import bucket_of; print([bucket_of(k, 16) for k in {keys!r}])"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        assert done.stdout.strip() == str(here)
    assert len(set(here)) > 1 and all(0 <= b < 16 for b in here)


@pytest.mark.parametrize(("partitions", "buckets"), [(1, 2), (2, 2), (20, 20), (200, 64)])
def test_buckets_follow_the_partitions_within_bounds(partitions: int, buckets: int) -> None:
    assert buckets_for(partitions) == buckets


# --- a cluster against the local engine --------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Any:
    distributed = pytest.importorskip("distributed", reason="the dask extra: pip install -e '.[dask]'")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, worker_dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def local_discrepancies(claims: list[Claim]) -> list[Discrepancy]:
    """What the local engine finds among ``claims`` but sums (found per source, in the map step)."""
    names = {c.source: source_name(c.source) for c in claims}
    entities = figure_entities(claims, KNOWLEDGE)
    found = compare(claims, entities, names, generic_metrics(KNOWLEDGE))
    return sort_discrepancies(found + describe_discrepancies(claims, names, KNOWLEDGE))


def on_cluster(client: Any, claims: list[Claim], partitions: int) -> list[Discrepancy]:
    import dask.bag as db

    bag = client.persist(db.from_sequence(claims, npartitions=partitions))
    return discrepancies_dask(client, bag, KNOWLEDGE)


def founding_claims(with_dates: bool) -> list[Claim]:
    """Two sources give Acme two founding years; with ``with_dates``, each also as a date, which
    leaves the disagreement to the dates' comparison (one discrepancy, not two)."""
    out = [claim("a.txt", "description", "founded", 2019), claim("b.txt", "description", "founded", 2020)]
    if with_dates:
        out += [claim("a.txt", "date", "creation date", 2019), claim("b.txt", "date", "creation date", 2020)]
    # One id for a date and a description of one sentence: ids are unique within a block only.
    return [replace(c, id="c-same-" + c.source) for c in out]


CASES = [
    ("256 entities", lambda: synthetic_claims(0, 4000, 256), 4),
    ("2,560 entities, spread figures", lambda: synthetic_claims(0, 4000, 2560, figures=7), 3),
    ("founding years as dates too", lambda: founding_claims(True), 2),
    ("founding years as descriptions only", lambda: founding_claims(False), 2),
]


@pytest.mark.parametrize(("build", "partitions"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_cluster_finds_what_the_local_engine_finds(client: Any, build: Any, partitions: int) -> None:
    claims = build()
    local = local_discrepancies(claims)
    found = on_cluster(client, claims, partitions)
    assert [d.to_json() for d in found] == [d.to_json() for d in local]
    assert local  # every case has something to find


def test_founding_years_stated_as_dates_are_reported_once(client: Any) -> None:
    kinds = [d.kind for d in on_cluster(client, founding_claims(True), 2)]
    alone = [d.kind for d in on_cluster(client, founding_claims(False), 2)]
    assert "description" in alone and "description" not in kinds
