"""Figures in digits and words: table-driven cases and babel round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.numbers import parse_digits, words_value

from .conftest import KNOWLEDGE

DIGITS = [
    # (id, text, language, value, decimals, ambiguous?)
    ("en-thousands", "1,000", "en", "1000", 0, False),
    ("en-millions", "1,200,000", "en", "1200000", 0, False),
    ("en-decimal", "125.9", "en", "125.9", 1, False),
    ("en-comma-decimal-short", "21,3", "en", "21.3", 1, False),
    ("en-comma-decimal-4", "99,9995", "en", "99.9995", 4, False),
    ("en-grouped-decimal", "1,234.5", "en", "1234.5", 1, False),
    ("en-dot-three-digits", "1.500", "en", "1.500", 3, True),
    ("fr-decimal", "21,3", "fr", "21.3", 1, False),
    ("fr-comma-three-digits", "1,500", "fr", "1.500", 3, True),
    ("fr-dot-thousands", "1.500", "fr", "1500", 0, False),
    ("fr-nbsp", "1\u00a0200", "fr", "1200", 0, False),
    ("fr-narrow-nbsp-decimal", "1\u202f234\u202f567,5", "fr", "1234567.5", 1, False),
    ("fr-grouped-dots-decimal", "1.234,5", "fr", "1234.5", 1, False),
    ("leading-zero-decimal", "0,5", "en", "0.5", 1, False),
]


@pytest.mark.parametrize(
    ("text", "language", "value", "decimals", "ambiguous"),
    [row[1:] for row in DIGITS],
    ids=[row[0] for row in DIGITS],
)
def test_parse_digits(text: str, language: str, value: str, decimals: int, ambiguous: bool) -> None:
    figure = parse_digits(text, KNOWLEDGE.lexicon(language))
    assert figure.value == Decimal(value)
    assert figure.decimals == decimals
    assert bool(figure.ambiguous) is ambiguous


WORDS = [
    ("en-twenty", ["twenty"], "en", 20),
    ("en-compound", ["one", "hundred", "and", "nine", "billion"], "en", 109e9),
    ("en-hyphen", ["twenty-one"], "en", 21),
    ("en-a-billion", ["a", "billion"], "en", 1e9),
    ("en-thousands", ["forty", "thousand"], "en", 40000),
    ("fr-soixante", ["soixante"], "fr", 60),
    ("fr-soixante-dix", ["soixante-dix"], "fr", 70),
    ("fr-quatre-vingt-dix-sept", ["quatre-vingt-dix-sept"], "fr", 97),
    ("fr-vingt-et-un", ["vingt", "et", "un"], "fr", 21),
    ("fr-deux-cents-mille", ["deux", "cents", "mille"], "fr", 200000),
    ("fr-un-milliard", ["un", "milliard"], "fr", 1e9),
]


@pytest.mark.parametrize(("words", "language", "value"), [r[1:] for r in WORDS], ids=[r[0] for r in WORDS])
def test_words_value(words: list[str], language: str, value: float) -> None:
    assert words_value(words, KNOWLEDGE.lexicon(language).numbers) == value


@pytest.mark.parametrize(
    "words", [["and"], ["startups"], ["et"], []], ids=["connector", "noun", "fr-connector", "empty"]
)
def test_words_value_rejects_non_numbers(words: list[str]) -> None:
    assert words_value(words, KNOWLEDGE.lexicon("en").numbers) is None


@settings(max_examples=200, deadline=None)
@given(
    value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999"), places=2),
    locale=st.sampled_from(["en_US", "fr_FR"]),
)
def test_babel_formatted_numbers_round_trip(value: Decimal, locale: str) -> None:
    text = format_decimal(value, format="#,##0.00", locale=locale)
    figure = parse_digits(text, KNOWLEDGE.lexicon(locale[:2]))
    assert figure.value == value
