"""HTML and Markdown sources: prose only, entities decoded, tables as sentences, exact locations."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import main
from claimdiff.normalize import claims_of
from claimdiff.sources import build_source
from claimdiff.sources.markup import html_text, markdown_text
from claimdiff.subjects import assign_subjects

from .conftest import KNOWLEDGE


def _claims(name: str, text: str) -> list[dict[str, object]]:
    source = build_source(name, text, KNOWLEDGE, {"language": "en"})
    claims = assign_subjects(source, claims_of(source, KNOWLEDGE), KNOWLEDGE)
    rows = []
    for claim in claims:
        at = (claim.line, claim.column)
        rows.append({"text": claim.text, "value": claim.value, "unit": claim.unit, "entity": claim.entity, "at": at})
    return rows


PAGE = """<!DOCTYPE html>
<html><head><title>Rail plan</title>
<script>var budget = "€99 billion"; var staff = 5000;</script>
<style>.col { width: 300px }</style></head>
<body>
<nav><a href="/">Home</a> 12 sections</nav>
<header>Site header with 42 links</header>
<article>
  <p>The government will invest
     €11.7&nbsp;billion in rail in 2025.</p>
  <ul><li>Acme Robotics employs 300 engineers</li><li>Globex employs 120 engineers</li></ul>
  <p>Costs rose by &#8364;4&#160;million &amp; more.</p>
</article>
<aside>Related: 77 stories</aside>
<footer>© 2025, 7 offices</footer>
<template><p>€123 million</p></template>
</body></html>
"""

HTML_CASES = [
    # (id, figure as written in the page, value, unit, (line, column) in the file, entity or None)
    ("nbsp-billion", "€11.7\xa0billion", 11.7e9, "EUR", (10, 6), None),
    ("list-item-is-a-sentence", "300 engineers", 300.0, "count", (11, 33), "Acme Robotics"),
    ("second-item-its-own-subject", "120 engineers", 120.0, "count", (11, 70), "Globex"),
    ("numeric-references", "€4\xa0million", 4e6, "EUR", (12, 20), None),
]


@pytest.mark.parametrize(
    ("figure", "value", "unit", "at", "entity"), [c[1:] for c in HTML_CASES], ids=[c[0] for c in HTML_CASES]
)
def test_html_claims(figure: str, value: float, unit: str, at: tuple[int, int], entity: str | None) -> None:
    found = [c for c in _claims("page.html", PAGE) if c["text"] == figure]
    assert len(found) == 1, _claims("page.html", PAGE)
    claim = found[0]
    assert (claim["value"], claim["unit"], claim["at"]) == (value, unit, at)
    if entity is not None:
        assert claim["entity"] == entity


SKIPPED = [
    ("script", "99"),
    ("script-count", "5000"),
    ("style", "300px"),
    ("nav", "12 sections"),
    ("header", "42 links"),
    ("aside", "77 stories"),
    ("footer", "7 offices"),
    ("template", "123"),
]


@pytest.mark.parametrize("written", [c[1] for c in SKIPPED], ids=[c[0] for c in SKIPPED])
def test_html_skips_what_is_not_prose(written: str) -> None:
    text, _ = html_text(PAGE)
    assert written not in text
    assert all(written not in str(c["text"]) for c in _claims("page.html", PAGE))


def test_html_map_points_into_the_file() -> None:
    text, offsets = html_text(PAGE)
    for index, char in enumerate(text):
        if char.isalnum():  # copied characters map to themselves; decoded ones to their "&"
            assert PAGE[offsets[index]] == char


def test_unclosed_skipped_element_does_not_hide_the_page() -> None:
    text, _ = html_text("<nav><p>menu</nav><p>Acme raised €5 million.</p>")
    assert "Acme raised €5 million." in text and "menu" not in text


MARKDOWN = """# Company figures

Some *emphasis*, a [linked word](http://example.com/9999) and `code 77` in a `Python` line.

| Company | Revenue | Employees |
|---------|--------:|-----------|
| Acme Robotics | €40 million | 300 employees |
| Globex | €55 million | 120 employees |

```
x = 9000 euros
```

![chart of 5,000 units](chart.png)
"""

MARKDOWN_CASES = [
    # (id, figure, value, unit, (line, column), entity)
    ("table-row-money-first-cell", "€40 million", 40e6, "EUR", (7, 19), "Acme Robotics"),
    ("table-row-count-first-cell", "300 employees", 300.0, "count", (7, 33), "Acme Robotics"),
    ("second-row-its-own-entity", "€55 million", 55e6, "EUR", (8, 12), "Globex"),
]


@pytest.mark.parametrize(
    ("figure", "value", "unit", "at", "entity"), [c[1:] for c in MARKDOWN_CASES], ids=[c[0] for c in MARKDOWN_CASES]
)
def test_markdown_claims(figure: str, value: float, unit: str, at: tuple[int, int], entity: str) -> None:
    found = [c for c in _claims("table.md", MARKDOWN) if c["text"] == figure]
    assert len(found) == 1, _claims("table.md", MARKDOWN)
    assert (found[0]["value"], found[0]["unit"], found[0]["at"], found[0]["entity"]) == (value, unit, at, entity)


MARKDOWN_SKIPPED = [("code-span", "77"), ("code-block", "9000"), ("image", "5,000"), ("link-target", "9999")]


@pytest.mark.parametrize("written", [c[1] for c in MARKDOWN_SKIPPED], ids=[c[0] for c in MARKDOWN_SKIPPED])
def test_markdown_skips_code_images_and_targets(written: str) -> None:
    text, _ = markdown_text(MARKDOWN)
    assert written not in text


def test_markdown_keeps_words_of_markup() -> None:
    text, _ = markdown_text(MARKDOWN)
    assert "Company figures" in text and "Some emphasis, a linked word and  in a Python line." in text
    assert "Acme Robotics: revenue €40 million; employees 300 employees." in text


# --- hostile HTML -------------------------------------------------------------------------------

HOSTILE = """<html><body>
<p>Evil Corp raised €5 million &lt;img src=x onerror=alert(1)&gt; in 2024.</p>
<p onclick="alert(2)">Evil Corp raised <b>€9 million</b> in 2024 &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;.</p>
<script>alert(4)</script>
</body></html>
"""


def test_hostile_html_is_escaped_in_every_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.html").write_text(HOSTILE, encoding="utf-8")
    (corpus / "plain.txt").write_text("Evil Corp raised €5 million in 2024.\n", encoding="utf-8")
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", str(corpus), "--format", "json"])
    assert extracted.exit_code == 0, extracted.output
    sentences = [c["sentence"] for c in json.loads(extracted.stdout)["claims"] if c["source"].endswith("evil.html")]
    assert any("<img src=x onerror=alert(1)>" in s for s in sentences)  # decoded: it is text, not markup
    assert all("alert(4)" not in s for s in sentences)
    report = tmp_path / "report.html"
    made = runner.invoke(main, ["report", str(corpus), "-o", str(report)])
    assert made.exit_code == 0, made.output
    page = report.read_text(encoding="utf-8")
    assert "<img src=x" not in page and "alert(3)</script>" not in page and "alert(4)" not in page
    comment = runner.invoke(main, ["check", str(corpus), "--format", "markdown", "--fail-on", "never"])
    assert comment.exit_code == 0, comment.output
    assert "Evil Corp" in comment.stdout and not re.search(r"(?<!\\)<(?:img|/?script)", comment.stdout)


# Inputs on which html.parser, or a naive Markdown regex, takes quadratic time (minutes at this
# size). Each must be read in one pass: the alarm only stops a hang, it times nothing.
QUADRATIC = [
    ("html-unclosed-attribute", html_text, '<a b="' * 20_000),
    ("html-unclosed-tags", html_text, "<a" * 20_000),
    ("html-unclosed-comments", html_text, "<!--" * 20_000),
    ("html-unclosed-cdata", html_text, "<![CDATA[" * 20_000),
    ("html-unclosed-instructions", html_text, "<?" * 20_000),
    ("md-open-brackets", markdown_text, "[" * 20_000),
    ("md-open-link-targets", markdown_text, "[a](" * 20_000),
    ("md-open-inline-html", markdown_text, "<a" * 20_000),
]


@pytest.mark.parametrize(("reader", "page"), [c[1:] for c in QUADRATIC], ids=[c[0] for c in QUADRATIC])
def test_hostile_markup_is_read_without_hanging(reader, page: str) -> None:  # type: ignore[no-untyped-def]
    signal.signal(signal.SIGALRM, _hung)
    signal.alarm(120)
    try:
        text, offsets = reader(page)
    finally:
        signal.alarm(0)
    assert len(offsets) == len(text)


def _hung(*_: object) -> None:
    raise TimeoutError("hostile markup took over two minutes: a quadratic path is back")


def test_a_lone_angle_bracket_is_text() -> None:
    text, offsets = html_text("<p>a < b and <b>bold</b> <unclosed tag</p>")
    assert text.strip() == "a < b and bold <unclosed tag"
    assert "<p>a < b and <b>bold</b> <unclosed tag</p>"[offsets[text.index("<unclosed")]] == "<"
