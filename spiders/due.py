"""Does a crawl have anything to do that HTTP caching says must touch the network?

Starting ``scrapy crawl`` costs about a second of imports before the first request; a
same-day re-run over an unchanged site has nothing to fetch, so :func:`decide` answers
from the persisted crawl state alone, mirroring what the spiders would do: every entry
point (robots.txt, feeds, sitemaps and the sitemaps they list, URL-list pages; the SEC
ticker map, submissions and company facts) still fresh per its stored lifetime, and no
discovered URL waiting to be stored or due for a retry. Any doubt means "crawl".
Pure: the state, the sources and the clock are arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

from scrapy.robotstxt import ProtegoRobotParser

from finclaims.models import Company, CrawlLogEntry, CrawlStatus
from spiders.discovery import Link
from spiders.freshness import retry_at
from spiders.sources import EdgarConfig, NewsSource, SourcesConfig
from spiders.state import Attempt, CrawlState, config_fingerprint
from spiders.urls import canonicalize, host_allowed

NO_REQUEST = "(no request)"


@dataclass(frozen=True)
class RobotsPolicy:
    """How the news crawl treats robots.txt (Scrapy's ROBOTSTXT_OBEY and user agent)."""

    obey: bool = True
    user_agent: str = "*"


@dataclass
class Decision:
    """``due`` says why the spider must run; None means the log below is the whole crawl."""

    due: str | None = None
    log: list[CrawlLogEntry] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)


class _Due(Exception):
    """Raised as soon as one piece of work is found; its message is the reason."""


def decide(
    spider: str,
    config: SourcesConfig,
    state: CrawlState | None,
    now: datetime,
    *,
    since: date | None = None,
    robots: RobotsPolicy = RobotsPolicy(),
    sources_label: str = "sources.yaml",
) -> Decision:
    """Whether ``spider`` has work; if not, the crawl-log lines a crawl would have written."""
    try:
        if since is not None:
            raise _Due(f"since={since.isoformat()} given")
        if state is None or state.sources_fingerprint is None:
            raise _Due("no crawl state from an earlier run")
        if state.sources_fingerprint != config_fingerprint(spider, config):
            raise _Due("sources changed since the crawl state was written")
        walk = _Walk(spider, state, now, robots)
        if spider == "news":
            walk.news(config.news)
        elif spider == "edgar":
            walk.edgar(config.edgar)
        else:
            raise _Due(f"unknown spider {spider!r}")
    except _Due as due:
        return Decision(due=str(due))
    problems = [
        _entry(spider, f"{sources_label}#L{p.line}", "skipped", f"config: {p}", now)
        for p in config.problems
    ]
    return Decision(log=problems + walk.log, companies=walk.companies)


def _entry(
    spider: str,
    url: str,
    status: CrawlStatus,
    reason: str,
    at: datetime,
    document_id: str | None = None,
) -> CrawlLogEntry:
    return CrawlLogEntry(
        url=url, spider=spider, status=status, reason=reason, document_id=document_id, at=at
    )


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%MZ")


class _Walk:
    """Follows the spider's entry points through the state, raising ``_Due`` on work."""

    def __init__(self, spider: str, state: CrawlState, now: datetime, robots: RobotsPolicy):
        self.spider, self.state, self.now, self.robots = spider, state, now, robots
        self.log: list[CrawlLogEntry] = []
        self.companies: list[Company] = []
        self._parsers: dict[str, ProtegoRobotParser] = {}
        self._visited: set[str] = set()

    def note(self, url: str, status: CrawlStatus, reason: str, document_id: str | None = None):
        self.log.append(_entry(self.spider, url, status, reason, self.now, document_id))

    def fresh(self, url: str, what: str) -> str:
        """The reason logged for a fresh entry point; raises when it must be fetched."""
        known = self.state.http.get(url)
        if known is None:
            raise _Due(f"{what} {url} not in the crawl state")
        if known.fresh_until is None or known.fresh_until <= self.now:
            raise _Due(f"{what} {url} is stale")
        return f"fresh in HTTP cache until {_stamp(known.fresh_until)}"

    def waiting(self, url: str, *, failures_only: bool) -> Attempt | None:
        """The last attempt of ``url`` if it stored nothing and is not due for a retry."""
        attempt = self.state.attempts.get(url)
        if attempt is None or retry_at(attempt.http_status, attempt.at) <= self.now:
            return None
        failed = attempt.status == "failed" or (attempt.http_status or 0) >= 400
        return attempt if failed or not failures_only else None

    def waiting_reason(self, attempt: Attempt) -> str:
        again = retry_at(attempt.http_status, attempt.at)
        return (
            f"{attempt.reason or attempt.status} at {_stamp(attempt.at)}; "
            f"not retried before {_stamp(again)} {NO_REQUEST}"
        )

    # -- news ------------------------------------------------------------------------

    def news(self, sources: list[NewsSource]) -> None:
        if not sources:
            raise _Due("no news sources configured")
        for source in sources:
            for url in source.feeds + source.sitemaps:
                self.discovery(url, source)
            for url in source.urls:
                self.listed_page(url, source)

    def robots_parser(self, url: str) -> ProtegoRobotParser:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        if robots_url not in self._parsers:
            reason = self.fresh(robots_url, "robots.txt")
            self.note(robots_url, "not_modified", f"{reason} {NO_REQUEST}")
            body = (self.state.http[robots_url].body or "").encode("utf-8")
            self._parsers[robots_url] = ProtegoRobotParser(body, None)
        return self._parsers[robots_url]

    def disallowed(self, url: str) -> bool:
        return self.robots.obey and not self.robots_parser(url).allowed(url, self.robots.user_agent)

    def discovery(self, url: str, source: NewsSource) -> None:
        """A feed or sitemap: fresh, its links cached, each link needing nothing."""
        if url in self._visited:
            return
        self._visited.add(url)
        if self.robots.obey:
            self.robots_parser(url)
        reason = self.fresh(url, "feed or sitemap")
        cached = self.state.links.get(url)
        if cached is None:
            raise _Due(f"no cached links for {url}")
        self.note(url, "not_modified", f"{reason} {NO_REQUEST}")
        for data in cached.links:
            link = Link.from_json(data)
            target = urljoin(url, link.url)
            if cached.kind != "index":
                self.page(target, link, source)
            elif host_allowed(target, source.allowed_domains):
                self.discovery(target, source)

    def page(self, url: str, link: Link, source: NewsSource) -> tuple[CrawlStatus, str, str | None]:
        """What the spider would do with a linked page without asking the network."""
        url = canonicalize(url)
        if not host_allowed(url, source.allowed_domains):
            return "skipped", f"off-domain: not in allowed_domains of {source.name}", None
        seen = self.state.seen.get(url)
        if seen is not None and not (link.modified and link.modified > seen.stored_on):
            stored = f"already stored on {seen.stored_on.isoformat()}; not re-fetched"
            return "not_modified", f"{stored} {NO_REQUEST}", seen.document_id
        if self.disallowed(url):
            return "skipped", f"robots.txt disallows this URL {NO_REQUEST}", None
        if attempt := self.waiting(url, failures_only=False):
            return "skipped", self.waiting_reason(attempt), None
        raise _Due(f"{url} is not stored yet" if seen is None else f"{url} changed since stored")

    def listed_page(self, url: str, source: NewsSource) -> None:
        if self.robots.obey:
            self.robots_parser(url)
        status, reason, document_id = self.page(url, Link(url=url), source)
        self.note(canonicalize(url), status, reason, document_id)

    # -- edgar -----------------------------------------------------------------------

    def edgar(self, config: EdgarConfig | None) -> None:
        from spiders.edgar import UserAgentMissing, declared_user_agent

        if config is None:
            raise _Due("no usable edgar section")
        try:
            declared_user_agent(config)
        except UserAgentMissing as exc:
            raise _Due("no declared SEC User-Agent") from exc
        tickers_url = config.endpoints.tickers
        reason = self.fresh(tickers_url, "ticker map")
        known = self.state.companies
        missing = [t for t in config.tickers if t not in known and t not in self.unknown]
        if missing:
            raise _Due(f"tickers {', '.join(missing)} not resolved yet")
        self.note(tickers_url, "not_modified", f"{reason}; CIKs from cache {NO_REQUEST}")
        for ticker in config.tickers:
            if ticker not in known:
                self.note(tickers_url, "skipped", f"ticker {ticker} not in ticker map {NO_REQUEST}")
                continue
            company = known[ticker]
            self.companies.append(Company(ticker=ticker, cik=company.cik, name=company.name))
            self.submissions(config, company.cik)
            self.companyfacts(config, company.cik)

    @property
    def unknown(self) -> set[str]:
        return set(self.state.unknown_tickers)

    def submissions(self, config: EdgarConfig, cik: str) -> None:
        url = f"{config.endpoints.submissions}CIK{cik}.json"
        reason = self.fresh(url, "submissions")
        cached = self.state.links.get(url)
        if cached is None:
            raise _Due(f"no cached filings for {url}")
        for filing in cached.links:
            accession = filing["accessionNumber"]
            if accession in self.state.accessions:
                continue
            folder = f"{config.endpoints.archives}{int(cik)}/{accession.replace('-', '')}/"
            if not self.waiting(f"{folder}{accession}-index.html", failures_only=True):
                raise _Due(f"filing {accession} not stored yet")
        self.note(url, "not_modified", f"{reason} {NO_REQUEST}")

    def companyfacts(self, config: EdgarConfig, cik: str) -> None:
        url = f"{config.endpoints.companyfacts}CIK{cik}.json"
        if attempt := self.waiting(url, failures_only=True):
            self.note(url, "skipped", self.waiting_reason(attempt))
            return
        self.note(url, "not_modified", f"{self.fresh(url, 'company facts')} {NO_REQUEST}")
