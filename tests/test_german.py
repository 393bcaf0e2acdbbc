"""German, the third language: it comes in as data files alone (``data/de/``).

One case table of German news sentences, grouped like ``test_extract.py``: money, percent,
quantities with units, counts, qualifiers and ranges, number words, dates and periods, and
sentences that hold no claim. Every sentence was written for this file in the style of German
business and policy news; none is taken from the seeds or from a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from claimdiff.normalize import Claim
from claimdiff.pipeline import analyse_source, load_corpus
from claimdiff.sources import build_source, split_sentences
from claimdiff.subjects import find_entities

from .conftest import KNOWLEDGE, claims_in


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    surface: str  # the claim's exact text
    kind: str
    value: str | None  # Decimal string in the canonical unit; None for dates (checked by period)
    unit: str
    qualifier: str = "exact"
    low: str | None = "="  # "=" means: same as value
    high: str | None = "="
    period: str | None = None
    noun: str | None = None  # the counted noun, for counts
    event: str | None = None  # the event metric, for dates


MONEY = [
    Case(
        id="money-milliarden-euro",
        text="Der Konzern investiert 1,5 Milliarden Euro in ein neues Werk.",
        surface="1,5 Milliarden Euro",
        kind="money",
        value="1.5e9",
        unit="EUR",
    ),
    Case(
        id="money-mrd-dot-symbol",
        text="Das Paket umfasst 2,3 Mrd. € für die Forschung.",
        surface="2,3 Mrd. €",
        kind="money",
        value="2.3e9",
        unit="EUR",
    ),
    Case(
        id="money-mrd-no-dot",
        text="Siemens meldet einen Umsatz von 78 Mrd Euro.",
        surface="78 Mrd Euro",
        kind="money",
        value="78e9",
        unit="EUR",
    ),
    Case(
        id="money-mio-dot-rund",
        text="Die Stadt erhält rund 300 Mio. Euro vom Bund.",
        surface="rund 300 Mio. Euro",
        kind="money",
        value="300e6",
        unit="EUR",
        qualifier="approx",
        low="270e6",
        high="330e6",
    ),
    Case(
        id="money-millionen",
        text="Das Start-up hat 25 Millionen Euro eingesammelt.",
        surface="25 Millionen Euro",
        kind="money",
        value="25e6",
        unit="EUR",
    ),
    Case(
        id="money-grouped-dots",
        text="Die Förderung beträgt 500.000 Euro für jedes Projekt.",
        surface="500.000 Euro",
        kind="money",
        value="500000",
        unit="EUR",
    ),
    Case(
        id="money-decimal-comma",
        text="Das Ticket kostet 19,99 Euro.",
        surface="19,99 Euro",
        kind="money",
        value="19.99",
        unit="EUR",
    ),
    Case(
        id="money-grouped-decimal",
        text="Die Rechnung belief sich auf 1.234,50 Euro.",
        surface="1.234,50 Euro",
        kind="money",
        value="1234.5",
        unit="EUR",
    ),
    Case(
        id="money-tsd",
        text="Die Kosten belaufen sich auf 850 Tsd. Euro.",
        surface="850 Tsd. Euro",
        kind="money",
        value="850e3",
        unit="EUR",
    ),
    Case(
        id="money-billionen",
        text="Die Staatsschulden liegen bei 2,5 Billionen Euro.",
        surface="2,5 Billionen Euro",
        kind="money",
        value="2.5e12",
        unit="EUR",
    ),
    Case(
        id="money-billion-is-1e12",
        text="Das Vermögen wird auf 1 Billion Euro geschätzt.",
        surface="1 Billion Euro",
        kind="money",
        value="1e12",
        unit="EUR",
    ),
    Case(
        id="money-words-eine-milliarde",
        text="Der Bund stellt eine Milliarde Euro bereit.",
        surface="eine Milliarde Euro",
        kind="money",
        value="1e9",
        unit="EUR",
    ),
    Case(
        id="money-words-zwei-milliarden",
        text="Das Projekt erhielt zwei Milliarden Euro aus Brüssel.",
        surface="zwei Milliarden Euro",
        kind="money",
        value="2e9",
        unit="EUR",
    ),
    Case(
        id="money-euro-symbol-after",
        text="Der Umsatz stieg auf 4,2 Mrd. €.",
        surface="4,2 Mrd. €",
        kind="money",
        value="4.2e9",
        unit="EUR",
    ),
    Case(
        id="money-per-megawattstunde",
        text="Der Strompreis lag bei 85 Euro pro Megawattstunde.",
        surface="85 Euro pro Megawattstunde",
        kind="money",
        value="0.000085",
        unit="EUR / watt_hour",
    ),
]

PERCENT = [
    Case(
        id="percent-prozent",
        text="Der Anteil erneuerbarer Energien liegt bei 52 Prozent.",
        surface="52 Prozent",
        kind="percent",
        value="52",
        unit="percent",
    ),
    Case(
        id="percent-sign-decimal-comma",
        text="Die Preise sind um 4,2 % gestiegen.",
        surface="4,2 %",
        kind="percent",
        value="4.2",
        unit="percent",
    ),
    Case(
        id="percent-mehr-als",
        text="Mehr als 40 Prozent der Betriebe klagen über Fachkräftemangel.",
        surface="Mehr als 40 Prozent",
        kind="percent",
        value="40",
        unit="percent",
        qualifier="more_than",
        low="40",
        high=None,
    ),
    Case(
        id="percent-prozentpunkte",
        text="Der Marktanteil sank um 1,5 Prozentpunkte.",
        surface="1,5 Prozentpunkte",
        kind="percent",
        value="1.5",
        unit="percent",
    ),
    Case(
        id="percent-knapp",
        text="Die Quote stieg auf knapp 12 %.",
        surface="knapp 12 %",
        kind="percent",
        value="12",
        unit="percent",
        qualifier="approx",
        low="10.8",
        high="13.2",
    ),
    Case(
        id="percent-ein-drittel",
        text="Ein Drittel der Haushalte heizt mit Gas.",
        surface="Ein Drittel",
        kind="percent",
        value="33.33",
        unit="percent",
    ),
    Case(
        id="percent-rund-ein-viertel",
        text="Rund ein Viertel der Fläche ist bewaldet.",
        surface="Rund ein Viertel",
        kind="percent",
        value="25",
        unit="percent",
        qualifier="approx",
        low="22.5",
        high="27.5",
    ),
]

QUANTITIES = [
    Case(
        id="quantity-gigawatt",
        text="Das Kraftwerk hat eine Leistung von 3,5 Gigawatt.",
        surface="3,5 Gigawatt",
        kind="quantity",
        value="3.5e9",
        unit="watt",
    ),
    Case(
        id="quantity-terawattstunden",
        text="Die Anlage erzeugt 1,2 Terawattstunden Strom im Jahr.",
        surface="1,2 Terawattstunden",
        kind="quantity",
        value="1.2e12",
        unit="watt_hour",
    ),
    Case(
        id="quantity-mw-symbol",
        text="Geplant ist ein Rechenzentrum mit 100 MW Anschlussleistung.",
        surface="100 MW",
        kind="quantity",
        value="1e8",
        unit="watt",
    ),
    Case(
        id="quantity-hektar",
        text="Der Solarpark umfasst 250 Hektar.",
        surface="250 Hektar",
        kind="quantity",
        value="2500000",
        unit="meter ** 2",
    ),
    Case(
        id="quantity-kilometer",
        text="Die neue Trasse ist 42 Kilometer lang.",
        surface="42 Kilometer",
        kind="quantity",
        value="42000",
        unit="meter",
    ),
    Case(
        id="quantity-quadratmeter",
        text="Das Lager fasst 5.000 Quadratmeter.",
        surface="5.000 Quadratmeter",
        kind="quantity",
        value="5000",
        unit="meter ** 2",
    ),
    Case(
        id="quantity-exaflops",
        text="Der Supercomputer erreicht 1,2 Exaflops.",
        surface="1,2 Exaflops",
        kind="quantity",
        value="1.2e18",
        unit="FLOP / second",
    ),
    Case(
        id="quantity-millisekunden",
        text="Die Latenz beträgt 10 Millisekunden.",
        surface="10 Millisekunden",
        kind="quantity",
        value="0.01",
        unit="second",
    ),
    Case(
        id="quantity-tonnen",
        text="Der Hafen schlug 9,5 Millionen Tonnen Getreide um.",
        surface="9,5 Millionen Tonnen",
        kind="quantity",
        value="9.5e6",
        unit="tonne",
    ),
    Case(
        id="quantity-jahre",
        text="Der Vertrag läuft 15 Jahre.",
        surface="15 Jahre",
        kind="quantity",
        value="15",
        unit="year",
    ),
]

COUNTS = [
    Case(
        id="count-mitarbeiter",
        text="Der Konzern beschäftigt 12.000 Mitarbeiter.",
        surface="12.000 Mitarbeiter",
        kind="count",
        value="12000",
        unit="count",
        noun="mitarbeiter",
    ),
    Case(
        id="count-adjective-noun",
        text="Dadurch entstehen 300 neue Arbeitsplätze in der Region.",
        surface="300 neue Arbeitsplätze",
        kind="count",
        value="300",
        unit="count",
        noun="arbeitsplätze",
    ),
    Case(
        id="count-noun-then-verb",
        text="Die Stadt hat 83.000 Einwohner gezählt.",
        surface="83.000 Einwohner",
        kind="count",
        value="83000",
        unit="count",
        noun="einwohner",
    ),
    Case(
        id="count-start-ups",
        text="In Deutschland gibt es rund 2.000 KI-Start-ups.",
        surface="rund 2.000 KI-Start-ups",
        kind="count",
        value="2000",
        unit="count",
        qualifier="approx",
        low="1800",
        high="2200",
        noun="ki-start-ups",
    ),
    Case(
        id="count-tote",
        text="Bei dem Unglück gab es mindestens 12 Tote.",
        surface="mindestens 12 Tote",
        kind="count",
        value="12",
        unit="count",
        qualifier="at_least",
        low="12",
        high=None,
        noun="tote",
    ),
    Case(
        id="count-scale-noun",
        text="Das Land zählt 83 Millionen Einwohner.",
        surface="83 Millionen Einwohner",
        kind="count",
        value="83e6",
        unit="count",
        noun="einwohner",
    ),
    Case(
        id="count-sentence-start-qualifier",
        text="Mehr als 500 Unternehmen nahmen an der Umfrage teil.",
        surface="Mehr als 500 Unternehmen",
        kind="count",
        value="500",
        unit="count",
        qualifier="more_than",
        low="500",
        high=None,
        noun="unternehmen",
    ),
    Case(
        id="count-rechenzentren",
        text="Der Betreiber plant 40 Rechenzentren in Europa.",
        surface="40 Rechenzentren",
        kind="count",
        value="40",
        unit="count",
        noun="rechenzentren",
    ),
    Case(
        id="count-todesopfer",
        text="Das Erdbeben forderte über 1.200 Todesopfer.",
        surface="über 1.200 Todesopfer",
        kind="count",
        value="1200",
        unit="count",
        qualifier="more_than",
        low="1200",
        high=None,
        noun="todesopfer",
    ),
    Case(
        id="count-fahrzeuge",
        text="Das Werk baut 500.000 Fahrzeuge pro Jahr.",
        surface="500.000 Fahrzeuge",
        kind="count",
        value="500000",
        unit="count",
        noun="fahrzeuge",
    ),
]

QUALIFIERS_AND_RANGES = [
    Case(
        id="range-zwischen-und",
        text="Die Kosten liegen zwischen 10 und 15 Milliarden Euro.",
        surface="10 und 15 Milliarden Euro",
        kind="money",
        value="15e9",
        unit="EUR",
        qualifier="range",
        low="10e9",
        high="15e9",
    ),
    Case(
        id="range-bis-percent",
        text="Die Mieten steigen um 5 bis 8 Prozent.",
        surface="5 bis 8 Prozent",
        kind="percent",
        value="8",
        unit="percent",
        qualifier="range",
        low="5",
        high="8",
    ),
    Case(
        id="range-bis-count",
        text="Geplant sind 20 bis 25 Windräder.",
        surface="20 bis 25 Windräder",
        kind="count",
        value="25",
        unit="count",
        qualifier="range",
        low="20",
        high="25",
        noun="windräder",
    ),
    Case(
        id="range-dash",
        text="Die Batterie hält 8-10 Stunden.",
        surface="8-10 Stunden",
        kind="quantity",
        value="10",
        unit="hour",
        qualifier="range",
        low="8",
        high="10",
    ),
    Case(
        id="qualifier-etwa",
        text="Die Anlage kostet etwa 2 Mrd. Euro.",
        surface="etwa 2 Mrd. Euro",
        kind="money",
        value="2e9",
        unit="EUR",
        qualifier="approx",
        low="1.8e9",
        high="2.2e9",
    ),
    Case(
        id="qualifier-weniger-als",
        text="Der Speicher liefert weniger als 50 MW.",
        surface="weniger als 50 MW",
        kind="quantity",
        value="5e7",
        unit="watt",
        qualifier="up_to",
        low=None,
        high="5e7",
    ),
    Case(
        id="qualifier-unter",
        text="Die Arbeitslosenquote fiel unter 5 Prozent.",
        surface="unter 5 Prozent",
        kind="percent",
        value="5",
        unit="percent",
        qualifier="up_to",
        low=None,
        high="5",
    ),
    Case(
        id="qualifier-hoechstens",
        text="Die Förderung beträgt höchstens 200.000 Euro.",
        surface="höchstens 200.000 Euro",
        kind="money",
        value="200000",
        unit="EUR",
        qualifier="up_to",
        low=None,
        high="200000",
    ),
    Case(
        id="qualifier-bis-zu",
        text="Die Genehmigung dauert bis zu 18 Monate.",
        surface="bis zu 18 Monate",
        kind="quantity",
        value="18",
        unit="month",
        qualifier="up_to",
        low=None,
        high="18",
    ),
    Case(
        id="qualifier-ueber",
        text="Das Projekt kostet über 4 Mrd. Euro.",
        surface="über 4 Mrd. Euro",
        kind="money",
        value="4e9",
        unit="EUR",
        qualifier="more_than",
        low="4e9",
        high=None,
    ),
    Case(
        id="qualifier-fast",
        text="Die Baukosten stiegen auf fast 900 Mio. Euro.",
        surface="fast 900 Mio. Euro",
        kind="money",
        value="900e6",
        unit="EUR",
        qualifier="approx",
        low="810e6",
        high="990e6",
    ),
    Case(
        id="qualifier-ungefaehr-count",
        text="Das Netz erreicht ungefähr 30 Millionen Haushalte.",
        surface="ungefähr 30 Millionen Haushalte",
        kind="count",
        value="30e6",
        unit="count",
        qualifier="approx",
        low="27e6",
        high="33e6",
        noun="haushalte",
    ),
    Case(
        id="qualifier-ab",
        text="Tickets gibt es ab 49 Euro.",
        surface="ab 49 Euro",
        kind="money",
        value="49",
        unit="EUR",
        qualifier="at_least",
        low="49",
        high=None,
    ),
    Case(
        id="qualifier-ca-dot",
        text="Zur Messe kamen ca. 1.500 Aussteller.",
        surface="ca. 1.500 Aussteller",
        kind="count",
        value="1500",
        unit="count",
        qualifier="approx",
        low="1350",
        high="1650",
        noun="aussteller",
    ),
    Case(
        id="qualifier-after-oder-mehr",
        text="Die Reichweite beträgt 600 Kilometer oder mehr.",
        surface="600 Kilometer oder mehr",
        kind="quantity",
        value="600000",
        unit="meter",
        qualifier="at_least",
        low="600000",
        high=None,
    ),
]

NUMBER_WORDS = [
    Case(
        id="words-fuenfundzwanzig",
        text="Das Unternehmen betreibt fünfundzwanzig Standorte.",
        surface="fünfundzwanzig Standorte",
        kind="count",
        value="25",
        unit="count",
        noun="standorte",
    ),
    Case(
        id="words-dreihundertvierzig-millionen",
        text="Insgesamt wurden dreihundertvierzig Millionen Euro investiert.",
        surface="dreihundertvierzig Millionen Euro",
        kind="money",
        value="340e6",
        unit="EUR",
    ),
    Case(
        id="words-zweitausend",
        text="Die Fabrik beschäftigt zweitausend Mitarbeiter.",
        surface="zweitausend Mitarbeiter",
        kind="count",
        value="2000",
        unit="count",
        noun="mitarbeiter",
    ),
    Case(
        id="words-zwoelf-sentence-start",
        text="Zwölf Bundesländer haben zugestimmt.",
        surface="Zwölf Bundesländer",
        kind="count",
        value="12",
        unit="count",
        noun="bundesländer",
    ),
    Case(
        id="words-dreissig",
        text="Die Firma hat dreißig Mitarbeiter.",
        surface="dreißig Mitarbeiter",
        kind="count",
        value="30",
        unit="count",
        noun="mitarbeiter",
    ),
    Case(
        id="words-einundzwanzig",
        text="Einundzwanzig Länder unterzeichneten das Abkommen.",
        surface="Einundzwanzig Länder",
        kind="count",
        value="21",
        unit="count",
        noun="länder",
    ),
    Case(
        id="words-einhundert-unit",
        text="Die Leitung ist einhundert Kilometer lang.",
        surface="einhundert Kilometer",
        kind="quantity",
        value="100000",
        unit="meter",
    ),
    Case(
        id="words-zehntausend",
        text="Zehntausend Menschen demonstrierten in Berlin.",
        surface="Zehntausend Menschen",
        kind="count",
        value="10000",
        unit="count",
        noun="menschen",
    ),
    Case(
        id="words-dutzend",
        text="Der Fonds finanziert ein Dutzend Projekte.",
        surface="ein Dutzend Projekte",
        kind="count",
        value="12",
        unit="count",
        qualifier="approx",
        low="10.8",
        high="13.2",
        noun="projekte",
    ),
    Case(
        id="words-compound-with-scale",
        text="Das Land erhält zweihundertfünfzigtausend Impfdosen.",
        surface="zweihundertfünfzigtausend Impfdosen",
        kind="count",
        value="250000",
        unit="count",
        noun="impfdosen",
    ),
    Case(
        id="words-drei-gigawatt",
        text="Der Windpark soll drei Gigawatt liefern.",
        surface="drei Gigawatt",
        kind="quantity",
        value="3e9",
        unit="watt",
    ),
]

DATES_AND_PERIODS = [
    Case(
        id="date-gegruendet-year",
        text="Das Unternehmen wurde 2019 gegründet.",
        surface="2019",
        kind="date",
        value=None,
        unit="year",
        period="2019",
        event="creation date",
    ),
    Case(
        id="date-im-monat",
        text="Das Rechenzentrum wurde im Juni 2025 eröffnet.",
        surface="Juni 2025",
        kind="date",
        value=None,
        unit="year",
        period="2025-06",
        event="launch date",
    ),
    Case(
        id="date-ende-jahr",
        text="Die Anlage wurde Ende 2024 in Betrieb genommen.",
        surface="2024",
        kind="date",
        value=None,
        unit="year",
        period="2024",
        event="completion date",
    ),
    Case(
        id="date-day-with-dot",
        text="Der Vertrag wurde am 1. Juli 2025 unterzeichnet.",
        surface="1. Juli 2025",
        kind="date",
        value=None,
        unit="year",
        period="2025-07-01",
        event="signing date",
    ),
    Case(
        id="date-q3",
        text="Der Dienst startete im Q3 2025.",
        surface="Q3 2025",
        kind="date",
        value=None,
        unit="year",
        period="2025-07/2025-09",
        event="launch date",
    ),
    Case(
        id="date-ordinal-quarter",
        text="Der Dienst startete im dritten Quartal 2025.",
        surface="dritten Quartal 2025",
        kind="date",
        value=None,
        unit="year",
        period="2025-07/2025-09",
        event="launch date",
    ),
    Case(
        id="date-season",
        text="Das Werk wurde im Sommer 2022 eröffnet.",
        surface="Sommer 2022",
        kind="date",
        value=None,
        unit="year",
        period="2022-06/2022-08",
        event="launch date",
    ),
    Case(
        id="period-im-jahr",
        text="Im Jahr 2024 investierte der Konzern 5 Mrd. Euro.",
        surface="5 Mrd. Euro",
        kind="money",
        value="5e9",
        unit="EUR",
        period="2024",
    ),
    Case(
        id="period-seit",
        text="Seit 2018 wurden 20 Milliarden Euro investiert.",
        surface="20 Milliarden Euro",
        kind="money",
        value="20e9",
        unit="EUR",
        period="2018/..",
    ),
    Case(
        id="period-bis",
        text="Bis 2030 sollen 80 Prozent des Stroms aus erneuerbaren Quellen kommen.",
        surface="80 Prozent",
        kind="percent",
        value="80",
        unit="percent",
        period="../2030",
    ),
    Case(
        id="period-anfang",
        text="Anfang 2024 stieg der Umsatz um 3 Prozent.",
        surface="3 Prozent",
        kind="percent",
        value="3",
        unit="percent",
        period="2024",
    ),
    Case(
        id="period-maerz",
        text="Im März 2023 lag die Quote bei 5,7 Prozent.",
        surface="5,7 Prozent",
        kind="percent",
        value="5.7",
        unit="percent",
        period="2023-03",
    ),
    Case(
        id="period-quarter-words",
        text="Der Umsatz im ersten Quartal 2025 betrug 4 Mrd. Euro.",
        surface="4 Mrd. Euro",
        kind="money",
        value="4e9",
        unit="EUR",
        period="2025-01/2025-03",
    ),
]

ALL_CASES = MONEY + PERCENT + QUANTITIES + COUNTS + QUALIFIERS_AND_RANGES + NUMBER_WORDS + DATES_AND_PERIODS

# Cases German needs but the extractor does not read yet (each one fails today).
KNOWN_GAPS = [
    pytest.param(
        Case(
            id="gap-eine-halbe-milliarde",
            text="Der Staat gibt eine halbe Milliarde Euro aus.",
            surface="eine halbe Milliarde Euro",
            kind="money",
            value="5e8",
            unit="EUR",
        ),
        marks=pytest.mark.xfail(strict=True, reason="'halbe' (a half before a scale word) is not read"),
        id="gap-eine-halbe-milliarde",
    ),
    pytest.param(
        Case(
            id="gap-zwei-drittel",
            text="Zwei Drittel der Befragten sind zufrieden.",
            surface="Zwei Drittel",
            kind="percent",
            value="66.67",
            unit="percent",
        ),
        marks=pytest.mark.xfail(
            strict=True, reason="a fraction after a separate cardinal word ('zwei Drittel') is not read"
        ),
        id="gap-zwei-drittel",
    ),
    pytest.param(
        Case(
            id="gap-rank-platz",
            text="Deutschland liegt weltweit auf Platz 3.",
            surface="Platz 3",
            kind="rank",
            value="3",
            unit="rank",
        ),
        marks=pytest.mark.xfail(
            strict=True, reason="a rank written as a noun before the figure ('Platz 3') is not read"
        ),
        id="gap-rank-platz",
    ),
]


def _find(claims: list[Claim], surface: str) -> Claim:
    for claim in claims:
        if claim.text == surface:
            return claim
    raise AssertionError(f"no claim {surface!r} among {[c.text for c in claims]}")


def _close(actual: float | None, expected: str | None) -> bool:
    if expected is None:
        return actual is None
    tolerance = abs(Decimal(expected)) * Decimal("1e-9")
    return actual is not None and abs(Decimal(repr(actual)) - Decimal(expected)) <= tolerance


def check(case: Case) -> None:
    claim = _find(claims_in(case.text, "de"), case.surface)
    assert claim.kind == case.kind
    assert claim.qualifier == case.qualifier
    assert claim.unit == case.unit
    if case.value is not None:
        assert _close(claim.value, case.value), claim.value
        assert _close(claim.low, case.value if case.low == "=" else case.low), claim.low
        assert _close(claim.high, case.value if case.high == "=" else case.high), claim.high
    if case.period is not None:
        assert claim.period == case.period
    if case.noun is not None:
        assert claim.noun == case.noun
    if case.event is not None:
        assert claim.event == case.event


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_german_claims(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", KNOWN_GAPS)
def test_german_known_gaps(case: Case) -> None:
    check(case)


# Money in another currency: the figure and the currency as written (the EUR value follows the ECB).
AS_WRITTEN = [
    ("usd-cldr-name", "Die Firma sammelte 40 Millionen US-Dollar ein.", "40 Millionen US-Dollar", 40e6, "USD"),
    ("chf-cldr-name", "Die Bank meldet 3 Mrd. Schweizer Franken Gewinn.", "3 Mrd. Schweizer Franken", 3e9, "CHF"),
    ("gbp-pfund", "Der Deal hat ein Volumen von 500 Mio. Pfund.", "500 Mio. Pfund", 500e6, "GBP"),
    ("usd-symbol-before", "Nvidia ist mehr als $3 Billionen wert.", "mehr als $3 Billionen", 3e12, "USD"),
]


@pytest.mark.parametrize(
    ("text", "surface", "value", "code"), [r[1:] for r in AS_WRITTEN], ids=[r[0] for r in AS_WRITTEN]
)
def test_german_money_as_written(text: str, surface: str, value: float, code: str) -> None:
    claim = _find(claims_in(text, "de", published="2025-01-15"), surface)
    assert claim.original == {"value": value, "unit": code}
    assert claim.unit == "EUR" and claim.fx is not None and claim.fx["from"] == code


NOT_CLAIMS = [
    ("bare-year", "Im Jahr 2024 hat sich vieles verändert."),
    ("phone-local", "Weitere Informationen unter Tel. 030 12345678."),
    ("phone-intl", "Rufen Sie uns unter +49 30 1234 5678 an."),
    ("nr-5", "Das Gesetz Nr. 5 tritt morgen in Kraft."),
    ("paragraph", "Artikel 3 des Grundgesetzes gilt für alle."),
    ("clock-time", "Die Sitzung beginnt um 15 Uhr."),
    ("season-years", "Die Saison 2024/25 war ein Erfolg."),
    ("day-without-year", "Er wurde am 3. Mai geboren."),
    ("motorway", "Die A7 ist zwischen Hamburg und Hannover gesperrt."),
    ("one-employee", "Ein Mitarbeiter sagte, die Lage sei ernst."),
    ("einer-der", "Einer der größten Standorte liegt in Bayern."),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_CLAIMS], ids=[i for i, _ in NOT_CLAIMS])
def test_german_not_claims(text: str) -> None:
    assert [c.text for c in claims_in(text, "de")] == []


# Abbreviations and ordinal dots do not end a German sentence.
SENTENCES = [
    ("abbreviation-mio", "Der Bund zahlt ca. 300 Mio. Euro. Das ist viel.", 2),
    ("abbreviation-z-b", "Viele Firmen, z. B. Siemens, investieren. Andere warten.", 2),
    ("abbreviation-nr", "Das Werk Nr. 3 schließt. Die Mitarbeiter wechseln.", 2),
    ("ordinal-day", "Am 1. Juli 2025 startet das Programm. Es läuft drei Jahre.", 2),
]


@pytest.mark.parametrize(("text", "count"), [r[1:] for r in SENTENCES], ids=[r[0] for r in SENTENCES])
def test_german_sentences(text: str, count: int) -> None:
    assert len(split_sentences(text, KNOWLEDGE.lexicon("de").abbreviations)) == count


def test_detected_german_is_read_as_german() -> None:
    """A German text without metadata is detected and read with the German lexicon."""
    text = "Der Konzern hat im vergangenen Jahr 1,5 Milliarden Euro in neue Werke investiert."
    source = build_source("t.txt", text, KNOWLEDGE, {})
    assert source.language == "de"
    claim = _find(analyse_source(source, KNOWLEDGE), "1,5 Milliarden Euro")
    assert claim.value == 1.5e9 and claim.metric == "investment"


# What a claim is about: German metric words, and the counted noun's canonical name.
SUBJECTS = [
    ("umsatz", "Siemens steigerte den Umsatz auf 78 Mrd. Euro.", "78 Mrd. Euro", "Siemens", "revenue"),
    (
        "bewertung",
        "Die Bewertung von Veltrix Systeme liegt bei 320 Mio. Euro.",
        "320 Mio. Euro",
        "Veltrix Systeme",
        "valuation",
    ),
    (
        "finanzierungsrunde",
        "In einer Finanzierungsrunde hat Zorbix 80 Mio. Euro eingesammelt.",
        "80 Mio. Euro",
        "Zorbix",
        "funds raised",
    ),
    (
        "mitarbeiter",
        "Bosch beschäftigt weltweit 420.000 Mitarbeiter.",
        "420.000 Mitarbeiter",
        "Bosch",
        "employees",
    ),
    ("kapazitaet", "Die Kapazität des Parks von RWE beträgt 1,5 Gigawatt.", "1,5 Gigawatt", "RWE", "capacity"),
    ("gegruendet", "Die Firma Celonis wurde 2011 in München gegründet.", "2011", "Celonis", "creation date"),
    # A name after an article is no common noun ("Die Zorbix Raumfahrt GmbH"), and common nouns
    # that never travel into English text name nothing ("Satelliten", "Erdbeobachtung").
    (
        "name-after-article",
        "Die Zorbix Raumfahrt GmbH wurde 1985 gegründet. Das Unternehmen entwickelt Satelliten für "
        "Erdbeobachtung. Im Geschäftsjahr 2025 erzielte Zorbix einen Umsatz von 318 Millionen Euro.",
        "318 Millionen Euro",
        "Zorbix",
        "revenue",
    ),
    (
        "name-after-article-pronoun",
        "Die Zorbix Raumfahrt GmbH wurde 1985 gegründet. Sie beschäftigt rund 1.150 Mitarbeiter an zwei Standorten.",
        "rund 1.150 Mitarbeiter",
        "Zorbix Raumfahrt GmbH",
        "employees",
    ),
    (
        "name-after-article-wind",
        "Die Vardel Wind GmbH baut den Park. Er besteht aus 50 Offshore-Windenergieanlagen.",
        "50 Offshore-Windenergieanlagen",
        "Vardel Wind GmbH",
        "count of offshore-windenergieanlagen",
    ),
    # "Tochter" before a name: an article does not make it common there (a name follows), but
    # it is a common noun that never travels into English text, so it opens no name.
    (
        "untravelled-noun-before-name",
        "Die Tochter Orbitex Lithium GmbH gehört Zentra. Rund 1.200 Beschäftigte arbeiten dort.",
        "Rund 1.200 Beschäftigte",
        "Orbitex Lithium GmbH",
        "employees",
    ),
    # An adjective may stand between the article and its noun: "der zuständigen Seite" is a
    # common noun ("Seite" travels into English text), and names nothing.
    (
        "adjective-between-article-and-noun",
        "Nach Angaben der zuständigen Seite beschäftigt das Unternehmen Zorbix rund 1.200 Mitarbeiter.",
        "rund 1.200 Mitarbeiter",
        "Zorbix",
        "employees",
    ),
    # A hyphenated compound is as common as its last part ("-Hersteller" never travels into
    # English text): it names nothing, and the company before it stays the subject.
    (
        "hyphenated-untravelled-noun",
        "Zorbix baut eine Raffinerie. Die Raffinerie soll das Unternehmen zum größten "
        "Kobalt-Hersteller Europas machen. Die Anlage hat eine Jahreskapazität von 40.000 Tonnen.",
        "40.000 Tonnen",
        "Zorbix",
        "capacity",
    ),
]


@pytest.mark.parametrize(
    ("text", "surface", "entity", "metric"), [r[1:] for r in SUBJECTS], ids=[r[0] for r in SUBJECTS]
)
def test_german_subjects(text: str, surface: str, entity: str, metric: str) -> None:
    source = build_source("t.txt", text, KNOWLEDGE, {"language": "de"})
    claim = _find(analyse_source(source, KNOWLEDGE), surface)
    assert (claim.entity, claim.metric) == (entity, metric)


def test_german_and_english_sources_are_compared(tmp_path: Path) -> None:
    """A German and an English source on one subject land in one group, languages detected."""
    (tmp_path / "de.txt").write_text(
        "Der Chipkonzern Infineon hat im Geschäftsjahr 2024 einen Umsatz von 15 Mrd. Euro erzielt. "
        "Das Unternehmen beschäftigt weltweit 58.000 Mitarbeiter.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Infineon reported revenue of €16.2 billion in fiscal 2024. The company employs 58,000 people.",
        encoding="utf-8",
    )
    corpus = load_corpus([str(tmp_path)], knowledge=KNOWLEDGE)
    assert sorted(s.language for s in corpus.sources) == ["de", "en"]
    found = [(d.kind, d.subject["entity"], d.subject["metric"]) for d in corpus.discrepancies]
    assert found == [("contradiction", "Infineon", "revenue")]


def test_a_german_line_of_nouns_is_no_headline() -> None:
    """German capitalises its nouns: a line without a stop is not cut as an English headline."""
    text = "Zorbix Forschung Gesellschaft investiert Millionen Euro in Berlin"
    names = [m.name for m in find_entities(text, KNOWLEDGE, KNOWLEDGE.lexicon("de"))]
    assert "Zorbix Forschung Gesellschaft" in names
