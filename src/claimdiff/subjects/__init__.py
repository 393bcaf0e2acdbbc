"""Stage 4, subjects: the entity each claim is about and the metric it states.

:mod:`~claimdiff.subjects.names` finds the entities a sentence names and their roles,
:mod:`~claimdiff.subjects.binding` binds each figure to one of them,
:mod:`~claimdiff.subjects.descriptors` learns what a source calls the things it names ("the
Zorbix Ridge wind farm"), so that a definite reference ("the farm") stands for that name,
:mod:`~claimdiff.subjects.metrics` reads the metric from the words that govern the figure, and
:mod:`~claimdiff.subjects.places` learns which places a corpus puts inside a country.
A sentence opening with a pronoun ("It employs ...") is about the subject of the sentence before;
a claim whose sentence binds it to nothing takes the label of the list item it stands under,
else the entity the source is mostly about, else the subject of the sentence before; a
definite reference ("la société a levé ...") is the label, else the last organisation named,
else the one the title names; a sentence that is a figure alone is read with the next. A fact
sheet's lines ("Label : value") are each about the sheet's subject, or the name a row opens
with ("Vardel - deaths: 12"); "there" is the place named last; short names a source defines in
brackets ('AS Vardel (the "Club")') stand for the full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from claimdiff.lexicon import Knowledge, Lexicon, alternation, trie_words
from claimdiff.lexicon.entities import name_key
from claimdiff.model import POSSIBLE, Claim
from claimdiff.sources import Source
from claimdiff.subjects.binding import (
    all_articles,
    choose_entity,
    main_clause_first,
    opening_phrase_end,
    spaced_articles,
)
from claimdiff.subjects.descriptors import Descriptions
from claimdiff.subjects.metrics import EDITION, choose_metric
from claimdiff.subjects.names import (
    OPENING_QUOTES,
    UPPER,
    EntityMention,
    common_word,
    find_entities,
    lead_end,
    title_case,
)

__all__ = ["EntityMention", "assign_subjects", "choose_entity", "choose_metric", "dominant_entity", "find_entities"]


def assign_subjects(
    source: Source, claims: list[Claim], knowledge: Knowledge, referents: dict[int, str] | None = None
) -> list[Claim]:
    """The claims of ``source`` with their ``entity``, ``metric`` and ``topic``, in the same order.

    ``referents``, when given, receives for each sentence that refers back to an entity ("The
    company, founded in 2019, ...", "Elle est basée à Lyon") that entity, by sentence start:
    what the facts a sentence states are about when it names nothing."""
    assigned: dict[str, Claim] = {}
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence_start, []).append(claim)
    lexicon = knowledge.lexicon(source.language)
    proper = proper_words(source, headlines=not lexicon.function_words.nouns_capitalised)
    common = _common_nouns(source.text, lexicon)
    lowercase = frozenset(w for w in re.findall(r"[^\W\d_]+", source.text) if w.islower())
    mentions_of = {
        sentence.start: _mentions(
            sentence.text,
            sentence.heading,
            by_sentence.get(sentence.start, []),
            sentence.start,
            knowledge,
            lexicon,
            (proper, common, lowercase),
        )
        for sentence in source.sentences
    }
    mentions_of = _with_defined_names(source, mentions_of, lexicon)
    default = dominant_entity(mentions_of.values(), knowledge)
    home = dominant_place(mentions_of.values(), knowledge)
    # Names the source writes after a locative somewhere ("in Vardenholm") are places everywhere in it.
    places = frozenset(m.name for found in mentions_of.values() for m in found if m.locative)
    located = lexicon.metrics.located
    label = ""
    previous = ""  # the subject of the sentence before: "The company said ..." refers back to it
    # The last organisation named as a subject: what "la startup" refers to; before any, the
    # one the source's title names ("Zorbix Labs lève 75 millions d'euros").
    organisation = _organisation_in(source.metadata.get("title", ""), knowledge, lexicon)
    sheet = organisation  # what a fact sheet's lines are about when they name nothing
    # Before the source first names its home place, a located figure is where the text has
    # been so far ("le réseau électrique français ... 7 TWh consommés", Lyon only later).
    place_so_far = ""
    last_place = ""  # the place named last before the sentence: what "there" stands for
    # What the source calls the things it names ("the Trégor Large wind farm"), so that "the
    # farm" later is that farm; the title describes first.
    mentioned = Counter(m.name for found in mentions_of.values() for m in found)
    descriptions = Descriptions(knowledge, lexicon, mentioned, places)
    title = source.metadata.get("title", "")
    if title:
        descriptions.learn(title, find_entities(title, knowledge, lexicon))
    for index, sentence in enumerate(source.sentences):
        line_label = label  # a fact sheet's line may name its own entity, for itself alone
        if sentence.heading:
            label = line_label = previous = ""
            descriptions.forget()  # a new section names its own things
        elif sentence.fact_line:
            if _is_name_like(sentence.label, knowledge, lexicon, proper) and not _plural_noun(sentence.label, lexicon):
                line_label = knowledge.entities.canonical(sentence.label)
        elif _attribute_line(sentence.text, sentence.label):
            pass  # "Stade : Stade des Tanneurs": the label names an attribute, not what follows
        elif sentence.label and _is_name_like(sentence.label, knowledge, lexicon, proper):
            label = line_label = knowledge.entities.canonical(sentence.label)
            descriptions.forget()  # "→ ACME (Norway): ... The project": the item's own project
        elif re.match(r"\s*[→•▪►]", sentence.text):
            label = ""
            descriptions.forget()
        own = mentions_of[sentence.start]
        if sentence.fact_line:
            own = _fact_line_mentions(sentence.text, own)
        percent_before = ""  # the metric of the sentence's last percentage so far
        if place_so_far != home:
            place_so_far = _place_named(own, knowledge, places, home) or place_so_far
        pronoun = _pronoun_clause(sentence.text, lexicon) if previous else None  # once a sentence
        referred = line_label or organisation or default  # what "the company" stands for here
        if referents is not None:
            if pronoun is not None:
                referents[sentence.start] = previous
            elif referred and _refers_to_one_before(sentence.text, lexicon):
                referents[sentence.start] = referred
        for claim in by_sentence.get(sentence.start, []):
            start, end = claim.start - sentence.start, claim.end - sentence.start
            text, mentions = sentence.text, own
            if sentence.fact_line:
                # "Nombre d'éoliennes : 50 (Orbitex X15)": a name after a line's value is a detail of it.
                mentions = [m for m in own if m.end <= start]
            clause = pronoun
            following = source.sentences[index + 1] if index + 1 < len(source.sentences) else None
            if following is not None and not following.heading and _fragment(text, start, end):
                # "45 millions d'euros. C'est le montant qu'Acme Robotics a obtenu."
                text, mentions = _joined(sentence.text, following.text, own, mentions_of[following.start])
                clause = _pronoun_clause(text, lexicon) if previous else None
            chosen = choose_entity(text, start, end, mentions, claim, lexicon)
            if clause is not None and not _subject_between(mentions, clause, start):
                chosen = previous  # "It employs 300 people in France": the company named before
            if referred and refers_back(text, start, mentions, lexicon):
                chosen = referred  # "la startup française dit avoir obtenu 75 millions"
            chosen = descriptions.referent(text, start, mentions) or chosen  # "The farm will use 50 turbines"
            sheet_subject = sheet if sentence.fact_line else ""
            about = claim.replaced(entity=chosen or line_label or default or sheet_subject or previous)
            # A percentage closing its clause restates the one before ("..., elle grimpe à 9 %.").
            parallel = percent_before if re.match(r"\s*(?:[.;:!?)]|$)", text[end:]) else ""
            metric, topic = choose_metric(text, start, end, about, lexicon, knowledge, parallel)
            if claim.kind == "percent":
                percent_before = metric
            if metric in ITSELF and _said_of_the_organisation(text, start, lexicon):
                metric = ITSELF[metric]  # "la start-up, lancée le 3 mars 2021"
            if metric == EDITION:
                # "the fifth Acme Forum Summit", "la 4e édition du sommet Acme Forum":
                # the edition number is the event's, named right after it.
                event = next((m for m in mentions if 0 <= m.start - end <= 40 and m.role != "ignored"), None)
                about = about.replaced(entity=event.name if event else about.entity)
            if last_place and _place_pronoun_before(text, start, mentions, lexicon):
                about = about.replaced(entity=last_place)  # "Portugal ... Fires there burned 13,000 ha"
            if metric.removesuffix(POSSIBLE) in located:
                # Deaths, a population, electricity consumed: measured where, not by whom.
                where = place_of(mentions, knowledge, start, places) or place_so_far or home
                about = about.replaced(entity=where or about.entity)
            assigned[claim.id] = about.replaced(metric=metric, topic=topic)
        for claim_id, entity in [
            *_respectively(sentence.text, by_sentence.get(sentence.start, []), own, knowledge, lexicon),
            *_named_in_brackets(sentence.text, by_sentence.get(sentence.start, []), own, knowledge),
        ]:
            assigned[claim_id] = assigned[claim_id].replaced(entity=entity)
        descriptions.learn(sentence.text, own)
        last_place = next((m.name for m in reversed(own) if _names_a_place(m, knowledge, places)), last_place)
        if sentence.fact_line:
            continue  # a fact sheet's lines are each about the sheet's subject, not the line before
        if pronoun is not None and not _subject_between(own, pronoun, len(sentence.text)):
            continue  # "En rachetant X, elle ...": the sentence is still about the one before
        # "Listed on Euronext since 2015, Acme ...": the main clause's subject is the sentence's.
        subjects = [m.name for m in main_clause_first([m for m in own if m.subject], sentence.text, lexicon)]
        # A place named as a sentence's subject ("... la tour qui domine Paris") is where, not
        # what the next sentences speak of: it is carried only when nothing else was named before.
        things = [n for n in subjects if knowledge.entities.kind_of(n) != "place"]
        if things:
            previous = things[0]
        elif subjects and (not previous or knowledge.entities.kind_of(previous) == "place"):
            previous = subjects[0]  # a place follows a place ("Tokyo ... Singapore ... Its revenue")
        organisation = _first_organisation(subjects, knowledge) or organisation
        # "The farm, 14 miles off the coast, will use ... It will power ...": what the main
        # clause's definite reference stands for is the sentence's subject.
        previous = descriptions.opening_referent(sentence.text, opening_phrase_end(sentence.text, lexicon)) or previous
    return [assigned.get(claim.id, claim) for claim in claims]


# The value of an attribute line is short: a name or a few words, no sentence.
ATTRIBUTE_VALUE_CHARS = 60


def _attribute_line(text: str, label: str) -> bool:
    """Whether a labelled line states one attribute ("Stade : Stade des Tanneurs", "CEO: Jane
    Roe"): one line, a short value opening with a capital, no closing stop; not a list item
    whose label names what the sentences after it speak of ("ORBITEX (Norway): The project
    will ..."), nor a title ("Zorbix: what the deal means")."""
    if not label or "\n" in text:
        return False
    value = text.partition(":")[2].strip()
    return 0 < len(value) <= ATTRIBUTE_VALUE_CHARS and value[0].isupper() and not re.search(r"[.!?…]$", value)


def _fact_line_mentions(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """The mentions of a fact sheet's line that may be what its value is about: those of its
    value and of a row's opening name ("Vardel - burned area: 5,000 ha"), none of the rest of its
    label ("Raccordements au réseau : 12 km", "Viaducts: 13" name nothing; a label that names an
    entity is the line's label)."""
    colon = text.find(":")
    # A row that opens with a name and a dash is that name's ("Vardel - burned area: 5,000 ha").
    row = re.match(r"[ \t]*(?:[→•▪►*][ \t]*)?(\S.*?)[ \t]+[-–—][ \t]+", text[:colon]) if colon > 0 else None
    value = [m for m in mentions if m.start > colon]
    # The row's name is where its figure was measured too ("Vardel - people evacuated: 2,300").
    named = [replace(m, role="place") for m in mentions if row is not None and m.end <= row.end(1) and m.subject]
    return named + value


def _with_defined_names(
    source: Source, mentions_of: dict[int, list[EntityMention]], lexicon: Lexicon
) -> dict[int, list[EntityMention]]:
    """The mentions with the short names a source defines in brackets replaced by the names
    they stand for: 'Acme Robotics Ltd ("Acme")', 'AS Vardel (the "Club")', 'Zorbix SA
    (ci-après « la Société »)'."""
    pattern = lexicon.compiled("defined names", _definition_pattern)
    defined: dict[str, str] = {}
    for sentence in source.sentences:
        for mention in mentions_of[sentence.start]:
            found = pattern.match(sentence.text, mention.end)
            if found:
                defined.setdefault(found.group(1).strip(), mention.name)
    if not defined:
        return mentions_of
    return {
        start: [replace(m, name=defined[m.name]) if m.name in defined else m for m in mentions]
        for start, mentions in mentions_of.items()
    }


def _definition_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A bracket right after a name holding a quoted short name, maybe after an article or a
    word such as "hereinafter" (group 1: the short name without its article)."""
    articles = spaced_articles(all_articles(lexicon))
    lead = rf"(?:[^\W\d_][\w\-]*[ \u00a0]+)?(?:{articles})?"  # "hereinafter the", "ci-après"
    short = rf"[\"“«][ \u00a0]*(?:{articles})?([^\"”»()\n]{{2,40}}?)[ \u00a0]*[\"”»]"
    return re.compile(rf"[ \u00a0]*\({lead}{short}\)", re.I)


def _respectively(
    text: str, claims: list[Claim], mentions: list[EntityMention], knowledge: Knowledge, lexicon: Lexicon
) -> list[tuple[str, str]]:
    """(claim id, entity) for the figures of a sentence that pairs them with names in order
    ("Acme and Orbitex will invest $4 billion and $1 billion, respectively"): the n-th figure
    is the n-th name's (names joined by a pair connector count one by one). When the names
    before the figures are not as many as the figures ("ils ont annoncé respectivement 160 et
    70 millions"), no name is theirs: the figures get none rather than one of them. A figure in
    brackets right after another is that figure restated ("€4 billion ($4.3 billion)")."""
    respectively, pair = lexicon.compiled("respectively", _respectively_patterns)
    if not claims or not respectively.search(text):
        return []
    offset = claims[0].sentence_start
    figures = [c for c in claims if c.kind in ("money", "count", "quantity", "percent")]
    restated = {c.id for before, c in pairwise(figures) if _in_brackets_after(text, before, c, offset)}
    figures = [c for c in figures if c.id not in restated]
    if len(figures) < 2:
        return []
    first = figures[0].start - offset
    named = [m for m in mentions if m.end <= first and m.role in ("subject", "listed")]
    # A name in brackets right after another restates it ("Amazon Web Services (AWS)").
    named = named[:1] + [m for before, m in pairwise(named) if text[before.end : m.start] != " ("]
    names = [knowledge.entities.canonical(part) for m in named for part in pair.split(m.name)]
    paired = names[-len(figures) :] if len(names) == len(figures) else [""] * len(figures)
    chosen = dict(zip((c.id for c in figures), paired, strict=True))
    out = list(chosen.items())
    for before, c in pairwise(claims):
        if c.id in restated:
            out.append((c.id, chosen.get(before.id, "")))
    return out


def _named_in_brackets(
    text: str, claims: list[Claim], mentions: list[EntityMention], knowledge: Knowledge
) -> list[tuple[str, str]]:
    """(claim id, entity) for figures each followed by a different name in brackets, in one
    sentence ("fines: €2.5 million (Zorbix), £1.9 million (Orbitex)"): each is its bracket's."""
    if len(claims) < 2:
        return []
    offset = claims[0].sentence_start
    named = {(m.start, m.end): m.name for m in mentions if m.role != "ignored"}
    found = []
    for claim in claims:
        bracket = _BRACKET_AFTER.match(text, claim.end - offset)
        name = named.get(bracket.span(1)) if bracket else None
        if name:
            found.append((claim.id, knowledge.entities.canonical(name)))
    return found if len({name for _, name in found}) >= 2 else []


# A bracket right after a figure holding one word group (group 1): "€2.5 million (Zorbix)".
_BRACKET_AFTER = re.compile(r"[ \u00a0]*\(([^()\n]{1,60})\)")


def _respectively_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a word that pairs figures with names, a pair connector between two names), built once."""
    grammar = lexicon.grammar
    words = rf"(?<!\w)(?:{alternation(grammar.respectively)})(?!\w)" if grammar.respectively else "(?!)"
    pair = rf"\s+(?:{alternation(grammar.pair_connectors) or '(?!)'}|&)\s+"
    return re.compile(words, re.I), re.compile(pair)


def _in_brackets_after(text: str, before: Claim, claim: Claim, offset: int) -> bool:
    """Whether ``claim`` stands in brackets right after ``before`` ("€4 billion ($4.3 billion)")."""
    between = text[before.end - offset : claim.start - offset]
    return between.strip() == "(" and text[claim.end - offset : claim.end - offset + 1] == ")"


def _pronoun_clause(text: str, lexicon: Lexicon) -> int | None:
    """Where a sentence's main clause starts when its subject is a pronoun standing for the
    subject of the sentence before ("It employs ...", "Elle emploie ...", "Operated by CNRS
    since 2019, it has ..."; not "It is", "Il y a"), else None."""
    pattern = lexicon.compiled(
        "anaphoric openings",
        lambda lex: re.compile(
            rf"[\W]*(?!(?:{alternation(lex.grammar.impersonal_openings) or '(?!)'})(?!\w))"
            rf"(?:{alternation(lex.grammar.anaphoric_pronouns) or '(?!)'})(?!\w)",
            re.I,
        ),
    )
    if not lexicon.grammar.anaphoric_pronouns:
        return None
    clause = opening_phrase_end(text, lexicon)  # the main clause, after an opening phrase
    return clause if pattern.match(text, clause) else None


def _subject_between(mentions: list[EntityMention], clause: int, start: int) -> bool:
    """Whether a name stands as a subject between a clause's start and ``start``: then the
    pronoun opening the clause is not what the figure at ``start`` is about."""
    return any(m.subject and clause <= m.start and m.end <= start for m in mentions)


def _fragment(text: str, start: int, end: int) -> bool:
    """Whether a sentence is the figure alone ("45 millions d'euros."), said of by the next."""
    if len(text) - (end - start) > 12:
        return False  # more than punctuation around it (and no copying of a long sentence)
    return not re.search(r"\w", text[:start] + text[end:])


def _joined(
    text: str, following: str, mentions: list[EntityMention], after: list[EntityMention]
) -> tuple[str, list[EntityMention]]:
    """A sentence and the next read as one, with the next one's mentions moved along."""
    shift = len(text) + 1
    moved = [replace(m, start=m.start + shift, end=m.end + shift) for m in after]
    return f"{text} {following}", mentions + moved


def _organisation_in(text: str, knowledge: Knowledge, lexicon: Lexicon) -> str:
    mentions = find_entities(text, knowledge, lexicon) if text else []
    return _first_organisation([m.name for m in mentions if m.subject], knowledge)


def _first_organisation(names: list[str], knowledge: Knowledge) -> str:
    """The first name that may be an organisation: neither a place nor a person."""
    return next((n for n in names if knowledge.entities.kind_of(n) not in ("place", "person")), "")


# An organisation's own launch is its creation: "the startup, launched in April 2023".
ITSELF = {"launch date": "creation date"}


def _said_of_the_organisation(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether the event word right before the date at ``start`` (an article or preposition
    between at most) is said of the organisation its sentence refers to before it ("la
    start-up ... officiellement lancée le 3 mars"), not of what it launched: the event word
    has an object ("the company launched its app in May"), or a possessive names it between
    ("la start-up a présenté sa nouvelle application, lancée le 3 mai")."""
    launched = lexicon.compiled("own start", _own_start_pattern)
    event = launched.search(text, max(0, start - 60), start)
    if event is None:
        return False
    pattern = lexicon.compiled("organisation references", _reference_pattern)
    references = list(pattern.finditer(text, 0, event.start()))
    if not references:
        return False
    between = {w.lower() for w in re.findall(r"[^\W\d_][\w’'\-]*", text[references[-1].end() : event.start()])}
    # Nothing the organisation owns is named between them ("sa nouvelle application, lancée").
    return not between & set(lexicon.grammar.possessive_determiners)


def _own_start_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """An event word of ``ITSELF`` at the end of the text searched, an article or preposition
    between it and the date at most."""
    words = [w for w, metric in lexicon.events.items() if metric in ITSELF]
    if not words:
        return re.compile("(?!)")
    return re.compile(rf"(?<!\w)(?:{alternation(words)})\s+(?:[^\W\d_]{{1,3}}\s+)?$", re.I)


def refers_back(text: str, start: int, mentions: list[EntityMention], lexicon: Lexicon) -> bool:
    """Whether the figure at ``start`` is about an organisation its clause refers back to ("the
    company", "la startup française") with no name between that phrase and the figure."""
    pattern = lexicon.compiled("organisation references", _reference_pattern)
    found = [m for m in pattern.finditer(text, max(0, start - 120), start)]
    if not found:
        return False
    reference = found[-1]
    agent = lexicon.compiled("agent before", _agent_before)
    named = (
        m
        for m in mentions
        if m.subject
        and reference.start() <= m.start
        and m.end <= start
        # "a round led by Acme in 2023" is still the round's; "... by Acme, which paid €5 bn" Acme's.
        and not (agent.search(text, max(0, m.start - 20), m.start) and "," not in text[m.end : start])
    )
    return next(named, None) is None


def _place_pronoun_before(text: str, start: int, mentions: list[EntityMention], lexicon: Lexicon) -> bool:
    """Whether a word standing for the place named last ("there", "là-bas", "dort") follows a
    word that is no function word before the figure, with no name between ("Fires there have
    burned 13,000 hectares"; not "There are 5 plants", "and there, Orbitex built 5 plants")."""
    pattern = lexicon.compiled("place pronouns", _place_pronoun_pattern)
    stop = lexicon.function_words.stop
    found = [m for m in pattern.finditer(text, 0, start) if m.group(1).lower() not in stop]
    return bool(found) and not any(found[-1].end() <= m.start and m.end <= start for m in mentions if m.subject)


def _place_pronoun_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A place pronoun right after a word (group 1): "Fires there", "built there"."""
    pronouns = alternation(lexicon.grammar.place_pronouns) or "(?!)"
    return re.compile(rf"([^\W\d_][\w’'\-]*)[ \u00a0]+(?:{pronouns})(?![\w\-])", re.I)


def _refers_to_one_before(text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence refers back to an organisation ("The company said ...", "la banque,
    dont le siège ..."), not one that names the organisation it describes right after ("le
    fabricant de drones Zorbix")."""
    pattern = lexicon.compiled("organisation references", _reference_pattern)
    return any(not _NAMED_AFTER.match(text, m.end()) for m in pattern.finditer(text))


# A name right after a reference, up to three lower-case words between ("le fabricant de drones Zorbix").
_NAMED_AFTER = re.compile(rf"[ \u00a0]*(?:[^\W\d_][\w'’\-]*[ \u00a0]+){{0,3}}[{UPPER}]")


def _agent_before(lexicon: Lexicon) -> re.Pattern[str]:
    """A passive agent right before a name ("a round led by Acme Ventures", "mené par"): the
    name acts on what the reference speaks of; it does not take its place."""
    agents = trie_words(lexicon.grammar.passive_agents, True)
    return re.compile(rf"\b(?:{agents})[ \u00a0]+$", re.I) if agents else re.compile("(?!)")


def _reference_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    phrases = []
    for phrase in lexicon.grammar.organisation_references:
        article, _, noun = phrase.partition(" ")
        if not noun:  # an elided article glued to its noun ("l’entreprise")
            phrases.append(re.escape(phrase))
        else:
            # Up to three words between article and noun: "the French industrial robotics startup".
            phrases.append(rf"{re.escape(article)}\s+(?:[^\W\d_][\w’'\-]*\s+){{0,3}}?{re.escape(noun)}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(phrases) or '(?!)'})(?!\w)", re.I)


def _mentions(
    text: str,
    heading: bool,
    claims: list[Claim],
    offset: int,
    knowledge: Knowledge,
    lexicon: Lexicon,
    vocabulary: tuple[frozenset[str], frozenset[str], frozenset[str]],
) -> list[EntityMention]:
    """The mentions of one sentence, none inside a claim's own words."""
    spans = [(c.start - offset, c.end - offset) for c in claims]
    # Where nouns are capitalised, so are a claim's words ("Zorbix 80 Mio. Euro"): names are
    # read with the claims blanked out. Elsewhere a name running into a claim is dropped.
    if lexicon.function_words.nouns_capitalised:
        text = _blank(text, spans)
    found = find_entities(text, knowledge, lexicon, heading, *vocabulary)
    return [m for m in found if not any(m.start < e and s < m.end for s, e in spans)]


def proper_words(source: Source, headlines: bool = True) -> frozenset[str]:
    """Words the source writes capitalised inside a sentence, or capitalised at the start of
    two sentences, never in lower case and no frequent word ("Nvidia announced ... Nvidia said
    ...", not "Parmi eux ... Parmi les projets ..."); with ``headlines``, a headline's capitals
    (see :func:`~claimdiff.subjects.names.title_case`) do not count."""
    inside: set[str] = set()
    openings: Counter[str] = Counter()
    lowered: set[str] = set()
    for sentence in source.sentences:
        if headlines and title_case(sentence.text):
            continue  # "Acme Lands €90M to Expand Its Fleet": every word is capitalised
        # A dateline or a byline ("Le Journal des Affaires – Porté par ...") is no part of the
        # sentence: the word after it opens it.
        lead = lead_end(sentence.text)
        found = [m for m in re.finditer(r"[^\W\d_][\w\-’']*", sentence.text) if m.start() >= lead]
        words = [m.group(0) for m in found]
        # A word opening a quotation or a title is capitalised as a sentence's first word is.
        inside.update(
            m.group(0)
            for m in found[1:]
            if m.group(0)[:1].isupper()
            and not sentence.text[max(0, m.start() - 3) : m.start()].rstrip(" \u00a0").endswith(OPENING_QUOTES)
        )
        lowered.update(w for w in words if w.islower())
        openings.update(words[:1])
    repeated = {
        w
        for w, n in openings.items()
        if n >= 2 and w[:1].isupper() and w.lower() not in lowered and not _frequent(w, source.language)
    }
    return frozenset(inside | repeated)


# A word this frequent (Zipf 4.5: about once in 30,000 words) opening two sentences is a word
# of the language opening them ("Parmi eux, ...", "Meanwhile, ..."), not a name.
OPENER_ZIPF = 4.5


def _frequent(word: str, language: str) -> bool:
    from claimdiff.lexicon.frequency import zipf_frequency

    return zipf_frequency(word.lower(), language, wordlist="small") >= OPENER_ZIPF


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces, so offsets still hold."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _common_nouns(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Words known as common nouns, lower-cased, where every noun is capitalised (else none).

    They are the words of the language's metric and event keywords ("Umsatz", "Betrieb"), the
    capitalised words the source writes after a determiner ("der Umsatz"; not the first word
    of a longer name, "die Nordstern Raumfahrt GmbH"), and those that do not travel into the
    contrast language's text (:func:`_untravelled_nouns`).
    """
    words = lexicon.function_words
    if not words.nouns_capitalised:
        return frozenset()
    keywords = lexicon.keyword_words()
    if not words.determiners:
        return keywords
    pattern = lexicon.compiled(
        "determined nouns",
        # Up to two lower-case words between ("der französischen Seite"), each an adjective
        # unless it is a function word ("die von Zorbix gebaute Anlage"). Not a word another
        # capitalised word follows: "die Nordstern Raumfahrt GmbH" is a name.
        lambda lex: re.compile(
            rf"(?<!\w)(?:{alternation(lex.function_words.determiners)})\s+"
            rf"(?:(?!(?:{alternation(lex.function_words.stop)})\s)(?-i:[^\W\d_{UPPER}])[\w\-]*\s+){{0,2}}"
            rf"([^\W\d_][\w\-]*)(?![\w\-]|\s+(?-i:[{UPPER}]))",
            re.I,
        ),
    )
    found = (match.group(1) for match in pattern.finditer(text))
    determined = frozenset(word.lower() for word in found if word[0].isupper())
    return keywords | determined | _untravelled_nouns(text, lexicon)


# A capitalised word that is a common word of its language (names.COMMON_ZIPF) and under this
# in the contrast language's large list (1.5: once in 30 million words) is a common noun:
# "Satelliten" is 3.8 in German and 0 in English, "Lufthansa" 3.9 and 2.9.
UNTRAVELLED_CONTRAST_ZIPF = 1.5
# A capitalised word of three letters or more, or a compound of them ("Kobalt-Hersteller").
_CAPITALISED_WORD = re.compile(rf"(?<![\w\-])[{UPPER}][^\W\d_]{{2,}}(?:-[{UPPER}][^\W\d_]{{2,}})*(?![\w\-])")


def _untravelled_nouns(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Capitalised words of ``text`` that are common nouns of its language, lower-cased: frequent
    in it and nearly absent from the contrast language's text (``contrast_language`` of
    ``words.toml``), where names of companies and places travel."""
    from claimdiff.lexicon.frequency import zipf_frequency

    contrast = lexicon.function_words.contrast_language
    if not contrast:
        return frozenset()

    out = set()
    for word in {w.lower() for w in _CAPITALISED_WORD.findall(text)}:
        # A hyphenated compound is judged by its last part ("Lithiumhydroxid-Hersteller" by
        # "Hersteller"), a rare compound by its last known part: "Chipkonzern" by "Konzern"
        # (common), "Nordstern" by "Stern" (which travels: a name).
        last = word.rsplit("-", 1)[-1]
        head = (
            last
            if common_word(last, lexicon)
            else next((last[i:] for i in range(3, len(last) - 3) if common_word(last[i:], lexicon)), "")
        )
        if head and zipf_frequency(head, contrast, wordlist="large") < UNTRAVELLED_CONTRAST_ZIPF:
            out.add(word)
    return frozenset(out)


# A word's base this frequent in wordfreq's large list is a word of the language, and a plural
# this frequent is written as one ("viaducts" 2.1; "globex", a name, 1.5).
PLURAL_BASE_ZIPF = 2.5
PLURAL_ZIPF = 2.0


def _plural_noun(label: str, lexicon: Lexicon) -> bool:
    """Whether a one-word label is the plural of a word of the language ("Viaducts",
    "Raccordements"): no name, however rare the plural is."""
    from claimdiff.lexicon.frequency import zipf_frequency

    word = label.strip().lower()
    if " " in word or zipf_frequency(word, lexicon.code, wordlist="large") < PLURAL_ZIPF:
        return False  # hardly a word of the language ("Globex" is no plural of "globe")
    for suffix in lexicon.grammar.plural_suffixes:
        base = word.removesuffix(suffix)
        if base != word and len(base) >= 3 and zipf_frequency(base, lexicon.code, wordlist="large") >= PLURAL_BASE_ZIPF:
            return True
    return False


def _is_name_like(label: str, knowledge: Knowledge, lexicon: Lexicon, proper: frozenset[str]) -> bool:
    """Whether a list label ("ORBITEX (Norway): ...", "Zorbix Labs: ...") names an entity: a known
    name, or a few capitalised words not all of them common words the source writes nowhere
    else capitalised ("Roundup: ...", "Key Takeaways: ..." name nothing)."""
    words = label.split()
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    if label.lower() in knowledge.entities.aliases:
        return True
    if all(w not in proper and common_word(w, lexicon) for w in words):
        return False
    return sum(w[:1].isupper() for w in words) / len(words) >= 0.75 and len(words) <= 3


def dominant_entity(mentions: Iterable[list[EntityMention]], knowledge: Knowledge) -> str:
    """The entity a source names most as a subject or place, when it clearly dominates."""
    spellings: Counter[str] = Counter()
    for sentence in mentions:
        spellings.update(m.name for m in sentence if m.role in ("subject", "place", "demonym"))
    # Spellings of one name count together ("Saint Vardel", "Saint-Vardel"), and a name that
    # extends another counts for it too ("Saint-Vardel de Paris").
    counts: Counter[str] = Counter()
    for name, n in spellings.items():
        counts[name_key(name)] += n
    own = dict(counts)  # each name's own mentions, added once to every shorter name it extends
    for key, n in own.items():
        words = key.split()
        for size in range(1, len(words)):
            shorter = " ".join(words[:size])
            if shorter in own:
                counts[shorter] += n
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return ""
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ""
    return max((n for n in spellings if name_key(n) == ranked[0][0]), key=lambda n: (spellings[n], n))


def place_of(
    mentions: list[EntityMention], knowledge: Knowledge, near: int = 0, known: frozenset[str] = frozenset()
) -> str:
    """The place a sentence names nearest offset ``near``: after a locative preposition, else a
    known place or one of the ``known`` names its source uses as places ("140 data centres in
    France used 7 TWh" against "most data is stored in the US" earlier in the sentence)."""
    for places in ([m for m in mentions if m.locative], [m for m in mentions if _names_a_place(m, knowledge, known)]):
        if places:
            return min(places, key=lambda m: (abs(m.start - near), m.start)).name
    return ""


def _place_named(mentions: list[EntityMention], knowledge: Knowledge, places: frozenset[str], home: str) -> str:
    """The home place if a sentence names it, else the last place it names, maybe through an
    adjective of nationality ("le réseau électrique français": France)."""
    named = [m.name for m in mentions if _names_a_place(m, knowledge, places)]
    return home if home in named else (named[-1] if named else "")


def _names_a_place(mention: EntityMention, knowledge: Knowledge, known: frozenset[str] = frozenset()) -> bool:
    """Whether a mention names a place: after a locative preposition, a known place, or one of
    the ``known`` names its source writes as places; never a source or complement."""
    return mention.role != "ignored" and (
        mention.locative or mention.name in known or knowledge.entities.kind_of(mention.name) == "place"
    )


def dominant_place(mentions: Iterable[list[EntityMention]], knowledge: Knowledge) -> str:
    """The place a source names most ("in X", or a known place), if any."""
    counts: Counter[str] = Counter()
    for sentence in mentions:
        counts.update(m.name for m in sentence if _names_a_place(m, knowledge))
    ranked = counts.most_common(1)
    return ranked[0][0] if ranked else ""
