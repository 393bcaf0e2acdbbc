"""Description claims: the facts a source states about an organisation, and where they conflict.

:mod:`claimdiff.facts` reads a sentence's facts as attribute and value (kind of organisation,
nationality, founding year, founders, headquarters, parent, leaders, activity, products); each
becomes a claim of kind ``description`` whose ``metric`` is the attribute and whose
``original`` value is the normalized value. Two sources conflict only when they give values
of one attribute that cannot both hold (:func:`compatible`): founded in 2019 against 2020,
headquartered in Paris against London, a CEO against another in the same year, a speciality
against another with no content word in common. Different emphasis is no conflict: products
never conflict (a company makes many things), a partial list ("co-founded by") never
contradicts a longer one, and activities in two languages are not compared word by word.
"""

from __future__ import annotations

import re
from collections import defaultdict

from claimdiff.facts import Fact, activity_stems, fold, place_country, read_facts, surnames
from claimdiff.lexicon import EntityTable, Knowledge
from claimdiff.model import Claim, Discrepancy, discrepancy_id, with_ids
from claimdiff.sources import Source

_LABELLED = re.compile(
    r"^\s*(?:[→•▪►\-–—*]\s*)?(?P<label>[^\n:]{2,60}?)\s*(?:\([^)\n]{1,30}\))?\s*:\s+(?P<what>\S.{10,})$", re.S
)
# Attributes that hold at a date, compared only within one year (the source's); the others
# are compared whenever sources state them.
DATED = frozenset({"leader"})
# What the explanation calls each attribute.
ATTRIBUTE_NAMES = {"organisation": "kind of organisation", "founded": "founding year"}


def description_claims(source: Source, knowledge: Knowledge, referents: dict[int, str] | None = None) -> list[Claim]:
    """Every fact a source states about an organisation, as claims of kind ``description``;
    ``referents`` (by sentence start) is what a sentence that names nothing refers back to
    ("La société, dont le siège est à Lyon, ...")."""
    lexicon = knowledge.lexicon(source.language)
    out: list[Claim] = []
    for sentence in source.sentences:
        if sentence.heading:
            continue
        labelled = _LABELLED.match(sentence.text) if ":" in sentence.text else None  # (quick: no colon)
        label = knowledge.entities.canonical(labelled.group("label")) if labelled else ""
        if labelled and not _looks_like_name(labelled.group("label")):
            label = ""
        label = label or (referents or {}).get(sentence.start, "")
        for fact in read_facts(sentence.text, knowledge, lexicon, label):
            out.append(_claim(source, sentence.text, sentence.start, fact))
    return with_ids(out)


def _claim(source: Source, sentence: str, offset: int, fact: Fact) -> Claim:
    text = sentence[fact.start : fact.end].strip()
    line, column = source.position(offset + fact.start)
    year = float(fact.value) if fact.attribute == "founded" else 0.0
    return Claim(
        id="",
        source=source.path,
        line=line,
        column=column,
        text=text,
        sentence=" ".join(sentence.split()),
        kind="description",
        value=year,
        low=year if year else None,
        high=year if year else None,
        unit="",
        original={"value": fact.value, "unit": ""},
        # A list that may leave some out ("co-founded by"): at least these.
        qualifier="at_least" if fact.partial else "exact",
        period=source.published[:4] if fact.attribute.split(" (")[0] in DATED else "",
        language=source.language,
        entity=fact.entity,
        metric=fact.attribute,
        start=offset + fact.start,
        end=offset + fact.end,
        sentence_start=offset,
    )


def _looks_like_name(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


# --- comparing ---------------------------------------------------------------------------------


def compatible(a: Claim, b: Claim, knowledge: Knowledge) -> bool:
    """Whether two values of one attribute of one organisation can both hold.

    Years, kinds of organisation (by family), countries and owners must be equal; places must
    not lie in two different known countries or be two different known cities; people lists
    must share a surname unless one is partial; specialities must share a content word when
    both are specific and in one language. Products always can.
    """
    attribute = a.metric.split(" (")[0]
    x, y = str(a.original.get("value", "")), str(b.original.get("value", ""))
    if fold(x) == fold(y) or attribute == "product":
        return True
    if attribute == "headquarters":
        (city_a, country_a), (city_b, country_b) = place_country(x, knowledge), place_country(y, knowledge)
        return not ((country_a and country_b and country_a != country_b) or (city_a and city_b and city_a != city_b))
    if attribute in ("founders", "leader"):
        return bool(surnames(x) & surnames(y)) or (attribute == "founders" and "at_least" in (a.qualifier, b.qualifier))
    if attribute == "founders' background":
        return bool({fold(v) for v in x.split("; ")} & {fold(v) for v in y.split("; ")})
    if attribute == "activity":
        if a.language != b.language:
            return True
        lexicon = knowledge.lexicon(a.language)
        stems_a, stems_b = activity_stems(x, lexicon), activity_stems(y, lexicon)
        return not stems_a or not stems_b or bool(stems_a & stems_b)
    return False


def describe_discrepancies(
    claims: list[Claim], names: dict[str, str], knowledge: Knowledge, entities: EntityTable | None = None
) -> list[Discrepancy]:
    """A ``description`` discrepancy per (entity, attribute, period) that sources give
    incompatible values of; with the corpus's ``entities``, spellings of one name ("Zorbix
    SA", "Zorbix") are one entity."""
    dated = _founding_dates(claims)
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != "description" or not claim.entity or claim.metric == "description":
            continue
        if claim.period or claim.metric.split(" (")[0] not in DATED:
            entity = entities.written_for(claim.entity) if entities is not None else claim.entity
            groups[(entity, claim.metric, claim.period)].append(claim)
    out = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda c: c.reading_order)
        conflict = any(
            not compatible(a, b, knowledge)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.source != b.source and not ({_dated_key(a), _dated_key(b)} <= dated)
        )
        if conflict:
            out.append(_discrepancy(*key, group, names, knowledge))
    return out


def _dated_key(claim: Claim) -> tuple[str, str, float]:
    return claim.source, claim.entity, claim.value if claim.metric == "founded" else -1.0


def _founding_dates(claims: list[Claim]) -> set[tuple[str, str, float]]:
    """(source, entity, year) of every creation date the date extractor found: two founding
    years it found in both sources are the date comparison's to judge, not reported twice."""
    return {
        (c.source, c.entity, float(int(c.value)))
        for c in claims
        if c.kind == "date" and c.metric == "creation date" and c.value
    }


def _discrepancy(
    entity: str, attribute: str, period: str, group: list[Claim], names: dict[str, str], knowledge: Knowledge
) -> Discrepancy:
    positions: dict[str, int] = {}
    representatives: list[Claim] = []
    for claim in group:
        for index, other in enumerate(representatives):
            if compatible(claim, other, knowledge):
                positions[claim.id] = index
                break
        else:
            positions[claim.id] = len(representatives)
            representatives.append(claim)
    highlights = {c.id: _value_words(c) for c in group}
    name = ATTRIBUTE_NAMES.get(attribute, attribute)
    said = "; ".join(f"{names.get(c.source, c.source)} says “{_short(_shown(c))}”" for c in group)
    sources = len({c.source for c in group})
    explanation = (
        f"Sources disagree on the {name} of {entity}: {said} "
        f"({sources} sources, {len(representatives)} incompatible values)."
    )
    identifier = discrepancy_id("description", group, positions)
    subject = {"entity": entity, "metric": "description", "period": period}
    return Discrepancy(
        identifier, "description", subject, explanation, group, positions, highlights=highlights, attribute=attribute
    )


def _shown(claim: Claim) -> str:
    """A value as a reader knows it: the words of the source for a kind of organisation (its
    family is the table's), else the normalized value."""
    return claim.text if claim.metric == "organisation" else str(claim.original.get("value", ""))


def _value_words(claim: Claim) -> list[str]:
    """The words of a claim's value, which the report marks in its quote."""
    return sorted({w.lower() for w in re.findall(r"[^\W\d_]{3,}|\d{4}", str(claim.original.get("value", "")))})


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
