"""Claims that are no amounts: ranks, and the dates an event word governs.

Ranks are ordinals in digits ("3RD", "1er") or words near a rank word ("third country in the
world"); a date is a claim when an event word stands near it ("launched in January 2025").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from claimdiff.dates import TimeExpr
from claimdiff.extract.figures import _overlaps
from claimdiff.extract.mention import Mention
from claimdiff.extract.patterns import _Patterns
from claimdiff.lexicon import Lexicon, alternation
from claimdiff.numbers import WORD_RE, Figure

# How far from a date an event word may stand to make it a claim ("launched ... in 2019").
EVENT_REACH_BEFORE = 70
EVENT_REACH_AFTER = 45
# How far after an event word its object may start: "delivered 766 aircraft in 2024". Only
# things counted or measured: an amount of money after an event noun is the event's own ("une
# série C de 450 millions d'euros conclue en juillet 2024").
OBJECT_REACH = 12
_OBJECTS = ("count", "quantity")


def _ordinal_mentions(text: str, lex: Lexicon, p: _Patterns, time_spans: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for match in p.ordinal.finditer(text):
        if _overlaps(match.start(), match.end(), time_spans):
            continue
        value = Decimal(match.group(1))
        out.append(Mention(match.start(), match.end(), "rank", Figure(value, 0)))
    lexicon = lex.numbers
    if not lexicon.ordinal_words.found_in(text.lower()) or lexicon.ordinals.keys().isdisjoint(
        map(str.lower, WORD_RE.findall(text))
    ):
        return out  # no ordinal word: the common case, decided without a loop in Python
    for match in WORD_RE.finditer(text):
        word = match.group(0).lower()
        if word not in lexicon.ordinals:
            continue  # most words: decided by one look-up, before any search near them
        ranked = p.rank_context.search(text, match.end(), min(len(text), match.end() + 40))
        if ranked or edition_after(text, match.end(), lex):
            out.append(Mention(match.start(), match.end(), "rank", Figure(Decimal(lexicon.ordinals[word]), 0)))
    return out


def edition_after(text: str, end: int, lex: Lexicon) -> re.Match[str] | None:
    """The words after an ordinal that make it an edition number: an edition noun, maybe after
    the event's name ("fifth Acme Forum Summit", "4e édition"); its ``name`` group holds the
    name written between them."""

    def compile_(lexicon: Lexicon) -> re.Pattern[str]:
        editions = alternation(lexicon.grammar.ranking.editions)
        name = r"(?P<name>(?:[A-ZÀ-Þ][\w’'\-]*[ ]){1,4})"
        return re.compile(rf"[ \u00a0]+{name}?(?i:{editions})(?!\w)")

    return lex.compiled("editions", compile_).match(text, end)


def _date_between(times: list[TimeExpr], event: re.Match[str], time: TimeExpr) -> bool:
    """Whether another date stands between an event word and ``time``: the event word governs
    that nearer date ("Founded in 2009 and listed since 2015": 2015 is no founding date)."""
    low, high = (event.end(), time.start) if event.end() <= time.start else (time.end, event.start())
    return any(low <= other.start and other.end <= high for other in times if other is not time)


def _figure_object(event: re.Match[str], mentions: list[Mention]) -> bool:
    """Whether the event word's object is a figure ("Zorbix delivered 766 aircraft in 2024",
    "a lancé 3 satellites en 2023"): the year is that figure's period, not the date of an
    event of the entity's own."""
    return any(m.kind in _OBJECTS and 0 <= m.start - event.end() <= OBJECT_REACH for m in mentions)


def _date_mentions(
    text: str, lex: Lexicon, p: _Patterns, times: list[TimeExpr], mentions: list[Mention]
) -> list[Mention]:
    """A date is a claim when an event word governs it ("launched in January 2025")."""
    taken = [(m.start, m.end) for m in mentions]
    event_words = lex.events
    out = []
    for time in times:
        if _overlaps(time.start, time.end, taken):
            continue
        window_start = max(0, time.start - EVENT_REACH_BEFORE)
        best = None
        for match in p.event.finditer(text, window_start, min(len(text), time.end + EVENT_REACH_AFTER)):
            distance = time.start - match.end() if match.end() <= time.start else match.start() - time.end
            if distance >= 0 and (best is None or distance < best[0]) and not _date_between(times, match, time):
                best = (distance, match)
        if best is None or _figure_object(best[1], mentions):
            continue
        if time.relation == "since" and time.low is not None:
            # "initiated ... since 2017": the event happened in 2017.
            time = replace(time, relation="at", high=date(time.low.year, 12, 31))
        year = Decimal(time.low.year if time.low else time.high.year)  # type: ignore[union-attr]
        mention = Mention(time.start, time.end, "date", Figure(year, 0), time=time)
        mention.event = event_words.get(best[1].group(0).lower(), "date")
        qualifier = {"by": "up_to", "range": "range"}.get(time.relation, "exact")
        mention.qualifier = qualifier
        out.append(mention)
    return out
