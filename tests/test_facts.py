"""Facts about an organisation, read as attribute and value in English, French and German, and
the description discrepancies they make: a conflict only when two values cannot both hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.cli import main
from claimdiff.descriptions import compatible
from claimdiff.errors import LexiconError
from claimdiff.facts import activity_stems, place_country, read_facts
from claimdiff.lexicon import files, load_knowledge
from claimdiff.pipeline import analyse_source, find_discrepancies
from claimdiff.sources import build_source

from .conftest import KNOWLEDGE


def _read(text: str, language: str) -> set[tuple[str, str, str]]:
    return {(f.entity, f.attribute, f.value) for f in read_facts(text, KNOWLEDGE, KNOWLEDGE.lexicon(language))}


def _reading(case_id: str, language: str, text: str, *expected: tuple[str, str, str]) -> object:
    return pytest.param(language, text, set(expected), id=case_id)


# --- reading: (entity, attribute, value) a sentence states --------------------------------------

READINGS = [
    # kind of organisation and nationality
    _reading(
        "en-apposition-kind-nationality",
        "en",
        "Zentra Labs, a German start-up, raised money.",
        ("Zentra Labs", "organisation", "business"),
        ("Zentra Labs", "nationality", "Germany"),
    ),
    _reading(
        "en-kind-before-name",
        "en",
        "The French quantum start-up Zentra Labs raised money.",
        ("Zentra Labs", "organisation", "business"),
        ("Zentra Labs", "nationality", "France"),
    ),
    _reading("en-copula-kind", "en", "Orion Research is a laboratory.", ("Orion Research", "organisation", "research")),
    _reading(
        "fr-adjective-after-noun",
        "fr",
        "La start-up française Zentra a levé des fonds.",
        ("Zentra", "organisation", "business"),
        ("Zentra", "nationality", "France"),
    ),
    _reading(
        "de-adjective-before-noun",
        "de",
        "Das französische Unternehmen Zentra sammelt Geld ein.",
        ("Zentra", "organisation", "business"),
        ("Zentra", "nationality", "France"),
    ),
    # founding year
    _reading(
        "en-founded-after-name", "en", "Zentra Labs, founded in 2019, raised money.", ("Zentra Labs", "founded", "2019")
    ),
    _reading("en-founded-opening", "en", "Founded in 2021, Helix builds drones.", ("Helix", "founded", "2021")),
    _reading("en-founded-with-month", "en", "Zentra was established in May 2020.", ("Zentra", "founded", "2020")),
    _reading("fr-fondee-en", "fr", "Zentra, fondée en 2021, emploie 40 personnes.", ("Zentra", "founded", "2021")),
    _reading("fr-opening-fondee", "fr", "Créée en 2018, Zentra emploie 40 personnes.", ("Zentra", "founded", "2018")),
    _reading(
        "de-year-before-participle", "de", "Das 2019 gegründete Start-up Zentra wächst.", ("Zentra", "founded", "2019")
    ),
    _reading("de-gegruendet-im-jahr", "de", "Zentra wurde gegründet im Jahr 2017.", ("Zentra", "founded", "2017")),
    # founders and where they come from
    _reading(
        "en-founded-by-two",
        "en",
        "Zentra Labs was founded by Ada Byron and Alan Turing.",
        ("Zentra Labs", "founders", "Ada Byron; Alan Turing"),
    ),
    _reading(
        "en-founders-background",
        "en",
        "Zentra Labs was founded by former researchers of Orion Group and Vega Systems.",
        ("Zentra Labs", "founders' background", "Orion Group; Vega Systems"),
    ),
    _reading(
        "en-co-founder-title",
        "en",
        "Ada Byron, co-founder of Zentra Labs, spoke first.",
        ("Zentra Labs", "founders", "Ada Byron"),
    ),
    _reading(
        "fr-fondee-par",
        "fr",
        "Zentra a été fondée par Ada Byron et Alan Turing.",
        ("Zentra", "founders", "Ada Byron; Alan Turing"),
    ),
    _reading(
        "fr-cofondateur-de", "fr", "Ada Byron, cofondatrice de Zentra, a parlé.", ("Zentra", "founders", "Ada Byron")
    ),
    _reading("de-gegruendet-von", "de", "Zentra wurde gegründet von Ada Byron.", ("Zentra", "founders", "Ada Byron")),
    _reading(
        "en-title-before-founder-name",
        "en",
        "Zentra Labs was co-founded by Orion CEO Ada Byron.",
        ("Zentra Labs", "founders", "Ada Byron"),
    ),
    # headquarters: known cities take CLDR's English name
    _reading(
        "en-based-in", "en", "Zentra Labs, based in Berlin, raised money.", ("Zentra Labs", "headquarters", "Berlin")
    ),
    _reading(
        "en-headquartered-in", "en", "Zentra Labs is headquartered in Paris.", ("Zentra Labs", "headquarters", "Paris")
    ),
    _reading("fr-basee-a-londres", "fr", "Zentra, basée à Londres, recrute.", ("Zentra", "headquarters", "London")),
    _reading(
        "fr-dont-le-siege", "fr", "Zentra, dont le siège est à Lyon, recrute.", ("Zentra", "headquarters", "Lyon")
    ),
    _reading("de-mit-sitz-in", "de", "Zentra mit Sitz in Wien wächst.", ("Zentra", "headquarters", "Vienna")),
    _reading(
        "en-place-based-before",
        "en",
        "Hackers hit Vardel-based Banque Zentra on Monday.",
        ("Banque Zentra", "headquarters", "Vardel"),
    ),
    _reading(
        "en-place-based-in-apposition",
        "en",
        "Zentra, a Vardel-based startup, hires.",
        ("Zentra", "headquarters", "Vardel"),
    ),
    _reading(
        "fr-siege-social-situe",
        "fr",
        "Zentra, dont le siège social est situé à Lyon, recrute.",
        ("Zentra", "headquarters", "Lyon"),
    ),
    # owner
    _reading(
        "en-subsidiary",
        "en",
        "Zentra Labs, a subsidiary of Orion Group, hires.",
        ("Zentra Labs", "parent", "Orion Group"),
    ),
    _reading("fr-filiale-du-groupe", "fr", "Zentra, filiale du groupe Orion, recrute.", ("Zentra", "parent", "Orion")),
    _reading(
        "de-tochtergesellschaft",
        "de",
        "Zentra ist eine Tochtergesellschaft der Orion Group.",
        ("Zentra", "parent", "Orion Group"),
    ),
    # leaders, with their role
    _reading(
        "en-org-title-person", "en", "Zentra Labs CEO Ada Byron said so.", ("Zentra Labs", "leader (ceo)", "Ada Byron")
    ),
    _reading(
        "en-person-titles-of-org",
        "en",
        "Ada Byron, co-founder and CEO of Zentra Labs, said so.",
        ("Zentra Labs", "founders", "Ada Byron"),
        ("Zentra Labs", "leader (ceo)", "Ada Byron"),
    ),
    _reading(
        "en-title-of-org-person",
        "en",
        "The chairman of Zentra Labs, Ada Byron, said so.",
        ("Zentra Labs", "leader (chair)", "Ada Byron"),
    ),
    _reading("fr-pdg-de", "fr", "Ada Byron, PDG de Zentra, a parlé.", ("Zentra", "leader (ceo)", "Ada Byron")),
    _reading("de-chef-compound", "de", "Zentra-Chef Ada Byron sagte das.", ("Zentra", "leader (ceo)", "Ada Byron")),
    # activity (a speciality) and products
    _reading(
        "en-specializes-in",
        "en",
        "Zentra Labs specializes in quantum sensors.",
        ("Zentra Labs", "activity", "quantum sensors"),
    ),
    _reading(
        "en-pioneer-opening",
        "en",
        "As a pioneer in generative artificial intelligence, Zentra Labs is hiring.",
        ("Zentra Labs", "activity", "generative artificial intelligence"),
    ),
    _reading(
        "en-develops", "en", "Zentra Labs develops quantum sensors.", ("Zentra Labs", "product", "quantum sensors")
    ),
    _reading(
        "fr-specialisee-dans",
        "fr",
        "Zentra, spécialisée dans les capteurs quantiques, recrute.",
        ("Zentra", "activity", "les capteurs quantiques"),
    ),
    _reading(
        "de-spezialisiert-auf",
        "de",
        "Zentra ist spezialisiert auf Quantensensoren.",
        ("Zentra", "activity", "Quantensensoren"),
    ),
    _reading(
        "en-apposition-after-apposition",
        "en",
        "Zentra Labs, a unit of Orion Group, specializes in lidar.",
        ("Zentra Labs", "parent", "Orion Group"),
        ("Zentra Labs", "activity", "lidar"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), READINGS)
def test_a_sentence_states_facts(language: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _read(text, language)


def _nothing(case_id: str, language: str, text: str, attribute: str) -> object:
    return pytest.param(language, text, attribute, id=case_id)


# What must not be read as a fact of the attribute.
NOT_READ = [
    _nothing("en-former-ceo-is-no-leader", "en", "Ada Byron, former CEO of Zentra Labs, spoke.", "leader (ceo)"),
    _nothing("fr-ancien-pdg", "fr", "Ada Byron, ancienne PDG de Zentra, a parlé.", "leader (ceo)"),
    _nothing("de-ehemalige-chefin", "de", "Die ehemalige Chefin von Zentra, Ada Byron, sprach.", "leader (ceo)"),
    _nothing("en-plural-start-ups", "en", "French start-ups like Zentra Labs are hiring.", "nationality"),
    _nothing("en-demonym-of-another-noun", "en", "French champions like Zentra Labs are hiring.", "nationality"),
    _nothing(
        "en-a-lab-director-is-no-ceo", "en", "Ada Byron, director of the lab at Zentra Labs, spoke.", "leader (ceo)"
    ),
    _nothing("en-month-without-year", "en", "Founded in May, Zentra Labs raised money.", "founded"),
    _nothing(
        "en-list-is-no-apposition", "en", "Investors include Orion, the maker of drones Vega and Lyra.", "organisation"
    ),
    _nothing("en-product-without-content", "en", "Zentra Labs develops new AI solutions.", "product"),
]


@pytest.mark.parametrize(("language", "text", "attribute"), NOT_READ)
def test_what_is_not_a_fact(language: str, text: str, attribute: str) -> None:
    assert not [f for f in _read(text, language) if f[1] == attribute]


def test_a_possessive_name_is_not_what_the_phrase_names() -> None:
    assert ("Vega Capital", "organisation", "investor") in _read("Orion’s investment firm, Vega Capital, led it.", "en")
    assert not [f for f in _read("Orion’s investment firm, Vega Capital, led it.", "en") if f[0] == "Orion"]


# --- comparing: conflicts and what is not one ---------------------------------------------------


def _descriptions(*texts: tuple[str, str], published: str = "2025-01-01"):  # type: ignore[no-untyped-def]
    claims, names = [], {}
    for index, (text, language) in enumerate(texts):
        source = build_source(f"s{index}.txt", text, KNOWLEDGE, {"language": language, "published": published})
        claims.extend(analyse_source(source, KNOWLEDGE))
        names[source.path] = source.path
    return [d for d in find_discrepancies(claims, names, KNOWLEDGE) if d.kind == "description"]


def _pair(case_id: str, a: tuple[str, str], b: tuple[str, str], attribute: str = "", gap: str = "") -> object:
    """Two sources; ``attribute`` the one they conflict on ('' for none)."""
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(a, b, attribute, id=case_id, marks=marks)


CONFLICTS = [
    _pair(
        "en-hq-paris-vs-london",
        ("Zentra, based in Paris, hires.", "en"),
        ("Zentra, based in London, hires.", "en"),
        "headquarters",
    ),
    _pair(
        "fr-en-hq-cities-in-two-languages",
        ("Zentra, basée à Londres, recrute.", "fr"),
        ("Zentra, based in Berlin, hires.", "en"),
        "headquarters",
    ),
    _pair(
        "en-founders-from-two-companies",
        ("Zentra was founded by former researchers of Orion Group.", "en"),
        ("Zentra was founded by former engineers at Vega Systems.", "en"),
        "founders' background",
    ),
    _pair(
        "en-two-founder-lists",
        ("Zentra was founded by Ada Byron and Alan Turing.", "en"),
        ("Zentra was founded by Grace Hopper and Edsger Dijkstra.", "en"),
        "founders",
    ),
    _pair(
        "en-two-ceos-same-year",
        ("Zentra CEO Ada Byron spoke.", "en"),
        ("Zentra CEO Grace Hopper spoke.", "en"),
        "leader (ceo)",
    ),
    _pair(
        "fr-en-nationality",
        ("La start-up française Zentra recrute.", "fr"),
        ("The American start-up Zentra is hiring.", "en"),
        "nationality",
    ),
    _pair(
        "en-parent",
        ("Zentra, a subsidiary of Orion Group, hires.", "en"),
        ("Zentra, a subsidiary of Vega Holdings, hires.", "en"),
        "parent",
    ),
    _pair(
        "en-kind-public-body-vs-company",
        ("Zentra, a government agency, hires.", "en"),
        ("Zentra, a start-up, hires.", "en"),
        "organisation",
    ),
    _pair(
        "en-specialities-disjoint",
        ("Zentra specializes in natural language processing and AI ethics.", "en"),
        ("Zentra is a pioneer in generative artificial intelligence.", "en"),
        "activity",
    ),
]

NOT_CONFLICTS = [
    _pair(
        "en-same-year-paraphrase", ("Zentra, founded in 2019, hires.", "en"), ("Founded in 2019, Zentra hires.", "en")
    ),
    _pair("en-fr-same-city", ("Zentra, based in London, hires.", "en"), ("Zentra, basée à Londres, recrute.", "fr")),
    _pair(
        "en-city-in-its-country", ("Zentra, based in Paris, hires.", "en"), ("Zentra, based in France, hires.", "en")
    ),
    _pair(
        "en-unknown-places-are-not-judged",
        ("Zentra, based in Lyon, hires.", "en"),
        ("Zentra, based in Villeurbanne, hires.", "en"),
    ),
    _pair(
        "en-co-founder-is-a-subset",
        ("Zentra was founded by Ada Byron and Alan Turing.", "en"),
        ("Grace Hopper, co-founder of Zentra, spoke.", "en"),
    ),
    _pair(
        "en-founder-lists-share-a-name",
        ("Zentra was founded by Ada Byron and Alan Turing.", "en"),
        ("Zentra was founded by Ada Byron.", "en"),
    ),
    _pair("en-start-up-is-a-company", ("Zentra, a start-up, hires.", "en"), ("Zentra, a company, hires.", "en")),
    _pair(
        "en-different-emphasis-shares-a-word",
        ("Zentra specializes in quantum sensors for navigation.", "en"),
        ("Zentra specializes in quantum sensors.", "en"),
    ),
    _pair(
        "en-products-never-conflict",
        ("Zentra develops quantum sensors.", "en"),
        ("Zentra develops drone software for farms.", "en"),
    ),
    _pair(
        "fr-en-specialities-not-compared-across-languages",
        ("Zentra, spécialisée dans la défense, recrute.", "fr"),
        ("Zentra specializes in battlefield sensors.", "en"),
    ),
    _pair(
        "en-former-ceo-is-another-period",
        ("Zentra CEO Ada Byron spoke.", "en"),
        ("Grace Hopper, former CEO of Zentra, spoke.", "en"),
    ),
    _pair("en-two-companies", ("Zentra, founded in 2019, hires.", "en"), ("Vega, founded in 2020, hires.", "en")),
    _pair(
        "en-one-source-two-years",
        ("Zentra, founded in 2019, hires. Zentra, founded in 2020, hires.", "en"),
        ("Nothing here.", "en"),
    ),
]


@pytest.mark.parametrize(("a", "b", "attribute"), CONFLICTS + NOT_CONFLICTS)
def test_two_sources_conflict_only_when_values_cannot_both_hold(
    a: tuple[str, str], b: tuple[str, str], attribute: str
) -> None:
    found = _descriptions(a, b)
    assert [d.attribute for d in found] == ([attribute] if attribute else [])
    for d in found:
        assert len(set(d.positions.values())) == 2
        assert re.search(r"disagree on the .+ of \w+", d.explanation)


FOUNDING_YEARS = [
    pytest.param(
        ("Zentra Labs, founded in 2019, hires.", "en"), ("Zentra Labs, founded in 2020, hires.", "en"), id="en"
    ),
    pytest.param(("Zentra, founded in 2019, hires.", "en"), ("Zentra, fondée en 2020, recrute.", "fr"), id="en-fr"),
    pytest.param(
        ("Das 2019 gegründete Start-up Zentra wächst.", "de"), ("Zentra, founded in 2021, hires.", "en"), id="de-en"
    ),
]


@pytest.mark.parametrize(("a", "b"), FOUNDING_YEARS)
def test_a_founding_year_conflict_is_reported_once(a: tuple[str, str], b: tuple[str, str]) -> None:
    """As a creation date when the date extractor reads the year too, else as a fact."""
    found = [d for d in _all(a, b) if d.subject["metric"] == "creation date" or d.attribute == "founded"]
    assert len(found) == 1
    assert found[0].kind in ("contradiction", "description")


def _all(*texts: tuple[str, str]):  # type: ignore[no-untyped-def]
    claims, names = [], {}
    for index, (text, language) in enumerate(texts):
        source = build_source(f"s{index}.txt", text, KNOWLEDGE, {"language": language, "published": "2025-01-01"})
        claims.extend(analyse_source(source, KNOWLEDGE))
        names[source.path] = source.path
    return find_discrepancies(claims, names, KNOWLEDGE)


# A sentence that names nothing states its facts about what it refers back to.
REFERRED_FACTS = [
    (
        "fr-la-banque",
        "fr",
        "Zentra Banque a été piratée. La banque, dont le siège social est situé à Vardel, compte 300 agences.",
        ("Zentra Banque", "headquarters", "Vardel"),
    ),
    (
        "en-the-place-based-bank",
        "en",
        "French lender Zentra Bank SA said it was hacked. The Vardel-based bank has 310 branches.",
        ("Zentra Bank SA", "headquarters", "Vardel"),
    ),
    (
        "fr-elle",
        "fr",
        "Zentra a levé 5 millions d'euros. Elle est basée à Vardel.",
        ("Zentra", "headquarters", "Vardel"),
    ),
]


@pytest.mark.parametrize(("language", "text", "fact"), [pytest.param(*c[1:], id=c[0]) for c in REFERRED_FACTS])
def test_facts_of_a_sentence_that_refers_back(language: str, text: str, fact: tuple[str, str, str]) -> None:
    source = build_source("s.txt", text, KNOWLEDGE, {"language": language})
    read = {
        (c.entity, c.metric, c.original["value"]) for c in analyse_source(source, KNOWLEDGE) if c.kind == "description"
    }
    assert fact in read


def test_facts_of_two_spellings_of_one_name_conflict() -> None:
    found = _all(
        ("Zentra Bank SA is headquartered in Paris and employs 300 people.", "en"),
        ("Zentra Bank is headquartered in Berlin and employs 300 people.", "en"),
    )
    assert [d.attribute for d in found if d.kind == "description"] == ["headquarters"]


def test_leaders_are_compared_within_one_year() -> None:
    claims, names = [], {}
    for index, (text, published) in enumerate(
        (("Zentra CEO Ada Byron spoke.", "2021-05-01"), ("Zentra CEO Grace Hopper spoke.", "2024-05-01"))
    ):
        source = build_source(f"s{index}.txt", text, KNOWLEDGE, {"language": "en", "published": published})
        claims.extend(analyse_source(source, KNOWLEDGE))
        names[source.path] = source.path
    assert not [d for d in find_discrepancies(claims, names, KNOWLEDGE) if d.kind == "description"]


def test_a_conflict_names_the_attribute_and_both_values() -> None:
    (found,) = _descriptions(("Zentra, based in Paris, hires.", "en"), ("Zentra, based in London, hires.", "en"))
    assert found.attribute == "headquarters"
    assert "“Paris”" in found.explanation and "“London”" in found.explanation
    document = found.to_json()
    assert document["attribute"] == "headquarters" and document["kind"] == "description"


def test_the_attribute_is_only_in_description_json() -> None:
    assert all("attribute" not in d.to_json() for d in _figure_discrepancies())


def _figure_discrepancies():  # type: ignore[no-untyped-def]
    texts = (("Zentra raised €100 million in 2024.", "en"), ("Zentra raised €120 million in 2024.", "en"))
    claims, names = [], {}
    for index, (text, language) in enumerate(texts):
        source = build_source(f"s{index}.txt", text, KNOWLEDGE, {"language": language})
        claims.extend(analyse_source(source, KNOWLEDGE))
        names[source.path] = source.path
    found = find_discrepancies(claims, names, KNOWLEDGE)
    assert found
    return found


@given(st.sampled_from(["2019", "2020"]), st.sampled_from(["2019", "2021"]))
@settings(max_examples=10, deadline=None)
def test_founding_years_conflict_exactly_when_they_differ(year_a: str, year_b: str) -> None:
    found = _all((f"Zentra, founded in {year_a}, hires.", "en"), (f"Zentra, founded in {year_b}, hires.", "en"))
    assert len(found) == (year_a != year_b)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=60, deadline=None)
def test_reading_any_text_never_fails(text: str) -> None:
    for language in ("en", "fr", "de"):
        for fact in read_facts(text, KNOWLEDGE, KNOWLEDGE.lexicon(language)):
            assert 0 <= fact.start < fact.end <= len(text)


def test_generic_words_leave_no_activity() -> None:
    assert not activity_stems("innovative AI solutions and platforms", KNOWLEDGE.lexicon("en"))
    assert activity_stems("quantum sensors", KNOWLEDGE.lexicon("en")) == {"quantum", "sensor"}


def test_compatible_is_symmetric_on_the_seeds_case() -> None:
    found = _descriptions(
        ("Zentra specializes in natural language processing and AI ethics.", "en"),
        ("Zentra is a pioneer in generative artificial intelligence.", "en"),
    )
    a, b = found[0].claims
    assert compatible(a, b, KNOWLEDGE) is compatible(b, a, KNOWLEDGE) is False


# --- the table and the command line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "en/facts.toml",
            'stemmer = "english"',
            'stemmer = "klingon"',
            r"data/en/facts.toml:\d+: 'stemmer' must be one of",
        ),
        (
            "fr/facts.toml",
            "[cues]\n",
            '[cues]\nfoundation = ["x"]\n',
            r"data/fr/facts.toml:\d+: unknown key or section 'foundation'",
        ),
        ("de/facts.toml", "[leaders]", "[leader]", r"data/de/facts.toml:\d+: unknown key or section 'leader'"),
    ],
    ids=["unknown-stemmer", "unknown-attribute", "misspelt-section"],
)
def test_a_broken_facts_table_names_its_file_and_line(
    monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str, message: str
) -> None:
    original = files.data_text
    text = original(name)
    assert old in text
    monkeypatch.setattr(files, "data_text", lambda n: text.replace(old, new, 1) if n == name else original(n))
    with pytest.raises(LexiconError, match=message):
        load_knowledge()


def test_check_reports_the_attribute_in_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Zentra Labs, based in Berlin, is hiring engineers.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Zentra Labs, headquartered in Paris, is hiring engineers.", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output  # a description warns; it fails only --fail-on any
    (finding,) = [d for d in json.loads(result.output)["discrepancies"] if d["kind"] == "description"]
    assert finding["attribute"] == "headquarters"
    assert [c["original"]["value"] for c in finding["claims"]] == ["Berlin", "Paris"]
    assert "headquarters of Zentra Labs" in finding["explanation"]


# (id, a place value, (city, ISO country code) it stands for)
PLACES = [
    ("country", "France", ("", "FR")),
    ("city-of-a-continent", "Berlin", ("Berlin", "DE")),
    ("city-of-a-three-part-zone", "Buenos Aires", ("Buenos Aires", "AR")),
    ("city-of-an-ocean-zone", "Auckland", ("Auckland", "NZ")),
    ("unknown", "Zorbixville", ("", "")),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_place_country(value: str, expected: tuple[str, str]) -> None:
    assert place_country(value, KNOWLEDGE) == expected
