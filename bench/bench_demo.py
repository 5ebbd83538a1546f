"""Throughput of the demo generator: ``python bench/bench_demo.py [--full]``.

Generates 2,000 and 20,000 patients into fresh database files, prints patients per second
and the time 100,000 patients would take at the 20,000 rate; ``--full`` also runs 100,000.
``--workers N`` sets the generator's worker processes (default 2, as ``cryolog demo``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from cryolog.db.database import open_database
from cryolog.services.demo import generate_demo


def run(patients: int, folder: Path, workers: int) -> float:
    db = open_database(folder / f"demo-{patients}.db")
    try:
        started = time.perf_counter()
        summary = generate_demo(db, patients, seed=1, workers=workers)
        elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    rate = patients / elapsed
    size_mb = (folder / f"demo-{patients}.db").stat().st_size / 1e6
    print(
        f"{patients:>7} patients: {elapsed:7.1f} s, {rate:6.0f} patients/s, "
        f"{summary.sessions} sessions, {sum(summary.counts.values())} rows, {size_mb:.0f} MB"
    )
    return rate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also generate 100,000 patients")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"workers: {args.workers}")
        run(2_000, folder, args.workers)
        rate = run(20_000, folder, args.workers)
        print(f"100,000 patients at this rate: about {100_000 / rate / 60:.1f} min")
        if args.full:
            run(100_000, folder, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
