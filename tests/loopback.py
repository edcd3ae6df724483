"""A web site on 127.0.0.1 for the fetcher's tests: scripted replies, every request recorded.

Only the loopback address is ever served or fetched; the server runs in a thread of the test
process and stops with the test. Replies can be slow (before the headers, or between body
chunks), so timeouts are tested with delays of a fraction of a second.
"""
from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    wait: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between body chunks of 16 bytes (sent without Content-Length)
    chunked: bool = False  # send the body in chunks, without a Content-Length


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a fetch stopped by its size cap or its timeout) is what those
    tests ask for, not an error to print a traceback of; any other error still is one."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass(frozen=True)
class Seen:
    path: str
    user_agent: str
    started: float  # time.monotonic() when the request arrived


class Site:
    """Routes path -> Reply, or a list of Replies given one per request (the last one repeats)."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | list[Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]

    def _reply_for(self, path: str) -> Reply:
        with self._lock:
            route = self.routes.get(path)
            if isinstance(route, list):
                return route.pop(0) if len(route) > 1 else route[0]
            return route or Reply(404, b"not found", "text/plain")

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                with site._lock:
                    site.seen.append(Seen(self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                reply = site._reply_for(self.path)
                time.sleep(reply.wait)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                stream = reply.chunked or reply.drip
                self.send_header("Transfer-Encoding" if stream else "Content-Length",
                                 "chunked" if stream else str(len(reply.body)))
                self.end_headers()
                try:
                    self._send_body(reply, stream)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the fetcher gave up on this reply, as it should

            def _send_body(self, reply: Reply, stream: bool) -> None:
                if not stream:
                    self.wfile.write(reply.body)
                    return
                size = 16 if reply.drip else 64 * 1024
                for start in range(0, len(reply.body), size):
                    chunk = reply.body[start:start + size]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                    time.sleep(reply.drip)
                self.wfile.write(b"0\r\n\r\n")

            def log_message(self, *args) -> None:
                pass

        return Handler

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
