"""What a figure is a claim of: its kind, counted noun, qualifier, and ranges of two figures.

"1,000 AI startups" counts startups, "more than 3,000" is a lower bound, and "18 to 150+ ha" is
one range, not two claims.
"""

from __future__ import annotations

import re

from claimdiff.extract.figures import _Candidate
from claimdiff.extract.patterns import _Patterns, patterns_of
from claimdiff.extract.suffixes import _find_currency, _glued_word, _noun_follows, _read_suffixes, _Reading
from claimdiff.lexicon import CurrencySurface, FunctionWords, Grammar, Lexicon, alternation


def _range_partner(text: str, lex: Lexicon, reading: _Reading, nxt: _Candidate | None) -> _Reading | None:
    """The second figure of "18 to 150+ ha", "10-40 ms", "between 9 and 18 months", if any."""
    p = patterns_of(lex)
    connector = p.range_connector.match(text, reading.end)
    if nxt is None or not connector:
        return None
    joined = connector.end() in (nxt.start, _sign_start(text, nxt))
    if not joined and not _sign_again(text, reading, connector.end(), nxt):
        return None
    word = connector.group(0).strip().lower()
    window = text[max(0, reading.start - 30) : reading.start].rstrip("-−")  # "between -5 and -2"
    if word in lex.grammar.pair_connectors and not p.range_word.search(window):
        return None
    second = _read_suffixes(text, nxt, lex)
    if _glued_word(text, nxt, second) or not _compatible(reading, second):
        return None  # "0.6 % to 309,381 yen": two figures of different kinds, not a range
    return second


# "9.83 ± 0.01", "5 +/- 0.2 kg": a figure and its uncertainty.
_PLUS_MINUS = re.compile(r"[ \u00a0]*(?:±|\+/[-−]|\+[-−](?!\d))[ \u00a0]*")


def _uncertainty_partner(text: str, lex: Lexicon, reading: _Reading, nxt: _Candidate | None) -> _Reading | None:
    """The uncertainty of "9.83e-3 +/- 1e-5 km/s2" or "5 ± 0.2 kg", read with its unit, if any."""
    if nxt is None:
        return None
    sign = _PLUS_MINUS.match(text, reading.end) or _PLUS_MINUS.match(text, reading.end - 1)
    if sign is None or sign.end() != nxt.start:
        return None
    second = _read_suffixes(text, nxt, lex)
    if _glued_word(text, nxt, second) or not _compatible(reading, second):
        return None
    return second


def _sign_again(text: str, reading: _Reading, end: int, nxt: _Candidate) -> bool:
    """Whether the second figure, after a connector ending at ``end``, opens with the currency
    sign the first one opens with ("$40 to $60 billion", "€5-€10 million")."""
    sign = text[end : nxt.start]
    glued = 0 < len(sign) <= 4 and not any(c.isdigit() or c.isspace() for c in sign)  # "$", "US$", "€"
    return reading.sign_before and glued and text.startswith(sign, reading.start)


def _sign_start(text: str, nxt: _Candidate) -> int:
    """Where a second figure starts with its minus sign ("to -34"), or -1 when it has none."""
    return nxt.start - 1 if nxt.start > 0 and text[nxt.start - 1] in "-−" else -1


def _coordinated_partner(text: str, lex: Lexicon, reading: _Reading, nxt: _Candidate | None) -> _Reading | None:
    """The figure whose unit a bare one shares in "45 and 50 mg" (two claims, one unit).

    Only a pair connector ("and") with no range word before it, and only when the second
    figure has a currency, unit or percent of its own: "3 and 50 mg" is 3 mg and 50 mg.
    """
    p = patterns_of(lex)
    if nxt is None or not reading.bare:
        return None
    connector = p.range_connector.match(text, reading.end)
    if not connector or connector.end() != nxt.start:
        return None
    if connector.group(0).strip().lower() not in lex.grammar.pair_connectors:
        return None
    second = _read_suffixes(text, nxt, lex)
    if _glued_word(text, nxt, second) or second.bare:
        return None
    return second


def _kind_of_mention(
    text: str, lex: Lexicon, p: _Patterns, cand: _Candidate, reading: _Reading, flags: list[str]
) -> tuple[str | None, str, int]:
    """(kind, counted noun, end of the noun); multipliers ("by a factor of 3") and magnitudes
    ("a magnitude 6.2 earthquake") first."""
    window = text[max(0, reading.start - 40) : reading.start]
    magnitude = p.magnitude_before.search(window) if reading.bare else None
    # "une magnitude de 7,2": an article before the word is no magnitude of one.
    after = p.magnitude_after.match(text, reading.end) if reading.bare and not magnitude and not cand.weak else None
    if magnitude:
        flags.append("magnitude")
        _open_with(reading, window, magnitude)
        return "quantity", "", reading.end
    if after:
        flags.append("magnitude")
        reading.end = after.end()
        return "quantity", "", reading.end
    factor = p.factor_before.search(window)
    if cand.multiplier or (factor and reading.unit is None):
        flags.append("multiplier")
        if factor:
            _open_with(reading, window, factor)
        return "quantity", "", reading.end
    return _kind(text, lex, cand, reading)


def _open_with(reading: _Reading, window: str, phrase: re.Match[str]) -> None:
    """Open the claim's span at a phrase found in the ``window`` that ends at the figure
    ("by a factor of 3", "magnitude 6.2"); its pattern may have taken the character before it."""
    reading.start -= len(window) - phrase.start() - (0 if phrase.group(0)[0].isalpha() else 1)


def _qualify(
    text: str, lex: Lexicon, p: _Patterns, start: int, end: int, reading: _Reading, cand: _Candidate
) -> tuple[str, int, int]:
    """The qualifier written before or after a figure, and the claim's widened span."""
    qualifier = "exact"
    window = text[max(0, start - 40) : start]
    found = p.qualifier_before.search(window)
    phrase = found.group(1).lower() if found else ""
    spans_time = reading.unit is not None and reading.unit.metric == "duration"
    if found and not (spans_time and phrase in lex.qualifiers.spans):
        qualifier = lex.qualifiers.before[phrase]
        start -= len(window) - found.start(1)
    after = p.qualifier_after.match(text, end)
    if after and (reading.unit or reading.currency) and _noun_follows(text, after.end(), lex):
        after = None  # "€10 plus VAT", "20 minutes plus tôt": what follows is added or compared
    if reading.plus:
        qualifier = "at_least"
    elif qualifier == "exact" and after:
        qualifier = lex.qualifiers.after[after.group(1).lower()]
        end = after.end()
    if cand.approximate:
        qualifier = "approx"
    return qualifier, start, end


def _compatible(first: _Reading, second: _Reading) -> bool:
    """Whether two figures joined by "to" or "-" can be one range (same currency, unit or %)."""
    if first.bare:
        return True  # a bare first figure takes the second's unit
    same_money = (
        first.currency is not None and second.currency is not None and first.currency.code == second.currency.code
    )
    same_unit = first.unit is not None and second.unit is not None and first.unit.canonical == second.unit.canonical
    bare_second = second.bare
    # "rose 5% to 120": a bare figure after a percent is a level, not the top of a range.
    return same_money or same_unit or (first.percent and second.percent) or (bare_second and not first.percent)


def _inherit(reading: _Reading, second: _Reading, takes_scale: bool = True) -> None:
    """Give a bare first figure of a range the scale, currency and unit of the second; and one
    whose currency sign comes before it the scale written once after both ("$40-60 billion").
    ``takes_scale`` is false when the first figure is written whole ("500,000 to 1.2 million")."""
    if reading.bare:
        reading.currency, reading.unit, reading.per = second.currency, second.unit, second.per
        reading.substance, reading.percent = second.substance, second.percent
        if reading.scale == 1.0 and takes_scale:
            reading.scale = second.scale
    elif not takes_scale:
        return
    elif reading.sign_before and reading.scale == 1.0 and reading.currency is not None and second.unit is None:
        if second.currency is None or second.currency.code == reading.currency.code:  # "$40 to $60 billion"
            reading.scale = second.scale


def _is_year(text: str, lex: Lexicon, cand: _Candidate, reading: _Reading) -> bool:
    """Whether a figure is a year: four digits from 1900 to 2099 with no unit, unless a plural
    noun follows it and no preposition of time precedes it ("3400 pieux seront posés"
    counts piles; "en 2000 entreprises" and "in 2019 startups" are years)."""
    digits = text[cand.start : cand.end]
    year_like = (
        not cand.words
        and len(digits) == 4
        and digits.isascii()
        and digits.isdigit()  # "10¹⁸" is digits too, to Python
        and 1900 <= int(digits) <= 2099
        and reading.currency is None
        and reading.unit is None
        and not reading.percent
    )
    return year_like and not counts_a_noun(text, lex, cand.start, reading.end)


def counts_a_noun(text: str, lex: Lexicon, start: int, end: int) -> bool:
    """Whether the year-like figure at ``text[start:end]`` counts the plural noun after it,
    with no preposition of time before it."""
    before = re.findall(r"[^\W\d_][\w'’]*", text[max(0, start - 30) : start])
    timely = set(lex.grammar.period_prepositions) | set(lex.time.since) | set(lex.time.by)
    if before and (before[-1].lower() in timely or before[-1].lower() in lex.time.months or before[-1][:1].isupper()):
        return False  # "en 2000", "France 2030 plan"
    following = _NOUN_TOKEN.match(text, end)
    noun, _ = _counted_noun(text, lex, end, singular=False)
    return bool(noun) and following is not None and _is_plural(following.group(1), lex.function_words, lex.grammar)


def _kind(text: str, lex: Lexicon, cand: _Candidate, reading: _Reading) -> tuple[str | None, str, int]:
    if reading.currency is not None:
        return "money", "", reading.end
    if reading.percent or cand.fraction is not None:
        return "percent", "", reading.end
    if reading.unit is not None:
        return "quantity", "", reading.end
    singular = cand.figure.value <= 1
    # "sept millions de bicyclettes", "a million of them": after a scale word the noun comes
    # after "de" / "of", as after an approximation ("une vingtaine de structures").
    last_word = re.findall(r"[^\W\d_]+", text[cand.start : cand.end])[-1:] if cand.words else []
    scale_word = (reading.scale > 1 and text[reading.end - 1 : reading.end].isalpha()) or (
        bool(last_word) and last_word[0].lower() in lex.numbers.scales
    )
    noun, noun_end = _counted_noun(text, lex, reading.end, cand.approximate or scale_word, singular)
    if not noun:
        noun = _number_of(text, lex, cand.start) or _tally_before(text, lex, cand.start)
    if not noun:
        noun = _label_noun(text, lex, cand.start, reading.end)
    if not noun:
        noun, noun_end = _predicate_after(text, lex, reading.end)
    whole = float(cand.figure.value) * reading.scale  # "1.2 million people" counts whole people
    if noun and abs(whole - round(whole)) < 1e-6:
        return "count", noun, noun_end
    return None, "", reading.end


def _number_of(text: str, lex: Lexicon, start: int) -> str:
    """The noun of a "number of X" phrase before a bare figure, in its clause ("the number of
    piles needed ...: 1,700", "le nombre de start-up atteint 1 000")."""
    words = lex.grammar.ranking.number_of
    if not words:
        return ""
    pattern = lex.compiled(
        "number of",
        # "nombre d'éoliennes": an elided "de" runs into its noun.
        lambda lx: re.compile(rf"(?<!\w)(?:(?:{alternation(lx.grammar.ranking.number_of)})\s+|{_elided(lx)})", re.I),
    )
    window_start = max(0, start - 120)
    found = [m for m in pattern.finditer(text, window_start, start) if not re.search(r"[.;!?]", text[m.end() : start])]
    if not found:
        return ""
    last = found[-1]
    if last.group(0)[-1] in "'’":  # "nombre d'éoliennes": the elided link, then its noun
        noun, _ = _counted_noun(text, lex, text.rfind(" ", last.start(), last.end()), after_de=True)
    else:
        noun, _ = _counted_noun(text, lex, last.end() - 1)
    return noun


# A fact-sheet line up to its value: a short label, a colon, at most two words ("Customers
# affected: 1.4 million", "Excess deaths, 1-19 July: 1,180", "Clients concernés : environ").
_LABEL_BEFORE = re.compile(r"[ \t]*(?:[→•▪►\-–—*][ \t]*)?([^\W\d_][^:\n]{0,40}?)[ \t]*:[ \t]+(?:[^\s\d]+[ \t]+){0,2}$")
# What may follow a fact-sheet line's value: a bracket, then the line's end.
_VALUE_END = re.compile(r"[ \t]*(?:\([^()\n]{0,40}\))?[ \t.]*(?:\n|$)")


def _label_noun(text: str, lex: Lexicon, start: int, end: int) -> str:
    """The plural noun a fact-sheet line's label names when its value is a bare figure alone
    ("Customers affected: 1.4 million", "Excess deaths, 1-19 July: 1,180", "Clients concernés :
    1,4 million"): its last plural word before a comma or bracket where the language puts a
    head noun last, else its first ("Records stolen": records)."""
    line_start = text.rfind("\n", 0, start) + 1
    label = _LABEL_BEFORE.fullmatch(text, line_start, start)
    if label is None or not _VALUE_END.match(text, end):
        return ""
    words = re.findall(r"[^\W\d_][\w'’\-]*", re.split(r"[,(]", label.group(1))[0])
    stop = lex.function_words.stop
    plurals = [w for w in words if w.lower() not in stop and _is_plural(w, lex.function_words, lex.grammar)]
    if not plurals:
        return ""
    return (plurals[-1] if lex.function_words.head_last else plurals[0]).lower()  # "Records stolen": records


def _elided(lex: Lexicon) -> str:
    """The "number of" phrases ending in an elidable word, elided before a vowel ("nombre d'")."""
    phrases = [phrase for phrase in lex.grammar.ranking.number_of if phrase.endswith(" de")]
    elided = [phrase[:-1] + quote for phrase in phrases for quote in "'’"]
    return alternation(elided) or "(?!)"


def _tally_before(text: str, lex: Lexicon, start: int) -> str:
    """The noun a tally phrase before a bare figure counts, in its sentence ("the death toll in
    Vardenholm has climbed to 2,140": deaths; "le bilan s'élève à 1 482": morts)."""
    pattern, nouns = lex.compiled("tallies", _tallies)
    found = [
        m for m in pattern.finditer(text, max(0, start - 150), start) if not re.search(r"[.;!?]", text[m.end() : start])
    ]
    return nouns.get(found[-1].group(0).lower(), "") if found else ""


def _predicate_after(text: str, lex: Lexicon, end: int) -> tuple[str, int]:
    """The people a bare figure counts from the predicate right after it ("2,300 died": dead;
    "4 000 ont été déplacés": déplacés), and where the predicate ends; ("", end) if none."""
    pattern, nouns = lex.compiled("people predicates", _people_predicates)
    found = pattern.match(text, end)
    return (nouns[found.group(1).lower()], found.end()) if found else ("", end)


def _people_predicates(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """(the predicates of ``grammar.toml``, each in lower case -> the noun of those it counts)."""
    nouns = {
        phrase.lower(): noun for phrase, _, noun in (rule.partition(">") for rule in lex.grammar.people_predicates)
    }
    return re.compile(rf"[ \u00a0]+({alternation(nouns) or '(?!)'})(?!\w)", re.I), nouns


def _tallies(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """(the tally phrases of ``grammar.toml``, each phrase in lower case -> the noun it counts)."""
    nouns = {phrase.lower(): noun for phrase, _, noun in (rule.partition(">") for rule in lex.grammar.tallies)}
    return re.compile(rf"(?<!\w)(?:{alternation(nouns) or '(?!)'})(?!\w)", re.I), nouns


_GLUED_TOKEN = re.compile(r"[ \u00a0\n]*([^\W\d_][\w'’\-]*)")
_NOUN_TOKEN = re.compile(r"[ \u00a0\n]+([^\W\d_][\w'’\-]*)")


def _counted_noun(text: str, lex: Lexicon, pos: int, after_de: bool = False, singular: bool = True) -> tuple[str, int]:
    """The noun a figure counts ("1,000 AI startups" -> "startups"), and where it ends.

    ``after_de`` lets a linking word ("of", French "de") stand first ("une vingtaine de structures").
    """
    words = lex.function_words
    number_lexicon = lex.numbers
    months = lex.time.months
    cursor = pos
    de = patterns_of(lex).count_link.match(text, cursor) if after_de else None
    if de:
        cursor = de.end()
    tokens: list[tuple[str, int]] = []
    while len(tokens) < 4:
        # Right after an elided "d'" the noun follows with no space ("d'entreprises").
        match = (_GLUED_TOKEN if de and not tokens else _NOUN_TOKEN).match(text, cursor)
        if match is None:
            break
        word = match.group(1)
        lower = word.lower()
        if lower in words.stop or lower in months or number_lexicon.is_number_word(lower):
            break
        if patterns_of(lex).currency_glued.match(text, match.start(1)):
            break  # "3 USD50 cards": a code glued to a figure opens that figure, it is counted by none
        if tokens and "\n" in match.group(0) and word[:1].isupper():
            break  # a capitalised line after a break starts something new
        tokens.append((word, match.end()))
        cursor = match.end()
        if words.nouns_capitalised and word[:1].isupper():
            break  # every noun is capitalised: the first one ends the phrase ("300 neue Stellen")
    if words.nouns_capitalised and not (tokens and tokens[-1][0][:1].isupper()):
        return "", pos  # lower-case words alone are adjectives or verbs ("5 tritt in Kraft")
    compound = _known_compound(tokens, lex)
    if compound is not None:
        return compound  # "140 data centers", "5 centres de données": a noun of the metric tables
    if words.head_last:
        plural = [t for t in tokens if _is_plural(t[0], words, lex.grammar)]
        chosen = plural[-1] if plural else (tokens[-1] if tokens else None)
    else:
        # "quatre nouvelles usines": an adjective before the noun is not what is counted.
        adjective = len(tokens) > 1 and tokens[0][0].lower() in lex.grammar.figure_adjectives
        chosen = tokens[1] if adjective else (tokens[0] if tokens else None)
    if chosen is None:
        return "", pos
    head, end = chosen
    acronym = _is_acronym(head) and not singular
    if len(head) < 3 or head.isupper() and len(head) < 5 and not acronym:
        return "", pos
    if not singular and not acronym and not _is_plural(head, words, lex.grammar):
        return "", pos
    participle = lex.grammar.participle_suffixes
    if words.head_last and participle and head.lower().endswith(participle) and head.lower() not in words.plurals:
        return "", pos  # "0 raised", "3 trained": a participle is not what is counted
    return head.lower(), end


def _known_compound(tokens: list[tuple[str, int]], lex: Lexicon) -> tuple[str, int] | None:
    """The longest run of the first tokens that is a noun of several words in the metric
    tables (``[nouns]``), whatever the language's head order."""
    nouns = lex.metrics.nouns
    for size in range(len(tokens), 1, -1):
        phrase = " ".join(word for word, _ in tokens[:size]).lower()
        if phrase in nouns:
            return phrase, tokens[size - 1][1]
    return None


def _is_acronym(word: str) -> bool:
    """An acronym of three to five capitals ("GPU", "PME"), which is counted uninflected
    ("5 000 GPU"); two capitals are more often a code or a place ("27 UE", "3 AI")."""
    return 3 <= len(word) <= 5 and word.isalpha() and word.isupper()


def _is_plural(word: str, words: FunctionWords, grammar: Grammar) -> bool:
    lower = word.lower()
    regular = grammar.plural_suffixes
    doubled = tuple(suffix * 2 for suffix in regular)  # "business" is no plural
    return lower in words.plurals or (len(lower) > 3 and lower.endswith(regular) and not lower.endswith(doubled))


# A currency belongs to a figure written this close to it ("€900 million", "900 M€").
_CURRENCY_FIGURE_GAP = 20


def _context_currency(text: str, lex: Lexicon, reading: _Reading) -> CurrencySurface | None:
    """The currency a scaled figure written without one takes from a figure of money before it
    in its sentence: when it counts a word of money ("4 milliards d'euros de capitaux et 320
    millions de dons") or a word that splits a sum opens it ("900 millions d'euros, dont 210
    millions"; "of which almost 300 million"). Not "its users reached 5 million", "a country of
    60 million", "60 millions d'habitants"."""
    if reading.currency or reading.unit or reading.percent or reading.scale < 1e6:
        return None
    noun, _ = _counted_noun(text, lex, reading.end, after_de=True, singular=False)
    if noun and noun.lower() not in lex.metrics.money:
        return None
    found = _last_currency(text, lex, reading.start)
    if found is None:
        return None
    currency, end = found
    split = lex.compiled("sum splits", _sum_split_pattern).search(text, end, reading.start)
    return currency if noun or split else None


def _sum_split_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A word that splits a sum ("dont", "of which", "and"), then at most two words (a
    qualifier: "of which almost"), right before a figure."""
    words = alternation(sorted(lex.grammar.sum_splits, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{words})(?:[\s,]+[^\W\d_][\w'’]*){{0,2}}[\s,]*$", re.I)


def _last_currency(text: str, lex: Lexicon, before: int) -> tuple[CurrencySurface, int] | None:
    """The last currency written beside a figure before ``before``, and where it ends."""
    p = patterns_of(lex)
    last = None
    for pattern in (p.currency_after_cs, p.currency_after_ci):
        for match in pattern.finditer(text, 0, before):
            near = text[max(0, match.start() - _CURRENCY_FIGURE_GAP) : match.end() + _CURRENCY_FIGURE_GAP]
            if any(c.isdigit() for c in near) and (last is None or match.end() > last.end()):
                last = match
    currency = _find_currency(last.group(0), lex) if last is not None else None
    return (currency, last.end()) if currency is not None and last is not None else None
