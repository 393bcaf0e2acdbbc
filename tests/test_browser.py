"""The report in a real headless Chromium: filters, search, anchors, no requests, no injection.

Needs Debian's chromium and the playwright package (driving /usr/bin/chromium; no browser is
ever downloaded). In CI a missing browser fails the run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from claimdiff.config import load_config
from claimdiff.pipeline import load_corpus
from claimdiff.report import render_report

from .conftest import ROOT, SEEDS
from .test_report import HOSTILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("no chromium here (CI installs it)", allow_module_level=True)
sync_api = (
    pytest.importorskip("playwright.sync_api")
    if not os.environ.get("CI")
    else __import__("playwright.sync_api").sync_api
)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _open(browser, path: Path, events: dict):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    events.setdefault("requests", [])
    events.setdefault("errors", [])
    events.setdefault("dialogs", [])
    page.on("request", lambda r: events["requests"].append(r.url) if not r.url.startswith("file:") else None)
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    return page


def test_seed_report_in_a_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.html"
    path.write_text(
        render_report(load_corpus([str(SEEDS)], config=load_config(SEEDS / "claimdiff.toml"))), encoding="utf-8"
    )
    events: dict = {}
    page = _open(browser, path, events)
    assert page.locator("article.card").count() == 6
    assert page.locator("#filters").is_visible()
    page.select_option("#f-kind", "description")
    assert page.locator("article.card:visible").count() == 1
    page.select_option("#f-kind", "")
    page.fill("#f-search", "milliards")
    assert page.locator("article.card:visible").count() == 1
    page.fill("#f-search", "")
    page.goto(path.resolve().as_uri() + "#d-d-b0f83c36d7")
    assert page.evaluate("document.querySelector(':target').id") == "d-d-b0f83c36d7"
    (ROOT / "reports").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "reports" / "screenshot.png"), full_page=True)
    assert events["requests"] == [] and events["errors"] == [] and events["dialogs"] == []


def test_hostile_report_runs_no_script(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "src" / "good.txt").write_text(
        "Evil Corp raised €109 billion for AI infrastructure in France.\n", encoding="utf-8"
    )
    path = tmp_path / "report.html"
    path.write_text(render_report(load_corpus([str(tmp_path / "src")])), encoding="utf-8")
    events: dict = {}
    page = _open(browser, path, events)
    page.fill("#f-search", "evil")
    assert page.evaluate("window.__pwned === undefined")
    assert events["dialogs"] == [] and events["requests"] == []


def test_filtering_five_thousand_claims_is_fast(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import write_corpus

    write_corpus(tmp_path / "corpus", sources=500, sentences=8)
    corpus = load_corpus([str(tmp_path / "corpus")])
    assert len(corpus.claims) >= 5000
    path = tmp_path / "big.html"
    path.write_text(render_report(corpus), encoding="utf-8")
    page = _open(browser, path, {})
    timings = [page.evaluate("q => window.claimdiffFilter(q)", query) for query in ("startups", "billion", "zzz", "")]
    worst = max(timings)
    print(f"\nfiltering {len(corpus.claims)} claims, {len(corpus.discrepancies)} cards: worst {worst:.1f} ms")
    assert worst < 200
