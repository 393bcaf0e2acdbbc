"""A long fuzz run: extraction and comparison, then hostile corpora through every output.

Part 1 uses the strategies of tests/test_hostile.py with many more examples (the suite runs a
short one). Part 2 writes random corpora whose file names and texts are made of hostile
pieces (control characters, terminal escapes, bidi controls, workflow commands, Markdown,
HTML and script, CSV formulas, percent signs), runs ``check`` in every format and
``extract --format csv`` on each, and asserts the checks of tests/test_attacks.py (nothing
raw reaches a terminal, no workflow command but ours, inert Markdown, no CSV formula, SARIF
URIs that decode back to the file). Every report is rendered and opened in headless Chromium
(Debian's, driven by playwright), which must run no script of the corpus, show no dialog and
make no request. It prints how many inputs ran, how long they took, and the slowest one.

    python benchmarks/fuzz.py [--examples 5000] [--corpora 200] [--seed 13]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402
from tests.test_attacks import (  # noqa: E402
    Run,
    inert_markdown,
    no_raw_controls,
    no_workflow_command,
    only_our_workflow_commands,
    safe_csv,
    valid_sarif_uris,
)
from tests.test_hostile import PIECES, _check_invariants  # noqa: E402

from claimdiff.cli import main as claimdiff  # noqa: E402
from claimdiff.pipeline import load_corpus  # noqa: E402
from claimdiff.report import render_report  # noqa: E402

# What a hostile contributor puts into names and texts.
HOSTILE = [
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\x00",
    "\x7f",
    "\r",
    "\n",
    "\t",
    "\n::add-mask::x\n",
    "\n::stop-commands::t\n",
    "##[warning]",
    "::error::",
    "%0A",
    "%",
    "`",
    "``",
    "|",
    "![i](https://evil.example/p.png)",
    "[l](javascript:window.__pwned=1)",
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "<svg onload=window.__pwned=3>",
    "{{ 7*7 }}",
    "{% raw %}",
    "@octocat",
    "#1",
    "www.evil.example",
    "https://evil.example/",
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(1)",
    "&amp;",
    "$x$",
    "~~s~~",
    ":smile:",
    "'",
    '"',
    "\\",
    "é",
    "ﬁ",
]
SENTENCES = [
    "Evil Corp raised €{n} billion for AI infrastructure in France.",
    "The AI Action Summit pledges reached €{n} billion in investments for AI infrastructure in France.",
    "Mistral AI: {h} builds {h} models.",
    "France has {n} AI startups.",
]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def hostile_name(rng: random.Random) -> str:
    pieces = "".join(rng.choice(HOSTILE + ["a", "b", " ", "."]) for _ in range(rng.randint(1, 6)))
    name = pieces.replace("/", "∕").replace("\x00", "")[:60] + f"{rng.randrange(10**6)}.txt"
    return name if name.encode("utf-8", "surrogatepass").__len__() < 240 else f"{rng.randrange(10**6)}.txt"


def hostile_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 4)):
        sentence = rng.choice(SENTENCES)
        lines.append(sentence.format(n=rng.choice([105, 109, 150, 1000, 2]), h=rng.choice(HOSTILE)))
        lines.append(" ".join(rng.choice(HOSTILE + ["€5 billion", "more than"]) for _ in range(rng.randint(0, 5))))
    return "\n".join(lines).replace("\x00", "") + "\n"


@contextlib.contextmanager
def working_folder() -> Iterator[Path]:
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="claimdiff-fuzz-") as folder:
        os.chdir(folder)
        try:
            yield Path(folder)
        finally:
            os.chdir(cwd)


def run(*args: str) -> Run:
    started = time.perf_counter()
    result = CliRunner().invoke(claimdiff, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stderr
    return Run(result.exit_code, result.stdout, result.stderr, time.perf_counter() - started)


def check_corpus(folder: Path) -> float:
    """Every output of one hostile corpus, checked; the slowest command's time."""
    runs = {
        "text": (run("check", "corpus/"), no_workflow_command),
        "github": (run("check", "corpus/", "--format", "github"), no_raw_controls),
        "markdown": (run("check", "corpus/", "--format", "markdown"), inert_markdown),
        "sarif": (run("check", "corpus/", "--format", "sarif"), None),
        "json": (run("check", "corpus/", "--format", "json"), no_raw_controls),
        "csv": (run("extract", "corpus/", "--format", "csv"), None),
    }
    for name, (result, check) in runs.items():
        assert result.code in (0, 1), (name, result.err)
        if check:
            check(result, folder)
    if runs["github"][0].out.strip():
        only_our_workflow_commands(runs["github"][0], folder)
    if '"results": [\n        {' in runs["sarif"][0].out:
        valid_sarif_uris(runs["sarif"][0], folder)
    if runs["csv"][0].out.count("\n") > 1:
        safe_csv(runs["csv"][0], folder)
    return max(result.seconds for result, _ in runs.values())


def open_reports(paths: list[Path]) -> int:
    """Open every report in Chromium; none may run a script, show a dialog or fetch anything."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for path in paths:
            page = browser.new_page()
            events: dict[str, list[Any]] = {"requests": [], "dialogs": []}
            page.on(
                "request", lambda r, e=events: e["requests"].append(r.url) if not r.url.startswith("file:") else None
            )
            page.on("dialog", lambda d, e=events: (e["dialogs"].append(d.message), d.dismiss()))
            page.goto(path.resolve().as_uri())
            page.fill("#f-search", "evil")
            assert page.evaluate("window.__pwned === undefined"), path
            assert events == {"requests": [], "dialogs": []}, (path, events)
            page.close()
        browser.close()
    return len(paths)


def hostile_corpora(count: int, seed: int, reports: Path) -> None:
    rng = random.Random(seed)
    started = time.perf_counter()
    slowest, files = 0.0, 0
    written = []
    for index in range(count):
        with working_folder() as folder:
            (folder / "corpus").mkdir()
            for _ in range(rng.randint(2, 5)):
                (folder / "corpus" / hostile_name(rng)).write_text(hostile_text(rng), encoding="utf-8")
                files += 1
            slowest = max(slowest, check_corpus(folder))
            html = render_report(load_corpus(["corpus/"]))
            written.append(reports / f"report-{index:04d}.html")
            written[-1].write_text(html, encoding="utf-8")
    print(
        f"hostile corpora: {count:,} corpora, {files:,} files, 6 outputs each, every check held "
        f"({time.perf_counter() - started:.0f} s; slowest command {slowest:.2f} s)"
    )
    if not Path(CHROMIUM).exists():
        print("browser: skipped (no chromium; `apt-get install chromium`)")
        return
    started = time.perf_counter()
    opened = open_reports(written)
    print(
        f"browser: {opened:,} reports opened in Chromium, no script ran, no dialog, no request "
        f"({time.perf_counter() - started:.0f} s)"
    )


def extraction(examples: int) -> None:
    stats = {"runs": 0, "slowest": 0.0, "slowest_input": ""}

    def timed(text: str, language: str) -> None:
        started = time.perf_counter()
        _check_invariants(text, language)
        elapsed = time.perf_counter() - started
        stats["runs"] += 1
        if elapsed > stats["slowest"]:
            stats["slowest"], stats["slowest_input"] = elapsed, text[:80]

    config = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    sentences = given(pieces=st.lists(st.sampled_from(PIECES), max_size=60), language=st.sampled_from(["en", "fr"]))(
        lambda pieces, language: timed(" ".join(pieces), language)
    )
    raw = given(text=st.text(max_size=2000), language=st.sampled_from(["en", "fr"]))(timed)
    started = time.perf_counter()
    for name, test in (("generated sentences", sentences), ("random text", raw)):
        before = stats["runs"]
        config(test)()
        print(f"{name}: {stats['runs'] - before:,} inputs, no exception, invariants held")
    total = time.perf_counter() - started
    print(
        f"{stats['runs']:,} inputs in {total:.0f} s; "
        f"slowest {stats['slowest'] * 1000:.0f} ms: {stats['slowest_input']!r}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=20_000, help="inputs per extraction strategy")
    parser.add_argument("--corpora", type=int, default=200, help="hostile corpora through every output")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    extraction(args.examples)
    with tempfile.TemporaryDirectory(prefix="claimdiff-reports-") as reports:
        hostile_corpora(args.corpora, args.seed, Path(reports))


if __name__ == "__main__":
    main()
