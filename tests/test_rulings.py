"""Rulings that cannot be lost: a ruling follows the claims the reviewer saw.

Each case builds a small corpus with one contradiction, rules on it with ``claimdiff review``,
changes the corpus (or the code) the way a real corpus changes, and checks what ``check``
shows: the ruling still applies, with the right status and the id the reviewer knows, or it
is reported as orphaned (by check, gate and the report) and kept in ``reviews.toml``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner, Result

import claimdiff.model
import claimdiff.normalize
from claimdiff.cli import main
from claimdiff.model import Claim
from claimdiff.store import read_rulings

CONFIG = '[[entity]]\nname = "Acme Robotics"\nkind = "organisation"\n'
LOW = "Acme Robotics was valued at €6 billion.\n"
HIGH = "Acme Robotics was valued at €11.7 billion.\n"
HEADCOUNT_LOW = "In 2023, Acme Robotics employed 1,200 people.\n"
HEADCOUNT_HIGH = "In 2023, Acme Robotics employed 3,400 people.\n"


def invoke(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", str(store), *args])


def check(corpus: Path, store: Path) -> dict[str, Any]:
    result = invoke(store, "check", str(corpus), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def valuation(document: dict[str, Any]) -> dict[str, Any]:
    (found,) = [d for d in document["discrepancies"] if d["subject"]["metric"] == "valuation"]
    return found


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, str]:
    """A corpus whose two sources disagree on a valuation, ruled ``confirmed``: (folder, store, id)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "claimdiff.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "a.txt").write_text(LOW, encoding="utf-8")
    (folder / "b.txt").write_text(HIGH, encoding="utf-8")
    store = tmp_path / "claims"
    identifier = valuation(check(folder, store))["id"]
    ruled = invoke(store, "review", identifier, "--status", "confirmed", "--note", "two dates", "--corpus", str(folder))
    assert ruled.exit_code == 0, ruled.output
    return folder, store, identifier


def _salted_ids(claims: list[Claim]) -> list[Claim]:
    """Claim ids as another version of the code might make them."""
    return [
        Claim(**{**c.__dict__, "id": "c-" + hashlib.sha256(("v2|" + c.id).encode()).hexdigest()[:12]}) for c in claims
    ]


def _salted_key(claim: Claim) -> str:
    return hashlib.sha256(f"v2|{claim.source}|{claim.text}".encode()).hexdigest()


def add(name: str, text: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def change(folder: Path, _: pytest.MonkeyPatch) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return change


def rename_entity(folder: Path, _: pytest.MonkeyPatch) -> None:
    """A better label: the entity gets its full name, the old one becomes an alias."""
    (folder / "claimdiff.toml").write_text(
        '[[entity]]\nname = "Acme Robotics SA"\nkind = "organisation"\naliases = ["Acme Robotics"]\n', encoding="utf-8"
    )


def new_code(_: Path, patch: pytest.MonkeyPatch) -> None:
    """Re-extraction by changed code: every claim id and every discrepancy id changes."""
    original = claimdiff.normalize.with_ids
    patch.setattr(claimdiff.normalize, "with_ids", lambda claims: _salted_ids(original(claims)))
    patch.setattr(claimdiff.model, "claim_key", _salted_key)


class Case(NamedTuple):
    change: Callable[[Path, pytest.MonkeyPatch], None]
    status: str  # the status check shows afterwards
    note: str  # what the note shown starts with


CASES = {
    "agreeing-source-added": Case(add("c.txt", "Acme Robotics was also valued at €6 billion.\n"), "confirmed", "two"),
    "source-changes-the-label": Case(
        add("c.txt", "In 2024, Acme Robotics was valued at €6 billion.\n"), "confirmed", "two"
    ),
    "better-entity-label": Case(rename_entity, "confirmed", "two"),
    "re-extracted-by-changed-code": Case(new_code, "confirmed", "two"),
    "ruled-sentence-edited": Case(
        add("b.txt", "Last spring, Acme Robotics was valued at €11.7 billion.\n"), "confirmed", "two"
    ),
    "new-position-reopens": Case(add("c.txt", "Acme Robotics was valued at €20 billion.\n"), "open", "reopened"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_ruling_follows_its_claims(
    case: Case, corpus: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, store, identifier = corpus
    case.change(folder, monkeypatch)
    document = check(folder, store)
    found = valuation(document)
    assert found["id"] == identifier, "the discrepancy keeps the id the reviewer ruled on"
    assert (found["status"], found["note"][: len(case.note)]) == (case.status, case.note)
    assert document["orphans"] == []
    ruling = read_rulings(store)[identifier]  # the ruling stays in reviews.toml
    if case.change is new_code:  # carried by quote: no claim id is the one ruled on
        assert {c.id for c in ruling.claims}.isdisjoint(c["id"] for c in found["claims"])


# --- orphaned rulings --------------------------------------------------------------------------


def test_a_ruling_whose_claims_are_gone_is_orphaned_everywhere(corpus: tuple[Path, Path, str]) -> None:
    folder, store, identifier = corpus
    assert invoke(store, "extract", str(folder), "--write").exit_code == 0
    (folder / "b.txt").write_text("Acme Robotics is based in Lyon.\n", encoding="utf-8")
    document = check(folder, store)
    assert [o["id"] for o in document["orphans"]] == [identifier]
    assert document["orphans"][0]["note"] == "two dates"
    assert {c["source"] for c in document["orphans"][0]["claims"]} == {str(folder / "a.txt"), str(folder / "b.txt")}
    text = invoke(store, "check", str(folder))
    assert "1 orphaned ruling(s)" in text.stdout and identifier in text.stdout
    gate = invoke(store, "gate", str(folder / "b.txt"), "--corpus", str(folder))
    assert gate.exit_code == 1, gate.output
    assert f"ruling {identifier} (confirmed: two dates) matches no discrepancy now (orphaned)" in gate.stderr
    report = tmp_report = folder.parent / "report.html"
    assert invoke(store, "report", str(folder), "-o", str(tmp_report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert "Orphaned rulings" in html and identifier in html
    assert identifier in read_rulings(store), "never dropped from reviews.toml"


def test_the_gate_passes_when_a_ruling_is_carried(corpus: tuple[Path, Path, str]) -> None:
    folder, store, identifier = corpus
    assert invoke(store, "extract", str(folder), "--write").exit_code == 0
    (folder / "c.txt").write_text("In 2024, Acme Robotics was valued at €6 billion.\n", encoding="utf-8")
    gate = invoke(store, "gate", str(folder / "c.txt"), "--corpus", str(folder), "--format", "json")
    assert gate.exit_code == 0, gate.output
    (found,) = json.loads(gate.stdout)["discrepancies"]
    assert (found["id"], found["status"]) == (identifier, "confirmed")


# --- the review command ------------------------------------------------------------------------


def test_resolved_needs_a_note(corpus: tuple[Path, Path, str]) -> None:
    folder, store, identifier = corpus
    result = invoke(store, "review", identifier, "--status", "resolved", "--corpus", str(folder))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--note" in result.stderr
    assert read_rulings(store)[identifier].status == "confirmed", "the earlier ruling is untouched"


def test_a_ruling_records_what_the_reviewer_saw(corpus: tuple[Path, Path, str]) -> None:
    folder, store, identifier = corpus
    ruling = read_rulings(store)[identifier]
    seen = sorted((Path(c.source).name, c.quote, c.text, c.value, c.position) for c in ruling.claims)
    assert seen == [
        ("a.txt", LOW.strip(), "€6 billion", 6e9, 0),
        ("b.txt", HIGH.strip(), "€11.7 billion", 11.7e9, 1),
    ]


def _valuation_and_headcount(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus of two sources disagreeing on a valuation and on a headcount, and its store."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "claimdiff.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "a.txt").write_text(LOW + "\n" + HEADCOUNT_LOW, encoding="utf-8")
    (folder / "b.txt").write_text(HIGH + "\n" + HEADCOUNT_HIGH, encoding="utf-8")
    return folder, tmp_path / "claims"


def test_two_reviewers_ruling_at_once_both_keep_their_ruling(tmp_path: Path) -> None:
    """Two processes write reviews.toml at the same moment: the lock makes them take turns."""
    folder, store = _valuation_and_headcount(tmp_path)
    ids = [d["id"] for d in check(folder, store)["discrepancies"] if d["kind"] == "contradiction"]
    assert len(ids) == 2
    command = [sys.executable, "-m", "claimdiff", "--store", str(store), "review"]
    reviewers = [
        subprocess.Popen(
            [*command, identifier, "--status", "dismissed", "--note", f"reviewer {n}", "--corpus", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n, identifier in enumerate(ids)
    ]
    for reviewer in reviewers:
        _, stderr = reviewer.communicate(timeout=120)
        assert reviewer.returncode == 0, stderr.decode()
    rulings = read_rulings(store)
    assert {i: rulings[i].note for i in ids} == {ids[0]: "reviewer 0", ids[1]: "reviewer 1"}
    shown = {d["id"]: d["status"] for d in check(folder, store)["discrepancies"]}
    assert [shown[i] for i in ids] == ["dismissed", "dismissed"]


def test_the_gate_leaves_rulings_it_cannot_see_alone(tmp_path: Path) -> None:
    """A ruling on a discrepancy the new source does not reach is neither carried nor orphaned."""
    folder, store = _valuation_and_headcount(tmp_path)
    found = check(folder, store)["discrepancies"]
    (headcount,) = [d["id"] for d in found if d["subject"]["metric"] != "valuation"]
    assert invoke(store, "review", headcount, "--status", "dismissed", "--corpus", str(folder)).exit_code == 0
    assert invoke(store, "extract", str(folder), "--write").exit_code == 0
    (folder / "c.txt").write_text("Acme Robotics was also valued at €6 billion.\n", encoding="utf-8")
    gate = invoke(store, "gate", str(folder / "c.txt"), "--corpus", str(folder), "--fail-on", "never")
    assert gate.exit_code == 0 and "orphaned" not in gate.output
    assert {d["id"]: d["status"] for d in check(folder, store)["discrepancies"]}[headcount] == "dismissed"
