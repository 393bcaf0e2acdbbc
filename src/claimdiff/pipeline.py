"""The stages run in order over a corpus: what ``check``, ``report`` and ``gate`` share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.compare import Discrepancy, compare, sort_discrepancies
from claimdiff.descriptions import describe_discrepancies, description_claims
from claimdiff.normalize import Claim, claims_of
from claimdiff.sources import DEFAULT_MAX_BYTES, Source, load_sources
from claimdiff.subjects import assign_subjects
from claimdiff.sums import sum_discrepancies


@dataclass
class Corpus:
    """Loaded sources, their claims, and the discrepancies between them."""

    sources: list[Source]
    claims: list[Claim]
    discrepancies: list[Discrepancy] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def names(self) -> dict[str, str]:
        return {s.path: source_name(s) for s in self.sources}


def source_name(source: Source) -> str:
    """What explanations call a source: its file name (titles are long and not unique)."""
    return Path(source.path).name


def analyse_source(source: Source) -> list[Claim]:
    """Extract, normalize and assign subjects to the claims of one source."""
    claims = claims_of(source) + description_claims(source)
    assign_subjects(source, [c for c in claims if c.kind != "description"])
    return claims


def load_corpus(
    paths: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[Source], None] | None = None,
    compare_claims: bool = True,
) -> Corpus:
    """Run every stage over ``paths``."""
    warnings: list[str] = []
    sources = load_sources(paths, max_bytes, warnings)
    claims: list[Claim] = []
    for source in sources:
        claims.extend(analyse_source(source))
        if progress:
            progress(source)
    corpus = Corpus(sources, claims, warnings=warnings)
    if compare_claims:
        corpus.discrepancies = find_discrepancies(claims, corpus.names)
    return corpus


def find_discrepancies(claims: list[Claim], names: dict[str, str]) -> list[Discrepancy]:
    found = compare(claims, names) + describe_discrepancies(claims, names) + sum_discrepancies(claims, names)
    return sort_discrepancies(found)
