"""Page addresses as inputs give them: any string, a malformed one ("http://[bad") included.

`urllib.parse.urlsplit` raises ValueError on some malformed addresses; a document's URL is a hint,
so a bad one must cost the hints it carries (host, path), never the document.
"""
from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

_NOWHERE = SplitResult("", "", "", "", "")


def split_url(url: str) -> SplitResult:
    """The URL's parts; all empty when urllib cannot split it."""
    try:
        return urlsplit(url.strip())
    except ValueError:
        return _NOWHERE


def host_of(url: str) -> str:
    """The URL's host name, lower-cased; "" when it has none or cannot be read."""
    return split_url(url).hostname or ""


def path_of(url: str) -> str:
    """The URL's path; "" when it has none or cannot be read."""
    return split_url(url).path
