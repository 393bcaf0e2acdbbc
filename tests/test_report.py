"""The HTML report checked with CSS selectors, including hostile source text."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claimdiff.config import load_config
from claimdiff.pipeline import load_corpus
from claimdiff.report import render_report

from .conftest import SEEDS

HOSTILE = (
    "Evil Corp: <script>window.__pwned = 1</script> raised €105 billion for AI infrastructure in France.\n"
    'Evil Corp said "><img src=x onerror="window.__pwned=2"> it raised €150 billion for AI infrastructure in France.\n'
    "Evil Corp said {{ 7*7 }} and {% raw %} and [link](javascript:window.__pwned=3) it raised €130 billion"
    " for AI infrastructure in France.\n"
)


@pytest.fixture(scope="module")
def seeds_page() -> BeautifulSoup:
    return BeautifulSoup(
        render_report(load_corpus([str(SEEDS)], config=load_config(SEEDS / "claimdiff.toml"))), "html.parser"
    )


def test_one_card_per_discrepancy_most_severe_first(seeds_page: BeautifulSoup) -> None:
    cards = seeds_page.select("article.card")
    assert len(cards) == 6
    severities = [c["data-severity"] for c in cards]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert all(card["id"].startswith("d-d-") for card in cards)


def test_summit_card_shows_positions_quotes_and_number_line(seeds_page: BeautifulSoup) -> None:
    card = seeds_page.select_one("#d-d-b0f83c36d7")
    assert card is not None
    assert "+3.8%" in card.select_one(".explanation").get_text()
    marks = [m.get_text() for m in card.select(".quotes mark")]
    assert marks == ["€105 billion", "More than €109 billion", "109 milliards d’euros"]
    assert len(card.select("svg .seg")) == 3
    assert card.select("svg .arrow"), "an open bound (more than) is drawn as an arrow"
    assert "seeds/004_fdd7dde14a3b6f8f.txt:2:161" in card.get_text()


def test_description_card_marks_differing_phrases(seeds_page: BeautifulSoup) -> None:
    card = next(c for c in seeds_page.select("article.card") if c["data-kind"] == "description")
    assert len(card.select(".descriptions blockquote")) == 3
    assert {"ethics", "generative"} <= {m.get_text().strip(".") for m in card.select("mark")}


def test_page_is_self_contained(seeds_page: BeautifulSoup) -> None:
    assert not seeds_page.select("link[href], script[src], img[src^=http], iframe")
    csp = seeds_page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert len(seeds_page.select("table.claims tbody tr")) > 200


def test_hostile_source_cannot_inject(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(
        "Evil Corp raised €109 billion for AI infrastructure in France.\n", encoding="utf-8"
    )
    html = render_report(load_corpus([str(tmp_path)]))
    page = BeautifulSoup(html, "html.parser")
    assert len(page.select("script")) == 1  # only the report's own script
    assert not page.select("img")
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;" in html
    assert not page.select("[onerror]")
    # The template syntax reaches the page as text, unevaluated (the quote holds it verbatim).
    assert any("said {{ 7*7 }} and {% raw %} and" in q.get_text() for q in page.select("q"))
