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
    ("values-at-is-a-valuation", "The round values Zorbix Labs at €12 billion.", "en", "€12 billion", "valuation"),
    (
        "valorisant-is-a-valuation",
        "Ce tour de table, valorisant Zorbix Labs à 2 milliards d'euros, est clos.",
        "fr",
        "2 milliards d'euros",
        "valuation",
    ),
    (
        "an-organisation-launched-is-created",
        "Zorbix Labs a levé 5 millions d'euros. La start-up, officiellement lancée le 3 mars 2021, grandit.",
        "fr",
        "3 mars 2021",
        "creation date",
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
        "Les 300 data centers en France consommaient environ 10 TWh.",
        "fr",
        "environ 10 TWh",
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
        "La consommation mondiale des centres de données atteint 2 %, tandis qu'en Acmeland, cela représente 11 %.",
        "fr",
        "11 %",
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
        "The storm caused 11,300 deaths, and 10,100 people are missing.",
        "en",
        "11,300 deaths",
        "deaths",
    ),
    (
        "classifier-counts-what-follows",
        "Le Booster comprend environ 66 700 exemplaires de ces puces.",
        "fr",
        "environ 66 700 exemplaires",
        "count of chip",
    ),
    ("edition-number", "Investors met at the eighth Acme Forum Summit.", "en", "eighth", "edition number"),
    (
        "population-words-count-people-only",
        "The storm hit Vardenholm, a city of 100,000, and broke two dams.",
        "en",
        "two dams",
        "count of dam",
    ),
    (
        "fr-english-compound-noun",
        "Il existait déjà 300 data centers en France.",
        "fr",
        "300 data centers",
        "count of datacenter",
    ),
    (
        "seeking-to-raise-is-no-raise",
        "Acme Robotics was seeking to raise $300 million.",
        "en",
        "$300 million",
        "funds raised (possible)",
    ),
    (
        "fr-alternative-is-a-possibility",
        "Acme Robotics annonce entre 9 et 12 TWh, voire un impressionnant 15 TWh.",
        "fr",
        "15 TWh",
        "energy (possible)",
    ),
    (
        "fr-figure-before-an-alternative-stands",
        "Acme Robotics annonce entre 9 et 12 TWh, voire un impressionnant 15 TWh.",
        "fr",
        "9 et 12 TWh",
        "energy",
    ),
    (
        "en-condition-after-a-figure",
        "Acme Robotics used 15 TWh if its reports are right.",
        "en",
        "15 TWh",
        "energy (possible)",
    ),
    (
        "fr-condition-after-a-figure",
        "Acme Robotics atteint 15 TWh si la demande explose.",
        "fr",
        "15 TWh",
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
        "L'entreprise cherchait à lever 300 millions de dollars.",
        "fr",
        "300 millions de dollars",
        "funds raised (possible)",
    ),
]


@pytest.mark.parametrize(
    ("text", "language", "surface", "metric"), [c[1:] for c in METRICS], ids=[c[0] for c in METRICS]
)
def test_metric_governing_a_figure(text: str, language: str, surface: str, metric: str) -> None:
    assert _claim(text, language, surface).metric == metric


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
        "Les charpentiers de Zorbix Nova bâtissent une forêt. Ses poutres dominent Paris. "
        "Aujourd'hui, 1 800 arbres sont nécessaires.",
        "fr",
        "1 800 arbres",
        "Zorbix Nova",
    ),
    (
        "a-place-that-says-where-an-ignored-name-is",
        "Ce sera le deuxième supercalculateur, après Zorbix en Allemagne, pour un coût de 554 millions d'euros.",
        "fr",
        "554 millions d'euros",
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
        "Développé par le Centre de calcul de Jülich, JUPITER atteint 1 exaflop.",
        "fr",
        "1 exaflop",
        "Jupiter",
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
        "Les dons pour Notre Dame ont atteint 846 millions d'euros.",
        "fr",
        "846 millions d'euros",
        "Notre Dame",
    ),
    (
        "nearest-place-of-a-located-metric",
        "Most data sits in the US, but 300 data centres in France consumed 10 TWh in 2022.",
        "en",
        "10 TWh",
        "France",
    ),
    (
        "place-so-far-before-the-home-place-is-named",
        "Le réseau électrique français sature.\n\nLes centres de données consomment 10 TWh.\n\n"
        "À Lyon, les demandes affluent.\n\nÀ Lyon, le port attend.\n\nÀ Lyon, la ville hésite.",
        "fr",
        "10 TWh",
        "France",
    ),
    (
        "home-place-once-named",
        "À Lyon, les demandes affluent.\n\nÀ Lyon, le port attend. Le réseau électrique français sature."
        "\n\nLes centres de données consomment 10 TWh.",
        "fr",
        "10 TWh",
        "Lyon",
    ),
    (
        "a-place-its-source-writes-after-in",
        "Rescuers arrived in Vardenholm. Vardenholm, a community of around 125,000 people, was hit hard.",
        "en",
        "around 125,000 people",
        "Vardenholm",
    ),
    (
        "nearest-place-of-any-metric",
        "Bien que nos données soient stockées à l'étranger (aux USA), il existait 300 data centers en France.",
        "fr",
        "300 data centers",
        "France",
    ),
    (
        "each-figure-its-nearest-place",
        "In Germany there are 490 data centres, against 264 data centres in France.",
        "en",
        "264 data centres",
        "France",
    ),
    (
        "frequent-word-opening-two-sentences-is-no-name",
        "Parmi les centres, 42 % sont situés en Île-de-France. Parmi les autres, beaucoup sont à Marseille.",
        "fr",
        "42 %",
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
        "Acme Robotics vend des grues. Il y a 300 data centers en France.",
        "fr",
        "300 data centers",
        "France",
    ),
    ("edition-is-the-events", "Investors met at the eighth Acme Forum Summit.", "en", "eighth", "Acme Forum Summit"),
    (
        "roman-century-is-no-name",
        "Pour redresser la flèche du XIXe siècle, 2000 arbres sont nécessaires.",
        "fr",
        "2000 arbres",
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
        "Zorbix Labs grew. The consortium includes lenders such as Veltrix, Orbitex and Danish shipping group "
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
        "Orbitex opened a plant. The CEO of the group, Jane Roe, was there. The US corporation will create 2,000 jobs.",
        "en",
        "2,000 jobs",
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
        "Orbitex opened a plant in Villeurbanne (Rhône). The American giant will invest €4 billion.",
        "en",
        "€4 billion",
        "Orbitex",
    ),
    (
        "a-headline-line-is-its-own-sentence",
        "Orbitex Wins €40M Contract for Coastal Radar Systems\nQuanta will supply the sensors over five years.",
        "en",
        "€40M",
        "Orbitex",
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
        "Bloomberg reported that Zorbix Labs raised €450 million.",
        "en",
        "€450 million",
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
        "Notably, Zorbix Labs raised €450 million in 2024.",
        "en",
        "€450 million",
        "Zorbix Labs",
    ),
    (
        "a-list-of-one-before-the-main-clause",
        "Backed by investors including Veltrix, Zorbix Labs raised €450 million in 2024.",
        "en",
        "€450 million",
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
        "According to Reuters, Zorbix Labs and\nOrbitex together raised €450 million in 2024.",
        "en",
        "€450 million",
        "Zorbix Labs",
    ),
    (
        "title-inside-a-name-is-a-person",
        "Forestry Office Director Jane Roe visited Acme Robotics. It needs 1,000 oaks.",
        "en",
        "1,000 oaks",
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
        "Acme Robotics lève 385 millions d'euros",
        "La startup française annonce avoir levé 385 millions d'euros.",
        "fr",
        "385 millions d'euros",
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
        "80 millions d'euros. C'est la somme que Acme Robotics a levée.",
        "fr",
        "80 millions d'euros",
        "Acme Robotics",
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


@pytest.mark.parametrize(
    ("title", "text", "language", "surface", "entity"), [c[1:] for c in REFERENCES], ids=[c[0] for c in REFERENCES]
)
def test_organisation_referred_back_to(title: str, text: str, language: str, surface: str, entity: str) -> None:
    assert _claim(text, language, surface, title).entity == entity


# (id, sentence, language, the names find_entities gives)
NAMES = [
    ("common-opener-and-figure", "Environ 70 % des composants sont produits en Europe.", "fr", ["Europe"]),
    (
        "connectors-with-an-elided-article",
        "Le rapport de la Commission de l'Intelligence Artificielle est paru.",
        "fr",
        ["Commission de l'Intelligence Artificielle"],
    ),
    (
        "quotation-opens-with-a-capital",
        "Le rapport « Donner du sens à l'IA » de Acme Robotics.",
        "fr",
        ["Acme Robotics"],
    ),
    ("name-and-programme-year", "Acme Robotics 2030 est un plan.", "fr", ["Acme Robotics 2030"]),
    ("place-closes-a-name-fr", "La Banque de France a prêté 5 milliards.", "fr", ["Banque de France"]),
    ("city-closes-a-name", "Les chênes de Notre-Dame de Paris sont arrivés.", "fr", ["Notre-Dame de Paris"]),
    ("place-closes-a-name-en", "The Bank of England lent 5 billion.", "en", ["Bank of England"]),
    ("city-after-a-locative", "Acme Robotics opened an office in Paris.", "en", ["Acme Robotics", "Paris"]),
    ("headline-names-its-rare-words", "Zorbix Secures €450M to Scale Its Drone Fleet", "en", ["Zorbix"]),
    ("headline-keeps-acronyms", "Zorbix AI Raises €450M From Three Large Funds", "en", ["Zorbix AI"]),
    (
        "a-sentence-of-names-is-no-headline",
        "Director Jane Roe visited Acme Robotics Labs.",
        "en",
        ["Jane Roe", "Acme Robotics Labs"],
    ),
    (
        "funding-round-words",
        "Zorbix Labs closed a €450 million Series C round after a Seed round.",
        "en",
        ["Zorbix Labs"],
    ),
    ("a-title-before-a-name-fr", "Le Chancelier Zorbach a annoncé 5 milliards d'euros.", "fr", ["Zorbach"]),
    ("an-attribute-of-place", "The round values the Berlin-based startup Zorbix at €12 billion.", "en", ["Zorbix"]),
    ("an-adjective-of-a-continent", "In 2024, European defense startup Zorbix raised €600 million.", "en", ["Zorbix"]),
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
]


@pytest.mark.parametrize(("text", "language", "names"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_names_a_sentence_gives(text: str, language: str, names: list[str]) -> None:
    assert [m.name for m in find_entities(text, KNOWLEDGE, KNOWLEDGE.lexicon(language))] == names


# (id, sentence, language, the mentions as (name, role))
ROLES = [
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
        "Investors such as Veltrix and Swedish group Quanta joined.",
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
    ("en-possessive", [("Floods hit Libya's coastal city of Derna on Sunday.", "en")], {"Derna": "Libya"}),
    ("en-demonym", [("The Libyan city of Benghazi was spared.", "en")], {"Benghazi": "Libya"}),
    ("fr-demonym-after-the-noun", [("La tempête a frappé la ville libyenne de Derna.", "fr")], {"Derna": "Libya"}),
    ("de-demonym", [("Die Flut traf die libysche Stadt Derna.", "de")], {"Derna": "Libya"}),
    ("en-place-comma-country", [("evroc will build a site in Mougins, France.", "en")], {"Mougins": "France"}),
    ("a-country-is-no-place-of-another", [("In Germany, France and Italy, firms grew.", "en")], {}),
    ("lower-case-is-no-name", [("la ville libyenne de la mer", "fr")], {}),
    (
        "two-countries-for-one-place-leave-it-out",
        [("Libya's city of Derna", "en"), ("Egypt's city of Derna", "en")],
        {},
    ),
]


@pytest.mark.parametrize(("sentences", "places"), [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_places_a_corpus_puts_inside_a_country(sentences: list[tuple[str, str]], places: dict[str, str]) -> None:
    assert learned_places(sentences, KNOWLEDGE) == places
