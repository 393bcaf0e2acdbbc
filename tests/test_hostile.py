"""Hostile and broken input: the matrix of README's "Bad input" table, fuzzing, no hangs.

Each row states what the user sees; the README table is generated from the same facts.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff.cli import main
from claimdiff.model import Claim
from claimdiff.pipeline import analyse_source, find_discrepancies
from claimdiff.sources import Source, build_source

from .conftest import KNOWLEDGE, SEEDS

SENTENCE = "France has 1,000 AI startups and raised €1.9 billion in 2024.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _claims_from(path: Path) -> tuple[int, str, str]:
    return run("extract", str(path), "--format", "csv")


# --- the input matrix -------------------------------------------------------------------------

MATRIX = [
    # (id, file name, bytes, exit code, text expected on stderr ("" = none), claims expected)
    ("empty", "empty.txt", b"", 0, "empty, no claims", 0),
    ("png", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "binary file (a PNG image)", 0),
    ("pdf", "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 2, "binary file (a PDF)", 0),
    ("nul-bytes", "nul.txt", b"France has\x00 1,000 startups", 2, "binary file (contains NUL bytes)", 0),
    ("utf8-bom", "bom.txt", b"\xef\xbb\xbf" + SENTENCE.encode(), 0, "", 2),
    ("utf16-bom", "utf16.txt", SENTENCE.encode("utf-16"), 0, "", 2),
    (
        "latin1",
        "latin1.txt",
        "Le café a levé 2,5 millions d'euros.\n".encode("latin-1"),
        0,
        "decoded as cp1252",
        1,
    ),
    (
        "cp1252",
        "cp1252.txt",
        "It raised €1.9 billion – a record.\n".encode("cp1252"),
        0,
        "decoded as cp1252",
        1,
    ),
    (
        "invalid-utf8",
        "broken.txt",
        "Café raised €1.9 billion.\n".encode() + b"\xff\xfe bad\n",
        0,
        "invalid UTF-8",
        1,
    ),
    ("crlf", "crlf.txt", SENTENCE.replace("\n", "\r\n").encode(), 0, "", 2),
    ("lone-cr", "cr.txt", ("Title\r" + SENTENCE).replace("\n", "\r").encode(), 0, "", 2),
    ("fullwidth-digits", "wide.txt", "France has １,０００ AI startups.\n".encode(), 0, "", 1),
    (
        "arabic-indic-digits",
        "arabic.txt",
        "France has ١٬٠٠٠ AI startups and €١٠٥ billion.\n".encode(),
        0,
        "",
        2,
    ),
    (
        "invisible-chars-in-numbers",
        "zw.txt",
        "It raised €1\u200b05 billion and €1\u00ad09 billion.\u202e\n".encode(),
        0,
        "",
        2,
    ),
    ("name-with-spaces-quotes-accents", 'l\'été "2025" ñ.txt', SENTENCE.encode(), 0, "", 2),
]


@pytest.mark.parametrize(
    ("name", "data", "code", "message", "claims"), [m[1:] for m in MATRIX], ids=[m[0] for m in MATRIX]
)
def test_input_matrix(tmp_path: Path, name: str, data: bytes, code: int, message: str, claims: int) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    exit_code, out, err = _claims_from(path)
    assert exit_code == code, err
    assert "Traceback" not in err
    if message:
        assert message in err
        assert len(err.strip().splitlines()) == 1
    if code == 0:
        assert len(out.splitlines()) - 1 == claims, out


def test_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4 binary")
    code, out, err = _claims_from(tmp_path)
    assert code == 0 and len(out.splitlines()) == 3
    assert "b.txt: binary file (a PDF), not text" in err


def test_wide_digits_read_as_numbers(tmp_path: Path) -> None:
    source = build_source("w.txt", "France has １,０００ AI startups and €١٠٥ billion.", KNOWLEDGE, {"language": "en"})
    values = sorted(c.value for c in analyse_source(source, KNOWLEDGE))
    assert values == [1000.0, 105e9]


def test_one_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("Mistral AI raised €600 million in 2024 " * 26000)[:1_000_000], encoding="utf-8")
    started = time.monotonic()
    code, out, _ = _claims_from(path)
    assert code == 0 and len(out.splitlines()) > 10_000
    assert time.monotonic() - started < 120  # catches runaway complexity, not a speed measure


def test_oversized_file_is_refused_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 2000, encoding="utf-8")
    code, _, err = run("--max-bytes", "1000", "extract", str(path))
    assert code == 2 and "over the limit of 1,000" in err and "--max-bytes" in err
    assert run("--max-bytes", "10000000", "extract", str(path))[0] == 0


def test_folder_of_ten_thousand_small_files(tmp_path: Path) -> None:
    for index in range(10_000):
        (tmp_path / f"f{index:05d}.txt").write_text(
            f"Startup {index} raised €{index % 90 + 1} million.\n", encoding="utf-8"
        )
    code, out, err = _claims_from(tmp_path)
    assert code == 0, err
    assert len(out.splitlines()) - 1 == 10_000


def test_unreadable_file_in_a_folder_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    original = os.open

    def deny(path: str | os.PathLike[str], *args: int) -> int:  # root reads anything: refuse as the OS would
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return original(path, *args)

    monkeypatch.setattr(os, "open", deny)
    code, out, err = _claims_from(tmp_path)
    assert code == 0 and "locked.txt: cannot be read (Permission denied)" in err
    assert len(out.splitlines()) == 3
    assert _claims_from(locked)[0] == 2


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    code, out, err = _claims_from(tmp_path)
    assert code == 0 and len(out.splitlines()) == 3
    assert "self.txt: cannot be read" in err


def test_malformed_sources_toml_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["a.txt"]\ntitle = "x"\npublished = \n', encoding="utf-8")
    code, _, err = _claims_from(tmp_path)
    assert code == 2 and "sources.toml:3: invalid TOML" in err


def test_ruling_for_an_unknown_discrepancy_is_reported_orphaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "reviews.toml").write_text(
        '[d-0123456789]\nstatus = "dismissed"\nnote = "../../etc/passwd"\n', encoding="utf-8"
    )
    code, _, err = run("check", "a.txt")
    assert code == 0 and "ruling d-0123456789 (dismissed) matches no discrepancy now (orphaned)" in err
    assert (tmp_path / "claims" / "reviews.toml").read_text(encoding="utf-8").endswith('"../../etc/passwd"\n')


# --- no hang ------------------------------------------------------------------------------------

PATHOLOGICAL = {
    "digits-with-separators": ",".join(["123"] * 33_000),
    "ones-and-commas": "1," * 50_000,
    "euro-signs": "€ " * 50_000,
    "open-brackets": "(" * 50_000,
    "number-words": " ".join(["one hundred and"] * 20_000),
    "capitalised-words": " ".join(["Alpha Beta"] * 30_000),
    "years-and-money": " ".join(["in 2024 €5 bn"] * 3_000),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_finishes(text: str) -> None:
    started = time.monotonic()
    claims = analyse_source(build_source("p.txt", text, KNOWLEDGE, {"language": "en"}), KNOWLEDGE)
    find_discrepancies(claims, {}, KNOWLEDGE)
    assert time.monotonic() - started < 60  # a generous bound: catches backtracking, not speed


# --- fuzzing ------------------------------------------------------------------------------------

PIECES = [
    "€",
    "$",
    "EUR",
    "1,000",
    "21,3",
    "1.5",
    "1\u202f200",
    "bn",
    "milliards",
    "million",
    "GW",
    "MW",
    "g CO2-eq/ kWh",
    "%",
    "more than",
    "up to",
    "plus de",
    "jusqu'à",
    "environ",
    "about",
    "18 to 150+",
    "10-40",
    "ha",
    "in 2024",
    "by 2030",
    "depuis 2019",
    "en juin 2025",
    "Q3 2025",
    "3RD",
    "soixante",
    "Twenty",
    "startups",
    "entreprises",
    "Mistral AI",
    "France",
    "(",
    ")",
    ",",
    ".",
    "\n",
    "→",
    "+",
    "-",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40), language=st.sampled_from(["en", "fr"]))
def test_fuzz_sentences(pieces: list[str], language: str) -> None:
    _check_invariants(" ".join(pieces), language)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), language=st.sampled_from(["en", "fr"]))
def test_fuzz_raw_text(text: str, language: str) -> None:
    _check_invariants(text, language)


def _check_invariants(text: str, language: str) -> None:
    source = build_source("f.txt", text, KNOWLEDGE, {"language": language})
    claims = analyse_source(source, KNOWLEDGE)
    for claim in claims:
        assert " ".join(source.text[claim.start : claim.end].split()) == " ".join(claim.text.split())
        assert math.isfinite(claim.value)
        if claim.low is not None:
            assert math.isfinite(claim.low) and claim.low <= claim.value + abs(claim.value) * 1e-9
        if claim.high is not None:
            assert math.isfinite(claim.high) and claim.value <= claim.high + abs(claim.value) * 1e-9
        # Lines end at \n, \r\n or \r, as editors and GitHub count them (not at U+0085 and kin).
        line = re.split(r"\r\n|\r|\n", source.original)[claim.line - 1]
        assert 1 <= claim.column <= len(line) + 1
    find_discrepancies(claims, {}, KNOWLEDGE)


def test_a_killed_writer_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimdiff import store

    target = tmp_path / "claims.jsonl"
    target.write_text("previous\n", encoding="utf-8")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_concurrent_writers_are_refused(tmp_path: Path) -> None:
    from claimdiff.errors import InputError
    from claimdiff.store import locked

    with locked(tmp_path), pytest.raises(InputError, match="another claimdiff run"), locked(tmp_path):
        pass


# --- killed writers and racing writers ----------------------------------------------------------


def _versions(count: int = 40, rows: int = 400) -> tuple[list[Source], list[Claim], list[Source], list[Claim]]:
    """Two versions of a corpus (B changes every other source), with many claims per source."""
    template = analyse_source(build_source("t.txt", SENTENCE, KNOWLEDGE, {"language": "en"}), KNOWLEDGE)[0]
    out: list[list[Source] | list[Claim]] = []
    for version in ("a", "b"):
        sources, claims = [], []
        for index in range(count):
            edited = version if index % 2 else "a"
            source = build_source(f"s{index:02d}.txt", SENTENCE, KNOWLEDGE, {"language": "en"})
            source.raw_digest = hashlib.sha256(f"{index}{edited}".encode()).hexdigest()
            sources.append(source)
            claims += [
                replace(template, id=f"c-{index}-{row}-{edited}", source=source.path, value=float(row), line=row + 1)
                for row in range(rows)
            ]
        out += [sources, claims]
    return out[0], out[1], out[2], out[3]  # type: ignore[return-value]


def test_a_killed_writer_never_leaves_a_store_that_lies(tmp_path: Path) -> None:
    """kill -9 at random moments of a store write: what the store still vouches for is true.

    After every kill, each source the store trusts (its file hash and its rows match the
    manifest) has exactly the claims of the version whose hash it trusts, and the next writer
    removes every temporary file the killed one left.
    """
    from claimdiff.store import read_store, write_store

    sources_a, claims_a, sources_b, claims_b = _versions(20, 200)
    expected = {}
    for sources, claims in ((sources_a, claims_a), (sources_b, claims_b)):
        for source in sources:
            expected[source.digest] = sorted(c.id for c in claims if c.source == source.path)
    folder = tmp_path / "claims"
    started = time.monotonic()
    write_store(folder, sources_a, claims_a)
    duration = time.monotonic() - started  # kills land within a write's time on this machine
    rng = random.Random(13)
    kills = 0
    for attempt in range(30):
        sources, claims = (sources_b, claims_b) if attempt % 2 == 0 else (sources_a, claims_a)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child writes until it is killed
            try:
                while True:  # again and again, so the kill always lands in a write (or between two)
                    write_store(folder, sources, claims)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, duration))
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        kills += os.WIFSIGNALED(status)
        store = read_store(folder)
        for source in sources_a + sources_b:
            if store.trusted(source.path, source.digest):
                stored = sorted(r["id"] for r in store.records if r["source"] == source.path)
                assert stored == expected[source.digest], source.path
    assert kills == 30  # every writer was killed, none finished on its own
    write_store(folder, sources_a, claims_a)
    assert sorted(p.name for p in folder.iterdir()) == [".lock", "claims.jsonl", "sources.json"]
    store = read_store(folder)
    assert all(store.trusted(s.path, s.digest) for s in sources_a)


def _claimdiff(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "claimdiff", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert _finish(_claimdiff(tmp_path, "extract", "seeds/", "--write")) == 0
    return tmp_path


def _finish(child: subprocess.Popen[bytes]) -> int:
    """Wait for a child, reading its output (a child blocked on a full pipe never ends)."""
    child.communicate(timeout=300)
    return child.returncode


def test_a_second_process_is_refused_while_a_writer_holds_the_lock(seeds_copy: Path) -> None:
    from claimdiff.store import locked

    with locked(seeds_copy / "claims"):
        child = _claimdiff(seeds_copy, "review", "d-f8e1083677", "--status", "confirmed")
        _, err = child.communicate(timeout=120)
    assert child.returncode == 2
    assert err.decode().strip().endswith("another claimdiff run is writing here; try again when it ends")
    assert not (seeds_copy / "claims" / "reviews.toml").exists()


@pytest.mark.slow
def test_kill_9_during_extract_write(seeds_copy: Path) -> None:
    """The command line killed at random moments: the next run never crashes and leaves a true store."""
    rng = random.Random(9)
    (seeds_copy / "seeds" / "more.txt").write_text(SENTENCE * 2000, encoding="utf-8")
    for _ in range(12):
        child = _claimdiff(seeds_copy, "extract", "seeds/", "--write")
        time.sleep(rng.uniform(0.5, 2.5))
        child.kill()
        child.wait()
        check = _claimdiff(seeds_copy, "extract", "seeds/", "--check")
        _, err = check.communicate(timeout=120)
        assert check.returncode in (0, 1) and b"Traceback" not in err, err
    assert _finish(_claimdiff(seeds_copy, "extract", "seeds/", "--write")) == 0
    assert _finish(_claimdiff(seeds_copy, "extract", "seeds/", "--check")) == 0
    assert not list((seeds_copy / "claims").glob(".*.tmp"))


@pytest.mark.slow
def test_two_processes_race(seeds_copy: Path) -> None:
    """Two reviews and two store writes at once: each succeeds or is refused; no ruling is lost."""
    rulings = {"d-f8e1083677": "confirmed", "d-51c74f1127": "dismissed"}
    recorded = set()
    for _ in range(4):
        children = {i: _claimdiff(seeds_copy, "review", i, "--status", s) for i, s in rulings.items()}
        writers = [_claimdiff(seeds_copy, "extract", "seeds/", "--write") for _ in range(2)]
        for identifier, child in children.items():
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0 or b"another claimdiff run" in err, err
            if child.returncode == 0:
                recorded.add(identifier)
        for writer in writers:
            _, err = writer.communicate(timeout=120)
            assert writer.returncode == 0 or b"another claimdiff run" in err, err
    reviews = tomllib.loads((seeds_copy / "claims" / "reviews.toml").read_text(encoding="utf-8"))
    assert recorded and recorded <= set(reviews)
    assert _finish(_claimdiff(seeds_copy, "extract", "seeds/", "--check")) == 0


@pytest.mark.slow
def test_many_sources_on_one_subject_scale_linearly(tmp_path: Path) -> None:
    def seconds(count: int) -> float:
        folder = tmp_path / str(count)
        folder.mkdir()
        for index in range(count):
            (folder / f"s{index:05d}.txt").write_text(
                f"France invested €{100 + index % 7} billion in AI infrastructure in 2025.\n", encoding="utf-8"
            )
        started = time.monotonic()
        assert _finish(_claimdiff(tmp_path, "check", str(folder), "--fail-on", "never")) == 0
        return time.monotonic() - started

    small, large = seconds(1000), seconds(4000)
    assert large < 8 * small  # linear is 4x; it was about 25x (3 s and 77 s) before twin classes
