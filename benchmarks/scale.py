"""Scale figures: time and peak memory of extraction and comparison, local engine against Dask.

    python benchmarks/scale.py                          # the README table (about an hour)
    python benchmarks/scale.py --claims 10000 100000    # a quicker run
    python benchmarks/scale.py --measure compare --claims 1000000 --entities 256 --engine local
    python benchmarks/scale.py --measure store --claims 100000 --engine dask

Comparison runs on synthetic claims built without text (``benchmarks.synthetic.synthetic_claims``:
8 claims a source, six metrics, three years, a few figures per subject as in the press), about
256 or 2,560 companies; the local engine is :func:`claimdiff.pipeline.find_discrepancies`, the
Dask one (:func:`claimdiff.dask_engine.discrepancies_dask`) shuffles the claims as columns in
buckets of block keys, compares each block on a ``LocalCluster`` of 2 worker processes and
fetches the claims of the discrepancies (the claims are built on the workers, as extraction
would leave them). Extraction runs on synthetic text files (``benchmarks.synthetic.write_corpus``):
the local engine's process pool against the Dask engine's map over files; ``store`` is
``extract --write`` into a Parquet store (Dask: the workers write the part files). Each measure
runs in a fresh process; peak memory is its ``ru_maxrss`` (and the largest worker's, for Dask).
Both engines' discrepancies are checked to be the same (a digest of ids and claims), and their
stores (a digest of the part files).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_claims, write_corpus  # noqa: E402

# Claims built per Dask task (a partition), and the workers of the LocalCluster.
CLAIMS_PER_TASK = 50_000
WORKERS = 2
# Claims one synthetic text source yields (8 sentences; measured: 4,797 claims from 400 sources).
CLAIMS_PER_SOURCE = 12


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _digest(discrepancies: list[Any]) -> str:
    rows = sorted((d.id, d.kind, tuple(c.id for c in d.claims)) for d in discrepancies)
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


# --- one measure, in its own process ----------------------------------------------------------


def measure_compare_local(claims: int, entities: int) -> dict[str, Any]:
    from claimdiff.pipeline import find_discrepancies, knowledge_for, source_name

    knowledge = knowledge_for()
    built = synthetic_claims(0, claims, entities)
    names = {c.source: source_name(c.source) for c in built}
    held = _peak_mb()
    started, cpu = time.perf_counter(), _cpu()
    found = find_discrepancies(built, names, knowledge)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _peak_mb(),
        "claims_mb": held,
        "found": len(found),
        "digest": _digest(found),
    }


def measure_compare_dask(claims: int, entities: int) -> dict[str, Any]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from claimdiff.dask_engine import discrepancies_dask
    from claimdiff.pipeline import knowledge_for

    knowledge = knowledge_for()
    tasks = max(1, -(-claims // CLAIMS_PER_TASK))
    bounds = [(i * CLAIMS_PER_TASK, min(claims, (i + 1) * CLAIMS_PER_TASK)) for i in range(tasks)]
    with (
        LocalCluster(
            n_workers=WORKERS, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster) as client,
    ):
        bag = db.from_sequence(bounds, npartitions=tasks).map(lambda b: synthetic_claims(b[0], b[1], entities))
        built = client.persist(bag.flatten())
        client.compute(built.count(), sync=True)  # built on the workers before the clock starts
        worker_cpu = sum(client.run(_cpu).values())
        started, cpu = time.perf_counter(), _cpu()
        found = discrepancies_dask(client, built, knowledge)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        cpu += sum(client.run(_cpu).values()) - worker_cpu
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _peak_mb(),
        "worker_mb": max(workers.values()),
        "found": len(found),
        "digest": _digest(found),
    }


def measure_extract(claims: int, engine: str, folder: Path) -> dict[str, Any]:
    from claimdiff.pipeline import load_corpus

    corpus = _corpus(claims, folder)
    size = sum(p.stat().st_size for p in corpus.iterdir())
    started, cpu = time.perf_counter(), _cpu() + _cpu(resource.RUSAGE_CHILDREN)
    if engine == "dask":
        from claimdiff.dask_engine import load_corpus_dask

        loaded = load_corpus_dask([str(corpus)], compare_claims=False)
    else:
        loaded = load_corpus([str(corpus)], compare_claims=False)
    seconds = time.perf_counter() - started
    cpu = _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    found = len(loaded.claims)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _peak_mb(),
        "worker_mb": children,
        "claims": found,
        "bytes": size,
    }


def measure_store(claims: int, engine: str, folder: Path) -> dict[str, Any]:
    """``extract --write`` into a Parquet store: the local engine gathers the claims and writes
    the part files; the Dask one's workers write them and only the sources come back."""
    from claimdiff.store import write_store

    corpus = _corpus(claims, folder)
    store = folder / f"store-{engine}-{claims}.parquet"
    started, cpu = time.perf_counter(), _cpu() + _cpu(resource.RUSAGE_CHILDREN)
    if engine == "dask":
        from claimdiff.dask_engine import store_corpus_dask

        _, written = store_corpus_dask([str(corpus)], store)
    else:
        from claimdiff.pipeline import load_corpus

        loaded = load_corpus([str(corpus)], compare_claims=False)
        write_store(store, loaded.sources, loaded.claims)
        written = len(loaded.claims)
    seconds = time.perf_counter() - started
    cpu = _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _peak_mb(),
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "claims": written,
        "bytes": sum(p.stat().st_size for p in corpus.iterdir()),
        "digest": hashlib.sha256(b"".join(p.read_bytes() for p in sorted(store.glob("*.parquet")))).hexdigest()[:12],
    }


def _corpus(claims: int, folder: Path) -> Path:
    """The synthetic text corpus of about ``claims`` claims (written once, then reused)."""
    sources = max(1, claims // CLAIMS_PER_SOURCE)
    corpus = folder / f"corpus-{sources}"
    if not (corpus / f"source_{sources - 1:05d}.txt").exists():
        write_corpus(corpus, sources=sources)
    return corpus


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    if args.measure == "extract":
        return measure_extract(args.claims[0], args.engine, Path(args.folder))
    if args.measure == "store":
        return measure_store(args.claims[0], args.engine, Path(args.folder))
    if args.engine == "dask":
        return measure_compare_dask(args.claims[0], args.entities[0])
    return measure_compare_local(args.claims[0], args.entities[0])


# --- the table ----------------------------------------------------------------------------------


def child(measure: str, claims: int, engine: str, entities: int, folder: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", measure, "--claims", str(claims), "--engine", engine]
    command += ["--entities", str(entities), "--folder", folder]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def memory(row: dict[str, Any]) -> str:
    text = f"{row['peak_mb'] / 1024:.2f} GB"
    if row.get("claims_mb"):
        text += f" (claims alone {row['claims_mb'] / 1024:.2f} GB)"
    if row.get("worker_mb"):
        text += f" + {row['worker_mb'] / 1024:.2f} GB/worker"
    return text


STEPS = {"extract": "extract", "store": "extract --write (Parquet store)"}


def extract_rows(step: str, claims: int, engines: list[str], folder: str) -> None:
    """The table's rows of one extraction measure (``store``: the Parquet stores written alike)."""
    digests = set()
    for engine in engines:
        row = child(step, claims, engine, 0, folder)
        if "error" in row:
            print(f"| {STEPS[step]} | ~{claims:,} | | {engine} | failed: {row['error']} | | | |", flush=True)
            continue
        digests.add(row.get("digest"))
        size = f"{row['claims']:,} ({row['bytes'] / 1e6:.1f} MB of text)"
        print(
            f"| {STEPS[step]} | {size} | 256 | {engine} | {row['seconds']:.1f} | {row['cpu']:.1f} | {memory(row)} | |",
            flush=True,
        )
    if len(digests) > 1:
        print(f"| {STEPS[step]} | ~{claims:,} | | | the engines' stores DIFFER | | | |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", choices=["compare", "extract", "store"])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--extract-claims", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store-claims", type=int, nargs="+", default=[100_000])
    parser.add_argument("--entities", type=int, nargs="+", default=[256, 2560])
    parser.add_argument("--engine", nargs="+", default=["local", "dask"])
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "claimdiff-scale"))
    args = parser.parse_args(argv)
    if args.measure:
        args.engine = args.engine[0]
        print(json.dumps(run_one(args)))
        return 0
    os.makedirs(args.folder, exist_ok=True)
    print(f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f}); Dask: LocalCluster of {WORKERS} workers\n")
    print("| step | claims | entities | engine | wall s | CPU s | peak memory | discrepancies |")
    print("| --- | ---: | ---: | --- | ---: | ---: | --- | ---: |")
    times: dict[tuple[int, str], dict[int, tuple[float, float]]] = {}
    for entities in args.entities:
        for claims in args.claims:
            digests = set()
            for engine in args.engine:
                row = child("compare", claims, engine, entities, args.folder)
                head = f"| compare | {claims:,} | {entities:,} | {engine} |"
                if "error" in row:
                    print(f"{head} failed: {row['error']} | | | |", flush=True)
                    continue
                digests.add(row["digest"])
                times.setdefault((entities, engine), {})[claims] = (row["seconds"], row["cpu"])
                print(
                    f"{head} {row['seconds']:.1f} | {row['cpu']:.1f} | {memory(row)} | {row['found']:,} |", flush=True
                )
            if len(digests) > 1:
                print(f"| compare | {claims:,} | {entities:,} | | the engines' discrepancies DIFFER | | | |")
    for step, sizes in (("extract", args.extract_claims), ("store", args.store_claims)):
        for claims in (n for n in sizes if n > 0):  # 0: not measured
            extract_rows(step, claims, args.engine, args.folder)
    print()
    for (entities, engine), by_size in sorted(times.items()):
        sizes = sorted(by_size)
        for small, large in zip(sizes, sizes[1:], strict=False):
            wall = by_size[large][0] / by_size[small][0]
            cpu = by_size[large][1] / by_size[small][1]
            print(
                f"compare {engine}, {entities:,} entities: {large:,} claims take {wall:.1f}x the wall time "
                f"and {cpu:.1f}x the CPU time of {small:,}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
