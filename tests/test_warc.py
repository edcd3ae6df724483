"""WARC input: archives in Common Crawl's layout, written here with warcio, read by `cleaner clean`."""
from __future__ import annotations

import gzip
import json
from io import BytesIO

import pytest
from test_cli import cleaner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.model import Document
from cleaner.read import InputReader

STORY = ("<html><head><title>Harbour works</title></head><body><nav><a href='/'>Home</a></nav><article>"
         "<p>The council approved the new budget on Tuesday after a long debate about the harbour works.</p>"
         "<p>Opposition members said the spending plan left too little for the schools in the north.</p>"
         "</article></body></html>")


class Archive:
    """Writes a WARC as Common Crawl does: warcinfo, then request, response and metadata per capture."""

    def __init__(self, path):
        self.path = path
        self._file = open(path, "wb")
        self._writer = WARCWriter(self._file, gzip=str(path).endswith(".gz"))
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, {"software": "tests"}))

    def capture(self, url: str, body: bytes, content_type: str | None = "text/html; charset=utf-8",
                status: str = "200 OK", headers: tuple = ()) -> None:
        writer = self._writer
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), length=0, http_headers=request))
        fields = [("Content-Type", content_type)] if content_type else []
        response = StatusAndHeaders(status, [*fields, *headers], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                      http_headers=response))
        metadata = b"fetchTimeMs: 12\n"
        writer.write_record(writer.create_warc_record(url, "metadata", payload=BytesIO(metadata), length=len(metadata),
                                                      warc_content_type="application/warc-fields"))

    def resource(self, url: str, body: bytes, content_type: str) -> None:
        writer = self._writer
        writer.write_record(writer.create_warc_record(url, "resource", payload=BytesIO(body), length=len(body),
                                                      warc_headers_dict={"Content-Type": content_type}))

    def close(self):
        self._file.close()
        return self.path


def read(*paths, max_bytes=None):
    reader = InputReader(max_bytes=max_bytes)
    return list(reader.read([str(p) for p in paths])), reader


def test_response_records_become_documents_and_the_rest_is_counted(tmp_path):
    archive = Archive(tmp_path / "crawl.warc.gz")
    archive.capture("https://news.example.com/a", STORY.encode())
    archive.capture("https://news.example.com/logo.png", b"\x89PNG\r\n...", "image/png")
    archive.capture("https://news.example.com/gone", b"<html>gone</html>", status="404 Not Found")
    archive.capture("https://news.example.com/feed", b"<rss/>", "application/rss+xml")
    archive.capture("https://news.example.com/b", STORY.encode(), content_type=None)  # no type: the body tells
    archive.resource("https://news.example.com/c", STORY.encode(), "text/html")
    items, reader = read(archive.close())
    assert all(isinstance(item, Document) for item in items)
    assert [item.url for item in items] == [f"https://news.example.com/{name}" for name in "abc"]
    assert all(item.id.startswith("urn:uuid:") and item.format == "html" for item in items)
    assert dict(reader.archives.skipped) == {"image/png": 1, "HTTP status 404": 1, "application/rss+xml": 1}
    assert reader.archives.describe_skipped().startswith("3 WARC record(s) that are not HTML pages")


def test_source_names_the_record_offset(tmp_path):
    archive = Archive(tmp_path / "crawl.warc.gz")
    for name in "abc":
        archive.capture(f"https://news.example.com/{name}", STORY.encode())
    items, _ = read(archive.close())
    for item in items:
        path, offset = item.source.rsplit("@", 1)
        with open(path, "rb") as stream:
            stream.seek(int(offset))
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Record-ID") == f"<{item.id}>"


def test_http_charset_and_content_encoding(tmp_path):
    archive = Archive(tmp_path / "crawl.warc")  # uncompressed archives too
    page = "<html><body><p>Городской совет утвердил бюджет.</p></body></html>"
    archive.capture("https://ru.example.com/a", page.encode("cp1251"), "text/html; charset=windows-1251")
    archive.capture("https://ru.example.com/b", gzip.compress(page.encode()), headers=(("Content-Encoding", "gzip"),))
    items, _ = read(archive.close())
    assert [item.content for item in items] == [page, page]


def test_oversized_and_binary_pages_fail_alone(tmp_path):
    archive = Archive(tmp_path / "crawl.warc.gz")
    archive.capture("https://news.example.com/huge", b"<html>" + b"x" * 200_000)
    archive.capture("https://news.example.com/lie", b"%PDF-1.7 \x00\x01")
    archive.capture("https://news.example.com/a", STORY.encode())
    items, _ = read(archive.close(), max_bytes=100_000)  # the run's --max-bytes applies to WARC pages too
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "Document"]
    assert items[0].stage == "limit" and items[0].id.startswith("urn:uuid:")
    assert items[1].stage == "decode" and "PDF" in items[1].reason


def three_captures(path):
    archive = Archive(path)
    for n in range(3):
        archive.capture(f"https://news.example.com/{n}", STORY.encode())
    path = archive.close()
    documents, _ = read(path)
    return path.read_bytes(), [int(document.source.rsplit("@", 1)[1]) for document in documents]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("into", [30, 400], ids=["headers", "body"])
def test_archive_cut_inside_a_record_ends_with_a_failure(tmp_path, name, into):
    data, offsets = three_captures(tmp_path / name)
    path = tmp_path / name
    path.write_bytes(data[: offsets[1] + into])  # inside the second response record
    items, _ = read(path)
    assert [type(item).__name__ for item in items] == ["Document", "Failure"]
    assert items[0].content == STORY and items[1].stage == "read"
    assert items[1].reason.startswith(("truncated WARC archive", "broken WARC archive"))  # as far as warcio got


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_an_archive_cut_anywhere_never_crashes_nor_yields_a_partial_page(tmp_path, name):
    data, _ = three_captures(tmp_path / name)
    path = tmp_path / name
    for cut in range(0, len(data), 11):
        path.write_bytes(data[:cut])
        items, _ = read(path)
        assert all(item.content == STORY for item in items if isinstance(item, Document)), cut


def test_corrupt_compressed_data_ends_the_archive_with_a_failure(tmp_path):
    archive = Archive(tmp_path / "crawl.warc.gz")
    for n in range(3):
        archive.capture(f"https://news.example.com/{n}", STORY.encode())
    path = archive.close()
    data = bytearray(path.read_bytes())
    data[-200:-100] = b"\xff" * 100  # inside the last record's deflate stream
    path.write_bytes(bytes(data))
    items, _ = read(path)
    assert [type(item).__name__ for item in items] == ["Document"] * 3 + ["Failure"]
    assert "broken WARC archive" in items[-1].reason and "@" in items[-1].source


def test_clean_reads_archives_in_folders_with_jobs(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    archive = Archive(folder / "crawl.warc.gz")
    for n in range(12):
        archive.capture(f"https://news.example.com/{n}", STORY.replace("Tuesday", f"day {n}").encode())
    archive.capture("https://news.example.com/logo.png", b"\x89PNG", "image/png")
    archive.close()
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        run = cleaner("clean", str(folder), "-o", str(out), "-j", jobs)
        assert run.returncode == 0, run.stderr
        assert "12 cleaned" in run.stderr and "skipped 1 WARC record(s) that are not HTML pages: 1 image/png" in run.stderr
        outputs.append([json.loads(line) for line in out.read_text().splitlines()])
    serial, parallel = outputs
    assert [(r["id"], r["url"], r["text"]) for r in serial] == [(r["id"], r["url"], r["text"]) for r in parallel]
    assert serial[3]["url"] == "https://news.example.com/3" and "day 3 after a long debate" in serial[3]["text"]
    assert "Home" not in serial[3]["text"]
