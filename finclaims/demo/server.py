"""A static HTTP server on 127.0.0.1 for the demo and for crawl tests.

It serves a directory as a web site would: conditional GETs (If-Modified-Since) answered
with 304 by the standard handler, ETags added here, and query strings ignored so that
EDGAR-style ``?action=...`` URLs map onto plain files.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files with ETags; quiet, because crawl logs already record every URL."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".json": "application/json",
        ".xml": "application/xml",
        ".atom": "application/atom+xml",
    }

    def _etag(self) -> str | None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return None
        return '"' + hashlib.sha1(path.read_bytes()).hexdigest()[:16] + '"'

    def send_head(self):  # noqa: D401 - stdlib hook
        etag = self._etag()
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self._pending_etag = etag
        return super().send_head()

    def end_headers(self) -> None:
        etag = getattr(self, "_pending_etag", None)
        if etag:
            self.send_header("ETag", etag)
            self._pending_etag = None
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        return


@contextmanager
def serve_directory(
    root: Path, host: str = "127.0.0.1", port: int = 0, *, any_port_if_busy: bool = False
) -> Iterator[str]:
    """Serve ``root`` in a background thread; yields the base URL (no trailing slash).

    With ``any_port_if_busy``, a taken ``port`` falls back to one the system picks.
    """
    handler = partial(_SiteHandler, directory=str(root))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError:
        if not any_port_if_busy:
            raise
        server = ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
