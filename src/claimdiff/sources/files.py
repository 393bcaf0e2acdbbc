"""Finding source files in folders, reading their ``sources.toml`` metadata, hashing them."""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimdiff.errors import InputError, MetadataError

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
METADATA_FILE = "sources.toml"
METADATA_FIELDS = ("title", "publisher", "url", "published", "language")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def iter_source_paths(paths: Iterable[str], warnings: list[str]) -> Iterator[Path]:
    """Yield the source files named by ``paths`` (files, or folders walked in sorted order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, warnings)
        elif path.is_file():
            yield path
        elif path.exists():
            raise InputError(f"{raw}: not a regular file or folder")
        else:
            raise InputError(f"{raw}: no such file or folder")


def _walk(root: Path, warnings: list[str]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(
        root,
        followlinks=True,
        onerror=lambda e: warnings.append(f"{e.filename}: skipped, cannot be read ({e.strerror})"),
    ):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            warnings.append(f"{folder}: skipped, symlink loop")
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SOURCE_SUFFIXES):
                yield Path(folder) / name


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Read ``sources.toml`` in ``folder``: file name -> metadata fields."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(f"{path}: cannot be read ({exc})") from None
    out: dict[str, dict[str, str]] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise MetadataError(f"{path}: [{name}] must be a table of metadata fields")
        unknown = set(entry) - set(METADATA_FIELDS)
        if unknown:
            raise MetadataError(f"{path}: [{name}] has unknown field(s) {', '.join(sorted(unknown))}")
        out[name] = {k: str(v) for k, v in entry.items()}
    return out


def file_digest(path: Path) -> str:
    """The hash a source's claims are stored under, without decoding the file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
