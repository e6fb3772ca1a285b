"""guidance-watch over real loopback HTTP: one feed request per quiet poll, and a new
earnings 8-K on the demo EDGAR feed becomes exactly one alert on the next poll."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from finclaims.demo.new_filing import Guidance, publish_earnings_8k
from finclaims.demo.runner import SITE, render_sources
from finclaims.demo.server import _SiteHandler
from flows.edgar_feed import feed_url, parse_feed, watched_filings

AGENT = "finclaims demo demo@example.com"

FEED = b"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings</title>
<entry>
<title>8-K - NORTHWIND CLOUD INC (0000900001) (Filer)</title>
<link rel="alternate" type="text/html" href="/Archives/edgar/data/900001/000090000126000007/0000900001-26-000007-index.htm"/>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2026-04-28 &lt;b&gt;AccNo:&lt;/b&gt; 0000900001-26-000007
&lt;br&gt;Item 2.02: Results of Operations and Financial Condition
&lt;br&gt;Item 9.01: Financial Statements and Exhibits</summary>
<category scheme="https://www.sec.gov/" label="form type" term="8-K"/>
<id>urn:tag:sec.gov,2008:accession-number=0000900001-26-000007</id>
</entry>
<entry>
<title>8-K - NORTHWIND CLOUD INC (0000900001) (Filer)</title>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2026-04-20 &lt;b&gt;AccNo:&lt;/b&gt; 0000900001-26-000005
&lt;br&gt;Item 5.02: Departure of Directors or Certain Officers</summary>
<category scheme="https://www.sec.gov/" label="form type" term="8-K"/>
<id>urn:tag:sec.gov,2008:accession-number=0000900001-26-000005</id>
</entry>
<entry>
<title>4 - NORTHWIND CLOUD INC (0000900001) (Issuer)</title>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2026-04-28</summary>
<category scheme="https://www.sec.gov/" label="form type" term="4"/>
<id>urn:tag:sec.gov,2008:accession-number=0000900002-26-000001</id>
</entry>
<entry>
<title>8-K - OTHER CO (0000900003) (Filer)</title>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2026-04-28
&lt;br&gt;Item 2.02: Results of Operations and Financial Condition</summary>
<category scheme="https://www.sec.gov/" label="form type" term="8-K"/>
<id>urn:tag:sec.gov,2008:accession-number=0000900003-26-000002</id>
</entry>
</feed>
"""  # noqa: E501 - a feed entry is one long line, as SEC writes it


def test_feed_entries_and_watched_earnings_filings():
    entries = parse_feed(FEED, base_url="https://www.sec.gov/cgi-bin/browse-edgar")
    assert [(e.cik, e.form, e.items) for e in entries][:2] == [
        ("0000900001", "8-K", ("2.02", "9.01")),
        ("0000900001", "8-K", ("5.02",)),
    ]
    first = entries[0]
    assert first.filed == date(2026, 4, 28)
    assert first.index_url.startswith("https://www.sec.gov/Archives/edgar/data/900001/")
    found = watched_filings(entries, {"0000900001": "NWCS"}, ["2.02"], ["8-K", "10-Q"])
    assert [(t, e.accession) for t, e in found] == [("NWCS", "0000900001-26-000007")]


def test_feed_url_sits_beside_the_configured_archives():
    assert feed_url("https://www.sec.gov/Archives/edgar/data/").startswith(
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K"
    )
    assert feed_url("http://127.0.0.1:9/edgar/Archives/edgar/data/").startswith(
        "http://127.0.0.1:9/edgar/cgi-bin/browse-edgar?"
    )


def test_malformed_feed_is_a_clear_error():
    from flows.edgar_feed import FeedError

    with pytest.raises(FeedError, match="not an Atom feed"):
        parse_feed(b"<feed><entry>", base_url="http://127.0.0.1/feed")


class _CountingHandler(_SiteHandler):
    def send_head(self):
        self.server.requests.append((self.path, self.headers.get("User-Agent")))
        return super().send_head()


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - stdlib hook
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        return


def _serve(handler, **attrs):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for name, value in attrs.items():
        setattr(server, name, value)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def demo(tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    server = _serve(partial(_CountingHandler, directory=str(site)), requests=[])
    hook = _serve(_Hook, received=[])
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = render_sources(base, tmp_path / "sources.yaml")
    monkeypatch.setenv("FINCLAIMS_NOTIFY_URLS", f"json://127.0.0.1:{hook.server_address[1]}/h")
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "WARNING")
    yield site, server, hook, str(sources), str(tmp_path / "data" / "finclaims.duckdb")
    for s in (server, hook):
        s.shutdown()
        s.server_close()


def test_new_8k_on_the_feed_is_alerted_on_the_next_poll(demo):
    from flows.watch import guidance_watch

    site, server, hook, sources, db = demo
    first = guidance_watch(sources=sources, db=db)
    assert [a.event for a in first.alerts].count("new") == 3  # the demo year, from filings
    assert len(hook.received) == 6  # new/raised/narrowed/lowered, not the reaffirmation
    assert all(agent == AGENT for _, agent in server.requests)

    server.requests.clear()
    quiet = guidance_watch(sources=sources, db=db)
    assert quiet.alerts == [] and quiet.status == "no new filings"
    assert [path.split("?")[0] for path, _ in server.requests] == ["/edgar/cgi-bin/browse-edgar"]

    publish_earnings_8k(site, "0002091734-27-000003", date(2027, 2, 3), Guidance(2027, 62, 66))
    server.requests.clear()
    news = guidance_watch(sources=sources, db=db)
    assert [(a.company, a.fiscal_year, a.event, a.prior_high_usd) for a in news.alerts] == [
        ("CRVA", 2027, "raised", 60e9)
    ]
    # feed, ticker map, submissions, company facts, filing index, 8-K and EX-99.1
    assert len(server.requests) <= 7, server.requests
    assert len(hook.received) == 7
    assert hook.received[-1]["message"].startswith(
        "CRVA raised FY2027 capex guidance to $62–66B (prior $55–60B) — 8-K 2027-02-03, EX-99.1"
    )
    assert guidance_watch(sources=sources, db=db).alerts == []
    assert len(hook.received) == 7
