"""A corpus of hostile inputs, made on the spot: what a crawl throws at a batch job.

Each case is (file name, bytes, expected outcome): "cleaned" with a piece of text the body must
hold, or the stage of the error record it must become. Used by the hostile-input tests; big
cases are built once per test session.
"""
from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

STORY = "The council approved the new budget on Tuesday after a long debate about the harbour works."
PAGE = "<html><head>{head}<title>Budget</title></head><body><article><p>{body}</p><p>" + STORY + "</p></article></body></html>"


@dataclass(frozen=True)
class Case:
    name: str  # file name; its id is the name without a .txt/.html suffix, as the reader makes it
    data: bytes
    outcome: str  # "cleaned", or the stage of the expected error record
    holds: str = ""  # text the cleaned body must contain

    @property
    def id(self) -> str:
        stem, _, suffix = self.name.rpartition(".")
        return stem if suffix in ("txt", "html") else self.name


def file_cases() -> list[Case]:
    """One file per case (the 50 MB page and the 10 MB line make this about 60 MB in all)."""
    return [
        Case("empty.txt", b"", "read"),
        Case("whitespace.txt", b" \n\t\r\n   \n", "read"),
        Case("binary.txt", bytes(range(256)) * 64, "decode"),
        Case("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "decode"),
        Case("huge.html", PAGE.format(head="", body="filler " * 7_500_000).encode(), "limit"),  # 52 MB
        Case("nested.html", ("<html><body>" + "<div>" * 100_000 + STORY + "</div>" * 100_000 + "</body></html>").encode(), "limit"),
        Case("breaks.html", PAGE.format(head="", body="Line one" + "<br>" * 45_000 + "line two").encode(), "cleaned", STORY),
        Case("long-line.txt", ("word " * 2_000_000).encode() + b"\n" + STORY.encode(), "cleaned", STORY),
        Case("invalid-utf8.txt", STORY.encode() + b"\n\xff\xfe\xc3\x28 caf\xe9 \xed\xa0\x80 end.\n", "cleaned", STORY),
        Case("utf16-bom.html", codecs.BOM_UTF16_LE + PAGE.format(head="", body="Smörgåsbord in Zürich").encode("utf-16-le"),
             "cleaned", "Smörgåsbord in Zürich"),
        Case("latin1-meta.html", PAGE.format(head='<meta charset="iso-8859-1">', body="Café crème à la française").encode("latin-1"),
             "cleaned", "Café crème à la française"),
        Case("mojibake.txt", f"{STORY}\nThe mayorâ€™s cafÃ© reopened.".encode(), "cleaned", "The mayor’s café reopened."),
    ]


def record_lines() -> list[tuple[str, str, str]]:
    """(line, id, expected outcome) for a JSONL file with broken lines and wrong field types."""
    return [
        (json.dumps({"id": "r-good", "text": STORY}), "r-good", "cleaned"),
        ('{"id": "r-cut", "text": "The council appr', "", "read"),
        ("not json at all", "", "read"),
        (json.dumps({"id": "r-number", "html": 42}), "r-number", "read"),
        (json.dumps({"id": "r-list-url", "text": STORY, "url": ["x"]}), "r-list-url", "read"),
        # an address urllib cannot split: a hint lost, not the document
        (json.dumps({"id": "r-bad-url-text", "text": STORY, "url": "http://[bad/news/world"}), "r-bad-url-text", "cleaned"),
        (json.dumps({"id": "r-bad-url-html", "html": PAGE.format(head="", body="Bad url"), "url": "http://[bad"}),
         "r-bad-url-html", "cleaned"),
        (json.dumps({"id": "r-none"}), "r-none", "read"),
        (json.dumps(["an", "array"]), "", "read"),
        (json.dumps({"id": 7, "html": PAGE.format(head="", body="Seven")}), "7", "cleaned"),
        ("\x00\x01\x02 binary junk", "", "read"),
        (json.dumps({"id": "r-last", "html": PAGE.format(head="", body="Last")}), "r-last", "cleaned"),
    ]
