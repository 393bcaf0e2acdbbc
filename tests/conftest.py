"""Shared fixtures: the bundled seeds and helpers to build sources from text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdiff.lexicon import Knowledge, load_knowledge
from claimdiff.model import Discrepancy
from claimdiff.normalize import Claim, claims_of
from claimdiff.sources import build_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The project's shared folder (peer specs, the SARIF schema) sits beside the clone in CI. A
# fresh clone has none: tests that need it ask for the `shared_dir` fixture and skip.
SHARED = ROOT.parent / "shared"


# Each source's claims are not kept between runs (claimdiff.claim_cache): a test that patches
# code would otherwise be answered from what the unpatched code found; test_cache_claims.py
# turns the cache on for its own tests. Set before any command runs, so subprocesses inherit it.
os.environ.setdefault("CLAIMDIFF_CLAIMS_CACHE", "off")

# One knowledge for the whole test session, as one run of the command line builds one.
KNOWLEDGE = load_knowledge()


def claims_in(text: str, language: str = "en", published: str = "") -> list[Claim]:
    """The claims of one piece of text, as a source with the given metadata."""
    metadata = {"language": language}
    if published:
        metadata["published"] = published
    return claims_of(build_source("t.txt", text, KNOWLEDGE, metadata), KNOWLEDGE)


def discrepancies_in(*texts: tuple[str, str]) -> list[Discrepancy]:
    """Every discrepancy among pieces of text, each ``(text, language)`` a source of its own."""
    from claimdiff.pipeline import analyse_source, find_discrepancies

    claims = []
    names = {}
    for index, (text, language) in enumerate(texts):
        source = build_source(f"s{index}.txt", text, KNOWLEDGE, {"language": language})
        claims.extend(analyse_source(source, KNOWLEDGE))
        names[source.path] = source.path
    return find_discrepancies(claims, names, KNOWLEDGE)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return KNOWLEDGE


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; the test is skipped, saying so, when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found (CI has ../shared beside the clone; a fresh clone does not)")
    return SHARED


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow run in CI (``CI`` set) or with ``CLAIMDIFF_SLOW=1``; elsewhere they skip, saying so."""
    if os.environ.get("CI") or os.environ.get("CLAIMDIFF_SLOW"):
        return
    skip = pytest.mark.skip(reason="slow: runs when CI or CLAIMDIFF_SLOW is set")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of 2 worker processes for a test module, as --scheduler ADDRESS."""
    distributed = pytest.importorskip("distributed", reason="the dask extra: pip install -e '.[dask]'")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, worker_dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address
