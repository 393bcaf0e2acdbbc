"""Whole words of a long list found in one pass over a text (Aho-Corasick, ``pyahocorasick``).

A regex alternation of a thousand names costs a tenth of a second to compile in every
process, and is tried name by name at each position. :class:`WordMatcher` builds an
Aho-Corasick automaton instead (a few milliseconds) and finds every listed word in one pass,
then keeps what the regex

    (?<![\\w<joiners>])(word|word|...)(?:['’]s)?(?![\\w<joiners>])

would match with ``re.finditer``: at the leftmost position, the longest word whose ends are
word boundaries (a possessive ``'s`` may follow), then on from its end. The equality is
tested against that regex (``tests/test_sources_speed.py``); a text whose lower case is not
one character per character (rare letters such as ``İ``) is searched with the regex itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

APOSTROPHES = "'’"


@dataclass(frozen=True)
class WordMatch:
    """A found word: the span of the match (possessive included) and the word as written."""

    start_offset: int
    end_offset: int
    word: str

    # The few methods of re.Match that callers use, so a matcher can stand in for a pattern.
    def start(self) -> int:
        return self.start_offset

    def end(self) -> int:
        return self.end_offset

    def group(self, index: int = 0) -> str:
        return self.word


class WordMatcher:
    """The words of a list, matched whole (see the module docstring for the exact rule).

    >>> matcher = WordMatcher(["France", "Île-de-France", "EU"], ignore_case=True, joiners="-‐")
    >>> [(m.start(), m.end(), m.group(1)) for m in matcher.finditer("In france's Île-de-France, eu-wide")]
    [(3, 11, 'france'), (12, 25, 'Île-de-France')]
    """

    def __init__(self, words: Iterable[str], ignore_case: bool = False, joiners: str = "") -> None:
        self.words = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
        self.ignore_case = ignore_case
        self.joiners = frozenset(joiners)
        # re folds case one character at a time; lower() may not (a word with "İ" needs the regex).
        self.folds_per_character = not ignore_case or all(len(w.lower()) == len(w) for w in self.words)

    @cached_property
    def _automaton(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in self.words:
            key = word.lower() if self.ignore_case else word
            if key and len(key) == len(word):
                automaton.add_word(key, len(key))
        automaton.make_automaton()
        return automaton

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        """The rule as a regex, for texts the automaton cannot search character for character."""
        from claimdiff.lexicon import trie_alternation

        joiners = re.escape("".join(sorted(self.joiners)))
        pattern = rf"(?<![\w{joiners}])({trie_alternation(self.words, self.ignore_case)})(?:['’]s)?(?![\w{joiners}])"
        return re.compile(pattern, re.IGNORECASE if self.ignore_case else 0)

    def finditer(self, text: str) -> Iterator[WordMatch]:
        if not self.words:
            return
        folded = text.lower() if self.ignore_case else text
        if len(folded) != len(text) or not self.folds_per_character:
            for match in self._regex.finditer(text):
                yield WordMatch(match.start(), match.end(), match.group(1))
            return
        yield from self._scan(text, folded)

    def _scan(self, text: str, folded: str) -> Iterator[WordMatch]:
        if not len(self._automaton):
            return
        lengths: dict[int, list[int]] = {}
        for last, length in self._automaton.iter(folded):
            start = last + 1 - length
            if not self._joined(text, start - 1):
                lengths.setdefault(start, []).append(length)
        resume = 0
        for start in sorted(lengths):
            if start < resume:
                continue
            end = self._longest_fit(text, start, sorted(lengths[start], reverse=True))
            if end is not None:
                yield WordMatch(start, end[1], text[start : end[0]])
                resume = end[1]

    def _longest_fit(self, text: str, start: int, lengths: list[int]) -> tuple[int, int] | None:
        """(end of the word, end of the match) of the longest word ending at a boundary."""
        for length in lengths:
            end = start + length
            if self._possessive(text, end) and not self._joined(text, end + 2):
                return end, end + 2
            if not self._joined(text, end):
                return end, end
        return None

    def _possessive(self, text: str, end: int) -> bool:
        if end + 1 >= len(text) or text[end] not in APOSTROPHES:
            return False
        return text[end + 1] == "s" or (self.ignore_case and text[end + 1] in "sSſ")

    def _joined(self, text: str, index: int) -> bool:
        """Whether the character at ``index`` (if any) joins a word: a word character or a joiner."""
        if not 0 <= index < len(text):
            return False
        char = text[index]
        return char.isalnum() or char == "_" or char in self.joiners


class Substrings:
    """Whether a text holds any of a list of strings, in one Aho-Corasick pass: the quick test
    before a loop over every word of a sentence, for the words that can hold one of them.

    >>> Substrings(["million", "ten"]).found_in("often"), Substrings(["million"]).found_in("a day")
    (True, False)
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = tuple(sorted({s for s in strings if s}))

    @cached_property
    def _automaton(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for string in self.strings:
            automaton.add_word(string, len(string))
        automaton.make_automaton()
        return automaton

    def found_in(self, text: str) -> bool:
        if not self.strings:
            return False
        return next(self._automaton.iter(text), None) is not None
