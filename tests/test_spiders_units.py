"""Spider building blocks without a crawl: filing text, filing index, submissions filter,
feed and sitemap discovery, Retry-After parsing and the validation pipeline."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, date, datetime

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders.discovery import DiscoveryError, feed_links, sitemap_links
from spiders.edgar import EdgarSpider, UserAgentMissing, declared_user_agent, recent_filings
from spiders.filing_index import filing_documents
from spiders.filing_text import filing_text
from spiders.middlewares import RetryAfterMiddleware, retry_after_seconds
from spiders.pipelines import DocumentValidationPipeline
from spiders.sources import EdgarConfig

IXBRL = """<?xml version='1.0' encoding='ASCII'?>
<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><head><title>x-2026</title></head><body>
<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:AmendmentFlag">false
</ix:nonNumeric></ix:hidden></ix:header></div>
<div><span>Item 7.01. Regulation FD Disclosure.</span></div>
<div><span>The Company expects capital expenditures of
<ix:nonFraction name="us-gaap:Capex" scale="9">9.5</ix:nonFraction> billion in 2026.</span></div>
<div><div><span>Second paragraph.</span><br/><span>Same paragraph, new line.</span></div></div>
<table>
<tr><td></td><td colspan="2">2025</td><td colspan="2">2024</td></tr>
<tr><td>Purchases of property and equipment</td><td>$</td><td>(4,120</td><td>)</td>
<td>$</td><td>(3,005</td><td>)</td></tr>
<tr><td>Gross margin</td><td>61.5</td><td>%</td><td>58.0</td><td>%</td></tr>
<tr><td>&#160;</td><td></td></tr>
</table>
</body></html>"""


def test_filing_text_hides_xbrl_header_and_keeps_layout():
    text = filing_text(IXBRL)
    assert "false" not in text and "x-2026" not in text
    assert "capital expenditures of 9.5 billion in 2026." in text
    assert "Item 7.01. Regulation FD Disclosure.\n\nThe Company" in text
    assert "Second paragraph.\nSame paragraph, new line." in text
    assert "2025 | 2024\nPurchases of property and equipment | $(4,120) | $(3,005)\n" in text
    assert "Gross margin | 61.5% | 58.0%" in text
    assert "\n\n\n" not in text


def test_filing_text_of_garbage_is_empty_not_an_error():
    assert filing_text("") == ""
    assert filing_text(b"\x00\x01") == ""


INDEX = """<html><body>
<table class="tableFile" summary="Document Format Files">
<tr><th>Seq</th><th>Description</th><th>Document</th><th>Type</th><th>Size</th></tr>
<tr><td>1</td><td>10-Q</td><td><a href="/ix?doc=/Archives/edgar/data/7/0001/q3.htm">q3.htm</a>
 iXBRL</td><td>10-Q</td><td>100</td></tr>
<tr><td>2</td><td>EX-99.2</td><td><a href="/Archives/edgar/data/7/0001/ex992.htm">ex992.htm</a>
</td><td>EX-99.2</td><td>10</td></tr>
<tr><td>&#160;</td><td>Complete submission text file</td>
<td><a href="/Archives/edgar/data/7/0001/0001.txt">0001.txt</a></td><td>&#160;</td><td>9</td></tr>
</table></body></html>"""


def test_filing_index_documents_resolve_viewer_links():
    docs = filing_documents(INDEX, "https://www.sec.gov/Archives/edgar/data/7/0001/x-index.html")
    assert [(d.seq, d.type, d.url) for d in docs] == [
        ("1", "10-Q", "https://www.sec.gov/Archives/edgar/data/7/0001/q3.htm"),
        ("2", "EX-99.2", "https://www.sec.gov/Archives/edgar/data/7/0001/ex992.htm"),
    ]


SUBMISSIONS = {
    "filings": {
        "recent": {
            "accessionNumber": ["a-1", "a-2", "a-3", "a-4", "a-5"],
            "filingDate": ["2026-03-01", "2026-02-20", "2026-02-10", "2026-01-05", "2025-12-01"],
            "form": ["8-K", "8-K", "10-Q", "4", "10-K"],
            "items": ["5.02", "2.02,9.01", "", "", ""],
            "primaryDocument": ["a.htm", "b.htm", "c.htm", "d.xml", "e.htm"],
        }
    }
}


def test_recent_filings_filters_forms_items_and_since():
    config = EdgarConfig(tickers=["X"])
    picked = recent_filings(SUBMISSIONS, config, since=date(2026, 1, 1))
    assert [(f["accessionNumber"], f["items"]) for f in picked] == [
        ("a-2", ["2.02", "9.01"]),
        ("a-3", []),
    ]
    assert len(recent_filings(SUBMISSIONS, config, since=None)) == 3


def test_user_agent_needs_contact_email(monkeypatch):
    monkeypatch.delenv("FINCLAIMS_SEC_USER_AGENT", raising=False)
    with pytest.raises(UserAgentMissing, match="edgar.user_agent"):
        declared_user_agent(EdgarConfig(user_agent="Acme Research"))
    monkeypatch.setenv("FINCLAIMS_SEC_USER_AGENT", "Acme ops@acme.example")
    assert declared_user_agent(EdgarConfig()) == "Acme ops@acme.example"


RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>T</title>
<item><title>One</title><link>https://n.example/1</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate><dc:creator>Ann Lee</dc:creator></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Two</title><link rel="alternate" href="https://n.example/2"/>
<link rel="enclosure" href="https://n.example/2.mp3"/><updated>2026-03-04T09:00:00Z</updated>
<author><name>Bo Chan</name></author></entry></feed>"""


def test_rss_and_atom_links():
    [one] = feed_links(RSS)
    assert (one.url, one.title, one.published, one.author) == (
        "https://n.example/1",
        "One",
        date(2026, 3, 3),
        "Ann Lee",
    )
    [two] = feed_links(ATOM)
    assert (two.url, two.published) == ("https://n.example/2", date(2026, 3, 4))
    assert two.author == "Bo Chan"


def test_not_a_feed_is_a_discovery_error():
    with pytest.raises(DiscoveryError, match="not an RSS or Atom feed"):
        feed_links(b"<html><body>hello</body></html>")
    with pytest.raises(DiscoveryError):
        feed_links(b"")


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/3</loc><lastmod>2026-03-09</lastmod><news:news>
<news:publication><news:name>Wire</news:name></news:publication>
<news:publication_date>2026-03-05</news:publication_date><news:title>Three</news:title>
</news:news></url>
<url><loc>https://n.example/4</loc><lastmod>2026-03-09</lastmod></url></urlset>"""


def test_news_sitemap_gzipped_and_index():
    kind, links = sitemap_links(gzip.compress(NEWS_SITEMAP))
    assert kind == "urlset"
    assert [(x.url, x.title, x.published) for x in links] == [
        ("https://n.example/3", "Three", date(2026, 3, 5)),
        ("https://n.example/4", None, None),  # lastmod is not a publication date
    ]
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>"""
    assert sitemap_links(index)[0] == "index"
    with pytest.raises(DiscoveryError, match="not a sitemap"):
        sitemap_links(RSS)


def test_retry_after_forms():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Sun, 01 Mar 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Sun, 01 Mar 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None


def test_retry_after_middleware_waits_then_retries():
    crawler = get_crawler(EdgarSpider, {"FINCLAIMS_RETRY_AFTER_MAX": 0.05})
    crawler.spider = object.__new__(EdgarSpider)
    crawler.spider.crawler = crawler
    mw = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("https://data.sec.gov/submissions/CIK0000000001.json")
    throttled = Response(request.url, status=429, headers={"Retry-After": "3600"})
    started = asyncio.run(_timed(mw.process_response(request, throttled)))
    retry, seconds = started
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert 0.04 <= seconds < 1.0  # capped at FINCLAIMS_RETRY_AFTER_MAX
    plain = Response(request.url, status=503)
    assert asyncio.run(mw.process_response(request, plain)) is plain


async def _timed(coro):
    loop = asyncio.get_running_loop()
    start = loop.time()
    result = await coro
    return result, loop.time() - start


def test_pipeline_validates_and_explains():
    pipeline = DocumentValidationPipeline()
    item = {"url": "https://n.example/1", "source": "wire", "text": "Capex rose.", "cik": "1"}
    out = pipeline.process_item(item)
    assert out["cik"] == "0000000001" and len(out["id"]) == 20
    assert datetime.fromisoformat(out["fetched_at"]).tzinfo is not None
    with pytest.raises(DropItem, match="published"):
        pipeline.process_item({**item, "published": "last Tuesday"})
    with pytest.raises(DropItem, match="no text"):
        pipeline.process_item({**item, "text": "  "})
