"""The metric a figure states, from the keywords that govern it (``data/<lang>/metrics.toml``).

Money takes the nearest money keyword ("raised" -> funds raised), else "amount"; counts are
"count of <noun>"; dates take their event ("launch date") and, as topic, what the event
concerns ("a national AI strategy" -> "national AI strategy"); ranks the ranking they are a
place in; other figures the nearest keyword, else the metric of their unit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff.extract import edition_after
from claimdiff.lexicon import Knowledge, Lexicon, alternation, trie_alternation
from claimdiff.model import EARLIER, EARLIER_VALUE, POSSIBLE, Claim
from claimdiff.subjects.binding import nearest_event
from claimdiff.subjects.names import weekdays

if TYPE_CHECKING:
    import snowballstemmer  # imported where stemmers are made: a command that makes none saves 15 ms

# The metric of an ordinal before a recurring event ("the fifth Acme Forum Summit").
EDITION = "edition number"


def choose_metric(
    text: str, start: int, end: int, claim: Claim, lexicon: Lexicon, knowledge: Knowledge, parallel: str = ""
) -> tuple[str, str]:
    """(metric, topic) of a claim from the keywords nearest its figure; a hedge before it ("may
    have died", "pourrait atteindre") marks the metric "(possible)": a forecast or an estimate
    of what might be is not the same figure as what is. ``parallel`` is the metric of the
    percentage before it in its sentence, which a percentage no keyword governs measures too
    when it closes its clause ("3 % de la demande mondiale, tandis qu'à Vardenholm, elle
    grimpe à 9 %."; the caller decides)."""
    metric, topic = _metric(text, start, end, claim, lexicon, knowledge, parallel.removesuffix(POSSIBLE))
    if metric and EARLIER_VALUE in claim.flags:
        metric += EARLIER
    if metric and claim.kind != "date" and _hedged(text, start, end, lexicon):
        metric += POSSIBLE
    return metric, topic


def _metric(
    text: str, start: int, end: int, claim: Claim, lexicon: Lexicon, knowledge: Knowledge, parallel: str
) -> tuple[str, str]:
    words = lexicon.metrics

    measured = "percent" if claim.kind == "percent" else _unit_metric(claim, lexicon)

    def fits(metric: str) -> bool:
        # "production" near "10-15 years" does not govern it (data/common/measures.toml).
        units = knowledge.measures.get(metric)
        return claim.kind not in ("quantity", "percent") or units is None or measured in units

    def nearest(name: str, table: dict[str, str], low: int, high: int, reach: int, any_unit: bool = False) -> str:
        keywords, stems = _keywords(lexicon, name, table), _stems(lexicon, name, table)
        return _nearest(text, low, high, table, reach, keywords, stems, (lambda _: True) if any_unit else fits)

    topic = nearest("topics", words.topics, start, end, 120)
    if claim.kind == "money":
        metric = nearest("money", words.money, start, end, 80) or nearest(
            "money", words.money, max(0, start - 250), start, 250
        )
        if not metric and knowledge.entities.kind_of(claim.entity) == "programme":
            metric = "budget"  # an amount attached to a programme is what it is funded with
        return metric or "amount", topic
    if claim.kind == "count":
        # "2,140 people died": the predicate says what the count measures (a death toll).
        # The counted noun itself may say it ("2,140 deaths", "1 482 morts"), before any
        # word around it ("missing" in the next clause).
        counted = words.counts.get(claim.noun.lower())
        if not counted and words.nouns.get(claim.noun.lower()) == "person":
            # Words around a count of people say what it measures; "three bridges" near "a
            # town of 40,000" is no population.
            counted = nearest("counts", words.counts, start, end, 60)
        if counted:
            return counted, topic
        written = _classified(text, end, lexicon) if claim.noun.lower() in words.classifiers else claim.noun
        noun = words.nouns.get(written.lower()) or singular(written.lower(), lexicon.grammar.singular_endings)
        return f"count of {noun}", topic
    if claim.kind == "date":
        return claim.event or "date", event_topic(text, start, end, lexicon) or topic
    if claim.kind == "rank":
        if edition_after(text, end, lexicon):
            return EDITION, topic
        return _ranking(text, end, lexicon), topic
    # Topics narrow what money pays for ("research", "infrastructure"); a quantity's unit and
    # metric already say what it measures, and a topic word near it ("electricity", "data
    # centres") would only split one figure into two subjects.
    topic = ""
    keyword = nearest("other", words.other, start, end, 60)
    if claim.kind == "percent":
        change = _change(text, start, end, lexicon) if keyword in ("", GROWTH_RATE) else None
        if change is not None:
            # "Revenue rose 23%", "a 59% rise in net profit": the growth of the measure named on
            # the change word's side ("chiffre d'affaires en progression de 23 %, résultat net
            # de 298 M€" is revenue's growth).
            measures = _measure_words(lexicon)
            anchor = change[0] if change[0] < start else change[1]
            grew = _nearest(
                text,
                anchor,
                anchor,
                measures,
                80,
                _keywords(lexicon, "growth", measures),
                _stems(lexicon, "growth", measures),
                lambda metric: metric not in (GROWTH_RATE, "share"),
                side=-1 if change[0] < start else 1,
            )
            if grew:
                return f"growth of {grew}", topic
            if not keyword and not parallel:
                # "The stock has gained about 28%": a change of something no measure word
                # names is a growth, never a share of a whole ("41 % des patients").
                return GROWTH_RATE, topic
        return keyword or parallel or "share", topic
    if "magnitude" in claim.flags:
        return "magnitude", topic
    if "multiplier" in claim.flags:
        # "revenue tripled", "la consommation multipliée par 3,7": the factor of what grew.
        # A factor has no unit: any measure's word may govern it.
        grew = nearest("growth", _measure_words(lexicon), start, end, 60, any_unit=True)
        return (f"factor of {grew}" if grew else "factor"), topic
    if not keyword and _unit_metric(claim, lexicon) == "duration":
        return "", topic  # a bare duration ("over five years") qualifies something else
    return keyword or _unit_metric(claim, lexicon), topic


GROWTH_RATE = "growth rate"


def singular(noun: str, endings: tuple[str, ...]) -> str:
    """A plural noun's singular by the first of the language's ``singular_endings`` ("plural
    ending>singular ending") that ends it; the noun as it is if that leaves under two letters.

    >>> [singular(w, ("ies>y", "ss>ss", "us>us", "s>")) for w in ("countries", "business", "bus", "sites", "GPU")]
    ['country', 'business', 'bus', 'site', 'GPU']
    """
    for rule in endings:
        ending, _, replacement = rule.partition(">")
        if noun.endswith(ending):
            stem = noun[: len(noun) - len(ending)] + replacement
            return stem if len(stem) >= 2 else noun
    return noun


def _measure_words(lexicon: Lexicon) -> dict[str, str]:
    """Every keyword of money and of other measures, with its metric: what a growth or a factor
    is of ("revenue tripled", "consumption rose 5%"). Merged once per lexicon."""
    return lexicon.compiled("measure words", lambda lex: {**lex.metrics.money, **lex.metrics.other})


def _change(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Where a word of change stands right before a percentage ("rose 23%", "en hausse de 32
    %") or right after it ("a 59% rise"), else None."""
    before, after = lexicon.compiled("changes", _change_patterns)
    found = before.search(text, max(0, start - 30), start) or after.match(text, end, end + 20)
    return found.span(1) if found else None


def _change_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = trie_alternation(lexicon.metrics.changes, True) or "(?!)"
    # Maybe a short word between: "rose by 5%", "une hausse de 32 %", "stieg um 5 %".
    before = re.compile(rf"(?<!\w)({words})(?:\s+\w{{1,3}})?[\s\u00a0\u202f]*$", re.I)
    after = re.compile(rf"[\s\u00a0\u202f]*({words})(?!\w)", re.I)
    return before, after


def _classified(text: str, end: int, lexicon: Lexicon) -> str:
    """The noun a classifier counts: "4 200 exemplaires de ses puces" counts chips (the first
    content word after the classifier, past "of" and determiners); "" when none follows."""
    stop = lexicon.function_words.stop
    for word in re.findall(r"[^\W\d_][\w\-]*", text[end : end + 40])[:4]:
        if word.lower() not in stop:
            return word
    return ""


_HEDGE_BREAKS = re.compile(r"[.;:!?]|, (?:and|but|et|mais) ")


def _hedged(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a hedge word stands in the figure's clause, up to 60 characters before it or 25
    after it ("900 people may have died", "8 TWh si la demande bondit"), or an
    alternative in the few words right before it ("voire un spectaculaire 8 TWh"); what
    follows an alternative is the alternative's ("4 to 6 TWh, or even 8 TWh if it jumps")."""
    hedge, alternative = lexicon.compiled("hedges", _hedge_patterns)
    before = _HEDGE_BREAKS.split(text[max(0, start - 60) : start])[-1]
    after = alternative.split(_HEDGE_BREAKS.split(text[end : end + 25])[0])[0]
    last_words = " ".join(re.findall(r"\w+", before)[-4:])
    return any(
        found is not None for found in (hedge.search(before), hedge.search(after), alternative.search(last_words))
    )


def _hedge_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a hedge word, an alternative offering a higher figure), as trie regexes."""
    grammar = lexicon.grammar
    hedge = re.compile(rf"(?<!\w)(?:{trie_alternation(grammar.hedges, True) or '(?!)'})(?!\w)", re.I)
    alternative = re.compile(rf"(?<!\w)(?:{trie_alternation(grammar.alternatives, True) or '(?!)'})(?!\w)", re.I)
    return hedge, alternative


def _unit_metric(claim: Claim, lexicon: Lexicon) -> str:
    """What a figure in this unit measures: the unit's own metric (watt_hour is energy, not the
    power of watt; FLOP / second is computing power), else "rate" for a unit per another."""
    metrics = lexicon.compiled(
        "unit metrics", lambda lex: {e.canonical: e.metric for e in reversed(lex.units.surfaces)}
    )
    if claim.unit in metrics:
        return metrics[claim.unit]
    return "rate" if " / " in claim.unit else "quantity"


def _nearest(
    text: str,
    start: int,
    end: int,
    table: dict[str, str],
    reach: int,
    pattern: re.Pattern[str],
    stems: _Stems,
    fits: Callable[[str], bool] = lambda _: True,
    side: int = 0,
) -> str:
    """The metric of the keyword nearest ``text[start:end]`` within ``reach``: a keyword as
    listed, or any word of the same stem ("consommaient" for "consommé"); with ``side`` -1
    only before it, 1 only after it."""
    best: tuple[tuple[bool, int], str] | None = None
    low = max(0, start - reach) if side <= 0 else end
    high = min(len(text), end + reach) if side >= 0 else start
    found = [(m.start(), m.end(), table[m.group(m.lastgroup or 0).lower()]) for m in pattern.finditer(text, low, high)]
    if stems.stemmer is not None:
        for word in _WORD.finditer(text, low, high):
            lowered = word.group(0).lower()
            if lowered[:MIN_STEM] not in stems.prefixes:
                continue  # no stem of the table starts as this word does: nothing to stem
            stem = _stem(stems.stemmer, lowered)
            metric = stems.metrics.get(stem)
            # A word that is its own stem is another word than the keyword ("product" is not
            # "production"); an inflection is longer than its stem ("consommaient").
            if metric and len(lowered) > len(stem):
                found.append((word.start(), word.end(), metric))
    # A keyword that opens a later clause with a figure of its own comes last: it is that
    # figure's, unless no other keyword is near.
    for first, last, metric in found:
        if (first < end and start < last) or not fits(metric):
            continue
        distance = start - last if last <= start else first - end
        rank = (_governs_the_next(text, end, first, last), distance)
        if best is None or rank < best[0]:
            best = (rank, metric)
    return best[1] if best else ""


def _governs_the_next(text: str, end: int, first: int, last: int) -> bool:
    """Whether a keyword after the figure is another figure's: one stands between them, or the
    keyword opens a clause with a figure of its own ("... auf 2,84 Milliarden Euro, der
    Nettogewinn lag bei 298 Millionen Euro")."""
    if first < end:
        return False
    if _DIGIT.search(text, end, first):
        return True
    return bool(_CLAUSE_BREAK.search(text, end, first)) and bool(_DIGIT.search(text, last, last + 40))


_CLAUSE_BREAK = re.compile(r"[,;]")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
# Stems shorter than this match too many other words ("don" of "dons" is also "donner").
MIN_STEM = 5


@dataclass(frozen=True)
class _Stems:
    """The stems of a keyword table's one-word keywords with their metric, the first MIN_STEM
    letters of each (so most words are ruled out without stemming), and the stemmer."""

    metrics: dict[str, str]
    prefixes: frozenset[str]
    stemmer: snowballstemmer.stemmer | None


def _stems(lexicon: Lexicon, name: str, table: dict[str, str]) -> _Stems:
    """The stems of a keyword table (a stem shared by two metrics is left out); none where
    Snowball has no stemmer for the language."""

    def build(lex: Lexicon) -> _Stems:
        stemmer = stemmer_for(lex.code)
        if stemmer is None:
            return _Stems({}, frozenset(), None)
        by_stem: dict[str, str] = {}
        shared: set[str] = set()
        for word, metric in table.items():
            if " " in word or "'" in word or "’" in word:
                continue
            stem = _stem(stemmer, word)
            if len(stem) < MIN_STEM:
                continue
            if by_stem.setdefault(stem, metric) != metric:
                shared.add(stem)
        kept = {s: m for s, m in by_stem.items() if s not in shared}
        return _Stems(kept, frozenset(s[:MIN_STEM] for s in kept), stemmer)

    return lexicon.compiled(f"stems:{name}", build)


@functools.lru_cache(maxsize=65536)
def _stem(stemmer: snowballstemmer.stemmer, word: str) -> str:
    return str(stemmer.stemWord(word))


def stemmer_for(code: str) -> snowballstemmer.stemmer | None:
    """Snowball's stemmer for a language code, named as Snowball names it (CLDR's English
    name of the language: "fr" -> "french"), or None."""
    import snowballstemmer
    from babel import Locale

    name = (Locale.parse(code).english_name or "").lower()
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


# Where nouns are compounded (German), a keyword this long ends a compound it heads:
# "Jahreskapazität" is a capacity, "Konzernumsatz" a revenue.
COMPOUND_HEAD = 5


def _keywords(lexicon: Lexicon, name: str, table: dict[str, str]) -> re.Pattern[str]:
    """One pattern for a keyword table of a lexicon, built once; the keyword matched is its
    group ``keyword`` (or ``head``, the last part of a compound)."""

    def build(lex: Lexicon) -> re.Pattern[str]:
        # A trie (the same language as the plain alternation): each claim's window is scanned with it.
        plain = f"(?P<keyword>{trie_alternation(table, True)})" if table else "(?!)"
        heads = [w for w in table if len(w) >= COMPOUND_HEAD and " " not in w]
        # Only measures: money's heads are too often another thing's ("Eigenkapital" is equity).
        if lex.function_words.nouns_capitalised and heads and name == "other":
            plain += f"|[^\\W\\d_]{{2,}}?(?P<head>{trie_alternation(heads, True)})"
        return re.compile(rf"(?<!\w)(?:{plain})(?!\w)", re.I)

    return lexicon.compiled(f"keywords:{name}", build)


@dataclass(frozen=True)
class _RankingPatterns:
    ranking: re.Pattern[str]
    europe: re.Pattern[str]
    world: re.Pattern[str]
    not_rankings: frozenset[str]


def _ranking_patterns(lexicon: Lexicon) -> _RankingPatterns:
    words = lexicon.grammar.ranking
    articles = alternation(words.articles)
    prefixes = alternation(words.name_prefixes)
    prefix = rf"(?:(?:{prefixes})[ ])?" if words.name_prefixes else ""
    ranking = re.compile(
        rf"""(?:(?:{alternation(words.terms)})[ ](?:(?:{articles})[ ]?)?(?:(?:{alternation(words.number_of)})[ ])?
              (?P<terms>[\w\- ]{{3,60}}?)(?=[,.;\n]|$|[ ](?:at|in)[ ])
          | (?:{alternation(words.within)})[ ](?:(?:{articles})[ ]?)?
              (?P<name>{prefix}[A-Z][\w\-]*(?:[ ][A-Z0-9][\w\-]*)*)
          | (?:{alternation(words.for_)})[ ](?P<for>[\w\- ]{{3,40}}?)(?=[,.;\n]|$))""",
        re.VERBOSE,
    )
    return _RankingPatterns(
        ranking,
        re.compile(rf"\b(?:{alternation(words.europe_scope)})\b", re.I),
        re.compile(rf"\b(?:{alternation(words.world_scope)})\b", re.I),
        frozenset(w.lower() for w in words.not_rankings),
    )


def _ranking(text: str, end: int, lexicon: Lexicon) -> str:
    """Which ranking an ordinal is a place in ("3RD in the Stanford Global AI Vibrancy Ranking")."""
    patterns = lexicon.compiled("ranking", _ranking_patterns)
    window = " ".join(text[end : end + 120].split())
    scope = ""
    if patterns.europe.search(window[:40]):
        scope = " (Europe)"
    elif patterns.world.search(window[:40]):
        scope = " (world)"
    for match in patterns.ranking.finditer(window):
        name = match.group("terms") or match.group("name") or match.group("for")
        if name and name.lower() not in patterns.not_rankings and not re.fullmatch(r"\d{4}", name):
            return f"rank in {name.strip()}{scope}"
    return f"rank{scope}"


def event_topic(text: str, start: int, end: int, lexicon: Lexicon) -> str:
    """What a dated event concerns: the noun phrase after an active event word ("launched a
    national AI strategy in 2018"), or before a participle ("a national strategy initiated in
    2017"), in lower case, without articles; "" when the event word is alone."""
    event = nearest_event(text, start, end, lexicon)
    if event is None:
        return ""
    named = lexicon.metrics.topics.get(event.group(0).lower())
    if named:
        return named  # the event word names what it is ("a Series C round ... in 2023")
    after = re.findall(r"[^\W\d_][\w\-’']*|\S", text[event.end() : event.end() + 60])
    before = re.findall(r"[^\W\d_][\w\-’']*|\S", text[max(0, event.start() - 60) : event.start()])
    skip, timely = lexicon.compiled("event topic words", _topic_words)
    participles = lexicon.grammar.participle_suffixes
    phrase = _noun_phrase(after, skip, participles, timely)
    if not phrase or phrase[0][:1].isupper():
        phrase = list(reversed(_noun_phrase(list(reversed(before)), skip, participles, timely)))
    return " ".join(w.lower() for w in phrase if not w[:1].isupper() or w.isupper())


def _topic_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(function words skipped before a topic, time words that end it), built once."""
    # A connector ends a phrase ("initiated and driven by" has no object after the event word).
    timely = frozenset(lexicon.time.months) | frozenset(lexicon.time.seasons) | lexicon.numbers.connectors
    timely |= frozenset(day.lower() for day in weekdays(lexicon))
    return lexicon.function_words.stop - timely, timely


def _noun_phrase(
    tokens: list[str], stop: frozenset[str], participles: tuple[str, ...], timely: frozenset[str]
) -> list[str]:
    """The first run of up to four content words, after leading articles and function words;
    a participle, a time word or a connector ends it ("a strategy aimed at"), and a phrase that
    starts with one is none."""
    out: list[str] = []
    for token in tokens:
        lower = token.lower()
        if token.endswith(("'", "’")):
            continue  # an elided article ("l’")
        if not token[:1].isalpha() or lower in timely:
            break
        if lower in stop:
            if out:
                break
            continue
        if participles and lower.endswith(participles) and len(lower) > 4:
            break
        out.append(token)
        if len(out) == 4:
            break
    return out
