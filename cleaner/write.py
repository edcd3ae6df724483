"""The write stage: records to JSONL (file, gzip or stdout) or one .txt per document in a folder.

Files are written under a temporary name and renamed into place only when the run finishes, so
a run that is killed never leaves a truncated file that looks complete.

Resuming (`--resume`): a JSONL output keeps the complete records of the interrupted run's
`NAME.partial` (or, when there is none, of a finished `NAME`) and reports their ids as written,
so only the rest is cleaned; a folder output counts a document as written when its file exists.

Each sink renders a record (`render`, a plain function, so that it can run in the worker that
cleaned the document) into what its `write_rendered` takes: a JSON line, or an (id, text) pair.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import time
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Iterator, Protocol

FLUSH_SECONDS = 1.0  # JSONL records are flushed to the disk at most this often


def is_jsonl_path(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


class AtomicFile:
    """A file written as NAME.partial and moved to NAME on commit (gzip when NAME ends in .gz).

    With `append`, an existing NAME.partial is continued (a gzip one gets a new member). With
    `raw`, `stream` is the binary file itself, for formats that compress themselves (WARC).
    """

    def __init__(self, path: Path, append: bool = False, raw: bool = False):
        self.path = path
        self.partial = partial_path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "ab" if append else "wb"
        if raw:
            self._raw = self.stream = open(self.partial, mode)
        else:
            self._raw, self.stream = _open_text(self.partial, gz=path.suffix == ".gz", mode=mode)

    def _close(self) -> None:
        self.stream.close()
        self._raw.close()

    def commit(self) -> None:
        self._close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        """Throw the partial file away: the run failed and what it wrote is of no use."""
        self._close()
        self.partial.unlink(missing_ok=True)

    def keep_partial(self) -> None:
        """Close NAME.partial complete and readable but leave it under that name (interrupted)."""
        self._close()


def _open_text(path: Path, gz: bool, mode: str) -> tuple[IO[bytes], io.TextIOWrapper]:
    raw = open(path, mode)
    binary: IO[bytes] = gzip.GzipFile(fileobj=raw, mode=mode) if gz else raw
    return raw, io.TextIOWrapper(binary, encoding="utf-8", newline="\n")


def _complete_records(source: Path, gz: bool) -> Iterator[tuple[str, str]]:
    """(id, line) for every whole JSON record of a JSONL file that may have been cut off anywhere."""
    try:
        with gzip.open(source, "rt", encoding="utf-8", newline="\n") if gz else open(source, encoding="utf-8", newline="\n") as stream:
            for line in stream:
                if not line.endswith("\n"):
                    return  # the last line, cut off by the kill
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    yield record["id"], line
    except (EOFError, OSError, zlib.error, UnicodeDecodeError):
        return  # a gzip stream (or a character) cut off by the kill: what was read is kept


def carry_over(path: Path) -> set[str]:
    """Prepare NAME.partial for a resumed run; the ids of the records it already holds.

    The records are copied to a scratch file first and moved into place in one step, so a run
    killed while resuming leaves the previous state intact.
    """
    partial = partial_path(path)
    source = partial if partial.exists() else path if path.exists() else None
    if source is None:
        return set()
    scratch = path.with_name(path.name + ".resume")
    raw, stream = _open_text(scratch, gz=path.suffix == ".gz", mode="wb")
    ids = set()
    with raw, stream:
        for doc_id, line in _complete_records(source, gz=path.suffix == ".gz"):
            stream.write(line)
            ids.add(doc_id)
    os.replace(scratch, partial)
    return ids


def record_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def id_and_text(record: dict) -> tuple[str, str]:
    return record["id"], record["text"]


class JsonlSink:
    """One JSON record per line, to a file or (path None) to stdout."""

    render = staticmethod(record_line)

    def __init__(self, path: str | None, resume: bool = False):
        self._written = carry_over(Path(path)) if path and resume else set()
        self._file = AtomicFile(Path(path), append=resume) if path else None
        self._stream = self._file.stream if self._file else sys.stdout
        self._flush_at = 0.0  # when written records are next pushed to the disk

    def written(self, doc_id: str) -> bool:
        """Whether an earlier run already wrote this document (only when resuming)."""
        return doc_id in self._written

    def write(self, record: dict) -> None:
        self.write_rendered(record_line(record))

    def write_rendered(self, line: str) -> None:
        self._stream.write(line)
        if self._file and time.monotonic() >= self._flush_at:
            # Whole records reach the disk with the first record written FLUSH_SECONDS after the
            # last flush (gzip: a sync flush, so they can be decompressed): a killed run leaves
            # all but its last records readable, and --resume cleans those again. A flush per
            # record would cost the process every worker waits on a system call per document.
            self._stream.flush()
            self._flush_at = time.monotonic() + FLUSH_SECONDS

    def close(self) -> None:
        if self._file:
            self._file.commit()
        else:
            self._stream.flush()

    def abort(self) -> None:
        if self._file:
            self._file.abort()

    def interrupt(self) -> str | None:
        """Keep what was written for --resume; where it is (None for stdout)."""
        if not self._file:
            self._stream.flush()
            return None
        self._file.keep_partial()
        return str(self._file.partial)

    def describe(self) -> str:
        return str(self._file.path) if self._file else "stdout"


def safe_relative_path(doc_id: str) -> PurePosixPath:
    """A document id as a path inside the output folder: no absolute paths, no '..'."""
    parts = [p for p in PurePosixPath(doc_id.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return PurePosixPath(*parts) if parts else PurePosixPath("document")


class FolderSink:
    """One NAME.txt per document (NAME from its id); each file renamed into place when written."""

    render = staticmethod(id_and_text)

    def __init__(self, folder: str, resume: bool = False):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.resume = resume

    def _target(self, doc_id: str) -> Path:
        relative = safe_relative_path(doc_id or "document")
        return self.folder / relative.with_name(relative.name + ".txt")

    def written(self, doc_id: str) -> bool:
        return self.resume and self._target(doc_id).exists()

    def write_rendered(self, id_and_text: tuple[str, str]) -> None:
        doc_id, text = id_and_text
        target = AtomicFile(self._target(doc_id))
        target.stream.write(text + "\n" if text else "")
        target.commit()

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass

    def interrupt(self) -> str | None:
        return None  # every file is complete or absent

    def describe(self) -> str:
        return f"{self.folder}/"


class Sink(Protocol):
    def close(self) -> None: ...  # the output is complete: put it in place
    def abort(self) -> None: ...  # the run failed: leave nothing that looks complete


@contextmanager
def committed(*sinks: Sink | None) -> Iterator[None]:
    """Close every sink when the block ends; abort them all when it raises (Ctrl-C included)."""
    try:
        yield
    except BaseException:
        for sink in sinks:
            if sink:
                sink.abort()
        raise
    for sink in sinks:
        if sink:
            sink.close()


def open_sink(output: str | None, resume: bool = False) -> JsonlSink | FolderSink:
    if output is None or output == "-":
        return JsonlSink(None)
    return JsonlSink(output, resume) if is_jsonl_path(output) else FolderSink(output, resume)
