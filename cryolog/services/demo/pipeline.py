"""Chunks of generated rows, in order: made here, or by worker processes side by side.

A chunk is a run of consecutive patients. Planning a patient depends only on the seed, its
index and ``today``; only the ids depend on the chunks before. So a worker plans its chunk,
reports how many ids of each table it takes (``rows.id_counts``), gets its first ids back
once the chunk before has reported, then builds the rows. Worker ``w`` of ``n`` takes
chunks ``w``, ``w + n``, ... and the calling process takes the chunks in order, so the
rows are the same whatever the number of workers.

Workers are started with the ``spawn`` method (a fresh interpreter: no state copied from a
process that may run threads, e.g. a Qt application) and end with the run; each holds at
most one finished chunk until it is taken, which bounds the memory.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

from cryolog.services.demo.plan import plan_patient
from cryolog.services.demo.records import PatientPlan
from cryolog.services.demo.rows import RowChunk, advance, build_rows, id_counts

_COUNTS, _ROWS, _ERROR = "counts", "rows", "error"
Chunks = Generator[RowChunk, None, None]


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to generate its chunks."""

    seed: int
    today: date
    settings: Mapping[str, float]
    actor: str
    encode: bool
    chunks: tuple[tuple[int, int], ...]  # (first patient index, number of patients)

    def plans(self, chunk: int) -> list[PatientPlan]:
        first, count = self.chunks[chunk]
        return [
            plan_patient(self.seed, i, self.today, self.settings)
            for i in range(first, first + count)
        ]


def chunk_ranges(patients: int, size: int) -> tuple[tuple[int, int], ...]:
    return tuple((first, min(size, patients - first)) for first in range(0, patients, size))


def serial_chunks(job: Job, next_ids: Mapping[str, int]) -> Chunks:
    """The chunks made one after the other in this process."""
    for index in range(len(job.chunks)):
        plans = job.plans(index)
        yield build_rows(plans, next_ids, job.actor, encode=job.encode)
        next_ids = advance(next_ids, id_counts(plans))


class WorkerFailed(RuntimeError):
    """A worker process stopped with an error or without a word."""


def parallel_chunks(job: Job, next_ids: Mapping[str, int], workers: int) -> Chunks:
    """The chunks made by ``workers`` processes; the caller gets them in order."""
    context = multiprocessing.get_context("spawn")
    links: list[Connection] = []
    processes: list[Any] = []
    try:
        for number in range(min(workers, len(job.chunks))):
            ours, theirs = context.Pipe()
            process = context.Process(
                target=work, args=(theirs, job, number, workers), name=f"cryolog-demo-{number}"
            )
            process.daemon = True
            process.start()
            theirs.close()
            links.append(ours)
            processes.append(process)
        yield from _collect(links, len(job.chunks), next_ids)
    finally:
        for link in links:
            link.close()
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
            process.close()


def _collect(
    links: list[Connection], chunks: int, next_ids: Mapping[str, int]
) -> Iterator[RowChunk]:
    started: set[int] = set()

    def start(index: int) -> None:
        """Give chunk ``index`` its first ids (its counts must be there or coming)."""
        nonlocal next_ids
        link = links[index % len(links)]
        counts: dict[str, int] = _receive(link, _COUNTS)
        link.send(next_ids)
        next_ids = advance(next_ids, counts)
        started.add(index)

    for index in range(chunks):
        if index not in started:
            start(index)
        chunk: RowChunk = _receive(links[index % len(links)], _ROWS)
        after = index + 1
        if after < chunks and links[after % len(links)].poll():
            start(after)  # let it build its rows while the caller inserts these
        yield chunk


def _receive(link: Connection, kind: str) -> Any:
    try:
        message = link.recv()
    except EOFError:
        raise WorkerFailed("a demo data worker stopped unexpectedly") from None
    if message[0] == _ERROR:
        raise WorkerFailed(f"a demo data worker failed:\n{message[1]}")
    if message[0] != kind:
        raise WorkerFailed(f"a demo data worker sent {message[0]!r} instead of {kind!r}")
    return message[1]


def work(link: Connection, job: Job, first: int, step: int) -> None:
    """A worker process: plan, report counts, wait for the first ids, build, send."""
    try:
        for index in range(first, len(job.chunks), step):
            plans = job.plans(index)
            link.send((_COUNTS, id_counts(plans)))
            next_ids = link.recv()
            link.send((_ROWS, build_rows(plans, next_ids, job.actor, encode=job.encode)))
    except (EOFError, BrokenPipeError):
        pass  # the caller stopped listening: nothing left to do
    except Exception:
        with contextlib.suppress(OSError):
            link.send((_ERROR, traceback.format_exc()))
    finally:
        link.close()
