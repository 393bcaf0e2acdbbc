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
from dataclasses import dataclass, replace

from claimdiff.extract import EVENT_REACH_AFTER, EVENT_REACH_BEFORE
from claimdiff.lexicon import Knowledge, Lexicon, alternation
from claimdiff.model import Claim
from claimdiff.sources import Source


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    name: str
    locative: bool


# --- the alias table ------------------------------------------------------------------------


def _alias_patterns(knowledge: Knowledge) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(case-insensitive pattern, acronym pattern) of every known entity's names."""
    loose: list[str] = []
    strict: list[str] = []
    for entity in knowledge.entities.entities:
        for alias in (entity.name, *entity.aliases):
            (strict if len(alias) <= 4 and alias.upper() == alias else loose).append(alias)

    boundary = r"(?<![\w’'])({})(?:['’]s)?(?![\w])"
    return (
        re.compile(boundary.format(alternation(loose)), re.IGNORECASE),
        re.compile(boundary.format(alternation(strict))),
    )


def alias_patterns(knowledge: Knowledge) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return knowledge.compiled("aliases", _alias_patterns)


# --- finding entities in a sentence ---------------------------------------------------------


@dataclass(frozen=True)
class _NamePatterns:
    capitalised: re.Pattern[str]
    locative: re.Pattern[str]
    not_names: frozenset[str]
    articles: frozenset[str]


def _name_patterns(lexicon: Lexicon) -> _NamePatterns:
    grammar = lexicon.grammar
    connectors = alternation(grammar.name_connectors)
    capitalised = re.compile(
        rf"""(?<![\w’'])
        [A-Z][\w&’'\-.]*                                   # a capitalised word (or acronym)
        (?:[ ](?:(?:{connectors})[ ])?[A-Z0-9][\w&’'\-]*)*  # more, maybe joined by "of", "de"
        """,
        re.VERBOSE,
    )
    locative = re.compile(rf"(?:\b(?:{alternation(grammar.locatives)})[ \n]+)$", re.I)
    return _NamePatterns(
        capitalised, locative, frozenset(w.lower() for w in grammar.not_names), frozenset(grammar.name_articles)
    )


def find_entities(
    text: str,
    knowledge: Knowledge,
    lexicon: Lexicon,
    heading: bool = False,
    vocabulary: frozenset[str] = frozenset(),
) -> list[EntityMention]:
    """Every entity mention in a sentence, known aliases first, then capitalised names.

    >>> from claimdiff.lexicon import load_knowledge
    >>> knowledge = load_knowledge()
    >>> text = "Acme Robotics will invest in France."
    >>> [m.name for m in find_entities(text, knowledge, knowledge.lexicon("en"))]
    ['Acme Robotics', 'France']
    """
    loose, strict = alias_patterns(knowledge)
    names = lexicon.compiled("names", _name_patterns)
    found: list[EntityMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (loose, strict):
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(
                _mention(text, match.start(), match.end(), knowledge.entities.canonical(match.group(1)), names)
            )
    if not heading:
        found.extend(_capitalised_names(text, knowledge, lexicon, taken, vocabulary))
    return sorted(found, key=lambda m: m.start)


def _capitalised_names(
    text: str, knowledge: Knowledge, lexicon: Lexicon, taken: list[tuple[int, int]], vocabulary: frozenset[str]
) -> Iterable[EntityMention]:
    stop = lexicon.function_words.stop
    months = lexicon.time.months
    names = lexicon.compiled("names", _name_patterns)
    # Where every noun is capitalised, a word the source uses as a common noun starts no name,
    # and a capitalised first word of a sentence says nothing (the test below is for English).
    capitalised_nouns = lexicon.function_words.nouns_capitalised
    nouns = vocabulary if capitalised_nouns else frozenset()
    for match in names.capitalised.finditer(text):
        start, end = match.start(), match.end()
        words = match.group(0).rstrip(".-").split(" ")
        while words and (
            words[0].lower() in stop
            or words[0].lower() in names.not_names
            or words[0] in names.articles
            or words[0].lower() in nouns
        ):
            start += len(words[0]) + 1
            words = words[1:]
        end = start + len(" ".join(words))
        if not words or not words[0][:1].isupper() or any(start < e and s < end for s, e in taken):
            continue
        lowered = [w.lower().strip("’'") for w in words]
        if len(words) == 1 and (lowered[0] in stop or lowered[0] in months or lowered[0] in names.not_names):
            continue
        sentence_start = not text[: match.start()].strip(' →•-–*\n"“(')
        # A capitalised first word is a name only if the source never writes it in lower case.
        common = lowered[0] in vocabulary or not vocabulary or lowered[0].endswith("s")
        camel = any(c.isupper() for c in words[0][1:])
        if (
            len(words) == 1
            and sentence_start
            and not words[0].isupper()
            and not camel
            and common
            and not capitalised_nouns
        ):
            continue
        yield _mention(text, start, end, knowledge.entities.canonical(" ".join(words)), names)


def _mention(text: str, start: int, end: int, name: str, names: _NamePatterns) -> EntityMention:
    before = text[max(0, start - 20) : start]
    return EntityMention(start, end, name, bool(names.locative.search(before)))


# --- assigning subjects ---------------------------------------------------------------------


def assign_subjects(source: Source, claims: list[Claim], knowledge: Knowledge) -> list[Claim]:
    """The claims of ``source`` with their ``entity``, ``metric`` and ``topic``, in the same order."""
    assigned: dict[str, Claim] = {}
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence_start, []).append(claim)
    lexicon = knowledge.lexicon(source.language)
    default = dominant_entity(source, knowledge)
    vocabulary = frozenset(w for w in re.findall(r"[^\W\d_]+", source.text) if w.islower())
    vocabulary |= _common_nouns(source.text, lexicon)
    label = ""
    previous = ""  # the subject of the sentence before: "The company said ..." refers back to it
    for sentence in source.sentences:
        if sentence.heading:
            label = previous = ""
        elif sentence.label and _is_name_like(sentence.label, knowledge):
            label = knowledge.entities.canonical(sentence.label)
        elif re.match(r"\s*[→•▪►]", sentence.text):
            label = ""
        here = by_sentence.get(sentence.start, [])
        if not here and sentence.heading:
            continue
        spans = [(c.start - sentence.start, c.end - sentence.start) for c in here]
        # Where nouns are capitalised, so are a claim's words ("Helsing 450 Mio. Euro"): names
        # are read with the claims blanked out. Elsewhere a name running into a claim is dropped.
        capitalised = lexicon.function_words.nouns_capitalised
        text = _blank(sentence.text, spans) if capitalised else sentence.text
        mentions = [
            m
            for m in find_entities(text, knowledge, lexicon, sentence.heading, vocabulary)
            if not any(m.start < e and s < m.end for s, e in spans)
        ]
        for claim in here:
            start, end = claim.start - sentence.start, claim.end - sentence.start
            chosen = choose_entity(sentence.text, start, end, mentions, claim, lexicon)
            about = replace(claim, entity=chosen or label or previous or default)
            metric, topic = choose_metric(sentence.text, start, end, about, lexicon, knowledge)
            assigned[claim.id] = replace(about, metric=metric, topic=topic)
        subjects = [m.name for m in mentions if not m.locative]
        previous = subjects[0] if subjects else previous
    return [assigned.get(claim.id, claim) for claim in claims]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces, so offsets still hold."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _common_nouns(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Words known as common nouns, lower-cased, where every noun is capitalised (else none).

    They are the words of the language's metric and event keywords ("Umsatz", "Betrieb") and
    the capitalised words the source writes after a determiner ("der Umsatz").
    """
    words = lexicon.function_words
    if not words.nouns_capitalised:
        return frozenset()
    keywords = lexicon.compiled("keyword words", _keyword_words)
    if not words.determiners:
        return keywords
    pattern = lexicon.compiled(
        "determined nouns",
        lambda lex: re.compile(rf"(?<!\w)(?:{alternation(lex.function_words.determiners)})\s+([^\W\d_][\w\-]*)", re.I),
    )
    found = (match.group(1) for match in pattern.finditer(text))
    return keywords | frozenset(word.lower() for word in found if word[0].isupper())


def _keyword_words(lexicon: Lexicon) -> frozenset[str]:
    metrics = lexicon.metrics
    tables = (metrics.money, metrics.other, metrics.topics, metrics.nouns, lexicon.events)
    return frozenset(word for table in tables for phrase in table for word in phrase.split())


def _is_name_like(label: str, knowledge: Knowledge) -> bool:
    words = label.split()
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    if label.lower() in knowledge.entities.aliases:
        return True
    return sum(w[:1].isupper() for w in words) / len(words) >= 0.75 and len(words) <= 3


def dominant_entity(source: Source, knowledge: Knowledge) -> str:
    """The known entity a source mentions most, when it clearly dominates."""
    counts: Counter[str] = Counter()
    for pattern in alias_patterns(knowledge):
        for match in pattern.finditer(source.text):
            counts[knowledge.entities.canonical(match.group(1))] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return ""
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ""
    return ranked[0][0]


def choose_entity(
    text: str, start: int, end: int, mentions: list[EntityMention], claim: Claim, lexicon: Lexicon
) -> str:
    """The entity a claim at ``text[start:end]`` is about (see the module docstring)."""
    outside = [m for m in mentions if m.end <= start or m.start >= end]
    if claim.kind == "date" and claim.event:
        chosen = _date_entity(text, start, end, outside, lexicon)
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


def _date_entity(text: str, start: int, end: int, mentions: list[EntityMention], lexicon: Lexicon) -> str:
    """For "launched a national AI strategy in 2018" the date is about what was launched."""
    pattern = _keywords(lexicon, "events", lexicon.events)
    nearest = None
    for match in pattern.finditer(text, max(0, start - EVENT_REACH_BEFORE), min(len(text), end + EVENT_REACH_AFTER)):
        distance = abs((match.start() + match.end()) / 2 - (start + end) / 2)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, match)
    if nearest is None:
        return ""
    event = nearest[1]
    date_length = end - start if event.end() <= start else 0
    agents = alternation(lexicon.grammar.passive_agents)
    passive = re.match(rf"[\w ,]{{0,15}}\b(?:{agents})\b", text[event.end() :]) is not None
    after = [m for m in mentions if 0 <= m.start - event.end() - date_length < 20 and not m.locative]
    before = [m for m in mentions if 0 <= event.start() - m.end < 20 and not m.locative]
    if after and not passive:
        return after[0].name
    return before[-1].name if before else ""


def choose_metric(
    text: str, start: int, end: int, claim: Claim, lexicon: Lexicon, knowledge: Knowledge
) -> tuple[str, str]:
    """(metric, topic) of a claim from the keywords nearest its figure."""
    words = lexicon.metrics

    def nearest(name: str, table: dict[str, str], low: int, high: int, reach: int) -> str:
        return _nearest(text, low, high, table, reach, _keywords(lexicon, name, table))

    topic = nearest("topics", words.topics, start, end, 120)
    if claim.kind == "money":
        metric = nearest("money", words.money, start, end, 80) or nearest(
            "money", words.money, max(0, start - 250), start, 250
        )
        if not metric and knowledge.entities.kind_of(claim.entity) == "programme":
            metric = "budget"  # an amount attached to a programme is what it is funded with
        return metric or "amount", topic
    if claim.kind == "count":
        noun = words.nouns.get(claim.noun, claim.noun.rstrip("s") if claim.noun.endswith("s") else claim.noun)
        return f"count of {noun}", topic
    if claim.kind == "date":
        return claim.event or "date", topic
    if claim.kind == "rank":
        return _ranking(text, end, lexicon), topic
    keyword = nearest("other", words.other, start, end, 60)
    if claim.kind == "percent":
        return keyword or "share", topic
    if "multiplier" in claim.flags:
        return "factor", topic
    if not keyword and _unit_metric(claim, lexicon) == "duration":
        return "", topic  # a bare duration ("over five years") qualifies something else
    return keyword or _unit_metric(claim, lexicon), topic


def _unit_metric(claim: Claim, lexicon: Lexicon) -> str:
    for entry in lexicon.units.surfaces:
        if claim.unit.startswith(entry.canonical):
            return entry.metric
    return "quantity"


def _nearest(text: str, start: int, end: int, table: dict[str, str], reach: int, pattern: re.Pattern[str]) -> str:
    best: tuple[int, str] | None = None
    for match in pattern.finditer(text, max(0, start - reach), min(len(text), end + reach)):
        if match.start() < end and start < match.end():
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, table[match.group(0).lower()])
    return best[1] if best else ""


def _keywords(lexicon: Lexicon, name: str, table: dict[str, str]) -> re.Pattern[str]:
    """One pattern for a keyword table of a lexicon, built once."""
    return lexicon.compiled(
        f"keywords:{name}", lambda _: re.compile(r"(?<!\w)(?:" + alternation(table) + r")(?!\w)", re.I)
    )


@dataclass(frozen=True)
class _RankingPatterns:
    ranking: re.Pattern[str]
    europe: re.Pattern[str]
    world: re.Pattern[str]
    not_rankings: frozenset[str]


def _ranking_patterns(lexicon: Lexicon) -> _RankingPatterns:
    words = lexicon.grammar.ranking
    articles = alternation(words.articles)
    prefixes = alternation(words.name_prefixes)
    prefix = rf"(?:(?:{prefixes})[ ])?" if words.name_prefixes else ""
    ranking = re.compile(
        rf"""(?:(?:{alternation(words.terms)})[ ](?:(?:{articles})[ ]?)?(?:(?:{alternation(words.number_of)})[ ])?
              (?P<terms>[\w\- ]{{3,60}}?)(?=[,.;\n]|$|[ ](?:at|in)[ ])
          | (?:{alternation(words.within)})[ ](?:(?:{articles})[ ]?)?
              (?P<name>{prefix}[A-Z][\w\-]*(?:[ ][A-Z0-9][\w\-]*)*)
          | (?:{alternation(words.for_)})[ ](?P<for>[\w\- ]{{3,40}}?)(?=[,.;\n]|$))""",
        re.VERBOSE,
    )
    return _RankingPatterns(
        ranking,
        re.compile(rf"\b(?:{alternation(words.europe_scope)})\b", re.I),
        re.compile(rf"\b(?:{alternation(words.world_scope)})\b", re.I),
        frozenset(w.lower() for w in words.not_rankings),
    )


def _ranking(text: str, end: int, lexicon: Lexicon) -> str:
    """Which ranking an ordinal is a place in ("3RD in the Stanford Global AI Vibrancy Ranking")."""
    patterns = lexicon.compiled("ranking", _ranking_patterns)
    window = " ".join(text[end : end + 120].split())
    scope = ""
    if patterns.europe.search(window[:40]):
        scope = " (Europe)"
    elif patterns.world.search(window[:40]):
        scope = " (world)"
    for match in patterns.ranking.finditer(window):
        name = match.group("terms") or match.group("name") or match.group("for")
        if name and name.lower() not in patterns.not_rankings and not re.fullmatch(r"\d{4}", name):
            return f"rank in {name.strip()}{scope}"
    return f"rank{scope}"
