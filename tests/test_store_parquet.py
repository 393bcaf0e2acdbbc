"""The claim store as partitioned Parquet files (``--store NAME.parquet``): the same rows,
verified the same way, as the default JSONL store."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import store_parquet
from claimdiff.cli import main
from claimdiff.store import read_store

from .conftest import SEEDS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds' claims written to a JSONL store and to a Parquet one."""
    folder = tmp_path_factory.mktemp("stores")
    jsonl, parquet = folder / "claims", folder / "claims.parquet"
    for store in (jsonl, parquet):
        code, _, err = run("--store", str(store), "extract", str(SEEDS), "--write")
        assert code == 0, err
    return jsonl, parquet


def test_a_parquet_store_holds_the_rows_of_the_jsonl_store(stores: tuple[Path, Path]) -> None:
    jsonl, parquet = (read_store(s) for s in stores)
    assert not (stores[1] / "claims.jsonl").exists() and store_parquet.part_files(stores[1])
    key = lambda row: row["id"]  # noqa: E731
    assert sorted(parquet.records, key=key) == sorted(jsonl.records, key=key) and len(jsonl.records) > 100
    assert parquet.verified == jsonl.verified and parquet.digests == jsonl.digests and not parquet.problems


def test_a_parquet_store_is_up_to_date_and_rewritten_byte_for_byte(stores: tuple[Path, Path], tmp_path: Path) -> None:
    parquet = stores[1]
    assert run("--store", str(parquet), "extract", str(SEEDS), "--check")[0] == 0
    copy = tmp_path / "again.parquet"
    assert run("--store", str(copy), "extract", str(SEEDS), "--write")[0] == 0
    for part in store_parquet.part_files(parquet):
        assert (copy / part.name).read_bytes() == part.read_bytes(), part.name


def test_a_changed_row_is_seen_and_extracted_again(stores: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "tampered.parquet"
    shutil.copytree(stores[1], folder)
    rows = [row for _, row in store_parquet.read_rows(folder)]
    rows[0]["value"] = rows[0]["value"] + 1.0
    store_parquet.write_rows(folder, rows)
    store = read_store(folder)
    assert rows[0]["source"] in store.problems and rows[0]["source"] not in store.verified
    assert run("--store", str(folder), "extract", str(SEEDS), "--check")[0] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not parquet at all", "not a Parquet file of claims"),
        (b"", "not a Parquet file of claims"),
    ],
    ids=["garbage", "empty"],
)
def test_a_broken_part_file_is_one_line_and_exit_2(
    stores: tuple[Path, Path], tmp_path: Path, content: bytes, message: str
) -> None:
    folder = tmp_path / "broken.parquet"
    shutil.copytree(stores[1], folder)
    store_parquet.part_files(folder)[0].write_bytes(content)
    code, _, err = run("--store", str(folder), "extract", str(SEEDS), "--check")
    assert code == 2 and err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_part_with_a_wrong_column_is_not_a_claim_row(stores: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "wrong.parquet"
    shutil.copytree(stores[1], folder)
    rows = [row for _, row in store_parquet.read_rows(folder)]
    for row in rows:
        row["language"] = None  # a string column holding nulls: not a claim row
    store_parquet.write_rows(folder, rows)
    code, _, err = run("--store", str(folder), "extract", str(SEEDS), "--check")
    assert code == 2 and "not a claim row" in err and err.count("\n") == 1


NUMBER = st.one_of(st.integers(-(2**53), 2**53), st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(
    value=NUMBER,
    low=st.none() | NUMBER,
    original=st.dictionaries(st.sampled_from(["value", "unit", "text"]), st.none() | NUMBER | st.text(max_size=5)),
    flags=st.lists(st.text(max_size=4), max_size=3),
    text=st.text(max_size=30),
)
def test_rows_read_back_exactly_as_written(
    tmp_path_factory: pytest.TempPathFactory, value: Any, low: Any, original: Any, flags: list[str], text: str
) -> None:
    row = {
        **dict.fromkeys(store_parquet.TEXTS, "x"),
        "text": text,
        "line": 3,
        "column": 7,
        "value": value,
        "low": low,
        "high": None,
        "precision": 0,
        "original": original,
        "fx": None,
        "flags": flags,
    }
    folder = tmp_path_factory.mktemp("rows") / "claims.parquet"
    folder.mkdir()
    store_parquet.write_rows(folder, [row])
    (back,) = (r for _, r in store_parquet.read_rows(folder))
    assert back == row and all(type(back[k]) is type(row[k]) for k in row)
