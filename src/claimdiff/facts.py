"""Facts: what a source states about an organisation, read as attribute and value.

A sentence such as "Acme, a French start-up founded in 2019 by Ada Byron and based in Lyon,
specializes in quantum sensors" states six facts about Acme: its kind of organisation
(business), nationality (France), founding year (2019), founders (Ada Byron), headquarters
(Lyon) and activity (quantum sensors). The words that introduce each value are data
(``data/<lang>/facts.toml``); what a value is about is the organisation it is attached to:
the name just before its phrase in the clause ("Acme, founded in 2019"), the name after a
phrase that opens the sentence ("Founded in 2019, Acme ..."), the entity of a labelled line
("Acme: Specializes in ..."), or the name that a title links to a person ("Acme CEO Ada
Byron", "Ada Byron, CEO of Acme"). :mod:`claimdiff.descriptions` turns facts into claims and
compares them; :func:`compatible` says when two values of one attribute can both hold.

>>> from claimdiff.lexicon import load_knowledge
>>> knowledge = load_knowledge()
>>> text = "Acme Robotics, a German start-up founded in 2019, is based in Berlin."
>>> [(f.attribute, f.value) for f in read_facts(text, knowledge, knowledge.lexicon("en"))]
[('organisation', 'business'), ('nationality', 'Germany'), ('founded', '2019'), ('headquarters', 'Berlin')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimdiff.lexicon import Knowledge, Lexicon, alternation
from claimdiff.subjects import find_entities
from claimdiff.subjects.names import EntityMention

# The attributes, in the order a sentence's facts are listed; a leader's attribute names its
# role ("leader (ceo)").
ATTRIBUTES = (
    "organisation",
    "nationality",
    "founded",
    "founders",
    "founders' background",
    "headquarters",
    "parent",
    "leader",
    "activity",
    "product",
)
# A capitalised word at least this frequent (wordfreq's Zipf scale: 3 is once per million
# words) is a word of the language, not a name ("Startups", German nouns such as "Sitz").
COMMON_ZIPF = 3.0
# How far a value's phrase may stand from the name it is about, in characters.
MAX_GAP = 80
# A year a company could be founded in.
YEAR = r"(?<![\d,.])(1[6-9]\d\d|20\d\d)(?![\d%]|[,.]\d)"
# A person's name: two to four capitalised words, with the particles of surnames.
PERSON = r"[A-ZÀ-Þ][\w’'\-]+(?:\s+(?:(?:de|du|von|van|der|le|la|di|da|dos|ben|al)\s+)?[A-ZÀ-Þ][\w’'\-]+){1,3}"
# A name written after a phrase: capitalised words, with "of"/"de" and hyphens inside.
NAME = r"[A-ZÀ-Þ0-9][\w’'&.\-]*(?:\s+(?:(?:of|de|du|des|la|le|von|der|für)\s+)?[A-ZÀ-Þ0-9][\w’'&.\-]*){0,4}"
# An organisation's name before a title: the fewest capitalised words that reach the title.
ORG = r"[A-ZÀ-Þ][\w&.’'\-]*?(?:\s+[A-ZÀ-Þ][\w&.’'\-]*?){0,3}?"
CONNECTORS = r"(?:,\s*|\s+(?:and|et|und|&)\s+|,\s*(?:and|et|und)\s+)"


@dataclass(frozen=True)
class Fact:
    """One attribute of one organisation, as a sentence states it."""

    entity: str
    attribute: str
    value: str  # normalized: a family, a country, a year, names joined by "; ", a phrase
    start: int  # the span of the statement in the sentence
    end: int
    partial: bool = False  # a list that may leave some out ("co-founded by", "a co-founder")


@dataclass(frozen=True)
class _Matchers:
    cues: dict[str, re.Pattern[str]]
    founded_after: re.Pattern[str] | None
    based_before: re.Pattern[str] | None  # "the Lyon-based bank Acme": the place first
    organisation: re.Pattern[str]
    person_title: re.Pattern[str]  # "PERSON, TITLE of ORG"
    org_title: re.Pattern[str]  # "ORG TITLE PERSON", "ORG's TITLE, PERSON"
    title_of: re.Pattern[str]  # "TITLE of ORG, PERSON"
    background: re.Pattern[str]
    opening: re.Pattern[str]
    title: re.Pattern[str]  # one title, on its own
    any_phrase: re.Pattern[str]  # any of the above: a sentence without one states no fact
    apposition: re.Pattern[str]  # what joins a name to a phrase that says what it is
    any_phrase_trie: re.Pattern[str]  # found in the sentences any_phrase is found in, quicker


def _phrase_trie(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds a phrase of ``phrases`` wherever :func:`_phrases` does (compiled
    with ``re.IGNORECASE``), written as a trie: a position is dismissed after a letter or two
    instead of after trying every phrase. Which phrase it finds there may differ (it is meant
    for a yes or no: does a sentence hold any phrase?)."""
    root: dict[str, Any] = {}
    for phrase in sorted(set(phrases)):
        node = root
        for index, word in enumerate(phrase.split()):
            if index:
                node = node.setdefault(_BLANK, {})  # a space matches any run of blanks
            for char in word:
                node = node.setdefault(char.lower() if len(char.lower()) == 1 else char, {})
        node[_END] = "" if phrase.endswith("-") else r"(?!\w)"
    return re.compile(rf"(?<!\w)(?:{_trie_branches(root) or '(?!)'})", re.IGNORECASE)


_BLANK, _END = " ", ""  # trie keys: no word of a phrase holds a blank, and no key is empty


def _trie_branches(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if key == _BLANK else re.escape(key)) + _trie_branches(child)
        for key, child in sorted(node.items())
        if key != _END
    ]
    if _END in node:
        branches.append(node[_END])  # the phrase ending here, once no longer one matches
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _phrases(words: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """An alternation of phrases on word boundaries, spaces matching any blank."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = r"\s+".join(re.escape(w) for w in word.split())
        parts.append(escaped if word.endswith("-") else escaped + r"(?!\w)")
    return "(?<!\\w)(?:" + "|".join(parts) + ")"


def _build(lexicon: Lexicon) -> _Matchers:
    words = lexicon.facts
    flags = re.IGNORECASE
    glued = ("founded_after", "headquarters_before")
    cues = {name: re.compile(_phrases(phrases), flags) for name, phrases in words.cues.items() if name not in glued}
    after = words.cues.get("founded_after")
    based = words.cues.get("headquarters_before")
    titles = _phrases((*words.leaders, *words.founder_titles))
    chain = rf"(?P<titles>{titles}(?:{CONNECTORS}{titles})*)"
    past = rf"(?:(?P<past>{_phrases(words.past_markers)})\s*)?"
    of = _phrases(words.of)
    articles = _phrases(lexicon.grammar.definitions.articles)
    return _Matchers(
        cues=cues,
        founded_after=re.compile(rf"{YEAR}\s+{_phrases(after)}", flags) if after else None,
        based_before=re.compile(rf"(?<![\w\-])(?P<place>{NAME})(?i:{alternation(based)})(?!\w)") if based else None,
        organisation=re.compile(_phrases(tuple(words.organisation)), flags),
        person_title=re.compile(
            rf"(?P<person>{PERSON}),\s+(?:{_case_free(articles)}\s*)?{_case_free(past)}{_case_free(chain)}"
            rf"\s+{_case_free(of)}\s*(?:{_case_free(articles)}\s*)?(?P<org>{NAME})"
        ),
        org_title=re.compile(
            rf"(?<![\w\-])(?P<org>{ORG})(?:['’]s)?[\s\-]+{_case_free(past)}{_case_free(chain)}\s*,?\s+"
            rf"(?P<person>{PERSON})"
        ),
        title_of=re.compile(
            rf"{_case_free(past)}{_case_free(chain)}\s+{_case_free(of)}\s*(?:{_case_free(articles)}\s*)?"
            rf"(?P<org>{ORG}),\s+(?P<person>{PERSON})"
        ),
        background=re.compile(
            rf"^\s*(?:\w+\s+){{0,2}}?{_phrases(words.past_markers)}\s*(?:[\w\-]+\s+){{0,2}}?(?:{of}|from)\s+",
            flags,
        ),
        title=re.compile(titles, flags),
        apposition=re.compile(
            rf"^\s*(?:,|:|\(|\s(?:{alternation(lexicon.grammar.definitions.copulas)}))?\s*"
            rf"(?:(?:{alternation(lexicon.grammar.definitions.articles)})\s*)?$",
            flags,
        ),
        any_phrase=re.compile(
            _phrases((*(p for ps in words.cues.values() for p in ps), *words.organisation, *words.leaders))
            + "|"
            + titles,
            flags,
        ),
        any_phrase_trie=_phrase_trie(
            (*(p for ps in words.cues.values() for p in ps), *words.organisation, *words.leaders, *words.founder_titles)
        ),
        opening=re.compile(rf"^\W*(?:(?:{alternation(_as_words(lexicon))})\s+)?(?:{articles}\s*)?$", flags),
    )


def _as_words(lexicon: Lexicon) -> set[str]:
    """ "As a", and "As" alone, since the cue may hold the article ("As | a pioneer in")."""
    phrases = lexicon.grammar.definitions.as_
    return {*phrases, *(p.split()[0] for p in phrases)}


def _case_free(pattern: str) -> str:
    """A part of a pattern matched without case, inside a pattern whose names need capitals."""
    return f"(?i:{pattern})"


def matchers(lexicon: Lexicon) -> _Matchers:
    return lexicon.compiled("facts", _build)


# --- reading a sentence ----------------------------------------------------------------------


def read_facts(text: str, knowledge: Knowledge, lexicon: Lexicon, label: str = "") -> list[Fact]:
    """Every fact a sentence states about an organisation; ``label`` is the entity a labelled
    line is about ("Acme: Specializes in ...")."""
    match = matchers(lexicon)
    if not match.any_phrase_trie.search(text) and not (match.based_before and match.based_before.search(text)):
        return []  # most sentences: no need to look for names
    named = [_without_kind_word(m, text, knowledge, match) for m in find_entities(text, knowledge, lexicon)]
    named = [m for m in named if _is_name(m, text, knowledge, lexicon)]
    mentions = [m for m in named if _is_organisation(m, knowledge)]
    found: list[Fact] = []
    found += _kinds_and_nationalities(text, mentions, knowledge, lexicon, match)
    for attribute, cue in match.cues.items():
        for hit in cue.finditer(text):
            entity = _owner(text, mentions, hit.start(), hit.end(), match, label)
            if entity:
                found += _values(attribute, entity, text, hit, knowledge, lexicon, match)
    found += _founded_after(text, mentions, match, label)
    found += _based_before(text, mentions, knowledge, match, label)
    # A name after "CEO of" may be taken for a place ("of" is also locative): a title says not.
    titled = [m for m in named if m.role != "ignored" and knowledge.entities.kind_of(m.name) != "place"]
    found += _leaders(text, titled, knowledge, lexicon, match)
    unique = {(f.entity, f.attribute, f.value): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.start, ATTRIBUTES.index(f.attribute.split(" (")[0]), f.value))


def _without_kind_word(mention: EntityMention, text: str, knowledge: Knowledge, match: _Matchers) -> EntityMention:
    """ "Start-up Acme" is Acme: a kind of organisation written before a name is no part of it
    (German capitalises it, so the name finder takes it in)."""
    kind = match.organisation.match(text, mention.start, mention.end)
    if not kind or kind.end() >= mention.end or text[kind.end()] != " ":
        return mention
    start = kind.end() + 1
    return EntityMention(start, mention.end, knowledge.entities.canonical(text[start : mention.end]), mention.role)


def _is_name(mention: EntityMention, text: str, knowledge: Knowledge, lexicon: Lexicon) -> bool:
    """Whether a mention can be an organisation's name: not one common word that has a capital
    only because it opens a sentence or a label ("Startups", "Specializes") or because the
    language capitalises nouns (German "Sitz"), unless the entity table knows it; not a
    fragment that starts in lower case."""
    surface = text[mention.start : mention.end]
    if not surface[:1].isupper() and not surface[:1].isdigit() or not re.search(r"[^\W\d_]", surface):
        return False
    if " " in surface or surface.lower() in knowledge.entities.aliases or surface.isupper():
        return True
    # Inside a sentence a capital marks a name ("Helix", "Zorbix"), except where every noun has one.
    opening = not text[: mention.start].strip(' →•-–*"“(«') or text[: mention.start].rstrip().endswith(":")
    if not opening and not lexicon.function_words.nouns_capitalised:
        return True
    from claimdiff.lexicon.frequency import zipf_frequency

    return zipf_frequency(surface.lower(), lexicon.code, wordlist="small") < COMMON_ZIPF


def _is_organisation(mention: EntityMention, knowledge: Knowledge) -> bool:
    """A name facts can be about: no person, place or adjective of nationality."""
    return mention.role == "subject" and knowledge.entities.kind_of(mention.name) not in ("place", "person")


def _owner(text: str, mentions: list[EntityMention], start: int, end: int, match: _Matchers, label: str) -> str:
    """The organisation a phrase at ``start:end`` is about, or ''."""
    if match.opening.match(text[:start]):
        # "Founded in 2019, Acme ...": the name that follows the opening phrase.
        comma = text.find(",", end)
        after = [m for m in mentions if comma >= 0 and m.start > comma and m.start - comma <= 40]
        if after:
            return after[0].name
        return label if label and not text[:start].strip(' →•-–*"“«') else ""
    nearest = _nearest_before(text, mentions, start)
    if nearest:
        return nearest
    if label and not any(m.end <= start for m in mentions if m.name != label):
        return label
    return ""


def _nearest_before(text: str, mentions: list[EntityMention], start: int) -> str:
    """The name a phrase at ``start`` follows in its clause; past a name in apposition ("Acme,
    a unit of Orion, makes ..." is about Acme)."""
    before = [m for m in mentions if m.end <= start and start - m.end <= MAX_GAP]
    if not before or re.search(r"[;:!?]|\.\s", text[before[-1].end : start]):
        return ""
    nearest = before[-1]
    if text[nearest.end : start].lstrip().startswith(",") and len(before) > 1:
        opening = text[before[-2].end : nearest.start]
        if opening.lstrip().startswith(",") and not re.search(r"[;:!?]|\.\s", opening):
            return before[-2].name
    return nearest.name


def _values(
    attribute: str,
    entity: str,
    text: str,
    hit: re.Match[str],
    knowledge: Knowledge,
    lexicon: Lexicon,
    match: _Matchers,
) -> list[Fact]:
    """The facts of one cue: the value its phrase introduces."""
    rest = text[hit.end() :]
    start = hit.start()
    if attribute == "founded":
        year = re.match(rf"^[^,;.()]{{0,24}}?{YEAR}", rest)
        return [Fact(entity, "founded", year.group(1), start, hit.end() + year.end())] if year else []
    if attribute in ("founders", "cofounded"):
        return _founders(entity, rest, start, hit.end(), attribute == "cofounded", knowledge, match)
    if attribute == "headquarters":
        place = re.match(rf"^\s*(?:(?:the|la|le|der|die|dem)\s+|l['’])?({NAME})", rest)
        if not place:
            return []
        value = _place(_trimmed(place.group(1)), knowledge)
        return [Fact(entity, "headquarters", value, start, hit.end() + len(_trimmed(place.group(0))))]
    if attribute == "parent":
        kind = rf"(?:{match.organisation.pattern}\s+)?"
        owner = re.match(rf"^\s*(?:(?:the|la|le|der|die|dem)\s+|l['’])?(?i:{kind})({NAME})", rest)
        if not owner:
            return []
        name = knowledge.entities.canonical(_trimmed(owner.group(1)))
        return [Fact(entity, "parent", name, start, hit.end() + owner.end())] if name != entity else []
    # activity and product: the phrase up to the end of its clause.
    phrase = re.match(r"^\s*([^,;:.()\[\]“”\"«»]{3,140})", rest)
    if not phrase or not activity_stems(phrase.group(1), lexicon):
        return []
    value = " ".join(phrase.group(1).split())
    # The statement is the phrase alone: a quote of what the source says it does, whose words
    # the report compares ("specializes in" and "a pioneer in" say the same).
    return [Fact(entity, attribute, value, hit.end() + phrase.start(1), hit.end() + phrase.end())]


def _founders(
    entity: str, rest: str, start: int, cue_end: int, partial: bool, knowledge: Knowledge, match: _Matchers
) -> list[Fact]:
    """The people after "founded by", or where they worked before ("former researchers of X")."""
    background = match.background.match(rest)
    if background:
        employers = re.match(rf"^({NAME}(?:{CONNECTORS}{NAME})*)", rest[background.end() :])
        if not employers:
            return []
        written = re.split(CONNECTORS, _trimmed(employers.group(1)))
        places = sorted({knowledge.entities.canonical(n) for n in written if n})
        end = cue_end + background.end() + len(_trimmed(employers.group(1)))
        return [Fact(entity, "founders' background", "; ".join(places), start, end, partial=True)]
    people = re.match(rf"^\s*(?:(?:the|les|la|le|die|der)\s+)?({PERSON}(?:{CONNECTORS}{PERSON})*)", rest)
    if not people:
        return []
    names = [_without_title(n.strip(), match) for n in re.split(CONNECTORS, people.group(1)) if n.strip()]
    return [Fact(entity, "founders", "; ".join(names), start, cue_end + people.end(), partial=partial)]


def _trimmed(name: str) -> str:
    """A name without the full stop that ends its sentence."""
    return name.rstrip(". ")


def _without_title(name: str, match: _Matchers) -> str:
    """A person's name without the organisation and title written before it ("Orion CEO Ada
    Byron" is Ada Byron)."""
    words = name.split()
    titled = [i for i, w in enumerate(words) if match.title.fullmatch(w)]
    return " ".join(words[titled[-1] + 1 :]) if titled and len(words) - titled[-1] > 2 else name


def _founded_after(text: str, mentions: list[EntityMention], match: _Matchers, label: str) -> list[Fact]:
    """German: "das 2019 gegründete Start-up Acme", "Acme, 2019 gegründet, ...": the year first."""
    if match.founded_after is None:
        return []
    out = []
    for hit in match.founded_after.finditer(text):
        after = [m for m in mentions if 0 <= m.start - hit.end() <= 40]
        entity = after[0].name if after else _nearest_before(text, mentions, hit.start()) or label
        if entity:
            out.append(Fact(entity, "founded", hit.group(1), hit.start(), hit.end()))
    return out


def _based_before(
    text: str, mentions: list[EntityMention], knowledge: Knowledge, match: _Matchers, label: str
) -> list[Fact]:
    """ "the Lyon-based bank Acme", "Marseille-based Acme": the place glued before the
    organisation named a few words after it."""
    if match.based_before is None:
        return []
    out = []
    for hit in match.based_before.finditer(text):
        after = [m for m in mentions if 0 <= m.start - hit.end() <= 40]
        # "Acme, a Paris-based startup": in an apposition, the name before it.
        apposed = re.search(r",\s*(?:\w+\s+)?$", text[: hit.start()]) is not None
        entity = after[0].name if after else _nearest_before(text, mentions, hit.start()) if apposed else ""
        entity = entity or label  # "The Lyon-based bank said ...": what the sentence refers back to
        if entity and knowledge.entities.kind_of(entity) != "place":
            place = _place(_trimmed(_ARTICLE.sub("", hit.group("place"))), knowledge)
            out.append(Fact(entity, "headquarters", place, hit.start(), hit.end()))
    return out


# The article that opens an English sentence before the place ("The Lyon-based bank ...").
_ARTICLE = re.compile(r"^(?:The|A|An)\s+")


def _kinds_and_nationalities(
    text: str, mentions: list[EntityMention], knowledge: Knowledge, lexicon: Lexicon, match: _Matchers
) -> list[Fact]:
    """ "French start-up Acme", "Acme, a French start-up", "la start-up française Acme": the kind
    of organisation and the country of its adjective, when the phrase names the organisation."""
    out = []
    demonyms = knowledge.entities.demonyms
    for hit in match.organisation.finditer(text):
        left = re.search(r"(?:[\w\-]+\s+){1,3}$", text[max(0, hit.start() - 60) : hit.start()])
        right = re.match(r"\s+([^\W\d_]+)", text[hit.end() :])
        start, end = hit.start(), hit.end()
        country = ""
        for word in re.finditer(r"[\w\-]+", left.group(0) if left else ""):
            if word.group(0).lower() in demonyms:
                country = demonyms[word.group(0).lower()]
                start = hit.start() - len(left.group(0)) + word.start()  # type: ignore[union-attr]
        if not country and right and right.group(1).lower() in demonyms:
            country = demonyms[right.group(1).lower()]
            end = hit.end() + right.end()
        entity = _named_by(text, mentions, start, end, lexicon)
        if not entity:
            continue
        family = lexicon.facts.organisation[" ".join(hit.group(0).lower().split())]
        out.append(Fact(entity, "organisation", family, start, end))
        if country:
            out.append(Fact(entity, "nationality", country, start, end))
    return out


def _named_by(text: str, mentions: list[EntityMention], start: int, end: int, lexicon: Lexicon) -> str:
    """The organisation a noun phrase at ``start:end`` names: the name right after it ("the
    start-up Acme"), or the name it is in apposition to or said of ("Acme, a start-up",
    "Acme is a start-up")."""
    after = [m for m in mentions if 0 < m.start - end <= 3 and text[end : m.start].strip() in ("", ",")]
    if after and (not text[end : after[0].start].strip() or _possessive_before(text, mentions, start)):
        # "the start-up Acme"; "Orion's investment firm, Acme": the name after the phrase.
        return after[0].name
    link = matchers(lexicon).apposition
    for mention in reversed(mentions):
        if _possessive_before(text, [mention], start):
            continue  # "Orion's start-up" is not Orion
        if mention.end <= start and link.match(text[mention.end : start]):
            if "," in text[mention.end : start] and _names_in_rest_of_clause(text, mentions, end):
                return ""  # "X, the maker of Y and Z": a list, not an apposition
            return mention.name
    return ""


def _names_in_rest_of_clause(text: str, mentions: list[EntityMention], end: int) -> bool:
    stop = re.search(r"[,;:.()]", text[end:])
    limit = end + stop.start() if stop else len(text)
    return any(end <= m.start < limit for m in mentions)


def _possessive_before(text: str, mentions: list[EntityMention], start: int) -> bool:
    """Whether a name in the possessive stands right before ``start`` ("Orion's firm")."""
    return any(
        re.search(r"['’]s?\s+$", text[m.start : start]) and start - m.end <= 3 for m in mentions if m.end <= start
    )


def _leaders(
    text: str, named: list[EntityMention], knowledge: Knowledge, lexicon: Lexicon, match: _Matchers
) -> list[Fact]:
    """Leaders and founders that a title links to a name: "Acme CEO Ada Byron", "Ada Byron,
    co-founder and CEO of Acme", "the CEO of Acme, Ada Byron". The organisation must be a name
    the name finder found there (so "Former CEO Ada Byron" names no organisation "Former")."""
    starts = {m.start for m in named}
    out = []
    for pattern in (match.org_title, match.title_of, match.person_title):
        for hit in pattern.finditer(text):
            org = _trimmed(hit.group("org"))
            known = hit.start("org") in starts or org.lower() in knowledge.entities.aliases
            # After "CEO of" the title itself says a name follows; before a title it may not.
            if known or (pattern is not match.org_title and _name_like(org, knowledge, lexicon)):
                out += _titled(knowledge.entities.canonical(org), hit, hit.start(), hit.end(), lexicon)
    return out


def _name_like(surface: str, knowledge: Knowledge, lexicon: Lexicon) -> bool:
    """A capitalised name no common word and no known place: "Zentra Labs", not "France"."""
    from claimdiff.lexicon.frequency import zipf_frequency

    if knowledge.entities.kind_of(knowledge.entities.canonical(surface)) == "place":
        return False
    return " " in surface or zipf_frequency(surface.lower(), lexicon.code, wordlist="small") < COMMON_ZIPF


def _titled(entity: str, hit: re.Match[str], start: int, end: int, lexicon: Lexicon) -> list[Fact]:
    """The facts of "TITLE and TITLE" said of a person: founders and current leaders."""
    person = " ".join(str(hit.group("person")).split())
    if person == entity:
        return []
    words = lexicon.facts
    out = []
    for title in re.split(CONNECTORS, str(hit.group("titles"))):
        key = " ".join(title.lower().split())
        if key in words.founder_titles:
            # "a co-founder": one of the founders, perhaps not the only one.
            out.append(Fact(entity, "founders", person, start, end, partial=True))
        elif key in words.leaders and not hit.group("past"):
            # A former CEO is no leader now; the role is part of the attribute: a company has
            # one CEO and one chair at a time, and they are different people.
            out.append(Fact(entity, f"leader ({words.leaders[key]})", person, start, end))
    return out


# --- values ----------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, to compare names written with and without them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _place(surface: str, knowledge: Knowledge) -> str:
    """A place by the name the entity table gives it (countries, and the cities CLDR names in
    every language: "Londres" is London), else as written."""
    surface = surface.strip(" .")
    name = knowledge.entities.canonical(surface)
    return name if knowledge.entities.kind_of(name) == "place" else surface


def place_country(value: str, knowledge: Knowledge) -> tuple[str, str]:
    """(city, ISO country code) of a place value as far as they are known; '' where not: a
    country, a city the world knows (its ``country``), or a place inside a known country."""
    codes = knowledge.compiled("country codes", _country_codes)
    if value in codes:
        return "", codes[value]
    if value in knowledge.entities.countries:
        return value, knowledge.entities.countries[value]
    if knowledge.entities.kind_of(value) == "place":
        country = next((codes[n] for n in knowledge.entities.lineage(value)[1:] if n in codes), "")
        return (value, country) if country else ("", "")
    return "", ""


def _country_codes(knowledge: Knowledge) -> dict[str, str]:
    return {e.name: str(getattr(e, "code", "")) for e in knowledge.entities.entities if getattr(e, "code", "")}


def activity_stems(phrase: str, lexicon: Lexicon) -> frozenset[str]:
    """The specific content words of an activity, stemmed: what two activities must share.

    >>> from claimdiff.lexicon import load_knowledge
    >>> sorted(activity_stems("developing AI models for natural language processing", load_knowledge().lexicon("en")))
    ['languag', 'natur', 'process']
    """
    import snowballstemmer

    words = lexicon.facts
    stop = lexicon.function_words.stop
    content = [
        w
        for w in re.findall(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*", phrase.lower())
        if w not in stop and w not in words.generic
    ]
    stemmer = snowballstemmer.stemmer(words.stemmer)
    return frozenset(fold(s) for s in stemmer.stemWords(content) if len(s) >= 3)


def surnames(value: str) -> frozenset[str]:
    """The folded last words of the people a value names ("Ada Byron; Alan Turing")."""
    return frozenset(fold(name.split()[-1]) for name in value.split("; ") if name.split())
