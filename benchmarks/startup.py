"""Start-up: what a command costs before and around its real work, as fresh processes.

Prints the median wall and CPU seconds of each command over ``--repeat`` runs:
``claimdiff check seeds`` with a warm cache (the usual case: every source's claims are read
from the cache, :mod:`claimdiff.claim_cache`), the same with the tables warm but no source's
claims kept (every source changed since the last run: each is analysed), the same with an
empty cache (the first run after an install: tables are built from pint, the ECB file,
babel and wordfreq, then kept), and the floor of any command (importing the command line).
Then, in this process,
what the cached tables save: loading the ECB rates and pint's registry from their packages
against reading the cached tables.

    python benchmarks/startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _environment(cache: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"XDG_CACHE_HOME": cache, "PYTHONWARNINGS": "ignore"}


def _run(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command`` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _report(name: str, runs: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(f"{name:44} wall median {statistics.median(walls):5.2f} s  cpu median {statistics.median(cpus):5.2f} s")


def commands(repeat: int) -> None:
    check = [sys.executable, "-m", "claimdiff", "check", "seeds"]
    with tempfile.TemporaryDirectory() as warm:
        environment = _environment(warm)
        _run(check, environment)  # fills the cache and writes byte code
        _report("claimdiff check seeds (warm cache)", [_run(check, environment) for _ in range(repeat)])
        claims = Path(warm) / "claimdiff" / "sources"
        analysed = []
        for _ in range(repeat):
            shutil.rmtree(claims, ignore_errors=True)
            analysed.append(_run(check, environment))
        _report("claimdiff check seeds (no claims kept)", analysed)
        floor = [sys.executable, "-c", "import claimdiff.cli"]
        _report("import claimdiff.cli (floor of any command)", [_run(floor, environment) for _ in range(repeat)])
    cold = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as empty:
            cold.append(_run(check, _environment(empty)))
    _report("claimdiff check seeds (empty cache)", cold)


def _seconds(function: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def tables(repeat: int) -> None:
    from claimdiff import fx
    from claimdiff.normalize import units

    history_file = fx._history_file()
    parsed = _seconds(lambda: fx._read_history_file(history_file), repeat)
    print(f"{'ECB rates parsed from the package':44} median {parsed:5.3f} s")

    def cached_rates() -> None:
        fx.rate_history.cache_clear()
        fx.rate_history()

    cached_rates()
    print(f"{'ECB rates read from the cached table':44} median {_seconds(cached_rates, repeat):5.3f} s")

    def pint_registry() -> None:
        units.registry.cache_clear()
        units.registry()

    print(f"{'pint registry built (import excluded)':44} median {_seconds(pint_registry, repeat):5.3f} s")

    def cached_factors() -> None:
        units.conversion_table.cache_clear()
        units.conversion_table()

    cached_factors()
    print(f"{'unit factors read from the cached table':44} median {_seconds(cached_factors, repeat):5.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    commands(args.repeat)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        tables(args.repeat)


if __name__ == "__main__":
    main()
