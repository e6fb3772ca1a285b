"""A programmable HTTP server on 127.0.0.1 for crawl fault tests.

Each path answers with a script of :class:`Reply` objects, one per request (the last one
repeats), so a test can say "500 first, then the page" or "429 with Retry-After, then
the page". Bodies may be generators, so a 50 MB answer is streamed lazily and stops as
soon as the client hangs up. Every request is recorded with its time and headers.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass
class Reply:
    status: int = 200
    body: Body = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0
    # None: send Content-Length of a bytes body; a number: declare that length instead.
    content_length: int | None = None
    chunked: bool = False


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class FaultServer:
    """Routes, request log and the running server; see :func:`serve_faults`."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: list[Hit] = []
        self.base = ""
        self._lock = threading.Lock()

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.route(path, Reply(body=data, content_type=content_type))

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def url(self, path: str) -> str:
        return self.base + path

    def next_reply(self, path: str, headers: dict[str, str]) -> Reply | None:
        with self._lock:
            self.hits.append(Hit(path, time.monotonic(), headers))
            script = self.routes.get(path)
            if not script:
                return None
            return script.pop(0) if len(script) > 1 else script[0]


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib hook
            path = self.path.split("?")[0]
            reply = server.next_reply(path, dict(self.headers))
            if reply is None:
                reply = Reply(status=404, body=b"not found", content_type="text/plain")
            if reply.delay:
                time.sleep(reply.delay)
            # the client may give up (timeout, size limit): exactly what is tested
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for chunk in _chunks(reply.body):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
                return
            data = reply.body if isinstance(reply.body, bytes) else None
            length = reply.content_length if reply.content_length is not None else len(data or b"")
            self.send_header("Content-Length", str(length))
            self.end_headers()
            for chunk in _chunks(reply.body):
                self.wfile.write(chunk)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            return

    return Handler


def _chunks(body: Body) -> Iterator[bytes]:
    if isinstance(body, bytes):
        yield body
    else:
        yield from body()


@contextmanager
def serve_faults() -> Iterator[FaultServer]:
    """Start an empty :class:`FaultServer` on a free loopback port; add routes, then crawl."""
    state = FaultServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
