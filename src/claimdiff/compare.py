"""Stage 5, compare: group claims on one subject across sources and classify discrepancies.

Claims are blocked by (kind, unit, root entity) and swept in value order, so only claims
within a factor :data:`RATIO_LIMIT` of each other (:data:`SPECIFIC_RATIO_LIMIT` for one
specific subject, and powers of ten for possible slips) are ever paired: the work grows near
linearly with the corpus. Two claims of different sources are about the same subject when
their metric, entity (or an entity it is part of), topic and period agree; they disagree
when their intervals, widened by the precision each states, do not overlap.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from claimdiff.dates import period_bounds
from claimdiff.lexicon import EntityTable
from claimdiff.model import SEVERITIES, Claim, Discrepancy, discrepancy_id, is_possible
from claimdiff.normalize import AS_OF_PUBLICATION
from claimdiff.values import describe_value, relative_gap

# Figures further apart than this factor are taken to measure different things...
RATIO_LIMIT = 2.0
# ... unless the evidence that they measure one thing is strong (one entity, one specific
# metric, one topic): then figures up to this factor apart are compared ("about 3,800 chips"
# against "about 19,500"; "one million laptops" against "seven million").
SPECIFIC_RATIO_LIMIT = 10.0
# ... for counts and measures only: an organisation's money moves that much between rounds and
# years (a €5 bn valuation, then €14 bn), while a machine's chip count does not.
WIDE_KINDS = ("count", "quantity", "percent")
AMOUNT_KINDS = ("money", "quantity", "count", "percent")


# --- pairing --------------------------------------------------------------------------------


def block_key(claim: Claim, entities: EntityTable) -> tuple[str, str, str]:
    return claim.kind, claim.unit, entities.root(claim.entity)


def same_subject(a: Claim, b: Claim, entities: EntityTable, generic: frozenset[str] = frozenset({"amount"})) -> bool:
    """Whether two claims of different sources speak of the same thing."""
    return a.source != b.source and comparable(a, b, entities, generic)


def comparable(a: Claim, b: Claim, entities: EntityTable, generic: frozenset[str] = frozenset({"amount"})) -> bool:
    """Whether two claims speak of the same thing, whoever states them: a function of the
    fields :func:`twin_key` keeps, so claims with equal keys are compared once."""
    if not a.entity or not b.entity:
        return False
    if a.substance != b.substance:
        return False  # grams of CO2 per kWh are not grams of CO2-equivalent per kWh
    # A figure with no metric word ("amount" of money, "energy" for TWh: what its unit measures)
    # may be any metric of its kind and unit, but only of the very same entity: through a wider
    # entity it would chain unrelated figures. A unit's measure is narrow enough to hold across
    # spellings of one name (ORE, Office de Régulation de l'Énergie); money is spent on too many
    # things for that.
    if (a.metric in generic or b.metric in generic) and not _one_name(a, b, entities):
        return False
    if (a.metric in generic or b.metric in generic) and entities.kind_of(a.entity) == "place":
        return False  # a country is named with many figures: one that does not say what it measures is none of them
    if a.metric != b.metric and not (a.metric in generic or b.metric in generic):
        return False
    if is_possible(a.metric) != is_possible(b.metric):
        return False  # "4 to 6 TWh, or even 8 TWh if ...": a possibility is not the figure
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
    # A figure dated by its source may be a year older, unless it says not what it measures:
    # an "amount" of 2025 is not last year's revenue.
    loose = (_as_published(a) or _as_published(b)) and a.metric not in generic and b.metric not in generic
    if a.kind != "date" and not _periods_overlap(a.period, b.period, loose):
        return False
    if a.kind in AMOUNT_KINDS and not _plausible(a, b, entities):
        return False
    return True


def _one_name(a: Claim, b: Claim, entities: EntityTable) -> bool:
    """Whether two claims name one entity: the same words, or for figures of a unit other than
    money, spellings of one name."""
    if a.entity == b.entity:
        return True
    return a.kind not in ("money", "date") and entities.same(a.entity, b.entity)


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
    year, which the figure may date from a year before ("1,700 piles" written in 2021 and "2,400
    piles" in 2022 are about one pier)."""
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
        # A country's counts and measures are of many things; a share of one of its totals is not.
        and (a.kind == "percent" or entities.kind_of(a.entity) != "place")
        and _one_specific_subject(a, b, entities)
        and _bounded_alike(a, b)
    ):
        return True
    return scale_slip(a, b) is not None


def _bounded_alike(a: Claim, b: Claim) -> bool:
    """Both figures closed, or both peaks ("up to"): an open "more than €15 bn" agrees with
    anything above it, so setting it beside a figure seven times larger says nothing."""
    closed = a.low is not None and a.high is not None and b.low is not None and b.high is not None
    return closed or a.qualifier == b.qualifier == "up_to"


def _one_specific_subject(a: Claim, b: Claim, entities: EntityTable) -> bool:
    """One entity (in any of its spellings: "Zorbix SA", "Zorbix"), one metric that names a
    particular measure, one topic."""
    same_topic = not a.topic or not b.topic or topics_match(a.topic, b.topic)
    return entities.same(a.entity, b.entity) and a.metric == b.metric and a.metric not in VAGUE_METRICS and same_topic


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
    written = _written_alike((a, b))
    a_low, a_high = _widened(a, peaks, written)
    b_low, b_high = _widened(b, peaks, written)
    return a_low <= b_high and b_low <= a_high and not currency_slip(a, b)


def currency_slip(a: Claim, b: Claim) -> bool:
    """Whether two sums are one figure written in two currencies ("$2.4 bn", "more than €2.4
    bn") that the exchange rate, band included, sets apart: one carries the wrong currency.
    Their rounding does not bridge the gap, because both state the same digits."""
    if a.kind != "money" or b.kind != "money" or a.qualifier not in WRITTEN_BOUNDS or b.qualifier not in WRITTEN_BOUNDS:
        return False  # "about $2 bn" against "€2 bn" is within what "about" allows
    written_a, written_b = a.original or {}, b.original or {}
    if written_a.get("unit") == written_b.get("unit") or written_a.get("value") != written_b.get("value"):
        return False
    if _significant_digits(written_a["value"]) < 2:
        return False  # "$2 bn" for "€2 bn": a figure of one digit is rounded across currencies
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return high_a < low_b or high_b < low_a


def _significant_digits(value: object) -> int:
    """The digits a written figure states: 1.2e9 has 2, 2e9 has 1, 425e6 has 3.

    >>> _significant_digits(1.2e9), _significant_digits(2e9), _significant_digits(425e6)
    (2, 1, 3)
    """
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value == 0:
        return 0
    return len(f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0"))


def _bounds(claim: Claim) -> tuple[float, float]:
    """A claim's interval as normalized (exchange-rate band included), open ends infinite."""
    return (
        claim.low if claim.low is not None else -math.inf,
        claim.high if claim.high is not None else math.inf,
    )


def _written_alike(claims: Iterable[Claim]) -> bool:
    """Whether every claim was written in one currency or unit other than its canonical one,
    with a qualifier whose interval is the written figure (``WRITTEN_BOUNDS``)."""
    units = set()
    for claim in claims:
        unit = _written_unit(claim)
        if unit is None or claim.qualifier not in WRITTEN_BOUNDS:
            return False
        units.add(unit)
    return len(units) == 1


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
    claims: Iterable[Claim],
    entities: EntityTable,
    generic: frozenset[str] = frozenset({"amount"}),
    related: Callable[[Claim, Claim, EntityTable, frozenset[str]], bool] = same_subject,
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
                if related(a, b, entities, generic):
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
#
# Many sources often state the very same figure of one subject ("€109 bn"): such claims are
# twins (equal :func:`twin_key`), and whatever holds between two claims holds between their
# twins, except that a source is never compared with itself. Pairs are therefore found and
# judged between classes of twins, and carried to the claims they hold source by source, in
# time linear in the claims: a thousand sources repeating seven figures make seven classes and
# twenty-eight judgements, not half a million.


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


def twin_key(claim: Claim) -> tuple[object, ...]:
    """Every field of a claim but where it stands (source, id, line, column, offsets) and its
    words (text, sentence): the comparison's rules read none of those, so claims with one key
    are judged alike. (A rule that came to read them would have to be added here.)"""
    return (
        claim.kind,
        claim.unit,
        claim.entity,
        claim.metric,
        claim.topic,
        claim.period,
        claim.value,
        claim.low,
        claim.high,
        claim.precision,
        claim.qualifier,
        claim.noun,
        claim.event,
        claim.substance,
        claim.language,
        tuple(claim.flags),
        _frozen(claim.original),
        _frozen(claim.fx),
    )


def _frozen(table: dict[str, object] | None) -> tuple[tuple[str, str], ...] | None:
    """A dict of a claim as a key: its items, values written out (1 and 1.0 stay apart)."""
    return None if table is None else tuple(sorted((str(k), repr(v)) for k, v in table.items()))


@dataclass
class _Twins:
    """Claims with one :func:`twin_key`, by source (a source is never compared with itself)."""

    representative: Claim
    by_source: dict[str, list[Claim]] = field(default_factory=dict)


@dataclass
class _Links:
    """What the judgement of every pair of twin classes found, by class index."""

    conflicts: _UnionFind = field(default_factory=_UnionFind)
    agreeing: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    attached: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    joined: set[tuple[int, str]] = field(default_factory=set)  # (class, source) already one set
    whole: set[int] = field(default_factory=set)  # classes whose claims are all one set


def twin_classes(claims: list[Claim]) -> tuple[list[_Twins], dict[str, int]]:
    """The classes of twins among the claims that may be compared, and each claim's class."""
    classes: dict[tuple[object, ...], int] = {}
    twins: list[_Twins] = []
    class_of: dict[str, int] = {}
    for claim in claims:
        if not claim.entity or not claim.metric or claim.kind == "description":
            continue
        key = twin_key(claim)
        index = classes.get(key)
        if index is None:
            index = classes[key] = len(twins)
            twins.append(_Twins(claim))
        twins[index].by_source.setdefault(claim.source, []).append(claim)
        class_of[claim.id] = index
    return twins, class_of


def link_twins(twins: list[_Twins], entities: EntityTable, generic: frozenset[str]) -> _Links:
    """Judge each pair of twin classes about one subject once (and each class with itself)."""
    links = _Links()
    index_of = {id(t.representative): index for index, t in enumerate(twins)}
    representatives = [t.representative for t in twins]
    pairs = list(candidate_pairs(representatives, entities, generic, related=comparable))
    pairs += [(r, r) for r in representatives if comparable(r, r, entities, generic)]
    for a, b in pairs:
        x, y = index_of[id(a)], index_of[id(b)]
        if agree(a, b):
            links.agreeing[x].add(y)
            links.agreeing[y].add(x)
        elif (a.metric in generic) == (b.metric in generic):
            _union_across(links, twins, x, y)
        else:
            # A generic figure joins the group of the specific one it contradicts (see compare).
            specific, loose = (x, y) if b.metric in generic else (y, x)
            links.attached[specific].add(loose)
            for source in _with_partner(twins[specific], twins[loose]):
                for claim in twins[specific].by_source[source]:
                    links.conflicts.find(claim.id)
    return links


def _with_partner(x: _Twins, y: _Twins) -> list[str]:
    """The sources of ``x`` that ``y`` holds a claim of another source for."""
    if len(y.by_source) > 1:
        return list(x.by_source)
    return [s for s in x.by_source if s not in y.by_source]


def _touch(links: _Links, twins: list[_Twins], index: int, source: str) -> str:
    """The conflict set of the claims of ``source`` in class ``index`` (one set: they share
    every neighbour), entered on first use; its representative claim id."""
    members = twins[index].by_source[source]
    if (index, source) not in links.joined:
        links.joined.add((index, source))
        for claim in members:
            links.conflicts.union(claim.id, members[0].id)
    return members[0].id


def _union_across(links: _Links, twins: list[_Twins], x: int, y: int) -> None:
    """Union every claim of class ``x`` with every claim of class ``y`` of another source.

    That graph is complete bipartite less the pairs of one source. Given two sources that
    differ, ``s`` of x and ``t`` of y: the claims of x not stated by ``t`` and of y not stated
    by ``s`` form one component; y's claims stated by ``s`` and x's stated by ``t`` are
    partners of each other, and join that component when a third source gives them one there.
    """
    xs, ys = twins[x].by_source, twins[y].by_source
    if x in links.whole and y in links.whole:
        # Each class is one set already: one edge between them joins the two.
        if len(xs) > 1 or len(ys) > 1 or xs.keys() != ys.keys():
            links.conflicts.union(_touch(links, twins, x, next(iter(xs))), _touch(links, twins, y, next(iter(ys))))
        return
    pivot = next(((s, t) for s in xs for t in ys if s != t), None)
    if pivot is None:
        return  # one source only: nothing to compare
    s, t = pivot
    hub = _touch(links, twins, x, s)
    for other in ys:
        if other != s:
            links.conflicts.union(hub, _touch(links, twins, y, other))
    for other in xs:
        if other != t:
            links.conflicts.union(hub, _touch(links, twins, x, other))
    if s in ys and t in xs:
        links.conflicts.union(_touch(links, twins, y, s), _touch(links, twins, x, t))
    if s in ys and any(other not in (s, t) for other in xs):
        links.conflicts.union(hub, _touch(links, twins, y, s))
    if t in xs and any(other not in (s, t) for other in ys):
        links.conflicts.union(hub, _touch(links, twins, x, t))
    for index in (x, y):
        _mark_whole(links, twins, index)


def _mark_whole(links: _Links, twins: list[_Twins], index: int) -> None:
    """Note a class whose claims are all in one conflict set (sets only ever merge)."""
    if index in links.whole:
        return
    sources = twins[index].by_source
    if all((index, s) in links.joined for s in sources):
        roots = {links.conflicts.find(claims[0].id) for claims in sources.values()}
        if len(roots) == 1:
            links.whole.add(index)


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

    Claims of different sources that contradict each other form groups (connected through
    contradictions); a group gains the generic figures that contradict its members, and the
    claims that agree with any of those, if they speak of its metric.
    """
    names = names or {}
    stated = _stated_figures(claims, entities)
    twins, class_of = twin_classes(claims)
    links = link_twins(twins, entities, generic)
    by_id = {c.id: c for c in claims}
    groups: dict[str, list[str]] = defaultdict(list)
    for claim_id in links.conflicts.parent:
        groups[links.conflicts.find(claim_id)].append(claim_id)
    merged: dict[tuple[str, ...], Discrepancy] = {}
    for members in groups.values():
        for extended in by_period(_extended(members, by_id, twins, class_of, links, generic)):
            _add_group(merged, extended, names, entities, stated, class_of)
    return sort_discrepancies(list(merged.values()))


# A group whose dated figures fall in more periods than this (a toll stated day by day) stays
# whole: its undated figures would be repeated in every part.
MAX_PERIOD_PARTS = 12


def by_period(claims: list[Claim]) -> list[list[Claim]]:
    """A group split where its dated figures fall in periods that share no day: an undated
    figure that contradicts a 2022 figure and a 2024 one joins each part, and figures of
    periods that share no day, nor overlap through others ("2020/2022", "2022/2024"), never
    stand against each other. Dates stay together (what a date is of has no period). A part
    that only one source speaks in is dropped; a group of more than MAX_PERIOD_PARTS parts
    stays whole.

    The parts come from one sweep over the periods sorted by their start."""
    dated = [c for c in claims if c.period and c.kind != "date"]
    if len({c.period for c in dated}) < 2:
        return [claims]
    spans = sorted(((*_span(c), c) for c in dated), key=lambda s: (s[0], s[1], s[2].reading_order))
    parts: list[list[Claim]] = []
    reach = date.min
    for low, high, claim in spans:
        if not parts or low > reach:
            parts.append([])
        parts[-1].append(claim)
        reach = max(reach, high) if len(parts[-1]) > 1 else high
    if not 2 <= len(parts) <= MAX_PERIOD_PARTS:
        return [claims]
    in_time = {c.id for c in dated}
    timeless = [c for c in claims if c.id not in in_time]
    whole = [part + timeless for part in parts]
    return [part for part in whole if len({c.source for c in part}) > 1]


def _span(claim: Claim) -> tuple[date, date]:
    """The days a figure's period covers, open ends to the calendar's ends; a figure dated only
    by its publication may be of the year before (as :func:`_periods_overlap` allows)."""
    low, high = _as_of(claim.period)
    if low and _as_published(claim):
        low = date(low.year - 1, 1, 1)
    return low or date.min, high or date.max


def _add_group(
    merged: dict[tuple[str, ...], Discrepancy],
    extended: list[Claim],
    names: dict[str, str],
    entities: EntityTable,
    stated: _Stated,
    class_of: dict[str, int],
) -> None:
    """Add the discrepancy of a group, merged with an earlier one about the same subject."""
    if len(extended) < 2:
        return
    group = sorted(extended, key=lambda c: c.reading_order)
    discrepancy = build_discrepancy(group, names, entities, stated, class_of)
    subject = (*discrepancy.subject.values(), group[0].unit)  # one discrepancy per subject
    if subject in merged:
        combined = {c.id: c for c in merged[subject].claims + group}
        ordered = sorted(combined.values(), key=lambda c: c.reading_order)
        discrepancy = build_discrepancy(ordered, names, entities, stated, class_of)
    if len(set(discrepancy.positions.values())) < 2:
        return  # every figure of this period agrees: what stood against them is of another
    merged[subject] = discrepancy


def _extended(
    members: list[str],
    by_id: dict[str, Claim],
    twins: list[_Twins],
    class_of: dict[str, int],
    links: _Links,
    generic: frozenset[str],
) -> list[Claim]:
    """A group's claims: its members, the generic figures attached to them, and the claims that
    agree with either (one step), if they speak of the members' metric or of none in particular.

    A claim reaches the claims of a class that other sources state; claims of several sources
    reach all of it."""
    own: dict[int, set[str]] = defaultdict(set)
    for claim_id in members:
        own[class_of[claim_id]].add(by_id[claim_id].source)
    attached: dict[int, str | None] = {}
    for index, sources in own.items():
        for loose in sorted(links.attached.get(index, ())):
            _reach(attached, loose, sources)
    first_step = {index: set(sources) for index, sources in own.items()}
    for index, blocked in attached.items():
        first_step.setdefault(index, set()).update(s for s in twins[index].by_source if s != blocked)
    metrics = {twins[index].representative.metric for index in own}
    agreeing: dict[int, str | None] = {}
    for index, sources in first_step.items():
        for other in sorted(links.agreeing.get(index, ())):
            metric = twins[other].representative.metric
            if metric in metrics or metric in generic:
                _reach(agreeing, other, sources)
    chosen = dict.fromkeys(members)
    for reached in (attached, agreeing):
        for index, blocked in reached.items():
            for source, claims in twins[index].by_source.items():
                if source != blocked:
                    chosen.update(dict.fromkeys(c.id for c in claims))
    return [by_id[claim_id] for claim_id in chosen]


def _reach(reached: dict[int, str | None], index: int, sources: set[str]) -> None:
    """Record that claims of ``sources`` reach class ``index``: all of its claims not of the
    one source, if only one; all of them (None) if several, or if reached from another."""
    if not sources:
        return
    blocked = next(iter(sources)) if len(sources) == 1 else None
    if index in reached and reached[index] != blocked:
        blocked = None
    reached[index] = blocked


def sort_discrepancies(discrepancies: list[Discrepancy]) -> list[Discrepancy]:
    return sorted(
        discrepancies,
        key=lambda d: (SEVERITIES[d.severity].order, d.kind, d.subject["entity"], d.subject["metric"], d.id),
    )


# Up to this many claims, a group with figures written in other currencies is clustered by
# pairwise agreement (quadratic, so only for the groups one subject of a newsroom's corpus forms).
PAIRWISE_POSITIONS = 64


def positions_of(claims: list[Claim], classes: dict[str, int] | None = None) -> dict[str, int]:
    """Cluster claims into positions: each claim joins the first position it fully agrees with.

    Narrow claims are placed first so an open "more than X" cannot chain two exact figures.
    """

    peaks = all(c.qualifier == "up_to" for c in claims)
    written = _written_alike(claims)

    # Twins (one class in ``classes``) have one interval: widened once per class.
    known: dict[int, tuple[float, float]] = {}

    def interval(claim: Claim) -> tuple[float, float]:
        index = classes.get(claim.id) if classes else None
        if index is None:
            return _widened(claim, peaks, written)
        if index not in known:
            known[index] = _widened(claim, peaks, written)
        return known[index]

    def width(claim: Claim) -> float:
        low, high = interval(claim)
        return high - low

    ordered = sorted(claims, key=lambda c: (width(c), c.value, c.id))
    positions: list[list[Claim]] = []
    # Intervals on a line agree pairwise exactly when they share a point (Helly, in one
    # dimension), so a position keeps the intersection of its members' intervals.
    common: list[tuple[float, float]] = []
    # Figures of mixed currencies, each also judged as written ("$1.2 bn" against "$1.3 bn"),
    # are not points of one line: a small group is clustered by the pairwise judgement itself.
    pairwise = not written and len(claims) <= PAIRWISE_POSITIONS and any(_written_unit(c) for c in claims)

    def fits(claim: Claim, low: float, high: float, index: int) -> bool:
        shared_low, shared_high = common[index]
        if not (low <= shared_high and shared_low <= high):
            return False
        return not pairwise or all(agree(claim, member) for member in positions[index])

    # A claim whose interval equals an earlier one's joins the same position: positions before
    # it shared no point with that interval and have only narrowed since; its own contains its
    # common part. So the search runs once per distinct interval, not once per claim (on a line
    # only: the pairwise judgement of small groups reads more than the interval).
    placed: dict[tuple[float, float], int] = {}
    for claim in ordered:
        low, high = interval(claim)
        index = None if pairwise else placed.get((low, high))
        if index is None:
            index = next((i for i in range(len(common)) if fits(claim, low, high, i)), None)
        if index is None:
            positions.append([claim])
            common.append((low, high))
            index = len(common) - 1
        else:
            positions[index].append(claim)
            common[index] = (max(low, common[index][0]), min(high, common[index][1]))
        if low <= high:  # an empty interval (only from nonsense input) agrees with nothing
            placed[(low, high)] = index
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
    claims: list[Claim],
    names: dict[str, str],
    entities: EntityTable,
    stated: _Stated | None = None,
    classes: dict[str, int] | None = None,
) -> Discrepancy:
    """The discrepancy among ``claims`` (one subject): its positions, kind, id and explanation.

    ``stated`` holds every figure of each source, to see which positions a source states
    itself, under whatever label: such a source shows the figures measure different scopes.
    ``classes`` (claim id -> class of twins, see :func:`twin_classes`) saves judging twins twice.
    """
    positions = positions_of(claims, classes)
    held = _held(claims, positions, entities, stated)
    contradicts = contradicting_pair(claims, positions, held)
    trimmed = _without_own_scopes(claims, positions, held) if contradicts else claims
    if len(trimmed) < len(claims):
        claims, positions = trimmed, positions_of(trimmed, classes)
        held = _held(claims, positions, entities, stated)
    subject = _subject(claims, entities)
    currency = slipped_across(claims, positions)
    kind = "contradiction" if contradicts or currency else "scope"
    identifier = discrepancy_id(kind, claims, positions)
    explanation = explain(kind, subject, claims, positions, names)
    slip = first_slip(claims, positions) if kind == "contradiction" else None
    if slip:
        explanation = explanation[:-1] + f"; possibly a decimal or scale error (×{slip:,})."
    if currency:
        explanation = explanation[:-1] + "; one figure is written in two currencies, possibly the wrong one."
    return Discrepancy(identifier, kind, subject, explanation, claims, positions)


def _without_own_scopes(claims: list[Claim], positions: dict[str, int], held: dict[str, set[int]]) -> list[Claim]:
    """The claims of a contradiction less those of a position only sources that also state
    another one hold: "2,300 ha by Wednesday evening ... nearly 4,000 ha" tells two moments
    apart, so the earlier figure stands against no other source's. Unchanged when the rest
    would no longer contradict."""
    scopes = {
        position
        for position in set(positions.values())
        if all(len(stances) > 1 for stances in held.values() if position in stances)
    }
    kept = [c for c in claims if positions[c.id] not in scopes]
    if not scopes or len({c.source for c in kept}) < 2:
        return claims
    kept_positions = {c.id: positions[c.id] for c in kept}
    kept_held = {source: stances - scopes for source, stances in held.items() if stances - scopes}
    return kept if contradicting_pair(kept, kept_positions, kept_held) else claims


def _width(claim: Claim) -> float:
    low, high = _widened(claim)
    return high - low


def first_slip(claims: list[Claim], positions: dict[str, int]) -> int | None:
    """The smallest power of ten two claims at different positions stand apart by (see
    :func:`scale_slip`). Values are searched in order: only figures about that factor apart
    on one subject are ever set side by side."""
    by_subject: dict[tuple[str, str, str, str], dict[tuple[float, int], Claim]] = defaultdict(dict)
    for claim in claims:
        if claim.kind in AMOUNT_KINDS and claim.metric not in VAGUE_METRICS and abs(claim.value) > 0:
            subject = (claim.entity, claim.metric, claim.topic, claim.period)
            by_subject[subject].setdefault((abs(claim.value), positions[claim.id]), claim)
    found: set[int] = set()
    for distinct in by_subject.values():
        ordered = sorted(distinct.values(), key=lambda c: abs(c.value))
        sizes = [abs(c.value) for c in ordered]
        for a in ordered:
            for factor in SLIP_FACTORS:
                # A window a little wider than the tolerance; scale_slip itself decides.
                low = bisect.bisect_left(sizes, abs(a.value) * factor * (1 - SLIP_TOLERANCE) * 0.999)
                high = bisect.bisect_right(sizes, abs(a.value) * factor * (1 + SLIP_TOLERANCE) * 1.001)
                found.update(
                    f for b in ordered[low:high] if (f := scale_slip(a, b)) and positions[a.id] != positions[b.id]
                )
    return min(found, default=None)


def _held(
    claims: list[Claim], positions: dict[str, int], entities: EntityTable, stated: _Stated | None
) -> dict[str, set[int]]:
    """The positions each source states: its own claims', and any other figure it gives (same
    kind, unit and root entity, any metric, possible when they are) that agrees with a position."""
    held: dict[str, set[int]] = defaultdict(set)
    for claim in claims:
        held[claim.source].add(positions[claim.id])
    if stated is None or claims[0].kind not in AMOUNT_KINDS:
        return held
    representatives: dict[int, Claim] = {}
    for claim in sorted(claims, key=_width, reverse=True):
        representatives[positions[claim.id]] = claim  # the narrowest figure of each position
    members = {c.id for c in claims}
    root = entities.root(claims[0].entity)
    # The positions a figure agrees with, judged once per distinct figure (twins agree alike).
    agreeing: dict[tuple[object, ...], set[int]] = {}
    for source in list(held):
        for other in stated.get((source, claims[0].kind, claims[0].unit, root), []):
            # Only closed figures count: "more than €100 bn" elsewhere states no particular one;
            # and only figures outside the group: a member already holds its own position.
            if other.low is None or other.high is None or other.id in members:
                continue
            if is_possible(other.metric) != is_possible(claims[0].metric):
                continue  # "4 to 6 TWh, or even 8 if ...": the possibility is not a stance
            key = twin_key(other)
            if key not in agreeing:
                agreeing[key] = {p for p, claim in representatives.items() if agree(claim, other)}
            held[source] |= agreeing[key]
    return held


def contradicting_pair(claims: list[Claim], positions: dict[str, int], held: dict[str, set[int]]) -> bool:
    """Whether two sources take different positions, neither stating the other's.

    A source that states two of the positions itself ("€1.5 bn for phase one; more than
    €2.5 bn since 2018") shows they measure different scopes: that pair is only a scope note,
    and never hides another source that contradicts both.
    """
    if claims[0].kind not in AMOUNT_KINDS:
        return len(set(positions.values())) > 1
    # Sources holding the same positions never form such a pair: each set is tried once.
    stances = {frozenset(positions_held) for positions_held in held.values()}
    return any(a - b and b - a for a in stances for b in stances)


def slipped_across(claims: list[Claim], positions: dict[str, int]) -> bool:
    """Whether the group writes one figure in two currencies that disagree (see
    :func:`currency_slip`), even within one source: the same digits cannot be two scopes, so
    "more than €2.4 bn ($2.4 bn)" is no source stating two positions but a wrong conversion.
    Claims alike in all that matters are judged once."""
    distinct: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        if claim.kind == "money" and claim.original:
            written = claim.original
            where = (claim.qualifier, claim.low, claim.high, positions[claim.id])
            distinct.setdefault((written.get("value"), written.get("unit"), *where), claim)
    by_figure: dict[object, list[Claim]] = defaultdict(list)
    for figure, claim in distinct.items():
        by_figure[figure[0]].append(claim)
    return any(
        positions[a.id] != positions[b.id] and currency_slip(a, b)
        for same in by_figure.values()
        for a, b in itertools.combinations(same, 2)
    )


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
        values = sorted(_described(members))
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


def _described(claims: list[Claim]) -> set[str]:
    """Each distinct value among ``claims`` as :func:`describe_value` writes it, written once per
    class of twins (it reads none of the fields twins may differ in)."""
    keys = {twin_key(c): c for c in claims if c.kind != "description"}
    if len(_DESCRIBED) > 100_000:
        _DESCRIBED.clear()
    for key, claim in keys.items():
        if key not in _DESCRIBED:
            _DESCRIBED[key] = describe_value(claim)
    return {_DESCRIBED[key] for key in keys} | {describe_value(c) for c in claims if c.kind == "description"}


# describe_value of the twins already written (formatting a figure is slow; groups repeat them).
_DESCRIBED: dict[tuple[object, ...], str] = {}


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
