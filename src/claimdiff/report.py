"""Stage 6, report: one self-contained HTML page of the discrepancies and the claims.

jinja2 with autoescape and StrictUndefined renders ``templates/report.html``; every piece of
source text reaches the page through autoescaping only. The page carries a strict
Content-Security-Policy: no network, and only the inline script whose hash it names.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import jinja2

from claimdiff import __version__
from claimdiff.compare import RATIO_LIMIT
from claimdiff.descriptions import SIMILARITY_THRESHOLD
from claimdiff.lexicon import load_knowledge
from claimdiff.model import Claim, Discrepancy
from claimdiff.normalize import MAX_RELATIVE_PRECISION
from claimdiff.pipeline import Corpus, source_name
from claimdiff.values import describe_original, describe_value

WIDTH, LEFT, RIGHT, ROW = 640, 150, 20, 26


@dataclass(frozen=True)
class Segment:
    """One claim drawn on a number line (SVG user units)."""

    y: float
    x1: float
    x2: float
    cx: float
    open_low: bool
    open_high: bool
    position: int
    label: str
    value: str


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


def number_line(d: Discrepancy, names: dict[str, str]) -> dict[str, Any] | None:
    """Geometry of a discrepancy's number line, or None when it has no numbers to draw."""
    claims = [c for c in d.claims if c.kind != "description"]
    if not claims:
        return None
    points = [v for c in claims for v in (c.low, c.high, c.value) if v is not None and math.isfinite(v)]
    low, high = min(points), max(points)
    log = low > 0 and high / low > 100
    if high == low:
        low, high = low - abs(low) * 0.1 - 1, high + abs(high) * 0.1 + 1
    pad = (math.log10(high) - math.log10(low)) * 0.08 if log else (high - low) * 0.08
    lo_edge = math.log10(low) - pad if log else low - pad
    hi_edge = math.log10(high) + pad if log else high + pad

    def x(value: float) -> float:
        v = math.log10(value) if log else value
        return round(LEFT + (v - lo_edge) / (hi_edge - lo_edge) * (WIDTH - LEFT - RIGHT), 1)

    segments = []
    for row, claim in enumerate(claims):
        x1 = x(claim.low) if claim.low is not None else LEFT
        x2 = x(claim.high) if claim.high is not None else WIDTH - RIGHT
        segments.append(
            Segment(
                y=row * ROW + 20,
                x1=x1,
                x2=x2,
                cx=x(claim.value),
                open_low=claim.low is None,
                open_high=claim.high is None,
                position=d.positions.get(claim.id, 0),
                label=f"{names.get(claim.source, claim.source)}:{claim.line}",
                value=describe_value(claim),
            )
        )
    sample = claims[0]
    ticks = [{"x": x(v), "label": _tick_label(sample, v)} for v in sorted({low, high}) if v > 0 or not log]
    return {
        "segments": segments,
        "height": len(claims) * ROW + 40,
        "width": WIDTH,
        "log": log,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "ticks": ticks,
    }


def _tick_label(sample: Claim, value: float) -> str:
    from claimdiff.values import bare_value

    return bare_value(sample, value)


def split_quote(claim: Claim) -> tuple[str, str, str]:
    """The claim's sentence cut around its figure, for highlighting."""
    text = " ".join(claim.text.split())
    at = claim.sentence.find(text)
    if at < 0:
        return claim.sentence, "", ""
    return claim.sentence[:at], text, claim.sentence[at + len(text) :]


def render_report(corpus: Corpus, timestamp: bool = False) -> str:
    """The report page for an analysed corpus."""
    names = corpus.names
    knowledge = corpus.knowledge or load_knowledge()
    money = knowledge.lexicon(knowledge.settings.output_language).currencies
    counts = Counter(c.source for c in corpus.claims)
    titles = {s.path: s.metadata.get("title", "") for s in corpus.sources}
    script = resources.files("claimdiff.templates").joinpath("report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    by_kind = Counter(d.kind for d in corpus.discrepancies)
    by_severity = Counter(d.severity for d in corpus.discrepancies)
    cards = [
        {
            "d": d,
            "order": order,
            "line": number_line(d, names),
            "quotes": [
                {
                    "claim": c,
                    "parts": split_quote(c),
                    "name": names.get(c.source, c.source),
                    "title": titles.get(c.source, ""),
                    "value": describe_value(c),
                    "original": describe_original(c),
                    "highlights": d.highlights.get(c.id, []),
                }
                for c in d.claims
            ],
        }
        for order, d in enumerate(corpus.discrepancies)
    ]
    template = _environment().get_template("report.html")
    return template.render(
        version=__version__,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") if timestamp else "",
        sources=[{"s": s, "name": source_name(s), "claims": counts.get(s.path, 0)} for s in corpus.sources],
        cards=cards,
        claims=sorted(corpus.claims, key=lambda c: c.reading_order),
        names=names,
        describe=describe_value,
        by_kind=sorted(by_kind.items()),
        by_severity=sorted(by_severity.items()),
        script=script,
        script_hash=digest,
        parameters={
            "base currency": money.base,
            "FX": "ECB reference rate of the claim's period end, else of the source's published date; "
            f"converted amounts widened by ±{money.fx_uncertainty:.0%}",
            "precision": f"half a unit of the last stated digit, at most ±{MAX_RELATIVE_PRECISION:.0%}",
            "pairing": "same metric, entity (or the entity it is part of), topic and period; "
            f"values within ×{RATIO_LIMIT:g}",
            "descriptions": f"diverge below {SIMILARITY_THRESHOLD:.0%} shared content words",
        },
        warnings=corpus.warnings,
    )
