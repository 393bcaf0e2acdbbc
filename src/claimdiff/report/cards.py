"""The report's cards: one per set of figures, with its sources named as people name them.

A ``sum`` whose parts add up explains figures rather than flags them: when another
discrepancy already shows the same figures (it holds the sum's total, or every figure of the
sum from the same source), the sum folds into that card instead of repeating them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from claimdiff.model import Claim, Discrepancy
from claimdiff.sources import Source

from .numberline import NumberLine, number_line
from .quotes import Word, differing_words, split_quote


@dataclass(frozen=True)
class SourceName:
    """How the page names a source: title and publisher when ``sources.toml`` gives them."""

    path: str
    title: str = ""
    publisher: str = ""
    url: str = ""  # only http(s): a link the page can safely offer
    published: str = ""
    language: str = ""

    @property
    def file(self) -> str:
        return Path(self.path).name

    @property
    def label(self) -> str:
        """``Title — Publisher``, either one alone, or the file name when neither is known."""
        return " — ".join(p for p in (self.title, self.publisher) if p) or self.file

    @property
    def short(self) -> str:
        """A few words for a chart's row: the publisher, else the title, else the file name."""
        return self.publisher or self.title or self.file


def source_name(source: Source) -> SourceName:
    meta = source.metadata
    url = str(meta.get("url", "")).strip()
    return SourceName(
        path=source.path,
        title=str(meta.get("title", "")).strip(),
        publisher=str(meta.get("publisher", "")).strip(),
        url=url if urlsplit(url).scheme in ("http", "https") else "",
        published=source.published,
        language=source.language,
    )


@dataclass(frozen=True)
class Quote:
    claim: Claim
    source: SourceName
    position: int
    parts: tuple[str, str, str]  # the sentence before the figure, the figure, after it
    value: str  # normalized, as precise as stated
    original: str  # as written
    words: list[Word]  # a description, its differing words marked


@dataclass
class Card:
    """One card: a discrepancy, the sums folded into it, and what its page section shows."""

    d: Discrepancy
    order: int
    line: NumberLine | None
    quotes: list[Quote]
    folded: list[Card] = field(default_factory=list)  # sums shown with these figures

    @property
    def kinds(self) -> list[str]:
        return sorted({self.d.kind, *(f.d.kind for f in self.folded)})

    @property
    def ids(self) -> list[str]:
        return [self.d.id, *(f.d.id for f in self.folded)]


def build_cards(
    discrepancies: list[Discrepancy],
    names: dict[str, SourceName],
    describe: Callable[[Claim], str],
    original: Callable[[Claim], str],
    stop_words: Callable[[str], frozenset[str]],
) -> list[Card]:
    """The cards in the order of ``discrepancies`` (most severe first), sums folded in."""
    hosts = fold_sums(discrepancies)
    cards: dict[str, Card] = {}
    for d in discrepancies:
        words = (
            differing_words(d.claims, d.positions, stop_words, d.subject.get("entity", ""))
            if d.kind == "description"
            else {}
        )
        quotes = [
            Quote(
                claim=c,
                source=names.get(c.source) or SourceName(c.source),
                position=d.positions.get(c.id, 0),
                parts=split_quote(c),
                value=describe(c),
                original=original(c),
                words=words.get(c.id, []),
            )
            for c in d.claims
        ]
        line = None if d.id in hosts else number_line(d.claims)
        cards[d.id] = Card(d, len(cards), line, quotes)
    for folded, host in hosts.items():
        cards[host].folded.append(cards.pop(folded))
    shown = list(cards.values())
    for order, card in enumerate(shown):
        card.order = order
    return shown


def fold_sums(discrepancies: list[Discrepancy]) -> dict[str, str]:
    """Sum id -> the id of the card it folds into, for each sum that adds up and whose figures
    another discrepancy shows already (the most severe such one)."""
    hosts = {}
    others = [d for d in discrepancies if d.kind != "sum"]
    for d in discrepancies:
        if d.kind != "sum" or d.severity != "info":
            continue
        total = d.claims[0]
        figures = {(c.source, c.value) for c in d.claims}
        for other in others:
            shown = {(c.source, c.value) for c in other.claims}
            if total.id in {c.id for c in other.claims} or figures <= shown:
                hosts[d.id] = other.id
                break
    return hosts
