"""The extract stage's fast paths give the answers of their slow twins.

Timings are not tested here (``benchmarks/speed.py`` prints them); what is tested is that each
shortcut is exact: words passed over by the number-word reader, the sentence-level checks
before the rank and date scans, and the trie regexes against the plain alternations.
"""

from __future__ import annotations

import re
from datetime import date
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import dates
from claimdiff.extract import figures, ranks_and_dates
from claimdiff.extract.patterns import _patterns, patterns_of, plain_words, trie_words
from claimdiff.lexicon import Lexicon
from claimdiff.numbers import WORD_RE

from .conftest import KNOWLEDGE, SEEDS

LANGUAGES = ("en", "fr", "de")


def _vocabulary(lex: Lexicon) -> list[list[str]]:
    """Every kind of word the readers look at, kind by kind, and ordinary words around them."""
    numbers = lex.numbers
    kinds = [
        [*numbers.cardinals, *numbers.hundreds],
        [*numbers.scales],
        [*numbers.fractions],
        [*numbers.articles, *numbers.connectors, *lex.grammar.count_links],
        [*numbers.multipliers, *numbers.approximate, *numbers.vague],
        [*numbers.ordinals, *numbers.rank_context, *lex.grammar.ranking.editions],
        [*lex.time.months, "2024", "3,5", "12"],
        ["people", "Euro", "raised", "of", "de", "x", "someone", "often", "weight"],
    ]
    return [sorted(set(kind)) for kind in kinds if kind]


VOCABULARY = {code: _vocabulary(KNOWLEDGE.lexicon(code)) for code in LANGUAGES}


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, str]:
    """(language, sentence) of words drawn from the readers' vocabulary, some hyphenated or glued.

    A few words of a few kinds are drawn again and again, so that each meets the others ("a"
    before "billion", "deux milliards et demi")."""
    code = draw(st.sampled_from(LANGUAGES))
    kinds = draw(st.lists(st.sampled_from(VOCABULARY[code]), min_size=1, max_size=4))
    few = [draw(st.sampled_from(kind)) for kind in kinds]
    words = draw(st.lists(st.sampled_from(few), min_size=1, max_size=8))
    joins = draw(st.lists(st.sampled_from([" ", " ", " ", "-", "", ", ", " et ", "\u00a0"]), min_size=len(words)))
    text = "".join(w + j for w, j in zip(words, joins, strict=False)).strip()
    if draw(st.booleans()):
        text = text.capitalize()
    return code, text


# Figures in words of every shape the reader knows, in the three languages.
WORD_FIGURES = [
    ("en", "a billion euros and a quarter million"),
    ("en", "two-thirds of the six-mile road, half a billion, two and a half miles"),
    ("en", "tenfold, tens of millions, one hundred and nine billion, twenty-one"),
    ("fr", "une vingtaine de sites, deux milliards et demi, cent neuf milliards"),
    ("fr", "quatre-vingt-dix, des centaines de milliers, un tiers, d'un gigawatt"),
    ("de", "fünfundzwanzig Millionen, Hunderte Millionen Euro, eine Milliarde, zwei Drittel"),
    ("en", "İzmir raised two billion, ΑΣ'Β one hundred and nine ΟΔΟΣ"),  # lowered out of place
]


@pytest.mark.parametrize(("code", "text"), WORD_FIGURES, ids=[t[:24] for _, t in WORD_FIGURES])
def test_word_figures_are_read_with_the_shortcut(code: str, text: str) -> None:
    lex = KNOWLEDGE.lexicon(code)
    assert figures._word_candidates(text, lex) == _slow_word_candidates(text, lex) != []


def _every_word_opens(words: set[str], lexicon: object) -> set[str]:
    return words  # the slow twin: every word is tried


def _slow_word_candidates(text: str, lex: Lexicon) -> list[figures._Candidate]:
    """Every sentence split into words, every word tried, each lowered on its own."""

    def lowered_one_by_one(text: str, folded: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(0).lower()) for m in figures._NUMBER_WORD.finditer(text)]

    with (
        mock.patch.object(figures, "_openers", _every_word_opens),
        mock.patch.object(figures, "_may_hold_number_word", lambda folded, lexicon: True),
        mock.patch.object(figures, "_tokens", lowered_one_by_one),
    ):
        return figures._word_candidates(text, lex)


@settings(max_examples=300, deadline=None)
@given(sentences())
def test_word_candidates_pass_over_only_words_that_open_nothing(case: tuple[str, str]) -> None:
    code, text = case
    lex = KNOWLEDGE.lexicon(code)
    assert figures._word_candidates(text, lex) == _slow_word_candidates(text, lex)


def _ordinals_word_by_word(text: str, lex: Lexicon) -> list[tuple[int, int, int]]:
    """The rank words of a sentence as the loop finds them with no check before it."""
    p = patterns_of(lex)
    out = []
    for match in WORD_RE.finditer(text):
        word = match.group(0).lower()
        ranked = p.rank_context.search(text, match.end(), min(len(text), match.end() + 40))
        if word in lex.numbers.ordinals and (ranked or ranks_and_dates.edition_after(text, match.end(), lex)):
            out.append((match.start(), match.end(), lex.numbers.ordinals[word]))
    return out


@settings(max_examples=300, deadline=None)
@given(sentences())
def test_rank_words_are_found_as_word_by_word(case: tuple[str, str]) -> None:
    code, text = case
    lex = KNOWLEDGE.lexicon(code)
    found = ranks_and_dates._ordinal_mentions(text, lex, patterns_of(lex), [])
    # Ranks in digits ("3RD") come from another pattern; those written in words are compared.
    in_words = [(m.start, m.end, int(m.figure.value)) for m in found if text[m.start].isalpha()]
    assert in_words == _ordinals_word_by_word(text, lex)


def _seed_sentences() -> list[str]:
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    return [line for line in lines if line.strip()]


# Sentences of the seeds and hand-made ones that touch the edges of the tables.
EDGE_SENTENCES = [
    "It raised $5bn, €1.9 billion and 30 USD million; 5 km, 12 MW and 3 GWh.",
    "Le fonds a levé 420 millions de dollars et 75 millions de $ en T3 2025.",
    "Die Firma sammelte 450 Mio. Euro ein, im dritten Quartal 2025, um 5 %.",
    "between 15 kHz and 17 kHz, from RM5bn to RM7bn, eight or nine euros",
    "EUR5bn, usd$ 20, c $ 5, 1/4 mile, 5 feet 2 inches, -1.3%, minus 130",
]


@pytest.mark.parametrize("code", LANGUAGES)
def test_trie_patterns_match_as_the_plain_alternations(code: str) -> None:
    lex = KNOWLEDGE.lexicon(code)
    fast, slow = _patterns(lex, trie_words), _patterns(lex, plain_words)
    texts = EDGE_SENTENCES + _seed_sentences()[:60]
    pairs = []
    for name in fast.__dataclass_fields__:
        quick, plain = getattr(fast, name), getattr(slow, name)
        if isinstance(quick, dict):  # a pattern per word ("cues")
            assert quick.keys() == plain.keys()
            pairs += [(f"{name}[{word}]", quick[word], plain[word]) for word in quick]
        else:
            pairs.append((name, quick, plain))
    for name, quick, plain in pairs:
        assert isinstance(quick, re.Pattern) and isinstance(plain, re.Pattern)
        for text in texts:
            for pos in range(len(text) + 1):
                one, two = quick.match(text, pos), plain.match(text, pos)
                assert (one and (one.span(), one.groups())) == (two and (two.span(), two.groups())), (name, text, pos)
            assert [m.span() for m in quick.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)


def _plain_trie(words: object, ignore_case: bool = True) -> str:
    from claimdiff.lexicon import alternation

    return alternation(words)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", LANGUAGES)
def test_date_patterns_and_the_year_check_change_no_time_found(code: str) -> None:
    lex = KNOWLEDGE.lexicon(code)
    texts = EDGE_SENTENCES + _seed_sentences()
    texts += ["In May 2024, since 2019 and by 2030 (2018-2022), T3 2025, Q1 2024.", "founded in May", "le 29 mars"]
    reference = date(2025, 3, 31)
    fast = [dates.find_times(t, lex, reference) for t in texts] + [dates.find_times(t, lex) for t in texts]
    plain = (dates._patterns(lex), dates._yearless_pattern(lex))
    with mock.patch.object(dates, "trie_words", _plain_trie), mock.patch.object(dates, "_A_YEAR", re.compile("")):
        slow_patterns = {
            "dates": dates._patterns(lex),
            "yearless dates": dates._yearless_pattern(lex),
            "relative years": dates._relative_pattern(lex),
            "time range links": dates._range_links(lex),
        }
        assert [p.pattern for p in slow_patterns["dates"]] != [p.pattern for p in plain[0]]
        with mock.patch.object(Lexicon, "compiled", lambda self, name, build: slow_patterns[name]):
            slow = [dates.find_times(t, lex, reference) for t in texts] + [dates.find_times(t, lex) for t in texts]
    assert fast == slow


def _fact_phrases(lex: Lexicon) -> list[str]:
    words = lex.facts
    cues = (p for ps in words.cues.values() for p in ps)
    return sorted({*cues, *words.organisation, *words.leaders, *words.founder_titles})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LANGUAGES), st.data())
def test_the_fact_phrase_trie_finds_a_phrase_where_the_alternation_does(code: str, data: st.DataObject) -> None:
    from claimdiff.facts import matchers

    lex = KNOWLEDGE.lexicon(code)
    phrases = _fact_phrases(lex)
    phrase = data.draw(st.sampled_from(phrases))
    cut = data.draw(st.integers(0, len(phrase)))
    before = data.draw(st.sampled_from(["", "Acme ", "l'", "x", "Acme, the ", "-", "2"]))
    after = data.draw(st.sampled_from(["", " of Acme", "s", ".", "-Acme", "\u00e9"]))
    written = data.draw(st.sampled_from([phrase, phrase.upper(), phrase.title(), phrase.replace(" ", "\n  ")]))
    for text in (before + written + after, before + written[:cut] + after, written[cut:] + after):
        match = matchers(lex)
        assert bool(match.any_phrase_trie.search(text)) == bool(match.any_phrase.search(text)), text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_fact_phrase_trie_rules_out_the_seed_sentences_the_alternation_does(code: str) -> None:
    from claimdiff.facts import matchers

    match = matchers(KNOWLEDGE.lexicon(code))
    for text in EDGE_SENTENCES + _seed_sentences():
        assert bool(match.any_phrase_trie.search(text)) == bool(match.any_phrase.search(text)), text


def test_a_claim_replaced_is_what_dataclasses_replace_gives() -> None:
    from dataclasses import replace

    from claimdiff.pipeline import analyse_source
    from claimdiff.sources import build_source

    path = sorted(SEEDS.glob("*.txt"))[0]
    claims = analyse_source(build_source(path.name, path.read_text("utf-8"), KNOWLEDGE), KNOWLEDGE)
    assert claims
    for claim in claims:
        changes = {"entity": "Acme", "metric": claim.metric + "x", "id": "c-0"}
        copy = claim.replaced(**changes)
        assert copy == replace(claim, **changes) and vars(copy) == vars(replace(claim, **changes))
        assert copy is not claim and copy.flags is claim.flags  # shallow, as replace is
    with pytest.raises(TypeError):
        claims[0].replaced(no_such_field=1)


def _no_sentence_skipped(sentence: str, lex: Lexicon) -> bool:
    return True  # the slow twin: every reader runs on every sentence


@settings(max_examples=300, deadline=None)
@given(sentences(), st.sampled_from(["", " ½ mile", " in May", " Acme rose", " 3RD", " first", " İzmir", " ΑΣ'Β"]))
def test_a_sentence_is_skipped_only_when_no_reader_finds_anything(case: tuple[str, str], tail: str) -> None:
    from claimdiff import extract

    code, text = case
    lex = KNOWLEDGE.lexicon(code)
    text += tail
    fast = extract.extract_mentions(text, lex)
    with mock.patch.object(extract, "_may_hold_figure", _no_sentence_skipped):
        slow = extract.extract_mentions(text, lex)
    assert fast == slow


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_seed_sentence_loses_a_claim_to_the_skip(code: str) -> None:
    from claimdiff import extract

    lex = KNOWLEDGE.lexicon(code)
    for text in EDGE_SENTENCES + _seed_sentences():
        for times in (None, dates.find_times(text, lex, date(2025, 3, 31))):
            fast = extract.extract_mentions(text, lex, times=times)
            with mock.patch.object(extract, "_may_hold_figure", _no_sentence_skipped):
                assert fast == extract.extract_mentions(text, lex, times=times), text


@pytest.mark.parametrize("code", LANGUAGES)
def test_name_role_patterns_as_tries_match_as_the_alternations(code: str) -> None:
    from claimdiff.lexicon import alternation
    from claimdiff.subjects import names

    lex = KNOWLEDGE.lexicon(code)
    fast = names._name_patterns(lex)
    with mock.patch.object(names, "trie_words", lambda words, ignore_case=False: alternation(words)):
        slow = names._name_patterns(lex)
    grammar = lex.grammar
    phrases = [*grammar.locatives, *grammar.attributions, *grammar.complements, *grammar.person_titles]
    texts = EDGE_SENTENCES + _seed_sentences() + [f"x {p} Acme, {p.upper()}\n Acme" for p in phrases]
    for name in ("locative", "ignored", "estimator_after", "title_before", "title_of_before", "title_after"):
        quick, plain = getattr(fast, name), getattr(slow, name)
        for text in texts:
            for cut in range(0, len(text) + 1, 3):
                for window in (text[max(0, cut - 30) : cut], text[cut : cut + 40]):
                    one, two = quick.search(window), plain.search(window)
                    assert (one and one.span()) == (two and two.span()), (name, window)


def _heading_by_letters(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 4 and sum(map(str.isupper, letters)) / len(letters) > 0.8


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aAbZ zÉéⅰⅠⓐⒶ1.-:ß", max_size=40))
def test_a_heading_is_told_as_by_counting_every_letter(line: str) -> None:
    from claimdiff.sources.sentences import _is_heading

    assert _is_heading(line) == _heading_by_letters(line)
    for edge in ("ABCDe", "ABCDEFGHIJKLMNOPQRSTu", "ABCDabcde", "AI SUMMIT 2025", "Le Sommet"):
        assert _is_heading(edge) == _heading_by_letters(edge), edge
