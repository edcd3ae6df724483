"""A supervised pool of worker processes with a per-document deadline that truly holds.

`multiprocessing.Pool` cannot stop one task, and a page that sends lxml into a long C call
cannot be interrupted from inside its own process. So each worker here is a plain process with
its own pipe, and the parent process supervises them:

* it sends a worker a batch of documents (several per message keep the overhead low), and the
  next batch while the worker cleans the current one (a thread in the worker takes it off the
  pipe), so no worker waits for the parent; what a worker has outstanding is counted in
  documents and in characters, so that it never holds a queue of big pages that the other
  workers, once they reach the read-ahead window, would wait for; the worker sends back the
  outcomes it has at least every SEND_INTERVAL and at the end of each batch, and keeps which
  document it is cleaning, and since when, in memory it shares with the parent (`_Progress`),
  so the parent knows it exactly without a message per document;
* a worker whose current document runs past the timeout (plus a short grace, so the worker's
  own soft limit usually answers first) is killed; that document becomes a timeout Failure, a
  fresh worker takes its place and the rest of the batch (with the documents it had cleaned but
  not yet sent back: they are cleaned again);
* a worker that dies (a crash in C code, the kernel's out-of-memory killer) is handled the same
  way, with a Failure saying so;
* the parent waits on all workers at once through one selector kept for the pool's lifetime,
  and reads one message of outcomes per wake-up: waiting costs it a system call, not a new
  selector each time;
* outcomes are released strictly in input order, so `-j N` gives exactly the output of `-j 1`;
  the input is read only as fast as the workers take it, and a document that takes long (up to
  the timeout) holds back only the release of the outcomes after it, not the work on them: the
  other workers go on with the documents behind it, up to a window (WINDOW_DOCUMENTS documents,
  WINDOW_CHARS characters) past the oldest unfinished one, which keeps memory bounded.

Workers are forked from a parent that has already loaded and compiled the profiles, so starting a
replacement costs milliseconds; where fork is unavailable they are spawned and load the profiles
themselves.
A `prepare` function runs in the workers on each item before it is cleaned (the CLI's parses
JSONL lines passed on as RawRecords) and a `finish` function on each Result (the CLI's renders the
record as the line it writes), so that the parent, which all workers wait on, only reads lines,
routes them and writes lines.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import queue
import selectors
import signal
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Callable, Iterable, Iterator

from .config import CleanerConfig
from .limits import LIMIT_STAGE, LimitExceeded, timeout_reason
from .model import Document, Failure, RawRecord, Result
from .pipeline import Cleaner

Item = Document | Failure | RawRecord
Outcome = Result | Failure
Prepare = Callable[[Item], Document | Failure]
Finish = Callable[[Result], object]

BATCH_DOCUMENTS = 16  # documents per message to a worker
BATCH_CHARS = 2_000_000  # ... unless they add up to this many characters (or bytes) first
QUEUE_BATCHES = 4  # batches per worker read from the input and waiting to be sent
# Documents (and their characters or bytes) that may be read past the oldest unfinished one; one
# document always may. Enough to keep the workers busy for seconds behind one slow page, while
# the outcomes held for it stay bounded: a page stalled for 25 s before 5 KB texts at -j 2 left
# the parent at 132 MB peak RSS (at 64 M characters, 200 MB).
WINDOW_DOCUMENTS = 20_000
WINDOW_CHARS = 32_000_000
KILL_GRACE = 0.5  # seconds past the timeout before the parent kills a worker
PIPE_BUFFER = 4_000_000  # bytes a pipe end may hold unread (the system may allow less)
SEND_INTERVAL = 0.05  # seconds a worker may hold finished outcomes before sending them together


def outcome_of(cleaner: Cleaner, item: Item, prepare: Prepare | None = None, finish: Finish | None = None):
    """finish(Result) for one item (the Result without `finish`), or the Failure that explains
    why there is none; never raises. Run wherever the item is cleaned."""
    outcome = clean_outcome(cleaner, prepare(item) if prepare else item)
    return outcome if finish is None or isinstance(outcome, Failure) else finish(outcome)


def clean_outcome(cleaner: Cleaner, item: Document | Failure) -> Outcome:
    """The Result for one document, or the Failure that explains why there is none; never raises."""
    if isinstance(item, Failure):
        return item
    try:
        return cleaner.clean_document(item)
    except LimitExceeded as exc:
        return Failure(source=item.source or item.id, stage=exc.stage, reason=str(exc), id=item.id)
    except Exception as exc:  # one bad page must not sink the batch
        return Failure(source=item.source or item.id, stage="clean", reason=f"{type(exc).__name__}: {exc}", id=item.id)


class _Progress:
    """Which document a worker is cleaning and since when (its number and a monotonic time; the
    time is infinite between batches), in memory shared by the worker and the parent."""

    def __init__(self, context: multiprocessing.context.BaseContext):
        self._values = context.RawArray("d", [-1.0, math.inf])

    def start(self, seq: int) -> None:
        # Time first: a parent reading between the two writes sees the old document with the
        # new time, which can only delay its verdict, never kill a worker early.
        self._values[1] = time.monotonic()
        self._values[0] = seq

    def idle(self) -> None:
        self._values[1] = math.inf

    def current(self) -> tuple[int, float]:
        return int(self._values[0]), self._values[1]


def _worker_main(conn: Connection, progress: _Progress, close_in_child: list[Connection], config: CleanerConfig,
                 cleaner: Cleaner | None, prepare: Prepare | None, finish: Finish | None) -> None:
    """A worker: batches of (seq, Item) in, lists of (seq, outcome) out, one outcome per item."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for inherited in close_in_child:  # so that the worker sees EOF when the parent goes away
        inherited.close()
    cleaner = cleaner or Cleaner(config)
    batches: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive_batches, args=(conn, batches), name="cleaner-worker-receive", daemon=True).start()
    while (batch := batches.get()) is not None:
        finished, sent = [], time.monotonic()
        try:
            for position, (seq, item) in enumerate(batch, start=1):
                progress.start(seq)
                finished.append((seq, outcome_of(cleaner, item, prepare, finish)))
                if position == len(batch):
                    progress.idle()
                if position == len(batch) or time.monotonic() - sent >= SEND_INTERVAL:
                    conn.send(finished)
                    finished, sent = [], time.monotonic()
        except OSError:  # the parent is gone
            return


def _receive_batches(conn: Connection, batches: queue.SimpleQueue) -> None:
    """Take batches off the pipe as they come, so that the parent can send the next batch while
    this worker cleans the current one, and never blocks on a full pipe meanwhile.

    A batch that cannot be unpickled here ends the worker as a crash would, so that the parent
    replaces it and reports the document; waiting on, the worker would hold the run forever."""
    try:
        while (batch := conn.recv()) is not None:
            batches.put(batch)
    except (EOFError, OSError):
        pass
    except Exception as error:  # whatever unpickling an object raised
        print(f"cleaner: a worker could not read the documents sent to it: {error!r}", file=sys.stderr)
    batches.put(None)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    progress: _Progress
    batch: deque = field(default_factory=deque)  # (seq, Item) sent and not answered, in order
    batch_size: int = 0  # the sizes of those items added up


class WorkerPool:
    """`jobs` supervised worker processes; `outcomes(items)` cleans a stream in input order.

    Use as a context manager (or call `close()`): leaving it stops every worker.
    """

    def __init__(self, config: CleanerConfig, jobs: int = 1, cleaner: Cleaner | None = None,
                 prepare: Prepare | None = None, finish: Finish | None = None):
        self.config = config
        # Applied in the workers, to each item and to each Result (both must pickle where fork is unavailable).
        self.prepare, self.finish = prepare, finish
        self.jobs = max(1, jobs)
        self.respawned = 0  # workers replaced after a timeout or a crash
        fork = sys.platform == "linux"  # fork elsewhere (macOS) is unsafe with system libraries
        self._context = multiprocessing.get_context("fork" if fork else "spawn")
        # Loading here checks the profiles before any worker starts; forked workers inherit them compiled.
        self._cleaner = cleaner or Cleaner(config)
        self._inherited = self._cleaner if fork else None
        if fork:
            self._cleaner.compile_all()
        self._selector = selectors.DefaultSelector()  # every worker's pipe, each keyed to its _Worker
        self._workers: list[_Worker] = []
        for _ in range(self.jobs):
            self._workers.append(self._start_worker())

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            self._stop(worker, kill=bool(worker.batch))
        self._workers.clear()
        self._selector.close()

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        for end in (parent_end, child_end):
            _widen(end)
        progress = _Progress(self._context)
        close_in_child = [parent_end, *(w.conn for w in self._workers)] if self._inherited else []
        process = self._context.Process(
            target=_worker_main, name="cleaner-worker", daemon=True,
            args=(child_end, progress, close_in_child, self.config, self._inherited, self.prepare, self.finish),
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end, progress)
        self._selector.register(parent_end, selectors.EVENT_READ, worker)
        return worker

    def _stop(self, worker: _Worker, kill: bool) -> None:
        self._selector.unregister(worker.conn)
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        worker.process.join(timeout=None if kill else 5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def outcomes(self, items: Iterable[Item]) -> Iterator:
        """One outcome (see `outcome_of`) per item, in input order. Failures among the items pass
        straight through."""
        run = _Run(self, iter(items))
        yield from run.outcomes()

    # --- used by _Run ---

    def replace(self, worker: _Worker) -> None:
        self._stop(worker, kill=True)
        self._workers[self._workers.index(worker)] = self._start_worker()
        self.respawned += 1

    @property
    def workers(self) -> list[_Worker]:
        return self._workers

    def readable(self, timeout: float | None) -> list[_Worker]:
        """The workers with something to read (an outcome, or the end of a dead worker's pipe)."""
        return [key.data for key, _ in self._selector.select(timeout)]

    @property
    def deadline_seconds(self) -> float | None:
        return self.config.timeout + KILL_GRACE if self.config.timeout is not None else None


class _Run:
    """The state of one `outcomes()` call: what is read, queued, in flight and finished."""

    def __init__(self, pool: WorkerPool, items: Iterator[Item]):
        self.pool = pool
        self.items = items
        self.exhausted = False
        self.read = 0  # items taken from the input so far; the next one gets this number
        self.released = 0  # outcomes handed out so far, in order
        self.queued: deque[tuple[int, Item]] = deque()  # read, not yet sent to a worker
        self.finished: dict[int, object] = {}  # done, waiting for earlier ones to be released
        self.chars: dict[int, int] = {}  # size of every document read and not yet released
        self.chars_ahead = 0  # their sum
        self.queue_limit = pool.jobs * QUEUE_BATCHES * BATCH_DOCUMENTS

    def outcomes(self) -> Iterator[Outcome]:
        try:
            while True:
                self._read_ahead()
                self._dispatch()
                while self.released in self.finished:
                    self.chars_ahead -= self.chars.pop(self.released, 0)
                    yield self.finished.pop(self.released)
                    self.released += 1
                if self.exhausted and self.released == self.read:
                    return
                self._collect()
        finally:  # left early (the consumer stopped, an interrupt): no worker keeps stale work
            for worker in list(self.pool.workers):
                if worker.batch:
                    worker.batch.clear()
                    self.pool.replace(worker)

    def _read_ahead(self) -> None:
        while not self.exhausted and len(self.queued) < self.queue_limit:
            if self.read - self.released >= WINDOW_DOCUMENTS or self.chars_ahead >= WINDOW_CHARS:
                return
            item = next(self.items, None)
            if item is None:
                self.exhausted = True
                return
            seq, self.read = self.read, self.read + 1
            if isinstance(item, Failure):
                self.finished[seq] = item
            else:
                self.queued.append((seq, item))
                self.chars[seq] = item.size
                self.chars_ahead += item.size

    def _dispatch(self) -> None:
        for worker in self.pool.workers:
            if len(worker.batch) >= BATCH_DOCUMENTS or worker.batch_size >= BATCH_CHARS or not self.queued:
                continue  # a worker gets its next batch while it cleans the current one
            batch, size = [], 0
            while self.queued and len(batch) < BATCH_DOCUMENTS and (not batch or size < BATCH_CHARS):
                seq, item = self.queued.popleft()
                batch.append((seq, item))
                size += item.size
            try:
                worker.conn.send(batch)
            except OSError:  # the worker died while idle: nothing of the batch was started
                self.queued.extendleft(reversed(batch))
                self.pool.replace(worker)
                continue
            worker.batch.extend(batch)
            worker.batch_size += size

    def _collect(self) -> None:
        """Wait for outcomes, or for the earliest deadline, and deal with overdue or dead workers."""
        busy = [w for w in self.pool.workers if w.batch]
        if not busy:
            return
        limit = self.pool.deadline_seconds
        wait_for = None if limit is None else max(0.0, min(self._deadline(w, limit) for w in busy) - time.monotonic())
        for worker in self.pool.readable(wait_for):
            if not worker.batch:  # an idle worker's pipe only ends: it died between batches
                self.pool.replace(worker)
            elif not self._receive_one(worker):
                self._lose(worker, worker.progress.current()[0], "crash", f"the worker process died while cleaning "
                           f"it (exit code {_exit_code(worker)}): a crash or the out-of-memory killer")
        if limit is None:
            return
        for worker in list(self.pool.workers):
            current = worker.progress.current()
            if worker.batch and time.monotonic() > current[1] + limit:
                if self._receive_all(worker) and worker.batch and worker.progress.current() == current:
                    self._lose(worker, current[0], LIMIT_STAGE, timeout_reason(self.pool.config.timeout))

    @staticmethod
    def _deadline(worker: _Worker, limit: float) -> float:
        """When the worker's current document runs out of time; a worker that has not started the
        batch it was sent yet is looked at again one limit from now."""
        started = worker.progress.current()[1]
        return started + limit if started != math.inf else time.monotonic() + limit

    def _receive_one(self, worker: _Worker) -> bool:
        """Take the worker's next outcomes; False when its pipe is closed (it died)."""
        try:
            outcomes = worker.conn.recv()
        except (EOFError, OSError):
            return False
        for seq, outcome in outcomes:
            expected, item = worker.batch.popleft()
            assert seq == expected, f"worker answered {seq}, expected {expected}"
            worker.batch_size -= item.size
            self.finished[seq] = outcome
        return True

    def _receive_all(self, worker: _Worker) -> bool:
        """Take every outcome the worker has sent; False when its pipe is closed (it died)."""
        try:
            while worker.batch and worker.conn.poll():
                if not self._receive_one(worker):
                    return False
        except OSError:
            return False
        return True

    def _lose(self, worker: _Worker, at_fault: int, stage: str, reason: str) -> None:
        """Give up on the document at fault (the first unanswered one when the worker died before
        it said), replace the worker, requeue the rest of its documents."""
        if all(seq != at_fault for seq, _ in worker.batch):
            at_fault = worker.batch[0][0]
        for seq, item in worker.batch:
            if seq == at_fault:
                self.finished[seq] = Failure(source=item.source or item.id, stage=stage, reason=reason, id=item.id)
        self.queued.extendleft(reversed([(seq, item) for seq, item in worker.batch if seq != at_fault]))
        worker.batch.clear()
        self.pool.replace(worker)


def _widen(conn: Connection) -> None:
    """Let the socket under a pipe end hold a whole batch (or a whole group of outcomes), so that
    a send returns at once instead of waiting for the other process to read: the parent stuck
    sending to one busy worker would keep every other worker waiting on it."""
    with socket.socket(fileno=os.dup(conn.fileno())) as end:
        for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
            end.setsockopt(socket.SOL_SOCKET, option, PIPE_BUFFER)


def _exit_code(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    return f"signal {-code}" if code is not None and code < 0 else str(code)
