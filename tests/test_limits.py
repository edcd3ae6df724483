"""Per-document limits and the supervised pool: size cap, timeout, crashes, linear-time patterns."""
from __future__ import annotations

import os
import signal
import threading
import time
from types import SimpleNamespace

import pytest

from cleaner import Cleaner, CleanerConfig
from cleaner import pipeline
from cleaner import pool as pool_module
from cleaner.limits import DocumentTimeout, DocumentTooLarge, ParserLimit
from cleaner.metadata import parse_authors
from cleaner.model import Document, Failure, Result
from cleaner.profiles import ProfileError
from cleaner.pool import WorkerPool, _Run, _Worker
from cleaner.runner import clean_batch

STORY = "The council approved the new budget on Tuesday after a long debate about the harbour works."
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the pool test patches the parent before forking")


def test_size_cap_holds_in_the_api():
    cleaner = Cleaner(bundled_profiles=False, max_bytes=1000)
    with pytest.raises(DocumentTooLarge, match="over the size cap of 1,000 bytes"):
        cleaner.clean("é" * 600)  # 600 characters, 1,200 bytes of UTF-8
    with pytest.raises(DocumentTooLarge):
        cleaner.clean(b"x" * 1001)
    assert cleaner.clean(STORY).text == STORY


def test_soft_timeout_in_the_api(monkeypatch):
    """Python-level slowness inside a stage is stopped by SIGALRM in the main thread."""
    cleaner = Cleaner(bundled_profiles=False, timeout=0.3)
    monkeypatch.setattr(pipeline, "repair", lambda text: time.sleep(5) or text)
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match="per-document timeout of 0.3 s"):
        cleaner.clean(STORY, format="text")
    assert time.monotonic() - started < 2
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the caller's state is restored


def _stuck_in_c(self, document):
    """A stand-in for a C call that never returns to the interpreter: SIGALRM blocked, then asleep."""
    if document.content.startswith("STUCK"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if document.content.startswith("CRASH"):
        os.kill(os.getpid(), signal.SIGKILL)
    return _original_clean_document(self, document)


_original_clean_document = pipeline.Cleaner.clean_document


@needs_fork
@pytest.mark.parametrize("jobs", [1, 2])
def test_pool_kills_a_stuck_worker_and_keeps_order(monkeypatch, jobs):
    monkeypatch.setattr(pipeline.Cleaner, "clean_document", _stuck_in_c)
    prefixes = {3: "STUCK ", 7: "CRASH "}
    documents = [Document(prefixes.get(i, "") + STORY, "text", id=str(i), source=f"doc{i}") for i in range(20)]
    items = [*documents[:10], Failure(source="in.jsonl:11", stage="read", reason="not JSON"), *documents[10:]]
    started = time.monotonic()
    outcomes = list(clean_batch(items, CleanerConfig(bundled_profiles=False, timeout=1.0), jobs=jobs))
    assert time.monotonic() - started < 20  # not the 60 s the stuck document asked for
    assert [o.id for o in outcomes] == [i.id for i in items]  # one outcome per item, in input order
    failures = {o.id: o for o in outcomes if isinstance(o, Failure)}
    assert set(failures) == {"3", "7", ""}
    assert failures["3"].stage == "limit" and "timeout of 1 s" in failures["3"].reason
    assert failures["7"].stage == "crash" and "signal 9" in failures["7"].reason
    assert all(isinstance(o, Result) and o.text == STORY for o in outcomes if o.id not in failures)


def test_a_worker_that_died_idle_is_replaced():
    config = CleanerConfig(bundled_profiles=False)
    with WorkerPool(config, jobs=2) as pool:
        assert [o.text for o in pool.outcomes([Document(STORY, "text", id="a")])] == [STORY]
        for worker in pool.workers:
            worker.process.kill()
            worker.process.join()
        documents = [Document(STORY, "text", id=str(i)) for i in range(5)]
        outcomes = list(pool.outcomes(documents))
    assert [o.id for o in outcomes] == [d.id for d in documents]
    assert all(isinstance(o, Result) for o in outcomes)


def _refuse_to_unpickle():
    raise ValueError("this document cannot be rebuilt here")


class _UnreadableText(str):
    """Text a worker cannot unpickle: the parent sends it, the worker's receiving fails."""

    def __reduce__(self):
        return _refuse_to_unpickle, ()


@needs_fork
def test_a_batch_a_worker_cannot_read_ends_it_instead_of_hanging_the_run():
    """Every item still gets exactly one outcome, in order; the unreadable one is a crash Failure.
    (Documents sent in the same batch ahead of it may be blamed too: the worker cannot say which
    item of the batch it failed on.)"""
    documents = [Document(STORY, "text", id=str(i)) for i in range(6)]
    documents[2] = Document(_UnreadableText(STORY), "text", id="2")
    outcomes: list = []

    def run() -> None:  # in a thread, so that a hang fails the test instead of stopping the suite
        with WorkerPool(CleanerConfig(bundled_profiles=False), jobs=2) as pool:
            outcomes.extend(pool.outcomes(documents))

    running = threading.Thread(target=run, daemon=True)
    running.start()
    running.join(timeout=30)
    assert not running.is_alive(), "the run hangs"
    assert [o.id for o in outcomes] == [d.id for d in documents]
    assert isinstance(outcomes[2], Failure) and outcomes[2].stage == "crash"
    assert all(isinstance(o, Result) for o in outcomes[3:])


class _ScriptedConn:
    """A worker's pipe end that takes what the parent sends and answers what the test says."""

    def __init__(self):
        self.answers = []

    def send(self, batch):
        pass  # what was sent shows in the worker's `batch`

    def recv(self):
        return self.answers.pop(0)


def test_a_worker_with_a_batch_of_characters_outstanding_gets_no_more(monkeypatch):
    """Batches of big pages are few documents but much work: handing one worker batch after batch
    of them (up to BATCH_DOCUMENTS) left the other worker idle at the read-ahead window, waiting
    for the oldest of those pages to be released."""
    monkeypatch.setattr(pool_module, "BATCH_CHARS", 10_000)
    workers = [_Worker(process=None, conn=_ScriptedConn(), progress=None) for _ in range(2)]
    pages = [Document("x" * 4000, "text", id=str(i)) for i in range(40)]
    run = _Run(SimpleNamespace(jobs=2, workers=workers), iter(pages))
    run._read_ahead()
    run._dispatch()
    run._dispatch()  # both are busy with 12,000 characters: neither gets a second batch yet
    assert [[seq for seq, _ in w.batch] for w in workers] == [[0, 1, 2], [3, 4, 5]]
    workers[0].conn.answers.append([(0, "done"), (1, "done")])
    assert run._receive_one(workers[0])
    run._dispatch()  # 4,000 characters left: the next batch goes out while it cleans them
    assert [seq for seq, _ in workers[0].batch] == [2, 6, 7, 8]
    assert [seq for seq, _ in workers[1].batch] == [3, 4, 5]


@pytest.mark.parametrize("window", [300, 20_000])
def test_a_slow_document_holds_back_only_the_release_of_the_ones_after_it(monkeypatch, window):
    """While one worker is stuck on a slow page (up to the timeout), the other goes on cleaning
    the documents behind it, up to the window; their outcomes wait, in order, for the slow one."""
    monkeypatch.setattr(pool_module, "WINDOW_DOCUMENTS", window)
    workers = [_Worker(process=None, conn=_ScriptedConn(), progress=None) for _ in range(2)]
    documents = [Document(STORY, "text", id=str(i)) for i in range(1000)]
    run = _Run(SimpleNamespace(jobs=2, workers=workers), iter(documents))
    slow_batch = None
    for _ in range(200):
        run._read_ahead()
        run._dispatch()
        slow_batch = slow_batch or [seq for seq, _ in workers[0].batch]  # worker 0 never answers
        workers[1].conn.answers.append([(seq, "done") for seq, _ in workers[1].batch])
        assert run._receive_one(workers[1])
    assert slow_batch[0] == 0 and [seq for seq, _ in workers[0].batch] == slow_batch
    assert run.released == 0
    assert len(run.finished) == min(window, len(documents)) - len(slow_batch)
    assert run.read == min(window, len(documents))


def test_limits_reach_the_workers():
    items = [Document("x" * 5000, "text", id="big"), Document(STORY, "text", id="ok")]
    outcomes = list(clean_batch(items, CleanerConfig(bundled_profiles=False, max_bytes=1000), jobs=2))
    assert isinstance(outcomes[0], Failure) and outcomes[0].stage == "limit"
    assert isinstance(outcomes[1], Result)


def test_markup_past_the_parser_depth_limit():
    deep = (f"<html><body><article><p>Before: {STORY}</p>{'<div>' * 1000}<p>Deep: {STORY}</p>{'</div>' * 1000}"
            f"<p>After: {STORY}</p></article></body></html>")
    text = Cleaner(bundled_profiles=False).clean(deep).text
    assert [line.split(":")[0] for line in text.split("\n\n")] == ["Before", "Deep", "After"]  # libxml2 alone keeps "Before"
    with pytest.raises(ParserLimit, match="Excessive depth"):
        Cleaner(bundled_profiles=False).clean("<html><body>" + "<div>" * 100_000 + "x</body></html>")


def test_catastrophic_pattern_runs_in_linear_time(profile_dir):
    """(a+)+$ and (\\w+\\s?)*$ take exponential time on a near-miss line with a backtracking engine."""
    folder = profile_dir("redos.yaml", """
        outlet: redos
        signatures: ['^REDOS']
        drop_lines: ['^(a+)+$', '^(\\w+\\s?)*$']
    """)
    cleaner = Cleaner(profile_dirs=[str(folder)], bundled_profiles=False)
    adversarial = "a" * 50_000 + "!"  # neither pattern matches: a backtracking engine tries every split
    started = time.perf_counter()
    result = cleaner.clean(f"REDOS\n{STORY}\n{adversarial}\n{'word ' * 20_000}!", outlet="redos", format="text")
    assert time.perf_counter() - started < 1.0
    assert adversarial in result.text


def test_backtracking_only_constructs_are_refused_at_load(profile_dir):
    folder = profile_dir("backref.yaml", """
        outlet: backref
        drop_lines: ['^(a*)\\1$', '^(?=a)a$']
    """)
    with pytest.raises(ProfileError) as refused:
        Cleaner(profile_dirs=[str(folder)], bundled_profiles=False)
    messages = "\n".join(refused.value.messages)
    assert "backref.yaml:3: drop_lines[0]" in messages and "backref.yaml:3: drop_lines[1]" in messages


def test_byline_with_a_long_run_of_spaces_is_linear():
    """The author separator pattern backtracked quadratically over whitespace runs."""
    started = time.perf_counter()
    assert parse_authors("By Jane" + " " * 200_000 + "Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert time.perf_counter() - started < 1.0
