"""Itemised totals (part of the compare stage): a stated total against the parts that follow it.

Within one source, a money total followed, a few lines later, by two or more smaller amounts
of the same entity, at least one of them marked as a part ("a further €5 billion", "the
second phase"), becomes a ``sum`` discrepancy: ``info`` when the parts add up to the total,
``warning`` when they do not.
"""

from __future__ import annotations

import re
from collections import defaultdict

from claimdiff.lexicon import EntityTable, Knowledge, Lexicon, alternation
from claimdiff.model import Claim, Discrepancy, discrepancy_id
from claimdiff.values import describe_value, format_money

LINES_AFTER = 8  # how far below a total its parts may stand
MAX_PARTS = 4
# An amount under this share of a total is no item of it: "a dividend of €1.45 per share" after
# revenue of €2.84 billion.
SMALLEST_PART = 0.001


def _part_words(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + alternation(lexicon.parts) + r")(?!\w)", re.I)


def _related(total: Claim, part: Claim, entities: EntityTable) -> bool:
    if not part.entity:
        return False
    return part.entity in entities.lineage(total.entity) or total.entity in entities.lineage(part.entity)


def _other_accounts_line(total: Claim, part: Claim, knowledge: Knowledge) -> bool:
    """Whether the two state different lines of a company's accounts (EBITDA is no item of
    revenue); within one line, or between spending words ("investment", "budget"), items are."""
    if total.metric == part.metric:
        return False
    return total.metric in knowledge.accounts or part.metric in knowledge.accounts


def _amount(claim: Claim) -> float | None:
    """What a part contributes: its upper bound when it has one ("up to €15 bn")."""
    return claim.high if claim.high is not None else claim.value


def sum_discrepancies(claims: list[Claim], names: dict[str, str], knowledge: Knowledge) -> list[Discrepancy]:
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "money" and "/" not in claim.unit and claim.entity:
            by_source[claim.source].append(claim)
    out = []
    for source in sorted(by_source):
        ordered = sorted(by_source[source], key=lambda c: (c.line, c.column))
        for index, total in enumerate(ordered):
            parts = _parts(total, ordered[index + 1 :], knowledge)
            if parts:
                out.append(_discrepancy(total, parts, names))
    return out


def _parts(total: Claim, following: list[Claim], knowledge: Knowledge) -> list[Claim]:
    """The shortest run of following amounts that reaches the total, if it is itemised."""
    parts: list[Claim] = []
    for claim in following:
        if claim.line - total.line > LINES_AFTER or len(parts) == MAX_PARTS:
            break
        if (
            not _related(total, claim, knowledge.entities)
            or claim.value >= total.value
            or claim.value < total.value * SMALLEST_PART
            or claim.sentence == total.sentence
            or _other_accounts_line(total, claim, knowledge)
        ):
            continue
        parts.append(claim)
        amounts = [_amount(p) for p in parts]
        if len(parts) >= 2 and None not in amounts and sum(amounts) >= total.value * 0.95:  # type: ignore[arg-type]
            break
    marked = any(knowledge.lexicon(p.language).compiled("parts", _part_words).search(p.sentence) for p in parts)
    return parts if len(parts) >= 2 and marked else []


def _discrepancy(total: Claim, parts: list[Claim], names: dict[str, str]) -> Discrepancy:
    added = sum(_amount(p) or 0.0 for p in parts)
    tolerance = total.precision + sum(p.precision for p in parts)
    low = (total.low if total.low is not None else total.value) - tolerance
    high = (total.high if total.high is not None else float("inf")) + tolerance
    adds_up = low <= added <= high
    code = total.unit
    itemised = " + ".join(describe_value(p) for p in parts)
    verdict = "the parts add up" if adds_up else f"the parts add up to {format_money(added, code)}, not the total"
    name = names.get(total.source, total.source)
    explanation = (
        f"{name} states {describe_value(total)} for {total.metric} of {total.entity} "
        f"and itemises it as {itemised} = {format_money(added, code)}: {verdict}."
    )
    positions = {total.id: 0} | {p.id: 1 for p in parts}
    identifier = discrepancy_id("sum", [total, *parts], positions)
    subject = {"entity": total.entity, "metric": total.metric, "period": total.period}
    return Discrepancy(
        identifier, "sum", subject, explanation, [total, *parts], positions, severity="info" if adds_up else "warning"
    )
