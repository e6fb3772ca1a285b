"""A re-run with nothing due costs no crawl process: the decision, and crawls over loopback.

The decision (``spiders.due.decide``) is pure, so most cases are unit tests over a crawl
state built here; the integration tests crawl a loopback copy of the fixture site, whose
files are dated ten days back so that their heuristic freshness (capped at 20 h) spans a
same-day re-run but not the next night.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from finclaims.demo import server as demo_server
from spiders.discovery import Link
from spiders.due import RobotsPolicy, decide
from spiders.freshness import RETRY_DEFINITIVE_AFTER, crawl_clock, retry_at
from spiders.run import commit_state, crawl, robots_policy
from spiders.sources import EdgarConfig, EdgarEndpoints, NewsSource, SourcesConfig
from spiders.state import (
    Attempt,
    CachedCompany,
    CachedLinks,
    CrawlState,
    SeenDocument,
    Validators,
    config_fingerprint,
)
from tests.test_spiders_crawl import FAST, build_site

NOW = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
MARCH_1 = date(2026, 3, 1)
BASE = "https://news.example.com"
FEED, INDEX, CHILD = f"{BASE}/feed.xml", f"{BASE}/sitemap_index.xml", f"{BASE}/sitemap-news.xml"
ROBOTS, LISTED = f"{BASE}/robots.txt", f"{BASE}/markets/listed-note.html"
SEC = "https://sec.example.gov"
TICKERS, SUBMISSIONS = f"{SEC}/files/company_tickers.json", f"{SEC}/submissions/CIK0001990001.json"
FACTS = f"{SEC}/api/xbrl/companyfacts/CIK0001990001.json"


def fresh(hours: float = 2, **extra) -> Validators:
    return Validators(etag='"v1"', fresh_until=NOW + timedelta(hours=hours), **extra)


def stored(day: date = date(2026, 3, 2), doc: str = "doc") -> SeenDocument:
    return SeenDocument(document_id=doc, stored_on=day)


def links(kind: str, *items: Link) -> CachedLinks:
    return CachedLinks(kind=kind, links=[link.as_json() for link in items])


def news_config(feeds: tuple[str, ...] = (FEED,)) -> SourcesConfig:
    source = NewsSource(
        name="ledger",
        allowed_domains=["news.example.com"],
        feeds=list(feeds),
        sitemaps=[INDEX],
        urls=[LISTED],
    )
    return SourcesConfig(news=[source])


def news_state(config: SourcesConfig | None = None) -> CrawlState:
    """Everything fetched this afternoon and still fresh; every article stored."""
    state = CrawlState(sources_fingerprint=config_fingerprint("news", config or news_config()))
    robots = "User-agent: *\nDisallow: /private/\n"
    state.http = {ROBOTS: fresh(body=robots), FEED: fresh(), INDEX: fresh(), CHILD: fresh()}
    state.links = {
        FEED: links(
            "rss",
            Link(url="/markets/capex-raise.html?utm_source=rss"),
            Link(url="/private/embargoed.html"),
            Link(url="https://partner.example.org/markets/preview.html"),
        ),
        INDEX: links("index", Link(url=CHILD), Link(url="https://cdn.example.net/other.xml")),
        CHILD: links(
            "urlset", Link(url=f"{BASE}/markets/ad-spend.html", modified=date(2026, 3, 1))
        ),
    }
    state.seen = {
        f"{BASE}/markets/capex-raise.html": stored(doc="doc-capex"),
        f"{BASE}/markets/ad-spend.html": stored(doc="doc-ads"),
        LISTED: stored(doc="doc-listed"),
    }
    return state


def test_fresh_news_needs_no_process_and_logs_each_entry_point():
    decision = decide("news", news_config(), news_state(), NOW)
    assert decision.due is None
    by_url = {e.url: e for e in decision.log}
    assert set(by_url) == {ROBOTS, FEED, INDEX, CHILD, LISTED}
    for url in (ROBOTS, FEED, INDEX, CHILD):
        assert by_url[url].status == "not_modified"
        assert by_url[url].reason == "fresh in HTTP cache until 2026-03-02T23:00Z (no request)"
    listed = by_url[LISTED]
    assert (listed.status, listed.document_id) == ("not_modified", "doc-listed")
    assert listed.reason == "already stored on 2026-03-02; not re-fetched (no request)"


def test_one_stale_entry_point_means_a_crawl():
    state = news_state()
    state.http[CHILD].fresh_until = NOW - timedelta(minutes=1)
    assert decide("news", news_config(), state, NOW).due == f"feed or sitemap {CHILD} is stale"
    state = news_state()
    state.http[ROBOTS].fresh_until = None  # robots.txt without any freshness information
    assert "robots.txt" in decide("news", news_config(), state, NOW).due


def test_new_source_missing_state_and_since_mean_a_crawl():
    grown = news_config(feeds=(FEED, f"{BASE}/markets.atom"))
    assert decide("news", grown, news_state(), NOW).due == (
        "sources changed since the crawl state was written"
    )
    assert decide("news", news_config(), None, NOW).due == "no crawl state from an earlier run"
    unmarked = news_state()
    unmarked.sources_fingerprint = None  # a state written before fingerprints existed
    assert decide("news", news_config(), unmarked, NOW).due is not None
    since = decide("news", news_config(), news_state(), NOW, since=date(2026, 1, 1))
    assert since.due == "since=2026-01-01 given"


def test_discovered_page_not_stored_is_due_unless_robots_forbid_it():
    state = news_state()
    del state.seen[f"{BASE}/markets/capex-raise.html"]
    due = decide("news", news_config(), state, NOW).due
    assert due == f"{BASE}/markets/capex-raise.html is not stored yet"
    # the embargoed link is never stored, yet needs no request: robots.txt forbids it
    assert decide("news", news_config(), news_state(), NOW).due is None
    ignoring = RobotsPolicy(obey=False)
    assert (
        "private/embargoed.html"
        in decide("news", news_config(), news_state(), NOW, robots=ignoring).due
    )


def test_page_changed_since_stored_is_due():
    state = news_state()
    state.seen[f"{BASE}/markets/ad-spend.html"] = stored(day=date(2026, 2, 27))
    due = decide("news", news_config(), state, NOW).due
    assert due == f"{BASE}/markets/ad-spend.html changed since stored"


def test_failed_page_waits_for_its_retry_time():
    url = f"{BASE}/markets/capex-raise.html"
    state = news_state()
    del state.seen[url]
    failed_at = NOW - timedelta(minutes=10)
    state.attempts[url] = Attempt(
        status="failed", http_status=404, reason="HTTP error 404", at=failed_at
    )
    assert decide("news", news_config(), state, NOW).due is None
    later = NOW + RETRY_DEFINITIVE_AFTER
    assert decide("news", news_config(), state, later).due == f"{url} is not stored yet"
    # a server error is transient: due again at once
    state.attempts[url] = Attempt(status="failed", http_status=503, at=failed_at)
    assert decide("news", news_config(), state, NOW).due is not None


def test_listed_page_that_failed_is_logged_with_its_retry_time():
    state = news_state()
    del state.seen[LISTED]
    state.attempts[LISTED] = Attempt(
        status="failed", http_status=410, reason="HTTP error 410", at=NOW - timedelta(minutes=5)
    )
    entry = next(e for e in decide("news", news_config(), state, NOW).log if e.url == LISTED)
    assert entry.status == "skipped"
    assert entry.reason == (
        "HTTP error 410 at 2026-03-02T20:55Z; not retried before 2026-03-02T21:55Z (no request)"
    )


def test_config_problems_are_logged_even_without_a_crawl():
    from spiders.sources import ConfigProblem

    config = news_config()
    config.problems = [ConfigProblem(line=7, message="news.1.feeds.0: not an http(s) URL")]
    decision = decide("news", config, news_state(config), NOW, sources_label="/etc/s.yaml")
    entry = decision.log[0]
    assert (entry.url, entry.status) == ("/etc/s.yaml#L7", "skipped")
    assert "not an http(s) URL" in entry.reason


def edgar_config(**changes) -> SourcesConfig:
    endpoints = EdgarEndpoints(
        tickers=TICKERS, submissions=f"{SEC}/submissions/", archives=f"{SEC}/Archives/"
    )
    values = {"user_agent": "Research ops@example.com", "tickers": ["NWCS", "ZZZZ"]}
    return SourcesConfig(edgar=EdgarConfig(endpoints=endpoints, **{**values, **changes}))


def edgar_state(config: SourcesConfig | None = None) -> CrawlState:
    state = CrawlState(sources_fingerprint=config_fingerprint("edgar", config or edgar_config()))
    state.http = {TICKERS: fresh(), SUBMISSIONS: fresh(), FACTS: fresh()}
    state.companies = {"NWCS": CachedCompany(cik="0001990001", name="Northwind Cloud Systems")}
    state.unknown_tickers = ["ZZZZ"]
    filing = {"accessionNumber": "0001990001-26-000012", "form": "8-K"}
    state.links = {SUBMISSIONS: CachedLinks(kind="submissions", links=[filing])}
    state.accessions = {"0001990001-26-000012": date(2026, 3, 2)}
    return state


def test_fresh_edgar_needs_no_process_and_keeps_the_companies():
    decision = decide("edgar", edgar_config(), edgar_state(), NOW)
    assert decision.due is None
    assert [(c.ticker, c.cik) for c in decision.companies] == [("NWCS", "0001990001")]
    reasons = [(e.url, e.status, e.reason) for e in decision.log]
    assert (TICKERS, "skipped", "ticker ZZZZ not in ticker map (no request)") in reasons
    assert {url for url, status, _ in reasons if status == "not_modified"} == {
        TICKERS,
        SUBMISSIONS,
        FACTS,
    }


def test_edgar_changes_and_pending_filings_mean_a_crawl():
    for changed in (edgar_config(tickers=["NWCS", "ZZZZ", "QLFR"]), edgar_config(forms=["10-K"])):
        assert decide("edgar", changed, edgar_state(), NOW).due == (
            "sources changed since the crawl state was written"
        )
    state = edgar_state()
    state.accessions.clear()
    assert decide("edgar", edgar_config(), state, NOW).due == (
        "filing 0001990001-26-000012 not stored yet"
    )
    index = f"{SEC}/Archives/1990001/000199000126000012/0001990001-26-000012-index.html"
    state.attempts[index] = Attempt(status="failed", http_status=404, at=NOW)
    assert decide("edgar", edgar_config(), state, NOW).due is None
    # an index that was read but whose documents are not all stored is fetched again
    state.attempts[index] = Attempt(status="skipped", http_status=200, at=NOW)
    assert decide("edgar", edgar_config(), state, NOW).due is not None
    state = edgar_state()
    del state.http[FACTS]
    assert decide("edgar", edgar_config(), state, NOW).due == (
        f"company facts {FACTS} not in the crawl state"
    )
    state.attempts[FACTS] = Attempt(status="skipped", http_status=404, reason="no XBRL", at=NOW)
    assert decide("edgar", edgar_config(), state, NOW).due is None


def test_edgar_without_a_declared_user_agent_runs_the_spider_to_refuse(monkeypatch):
    monkeypatch.delenv("FINCLAIMS_SEC_USER_AGENT", raising=False)
    config = edgar_config(user_agent=None)
    assert decide("edgar", config, edgar_state(config), NOW).due == "no declared SEC User-Agent"


def test_retry_times_clock_and_robots_policy():
    assert retry_at(404, NOW) == NOW + RETRY_DEFINITIVE_AFTER
    assert retry_at(500, NOW) == retry_at(None, NOW) == NOW
    tomorrow = crawl_clock("2026-03-03T21:00:00+00:00")()
    assert abs(tomorrow - datetime(2026, 3, 3, 21, tzinfo=UTC)) < timedelta(seconds=5)
    assert crawl_clock(None)().tzinfo is not None
    assert robots_policy({"ROBOTSTXT_OBEY": "False"}).obey is False
    assert robots_policy({}).obey is True and robots_policy({}).user_agent.startswith("finclaims")


def test_state_remembers_failures_until_the_url_is_stored():
    from finclaims.models import CrawlLogEntry

    state = CrawlState()
    url = f"{BASE}/markets/late.html"
    entry = CrawlLogEntry(url=url, spider="news", status="failed", http_status=404)
    state.remember_outcome(entry, NOW)
    assert state.attempts[url].at == NOW
    state.remember_outcome(CrawlLogEntry(url=url, spider="news", status="skipped"), NOW)
    assert url in state.attempts  # no response (robots, off-domain): nothing to remember
    state.remember_stored(url, "doc-late", None)
    assert url not in state.attempts


# -- over loopback ------------------------------------------------------------------------


class _RecordingHandler(demo_server._SiteHandler):
    hits: list[tuple[str, dict]] = []

    def send_head(self):  # noqa: D401 - stdlib hook
        type(self).hits.append((self.path, dict(self.headers)))
        return super().send_head()


@pytest.fixture
def aged_site(tmp_path, monkeypatch):
    """The fixture site, last modified ten days ago, with every request recorded."""
    monkeypatch.setattr(demo_server, "_SiteHandler", _RecordingHandler)
    _RecordingHandler.hits = []
    root = tmp_path / "site"
    with demo_server.serve_directory(root) as base:
        sources = build_site(root, base)
        ten_days_ago = time.time() - 10 * 86400
        for path in root.rglob("*"):
            os.utime(path, (ten_days_ago, ten_days_ago))
        yield base, sources, _RecordingHandler.hits


@pytest.mark.parametrize(
    ("spider", "entry_point"), [("news", "/feed.xml"), ("edgar", "/files/company_tickers.json")]
)
def test_unchanged_rerun_spawns_no_process_until_the_cache_goes_stale(
    aged_site, tmp_path, spider, entry_point
):
    base, sources, hits = aged_site
    state = tmp_path / "crawl_state"
    first = crawl(spider, sources, tmp_path / "n1", settings=FAST, state_dir=state)
    assert first.documents and first.stats["process"] is True
    commit_state(first)

    hits.clear()
    second = crawl(spider, sources, tmp_path / "n2", settings=FAST, state_dir=state)
    assert hits == []  # no process, not a single request
    assert second.stats["process"] is False and second.returncode == 0
    assert second.documents == []
    assert [c.ticker for c in second.companies] == [c.ticker for c in first.companies]
    entry = next(e for e in second.log if e.url == base + entry_point)
    assert entry.status == "not_modified" and entry.reason.endswith("(no request)")
    commit_state(second)

    next_night = datetime.now(UTC) + timedelta(hours=21)
    third = crawl(spider, sources, tmp_path / "n3", settings=FAST, state_dir=state, now=next_night)
    assert third.stats["process"] is True and "stale" in third.stats["due"]
    asked = [headers for path, headers in hits if path == entry_point]
    assert asked and "If-None-Match" in asked[0]  # revalidated, conditionally
    entry = next(e for e in third.log if e.url == base + entry_point)
    assert (entry.status, entry.http_status) == ("not_modified", 304)
    assert third.documents == []


def test_since_or_changed_sources_crawl_even_when_fresh(aged_site, tmp_path):
    base, sources, hits = aged_site
    state = tmp_path / "crawl_state"
    commit_state(crawl("edgar", sources, tmp_path / "e1", settings=FAST, state_dir=state))
    hits.clear()
    backfill = crawl(
        "edgar", sources, tmp_path / "e2", settings=FAST, state_dir=state, since=date(2026, 1, 1)
    )
    assert backfill.stats["process"] is True and hits  # the process ran and asked
    sources.write_text(sources.read_text().replace("[NWCS, ZZZZ]", "[NWCS, ZZZZ, QLFR]"))
    grown = crawl("edgar", sources, tmp_path / "e3", settings=FAST, state_dir=state)
    assert grown.stats["process"] is True
    assert grown.stats["due"] == "sources changed since the crawl state was written"
