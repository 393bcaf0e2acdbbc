"""The HTML report checked with CSS selectors, including hostile source text.

The browser-level checks (widths, font sizes, filters, anchors, accessibility) are in
``tests/test_browser.py``; here the page's structure and the helpers that build it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from claimdiff.config import find_config
from claimdiff.model import Claim, Discrepancy
from claimdiff.pipeline import load_corpus
from claimdiff.report import render_report
from claimdiff.report.cards import fold_sums
from claimdiff.report.numberline import number_line
from claimdiff.report.quotes import plain

from .conftest import SEEDS

HOSTILE = (
    "Evil Corp: <script>window.__pwned = 1</script> raised €105 billion for AI infrastructure in France.\n"
    'Evil Corp said "><img src=x onerror="window.__pwned=2"> it raised €150 billion for AI infrastructure in France.\n'
    "Evil Corp said {{ 7*7 }} and {% raw %} and [link](javascript:window.__pwned=3) it raised €130 billion"
    " for AI infrastructure in France.\n"
)
SUMMIT = "d-f8e1083677"  # investment (infrastructure) of France: €105 bn against €109 bn
LAUNCH = "d-51c74f1127"  # launch date of the national strategy: 2017 against 2018
JEAN_ZAY = "d-dc0d2a2891"  # Jean Zay operated since 2019, projects supported since 2018
SCOPE = "d-606cedeed2"  # investment (research) of France: €1 bn, €1.5 bn, more than €2.5 bn
SUM_FOLDED = "d-90b22a84d5"  # more than €2.5 bn = €1.5 bn + €1 bn, the scope card's figures
SUM_ALONE = "d-6a2661348a"  # Brookfield's €20 bn = up to €15 bn + €5 bn


def _page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def seeds_corpus():  # type: ignore[no-untyped-def]
    return load_corpus([str(SEEDS)], config=find_config(SEEDS))


@pytest.fixture(scope="module")
def seeds_page(seeds_corpus) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return _page(render_report(seeds_corpus))


def _corpus_page(folder: Path, files: dict[str, str]) -> BeautifulSoup:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return _page(render_report(load_corpus([str(folder)])))


# --- cards and anchors ----------------------------------------------------------------------


def test_one_card_per_set_of_figures_most_severe_first(seeds_page: BeautifulSoup) -> None:
    cards = seeds_page.select("article.card")
    assert [c["id"] for c in cards] == [SUMMIT, JEAN_ZAY, LAUNCH, "d-6f77b642fd", SCOPE, SUM_ALONE]
    severities = [c["data-severity"] for c in cards]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_a_sum_that_adds_up_folds_into_the_card_of_its_figures(seeds_page: BeautifulSoup) -> None:
    host = seeds_page.select_one(f"article#{SCOPE}")
    folded = host.select_one(f"section.folded#{SUM_FOLDED}")
    assert folded is not None and "the parts add up" in folded.get_text()
    assert host["data-kind"] == "scope sum"  # the kind filter finds it under either kind
    assert len(host.select(".numberline")) == 1  # the figures are drawn once
    assert seeds_page.select_one(f"article#{SUM_ALONE}") is not None


def test_every_printed_id_is_an_anchor_on_the_page(seeds_corpus, seeds_page: BeautifulSoup) -> None:  # type: ignore[no-untyped-def]
    for d in seeds_corpus.discrepancies:
        assert seeds_page.select_one(f"[id='{d.id}']") is not None, d.id
        assert seeds_page.select_one(f"a.anchor[href='#{d.id}']") is not None, d.id
    assert not seeds_page.select("[id^='d-d-']")


def test_summit_card_shows_positions_quotes_and_number_line(seeds_page: BeautifulSoup) -> None:
    card = seeds_page.select_one(f"#{SUMMIT}")
    assert "+3.8%" in card.select_one(".explanation").get_text()
    marks = [m.get_text() for m in card.select(".quotes mark")]
    assert marks == ["€105 billion", "More than €109 billion", "109 milliards d’euros"]
    assert [v.get_text() for v in card.select(".nl-value")] == ["€105 bn", "more than €109 bn", "€109 bn"]
    assert card.select(".nl-track .arrow"), "an open bound (more than) is drawn as an arrow"
    assert "seeds/004_fdd7dde14a3b6f8f.txt:2:161" in card.get_text()


def test_one_legend_for_the_page_none_per_chart(seeds_page: BeautifulSoup) -> None:
    assert len(seeds_page.select(".legend")) == 1
    assert not seeds_page.select(".card figcaption")


def test_a_date_card_has_one_tick_per_year(seeds_page: BeautifulSoup) -> None:
    ticks = [t.get_text() for t in seeds_page.select(f"#{LAUNCH} .tick")]
    assert ticks == ["2017", "2018", "2019"]


def test_search_terms_carry_subject_ids_and_publishers(seeds_page: BeautifulSoup) -> None:
    terms = seeds_page.select_one(f"#{LAUNCH}")["data-terms"]
    for word in ("National AI Strategy", "launch date", LAUNCH, "The Steward", "000_c4af9ef9ed814ed7.txt"):
        assert word in terms


def test_description_marks_only_the_words_no_other_position_uses(seeds_page: BeautifulSoup) -> None:
    card = next(c for c in seeds_page.select("article.card") if c["data-kind"] == "description")
    quotes = card.select(".descriptions blockquote")
    assert len(quotes) == 2  # the two specialities (facts: the activity)
    marked = {m.get_text() for m in card.select("mark")}
    assert {"ethics", "generative", "language"} <= marked
    # Shared words, stop words and the entity's name stay plain.
    assert not marked & {"Mistral", "AI", "in", "the", "and"}
    words = sum(len(q.select_one("p").get_text().split()) for q in quotes)
    assert len(card.select("mark")) < words * 0.7


# --- sources, figures and quotes ------------------------------------------------------------

NAMED = {
    "a.txt": "Acme raised $116 billion for AI infrastructure in France.\n",
    "b.txt": "Acme raised €150 billion for AI infrastructure in France.\n",
    "sources.toml": """
["a.txt"]
published = "2025-02-10"
title = "Acme <b>news</b>"
publisher = "Daily Planet"
url = "javascript:alert(1)"

["b.txt"]
published = "2025-02-10"
publisher = "The Ledger"
url = "https://example.org/b"
""",
}


def test_sources_are_named_by_title_and_publisher(tmp_path: Path) -> None:
    page = _corpus_page(tmp_path, NAMED)
    card = page.select_one("article.card")
    names = [s.get_text() for s in card.select(".quotes .src")]
    assert names == ["Acme <b>news</b> — Daily Planet", "The Ledger"]
    assert [s.get_text() for s in page.select("table.sources .src")] == names
    assert [s["title"] for s in card.select(".quotes .src")] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert card.select_one(".nl-source").get_text() == "Daily Planet"
    links = page.select("a.src")
    assert {a["href"] for a in links} == {"https://example.org/b"}, "only http(s) URLs become links"
    assert all("noopener" in a["rel"] and "noreferrer" in a["rel"] for a in links)


def test_value_labels_keep_the_digits_the_source_states(tmp_path: Path) -> None:
    page = _corpus_page(tmp_path, NAMED)
    card = page.select_one("article.card")
    assert [v.get_text() for v in card.select(".nl-value")] == ["€112 bn", "€150 bn"]
    assert "written $116 bn → €112 bn" in " ".join(card.select_one(".quotes .meta").get_text().split())
    assert "112.4" not in page.get_text()


def test_quotes_are_plain_text_without_markdown(tmp_path: Path) -> None:
    page = _corpus_page(
        tmp_path,
        {
            "a.md": "- **Acme** raised **€105 billion** for [AI infrastructure](https://x.example) in France.\n",
            "b.md": "## Acme\n\n> Acme raised *€150 billion* for `AI` infrastructure in France.\n",
        },
    )
    quotes = [" ".join(q.get_text().split()) for q in page.select(".quotes q")]
    assert quotes == [
        "Acme raised €105 billion for AI infrastructure in France.",
        "Acme raised €150 billion for AI infrastructure in France.",
    ]
    assert [m.get_text() for m in page.select(".quotes mark")] == ["€105 billion", "€150 billion"]


class Markup(NamedTuple):
    text: str
    plain: str


MARKUP = {
    "bullet-and-strong": Markup("- **More than €109 billion** in", "More than €109 billion in"),
    "numbered-item": Markup("2. The €1 bn phase", "The €1 bn phase"),
    "heading": Markup("### Funding: €5 bn", "Funding: €5 bn"),
    "blockquote": Markup("> said €3 bn", "said €3 bn"),
    "link-and-image": Markup("see [the plan](https://x.y/a_b) ![chart](c.png)", "see the plan chart"),
    "code": Markup("the `FR-2030` plan", "the FR-2030 plan"),
    "underscore-emphasis": Markup("a _new_ and __bold__ plan", "a new and bold plan"),
    "arithmetic-stays": Markup("2*3*4 = 24, 5 * 6 = 30", "2*3*4 = 24, 5 * 6 = 30"),
    "snake-case-stays": Markup("the file_name_here", "the file_name_here"),
    "a-year-is-no-list": Markup("2025 was a year", "2025 was a year"),
}


@pytest.mark.parametrize("case", MARKUP.values(), ids=MARKUP.keys())
def test_plain_strips_markdown(case: Markup) -> None:
    assert plain(case.text) == case.plain


# --- the number line ------------------------------------------------------------------------


def _claim(kind: str, value: float, low: float | None, high: float | None, unit: str, period: str = "") -> Claim:
    return Claim("c", "s.txt", 1, 1, "", "", kind, value, low, high, unit, {}, "exact", period, noun="startups")


class Axis(NamedTuple):
    claims: list[Claim]
    ticks: list[str]
    log: bool = False


AXES = {
    "years-2017-2018": Axis(
        [_claim("date", 2017, 2017, 2017.9973, "year", "2017"), _claim("date", 2018, 2018, 2018.9973, "year", "2018")],
        ["2017", "2018", "2019"],
    ),
    "months-of-one-year": Axis(
        [_claim("date", 2025.41, 2025.41, 2025.49, "year"), _claim("date", 2025.75, 2025.75, 2025.83, "year")],
        ["2025-07", "2025-10"],
    ),
    "money-linear": Axis(
        [_claim("money", 105e9, 105e9, 105e9, "EUR"), _claim("money", 109e9, 109e9, None, "EUR")],
        ["€105 bn", "€106 bn", "€107 bn", "€108 bn", "€109 bn"],
    ),
    "money-log": Axis(
        [_claim("money", 2e6, 2e6, 2e6, "EUR"), _claim("money", 3e9, 3e9, 3e9, "EUR")],
        ["€10 m", "€100 m", "€1 bn"],
        log=True,
    ),
    "count-without-noun": Axis(
        [_claim("count", 1000, 1000, 1000, "count"), _claim("count", 1500, 1500, 1500, "count")],
        ["1,000", "1,200", "1,400"],
    ),
    "percent": Axis(
        [_claim("percent", 21.3, 21.3, 21.3, "percent"), _claim("percent", 25, 25, 25, "percent")],
        ["22%", "23%", "24%", "25%"],
    ),
    "one-value": Axis([_claim("percent", 50, 50, 50, "percent")], ["45%", "47.5%", "50%", "52.5%", "55%"]),
}


@pytest.mark.parametrize("case", AXES.values(), ids=AXES.keys())
def test_number_line_ticks(case: Axis) -> None:
    line = number_line(case.claims)
    assert line is not None
    assert [t.label for t in line.ticks] == case.ticks
    assert line.log is case.log
    for row in line.rows:
        assert 0 <= row.x1 <= row.cx <= row.x2 <= 100
    assert all(0 <= t.x <= 100 for t in line.ticks)
    assert len({t.label for t in line.ticks}) == len(line.ticks), "no two ticks share a label"


def test_open_bounds_reach_the_edge() -> None:
    line = number_line([_claim("money", 5e9, None, 5e9, "EUR"), _claim("money", 9e9, 9e9, None, "EUR")])
    assert line is not None
    (up_to, more_than) = line.rows
    assert up_to.open_low and up_to.x1 == 0 and not up_to.open_high
    assert more_than.open_high and more_than.x2 == 100


def test_descriptions_have_no_number_line() -> None:
    assert number_line([_claim("description", 0.0, None, None, "")]) is None


# --- folding sums ---------------------------------------------------------------------------


def _discrepancy(identifier: str, kind: str, claims: list[Claim], severity: str = "") -> Discrepancy:
    return Discrepancy(identifier, kind, {"entity": "X", "metric": "m", "period": ""}, "", claims, {}, severity)


def _money(identifier: str, value: float, source: str = "a.txt") -> Claim:
    return Claim(identifier, source, 1, 1, "", "", "money", value, value, value, "EUR", {}, "exact", "")


class Fold(NamedTuple):
    discrepancies: list[Discrepancy]
    hosts: dict[str, str]


TOTAL, PART1, PART2 = _money("t", 2.5e9), _money("p1", 1.5e9), _money("p2", 1e9)
FOLDS = {
    "shares-the-total": Fold(
        [
            _discrepancy("scope", "scope", [TOTAL, _money("o", 1e9, "b.txt")]),
            _discrepancy("sum", "sum", [TOTAL, PART1, PART2], "info"),
        ],
        {"sum": "scope"},
    ),
    "same-figures-other-claims": Fold(
        [
            _discrepancy("scope", "scope", [_money("x", 2.5e9), _money("y", 1.5e9), _money("z", 1e9)]),
            _discrepancy("sum", "sum", [TOTAL, PART1, PART2], "info"),
        ],
        {"sum": "scope"},
    ),
    "parts-do-not-add-up": Fold(
        [
            _discrepancy("scope", "scope", [TOTAL, _money("o", 1e9, "b.txt")]),
            _discrepancy("sum", "sum", [TOTAL, PART1], "warning"),
        ],
        {},
    ),
    "figures-shown-nowhere-else": Fold(
        [
            _discrepancy("scope", "scope", [_money("o", 7e9, "b.txt"), _money("q", 8e9)]),
            _discrepancy("sum", "sum", [TOTAL, PART1, PART2], "info"),
        ],
        {},
    ),
    "a-sum-never-hosts-a-sum": Fold(
        [
            _discrepancy("s1", "sum", [TOTAL, PART1, PART2], "info"),
            _discrepancy("s2", "sum", [TOTAL, PART1, PART2], "info"),
        ],
        {},
    ),
}


@pytest.mark.parametrize("case", FOLDS.values(), ids=FOLDS.keys())
def test_fold_sums(case: Fold) -> None:
    assert fold_sums(case.discrepancies) == case.hosts


# --- self-contained, deterministic, safe ----------------------------------------------------


def test_page_is_self_contained(seeds_page: BeautifulSoup) -> None:
    assert not seeds_page.select("link[href], script[src], img[src^=http], iframe")
    csp = seeds_page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert len(seeds_page.select("table.claims tbody tr")) > 200


def test_rendering_is_deterministic(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    assert render_report(seeds_corpus) == render_report(seeds_corpus)


def test_hostile_source_cannot_inject(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(
        "Evil Corp raised €109 billion for AI infrastructure in France.\n", encoding="utf-8"
    )
    (tmp_path / "sources.toml").write_text(
        '["evil.txt"]\ntitle = "<script>window.__pwned=4</script>"\nurl = "javascript:window.__pwned=5"\n',
        encoding="utf-8",
    )
    html = render_report(load_corpus([str(tmp_path)]))
    page = BeautifulSoup(html, "html.parser")
    assert len(page.select("script")) == 1  # only the report's own script
    assert not page.select("img")
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;" in html
    assert not page.select("[onerror]")
    assert not page.select("a[href^=javascript]")
    # The template syntax reaches the page as text, unevaluated (the quote holds it verbatim).
    assert any("said {{ 7*7 }} and {% raw %} and" in q.get_text() for q in page.select("q"))


def test_figures_in_several_units_have_no_number_line(seeds_page: BeautifulSoup) -> None:
    card = seeds_page.select_one(f"article#{JEAN_ZAY}")
    assert card is not None and not card.select(".numberline")
