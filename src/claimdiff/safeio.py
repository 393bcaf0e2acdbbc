"""Reading and writing files that an attacker may have shaped: the only file I/O of claimdiff.

Reads: only regular files are read (a named pipe, a device or ``/dev/zero`` behind a symbolic
link is refused before a byte is read), through a descriptor checked with ``fstat``, and never
more than a given number of bytes, whatever ``stat`` says (``/proc`` files report size 0).

Writes: :func:`write_atomic` writes a temporary file beside the target and renames it over the
target, so a reader sees the old file or the new one, never half of one; it never follows a
symbolic link at the target (the link is replaced, not its target written). Temporary files a
killed run left behind are removed by :func:`remove_stale_temporaries`. :func:`write_output`
is ``-o``: an atomic rename onto a regular file or a new path, a stream into a named pipe, a
device or standard output (``-``), and a refusal for a symbolic link.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from claimdiff.errors import InputError, UsageError

# What a path that is not a regular file is, for messages.
_NODE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)
TEMPORARY_SUFFIX = ".tmp"


def node_kind(mode: int) -> str:
    """What a file of ``mode`` is, in words.

    >>> node_kind(stat.S_IFIFO | 0o644), node_kind(stat.S_IFREG | 0o644)
    ('a named pipe', 'a regular file')
    """
    return next((name for test, name in _NODE_KINDS if test(mode)), "a regular file")


def reason(exc: OSError) -> str:
    """An OS error in a few words ("Permission denied"), without the path Python repeats."""
    return exc.strerror or type(exc).__name__


# --- reading ----------------------------------------------------------------------------------


def read_regular(path: Path | str, max_bytes: int, what: str = "") -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them.

    Raises :class:`InputError` (one line naming the file) when ``path`` is not a regular file,
    cannot be read, or holds more than ``max_bytes`` bytes. The file is opened without
    blocking (a named pipe with no writer would hang ``open``) and checked through its open
    descriptor, so it cannot be swapped between the check and the read.
    """
    shown = what or str(path)
    fd, info = _open_regular_fd(path, shown)
    try:
        if info.st_size > max_bytes:
            raise InputError(_over(shown, max_bytes, info.st_size))
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({reason(exc)})") from None
    finally:
        os.close(fd)
    if size > max_bytes:  # the file grew, or stat told less than the truth
        raise InputError(_over(shown, max_bytes))
    return b"".join(chunks)


def _over(shown: str, max_bytes: int, size: int | None = None) -> str:
    if size is None:
        return f"{shown}: over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
    return f"{shown}: {size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)"


def open_regular(path: Path | str, what: str = "") -> BinaryIO:
    """A regular file opened for reading (to read it line by line); :class:`InputError` otherwise."""
    fd, _ = _open_regular_fd(path, what or str(path))
    return os.fdopen(fd, "rb")


def _open_regular_fd(path: Path | str, shown: str) -> tuple[int, os.stat_result]:
    """A descriptor of ``path`` opened without blocking and checked through the descriptor to
    be a regular file (so it cannot be swapped in between), with its status."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({reason(exc)})") from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise InputError(f"{shown}: cannot be read ({reason(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(f"{shown}: not a regular file ({node_kind(info.st_mode)}); only regular files are read")
    return fd, info


def read_text(path: Path | str, max_bytes: int, what: str = "") -> str:
    """A regular UTF-8 text file (a byte-order mark is allowed), at most ``max_bytes`` long."""
    data = read_regular(path, max_bytes, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what or path}: not UTF-8 (byte {exc.start})") from None


def is_regular(path: Path | str) -> bool:
    """Whether ``path`` is (or links to) a regular file; False when it cannot be looked at."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


# --- writing ----------------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    A symbolic link at ``path`` is replaced by the new file: its target is never written.
    """
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` as :func:`write_atomic` does; ``durable=False`` skips the flush to disk
    (a millisecond a file) for a cache whose entries carry their own check: after a crash
    such a file may be empty or partial, never a mix of two writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing regular file's permissions; anything else gets the umask-derived ones."""
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return info.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_stale_temporaries(folder: Path, names: tuple[str, ...], older_than: float = 0.0) -> list[str]:
    """Remove the temporary files of :func:`write_atomic` for ``names`` left in ``folder``.

    A run killed between writing a temporary file and renaming it leaves it behind. Only
    files (or links) named like ours are removed, and only those last changed at least
    ``older_than`` seconds ago (0 when the caller holds the folder's lock).
    """
    removed = []
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            ours = entry.name.endswith(TEMPORARY_SUFFIX) and any(entry.name.startswith(f".{n}.") for n in names)
            if not ours or entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return sorted(removed)


def write_output(target: str, text: str) -> None:
    """Write ``-o`` output: ``-`` is standard output; a pipe or device is streamed into.

    A regular file or a new path gets an atomic rename; a symbolic link is refused (it may
    point anywhere: name its target instead). Stale temporary files of an earlier killed run
    (an hour old) are removed first.
    """
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(target)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"{target}: cannot be written ({reason(exc)})") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise UsageError(f"{target}: a symbolic link; name the file it points to, or remove it")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{target}: a folder; name a file to write")
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            _stream(path, text.encode("utf-8"))
            return
        remove_stale_temporaries(path.parent, (path.name,), older_than=3600)
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"{target}: cannot be written ({reason(exc)})") from None


def _stream(path: Path, data: bytes) -> None:
    """Write into a named pipe or a device as it is: no temporary file, no truncation, no rename."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
