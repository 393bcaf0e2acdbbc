"""A long fuzz run over extraction and comparison (the test suite runs a short one).

Uses the strategies of tests/test_hostile.py with many more examples and prints how many
inputs ran, how long they took, and the slowest input.

    python benchmarks/fuzz.py [--examples 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_hostile import PIECES, _check_invariants  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=20_000)
    args = parser.parse_args()
    stats = {"runs": 0, "slowest": 0.0, "slowest_input": ""}

    def timed(text: str, language: str) -> None:
        started = time.perf_counter()
        _check_invariants(text, language)
        elapsed = time.perf_counter() - started
        stats["runs"] += 1
        if elapsed > stats["slowest"]:
            stats["slowest"], stats["slowest_input"] = elapsed, text[:80]

    config = settings(max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
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


if __name__ == "__main__":
    main()
