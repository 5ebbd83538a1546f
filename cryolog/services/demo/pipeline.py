"""Chunks of generated rows, in order: made here, or by worker processes side by side.

A chunk is a run of consecutive patients. Planning a patient depends only on the seed, its
index and ``today``; only the ids depend on the chunks before. Worker ``w`` of ``n`` takes
chunks ``w``, ``w + n``, ...: it plans its chunk, takes the chunk's first ids from the
worker before it, passes on the first ids of the next chunk (``rows.id_counts`` says how
many its chunk takes), builds the rows and sends them. The calling process takes the chunks
in order, so the rows are the same whatever the number of workers.

Workers are started with the ``spawn`` method (a fresh interpreter: no state copied from a
process that may run threads, e.g. a Qt application) and end with the run; each holds at
most one finished chunk until it is taken, which bounds the memory.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import traceback
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

from cryolog.services.demo.plan import plan_patient
from cryolog.services.demo.records import PatientPlan
from cryolog.services.demo.rows import RowChunk, advance, build_rows, id_counts

_IDS, _ROWS, _ERROR = "ids", "rows", "error"
_AHEAD = 1  # finished chunks waiting in the calling process
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
        yield build_rows(plans, next_ids, job.actor, encode=job.encode, seed=job.seed)
        next_ids = advance(next_ids, id_counts(plans))


class WorkerFailed(RuntimeError):
    """A worker process stopped with an error or without a word."""


def parallel_chunks(job: Job, next_ids: Mapping[str, int], workers: int) -> Chunks:
    """The chunks made by ``workers`` processes; the caller gets them in order.

    The workers pass the first ids of the next chunk round a ring of pipes, so they never
    wait for the caller; a thread here takes the finished chunks as they come (at most
    ``_AHEAD`` waiting) while the caller inserts.
    """
    context = multiprocessing.get_context("spawn")
    count = min(workers, len(job.chunks))
    ring = [context.Pipe(duplex=False) for _ in range(count)]  # worker w reads ring[w]
    outs = [context.Pipe(duplex=False) for _ in range(count)]
    processes: list[Any] = []
    complete = False
    finished: queue.Queue[RowChunk | BaseException] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()
    reader = threading.Thread(
        target=_read, args=([r for r, _ in outs], len(job.chunks), finished, stop), daemon=True
    )
    try:
        for number in range(count):
            inbox, passing, out = ring[number][0], ring[(number + 1) % count][1], outs[number][1]
            process = context.Process(
                target=work,
                args=(inbox, passing, out, job, number, count),
                name=f"cryolog-demo-{number}",
                daemon=True,
            )
            processes.append(process)
            process.start()
        ring[0][1].send((_IDS, dict(next_ids)))
        for link in (*(e for pair in ring for e in pair), *(w for _, w in outs)):
            link.close()  # the workers hold their own copies
        reader.start()
        for _ in job.chunks:
            item = finished.get()
            if isinstance(item, BaseException):
                raise item
            yield item
        complete = True
    finally:
        stop.set()
        _end(processes, complete=complete)
        while reader.is_alive():
            _drain(finished)
            reader.join(timeout=0.1)
        for link, _ in outs:
            link.close()


def _read(
    links: list[Connection],
    chunks: int,
    finished: queue.Queue[RowChunk | BaseException],
    stop: threading.Event,
) -> None:
    """Take the chunks in order from the workers' pipes (a thread of the calling process)."""
    for index in range(chunks):
        try:
            item: RowChunk | BaseException = _receive(links[index % len(links)], _ROWS)
        except BaseException as exc:  # handed to the caller's thread
            item = exc
        while not stop.is_set():
            try:
                finished.put(item, timeout=0.1)
                break
            except queue.Full:
                continue
        if stop.is_set() or isinstance(item, BaseException):
            return


def _drain(finished: queue.Queue[RowChunk | BaseException]) -> None:
    with contextlib.suppress(queue.Empty):
        while True:
            finished.get_nowait()


def _end(processes: list[Any], *, complete: bool) -> None:
    """Wait for the workers, which end after their last chunk; stop them if the run did not
    get that far."""
    for process in processes:
        if process.pid is None:
            continue
        process.join(timeout=10 if complete else 0)
        if process.is_alive():
            process.terminate()
            process.join()
        process.close()


def _receive(link: Connection, kind: str) -> Any:
    try:
        message = link.recv()
    except (EOFError, OSError):
        raise WorkerFailed("a demo data worker stopped unexpectedly") from None
    if message[0] == _ERROR:
        raise WorkerFailed(f"a demo data worker failed:\n{message[1]}")
    if message[0] != kind:
        raise WorkerFailed(f"a demo data worker sent {message[0]!r} instead of {kind!r}")
    return message[1]


def work(
    inbox: Connection, passing: Connection, out: Connection, job: Job, first: int, step: int
) -> None:
    """A worker process: plan a chunk, take its first ids from the ring, pass on the next
    chunk's, build the rows and send them."""
    try:
        for index in range(first, len(job.chunks), step):
            plans = job.plans(index)
            next_ids = _receive(inbox, _IDS)
            if index + 1 < len(job.chunks):
                passing.send((_IDS, advance(next_ids, id_counts(plans))))
            out.send(
                (_ROWS, build_rows(plans, next_ids, job.actor, encode=job.encode, seed=job.seed))
            )
    except (WorkerFailed, BrokenPipeError):
        pass  # a neighbour or the caller stopped: nothing left to do
    except Exception:
        with contextlib.suppress(OSError):
            out.send((_ERROR, traceback.format_exc()))
    finally:
        for link in (inbox, passing, out):
            link.close()
