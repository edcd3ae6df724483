"""The read stage: files, folders, stdin and JSONL records in; Documents (or Failures) out.

Everything streams: JSONL files are read a line at a time and folders a file at a time, so memory
stays flat however large the input. A problem with one input (a missing file, binary bytes, a
JSONL line that is not JSON or has no `html`/`text`) becomes a Failure naming that input, and
reading goes on with the next one.

The size cap (`max_bytes`) is applied here before anything big is held in memory: a file over
it is refused from its size on disk (or as it decompresses), and a JSONL line long enough that
its content must be over it is skipped unread. The pipeline checks the exact size again.
"""
from __future__ import annotations

import gzip
import itertools
import json
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator

from .decode import NotText, decode
from .limits import LIMIT_STAGE, size_reason
from .media import looks_like_html
from .model import Document, Failure, Format, RawRecord
from .warc import WarcReader

DOCUMENT_SUFFIXES: dict[str, Format] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".jsonl", ".ndjson"}
ARCHIVE_SUFFIXES = {".warc"}  # WARC archives (Common Crawl, CC-NEWS, `cleaner fetch -o X.warc.gz`)

Item = Document | Failure
# JSON escapes can take up to 6 bytes for one byte of content (\u0001): a line longer than this
# many times the size cap cannot hold content under it. The margin covers the other fields.
_ESCAPE_FACTOR, _RECORD_MARGIN = 6, 64 * 1024
_CHUNK = 1 << 20
# A JSONL file is read line by line in the process every worker waits on; records of pages run to
# hundreds of KB, which the default 8 KB buffer reads in as many system calls (64 KB: 17 ms
# instead of 30 ms for 44 MB).
RECORDS_BUFFER = 1 << 16


def _kind_of(path: Path) -> tuple[str, bool]:
    """(suffix without .gz, whether gzipped) for a path."""
    gz = path.suffix.lower() == ".gz"
    return (Path(path.stem).suffix.lower() if gz else path.suffix.lower()), gz


def _document_id(path: Path, root: Path | None) -> str:
    relative = path.relative_to(root) if root else Path(path.name)
    name = relative.as_posix()
    for suffix in (".gz", *DOCUMENT_SUFFIXES):
        name = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    return name


@dataclass
class InputReader:
    """Turns command-line inputs into a stream of Documents and Failures, counting what it skips."""

    skipped: list[str] = field(default_factory=list)  # folder entries of unknown type
    stdin: IO[bytes] | None = None
    max_bytes: int | None = None  # the per-document size cap (CleanerConfig.max_bytes)
    raw_records: bool = False  # hand JSONL lines on as RawRecords, to be parsed where they are cleaned
    archives: WarcReader = field(init=False)  # counts the archive records that are not pages

    def __post_init__(self) -> None:
        self.archives = WarcReader(max_bytes=self.max_bytes)

    @property
    def _line_cap(self) -> int | None:
        return self.max_bytes * _ESCAPE_FACTOR + _RECORD_MARGIN if self.max_bytes else None

    def read(self, inputs: Iterable[str]) -> Iterator[Item | RawRecord]:
        for name in inputs:
            if name == "-":
                yield from self._read_stream(self.stdin or sys.stdin.buffer, "-")
                continue
            path = Path(name)
            if path.is_dir():
                yield from self._read_folder(path)
            elif path.is_file():
                yield from self._read_file(path, root=None, named=True)
            else:
                yield Failure(source=name, stage="read", reason="no such file or folder")

    def _read_folder(self, folder: Path) -> Iterator[Item]:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            yield from self._read_file(path, root=folder, named=False)

    def _read_file(self, path: Path, root: Path | None, named: bool) -> Iterator[Item]:
        suffix, gz = _kind_of(path)
        if suffix in RECORD_SUFFIXES:
            yield from self._read_records(path, gz)
            return
        if suffix in ARCHIVE_SUFFIXES:
            yield from self.archives.read(path)
            return
        if suffix not in DOCUMENT_SUFFIXES and not named:
            self.skipped.append(str(path))
            return
        doc_id = _document_id(path, root)
        try:
            with gzip.open(path, "rb") if gz else path.open("rb") as stream:
                data = stream.read(self.max_bytes + 1) if self.max_bytes else stream.read()
                size = len(data) if gz else path.stat().st_size
        except (OSError, EOFError, zlib.error) as exc:
            yield Failure(source=str(path), stage="read", reason=_os_reason(exc), id=doc_id)
            return
        if self.max_bytes and size > self.max_bytes:
            reason = size_reason(size, self.max_bytes) if not gz else f"decompresses to more than {self.max_bytes:,} bytes, the size cap"
            yield Failure(source=str(path), stage=LIMIT_STAGE, reason=reason, id=doc_id)
            return
        yield document_from_bytes(data, str(path), doc_id, DOCUMENT_SUFFIXES.get(suffix))

    def _read_records(self, path: Path, gz: bool) -> Iterator[Item]:
        try:
            stream = gzip.open(path, "rb") if gz else path.open("rb", buffering=RECORDS_BUFFER)
        except OSError as exc:
            yield Failure(source=str(path), stage="read", reason=_os_reason(exc))
            return
        with stream:
            yield from self._records(stream, str(path))

    def _records(self, stream: IO[bytes], source: str, first: bytes | None = b"") -> Iterator[Item]:
        """Records of a JSONL stream (after `first`, a line already read from it, if any)."""
        number = 0
        try:
            lines = _bounded_lines(stream, self._line_cap)
            for number, line in enumerate(itertools.chain([first] if first != b"" else [], lines), start=1):
                if line is None:
                    yield Failure(source=f"{source}:{number}", stage=LIMIT_STAGE,
                                  reason=f"record longer than {self._line_cap:,} bytes: its content must be over "
                                         f"the size cap of {self.max_bytes:,} bytes (not read)")
                elif line.strip():
                    raw = RawRecord(line, f"{source}:{number}")
                    yield raw if self.raw_records else parse_record(raw)
        except (OSError, EOFError, zlib.error) as exc:
            yield Failure(source=f"{source}:{number + 1}", stage="read", reason=_os_reason(exc))

    def _read_stream(self, stream: IO[bytes], source: str) -> Iterator[Item]:
        """stdin: JSONL records when it starts with '{', else one raw document."""
        first = next(_bounded_lines(stream, self._line_cap), b"")
        if first is None or first.lstrip().startswith(b"{"):
            yield from self._records(stream, source, first)
            return
        data = first + (stream.read(self.max_bytes + 1 - len(first)) if self.max_bytes else stream.read())
        if self.max_bytes and len(data) > self.max_bytes:
            yield Failure(source=source, stage=LIMIT_STAGE, id="stdin",
                          reason=f"more than {self.max_bytes:,} bytes, the size cap (not read further)")
        elif data.strip():
            yield document_from_bytes(data, source, "stdin", None)
        else:
            yield Failure(source=source, stage="read", reason="empty input", id="stdin")


def _bounded_lines(stream: IO[bytes], cap: int | None) -> Iterator[bytes | None]:
    """The lines of a stream; None in place of a line longer than cap, which is skipped unread."""
    while line := stream.readline(cap or -1):
        if cap is None or len(line) < cap or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return f"corrupt compressed data ({exc})" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) else str(exc)


def document_from_bytes(data: bytes, source: str, doc_id: str, format: Format | None) -> Item:
    if not data.strip():
        return Failure(source=source, stage="read", reason="empty file", id=doc_id)
    try:
        content = decode(data)
    except NotText as exc:
        return Failure(source=source, stage="decode", reason=str(exc), id=doc_id)
    return Document(content=content, format=format or ("html" if looks_like_html(content) else "text"), id=doc_id, source=source)


def parse_record(item: Item | RawRecord) -> Item:
    """A RawRecord parsed (any other item as it is): the Document, or a Failure saying why not."""
    return record_to_document(item.line, item.source) if isinstance(item, RawRecord) else item


def record_to_document(line: bytes | str, source: str) -> Item:
    """One JSONL record {id, url?, outlet?, html | text} to a Document, or a Failure saying why not."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")  # JSONL is UTF-8; stray bytes must not sink the record
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(source=source, stage="read", reason=f"not a JSON record ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Failure(source=source, stage="read", reason=f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and doc_id != "" else source
    for name in ("url", "outlet"):
        if record.get(name) is not None and not isinstance(record[name], str):
            return Failure(source=source, stage="read", reason=f"field '{name}' must be a string", id=doc_id)
    for format in ("html", "text"):
        content = record.get(format)
        if content is None:
            continue
        if not isinstance(content, str):
            return Failure(source=source, stage="read", reason=f"field '{format}' must be a string, got {type(content).__name__}", id=doc_id)
        return Document(content=content, format=format, id=doc_id, url=record.get("url") or "",
                        outlet=record.get("outlet") or "", source=source)
    return Failure(source=source, stage="read", reason="record has neither 'html' nor 'text'", id=doc_id)
