"""Each source's analysis (its claims, warnings and metadata) kept between runs in the user's
cache, so that a command over a corpus re-reads only the sources that changed.

An entry is named by a hash of everything the analysis is derived from: the file's bytes and
path, its ``sources.toml`` entry, the largest file read, the knowledge's fingerprint (every data
table's text and the corpus config's entities and metric words, see
:func:`claimdiff.lexicon.fingerprint`), claimdiff's own code, the Python version and the
installed packages (the folders they are installed in change whenever one is). A stale entry
is therefore never found; an entry that cannot be read, or is not what it should be, is
analysed again and replaced. As with every table of :mod:`claimdiff.cache`, the cache is an
optimisation only: when it cannot be written, nothing is kept and nothing fails.

``CLAIMDIFF_CLAIMS_CACHE=off`` (or ``0``, ``no``, ``false``) turns it off: every source is
analysed, nothing is read or kept. The test suite does so (code patched in a test is no
change of claimdiff's files, which the key is made of), but for the tests of this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import sysconfig
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from claimdiff.cache import cache_folder, read_table, write_table
from claimdiff.errors import InputError
from claimdiff.lexicon import Knowledge, fingerprint
from claimdiff.model import CLAIM_FIELDS, Claim
from claimdiff.safeio import read_regular
from claimdiff.sources import Source, read_metadata

# What one analysis gives: the source without its text (None when it could not be read), its
# claims, and its warnings.
Analysis = tuple[Source | None, list[Claim], list[str]]

# The layout of an entry; a new layout is a new name, so old entries are never read.
LAYOUT = "claims-1"  # dict order kept: it is the order outputs write
FOLDER = "sources"
_SOURCE_FIELDS = ("path", "language", "metadata", "encoding", "warnings", "raw_digest")
# An entry not read nor written for this long is removed (files of temporary folders, of
# corpora gone), by a sweep that runs at most once a day, when an entry is written.
UNUSED_SECONDS = 30 * 24 * 3600
SWEEP_SECONDS = 24 * 3600
SWEPT = ".swept"
SWITCH = "CLAIMDIFF_CLAIMS_CACHE"


def enabled() -> bool:
    """Whether the claims cache is on (:data:`SWITCH` is not set to off)."""
    return os.environ.get(SWITCH, "").strip().lower() not in {"0", "off", "no", "false"}


def remembered(
    path: str,
    max_bytes: int,
    knowledge: Knowledge,
    metadata: dict[Path, dict[str, dict[str, str]]],
    analyse: Callable[[], Analysis],
) -> Analysis:
    """The analysis of the file at ``path``: the cached one when the file, its metadata (read
    into ``metadata``, by folder, as loading does) and the knowledge are unchanged, else
    ``analyse()``'s, then kept."""
    if not enabled():
        return analyse()
    named = _key_and_digest(Path(path), max_bytes, knowledge, metadata)
    if named is None:
        return analyse()
    key, file_digest = named
    entry = entry_path(Path(path), key)
    found = recall(entry, key)
    if found is not None:
        _touch(entry)
        return found
    result = analyse()
    # Kept only if what was analysed is what the key was made of (not a file that changed since).
    if result[0] is not None and result[0].digest == file_digest:
        keep(entry, key, result)
    return result


def entry_key(
    path: Path, max_bytes: int, knowledge: Knowledge, metadata: dict[Path, dict[str, dict[str, str]]]
) -> str | None:
    """The hash that names the analysis of ``path``, or None when none can be kept: a knowledge
    of unknown make, or a file or metadata that cannot be read (loading then says why)."""
    named = _key_and_digest(path, max_bytes, knowledge, metadata)
    return named[0] if named else None


def _key_and_digest(
    path: Path, max_bytes: int, knowledge: Knowledge, metadata: dict[Path, dict[str, dict[str, str]]]
) -> tuple[str, str] | None:
    """The entry's key and the hash of the file's bytes it was made of."""
    made_of = fingerprint(knowledge)
    if made_of is None:
        return None
    try:
        data = read_regular(path, max_bytes)
        if path.parent not in metadata:
            metadata[path.parent] = read_metadata(path.parent, max_bytes)
    except InputError:
        return None
    entry = metadata[path.parent].get(path.name, {})
    file_digest = hashlib.sha256(data).hexdigest()
    parts = (
        LAYOUT,
        code_digest(),
        installed_stamp(),
        made_of,
        str(path),
        str(max_bytes),
        json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str),
        file_digest,
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest(), file_digest


def entry_path(path: Path, key: str) -> Path:
    """Where the entry of ``key`` is kept: in a folder of the file's own (by its absolute
    path), where :func:`keep` leaves only the latest, so the cache holds one analysis a file."""
    folder = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:24]
    return cache_folder() / FOLDER / folder / f"{key[:32]}.json"


def recall(entry: Path, key: str) -> Analysis | None:
    """The analysis kept in ``entry`` under ``key``; None when there is none, or it is damaged
    (its first line, the hash of the rest, tells) or another's."""
    data = read_table(entry)
    if data is None:
        return None
    check, _, body = data.partition(b"\n")
    if check.decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return decode(json.loads(body), key)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def keep(entry: Path, key: str, result: Analysis) -> None:
    """Write ``result`` to ``entry`` atomically, the hash of its body first; a source that
    could not be read is not kept."""
    if result[0] is None:
        return
    try:
        body = json.dumps(encode(result, key), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        return  # a value JSON cannot hold exactly (a lone surrogate): analysed again next time
    # Not flushed to disk: after a crash the entry may be partial, and its hash then says so.
    if write_table(entry, hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body, durable=False):
        _forget_others(entry)
        sweep()


def _touch(entry: Path) -> None:
    """Mark an entry used (its modification time), so that the sweep keeps it."""
    try:
        os.utime(entry)
    except OSError:
        pass


def sweep(now: float | None = None) -> int:
    """Remove the entries unused for :data:`UNUSED_SECONDS`, at most once every
    :data:`SWEEP_SECONDS` (a stamp file says when the last sweep ran); how many were removed."""
    folder = cache_folder() / FOLDER
    now = time.time() if now is None else now
    stamp = folder / SWEPT
    try:
        if now - stamp.stat().st_mtime < SWEEP_SECONDS:
            return 0
    except OSError:
        pass  # never swept
    if not write_table(stamp, b"", durable=False):
        return 0
    removed = 0
    for sub in _entry_folders(folder):
        for entry in sub.glob("*.json"):
            try:
                if now - entry.stat().st_mtime > UNUSED_SECONDS:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue  # removed meanwhile by another run
        with contextlib.suppress(OSError):
            sub.rmdir()  # only when empty
    return removed


def _entry_folders(folder: Path) -> list[Path]:
    try:
        return [sub for sub in folder.iterdir() if len(sub.name) == 24 and sub.is_dir()]
    except OSError:
        return []


def _forget_others(entry: Path) -> None:
    """Remove the file's earlier entries (of its earlier versions, or of another knowledge)."""
    try:
        others = [other for other in entry.parent.iterdir() if other.suffix == ".json" and other != entry]
        for other in others:
            other.unlink(missing_ok=True)
    except OSError:
        pass  # another run may be removing them too; an entry left over is only unused


def encode(result: Analysis, key: str) -> dict[str, Any]:
    source, claims, warnings = result
    assert source is not None
    return {
        "key": key,
        "source": {name: getattr(source, name) for name in _SOURCE_FIELDS},
        "claims": [claim.__dict__ for claim in claims],
        "warnings": warnings,
    }


def decode(document: dict[str, Any], key: str) -> Analysis:
    """The analysis of an entry; a KeyError, TypeError or ValueError when it is not one."""
    if document["key"] != key:
        raise ValueError("an entry of another analysis")
    saved = document["source"]
    if set(saved) != set(_SOURCE_FIELDS):
        raise ValueError("not a source")
    source = Source(saved["path"], "", "", [], saved["language"], dict(saved["metadata"]), saved["encoding"])
    source.warnings = list(saved["warnings"])
    source.raw_digest = str(saved["raw_digest"])
    claims = [_claim(fields) for fields in document["claims"]]
    warnings = document["warnings"]
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        raise ValueError("warnings are not text")
    return source, claims, warnings


def _claim(fields: dict[str, Any]) -> Claim:
    if fields.keys() != CLAIM_FIELDS:
        raise ValueError("not a claim")
    return Claim.from_fields(fields)


@cache
def code_digest() -> str:
    """A hash of claimdiff's own modules (their names and bytes), once per process."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*.py")):
        digest.update(f"{file.relative_to(root).as_posix()}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


@cache
def installed_stamp() -> str:
    """The Python version and, for each folder packages are installed in (the environment's,
    the user's, the system's), when its list of packages last changed: installing, upgrading
    or removing one adds or removes an entry there."""
    paths = sysconfig.get_paths()
    folders = {paths["purelib"], paths["platlib"]}
    folders.update(p for p in sys.path if os.path.basename(p) in ("site-packages", "dist-packages"))
    stamps = [sys.version]
    for folder in sorted(folders):
        try:
            stamps.append(f"{folder}|{os.stat(folder).st_mtime_ns}")
        except OSError:
            stamps.append(f"{folder}|absent")
    return "\n".join(stamps)
