"""What one claim found in a sentence records (:class:`Mention`), and the kinds of claims.

Its own module so that the parts that build mentions (the scanner, ranks and dates) share it
without importing the package that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdiff.dates import TimeExpr
from claimdiff.lexicon import CurrencySurface, UnitSurface
from claimdiff.numbers import Figure

KINDS = ("money", "quantity", "percent", "count", "rank", "date")
# The flag of a figure written in words ("deux milliards"): a round figure, read more loosely.
WRITTEN_IN_WORDS = "written in words"


@dataclass
class Mention:
    """A claim as written in one sentence (offsets are relative to the sentence)."""

    start: int
    end: int
    kind: str
    figure: Figure
    low_figure: Figure | None = None
    # The low end's own scale when it differs from the figure's ("500,000 to 1.2 million").
    low_scale: float | None = None
    qualifier: str = "exact"
    scale: float = 1.0
    currency: CurrencySurface | None = None
    unit: UnitSurface | None = None
    per: UnitSurface | None = None
    substance: str = ""
    noun: str = ""
    time: TimeExpr | None = None
    event: str = ""
    flags: list[str] = field(default_factory=list)
    # Smaller units added to the figure: "5 feet 2 inches" is 5 feet plus (2, inch).
    addends: list[tuple[Figure, UnitSurface]] = field(default_factory=list)
