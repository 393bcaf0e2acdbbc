"""The command line end to end: exit codes, formats, the claim store, rulings and the gate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from claimdiff.cli import main

from .conftest import SEEDS

CONTRADICTING = "The AI Action Summit pledges reached €150 billion in investments for AI infrastructure in France.\n"
AGREEING = "Investors pledged €109 billion in investments for AI infrastructure in France at the AI Action Summit.\n"
UNRELATED = "Paris hosts the VivaTech fair every June.\n"
SUMMIT_ID = "d-b0f83c36d7"


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the seeds and an up-to-date claim store."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", "seeds/", "--write"])
    assert result.exit_code == 0, result.output
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_json_contract(corpus: Path) -> None:
    code, out, _ = run("extract", "seeds/")
    assert code == 0
    document = json.loads(out)
    assert document["version"] == 1
    claim = next(c for c in document["claims"] if c["text"] == "€105 billion")
    for field in (
        "id",
        "source",
        "line",
        "column",
        "text",
        "sentence",
        "kind",
        "value",
        "low",
        "high",
        "unit",
        "original",
        "qualifier",
        "period",
    ):
        assert field in claim
    assert claim["source"] == "seeds/002_e808da6115982e84.txt" and claim["line"] == 31


def test_extract_csv(corpus: Path) -> None:
    code, out, _ = run("extract", "seeds/", "--format", "csv")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("id,source,line,column,text,sentence,kind,value,low,high,unit,original_value")
    assert len(rows) > 100


def test_extract_write_is_deterministic(corpus: Path) -> None:
    first = (corpus / "claims" / "claims.jsonl").read_bytes()
    assert run("extract", "seeds/", "--write")[0] == 0
    assert (corpus / "claims" / "claims.jsonl").read_bytes() == first
    assert run("extract", "seeds/", "--check")[0] == 0


def test_stale_store_is_caught(corpus: Path) -> None:
    (corpus / "seeds" / "new.txt").write_text(UNRELATED, encoding="utf-8")
    code, _, err = run("extract", "seeds/", "--check")
    assert code == 1
    assert "stale" in err and "seeds/new.txt" in err


def test_check_exit_codes_and_fail_on(corpus: Path) -> None:
    assert run("check", "seeds/")[0] == 1
    assert run("check", "seeds/", "--fail-on", "never")[0] == 0
    code, out, _ = run("check", "seeds/", "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert {d["kind"] for d in document["discrepancies"]} >= {"contradiction", "description"}
    assert all("position" in c for d in document["discrepancies"] for c in d["claims"])


def test_report_is_byte_identical(corpus: Path) -> None:
    assert run("report", "seeds/", "-o", "a.html")[0] == 0
    assert run("report", "seeds/", "-o", "b.html")[0] == 0
    assert (corpus / "a.html").read_bytes() == (corpus / "b.html").read_bytes()


def test_gate_contradicting_agreeing_unrelated(corpus: Path) -> None:
    (corpus / "seeds" / "contra.txt").write_text(CONTRADICTING, encoding="utf-8")
    (corpus / "seeds" / "agree.txt").write_text(AGREEING, encoding="utf-8")
    (corpus / "seeds" / "other.txt").write_text(UNRELATED, encoding="utf-8")
    code, out, _ = run("gate", "seeds/contra.txt", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=seeds/contra.txt,line=1,col=")
    assert "002_e808da6115982e84.txt%3A31" not in out  # messages escape data, not properties
    assert "seeds/002_e808da6115982e84.txt:31" in out
    assert run("gate", "seeds/agree.txt")[0] == 0
    assert run("gate", "seeds/other.txt")[0] == 0


def test_ruling_makes_the_gate_pass_and_keeps_other_entries(corpus: Path) -> None:
    (corpus / "seeds" / "contra.txt").write_text(CONTRADICTING, encoding="utf-8")
    reviews = corpus / "claims" / "reviews.toml"
    reviews.write_text(
        '# house rules: rule within a week\n[d-0000000000]\nstatus = "dismissed" # kept\nnote = "old"\n',
        encoding="utf-8",
    )
    assert run("gate", "seeds/contra.txt")[0] == 1
    code, out, _ = run(
        "review",
        SUMMIT_ID,
        "--status",
        "confirmed",
        "--note",
        "pledges counted differently",
        "--by",
        "tester",
    )
    assert code == 0, out
    text = reviews.read_text(encoding="utf-8")
    assert "# house rules: rule within a week" in text and 'status = "dismissed" # kept' in text
    assert f"[{SUMMIT_ID}]" in text
    assert run("gate", "seeds/contra.txt")[0] == 0
    code, out, _ = run("check", "seeds/", "--format", "json")
    statuses = {d["id"]: d["status"] for d in json.loads(out)["discrepancies"]}
    assert statuses[SUMMIT_ID] == "confirmed"


def test_malformed_rulings_name_the_line_and_are_not_overwritten(corpus: Path) -> None:
    reviews = corpus / "claims" / "reviews.toml"
    broken = '[d-1]\nstatus = "confirmed"\nnote = \n'
    reviews.write_text(broken, encoding="utf-8")
    code, _, err = run("review", SUMMIT_ID, "--status", "dismissed")
    assert code == 2
    assert "reviews.toml:3" in err and "Traceback" not in err
    assert reviews.read_text(encoding="utf-8") == broken


def test_sarif_locations_and_fingerprints(corpus: Path) -> None:
    (corpus / "seeds" / "contra.txt").write_text(CONTRADICTING, encoding="utf-8")
    code, out, _ = run("gate", "seeds/contra.txt", "--format", "sarif")
    assert code == 1
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/contra.txt"
    assert len(result["relatedLocations"]) == 3
    assert result["partialFingerprints"]["claimdiffDiscrepancy/v1"] == SUMMIT_ID


def test_sarif_validates_against_the_official_schema(corpus: Path, shared_dir: Path) -> None:
    schema = json.loads((shared_dir / "peer-specs" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    (corpus / "seeds" / "contra.txt").write_text(CONTRADICTING, encoding="utf-8")
    for args in (["gate", "seeds/contra.txt"], ["check", "seeds/"]):
        code, out, _ = run(*args, "--format", "sarif")
        assert code == 1, args
        jsonschema.validate(json.loads(out), schema)


def test_markdown_is_a_pr_comment(corpus: Path) -> None:
    code, out, _ = run("check", "seeds/", "--format", "markdown")
    assert out.startswith("### claimdiff check:")
    assert "| kind | subject | sources | explanation |" in out and "<details>" in out
    assert len(out) < 65_000


def test_gate_since_git_ref(corpus: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=corpus, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "add", "seeds")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "corpus")
    (corpus / "seeds" / "contra.txt").write_text(CONTRADICTING, encoding="utf-8")
    code, out, _ = run("gate", "--since", "HEAD", "--format", "json")
    assert code == 1
    assert any(c["source"] == "seeds/contra.txt" for d in json.loads(out)["discrepancies"] for c in d["claims"])
    code, _, err = run("gate", "--since", "no-such-ref")
    assert code == 2 and "no-such-ref" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing/"], "no such file or folder"),
        (["gate"], "name the new sources"),
        (["review", "d-nope", "--status", "confirmed"], "no discrepancy d-nope"),
    ],
    ids=["missing-path", "gate-without-sources", "review-unknown-id"],
)
def test_usage_errors_exit_2_on_one_line(corpus: Path, args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_python_dash_m(corpus: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "claimdiff", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "claimdiff" in result.stdout


def test_committed_outputs_are_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """reports/discrepancies.html and claims/ are what the README's command regenerates."""
    root = SEEDS.parent
    monkeypatch.chdir(root)
    out = tmp_path / "report.html"
    assert run("report", "-o", str(out))[0] == 0
    assert out.read_bytes() == (root / "reports" / "discrepancies.html").read_bytes()
    assert run("extract", "seeds/", "--check")[0] == 0


@pytest.mark.parametrize(("threshold", "expected"), [(0.0, 6), (0.9, 3), (1.0, 3)], ids=["all", "sure", "certain"])
def test_min_confidence_leaves_out_less_sure_matches(threshold: float, expected: int) -> None:
    code, out, _ = run("check", str(SEEDS), "--format", "json", "--min-confidence", str(threshold))
    found = json.loads(out)["discrepancies"]
    assert len(found) == expected
    assert all(d["confidence"] >= threshold for d in found)
