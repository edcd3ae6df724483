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
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data (give the file a .gz name)",
}
SNIFF_BYTES = 4096
DETECT_BYTES = 1 << 20  # detection on the first MB: enough evidence, bounded time
_WESTERN = {"latin-1", "iso8859-1", "ascii", "cp1252"}
_WIDE = ("utf-16", "utf-32")
_NOT_PAGE_ENCODINGS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "undefined"}


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


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like UTF-16 text with no BOM: Latin-script
    text then has a zero byte in every other position and none in the others."""
    head = data[:SNIFF_BYTES]
    even, odd = head[0::2], head[1::2]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    if even.count(0) == 0 and odd.count(0) >= len(odd) * 0.6:
        return "utf-16-le"
    if odd.count(0) == 0 and even.count(0) >= len(even) * 0.6:
        return "utf-16-be"
    return None


def _usable(encoding: str) -> str | None:
    """The codec name for a declared charset, or None for unknown names, for codecs that are
    not text encodings at all ('base64', 'zlib') and for Python's codecs that no page uses and
    that fail or rewrite text ('idna', 'unicode-escape', ...)."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_PAGE_ENCODINGS:
        return None
    return codec.name


def declared_charset(data: bytes) -> str | None:
    """The charset of a `<meta>` tag in the first bytes. A page that can be read far enough to
    find its meta tag is ASCII-compatible, so a declared UTF-16/32 means UTF-8 (as in browsers)."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES * 4])
    encoding = _usable(match.group(1).decode("ascii")) if match else None
    return "utf-8" if encoding and encoding.startswith(_WIDE) else encoding


def charset_of_content_type(content_type: str | None) -> str | None:
    """The charset named in an HTTP Content-Type value, e.g. 'text/html; charset=ISO-8859-1'."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except (UnicodeError, LookupError):  # a codec that refuses error handling: last resort
        return data.decode("utf-8", errors="replace")


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode document bytes. `declared` is a charset from outside the bytes (HTTP headers);
    unknown or non-text names are ignored. Never raises for undecodable bytes (they become
    U+FFFD); raises NotText for content that is not text at all."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom):], encoding)
    header = _usable(declared) if declared else None
    wide = header if header and header.startswith(_WIDE) else utf16_without_bom(data)
    if wide:  # zero bytes are expected here: not a sign of binary data
        return _decode_as(data, wide)
    kind = binary_kind(data)
    if kind:
        raise NotText(f"not a text document ({kind})")
    encoding = header or declared_charset(data)
    if encoding in (None, "utf-8") or encoding in _WESTERN:
        # Pages that declare latin-1 while serving UTF-8 are common; valid UTF-8 is a strong sign.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if encoding:
        # Pages declaring latin-1 mean windows-1252 (as browsers assume): decode as the superset.
        return _decode_as(data, "cp1252" if encoding in _WESTERN else encoding)
    guess = from_bytes(data[:DETECT_BYTES]).best()
    return _decode_as(data, guess.encoding if guess else "cp1252")
