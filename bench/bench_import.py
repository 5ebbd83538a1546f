"""Patient-list import and patient export: ``python bench/bench_import.py [--rows N]``.

Reads, checks and imports a CSV list of N patients (default 5,000) into a database that
already holds 2,000 demo patients (so duplicate matching has something to look through),
then exports one patient's record. Prints the time of each step.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.services.demo import generate_demo
from cryolog.services.export.patient_export import export_patient
from cryolog.services.importing.mapping import guess_map
from cryolog.services.importing.reading import read_table
from cryolog.services.importing.run import run_import


def _list(path: Path, rows: int) -> None:
    lines = ["Фамилия;Имя;Отчество;Дата рождения;Телефон;Примечание"]
    lines += [
        f"Фамилия{i};Имя{i};Отчество{i};{1 + i % 28:02d}.{1 + i % 12:02d}.{1940 + i % 60};"
        f"+7 9{i:09d};заметка {i}"
        for i in range(rows)
    ]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = open_database(root / "bench.db")
        try:
            generate_demo(db, 2000, seed=1, workers=1)
            services = Services.open(db, "bench")
            _list(root / "list.csv", args.rows)
            started = time.perf_counter()
            table = read_table(root / "list.csv")
            read_s = time.perf_counter() - started
            result = run_import(services, table, guess_map(table.header))
            total_s = time.perf_counter() - started
            print(
                f"import of {args.rows} rows: read {read_s:.2f} s, checked and imported"
                f" {len(result.created)} in {total_s:.1f} s"
                f" ({args.rows / total_s:.0f} rows/s)"
            )
            started = time.perf_counter()
            done = export_patient(services, 1, root / "record.zip", password="bench password")
            print(f"export of patient 1: {time.perf_counter() - started:.2f} s, {done.describe()}")
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
