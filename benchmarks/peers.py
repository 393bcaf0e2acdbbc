"""Score claimdiff on the public conformance suites of peer extractors (shared/peer-specs).

In scope (issue 10): every expected result with a numeric value and a currency, a percent, or
a unit pint knows, whether or not claimdiff's tables list it (a microgram, a km/h or a metric
tonne is in scope). A suite's unit name is read through the glue tables below, else as an ISO
4217 currency name CLDR knows (English or French), else as a pint unit name. Left out, with the
reason: results with no numeric value, bare numbers, and names neither CLDR nor pint reads.
Scores: recall of "value" and of "value + unit", and the share of claimdiff's claims in those
sentences that match an expected result (precision).

    python benchmarks/peers.py [--specs ../shared/peer-specs]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimdiff.lexicon import load_knowledge  # noqa: E402
from claimdiff.normalize import Claim, claims_of, registry  # noqa: E402
from claimdiff.sources import build_source  # noqa: E402

KNOWLEDGE = load_knowledge()

# The suites' unit names, in pint's or ISO 4217's terms (benchmark glue, not product data).
CURRENCY_NAMES = {
    "Dollar": "USD",
    "United States dollar": "USD",
    "Euro": "EUR",
    "British pound": "GBP",
    "Pound": "GBP",
    "Japanese yen": "JPY",
    "Yen": "JPY",
    "Swiss franc": "CHF",
    "Chinese yuan": "CNY",
    "Canadian dollar": "CAD",
    "Swedish krona": "SEK",
}
DIMENSION_NAMES = {
    "Kilometer": "kilometer",
    "Meter": "meter",
    "Watt": "watt",
    "Kilowatt": "kilowatt",
    "Megawatt": "megawatt",
    "Gigawatt": "gigawatt",
    "Hour": "hour",
    "Minute": "minute",
    "Second": "second",
    "Millisecond": "millisecond",
    "Day": "day",
    "Week": "week",
    "Month": "month",
    "Year": "year",
    "Hectare": "hectare",
    "Square meter": "meter ** 2",
    "Square kilometer": "kilometer ** 2",
    "Gram": "gram",
    "Kilogram": "kilogram",
    "Ton": "tonne",
    "Metric ton": "tonne",
    "Byte": "byte",
    "Kilobyte": "kilobyte",
    "Megabyte": "megabyte",
    "Gigabyte": "gigabyte",
    "Terabyte": "terabyte",
    "metre": "meter",
    "kilometre": "kilometer",
    "watt": "watt",
    "kilowatt": "kilowatt",
    "megawatt": "megawatt",
    "gigawatt": "gigawatt",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hectare": "hectare",
    "gram": "gram",
    "kilogram": "kilogram",
    "tonne": "tonne",
    "watt hour": "watt_hour",
    "kilowatt hour": "kilowatt_hour",
    "megawatt hour": "megawatt_hour",
    "gigawatt hour": "gigawatt_hour",
    "terawatt hour": "terawatt_hour",
    "percentage": "percent",
    "Foot": "foot",
    "Mile": "mile",
    "Inch": "inch",
    "Pound": "pound",
    "Ounce": "ounce",
    "Gallon": "gallon",
    "Barrel": "oil_barrel",
    "Acre": "acre",
    "Liter": "liter",
    "Milliliter": "milliliter",
    "Cubic foot": "foot ** 3",
    "Bit": "bit",
    "Pied": "foot",
    "Mètre": "meter",
    "Kilomètre": "kilometer",
    "Litre": "liter",
    "Millilitre": "milliliter",
    "Kilogramme": "kilogram",
    "Gramme": "gram",
    "Tonne": "tonne",
    "Heure": "hour",
    "Jour": "day",
    "Semaine": "week",
    "Mois": "month",
    "Année": "year",
    "An": "year",
    "Pouce": "inch",
    "Once": "ounce",
    "Baril": "oil_barrel",
    "mile": "mile",
    "foot": "foot",
    "inch": "inch",
    "pound": "pound",
    "gallon": "gallon",
    "acre": "acre",
    "litre": "liter",
    "ounce": "ounce",
}


def _currency_names() -> dict[str, str]:
    """Every ISO 4217 currency's CLDR name, singular and plural, English and French, lower-cased."""
    from babel.numbers import get_currency_name, list_currencies

    names: dict[str, str] = {}
    for code in sorted(list_currencies()):
        for locale in ("en", "fr"):
            for count in (1, 2):
                names.setdefault(get_currency_name(code, count=count, locale=locale).lower(), code)
    return names


CLDR_CURRENCIES = _currency_names()


def currency_code(name: str) -> str | None:
    return CURRENCY_NAMES.get(name) or CLDR_CURRENCIES.get(name.lower())


def pint_unit(name: str) -> str | None:
    """The suite's unit name as a pint unit: the glue table, else whatever pint parses."""
    if name in DIMENSION_NAMES:
        return DIMENSION_NAMES[name]
    lower = name.lower().strip()
    if not lower or lower in ("dimensionless", "percentage"):
        return None
    for candidate in (lower, lower.replace(" per ", " / "), lower.replace(" ", "_"), lower.rstrip("s")):
        try:
            unit = registry().parse_units(candidate)
        except Exception:  # pint raises several error classes for an unknown name
            continue
        if str(unit) != "dimensionless":
            return str(unit)
    return None


def _claims(text: str, language: str) -> list[Claim]:
    return claims_of(build_source("peer.txt", text, KNOWLEDGE, {"language": language}), KNOWLEDGE)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _as(claim: Claim, unit: str) -> float | None:
    """The claim's figure as written, expressed in ``unit`` (None if not convertible)."""
    value, written = claim.original.get("value"), str(claim.original.get("unit", ""))
    if not isinstance(value, (int, float)):
        return None
    if written == unit:
        return float(value)
    try:
        return float(registry().Quantity(float(value), written).to(unit).magnitude)
    except Exception:
        return None


class Score:
    def __init__(self, name: str) -> None:
        self.name = name
        self.expected = self.value_hits = self.unit_hits = self.ours = self.ours_matching = 0
        self.skipped: Counter[str] = Counter()
        self.misses: list[str] = []

    def row(self) -> str:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:5.1f}%" if d else "   n/a"

        return (
            f"{self.name:34} {self.expected:5} in scope  value {pct(self.value_hits, self.expected)}  "
            f"value+unit {pct(self.unit_hits, self.expected)}  precision {pct(self.ours_matching, self.ours)}  "
            f"left out: {sum(self.skipped.values())} ({', '.join(f'{k} {v}' for k, v in self.skipped.most_common(3))})"
        )


def score_case(
    score: Score, text: str, language: str, expected: list[tuple[float, str]], kinds: tuple[str, ...]
) -> None:
    claims = [c for c in _claims(text, language) if c.kind in kinds]
    matched: set[str] = set()
    for value, unit in expected:
        score.expected += 1
        value_hit = unit_hit = False
        for claim in claims:
            written = claim.original.get("value")
            if isinstance(written, (int, float)) and _same(float(written), value):
                value_hit = True
                matched.add(claim.id)
            converted = _as(claim, unit)
            if converted is not None and _same(converted, value):
                value_hit = unit_hit = True
                matched.add(claim.id)
        score.value_hits += value_hit
        score.unit_hits += unit_hit
        if not unit_hit:
            found = "; ".join(f"{c.original.get('value')} {c.original.get('unit')}" for c in claims)
            score.misses.append(f"{text!r}\n    expected {value:g} {unit}; found [{found}]")
    score.ours += len(claims)
    score.ours_matching += len(matched)


def recognizers(specs: Path, model: str, language: str) -> Score:
    score = Score(f"Recognizers-Text {model} ({language})")
    path = (
        specs / "recognizers-text" / f"NumberWithUnit-{'English' if language == 'en' else 'French'}-{model}Model.json"
    )
    if model == "Percent":
        path = specs / "recognizers-text" / f"Number-{'English' if language == 'en' else 'French'}-PercentModel.json"
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        expected = []
        for result in case.get("Results", []):
            resolution = result.get("Resolution") or {}
            raw, name = resolution.get("value"), resolution.get("unit", "")
            if model == "Percent":
                name, raw = "percentage", str(raw or "").rstrip("%")
            try:
                value = float(raw)
            except (TypeError, ValueError):
                score.skipped["no numeric value"] += 1
                continue
            unit = currency_code(name) if model == "Currency" else pint_unit(name)
            if unit is None:
                score.skipped[f"unit {name or '?'}"] += 1
                continue
            expected.append((value, unit))
        if expected:
            kinds = {"Currency": ("money",), "Dimension": ("quantity",), "Percent": ("percent",)}[model]
            score_case(score, case["Input"], language, expected, kinds)
    return score


def quantulum(specs: Path) -> Score:
    score = Score("quantulum3 quantities (en)")
    for case in json.loads((specs / "quantulum3" / "quantities.json").read_text(encoding="utf-8")):
        expected = []
        for result in case.get("res", []):
            name = result.get("unit", "")
            unit = currency_code(name) or pint_unit(name)
            if name in ("dollar", "euro", "pound sterling"):
                unit = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP"}[name]
            if unit is None:
                score.skipped[f"unit {result.get('unit')}"] += 1
                continue
            expected.append((float(result["value"]), unit))
        if expected:
            score_case(score, case["req"], "en", expected, ("money", "quantity", "percent"))
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--specs", type=Path, default=ROOT.parent / "shared" / "peer-specs")
    parser.add_argument("--misses", action="store_true", help="print each in-scope case missed")
    args = parser.parse_args()
    scores = [
        recognizers(args.specs, model, language)
        for model in ("Currency", "Dimension", "Percent")
        for language in ("en", "fr")
    ]
    scores.append(quantulum(args.specs))
    for score in scores:
        print(score.row())
    if args.misses:
        for score in scores:
            print(f"\n## {score.name}: {len(score.misses)} missed")
            for miss in score.misses:
                print(miss)


if __name__ == "__main__":
    main()
