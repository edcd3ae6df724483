"""The write stage: records to JSONL (file, gzip or stdout) or one .txt per document in a folder.

Files are written under a temporary name and renamed into place only when the run finishes, so
a run that is killed never leaves a truncated file that looks complete.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Iterator, Protocol


def is_jsonl_path(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


class AtomicFile:
    """A file written as NAME.partial and moved to NAME on commit (gzip when NAME ends in .gz)."""

    def __init__(self, path: Path, raw: bool = False):
        """raw: `stream` is the binary file itself, for formats that compress themselves (WARC)."""
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        path.parent.mkdir(parents=True, exist_ok=True)
        file = open(self.partial, "wb")
        binary: IO[bytes] = gzip.GzipFile(fileobj=file, mode="wb") if path.suffix == ".gz" and not raw else file
        self._raw = file
        self.stream: IO = file if raw else io.TextIOWrapper(binary, encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.stream.close()
        self._raw.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        self.stream.close()
        self._raw.close()
        self.partial.unlink(missing_ok=True)


class JsonlSink:
    """One JSON record per line, to a file or (path None) to stdout."""

    def __init__(self, path: str | None):
        self._file = AtomicFile(Path(path)) if path else None
        self._stream = self._file.stream if self._file else sys.stdout

    def write(self, record: dict) -> None:
        self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._file:
            self._file.commit()
        else:
            self._stream.flush()

    def abort(self) -> None:
        if self._file:
            self._file.abort()

    def describe(self) -> str:
        return str(self._file.path) if self._file else "stdout"


def safe_relative_path(doc_id: str) -> PurePosixPath:
    """A document id as a path inside the output folder: no absolute paths, no '..'."""
    parts = [p for p in PurePosixPath(doc_id.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return PurePosixPath(*parts) if parts else PurePosixPath("document")


class FolderSink:
    """One NAME.txt per document (NAME from its id); each file renamed into place when written."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def write(self, record: dict) -> None:
        relative = safe_relative_path(record["id"] or "document")
        target = AtomicFile(self.folder / relative.with_name(relative.name + ".txt"))
        target.stream.write(record["text"] + "\n" if record["text"] else "")
        target.commit()

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass

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


def open_sink(output: str | None) -> JsonlSink | FolderSink:
    if output is None or output == "-":
        return JsonlSink(None)
    return JsonlSink(output) if is_jsonl_path(output) else FolderSink(output)
