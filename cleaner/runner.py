"""Batch runs: a stream of documents in, one record or one failure out for each, in input order.

`clean_batch` is the entry point the CLI and the Python API share. With a timeout (the default)
or several jobs, documents are cleaned in supervised worker processes (`pool`), so the timeout
holds even against a C call that never returns; with one job and no timeout they are cleaned in
this process, which is cheapest. Either way the outcomes come back in input order and nothing is
dropped: every item becomes a Result or a Failure.

`run` is the CLI's loop. It leaves the parent process as little as it can, since with several jobs
every worker waits on it: JSONL records reach the workers as raw lines (`RawRecord`), are parsed
there, and come back as the line or record the sink writes (`Rendered`).
"""
from __future__ import annotations

import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable, Iterator

from .config import CleanerConfig
from .model import Document, Failure, Result
from .pipeline import Cleaner
from .pool import Finish, Item, Prepare, WorkerPool, outcome_of

CleanAll = Callable[[Iterable[Item]], Iterator]


def clean_batch(items: Iterable[Item], config: CleanerConfig | None = None, jobs: int = 1,
                cleaner: Cleaner | None = None, *, prepare: Prepare | None = None,
                finish: Finish | None = None) -> Iterator:
    """Clean every item with `jobs` processes; one Result or Failure per item, in input order.

    Failures among the items (from the read stage) pass through in their place. With `prepare`,
    each item is cleaned as prepare(item); with `finish`, each Result comes as finish(Result);
    both run where the item is cleaned (in the workers).
    """
    with batch_cleaning(config, jobs, cleaner, prepare=prepare, finish=finish) as clean_all:
        yield from clean_all(items)


@contextmanager
def batch_cleaning(config: CleanerConfig | None = None, jobs: int = 1, cleaner: Cleaner | None = None, *,
                   prepare: Prepare | None = None, finish: Finish | None = None) -> Iterator[CleanAll]:
    """What `clean_batch` runs on, set up (workers started, profiles compiled) before the first
    item is read: a function from items to their outcomes (as `clean_batch` gives them)."""
    config = config or (cleaner.config if cleaner else CleanerConfig())
    if jobs <= 1 and config.timeout is None:
        cleaner = cleaner or Cleaner(config)
        yield lambda items: (outcome_of(cleaner, item, prepare, finish) for item in items)
        return
    with WorkerPool(config, jobs, cleaner, prepare, finish) as pool:
        yield pool.outcomes


def outcomes(items: Iterable[Item], config: CleanerConfig | None = None, jobs: int = 1,
             cleaner: Cleaner | None = None) -> Iterator[dict | Failure]:
    """`clean_batch`, each Result as its output record (the CLI's JSONL shape)."""
    return clean_batch(items, config, jobs, cleaner, finish=Result.to_record)


@dataclass(frozen=True)
class Rendered:
    """A cleaned document as the parent needs it: whether its body came out empty, and what the
    sink writes for it (a JSON line, or an (id, text) pair), rendered in the worker that cleaned it."""

    empty: bool
    output: object


def render_result(render: Callable[[dict], object], result: Result) -> Rendered:
    record = result.to_record()
    return Rendered(not record["text"], render(record))


@dataclass
class Summary:
    cleaned: int = 0
    empty: int = 0  # cleaned, but nothing of the body was left
    failed: int = 0
    skipped: int = 0  # already written by an earlier run (--resume)
    failed_by_stage: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def start_clock(self) -> None:
        """Time from now on: the line reports the seconds spent reading, cleaning and writing."""
        self.started = time.perf_counter()

    def count(self, outcome: Rendered | Failure) -> None:
        if isinstance(outcome, Failure):
            self.failed += 1
            self.failed_by_stage[outcome.stage] += 1
        else:
            self.cleaned += 1
            self.empty += outcome.empty

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        stages = ", ".join(f"{stage} {n}" for stage, n in sorted(self.failed_by_stage.items()))
        failed = f"{self.failed} failed" + (f" ({stages})" if stages else "")
        skipped = f", {self.skipped} skipped (already written)" if self.skipped else ""
        return f"{self.cleaned} cleaned ({self.empty} empty), {failed}{skipped} in {seconds:.2f}s"


def run(items: Iterable[Item], cleaner: Cleaner, render: Callable[[dict], object], write: Callable[[object], None],
        report: Callable[[Failure], None], jobs: int = 1, prepare: Prepare | None = None,
        already_written: Callable[[str], bool] | None = None, summary: Summary | None = None) -> Summary:
    """Clean items and hand each record, as render(record), to `write`, each failure to `report`;
    count them in `summary`. `render` and `prepare` run in the workers (they must pickle where
    workers are spawned rather than forked).

    Documents whose id `already_written` accepts are skipped (and counted), for resumed runs; to
    know their ids, the parent prepares the items itself then.
    """
    summary = summary or Summary()

    def to_clean() -> Iterator[Item]:
        for item in items:
            if already_written and prepare:
                item = prepare(item)
            if already_written and isinstance(item, Document) and already_written(item.id):
                summary.skipped += 1
            else:
                yield item

    finish = partial(render_result, render)
    with batch_cleaning(cleaner.config, jobs, cleaner, prepare=prepare, finish=finish) as clean_all:
        summary.start_clock()  # starting the workers is start-up, like loading the profiles
        for outcome in clean_all(to_clean()):
            summary.count(outcome)
            if isinstance(outcome, Failure):
                report(outcome)
            else:
                write(outcome.output)
    return summary
