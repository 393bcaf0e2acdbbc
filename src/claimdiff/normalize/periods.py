"""The period each figure of a sentence is about, and the day its money is converted at."""

from __future__ import annotations

import bisect
import re
from datetime import date

from claimdiff.dates import TimeExpr
from claimdiff.extract import Mention
from claimdiff.lexicon import Lexicon, alternation


def _period_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a preposition ending the text before a date, a clause break between figure and date)."""
    grammar = lexicon.grammar
    preposition = re.compile(rf"\b(?:{alternation(grammar.period_prepositions)})[ \u00a0]*$", re.I)
    clause_break = re.compile(rf"[;(]|{alternation(grammar.clause_breaks)}", re.I)
    return preposition, clause_break


def periods_of(
    mentions: list[Mention], times: list[TimeExpr], sentence: str, lexicon: Lexicon
) -> list[TimeExpr | None]:
    """The time expression each figure is about.

    A parenthesis right after a figure wins ("21,3 g (2024)"); otherwise each time expression
    belongs to the figure nearest to it ("13TH place in 2023 to 5TH place in 2024"), and a
    figure that owns none takes the nearest expression in its sentence ("In 2024, ... €1.9 bn").
    """

    preposition, clause_break = lexicon.compiled("periods", _period_patterns)

    def distance(m: Mention, t: TimeExpr) -> float:
        gap = m.start - t.end if t.end <= m.start else t.start - m.end
        if t.end <= m.start and t.start > 15 and preposition.search(sentence[: t.start]):
            gap += 30  # "place in 2023 to 5TH place": "in 2023" modifies what precedes it
        between = sentence[min(t.end, m.end) : max(t.start, m.start)]
        # A clause boundary between figure and date weakens the link.
        return gap + 40 * len(clause_break.findall(between))

    claims = [m for m in mentions if m.kind != "date"]
    usable = [t for t in times if not any(t.start < m.end and m.start < t.end for m in _near(claims, t))]
    owner: dict[int, Mention] = {}
    for time in usable:
        neighbours = _near(claims, time)
        if neighbours:
            owner[id(time)] = min(neighbours, key=lambda m: distance(m, time))
    out: list[TimeExpr | None] = []
    for mention in mentions:
        if mention.kind == "date":
            out.append(mention.time)
            continue
        after = sentence[mention.end : mention.end + 3]
        nearby = _near(usable, mention)
        tight = [t for t in nearby if "(" in after and 0 <= t.start - mention.end <= 3]
        owned = [t for t in usable if owner.get(id(t)) is mention]
        pool = tight or owned or nearby
        out.append(min(pool, key=lambda t: distance(mention, t)) if pool else None)
    return out


def _near(items: list, anchor: Mention | TimeExpr) -> list:  # type: ignore[type-arg]
    """The items (sorted by start) just before and just after ``anchor``, and any overlapping it."""
    starts = [item.start for item in items]
    index = bisect.bisect_left(starts, anchor.start)
    return items[max(0, index - 2) : index + 2]


def fx_day(period: TimeExpr | None, published: date | None) -> date | None:
    if period is not None and period.relation in ("at", "range") and period.high is not None:
        return period.high if published is None or period.high < published else published
    if published is not None:
        return published
    if period is not None:
        return period.high or period.low
    return None


def years_spoken_of(text: str) -> tuple[int, ...]:
    """The years a text names (1999, the euro's first, onwards), in order.

    >>> years_spoken_of("In 2018 and 2021, then 2018 again; 1850 is history.")
    (2018, 2021)
    """
    return tuple(sorted({int(y) for y in re.findall(r"(?<!\d)((?:199|20[0-9])[0-9])(?!\d)", text) if int(y) >= 1999}))
