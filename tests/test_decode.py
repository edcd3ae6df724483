"""Bytes to text: BOM, HTTP charset, <meta> charset, detection; bad bytes never stop a run."""
from __future__ import annotations

import codecs
import json

import pytest

from cleaner import Cleaner
from cleaner.decode import NotText, charset_of_content_type, decode
from cleaner.read import InputReader

PAGE = '<html><head>{meta}</head><body><article><p>{text}</p></article></body></html>'
WORDS = "Ærøskøbing café crème, Zürich straße"


def test_byte_order_marks_win():
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")):
        page = PAGE.format(meta='<meta charset="iso-8859-1">', text=WORDS)
        assert WORDS in decode(bom + page.encode(encoding))


def test_http_charset_beats_detection_and_meta():
    data = PAGE.format(meta='<meta charset="utf-8">', text=WORDS).encode("cp1252")
    assert charset_of_content_type('text/html; charset="ISO-8859-1"') == "ISO-8859-1"
    assert WORDS in decode(data, declared="iso-8859-1")
    result = Cleaner(bundled_profiles=False).clean(data, content_type="text/html; charset=windows-1252")
    assert WORDS in result.text


def test_meta_charset_and_detection():
    assert WORDS in decode(PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=latin-1">', text=WORDS).encode("latin-1"))
    russian = "Городской совет утвердил новый бюджет во вторник после долгих споров о порте."
    assert russian in decode(PAGE.format(meta="", text=russian * 3).encode("koi8-r"))


def test_utf16_without_bom():
    assert decode(WORDS.encode("utf-16-le")) == WORDS and decode(WORDS.encode("utf-16-be")) == WORDS


@pytest.mark.parametrize("charset", ["idna", "punycode", "unicode_escape", "base64", "rot13", "no-such-charset", "utf-16"])
def test_odd_declared_charsets_never_crash_or_rewrite(charset):
    data = PAGE.format(meta=f'<meta charset="{charset}">', text=r"caf\xe9 \u0041 end").encode("utf-8") + b"\xff"
    text = decode(data, declared=charset if charset != "utf-16" else None)
    assert r"caf\xe9 \u0041 end" in text  # escapes are not interpreted, nothing raises


def test_invalid_bytes_become_replacement_characters():
    assert decode(b"Valid start \xc3\x28 \xed\xa0\x80 end.\n", declared="utf-8").startswith("Valid start \ufffd")


def test_binary_is_refused_with_a_reason():
    with pytest.raises(NotText, match="PDF"):
        decode(b"%PDF-1.4 ...")
    with pytest.raises(NotText, match="binary"):
        decode(bytes(range(256)))


def test_reader_applies_the_size_cap_before_reading(tmp_path):
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "huge", "text": "y" * 100_000}) + "\n" + json.dumps({"id": "ok", "text": "fine"}) + "\n")
    items = list(InputReader(max_bytes=1000).read([str(tmp_path / "big.html"), str(tmp_path / "in.jsonl")]))
    assert [(i.id, getattr(i, "stage", "document")) for i in items] == [("big", "limit"), ("", "limit"), ("ok", "document")]
    assert "not read" in items[1].reason
