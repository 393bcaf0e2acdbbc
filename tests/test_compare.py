"""Cross-comparison: the seeds' discrepancies (golden file) and cases that must not be flagged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimdiff.config import load_config
from claimdiff.pipeline import load_corpus

from .conftest import SEEDS, claims_in, discrepancies_in

GOLDEN = Path(__file__).parent / "golden" / "seeds_discrepancies.json"


def _summary(discrepancies) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        {
            "id": d.id,
            "kind": d.kind,
            "severity": d.severity,
            "subject": d.subject,
            "claims": [
                f"{Path(c.source).name}:{c.line} {' '.join(c.text.split())} -> {d.positions[c.id]}" for c in d.claims
            ],
        }
        for d in discrepancies
    ]


def _seeds(with_config: bool = True):  # type: ignore[no-untyped-def]
    """The seeds' discrepancies, with their corpus config (as the command line finds it) or without."""
    config = load_config(SEEDS / "claimdiff.toml") if with_config else None
    return load_corpus([str(SEEDS)], config=config).discrepancies


def test_seed_discrepancies_match_golden_file() -> None:
    actual = _summary(_seeds())
    if os.environ.get("CLAIMDIFF_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_seed_findings_a_careful_reader_expects() -> None:
    found = {(d.kind, d.subject["entity"], d.subject["metric"]): d for d in _seeds()}
    summit = found[("contradiction", "France", "investment (infrastructure)")]
    assert {" ".join(c.text.split()) for c in summit.claims} == {
        "€105 billion",
        "More than €109 billion",
        "109 milliards d’euros",
    }
    assert "+3.8%" in summit.explanation
    strategy = next(d for key, d in found.items() if key[2].startswith("investment (research)"))
    assert {"€1.5 billion", "MORE THAN €2.5 BILLION"} <= {c.text for c in strategy.claims}
    assert ("description", "Mistral AI", "description") in found
    assert ("contradiction", "National AI Strategy", "launch date") in found
    # "Operated by CNRS/IDRIS since 2019" against "Since 2018, the Jean Zay supercomputer has
    # supported more than 1,200 AI projects", in one source.
    jean_zay = found[("contradiction", "Jean Zay", "completion date")]
    assert {c.text for c in jean_zay.claims if jean_zay.positions[c.id] == 0} == {"2019"}
    assert "since 2018" in jean_zay.explanation


def _texts(discrepancy) -> set[str]:  # type: ignore[no-untyped-def]
    return {" ".join(c.text.split()) for c in discrepancy.claims}


def test_seed_findings_need_no_corpus_config() -> None:
    """General knowledge alone finds them; the seeds' own cast (claimdiff.toml) adds labels."""
    found = _seeds(with_config=False)
    contradictions = [d for d in found if d.kind == "contradiction"]
    assert any({"€105 billion", "More than €109 billion"} <= _texts(d) for d in contradictions)
    assert any({"2017", "2018"} <= _texts(d) and d.subject["metric"] == "launch date" for d in contradictions)
    assert any(
        {"€1.5 billion", "MORE THAN €2.5 BILLION"} <= _texts(d) and d.kind in ("scope", "contradiction") for d in found
    )
    assert any(d.kind == "description" and d.subject["entity"] == "Mistral AI" for d in found)
    assert any({"2019", "more than 1,200 AI projects"} <= _texts(d) for d in contradictions)


_discrepancies = discrepancies_in


def _negative(case_id: str, a: str, b: str, language_b: str = "en", gap: str = "") -> object:
    """One row of NEGATIVES; `gap` says what goes wrong when the case is flagged today."""
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(a, b, language_b, id=case_id, marks=marks)


NEGATIVES = [
    _negative(
        "two-phases",
        "The first phase of the National AI Strategy was funded with €1.5 billion.",
        "The second phase of the National AI Strategy was funded with €2.4 billion.",
    ),
    _negative(
        "fr-two-phases",
        "The first phase of the Orbitex programme was funded with €300 million.",
        "La deuxième phase du programme Orbitex est dotée de 500 millions d'euros.",
        "fr",
    ),
    _negative(
        "second-phase-of-another-programme",
        "The first phase of the National AI Strategy was funded with €1.5 billion.",
        "France 2030 invests €1 billion in a second phase.",
    ),
    _negative(
        "two-series-two-dates",
        "Zorbix Labs hired 200 people after a Series B round led by Orbitex in 2022.",
        "Zorbix Labs closed a Series C round led by Quanta in March 2021.",
    ),
    _negative("two-companies", "Zorbix Labs raised €420 million in June.", "Poolside raised €500 million in June."),
    _negative("two-countries", "France has more than 1,000 AI startups.", "Germany has 700 AI startups."),
    _negative(
        "a-city-is-not-its-country",
        "In 2023, data centres in London consumed 20 TWh.",
        "In 2023, data centres in the United Kingdom consumed 30 TWh.",
    ),
    _negative(
        "a-sum-a-country-is-named-with",
        "In 2024, France will invest €500 million in robotics.",
        "En 2024, la France a reçu 640 millions d'euros.",
        "fr",
    ),
    _negative("two-years", "In 2023, Zorbix Labs raised €210 million.", "In 2024, Zorbix Labs raised €420 million."),
    _negative(
        "agreeing-qualifier",
        "More than €109 billion will be invested in AI infrastructure in France.",
        "France a annoncé 109 milliards d'euros d'investissements dans les infrastructures d'IA.",
        language_b="fr",
    ),
    _negative(
        "orders-of-magnitude-apart",
        "Acme will invest €6 billion in France.",
        "Acme employs 1,500 people in France; it will invest €60 million in training.",
    ),
    _negative(
        "open-bound-far-below",
        "Acme will invest more than €15 billion in France in 2025.",
        "Acme will invest €105 billion in France in 2025.",
    ),
    _negative(
        "two-unnamed-sums-of-a-country",
        "In 2021, France put €318 million on the table.",
        "France spent €347 million in 2021.",
    ),
    _negative(
        "money-of-two-rounds-apart",
        "Acme Robotics is valued at €5 billion.",
        "Acme Robotics has a valuation of about €14 billion.",
    ),
    _negative(
        "a-countrys-counts-of-many-things",
        "Acme will create 900 jobs in France in 2024.",
        "In 2024, projects announced in France will create some 10,000 jobs.",
    ),
    _negative(
        "forecast-by-a-later-year",
        "Data centres in France consumed 7 TWh in 2024.",
        "In France, data centres will consume up to 38 TWh by 2050.",
    ),
    _negative(
        "a-possibility-is-not-the-figure",
        "Acme's plant used 7 TWh in 2024.",
        "In 2024, Acme's plant could have used 9 TWh if it ran all year.",
    ),
    _negative(
        "money-of-no-metric-across-spellings",
        "Saint-Vardel de Paris: 260 millions d'euros ont été dépensés.",
        "Saint Vardel: 90 millions d'euros restent.",
    ),
    _negative(
        "one-digit-figure-rounded-across-currencies",
        "In December 2023, the round valued Acme Robotics at $2 billion.",
        "In December 2023, Acme Robotics was valued at €2 billion.",
    ),
    _negative(
        "about-a-figure-in-another-currency",
        "In December 2023, the round valued Acme Robotics at about $1.2 billion.",
        "In December 2023, Acme Robotics was valued at €1.2 billion.",
    ),
    _negative(
        "rounding",
        "Hugging Face is valued at €4.3 billion.",
        "Hugging Face has a valuation of about €4 billion.",
    ),
    _negative(
        "same-source-only",
        "Brookfield will invest €20 billion. Up to €15 billion goes to Data4.",
        "Paris hosts VivaTech every year.",
    ),
]


@pytest.mark.parametrize(("a", "b", "language_b"), NEGATIVES)
def test_not_flagged(a: str, b: str, language_b: str) -> None:
    assert [d.explanation for d in _discrepancies((a, "en"), (b, language_b)) if d.kind == "contradiction"] == []


# Descriptions of one organisation that say different things without contradicting each other.
DESCRIPTION_NEGATIVES = [
    pytest.param(
        "Mistral AI, a French start-up, specializes in large language models.",
        "Mistral AI is a start-up that specializes in open language models for businesses.",
        "en",
        id="different-emphasis-shares-a-word",
    ),
    pytest.param(
        "Mistral AI develops open-weight language models.",
        "Mistral AI builds a supercomputer in Essonne.",
        "en",
        id="two-products",
    ),
    pytest.param(
        "Mistral AI, based in Paris, is a French start-up.",
        "La start-up française Mistral AI, basée à Paris, recrute.",
        "fr",
        id="same-facts-in-two-languages",
    ),
    pytest.param(
        "Zorbix Labs was founded by John Roe, Ada Quist and Tomas Ferrand.",
        "John Roe, cofondateur de Zorbix Labs, a parlé.",
        "fr",
        id="one-founder-of-three",
    ),
]


@pytest.mark.parametrize(("a", "b", "language_b"), DESCRIPTION_NEGATIVES)
def test_descriptions_not_flagged(a: str, b: str, language_b: str) -> None:
    assert [d.explanation for d in _discrepancies((a, "en"), (b, language_b)) if d.kind == "description"] == []


def test_descriptions_flagged_name_the_attribute() -> None:
    found = _discrepancies(
        ("Mistral AI, based in Paris, hires engineers.", "en"), ("Mistral AI, basée à Londres, recrute.", "fr")
    )
    assert [(d.kind, d.attribute) for d in found] == [("description", "headquarters")]


POSITIVES = [
    (
        "money-cross-language",
        "The European Union pledged €150 billion of investments in AI infrastructure.",
        "L'Union européenne a annoncé 109 milliards d'euros d'investissements dans les infrastructures.",
        "fr",
    ),
    ("count", "France has 1,000 AI startups in 2025.", "In 2025, France has 1,500 AI startups.", "en"),
    (
        "unit-conversion",
        "The Fluidstack campus will reach a capacity of 2,000 MW.",
        "The Fluidstack campus will have a capacity of 1 GW.",
        "en",
    ),
    (
        "five-times-apart-one-specific-subject",
        "The Acme Hyperion module holds about 3,800 chips.",
        "Le module Acme Hyperion embarque environ 19 500 exemplaires de ses puces.",
        "fr",
    ),
    (
        "three-times-apart-one-name-two-spellings",
        "Zorbix Banque SA has 1.4 million customers.",
        "Zorbix Banque has 4.1 million customers.",
        "en",
    ),
    (
        "two-peaks",
        "Acme will reach up to 30 exaflops in AI workloads.",
        "Acme doit offrir jusqu'à 70 exaflops.",
        "fr",
    ),
    (
        "same-currency-as-written",
        "In 2024, Acme will invest $2.4 billion in France.",
        "Acme will invest $2.6 billion in France, it said.",
        "en",
    ),
    (
        "edition-number",
        "Delegates gathered for the fifth Acme Forum Summit in Paris.",
        "Les délégués se retrouvent pour la quatrième édition du sommet Acme Forum.",
        "fr",
    ),
    (
        "a-possibility-beside-the-figure-is-no-stance",
        "In 2030, Acme Robotics will consume 4 to 6 TWh, or even 8 TWh if demand jumps.",
        "En 2030, la consommation d'Acme Robotics atteindra 8 à 11 TWh.",
        "fr",
    ),
    (
        "one-figure-in-two-currencies",
        "In June 2024, Acme Robotics said it will invest more than €2.4 billion in France.",
        "In June 2024, Acme Robotics said it will invest $2.4 billion in France.",
        "en",
    ),
    (
        "one-figure-in-two-currencies-though-a-source-states-both",
        "In June 2024, Acme Robotics said it will invest more than €2.4 billion ($2.4 billion) in France.",
        "In June 2024, Acme Robotics said it will invest $2.6 billion in France.",
        "en",
    ),
    (
        "a-city-the-corpus-puts-in-its-country",
        "In 2023, the death toll in Peru's northern city of Vardenholm rose to 1,900 deaths.",
        "En 2023, le Pérou a annoncé 950 morts.",
        "fr",
    ),
    (
        "a-share-of-a-country-five-times-another",
        "In 2024, data centres in France accounted for 3% of electricity use.",
        "En 2024, les centres de données pesaient 16 % de la demande d'électricité en France.",
        "fr",
    ),
    (
        "a-series-round-dated-twice",
        "Zorbix Labs hired 200 people after a Series B round led by Orbitex in 2022.",
        "Zorbix Labs a bouclé une série B en mars 2021.",
        "fr",
    ),
    (
        "one-phase-two-budgets",
        "The second phase of the Orbitex programme is funded with €400 million.",
        "La deuxième phase du programme Orbitex est dotée de 600 millions d'euros.",
        "fr",
    ),
    # Lengths and areas are compared across their units (miles and km; ha, km² and sq mi).
    (
        "length-miles-against-km",
        "The Orbitex pipeline is 120 miles long.",
        "The Orbitex pipeline is 250 km long.",
        "en",
    ),
    (
        "area-ha-against-km2-slip",
        "In 2025, the fire at Vardel burned 3,870 hectares.",
        "En 2025, l'incendie de Vardel a parcouru 387 km² de forêt.",
        "fr",
    ),
    (
        "slip-dated-by-a-day-of-the-year",
        "In 2025, the fire burned 3,870 hectares around Vardel.",
        "The fire that started on 12 August 2025 burned 387 square kilometres around Vardel.",
        "en",
    ),
    (
        "counted-after-a-scale-word",
        "Its capacity equals one million laptops, said Acme.",
        "La capacité d'Acme correspond à sept millions de laptops.",
        "fr",
    ),
]


@pytest.mark.parametrize(("a", "b", "language"), [p[1:] for p in POSITIVES], ids=[p[0] for p in POSITIVES])
def test_flagged(a: str, b: str, language: str) -> None:
    kinds = [d.kind for d in _discrepancies((a, "en"), (b, language))]
    assert kinds == ["contradiction"]


def test_unit_conversion_agrees() -> None:
    found = _discrepancies(
        ("The campus will reach a capacity of 2,000 MW.", "en"),
        ("Fluidstack: the campus will have a capacity of 2 GW.", "en"),
    )
    assert found == []


UNITS_AGREE = [
    (
        "ha-and-km2",
        "In 2025, the fire at Vardel burned 3,870 hectares.",
        "In 2025, the fire at Vardel burned 38.7 sq km.",
    ),
    ("miles-and-km", "The Orbitex pipeline is 120 miles long.", "The Orbitex pipeline is 193 km long."),
    ("acres-and-ha", "The Zorbix estate covers 2,500 acres.", "The Zorbix estate covers 1,012 hectares."),
]


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in UNITS_AGREE], ids=[c[0] for c in UNITS_AGREE])
def test_one_quantity_in_two_units_agrees(a: str, b: str) -> None:
    assert _discrepancies((a, "en"), (b, "en")) == []


def test_a_scope_only_its_own_source_tells_apart_leaves_a_contradiction() -> None:
    """A source giving two moments of one figure ("2,300 ha by Wednesday, nearly 4,000 by
    Friday") sets its earlier figure against no other source's."""
    (found,) = _discrepancies(
        ("By Wednesday the Vardel fire had burned 2,300 hectares; by Friday nearly 4,000 hectares.", "en"),
        ("The Vardel fire burned 3,870 hectares.", "en"),
        ("The Vardel fire burned 387 square kilometres.", "en"),
    )
    assert found.kind == "contradiction"
    assert _texts(found) == {"nearly 4,000 hectares", "3,870 hectares", "387 square kilometres"}


EXPLAINED_VALUES = [
    # Each bound of a range keeps the digits written at its own size.
    ("range-bounds-keep-their-digits", "The Vardel fire burned between 18 and 150 hectares.", "180,000 m² to 1.5 km²"),
    ("range-in-money", "Zorbix Labs raised between €320 million and €350 million in 2024.", "€320 m to €350 m"),
]


@pytest.mark.parametrize(("text", "written"), [c[1:] for c in EXPLAINED_VALUES], ids=[c[0] for c in EXPLAINED_VALUES])
def test_an_explanation_writes_the_figures_as_stated(text: str, written: str) -> None:
    other = "The Vardel fire burned 900 hectares." if "fire" in text else "Zorbix Labs raised €600 million in 2024."
    (found,) = _discrepancies((text, "en"), (other, "en"))
    assert f"says {written};" in found.explanation


def test_a_period_whose_figures_all_agree_holds_no_discrepancy() -> None:
    """An undated 770 that differs from one source's 2019 figure joins each period of the
    group; in June 2024 both sources say 770, which is no discrepancy."""
    found = _discrepancies(
        ("Zorbix misait sur 770 appareils.", "fr"),
        ("En juin 2024, Zorbix visait 770 appareils. En 2019, Zorbix avait livré 863 appareils.", "fr"),
    )
    assert [len(set(d.positions.values())) for d in found] == [2]


def test_ids_are_stable_when_unrelated_sources_join() -> None:
    base = [
        ("Zorbix Labs raised €420 million in 2024.", "en"),
        ("In 2024, Zorbix Labs raised €210 million.", "en"),
    ]
    before = [d.id for d in _discrepancies(*base)]
    after = [d.id for d in _discrepancies(*base, ("Equinix runs 10 data centers in Paris.", "en"))]
    assert before and before == after


SUMS = [
    (
        "parts-add-up",
        "Brookfield will invest €20 billion in France. Up to €15 billion will go to Brookfield's datacenters. "
        "A further €5 billion of investment is planned by Brookfield.",
        "info",
    ),
    (
        "parts-do-not-add-up",
        "Brookfield will invest €20 billion in France. Up to €12 billion will go to Brookfield's datacenters. "
        "A further €5 billion of investment is planned by Brookfield.",
        "warning",
    ),
    (
        "phases-fr",
        "L'État a investi plus de 3,4 milliards d'euros depuis 2017. La première phase de l'État a mobilisé 2,1 milliards d'euros. "
        "La deuxième phase de l'État est dotée de 1,3 milliard d'euros.",
        "info",
    ),
]


@pytest.mark.parametrize(("text", "severity"), [s[1:] for s in SUMS], ids=[s[0] for s in SUMS])
def test_itemised_totals(text: str, severity: str) -> None:
    language = "fr" if "L'État" in text else "en"
    sums = [d for d in _discrepancies((text, language)) if d.kind == "sum"]
    assert [d.severity for d in sums] == [severity]


# Amounts that are no items of a total, though a part word stands near them.
NOT_PARTS = [
    # Lines of a company's accounts: EBITDA and net profit are no items of revenue, nor of each
    # other ("part du groupe" holds a part word).
    (
        "accounts-lines-fr",
        "fr",
        "Orbitex a publié ses comptes 2025.\n– Chiffre d'affaires de 2 840 M€ ;\n– EBITDA de 712 M€ ;\n"
        "– Résultat net part du groupe de 298 M€ ;\n– Dividende proposé de 1,45 € par action.",
    ),
    # A dividend per share is no item of revenue ("share" is a part word).
    (
        "dividend-per-share-en",
        "en",
        "Orbitex reported revenue of 2.84 billion euros. Earnings before interest (EBITDA) came in at 712 "
        "million euros. Orbitex proposed a dividend of 1.45 euros per share.",
    ),
]


@pytest.mark.parametrize(("language", "text"), [c[1:] for c in NOT_PARTS], ids=[c[0] for c in NOT_PARTS])
def test_amounts_that_are_no_items_of_a_total(language: str, text: str) -> None:
    assert [d.explanation for d in _discrepancies((text, language)) if d.kind == "sum"] == []


def test_unmarked_amounts_are_not_parts() -> None:
    text = "Brookfield will invest €20 billion. Brookfield earned €12 billion. Brookfield paid €8 billion in taxes."
    assert [d for d in _discrepancies((text, "en")) if d.kind == "sum"] == []


def test_sources_nobody_here_wrote_before() -> None:
    """English and French, dollars against euros, GW against MW, subjects carried between sentences."""
    english = (
        "Nvidia to invest in Europe\n"
        "Nvidia announced on 11 June 2025 that it will build more than 20 AI factories in Europe, "
        "with a combined capacity of 3 GW.\n"
        "The company said its partners had committed about $12 billion to the projects.\n"
    )
    french = (
        "# Nvidia en Europe\n\n"
        "Le 11 juin 2025, Nvidia a annoncé la construction de 20 usines d'IA en Europe, "
        "pour une puissance totale de 1 500 MW.\n"
        "Ses partenaires ont engagé environ 11 milliards d'euros.\n"
    )
    found = _discrepancies((english, "en"), (french, "fr"))
    assert [(d.kind, d.subject["entity"], d.subject["metric"]) for d in found] == [
        ("contradiction", "Nvidia", "capacity")
    ]
    assert "+100.0%" in found[0].explanation
    assert found[0].why.startswith("Compared as capacity of Nvidia, 2025-06-11")
    assert found[0].why.endswith(f"(confidence {found[0].confidence:.2f}).")


def test_why_names_what_a_source_read_differently() -> None:
    found = _discrepancies(
        ("Acme Robotics raised €420 million in 2024.", "en"),
        ("In 2024, Acme raised €210 million, the company said.", "en"),
    )
    (contradiction,) = [d for d in found if d.kind == "contradiction"]
    assert "read as" in contradiction.why and "Acme" in contradiction.why


CONFIDENCE = [
    # (id, two texts, expected confidence): how sure the match is, from what links the claims
    ("same-entity-specific-metric", ("Acme raised €10 million in 2024.", "In 2024, Acme raised €14 million."), 1.0),
    ("undated", ("Acme raised €10 million.", "Acme raised €14 million."), 0.85),
    ("generic-amount", ("In 2024, Acme got €10 million.", "In 2024, Acme got €14 million."), 0.7),
]


@pytest.mark.parametrize(("texts", "expected"), [c[1:] for c in CONFIDENCE], ids=[c[0] for c in CONFIDENCE])
def test_confidence_says_how_sure_the_match_is(texts: tuple[str, str], expected: float) -> None:
    (found,) = _discrepancies((texts[0], "en"), (texts[1], "en"))
    assert found.confidence == expected
    evidence = found.to_json()["evidence"]
    assert evidence["entity"] == "Acme" and len(evidence["sources"]) == 2
    assert all(row["entities"] == ["Acme"] for row in evidence["sources"])


def test_undated_money_is_converted_across_the_years_its_source_speaks_of() -> None:
    """No date for a dollar figure nor its source: the band covers the rates of the years named."""
    text = "Between 2015 and 2022 the fund changed hands. Acme raised $100 million from it."
    (claim,) = [c for c in claims_in(text) if c.kind == "money"]
    assert claim.fx is not None and "2015" <= claim.fx["date"] <= "2022-12-31"
    assert any(flag.startswith("undated: converted at the rates of 2015-2022") for flag in claim.flags)
    # The band reaches the lowest and the highest of those years' rates (plus the usual margin).
    assert claim.low is not None and claim.high is not None
    assert claim.high / claim.low > 1.1


def test_a_currency_slip_says_so() -> None:
    (found,) = discrepancies_in(
        ("In June 2024, Acme Robotics said it will invest more than €2.4 billion in France.", "en"),
        ("In June 2024, Acme Robotics said it will invest $2.4 billion in France.", "en"),
    )
    assert found.kind == "contradiction"
    assert "written in two currencies" in found.explanation


def test_claims_that_differ_only_in_substance_are_judged_apart() -> None:
    """Twins (claims judged once per class) must differ in nothing the comparison reads."""
    found = discrepancies_in(
        ("In 2024, the Acme grid emitted 56 gCO2/kWh.", "en"),
        ("In 2024, the Acme grid emitted 56 gCO2eq/kWh.", "en"),
        ("In 2024, the Acme grid emitted 80 gCO2eq/kWh.", "en"),
    )
    assert {c.source for d in found for c in d.claims} == {"s1.txt", "s2.txt"}


def test_an_undated_figure_does_not_set_two_periods_against_each_other() -> None:
    """An undated figure contradicts a 2022 figure and a 2024 one: one discrepancy per period,
    and the dated figures never stand against each other."""
    found = discrepancies_in(
        ("In 2022, the data centres of Acme Robotics consumed 5 TWh.", "en"),
        ("In 2024, the data centres of Acme Robotics consumed 8 TWh.", "en"),
        ("The data centres of Acme Robotics consumed 10 TWh.", "en"),
    )
    periods = sorted((d.subject["period"], sorted(c.source for c in d.claims)) for d in found)
    assert periods == [("2022", ["s0.txt", "s2.txt"]), ("2024", ["s1.txt", "s2.txt"])]
    assert all(d.kind == "contradiction" for d in found)


# (id, periods of the figures, the parts by_period makes, as the figures' indexes)
PERIOD_PARTS = [
    ("one-period", ["2022", "2022", ""], [[0, 1, 2]]),
    ("two-years-and-undated", ["2022", "2024", ""], [[0, 2], [1, 2]]),
    ("overlapping-years", ["2022", "2022-06", "2020/2023"], [[0, 1, 2]]),
    ("open-start-bridges", ["2018/..", "2022", "2024"], [[0, 1, 2]]),
    ("chained-overlaps-one-part", ["2020/2022", "2022/2024", "2024"], [[0, 1, 2]]),
    ("dates-stay-together", ["date:2021", "date:2023", ""], [[0, 1, 2]]),
    ("as-published-may-be-the-year-before", ["2022", "published:2023", ""], [[0, 1, 2]]),
    ("too-many-parts-stay-whole", [f"{2000 + i}" for i in range(13)] + [""], [list(range(14))]),
]


@pytest.mark.parametrize(("periods", "parts"), [c[1:] for c in PERIOD_PARTS], ids=[c[0] for c in PERIOD_PARTS])
def test_by_period(periods: list[str], parts: list[list[int]]) -> None:
    from claimdiff.compare import by_period

    (template,) = claims_in("Acme Robotics consumed 5 TWh.")
    figures = [_dated(template, i, period) for i, period in enumerate(periods)]
    found = [sorted(int(c.id[1:]) for c in part) for part in by_period(figures)]
    assert sorted(found) == parts


def _dated(template, index: int, period: str):  # type: ignore[no-untyped-def]
    """A copy of ``template`` from source ``s<index>.txt`` of ``period``; "date:" makes it a
    date, "published:" a period read from the publication date."""
    kind, flags = template.kind, template.flags
    if period.startswith("date:"):
        kind, period = "date", period.removeprefix("date:")
    if period.startswith("published:"):
        flags, period = [*flags, "period: as of publication"], period.removeprefix("published:")
    return template.replaced(id=f"c{index}", source=f"s{index}.txt", period=period, kind=kind, flags=flags)


def test_a_part_one_source_speaks_in_is_dropped() -> None:
    from claimdiff.compare import by_period

    (template,) = claims_in("Acme Robotics consumed 5 TWh.")
    figures = [_dated(template, 0, "2022"), _dated(template, 1, "2024"), _dated(template, 2, "2024")]
    figures[2] = figures[2].replaced(source="s0.txt")
    # s0 states a 2022 and a 2024 figure, s1 a 2024 one: the 2022 part is s0's alone.
    assert [sorted(c.id for c in part) for part in by_period(figures)] == [["c1", "c2"]]


def test_an_amount_dated_by_its_source_is_not_last_years_figure() -> None:
    """A figure dated only by its source may be a year older than its source, but not one that
    does not say what it measures: a deal's "amount" of 2025 is not the buyer's 2024 revenue."""
    from claimdiff.compare import comparable

    from .conftest import KNOWLEDGE

    (template,) = claims_in("Acme Robotics had revenue of €4.2 billion.")
    revenue_2024 = template.replaced(id="c0", source="s0.txt", period="2024", metric="revenue", entity="Acme Robotics")
    published = [*template.flags, "period: as of publication"]
    amount_2025 = revenue_2024.replaced(id="c1", source="s1.txt", period="2025", metric="amount", flags=published)
    entities = KNOWLEDGE.entities
    assert not comparable(revenue_2024, amount_2025, entities)
    assert comparable(revenue_2024, amount_2025.replaced(metric="revenue"), entities)
