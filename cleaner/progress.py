"""Progress of a long run on a terminal: documents done, docs/s and, once known, the ETA.

Nothing is shown when stderr is a pipe or a file (tqdm's own terminal check), nor for runs that
end within `DELAY` seconds. The total is counted in a background thread (folders walked, JSONL
lines counted, compressed files read through) so that cleaning starts at once; until the count
is in, the bar shows documents and rate without an ETA. Messages printed to stderr while the bar
is up are printed inside `paused()`, which keeps the bar whole.
"""
from __future__ import annotations

import gzip
import sys
import threading
import zlib
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Iterable

from tqdm import tqdm

from .read import DOCUMENT_SUFFIXES, RECORD_SUFFIXES

DELAY = 1.0  # seconds before the bar appears: short runs stay quiet
CHUNK = 1 << 20


def _lines(path: Path) -> int:
    """Lines of a JSONL file (gzipped or not), read in chunks; blank lines count too (an estimate)."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    lines, last = 0, b"\n"
    with opener(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def _documents_in_file(path: Path, named: bool) -> int:
    suffix = Path(path.stem).suffix.lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return _lines(path)
    return 1 if named or suffix in DOCUMENT_SUFFIXES else 0


def count_documents(inputs: Iterable[str]) -> int | None:
    """About how many documents (or failures) `cleaner clean` will report for these inputs;
    None when that cannot be known in advance (stdin)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        try:
            if path.is_dir():
                total += sum(_documents_in_file(p, named=False) for p in path.rglob("*") if p.is_file())
            else:
                total += _documents_in_file(path, named=True) if path.is_file() else 1
        except (OSError, EOFError, zlib.error):
            total += 1  # the reader will report it as one failure
    return total


class Progress:
    """A bar on stderr while documents are cleaned; `advance()` once per document or failure."""

    def __init__(self, inputs: Iterable[str], stream: IO[str] | None = None, delay: float = DELAY):
        self._stream = stream or sys.stderr
        self._bar = tqdm(total=None, unit=" docs", file=self._stream, disable=None, delay=delay,
                         dynamic_ncols=True, mininterval=0.5, smoothing=0.05)
        self._counted: int | None = None
        self.counting: threading.Thread | None = None  # the background count of the inputs, on a terminal
        if not self._bar.disable:
            self.counting = threading.Thread(target=self._count, args=(list(inputs),), name="cleaner-progress-count",
                                             daemon=True)
            self.counting.start()

    def _count(self, inputs: list[str]) -> None:
        self._counted = count_documents(inputs)

    def advance(self) -> None:
        if self._bar.total is None and self._counted is not None:
            self._bar.total = max(self._counted, self._bar.n + 1)
        self._bar.update()

    def paused(self) -> AbstractContextManager:
        """Within: the bar is cleared, so that a message printed to its stream is not torn."""
        return self._bar.external_write_mode(file=self._stream)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
