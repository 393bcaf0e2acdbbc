"""Claims and discrepancies as pandas DataFrames, and written as Parquet or CSV.

:func:`extract_frame` gives one row per claim, :func:`check_frame` one row per claim in a
discrepancy. Columns are the fields of the JSON contract (PRODUCT.md), nested ones flattened
(``original`` as ``original_value``/``original_text`` and ``original_unit``, ``fx`` as
``fx_from``, ``fx_rate``, ``fx_date``, a discrepancy's ``subject`` as ``subject_entity``...),
with dtypes an analyst can filter and plot on: nullable floats for open bounds, categoricals
for the small vocabularies, datetimes for the first and last day of a claim's period.

pandas and pyarrow are imported inside the functions, so ``import claimdiff`` stays cheap.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.dates import period_bounds
from claimdiff.escape import csv_cell
from claimdiff.model import SEVERITIES, Claim, Discrepancy

if TYPE_CHECKING:
    import pandas as pd

    from claimdiff.config import CorpusConfig
    from claimdiff.pipeline import Corpus

DATETIME = "datetime64[ms]"  # Parquet's own resolution, and years 1 to 9999 fit
LIST_OF_STRINGS = "object"  # Python lists of strings (None: absent), list<string> in Parquet

# Every claim column and its dtype, in order. A field the JSON contract gains and this table
# lacks fails tests/test_frames.py, so the frames never silently drop one.
CLAIM_COLUMNS: dict[str, str] = {
    "id": "string",
    "source": "string",
    "line": "int64",
    "column": "int64",
    "text": "string",
    "sentence": "string",
    "kind": "category",
    "value": "float64",
    "low": "Float64",  # <NA>: open below ("more than X")
    "high": "Float64",  # <NA>: open above ("up to X" is closed, "at least X" is not)
    "unit": "category",
    "original_value": "Float64",  # the figure as written, in its own unit, when a number
    "original_text": "string",  # the text as written, when a date or a description
    "original_unit": "string",
    "qualifier": "category",
    "period": "string",  # the ISO 8601 label: "2025", "2018/..", "2024-06/2024-08"
    "period_start": DATETIME,  # its first day (NaT: open or none)
    "period_end": DATETIME,  # its last day
    "precision": "float64",
    "entity": "string",
    "metric": "string",
    "flags": LIST_OF_STRINGS,
    "fx_from": "string",  # the currency converted from, when the claim was converted
    "fx_rate": "Float64",
    "fx_date": DATETIME,
    "language": "category",
    "substance": "string",  # what a mass is of ("CO2eq"), <NA> for most claims
}

# The columns of a discrepancy, before its claim's (``position`` and ``highlights`` after).
DISCREPANCY_COLUMNS: dict[str, str] = {
    "discrepancy": "string",
    "discrepancy_kind": "category",
    "severity": "category",  # ordered: error < warning < info, as reports sort them
    "status": "category",
    "subject_entity": "string",
    "subject_metric": "string",
    "subject_period": "string",
    "explanation": "string",
    "note": "string",
    "confidence": "Float64",
    "evidence": "string",  # the JSON object, as text
    "attribute": "string",  # a description's attribute ("headquarters"); "" for other kinds
}
POSITION_COLUMNS: dict[str, str] = {"position": "int64", "highlights": LIST_OF_STRINGS}
CHECK_COLUMNS = {**DISCREPANCY_COLUMNS, **CLAIM_COLUMNS, **POSITION_COLUMNS}


# --- the Python API ---------------------------------------------------------------------------


def extract_frame(*paths: str | os.PathLike[str], config: CorpusConfig | None = None) -> pd.DataFrame:
    """One row per claim of the sources at ``paths``, in reading order (as ``extract --format json``).

    ``config=None`` discovers the corpus config from the first path, as the command line does.
    """
    named = _paths(paths)
    corpus = _load(named, config or _config(named), compare_claims=False)
    return claims_frame(sorted(corpus.claims, key=lambda c: c.reading_order))


def check_frame(
    *paths: str | os.PathLike[str],
    config: CorpusConfig | None = None,
    store: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """One row per claim in a discrepancy among the sources at ``paths`` (as ``check --format json``).

    Rulings are applied as the command line applies them: from ``reviews.toml`` in ``store``
    (default: the config's ``store``, else ``claims``, from the current folder), so ``status`` and
    ``note`` say what reviewers ruled, and a ruling that new claims outdate reopens its row.
    """
    from claimdiff.gate import apply_rulings
    from claimdiff.store import read_rulings

    named = _paths(paths)
    config = config or _config(named)
    corpus = _load(named, config, compare_claims=True)
    folder = store if store is not None else (config.defaults.store if config else None) or DEFAULT_STORE
    apply_rulings(corpus.discrepancies, read_rulings(Path(folder)))
    return discrepancies_frame(corpus.discrepancies)


# The claim store's folder when neither the call nor the config names one (as the command line).
DEFAULT_STORE = "claims"


def _paths(paths: tuple[str | os.PathLike[str], ...]) -> tuple[str, ...]:
    return tuple(os.fspath(p) for p in paths) or ("seeds/",)


def _config(named: tuple[str, ...]) -> CorpusConfig | None:
    from claimdiff.config import find_config

    return find_config(named[0])


def _load(named: tuple[str, ...], config: CorpusConfig | None, compare_claims: bool) -> Corpus:
    from claimdiff.pipeline import load_corpus

    return load_corpus(named, compare_claims=compare_claims, config=config)


# --- building the frames ---------------------------------------------------------------------


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The frame of ``claims``, in the order given."""
    return _frame([claim_row(c) for c in claims], CLAIM_COLUMNS)


def discrepancies_frame(discrepancies: Iterable[Discrepancy]) -> pd.DataFrame:
    """One row per claim of each discrepancy, in the order given (the claims' own order within)."""
    rows = []
    for d in discrepancies:
        head = discrepancy_row(d)
        for claim in d.claims:
            tail = {"position": d.positions.get(claim.id, 0), "highlights": d.highlights.get(claim.id)}
            rows.append({**head, **claim_row(claim), **tail})
    return _frame(rows, CHECK_COLUMNS)


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim's JSON fields, flattened, plus what a frame derives from them."""
    out = claim.to_json()
    original, fx = out.pop("original"), out.pop("fx", None) or {}
    written = original.get("value")
    numeric = isinstance(written, int | float) and not isinstance(written, bool)
    start, end = period_bounds(claim.period)
    out.update(
        original_value=written if numeric else None,
        original_text=None if numeric else written,
        original_unit=original.get("unit"),
        period_start=start,
        period_end=end,
        fx_from=fx.get("from"),
        fx_rate=fx.get("rate"),
        fx_date=date.fromisoformat(fx["date"]) if fx.get("date") else None,
        language=claim.language,
        substance=claim.substance or None,
    )
    return out


def discrepancy_row(d: Discrepancy) -> dict[str, Any]:
    return {
        "discrepancy": d.id,
        "discrepancy_kind": d.kind,
        "severity": d.severity,
        "status": d.status,
        "subject_entity": d.subject.get("entity", ""),
        "subject_metric": d.subject.get("metric", ""),
        "subject_period": d.subject.get("period", ""),
        "explanation": d.explanation,
        "note": d.note,
        "confidence": d.confidence,
        "evidence": json.dumps(d.evidence, ensure_ascii=False, sort_keys=True),
        "attribute": d.attribute,
    }


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    data = {name: pd.Series([row[name] for row in rows], dtype=_dtype(name, kind)) for name, kind in columns.items()}
    return pd.DataFrame(data, columns=list(columns))


def _dtype(name: str, kind: str) -> Any:
    import pandas as pd

    if name == "severity":
        return pd.CategoricalDtype(sorted(SEVERITIES, key=lambda s: SEVERITIES[s].order), ordered=True)
    return kind


# --- files ----------------------------------------------------------------------------------


def write_parquet(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write ``frame`` as one Parquet file (pyarrow), without the row index."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    # A column of lists that are all empty would be typed list<null>: state the type.
    for name in _list_columns(frame):
        schema = schema.set(schema.get_field_index(name), pa.field(name, pa.list_(pa.string())))
    frame.to_parquet(path, engine="pyarrow", index=False, schema=schema)


def _missing(value: object) -> bool:
    import pandas as pd

    return value is pd.NA


def _list_columns(frame: pd.DataFrame) -> list[str]:
    return [name for name in frame.columns if name in ("flags", "highlights")]


def to_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV with every column, one line per row: lists as JSON, runs of whitespace
    in text folded to one space (JSON and Parquet keep them as written), missing values empty."""
    out = frame.copy()
    for name in out.columns:
        if name in _list_columns(frame):
            out[name] = [None if v is None else json.dumps(list(v), ensure_ascii=False) for v in out[name]]
        if str(out[name].dtype) in ("string", "object", "category"):
            # Untrusted text: folded to one line, and never a formula a spreadsheet would run.
            out[name] = [v if v is None or _missing(v) else csv_cell(str(v)) for v in out[name]]
    return str(out.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d"))
