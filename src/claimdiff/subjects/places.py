"""Places a corpus puts inside a country: "Peru's northern city of Trujillo", "la ville
norvégienne de Vardenholm", "in Vardel, France".

The phrases are data (``containment`` and ``settlement_nouns`` in ``grammar.toml``); a run
learns from the sentences of its claims which place lies in which country, so that a figure
for the city and one for its country meet in one comparison (the city is part of the
country, as a programme is part of its government). A place two countries claim is left out.

>>> from claimdiff.lexicon import load_knowledge
>>> knowledge = load_knowledge()
>>> learned_places([("The toll in Peru's northern city of Trujillo rose.", "en")], knowledge)
{'Trujillo': 'Peru'}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from claimdiff.lexicon import Knowledge, Lexicon, alternation

_GROUP_NAME = re.compile(r"[(][?]P<\w+>")

# A capitalised name of up to three words, hyphens and apostrophes inside ("Port-au-Prince").
_NAME = r"[A-ZÀ-Þ][\w’'\-]*(?:[ ][A-ZÀ-Þ][\w’'\-]*){0,2}"


def learned_places(sentences: Iterable[tuple[str, str]], knowledge: Knowledge) -> dict[str, str]:
    """Place -> the country the ``(sentence, language)`` pairs put it in, when they agree."""
    return unambiguous(place_countries(sentences, knowledge))


def unambiguous(found: dict[str, set[str]]) -> dict[str, str]:
    """Each place put in one country only, with that country (see :func:`place_countries`)."""
    return {place: next(iter(countries)) for place, countries in sorted(found.items()) if len(countries) == 1}


def place_countries(sentences: Iterable[tuple[str, str]], knowledge: Knowledge) -> dict[str, set[str]]:
    """Place -> every country the ``(sentence, language)`` pairs put it in (sets of several
    parts of a corpus merge by union, so a distributed run learns what one run does)."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for sentence, language in sentences:
        by_language[language].append(sentence)
    found: dict[str, set[str]] = defaultdict(set)
    for language, written in sorted(by_language.items()):
        if language not in knowledge.languages:
            continue
        cue, patterns = knowledge.lexicon(language).compiled("containment", _patterns)
        # Most sentences hold no such phrase: one search for them all says so.
        for sentence in filter(cue.search, written):
            for pattern in patterns:
                for match in pattern.finditer(sentence):
                    place, country = _pair(match, knowledge)
                    if place and country:
                        found[place].add(country)
    return dict(found)


def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    """(a quick test that a sentence may hold a phrase, each phrase as a pattern)."""
    grammar = lexicon.grammar
    settlement = alternation(grammar.settlement_nouns) or "(?!)"
    # Names keep their capital; the phrase's own words match in any case ("The Peruvian city").
    fields = {
        "country": rf"(?P<country>{_NAME})",
        "demonym": r"(?P<demonym>[^\W\d_]+)",
        "place": rf"(?P<place>{_NAME})",
        "settlement": rf"(?i:{settlement})",
        "words": r"(?:[a-zà-ÿ\-]+[ ]){0,2}",
    }
    bodies = []
    for phrase in grammar.containment:
        parts = re.split(r"(\{\w+\})", phrase)
        body = "".join(fields[p[1:-1]] if p.startswith("{") else f"(?i:{re.escape(p)})" for p in parts if p)
        bodies.append(rf"(?<![\w’']){body}(?![\w’'])")
    # Every phrase at once, its groups unnamed: the test that a sentence holds one.
    unnamed = (_GROUP_NAME.sub("(?:", body) for body in bodies)
    cue = re.compile("|".join(f"(?:{body})" for body in unnamed) or "(?!)")
    return cue, [re.compile(b) for b in bodies]


def _pair(match: re.Match[str], knowledge: Knowledge) -> tuple[str, str]:
    """(place, country) of one phrase, when the country is one and the place is no country."""
    table = knowledge.entities
    groups = match.groupdict()
    if groups.get("country"):
        country = table.canonical(groups["country"])
    else:
        country = table.demonyms.get((groups.get("demonym") or "").lower(), "")
    if not country or table.kind_of(country) != "place":
        return "", ""
    place = table.canonical(groups["place"])
    if place == country or table.kind_of(place) or table.demonyms.get(place.lower()):
        return "", ""  # a known entity (a country, a body, the corpus's cast) keeps what it is
    return place, country
