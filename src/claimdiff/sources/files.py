"""Finding source files in folders, reading their ``sources.toml`` metadata, hashing them.

Only regular files are sources: a named pipe, a device or a socket in a folder is skipped with
a warning, and named directly it is an error (reading one would hang or never end). Folders
are walked without recursion, so a tree thousands of folders deep is no problem, and a symbolic
link that leads out of the folder being walked is skipped: a committed link to ``/proc`` or a
home folder must not put a secret into a report.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.errors import InputError, MetadataError
from claimdiff.lexicon.files import language_folders
from claimdiff.safeio import node_kind, read_regular, read_text, reason
from claimdiff.schema import Field, Table, parse, validate

if TYPE_CHECKING:
    import pathspec

IGNORE_FILE = ".claimdiffignore"
IGNORE_MAX_BYTES = 1024 * 1024
STDIN = "-"  # the path argument that reads one source from standard input
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
METADATA_FILE = "sources.toml"
METADATA_FIELDS = ("title", "publisher", "url", "published", "language")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
EARLIEST_YEAR = 1900  # a published date before this is a typo, not a source


def iter_source_paths(
    paths: Iterable[str],
    warnings: list[str],
    exclude: Iterable[str] = (),
    statuses: dict[str, os.stat_result] | None = None,
) -> Iterator[Path]:
    """Yield the source files named by ``paths`` (files, or folders walked in sorted order).

    A path named directly that is missing, unreadable or not a regular file or folder is an
    error; what a walk finds wrong inside a folder is a warning. In a folder, what matches an
    ``exclude`` glob or a line of the folder's ``.claimdiffignore`` (both gitignore-like,
    relative to the folder) is left out; a file named directly is always read. ``-`` stands
    for standard input and is left to the caller. ``statuses``, when given, receives the status
    of each file a walk finds (the walk reads it anyway; the gate compares it with its index's).
    """
    exclude = list(exclude)
    for raw in paths:
        if raw == STDIN:
            continue
        path = Path(raw)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputError(f"{raw}: no such file or folder") from None
        except OSError as exc:
            raise InputError(f"{raw}: cannot be read ({reason(exc)})") from None
        if stat.S_ISDIR(mode):
            yield from _walk(path, warnings, ignored(path, exclude), statuses)
        elif stat.S_ISREG(mode):
            yield path
        else:
            raise InputError(f"{raw}: not a regular file or folder ({node_kind(mode)})")


def ignored(root: Path, exclude: Iterable[str] = ()) -> pathspec.PathSpec | None:
    """What a walk of ``root`` leaves out: the ``exclude`` globs and ``root/.claimdiffignore``
    (gitignore syntax: one glob a line, ``#`` comments, ``!`` re-includes, ``/`` anchors);
    None when there is neither (pathspec is then not imported: most corpora have none)."""
    lines = list(exclude)
    ignore_file = root / IGNORE_FILE
    if os.path.lexists(ignore_file):
        lines += read_text(ignore_file, IGNORE_MAX_BYTES).splitlines()
    if not lines:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _walk(
    root: Path,
    warnings: list[str],
    skip: pathspec.PathSpec | None = None,
    statuses: dict[str, os.stat_result] | None = None,
) -> Iterator[Path]:
    """The source files under ``root``, depth first in sorted order (as ``os.walk`` gives them),
    without what ``skip`` matches (paths relative to ``root``, folders with a trailing ``/``)."""
    inside = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if folder == root:  # the folder the user named: nothing can be read, say so
                raise InputError(f"{folder}: cannot be read ({reason(exc)})") from None
            warnings.append(f"{folder}: skipped, cannot be read ({reason(exc)})")
            continue
        if (info.st_dev, info.st_ino) in seen:
            warnings.append(f"{folder}: skipped, symlink loop")
            continue
        seen.add((info.st_dev, info.st_ino))
        folders = []
        parent = Path(folder)  # once: a Path per entry would cost as much as the walk itself
        for entry in entries:
            if entry.is_symlink() and not _within(entry.path, inside):
                if entry.name.lower().endswith(SOURCE_SUFFIXES) or _is_folder(entry):
                    warnings.append(f"{entry.path}: skipped, a symbolic link out of {root}")
                continue
            if _is_folder(entry):
                if not entry.name.startswith(".") and not (skip and skip.match_file(_relative(entry, root) + "/")):
                    folders.append(parent / entry.name)
            elif skip and skip.match_file(_relative(entry, root)):
                continue
            elif entry.name.lower().endswith(SOURCE_SUFFIXES):
                found = _source_file(entry, warnings)
                if found:
                    path = parent / entry.name
                    if statuses is not None:
                        statuses[str(path)] = entry.stat()  # kept by the entry: no second call
                    yield path
        stack.extend(reversed(folders))


def _relative(entry: os.DirEntry[str], root: Path) -> str:
    """An entry's path from the walk's root, as ignore globs match it (worked out only when
    there are globs: most corpora have none, and it costs more than the rest of the walk)."""
    return Path(os.path.relpath(entry.path, root)).as_posix()


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _within(path: str, folder: str) -> bool:
    """Whether ``path``, links resolved, lies inside ``folder`` (already resolved)."""
    target = os.path.realpath(path)
    return target == folder or target.startswith(folder.rstrip(os.sep) + os.sep)


def _source_file(entry: os.DirEntry[str], warnings: list[str]) -> bool:
    """Whether a folder entry named like a source is a regular file; a warning when it is not."""
    try:
        mode = entry.stat().st_mode
    except OSError as exc:
        warnings.append(f"{entry.path}: cannot be read ({reason(exc)})")
        return False
    if not stat.S_ISREG(mode):
        warnings.append(f"{entry.path}: skipped, not a regular file ({node_kind(mode)})")
        return False
    return True


# --- metadata -------------------------------------------------------------------------------


def _published(value: Any) -> str | None:
    """The check of a published date: a real date, 1900 or later, not in the future.

    >>> _published("2025-02-10") is None, _published("2025-13-45"), _published("1850")
    (True, "is not a real date: '2025-13-45'", "must be 1900 or later; got '1850'")
    """
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got '{value}'"
    try:
        first_day = date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return f"is not a real date: '{value}'"
    if first_day.year < EARLIEST_YEAR:
        return f"must be {EARLIEST_YEAR} or later; got '{value}'"
    if first_day > date.today() + timedelta(days=1):
        return f"is in the future: '{value}'"
    return None


def _metadata_schema() -> Table:
    text = Field("string")
    entry = Table(
        {
            "title": text,
            "publisher": text,
            "url": text,
            "published": Field("string", check="published"),
            "language": Field("string", choices=language_folders()),
        }
    )
    return Table(other=Field("table", table=entry))


def read_metadata(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, dict[str, str]]:
    """Read ``sources.toml`` in ``folder``: file name -> metadata fields, each checked.

    A malformed file stops the run (:class:`MetadataError`, naming the file and line): its
    values would silently change every source beside it.
    """
    path = folder / METADATA_FILE
    if not os.path.lexists(path):
        return {}
    try:
        doc = parse(read_text(path, max_bytes), str(path), MetadataError)
    except InputError as exc:
        raise MetadataError(str(exc)) from None
    for entry in doc.data.values():
        for key, value in entry.items() if isinstance(entry, dict) else ():
            if isinstance(value, datetime | date):  # published = 2025-02-10, a TOML date
                entry[key] = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    validate(doc, _metadata_schema(), checks={"published": _published})
    return {name: {k: str(v) for k, v in entry.items()} for name, entry in doc.data.items()}


def file_digest(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The hash a source's claims are stored under ("" when it cannot be read as a source)."""
    try:
        return hashlib.sha256(read_regular(path, max_bytes)).hexdigest()
    except InputError:
        return ""
