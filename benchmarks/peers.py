"""Score claimdiff on the public conformance suites of peer extractors (shared/peer-specs).

In scope (issue 10): every expected result with a numeric value and a currency, a percent, or
a unit pint knows, whether or not claimdiff's tables list it (a microgram, a km/h or a metric
tonne is in scope). A suite's unit name is read through the glue tables below, else as an ISO
4217 currency name CLDR knows (English or French), else as a pint unit name. Left out, with the
reason: results with no numeric value, bare numbers, and names neither CLDR nor pint reads.
Scores: recall of "value" and of "value + unit", and the share of claimdiff's claims in those
sentences that match an expected result (precision). A claim matches a result by any figure it
states as written: its value; a range's low end and midpoint (quantulum3 gives ranges as their
midpoint); each part of a quantity written in two units ("12 m 2 dm", which claimdiff reads as
one length, 12.2 m, where the suites give each part).

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

from claimdiff.extract import extract_mentions  # noqa: E402
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
    # The French suite's names, and currencies CLDR names otherwise ("Dutch Guilder").
    "Dollar États-Unis": "USD",
    "Yuan Chinois": "CNY",
    "Livre": "GBP",  # every "Livre" of the French suite is written with "£"
    "Peseta": "ESP",
    "Netherlands guilder": "NLG",
    "Lao kip": "LAK",
    # quantulum3's names.
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
}
# Sub-units: the suite gives "470 pence" as 470 Pence; in the currency, 4.70 GBP. Left out: the
# sub-units several currencies share with no hint in the text ("centimes", "sen").
SUBUNITS = {
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    "penny": ("GBP", 0.01),
    "Cent": ("USD", 0.01),
    "cent": ("USD", 0.01),
    "dime": ("USD", 0.1),
    "Pesewa": ("GHS", 0.01),
}
# Names shared by several currencies: no single reading to score ("Franc", "Rupee").
AMBIGUOUS_CURRENCIES = {"Franc", "Rupee", "Roupie", "Centimes", "Sen"}
# French unit words, word by word, to pint's names (benchmark glue for the French suite).
FRENCH_UNIT_WORDS = {
    "mètre": "meter",
    "metre": "meter",
    "gramme": "gram",
    "tonne": "tonne",
    "litre": "liter",
    "pied": "foot",
    "pouce": "inch",
    "once": "ounce",
    "livre": "pound",
    "mile": "mile",
    "heure": "hour",
    "seconde": "second",
    "minute": "minute",
    "jour": "day",
    "semaine": "week",
    "an": "year",
    "année": "year",
    "mois": "month",
    "hectare": "hectare",
    "acre": "acre",
    "gallon": "gallon",
    "baril": "oil_barrel",
    "watt": "watt",
    "octet": "byte",
    "degré": "degree",
    "tour": "turn",
}
FRENCH_PREFIXES = ("kilo", "hecto", "déca", "déci", "centi", "milli", "micro", "nano", "méga", "giga", "téra")
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
    "degree Celsius": "degree_Celsius",
    "degree celsius": "degree_Celsius",
    "degree fahrenheit": "degree_Fahrenheit",
    "degree Fahrenheit": "degree_Fahrenheit",
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
    # quantulum3's "ton" is the short ton; claimdiff reads an English "ton" as the tonne, as the
    # glue above reads Recognizers-Text's "Ton" (so "4,500 tpd" is 4,500 tonnes a day).
    "ton per day": "tonne / day",
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


def money_unit(name: str, value: float) -> tuple[float, str] | None:
    """(value, unit) of a suite's money result: a currency, a sub-unit, or money per unit
    ("dollar per hour" is USD / hour)."""
    if name in SUBUNITS:
        code, factor = SUBUNITS[name]
        return value * factor, code
    code = currency_code(name)
    if code is not None:
        return value, code
    head, per, tail = name.partition(" per ")
    denominator = pint_unit(tail) if per else None
    if per and currency_code(head) and denominator:
        return value, f"{currency_code(head)} / {denominator}"
    return None


def french_unit(name: str) -> str | None:
    """A French unit name ("Kilomètres carrés", "Miles par heure") as a pint expression."""
    words = name.lower().replace("métrique", "").split()
    out: list[str] = []
    for word in words:
        if word in ("carré", "carrés", "cube", "cubes"):
            if not out:
                return None
            out[-1] += " ** 2" if word.startswith("carr") else " ** 3"
            continue
        if word == "par":
            out.append("/")
            continue
        singular = word[:-1] if word.endswith("s") and word[:-1] in FRENCH_UNIT_WORDS else word
        prefix = next((p for p in FRENCH_PREFIXES if singular.startswith(p) and singular != p), "")
        base = FRENCH_UNIT_WORDS.get(singular[len(prefix) :]) or FRENCH_UNIT_WORDS.get(
            singular[len(prefix) :].rstrip("s")
        )
        if base is None:
            return None
        out.append(prefix.replace("é", "e") + base)
    return " ".join(out) or None


def pint_unit(name: str) -> str | None:
    """The suite's unit name as a pint unit: the glue table, else whatever pint parses."""
    if name in DIMENSION_NAMES:
        return DIMENSION_NAMES[name]
    lower = name.lower().strip()
    if not lower or lower in ("dimensionless", "percentage"):
        return None
    french = french_unit(name)
    if french is not None:
        return french
    inverse = "1 / " + lower.removeprefix("inverse ") if lower.startswith("inverse ") else lower
    # pint's names keep their capitals ("degree_Celsius"), so the name as written comes first.
    spelled = (name.strip().replace(" ", "_"), inverse, lower.replace(" per ", " / "), lower.replace(" ", "_"))
    for candidate in (*spelled, lower.rstrip("s"), lower.replace("-mass", "")):
        try:
            unit = registry().parse_units(candidate)
        except Exception:  # pint raises several error classes for an unknown name
            continue
        if str(unit) != "dimensionless":
            return str(unit)
    return None


def _with_unit(value: float, unit: str | None) -> tuple[float, str] | None:
    return None if unit is None else (value, unit)


def _claims(text: str, language: str) -> list[Claim]:
    return claims_of(build_source("peer.txt", text, KNOWLEDGE, {"language": language}), KNOWLEDGE)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _written_values(claim: Claim) -> list[float]:
    """The figures a claim states, as written: its value, and for a range its low end and its
    midpoint (quantulum3 gives a range as its midpoint, "3.5–4.0 TeV" as 3.75 TeV)."""
    value = claim.original.get("value")
    if not isinstance(value, (int, float)):
        return []
    out = [float(value)]
    if claim.qualifier == "range" and claim.fx is None and claim.low is not None and claim.high is not None:
        low = _low_as_written(claim, float(value))
        out += [low, (low + float(value)) / 2]
    return out


def _parts_as_written(claim: Claim) -> list[tuple[float, str]]:
    """The parts of a quantity written in two units, each as written ("12 m 2 dm" states 12 m
    and 2 dm; claimdiff's claim is their sum, 12.2 m): read again from the claim's surface."""
    if claim.kind != "quantity" or not claim.text:
        return []
    for mention in extract_mentions(claim.text, KNOWLEDGE.lexicon(claim.language or "en")):
        if mention.addends and mention.unit is not None:
            first = (float(mention.figure.value), mention.unit.pint)
            return [first, *((float(figure.value), unit.pint) for figure, unit in mention.addends)]
    return []


def _low_as_written(claim: Claim, value: float) -> float:
    """A range's low end in the unit it is written in: through pint (offset units such as °C, a
    top of 0 as in "-78-0 °C"), else in proportion to the top."""
    assert claim.low is not None and claim.high is not None
    try:
        return float(registry().Quantity(claim.low, claim.unit).to(str(claim.original.get("unit"))).magnitude)
    except Exception:  # pint raises several error classes for a unit it cannot convert
        return value * claim.low / claim.high if claim.high else value


def _as(claim: Claim, unit: str) -> list[float]:
    """The claim's figures as written, expressed in ``unit`` (none if not convertible)."""
    written = str(claim.original.get("unit", ""))
    return [
        v * factor
        for values, part_unit in [(_written_values(claim), written), *(([v], u) for v, u in _parts_as_written(claim))]
        if (factor := _factor(part_unit, unit)) is not None
        for v in values
    ]


def _factor(written: str, unit: str) -> float | None:
    """What a figure in ``written`` is multiplied by to be in ``unit`` (None if it cannot be)."""
    if written == unit:
        return 1.0
    try:
        return float(registry().Quantity(1.0, written).to(unit).magnitude)
    except Exception:  # pint raises several error classes for a unit it cannot convert
        return None


LEFT_OUT_SHOWN = 3


class Score:
    def __init__(self, name: str) -> None:
        self.name = name
        self.expected = self.value_hits = self.unit_hits = self.ours = self.ours_matching = 0
        self.skipped: Counter[str] = Counter()
        self.misses: list[str] = []

    def left_out(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.skipped.most_common(LEFT_OUT_SHOWN))

    def row(self) -> str:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:5.1f}%" if d else "   n/a"

        return (
            f"{self.name:34} {self.expected:5} in scope  value {pct(self.value_hits, self.expected)}  "
            f"value+unit {pct(self.unit_hits, self.expected)}  precision {pct(self.ours_matching, self.ours)}  "
            f"left out: {sum(self.skipped.values())} ({self.left_out()})"
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
            if any(_same(written, value) for written in _written_values(claim)):
                value_hit = True
                matched.add(claim.id)
            if any(_same(converted, value) for converted in _as(claim, unit)):
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
            if model == "Currency" and name in AMBIGUOUS_CURRENCIES:
                score.skipped[f"ambiguous {name}"] += 1
                continue
            reading = money_unit(name, value) if model == "Currency" else _with_unit(value, pint_unit(name))
            if reading is None:
                score.skipped[f"unit {name or '?'}"] += 1
                continue
            expected.append(reading)
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
            value = float(result["value"])
            reading = money_unit(name, value) or _with_unit(value, pint_unit(name))
            if reading is None:
                score.skipped[f"unit {result.get('unit')}"] += 1
                continue
            expected.append(reading)
        if expected:
            score_case(score, case["req"], "en", expected, ("money", "quantity", "percent"))
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--specs", type=Path, default=ROOT.parent / "shared" / "peer-specs")
    parser.add_argument("--misses", action="store_true", help="print each in-scope case missed")
    args = parser.parse_args()
    global LEFT_OUT_SHOWN
    LEFT_OUT_SHOWN = 100 if args.misses else 3
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
