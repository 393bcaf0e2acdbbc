"""The CI gate: the discrepancies new or changed sources bring into a corpus.

The rest of the corpus comes from the claim store, so a gate on one new source reads one
file, not the corpus. The store is a cache the gate never trusts: with ``--since REF`` it is
read as it stands at REF (a pull request's own store is never read), and a source's stored
claims count only while its file hash and its rows' hash match the store's manifest; any
other source is extracted again. A discrepancy counts against the gate when a new claim
stands in a position no other source holds (it introduces the disagreement rather than siding
with an existing one) and no ruling covers it.

The gate runs the comparison of ``check`` (:func:`claimdiff.pipeline.find_discrepancies`) on
the new claims and the stored claims that can share a discrepancy with one, so it shows
exactly the discrepancies ``check`` shows that hold a new claim.
"""

from __future__ import annotations

import functools
import math
import os
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimdiff.compare import block_key
from claimdiff.config import CONFIG_MAX_BYTES, CorpusConfig, load_config
from claimdiff.errors import InputError, UsageError
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.model import Claim, Discrepancy, fails
from claimdiff.pipeline import analyse_source, find_discrepancies, knowledge_for, source_name
from claimdiff.safeio import is_regular, read_text
from claimdiff.sources import (
    DEFAULT_MAX_BYTES,
    SOURCE_SUFFIXES,
    Source,
    iter_source_paths,
    load_sources,
)
from claimdiff.sources.files import ignored
from claimdiff.store import (
    CLAIMS_FILE,
    SOURCES_FILE,
    RuledClaim,
    Ruling,
    Store,
    claim_from_row,
    read_rulings,
    read_store,
    read_store_text,
)
from claimdiff.store_index import FullStore, IndexedStore, StaleIndex, open_store


def apply_rulings(discrepancies: Iterable[Discrepancy], rulings: dict[str, Ruling]) -> list[Ruling]:
    """Set each discrepancy's status from its ruling; return the orphaned rulings.

    A ruling applies to the discrepancy of its id; when no discrepancy has that id any more
    (a claim came or went, the code changed), to the one holding the claims it ruled on (see
    :func:`carry`), which then takes the ruling's id again, so the id people know stays. A
    ruling matching nothing is orphaned: the caller reports it, the file keeps it. A ruling
    stays in force only while every claim agrees with a position it saw.
    """
    discrepancies = list(discrepancies)
    by_id = {d.id: d for d in discrepancies}
    ruled: dict[str, Ruling] = {i: r for i, r in rulings.items() if i in by_id}
    orphans = []
    for identifier in sorted(set(rulings) - set(ruled)):
        free = [d for d in discrepancies if d.id not in ruled]
        target = carry(rulings[identifier], free)
        if target is None:
            orphans.append(rulings[identifier])
            continue
        target.id = identifier
        ruled[identifier] = rulings[identifier]
    for d in discrepancies:
        ruling = ruled.get(d.id)
        if ruling is None:
            continue
        if all(ruling.covers(c) for c in d.claims):
            d.status, d.note = ruling.status, ruling.note
        else:
            d.status, d.note = "open", f"reopened: new claims since the {ruling.status} ruling of {ruling.at}"
    return orphans


def carry(ruling: Ruling, discrepancies: list[Discrepancy]) -> Discrepancy | None:
    """The discrepancy that holds the conflict a ruling saw, or None.

    Each claim the ruling recorded is found again by its id, else by its source and quote (the
    same sentence, extracted again by other code), else by its source and value (the sentence
    was edited). A discrepancy qualifies when it holds found claims of two of the positions
    the ruling saw (of the one, if it saw one); the one holding the most found claims wins.
    """
    wanted = min(2, len({c.position for c in ruling.claims}))
    best, best_score = None, (0, 0)
    for d in discrepancies:
        found = [c for c in ruling.claims if _find(c, d.claims) is not None]
        score = (len({c.position for c in found}), len(found))
        if score[0] >= wanted > 0 and score > best_score:
            best, best_score = d, score
    return best


def _find(ruled: RuledClaim, claims: list[Claim]) -> Claim | None:
    """The claim a ruled claim is now: same id, else same source and quote, else same source and value."""
    same_source = [c for c in claims if _same_source(c.source, ruled.source)]
    for match in (
        lambda c: c.id == ruled.id,
        lambda c: " ".join(c.sentence.split()) == ruled.quote and c.text == ruled.text,
        lambda c: math.isclose(c.value, ruled.value, rel_tol=1e-9),
    ):
        found = next((c for c in same_source if match(c)), None)
        if found is not None:
            return found
    return None


def _same_source(path: str, recorded: str) -> bool:
    """Whether a claim's source is the one a ruling recorded (named from another folder, by file name)."""
    return path == recorded or Path(path).name == Path(recorded).name


def failing(discrepancies: Iterable[Discrepancy], fail_on: str, statuses: tuple[str, ...]) -> list[Discrepancy]:
    """The discrepancies at or above the failure threshold whose status is in ``statuses``."""
    return [d for d in discrepancies if d.status in statuses and fails(d.kind, d.severity, fail_on)]


@dataclass
class GateResult:
    sources: list[Source]
    discrepancies: list[Discrepancy]
    introduced: list[Discrepancy]
    new_claims: set[str]
    orphans: list[Ruling] = field(default_factory=list)  # rulings the new sources left matching nothing
    warnings: list[str] = field(default_factory=list)


def resolve_ref(ref: str) -> str:
    """The commit ``ref`` names, checked before git sees it anywhere else.

    ``--end-of-options`` keeps a ref such as ``--output=FILE`` from being read as an option.
    """
    out = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", what=f"--since {ref}")
    commit = out.decode("utf-8", "replace").strip()
    if not commit:
        raise UsageError(f"--since {ref}: not a commit of this repository")
    return commit


def changed_since(
    commit: str, corpus: Path, warnings: list[str] | None = None, exclude: Iterable[str] = ()
) -> list[str]:
    """Source files under ``corpus`` added or modified since ``commit`` (or not yet tracked).

    Names come NUL-separated and unquoted (``-z``), so a name with non-ASCII characters, a
    quote or a newline is seen as it is. Only regular files inside the corpus count: a
    symbolic link out of it is skipped with a warning.
    """
    warnings = warnings if warnings is not None else []
    where = ("--", str(corpus))
    changed = _git("diff", "-z", "--name-only", "--relative", "--diff-filter=AMR", "--end-of-options", commit, *where)
    untracked = _git("ls-files", "-z", "--others", "--exclude-standard", *where)
    names = {os.fsdecode(n) for n in (changed + untracked).split(b"\0") if n}
    inside = os.path.realpath(corpus)
    skip = ignored(corpus, exclude)
    paths = []
    for name in sorted(n for n in names if n.lower().endswith(SOURCE_SUFFIXES)):
        if skip is not None and skip.match_file(Path(os.path.relpath(name, corpus)).as_posix()):
            continue  # excluded from the corpus: not a source of it
        target = os.path.realpath(name)
        if target != inside and not target.startswith(inside.rstrip(os.sep) + os.sep):
            warnings.append(f"{name}: skipped, a symbolic link out of {corpus}")
        elif is_regular(name):
            paths.append(name)
    return paths


def _git(*args: str, what: str = "--since") -> bytes:
    """Run git in the current folder (paths it prints are relative to it); its output as bytes."""
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *args], check=True, capture_output=True).stdout
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    except subprocess.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace").strip()
        reason = stderr.splitlines()[-1] if stderr else "not a commit of this repository"
        raise UsageError(f"{what}: {reason}") from None


def config_at(commit: str, config: CorpusConfig | None, warnings: list[str]) -> CorpusConfig | None:
    """The corpus config as committed at ``commit``, when the working tree's differs from it.

    The config sets the gate's corpus, its --fail-on and its entities: a pull request must not
    loosen its own gate, so with ``--since`` the base's config decides (a config the pull
    request adds is ignored; one outside the repository is the caller's and is kept).
    """
    if config is None or os.path.relpath(config.path).startswith(os.pardir):
        return config
    shown = os.path.relpath(config.path)
    try:
        base = subprocess.run(["git", "show", f"{commit}:./{Path(shown).as_posix()}"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        warnings.append(f"{shown}: not in the base commit; the gate uses the built-in defaults")
        return None
    text = base.stdout.decode("utf-8", "replace").removeprefix("\ufeff")
    if text == read_text(config.path, CONFIG_MAX_BYTES).removeprefix("\ufeff"):
        return config
    warnings.append(f"{shown}: changed since the base commit; the gate uses the base's")
    return load_config(config.path, text=text)


def store_at(commit: str, folder: Path) -> Store:
    """The claim store as committed at ``commit`` (empty when it was not committed there)."""
    texts = []
    for name in (CLAIMS_FILE, SOURCES_FILE):
        spec = f"{commit}:./{(folder / name).as_posix()}"
        try:
            out = subprocess.run(["git", "show", spec], check=True, capture_output=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return Store([], {})
        texts.append(out.decode("utf-8", "replace"))
    return read_store_text(texts[0], texts[1], f"{commit[:12]}:{folder.as_posix()}")


def run_gate(
    new_paths: list[str],
    corpus: Path,
    store_folder: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    knowledge: Knowledge | None = None,
    base: str | None = None,
    warnings: list[str] | None = None,
    exclude: tuple[str, ...] = (),
    piped: list[Source] | None = None,
) -> GateResult:
    """Compare the new sources with the stored claims of the rest of the corpus.

    ``base`` is the commit of ``--since``: the store is read as it was committed there;
    ``piped`` are new sources already read (standard input).
    """
    knowledge = knowledge or knowledge_for()
    warnings = warnings if warnings is not None else []
    statuses: dict[str, os.stat_result] = {}
    corpus_paths = list(iter_source_paths([str(corpus)], warnings, exclude, statuses))  # a missing corpus is an error
    new_sources = (load_sources(new_paths, knowledge, max_bytes, warnings) if new_paths else []) + (piped or [])
    if not new_sources:
        raise InputError("no readable source among the new paths")
    new_claims = [c for s in new_sources for c in analyse_source(s, knowledge)]
    new_keys = {_key(s.path) for s in new_sources}
    new_names = {os.path.basename(k) for k in new_keys}  # a path is made absolute only when its name is one
    corpus_paths = [p for p in corpus_paths if p.name not in new_names or _key(str(p)) not in new_keys]
    reach = {_reach_key(c, knowledge.entities) for c in new_claims}
    table = knowledge.entities
    stale, corpus_claims = _stored_claims(store_folder, base, corpus_paths, statuses, reach, table, max_bytes, warnings)
    for source in load_sources([str(p) for p in stale], knowledge, max_bytes, warnings) if stale else []:
        corpus_claims.extend(analyse_source(source, knowledge))
    new_ids = {c.id for c in new_claims}
    compared = _compared(new_claims, corpus_claims, knowledge)
    # Only the rulings this change can touch: on a compared discrepancy, on a claim of a new
    # or changed source, or on a compared claim (the rest of the corpus is as ``check`` saw
    # it). The others are neither carried here (their claims are not all here) nor orphaned.
    touched_sources = {_key(s.path) for s in new_sources}
    compared_ids = {c.id for d in compared for c in d.claims} | {d.id for d in compared}
    rulings = {
        identifier: ruling
        for identifier, ruling in read_rulings(store_folder).items()
        if identifier in compared_ids
        or any(_key(c.source) in touched_sources or c.id in compared_ids for c in ruling.claims)
    }
    orphans = apply_rulings(compared, rulings)
    discrepancies = [d for d in compared if any(c.id in new_ids for c in d.claims)]
    introduced = [d for d in discrepancies if d.status == "open" and _introduces(d, new_ids)]
    return GateResult(new_sources, discrepancies, introduced, new_ids, orphans, warnings)


def _stored_claims(
    folder: Path,
    base: str | None,
    corpus_paths: list[Path],
    statuses: dict[str, os.stat_result],
    reach: set[tuple[str, ...]],
    table: EntityTable,
    max_bytes: int,
    warnings: list[str],
) -> tuple[list[Path], list[Claim]]:
    """The corpus files to extract again (changed since the store was written, or whose rows do
    not verify) and the stored claims of the others that ``reach`` takes in.

    The store is read through its index (:mod:`claimdiff.store_index`) when it can have one,
    else in full: both give the same answer. With ``base`` it is read as committed there.
    """
    select = functools.partial(
        _select, corpus_paths=corpus_paths, statuses=statuses, reach=reach, table=table, max_bytes=max_bytes
    )
    indexed = None if base else open_store(folder)
    if indexed is not None:
        fits = True
        try:
            stale, claims, problems = select(indexed)
            warnings.extend(problems)
            return stale, claims
        except StaleIndex:
            fits = False  # the rows are not what the index says: read them all
        finally:
            indexed.close(keep=fits)
    stale, claims, problems = select(FullStore(store_at(base, folder) if base else read_store(folder)))
    warnings.extend(problems)
    return stale, claims


def _select(
    store: FullStore | IndexedStore,
    corpus_paths: list[Path],
    statuses: dict[str, os.stat_result],
    reach: set[tuple[str, ...]],
    table: EntityTable,
    max_bytes: int,
) -> tuple[list[Path], list[Claim], list[str]]:
    """The files to extract again, the stored claims ``reach`` takes in, and why rows did not verify."""
    stale = [p for p in corpus_paths if not store.trusted(str(p), max_bytes, statuses.get(str(p)))]
    problems = [problem for problem in (store.problem(str(p)) for p in stale) if problem]
    fresh = {str(p) for p in corpus_paths} - {str(p) for p in stale}
    figures = {(key[1], key[2]) for key in reach if key[0] == "figure"}
    described = {key[1] for key in reach if key[0] == "description"}
    roots: dict[str, str] = {}

    def in_reach(unit: str, entity: str) -> bool:
        if entity not in roots:
            roots[entity] = table.root(entity)
        return (unit, roots[entity]) in figures

    # Claims are built only for the stored rows that can share a discrepancy with a new claim.
    sources = store.sources_with(in_reach, described.__contains__) & fresh
    claims = [claim_from_row(r) for r in store.rows_of(sources) if _row_reach_key(r, table) in reach]
    return stale, claims, problems


def _compared(new_claims: list[Claim], corpus_claims: list[Claim], knowledge: Knowledge) -> list[Discrepancy]:
    """The discrepancies among the new claims and the corpus claims they can reach.

    Only the corpus claims that can share a discrepancy with a new claim are compared (see
    :func:`_reachable`); what ``check`` finds among the others holds no new claim.
    """
    claims = new_claims + _reachable(new_claims, corpus_claims, knowledge.entities)
    names = {c.source: source_name(c.source) for c in claims}
    return find_discrepancies(claims, names, knowledge)


def _reachable(new_claims: list[Claim], corpus_claims: list[Claim], table: EntityTable) -> list[Claim]:
    """The corpus claims that can end up in one discrepancy with a new claim."""
    reach = {_reach_key(c, table) for c in new_claims}
    return [c for c in corpus_claims if _reach_key(c, table) in reach]


def _row_reach_key(row: dict[str, Any], table: EntityTable) -> tuple[str, ...]:
    """:func:`_reach_key` of a stored row, without building its claim."""
    if row["kind"] == "description":
        return "description", row["entity"]
    return "figure", row["unit"], table.root(row["entity"])


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


def _key(path: str) -> str:
    return os.path.abspath(path)


def _introduces(d: Discrepancy, new_ids: set[str]) -> bool:
    """Whether a new claim holds a position that no claim of another source shares."""
    held: dict[int, bool] = defaultdict(bool)
    for claim in d.claims:
        if claim.id not in new_ids:
            held[d.positions[claim.id]] = True
    return any(not held[d.positions[c.id]] for c in d.claims if c.id in new_ids)
