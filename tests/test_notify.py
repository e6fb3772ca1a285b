"""Alerts reach a real webhook on loopback; a failing endpoint leaves alerts pending."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from finclaims.models import Alert
from flows.notify import send_alerts


class _Hook(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def do_POST(self):  # noqa: N802 - stdlib hook
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        return


@pytest.fixture
def webhook():
    handler = type("Hook", (_Hook,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield handler, f"json://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def _alert(event: str, low: float, high: float) -> Alert:
    return Alert(
        company="NWCS",
        fiscal_year=2026,
        event=event,
        low_usd=low,
        high_usd=high,
        prior_low_usd=60e9 if event != "new" else None,
        prior_high_usd=65e9 if event != "new" else None,
        document="doc1",
        url="http://127.0.0.1/release.htm",
        sentence="We now expect capital expenditures of $66-70 billion.",
    )


def test_alerts_posted_to_webhook(webhook):
    handler, url = webhook
    sent, problems = send_alerts([_alert("new", 60e9, 65e9), _alert("raised", 66e9, 70e9)], [url])
    assert problems == [] and len(sent) == 2
    assert len(handler.received) == 2
    second = handler.received[1]
    assert "raised" in second["title"] and "NWCS" in second["title"]
    assert "$66.0B–$70.0B" in second["message"] and "prior $60.0B–$65.0B" in second["message"]
    assert "http://127.0.0.1/release.htm" in second["message"]


def test_failing_webhook_reports_and_keeps_rest_pending(webhook):
    handler, url = webhook
    handler.status = 500
    sent, problems = send_alerts([_alert("new", 60e9, 65e9), _alert("raised", 66e9, 70e9)], [url])
    assert sent == []
    assert len(problems) == 1 and "retry next run" in problems[0]


def test_unusable_url_is_reported_without_leaking_it():
    sent, problems = send_alerts([_alert("new", 1e9, 2e9)], ["notaproto://secret-token@host"])
    assert sent == [] and "secret-token" not in problems[0]
