"""The subjects stage: which metric governs a figure, and which entity it is about."""

from __future__ import annotations

import pytest

from claimdiff.pipeline import analyse_source
from claimdiff.sources import build_source
from claimdiff.subjects import find_entities
from claimdiff.subjects.places import learned_places

from .conftest import KNOWLEDGE


def _claim(text: str, language: str, surface: str, title: str = ""):  # type: ignore[no-untyped-def]
    metadata = {"language": language, **({"title": title} if title else {})}
    source = build_source("t.txt", text, KNOWLEDGE, metadata)
    found = [c for c in analyse_source(source, KNOWLEDGE) if c.text == surface]
    assert found, [c.text for c in analyse_source(source, KNOWLEDGE)]
    return found[0]


METRICS = [
    # Counted nouns and metric words of general vocabulary, one metric across languages.
    (
        "employs-people-counts-employees",
        "Zorbix Labs employs about 1,150 people.",
        "en",
        "about 1,150 people",
        "employees",
    ),
    ("salaries-count-employees", "Zorbix Labs compte 1 500 salariés.", "fr", "1 500 salariés", "employees"),
    ("mitarbeiter-count-employees", "Zorbix Labs hat 1.150 Mitarbeiter.", "de", "1.150 Mitarbeiter", "employees"),
    ("people-injured", "In Vardenholm, a total of 1,640 people were injured.", "en", "1,640 people", "injured"),
    ("blesses", "À Vardenholm, on compte 1 460 blessés.", "fr", "1 460 blessés", "injured"),
    ("killing-people", "The quake hit Vardenholm, killing 187 people.", "en", "187 people", "deaths"),
    # The nearest word wins: "la mort de" before the figure, not "blessés" after the next one.
    (
        "la-mort-de-people",
        "À Vardenholm, le séisme a provoqué la mort de 296 personnes et 153 blessés.",
        "fr",
        "296 personnes",
        "deaths",
    ),
    (
        "travellers-are-passengers",
        "The Vardel line will carry 5 million travellers.",
        "en",
        "5 million travellers",
        "count of passenger",
    ),
    (
        "voyageurs-are-passengers",
        "La ligne Vardel transportera 5 millions de voyageurs.",
        "fr",
        "5 millions de voyageurs",
        "count of passenger",
    ),
    (
        "foyers-are-households",
        "Le parc Vardel alimentera 600 000 foyers.",
        "fr",
        "600 000 foyers",
        "count of household",
    ),
    ("eoliennes-are-turbines", "Le parc Vardel comptera 50 éoliennes.", "fr", "50 éoliennes", "count of turbine"),
    # A counted noun is named by its singular, and in English: "lits", "Betten" and "beds" meet.
    ("beds-singular", "The new Vardel hospital will have 1,140 beds.", "en", "1,140 beds", "count of bed"),
    ("lits-are-beds", "Le nouvel hôpital de Vardel comptera 1 140 lits.", "fr", "1 140 lits", "count of bed"),
    ("betten-are-beds", "Das neue Krankenhaus in Vardel hat 1.140 Betten.", "de", "1.140 Betten", "count of bed"),
    ("ies-plural", "Zorbix Labs sells in 34 countries.", "en", "34 countries", "count of country"),
    ("pays-are-countries", "Zorbix Labs vend dans 34 pays.", "fr", "34 pays", "count of country"),
    ("eaux-plural", "Le port de Vardel accueille 40 bateaux.", "fr", "40 bateaux", "count of ship"),
    ("aux-plural", "Le réseau Vardel compte 12 canaux.", "fr", "12 canaux", "count of canal"),
    ("bieter-are-bidders", "Bei der Auktion in Vardel boten fünf Bieter mit.", "de", "fünf Bieter", "count of bidder"),
    (
        "sapeurs-pompiers",
        "À Vardel, 450 sapeurs-pompiers sont mobilisés.",
        "fr",
        "450 sapeurs-pompiers",
        "count of firefighter",
    ),
    ("an-offer-premium", "Orbitex offers a premium of 41% for Zorbix Labs.", "en", "41%", "premium"),
    ("a-journey-time", "The Vardel line cuts the journey to 48 minutes.", "en", "48 minutes", "journey time"),
    (
        "a-price-to-buy",
        "Orbitex agreed to buy Zorbix Labs for €4.2 billion.",
        "en",
        "€4.2 billion",
        "acquisition price",
    ),
    (
        "a-rachat",
        "Orbitex annonce le rachat de Zorbix Labs pour 4,2 milliards d'euros.",
        "fr",
        "4,2 milliards d'euros",
        "acquisition price",
    ),
    ("distance-off-the-coast", "The Vardel farm lies 22 km off the coast.", "en", "22 km", "distance"),
    (
        "a-cable-is-no-distance",
        "Vardel's power runs through a 33 km cable to the shore.",
        "en",
        "33 km",
        "cable length",
    ),
    (
        "a-fact-sheet-line",
        "Fiche technique du parc Vardel\nNombre d'éoliennes : 50\nPuissance installée : 750 MW\n",
        "fr",
        "50",
        "count of turbine",
    ),
    # A figure the sentence gives as the earlier value of another is of another time.
    (
        "an-earlier-value-after-contre",
        "À Vardenholm, le bilan s'est alourdi à 312 morts, contre 187 morts annoncés mardi.",
        "fr",
        "187 morts",
        "deaths (earlier)",
    ),
    (
        "an-earlier-value-in-a-change",
        "Zorbix Labs' revenue rose from €5 million to €8 million.",
        "en",
        "€5 million",
        "revenue (earlier)",
    ),
    (
        "the-later-value-in-a-change",
        "Zorbix Labs' revenue rose from €5 million to €8 million.",
        "en",
        "€8 million",
        "revenue",
    ),
    ("a-magnitude", "A magnitude 6.2 earthquake struck Vardenholm.", "en", "magnitude 6.2", "magnitude"),
    # A factor is the factor of what grew, whatever its unit: two factors of one company in one
    # year are not one figure when one is its revenue's and the other its consumption's.
    ("a-factor-of-revenue", "Zorbix Labs' revenue doubled in 2023.", "en", "doubled", "factor of revenue"),
    (
        "a-factor-of-consumption",
        "La consommation d'électricité de Zorbix Labs a été multipliée par 4,2 en 2023.",
        "fr",
        "multipliée par 4,2",
        "factor of consumption",
    ),
    ("values-at-is-a-valuation", "The round values Zorbix Labs at €7 billion.", "en", "€7 billion", "valuation"),
    ("transfer-fee", "Orbitex FC paid a transfer fee of €68 million for the striker.", "en", "€68 million", "fee"),
    ("ransom-en", "The attackers demanded a ransom of $4.8 million.", "en", "$4.8 million", "ransom"),
    (
        "amende-fr",
        "La Cnil a infligé une amende de 2,5 millions d'euros à Zorbix.",
        "fr",
        "2,5 millions d'euros",
        "fine",
    ),
    ("bussgeld-de", "Die Behörde verhängte ein Bußgeld von 2,5 Millionen Euro.", "de", "2,5 Millionen Euro", "fine"),
    ("sanction-fr", "Sanction de 2,5 millions d'euros contre Zorbix.", "fr", "2,5 millions d'euros", "fine"),
    # A company's accounts: each line of them its own metric, in each language.
    ("net-profit-en", "Zorbix posted a net profit of €120 million.", "en", "€120 million", "net profit"),
    (
        "resultat-net-fr",
        "Le résultat net de Zorbix atteint 120 millions d'euros.",
        "fr",
        "120 millions d'euros",
        "net profit",
    ),
    (
        "nettogewinn-de",
        "Zorbix erzielte einen Nettogewinn von 120 Millionen Euro.",
        "de",
        "120 Millionen Euro",
        "net profit",
    ),
    ("operating-profit-en", "Operating profit rose to €80 million.", "en", "€80 million", "operating profit"),
    ("ebitda-fr", "L'Ebitda de Zorbix atteint 40 millions d'euros.", "fr", "40 millions d'euros", "ebitda"),
    ("loss-en", "Zorbix reported a loss of $30 million.", "en", "$30 million", "loss"),
    ("perte-fr", "Zorbix a enregistré une perte de 30 millions d'euros.", "fr", "30 millions d'euros", "loss"),
    ("verlust-de", "Zorbix meldete einen Verlust von 30 Millionen Euro.", "de", "30 Millionen Euro", "loss"),
    ("net-debt-en", "Its net debt stands at €95 million.", "en", "€95 million", "net debt"),
    ("dette-nette-fr", "Dette nette : 95 M€", "fr", "95 M€", "net debt"),
    # "Including debt" qualifies a valuation; it states no debt.
    (
        "dette-comprise-qualifies",
        "L'opération valorise Zorbix à 310 millions d'euros, dette comprise.",
        "fr",
        "310 millions d'euros",
        "valuation",
    ),
    ("masse-salariale-fr", "Masse salariale 2024-2025 : 87 M€", "fr", "87 M€", "wage bill"),
    ("payroll-en", "Zorbix's payroll reached €87 million.", "en", "€87 million", "wage bill"),
    (
        "assets-under-management",
        "Orbitex manages about $14 billion in assets.",
        "en",
        "about $14 billion",
        "assets under management",
    ),
    (
        "actifs-sous-gestion",
        "Orbitex gère 14 milliards de dollars d'actifs.",
        "fr",
        "14 milliards de dollars",
        "assets under management",
    ),
    ("market-cap-en", "Zorbix has a market capitalisation of €9 billion.", "en", "€9 billion", "market capitalisation"),
    (
        "boersenwert-de",
        "Der Börsenwert von Zorbix liegt bei 9 Milliarden Euro.",
        "de",
        "9 Milliarden Euro",
        "market capitalisation",
    ),
    (
        "valorisant-is-a-valuation",
        "Ce tour de table, valorisant Zorbix Labs à 2 milliards d'euros, est clos.",
        "fr",
        "2 milliards d'euros",
        "valuation",
    ),
    (
        "an-organisation-launched-is-created",
        "Zorbix Labs a levé 5 millions d'euros. La start-up, lancée le 3 mars 2021, grandit.",
        "fr",
        "3 mars 2021",
        "creation date",
    ),
    (
        "a-rocket-lifted-off",
        "The Vesta rocket lifted off from Kourou on October 9, 2026.",
        "en",
        "October 9, 2026",
        "launch date",
    ),
    (
        "une-fusee-a-decolle",
        "La fusée Vesta a décollé de Kourou le 9 octobre 2026.",
        "fr",
        "9 octobre 2026",
        "launch date",
    ),
    (
        "what-an-organisation-launches-stays-a-launch",
        "Zorbix Labs grew fast. The company launched its app in May 2024.",
        "en",
        "May 2024",
        "launch date",
    ),
    (
        "what-the-startup-presented-stays-a-launch",
        "Zorbix Labs grandit. La start-up a présenté sa nouvelle application, lancée le 3 mai 2024.",
        "fr",
        "3 mai 2024",
        "launch date",
    ),
    (
        "a-product-launched-stays-a-launch",
        "The Zorbix app, launched in May 2024, grew fast.",
        "en",
        "May 2024",
        "launch date",
    ),
    (
        "fr-inflection-by-stem",
        "Les 140 data centers de la région consommaient environ 7 TWh.",
        "fr",
        "environ 7 TWh",
        "consumption",
    ),
    ("en-inflection-by-stem", "Last year the plants exported 12 TWh to Italy.", "en", "12 TWh", "exports"),
    (
        "own-stem-is-another-word",
        "The tool helps improve product quality and cut design time by 80%.",
        "en",
        "80%",
        "share",
    ),
    (
        "percent-after-a-percent-measures-the-same",
        "La part des serveurs dans la demande mondiale atteint 3 %, tandis qu'à Vardenholm, elle grimpe à 9 %.",
        "fr",
        "9 %",
        "consumption",
    ),
    (
        "percent-inside-its-clause-keeps-its-own",
        "In 2024, Acmeland's consumption reached 2%, while among the staff of its employers 45% were women.",
        "en",
        "45%",
        "share",
    ),
    ("keyword-of-another-unit", "The production site will run for 10 years.", "en", "10 years", ""),
    (
        "efficiency-is-not-computing-power",
        "Its computing power reaches 69 Gflop/s per watt.",
        "en",
        "69 Gflop/s per watt",
        "rate",
    ),
    (
        "count-named-by-its-noun",
        "The earthquake caused 2,140 deaths, and 930 people are missing.",
        "en",
        "2,140 deaths",
        "deaths",
    ),
    (
        "classifier-counts-what-follows",
        "Le module Hyperion embarque environ 4 200 exemplaires de ses puces.",
        "fr",
        "environ 4 200 exemplaires",
        "count of chip",
    ),
    ("edition-number", "Delegates gathered for the fifth Acme Forum Summit.", "en", "fifth", "edition number"),
    (
        "population-words-count-people-only",
        "The flood reached Vardenholm, a town of 40,000, and destroyed three bridges.",
        "en",
        "three bridges",
        "count of bridge",
    ),
    (
        "fr-english-compound-noun",
        "La région comptait déjà 85 data centers.",
        "fr",
        "85 data centers",
        "count of datacenter",
    ),
    (
        "seeking-to-raise-is-no-raise",
        "Acme Robotics was seeking to raise $135 million.",
        "en",
        "$135 million",
        "funds raised (possible)",
    ),
    (
        "fr-alternative-is-a-possibility",
        "Acme Robotics prévoit entre 4 et 6 TWh, voire un spectaculaire 8 TWh.",
        "fr",
        "8 TWh",
        "energy (possible)",
    ),
    (
        "fr-figure-before-an-alternative-stands",
        "Acme Robotics prévoit entre 4 et 6 TWh, voire un spectaculaire 8 TWh.",
        "fr",
        "4 et 6 TWh",
        "energy",
    ),
    (
        "en-condition-after-a-figure",
        "Acme Robotics used 8 TWh if its figures hold.",
        "en",
        "8 TWh",
        "energy (possible)",
    ),
    (
        "fr-condition-after-a-figure",
        "Acme Robotics atteint 8 TWh si la demande bondit.",
        "fr",
        "8 TWh",
        "consumption (possible)",
    ),
    (
        "a-series-round-dates-that-round",
        "Zorbix Labs closed an €80 million Series B round led by Orbitex in 2022.",
        "en",
        "2022",
        "funding round date",
    ),
    (
        "fr-une-serie-conclue-en",
        "Zorbix Labs a levé une série B de 80 millions d'euros bouclée en mars 2021.",
        "fr",
        "mars 2021",
        "funding round date",
    ),
    (
        "fr-seeking-to-raise",
        "La société cherchait à lever 135 millions de dollars.",
        "fr",
        "135 millions de dollars",
        "funds raised (possible)",
    ),
    # What analysts expected, or a company's guidance, is no result: it meets only forecasts.
    (
        "en-expectations-of",
        "Orbitex posted revenue of $5.1 billion, exceeding market expectations of $4.9 billion.",
        "en",
        "$4.9 billion",
        "revenue (possible)",
    ),
    (
        "en-result-beside-expectations-stands",
        "Orbitex posted revenue of $5.1 billion, exceeding market expectations of $4.9 billion.",
        "en",
        "$5.1 billion",
        "revenue",
    ),
    (
        "fr-tablaient-sur",
        "Les analystes tablaient sur un chiffre d'affaires de 4,9 milliards d'euros pour Orbitex.",
        "fr",
        "4,9 milliards d'euros",
        "revenue (possible)",
    ),
    (
        "de-erwartet",
        "Analysten hatten für Orbitex einen Umsatz von 4,9 Milliarden Euro erwartet.",
        "de",
        "4,9 Milliarden Euro",
        "revenue (possible)",
    ),
]


# A percentage a change word governs is the growth of the measure on that word's side; the
# lines of accounts and of an auction are metrics of their own.
METRICS += [
    ("en-growth-before", "Orbitex revenue rose 23% to €2.8 billion.", "en", "23%", "growth of revenue"),
    ("en-growth-after", "Orbitex reported a 59% rise in net profit.", "en", "59%", "growth of net profit"),
    (
        "fr-growth-on-the-change-side",
        "Orbitex : chiffre d'affaires en progression de 23 %, résultat net de 298 M€",
        "fr",
        "23 %",
        "growth of revenue",
    ),
    ("de-growth", "Der Umsatz von Orbitex stieg um 12 Prozent.", "de", "12 Prozent", "growth of revenue"),
    # What a thing cost, as a verb or a bill.
    ("fr-a-coute", "Le stade de Vardel a coûté 6 milliards d'euros.", "fr", "6 milliards d'euros", "price"),
    (
        "fr-facture",
        "La facture du chantier de Vardel atteint 13,2 milliards d'euros.",
        "fr",
        "13,2 milliards d'euros",
        "price",
    ),
    ("de-gekostet", "Das Stadion in Vardel hat 6 Milliarden Euro gekostet.", "de", "6 Milliarden Euro", "price"),
    ("en-share-without-change", "Orbitex holds 18% of the market.", "en", "18%", "share"),
    # A change of something no measure word names is a growth, never a share of a whole.
    ("en-growth-unnamed", "Orbitex stock has gained about 28% since January.", "en", "about 28%", "growth rate"),
    (
        "fr-hausse-unnamed",
        "Orbitex compte 502 start-up, soit une hausse de 11 % sur un an.",
        "fr",
        "11 %",
        "growth rate",
    ),
    ("en-dividend", "Orbitex proposed a dividend of 1.45 euros per share.", "en", "1.45 euros", "dividend"),
    ("fr-dividende", "Dividende proposé : 1,45 €", "fr", "1,45 €", "dividend"),
    ("fr-ca-is-revenue", "CA 2025 : 2,84 Md€", "fr", "2,84 Md€", "revenue"),
    (
        "en-hammer-price",
        "The painting went to a collector with a hammer price of 6.2 million euros.",
        "en",
        "6.2 million euros",
        "hammer price",
    ),
    (
        "fr-au-marteau",
        "Le tableau a été adjugé 6,2 millions d'euros au marteau, soit 7,44 M€ frais compris.",
        "fr",
        "6,2 millions d'euros",
        "hammer price",
    ),
    (
        "fr-frais-compris-is-the-price",
        "Le tableau a été adjugé 6,2 millions d'euros au marteau, soit 7,44 M€ frais compris.",
        "fr",
        "7,44 M€",
        "price",
    ),
    (
        "en-including-fees-is-the-price",
        "The painting sold for 7.44 million euros including fees.",
        "en",
        "7.44 million euros",
        "price",
    ),
    ("de-zuschlag", "Der Zuschlag lag bei 6,2 Millionen Euro.", "de", "6,2 Millionen Euro", "hammer price"),
    # Laying the first stone is an event of its own, never the launch of the project.
    (
        "en-first-stone",
        "Work began with the laying of the first stone in March 2023.",
        "en",
        "March 2023",
        "groundbreaking date",
    ),
    (
        "fr-premiere-pierre",
        "La première pierre du chantier a été posée le 12 mars 2024.",
        "fr",
        "12 mars 2024",
        "groundbreaking date",
    ),
    ("de-spatenstich", "Der Spatenstich für das Werk erfolgte im März 2024.", "de", "März 2024", "groundbreaking date"),
    # A German compound is headed by its last part: "Jahreskapazität" is a capacity.
    (
        "de-compound-head",
        "Die Anlage von Orbitex hat eine Jahreskapazität von 35.000 Tonnen.",
        "de",
        "35.000 Tonnen",
        "capacity",
    ),
    (
        "fr-capacity-per-year",
        "L'usine, d'une capacité de 25 000 tonnes par an, ouvrira.",
        "fr",
        "25 000 tonnes par an",
        "capacity",
    ),
    # A keyword opening a later clause with its own figure is that figure's.
    (
        "de-keyword-of-the-next-clause",
        "Orbitex steigerte den Umsatz im vergangenen Jahr auf 2,84 Milliarden Euro, der Nettogewinn lag bei 298 "
        "Millionen Euro.",
        "de",
        "2,84 Milliarden Euro",
        "revenue",
    ),
    (
        "en-keyword-of-the-next-clause",
        "Revenue at Orbitex reached €325 million, its profit €20 million.",
        "en",
        "€325 million",
        "revenue",
    ),
]


@pytest.mark.parametrize(
    ("text", "language", "surface", "metric"), [c[1:] for c in METRICS], ids=[c[0] for c in METRICS]
)
def test_metric_governing_a_figure(text: str, language: str, surface: str, metric: str) -> None:
    assert _claim(text, language, surface).metric == metric


@pytest.mark.parametrize(
    ("text", "language", "dated", "undated"),
    [
        ("Founded in 2009 and listed on Euronext since 2015, Zorbix grew.", "en", "2009", "2015"),
        ("Lancée en 2018 et cotée depuis 2021, Zorbix grandit.", "fr", "2018", "2021"),
    ],
    ids=["en", "fr"],
)
def test_an_event_word_dates_the_nearer_date_only(text: str, language: str, dated: str, undated: str) -> None:
    texts = [c.text for c in analyse_source(build_source("t.txt", text, KNOWLEDGE, {"language": language}), KNOWLEDGE)]
    assert dated in texts
    assert undated not in texts


def test_la_serie_a_is_no_funding_round() -> None:
    source = build_source(
        "t.txt", "La série a été vue par 5 millions de spectateurs en 2023.", KNOWLEDGE, {"language": "fr"}
    )
    assert [c.text for c in analyse_source(source, KNOWLEDGE) if c.kind == "date"] == []


def test_a_series_names_the_round_a_date_is_of() -> None:
    claim = _claim("Zorbix Labs closed an €80 million Series B round led by Orbitex in 2022.", "en", "2022")
    assert (claim.entity, claim.topic) == ("Zorbix Labs", "series b")


ENTITIES = [
    ("a-common-word-label-names-nothing", "Roundup: the fund raised €5 billion in 2025.", "en", "€5 billion", ""),
    ("a-label-names-its-entity", "Zorbix Labs: the fund raised €5 billion in 2025.", "en", "€5 billion", "Zorbix Labs"),
    (
        "a-dateline-names-no-subject",
        "BERLIN, March 29 (Reuters) -- The fund will dedicate €5 billion to research in 2025.",
        "en",
        "€5 billion",
        "",
    ),
    (
        "a-dateline-with-its-country",
        "LYON, France, March 18 (Reuters) - The bank said 1.4 million customers were affected.",
        "en",
        "1.4 million customers",
        "",
    ),
    (
        "after-a-dateline-the-subject",
        "PARIS (AP) — Zorbix Labs will invest €5 billion in 2025.",
        "en",
        "€5 billion",
        "Zorbix Labs",
    ),
    (
        "a-place-follows-a-place",
        "Tokyo is the largest market. Singapore is growing faster. Its revenue rose to €5 billion in 2023.",
        "en",
        "€5 billion",
        "Singapore",
    ),
    ("a-letter-after-an-attribute", "In 2024, Paris-based H raised €220 million.", "en", "€220 million", "H"),
    (
        "a-place-named-as-subject-is-not-carried",
        "Les ouvriers de Zorbix Nova rénovent un pont. Ses piles bordent Paris. "
        "Désormais, 600 poutres sont nécessaires.",
        "fr",
        "600 poutres",
        "Zorbix Nova",
    ),
    (
        "a-place-that-says-where-an-ignored-name-is",
        "On bâtira un second campus, après Hyperion en Allemagne, pour un budget de 320 millions d'euros.",
        "fr",
        "320 millions d'euros",
        "",
    ),
    (
        "a-one-letter-name-before-its-figure",
        "Startups such as Zorbix (€526 million), H (€250 million) and Quorly (€62 million) raised funds.",
        "en",
        "€250 million",
        "H",
    ),
    (
        "opening-participle-phrase",
        "Développé par l'institut Orbitex, HYPERION atteint 2 exaflops.",
        "fr",
        "2 exaflops",
        "Hyperion",
    ),
    (
        "opening-participle-is-no-name",
        "Financé par la Commission, Acme Robotics a levé 5 millions d'euros.",
        "fr",
        "5 millions d'euros",
        "Acme Robotics",
    ),
    (
        "capitalised-function-word-inside-a-name",
        "Les dons pour Notre Avenir ont atteint 312 millions d'euros.",
        "fr",
        "312 millions d'euros",
        "Notre Avenir",
    ),
    (
        "nearest-place-of-a-located-metric",
        "Most files are hosted in the US, but 140 data centres in France used 7 TWh in 2023.",
        "en",
        "7 TWh",
        "France",
    ),
    (
        "place-so-far-before-the-home-place-is-named",
        "Le réseau électrique français sature.\n\nLes centres de données consomment 7 TWh.\n\n"
        "À Lyon, les demandes affluent.\n\nÀ Lyon, le port attend.\n\nÀ Lyon, la ville hésite.",
        "fr",
        "7 TWh",
        "France",
    ),
    (
        "home-place-once-named",
        "À Lyon, les demandes affluent.\n\nÀ Lyon, le port attend. Le réseau électrique français sature."
        "\n\nLes centres de données consomment 7 TWh.",
        "fr",
        "7 TWh",
        "Lyon",
    ),
    (
        "a-place-its-source-writes-after-in",
        "Engineers arrived in Vardenholm. Vardenholm, a town of about 38,000 people, was cut off.",
        "en",
        "about 38,000 people",
        "Vardenholm",
    ),
    (
        "nearest-place-of-any-metric",
        "Même si nos fichiers sont hébergés au loin (aux USA), on compte 140 data centers en France.",
        "fr",
        "140 data centers",
        "France",
    ),
    (
        "each-figure-its-nearest-place",
        "In Germany there are 510 data centres, against 180 data centres in France.",
        "en",
        "180 data centres",
        "France",
    ),
    (
        "frequent-word-opening-two-sentences-is-no-name",
        "Parmi les entrepôts, 37 % se trouvent en Île-de-France. Parmi les autres, beaucoup sont à Lille.",
        "fr",
        "37 %",
        "Île-de-France",
    ),
    (
        "place-as-an-attribute-is-not-the-subject-carried",
        "Acme Robotics builds cranes. A fire ravaged the France pavilion. Officials said 1,000 cranes are needed.",
        "en",
        "1,000 cranes",
        "Acme Robotics",
    ),
    (
        "pronoun-stands-for-the-subject-before",
        "Acme Robotics sells cranes. It employs 300 people in France.",
        "en",
        "300 people",
        "Acme Robotics",
    ),
    (
        "fr-pronoun-stands-for-the-subject-before",
        "Acme Robotics vend des grues. Elle emploie 300 personnes en France.",
        "fr",
        "300 personnes",
        "Acme Robotics",
    ),
    (
        "impersonal-pronoun-stands-for-nothing",
        "Acme Robotics vend des grues. Il y a 140 data centers en France.",
        "fr",
        "140 data centers",
        "France",
    ),
    (
        "edition-is-the-events",
        "Delegates gathered for the fifth Acme Forum Summit.",
        "en",
        "fifth",
        "Acme Forum Summit",
    ),
    (
        "roman-century-is-no-name",
        "Pour restaurer le clocher du XVIIe siècle, 350 poutres sont nécessaires.",
        "fr",
        "350 poutres",
        "",
    ),
    (
        "a-name-reporting-a-clause-is-its-source",
        "Zorbix Labs builds drones. The Daily Ledger reported the company plans a listing. The startup sells "
        "2,000 drones a year.",
        "en",
        "2,000 drones",
        "Zorbix Labs",
    ),
    (
        "a-name-reporting-its-own-figure",
        "Orbitex reported a loss of €5 million in 2024.",
        "en",
        "€5 million",
        "Orbitex",
    ),
    (
        "fr-rapporte-que-names-the-source",
        "Le Quotidien rapporte que Zorbix Labs a levé 5 millions d'euros.",
        "fr",
        "5 millions d'euros",
        "Zorbix Labs",
    ),
    (
        "fr-gerund-opening-keeps-the-pronoun-s-subject",
        "Zorbix Labs ouvre une usine à Lyon. En rachetant son concurrent Quanta, elle atteint 3 000 salariés.",
        "fr",
        "3 000 salariés",
        "Zorbix Labs",
    ),
    (
        "fr-after-a-pronoun-sentence-the-subject-carries-on",
        "Zorbix Labs ouvre une usine à Lyon. En rachetant son concurrent Quanta, elle double sa taille. Le "
        "groupe emploie désormais 3 000 salariés.",
        "fr",
        "3 000 salariés",
        "Zorbix Labs",
    ),
    (
        "en-gerund-opening",
        "Zorbix Labs grew fast. After raising €10 million from Orbitex, it hired 300 people.",
        "en",
        "300 people",
        "Zorbix Labs",
    ),
    (
        "fr-names-a-relative-clause-lists",
        "Le consortium, qui réunit Veltrix, Orbitex et le groupe lyonnais Quanta, finance Zorbix Labs à "
        "hauteur de 2 milliards d'euros.",
        "fr",
        "2 milliards d'euros",
        "Zorbix Labs",
    ),
    (
        "en-names-a-relative-clause-lists",
        "The consortium, which includes Veltrix, Orbitex and Quanta, funds Zorbix Labs with €5 billion.",
        "en",
        "€5 billion",
        "Zorbix Labs",
    ),
    (
        "en-names-a-list-gives",
        "Zorbix Labs grew. The syndicate counts lenders such as Veltrix, Orbitex and Danish shipping group "
        "Quanta. The startup now employs 800 people.",
        "en",
        "800 people",
        "Zorbix Labs",
    ),
    (
        "fr-names-a-list-gives",
        "Zorbix Labs grandit. Le tour réunit des fonds tels que Veltrix et Orbitex. La startup vaut 5 milliards d'euros.",
        "fr",
        "5 milliards d'euros",
        "Zorbix Labs",
    ),
    (
        "a-figure-in-brackets-after-a-listed-name",
        "France has startups such as Zorbix Labs (€1.2 billion), Orbitex and Quanta.",
        "en",
        "€1.2 billion",
        "Zorbix Labs",
    ),
    (
        "a-reference-past-a-passive-agent",
        "Zorbix Labs grew. The startup closed a Series B round backed by Orbitex in 2022.",
        "en",
        "2022",
        "Zorbix Labs",
    ),
    (
        "a-title-of-something-before-a-name-makes-a-person",
        "Orbitex opened a plant. The CEO of the group, Jane Roe, was there. The US corporation will create 900 jobs.",
        "en",
        "900 jobs",
        "Orbitex",
    ),
    (
        "a-lower-case-title-makes-a-person",
        "Orbitex is growing. Speaking in Paris, president Jane Roe was upbeat. The company will hire 300 people.",
        "en",
        "300 people",
        "Orbitex",
    ),
    (
        "a-region-in-brackets-after-a-place-is-a-place",
        "Orbitex opened a plant in Villeurbanne (Rhône). The American giant will spend €3 billion.",
        "en",
        "€3 billion",
        "Orbitex",
    ),
    (
        "a-headline-line-is-its-own-sentence",
        "Orbitex Wins €40M Contract for Coastal Radar Systems\nQuanta will supply the sensors over five years.",
        "en",
        "€40M",
        "Orbitex",
    ),
    (
        "en-respectively-pairs-names-and-figures",
        "Acme and Orbitex will invest $4 billion and $1 billion, respectively.",
        "en",
        "$1 billion",
        "Orbitex",
    ),
    (
        "en-respectively-past-an-acronym-in-brackets",
        "Zorbix Labs and Orbitex Systems (OS) will invest $4 billion and $1 billion, respectively.",
        "en",
        "$1 billion",
        "Orbitex Systems",
    ),
    (
        "en-respectively-a-figure-restated-in-brackets",
        "Acme and Orbitex will invest €4 billion ($4.3 billion) and €1 billion ($1.1 billion), respectively.",
        "en",
        "$1.1 billion",
        "Orbitex",
    ),
    (
        "fr-respectivement-without-as-many-names-is-nobody-s",
        "Zorbix Labs grandit. Ensuite, ils ont obtenu respectivement 40 millions d'euros et 25 millions d'euros.",
        "fr",
        "25 millions d'euros",
        "",
    ),
    # Counter-cases: the rules above leave these alone.
    (
        "a-company-reporting-its-own-figure",
        "Orbitex reported its revenue rose to €5 billion in 2024.",
        "en",
        "€5 billion",
        "Orbitex",
    ),
    (
        "a-reported-clause-naming-its-subject",
        "The Daily Ledger reported that Zorbix Labs raised €270 million.",
        "en",
        "€270 million",
        "Zorbix Labs",
    ),
    (
        "a-title-of-something-before-a-verb",
        "The minister of industry praised Zorbix Labs, which will invest €5 billion.",
        "en",
        "€5 billion",
        "Zorbix Labs",
    ),
    (
        "a-list-word-opening-a-sentence",
        "Notably, Zorbix Labs raised €270 million in 2024.",
        "en",
        "€270 million",
        "Zorbix Labs",
    ),
    (
        "a-list-of-one-before-the-main-clause",
        "Backed by investors including Veltrix, Zorbix Labs raised €270 million in 2024.",
        "en",
        "€270 million",
        "Zorbix Labs",
    ),
    (
        "a-relative-clause-after-a-name",
        "CEO Jane Roe, who runs Zorbix Labs, said it will hire 300 people.",
        "en",
        "300 people",
        "Zorbix Labs",
    ),
    (
        "an-agent-the-figure-is-about",
        "Zorbix Labs grew. The startup was acquired by Orbitex, which paid €5 billion.",
        "en",
        "€5 billion",
        "Orbitex",
    ),
    (
        "a-wrapped-sentence-is-no-headline",
        "According to Reuters, Zorbix Labs and\nOrbitex together raised €270 million in 2024.",
        "en",
        "€270 million",
        "Zorbix Labs",
    ),
    # A figure in an apposition is the name's it describes; names inside it only describe.
    (
        "apposition-holds-a-founding-year",
        "Orbitex will take over Zorbix Labs, the Vardel biotech founded in 2011 that makes inhalers.",
        "en",
        "2011",
        "Zorbix Labs",
    ),
    (
        "apposition-fr",
        "Orbitex rachète Zorbix, une start-up lyonnaise qui emploie 300 salariés.",
        "fr",
        "300 salariés",
        "Zorbix",
    ),
    (
        "apposition-de",
        "Zorbix, die Lyoner Biotech-Firma mit 300 Mitarbeitern, wird verkauft.",
        "de",
        "300 Mitarbeitern",
        "Zorbix",
    ),
    (
        "apposition-of-an-object",
        "Orbitex bought Zorbix Labs, a company worth €4 billion, on Monday.",
        "en",
        "€4 billion",
        "Zorbix Labs",
    ),
    (
        "after-an-apposition-closes",
        "Zorbix Labs, a Vardel biotech, raised €5 million.",
        "en",
        "€5 million",
        "Zorbix Labs",
    ),
    # A participle opening the sentence describes the main clause's subject.
    (
        "opening-participle-dates-the-main-subject",
        "Founded in 2009 and listed on Euronext since 2015, Zorbix makes inhalers.",
        "en",
        "2009",
        "Zorbix",
    ),
    # A definite reference stands for what the source last described with its noun.
    (
        "the-farm-described-before",
        "Acme approved the 750-megawatt Zorbix Ridge wind farm on Monday. The farm will use 50 turbines.",
        "en",
        "50 turbines",
        "Zorbix Ridge",
    ),
    (
        "le-parc-described-before",
        "Acme investit dans le parc éolien en mer de Zorbix Ridge. Le parc comptera 50 éoliennes.",
        "fr",
        "50 éoliennes",
        "Zorbix Ridge",
    ),
    (
        "the-noun-of-an-apposition",
        "Orbitex bought Zorbix Labs, a Vardel biotech. The biotech employs 300 people.",
        "en",
        "300 people",
        "Zorbix Labs",
    ),
    (
        "a-pronoun-after-a-reference",
        "Acme approved the Zorbix Ridge wind farm. The farm, 14 miles off the coast, is big. It will power 600,000 homes.",
        "en",
        "600,000 homes",
        "Zorbix Ridge",
    ),
    (
        "a-place-is-described-by-nothing",
        "Acme hosted the Paris summit. The summit drew 3,000 visitors.",
        "en",
        "3,000 visitors",
        "Acme",
    ),
    (
        "a-quantity-noun-is-no-description",
        "Orbitex backs the Zorbix investment plan. The investment amounts to €400 million.",
        "en",
        "€400 million",
        "Orbitex",
    ),
    (
        "a-name-between-reference-and-figure",
        "Acme approved the Zorbix Ridge wind farm. The farm Orbitex runs employs 40 people.",
        "en",
        "40 people",
        "Orbitex",
    ),
    # A figure modifying a name inside one noun phrase is that name's.
    (
        "a-figure-before-the-name-it-modifies",
        "A consortium took a final decision on the 750-megawatt Zorbix Ridge wind farm off Vardel.",
        "en",
        "750-megawatt",
        "Zorbix Ridge",
    ),
    ("a-figure-before-a-reported-name", "Orbitex raised €2 billion Zorbix said.", "en", "€2 billion", "Orbitex"),
    (
        "title-inside-a-name-is-a-person",
        "Port Authority Director Jane Roe visited Acme Robotics. It needs 400 welders.",
        "en",
        "400 welders",
        "Acme Robotics",
    ),
]


@pytest.mark.parametrize(
    ("text", "language", "surface", "entity"), [c[1:] for c in ENTITIES], ids=[c[0] for c in ENTITIES]
)
def test_entity_a_figure_is_about(text: str, language: str, surface: str, entity: str) -> None:
    assert _claim(text, language, surface).entity == entity


REFERENCES = [
    (
        "fr-startup-of-the-title",
        "Acme Robotics lève 75 millions d'euros",
        "La startup française dit avoir obtenu 75 millions d'euros.",
        "fr",
        "75 millions d'euros",
        "Acme Robotics",
    ),
    (
        "en-company-named-before",
        "",
        "Acme Robotics opened a plant in Lyon. The company raised €40 million in 2024.",
        "en",
        "€40 million",
        "Acme Robotics",
    ),
    (
        "fragment-said-of-by-the-next-sentence",
        "",
        "45 millions d'euros. C'est le montant qu'Acme Robotics a obtenu.",
        "fr",
        "45 millions d'euros",
        "Acme Robotics",
    ),
    (
        "the-club-named-before",
        "",
        "Orbitex FC was sold on Monday. The club has debts of €120 million.",
        "en",
        "€120 million",
        "Orbitex FC",
    ),
    (
        "la-banque-named-before",
        "",
        "Zorbix Banque a été piratée. La banque compte 1,4 million de clients.",
        "fr",
        "1,4 million de clients",
        "Zorbix Banque",
    ),
    # A fact sheet's lines are about the sheet's subject: not a label's common noun, not a
    # name after the value, not the line before.
    (
        "fact-line-label-names-nothing",
        "",
        "Acme construit la ligne.\nRaccordements au réseau : 12 km\nVitesse maximale : 320 km/h\n",
        "fr",
        "320 km/h",
        "Acme",
    ),
    (
        "fact-line-plural-label",
        "",
        "Orbitex builds the Zorbix line.\nViaducts: 13\nLength: 148 km\n",
        "en",
        "148 km",
        "Orbitex",
    ),
    (
        "fact-line-name-after-the-value",
        "",
        "Orbitex a décidé d'investir.\nNombre d'éoliennes : 50 (Vardel X15, 15 MW)\nDistance à la côte : 22 km\n",
        "fr",
        "22 km",
        "Orbitex",
    ),
    (
        "fr-participle-of-an-ir-verb-opens-a-phrase",
        "",
        "Réuni à Vardel sous la présidence du préfet de la région Normandie, le comité de la ligne Zorbix a validé "
        "le projet. Il coûtera 8 milliards d'euros.",
        "fr",
        "8 milliards d'euros",
        "Zorbix",
    ),
    (
        "a-row-names-its-place",
        "",
        "Weekly figures\nVardel - burned area since 1 July: 58,000 ha (EFFIS)\nZorbia - people evacuated: 2,300\n",
        "en",
        "2,300",
        "Zorbia",
    ),
    (
        "there-is-the-place-named-last",
        "",
        "Vardel's situation is similar. Fires there have burned 13,000 hectares.",
        "en",
        "13,000 hectares",
        "Vardel",
    ),
    (
        "there-opening-a-sentence-is-no-place",
        "",
        "Acme opened in Vardel. There are 5 plants and 300 workers.",
        "en",
        "300 workers",
        "Acme",
    ),
    (
        "a-source-in-brackets",
        "",
        "Près de 60 000 hectares ont brûlé en Espagne, selon le système européen d'information sur les feux (EFFIS).",
        "fr",
        "Près de 60 000 hectares",
        "Spain",
    ),
    # "The project" is the thing the story describes and names most.
    (
        "the-project-the-story-describes",
        "",
        "Acme approved the Zorbix Ridge wind farm. Orbitex, a Vardel utility, will buy its power. "
        "Zorbix Ridge will be big. The project will use 50 turbines.",
        "en",
        "50 turbines",
        "Zorbix Ridge",
    ),
    (
        "a-region-describes-no-project",
        "",
        "Le préfet de la région Vardelie a réuni le comité de la ligne nouvelle Zorbix. Le projet coûtera 8 milliards d'euros.",
        "fr",
        "8 milliards d'euros",
        "Zorbix",
    ),
    (
        "les-promoteurs-du-projet",
        "",
        "La ligne Zorbix avance. Les promoteurs du projet misent sur 4,5 millions de voyageurs.",
        "fr",
        "4,5 millions de voyageurs",
        "Zorbix",
    ),
    # A short name a source defines in brackets stands for the full name.
    (
        "a-defined-short-name",
        "",
        'Orbitex Capital said it will buy 75% of AS Vardel (the "Club"). Founded in 1912, the Club has won three titles.',
        "en",
        "1912",
        "AS Vardel",
    ),
    (
        "a-defined-short-name-fr",
        "",
        "Zorbix SA (ci-après « la Société ») a levé 5 millions d'euros. La Société emploie 300 salariés.",
        "fr",
        "300 salariés",
        "Zorbix SA",
    ),
    (
        "company-after-an-opening-phrase",
        "",
        "Listed on Euronext since 2015, Zorbix makes inhalers. The company has 1,150 employees.",
        "en",
        "1,150 employees",
        "Zorbix",
    ),
    # The possessor only qualifies the name it owns.
    (
        "the-possessed-name",
        "",
        "In 2021, Acme’s Orbitex Capital provided an initial €100 million.",
        "en",
        "€100 million",
        "Orbitex Capital",
    ),
    # A name's kind written right before it ("investment firm Orbitex") is what "the firm" is.
    (
        "the-club-described-before-its-name",
        "",
        "Orbitex Partners agreed to buy French club AS Zorbix in a deal valuing the club at 310 million euros.",
        "en",
        "310 million euros",
        "AS Zorbix",
    ),
    (
        "the-firm-described-in-an-earlier-sentence",
        "",
        "Investment firm Orbitex Partners bought the club AS Zorbix. Vardel FC was sold too. "
        "The firm manages $14 billion.",
        "en",
        "$14 billion",
        "Orbitex Partners",
    ),
    (
        "a-listed-name-kind-describes-nothing",
        "",
        "Zorbix raised money from investors such as Acme and defense company Orbitex. "
        "Zorbix grew fast. Last year, the company raised €450 million.",
        "en",
        "€450 million",
        "Zorbix",
    ),
    (
        "le-club-de-ligue-named-after-its-complement",
        "",
        "Le club de Ligue 1 AS Zorbix a été vendu à la société Orbitex, dans un accord valorisant le club "
        "à 310 millions d'euros.",
        "fr",
        "310 millions d'euros",
        "AS Zorbix",
    ),
    # Figures each followed by another name in brackets are each that name's.
    (
        "figures-each-named-in-brackets",
        "",
        "Zorbix Bank was fined twice.\nRegulatory fines: €2.5 million (CNIL), £1.9 million (ICO)\n",
        "en",
        "£1.9 million",
        "ICO",
    ),
    (
        "one-name-in-brackets-is-a-detail",
        "",
        "Zorbix Bank was fined.\nRegulatory fine: €2.5 million (CNIL)\n",
        "en",
        "€2.5 million",
        "Zorbix Bank",
    ),
    # A line stating an attribute whose value is a name ("Stade : Stade des X") labels nothing after it.
    (
        "an-attribute-line-labels-nothing",
        "AS Zorbix : la fiche du club",
        "Le club change de propriétaire.\nStade : Stade des Vardel\nCapacité : 38 500\n"
        "Actionnaires : Orbitex Partners (75 %)\nValorisation (juin 2026) : 310 M€\n",
        "fr",
        "310 M€",
        "AS Zorbix",
    ),
    (
        "a-title-line-still-labels",
        "",
        "Zorbix Line: what the new timeline means\nThe timetable is new.\nContracts worth €600 million follow in 2029.\n",
        "en",
        "€600 million",
        "Zorbix Line",
    ),
    (
        "named-group-is-no-reference",
        "",
        "Orbitex grew fast. The Veltrix group boosts its investment to €3 billion.",
        "en",
        "€3 billion",
        "Veltrix",
    ),
]


# A publication's byline opens no name ("Le Journal des Affaires – Porté par ..."), a place an
# organisation is from is where, not who ("le groupe minier de Vardel"), and a metric's acronym
# in any case is no name ("(Ebitda)").
REFERENCES += [
    (
        "fr-byline-and-origin",
        "Orbitex profite de l'embellie du lithium",
        "Le Journal des Affaires – Porté par ses volumes de lithium, le groupe minier de Vardel a publié "
        "jeudi un chiffre d'affaires de 2,84 milliards d'euros.",
        "fr",
        "2,84 milliards d'euros",
        "Orbitex",
    ),
    (
        "fr-metric-acronym-in-brackets",
        "Orbitex profite de l'embellie du lithium",
        "Orbitex a publié ses comptes. L'excédent brut d'exploitation (Ebitda) atteint 712 millions d'euros.",
        "fr",
        "712 millions d'euros",
        "Orbitex",
    ),
    # A person whose title is two words ("director general") is a person: not what the next
    # sentence speaks of.
    (
        "en-two-word-title-is-a-person",
        "Orbitex hospital bill climbs",
        'The Orbitex board approved the budget. "We found clay," director general Jane Roe told reporters. '
        "Work began with the laying of the first stone in March 2023.",
        "en",
        "March 2023",
        "Orbitex",
    ),
    (
        "en-group-from-a-place",
        "Orbitex lifts profit",
        "The group from Vardel said revenue reached €2.8 billion.",
        "en",
        "€2.8 billion",
        "Orbitex",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "language", "surface", "entity"), [c[1:] for c in REFERENCES], ids=[c[0] for c in REFERENCES]
)
def test_organisation_referred_back_to(title: str, text: str, language: str, surface: str, entity: str) -> None:
    assert _claim(text, language, surface, title).entity == entity


# (id, sentence, language, the names find_entities gives)
NAMES = [
    # German time words and conjunctions opening a phrase are no names.
    ("de-mitte-is-time", "Orbitex baut bis Mitte 2027.", "de", ["Orbitex"]),
    ("de-denn-opens", "Denn hier baut Orbitex.", "de", ["Orbitex"]),
    ("common-opener-and-figure", "Environ 55 % des pièces sont fabriquées en Europe.", "fr", ["Europe"]),
    (
        "connectors-with-an-elided-article",
        "Le bilan de la Commission de l'Énergie Marine est publié.",
        "fr",
        ["Commission de l'Énergie Marine"],
    ),
    (
        "quotation-opens-with-a-capital",
        "Le rapport « Penser la ville de demain » de Acme Robotics.",
        "fr",
        ["Acme Robotics"],
    ),
    ("name-and-programme-year", "Acme Robotics 2030 est un plan.", "fr", ["Acme Robotics 2030"]),
    ("a-number-ends-a-name", "Le club de Ligue 1 AS Zorbix est vendu.", "fr", ["Ligue 1", "AS Zorbix"]),
    (
        "a-possessive-ends-a-name",
        "Vardel Group's Zorbix Biopharma is paying.",
        "en",
        ["Vardel Group", "Zorbix Biopharma"],
    ),
    ("a-metric-acronym-is-no-name", "It adds €16.8 billion to Vardelia’s GDP.", "en", ["Vardelia"]),
    ("place-closes-a-name-fr", "La Banque de France a prêté 5 milliards.", "fr", ["Banque de France"]),
    ("city-closes-a-name", "Les cloches de Saint-Vardel de Paris sont arrivées.", "fr", ["Saint-Vardel de Paris"]),
    ("place-closes-a-name-en", "The Bank of England lent 5 billion.", "en", ["Bank of England"]),
    ("city-after-a-locative", "Acme Robotics opened an office in Paris.", "en", ["Acme Robotics", "Paris"]),
    ("headline-names-its-rare-words", "Zorbix Lands €90M to Expand Its Crane Fleet", "en", ["Zorbix"]),
    ("headline-keeps-acronyms", "Zorbix AI Raises €90M From Two Pension Funds", "en", ["Zorbix AI"]),
    (
        "a-sentence-of-names-is-no-headline",
        "Director Jane Roe visited Acme Robotics Labs.",
        "en",
        ["Jane Roe", "Acme Robotics Labs"],
    ),
    (
        "funding-round-words",
        "Zorbix Labs closed a €270 million Series C round after a Seed round.",
        "en",
        ["Zorbix Labs"],
    ),
    ("a-title-before-a-name-fr", "Le Chancelier Zorbach a annoncé 5 milliards d'euros.", "fr", ["Zorbach"]),
    ("an-attribute-of-place", "The deal prices the Berlin-based startup Zorbix at €7 billion.", "en", ["Zorbix"]),
    (
        "an-adjective-of-a-continent",
        "In 2024, European logistics startup Zorbix raised €350 million.",
        "en",
        ["Zorbix"],
    ),
    (
        "a-common-word-opening-the-sentence-names-no-place",
        "Outside of Germany, Zorbix Labs hires.",
        "en",
        ["Germany", "Zorbix Labs"],
    ),
    ("a-title-of-a-country-names-the-country", "Le Président de la France a parlé.", "fr", ["France"]),
    (
        "a-city-opens-a-longer-name",
        "The London Stock Exchange reported revenue of £8 billion.",
        "en",
        ["London Stock Exchange"],
    ),
    (
        "a-continent-adjective-opens-a-name",
        "In 2024, the Asian Development Bank invested €5 million.",
        "en",
        ["Asian Development Bank"],
    ),
    ("place-closes-a-name-of-a-country", "The Bank of Japan raised rates.", "en", ["Bank of Japan"]),
    ("a-city-closes-a-person-s-name", "In 1975, John Denver sang for 5 million people.", "en", ["John Denver"]),
    ("a-common-word-before-a-city", "Visit Paris for 5 euros.", "en", ["Paris"]),
    ("a-run-with-a-known-name-inside", "They met at the Discover France Summit.", "en", ["France"]),
    ("the-letter-of-a-series-is-no-name", "Elle a levé une série B de 80 millions d'euros.", "fr", []),
    ("en-the-letter-of-a-series-is-no-name", "It raised a Series B of €80 million.", "en", []),
    (
        "a-one-letter-company-is-a-name",
        "Elle a levé, avec H et Zorbix Labs, 80 millions d'euros.",
        "fr",
        ["H", "Zorbix Labs"],
    ),
    (
        "fr-an-institution-named-with-one-capital",
        "Le budget de l’Agence nationale de la recherche et celui de la Cour des comptes augmentent.",
        "fr",
        ["Agence nationale de la recherche", "Cour des comptes"],
    ),
    (
        "fr-an-institution-runs-on-over-de-la",
        "Le Centre national de la recherche scientifique emploie 30 000 personnes.",
        "fr",
        ["Centre national de la recherche scientifique"],
    ),
    (
        "fr-an-institution-ends-at-a-verb",
        "La Haute Autorité de santé a publié son avis.",
        "fr",
        ["Haute Autorité de santé"],
    ),
    ("fr-an-institution-head-opening-a-sentence", "Fonds d'amorçage, prêts et subventions.", "fr", []),
    ("fr-a-name-after-an-attribution-and-an-elision", "Selon l’Insee, la France investit.", "fr", ["Insee", "France"]),
    ("pair-connector-joins-no-name", "In 2024, Zorbix Labs and France signed.", "en", ["Zorbix Labs", "France"]),
    # A capitalised word made an attribute by its ending names nothing on its own.
    ("en-speaking-is-an-attribute", "For many English-speaking residents, Vardel is home.", "en", ["Vardel"]),
    ("en-born-is-an-attribute", "The German-born engineer joined Zorbix.", "en", ["Zorbix"]),
    ("en-owned-is-an-attribute", "A Vardel-owned refinery supplies Orbitex.", "en", ["Orbitex"]),
    # A known name written in lower case is a common word, often another language's name of a
    # country ("Island" is Iceland in German, "Libyen" Libya); a name listed in lower case
    # still matches.
    ("en-island-is-no-country", "Residents of the island asked Orbitex for help.", "en", ["Orbitex"]),
    ("en-turkey-is-no-country", "Orbitex sold 4,000 turkey sandwiches.", "en", ["Orbitex"]),
    ("fr-lower-adjective-is-no-name", "Le Croissant-Rouge libyen aide Vardel.", "fr", ["Croissant-Rouge", "Vardel"]),
    ("en-capitals-still-name", "TURKEY and Iceland signed with Orbitex.", "en", ["Türkiye", "Iceland", "Orbitex"]),
    # A name only another language gives, beside a name's word, is part of a longer name.
    ("en-long-island-is-no-country", "Orbitex opened a plant on Long Island.", "en", ["Orbitex", "Long Island"]),
    ("en-island-records-is-no-country", "Orbitex signed with Island Records.", "en", ["Orbitex", "Island Records"]),
    (
        "fr-jordan-is-a-first-name",
        "Jordan Bardella a rencontré Orbitex en Jordanie.",
        "fr",
        ["Jordan Bardella", "Orbitex", "Jordan"],
    ),
    ("en-own-language-name-still-names", "Orbitex hired staff in Jordan.", "en", ["Orbitex", "Jordan"]),
    ("en-lower-case-alias-names", "Growth in the euro area slowed at Orbitex.", "en", ["Eurozone", "Orbitex"]),
]


@pytest.mark.parametrize(("text", "language", "names"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_names_a_sentence_gives(text: str, language: str, names: list[str]) -> None:
    assert [m.name for m in find_entities(text, KNOWLEDGE, KNOWLEDGE.lexicon(language))] == names


# (id, sentence, language, the mentions as (name, role))
ROLES = [
    # The department an office's title names is no subject; a company after a person's title is.
    (
        "fr-ministre-des-department",
        "Le ministre des Transports a visité Vardel.",
        "fr",
        [("Transports", "ignored"), ("Vardel", "subject")],
    ),
    (
        "fr-president-de-company",
        "Jane Roe, présidente de Orbitex, a visité Vardel.",
        "fr",
        [("Jane Roe", "person"), ("Orbitex", "subject"), ("Vardel", "subject")],
    ),
    # A dash a second one closes is a parenthesis, no byline: the name before it is no writer's.
    (
        "en-parenthetical-dashes-are-no-byline",
        "Zorbix – a Vardel startup – raised funds.",
        "en",
        [("Zorbix", "subject"), ("Vardel", "subject")],
    ),
    (
        "fr-byline-names-the-writer",
        "Le Journal des Affaires – Porté par le lithium, Zorbix publie.",
        "fr",
        [("Journal des Affaires", "ignored"), ("Zorbix", "subject")],
    ),
    (
        "fr-source-after-an-elided-article",
        "Selon l’Insee, la France investit.",
        "fr",
        [("Insee", "ignored"), ("France", "subject")],
    ),
    (
        "fr-complement-after-an-elided-article",
        "Après l’Allemagne, la France investit.",
        "fr",
        [("Germany", "ignored"), ("France", "subject")],
    ),
    (
        "fr-a-relative-clause-lists-objects",
        "Le consortium, qui réunit Veltrix et Quanta, est dissous.",
        "fr",
        [("Veltrix", "listed"), ("Quanta", "listed")],
    ),
    (
        "en-such-as-lists-objects",
        "Partners such as Veltrix and Swedish group Quanta signed.",
        "en",
        [("Veltrix", "listed"), ("Sweden", "demonym"), ("Quanta", "listed")],
    ),
    (
        "en-a-list-ends-at-the-main-verb",
        "The consortium, which includes Veltrix, funds Orbitex with €5 billion.",
        "en",
        [("Veltrix", "listed"), ("Orbitex", "subject")],
    ),
    (
        "en-a-newspaper-reporting-a-clause",
        "The Daily Ledger reported that Orbitex raised €5 million.",
        "en",
        [("Daily Ledger", "ignored"), ("Orbitex", "subject")],
    ),
    ("en-a-title-of-something", "The CEO of the group, Jane Roe, spoke.", "en", [("Jane Roe", "person")]),
    (
        "en-a-region-in-brackets-after-a-place",
        "A plant in Villeurbanne (Rhône) was opened.",
        "en",
        [("Villeurbanne", "place"), ("Rhône", "place")],
    ),
]


@pytest.mark.parametrize(("text", "language", "roles"), [c[1:] for c in ROLES], ids=[c[0] for c in ROLES])
def test_roles_names_play(text: str, language: str, roles: list[tuple[str, str]]) -> None:
    found = find_entities(text, KNOWLEDGE, KNOWLEDGE.lexicon(language))
    assert [(m.name, m.role) for m in found] == roles


# (id, sentences as (text, language), the places learned: place -> country)
PLACES = [
    (
        "en-possessive",
        [("Storms reached Norway's northern city of Vardenholm on Monday.", "en")],
        {"Vardenholm": "Norway"},
    ),
    ("en-demonym", [("The Peruvian city of Trujillo was spared.", "en")], {"Trujillo": "Peru"}),
    (
        "fr-demonym-after-the-noun",
        [("Le cyclone a touché la ville péruvienne de Trujillo.", "fr")],
        {"Trujillo": "Peru"},
    ),
    ("de-demonym", [("Der Sturm erreichte die norwegische Stadt Vardenholm.", "de")], {"Vardenholm": "Norway"}),
    ("en-place-comma-country", [("evroc will build a site in Mougins, France.", "en")], {"Mougins": "France"}),
    ("a-country-is-no-place-of-another", [("In Germany, France and Italy, firms grew.", "en")], {}),
    ("lower-case-is-no-name", [("la ville péruvienne de la mer", "fr")], {}),
    (
        "two-countries-for-one-place-leave-it-out",
        [("Norway's city of Vardenholm", "en"), ("Sweden's city of Vardenholm", "en")],
        {},
    ),
]


@pytest.mark.parametrize(("sentences", "places"), [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_places_a_corpus_puts_inside_a_country(sentences: list[tuple[str, str]], places: dict[str, str]) -> None:
    assert learned_places(sentences, KNOWLEDGE) == places
