"""Accuracy on real public texts: the labelled realworld corpus, scored by its own score.py.

Runs ``../shared/realworld/score.py`` (beside the repository, read at run time, never copied)
on the current code with ``<this python> -m claimdiff check {corpus} --format json`` and
passes through what it prints: each failing case, precision, recall and F1 per cluster and
per language, and the summary line; then the seconds it took. A measure, not a gate: it exits
0 whatever the score, and prints one "skipped" line when the corpus is not there.

    python benchmarks/accuracy.py [--realworld ../shared/realworld] [-- score.py options, e.g. --loose -v]
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT.parent / "shared" / "realworld"


def finder_command() -> str:
    """The command score.py runs ({corpus} is its placeholder): this interpreter's claimdiff."""
    return f"{shlex.quote(sys.executable)} -m claimdiff check {{corpus}} --format json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realworld", type=Path, default=REALWORLD, help="the realworld folder (with score.py)")
    parser.add_argument("score_options", nargs="*", help="passed on to score.py (after --)")
    args = parser.parse_args(argv)
    score = args.realworld / "score.py"
    if not score.is_file():
        print(f"skipped: {_shown(args.realworld)} not found")
        return 0
    started = time.monotonic()
    # score.py prints straight to our stdout; its exit code says whether every case passed,
    # which is a score, not a failure of this script.
    result = subprocess.run([sys.executable, str(score), finder_command(), *args.score_options], check=False)
    seconds = time.monotonic() - started
    print(f"accuracy: {seconds:.1f} s (score.py exit {result.returncode}; claimdiff check on the realworld corpus)")
    return 0


def _shown(path: Path) -> str:
    """The path as the user thinks of it: relative to the repository root when it can be."""
    try:
        return Path("..", path.resolve().relative_to(ROOT.parent)).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
