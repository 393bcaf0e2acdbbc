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
SUMMIT_ID = "d-f8e1083677"


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
    code, out, _ = run("gate", "seeds/contra.txt", "--format", "json")
    assert code == 1
    # A new position (€150 bn) is a new disagreement: the summit's discrepancy gets a new id.
    (summit,) = [d["id"] for d in json.loads(out)["discrepancies"] if d["kind"] == "contradiction"]
    code, out, _ = run(
        "review",
        summit,
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
    assert f"[{summit}]" in text
    assert run("gate", "seeds/contra.txt")[0] == 0
    code, out, _ = run("check", "seeds/", "--format", "json")
    statuses = {d["id"]: d["status"] for d in json.loads(out)["discrepancies"]}
    assert statuses[summit] == "confirmed"


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
    _, listing, _ = run("gate", "seeds/contra.txt", "--format", "json")
    (shown,) = [d["id"] for d in json.loads(listing)["discrepancies"] if d["kind"] == "contradiction"]
    assert result["partialFingerprints"]["claimdiffDiscrepancy/v1"] == shown


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


@pytest.mark.parametrize(("threshold", "expected"), [(0.0, 7), (0.9, 4), (1.0, 4)], ids=["all", "sure", "certain"])
def test_min_confidence_leaves_out_less_sure_matches(threshold: float, expected: int) -> None:
    code, out, _ = run("check", str(SEEDS), "--format", "json", "--min-confidence", str(threshold))
    found = json.loads(out)["discrepancies"]
    assert len(found) == expected
    assert all(d["confidence"] >= threshold for d in found)


# --- the command line of a linter: formats, -o, exclusions, stdin, -q/-v, colour, statistics ----

SMALL_CONFIG = '[[entity]]\nname = "Acme Robotics"\nkind = "organisation"\n'
VALUED_LOW = "Acme Robotics was valued at €6 billion.\n"
VALUED_HIGH = "Acme Robotics was valued at €11.7 billion.\n"


@pytest.fixture()
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-source corpus with one contradiction, and a sub-folder of drafts holding another."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    (folder / "drafts").mkdir(parents=True)
    (folder / "claimdiff.toml").write_text(SMALL_CONFIG, encoding="utf-8")
    (folder / "a.txt").write_text(VALUED_LOW, encoding="utf-8")
    (folder / "b.txt").write_text(VALUED_HIGH, encoding="utf-8")
    (folder / "drafts" / "c.txt").write_text("Acme Robotics was valued at €30 billion.\n", encoding="utf-8")
    return folder


def sources_read(folder: Path, *args: str) -> list[str]:
    code, out, err = run("check", str(folder), "--format", "json", "--fail-on", "never", *args)
    assert code == 0, err
    return sorted(Path(s["path"]).relative_to(folder).as_posix() for s in json.loads(out)["sources"])


EXCLUSIONS = {
    "nothing-excluded": ([], "", ["a.txt", "b.txt", "drafts/c.txt"]),
    "exclude-a-file": (["--exclude", "b.txt"], "", ["a.txt", "drafts/c.txt"]),
    "exclude-a-folder": (["--exclude", "drafts/"], "", ["a.txt", "b.txt"]),
    "exclude-repeated": (["--exclude", "drafts/", "--exclude", "a.*"], "", ["b.txt"]),
    "ignore-file": ([], "# drafts are not sources\ndrafts/\n", ["a.txt", "b.txt"]),
    "ignore-file-negation": ([], "*.txt\n!a.txt\n", ["a.txt"]),
    "ignore-file-and-flag": (["--exclude", "a.txt"], "drafts/\n", ["b.txt"]),
}


@pytest.mark.parametrize(("args", "ignore", "expected"), EXCLUSIONS.values(), ids=EXCLUSIONS.keys())
def test_exclude_and_claimdiffignore(small: Path, args: list[str], ignore: str, expected: list[str]) -> None:
    if ignore:
        (small / ".claimdiffignore").write_text(ignore, encoding="utf-8")
    assert sources_read(small, *args) == expected


def test_config_exclude_key(small: Path) -> None:
    (small / "claimdiff.toml").write_text(SMALL_CONFIG + '\n[defaults]\nexclude = ["drafts/"]\n', encoding="utf-8")
    assert sources_read(small) == ["a.txt", "b.txt"]
    assert sources_read(small, "--exclude", "b.txt") == ["a.txt"], "--exclude adds to the config's globs"


EMPTY = {
    "empty-folder": ("empty", [], "", 2),
    "all-excluded": ("corpus", ["--exclude", "*.txt"], "", 2),
    "allow-empty-flag": ("empty", ["--allow-empty"], "", 0),
    "allow-empty-config": ("empty", [], "[defaults]\nallow_empty = true\n", 0),
}


@pytest.mark.parametrize(("folder", "args", "config", "code"), EMPTY.values(), ids=EMPTY.keys())
def test_an_empty_corpus_is_an_input_error(small: Path, folder: str, args: list[str], config: str, code: int) -> None:
    target = small.parent / folder
    target.mkdir(exist_ok=True)
    if config:
        (target / "claimdiff.toml").write_text(config, encoding="utf-8")
    for command in (["check"], ["extract"], ["report", "-o", "r.html"]):
        got, _, err = run(*command, str(target), *args)
        assert got == code, (command, err)
        if code == 2:
            assert err.count("\n") == 1 and "no readable source" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[defaults]\nexclude = "drafts/"\n', "'exclude' must be a list of strings"),
        ('[defaults]\nallow_empty = "yes"\n', "'allow_empty' must be true or false"),
    ],
    ids=["exclude-not-a-list", "allow-empty-not-a-boolean"],
)
def test_new_config_keys_are_validated(small: Path, config: str, message: str) -> None:
    (small / "claimdiff.toml").write_text(config, encoding="utf-8")
    code, _, err = run("check", str(small))
    assert code == 2 and message in err and "claimdiff.toml:2" in err


def test_dash_reads_one_source_from_standard_input(small: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", str(small / "a.txt"), "-", "--format", "json"], input=VALUED_HIGH.encode()
    )
    assert result.exit_code == 1, result.stderr
    (found,) = json.loads(result.stdout)["discrepancies"]
    assert {Path(c["source"]).name for c in found["claims"]} == {"a.txt", "<stdin>"}
    alone = CliRunner().invoke(main, ["extract", "-"], input=VALUED_LOW.encode())
    assert [c["source"] for c in json.loads(alone.stdout)["claims"]] == ["<stdin>"]
    binary = CliRunner().invoke(main, ["extract", "-"], input=b"\x00\x01\x02binary")
    assert binary.exit_code == 2 and binary.stderr.count("\n") == 1


OUTPUTS = {
    "extract": (["extract", "corpus"], '"claims"'),
    "check": (["check", "corpus", "--fail-on", "never"], "contradiction"),
    "check-junit": (["check", "corpus", "--format", "junit", "--fail-on", "never"], "<testsuites"),
    "gate": (["gate", "corpus/b.txt", "--corpus", "corpus", "--fail-on", "never"], "contradiction"),
    "report": (["report", "corpus"], "<!DOCTYPE html>"),
}


@pytest.mark.parametrize(("args", "expected"), OUTPUTS.values(), ids=OUTPUTS.keys())
def test_every_command_that_writes_output_takes_o(small: Path, args: list[str], expected: str) -> None:
    target = small.parent / "out" / "result.txt"
    target.parent.mkdir()
    code, out, err = run(*args, "-o", str(target))
    assert code == 0, err
    assert expected in target.read_text(encoding="utf-8")
    assert expected not in out


def test_gitlab_code_quality_report(small: Path) -> None:
    code, out, _ = run("check", str(small), "--format", "gitlab")
    assert code == 1
    issues = json.loads(out)
    assert len(issues) == 1  # the valuation: a.txt and drafts/c.txt against b.txt
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert (small / issue["location"]["path"]).exists() or Path(issue["location"]["path"]).exists()
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    ruled = run(
        "review",
        issues[0]["description"].rsplit("(", 1)[1].split(",")[0],
        "--status",
        "dismissed",
        "--corpus",
        str(small),
    )
    assert ruled[0] == 0, ruled[2]
    assert json.loads(run("check", str(small), "--format", "gitlab")[1]) == [], "a dismissed discrepancy is settled"


def test_junit_one_case_per_discrepancy_failing_when_open(small: Path) -> None:
    import xml.etree.ElementTree as ET

    hostile = small / 'x<&"y>.txt'
    hostile.write_text("Acme Robotics was valued at €50 billion.\n", encoding="utf-8")
    code, out, _ = run("check", str(small), "--format", "junit")
    suite = ET.fromstring(out)  # well-formed despite the file name
    _, listing, _ = run("check", str(small), "--format", "json")
    discrepancies = json.loads(listing)["discrepancies"]
    cases = suite.findall("./testsuite/testcase")
    assert len(cases) == len(discrepancies)
    failing = [c for c in cases if c.find("failure") is not None]
    assert len(failing) == sum(d["status"] == "open" for d in discrepancies) == int(suite.get("failures", "-1"))
    assert any(c.get("file", "").endswith('x<&"y>.txt') for c in cases)


@pytest.mark.parametrize(
    ("tty", "no_color", "output", "expected"),
    [
        (True, None, None, True),
        (True, "", None, False),
        (True, "1", None, False),
        (False, None, None, False),
        (True, None, "out.txt", False),
        (True, None, "-", True),
    ],
    ids=["terminal", "no-color-empty", "no-color-set", "pipe", "to-a-file", "dash-is-stdout"],
)
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, tty: bool, no_color: str | None, output: str | None, expected: bool
) -> None:
    from claimdiff.cli import context

    monkeypatch.setattr(context.sys.stdout, "isatty", lambda: tty)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert context.colour_wanted(output) is expected


def test_colour_marks_the_severity_word_only(small: Path) -> None:
    from claimdiff.formats import Findings, format_text
    from claimdiff.pipeline import load_corpus

    corpus = load_corpus([str(small / "a.txt"), str(small / "b.txt")])
    plain = format_text(Findings(corpus.sources, corpus.discrepancies))
    coloured = format_text(Findings(corpus.sources, corpus.discrepancies, colour=True))
    assert "\x1b" not in plain
    assert coloured.replace("\x1b[31m\x1b[1m", "").replace("\x1b[0m", "") == plain


def test_quiet_and_verbose(small: Path) -> None:
    code, out, err = run("check", str(small), "-q")
    assert code == 1 and out.count("\n") == 1 and "failing --fail-on contradiction" in out
    code, out, err = run("check", str(small), "-v")
    assert code == 1 and "[error] contradiction" in out
    assert "claimdiff: reading" in err and "claimdiff: compared them" in err and "applied the rulings" in err
    code, out, err = run("report", str(small), "-o", "r.html", "-q")
    assert code == 0 and out.count("\n") == 1 and err == ""


def test_statistics(small: Path) -> None:
    code, out, _ = run("check", str(small), "--statistics", "--format", "json")
    counts = json.loads(out)["statistics"]
    _, listing, _ = run("check", str(small), "--format", "json")
    discrepancies = json.loads(listing)["discrepancies"]
    assert code == 1, "the exit code still follows --fail-on"
    assert counts["discrepancies"] == len(discrepancies) == sum(r["count"] for r in counts["by_kind"])
    per_source = {Path(r["source"]).name: r["count"] for r in counts["by_source"]}
    assert per_source["a.txt"] == sum(any(c["source"].endswith("a.txt") for c in d["claims"]) for d in discrepancies)
    code, text, _ = run("check", str(small), "--statistics")
    assert "discrepancies in total" in text and "per source:" in text
    code, _, err = run("check", str(small), "--statistics", "--format", "sarif")
    assert code == 2 and "--statistics prints text or json" in err


def test_gate_reads_a_new_source_from_standard_input(small: Path) -> None:
    assert run("extract", str(small), "--write")[0] == 0
    result = CliRunner().invoke(
        main,
        ["gate", "-", "--corpus", str(small), "--format", "json"],
        input=b"Acme Robotics was valued at \xe2\x82\xac20 billion.\n",
    )
    assert result.exit_code == 1, result.stderr
    (found,) = json.loads(result.stdout)["discrepancies"]
    assert "<stdin>" in {c["source"] for c in found["claims"]}
    for args in (["extract", "-", "--write"], ["extract", "-", "--check"]):
        code, _, err = run(*args)
        assert code == 2 and "standard input" in err
