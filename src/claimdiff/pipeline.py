"""The stages run in order over a corpus: what ``check``, ``report`` and ``gate`` share."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff.claim_cache import remembered
from claimdiff.compare import compare, sort_discrepancies
from claimdiff.descriptions import describe_discrepancies, description_claims
from claimdiff.errors import InputError, MetadataError
from claimdiff.lexicon import EntityTable, Knowledge, World, load_knowledge
from claimdiff.model import Claim, Discrepancy
from claimdiff.normalize import claims_of
from claimdiff.safeio import is_regular
from claimdiff.sources import DEFAULT_MAX_BYTES, Source, build_source, iter_source_paths, load_source
from claimdiff.subjects import assign_subjects
from claimdiff.subjects.places import learned_places
from claimdiff.sums import sum_discrepancies
from claimdiff.timeline import timeline_discrepancies

if TYPE_CHECKING:
    from claimdiff.config import CorpusConfig


@dataclass
class Corpus:
    """Loaded sources, their claims, and the discrepancies between them."""

    sources: list[Source]
    claims: list[Claim]
    discrepancies: list[Discrepancy] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    knowledge: Knowledge | None = None

    @property
    def names(self) -> dict[str, str]:
        return {s.path: source_name(s) for s in self.sources}


def source_name(source: Source | str) -> str:
    """What explanations call a source (or a path): its file name (titles are long and not unique)."""
    return Path(source if isinstance(source, str) else source.path).name


def analyse_source(source: Source, knowledge: Knowledge) -> list[Claim]:
    """Extract, normalize and assign subjects to the claims of one source."""
    referents: dict[int, str] = {}  # what a sentence's "the company" stands for, by sentence
    figures = assign_subjects(source, claims_of(source, knowledge), knowledge, referents)
    return figures + description_claims(source, knowledge, referents)


# From this many sources on, analysis runs in one process per core (results keep their order).
PARALLEL_MIN_SOURCES = 64
_METADATA: dict[Path, dict[str, dict[str, str]]] = {}  # per process: sources.toml by folder
# The knowledge of the run, set before worker processes fork so that they inherit it.
_KNOWLEDGE: list[Knowledge] = []


def _analyse_path(job: tuple[str, int, bool]) -> tuple[Source | None, list[Claim], list[str]]:
    """What :func:`_analyse_file` gives, kept in the user's cache for an unchanged file."""
    return remembered(job[0], job[1], _KNOWLEDGE[0], _METADATA, lambda: _analyse_file(job))


def _analyse_file(job: tuple[str, int, bool]) -> tuple[Source | None, list[Claim], list[str]]:
    """Load and analyse one file; the source comes back without its text (claims hold quotes)."""
    path, max_bytes, named = job
    knowledge = _KNOWLEDGE[0]
    try:
        source = load_source(Path(path), knowledge, max_bytes, _METADATA)
    except InputError as exc:
        if named or isinstance(exc, MetadataError):
            raise
        return None, [], [str(exc)]
    claims = analyse_source(source, knowledge)
    light = replace(source, original="", text="", offsets=[], sentences=[])
    light.raw_digest = source.digest
    return light, claims, list(source.warnings)


def _warm_up(knowledge: Knowledge) -> None:
    """Build patterns, models and rates once, before worker processes are forked from this one."""
    text = "In 2024, France raised €1 billion, $2 billion and 3 GW."
    for code in knowledge.languages:
        analyse_source(build_source("warm-up.txt", text, knowledge, {"language": code}), knowledge)


def knowledge_for(config: CorpusConfig | None = None, world: World | None = None) -> Knowledge:
    """The built-in knowledge plus what a corpus config adds (its entities and metric words)."""
    if config is None:
        return load_knowledge(world=world)
    return load_knowledge(config.entities, config.metric_words, world)


def load_corpus(
    paths: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    compare_claims: bool = True,
    knowledge: Knowledge | None = None,
    config: CorpusConfig | None = None,
    exclude: tuple[str, ...] = (),
) -> Corpus:
    """Run every stage over ``paths``, with ``knowledge`` (else the built-in one plus ``config``'s),
    leaving out what the ``exclude`` globs match in a folder."""
    knowledge = knowledge or knowledge_for(config)
    _KNOWLEDGE[:] = [knowledge]
    warnings: list[str] = []
    paths = list(paths)
    named = {str(Path(p)) for p in paths if is_regular(p)}
    jobs = [(str(p), max_bytes, str(p) in named) for p in iter_source_paths(paths, warnings, exclude)]
    _METADATA.clear()
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) >= PARALLEL_MIN_SOURCES and workers > 1:
        import multiprocessing  # here: a command over a few sources does without (10 ms)
        from concurrent.futures import ProcessPoolExecutor

        _warm_up(knowledge)
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(8, len(jobs) // (workers * 16))
            results = list(_progressing(pool.map(_analyse_path, jobs, chunksize=chunk), len(jobs), progress))
    else:
        results = list(_progressing(map(_analyse_path, jobs), len(jobs), progress))
    sources = [source for source, _, _ in results if source is not None]
    claims = [claim for _, found, _ in results for claim in found]
    warnings.extend(w for _, _, found in results for w in found)
    corpus = Corpus(sources, claims, warnings=warnings, knowledge=knowledge)
    if compare_claims:
        corpus.discrepancies = find_discrepancies(claims, corpus.names, knowledge)
    return corpus


def _progressing(
    results: Iterable[tuple[Source | None, list[Claim], list[str]]],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> Iterable[tuple[Source | None, list[Claim], list[str]]]:
    for done, result in enumerate(results, start=1):
        if progress:
            progress(done, total)
        yield result


def generic_metrics(knowledge: Knowledge) -> frozenset[str]:
    """Metrics that name no particular measure: money's "amount" and what each unit measures."""
    return frozenset({"amount"} | {entry.metric for entry in knowledge.units_table.entries if entry.metric})


def find_discrepancies(claims: list[Claim], names: dict[str, str], knowledge: Knowledge) -> list[Discrepancy]:
    """Every discrepancy among ``claims``: contradictions and scopes, descriptions, sums."""
    entities = figure_entities(claims, knowledge)
    found = (
        compare(claims, entities, names, generic_metrics(knowledge))
        + describe_discrepancies(claims, names, knowledge, entities)
        + sum_discrepancies(claims, names, knowledge)
        + timeline_discrepancies(claims, names, entities)
    )
    return sort_discrepancies(found)


def figure_entities(claims: list[Claim], knowledge: Knowledge) -> EntityTable:
    """The entity table extended with the names the corpus's figures use (the organisations
    facts are stated about must not change how figures group) and the places their sentences
    put inside a country."""
    return corpus_entities(knowledge, figure_counts(claims), learned_places(sentences_of(claims), knowledge))


def figure_counts(claims: Iterable[Claim]) -> Counter[str]:
    """How many figures name each entity (descriptions left out: the organisations facts are
    stated about must not change how figures group)."""
    return Counter(c.entity for c in claims if c.entity and c.kind != "description")


def sentences_of(claims: Iterable[Claim]) -> list[tuple[str, str]]:
    """The distinct (sentence, language) pairs of some claims, in a stable order."""
    return sorted({(c.sentence, c.language) for c in claims if c.sentence})


def corpus_entities(knowledge: Knowledge, used: Counter[str], located: dict[str, str] | None = None) -> EntityTable:
    """The entity table extended with the names a corpus uses (``used``: name -> claims): they
    tell which spellings are one entity and which extend another; ``located``: place -> the
    country the corpus puts it in."""
    joiners = frozenset(w for code in knowledge.languages for w in knowledge.lexicon(code).grammar.pair_connectors)
    return knowledge.entities.extended(Counter({name: count for name, count in used.items() if name}), joiners, located)
