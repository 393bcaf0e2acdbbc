"""The gate shows what check shows: the same discrepancies, for every claim of the new sources.

A reviewer rules on what the gate shows, so ``gate FILE`` must report exactly the
discrepancies of ``check`` on the whole corpus that hold a claim of FILE: same ids, claims,
positions, explanations and kinds. Checked for every seed (a changed source: the store
already holds it) and for new sources added to a copy of the corpus.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

from claimdiff.cli import main
from claimdiff.model import FAIL_ON, KINDS, SEVERITIES, fails
from claimdiff.sources import SOURCE_SUFFIXES

from .conftest import ROOT, SEEDS

SEED_FILES = sorted(p.name for p in SEEDS.iterdir() if p.name.lower().endswith(SOURCE_SUFFIXES))


def run(*args: str) -> tuple[int, dict[str, Any]]:
    """Run claimdiff; return its exit code and its JSON output (after checking it is no crash)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def holding(check: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """The discrepancies of a check document that hold a claim of ``path``."""
    return [d for d in check["discrepancies"] if any(c["source"] == path for c in d["claims"])]


def summary(discrepancies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a reviewer sees of each discrepancy: enough to tell two of them apart at a glance."""
    return [
        {
            "id": d["id"],
            "kind": d["kind"],
            "explanation": d["explanation"],
            "claims": [(c["id"], c["position"]) for c in d["claims"]],
        }
        for d in discrepancies
    ]


def assert_same(gate: dict[str, Any], expected: list[dict[str, Any]]) -> None:
    assert summary(gate["discrepancies"]) == summary(expected)
    assert gate["discrepancies"] == expected  # every other field too (values, subject, severity)


# --- every seed, as a changed source ----------------------------------------------------------


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """From the repository root: a fresh store of the seeds in a temporary folder, and the committed one."""
    fresh = tmp_path_factory.mktemp("store")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(main, ["--store", str(fresh), "extract", "seeds/", "--write"])
        assert result.exit_code == 0, result.output
        yield {"fresh-store": str(fresh), "committed-store": "claims"}


@pytest.fixture(scope="module")
def check_seeds(stores: dict[str, str]) -> dict[str, Any]:
    return run("--store", stores["fresh-store"], "check", "seeds/", "--format", "json")[1]


@pytest.mark.parametrize("store", ["fresh-store", "committed-store"])
@pytest.mark.parametrize("name", SEED_FILES)
def test_gate_on_a_seed_shows_what_check_shows(
    stores: dict[str, str], check_seeds: dict[str, Any], name: str, store: str
) -> None:
    path = f"seeds/{name}"
    _, gate = run("--store", stores[store], "gate", path, "--corpus", "seeds", "--format", "json")
    assert_same(gate, holding(check_seeds, path))


# --- new sources added to a copy of the corpus ------------------------------------------------


class NewSource(NamedTuple):
    text: str
    kinds: tuple[str, ...]  # the kinds of the discrepancies the gate shows, in order
    fails: bool  # whether the gate exits 1: a new claim takes a position no other source holds


NEW_SOURCES = {
    "contradicts-the-summit-pledges": NewSource(
        "The AI Action Summit pledges reached €150 billion in investments for AI infrastructure in France.\n",
        ("contradiction",),
        True,
    ),
    "sides-with-109-billion": NewSource(
        "Investors pledged €109 billion in investments for AI infrastructure in France at the AI Action Summit.\n",
        ("contradiction",),
        False,
    ),
    "sides-with-105-billion-in-french": NewSource(
        "Le Sommet pour l'action sur l'IA a réuni 105 milliards d'euros d'investissements dans les "
        "infrastructures d'IA en France.\n",
        ("contradiction",),
        False,
    ),
    "describes-mistral-ai-otherwise": NewSource(
        "Mistral AI: Specializes in sailing boats for ocean racing and coastal cruising in Brittany.\n",
        ("description",),
        False,
    ),
    "itemises-a-total": NewSource(
        "In 2025, the French government announced €10 billion for AI research.\n"
        "The first phase brings €4 billion for AI research.\n"
        "A further €6 billion for AI research follows in the second phase.\n",
        ("sum",),
        False,
    ),
    "unrelated": NewSource("Paris hosts the VivaTech fair every June.\n", (), False),
}


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the seeds and its claim store, written before any new source."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", "seeds/", "--write"])
    assert result.exit_code == 0, result.output
    return tmp_path


@pytest.mark.parametrize("case", NEW_SOURCES.values(), ids=NEW_SOURCES.keys())
def test_gate_on_a_new_source_shows_what_check_shows(corpus: Path, case: NewSource) -> None:
    (corpus / "seeds" / "new.txt").write_text(case.text, encoding="utf-8")
    code, gate = run("gate", "seeds/new.txt", "--format", "json")
    _, check = run("check", "seeds/", "--format", "json")
    assert_same(gate, holding(check, "seeds/new.txt"))
    assert tuple(d["kind"] for d in gate["discrepancies"]) == case.kinds
    assert code == (1 if case.fails else 0)


# --- the table of discrepancy kinds -----------------------------------------------------------


class FailCase(NamedTuple):
    kind: str
    severity: str
    fail_on: str
    fails: bool


FAIL_CASES = {
    "contradiction-fails-on-contradiction": FailCase("contradiction", "error", "contradiction", True),
    "contradiction-fails-on-any": FailCase("contradiction", "error", "any", True),
    "contradiction-passes-on-never": FailCase("contradiction", "error", "never", False),
    "scope-passes-on-contradiction": FailCase("scope", "warning", "contradiction", False),
    "scope-fails-on-any": FailCase("scope", "warning", "any", True),
    "description-fails-on-any": FailCase("description", "warning", "any", True),
    "description-passes-on-never": FailCase("description", "warning", "never", False),
    "sum-that-adds-up-passes-on-any": FailCase("sum", "info", "any", False),
    "sum-that-does-not-add-up-fails-on-any": FailCase("sum", "warning", "any", True),
    "sum-that-does-not-add-up-passes-on-contradiction": FailCase("sum", "warning", "contradiction", False),
}


@pytest.mark.parametrize("case", FAIL_CASES.values(), ids=FAIL_CASES.keys())
def test_fail_on(case: FailCase) -> None:
    assert fails(case.kind, case.severity, case.fail_on) is case.fails


def test_kind_table_keeps_published_rule_ids_and_levels() -> None:
    """Code-scanning alerts are keyed by rule id; the ids and levels are a published contract."""
    assert {k.name: (k.rule_id, k.severity, k.sarif_level) for k in KINDS.values()} == {
        "contradiction": ("CD001", "error", "error"),
        "scope": ("CD002", "warning", "warning"),
        "description": ("CD003", "warning", "warning"),
        "sum": ("CD004", "info", "warning"),
    }
    assert {s.name: (s.sarif_level, s.github_command) for s in SEVERITIES.values()} == {
        "error": ("error", "error"),
        "warning": ("warning", "warning"),
        "info": ("note", "notice"),
    }
    assert list(FAIL_ON) == ["contradiction", "any", "never"]  # the order --help shows
