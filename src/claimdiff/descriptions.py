"""Description claims: what a source says an entity is or does, and where sources diverge.

A description is found where a sentence defines an entity: a list label (``Mistral AI:
Specializes in ...``), ``As a pioneer in X, ENTITY ...``, an apposition (``ENTITY, a X,``) or
a copula (``ENTITY is a X``). Descriptions of one entity from different sources are compared
by their content words; this judges vocabulary overlap, not meaning, so two paraphrases with
no word in common are flagged too (README says so).
"""

from __future__ import annotations

import re
from collections import defaultdict

from claimdiff.lexicon import Knowledge, Lexicon, alternation
from claimdiff.model import Claim, Discrepancy, discrepancy_id, with_ids
from claimdiff.sources import Source
from claimdiff.subjects import find_entities

# Below this share of shared content words, two descriptions diverge.
SIMILARITY_THRESHOLD = 0.2
MIN_CONTENT_WORDS = 3


def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    """How a sentence of this language defines an entity: "As a X, ENTITY is", "ENTITY, a X,"
    and "ENTITY is a X" (the words come from ``grammar.toml``'s ``[definitions]``)."""
    words = lexicon.grammar.definitions
    as_, verbs = alternation(words.as_), alternation(words.as_verbs)
    copulas, articles = alternation(words.copulas), alternation(words.articles)
    name = r"(?P<entity>\b[A-Z][\w’'&.\- ]{1,60}?)"
    # An elided article ("l'") touches the word that follows it.
    article = rf"(?:{articles})(?:[ ]|(?<=['’]))"
    return (
        re.compile(rf"^\W*(?:{as_}) (?P<what>[^,.;]{{5,100}}), (?P<entity>.{{2,60}}?) (?:{verbs})\b"),
        re.compile(rf"{name}, {article}(?P<what>[^,.;()]{{5,100}}),"),
        re.compile(rf"{name} (?:{copulas}) {article}(?P<what>[^,.;()]{{5,120}})"),
    )


_LABELLED = re.compile(
    r"^\s*(?:[→•▪►\-–—*]\s*)?(?P<label>[^\n:]{2,60}?)\s*(?:\([^)\n]{1,30}\))?\s*:\s+(?P<what>\S.{10,})$", re.S
)


def description_claims(source: Source, knowledge: Knowledge) -> list[Claim]:
    """Every description of an entity in a source, as claims of kind ``description``."""
    lexicon = knowledge.lexicon(source.language)
    out: list[Claim] = []
    for sentence in source.sentences:
        if sentence.heading:
            continue
        for entity, start, end in _descriptions(sentence.text, knowledge, lexicon):
            text = sentence.text[start:end].strip()
            if len(_content_words(text, lexicon)) < MIN_CONTENT_WORDS:
                continue
            line, column = source.position(sentence.start + start)
            out.append(
                Claim(
                    id="",
                    source=source.path,
                    line=line,
                    column=column,
                    text=text,
                    sentence=" ".join(sentence.text.split()),
                    kind="description",
                    value=0.0,
                    low=None,
                    high=None,
                    unit="",
                    original={"value": text, "unit": ""},
                    qualifier="exact",
                    period="",
                    language=source.language,
                    entity=entity,
                    metric="description",
                    start=sentence.start + start,
                    end=sentence.start + end,
                    sentence_start=sentence.start,
                )
            )
    return with_ids(out)


def _descriptions(text: str, knowledge: Knowledge, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """(entity, start, end) of each description in one sentence."""
    labelled = _LABELLED.match(text)
    matches = [m for pattern in lexicon.compiled("definitions", _patterns) for m in pattern.finditer(text)]
    if not labelled and not matches:
        return []
    known = {m.name for m in find_entities(text, knowledge, lexicon)}
    found: list[tuple[str, int, int]] = []
    if labelled:
        entity = knowledge.entities.canonical(labelled.group("label"))
        if entity in known or _looks_like_name(labelled.group("label")):
            found.append((entity, labelled.start("what"), labelled.end("what")))
            return found
    for match in matches:
        entity = knowledge.entities.canonical(match.group("entity").strip())
        if entity in known:
            found.append((entity, match.start("what"), match.end("what")))
    return found


def _looks_like_name(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _content_words(text: str, lexicon: Lexicon) -> set[str]:
    stop = lexicon.function_words.stop
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in stop}


def similarity(a: Claim, b: Claim, knowledge: Knowledge) -> float:
    """Share of content words two descriptions have in common (Jaccard index)."""
    words_a = _content_words(a.text, knowledge.lexicon(a.language))
    words_b = _content_words(b.text, knowledge.lexicon(b.language))
    if not words_a or not words_b:
        return 1.0
    return len(words_a & words_b) / len(words_a | words_b)


def describe_discrepancies(claims: list[Claim], names: dict[str, str], knowledge: Knowledge) -> list[Discrepancy]:
    """A ``description`` discrepancy per entity that sources describe without common ground."""
    by_entity: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "description":
            by_entity[claim.entity].append(claim)
    out = []
    for entity in sorted(by_entity):
        group = sorted(by_entity[entity], key=lambda c: c.reading_order)
        if len({c.source for c in group}) < 2:
            continue
        diverging = any(
            similarity(a, b, knowledge) < SIMILARITY_THRESHOLD
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.source != b.source
        )
        if diverging:
            out.append(_discrepancy(entity, group, names, knowledge))
    return out


def _discrepancy(entity: str, group: list[Claim], names: dict[str, str], knowledge: Knowledge) -> Discrepancy:
    positions: dict[str, int] = {}
    representatives: list[Claim] = []
    for claim in group:
        for index, other in enumerate(representatives):
            if similarity(claim, other, knowledge) >= SIMILARITY_THRESHOLD:
                positions[claim.id] = index
                break
        else:
            positions[claim.id] = len(representatives)
            representatives.append(claim)
    highlights = {}
    for claim in group:
        others: set[str] = set()
        for other in group:
            if positions[other.id] != positions[claim.id]:
                others |= _content_words(other.text, knowledge.lexicon(other.language))
        own = _content_words(claim.text, knowledge.lexicon(claim.language)) - others
        highlights[claim.id] = sorted(own)
    sources = sorted({names.get(c.source, c.source) for c in group})
    explanation = (
        f"Sources describe {entity} differently: "
        + "; ".join(f"{names.get(c.source, c.source)} says “{_short(c.text)}”" for c in group)
        + f" ({len(sources)} sources, {len(representatives)} distinct descriptions)."
    )
    identifier = discrepancy_id("description", group, positions)
    subject = {"entity": entity, "metric": "description", "period": ""}
    return Discrepancy(identifier, "description", subject, explanation, group, positions, highlights=highlights)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
