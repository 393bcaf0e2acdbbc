"""Time expressions: the dates claims state and the periods claims are about.

Shared by the extract stage (date claims) and the normalize stage (each claim's period).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from claimdiff.lexicon import Lexicon, TimeWords, trie_alternation, trie_words

YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True)
class TimeExpr:
    """A time expression in a sentence: ``relation`` is at, since, by or range."""

    start: int
    end: int
    relation: str
    low: date | None
    high: date | None
    precision: str  # year, quarter, season, month, day
    relative: bool = False  # counted from the publication date ("last year", "il y a deux ans")

    @property
    def period(self) -> str:
        """ISO 8601-style label: ``2025``, ``2025-06``, ``2018/..``, ``../2030``, ``2018/2022``.

        >>> TimeExpr(0, 4, "at", date(2025, 6, 1), date(2025, 6, 30), "month").period
        '2025-06'
        >>> TimeExpr(0, 4, "since", date(2018, 1, 1), None, "year").period
        '2018/..'
        """
        low = _label(self.low, self.precision) if self.low else ".."
        high = _label(self.high, self.precision) if self.high else ".."
        if self.relation == "at" and low == high:
            return low
        return f"{low}/{high}"


def _label(day: date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision in ("month", "season", "quarter"):
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def decimal_year(day: date) -> float:
    """Position of a day in years: 2025-01-01 -> 2025.0.

    >>> decimal_year(date(2024, 7, 2))
    2024.5
    """
    length = 366 if calendar.isleap(day.year) else 365
    return round(day.year + (day.timetuple().tm_yday - 1) / length, 4)


def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = lexicon.time
    dates = lexicon.grammar.dates
    day_suffix = trie_words(dates.day_suffixes, True)
    month_year = trie_words(dates.month_year_links, True)
    article = trie_words(dates.articles, True)
    months = trie_words(words.months, True)
    seasons = trie_words(words.seasons, True)
    quarters = trie_words(words.quarters)  # matched in capitals only: "T3", "Q3"
    # "3. Quartal 2025", "im dritten Quartal 2025": only where the language names quarters.
    quarter_names = trie_words(words.quarter_names, True) or "(?!)"
    ordinals = trie_words([w for w, n in lexicon.numbers.ordinals.items() if 1 <= n <= 4], True)
    expression = re.compile(
        rf"""
        (?<![\w.,/])
        (?:
            (?P<d1>\d{{1,2}})(?:{day_suffix})?\s+(?P<m1>{months})\.?,?\s+(?P<y1>{YEAR})
          | (?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:{day_suffix})?,?\s+(?P<y2>{YEAR})
          | (?P<m3>{months})\.?\s+(?:(?:{month_year})\s+)?(?P<y3>{YEAR})
          | (?P<s>{seasons})\s+(?:(?:{month_year})\s+)?(?P<y4>{YEAR})
          | (?-i:(?P<q>{quarters}))(?P<qn>[1-4])\s*(?P<y5>{YEAR})
          | (?:(?P<qd>[1-4])(?:{day_suffix})?|(?P<qo>{ordinals}))\s+(?:{quarter_names})
            \s+(?:(?:{month_year})\s+)?(?P<y6>{YEAR})
          | (?P<ya>{YEAR})\s*[-–/]\s*(?P<yb>{YEAR}|\d{{2}})(?!\d)
          | (?P<y>{YEAR})
        )
        (?![\w%,.]\d|\d|[%]|\w)
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    return (
        expression,
        _before_year(words.since, article),
        _before_year(words.by, article),
        _before_year(words.baselines, article),
    )


def _before_year(phrases: tuple[str, ...], article: str) -> re.Pattern[str]:
    """One of ``phrases`` ending the text before a year; an article may stand between the phrase
    and the year ("since the 2019 ...", "d'ici l'an")."""
    return re.compile(rf"(?:^|\W)(?:{trie_words(phrases, True) or '(?!)'})\s*(?:(?:{article})\s*)?$", re.I)


def find_times(text: str, lexicon: Lexicon, reference: date | None = None) -> list[TimeExpr]:
    """Find every time expression in ``text``; with a ``reference`` day (the source's
    publication date), also the days and months written without a year ("jeudi 29 mars",
    "founded in May"): the latest such day up to a month after the reference.

    >>> from claimdiff.lexicon import load_knowledge
    >>> en, fr = load_knowledge().lexicon("en"), load_knowledge().lexicon("fr")
    >>> [t.period for t in find_times("In 2024, since 2019 and by 2030, in June 2025.", en)]
    ['2024', '2019/..', '../2030', '2025-06']
    >>> [t.period for t in find_times("ouvrira en juin 2025 (2018-2022), T3 2025", fr)]
    ['2025-06', '2018/2022', '2025-07/2025-09']
    >>> [t.period for t in find_times("From March 2018 to June 2020; in 2018 and 2020", en)]
    ['2018-03/2020-06', '2018', '2020']
    """
    expression, since, by, baseline = lexicon.compiled("dates", _patterns)
    words = lexicon.time
    out = []
    # Every form of the expression holds a year: without one, its many alternatives are not tried.
    for match in expression.finditer(text) if _A_YEAR.search(text) else ():
        if match.start() and unicodedata.category(text[match.start() - 1]) == "Sc":
            continue  # "$2000", "€1999": money, not a year (any currency sign Unicode knows)
        low, high, precision = _bounds(match, words.months, words.seasons, lexicon.numbers.ordinals)
        if low is None or high is None or low > high:
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if match.group("y") and _names_programme(before, words, lexicon.grammar.range_words):
            continue
        if baseline.search(before):
            continue  # "up 14% compared with 2021": the year a figure is measured against
        relation = "range" if match.group("ya") else "at"
        if relation == "at" and since.search(before):
            relation = "since"
            high = None
        elif relation == "at" and by.search(before):
            relation = "by"
            low = None
        out.append(TimeExpr(match.start(), match.end(), relation, low, high, precision))
    out = _join_ranges(text, lexicon, [_open_month(text, lexicon, time) for time in out])
    if reference is not None:
        taken = [(t.start, t.end) for t in out]
        found = _yearless(text, lexicon, reference) + _relative_years(text, lexicon, reference)
        out.extend(t for t in found if not any(t.start < e and s < t.end for s, e in taken))
        out.sort(key=lambda t: t.start)
    return out


_PRECISIONS = ("day", "month", "quarter", "season", "year")


def _range_links(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(what joins the two ends of a period: a dash, "to", "à", or "and" after a range word;
    a range word ending the text before a period ("between", "entre"); a day and month, without
    their year, joined to a dated end: "du 3 mars au", "January to")."""
    grammar = lexicon.grammar
    connectors = trie_words(grammar.range_connectors, True) or "(?!)"
    pairs = trie_words(grammar.pair_connectors, True) or "(?!)"
    link = rf"\s*(?:[-–—]|(?<=\s)(?:{connectors})(?=\s)|(?<=\s)(?P<pair>{pairs})(?=\s))\s*"
    opener = re.compile(rf"(?:^|\W)(?:{trie_words(grammar.range_words, True) or '(?!)'})\s*$", re.I)
    months = trie_words(lexicon.time.months, True)
    day_suffix = trie_words(grammar.dates.day_suffixes, True)
    open_month = re.compile(
        rf"(?<![\w.,/])(?:(?P<day>\d{{1,2}})(?:{day_suffix})?\s+)?(?P<month>{months})\.?(?P<link>{link})$", re.I
    )
    return re.compile(link, re.I), opener, open_month


def _open_month(text: str, lexicon: Lexicon, time: TimeExpr) -> TimeExpr:
    """A dated month or day with the month that opens its range written before it without a year
    ("between January and March 2024", "du 3 mars au 5 juin 2020"): one period, the year shared
    (the year before when the first month comes later: "December to February 2024")."""
    # "to" before the dated end also reads as "by": "December to February 2024".
    if time.relation not in ("at", "by") or time.precision not in ("day", "month") or time.high is None:
        return time
    _, opener, open_month = lexicon.compiled("time range links", _range_links)
    found = open_month.search(text, max(0, time.start - 40), time.start)
    if found is None or (found.group("pair") and not opener.search(text, 0, found.start())):
        return time
    month = lexicon.time.months[found.group("month").lower()]
    year = time.high.year if month <= time.high.month else time.high.year - 1
    try:
        if found.group("day"):
            low, precision = date(year, month, int(found.group("day"))), time.precision
        else:
            low, precision = date(year, month, 1), "month"
    except ValueError:
        return time
    return TimeExpr(found.start(), time.end, "range", low, time.high, precision)


def _join_ranges(text: str, lexicon: Lexicon, times: list[TimeExpr]) -> list[TimeExpr]:
    """Join two periods written as the ends of one ("March 2018 - June 2020", "from 2018 to
    2020", "entre 2018 et 2020": "and" only after a range word) into one range."""
    link, opener, _ = lexicon.compiled("time range links", _range_links)
    out: list[TimeExpr] = []
    for time in times:
        first = out[-1] if out else None
        joined = first is not None and first.low is not None and time.high is not None and first.low <= time.high
        found = link.fullmatch(text, first.end, time.start) if first is not None and joined else None
        if first is not None and found and (not found.group("pair") or opener.search(text, 0, first.start)):
            precision = max(first.precision, time.precision, key=_PRECISIONS.index)
            out[-1] = TimeExpr(first.start, time.end, "range", first.low, time.high, precision)
        else:
            out.append(time)
    return out


def _relative_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Phrases naming a year from the publication date: "last year", "il y a deux ans"."""
    words = lexicon.time
    numbers = trie_alternation([w for w, n in lexicon.numbers.cardinals.items() if 1 <= n <= 20], True)
    count = rf"(?P<n>\d{{1,2}}|{numbers or '(?!)'})"
    phrases = [rf"(?P<w>{trie_alternation(list(words.relative_years), True)})"]
    for index, (pattern, _) in enumerate(words.relative_patterns):
        before, _, after = pattern.partition("{0}")
        phrases.append(rf"(?P<p{index}>{re.escape(before)}{count.replace('?P<n>', f'?P<n{index}>')}{re.escape(after)})")
    return re.compile(rf"(?<![\w’'])(?:{'|'.join(phrases)})(?![\w’'])", re.I)


def _relative_years(text: str, lexicon: Lexicon, reference: date) -> list[TimeExpr]:
    words = lexicon.time
    out = []
    for match in lexicon.compiled("relative years", _relative_pattern).finditer(text):
        if match.group("w"):
            offset = words.relative_years[match.group("w").lower()]
        else:
            index = next(i for i in range(len(words.relative_patterns)) if match.group(f"p{i}"))
            written = match.group(f"n{index}").lower()
            count = int(written) if written.isdigit() else int(lexicon.numbers.cardinals[written])
            offset = count * words.relative_patterns[index][1]
        year = reference.year + offset
        if not 1 <= year <= 9999:
            continue
        out.append(TimeExpr(match.start(), match.end(), "at", date(year, 1, 1), date(year, 12, 31), "year", True))
    return out


_A_YEAR = re.compile(YEAR)


def _yearless_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    words = lexicon.time
    dates = lexicon.grammar.dates
    day_suffix = trie_words(dates.day_suffixes, True)
    months = trie_words(words.months, True)
    # A month alone is no number word: French "dans sept pays" is in seven countries.
    lone_months = trie_words([m for m in words.months if m not in lexicon.numbers.cardinals], True)
    at = trie_words((*words.at, *words.since, *words.by), True)
    # No year may follow: "29 mars 2018" is read by the main expression.
    no_year = r"(?!\.?,?\s+(?:\w+\s+)?\d)(?!\w)"
    return re.compile(
        rf"""(?<![\w.,/])
        (?:
            (?P<d1>\d{{1,2}})(?:{day_suffix})?\s+(?P<m1>{months}){no_year}
          | (?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:{day_suffix})?(?!\d){no_year}
          | (?<!\w)(?:{at})\s+(?P<m3>{lone_months}){no_year}
        )""",
        re.VERBOSE | re.IGNORECASE,
    )


def _yearless(text: str, lexicon: Lexicon, reference: date) -> list[TimeExpr]:
    months = lexicon.time.months
    out = []
    for match in lexicon.compiled("yearless dates", _yearless_pattern).finditer(text):
        g = match.groupdict()
        month = months[(g["m1"] or g["m2"] or g["m3"]).lower()]
        year = reference.year if month <= reference.month + 1 else reference.year - 1
        try:
            if g["m3"]:
                low, high, precision = _month_span(year, month, month)
                start = match.start("m3")
            else:
                low = high = date(year, month, int(g["d1"] or g["d2"]))
                precision, start = "day", match.start()
        except ValueError:
            continue
        relation = _relation_of(text[match.start() : start], lexicon.time) if g["m3"] else "at"
        # "depuis octobre dernier" is open after, "by March" before.
        out.append(
            TimeExpr(
                start,
                match.end(),
                relation,
                None if relation == "by" else low,
                None if relation == "since" else high,
                precision,
            )
        )
    return out


def clock_and_day_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where ``text`` writes a time of day ("22:11 GMT", "10 pm", "à 14 h 30") or a day of a
    month without a year ("le 8 septembre" in a source with no publication day to date it):
    no figure is read inside them ("le bilan ... le 8 septembre" counts no 8 dead).

    >>> from claimdiff.lexicon import load_knowledge
    >>> text = "On September 8 the toll was 2,000; at 10 pm (22:11 GMT) it rose."
    >>> [text[s:e] for s, e in clock_and_day_spans(text, load_knowledge().lexicon("en"))]
    ['September 8', '10 pm', '22:11 GMT']
    """
    clock = lexicon.compiled("clock times", _clock_pattern)
    # An hour is at most 24: "pendant 48 h" is a duration.
    spans = [(m.start(), m.end()) for m in clock.finditer(text) if int(m.group("hour")) <= 24]
    for match in lexicon.compiled("yearless dates", _yearless_pattern).finditer(text):
        if not match.group("m3"):  # "in May": a month alone holds no figure
            spans.append((match.start(), match.end()))
    return sorted(spans)


def _clock_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """An hour with its minutes after a colon ("22:11"), or an hour before a clock mark ("10
    pm", "14 h 30", "8 Uhr")."""
    marks = trie_words(lexicon.time.clock_marks, True) or "(?!)"
    minutes = r"\d{2}(?::\d{2})?"
    return re.compile(
        rf"(?<![\w.,:])(?P<hour>\d{{1,2}})(?::{minutes}(?:[ \u00a0]*(?:{marks})(?![\w]))?"
        rf"|[ \u00a0]*(?:{marks})(?:[ \u00a0]*\d{{2}}(?!\d))?(?![\w]))(?![\d:])",
        re.IGNORECASE,
    )


def _relation_of(preposition: str, words: TimeWords) -> str:
    """The relation a time word before a month sets: since, by, else at."""
    word = preposition.strip().lower()
    for relation, group in (("since", words.since), ("by", words.by)):
        if word in {w.lower() for w in group}:
            return relation
    return "at"


_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'\-]*)[ \u00a0]*$")


def _names_programme(before: str, words: TimeWords, range_words: tuple[str, ...] = ()) -> bool:
    """A year right after a capitalised name is part of the name ("France 2030"); not after a
    capitalised time or range word ("Between 2015 and 2022", "Depuis 2019")."""
    found = _WORD_BEFORE.search(before)
    if not found or not found.group(1)[0].isupper():
        return False
    word = found.group(1).lower()
    time_words_ = {w.lower() for group in (words.at, words.since, words.by, range_words) for w in group}
    return word not in time_words_ and word not in words.months and word not in words.seasons


def _bounds(
    match: re.Match[str], months: dict[str, int], seasons: dict[str, tuple[int, int]], ordinals: dict[str, int]
) -> tuple[date | None, date | None, str]:
    g = match.groupdict()
    try:
        for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
            if g[y]:
                day = date(int(g[y]), months[g[m].lower()], int(g[d]))
                return day, day, "day"
        if g["y3"]:
            return _month_span(int(g["y3"]), months[g["m3"].lower()], months[g["m3"].lower()])
        if g["y4"]:
            first, last = seasons[g["s"].lower()]
            year = int(g["y4"])
            start = date(year - 1 if first > last else year, first, 1)
            return start, _month_span(year, last, last)[1], "season"
        if g["y5"] or g["y6"]:
            quarter = int(g["qn"] or g["qd"] or ordinals[g["qo"].lower()])
            low, high, _ = _month_span(int(g["y5"] or g["y6"]), 3 * quarter - 2, 3 * quarter)
            return low, high, "quarter"
        if g["ya"]:
            end = g["yb"] if len(g["yb"]) == 4 else g["ya"][:2] + g["yb"]
            return date(int(g["ya"]), 1, 1), date(int(end), 12, 31), "year"
        year = int(g["y"])
        return date(year, 1, 1), date(year, 12, 31), "year"
    except (ValueError, KeyError):
        return None, None, ""


def _month_span(year: int, first: int, last: int) -> tuple[date, date, str]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), "month"


def published_period(published: str) -> TimeExpr | None:
    """A source's published date as a period (``2025``, ``2025-02``, ``2025-02-10``).

    >>> published_period("2025-02-10").period
    '2025'
    """
    found = re.match(r"((?:19|20)\d{2})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    if not found:
        return None
    year = int(found.group(1))
    return TimeExpr(0, 0, "at", date(year, 1, 1), date(year, 12, 31), "year")


def parse_date(published: str) -> date | None:
    """The most precise date a published field gives, or None.

    >>> parse_date("2025-02")
    datetime.date(2025, 2, 1)
    """
    found = re.match(r"((?:19|20)\d{2})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1))
    except ValueError:
        return None


@cache
def period_bounds(period: str) -> tuple[date | None, date | None]:
    """The first and last day a period label covers (None: open or unknown).

    >>> period_bounds("2018/..")
    (datetime.date(2018, 1, 1), None)
    >>> period_bounds("2025-06")
    (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
    """
    if not period:
        return None, None
    low_text, _, high_text = period.partition("/")
    if not high_text:
        high_text = low_text
    return _edge(low_text, first=True), _edge(high_text, first=False)


def _edge(text: str, first: bool) -> date | None:
    parts = text.split("-")
    if not parts[0].isdigit():
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 1, 1) if first else date(year, 12, 31)
    month = int(parts[1])
    if len(parts) == 2:
        return date(year, month, 1) if first else date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, int(parts[2]))
