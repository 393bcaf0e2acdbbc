"""The pandas API (claimdiff.extract_frame, check_frame), Parquet and CSV output, and the Dask engine."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import claimdiff
from claimdiff.cli import main
from claimdiff.frames import CHECK_COLUMNS, CLAIM_COLUMNS

from .conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds in a folder with no claim store (no rulings: every status is open)."""
    folder = tmp_path_factory.mktemp("frames")
    shutil.copytree(SEEDS, folder / "seeds")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def cli_json(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "json")
    assert code in (0, 1), err
    return dict(json.loads(out))


def _value(cell: Any) -> Any:
    """A frame's cell as the JSON has it: missing values as None, lists as lists."""
    if isinstance(cell, list | tuple | np.ndarray):
        return list(cell)
    if isinstance(cell, np.generic):
        cell = cell.item()
    return None if cell is pd.NA or cell is pd.NaT or (isinstance(cell, float) and math.isnan(cell)) else cell


def claim_json(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON claim a frame's row flattens (the inverse of claimdiff.frames.claim_row)."""
    out = {k: _value(row[k]) for k in CLAIM_COLUMNS if not k.startswith(("original_", "fx_", "period_"))}
    written = _value(row["original_value"])
    out["original"] = {
        "value": _value(row["original_text"]) if written is None else written,
        "unit": row["original_unit"],
    }
    if _value(row["fx_from"]) is not None:
        out["fx"] = {"from": row["fx_from"], "rate": row["fx_rate"], "date": row["fx_date"].date().isoformat()}
    del out["language"]  # a frame's column the JSON does not carry
    if out["substance"] is None:
        del out["substance"]  # the JSON names a substance only when there is one
    return out


# --- equal to the JSON of the command line ----------------------------------------------------


def test_extract_frame_equals_extract_json_field_by_field(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    expected = cli_json("extract", "seeds")["claims"]
    frame = claimdiff.extract_frame("seeds")
    assert len(frame) == len(expected) > 200
    for row, claim in zip(frame.to_dict("records"), expected, strict=True):
        assert claim_json(row) == claim, claim["id"]


def test_check_frame_equals_check_json_field_by_field(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    expected = [(d, c) for d in cli_json("check", "seeds")["discrepancies"] for c in d["claims"]]
    frame = claimdiff.check_frame("seeds")
    assert len(frame) == len(expected) > 10
    for row, (discrepancy, claim) in zip(frame.to_dict("records"), expected, strict=True):
        head = {
            "id": row["discrepancy"],
            "kind": row["discrepancy_kind"],
            "severity": row["severity"],
            "subject": {
                "entity": row["subject_entity"],
                "metric": row["subject_metric"],
                "period": row["subject_period"],
            },
            "status": row["status"],
            "note": row["note"],
            "explanation": row["explanation"],
            "evidence": json.loads(row["evidence"]),
            "confidence": row["confidence"],
            **({"attribute": row["attribute"]} if row["attribute"] else {}),
        }
        assert head == {k: v for k, v in discrepancy.items() if k != "claims"}
        rebuilt = claim_json(row) | {"position": row["position"]}
        if _value(row["highlights"]) is not None:
            rebuilt["highlights"] = _value(row["highlights"])
        assert rebuilt == claim, claim["id"]


def test_check_frame_applies_rulings_as_check_json_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    ids = [d["id"] for d in cli_json("check", "seeds")["discrepancies"]]
    for identifier, status in zip(ids, ["confirmed", "dismissed"], strict=False):
        assert run("review", identifier, "--status", status, "--note", f"ruled {status}", "--by", "t")[0] == 0
    expected = {d["id"]: (d["status"], d["note"]) for d in cli_json("check", "seeds")["discrepancies"]}
    frame = claimdiff.check_frame("seeds")
    found = {row.discrepancy: (row.status, row.note) for row in frame.itertuples()}
    assert found == expected
    assert found[ids[0]] == ("confirmed", "ruled confirmed") and found[ids[1]] == ("dismissed", "ruled dismissed")
    # Another store holds no rulings: every status is open.
    elsewhere = claimdiff.check_frame("seeds", store=tmp_path / "nowhere")
    assert set(elsewhere["status"]) == {"open"}


def test_every_json_field_has_a_column(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A field the JSON contract gains must get a column (or a flattening) here too."""
    monkeypatch.chdir(workdir)
    document = cli_json("check", "seeds")
    fields = {k for d in document["discrepancies"] for c in d["claims"] for k in c}
    flattened = {"original", "fx", "highlights", "position"}
    assert fields - flattened <= set(CLAIM_COLUMNS)
    discrepancy_fields = {k for d in document["discrepancies"] for k in d} - {"claims", "id", "kind", "subject"}
    assert discrepancy_fields <= set(CHECK_COLUMNS)


DTYPES = [
    # (column, dtype as pandas names it)
    ("line", "int64"),
    ("value", "float64"),
    ("low", "Float64"),
    ("high", "Float64"),
    ("kind", "category"),
    ("unit", "category"),
    ("qualifier", "category"),
    ("language", "category"),
    ("period_start", "datetime64[ms]"),
    ("fx_rate", "Float64"),
    ("text", "string"),
]


@pytest.mark.parametrize(("column", "dtype"), DTYPES, ids=[c for c, _ in DTYPES])
def test_columns_have_analysts_dtypes(column: str, dtype: str) -> None:
    frame = claimdiff.extract_frame(SEEDS / "002_e808da6115982e84.txt")
    assert str(frame[column].dtype) == dtype


def test_open_bounds_are_missing_values_and_periods_are_dates() -> None:
    frame = claimdiff.extract_frame(SEEDS)
    assert frame["high"].isna().any() and frame["low"].isna().any()
    dated = frame[frame["period"] == "2025"].iloc[0]
    assert (dated["period_start"], dated["period_end"]) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))


def test_severity_is_ordered_most_serious_first() -> None:
    frame = claimdiff.check_frame(SEEDS)
    assert list(frame["severity"].cat.categories) == ["error", "warning", "info"] and frame["severity"].cat.ordered
    assert frame["severity"].is_monotonic_increasing


def test_import_claimdiff_does_not_import_pandas() -> None:
    code = "import sys, claimdiff; print('pandas' in sys.modules, callable(claimdiff.extract_frame))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


# --- Parquet and CSV --------------------------------------------------------------------------

COMMANDS = [("extract", claimdiff.extract_frame), ("check", claimdiff.check_frame)]
_FRAMES: dict[str, pd.DataFrame] = {}


def _cached(command: str, api: Any) -> Any:
    """The frame of the seeds copy, built once per module (building one takes seconds)."""

    def frame(workdir: Path) -> pd.DataFrame:
        if command not in _FRAMES:
            _FRAMES[command] = api("seeds")  # relative, as the command line is given it (cwd: workdir)
        return _FRAMES[command]

    return frame


FRAMES = {command: _cached(command, api) for command, api in COMMANDS}


@pytest.mark.parametrize(("command", "api"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_parquet_holds_the_frame(command: str, api: Any, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    code, _, err = run(command, "seeds", "--format", "parquet", "-o", "out.parquet")
    assert code in (0, 1), err
    written = pd.read_parquet("out.parquet")
    expected = FRAMES[command](workdir)
    assert list(written.columns) == list(expected.columns)
    assert (written.dtypes == expected.dtypes).all()
    for column in expected.columns:
        assert [_value(v) for v in written[column]] == [_value(v) for v in expected[column]], column


@pytest.mark.parametrize(("command", "api"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_csv_has_every_column_one_line_per_row(
    command: str, api: Any, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workdir)
    code, out, _ = run(command, "seeds", "--format", "csv")
    assert code in (0, 1)
    header, *rows = out.splitlines()
    expected = FRAMES[command](workdir)
    assert header.split(",") == list(expected.columns)
    assert len(rows) == len(expected)


def test_parquet_without_a_file_is_a_usage_error() -> None:
    code, _, err = run("check", str(SEEDS), "--format", "parquet")
    assert code == 2 and err.count("\n") == 1 and "-o FILE" in err


# --- the Dask engine --------------------------------------------------------------------------


def both_engines(scheduler: str, *args: str) -> tuple[str, str]:
    local = run(*args)
    dask = run(*args, "--engine", "dask", "--scheduler", scheduler)
    assert local[0] == dask[0] and local[0] in (0, 1), dask[2]
    return local[1], dask[1]


ENGINE_RUNS = [
    ("check-json", ("check", "--format", "json")),
    ("check-text", ("check",)),
    ("extract-json", ("extract",)),
]


@pytest.mark.parametrize("args", [a for _, a in ENGINE_RUNS], ids=[i for i, _ in ENGINE_RUNS])
def test_dask_engine_is_byte_identical_on_the_seeds(scheduler: str, args: tuple[str, ...]) -> None:
    local, dask = both_engines(scheduler, args[0], str(SEEDS), *args[1:])
    assert dask == local and len(local) > 1000


@pytest.mark.slow
def test_dask_engine_is_byte_identical_on_a_synthetic_corpus(scheduler: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import write_corpus

    corpus = write_corpus(tmp_path / "corpus", sources=300)
    local, dask = both_engines(scheduler, "check", str(corpus), "--format", "json")
    assert dask == local and len(json.loads(local)["discrepancies"]) > 100


def test_the_engine_comes_from_the_config(scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = tmp_path / "seeds" / "claimdiff.toml"  # the seeds' own config, which has no [defaults]
    config.write_text(config.read_text() + f'\n[defaults]\nengine = "dask"\nscheduler = "{scheduler}"\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "seeds", "--format", "json")
    assert (code, out) == run("check", "seeds", "--format", "json", "--engine", "local")[:2], err
    # The flag wins over the config: proved by a scheduler nobody listens on.
    code, _, err = run("check", "seeds", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "tcp://127.0.0.1:9" in err


def test_an_unreachable_scheduler_is_one_line_and_exit_2() -> None:
    pytest.importorskip("distributed")
    code, _, err = run("check", str(SEEDS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and err.count("\n") == 1 and "Dask scheduler" in err


def test_the_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 7 and result.failed == 0
