"""How common a word is (wordfreq's Zipf scale), remembered between runs.

Importing wordfreq and loading a language's list costs about a fifth of a second; the few
hundred words a corpus asks about are kept in the user's cache (:mod:`claimdiff.cache`),
named by wordfreq's version, and wordfreq is imported only for a word not asked before.
"""

from __future__ import annotations

from functools import cache

from claimdiff.cache import AnswerTable


@cache
def _answers() -> AnswerTable:
    from importlib.metadata import version  # here: importing it costs a command 20 ms

    return AnswerTable("wordfreq", "zipf 1", version("wordfreq"))


def zipf_frequency(word: str, lang: str, wordlist: str = "small") -> float:
    """wordfreq's ``zipf_frequency``, the same number, from the cache when it was asked before.

    >>> zipf_frequency("the", "en") > 7, zipf_frequency("qwzxv", "en")
    (True, 0.0)
    """

    def ask() -> float:
        from wordfreq import zipf_frequency as computed

        return float(computed(word, lang, wordlist=wordlist))

    return float(_answers().answer(f"{lang}:{wordlist}:{word}", ask))
