"""Finding the entities a sentence names, and the part each one plays in it.

Known names come from the entity table (general knowledge and a corpus's own cast); other
names are capitalised spans. A span is not taken for a name when it is only a capitalised
common word opening a sentence ("Building on ...", "Lancé en 2017"), a pronoun, a weekday or
month, or an elided word ("C'est"). Each mention records its role: a *place* ("in France"),
a *weak* mention that names an entity only indirectly (an adjective of nationality, "French";
a person, who announces figures about what they speak for; the possessor in "Acme's
Orbitex"), a *source* ("according to Reuters") or a *complement* ("after the summit"), which
are never what a figure is about, or *listed*: a name a list or a relative clause gives as an
object ("investors including Acme and Orbitex", "le consortium, qui réunit Acme et Orbitex,
..."), what only a figure in brackets right after it is about ("such as Acme (€1.2 billion)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from claimdiff.lexicon import Grammar, Knowledge, Lexicon, alternation, trie_words
from claimdiff.lexicon.matcher import WordMatch, WordMatcher

# Upper-case letters of the Latin scripts (re has no \p{Lu}).
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"


ROLES = ("subject", "place", "demonym", "person", "listed", "ignored")


@dataclass(frozen=True)
class EntityMention:
    """A name in a sentence and its role there (see the module docstring and ``ROLES``)."""

    start: int
    end: int
    name: str
    role: str = "subject"

    @property
    def subject(self) -> bool:
        return self.role == "subject"

    @property
    def locative(self) -> bool:
        return self.role == "place"


def _alias_patterns(knowledge: Knowledge) -> tuple[WordMatcher, WordMatcher, WordMatcher]:
    """(case-insensitive names, acronyms written in capitals, demonyms) of the entity table.

    A name never matches inside a hyphenated compound ("Île-de-France" is not France).
    """
    loose: list[str] = []
    strict: list[str] = []
    for entity in knowledge.entities.entities:
        for alias in (entity.name, *entity.aliases):
            (strict if len(alias) <= 4 and alias.upper() == alias else loose).append(alias)
    # One Aho-Corasick pass per table instead of a regex of every alias (see lexicon.matcher).
    return (
        WordMatcher(loose, ignore_case=True, joiners="-‐"),
        WordMatcher(strict, joiners="-‐"),
        WordMatcher(knowledge.entities.demonyms, ignore_case=True, joiners="-‐"),
    )


def alias_patterns(knowledge: Knowledge) -> tuple[WordMatcher, WordMatcher, WordMatcher]:
    return knowledge.compiled("aliases", _alias_patterns)


def foreign_names(knowledge: Knowledge, code: str) -> frozenset[str]:
    """The known names, in lower case, that only other languages than ``code`` give: beside a
    name's word they are part of a name ("Long Island", "Jordan Bardella" in a French text)."""

    def build(k: Knowledge) -> frozenset[str]:
        own: set[str] = set()
        other: set[str] = set()
        for entity in k.entities.entities:
            for language, names in getattr(entity, "names_by_language", ()):
                (own if language == code else other).update(n.lower() for n in names)
        return frozenset(other - own)

    return knowledge.compiled(f"foreign names {code}", build)


def lower_case_aliases(knowledge: Knowledge) -> frozenset[str]:
    """The names listed in lower case ("euro area", "zone euro"): the only ones a text written
    in lower case names."""
    return knowledge.compiled(
        "lower-case aliases", lambda k: frozenset(w for w in alias_patterns(k)[0].words if w.islower())
    )


@dataclass(frozen=True)
class _NamePatterns:
    capitalised: re.Pattern[str]
    locative: re.Pattern[str]
    ignored: re.Pattern[str]
    attribution: re.Pattern[str]  # a word that names a figure's source ("according to", "selon")
    estimator_after: re.Pattern[str]
    title_before: re.Pattern[str]
    title_of_before: re.Pattern[str]  # "The CEO of the group, " before a name in apposition
    title_complement_before: re.Pattern[str]  # "le ministre des " before "Transports"
    title_after: re.Pattern[str]
    elision: re.Pattern[str]
    attributive: re.Pattern[str]
    origin: re.Pattern[str]
    name_before: re.Pattern[str]
    # What opens a list of objects, each with what may stand before its first name: a relative
    # clause after a comma (", qui rassemble", ", which includes"), a list word ("including").
    # (and whether it counts only after a common noun: a relative clause's antecedent).
    list_openings: tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]
    list_glue: re.Pattern[str]  # what stands between two names of a list
    item_words: re.Pattern[str]  # lower-case words inside an item ("Danish shipping group Quanta")
    pairing: frozenset[str]
    not_names: frozenset[str]
    attribute_suffixes: tuple[str, ...]
    alone: frozenset[str]  # no names on their own, though they may open one
    institution_heads: frozenset[str]  # "Office" in "Office national des ports"
    name_adjective_suffixes: tuple[str, ...]  # "national", "numérique": adjectives inside such a name
    connectors: frozenset[str]  # "de", "du", "l’": what joins a noun to such a name
    articles: frozenset[str]
    titles: frozenset[str]


def _name_patterns(lexicon: Lexicon) -> _NamePatterns:
    grammar = lexicon.grammar
    connectors = alternation(grammar.name_connectors)
    capitalised = re.compile(
        rf"""(?<![\w\-‐])
        [{UPPER}][\w&’'\-.]*                                      # a capitalised word (or acronym)
        # more, maybe joined by "of", "de"; a possessive ends the name ("Acme's Orbitex" is two)
        (?:(?<![’']s)[ ](?:(?:{connectors})[ ]?){{0,2}}[{UPPER}][\w&’'\-]*)*
        # a number ends it ("France 2030"; "Ligue 1 AS Zorbix" is two)
        (?:(?<![’']s)[ ][0-9][\w&’'\-]*)?
        """,
        re.VERBOSE,
    )
    # The connectors that make one name of two ("Bank of England"), not those that pair two.
    genitive = alternation([c for c in grammar.name_connectors if c not in grammar.pair_connectors])
    titles = grammar.person_titles
    offices = grammar.office_titles
    estimators = trie_words(grammar.estimators, True)
    days = {day.lower() for day in weekdays(lexicon)}
    not_names = {w.lower() for w in (*grammar.not_names, *grammar.pronouns)} | days
    return _NamePatterns(
        capitalised=capitalised,
        locative=re.compile(rf"(?:\b(?:{trie_words(grammar.locatives, True)})[ \n]+)$", re.I),
        # "according to Reuters", "selon l’Insee" (an elided article between).
        ignored=re.compile(
            rf"(?:\b(?:{trie_words((*grammar.attributions, *grammar.complements), True)})\W{{1,3}}"
            rf"(?:{trie_words(grammar.elisions, True) or '(?!)'})?)$",
            re.I,
        ),
        attribution=re.compile(rf"\b(?:{trie_words(grammar.attributions, True)})\b", re.I),
        estimator_after=re.compile(
            rf"^(?:[ ]?\([^)]{{1,30}}\))?[ ,]+(?:(?:also|a|aussi|hat)[ ]+)?"
            rf"(?:(?:{estimators or '(?!)'})\b|{_reporting(grammar) or '(?!)'})",
            re.I,
        ),
        # "CEO Jane Roe"; "The CEO of the group, Jane Roe," (in apposition: between commas);
        # titles are matched whatever their case.
        title_before=re.compile(rf"(?:\b(?:{trie_words(titles, True)})[ ,]+)$", re.I) if titles else re.compile("(?!)"),
        title_of_before=re.compile(rf"\b(?:{trie_words(titles, True)})[ ](?:{genitive})[ ][^,.;()]{{1,30}},[ ]$", re.I)
        if titles and genitive
        else re.compile("(?!)"),
        title_complement_before=re.compile(rf"\b(?:{trie_words(offices, True)})[ ](?:{genitive})[ ]?$", re.I)
        if offices and genitive
        else re.compile("(?!)"),
        title_after=re.compile(rf"^,?[ ]+(?:the[ ]+|le[ ]+|la[ ]+)?(?:{trie_words(titles, True)})\b", re.I),
        elision=re.compile(rf"^(?:{alternation(grammar.elisions)})", re.I) if grammar.elisions else re.compile("(?!)"),
        attributive=re.compile(
            rf"(?:^|\W)(?:{alternation(grammar.attributive_determiners)})[ ](?:[a-z][\w-]*[ ])?$", re.I
        )
        if grammar.attributive_determiners
        else re.compile("(?!)"),
        # "le groupe minier de Saint-Ostre", "the group from Vardel": where the organisation is from.
        origin=re.compile(
            rf"(?<!\w)(?:{trie_words(grammar.organisation_references, True) or '(?!)'})"
            rf"(?:[ ](?-i:[^\W\d_{UPPER}])[\w-]*){{0,2}}"  # lower-case words between ("minier")
            rf"[ ]?(?:{trie_words(grammar.origin_links, True) or '(?!)'})[ ]?$",
            re.I,
        ),
        list_openings=_list_openings(grammar),
        # A comma, or a pair connector among lower-case words ("et le groupe", "and Danish
        # shipping and logistics group": the adjective of nationality is a mention of its own).
        list_glue=re.compile(
            rf",[ \u00a0]|,?[ \u00a0]{_LOWER_WORDS}{{0,4}}(?:{alternation(grammar.pair_connectors)}|&)[ \u00a0]"
            rf"{_LOWER_WORDS}{{0,4}}"
        ),
        item_words=re.compile(rf"[ \u00a0]{_LOWER_WORDS}{{0,4}}"),
        name_before=re.compile(rf"(?<![\w\-‐])[{UPPER}][\w’'\-]*[ ](?:(?:{genitive})[ ]?){{1,2}}$")
        if genitive
        else re.compile("(?!)"),
        pairing=frozenset(c.lower() for c in grammar.pair_connectors),
        not_names=frozenset(not_names),
        attribute_suffixes=tuple(grammar.attribute_suffixes),
        alone=frozenset(w.lower() for w in grammar.place_adjectives),
        institution_heads=frozenset(grammar.institution_heads),
        name_adjective_suffixes=tuple(grammar.name_adjective_suffixes),
        connectors=frozenset(c.lower() for c in grammar.name_connectors),
        articles=frozenset(grammar.name_articles),
        titles=frozenset(t.lower() for t in titles),
    )


def _list_openings(grammar: Grammar) -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """(opening, gap before its first name) for a relative clause after a comma (its verb in the
    gap: ", qui réunit Acme") and for a list word inside a sentence, maybe before an article
    ("investors including the Acme fund"; not "Notably, Acme ...", where it opens the sentence)."""
    out: list[tuple[re.Pattern[str], re.Pattern[str], bool]] = []
    if grammar.relative_pronouns:
        relative = re.compile(rf",[ ]+(?:{trie_words(grammar.relative_pronouns, True)})\b", re.I)
        out.append((relative, re.compile(rf"[ \u00a0]{_LOWER_WORDS}{{1,4}}"), True))
    if grammar.list_openers:
        listing = re.compile(rf"(?<=[\w,][ ])(?:{trie_words(grammar.list_openers, True)})\b(?!,)", re.I)
        out.append((listing, re.compile(rf"[ \u00a0]{_LOWER_WORDS}{{0,3}}"), False))
    return tuple(out)


def _reporting(grammar: Grammar) -> str:
    """A reporting verb whose reported clause names its own subject, as a regex ("the Daily
    Ledger reported the company is worth ...", "reported that Acme raised", "Le Monde rapporte
    qu’Acme ..."): the name before the verb is the figure's source. "" when the language has
    none. Otherwise the verb is the name's own ("Acme reported its revenue rose").
    """
    if not grammar.reporting_verbs:
        return ""
    # A clause word and a space ("that "), or an elided one glued to the next word ("qu’Acme").
    clauses = "|".join(re.escape(w) + ("[ ]+" if w[-1].isalnum() else "") for w in grammar.reported_clauses)
    references = trie_words(grammar.organisation_references, True) or "(?!)"
    subject = rf"(?:(?:{references})(?!\w)|(?-i:[{UPPER}]))"
    return rf"(?:{trie_words(grammar.reporting_verbs, True)})[ ,]+(?:{clauses or '(?!)'})?{subject}"


def weekdays(lexicon: Lexicon) -> list[str]:
    """The names of the days in the language (CLDR): no names, no event topics."""
    from babel import Locale

    return list(Locale.parse(lexicon.code).days["format"]["wide"].values())


def name_patterns(lexicon: Lexicon) -> _NamePatterns:
    return lexicon.compiled("names", _name_patterns)


def find_entities(
    text: str,
    knowledge: Knowledge,
    lexicon: Lexicon,
    heading: bool = False,
    proper: frozenset[str] = frozenset(),
    common: frozenset[str] = frozenset(),
    lowercase: frozenset[str] = frozenset(),
) -> list[EntityMention]:
    """Every entity mention in a sentence: known names, demonyms, then capitalised names.

    ``proper`` holds the words the source writes capitalised inside a sentence (so a
    capitalised first word of a sentence is a name only if it is one of them); ``common`` the
    words it uses as common nouns (where a language capitalises every noun); ``lowercase`` the
    words it writes in lower case.

    >>> from claimdiff.lexicon import load_knowledge
    >>> knowledge = load_knowledge()
    >>> text = "Acme Robotics will invest in France."
    >>> [m.name for m in find_entities(text, knowledge, knowledge.lexicon("en"))]
    ['Acme Robotics', 'France']
    """
    loose, strict, demonyms = alias_patterns(knowledge)
    names = name_patterns(lexicon)
    found: list[EntityMention] = []
    taken: list[tuple[int, int]] = []
    written_lower = lower_case_aliases(knowledge)
    foreign = foreign_names(knowledge, lexicon.code)
    for pattern, weak in ((loose, False), (strict, False), (demonyms, True)):
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if pattern is loose and match.group(1).islower() and match.group(1) not in written_lower:
                # A name is written with its capitals: "the island" is not "Island" (Iceland
                # in German), nor "turkey" Turkey; French "libyen" is an adjective, found below.
                continue
            taken.append((match.start(), match.end()))
            if weak:
                name = knowledge.entities.demonyms[match.group(1).lower()]
                found.append(EntityMention(match.start(), match.end(), name, "demonym"))
            else:
                name = knowledge.entities.canonical(match.group(1))
                if _in_a_longer_name(text, match, name, knowledge, lexicon, proper, foreign):
                    taken.pop()  # "Saint-Vardel de Paris", "London Stock Exchange", "Long Island"
                    continue
                found.append(_mention(text, match.start(), match.end(), name, names))
    if not heading:
        found.extend(_capitalised_names(text, knowledge, lexicon, taken, proper, common, lowercase))
    found = _qualified_ignored(text, sorted(found, key=lambda m: m.start), names)
    found = _listed_objects(text, found, names)
    # "le groupe minier de Saint-Ostre": a name the organisation is from is where, not who.
    found = [
        replace(m, role="place") if m.subject and names.origin.search(text, max(0, m.start - 60), m.start) else m
        for m in found
    ]
    lead = lead_end(text)
    if lead:  # "OSLO, May 14 (Reuters) --": where and by whom it was filed, not its subject
        found = [replace(m, role="ignored") if m.end <= lead else m for m in found]
    # "Denmark's Zorbix Biopharma", "Acme's Orbitex": the possessor only qualifies the name after it.
    found = [
        replace(m, role="demonym") if m.subject and _possessor_of(text, m, after) else m
        for m, after in zip(found, [*found[1:], None], strict=False)
    ]
    # "le ministre des Transports", "Minister of Finance": the department an office's title names
    # is no subject (a place stays: "the Ministry of Vardel" is Vardel's).
    found = [
        replace(m, role="ignored")
        if m.subject
        and knowledge.entities.kind_of(m.name) != "place"
        and names.title_complement_before.search(text, max(0, m.start - 40), m.start)
        else m
        for m in found
    ]
    # "the rebuilt Paris stadium": a place as an attribute is weak, as "the French" is.
    found = [
        replace(m, role="demonym")
        if m.subject and knowledge.entities.kind_of(m.name) == "place" and _attributive(text, m, names)
        else m
        for m in found
    ]
    return sorted(found, key=lambda m: m.start)


def _possessor_of(text: str, mention: EntityMention, after: EntityMention | None) -> bool:
    """Whether a name is written in the possessive right before the next one ("Acme's Orbitex")."""
    return (
        after is not None
        and re.fullmatch(r"(?:[’']s)?[ \u00a0]", text[mention.end : after.start]) is not None
        and text[mention.start : after.start].rstrip(" \u00a0").endswith(("'s", "’s"))
    )


def _capitalised_names(
    text: str,
    knowledge: Knowledge,
    lexicon: Lexicon,
    taken: list[tuple[int, int]],
    proper: frozenset[str],
    common: frozenset[str],
    lowercase: frozenset[str],
) -> Iterable[EntityMention]:
    stop = lexicon.function_words.stop
    months = lexicon.time.months
    names = name_patterns(lexicon)
    units = lexicon.compiled("unit symbols", lambda lex: frozenset(u.surface for u in lex.units.surfaces))
    capitalised_nouns = lexicon.function_words.nouns_capitalised
    # Headlines capitalise every word where a language does not capitalise its nouns.
    titled = not capitalised_nouns and title_case(text)
    for match in names.capitalised.finditer(text):
        start = match.start()
        words = match.group(0).rstrip(".-").split(" ")
        stripped = ""  # the last word stripped from the run's start
        if titled:
            first, last = _named_span(words, proper, lexicon)
            if first == last:
                continue
            start += sum(len(w) + 1 for w in words[:first])
            words = words[first:last]
        start = _without_elision(words, start, names)  # "L’Insee" names Insee; "C’est" names nothing
        title = False
        # A capitalised function word inside a sentence belongs to the name ("pour Notre Avenir",
        # "selon Le Monde"); opening a sentence it is just capitalised ("Notre objectif").
        inside = not _at_sentence_start(text, start) and len(words) > 1
        while words and (
            (words[0].lower() in stop and not (inside and words[0] not in names.articles))
            or words[0].lower() in names.not_names
            or (names.attribute_suffixes and words[0].lower().endswith(names.attribute_suffixes))
            or words[0].lower() in months  # "May 13", "Mars 2024
            or words[0] in names.articles
            or words[0].lower() in common
            or words[0].lower() in names.titles
        ):
            title = title or words[0].lower() in names.titles
            stripped = words[0].lower()
            start += len(words[0]) + 1
            words = words[1:]
            if words:
                start = _without_elision(words, start, names)  # "Selon l’Insee"
        words = _before_known(words, start, taken, names)
        end = start + len(" ".join(words))
        if not words or not words[0][:1].isupper() or any(start < e and s < end for s, e in taken):
            continue
        if " ".join(words) in units:
            continue  # "GW", "TWh": a unit written as a capitalised word
        if (
            len(words) == 1
            and len(words[0].strip("’'.")) == 1
            and _word_before(text, start, stripped) in names.not_names
        ):
            # "Series C", "une série C": the letter after a word that is no name ("H (€250 million)" is one)
            continue
        if len(words) == 1 and ROMAN_ORDINAL.fullmatch(words[0]):
            continue  # "XIXe", "XXIst": a century or a rank in roman numerals
        lowered = [w.lower().strip("’'") for w in words]
        if len(words) == 1 and (
            lowered[0] in stop or lowered[0] in months or lowered[0] in names.not_names or lowered[0] in names.alone
        ):
            continue
        if (
            len(words) == 1
            and lowered[0] in lexicon.keyword_words()
            and (words[0].isupper() or not common_word(words[0], lexicon))
        ):
            continue  # "GDP", "EBITDA", "Ebitda", "PIB": a metric's acronym, no name
        # Not opening a sentence, where the head may be a common noun ("Fonds d'amorçage,
        # prêts, ...": a list of measures); inside one an article stands before it.
        if words[-1] in names.institution_heads and not _at_sentence_start(text, start):
            tail = _institution_end(text, end, names, taken)
            if tail > end:  # "l’Office national des ports", "la Cour des comptes"
                yield _mention(text, start, tail, knowledge.entities.canonical(text[start:tail]), names, title)
                continue
        # The first word of a sentence, or of a quotation or title inside it ("« Penser la ville
        # de demain »"), is capitalised whatever it is.
        opening = _at_sentence_start(text, start) or text[max(0, start - 3) : start].rstrip(" \u00a0").endswith(
            OPENING_QUOTES
        )
        known = " ".join(words).lower() in knowledge.entities.aliases
        shaped = words[0].isupper() or any(c.isupper() for c in words[0][1:])
        if (
            opening
            and not capitalised_nouns
            and not known
            and not shaped
            and (
                not _rare_or_proper(words[0], proper, lexicon)
                or (words[0] not in proper and opens_phrase(words[0], lexicon))
            )
        ):
            # A capitalised first word is a name only if the source also writes it capitalised
            # inside a sentence, or it is no common word of the language: "Building on ...",
            # "Lancé en 2017, ..." name nothing, "Infineon reported ..." does; the first word of
            # a longer name goes only if the source writes it in lower case too.
            if len(words) == 1 or words[1][:1].isdigit():
                continue  # "Environ 55 % des pièces": a common word and a figure name nothing
            if words[0].lower() not in lowercase:
                yield _mention(text, start, end, knowledge.entities.canonical(" ".join(words)), names, title)
                continue
            start += len(words[0]) + 1
            words = words[1:]
            end = start + len(" ".join(words))
        yield _mention(text, start, end, knowledge.entities.canonical(" ".join(words)), names, title)


def _in_a_longer_name(
    text: str,
    match: WordMatch | re.Match[str],
    name: str,
    knowledge: Knowledge,
    lexicon: Lexicon,
    proper: frozenset[str],
    foreign: frozenset[str],
) -> bool:
    """Whether a known name found at ``match`` is part of a longer one: a place inside a name
    (see :func:`_inside_a_name`), or a name only another language gives beside a name's word."""
    start, end = match.start(), match.end()
    if knowledge.entities.kind_of(name) == "place" and _inside_a_name(
        text, start, end, name, knowledge, lexicon, proper
    ):
        return True
    return match.group(1).lower() in foreign and _beside_a_name_word(text, start, end, lexicon, proper)


def _inside_a_name(
    text: str, start: int, end: int, place: str, knowledge: Knowledge, lexicon: Lexicon, proper: frozenset[str]
) -> bool:
    """Whether a known place at ``text[start:end]`` is part of a longer name: after a name's
    word and a connector ("Saint-Vardel de Paris", "Bank of Japan"; not "Outside of Germany",
    whose first word is a common word opening the sentence, nor a title, "President of
    France"), or, for a city, before capitalised words ("London Stock Exchange", "Paris
    Saint-Germain") or after a name's word ("John Denver"; not "In Paris", "Visit Paris")."""
    names = name_patterns(lexicon)
    before = names.name_before.search(text[:start])
    if before and _name_word(text, before.start(), before.group(0).split(" ")[0], lexicon, proper):
        return True
    if place not in knowledge.entities.countries:
        return False  # only cities: "France Télévisions" is no rule to rest on
    return _beside_a_name_word(text, start, end, lexicon, proper)


def _beside_a_name_word(text: str, start: int, end: int, lexicon: Lexicon, proper: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` stands before a capitalised word ("London Stock Exchange",
    "Island Records") or after a name's word ("John Denver", "Long Island"; not "In Paris",
    "Visit Paris")."""
    following = re.match(rf"[ ]([{UPPER}][\w’'\-]*)", text[end:])
    if following is not None and following.group(1).lower() not in lexicon.function_words.stop:
        return True
    # A name is also a surname or a name's last word ("John Denver", "Greater London").
    previous = re.search(rf"(?<![\w\-‐])([{UPPER}][\w’'\-]*)[ ]$", text[:start])
    return (
        previous is not None
        and previous.group(1).lower() not in lexicon.function_words.stop
        and not previous.group(1).endswith(("'s", "’s"))
        and _name_word(text, previous.start(), previous.group(1), lexicon, proper)
    )


def _name_word(text: str, at: int, word: str, lexicon: Lexicon, proper: frozenset[str]) -> bool:
    """Whether the capitalised ``word`` at ``at`` may belong to a name: no title ("President
    of France"), and no common word that is capitalised only because it opens the sentence
    ("Outside of Germany", "Visit Paris")."""
    if word.lower() in name_patterns(lexicon).titles:
        return False
    return not _at_sentence_start(text, at) or _rare_or_proper(word, proper, lexicon)


_TAIL_WORD = re.compile(r"[ \u00a0]*([^\W\d_][\w\-]*[’']?)")
INSTITUTION_TAIL_WORDS = 6  # "Centre national de la recherche scientifique": the longest kept


def _institution_end(text: str, end: int, names: _NamePatterns, taken: list[tuple[int, int]]) -> int:
    """Where an institution's name that a language writes with one capital ends: its head
    ("Agence", "Cour") goes on with adjectives ("nationale") and nouns after a connector ("des
    comptes", "de la recherche"); ``end`` when nothing follows that belongs to it."""
    last, after_connector = end, False
    at = end
    for _ in range(INSTITUTION_TAIL_WORDS):
        match = _TAIL_WORD.match(text, at)
        if match is None or any(match.start(1) < e and s < match.end(1) for s, e in taken):
            break
        word = match.group(1)
        if word.lower() in names.connectors:
            after_connector = True
        elif after_connector or (word.islower() and word.endswith(names.name_adjective_suffixes)):
            last, after_connector = match.end(1), False
        else:
            break
        at = match.end()
    return last


def _without_elision(words: list[str], start: int, names: _NamePatterns) -> int:
    """Strip an elided article from the first word of a capitalised run, in place ("L’Insee"
    -> "Insee"; "C’est" stays, nothing follows the article); the run's new start."""
    elided = names.elision.match(words[0])
    if elided and len(words[0]) > elided.end():
        words[0] = words[0][elided.end() :]
        return start + elided.end()
    return start


def _word_before(text: str, start: int, stripped: str) -> str:
    """The word before a name in lower case: the one stripped from its capitalised run, else
    the word written right before it ("série" in "une série C")."""
    if stripped:
        return stripped
    found = re.search(r"([^\W\d_]+)[ \u00a0]$", text[max(0, start - 30) : start])
    return found.group(1).lower() if found else ""


def _at_sentence_start(text: str, at: int) -> bool:
    """Whether only punctuation, list marks or opening quotes stand before ``at``, maybe after
    a dateline or a byline."""
    lead = lead_end(text)
    return not text[lead if lead <= at else 0 : at].strip(SENTENCE_OPENERS)


# What may stand before a sentence's first word: list marks, dashes, opening quotes, brackets.
SENTENCE_OPENERS = ' →•-–*\n"“(«'


def _qualified_ignored(text: str, found: list[EntityMention], names: _NamePatterns) -> list[EntityMention]:
    """The mentions, a place right after an ignored name ("après Hyperion en Allemagne", "after
    X in Germany") ignored too: it says where that name is, not what the sentence is about; and
    a name in brackets right after a place ("a plant in Villeurbanne (Rhône)") a place too."""
    out: list[EntityMention] = []
    for mention in found:
        before = out[-1] if out else None
        if (
            before is not None
            and before.role == "place"
            and text[before.end : mention.start] == " ("
            and text[mention.end : mention.end + 1] == ")"
        ):
            mention = replace(mention, role="place")
        elif (
            before is not None
            and before.role == "ignored"
            and mention.locative
            and mention.start - before.end <= 8
            and names.locative.search(text[before.end : mention.start])
        ):
            mention = replace(mention, role="ignored")
        elif _bracketed_source(text, mention, names):
            mention = replace(mention, role="ignored")
        out.append(mention)
    return out


def _bracketed_source(text: str, mention: EntityMention, names: _NamePatterns) -> bool:
    """Whether a name in brackets closes a source's description ("selon le système européen
    d'information sur les feux de forêt (EFFIS)", "according to the national weather service
    (NWS)"): an attribution word opens the phrase, and no stop or comma stands between."""
    if text[mention.start - 1 : mention.start] != "(" or text[mention.end : mention.end + 1] != ")":
        return False
    phrase = text[max(0, mention.start - 120) : mention.start - 1]
    opening = list(names.attribution.finditer(phrase))
    return bool(opening) and not re.search(r"[,.;:()]", phrase[opening[-1].end() :])


# Before a relative clause's first listed name: lower-case words ("réunit", "a réuni le
# groupe lyonnais"); between two names: a comma or a pair connector, then maybe lower-case words.
_LOWER_WORDS = rf"(?:[^\W\d_{UPPER}][\w’'\-]*[ \u00a0])"
LIST_REACH = 40  # the most characters between a list's opening and its first name


def _listed_objects(text: str, found: list[EntityMention], names: _NamePatterns) -> list[EntityMention]:
    """The mentions, the names a list or a relative clause gives as objects marked *listed*: in
    "Le consortium, qui réunit Acme, Orbitex et Quanta, annonce ..." or "investors including A
    and B" they are not what the sentence is about. A relative clause counts after a common
    noun only ("Jane Roe, who runs Acme, said": Acme may be what she speaks of). A list ends at
    the first gap that is no list's (", values Zorbix at"), and names after commas belong to it
    only when a pair connector comes later ("A, B and C"; not "including A, Zorbix raised")."""
    out = list(found)
    for opening, first_gap, after_noun in names.list_openings:
        for match in opening.finditer(text):
            before = re.search(r"([^\W\d_][\w’'\-]*)\W*$", text[max(0, match.start() - 40) : match.start()])
            if after_noun and (before is None or before.group(1)[0].isupper()):
                continue
            for index in _list_items(text, out, match.end(), first_gap, names):
                if out[index].role in ("subject", "person"):
                    out[index] = replace(out[index], role="listed")
    return out


def _list_items(
    text: str, found: list[EntityMention], at: int, first_gap: re.Pattern[str], names: _NamePatterns
) -> list[int]:
    """The indexes of the mentions a list opening at ``at`` lists (see :func:`_listed_objects`)."""
    chain: list[tuple[int, str]] = []  # (index, how it joins the list: first, comma, connector, item)
    glue, previous = first_gap, None
    for index, mention in enumerate(found):
        if mention.start < at:
            continue
        if mention.start - at > LIST_REACH or not glue.fullmatch(text, at, mention.start):
            break
        if previous is None:
            how = "first"
        elif previous.role == "demonym":
            how = "item"  # "Danish shipping group Quanta": the adjective's item goes on
        elif text[at : mention.start].strip() == "," and names.pairing.isdisjoint(mention.name.lower().split()):
            how = "comma"
        else:
            how = "connector"  # "and Quanta", or a name read with its connector ("Orbitex and Quanta")
        chain.append((index, how))
        glue = names.item_words if mention.role == "demonym" else names.list_glue
        at, previous = mention.end, mention
    # Names after commas belong to the list only when a connector joins a later one.
    last = max((k for k, (_, how) in enumerate(chain) if how in ("first", "connector")), default=-1)
    kept: list[int] = []
    for k, (index, how) in enumerate(chain):
        if k <= last or (how == "item" and kept and kept[-1] == chain[k - 1][0]):
            kept.append(index)
    return kept


@lru_cache(maxsize=4096)  # asked of every sentence twice: for the source's proper words and its names
def title_case(text: str) -> bool:
    """Whether a sentence capitalises its words as an English headline does ("Acme Lands
    €90M to Expand Its Fleet"): no stop at its end, and four in five of its words of four
    letters or more capitalised, five at least ("Director Jane Roe visited Acme." is none)."""
    if text.rstrip(' \n"”’»)').endswith((".", "!", "?", ":", ";")):
        return False
    long = [w for w in re.findall(r"[^\W\d_][\w\-’']*", text) if len(w) >= 4]
    return len(long) >= 5 and 5 * sum(w[:1].isupper() for w in long) >= 4 * len(long)


def _named_span(words: list[str], proper: frozenset[str], lexicon: Lexicon) -> tuple[int, int]:
    """Which words of a headline's capitalised run may name something (first, end): from the
    first to the last before a common word the source writes capitalised nowhere else ("Acme
    Lands" names Acme, "to Expand Its Crane Fleet" nothing). Acronyms are kept."""

    def common(word: str) -> bool:
        return word[:1].isupper() and not word.isupper() and not _rare_or_proper(word, proper, lexicon)

    first = next((i for i, w in enumerate(words) if not common(w)), len(words))
    last = next((i for i in range(first + 1, len(words)) if common(words[i])), len(words))
    return first, last


def _before_known(words: list[str], start: int, taken: list[tuple[int, int]], names: _NamePatterns) -> list[str]:
    """The words of a capitalised run before the first known name inside it, when a connector
    that pairs two names joins them ("Zorbix Labs and France": "Zorbix Labs"); none otherwise."""
    end = start + len(" ".join(words))
    inside = [s for s, e in taken if start < e and s < end]
    if not inside:
        return words
    kept = []
    position = start
    for word in words:
        if position + len(word) > min(inside):
            break
        kept.append(word)
        position += len(word) + 1
    if not kept or kept[-1].lower() not in names.pairing:
        return []  # "Acme France": the known name is part of the run, which names nothing sure
    return kept[:-1]


# A news agency's dateline opening a story: a place in capitals, maybe its country or state and
# a date, maybe the agency in parentheses, then a dash ("OSLO, May 14 (Reuters) --", "PARIS (AP)
# —", "BERLIN, 3 juin -", "LYON, France, March 18 (AFP) -").
DATELINE = re.compile(
    rf"""[ \t]*[{UPPER}][{UPPER}’'.\- ]+[{UPPER}]   # the place, in capitals
    (?:,[ ][^,()\n—–]{{1,30}}?){{0,2}}                # maybe its country, maybe a date
    (?:[ ]?\([^()\n]{{1,40}}\))?                     # maybe the agency
    [ ]?(?:--|—|–|-)[ ]""",
    re.VERBOSE,
)

# A publication's name opening a paragraph before a dash, as the press writes its lead ("Le
# Journal des Affaires – Porté par ...", "AéroBrief – Le préavis ..."): capitalised words and
# short particles, then a spaced en or em dash. What it names is who writes, and the word after
# the dash opens the sentence.
BYLINE = re.compile(
    rf"""[ \t]*[{UPPER}][^\s–—]*                       # the first word, capitalised
    (?:[ ](?:[{UPPER}][^\s–—]*|[a-zà-ÿ’']{{1,3}})){{0,5}}   # capitalised words and particles
    [ ][–—][ ]""",
    re.VERBOSE,
)


@lru_cache(maxsize=256)  # asked for each capitalised run of a sentence: read once per sentence
def lead_end(text: str) -> int:
    """Where a sentence's dateline or byline ends ("OSLO, May 14 (Reuters) --"), else 0. A dash
    that a second one closes is a parenthesis, no byline ("Zorbix – a Vardel startup – raised")."""
    dateline = DATELINE.match(text)
    if dateline:
        return dateline.end()
    byline = BYLINE.match(text)
    if byline is None or byline.group(0).rstrip()[-1] in text[byline.end() :]:
        return 0
    return byline.end()


# Marks that open a quotation or a title, after which a word is capitalised as at a sentence start.
OPENING_QUOTES = ("«", "“", '"', "‘", "„")

# Words at least this frequent (Zipf scale: 4 is once per 100,000 words) are common words.
COMMON_ZIPF = 3.0


# A roman numeral, maybe with an ordinal ending ("XIXe", "XIIIth"), never a name on its own.
ROMAN_ORDINAL = re.compile(r"[IVXLCDM]+(?:e|er|ème|th|st|nd|rd)")

# A base form this frequent is a common word of the language (Zipf 3: once per million words):
# "financer" is, so "Financé" opens a phrase; "zorb" is not, so "Zorbing" is a name.
KNOWN_ZIPF = 3.0


def opens_phrase(word: str, lexicon: Lexicon) -> bool:
    """Whether a sentence's first word opens a participial or adverbial phrase ("Financé par
    l'État, le projet ...", "Having raised ...", "Finally, ..."): one of the language's
    ``opening_endings`` whose base form is a common word (``grammar.toml``)."""
    # Asked for every capitalised name and every claim's sentence: each word is judged once.
    memo: dict[str, bool] = lexicon.compiled("phrase openers", lambda _: {})
    if word not in memo:
        if len(memo) >= 65536:
            memo.clear()
        memo[word] = _opens_phrase(word, lexicon)
    return memo[word]


def _opens_phrase(word: str, lexicon: Lexicon) -> bool:
    from claimdiff.lexicon.frequency import zipf_frequency

    lowered = word.lower()
    if "-" in lowered:
        return False  # "Celle-ci": wordfreq would rate "celle-cir" as its two words
    for rule in lexicon.grammar.opening_endings:
        ending, _, base = rule.partition(">")
        stem = lowered[: -len(ending)] if lowered.endswith(ending) else ""
        if len(stem) >= 3 and zipf_frequency(stem + base, lexicon.code, wordlist="small") >= KNOWN_ZIPF:
            return True
    return False


def common_word(word: str, lexicon: Lexicon) -> bool:
    """Whether a word is frequent enough in the language (wordfreq) to be a common word."""
    from claimdiff.lexicon.frequency import zipf_frequency

    return zipf_frequency(word.lower(), lexicon.code, wordlist="small") >= COMMON_ZIPF


def _rare_or_proper(word: str, proper: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether a capitalised word is written capitalised inside a sentence of the source, or
    is rare enough in the language (wordfreq's frequency lists) not to be a common word."""
    return word in proper or not common_word(word, lexicon)


def _attributive(text: str, mention: EntityMention, names: _NamePatterns) -> bool:
    """Whether a name stands as an attribute of the noun after it, after a determiner and
    maybe an adjective ("the rebuilt Paris stadium")."""
    return (
        bool(names.attributive.search(text[: mention.start])) and re.match(r"[ ][a-z]", text[mention.end :]) is not None
    )


def _mention(text: str, start: int, end: int, name: str, names: _NamePatterns, person: bool = False) -> EntityMention:
    before = text[max(0, start - 30) : start]
    if names.ignored.search(before) or names.estimator_after.match(text[end : end + 40]):
        role = "ignored"
    elif (
        person
        or names.title_before.search(before)
        or (names.title_of_before.search(text, max(0, start - 70), start) and text[end : end + 1] == ",")
        or names.title_after.match(text[end : end + 40])
        or any(word.lower() in names.titles for word in name.split(" ")[1:-1])  # "Office Director Jane Roe"
    ):
        role = "person"
    elif names.locative.search(before[-20:]):
        role = "place"
    else:
        role = "subject"
    return EntityMention(start, end, name, role)
