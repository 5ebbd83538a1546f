"""Two processes creating the same new database: one file, both open it, nothing lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only  # two processes creating one file

ROUNDS = 40


def _racer(folder: str, name: str, barrier: object, results: object) -> None:
    from datetime import date

    from cryolog.db.database import open_database
    from cryolog.services import Services

    for round_ in range(ROUNDS):
        barrier.wait()  # type: ignore[attr-defined]
        path = Path(folder) / f"round-{round_}.db"
        try:
            db = open_database(path)
            Services.open(db, name).patients.register(
                {"family_name": f"{name}{round_}", "birth_date": date(1980, 1, 1)}
            )
            db.dispose()
            results.put((round_, name, "ok"))  # type: ignore[attr-defined]
        except Exception as exc:  # reported to the test, which fails on it
            results.put((round_, name, f"{type(exc).__name__}: {exc}"))  # type: ignore[attr-defined]


def test_two_processes_creating_the_same_file_forty_times(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    racers = [
        context.Process(target=_racer, args=(str(tmp_path), name, barrier, results))
        for name in ("first", "second")
    ]
    for racer in racers:
        racer.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for racer in racers:
        racer.join(60)
        assert racer.exitcode == 0
    failures = [o for o in outcomes if o[2] != "ok"]
    assert failures == []
    for round_ in range(ROUNDS):
        path = tmp_path / f"round-{round_}.db"
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in conn.execute("SELECT family_name FROM patient")}
        assert names == {f"first{round_}", f"second{round_}"}, round_
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []
