"""What a source calls the things it names, and the definite references that stand for them.

A source says once what a name is ("the Trégor Large wind farm", "le parc éolien de Trégor
Large", "Zorbix, a Vardel biotech") and later refers to it by that noun alone ("The farm will
use 50 turbines", "Le parc produira ...", "the biotech"). Each source learns its own nouns as
it is read, so "the line" is the line that source named last, never a word list of ours.
Where a language puts a compound's head noun (``head_last``: "wind *farm*"; otherwise "*parc*
éolien") decides which word of the description is the noun.
"""

from __future__ import annotations

import re
from collections import Counter

from claimdiff.lexicon import Knowledge, Lexicon, alternation, trie_words
from claimdiff.subjects.binding import in_opening_phrase, spaced_articles
from claimdiff.subjects.names import UPPER, EntityMention

# A description is short: the noun and at most this many words around it.
DESCRIPTION_WORDS = 4
# A head noun shorter than this is more likely a function word or an abbreviation.
MIN_HEAD_CHARS = 3

_LOWER_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w\-’']*)")
_NEXT_WORD = re.compile(r"[ \u00a0]*([^\W\d_][\w\-’']*)")
_WORD_BEFORE = re.compile(r"(?<![\w\-’'])([^\W\d_][\w\-’']*)[ \u00a0]$")  # a word and one space, at the end
_WORD_START = re.compile(r"(?<![^\W_])[^\W\d_]")  # a letter opening a word

# A description a sentence gives a name: (head noun, whether apposed, where it ends, the name).
_Description = tuple[str, bool, int, EntityMention]


class Descriptions:
    """The nouns one source has used to describe the names it gives, as it is read."""

    def __init__(
        self,
        knowledge: Knowledge,
        lexicon: Lexicon,
        mentioned: Counter[str] | None = None,
        places: frozenset[str] = frozenset(),
    ) -> None:
        self.knowledge = knowledge
        self.lexicon = lexicon
        self.named: dict[str, str] = {}  # head noun (lower case) -> the name it last described
        self.mentioned = mentioned or Counter()  # how often the source names each name
        self.places = places  # names the source writes as places ("à Toulouse"): described by nothing
        self._compiled: tuple[tuple[str, ...], re.Pattern[str]] | None = None
        # The last sentence's descriptions, kept for its claims and its learning: (key, found).
        self._sentence: tuple[tuple[str, tuple[EntityMention, ...]], list[_Description]] | None = None

    def forget(self) -> None:
        """Forget what was learned: a new section or list item describes its own things."""
        self.named.clear()

    def learn(self, text: str, mentions: list[EntityMention]) -> None:
        """Learn the nouns a sentence describes its names with."""
        learned: dict[str, tuple[bool, str]] = {}  # head -> (said in an apposition, name)
        for head, apposed, _, mention in self._descriptions(text, mentions):
            # "Zorbix Labs, a Vardel biotech": the biotech is Zorbix Labs, not Vardel.
            if not learned.get(head, (False, ""))[0] or apposed:
                learned[head] = (apposed, mention.name)
        self.named.update((head, name) for head, (_, name) in learned.items())

    def _descriptions(self, text: str, mentions: list[EntityMention]) -> list[_Description]:
        """(head noun, whether apposed, where the description ends, the name it describes) for
        the descriptions a sentence gives its names, worked out once per sentence and mentions.
        A name written right before another is the complement of the noun before it, which
        describes the second: "le club de Ligue 1 AS Zorbix" is a club, AS Zorbix."""
        key = (text, tuple(mentions))
        if self._sentence is not None and self._sentence[0] == key:
            return self._sentence[1]
        found: list[_Description] = []
        for index, mention in enumerate(mentions):
            if not self._describable(mention):
                continue
            described = mention
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following is not None and following.start > mention.end:
                described = mention if text[mention.end : following.start].strip() else following
            found.extend((head, apposed, end, described) for head, apposed, end in self._heads(text, mention))
        self._sentence = (key, found)
        return found

    def _describable(self, mention: EntityMention) -> bool:
        """Whether a mention is a name a noun may describe: "the Paris summit" is not Paris."""
        return (
            mention.role in ("subject", "listed")
            and mention.name not in self.places
            and self.knowledge.entities.kind_of(mention.name) != "place"
        )

    def referent(self, text: str, start: int, mentions: list[EntityMention], clause: int = 0) -> str:
        """The name a definite reference stands for when one opens the figure's clause part
        before ``start`` ("The farm, 14 miles off the coast, will use 50 turbines") with no
        name between them; else ""."""
        # (where the reference starts, whether its sentence describes the name, the reference, the name)
        found: list[tuple[int, bool, re.Match[str], str]] = []
        if self.named:
            for match in self._references().finditer(text, clause, start):
                name = self._stands_for(match.group(1))
                if name:
                    found.append((match.start(), False, match, name))
        # "Orbitex agreed to buy the club AS Zorbix, valuing the club at ...": described in
        # the sentence itself, before the reference.
        for head, _, end, described in self._descriptions(text, mentions):
            # The reference comes after the description ("the club AS Zorbix ... the club").
            for match in self._reference_to(head).finditer(text, max(clause, end), start):
                found.append((match.start(), True, match, described.name))
        if not found:
            return ""
        _, _, reference, name = max(found, key=lambda f: (f[0], f[1]))
        if any(m.subject and reference.end() <= m.start and m.end <= start for m in mentions):
            return ""  # "the farm Orbitex built raised ...": the name between is the subject
        return name

    def _reference_to(self, head: str) -> re.Pattern[str]:
        """A definite reference to one noun ("the club"), built once per language and noun."""
        return self.lexicon.compiled(
            f"reference to {head}", lambda _: re.compile(rf"{self._reference_opening()}({re.escape(head)})(?!\w)")
        )

    def opening_referent(self, text: str, at: int) -> str:
        """The name a definite reference opening the clause at ``at`` stands for, else ""."""
        match = self._references().match(text, at) if self.named else None
        return self._stands_for(match.group(1)) if match else ""

    def _stands_for(self, noun: str) -> str:
        """The name a reference's noun stands for: the one it described last; for a word of an
        undertaking ("the project", "le programme"), of the names described so far whatever
        their noun, the one the source names most: the story's own."""
        lowered = noun.lower()
        if lowered in self.named:
            return self.named[lowered]
        if lowered not in self.lexicon.grammar.project_references or not self.named:
            return ""
        described = list(dict.fromkeys(self.named.values()))  # in the order they were described
        return max(described, key=lambda name: (self.mentioned[name], -described.index(name)))

    def _heads(self, text: str, mention: EntityMention) -> list[tuple[str, bool, int]]:
        """The head nouns a sentence gives a name: in a noun phrase built on it ("the Trégor
        Large wind farm", "la ligne nouvelle Garonne-Aude", "investment firm Orbitex") or in an
        apposition after its comma ("Zorbix, a Vardel biotech founded in 2011"), each with
        whether it was apposed and where its description ends."""
        heads: list[tuple[str, int, bool]] = []  # (noun, where its description ends, apposed)
        if self.lexicon.function_words.head_last:
            if self._determined(text, mention.start):
                heads.append((*self._last_noun(text, mention.end), False))
            if mention.role == "subject":
                # "French lender Banque Zentra", "investment firm Orbitex": the noun right
                # before; not in a list of names ("investors such as A and the bank B").
                heads.append((self._classifier(text, mention.start), mention.end, False))
        else:
            heads.append((self._noun_before(text, mention.start), mention.end, False))
        apposition = self._apposition().match(text, mention.end)
        if apposition and not in_opening_phrase(text, mention.start, self.lexicon):
            heads.append((*self._apposition_noun(text, apposition.end()), True))
        return [(head, apposed, end) for head, end, apposed in heads if head]

    def _determined(self, text: str, start: int) -> bool:
        """Whether an article opens the noun phrase a name stands in, a few words before it
        ("the 750-megawatt Trégor Large wind farm")."""
        return self._phrase_opening().search(text, max(0, start - 60), start) is not None

    def _last_noun(self, text: str, end: int) -> tuple[str, int]:
        """The last of the lower-case words right after ``end``, before a word that ends the
        phrase ("wind farm off Brittany": farm), and where it ends."""
        head = ""
        for _ in range(DESCRIPTION_WORDS):
            match = _LOWER_WORD.match(text, end)
            if match is None or not self._content_word(match.group(1)):
                break
            head, end = match.group(1), match.end()
        return (head.lower() if head and self._noun_like(head) else ""), end

    def _classifier(self, text: str, start: int) -> str:
        """The noun of an organisation's kind written right before a name, with no article
        between ("French club AS Zorbix", "investment firm Orbitex"): what the name is."""
        match = _WORD_BEFORE.search(text, max(0, start - 40), start)
        # Only a word of an organisation's kind: before a name, most other words are verbs.
        return match.group(1).lower() if match and match.group(1) in self._reference_nouns() else ""

    def _noun_before(self, text: str, start: int) -> str:
        """The noun an article opens before a name, a few lower-case words between ("le parc
        éolien en mer de Trégor Large", "la ligne nouvelle Garonne-Aude")."""
        pattern = self._noun_phrase_before()
        # The nearest article's noun: "le comité de la ligne nouvelle Zorbix" describes a line.
        for word in reversed(list(_WORD_START.finditer(text, max(0, start - 80), start))):
            match = pattern.match(text, word.start(), start)
            if match:
                return match.group(1).lower() if self._noun_like(match.group(1)) else ""
        return ""

    def _apposition_noun(self, text: str, at: int) -> tuple[str, int]:
        """The noun of an apposition whose article ends at ``at``: its first word where the head
        comes first ("une start-up lyonnaise"), else the last of its lower-case words, past
        capitalised attributes ("the Lyon biotech founded in 2011": biotech); and where it ends."""
        head, end = "", at
        for _ in range(DESCRIPTION_WORDS):
            match = _NEXT_WORD.match(text, at)
            if match is None:
                break
            word = match.group(1)
            if word.islower():
                if not self._content_word(word):
                    break
                head, end = word, match.end()
                if not self.lexicon.function_words.head_last:
                    break
            elif head or not self.lexicon.function_words.head_last:
                break
            at = match.end()
        return (head.lower() if head and self._noun_like(head) else ""), end

    def _content_word(self, word: str) -> bool:
        """Whether a lower-case word may stand in a description: no function word, no
        participle ("founded"), long enough."""
        lowered = word.lower()
        return (
            word.islower()
            and len(lowered) >= MIN_HEAD_CHARS
            and lowered not in self.lexicon.function_words.stop
            and not lowered.endswith(tuple(self.lexicon.grammar.participle_suffixes))
        )

    def _noun_like(self, word: str) -> bool:
        """Whether a word may be a description's noun: a content word that names no quantity
        ("the investment") and no place's ("la région Occitanie"), both read elsewhere. A noun
        that is counted elsewhere may ("la ligne nouvelle Garonne-Aude": "la ligne")."""
        lowered = word.lower()
        return (
            self._content_word(word)
            and lowered not in self.lexicon.keyword_words(counted=False)
            and lowered not in self.lexicon.grammar.settlement_nouns
        )

    def _reference_nouns(self) -> frozenset[str]:
        return self.lexicon.compiled(
            "organisation reference nouns",
            lambda lex: frozenset(re.split(r"[\s'’]", p)[-1].lower() for p in lex.grammar.organisation_references),
        )

    def _references(self) -> re.Pattern[str]:
        """A definite article, up to three words, then a learned noun (group 1); built again
        only when the nouns learned change."""
        heads = tuple(sorted({*self.named, *self.lexicon.grammar.project_references}))
        if self._compiled is None or self._compiled[0] != heads:
            # The noun as the source wrote it, in lower case: "le Centre européen" is a name.
            pattern = re.compile(rf"{self._reference_opening()}({alternation(heads)})(?!\w)")
            self._compiled = (heads, pattern)
        return self._compiled[1]

    def _reference_opening(self) -> str:
        """A definite article and up to three modifiers, none a function word ("les promoteurs
        du projet" speaks of promoters), as a regex: built once per language."""

        def opening(lex: Lexicon) -> str:
            articles = spaced_articles(lex.grammar.definite_articles)
            stop = trie_words(sorted(lex.function_words.stop), True) or "(?!)"
            modifier = rf"(?!(?i:{stop})[ \u00a0])(?:[^\s,;:.()]+[ \u00a0]+|\([^()]{{1,20}}\)[ \u00a0]+)"
            return rf"(?<!\w)(?i:{articles}){modifier}{{0,3}}?"

        return self.lexicon.compiled("reference opening", opening)

    def _phrase_opening(self) -> re.Pattern[str]:
        """An article and up to three words up to the end of the text searched."""
        return self.lexicon.compiled(
            "description opening",
            lambda lex: re.compile(
                rf"(?<!\w)(?:{spaced_articles(lex.grammar.apposition_articles)})(?:[^\s,;:.()]+[ \u00a0]+){{0,3}}$",
                re.I,
            ),
        )

    def _noun_phrase_before(self) -> re.Pattern[str]:
        """An article, its noun (group 1) and a few lower-case words up to the end of the text searched."""
        return self.lexicon.compiled(
            "description before a name",
            lambda lex: re.compile(
                rf"(?<!\w)(?i:{spaced_articles(lex.grammar.apposition_articles)})([^\W\d_][\w\-]*)"
                rf"(?:[ \u00a0]+(?=[^\W\d_])(?![{UPPER}])[\w\-’']+){{0,{DESCRIPTION_WORDS}}}[ \u00a0]+$"
            ),
        )

    def _apposition(self) -> re.Pattern[str]:
        """A comma and an article."""
        return self.lexicon.compiled(
            "description apposition",
            lambda lex: re.compile(rf",[ \u00a0]+(?:{spaced_articles(lex.grammar.apposition_articles)})", re.I),
        )
