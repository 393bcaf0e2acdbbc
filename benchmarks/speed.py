"""Throughput of the whole per-source analysis, beside quantulum3 and a single regex pass.

claimdiff: load (decode, repair, split, detect the language), extract, normalize and bind
subjects, source by source, as ``claimdiff extract`` does on one core. quantulum3 is called
line by line (its fastest use: it slows down on long inputs). The single regex pass finds
the figures in digits and nothing else: no tool that reads the text can beat it, so it is
the limit, and claimdiff's fraction of it says how much is left to gain.

Figures are megabytes of UTF-8 text per second of CPU time of this process (one core), the
best of ``--repeat`` runs. quantulum3 comes with ``pip install -e '.[bench]'``.

The synthetic sources state a figure in every sentence; news prose does not (in the seeds,
three sentences in five hold no digit and no number word, and the analysis passes over them
quickly), so claimdiff is also timed on the seeds alone.

    python benchmarks/speed.py [--repeat 3] [--sources 200]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402
from claimdiff.lexicon import load_knowledge  # noqa: E402
from claimdiff.pipeline import analyse_source  # noqa: E402
from claimdiff.sources import build_source  # noqa: E402

KNOWLEDGE = load_knowledge()
# Figures in digits with their separators: the least any extractor must look at.
FIGURES = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d+)*")


def seed_texts() -> list[str]:
    """The seeds: news-like prose, English and French."""
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def texts(sources: int) -> list[str]:
    """The seeds (news-like prose) and a synthetic corpus of short news items, both languages."""
    folder = write_corpus(Path("/tmp/claimdiff-bench-speed"), sources=sources, sentences=8)
    return seed_texts() + [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def run_claimdiff(corpus: list[str]) -> int:
    found = 0
    for index, text in enumerate(corpus):
        found += len(analyse_source(build_source(f"b{index}.txt", text, KNOWLEDGE), KNOWLEDGE))
    return found


def run_regex(corpus: list[str]) -> int:
    return sum(1 for text in corpus for _ in FIGURES.finditer(text))


def run_quantulum(corpus: list[str]) -> int:
    from quantulum3 import parser

    return sum(len(parser.parse(line)) for text in corpus for line in text.splitlines() if line.strip())


def measure(name: str, function: Callable[[list[str]], int], corpus: list[str], repeat: int) -> float:
    """Megabytes per CPU second, the best of ``repeat`` runs after a warm-up."""
    function(corpus[:2])  # warm caches (lexicons, models, compiled patterns)
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        found = function(corpus)
        best = min(best, time.process_time() - started)
    megabytes = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    rate = megabytes / best
    print(f"{name:22} {best:7.3f} s  {rate:8.2f} MB/s  {found:7d} found")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", type=int, default=200, help="synthetic sources beside the seeds")
    args = parser.parse_args()
    corpus = texts(args.sources)
    size = sum(len(t.encode("utf-8")) for t in corpus)
    print(f"{len(corpus)} texts, {size / 1e6:.2f} MB (the seeds and a synthetic corpus); CPU time of one core")
    ours = measure("claimdiff (analysis)", run_claimdiff, corpus, args.repeat)
    measure("claimdiff, seeds alone", run_claimdiff, seed_texts(), args.repeat)
    limit = measure("single regex pass", run_regex, corpus, args.repeat)
    print(f"claimdiff runs at {ours / limit:.1%} of a single regex pass")
    try:
        theirs = measure("quantulum3 (per line)", run_quantulum, corpus, args.repeat)
    except ImportError:
        print("quantulum3 is not installed: pip install -e '.[bench]'")
        return
    print(f"claimdiff is {ours / theirs:.1f}x as fast as quantulum3 on the same text")


if __name__ == "__main__":
    main()
