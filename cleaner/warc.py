"""WARC archives: response records in as Documents, fetched pages out as response records.

Web archives (Common Crawl, CC-NEWS, a pipeline's own crawls) hold pages as WARC `response`
records: WARC headers (WARC-Target-URI, WARC-Record-ID), then the HTTP status and headers, then
the body. Reading streams through the archive with `warcio` one record at a time, so memory
stays flat however large the archive; only one HTML body (at most the size cap) is held at
once. Records that are not pages (request, metadata and warcinfo records) are passed over;
response records that are not HTML, or not a 2xx answer, are skipped and counted by kind, so a
run can say what it left out. The HTTP charset goes to `decode` as the declared charset.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .decode import NotText, decode
from .media import ContentType, is_page, read_capped
from .model import Document, Failure
from .write import AtomicFile

Item = Document | Failure
PAGE_RECORD_TYPES = frozenset({"response", "resource"})  # resource: a page archived without HTTP headers
SNIFF_BYTES = 1024
WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def record_id(record: ArcWarcRecord) -> str:
    """WARC-Record-ID without its angle brackets: `urn:uuid:...`."""
    return (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")


def _whole(record: ArcWarcRecord) -> bool:
    """Whether a record read to its end had its headers and every byte its Content-Length promised."""
    if record.rec_type is None or record.length is None:  # headers cut short
        return False
    return getattr(record.raw_stream, "limit", 0) == 0


@dataclass
class WarcReader:
    """Documents from the response records of WARC files, counting the records it skips."""

    max_bytes: int | None = None  # the per-document size cap (CleanerConfig.max_bytes); None: no cap
    skipped: Counter = field(default_factory=Counter)  # why a response record is not a page -> count

    def read(self, path: Path) -> Iterator[Item]:
        try:
            stream = path.open("rb")
        except OSError as exc:
            yield Failure(source=str(path), stage="read", reason=(exc.strerror or str(exc)).lower())
            return
        with stream:
            records = ArchiveIterator(stream)
            end = 0  # where the last whole record ends: the next one starts there
            try:
                for record in records:
                    source = f"{path}@{records.offset}"  # the record's byte offset: where to look in the archive
                    item = self._page(record, source)
                    records.read_to_end()
                    end = records.offset
                    if not _whole(record):
                        yield Failure(source=source, stage="read", id=record_id(record),
                                      reason="truncated WARC archive: it ends inside this record")
                    elif item is not None:
                        yield item
            except Exception as exc:  # noqa: BLE001 (warcio fails in many ways on damaged archives, AttributeError included)
                yield Failure(source=f"{path}@{end}", stage="read",
                              reason=f"broken WARC archive: no record can be read here, the rest is lost "
                                     f"({type(exc).__name__}: {exc})")
                return
            size = os.fstat(stream.fileno()).st_size
            if size == 0:
                yield Failure(source=str(path), stage="read", reason="empty file")
            elif end < size:
                yield Failure(source=f"{path}@{end}", stage="read",
                              reason=f"truncated WARC archive: its last {size - end} bytes are not a whole record")

    def _page(self, record: ArcWarcRecord, source: str) -> Item | None:
        """The Document for a page record; a Failure for a page that cannot be read; None to skip."""
        if record.rec_type not in PAGE_RECORD_TYPES:
            return None
        doc_id = record_id(record) or source
        http = record.http_headers
        if http is not None and record.rec_type == "response":
            status = http.get_statuscode() or "?"
            if not status.startswith("2"):
                self.skipped[f"HTTP status {status}"] += 1
                return None
            content_type = ContentType.parse(http.get_header("Content-Type"))
        else:
            content_type = ContentType.parse(record.rec_headers.get_header("Content-Type"))
        stream = record.content_stream()
        head = stream.read(SNIFF_BYTES)
        if not is_page(content_type, head):
            self.skipped[content_type.describe()] += 1
            return None
        if self.max_bytes is None:
            rest, complete = stream.read(), True
        else:
            rest, complete = read_capped(stream.read, self.max_bytes - len(head))
        if not complete:
            return Failure(source=source, stage="limit", id=doc_id,
                           reason=f"page larger than the size cap of {self.max_bytes:,} bytes (not read further)")
        body = head + rest
        if not body.strip():
            return Failure(source=source, stage="read", reason="empty page", id=doc_id)
        try:
            content = decode(body, declared=content_type.charset)
        except NotText as exc:
            return Failure(source=source, stage="decode", reason=str(exc), id=doc_id)
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        return Document(content=content, format="html", id=doc_id, url=url.strip().strip("<>"), source=source)

    def describe_skipped(self) -> str:
        """e.g. '12 WARC record(s) that are not HTML pages: 9 image/jpeg, 3 HTTP status 404'."""
        total = sum(self.skipped.values())
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.skipped.most_common(5))
        more = ", ..." if len(self.skipped) > 5 else ""
        return f"{total} WARC record(s) that are not HTML pages: {kinds}{more}"


class WarcSink:
    """Fetched pages as WARC response records, one gzip member per record, written atomically."""

    def __init__(self, path: Path, software: str):
        self._file = AtomicFile(path, raw=True)
        self._writer = WARCWriter(self._file.stream, gzip=path.name.endswith(".gz"))
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, {"software": software}))

    def write_response(self, url: str, status_line: str, headers: list[tuple[str, str]], body: bytes,
                       fetched_at: str) -> None:
        """One response record of the decoded `body`.

        The body is stored as decoded (no gzip, no chunks), as Common Crawl does, so the headers
        that described the wire form keep their values under an X-Crawler- name.
        """
        kept = [(f"X-Crawler-{name}" if name.lower() in WIRE_HEADERS else name, value) for name, value in headers]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(status_line, kept, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                 http_headers=http_headers,
                                                 warc_headers_dict={"WARC-Date": fetched_at})
        self._writer.write_record(record)

    def close(self) -> None:
        self._file.commit()

    def abort(self) -> None:
        self._file.abort()

    def describe(self) -> str:
        return str(self._file.path)
