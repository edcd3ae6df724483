"""Bytes to text: byte-order mark, declared charset, then detection; never a crash.

The order follows what browsers do: a BOM wins, then a charset the page declares (HTTP header
or `<meta>`), then strict UTF-8 (most of the web), then statistical detection. Whatever is left
undecodable becomes U+FFFD instead of stopping the batch. Content that is not text at all
(PDF, images, archives) is refused with a reason, since cleaning it would only produce noise.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data (give the file a .gz name)",
}
SNIFF_BYTES = 4096
_WESTERN = {"latin-1", "iso8859-1", "ascii", "cp1252"}


class NotText(ValueError):
    """The bytes are not a text document."""


def binary_kind(data: bytes) -> str | None:
    """A name for what the bytes are if they are clearly not text, else None."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        if head.count(0) > 0 or controls > len(head) // 10:
            return "binary data"
    return None


def _usable(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:SNIFF_BYTES * 4])
    return _usable(match.group(1).decode("ascii")) if match else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode document bytes. `declared` is a charset from outside the bytes (HTTP headers)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    kind = binary_kind(data)
    if kind:
        raise NotText(f"not a text document ({kind})")
    encoding = (_usable(declared) if declared else None) or declared_charset(data)
    if encoding in (None, "utf-8") or encoding in _WESTERN:
        # Pages that declare latin-1 while serving UTF-8 are common; valid UTF-8 is a strong sign.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if encoding == "utf-8":
        return data.decode("utf-8", errors="replace")
    if encoding:
        # Pages declaring latin-1 mean windows-1252 (as browsers assume): decode as the superset.
        return data.decode("cp1252" if encoding in _WESTERN else encoding, errors="replace")
    guess = from_bytes(data[: 1 << 20]).best()
    return data.decode(guess.encoding if guess else "cp1252", errors="replace")
