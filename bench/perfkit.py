"""What the scale benchmarks share: cached demo databases, timing and the results table.

Demo files are made once by the real generator and kept in the system temp folder under a
name that carries the schema revision and a hash of the generator's source, so a change to
either makes a new one. A benchmark that writes works on a copy.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "cryolog-bench"


def generator_key() -> str:
    """The schema revision and a hash of the demo generator and the migrations: what a
    cached file depends on."""
    from cryolog.db.revisions import HEAD_REVISION

    digest = hashlib.sha256()
    sources = [
        *(ROOT / "cryolog" / "services" / "demo").glob("*.py"),
        *(ROOT / "cryolog" / "db" / "migrations" / "versions").glob("*.py"),
    ]
    for source in sorted(sources):
        digest.update(source.read_bytes())
    return f"r{HEAD_REVISION}-g{digest.hexdigest()[:10]}"


def demo_db(patients: int, folder: Path | None = None) -> Path:
    """A demo database of ``patients`` patients, generated once (seed 1) and cached."""
    folder = folder or CACHE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{patients}-{generator_key()}.db"
    if path.exists():
        return path
    from cryolog.db.database import open_database
    from cryolog.services.demo import generate_demo

    print(f"  generating {patients:,} demo patients into {path} (once)…", flush=True)
    partial = path.with_suffix(".partial")
    for stale in folder.glob(partial.name + "*"):
        stale.unlink()
    db = open_database(partial)
    try:
        generate_demo(db, patients, seed=1)
    finally:
        db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    anchor = Path(str(partial) + ".anchor")  # the audit trail's anchor beside the file
    if anchor.exists():
        anchor.rename(Path(str(path) + ".anchor"))
    return path


def fresh_bytecode() -> None:
    """Compile cryolog's modules before anything is timed: an installed copy starts from
    compiled files, and a checkout whose ``__pycache__`` is stale (or an environment that
    sets PYTHONDONTWRITEBYTECODE) would otherwise time the compiler on every start."""
    import compileall

    compileall.compile_dir(ROOT / "cryolog", quiet=1)


def encrypted_copy(source: Path, passphrase: str) -> tuple[Path, float | None]:
    """An encrypted copy of the cached demo file ``source`` (made once, cached beside it),
    and the seconds encrypting it took when it was made in this run (None when cached)."""
    target = source.with_name(source.name.replace(".db", "-encrypted.db"))
    if target.exists():
        return target, None
    from cryolog.services.encryption import encrypt_database

    partial = target.with_name(target.name + ".partial")
    for stale in target.parent.glob(partial.name + "*"):
        stale.unlink()
    shutil.copyfile(source, partial)
    anchor = Path(str(source) + ".anchor")
    if anchor.exists():
        shutil.copyfile(anchor, Path(str(partial) + ".anchor"))
    print(f"  encrypting a copy of {source.name} (once)…", flush=True)
    started = time.perf_counter()
    encrypt_database(partial, passphrase, backups="remove")
    took = time.perf_counter() - started
    for made in sorted(target.parent.glob(partial.name + "*")):  # the file and its key file
        made.rename(target.parent / made.name.replace(partial.name, target.name, 1))
    return target, took


def working_copy(source: Path, folder: Path) -> Path:
    """A copy of ``source`` to write to (the cached file stays as generated)."""
    target = folder / source.name.replace(".db", "-work.db")
    shutil.copyfile(source, target)
    anchor = Path(str(source) + ".anchor")
    if anchor.exists():
        shutil.copyfile(anchor, Path(str(target) + ".anchor"))
    return target


def cpu_clock(action: Callable[[], object], runs: int) -> list[float]:
    """``action``'s CPU time (``time.process_time``) over ``runs`` runs, in milliseconds:
    what it costs whatever else the machine runs meanwhile."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        action()
        times.append((time.process_time() - started) * 1000)
    return times


def clock(action: Callable[[], object], runs: int, *, warm: bool = False) -> list[float]:
    """``action`` timed ``runs`` times, in milliseconds (``warm``: run once untimed first,
    so imports and compiled statements are not counted)."""
    if warm:
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


@dataclass
class Measure:
    """One line of the results: a measure at one size, beside its floor."""

    what: str
    size: str
    times: list[float]
    floor: list[float] = field(default_factory=list)
    floor_what: str = ""
    target: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return p95(self.times)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_median
        return None if not floor else self.median / floor

    def line(self) -> str:
        floor = self.floor_median
        ratio = self.ratio
        return (
            f"| {self.what} | {self.size} | {milliseconds(self.median)} | "
            f"{milliseconds(self.p95)} | {'—' if floor is None else milliseconds(floor)} | "
            f"{'—' if ratio is None else f'{ratio:.1f}×'} | {self.floor_what or '—'} | "
            f"{self.target or '—'} |"
        )


def milliseconds(value: float) -> str:
    """Two decimals, or three significant digits below 0.1 ms (a raw indexed SELECT of a
    tiny file takes a few microseconds: "0.00" would read as no floor at all)."""
    return f"{value:.2f}" if value >= 0.1 or value == 0 else f"{value:.3g}"


@dataclass
class Results:
    measures: list[Measure] = field(default_factory=list)
    facts: list[tuple[str, str, str]] = field(default_factory=list)
    """(what, size, value): numbers that are not times (file size per patient, …)."""
    notes: list[str] = field(default_factory=list)

    def add(self, measure: Measure) -> Measure:
        self.measures.append(measure)
        print("  " + measure.line(), flush=True)
        return measure

    def fact(self, what: str, size: str, value: str) -> None:
        self.facts.append((what, size, value))
        print(f"  {what} at {size}: {value}", flush=True)

    def markdown(self, title: str, intro: str) -> str:
        lines = [f"# {title}", "", intro, "", machine(), ""]
        lines += [
            "| measure | size | median ms | p95 ms | floor ms | ratio | floor is | target |",
            "|---|---|---|---|---|---|---|---|",
            *(m.line() for m in self.measures),
        ]
        if self.facts:
            lines += ["", "| measure | size | value |", "|---|---|---|"]
            lines += [f"| {what} | {size} | {value} |" for what, size, value in self.facts]
        if self.notes:
            lines += ["", *self.notes]
        return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f}"
    import sqlite3

    return (
        f"Machine: {cpu}, {os.cpu_count()} cores{load}; {platform.system()} "
        f"{platform.release()}; Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}."
    )
