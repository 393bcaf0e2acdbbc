"""The language of a source, guessed offline with py3langid, whose model is cached unpacked."""

from __future__ import annotations

import array
import hashlib
import io
import mmap
import os
import zipfile
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from claimdiff.safeio import write_atomic_bytes


def detect_language(text: str, candidates: tuple[str, ...], default: str) -> str:
    """Guess the language of ``text`` among ``candidates`` with py3langid (offline model).

    >>> detect_language("Le gouvernement a annoncé un plan de soutien aux entreprises.", ("en", "fr"), "en")
    'fr'
    """
    sample = text[:20000]
    if len(list(islice(filter(str.isalpha, sample), 20))) < 20:  # stops at the 20th letter
        return default
    return str(_identifier(candidates).classify(sample)[0])


@cache  # the model, not data of ours: unpacking it costs half a second
def _identifier(candidates: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = _cache_folder(MODEL_DIR / MODEL_FILE)
    identifier = _cached_identifier(LanguageIdentifier, folder, candidates)
    if identifier is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        _save_identifier(identifier, folder, candidates)
    identifier.set_languages(list(candidates))
    return identifier


# py3langid ships its model LZMA-compressed; decompressing it costs about half a second per run,
# so its tables are kept unpacked in the user's cache (skipped if it is not writable), one raw
# file each. The byte automaton (39 MB) is mapped, not read: a text walks a few of its pages.
# The per-language scores (28 MB for 97 languages) are kept cut to the candidate languages.
_TABLES = ("nextmove", "output", "row")  # each in a file named by its item type: "nextmove.I"


def _cache_folder(model: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    stamp = hashlib.sha256(f"{model}|{model.stat().st_size}|{model.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    return base / "claimdiff" / f"langid-{stamp}"


def _scores_file(folder: Path, candidates: tuple[str, ...]) -> Path:
    return folder / f"scores-{'-'.join(candidates)}.npz"


def _cached_identifier(cls: Any, folder: Path, candidates: tuple[str, ...]) -> Any:
    import numpy as np

    try:
        nextmove, output, row = [_mapped(_table_file(folder, name)) for name in _TABLES]
        with np.load(_scores_file(folder, candidates), allow_pickle=False) as scores:
            ptc, pc, classes, lengths = scores["ptc"], scores["pc"], scores["classes"].tolist(), scores["lengths"]
        if [len(nextmove), len(output), len(row)] != lengths.tolist():  # a table cut short
            return None
        return cls(ptc, pc, classes, nextmove, output, tk_row=row)
    except (OSError, KeyError, ValueError, TypeError, EOFError, zipfile.BadZipFile):
        return None


def _table_file(folder: Path, name: str) -> Path:
    for path in folder.glob(f"{name}.?"):
        return path
    raise FileNotFoundError(folder / name)


def _mapped(path: Path) -> memoryview:
    """The table in ``path``, whose suffix is its item type, mapped: read only where it is
    indexed. It stays mapped for the life of the process, as the identifier does."""
    with path.open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(data).cast(path.suffix[1:])  # type: ignore[call-overload]


def _save_identifier(identifier: Any, folder: Path, candidates: tuple[str, ...]) -> None:
    import numpy as np

    kept = [i for i, label in enumerate(identifier.nb_classes) if label in candidates]
    output = array.array("q", identifier.tk_output)  # a list of ints in the model
    tables = (identifier.tk_nextmove, output, identifier.tk_row)
    scores = io.BytesIO()
    np.savez(
        scores,
        ptc=identifier.nb_ptc[:, kept],
        pc=identifier.nb_pc[kept],
        classes=np.array([identifier.nb_classes[i] for i in kept]),
        lengths=np.array([len(table) for table in tables]),
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in zip(_TABLES, tables, strict=True):
            write_atomic_bytes(folder / f"{name}.{table.typecode}", table.tobytes(), durable=False)
        write_atomic_bytes(_scores_file(folder, candidates), scores.getvalue(), durable=False)
    except OSError:
        return
