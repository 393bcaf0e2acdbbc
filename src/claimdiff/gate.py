"""The CI gate: the discrepancies new or changed sources bring into a corpus.

The rest of the corpus comes from the claim store (re-extracting only sources whose hash
changed), so a gate on one new source reads one file, not the corpus. A discrepancy counts
against the gate when a new claim stands in a position no other source holds (it introduces
the disagreement rather than siding with an existing one) and no ruling covers it.

The gate runs the comparison of ``check`` (:func:`claimdiff.pipeline.find_discrepancies`) on
the new claims and the stored claims that can share a discrepancy with one, so it shows
exactly the discrepancies ``check`` shows that hold a new claim.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.compare import block_key
from claimdiff.errors import InputError, UsageError
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.model import Claim, Discrepancy, fails
from claimdiff.pipeline import analyse_source, find_discrepancies, knowledge_for, source_name
from claimdiff.sources import (
    DEFAULT_MAX_BYTES,
    SOURCE_SUFFIXES,
    Source,
    file_digest,
    iter_source_paths,
    load_sources,
)
from claimdiff.store import Ruling, read_rulings, read_store


def apply_rulings(discrepancies: Iterable[Discrepancy], rulings: dict[str, Ruling]) -> list[str]:
    """Set each discrepancy's status from its ruling; return the ids of stale rulings.

    A ruling stays in force only while every claim agrees with a position it saw.
    """
    seen = set()
    for d in discrepancies:
        ruling = rulings.get(d.id)
        if ruling is None:
            continue
        seen.add(d.id)
        if all(ruling.covers(c) for c in d.claims):
            d.status, d.note = ruling.status, ruling.note
        else:
            d.status, d.note = "open", f"reopened: new claims since the {ruling.status} ruling of {ruling.at}"
    return sorted(set(rulings) - seen)


def failing(discrepancies: Iterable[Discrepancy], fail_on: str, statuses: tuple[str, ...]) -> list[Discrepancy]:
    """The discrepancies at or above the failure threshold whose status is in ``statuses``."""
    return [d for d in discrepancies if d.status in statuses and fails(d.kind, d.severity, fail_on)]


@dataclass
class GateResult:
    sources: list[Source]
    discrepancies: list[Discrepancy]
    introduced: list[Discrepancy]
    new_claims: set[str]
    stale_rulings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def changed_since(ref: str, corpus: Path) -> list[str]:
    """Source files under ``corpus`` added or modified since git ``ref`` (or not yet tracked)."""
    changed = _git("diff", "--name-only", "--relative", "--diff-filter=AMR", ref, "--", str(corpus))
    untracked = _git("ls-files", "--others", "--exclude-standard", "--", str(corpus))
    paths = changed.splitlines() + untracked.splitlines()
    return sorted({p for p in paths if p.lower().endswith(SOURCE_SUFFIXES) and Path(p).is_file()})


def _git(*args: str) -> str:
    """Run git in the current folder; paths it prints are relative to it."""
    try:
        return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "git failed"
        raise UsageError(f"--since: {reason}") from None


def run_gate(
    new_paths: list[str],
    corpus: Path,
    store_folder: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    knowledge: Knowledge | None = None,
) -> GateResult:
    """Compare the new sources with the stored claims of the rest of the corpus."""
    knowledge = knowledge or knowledge_for()
    table = knowledge.entities
    warnings: list[str] = []
    new_sources = load_sources(new_paths, knowledge, max_bytes, warnings)
    if not new_sources:
        raise InputError("no readable source among the new paths")
    new_claims = [c for s in new_sources for c in analyse_source(s, knowledge)]
    new_keys = {_key(s.path) for s in new_sources}
    # Only rows under the new claims' root entities are parsed: no other row shares a block.
    roots = {block_key(c, table)[2] for c in new_claims if c.entity}
    store = read_store(store_folder, _row_filter(roots, table))
    corpus_paths = [p for p in _corpus_paths(corpus, warnings) if _key(str(p)) not in new_keys]
    # Re-extract only what changed since the store was written; hashing bytes is cheap.
    stale = [p for p in corpus_paths if store.digests.get(str(p)) != file_digest(p)]
    fresh = {str(p) for p in corpus_paths} - {str(p) for p in stale}
    corpus_claims = [c for c in store.claims if c.source in fresh]
    for source in load_sources([str(p) for p in stale], knowledge, max_bytes, warnings) if stale else []:
        corpus_claims.extend(analyse_source(source, knowledge))
    new_ids = {c.id for c in new_claims}
    discrepancies = involving(new_claims, corpus_claims, knowledge)
    stale_rulings = apply_rulings(discrepancies, read_rulings(store_folder))
    introduced = [d for d in discrepancies if d.status == "open" and _introduces(d, new_ids)]
    return GateResult(new_sources, discrepancies, introduced, new_ids, stale_rulings, warnings)


def _row_filter(roots: set[str], table: EntityTable) -> Callable[[str], bool]:
    """A cheap test on a raw store row: is its entity one of ``roots`` or under one of them?"""
    names = roots | {e.name for e in table.entities if table.root(e.name) in roots}
    needles = tuple(f'"entity": {json.dumps(name, ensure_ascii=False)}' for name in sorted(names))
    return lambda row: any(needle in row for needle in needles)


def involving(new_claims: list[Claim], corpus_claims: list[Claim], knowledge: Knowledge) -> list[Discrepancy]:
    """The discrepancies ``check`` finds on the whole corpus that hold a new claim.

    Only the corpus claims that can share a discrepancy with a new claim are compared (see
    :func:`_reachable`); what ``check`` finds among the others holds no new claim.
    """
    table = knowledge.entities
    claims = new_claims + _reachable(new_claims, corpus_claims, table)
    names = {c.source: source_name(c.source) for c in claims}
    new_ids = {c.id for c in new_claims}
    return [d for d in find_discrepancies(claims, names, knowledge) if any(c.id in new_ids for c in d.claims)]


def _reachable(new_claims: list[Claim], corpus_claims: list[Claim], table: EntityTable) -> list[Claim]:
    """The corpus claims that can end up in one discrepancy with a new claim."""
    reach = {_reach_key(c, table) for c in new_claims}
    return [c for c in corpus_claims if _reach_key(c, table) in reach]


def _reach_key(claim: Claim, table: EntityTable) -> tuple[str, ...]:
    """What two claims share whenever ``find_discrepancies`` may put them in one discrepancy.

    ``compare`` pairs claims only within a block (kind, unit, root entity), grows groups
    through pairs only, and merges groups whose discrepancy id (entity, metric, unit, period)
    is the same, which may join two kinds of one unit (a duration and a date, both in years):
    so the key is the block's unit and root, not its kind. Descriptions are compared per
    entity; sums stay within one source, whose claims are all new.
    """
    if claim.kind == "description":
        return "description", claim.entity
    _, unit, root = block_key(claim, table)
    return "figure", unit, root


def _corpus_paths(corpus: Path, warnings: list[str]) -> list[Path]:
    return list(iter_source_paths([str(corpus)], warnings)) if corpus.exists() else []


def _key(path: str) -> str:
    return os.path.abspath(path)


def _introduces(d: Discrepancy, new_ids: set[str]) -> bool:
    """Whether a new claim holds a position that no claim of another source shares."""
    held: dict[int, bool] = defaultdict(bool)
    for claim in d.claims:
        if claim.id not in new_ids:
            held[d.positions[claim.id]] = True
    return any(not held[d.positions[c.id]] for c in d.claims if c.id in new_ids)
