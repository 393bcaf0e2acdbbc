"""Report generation on a 1,000-source synthetic corpus (the issue's bar: under 10 s).

python benchmarks/report.py [--sources 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402
from claimdiff.pipeline import load_corpus  # noqa: E402
from claimdiff.report import render_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=1000)
    args = parser.parse_args()
    folder = write_corpus(Path(f"/tmp/claimdiff-bench-report-{args.sources}"), sources=args.sources, sentences=8)
    started = time.perf_counter()
    corpus = load_corpus([str(folder)])
    analysed = time.perf_counter()
    html = render_report(corpus)
    rendered = time.perf_counter()
    print(
        f"{len(corpus.sources):,} sources, {len(corpus.claims):,} claims, {len(corpus.discrepancies):,} discrepancies"
    )
    print(
        f"analysis {analysed - started:.2f} s + rendering {rendered - analysed:.2f} s = {rendered - started:.2f} s; "
        f"page {len(html) / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
