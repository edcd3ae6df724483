"""Per-document limits: an input size cap and a wall-clock timeout, and how firmly each holds.

The size cap is checked before any work is done, so it always holds. Time is harder: lxml's
parser and the XPath inside trafilatura run as long C calls that no Python-level check can
interrupt. So the timeout holds in layers:

1. `Deadline.check()` between pipeline stages: works in any thread, but only between stages.
2. `Deadline` also arms SIGALRM when it runs in the main thread and nobody else uses that
   signal: this interrupts Python code (and C code that checks for signals, like `re`) inside a
   stage, not a C call that never returns to the interpreter.
3. The batch runner (`pool`) runs documents in worker processes and kills a worker whose
   document overruns by more than a short grace period: the only layer that stops any C call.

Whichever layer stops a document, the reason given is the same, so output does not depend on
which one was quicker.
"""
from __future__ import annotations

import signal
import threading
import time

LIMIT_STAGE = "limit"  # the Failure stage of a document stopped by a limit


class LimitExceeded(Exception):
    """A document went past a per-document limit (its size or its time)."""

    stage = LIMIT_STAGE


class DocumentTooLarge(LimitExceeded):
    pass


class DocumentTimeout(LimitExceeded):
    pass


def timeout_reason(seconds: float) -> str:
    return f"took longer than the per-document timeout of {seconds:g} s"


def size_reason(size: int, max_bytes: int) -> str:
    return f"input of {size:,} bytes is over the size cap of {max_bytes:,} bytes"


def check_size(content: str | bytes, max_bytes: int | None) -> None:
    """Raise DocumentTooLarge when content (raw bytes, or a str as UTF-8) exceeds max_bytes."""
    if max_bytes is None:
        return
    size = len(content)
    # A str has at most 4 UTF-8 bytes per character: count bytes only when it could matter.
    if isinstance(content, str) and size * 4 > max_bytes and not content.isascii():
        size = len(content.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise DocumentTooLarge(size_reason(size, max_bytes))


_REFIRE_SECONDS = 0.1  # the alarm repeats, in case library code swallows the first exception


class Deadline:
    """A wall-clock budget for one document: `check()` between stages, SIGALRM within them.

    Used as a context manager; with `seconds=None` it does nothing. The alarm is only armed in
    the main thread and only when SIGALRM has no handler and no timer of someone else's, and
    the previous state is restored on exit.
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds if seconds is not None else None
        self._armed = False
        self._previous_handler = None

    def check(self) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            raise DocumentTimeout(timeout_reason(self.seconds))

    def _alarm(self, signum, frame) -> None:
        if self._armed:
            raise DocumentTimeout(timeout_reason(self.seconds))

    def __enter__(self) -> "Deadline":
        if self.seconds is not None and _alarm_is_free():
            self._previous_handler = signal.signal(signal.SIGALRM, self._alarm)
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, _REFIRE_SECONDS)
        return self

    def __exit__(self, *exc_info) -> None:
        if self._armed:
            self._armed = False  # first: an alarm arriving now must not raise any more
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous_handler or signal.SIG_DFL)


def _alarm_is_free() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


class ParserLimit(LimitExceeded):
    """The HTML parser could not read the page even with its own limits raised."""
