"""The CI gate: the discrepancies new or changed sources bring into a corpus.

The rest of the corpus comes from the claim store (re-extracting only sources whose hash
changed), so a gate on one new source reads one file, not the corpus. A discrepancy counts
against the gate when a new claim stands in a position no other source holds (it introduces
the disagreement rather than siding with an existing one) and no ruling covers it.
"""

from __future__ import annotations

import bisect
import json
import os
import subprocess
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.compare import (
    AMOUNT_KINDS,
    RATIO_LIMIT,
    Discrepancy,
    agree,
    block_key,
    build_discrepancy,
    same_subject,
    sort_discrepancies,
)
from claimdiff.descriptions import describe_discrepancies
from claimdiff.errors import InputError, UsageError
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.normalize import Claim
from claimdiff.pipeline import analyse_source, knowledge_for, source_name
from claimdiff.sources import (
    DEFAULT_MAX_BYTES,
    SOURCE_SUFFIXES,
    Source,
    file_digest,
    iter_source_paths,
    load_sources,
)
from claimdiff.store import Ruling, read_rulings, read_store
from claimdiff.sums import sum_discrepancies

FAIL_ON = {
    "contradiction": ("contradiction",),
    "any": ("contradiction", "scope", "description", "sum"),
    "never": (),
}


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
    kinds = FAIL_ON[fail_on]
    # "info" findings (parts that add up) inform; they never fail a run.
    return [d for d in discrepancies if d.kind in kinds and d.status in statuses and d.severity != "info"]


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
    warnings: list[str] = []
    new_sources = load_sources(new_paths, knowledge, max_bytes, warnings)
    if not new_sources:
        raise InputError("no readable source among the new paths")
    new_claims = [c for s in new_sources for c in analyse_source(s, knowledge)]
    new_keys = {_key(s.path) for s in new_sources}
    # Only rows about the new claims' entities (or entities they belong to) are parsed.
    store = read_store(store_folder, _row_filter(new_claims, knowledge.entities))
    corpus_paths = [p for p in _corpus_paths(corpus, warnings) if _key(str(p)) not in new_keys]
    # Re-extract only what changed since the store was written; hashing bytes is cheap.
    stale = [p for p in corpus_paths if store.digests.get(str(p)) != file_digest(p)]
    fresh = {str(p) for p in corpus_paths} - {str(p) for p in stale}
    corpus_claims = [c for c in store.claims if c.source in fresh]
    for source in load_sources([str(p) for p in stale], knowledge, max_bytes, warnings) if stale else []:
        corpus_claims.extend(analyse_source(source, knowledge))
    names = {str(p): p.name for p in corpus_paths} | {s.path: source_name(s) for s in new_sources}
    new_ids = {c.id for c in new_claims}
    discrepancies = gate_discrepancies(new_claims, corpus_claims, names, knowledge)
    stale_rulings = apply_rulings(discrepancies, read_rulings(store_folder))
    introduced = [d for d in discrepancies if d.status == "open" and _introduces(d, new_ids)]
    return GateResult(new_sources, discrepancies, introduced, new_ids, stale_rulings, warnings)


def _row_filter(new_claims: list[Claim], table: EntityTable) -> Callable[[str], bool]:
    """A cheap test on a raw store row: is it about an entity a new claim may be compared with?"""
    related: set[str] = set()
    for claim in new_claims:
        if claim.entity:
            # Everything under the same root: siblings may be linked through their parent.
            root = table.root(claim.entity)
            related.update(e.name for e in table.entities if table.root(e.name) == root)
            related.add(claim.entity)
    needles = tuple(f'"entity": {json.dumps(name, ensure_ascii=False)}' for name in related)
    return lambda row: any(needle in row for needle in needles)


def gate_discrepancies(
    new_claims: list[Claim], corpus_claims: list[Claim], names: dict[str, str], knowledge: Knowledge
) -> list[Discrepancy]:
    """The discrepancies each new claim is part of: it and every claim on its subject."""
    table = knowledge.entities
    lineage = table.lineage
    blocks: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in corpus_claims:
        if claim.kind != "description":
            blocks[block_key(claim, table)].append(claim)
    values: dict[tuple[str, str, str], list[float]] = {}
    for key, block in blocks.items():
        block.sort(key=lambda c: c.value)
        values[key] = [c.value for c in block]
    found: dict[str, Discrepancy] = {}
    for claim in new_claims:
        if claim.kind == "description":
            continue
        key = block_key(claim, table)
        window = _window(blocks.get(key, []), values.get(key, []), claim, RATIO_LIMIT**2)
        others = [c for c in new_claims if c is not claim and c.kind == claim.kind]
        neighbours = [c for c in window + others if same_subject(claim, c, table)]
        if all(agree(claim, c) for c in neighbours):
            continue
        group = {c.id: c for c in [claim, *neighbours]}
        # A claim about a wider entity links siblings ("France" links its government and the
        # summit it hosted), as the full comparison does.
        wider = [c for c in neighbours if c.entity != claim.entity and c.entity in lineage(claim.entity)]
        for hub in wider:
            group.update((c.id, c) for c in window if c.id not in group and same_subject(hub, c, table))
        candidate = build_discrepancy(sorted(group.values(), key=lambda c: c.reading_order), names, table)
        if candidate.id in found:
            group |= {c.id: c for c in found[candidate.id].claims}
            candidate = build_discrepancy(sorted(group.values(), key=lambda c: c.reading_order), names, table)
        found[candidate.id] = candidate
    descriptions = [c for c in new_claims if c.kind == "description"]
    entities_described = {c.entity for c in descriptions}
    descriptions += [c for c in corpus_claims if c.kind == "description" and c.entity in entities_described]
    extra = describe_discrepancies(descriptions, names, knowledge) + sum_discrepancies(new_claims, names, knowledge)
    new_ids = {c.id for c in new_claims}
    return sort_discrepancies(list(found.values()) + [d for d in extra if any(c.id in new_ids for c in d.claims)])


def _window(block: list[Claim], values: list[float], claim: Claim, reach: float) -> list[Claim]:
    """The claims of a value-sorted block within a factor ``reach`` of the claim's value."""
    if claim.kind not in AMOUNT_KINDS or claim.value <= 0 or not block:
        return block
    return block[bisect.bisect_left(values, claim.value / reach) : bisect.bisect_right(values, claim.value * reach)]


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
