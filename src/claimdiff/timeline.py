"""Figures that run from before their entity began (part of the compare stage).

A figure stated "since" a year ("Since 2018, the Hyperion supercomputer has supported more
than 900 research projects") about an entity whose start is dated later ("Operated by Orbitex since
2019", "founded in 2021") cannot hold as stated: one of the two dates is wrong. Each entity
with such figures becomes one ``contradiction`` setting its start dates (position 0) against
the figures that run from earlier (position 1), within one source or across sources.
"""

from __future__ import annotations

from collections import defaultdict

from claimdiff.dates import period_bounds
from claimdiff.lexicon import EntityTable
from claimdiff.model import Claim, Discrepancy, discrepancy_id, is_possible
from claimdiff.values import describe_value

# Date metrics that say when an entity began to exist or to work.
START_METRICS = frozenset({"launch date", "creation date", "completion date"})
# Kinds of figure that state what an entity did or had over a span of time.
RUNNING_KINDS = frozenset({"money", "quantity", "count", "percent"})


def timeline_discrepancies(claims: list[Claim], names: dict[str, str], entities: EntityTable) -> list[Discrepancy]:
    """One contradiction per entity that has figures running from before its stated start."""
    starts: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if (
            claim.kind == "date"
            and claim.metric in START_METRICS
            and claim.entity
            and claim.qualifier == "exact"
            and entities.kind_of(claim.entity) != "place"  # what a country launched is not its start
        ):
            starts[entities.root(claim.entity)].append(claim)
    found: dict[str, tuple[list[Claim], list[Claim]]] = {}
    for claim in claims:
        since = _since_year(claim)
        if since is None or not claim.entity:
            continue
        later = [s for s in starts.get(entities.root(claim.entity), []) if _later(s, since, claim, entities)]
        if later:
            begun, running = found.setdefault(claim.entity, ([], []))
            begun.extend(s for s in later if s not in begun)
            running.append(claim)
    return [_discrepancy(entity, *found[entity], names) for entity in sorted(found)]


def _since_year(claim: Claim) -> int | None:
    """The year a figure runs from ("2018/.."), for a stated figure of a running kind."""
    if claim.kind not in RUNNING_KINDS or not claim.period.endswith("/..") or is_possible(claim.metric):
        return None
    low, _ = period_bounds(claim.period)
    return low.year if low is not None else None


def _later(start: Claim, since: int, claim: Claim, entities: EntityTable) -> bool:
    """Whether ``start`` dates the claim's entity after the year the claim runs from."""
    low, _ = period_bounds(start.period)
    return low is not None and low.year > since and entities.same(start.entity, claim.entity)


def _discrepancy(entity: str, begun: list[Claim], running: list[Claim], names: dict[str, str]) -> Discrepancy:
    begun = sorted(begun, key=lambda c: (c.source, c.line, c.column))
    running = sorted(running, key=lambda c: (c.source, c.line, c.column))
    first = begun[0]
    by_source: dict[str, list[str]] = defaultdict(list)
    for claim in running:
        by_source[claim.source].append(f"{describe_value(claim)} since {_since_year(claim)}")
    stated = "; ".join(
        f"{'it' if source == first.source else names.get(source, source)} says {' and '.join(values)}"
        for source, values in sorted(by_source.items())
    )
    explanation = (
        f"{names.get(first.source, first.source)} dates the start of {entity} ({first.metric}) to {first.period}, "
        f"yet {stated}: a figure cannot run from before its entity began."
    )
    positions = {c.id: 0 for c in begun} | {c.id: 1 for c in running}
    subject = {"entity": entity, "metric": first.metric, "period": first.period}
    every = [*begun, *running]
    return Discrepancy(
        discrepancy_id("contradiction", every, positions), "contradiction", subject, explanation, every, positions
    )
