"""Stage 4, subjects: the entity each claim is about and the metric it states.

Entities come from the alias table (``data/entities.toml``) and, for names it does not list,
from capitalised spans and list labels (``→ BROOKFIELD (USA):``). A claim's entity is the one
its sentence makes it about: the name before a parenthesis that holds the figure, else the
sentence's subject, else a name after it, else a place it happens in, else the label of the
list item it stands under, else the source's dominant entity. Its metric comes from the
keywords nearest the figure (``data/metrics.toml``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from claimdiff.extract import EVENT_REACH_AFTER, EVENT_REACH_BEFORE
from claimdiff.lexicon import alternation, entities, events, function_words, metric_words, time_words, units
from claimdiff.normalize import Claim
from claimdiff.sources import Source


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    name: str
    locative: bool


# --- the alias table ------------------------------------------------------------------------


@cache
def _alias_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(case-insensitive pattern, acronym pattern, lower-cased alias -> canonical name)."""
    lookup: dict[str, str] = {}
    loose: list[str] = []
    strict: list[str] = []
    for entity in entities():
        for alias in (entity.name, *entity.aliases):
            lookup.setdefault(alias.lower(), entity.name)
            (strict if len(alias) <= 4 and alias.upper() == alias else loose).append(alias)

    boundary = r"(?<![\w’'])({})(?:['’]s)?(?![\w])"
    return (
        re.compile(boundary.format(alternation(loose)), re.IGNORECASE),
        re.compile(boundary.format(alternation(strict))),
        lookup,
    )


@cache
def lineage(name: str) -> tuple[str, ...]:
    """The entity and every wider entity it is part of.

    >>> lineage("National AI Strategy")
    ('National AI Strategy', 'French government', 'France')
    """
    parents = {e.name: e.part_of for e in entities()}
    chain = [name]
    while parents.get(chain[-1]) and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    return tuple(chain)


def canonical_entity(surface: str) -> str:
    """The canonical name of an entity as written.

    >>> canonical_entity("Sommet international de l’IA")
    'AI Action Summit'
    >>> canonical_entity("BROOKFIELD")
    'Brookfield'
    >>> canonical_entity("Poolside's")
    'Poolside'
    """
    text = re.sub(r"['’]s$", "", surface.strip())
    known = _alias_patterns()[2].get(text.lower())
    if known:
        return known
    if text.isupper() and len(text) > 4:
        return text.title()
    return text


# --- finding entities in a sentence ---------------------------------------------------------

_CAPITALISED = re.compile(
    r"""(?<![\w’'])
    [A-Z][\w&’'\-.]*                                   # a capitalised word (or acronym)
    (?:[ ](?:(?:of|de|du|des|for|and|&|la|le|l’|l'|d’|d')[ ])?[A-Z0-9][\w&’'\-]*)*
    """,
    re.VERBOSE,
)
_LOCATIVE = re.compile(r"(?:\b(?:in|en|à|au|aux|across|throughout|within|to|from|of)[ \n]+(?:the[ ]+)?)$", re.I)
_NOT_NAMES = {"ai", "ia", "analysis", "tl", "dr", "faq", "key", "notable", "new", "phase", "read", "more"}


def find_entities(
    text: str, language: str, heading: bool = False, vocabulary: frozenset[str] = frozenset()
) -> list[EntityMention]:
    """Every entity mention in a sentence, known aliases first, then capitalised names.

    >>> [m.name for m in find_entities("Brookfield Asset Management will invest in France.", "en")]
    ['Brookfield', 'France']
    """
    loose, strict, _ = _alias_patterns()
    found: list[EntityMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (loose, strict):
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(_mention(text, match.start(), match.end(), canonical_entity(match.group(1))))
    if not heading:
        found.extend(_capitalised_names(text, language, taken, vocabulary))
    return sorted(found, key=lambda m: m.start)


def _capitalised_names(
    text: str, language: str, taken: list[tuple[int, int]], vocabulary: frozenset[str]
) -> Iterable[EntityMention]:
    stop = function_words(language).stop
    months = time_words(language).months
    for match in _CAPITALISED.finditer(text):
        start, end = match.start(), match.end()
        words = match.group(0).rstrip(".-").split(" ")
        while words and (words[0].lower() in stop or words[0].lower() in _NOT_NAMES or words[0] == "The"):
            start += len(words[0]) + 1
            words = words[1:]
        end = start + len(" ".join(words))
        if not words or not words[0][:1].isupper() or any(start < e and s < end for s, e in taken):
            continue
        lowered = [w.lower().strip("’'") for w in words]
        if len(words) == 1 and (lowered[0] in stop or lowered[0] in months or lowered[0] in _NOT_NAMES):
            continue
        sentence_start = not text[: match.start()].strip(' →•-–*\n"“(')
        # A capitalised first word is a name only if the source never writes it in lower case.
        common = lowered[0] in vocabulary or not vocabulary or lowered[0].endswith("s")
        camel = any(c.isupper() for c in words[0][1:])
        if len(words) == 1 and sentence_start and not words[0].isupper() and not camel and common:
            continue
        yield _mention(text, start, end, canonical_entity(" ".join(words)))


def _mention(text: str, start: int, end: int, name: str) -> EntityMention:
    before = text[max(0, start - 20) : start]
    return EntityMention(start, end, name, bool(_LOCATIVE.search(before)))


# --- assigning subjects ---------------------------------------------------------------------


def assign_subjects(source: Source, claims: list[Claim]) -> None:
    """Fill ``entity``, ``metric`` and ``topic`` of every claim of ``source`` in place."""
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence_start, []).append(claim)
    lang = source.language if source.language in ("en", "fr") else "en"
    default = dominant_entity(source)
    vocabulary = frozenset(w for w in re.findall(r"[^\W\d_]+", source.text) if w.islower())
    label = ""
    previous = ""  # the subject of the sentence before: "The company said ..." refers back to it
    for sentence in source.sentences:
        if sentence.heading:
            label = previous = ""
        elif sentence.label and _is_name_like(sentence.label):
            label = canonical_entity(sentence.label)
        elif re.match(r"\s*[→•▪►]", sentence.text):
            label = ""
        here = by_sentence.get(sentence.start, [])
        if not here and sentence.heading:
            continue
        spans = [(c.start - sentence.start, c.end - sentence.start) for c in here]
        mentions = [
            m
            for m in find_entities(sentence.text, lang, sentence.heading, vocabulary)
            if not any(m.start < e and s < m.end for s, e in spans)
        ]
        for claim in here:
            start, end = claim.start - sentence.start, claim.end - sentence.start
            claim.entity = choose_entity(sentence.text, start, end, mentions, claim) or label or previous or default
            claim.metric, claim.topic = choose_metric(sentence.text, start, end, claim, lang)
        subjects = [m.name for m in mentions if not m.locative]
        previous = subjects[0] if subjects else previous


def _is_name_like(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    if _alias_patterns()[2].get(label.lower()):
        return True
    return sum(w[:1].isupper() for w in words) / len(words) >= 0.75 and len(words) <= 3


def dominant_entity(source: Source) -> str:
    """The known entity a source mentions most, when it clearly dominates."""
    counts: Counter[str] = Counter()
    loose, strict, _ = _alias_patterns()
    for pattern in (loose, strict):
        for match in pattern.finditer(source.text):
            counts[canonical_entity(match.group(1))] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return ""
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ""
    return ranked[0][0]


def choose_entity(text: str, start: int, end: int, mentions: list[EntityMention], claim: Claim) -> str:
    """The entity a claim at ``text[start:end]`` is about (see the module docstring)."""
    outside = [m for m in mentions if m.end <= start or m.start >= end]
    if claim.kind == "date" and claim.event:
        chosen = _date_entity(text, start, end, outside, claim.language if claim.language in ("en", "fr") else "en")
        if chosen:
            return chosen
    open_paren = text.rfind("(", 0, start)
    if open_paren != -1 and text.find(")", open_paren, start) == -1 and start - open_paren < 30:
        before = [m for m in outside if m.end <= open_paren and open_paren - m.end < 60]
        if before:
            return before[-1].name
    before = [m for m in outside if m.end <= start and not m.locative]
    if before:
        return before[0].name
    after = [m for m in outside if m.start >= end and not m.locative]
    if after:
        return after[0].name
    places = [m for m in outside if m.locative]
    return places[0].name if places else ""


def _date_entity(text: str, start: int, end: int, mentions: list[EntityMention], lang: str) -> str:
    """For "launched a national AI strategy in 2018" the date is about what was launched."""
    pattern = _keyword_pattern(tuple(sorted(events(lang))))
    nearest = None
    for match in pattern.finditer(text, max(0, start - EVENT_REACH_BEFORE), min(len(text), end + EVENT_REACH_AFTER)):
        distance = abs((match.start() + match.end()) / 2 - (start + end) / 2)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, match)
    if nearest is None:
        return ""
    event = nearest[1]
    date_length = end - start if event.end() <= start else 0
    passive = re.match(r"[\w ,]{0,15}\bby\b", text[event.end() :]) is not None
    after = [m for m in mentions if 0 <= m.start - event.end() - date_length < 20 and not m.locative]
    before = [m for m in mentions if 0 <= event.start() - m.end < 20 and not m.locative]
    if after and not passive:
        return after[0].name
    return before[-1].name if before else ""


def choose_metric(text: str, start: int, end: int, claim: Claim, lang: str) -> tuple[str, str]:
    """(metric, topic) of a claim from the keywords nearest its figure."""
    words = metric_words(lang)
    topic = _nearest(text, start, end, words.topics, 120)
    if claim.kind == "money":
        metric = _nearest(text, start, end, words.money, 80) or _nearest(
            text, max(0, start - 250), start, words.money, 250
        )
        if not metric and _kind_of(claim.entity) == "programme":
            metric = "budget"  # an amount attached to a programme is what it is funded with
        return metric or "amount", topic
    if claim.kind == "count":
        noun = words.nouns.get(claim.noun, claim.noun.rstrip("s") if claim.noun.endswith("s") else claim.noun)
        return f"count of {noun}", topic
    if claim.kind == "date":
        return claim.event or "date", topic
    if claim.kind == "rank":
        return _ranking(text, end), topic
    keyword = _nearest(text, start, end, words.other, 60)
    if claim.kind == "percent":
        return keyword or "share", topic
    if "multiplier" in claim.flags:
        return "factor", topic
    if not keyword and _unit_metric(claim) == "duration":
        return "", topic  # a bare duration ("over five years") qualifies something else
    return keyword or _unit_metric(claim), topic


def _kind_of(name: str) -> str:
    return next((e.kind for e in entities() if e.name == name), "")


def _unit_metric(claim: Claim) -> str:
    for entry in units().surfaces:
        if claim.unit.startswith(entry.canonical):
            return entry.metric
    return "quantity"


def _nearest(text: str, start: int, end: int, table: dict[str, str], reach: int) -> str:
    pattern = _keyword_pattern(tuple(sorted(table)))
    best: tuple[int, str] | None = None
    for match in pattern.finditer(text, max(0, start - reach), min(len(text), end + reach)):
        if match.start() < end and start < match.end():
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, table[match.group(0).lower()])
    return best[1] if best else ""


@cache
def _keyword_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + alternation(words) + r")(?!\w)", re.I)


_RANKING = re.compile(
    r"""(?:in[ ]terms[ ]of[ ](?:the[ ])?(?:number[ ]of[ ])?(?P<terms>[\w\- ]{3,60}?)(?=[,.;\n]|$|[ ](?:at|in)[ ])
      | (?:in|on|of)[ ](?:the[ ])?(?P<name>(?:[Gg]lobal[ ])?[A-Z][\w\-]*(?:[ ][A-Z0-9][\w\-]*)*)
      | for[ ](?P<for>[\w\- ]{3,40}?)(?=[,.;\n]|$))""",
    re.VERBOSE,
)


def _ranking(text: str, end: int) -> str:
    """Which ranking an ordinal is a place in ("3RD in the Stanford Global AI Vibrancy Ranking")."""
    window = " ".join(text[end : end + 120].split())
    scope = ""
    if re.search(r"\b(?:in the EU|in Europe|European|en Europe|de l'UE)\b", window[:40], re.I):
        scope = " (Europe)"
    elif re.search(r"\b(?:in the world|worldwide|au monde|mondial)\b", window[:40], re.I):
        scope = " (world)"
    for match in _RANKING.finditer(window):
        name = match.group("terms") or match.group("name") or match.group("for")
        if name and name.lower() not in ("the world", "europe", "the eu", "eu", "europe’s", "2023", "2024"):
            return f"rank in {name.strip()}{scope}"
    return f"rank{scope}"
