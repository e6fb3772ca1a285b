"""Alerts reach real webhooks on loopback through the outbox: each alert once per channel,
a channel that is down catches up later, and the message says what changed and where."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warehouse_helpers import guidance_doc

from finclaims.config import Settings
from finclaims.models import Alert
from flows.channels import configured_channels
from flows.notify import alert_message, alert_title, deliver, money_range
from warehouse import detect_guidance_changes, load_batch
from warehouse.alerts import AlertSource

B = 1e9


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - stdlib hook
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server = self.server
        if server.status == 200:
            server.received.append((self.headers.get("Idempotency-Key"), json.loads(body)))
        self.send_response(server.status)
        self.end_headers()

    def log_message(self, *args):
        return


class Receiver:
    """A JSON webhook on 127.0.0.1 that can answer 500 or be switched off entirely."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
        self.server.received, self.server.status = [], 200
        self.port = self.server.server_address[1]
        self.url = f"json://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def received(self) -> list:
        return self.server.received

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receivers():
    made = [Receiver(), Receiver()]
    yield made
    for r in made:
        r.close()


def _channels(monkeypatch, *urls: str, reaffirmed: bool = False):
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", " ".join(urls))
    monkeypatch.delenv("FINCLAIMS_NOTIFY_BLOCKS", raising=False)
    channels, problems = configured_channels(Settings(notify_reaffirmed=reaffirmed))
    assert problems == []
    return channels


def _story(con, *steps):
    for company, low, high, day in steps:
        doc, extraction = guidance_doc(company, 2026, low, high, day)
        load_batch(con, [doc], [extraction], [])
    return detect_guidance_changes(con)


def test_money_ranges_as_analysts_write_them():
    assert money_range(125e9, 145e9) == "$125–145B"
    assert money_range(45.5e9, 45.5e9) == "$45.5B"
    assert money_range(125e9, None) == "$125B+"
    assert money_range(1.25e9, 1.5e9) == "$1.25–1.5B"


def test_message_names_change_prior_filing_exhibit_and_sentence():
    alert = Alert(
        company="META",
        fiscal_year=2026,
        event="raised",
        low_usd=125 * B,
        high_usd=145 * B,
        prior_low_usd=115 * B,
        prior_high_usd=135 * B,
        document="d1",
        url="https://www.sec.gov/Archives/edgar/data/1326801/x/ex99-1.htm",
        published=date(2026, 4, 29),
        sentence="We anticipate 2026 capital expenditures to be in the range of $125-145 billion.",
    )
    source = AlertSource("press_release", "8-K", date(2026, 4, 29), "META 8-K EX-99.1 (x)", None)
    assert alert_message(alert, source) == (
        "META raised FY2026 capex guidance to $125–145B (prior $115–135B) — 8-K 2026-04-29, "
        "EX-99.1 https://www.sec.gov/Archives/edgar/data/1326801/x/ex99-1.htm — "
        '"We anticipate 2026 capital expenditures to be in the range of $125-145 billion."'
    )
    scoop = alert.model_copy(update={"unconfirmed": True, "url": "https://news.example/a"})
    news = AlertSource("news", None, None, "Meta lifts spending", "Example Wire")
    message = alert_message(scoop, news)
    assert "unconfirmed" in message and "Example Wire 2026-04-29 https://news.example/a" in message
    assert alert_title(scoop) == "META FY2026 capex guidance raised (unconfirmed)"


def test_each_alert_reaches_each_channel_once(con, receivers, monkeypatch):
    a, b = receivers
    channels = _channels(monkeypatch, a.url, b.url)
    _story(con, ("NWCS", 60, 65, date(2026, 1, 29)), ("NWCS", 66, 72, date(2026, 4, 28)))
    report = deliver(con, channels)
    assert (report.queued, report.sent, report.failed) == (4, 4, 0)
    assert [m["title"] for _, m in a.received] == [
        "NWCS FY2026 capex guidance new",
        "NWCS FY2026 capex guidance raised",
    ]
    assert "raised FY2026 capex guidance to $66–72B (prior $60–65B)" in a.received[1][1]["message"]
    assert len(b.received) == 2
    keys = {k for k, _ in a.received} | {k for k, _ in b.received}
    assert len(keys) == 4 and None not in keys  # one idempotency key per alert and channel
    again = deliver(con, channels)
    assert (again.queued, again.sent) == (0, 0)
    assert (len(a.received), len(b.received)) == (2, 2)
    notified = con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NOT NULL").fetchone()
    assert notified == (2,)


def test_a_down_channel_catches_up_without_duplicating_the_other(con, receivers, monkeypatch):
    up, flaky = receivers
    channels = _channels(monkeypatch, up.url, flaky.url)
    flaky.server.status = 500
    _story(con, ("NWCS", 60, 65, date(2026, 1, 29)), ("NWCS", 66, 72, date(2026, 4, 28)))
    report = deliver(con, channels)
    assert (report.sent, report.failed) == (2, 1)  # the flaky channel's queue waits after one
    assert len(report.problems) == 1 and "retry" in report.problems[0]
    assert f"127.0.0.1:{flaky.port}" in report.problems[0]
    assert con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone() == (2,)
    flaky.server.status = 200
    _story(con, ("NWCS", 67, 70, date(2026, 7, 29)))
    report = deliver(con, channels)
    assert (report.sent, report.failed) == (4, 0)
    assert [m["title"].split()[-1] for _, m in up.received] == ["new", "raised", "narrowed"]
    assert [m["title"].split()[-1] for _, m in flaky.received] == ["new", "raised", "narrowed"]
    rows = con.execute(
        "SELECT attempts, status FROM alert_outbox WHERE channel = ? ORDER BY alert_id",
        [channels[1].id],
    ).fetchall()
    assert rows == [(2, "sent"), (1, "sent"), (1, "sent")]


def test_a_channel_switched_off_is_retried_later(con, monkeypatch):
    receiver = Receiver()
    port = receiver.port
    receiver.close()  # nothing listens: connection refused
    channels = _channels(monkeypatch, f"json://127.0.0.1:{port}/hook")
    _story(con, ("NWCS", 60, 65, date(2026, 1, 29)))
    assert deliver(con, channels).failed == 1
    error = con.execute("SELECT last_error FROM alert_outbox").fetchone()[0]
    assert "127.0.0.1" in error


def test_reaffirmations_notify_only_when_the_setting_says_so(con, receivers, monkeypatch):
    a, _ = receivers
    _story(con, ("NWCS", 60, 65, date(2026, 1, 29)), ("NWCS", 60, 65, date(2026, 4, 28)))
    deliver(con, _channels(monkeypatch, a.url))
    assert [m["title"].split()[-1] for _, m in a.received] == ["new"]
    deliver(con, _channels(monkeypatch, a.url, reaffirmed=True), include_reaffirmed=True)
    assert [m["title"].split()[-1] for _, m in a.received] == ["new", "reaffirmed"]


def test_channel_addresses_are_never_stored_or_reported(con, monkeypatch):
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", "notaproto://secret-token@host")
    channels, problems = configured_channels(Settings())
    assert channels == [] and "secret-token" not in problems[0]
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", "json://user:hunter2@127.0.0.1:9/hook")
    (channel,), _ = configured_channels(Settings())
    _story(con, ("NWCS", 60, 65, date(2026, 1, 29)))
    deliver(con, [channel])
    stored = con.execute("SELECT channel, channel_label, last_error FROM alert_outbox").fetchone()
    assert "hunter2" not in " ".join(map(str, stored))


def test_block_channel_names_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", "")
    monkeypatch.setenv("FINCLAIMS_NOTIFY_BLOCKS", "slack-webhook/analysts, custom-webhook/desk")
    channels, _ = configured_channels(Settings())
    assert [c.label for c in channels] == [
        "prefect block slack-webhook/analysts",
        "prefect block custom-webhook/desk",
    ]
