"""Batch runs: a stream of documents in, one record or one failure out for each, in input order.

Documents are cleaned in this process or in a pool of worker processes (`jobs`), each worker
loading the profiles once. Output keeps input order whatever the number of workers, so `-j 4`
writes exactly what `-j 1` writes. An exception while cleaning one document becomes a Failure
for that document; the batch goes on.
"""
from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .config import CleanerConfig
from .model import Document, Failure
from .pipeline import Cleaner

Item = Document | Failure
Outcome = dict | Failure
CHUNK_SIZE = 8

_worker_cleaner: Cleaner | None = None


def _start_worker(config: CleanerConfig) -> None:
    global _worker_cleaner
    _worker_cleaner = Cleaner(config)


def clean_item(cleaner: Cleaner, item: Item) -> Outcome:
    """The output record for one item, or the Failure that explains why there is none."""
    if isinstance(item, Failure):
        return item
    try:
        return cleaner.clean_document(item).to_record()
    except Exception as exc:  # one bad page must not sink the batch
        return Failure(source=item.source or item.id, stage="clean", reason=f"{type(exc).__name__}: {exc}", id=item.id)


def _clean_in_worker(item: Item) -> Outcome:
    assert _worker_cleaner is not None
    return clean_item(_worker_cleaner, item)


def outcomes(items: Iterable[Item], config: CleanerConfig, jobs: int = 1, cleaner: Cleaner | None = None) -> Iterator[Outcome]:
    """Clean every item, in input order, with `jobs` processes."""
    if jobs <= 1:
        cleaner = cleaner or Cleaner(config)
        for item in items:
            yield clean_item(cleaner, item)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(config,)) as pool:
        yield from pool.imap(_clean_in_worker, items, chunksize=CHUNK_SIZE)


@dataclass
class Summary:
    cleaned: int = 0
    empty: int = 0  # cleaned, but nothing of the body was left
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        return f"{self.cleaned} cleaned ({self.empty} empty), {self.failed} failed in {seconds:.1f}s"


def run(items: Iterable[Item], config: CleanerConfig, write: Callable[[dict], None],
        report: Callable[[Failure], None], jobs: int = 1) -> Summary:
    """Clean items and hand each record to `write`, each failure to `report`."""
    summary = Summary()
    for outcome in outcomes(items, config, jobs):
        if isinstance(outcome, Failure):
            summary.failed += 1
            report(outcome)
            continue
        summary.cleaned += 1
        summary.empty += not outcome["text"]
        write(outcome)
    return summary
