"""The attack matrix of issue 13: a hostile contributor and a careless user against claimdiff.

One row per attack. Each row builds its attack in a copy of a small git repository (the seeds,
their claim store, one commit on ``main``), runs the real command line in a child process
and asserts the exit code, the message, that nothing was written outside what the command
may write (``claims/`` and the ``-o`` target, never a file outside the repository), that no
traceback was printed, that it finished within 60 s and 2 GB, and, for the injection rows,
that the output is escaped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from claimdiff.cli import main

from .conftest import SEEDS

CONTRADICTING = "The AI Action Summit pledges reached €150 billion in investments for AI infrastructure in France.\n"
SUMMIT = "d-f8e1083677"  # the €105 bn / €109 bn contradiction of the seeds
LIMIT_SECONDS = 60
LIMIT_KB = 2 * 1024 * 1024
# A child that runs claimdiff with some paths refused as the OS refuses an unreadable folder
# (the suite runs as root in CI, and root reads anything).
DENY_RUNNER = """
import errno, os, sys
denied = [os.path.abspath(p) for p in os.environ["CLAIMDIFF_TEST_DENY"].split(os.pathsep)]
def guard(real, inside_only):
    def call(path, *args, **kwargs):
        if isinstance(path, (str, bytes, os.PathLike)):
            p = os.path.abspath(os.fsdecode(path))
            for d in denied:
                if p.startswith(d + os.sep) or (p == d and not inside_only):
                    raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path, *args, **kwargs)
    return call
os.scandir = guard(os.scandir, False)
os.open = guard(os.open, False)
os.stat = guard(os.stat, True)
os.lstat = guard(os.lstat, True)
sys.argv[0] = "claimdiff"
from claimdiff.cli import main
main()
"""


class Run(NamedTuple):
    code: int
    out: str
    err: str
    seconds: float


class Attack(NamedTuple):
    setup: Callable[[Path, Path], None]  # (working copy, a folder outside it) -> None
    args: tuple[str, ...]
    code: int
    message: str = ""  # on stderr (for exit 2, its one line)
    shown: str = ""  # on stdout
    writes: tuple[str, ...] = ()  # what the command may write, relative to the working copy
    check: Callable[[Run, Path], None] | None = None  # the output is escaped, the data is right
    deny: tuple[str, ...] = ()  # paths the OS refuses to read


# --- building attacks -----------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.email=t@example.org", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True)


def nothing(w: Path, outside: Path) -> None:
    """The repository as it is."""


def new_source(name: str, text: str = CONTRADICTING) -> Callable[[Path, Path], None]:
    def setup(w: Path, outside: Path) -> None:
        (w / "seeds" / name).write_text(text, encoding="utf-8")

    return setup


def pull_request(*changes: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    """The changes committed on a branch ``pr`` off ``main``, as a pull request brings them."""

    def setup(w: Path, outside: Path) -> None:
        git(w, "checkout", "-q", "-b", "pr")
        for change in changes:
            change(w, outside)
        git(w, "add", "-A")
        git(w, "commit", "-qm", "pull request")

    return setup


def both(*changes: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def setup(w: Path, outside: Path) -> None:
        for change in changes:
            change(w, outside)

    return setup


def drop_rows_of(*sources: str, fix_manifest: bool = False) -> Callable[[Path, Path], None]:
    """Delete the stored claims of ``sources`` (and, with ``fix_manifest``, forge the manifest to match)."""

    def setup(w: Path, outside: Path) -> None:
        claims = w / "claims" / "claims.jsonl"
        kept = [r for r in claims.read_text(encoding="utf-8").splitlines() if json.loads(r)["source"] not in sources]
        claims.write_text("".join(r + "\n" for r in kept), encoding="utf-8")
        if fix_manifest:
            from claimdiff.store import rows_digest

            manifest = json.loads((w / "claims" / "sources.json").read_text(encoding="utf-8"))
            for source in sources:
                manifest[source]["rows"], manifest[source]["claims"] = rows_digest(()), 0
            (w / "claims" / "sources.json").write_text(json.dumps(manifest), encoding="utf-8")

    return setup


def compact_store(w: Path, outside: Path) -> None:
    claims = w / "claims" / "claims.jsonl"
    rows = [json.loads(r) for r in claims.read_text(encoding="utf-8").splitlines()]
    claims.write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows), encoding="utf-8")


def ruled(positions: str = "") -> Callable[[Path, Path], None]:
    """A ruling on the summit contradiction: recorded by `claimdiff review`, or written by hand."""

    def setup(w: Path, outside: Path) -> None:
        if positions:
            text = f'[{SUMMIT}]\nstatus = "confirmed"\npositions = {positions}\n'
            (w / "claims" / "reviews.toml").write_text(text, encoding="utf-8")
            return
        cwd = os.getcwd()
        os.chdir(w)
        try:
            result = CliRunner().invoke(main, ["review", SUMMIT, "--status", "confirmed", "--by", "t"])
        finally:
            os.chdir(cwd)
        assert result.exit_code == 0, result.output

    return setup


def write(relative: str, data: str | bytes) -> Callable[[Path, Path], None]:
    def setup(w: Path, outside: Path) -> None:
        path = w / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return setup


def fifo(relative: str) -> Callable[[Path, Path], None]:
    return lambda w, outside: os.mkfifo(w / relative)


def link(relative: str, target: str) -> Callable[[Path, Path], None]:
    """A symbolic link; a target starting with ``outside/`` points into the folder outside the copy."""

    def setup(w: Path, outside: Path) -> None:
        to = outside / target.removeprefix("outside/") if target.startswith("outside/") else Path(target)
        (w / relative).unlink(missing_ok=True)
        (w / relative).symlink_to(to)

    return setup


def deep_folders(depth: int) -> Callable[[Path, Path], None]:
    def setup(w: Path, outside: Path) -> None:
        folder = w / "deep"
        for level in range(depth + 1):  # one at a time: os.makedirs recurses once per level
            os.mkdir(folder / "/".join(["d"] * level))
        bottom = folder / "/".join(["d"] * depth) / "bottom.txt"
        bottom.write_text("Mistral AI raised €600 million in 2024.\n", encoding="utf-8")

    return setup


def remove_tree(folder: Path) -> None:
    """Remove a folder however deep (shutil.rmtree recurses once per level)."""
    for dirpath, _, filenames in reversed(list(walk(folder))):
        for name in filenames:
            os.unlink(os.path.join(dirpath, name))
        os.rmdir(dirpath)


def walk(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """``os.walk`` without recursion (Python 3.11's recurses once per level), links not followed."""
    out, stack = [], [str(folder)]
    while stack:
        current = stack.pop()
        dirs, files = [], []
        for entry in os.scandir(current):
            (dirs if entry.is_dir(follow_symlinks=False) else files).append(entry.name)
        out.append((current, dirs, files))
        stack.extend(os.path.join(current, d) for d in dirs)
    return out


def long_line(megabytes: int, sentence: str) -> Callable[[Path, Path], None]:
    def setup(w: Path, outside: Path) -> None:
        text = (sentence * (megabytes * 1_000_000 // len(sentence) + 1))[: megabytes * 1_000_000]
        (w / "long").mkdir()
        (w / "long" / "line.txt").write_text(text, encoding="utf-8")

    return setup


# --- checking outputs -------------------------------------------------------------------------

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def no_raw_controls(run: Run, w: Path) -> None:
    """Nothing on stdout or stderr can steer a terminal or a log viewer."""
    for stream in (run.out, run.err):
        assert not RAW_CONTROL.search(stream), repr(stream[:2000])


def no_workflow_command(run: Run, w: Path) -> None:
    """No line a GitHub runner would take as a command (it reads them from any log line)."""
    no_raw_controls(run, w)
    for line in (run.out + "\n" + run.err).splitlines():
        assert not line.strip().startswith(("::", "##[")), line


def only_our_workflow_commands(run: Run, w: Path) -> None:
    no_raw_controls(run, w)
    commands = [line for line in run.out.splitlines() if line.strip().startswith("::")]
    assert commands
    assert all(re.match(r"::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+,title=[^:\n]*::", c) for c in commands)
    assert not any(line.strip().startswith("::") for line in run.err.splitlines())


CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def inert_markdown(run: Run, w: Path) -> None:
    """Outside code spans (shown as typed) nothing is a link, an image, HTML, a mention or a reference."""
    no_raw_controls(run, w)
    for line in run.out.splitlines():
        text = CODE_SPAN.sub("", line.replace("\\`", ""))  # an escaped backtick is a backtick, nothing more
        assert "`" not in text, f"a code span that does not close: {line}"
        assert re.search(r"(?<!\\)!\[", text) is None, f"an image: {line}"
        assert re.search(r"(?<!\\)\]\(", text) is None, f"a link: {line}"
        assert re.search(r"(?<!\\)<(img|a|script)", text) is None, f"HTML: {line}"
        assert not re.search(r"@octocat|#1|://|www\.\w", text), f"a mention, reference or autolink: {line}"


def safe_csv(run: Run, w: Path) -> None:
    no_raw_controls(run, w)
    rows = list(csv.reader(io.StringIO(run.out)))
    assert len(rows) > 1
    for cell in (cell for row in rows for cell in row):
        if not re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", cell):  # a number may be negative
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


URI = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")


def valid_sarif_uris(run: Run, w: Path) -> None:
    document = json.loads(run.out)
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
        for location in result["locations"] + result["relatedLocations"]
    ]
    assert uris
    for uri in uris:
        assert URI.fullmatch(uri), uri
        assert ":" not in uri.split("/")[0], uri  # a colon in the first segment reads as a scheme
        assert (w / unquote(uri)).is_file(), uri  # decodes back to the file itself


def value_is(value: float) -> Callable[[Run, Path], None]:
    def check(run: Run, w: Path) -> None:
        claims = json.loads(run.out)["claims"]
        assert [c["value"] for c in claims if Path(c["source"]).name.startswith("esc")] == [value]

    return check


def secret_not_shown(run: Run, w: Path) -> None:
    assert "SECRET-TOKEN" not in run.out + run.err


def html_on_stdout(run: Run, w: Path) -> None:
    assert run.out.lstrip().lower().startswith("<!doctype html")


def ruling_applies(run: Run, w: Path) -> None:
    statuses = {d["id"]: d["status"] for d in json.loads(run.out)["discrepancies"]}
    assert statuses[SUMMIT] == "confirmed"


def store_verifies(run: Run, w: Path) -> None:
    assert not list((w / "claims").glob(".*.tmp"))
    result = subprocess.run(
        [sys.executable, "-m", "claimdiff", "extract", "seeds/", "--check"], cwd=w, capture_output=True
    )
    assert result.returncode == 0, result.stderr


def fifo_still_there(name: str) -> Callable[[Run, Path], None]:
    return lambda run, w: stat.S_ISFIFO(os.lstat(w / name).st_mode) or pytest.fail(f"{name} was replaced")


def all_of(*checks: Callable[[Run, Path], None]) -> Callable[[Run, Path], None]:
    def check(run: Run, w: Path) -> None:
        for one in checks:
            one(run, w)

    return check


HOSTILE_NAME = "x\n::add-mask::m \x1b]0;owned\x07\x1b[2J\u202egnp.\x9b31m ##[warning]w.txt"
MARKDOWN_BAIT = (
    "Investors pledged €150 billion in investments for AI infrastructure in France, see "
    "![t](https://evil.example/p.png) [x](https://evil.example) <img src=x> @octocat #1 www.evil.example.\n"
)
STORE = ("claims/",)

# --- the matrix -----------------------------------------------------------------------------

ATTACKS: dict[str, Attack] = {
    # (a) a new file whose name git would quote, and an option smuggled in as a ref
    "gate-since-sees-a-non-ascii-name": Attack(
        pull_request(new_source("données_2025.txt")), ("gate", "--since", "main"), 1, shown="données_2025.txt"
    ),
    "gate-since-sees-a-name-with-a-newline": Attack(
        pull_request(new_source("a\nb.txt")), ("gate", "--since", "main"), 1, shown="a\\x0ab.txt"
    ),
    "gate-since-ref-is-no-option": Attack(
        write("victim.txt", "precious\n"), ("gate", "--since=--output=victim.txt"), 2, "not a commit"
    ),
    "gate-since-config-loosened-by-the-pull-request": Attack(
        pull_request(
            lambda w, o: (w / "seeds" / "claimdiff.toml").write_text(
                '[defaults]\nfail_on = "never"\n' + (w / "seeds" / "claimdiff.toml").read_text(encoding="utf-8"),
                encoding="utf-8",
            ),
            new_source("contra.txt"),
        ),
        ("gate", "--since", "main"),
        1,
        "claimdiff.toml: changed since the base commit; the gate uses the base's",
    ),
    # (b) stored rows deleted, so that nothing seems to stand against the new source
    "gate-store-rows-deleted": Attack(
        both(drop_rows_of("seeds/002_e808da6115982e84.txt"), new_source("contra.txt")),
        ("gate", "seeds/contra.txt"),
        1,
        "do not match sources.json",
    ),
    "gate-since-store-rows-deleted-and-manifest-forged": Attack(
        pull_request(
            drop_rows_of(
                "seeds/002_e808da6115982e84.txt",
                "seeds/003_43f888c761f3d5bc.txt",
                "seeds/004_fdd7dde14a3b6f8f.txt",
                fix_manifest=True,
            ),
            new_source("contra.txt"),
        ),
        ("gate", "--since", "main"),
        1,
        shown="seeds/contra.txt",
    ),
    # (c) the same store written compactly
    "gate-store-reserialised": Attack(
        both(compact_store, new_source("contra.txt")), ("gate", "seeds/contra.txt"), 1, shown="€150 bn"
    ),
    # (d) a ruling on an open position ("more than €109 bn") and a new €150 bn
    "gate-ruling-recorded-on-an-open-position": Attack(
        both(ruled(), new_source("contra.txt")), ("gate", "seeds/contra.txt"), 1, shown=f"{SUMMIT} (open)"
    ),
    "gate-ruling-with-an-infinite-bound": Attack(
        both(ruled("[[105e9, 105e9], [109e9, inf]]"), new_source("contra.txt")),
        ("gate", "seeds/contra.txt"),
        1,
        # A hand-written ruling names no claims to follow: the new position's id is open.
        shown="(open): investment (infrastructure) of France",
    ),
    "gate-ruling-still-covers-what-it-saw": Attack(
        both(ruled(), new_source("agree.txt", CONTRADICTING.replace("150", "109"))), ("gate", "seeds/agree.txt"), 0
    ),
    # (e) a corpus that is not there, or cannot be read
    "gate-corpus-missing": Attack(
        new_source("contra.txt"), ("gate", "seeds/contra.txt", "--corpus", "nowhere/"), 2, "nowhere: no such file"
    ),
    "gate-corpus-unreadable": Attack(
        new_source("contra.txt"),
        ("gate", "seeds/contra.txt", "--corpus", "seeds/"),
        2,
        "seeds: cannot be read (Permission denied)",
        deny=("seeds",),
    ),
    "check-unreadable-folder-named": Attack(
        write("locked/a.txt", CONTRADICTING),
        ("check", "locked/"),
        2,
        "cannot be read (Permission denied)",
        deny=("locked",),
    ),
    # hangs and memory
    "check-named-pipe-in-corpus": Attack(
        fifo("seeds/pipe.txt"), ("check", "seeds/"), 1, "not a regular file (a named pipe)"
    ),
    "report-named-pipe-in-corpus": Attack(
        fifo("seeds/pipe.txt"), ("report", "seeds/", "-o", "out.html"), 0, "a named pipe", writes=("out.html",)
    ),
    "extract-write-named-pipe-in-corpus": Attack(
        fifo("seeds/pipe.txt"), ("extract", "seeds/", "--write"), 0, "a named pipe", writes=STORE
    ),
    "gate-named-pipe-in-corpus": Attack(
        both(fifo("seeds/pipe.txt"), new_source("contra.txt")), ("gate", "seeds/contra.txt"), 1, "a named pipe"
    ),
    "extract-named-pipe-named": Attack(fifo("pipe.txt"), ("extract", "pipe.txt"), 2, "not a regular file or folder"),
    "check-link-to-dev-zero-in-corpus": Attack(link("seeds/zero.txt", "/dev/zero"), ("check", "seeds/"), 1, "zero.txt"),
    "extract-link-to-dev-zero-named": Attack(
        link("zero.txt", "/dev/zero"), ("extract", "zero.txt"), 2, "(a character device)"
    ),
    "extract-link-to-dev-urandom-named": Attack(
        link("random.txt", "/dev/urandom"), ("extract", "random.txt"), 2, "(a character device)"
    ),
    "check-link-out-of-the-corpus": Attack(
        link("seeds/leak.txt", "outside/secret.txt"),
        ("check", "seeds/"),
        1,
        "a symbolic link out of seeds",
        check=secret_not_shown,
    ),
    "sources-toml-link-to-dev-zero": Attack(
        link("seeds/sources.toml", "/dev/zero"), ("check", "seeds/"), 2, "sources.toml: not a regular file"
    ),
    "long-single-line": Attack(
        long_line(1, "Mistral AI raised €600 million in 2024 and "), ("extract", "long/", "--format", "csv"), 0
    ),
    "prose-without-figures": Attack(
        long_line(3, "the government said that research would grow while companies hired people "),
        ("check", "long/"),
        0,
    ),
    "folders-1500-deep": Attack(deep_folders(1500), ("extract", "deep/", "--format", "csv"), 0, shown="€600 million"),
    # writes where it should not
    "review-lock-is-a-link": Attack(
        link("claims/.lock", "outside/victim.txt"),
        ("review", SUMMIT, "--status", "confirmed"),
        2,
        ".lock: a symbolic link, not a lock file",
    ),
    "extract-write-lock-is-a-link": Attack(
        link("claims/.lock", "outside/victim.txt"), ("extract", "seeds/", "--write"), 2, "not a lock file"
    ),
    "extract-write-store-is-a-link": Attack(
        both(lambda w, o: shutil.rmtree(w / "claims"), link("claims", "outside/")),
        ("extract", "seeds/", "--write"),
        2,
        "claims: a symbolic link",
    ),
    "report-output-is-a-link": Attack(
        link("out.html", "outside/victim.txt"), ("report", "seeds/", "-o", "out.html"), 2, "out.html: a symbolic link"
    ),
    "report-output-is-a-device": Attack(nothing, ("report", "seeds/", "-o", "/dev/null"), 0, shown="5 sources"),
    "report-output-device-is-full": Attack(
        nothing, ("report", "seeds/", "-o", "/dev/full"), 2, "/dev/full: cannot be written (No space left on device)"
    ),
    "report-output-is-standard-output": Attack(nothing, ("report", "seeds/", "-o", "-"), 0, check=html_on_stdout),
    "report-output-is-a-named-pipe": Attack(
        fifo("out.fifo"), ("report", "seeds/", "-o", "out.fifo"), 0, check=fifo_still_there("out.fifo")
    ),
    "extract-write-cleans-stale-temporaries": Attack(
        write("claims/.claims.jsonl.k1ll3d.tmp", "half a store"),
        ("extract", "seeds/", "--write"),
        0,
        writes=STORE,
        check=store_verifies,
    ),
    # injection through untrusted text
    "text-output-hostile-file-name": Attack(
        new_source(HOSTILE_NAME), ("gate", f"seeds/{HOSTILE_NAME}"), 1, check=no_workflow_command
    ),
    "stderr-hostile-file-name": Attack(
        write(f"seeds/{HOSTILE_NAME}", b"%PDF-1.7 binary"), ("check", "seeds/"), 1, check=no_workflow_command
    ),
    "github-output-hostile-file-name": Attack(
        new_source(HOSTILE_NAME),
        ("gate", f"seeds/{HOSTILE_NAME}", "--format", "github"),
        1,
        check=only_our_workflow_commands,
    ),
    "hostile-ruling-id-and-note": Attack(
        write("claims/reviews.toml", '["d-\\u001b]0;x\\u0007\\n::stop-commands::t"]\nstatus = "dismissed"\n'),
        ("check", "seeds/"),
        1,
        "(orphaned)",
        check=no_workflow_command,
    ),
    "hostile-sources-toml-key": Attack(
        write("seeds/sources.toml", '["002_e808da6115982e84.txt"]\ntitle = "\\u001b]0;t\\u0007\\u202e\\u009b"\n'),
        ("check", "seeds/", "--format", "json"),
        1,
        check=no_raw_controls,
    ),
    "markdown-output-bait": Attack(
        new_source("a`b ![x](y) @octocat.txt", MARKDOWN_BAIT),
        ("gate", "seeds/a`b ![x](y) @octocat.txt", "--format", "markdown"),
        1,
        check=inert_markdown,
    ),
    "csv-output-formulas": Attack(
        new_source("=cmd.txt", "=1+1 France raised €5 billion in 2024.\n+Mistral AI raised €600 million.\n"),
        ("extract", "seeds/=cmd.txt", "--format", "csv"),
        0,
        check=safe_csv,
    ),
    "sarif-uris-of-hostile-names": Attack(
        both(new_source("pct%0Aset.txt"), new_source("x:y #1?.txt"), new_source("[b] a&b=c;d\\e.txt")),
        ("check", "seeds/", "--format", "sarif"),
        1,
        check=valid_sarif_uris,
    ),
    "terminal-escape-inside-a-figure": Attack(
        new_source("esc.txt", "France raised \x1b[31m€5 billion in 2024.\n"),
        ("extract", "seeds/esc.txt"),
        0,
        check=value_is(5e9),
    ),
    # tracebacks and silent acceptance
    "store-row-not-json": Attack(
        both(write("claims/claims.jsonl", '{"id": "c-1"}\n{not json\n'), new_source("contra.txt")),
        ("gate", "seeds/contra.txt"),
        2,
        "claims.jsonl:1: not a claim row",
    ),
    "store-row-wrong-types": Attack(
        lambda w, o: (w / "claims" / "claims.jsonl").write_text(
            (w / "claims" / "claims.jsonl").read_text(encoding="utf-8").replace('"line": 7', '"line": "7"', 1),
            encoding="utf-8",
        ),
        ("extract", "seeds/", "--check"),
        2,
        "claims.jsonl:1: not a claim row: 'line' has the wrong type",
    ),
    "store-manifest-wrong-shape": Attack(
        write("claims/sources.json", "[]\n"), ("extract", "seeds/", "--check"), 2, "sources.json: must be a JSON object"
    ),
    "reviews-bad-positions": Attack(
        write("claims/reviews.toml", f'[{SUMMIT}]\nstatus = "confirmed"\npositions = [[1]]\n'),
        ("check", "seeds/"),
        2,
        "reviews.toml:3: ",
    ),
    "review-refuses-a-broken-rulings-file": Attack(
        write("claims/reviews.toml", '[d-0000000000]\nstatus = "maybe"\n'),
        ("review", SUMMIT, "--status", "confirmed"),
        2,
        "reviews.toml:2: [d-0000000000] 'status' must be one of confirmed, dismissed, resolved",
    ),
    "sources-toml-impossible-date": Attack(
        write("seeds/sources.toml", '["002_e808da6115982e84.txt"]\npublished = "2025-13-45"\n'),
        ("check", "seeds/"),
        2,
        "sources.toml:2: [\"002_e808da6115982e84.txt\"] 'published' is not a real date",
    ),
    "sources-toml-future-date": Attack(
        write("seeds/sources.toml", '["a.txt"]\npublished = "2999"\n'), ("check", "seeds/"), 2, "is in the future"
    ),
    "sources-toml-date-before-1900": Attack(
        write("seeds/sources.toml", '["a.txt"]\npublished = 1850-01-01\n'), ("check", "seeds/"), 2, "1900 or later"
    ),
    "sources-toml-title-not-text": Attack(
        write("seeds/sources.toml", '["a.txt"]\ntitle = 5\n'), ("check", "seeds/"), 2, "'title' must be a string"
    ),
    "sources-toml-language-a-list": Attack(
        write("seeds/sources.toml", '["a.txt"]\nlanguage = ["en"]\n'), ("check", "seeds/"), 2, "'language' must be"
    ),
    "sources-toml-with-bom": Attack(
        write("seeds/sources.toml", '\ufeff["002_e808da6115982e84.txt"]\npublished = "2025"\n'), ("check", "seeds/"), 1
    ),
    "reviews-toml-with-bom": Attack(
        write("claims/reviews.toml", f'\ufeff[{SUMMIT}]\nstatus = "confirmed"\n'),
        ("check", "seeds/", "--format", "json"),
        1,
        check=ruling_applies,
    ),
    "usage-error-unknown-choice": Attack(nothing, ("check", "--format", "nope"), 2, "Invalid value for '--format'"),
    "usage-error-unknown-option": Attack(nothing, ("gate", "--bogus"), 2, "No such option '--bogus'"),
    "usage-error-missing-argument": Attack(nothing, ("review", "--status", "confirmed"), 2, "Missing argument 'ID'"),
    "file-in-an-unreadable-folder": Attack(
        write("locked/a.txt", CONTRADICTING),
        ("extract", "locked/a.txt"),
        2,
        "locked/a.txt: cannot be read (Permission denied)",
        deny=("locked",),
    ),
}


# --- running them ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the seeds and their claim store, committed on ``main``."""
    root = tmp_path_factory.mktemp("template") / "repo"
    shutil.copytree(SEEDS, root / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "claimdiff", "extract", "seeds/", "--write"], cwd=root, capture_output=True
    )
    assert result.returncode == 0, result.stderr
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "corpus and store")
    return root


def snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every node under ``folder`` (but .git): its kind and, for a regular file, its hash."""
    nodes = {}
    for dirpath, dirnames, filenames in walk(folder):
        if os.sep + ".git" in dirpath.removeprefix(str(folder)) or dirpath.endswith(".git"):
            continue
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = os.lstat(path).st_mode
            digest = (
                hashlib.sha256(path.read_bytes()).hexdigest()
                if stat.S_ISREG(mode)
                else os.readlink(path)
                if stat.S_ISLNK(mode)
                else ""
            )
            nodes[str(path.relative_to(folder))] = (stat.filemode(mode)[0], digest)
    return nodes


def run_claimdiff(w: Path, args: tuple[str, ...], deny: tuple[str, ...]) -> Run:
    env = {**os.environ, "COLUMNS": "200"}
    command = [sys.executable, "-m", "claimdiff", *args]
    if deny:
        env["CLAIMDIFF_TEST_DENY"] = os.pathsep.join(str(w / d) for d in deny)
        command = [sys.executable, "-c", DENY_RUNNER, *args]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=w, env=env, capture_output=True, timeout=LIMIT_SECONDS, stdin=subprocess.DEVNULL
    )
    return Run(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack(template: Path, tmp_path: Path, attack: Attack) -> None:
    w, outside = tmp_path / "repo", tmp_path / "outside"
    shutil.copytree(template, w, symlinks=True)
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n", encoding="utf-8")
    (outside / "secret.txt").write_text("SECRET-TOKEN-123 raised €7 billion in 2024.\n", encoding="utf-8")
    attack.setup(w, outside)
    before, before_outside = snapshot(w), snapshot(outside)
    readers: list[bytes] = []
    if "out.fifo" in attack.args:
        read_fifo(w / "out.fifo", readers)

    run = run_claimdiff(w, attack.args, attack.deny)

    assert run.code == attack.code, run.err[-3000:]
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.seconds < LIMIT_SECONDS
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < LIMIT_KB
    if attack.message:
        assert attack.message in run.err, run.err
    if attack.code == 2:
        assert len(run.err.strip().splitlines()) == 1, run.err
    if attack.shown:
        assert attack.shown in run.out, run.out[-3000:]
    assert snapshot(outside) == before_outside, "wrote outside the repository"
    after = snapshot(w)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert {p for p in changed if not (attack.writes and p.startswith(attack.writes))} == set(), "wrote elsewhere"
    if readers or "out.fifo" in attack.args:
        time.sleep(0.1)
        assert readers and readers[0].lstrip().lower().startswith(b"<!doctype html")
    if attack.check:
        attack.check(run, w)
    if (w / "deep").exists():
        remove_tree(w / "deep")


def test_every_attack_of_the_issue_has_a_row() -> None:
    """The issue lists (a) to (e), hangs, writes, injection and tracebacks: each has rows here."""
    groups = ("gate-since", "gate-store", "gate-ruling", "gate-corpus", "named-pipe", "dev-zero", "long-single-line")
    groups += (
        "lock-is-a-link",
        "report-output",
        "markdown",
        "csv",
        "sarif",
        "store-row",
        "sources-toml",
        "usage-error",
    )
    assert all(any(g in name for name in ATTACKS) for g in groups)
