"""The report in a real headless Chromium, at a desktop (1366 px) and a phone (390 px) width.

Checks what only a browser can: no horizontal scroll, no text under 12 px, filters and
search (also kept in the URL), anchors that scroll to their card, no request leaving the
page, no script from the sources, and axe-core's accessibility rules.

Needs Debian's chromium and the playwright package (driving /usr/bin/chromium; no browser is
ever downloaded), and for the accessibility test the npm package axe-core in
tests/node_modules (`npm ci --prefix tests`). In CI a missing browser or axe-core fails the
run instead of skipping. ``CLAIMDIFF_SCREENSHOTS=1`` writes the seeds' report's screenshots
to reports/ (committed: reports/screenshot-1366.png and reports/screenshot-390.png).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdiff.pipeline import load_corpus
from claimdiff.report import render_report

from .conftest import ROOT
from .test_report import HOSTILE, JEAN_ZAY, LAUNCH, SCOPE, SUM_ALONE, SUM_FOLDED, SUMMIT

CI = bool(os.environ.get("CI"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
# The seeds' report as committed; tests/test_cli.py checks that it is what `claimdiff report` writes.
REPORT = ROOT / "reports" / "discrepancies.html"
WIDTHS = {"desktop": 1366, "phone": 390}
NARROWEST = 360  # the layout checks also run at this width
MIN_FONT_PX = 12
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists() and not CI:
    pytest.skip("no chromium here (CI installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api") if not CI else __import__("playwright.sync_api").sync_api


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """One page in its own context, recording every request that is not the file itself."""

    def __init__(self, browser, url: str, width: int, bypass_csp: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: None if r.url.startswith("file:") else self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file:"):
            route.continue_()
        else:  # recorded by the request event; never let it out
            route.abort()

    def visible(self, selector: str) -> list[str]:
        return self.page.eval_on_selector_all(selector, "els => els.filter(e => !e.hidden).map(e => e.id)")

    def close(self) -> None:
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [] and self.dialogs == []
        self.context.close()


@pytest.fixture(params=list(WIDTHS.values()), ids=list(WIDTHS))
def seeds(browser, request) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    visit = Visit(browser, REPORT.resolve().as_uri(), request.param)
    yield visit
    visit.close()


OPEN_ALL = "document.querySelectorAll('details').forEach(d => d.open = true)"

# Text nodes that render smaller than 12 px: SVG text scaled by its transform, HTML text by
# its computed size; only what is rendered (not hidden, not collapsed) counts.
SMALL_TEXT = """min => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('script, style, [hidden]')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    if (size < min) small.push(`${size.toFixed(1)}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


def _layout_widths(visit: Visit) -> Iterator[int]:
    """The visit's width, and on a phone also the narrowest screen the page supports."""
    yield visit.page.viewport_size["width"]
    if visit.page.viewport_size["width"] < 800:
        visit.page.set_viewport_size({"width": NARROWEST, "height": 900})
        yield NARROWEST


def test_no_horizontal_scroll(seeds: Visit) -> None:
    seeds.page.evaluate(OPEN_ALL)
    for window in _layout_widths(seeds):
        width = seeds.page.evaluate("document.documentElement.scrollWidth")
        assert width <= window, f"page is {width} px wide in a {window} px window"


def test_no_text_below_12_px(seeds: Visit) -> None:
    seeds.page.evaluate(OPEN_ALL)
    for window in _layout_widths(seeds):
        assert seeds.page.evaluate(SMALL_TEXT, MIN_FONT_PX) == [], f"at {window} px"
    charts = seeds.page.locator(".numberline .tick:visible, .numberline .nl-label:visible").count()
    assert charts > 10, "the charts' text was measured"


def test_number_lines_use_the_cards_width(seeds: Visit) -> None:
    ratios = seeds.page.eval_on_selector_all(
        ".nl-track", "els => els.map(e => e.getBoundingClientRect().width / e.closest('.card').clientWidth)"
    )
    # Beside a label column on a desktop, the whole card on a phone.
    assert min(ratios) > (0.55 if seeds.page.viewport_size["width"] > 800 else 0.85)


def test_kind_and_source_filters(seeds: Visit) -> None:
    page = seeds.page
    assert seeds.visible("article.card") == [SUMMIT, JEAN_ZAY, LAUNCH, "d-6f77b642fd", SCOPE, SUM_ALONE]
    page.select_option("#f-kind", "description")
    assert seeds.visible("article.card") == ["d-6f77b642fd"]
    page.select_option("#f-kind", "sum")  # the folded sum's card counts as a sum too
    assert seeds.visible("article.card") == [SCOPE, SUM_ALONE]
    page.select_option("#f-kind", "")
    page.select_option("#f-source", "seeds/000_c4af9ef9ed814ed7.txt")
    assert seeds.visible("article.card") == [LAUNCH]
    assert page.locator("table.claims tbody tr:not([hidden])").count() == 3
    page.select_option("#f-source", "")
    assert "6 of 6 cards" in page.locator("#f-count").inner_text()


SEARCHES = {
    "words-in-any-order": ("investment france infrastructure", [SUMMIT, SUM_ALONE]),
    "reversed": ("infrastructure France investment 105", [SUMMIT]),
    "accents-and-case": ("ÉCONOMIQUE mondial", [SUMMIT]),
    "without-accents": ("economique", [SUMMIT]),
    "publisher": ("steward", [LAUNCH]),
    "entity-and-metric": ("mistral description", ["d-6f77b642fd"]),
    "printed-id": (SUM_FOLDED, [SCOPE]),
    "nothing": ("zzz-no-such-word", []),
}


@pytest.mark.parametrize(("query", "cards"), SEARCHES.values(), ids=SEARCHES.keys())
def test_search(browser, query: str, cards: list[str]) -> None:  # type: ignore[no-untyped-def]
    visit = Visit(browser, REPORT.resolve().as_uri(), WIDTHS["phone"])
    visit.page.fill("#f-search", query)
    assert visit.visible("article.card") == cards
    assert visit.page.locator("#no-match").is_visible() == (not cards)
    visit.close()


def test_filters_and_search_live_in_the_url(seeds: Visit) -> None:
    page = seeds.page
    page.select_option("#f-kind", "contradiction")
    page.fill("#f-search", "france 109")
    assert page.evaluate("location.search") == "?q=france+109&kind=contradiction"
    page.reload()
    assert page.input_value("#f-search") == "france 109" and page.input_value("#f-kind") == "contradiction"
    assert seeds.visible("article.card") == [SUMMIT]
    page.fill("#f-search", "")
    page.select_option("#f-kind", "")
    assert page.evaluate("location.search") == ""


@pytest.mark.parametrize("target", [LAUNCH, SUM_ALONE, SUM_FOLDED])
def test_anchors_scroll_to_their_card(seeds: Visit, target: str) -> None:
    page = seeds.page
    page.goto(REPORT.resolve().as_uri() + "#" + target)
    assert page.evaluate("document.querySelector(':target').id") == target
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    bar = page.evaluate(
        "(f => getComputedStyle(f).position === 'sticky' ? f.getBoundingClientRect().bottom : 0)"
        "(document.getElementById('filters'))"
    )
    assert page.evaluate("window.scrollY") > 0
    assert bar <= top < page.viewport_size["height"], "the target is in view, not under the filter bar"


def test_old_anchor_ids_still_land(seeds: Visit) -> None:
    seeds.page.goto(REPORT.resolve().as_uri() + "#d-" + LAUNCH)
    seeds.page.wait_for_function(f"location.hash === '#{LAUNCH}'")
    assert seeds.page.evaluate("document.querySelector(':target').id") == LAUNCH


def test_an_anchor_shows_a_card_the_filters_hide(seeds: Visit) -> None:
    page = seeds.page
    page.select_option("#f-kind", "description")
    page.evaluate(f"location.hash = '#{LAUNCH}'")
    page.wait_for_function(f"!document.getElementById('{LAUNCH}').hidden")
    assert page.input_value("#f-kind") == ""


def test_axe_finds_no_violation(browser) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        if CI:
            pytest.fail(f"{AXE} missing: .ci/run installs it with `npm ci --prefix tests`")
        pytest.skip("axe-core not installed (npm ci --prefix tests)")
    for name, width in WIDTHS.items():
        # axe is injected as a script: only this visit lifts the page's Content-Security-Policy.
        visit = Visit(browser, REPORT.resolve().as_uri(), width, bypass_csp=True)
        visit.page.evaluate(OPEN_ALL)
        visit.page.add_script_tag(path=str(AXE))
        violations = visit.page.evaluate(
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
        assert violations == [], f"{name}: {violations}"
        visit.close()


def test_screenshots(seeds: Visit, tmp_path: Path) -> None:
    """The seeds' report as a reader sees it; written to reports/ with CLAIMDIFF_SCREENSHOTS=1."""
    width = seeds.page.viewport_size["width"]
    folder = ROOT / "reports" if os.environ.get("CLAIMDIFF_SCREENSHOTS") else tmp_path
    path = folder / f"screenshot-{width}.png"
    seeds.page.screenshot(path=str(path), full_page=True, animations="disabled")
    assert path.stat().st_size > 10_000


def test_hostile_report_runs_no_script(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "src" / "good.txt").write_text(
        "Evil Corp raised €109 billion for AI infrastructure in France.\n", encoding="utf-8"
    )
    path = tmp_path / "report.html"
    path.write_text(render_report(load_corpus([str(tmp_path / "src")])), encoding="utf-8")
    visit = Visit(browser, path.resolve().as_uri(), WIDTHS["phone"])
    visit.page.fill("#f-search", "evil")
    assert visit.page.evaluate("window.__pwned === undefined")
    visit.close()


def test_filtering_five_thousand_claims_is_fast(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import write_corpus

    write_corpus(tmp_path / "corpus", sources=500, sentences=8)
    corpus = load_corpus([str(tmp_path / "corpus")])
    assert len(corpus.claims) >= 5000
    path = tmp_path / "big.html"
    path.write_text(render_report(corpus), encoding="utf-8")
    visit = Visit(browser, path.resolve().as_uri(), WIDTHS["desktop"])
    queries = ("startups", "billion france", "zzz", "")
    timings = [visit.page.evaluate("q => window.claimdiffFilter(q)", query) for query in queries]
    worst = max(timings)
    size = path.stat().st_size / 1e6
    print(
        f"\nfiltering {len(corpus.claims)} claims, {len(corpus.discrepancies)} discrepancies: "
        f"worst {worst:.1f} ms; page {size:.1f} MB"
    )
    assert worst < 200
    visit.close()
