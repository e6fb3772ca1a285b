"""backfill over real loopback HTTP: only the range and tickers asked for, and its history
is stored without being announced."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from finclaims.demo.runner import SITE, render_sources
from finclaims.demo.server import serve_directory
from flows.backfill import backfill


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - stdlib hook
        self.server.received.append(
            json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        )
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        return


def test_backfill_loads_the_range_and_announces_nothing(tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    hook = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    hook.received = []
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", f"json://127.0.0.1:{hook.server_address[1]}/a")
    db = tmp_path / "data" / "finclaims.duckdb"
    try:
        with serve_directory(site) as base:
            sources = render_sources(base, tmp_path / "sources.yaml")
            summary = backfill(
                start=date(2026, 4, 1),
                end=date(2026, 7, 31),
                tickers=["crva"],
                sources=str(sources),
                db=str(db),
            )
    finally:
        hook.shutdown()
        hook.server_close()
    assert [(a.company, a.event, a.low_usd) for a in summary.alerts] == [
        ("CRVA", "new", 44e9),  # history starts in April: the raise is "new" to this store
        ("CRVA", "narrowed", 45e9),
    ]
    con = duckdb.connect(str(db), read_only=True)
    filed = con.execute("SELECT DISTINCT ticker, filing_date FROM documents ORDER BY 2").fetchall()
    unannounced = con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()
    con.close()
    assert filed == [("CRVA", date(2026, 4, 29)), ("CRVA", date(2026, 7, 29))]
    assert unannounced == (0,) and hook.received == []


def test_backfill_rejects_a_reversed_range(tmp_path):
    with pytest.raises(ValueError, match="before its start"):
        backfill.fn(start=date(2026, 5, 1), end=date(2026, 4, 1), sources=str(tmp_path / "s.yaml"))
