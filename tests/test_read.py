"""The read stage: every input becomes a Document or a Failure naming it; nothing else is lost."""
from __future__ import annotations

import gzip
import io
import json
import pickle

from cleaner.model import Document, Failure, RawRecord
from cleaner.read import InputReader

STORY = "The council approved the new budget on Tuesday after a long debate about the harbour works.\n"


def read_all(*inputs, stdin: bytes | None = None):
    reader = InputReader(stdin=io.BytesIO(stdin) if stdin is not None else None)
    return list(reader.read([str(i) for i in inputs])), reader


def test_folder_with_bad_files_reports_them_and_reads_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "report.pdf.txt").write_bytes(b"%PDF-1.7\n...")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG....")
    items, reader = read_all(tmp_path)
    documents = {i.id: i for i in items if isinstance(i, Document)}
    failures = {i.id: i for i in items if isinstance(i, Failure)}
    assert set(documents) == {"good", "sub/page"}
    assert documents["sub/page"].format == "html"
    assert set(failures) == {"binary", "empty", "report.pdf"}
    assert "binary" in failures["binary"].reason and failures["binary"].source.endswith("binary.txt")
    assert "empty" in failures["empty"].reason
    assert "PDF" in failures["report.pdf"].reason
    assert reader.skipped == [str(tmp_path / "picture.png")]


def test_latin1_file_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes("Caf\xe9 society returns to the harbour.".encode("cp1252"))
    (item,), _ = read_all(tmp_path / "a.txt")
    assert item.content.startswith("Café")


def test_gzip_text_file(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (item,), _ = read_all(tmp_path / "a.txt.gz")
    assert (item.id, item.format, item.content) == ("a", "text", STORY)


def test_jsonl_records_with_broken_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": STORY, "url": "https://example.com/a"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "html": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "d", "html": "<p>x</p>", "outlet": "x"}),
    ]
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items, _ = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Failure", "Failure", "Failure", "Document"]
    assert items[0].url == "https://example.com/a"
    assert items[1].source.endswith("in.jsonl.gz:2") and "not a JSON record" in items[1].reason
    assert items[2].id == "b" and "neither 'html' nor 'text'" in items[2].reason
    assert "must be a string" in items[3].reason
    assert items[5].format == "html" and items[5].outlet == "x"


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    data = gzip.compress((json.dumps({"id": "a", "text": STORY}) + "\n").encode() * 50)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items, _ = read_all(path)
    assert isinstance(items[-1], Failure) and "corrupt" in items[-1].reason


def test_missing_input():
    (item,), _ = read_all("/no/such/file.txt")
    assert isinstance(item, Failure) and item.reason == "no such file or folder"


def test_stdin_raw_text_and_jsonl():
    (item,), _ = read_all("-", stdin=STORY.encode())
    assert (item.id, item.format) == ("stdin", "text")
    items, _ = read_all("-", stdin=(json.dumps({"id": "x", "text": STORY}) + "\n").encode() * 2)
    assert [i.id for i in items] == ["x", "x"]


def test_a_raw_record_pickles_as_itself():
    """Workers get raw records by pickle; their own pickling must give the same record back."""
    record = RawRecord(b'{"id": "a", "text": "Caf\xc3\xa9"}', "in.jsonl:7")
    assert pickle.loads(pickle.dumps(record)) == record
