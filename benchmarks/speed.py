"""Extraction speed: claimdiff against quantulum3 on the same text, in one run.

Prints characters per second for each and the ratio. quantulum3 comes with
``pip install -e '.[bench]'``; without it only claimdiff's figures are printed.

    python benchmarks/speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402
from claimdiff.lexicon import load_knowledge  # noqa: E402
from claimdiff.normalize import claims_of  # noqa: E402
from claimdiff.sources import build_source  # noqa: E402

KNOWLEDGE = load_knowledge()


def texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    folder = write_corpus(Path("/tmp/claimdiff-bench-speed"), sources=200, sentences=8)
    return seeds + [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def run_claimdiff(corpus: list[str]) -> int:
    found = 0
    for index, text in enumerate(corpus):
        found += len(claims_of(build_source(f"b{index}.txt", text, KNOWLEDGE), KNOWLEDGE))
    return found


def run_quantulum(corpus: list[str]) -> int:
    from quantulum3 import parser

    return sum(len(parser.parse(text)) for text in corpus)


def measure(name: str, function, corpus: list[str], repeat: int) -> float:  # type: ignore[no-untyped-def]
    function(corpus[:1])  # warm caches (lexicons, models)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        found = function(corpus)
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    function(corpus[:20])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    chars = sum(len(t) for t in corpus)
    print(
        f"{name:12} {best:7.2f} s  {chars / best / 1000:8.1f} k chars/s  {found:6d} quantities  "
        f"peak {peak / 1e6:.1f} MB (20 texts)"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = texts()
    print(f"{len(corpus)} texts, {sum(len(t) for t in corpus):,} characters (the seeds and a synthetic corpus)")
    ours = measure("claimdiff", run_claimdiff, corpus, args.repeat)
    try:
        theirs = measure("quantulum3", run_quantulum, corpus, args.repeat)
    except ImportError:
        print("quantulum3 is not installed: pip install -e '.[bench]'")
        return
    print(f"claimdiff is {theirs / ours:.1f}x as fast as quantulum3 on the same text")


if __name__ == "__main__":
    main()
