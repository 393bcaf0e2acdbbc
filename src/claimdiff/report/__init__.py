"""Stage 6, report: one self-contained HTML page of the discrepancies and the claims.

jinja2 with autoescape and StrictUndefined renders ``templates/report.html``; every piece of
source text reaches the page through autoescaping only. The page carries a strict
Content-Security-Policy: no network, and only the inline script whose hash it names. Its
parts: ``report.cards`` (one card per set of figures, sources named by title and publisher),
``report.numberline`` (the chart's geometry and ticks) and ``report.quotes`` (plain quotes,
figures as precise as stated, the words in which descriptions differ).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources

import jinja2

from claimdiff import __version__
from claimdiff.compare import RATIO_LIMIT
from claimdiff.lexicon import Knowledge, load_knowledge
from claimdiff.normalize import MAX_RELATIVE_PRECISION
from claimdiff.pipeline import Corpus
from claimdiff.store import Ruling
from claimdiff.values import describe_original, describe_value

from .cards import Card, SourceName, build_cards, source_name

__all__ = ["render_report", "Card", "SourceName"]


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(
        lambda name: resources.files("claimdiff.templates").joinpath(name).read_text(encoding="utf-8")
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _script() -> tuple[str, str]:
    """The page's script and its hash for the Content-Security-Policy."""
    script = resources.files("claimdiff.templates").joinpath("report.js").read_text(encoding="utf-8")
    return script, base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def _parameters(knowledge: Knowledge) -> dict[str, str]:
    """How claims were compared, in words, for the overview."""
    money = knowledge.lexicon(knowledge.settings.output_language).currencies
    return {
        "base currency": money.base,
        "FX": "ECB reference rate of the claim's period end, else of the source's published date; "
        f"converted amounts widened by ±{money.fx_uncertainty:.0%}",
        "precision": f"half a unit of the last stated digit, at most ±{MAX_RELATIVE_PRECISION:.0%}; "
        "figures are shown with the digits their source states",
        "pairing": "same metric, entity (or the entity it is part of), topic and period; "
        f"values within ×{RATIO_LIMIT:g}",
        "descriptions": "facts read as attribute and value (founding year, headquarters, leaders, "
        "speciality...); flagged only when two values cannot both hold; marked words are the values",
    }


def render_report(corpus: Corpus, timestamp: bool = False, orphans: Sequence[Ruling] = ()) -> str:
    """The report page for an analysed corpus (``orphans``: rulings that match no discrepancy)."""
    knowledge = corpus.knowledge or load_knowledge()
    names = {s.path: source_name(s) for s in corpus.sources}
    counts = Counter(c.source for c in corpus.claims)
    script, digest = _script()

    def stop_words(language: str) -> frozenset[str]:
        return knowledge.lexicon(language).function_words.stop if language in knowledge.languages else frozenset()

    cards = build_cards(corpus.discrepancies, names, describe_value, describe_original, stop_words)
    template = _environment().get_template("report.html")
    return template.render(
        version=__version__,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") if timestamp else "",
        sources=[{"name": names[s.path], "claims": counts.get(s.path, 0)} for s in corpus.sources],
        names=names,
        cards=cards,
        discrepancies=len(corpus.discrepancies),
        claims=sorted(corpus.claims, key=lambda c: c.reading_order),
        describe=describe_value,
        terms=search_terms,
        by_kind=sorted(Counter(d.kind for d in corpus.discrepancies).items()),
        by_severity=sorted(Counter(d.severity for d in corpus.discrepancies).items()),
        script=script,
        script_hash=digest,
        parameters=_parameters(knowledge),
        warnings=corpus.warnings,
        orphans=orphans,
    )


def search_terms(card: Card) -> str:
    """What search matches beyond a card's visible text: subject, ids and source names."""
    words: list[str] = [card.d.subject.get("entity", ""), card.d.subject.get("metric", ""), *card.ids]
    for quote in card.quotes:
        words += [quote.source.title, quote.source.publisher, quote.source.file]
    return " ".join(dict.fromkeys(w for w in words if w))
