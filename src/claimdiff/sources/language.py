"""The language of a source, guessed offline with py3langid, whose model is cached unpacked."""

from __future__ import annotations

import array
import hashlib
import os
import tempfile
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any


def detect_language(text: str, candidates: tuple[str, ...], default: str) -> str:
    """Guess the language of ``text`` among ``candidates`` with py3langid (offline model).

    >>> detect_language("Le gouvernement a annoncé un plan de soutien aux entreprises.", ("en", "fr"), "en")
    'fr'
    """
    sample = text[:20000]
    if len(list(islice(filter(str.isalpha, sample), 20))) < 20:  # stops at the 20th letter
        return default
    return str(_identifier(candidates).classify(sample)[0])


@cache  # the model, not data of ours: loading it costs a fifth of a second
def _identifier(candidates: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = _cached_identifier(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    if identifier is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        _save_identifier(identifier, MODEL_DIR / MODEL_FILE)
    identifier.set_languages(list(candidates))
    return identifier


# py3langid ships its model LZMA-compressed; decompressing it costs about half a second per
# run, so the arrays are kept uncompressed in the user's cache (skipped if it is not writable).
def _cache_path(model: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    stamp = hashlib.sha256(f"{model}|{model.stat().st_size}|{model.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    return base / "claimdiff" / f"langid-{stamp}.npz"


def _cached_identifier(cls: Any, model: Path) -> Any:
    import numpy as np

    try:
        with np.load(_cache_path(model), allow_pickle=False) as data:
            nextmove, row = _as_array(data["nextmove"]), _as_array(data["row"])
            return cls(data["ptc"], data["pc"], data["classes"].tolist(), nextmove, data["output"].tolist(), tk_row=row)
    except (OSError, KeyError, ValueError, TypeError):
        return None


def _as_array(values: Any) -> array.array:  # type: ignore[type-arg]
    """A stdlib array, as py3langid keeps its tables (faster to index than numpy from Python)."""
    out = array.array({2: "H", 4: "I", 8: "Q"}[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def _save_identifier(identifier: Any, model: Path) -> None:
    import numpy as np

    try:
        path = _cache_path(model)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out,
                ptc=identifier.nb_ptc,
                pc=identifier.nb_pc,
                classes=np.array(identifier.nb_classes),
                nextmove=np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}"),
                output=np.asarray(identifier.tk_output, dtype=np.int64),
                row=np.frombuffer(identifier.tk_row, dtype=f"u{identifier.tk_row.itemsize}"),
            )
        os.replace(temporary, path)
    except (OSError, ValueError, TypeError):
        return
