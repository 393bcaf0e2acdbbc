"""Stage 5, compare: group claims on one subject across sources and classify discrepancies.

Claims are blocked by (kind, unit, root entity) and swept in value order, so only claims
within a factor :data:`RATIO_LIMIT` of each other are ever paired: the work grows near
linearly with the corpus. Two claims of different sources are about the same subject when
their metric, entity (or an entity it is part of), topic and period agree; they disagree
when their intervals, widened by the precision each states, do not overlap.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from claimdiff.dates import period_bounds
from claimdiff.lexicon import EntityTable
from claimdiff.model import SEVERITIES, Claim, Discrepancy, discrepancy_id
from claimdiff.normalize import AS_OF_PUBLICATION
from claimdiff.values import describe_value, relative_gap

# Figures further apart than this factor are taken to measure different things...
RATIO_LIMIT = 2.0
# ... unless the evidence that they measure one thing is strong (one entity, one specific
# metric, one topic): then figures up to this factor apart are compared ("about 24,000 chips"
# against "about 66,700"; "one million smartphones" against "five million").
SPECIFIC_RATIO_LIMIT = 10.0
# ... for counts and measures only: an organisation's money moves that much between rounds and
# years (a €5 bn valuation, then €12 bn), while a machine's chip count does not.
WIDE_KINDS = ("count", "quantity", "percent")
AMOUNT_KINDS = ("money", "quantity", "count", "percent")


# --- pairing --------------------------------------------------------------------------------


def block_key(claim: Claim, entities: EntityTable) -> tuple[str, str, str]:
    return claim.kind, claim.unit, entities.root(claim.entity)


def same_subject(a: Claim, b: Claim, entities: EntityTable, generic: frozenset[str] = frozenset({"amount"})) -> bool:
    """Whether two claims of different sources speak of the same thing."""
    if a.source == b.source or not a.entity or not b.entity:
        return False
    # A figure with no metric word ("amount" of money, "energy" for TWh: what its unit measures)
    # may be any metric of its kind and unit, but only of the very same entity: through a wider
    # entity it would chain unrelated figures.
    if (a.metric in generic or b.metric in generic) and a.entity != b.entity:
        return False
    if a.metric in generic and b.metric in generic and entities.kind_of(a.entity) == "place":
        return False  # two sums of money a country is named with, neither saying what for
    if a.metric != b.metric and not (a.metric in generic or b.metric in generic):
        return False
    if a.kind == "rank" and a.metric == "rank":
        return False  # a place in an unnamed ranking compares with nothing
    if a.kind in ("date", "rank"):
        if not entities.same(a.entity, b.entity):
            return False  # what France launched in 2019 is not what its government launched in 2018
    elif a.entity not in entities.lineage(b.entity) and b.entity not in entities.lineage(a.entity):
        return False
    if a.topic and b.topic and not topics_match(a.topic, b.topic):
        return False
    if not a.metric or not b.metric:
        return False
    if a.kind != "date" and not _periods_overlap(a.period, b.period, _as_published(a) or _as_published(b)):
        return False
    if a.kind in AMOUNT_KINDS and not _plausible(a, b, entities):
        return False
    return True


def topics_match(a: str, b: str) -> bool:
    """Whether two topics name the same thing: equal, or half their words shared
    ("national ai strategy" and "ambitious national strategy")."""
    if a == b:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) * 2 >= len(words_a | words_b)


def _as_published(claim: Claim) -> bool:
    return AS_OF_PUBLICATION in claim.flags


def _periods_overlap(a: str, b: str, loose: bool = False) -> bool:
    """Whether two periods share a day; ``loose`` when one is only its source's publication
    year, which the figure may date from a year before ("1,300 oaks" written in 2021 and "2,000
    trees" in 2022 are about one restoration)."""
    a_low, a_high = _as_of(a)
    b_low, b_high = _as_of(b)
    if loose:
        a_low = date(a_low.year - 1, 1, 1) if a_low else None
        b_low = date(b_low.year - 1, 1, 1) if b_low else None
    if a_low and b_high and a_low > b_high:
        return False
    return not (b_low and a_high and b_low > a_high)


def _as_of(period: str) -> tuple[date | None, date | None]:
    """The days a figure's period covers; a figure reached "by 2050" (``../2050``) is a level
    at that date, not a figure of every year before it."""
    low, high = period_bounds(period)
    if period.startswith("../") and high is not None:
        return period_bounds(period[3:])
    return low, high


def _plausible(a: Claim, b: Claim, entities: EntityTable) -> bool:
    """Whether two figures may measure one thing: less than RATIO_LIMIT apart, less than
    SPECIFIC_RATIO_LIMIT apart on one specific subject, or a possible decimal or scale slip of
    the same specific metric (see :func:`scale_slip`)."""
    low, high = sorted((abs(a.value), abs(b.value)))
    if low <= 0:
        return False
    if high / low <= RATIO_LIMIT:
        return True
    if (
        high / low <= SPECIFIC_RATIO_LIMIT
        and a.kind in WIDE_KINDS
        and entities.kind_of(a.entity) != "place"  # a country's counts are of many things
        and _one_specific_subject(a, b)
        and _bounded_alike(a, b)
    ):
        return True
    return scale_slip(a, b) is not None


def _bounded_alike(a: Claim, b: Claim) -> bool:
    """Both figures closed, or both peaks ("up to"): an open "more than €15 bn" agrees with
    anything above it, so setting it beside a figure seven times larger says nothing."""
    closed = a.low is not None and a.high is not None and b.low is not None and b.high is not None
    return closed or a.qualifier == b.qualifier == "up_to"


def _one_specific_subject(a: Claim, b: Claim) -> bool:
    """One entity, one metric that names a particular measure, one topic."""
    same_topic = not a.topic or not b.topic or topics_match(a.topic, b.topic)
    return a.entity == b.entity and a.metric == b.metric and a.metric not in VAGUE_METRICS and same_topic


# Metrics too vague to trust a figure ten times another as a slip rather than another thing.
VAGUE_METRICS = frozenset({"amount", "share", "quantity", "factor", "rank", ""})
SLIP_FACTORS = (10, 100, 1000)
SLIP_TOLERANCE = 0.02


def scale_slip(a: Claim, b: Claim) -> int | None:
    """The power of ten two figures stand apart by (10, 100 or 1,000, within 2%), when the
    evidence that they measure one thing is strong: one entity, one specific metric; else None.

    The most common numeric error in the press is a decimal or scale slip (2.5 against 25,
    a million against a billion); figures that far apart are otherwise different things.
    """
    if a.entity != b.entity or a.metric != b.metric or a.metric in VAGUE_METRICS or a.kind not in AMOUNT_KINDS:
        return None
    if a.topic != b.topic or a.period != b.period:
        return None  # "€4 bn" against "€40 m in training": another part of the same thing
    low, high = sorted((abs(a.value), abs(b.value)))
    if low <= 0:
        return None
    ratio = high / low
    return next((f for f in SLIP_FACTORS if abs(ratio / f - 1) <= SLIP_TOLERANCE), None)


def agree(a: Claim, b: Claim) -> bool:
    """Whether two claims' intervals overlap once widened by the precision they state.

    Open bounds (None) reach to infinity; "more than €109 bn" agrees with "€109 bn".
    """
    peaks = a.qualifier == b.qualifier == "up_to"
    # Figures written in one currency or unit compare as written: "$1.2 bn" against "$1.3 bn"
    # differ whatever the exchange rate of each source's day.
    written = _written_unit(a) is not None and _written_unit(a) == _written_unit(b)
    written = written and a.qualifier in WRITTEN_BOUNDS and b.qualifier in WRITTEN_BOUNDS
    a_low, a_high = _widened(a, peaks, written)
    b_low, b_high = _widened(b, peaks, written)
    return a_low <= b_high and b_low <= a_high


def _written_unit(claim: Claim) -> str | None:
    original = claim.original or {}
    if claim.kind not in AMOUNT_KINDS or not isinstance(original.get("value"), (int, float)):
        return None
    if not original["value"] or original.get("unit") in (None, claim.unit):
        return None
    return str(original["unit"])


# Qualifiers whose interval is the written figure itself, open below or above (low, high).
WRITTEN_BOUNDS = {
    "exact": (False, False),
    "more_than": (False, True),
    "at_least": (False, True),
    "up_to": (True, False),
}
# Two figures stated to the same digit that differ in it ("1.2" against "1.3") disagree: their
# rounding intervals only touch, so each is shrunk by this share of its precision.
TOUCHING = 1e-6


def _widened(claim: Claim, peaks: bool = False, written: bool = False) -> tuple[float, float]:
    """A claim's interval widened by its precision, in its canonical unit or, with
    ``written``, in the currency or unit its source wrote. Between "up to" figures only
    (``peaks``), each names the peak its source states: "up to 40 exaflops" against "up to 90"
    is two peaks, not two ranges that share their low end."""
    value_low, value_high, scale = claim.low, claim.high, 1.0
    if written and claim.value:
        # The figure as written, without the exchange-rate band its conversion carries.
        figure = float(claim.original["value"])
        scale = claim.value / figure
        low_open, high_open = WRITTEN_BOUNDS[claim.qualifier]
        value_low, value_high = (None if low_open else figure), (None if high_open else figure)
    tolerance = max(claim.precision * (1 - TOUCHING), abs(claim.value) * 1e-9) / scale
    if peaks and value_high is not None:
        return value_high - tolerance, value_high + tolerance
    low = value_low - tolerance if value_low is not None else float("-inf")
    high = value_high + tolerance if value_high is not None else float("inf")
    return low, high


def candidate_pairs(
    claims: Iterable[Claim], entities: EntityTable, generic: frozenset[str] = frozenset({"amount"})
) -> Iterable[tuple[Claim, Claim]]:
    """Pairs of claims about the same subject, found by blocking and a sweep over values.

    Within a block, claims are further split by metric; money of unknown metric ("amount")
    is swept together with every metric, since it may be any of them.
    """
    blocks: dict[tuple[str, str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.entity and claim.metric and claim.kind != "description":
            blocks[block_key(claim, entities)][claim.metric].append(claim)
    for key in sorted(blocks):
        by_metric = blocks[key]
        loose = [c for metric in sorted(by_metric) if metric in generic for c in by_metric[metric]]
        for metric in sorted(by_metric):
            group = by_metric[metric] if metric in generic else by_metric[metric] + loose
            for a, b in _sweep(group):
                if metric not in generic and a.metric in generic and b.metric in generic:
                    continue  # already paired in the groups of the generic metrics themselves
                if same_subject(a, b, entities, generic):
                    yield a, b


def _sweep(group: list[Claim]) -> Iterable[tuple[Claim, Claim]]:
    """Every pair within a factor RATIO_LIMIT of each other, for amounts, and every pair about
    a power of ten apart (possible slips); every pair otherwise. Values are searched in order,
    so the work grows with the pairs found, not with the square of the group."""
    ordered = sorted(group, key=lambda c: (c.value, c.id))
    values = [c.value for c in ordered]
    for i, a in enumerate(ordered):
        if a.kind not in AMOUNT_KINDS or a.value <= 0:
            yield from ((a, b) for b in ordered[i + 1 :])
            continue
        yield from (
            (a, b)
            for b in ordered[i + 1 : bisect.bisect_right(values, a.value * SPECIFIC_RATIO_LIMIT * (1 + SLIP_TOLERANCE))]
        )
        for factor in SLIP_FACTORS[1:]:  # x10 is within SPECIFIC_RATIO_LIMIT already
            low = bisect.bisect_left(values, a.value * factor * (1 - SLIP_TOLERANCE))
            high = bisect.bisect_right(values, a.value * factor * (1 + SLIP_TOLERANCE))
            yield from ((a, b) for b in ordered[max(low, i + 1) : high])


# --- grouping -------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def compare(
    claims: list[Claim],
    entities: EntityTable,
    names: dict[str, str] | None = None,
    generic: frozenset[str] = frozenset({"amount"}),
) -> list[Discrepancy]:
    """Every discrepancy among ``claims``, most severe first, in a stable order.

    ``entities`` says which entity is part of which; ``names`` maps a source path to the
    short name explanations use (title or file name); ``generic`` lists the metrics that name
    no particular measure (money's "amount", what a unit measures), which may stand for any.
    """
    names = names or {}
    by_id = {c.id: c for c in claims}
    stated = _stated_figures(claims, entities)
    conflicts = _UnionFind()
    agreeing: dict[str, set[str]] = defaultdict(set)
    attached: dict[str, set[str]] = defaultdict(set)  # specific claim -> generic claims against it
    for a, b in candidate_pairs(claims, entities, generic):
        if agree(a, b):
            agreeing[a.id].add(b.id)
            agreeing[b.id].add(a.id)
        elif (a.metric in generic) == (b.metric in generic):
            conflicts.union(a.id, b.id)
        else:
            # A generic figure ("amount") joins the group of the specific one it contradicts,
            # but never links two groups of different metrics: that chains unrelated figures.
            specific, loose = (a, b) if b.metric in generic else (b, a)
            conflicts.find(specific.id)
            attached[specific.id].add(loose.id)
    groups: dict[str, set[str]] = defaultdict(set)
    for claim_id in conflicts.parent:
        groups[conflicts.find(claim_id)].add(claim_id)
    merged: dict[tuple[str, ...], Discrepancy] = {}
    for members in groups.values():
        extended = set(members)
        for claim_id in members:
            extended |= attached[claim_id]
        metrics = {by_id[i].metric for i in members}
        for claim_id in list(extended):
            # Claims that agree with a member join its position, if they speak of its metric.
            extended |= {i for i in agreeing[claim_id] if by_id[i].metric in metrics or by_id[i].metric in generic}
        if len(extended) < 2:
            continue
        group = sorted((by_id[i] for i in extended), key=lambda c: c.reading_order)
        discrepancy = build_discrepancy(group, names, entities, stated)
        subject = (*discrepancy.subject.values(), group[0].unit)  # one discrepancy per subject
        if subject in merged:
            combined = {c.id: c for c in merged[subject].claims + group}
            ordered = sorted(combined.values(), key=lambda c: c.reading_order)
            discrepancy = build_discrepancy(ordered, names, entities, stated)
        merged[subject] = discrepancy
    return sort_discrepancies(list(merged.values()))


def sort_discrepancies(discrepancies: list[Discrepancy]) -> list[Discrepancy]:
    return sorted(
        discrepancies,
        key=lambda d: (SEVERITIES[d.severity].order, d.kind, d.subject["entity"], d.subject["metric"], d.id),
    )


# Up to this many claims, a group with figures written in other currencies is clustered by
# pairwise agreement (quadratic, so only for the groups one subject of a newsroom's corpus forms).
PAIRWISE_POSITIONS = 64


def positions_of(claims: list[Claim]) -> dict[str, int]:
    """Cluster claims into positions: each claim joins the first position it fully agrees with.

    Narrow claims are placed first so an open "more than X" cannot chain two exact figures.
    """

    peaks = all(c.qualifier == "up_to" for c in claims)
    units = {_written_unit(c) for c in claims}
    written = len(units) == 1 and None not in units and all(c.qualifier in WRITTEN_BOUNDS for c in claims)

    def width(claim: Claim) -> float:
        low, high = _widened(claim, peaks, written)
        return high - low

    ordered = sorted(claims, key=lambda c: (width(c), c.value, c.id))
    positions: list[list[Claim]] = []
    # Intervals on a line agree pairwise exactly when they share a point (Helly, in one
    # dimension), so a position keeps the intersection of its members' intervals.
    common: list[tuple[float, float]] = []
    # Figures of mixed currencies, each also judged as written ("$1.2 bn" against "$1.3 bn"),
    # are not points of one line: a small group is clustered by the pairwise judgement itself.
    pairwise = not written and len(units - {None}) > 0 and len(claims) <= PAIRWISE_POSITIONS
    for claim in ordered:
        low, high = _widened(claim, peaks, written)
        for index, (shared_low, shared_high) in enumerate(common):
            fits = low <= shared_high and shared_low <= high
            if fits and pairwise:
                fits = all(agree(claim, member) for member in positions[index])
            if fits:
                positions[index].append(claim)
                common[index] = (max(low, shared_low), min(high, shared_high))
                break
        else:
            positions.append([claim])
            common.append((low, high))
    positions.sort(key=lambda members: min(c.value for c in members))
    return {c.id: index for index, members in enumerate(positions) for c in members}


_Stated = dict[tuple[str, str, str, str], list[Claim]]


def _stated_figures(claims: list[Claim], entities: EntityTable) -> _Stated:
    """Every figure of each source, by (source, kind, unit, root entity), whatever its metric."""
    out: _Stated = defaultdict(list)
    for claim in claims:
        if claim.kind in AMOUNT_KINDS and claim.entity:
            out[(claim.source, claim.kind, claim.unit, entities.root(claim.entity))].append(claim)
    return out


def build_discrepancy(
    claims: list[Claim], names: dict[str, str], entities: EntityTable, stated: _Stated | None = None
) -> Discrepancy:
    """The discrepancy among ``claims`` (one subject): its positions, kind, id and explanation.

    ``stated`` holds every figure of each source, to see which positions a source states
    itself, under whatever label: such a source shows the figures measure different scopes.
    """
    positions = positions_of(claims)
    subject = _subject(claims, entities)
    kind = (
        "contradiction"
        if contradicting_pair(claims, positions, _held(claims, positions, entities, stated))
        else "scope"
    )
    identifier = discrepancy_id(kind, claims, positions)
    explanation = explain(kind, subject, claims, positions, names)
    slips = sorted(
        {f for a in claims for b in claims if (f := scale_slip(a, b)) and positions[a.id] != positions[b.id]}
    )
    if slips and kind == "contradiction":
        explanation = explanation[:-1] + f"; possibly a decimal or scale error (×{slips[0]:,})."
    return Discrepancy(identifier, kind, subject, explanation, claims, positions)


def _width(claim: Claim) -> float:
    low, high = _widened(claim)
    return high - low


def _held(
    claims: list[Claim], positions: dict[str, int], entities: EntityTable, stated: _Stated | None
) -> dict[str, set[int]]:
    """The positions each source states: its own claims', and any other figure it gives (same
    kind, unit and root entity, any metric) that agrees with a position."""
    held: dict[str, set[int]] = defaultdict(set)
    for claim in claims:
        held[claim.source].add(positions[claim.id])
    if stated is None or claims[0].kind not in AMOUNT_KINDS:
        return held
    representatives: dict[int, Claim] = {}
    for claim in sorted(claims, key=_width, reverse=True):
        representatives[positions[claim.id]] = claim  # the narrowest figure of each position
    for source in list(held):
        others = stated.get((source, claims[0].kind, claims[0].unit, entities.root(claims[0].entity)), [])
        members = {c.id for c in claims}
        for position, claim in representatives.items():
            # Only closed figures count: "more than €100 bn" elsewhere states no particular one;
            # and only figures outside the group: a member already holds its own position.
            closed = (o for o in others if o.low is not None and o.high is not None and o.id not in members)
            if position not in held[source] and any(agree(claim, other) for other in closed):
                held[source].add(position)
    return held


def contradicting_pair(claims: list[Claim], positions: dict[str, int], held: dict[str, set[int]]) -> bool:
    """Whether two sources take different positions, neither stating the other's.

    A source that states two of the positions itself ("€1.5 bn for phase one; more than
    €2.5 bn since 2018") shows they measure different scopes: that pair is only a scope note,
    and never hides another source that contradicts both.
    """
    if claims[0].kind not in AMOUNT_KINDS:
        return len(set(positions.values())) > 1
    return any(held[a] - held[b] and held[b] - held[a] for a in held for b in held if a < b)


def _subject(claims: list[Claim], table: EntityTable) -> dict[str, str]:
    lineage = table.lineage
    entities = Counter(c.entity for c in claims)
    # The most specific entity every claim is about, else the one most claims name.
    shared = set(lineage(claims[0].entity)).intersection(*(lineage(c.entity) for c in claims[1:]))
    if shared:
        entity = max(shared, key=lambda e: (len(lineage(e)), e))
    else:
        entity = max(entities, key=lambda e: (entities[e], len(lineage(e)), e))
    metrics = Counter(c.metric for c in claims if c.metric != "amount") or Counter(c.metric for c in claims)
    metric = max(metrics, key=lambda m: (metrics[m], m))
    topics = Counter(c.topic for c in claims if c.topic)
    if len(topics) == 1 and sum(topics.values()) * 2 >= len(claims):
        metric = f"{metric} ({next(iter(topics))})"
    periods = Counter(c.period for c in claims if c.period and c.kind != "date")
    period = max(periods, key=lambda p: (periods[p], p)) if periods else ""
    return {"entity": entity, "metric": metric, "period": period}


def explain(
    kind: str, subject: dict[str, str], claims: list[Claim], positions: dict[str, int], names: dict[str, str]
) -> str:
    """One sentence a reader understands: who says what, and by how much they differ."""
    by_position: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_position[positions[claim.id]].append(claim)
    parts = []
    base = None
    for index in sorted(by_position):
        members = by_position[index]
        sources = sorted({names.get(c.source, c.source) for c in members})
        values = sorted({describe_value(c) for c in members})
        representative = min(members, key=lambda c: (c.high is None, c.value))
        gap = ""
        if base is None:
            base = representative
        else:
            gap = relative_gap(base, representative)
        verb = "says" if len(sources) == 1 else "say"
        parts.append(f"{_join(sources)} {verb} {' / '.join(values)}{gap}")
    about = subject["metric"]
    if subject["entity"]:
        about += f" of {subject['entity']}"
    if subject["period"]:
        about += f" ({subject['period']})"
    lead = "Figures differ in scope" if kind == "scope" else "Sources disagree"
    if kind == "scope":
        caveat = "one source states more than one of these figures, so they likely measure different scopes"
        return f"{lead} on {about}: {'; '.join(parts)}; {caveat}."
    return f"{lead} on {about}: {'; '.join(parts)}."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
