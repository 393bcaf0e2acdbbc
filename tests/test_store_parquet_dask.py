"""``extract --write --engine dask`` into a Parquet store: the workers write the part files
themselves, and the store is the local engine's byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimdiff import store_parquet
from claimdiff.cli import main
from claimdiff.store import SOURCES_FILE, read_store

from .conftest import ROOT, SEEDS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def store_files(folder: Path) -> dict[str, bytes]:
    """Every file of a store but its lock."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ".lock"}


def write(store: Path, corpus: Path, *engine: str) -> str:
    code, out, err = run("--store", str(store), "extract", str(corpus), "--write", *engine)
    assert code == 0, err
    return out + err


def synthetic_corpus(folder: Path, sources: int) -> Path:
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import write_corpus

    return write_corpus(folder, sources=sources)


CORPORA = [("seeds", lambda tmp: SEEDS), ("synthetic, 120 sources", lambda tmp: synthetic_corpus(tmp / "c", 120))]


@pytest.mark.parametrize("corpus", [c[1] for c in CORPORA], ids=[c[0] for c in CORPORA])
def test_workers_write_the_local_engines_store(scheduler: str, corpus: Any, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    write(local, folder)
    said = write(dask, folder, "--engine", "dask", "--scheduler", scheduler)
    files = store_files(local)
    assert store_files(dask) == files and SOURCES_FILE in files and len(files) > 2
    stored = read_store(dask)
    assert not stored.problems and f"{len(stored.records)} claims" in said
    assert run("--store", str(dask), "extract", str(folder), "--check")[0] == 0


def test_buckets_left_without_rows_lose_their_file(scheduler: str, tmp_path: Path) -> None:
    """A store written from a smaller corpus keeps only the files of its buckets."""
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), one)
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    write(dask, SEEDS, "--engine", "dask", "--scheduler", scheduler)
    before = len(store_parquet.part_files(dask))
    write(dask, one, "--engine", "dask", "--scheduler", scheduler)
    write(local, one)
    assert store_files(dask) == store_files(local) and len(store_parquet.part_files(dask)) == 1 < before


def test_an_empty_corpus_writes_nothing(scheduler: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    store = tmp_path / "empty.parquet"
    code, _, err = run(
        "--store",
        str(store),
        "extract",
        str(tmp_path / "empty"),
        "--write",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert code == 2 and err.count("\n") == 1 and "no readable source" in err
    assert not store_parquet.part_files(store) and not (store / SOURCES_FILE).exists()
