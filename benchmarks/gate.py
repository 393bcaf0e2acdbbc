"""The incremental gate: one new source against a claim store of about 150,000 claims.

Builds (once, cached under /tmp) a synthetic corpus and its store with ``extract --write``,
then times ``claimdiff gate`` on one new source in-process: reading the whole store, building
the store's index (the first gate after the store changed), and through the index (every
later gate); then as a fresh command (interpreter start, imports and language data included).

    python benchmarks/gate.py [--sources 12500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402
from claimdiff import gate  # noqa: E402
from claimdiff.gate import GateResult, run_gate  # noqa: E402
from claimdiff.lexicon import Knowledge  # noqa: E402
from claimdiff.pipeline import knowledge_for, load_corpus  # noqa: E402
from claimdiff.store import SOURCES_FILE, write_store  # noqa: E402
from claimdiff.store_index import index_path  # noqa: E402

WORK = Path("/tmp/claimdiff-bench-gate")
NEW = "Arvela raised €900 million in its latest funding round in 2024.\n"


def build(sources: int) -> None:
    marker = WORK / f"built-{sources}"
    if marker.exists() and _current(WORK / "claims" / SOURCES_FILE):
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


def _current(manifest: Path) -> bool:
    """Whether the cached store has the manifest of this version (rows hashed per source):
    one written by an older version verifies nothing, and the gate would extract it all."""
    entries = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    return bool(entries) and all("rows" in entry for entry in entries.values())


def _timed(
    new: Path, knowledge: Knowledge, repeat: int, before: Callable[[], object] | None = None
) -> tuple[list[float], GateResult]:
    timings = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = run_gate([str(new)], WORK / "corpus", WORK / "claims", knowledge=knowledge)
        timings.append(time.perf_counter() - started)
    return timings, result


def _line(name: str, timings: list[float], result: GateResult) -> None:
    print(
        f"{name:34} median {statistics.median(timings):5.2f} s, best {min(timings):5.2f} s; "
        f"{len(result.discrepancies)} discrepancies, {len(result.introduced)} introduced"
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
    knowledge = knowledge_for()
    index = index_path(WORK / "claims")
    whole = gate.open_store
    gate.open_store = lambda folder: None  # type: ignore[assignment]
    full, by_full = _timed(new, knowledge, args.repeat)
    gate.open_store = whole
    print(f"store: {rows:,} claims; gate on one new source, in-process:")
    _line("  reading the whole store", full, by_full)
    building, by_build = _timed(new, knowledge, max(1, args.repeat // 2), lambda: index.unlink(missing_ok=True))
    _line("  building the index (first gate)", building, by_build)
    indexed, by_index = _timed(new, knowledge, args.repeat)
    _line("  through the index", indexed, by_index)
    same = [d.to_json() for d in by_index.discrepancies] == [d.to_json() for d in by_full.discrepancies]
    print(f"  same discrepancies through the index and the whole store: {same}")
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
    runs, cpus = [], []
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": "ignore"})
        runs.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    found = len(json.loads(out.stdout)["discrepancies"]) if out.stdout else 0
    print(
        f"gate as a command, through the index (interpreter start included): wall median "
        f"{statistics.median(runs):.2f} s, cpu median {statistics.median(cpus):.2f} s; "
        f"exit {out.returncode}, {found} discrepancies"
    )


if __name__ == "__main__":
    main()
