"""The incremental gate: one new source against a claim store of about 100,000 claims.

Builds (once, cached under /tmp) a synthetic corpus and its store with ``extract --write``,
then times ``claimdiff gate`` on one new source, in-process and as a fresh command.

    python benchmarks/gate.py [--sources 12500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402
from claimdiff.gate import run_gate  # noqa: E402
from claimdiff.pipeline import load_corpus  # noqa: E402
from claimdiff.store import write_store  # noqa: E402

WORK = Path("/tmp/claimdiff-bench-gate")
NEW = "Arvela raised €900 million in its latest funding round in 2024.\n"


def build(sources: int) -> None:
    marker = WORK / f"built-{sources}"
    if marker.exists():
        return
    started = time.perf_counter()
    write_corpus(WORK / "corpus", sources=sources, sentences=8)
    corpus = load_corpus([str(WORK / "corpus")], compare_claims=False)
    write_store(WORK / "claims", corpus.sources, corpus.claims)
    marker.write_text(str(len(corpus.claims)))
    print(
        f"built a store of {len(corpus.claims):,} claims from {sources:,} sources "
        f"in {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=12_500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    build(args.sources)
    rows = sum(1 for _ in (WORK / "claims" / "claims.jsonl").open(encoding="utf-8"))
    new = WORK / "new_article.txt"
    new.write_text(NEW, encoding="utf-8")
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = run_gate([str(new)], WORK / "corpus", WORK / "claims")
        timings.append(time.perf_counter() - started)
    print(
        f"store: {rows:,} claims; gate in-process: median {statistics.median(timings):.2f} s, "
        f"best {min(timings):.2f} s; {len(result.discrepancies)} discrepancies, {len(result.introduced)} introduced"
    )
    command = [
        sys.executable,
        "-m",
        "claimdiff",
        "--store",
        str(WORK / "claims"),
        "gate",
        str(new),
        "--corpus",
        str(WORK / "corpus"),
        "--format",
        "json",
    ]
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": "ignore"})
        runs.append(time.perf_counter() - started)
    found = len(json.loads(out.stdout)["discrepancies"]) if out.stdout else 0
    print(
        f"gate as a command (interpreter start included): median {statistics.median(runs):.2f} s, "
        f"exit {out.returncode}, {found} discrepancies"
    )


if __name__ == "__main__":
    main()
