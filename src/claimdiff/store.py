"""The claim store and the reviewers' rulings in ``claims/``.

- ``claims/claims.jsonl``: one claim per line, sorted, keys sorted; diff-friendly.
- ``claims/sources.json``: per source, the content hash its claims were extracted from.
- ``claims/reviews.toml``: rulings per discrepancy id, edited by people and by
  ``claimdiff review`` (which keeps their comments and order).

Every write goes to a temporary file in the same folder and is renamed over the old one, so
a crash leaves the previous file intact; a lock file keeps two writers apart.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions

from claimdiff.errors import InputError
from claimdiff.model import Claim
from claimdiff.sources import Source

CLAIMS_FILE = "claims.jsonl"
SOURCES_FILE = "sources.json"
REVIEWS_FILE = "reviews.toml"
LOCK_FILE = ".lock"
STATUSES = ("confirmed", "dismissed", "resolved")
REVIEWS_HEADER = """\
# Reviewers' rulings on claimdiff discrepancies, one table per discrepancy id.
#   status     confirmed (a real conflict: still reported, no longer fails the gate),
#              dismissed (a false alarm), resolved (which value is right, in the note)
#   note       why; by, at: who ruled and when
#   positions  the [low, high] intervals the discrepancy held when ruled; a new claim
#              outside all of them reopens it
# Edit by hand or with `claimdiff review ID --status ... --note ...`.
"""


# --- atomic writes --------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask-derived ones."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (refuse at once if another run holds it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{folder}: another claimdiff run is writing here; try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- the claim store ------------------------------------------------------------------------

_STORED = [f.name for f in fields(Claim) if f.name not in ("start", "end", "sentence_start")]


def claim_row(claim: Claim) -> str:
    row = {name: getattr(claim, name) for name in _STORED}
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def claim_from_row(row: dict[str, Any]) -> Claim:
    known = {k: v for k, v in row.items() if k in _STORED}
    return Claim(**known)


@dataclass
class Store:
    """The claims of a corpus as last extracted, and the hashes they came from."""

    claims: list[Claim]
    digests: dict[str, str]


def read_store(folder: Path, keep: Callable[[str], bool] | None = None) -> Store:
    """Read the store; ``keep`` (given a raw row) skips rows without parsing them."""
    claims_path, sources_path = folder / CLAIMS_FILE, folder / SOURCES_FILE
    if not claims_path.exists() or not sources_path.exists():
        return Store([], {})
    claims = []
    with claims_path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or (keep is not None and not keep(line)):
                continue
            try:
                claims.append(claim_from_row(json.loads(line)))
            except (json.JSONDecodeError, TypeError) as exc:
                raise InputError(f"{claims_path}:{number}: not a claim row ({exc})") from None
    try:
        digests = json.loads(sources_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{sources_path}:{exc.lineno}: {exc.msg}") from None
    return Store(claims, {path: entry["sha256"] for path, entry in digests.items()})


def write_store(folder: Path, sources: list[Source], claims: list[Claim]) -> None:
    """Write the store deterministically: rows sorted by source, position and id."""
    ordered = sorted(claims, key=lambda c: c.reading_order)
    counts = Counter(c.source for c in claims)
    index = {
        s.path: {
            "sha256": s.digest,
            "language": s.language,
            "claims": counts[s.path],
        }
        for s in sorted(sources, key=lambda s: s.path)
    }
    with locked(folder):
        write_atomic(folder / CLAIMS_FILE, "".join(claim_row(c) + "\n" for c in ordered))
        write_atomic(folder / SOURCES_FILE, json.dumps(index, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def stale_sources(store: Store, sources: list[Source]) -> list[str]:
    """Paths whose text changed, appeared or vanished since the store was written."""
    current = {s.path: s.digest for s in sources}
    changed = [p for p, digest in current.items() if store.digests.get(p) != digest]
    gone = [p for p in store.digests if p not in current]
    return sorted(changed + gone)


# --- rulings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ruling:
    id: str
    status: str
    note: str
    by: str
    at: str
    positions: tuple[tuple[float, float], ...]

    def covers(self, claim: Claim) -> bool:
        """Whether a claim agrees with one of the positions the ruling saw."""
        if not self.positions:
            return True
        low = claim.low if claim.low is not None else -math.inf
        high = claim.high if claim.high is not None else math.inf
        return any(low <= p_high and p_low <= high for p_low, p_high in self.positions)


def read_rulings(folder: Path) -> dict[str, Ruling]:
    path = folder / REVIEWS_FILE
    if not path.exists():
        return {}
    document = _parse_reviews(path)
    rulings = {}
    for identifier, entry in document.items():
        if not isinstance(entry, dict):
            raise InputError(f"{path}: [{identifier}] must be a table")
        status = str(entry.get("status", ""))
        if status not in STATUSES:
            raise InputError(
                f"{path}:{_line_of(path, identifier)}: [{identifier}] status must be one of {', '.join(STATUSES)}"
            )
        positions = tuple((float(p[0]), float(p[1])) for p in entry.get("positions", []))
        rulings[identifier] = Ruling(
            identifier,
            status,
            str(entry.get("note", "")),
            str(entry.get("by", "")),
            str(entry.get("at", "")),
            positions,
        )
    return rulings


def _parse_reviews(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except tomlkit.exceptions.ParseError as exc:
        raise InputError(f"{path}:{exc.line}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None


def _line_of(path: Path, identifier: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(f"[{identifier}]") or line.strip().startswith(f'["{identifier}"]'):
            return number
    return 1


def record_ruling(
    folder: Path,
    identifier: str,
    status: str,
    note: str,
    by: str,
    positions: list[tuple[float, float]],
    subject: str = "",
    today: date | None = None,
) -> None:
    """Add or update one ruling, keeping every other entry and comment as it was."""
    path = folder / REVIEWS_FILE
    with locked(folder):
        document = _parse_reviews(path) if path.exists() else tomlkit.parse(REVIEWS_HEADER)
        table = document.get(identifier)
        if table is None:
            table = tomlkit.table()
            document.add(identifier, table)
        table["status"] = status
        table["note"] = note
        table["by"] = by
        table["at"] = (today or date.today()).isoformat()
        if subject:
            table["subject"] = subject
        table["positions"] = [[low, high] for low, high in positions]
        write_atomic(path, tomlkit.dumps(document))


def position_intervals(claims: list[Claim], positions: dict[str, int]) -> list[tuple[float, float]]:
    """The interval each position of a discrepancy spans (what a ruling records)."""
    spans: dict[int, list[float]] = {}
    for claim in claims:
        low = claim.low if claim.low is not None else -math.inf
        high = claim.high if claim.high is not None else math.inf
        index = positions.get(claim.id, 0)
        if index in spans:
            spans[index] = [min(spans[index][0], low), max(spans[index][1], high)]
        else:
            spans[index] = [low, high]
    return [(spans[i][0], spans[i][1]) for i in sorted(spans)]
