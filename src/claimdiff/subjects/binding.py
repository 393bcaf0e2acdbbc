"""Binding a figure to the entity it is about, among the mentions of its sentence.

A figure belongs to the subject of its own clause: the name before a parenthesis holding the
figure ("Zorbix Labs (€80m)"), else the first name of the clause before the figure, else the
nearest name earlier in the sentence, else the first name after it. Places ("in France", the
nearest to the figure), weak mentions (an adjective of nationality, a person announcing the figure) come after that;
sources ("according to X") and complements ("after X") never. A date announced by an event
word ("launched ... in 2018") is about what the event concerns.
"""

from __future__ import annotations

import re

from claimdiff.extract import EVENT_REACH_AFTER, EVENT_REACH_BEFORE
from claimdiff.lexicon import Lexicon, alternation, trie_alternation, trie_words
from claimdiff.model import Claim
from claimdiff.subjects.names import EntityMention, opens_phrase


def choose_entity(
    text: str, start: int, end: int, mentions: list[EntityMention], claim: Claim, lexicon: Lexicon
) -> str:
    """The entity a claim at ``text[start:end]`` is about (see the module docstring), or ""."""
    outside = [m for m in mentions if (m.end <= start or m.start >= end) and m.role != "ignored"]
    head = apposition_head(text, start, outside, lexicon)
    if claim.kind == "date" and claim.event:
        # Inside an apposition only what the event concerns can take the date from the name
        # it describes ("Acme, the firm that launched Zorbix in 2018"; not "the Lyon biotech").
        chosen = _date_entity(text, start, end, outside, lexicon, objects_only=head is not None)
        if chosen:
            return chosen
    if head is not None:
        return head.name  # "Valdrome, the Lyon biotech founded in 2011": Valdrome's founding
    modified = _modified_name(text, start, end, outside, lexicon)
    if modified is not None:
        return modified.name  # "the 750-megawatt Zorbix Ridge wind farm": the farm's power
    open_paren = text.rfind("(", 0, start)
    if open_paren != -1 and text.find(")", open_paren, start) == -1 and start - open_paren < 30:
        # "such as Acme (€1.2 billion)": a listed name is what the figure in brackets after it is about.
        before = [
            m for m in outside if m.end <= open_paren and open_paren - m.end < 60 and m.role in ("subject", "listed")
        ]
        if before:
            return before[-1].name
    clause = _clause_start(text, start, lexicon)
    subjects = main_clause_first([m for m in outside if m.subject], text, lexicon)
    in_clause = [m for m in subjects if clause <= m.start and m.end <= start]
    if in_clause:
        return in_clause[0].name
    earlier = [m for m in subjects if m.end <= start]
    if earlier:
        return earlier[-1].name
    later = [m for m in subjects if m.start >= end]
    if later:
        return later[0].name
    # A person announces a figure about what they speak for: a place, or a country named by its
    # adjective ("the French government"); else the caller's fallbacks decide. Of several, the
    # one nearest the figure: "hosted far away (in the US), 140 data centres in France".
    for role in ("place", "demonym"):
        found = [m for m in outside if m.role == role]
        if found:
            return min(found, key=lambda m: (_distance(m, start, end), m.start)).name
    return ""


# An apposition is short: a noun phrase, maybe a participle or relative clause after it.
APPOSITION_CHARS = 100


def apposition_head(text: str, start: int, mentions: list[EntityMention], lexicon: Lexicon) -> EntityMention | None:
    """The name whose apposition holds the figure at ``start``: the name, a comma, an article,
    a word, then no punctuation up to the figure ("Valdrome, the Lyon biotech founded in 2011",
    "Zorbix, une start-up fondée en 2019"); names inside the apposition only describe it."""
    pattern = lexicon.compiled("apposition", _apposition_pattern)
    for mention in reversed(mentions):
        if mention.end > start or mention.role not in ("subject", "listed"):
            continue
        if start - mention.end > APPOSITION_CHARS:
            return None
        if pattern.match(text, mention.end, start) and not in_opening_phrase(text, mention.start, lexicon):
            return mention
    return None


def _modified_name(
    text: str, start: int, end: int, mentions: list[EntityMention], lexicon: Lexicon
) -> EntityMention | None:
    """The name a figure modifies inside one noun phrase, an article before the figure and the
    name right after it ("the 750-megawatt Zorbix Ridge wind farm", "a €2bn Orbitex plant")."""
    after = next((m for m in mentions if m.start >= end), None)
    if after is None or not after.subject or text[end : after.start].strip(" \u00a0-"):
        return None
    opening = lexicon.compiled(
        "article before a figure",
        lambda lex: re.compile(rf"(?<!\w)(?:{spaced_articles(all_articles(lex))})$", re.I),
    )
    return after if opening.search(text, max(0, start - 12), start) else None


def in_opening_phrase(text: str, at: int, lexicon: Lexicon) -> bool:
    """Whether ``at`` lies in a phrase opening the sentence, before its first comma: the
    sentence opens with a preposition or a participle ("At the heart of Europe, the grid ...",
    "Founded in 2009, Acme ..."), so the comma after a name there closes that phrase and opens
    no apposition."""
    if "," in text[:at]:
        return False
    first = re.match(r"[\W\d_]*([^\W\d_][\w’'-]*)", text)
    if first is None:
        return False
    word = first.group(1)
    stop = word.lower() in lexicon.function_words.stop and word.lower() not in all_articles(lexicon)
    return stop or opens_phrase(word, lexicon)


def all_articles(lexicon: Lexicon) -> tuple[str, ...]:
    """The language's articles, those of an apposition and the definite ones, in lower case."""

    def articles(lex: Lexicon) -> tuple[str, ...]:
        both = (*lex.grammar.apposition_articles, *lex.grammar.definite_articles)
        return tuple(dict.fromkeys(a.lower() for a in both))

    return lexicon.compiled("all articles", articles)


def _apposition_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A comma, an article and at least one word, then no punctuation that ends a phrase, up
    to the end of the text searched."""
    articles = spaced_articles(lexicon.grammar.apposition_articles)
    return re.compile(rf",[ \u00a0]+(?:{articles})[^\W\d_][^,;:()\[\]—–]*$", re.I)


def spaced_articles(articles: tuple[str, ...]) -> str:
    """Articles as a regex alternation, each with the space after it, none after an elided one
    glued to its word ("l'"); a pattern that matches nothing when there are none."""
    spaced = [re.escape(a) + ("" if a[-1] in "'’" else r"[ \u00a0]+") for a in sorted(articles, key=len, reverse=True)]
    return "|".join(spaced) or "(?!)"


def _distance(mention: EntityMention, start: int, end: int) -> int:
    """Characters between a mention and the figure at ``start:end``."""
    return start - mention.end if mention.end <= start else mention.start - end


def main_clause_first(subjects: list[EntityMention], text: str, lexicon: Lexicon) -> list[EntityMention]:
    """``subjects`` without the names of an opening participial phrase when the main clause
    names one: in "Developed by the Orbitex institute, HYPERION reaches 2 exaflops" the figure
    is HYPERION's."""
    opening = opening_phrase_end(text, lexicon)
    if not opening or not any(m.start >= opening for m in subjects):
        return subjects
    return [m for m in subjects if m.start >= opening]


def opening_phrase_end(text: str, lexicon: Lexicon) -> int:
    """Where a phrase opening the sentence with a participle or an adverb ends (its comma), or 0;
    a gerund's marker may stand before the participle ("En levant ..., elle", "After raising ...,")."""
    match = lexicon.compiled("opening phrase", _opening_word).match(text)
    if not match or not opens_phrase(match.group(1), lexicon):
        return 0
    comma = text.find(", ", match.end(), match.end() + 150)
    return comma + 2 if comma != -1 else 0


def _opening_word(lexicon: Lexicon) -> re.Pattern[str]:
    """A sentence's first word, after a gerund's marker if one stands before it (group 1)."""
    markers = trie_words(lexicon.grammar.gerund_markers, True)
    marker = rf"(?:(?:{markers})[ \u00a0]+)?" if markers else ""
    return re.compile(rf"[\W\d_]*{marker}([^\W\d_][\w’'-]*)", re.I)


def _clause_start(text: str, start: int, lexicon: Lexicon) -> int:
    """Where the clause holding ``start`` begins: after the last clause break before it."""
    pattern = lexicon.compiled(
        "clause breaks",
        lambda lex: re.compile(rf"[;:]|\s[—–]\s|{alternation(lex.grammar.clause_breaks)}", re.I),
    )
    last = 0
    for match in pattern.finditer(text, 0, start):
        last = match.end()
    return last


def _date_entity(
    text: str, start: int, end: int, mentions: list[EntityMention], lexicon: Lexicon, objects_only: bool = False
) -> str:
    """For "Acme launched its platform in 2018" the date is about what was launched, or who did
    (with ``objects_only``, only what was launched). A participle opening the sentence ("Founded
    in 2009 and listed on Euronext since 2015, Acme ...") leaves the date to the main clause."""
    event = nearest_event(text, start, end, lexicon)
    if event is None:
        return ""
    if not re.search(r"\w", text[: event.start()]) and end <= opening_phrase_end(text, lexicon):
        return ""  # the event word opens the sentence: its phrase describes the main clause's subject
    date_length = end - start if event.end() <= start else 0
    agents = alternation(lexicon.grammar.passive_agents)
    passive = re.match(rf"[\w ,]{{0,15}}\b(?:{agents})\b", text[event.end() :]) is not None
    after = [m for m in mentions if 0 <= m.start - event.end() - date_length < 20 and m.subject]
    before = [m for m in mentions if 0 <= event.start() - m.end < 20 and m.subject]
    if after and not passive:
        return after[0].name
    return before[-1].name if before and not objects_only else ""


def nearest_event(text: str, start: int, end: int, lexicon: Lexicon) -> re.Match[str] | None:
    """The event word nearest a date ("launched", "fondée"), within reach of it."""
    pattern = lexicon.compiled(
        "keywords:events",
        lambda lex: re.compile(rf"(?<!\w)(?:{trie_alternation(lex.events, True) if lex.events else ''})(?!\w)", re.I),
    )
    nearest = None
    for match in pattern.finditer(text, max(0, start - EVENT_REACH_BEFORE), min(len(text), end + EVENT_REACH_AFTER)):
        distance = abs((match.start() + match.end()) / 2 - (start + end) / 2)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, match)
    return nearest[1] if nearest else None
