"""What a body is (an HTML page or not, in which declared charset) and how much of it to read.

Files, WARC records and fetched responses all need this answer before they become Documents.
WARC archives and the fetcher hold HTTP responses, a body and a Content-Type header: an image,
a PDF or a feed is not an article, and the declared charset outranks the page's own `<meta>`
(as in browsers), so it goes to `decode(declared=...)`. Without a declared type, the body's
first characters tell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from typing import Callable

_HTML_START = re.compile(r"\s*(?:<!doctype|<html|<head|<body|<\?xml|<!--|<meta|<div|<article|<p[\s>])", re.I)
READ_BLOCK = 64 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class ContentType:
    """A parsed Content-Type header: `mime` is "" when the header is missing or unreadable."""

    mime: str = ""
    charset: str | None = None

    @classmethod
    def parse(cls, header: str | None) -> ContentType:
        if not header or not header.strip():
            return cls()
        message = Message()
        message["content-type"] = header
        charset = message.get_param("charset")
        mime = message.get_content_type() if "/" in header.split(";", 1)[0] else ""
        return cls(mime=mime, charset=charset.strip() if isinstance(charset, str) and charset.strip() else None)

    def is_html(self) -> bool:
        return self.mime in HTML_TYPES

    def describe(self) -> str:
        return self.mime or "no content type"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:1000]))


def is_page(content_type: ContentType, head: bytes) -> bool:
    """Whether a body is an HTML page: by its declared type, or by its first bytes when none is declared."""
    if content_type.mime:
        return content_type.is_html()
    return looks_like_html(head.decode("latin-1"))


def read_capped(read: Callable[[int], bytes], cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes from `read(n)` calls (until one returns b""), and whether that was all.

    Bodies come from archives and servers that may hold anything: reading stops one block past
    the cap, so an endless or enormous body never fills memory.
    """
    parts, size = [], 0
    while size <= cap:
        block = read(READ_BLOCK)
        if not block:
            return b"".join(parts), True
        parts.append(block)
        size += len(block)
    return b"".join(parts)[:cap], False
