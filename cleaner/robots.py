"""robots.txt for the fetcher: whether a URL may be fetched, and how slowly its host wants it.

Rules are read once per origin (scheme, host, port) and kept for the run. What a robots.txt
answer means follows RFC 9309:

* 2xx: its rules apply (parsed by `protego`, which implements the RFC's longest match and the
  `*` and `$` wildcards that `urllib.robotparser` ignores, so `Disallow: /*?print=` holds);
* 4xx: there is no robots.txt, so everything is allowed;
* 5xx, 429 or no answer at all (timeout, refused connection): the host is unreachable and,
  until the next run, nothing on it is fetched.

`Crawl-delay` and `Request-rate` for our product token slow the fetcher down further on that host;
they never speed it up beyond the configured delay.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from protego import Protego

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: crawlers must parse at least the first 500 KiB


class RobotsUnreachable(Exception):
    """robots.txt could not be had (server error, timeout, refused connection): the reason."""


Download = Callable[[str], tuple[int, bytes]]  # GET url -> (status, body); raises RobotsUnreachable


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin: a parsed robots.txt, none (allow all), or a reason to allow nothing."""

    parser: Protego | None = None
    unreachable: str = ""

    def refusal(self, url: str, agent: str) -> str:
        """Why `url` may not be fetched, or "" when it may."""
        if self.unreachable:
            return f"robots.txt unreachable ({self.unreachable}), so nothing on this host is fetched"
        if self.parser is not None and not self.parser.can_fetch(url, agent):
            return "disallowed by robots.txt"
        return ""

    def delay(self, agent: str) -> float:
        """The seconds between requests this host asks of `agent` (0 when it asks nothing)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(agent) or 0.0
        rate = self.parser.request_rate(agent)
        if rate and rate.requests > 0:
            delay = max(delay, rate.seconds / rate.requests)
        return float(delay)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class RobotsCache:
    """robots.txt rules per origin, each downloaded once even when many threads ask at the same time."""

    def __init__(self, download: Download):
        self._download = download
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin + "/robots.txt")
            return self._rules[origin]

    def _load(self, robots_url: str) -> RobotsRules:
        try:
            status, body = self._download(robots_url)
        except RobotsUnreachable as exc:
            return RobotsRules(unreachable=str(exc))
        if 200 <= status < 300:
            return RobotsRules(parser=Protego.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")))
        if status == 429 or status >= 500:
            return RobotsRules(unreachable=f"HTTP {status}")
        return RobotsRules()  # 4xx (and anything else): no robots.txt, no restrictions
