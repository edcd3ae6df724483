"""Polite fetching of news pages, for pipelines that crawl instead of reading archives.

Polite means: robots.txt is obeyed (`robots.py`), each host gets one request at a time with a
pause after it (longer when its robots.txt asks), 429 and 5xx answers are retried with
exponential backoff that honours Retry-After, and every request names us in its User-Agent
with a way to reach whoever runs it. Safe means: connect, read and whole-response timeouts,
a size cap checked before and while reading (on the decoded body, so a gzip bomb stops early),
a redirect limit with loop detection, only http(s) and only HTML bodies kept.

A fetch either returns a `Page` (status, final URL, headers, body, when) or raises `FetchError`
with a `kind` (robots, http, timeout, connection, size, content-type, redirect, decode, url) and a
reason that says what happened, so that no URL is ever dropped without a word.

The HTTP client is urllib3: trafilatura already depends on it, and it gives what the standard
library does not: connection pooling across threads, separate connect and read timeouts, and
incremental reads of decoded content.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import DecodeError, HTTPError, LocationParseError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from . import __version__
from .decode import NotText, decode
from .config import DEFAULT_MAX_BYTES
from .media import ContentType, read_capped
from .robots import ROBOTS_MAX_BYTES, RobotsCache, RobotsUnreachable
from .urls import split_url

AGENT_TOKEN = "cleaner"  # the product token robots.txt groups are matched against
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch; the CLI maps its flags onto these fields."""

    contact: str = ""  # a URL or e-mail address where site owners can reach whoever runs the fetch
    user_agent: str = ""  # the whole User-Agent header, replacing the one built from `contact`
    delay: float = 1.0  # seconds between the end of one request to a host and the start of the next
    retries: int = 3  # further attempts after a 408/429/5xx answer, a timeout or a dropped connection
    backoff: float = 1.0  # the wait before the first retry; doubled for each further one
    max_backoff: float = 60.0  # the longest wait; a server asking (Retry-After) for longer is given up on
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # the longest silence while waiting for bytes
    total_timeout: float = 60.0  # the longest one attempt may take, counted from its start, checked as the body arrives
    max_bytes: int = DEFAULT_MAX_BYTES  # of the decoded body: the same cap `clean` applies
    max_redirects: int = 5

    def agent(self) -> str:
        if self.user_agent:
            return self.user_agent
        contact = f"; +{self.contact}" if self.contact else ""
        return f"{AGENT_TOKEN}/{__version__} (news article fetcher{contact})"

    def backoff_for(self, attempt: int) -> float:
        """The wait after failed attempt number `attempt` (0-based)."""
        return min(self.backoff * 2 ** attempt, self.max_backoff)


class FetchError(Exception):
    """A URL that gave no page: what kind of problem, a reason for people, and what was reached."""

    def __init__(self, kind: str, reason: str, status: int | None = None, url: str = ""):
        super().__init__(reason)
        self.kind, self.reason, self.status, self.url = kind, reason, status, url

    def to_record(self, requested_url: str) -> dict:
        """The errors-file record: the fields of `cleaner clean --errors` and what the fetch reached."""
        return {"id": requested_url, "source": requested_url, "stage": "fetch", "reason": self.reason,
                "kind": self.kind, "status": self.status, "url": self.url or requested_url}


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its answer; `body` is read only for a 2xx answer."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    attempts: int = 1  # more than one when earlier attempts were retried

    def failure(self) -> FetchError:
        """The error for an answer that is not a page (4xx, or 5xx after every retry)."""
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return FetchError("http", f"HTTP {self.status} {self.reason}".strip() + tries, self.status, self.url)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: what was asked for, where it ended up, and what came back."""

    requested_url: str
    exchange: Exchange
    html: str
    fetched_at: str  # ISO 8601, UTC
    redirects: tuple[str, ...] = ()  # the URLs redirected from, in order

    def to_record(self) -> dict:
        """The JSONL record `cleaner clean` reads as it is ({id, url, html} plus what the fetch saw)."""
        headers: dict[str, str] = {}
        for name, value in self.exchange.headers:
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return {"id": self.requested_url, "url": self.exchange.url, "status": self.exchange.status,
                "headers": headers, "fetched_at": self.fetched_at, "redirects": list(self.redirects),
                "html": self.html}


@dataclass
class _HostTurn:
    lock: threading.Lock = field(default_factory=threading.Lock)
    not_before: float = 0.0  # time.monotonic() before which the next request must not start
    delay: float = 0.0


class HostTurns:
    """One request at a time per host, each starting at least `delay` seconds after the last ended."""

    def __init__(self, delay: float):
        self._delay = delay
        self._turns: dict[str, _HostTurn] = {}
        self._guard = threading.Lock()

    def _turn(self, host: str) -> _HostTurn:
        with self._guard:
            return self._turns.setdefault(host, _HostTurn(delay=self._delay))

    def slow_down(self, host: str, delay: float) -> None:
        """The host asks for at least `delay` seconds between requests (robots.txt Crawl-delay)."""
        turn = self._turn(host)
        turn.delay = max(turn.delay, delay)

    def pause(self, host: str, seconds: float) -> None:
        """Nothing goes to the host for `seconds` (a backoff, or the host's Retry-After)."""
        turn = self._turn(host)
        turn.not_before = max(turn.not_before, time.monotonic() + seconds)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        turn = self._turn(host)
        with turn.lock:
            wait = turn.not_before - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                turn.not_before = max(turn.not_before, time.monotonic() + turn.delay)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_url(url: str) -> None:
    parts = split_url(url)  # all empty for "http://[bad", which urllib cannot split
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("url", f"not an http(s) URL: {url!r}", url=url)


BodyReader = Callable[[urllib3.BaseHTTPResponse, float], bytes]  # (2xx response, deadline) -> body


class Fetcher:
    """Fetches pages politely; safe to share between threads."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        # One connection per host is enough: a host never gets two requests at once (HostTurns).
        self._http = urllib3.PoolManager(
            headers={"User-Agent": policy.agent(), "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
            timeout=urllib3.Timeout(connect=policy.connect_timeout, read=policy.read_timeout),
            retries=False)  # retries and redirects are ours: each one is paced and checked against robots.txt
        self._hosts = HostTurns(policy.delay)
        self._robots = RobotsCache(self._download_robots)

    def fetch(self, url: str) -> Page:
        """The HTML page at `url` after redirects; raises FetchError saying why there is none."""
        _check_url(url)
        exchange, redirects = self._follow(url, self._read_page, obey_robots=True)
        if not 200 <= exchange.status < 300:
            raise exchange.failure()
        content_type = ContentType.parse(exchange.header("Content-Type"))
        try:
            html = decode(exchange.body, declared=content_type.charset)
        except NotText as exc:
            raise FetchError("decode", str(exc), exchange.status, exchange.url) from exc
        return Page(requested_url=url, exchange=exchange, html=html, fetched_at=_now(), redirects=tuple(redirects))

    def _follow(self, url: str, read_body: BodyReader, obey_robots: bool) -> tuple[Exchange, list[str]]:
        """The final answer for `url` after at most max_redirects redirects, and the URLs passed through."""
        passed: list[str] = []
        while True:
            if obey_robots:
                self._obey_robots(url)
            exchange = self._exchange(url, read_body)
            location = exchange.header("Location")
            if exchange.status not in REDIRECT_STATUSES or not location:
                return exchange, passed
            passed.append(url)
            try:
                url = urljoin(url, location.strip())
            except ValueError:  # a Location urllib cannot read
                raise FetchError("redirect", f"unreadable redirect location {location!r}", exchange.status, url) from None
            if url in passed:
                raise FetchError("redirect", f"redirect loop: {' -> '.join([*passed, url])}", exchange.status, url)
            if len(passed) > self.policy.max_redirects:
                raise FetchError("redirect", f"more than {self.policy.max_redirects} redirects (last to {url})",
                                 exchange.status, url)
            _check_url(url)

    def _obey_robots(self, url: str) -> None:
        rules = self._robots.rules_for(url)
        refusal = rules.refusal(url, AGENT_TOKEN)
        if refusal:
            raise FetchError("robots", refusal, url=url)
        self._hosts.slow_down(urlsplit(url).hostname or "", rules.delay(AGENT_TOKEN))

    def _download_robots(self, robots_url: str) -> tuple[int, bytes]:
        try:
            exchange, _ = self._follow(robots_url, _robots_body, obey_robots=False)
        except FetchError as exc:
            if exc.kind == "redirect":
                return 404, b""  # RFC 9309: too many redirects may be taken as no robots.txt
            raise RobotsUnreachable(exc.reason) from exc
        return exchange.status, exchange.body

    def _exchange(self, url: str, read_body: BodyReader) -> Exchange:
        """One request, retried after 408/429/5xx, timeouts and dropped connections with growing pauses."""
        host = urlsplit(url).hostname or ""
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            problem: FetchError | None = None
            try:
                exchange = self._attempt(url, host, read_body)
            except FetchError as exc:
                if exc.kind not in ("timeout", "connection"):
                    raise
                problem, wait = exc, self.policy.backoff_for(attempt)
            else:
                if exchange.status not in RETRY_STATUSES:
                    return replace(exchange, attempts=attempt + 1)
                asked = _retry_after(exchange.header("Retry-After"))
                if asked is not None and asked > self.policy.max_backoff:
                    raise FetchError("http", f"HTTP {exchange.status}: the server asks to wait {asked:.0f}s "
                                             f"(more than the {self.policy.max_backoff:g}s allowed)", exchange.status, url)
                if attempt == attempts - 1:
                    return replace(exchange, attempts=attempts)
                wait = max(asked or 0.0, self.policy.backoff_for(attempt))
            if attempt < attempts - 1:
                self._hosts.pause(host, wait)
        assert problem is not None
        raise FetchError(problem.kind, f"{problem.reason} ({attempts} attempts)", problem.status, url)

    def _attempt(self, url: str, host: str, read_body: BodyReader) -> Exchange:
        with self._hosts.turn(host):
            deadline = time.monotonic() + self.policy.total_timeout
            try:
                response = self._http.request("GET", url, preload_content=False, redirect=False)
            except LocationParseError as exc:
                raise FetchError("url", f"unusable URL ({exc})", url=url) from exc
            except Urllib3Timeout as exc:
                raise FetchError("timeout", f"no answer within {self.policy.connect_timeout:g}s to connect "
                                            f"or {self.policy.read_timeout:g}s to reply", url=url) from exc
            except HTTPError as exc:
                raise FetchError("connection", f"connection failed ({type(exc).__name__})", url=url) from exc
            try:
                body = read_body(response, deadline) if 200 <= response.status < 300 else b""
            except FetchError as exc:
                exc.status, exc.url = response.status, url
                raise
            except Urllib3Timeout as exc:
                raise FetchError("timeout", f"body stalled for {self.policy.read_timeout:g}s", response.status, url) from exc
            except DecodeError as exc:
                raise FetchError("decode", f"body does not decompress ({exc})", response.status, url) from exc
            except HTTPError as exc:
                raise FetchError("connection", f"connection broke while reading ({type(exc).__name__})",
                                 response.status, url) from exc
            finally:
                response.close()  # a body left unread must not be handed to the next request
            return Exchange(url=url, status=response.status, reason=response.reason or "",
                            headers=list(response.headers.items()), body=body)

    def _read_page(self, response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
        content_type = ContentType.parse(response.headers.get("Content-Type"))
        if not content_type.is_html():
            raise FetchError("content-type", f"not an HTML page ({content_type.describe()})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:  # a compressed length too: it only grows
            raise FetchError("size", f"larger than {self.policy.max_bytes} bytes (Content-Length {declared})")
        body, complete = read_capped(_reader(response, deadline), self.policy.max_bytes)
        if not complete:
            raise FetchError("size", f"larger than {self.policy.max_bytes} bytes")
        return body


def _robots_body(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    """robots.txt: only its first ROBOTS_MAX_BYTES count, so a longer one is cut, not refused."""
    body, _ = read_capped(_reader(response, deadline), ROBOTS_MAX_BYTES)
    return body


def _reader(response: urllib3.BaseHTTPResponse, deadline: float) -> Callable[[int], bytes]:
    """read(n) for the decoded body: what has arrived, up to n bytes; a FetchError once `deadline` passes."""
    def read(size: int) -> bytes:
        if time.monotonic() > deadline:
            raise FetchError("timeout", "the whole response took longer than allowed")
        return response.read1(size, decode_content=True)
    return read


def fetch_all(fetcher: Fetcher, urls: Iterable[str], workers: int) -> Iterator[tuple[str, Page | FetchError]]:
    """(url, page or error) for every URL in input order, `workers` fetches at a time.

    At most a few URLs per worker are in flight or waiting to be written, so a list of millions
    of URLs streams. Hosts are still served one request at a time, so a list sorted by host runs
    at that host's pace: interleave hosts to use the workers.
    """
    pending: deque = deque()
    pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="fetch")
    try:
        for url in urls:
            pending.append((url, pool.submit(_outcome, fetcher, url)))
            if len(pending) >= 4 * max(1, workers):
                url, future = pending.popleft()
                yield url, future.result()
        while pending:
            url, future = pending.popleft()
            yield url, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(fetcher: Fetcher, url: str) -> Page | FetchError:
    try:
        return fetcher.fetch(url)
    except FetchError as exc:
        return exc
