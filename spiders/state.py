"""What earlier crawls learnt, kept between nights so the next crawl fetches only what changed.

One JSON file per spider. A crawl reads it from ``FINCLAIMS_STATE_IN`` and writes the
updated state to ``FINCLAIMS_STATE_OUT``; the caller promotes the new file only after the
documents it describes are safely in the warehouse (``spiders.run.commit_state``), so a
failed load never makes the next night believe a page was stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from finclaims.models import CrawlLogEntry
from spiders.crawl_log import url_outcome
from spiders.freshness import crawl_clock
from spiders.sources import SourcesConfig

logger = logging.getLogger(__name__)

STATE_VERSION = 1
STATE_SETTINGS = ("FINCLAIMS_STATE_IN", "FINCLAIMS_STATE_OUT")


class Validators(BaseModel):
    etag: str | None = None
    last_modified: str | None = None
    fresh_until: datetime | None = None  # reused without a request until then
    body: str | None = None  # kept only for robots.txt, which Scrapy parses itself


class SeenDocument(BaseModel):
    """A URL whose document is stored; ``stored_on`` decides whether a newer lastmod wins."""

    document_id: str
    stored_on: date
    content_hash: str | None = None


class Fingerprint(BaseModel):
    """Body fingerprint of a stored document, for syndicated near-duplicates."""

    body_hash: str
    sentences: list[str] = Field(default_factory=list)
    document_id: str
    url: str


class CachedLinks(BaseModel):
    """A feed's or sitemap's links, reused when it answers 304 Not Modified."""

    kind: str
    links: list[dict] = Field(default_factory=list)


class Attempt(BaseModel):
    """The last outcome of a URL that answered but stored nothing (a 404, a binary page).

    Lets a same-day re-run tell a failure that is due for a retry from one that is not
    (``spiders.freshness.retry_at``); cleared once the URL is stored.
    """

    status: str
    http_status: int | None = None
    reason: str | None = None
    at: datetime


class CachedCompany(BaseModel):
    cik: str
    name: str


class CrawlState(BaseModel):
    version: int = STATE_VERSION
    http: dict[str, Validators] = Field(default_factory=dict)
    seen: dict[str, SeenDocument] = Field(default_factory=dict)
    links: dict[str, CachedLinks] = Field(default_factory=dict)
    accessions: dict[str, date] = Field(default_factory=dict)
    companies: dict[str, CachedCompany] = Field(default_factory=dict)
    unknown_tickers: list[str] = Field(default_factory=list)
    fingerprints: list[Fingerprint] = Field(default_factory=list)
    attempts: dict[str, Attempt] = Field(default_factory=dict)
    # config_fingerprint of the sources the state was built from: another configuration
    # (a new feed, ticker or form) means entry points the state knows nothing about.
    sources_fingerprint: str | None = None

    @classmethod
    def load(cls, path: Path | None) -> CrawlState:
        """The saved state; a missing or unreadable file means "fetch everything"."""
        if path is None or not path.exists():
            return cls()
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, ValidationError) as exc:
            logger.warning("crawl state %s unreadable (%s); fetching everything in full", path, exc)
            return cls()

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-write leaves the previous state, never half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.model_dump_json(), encoding="utf-8")
        os.replace(tmp, path)

    def prune(self, keep_days: int, today: date | None = None) -> None:
        """Forget pages stored more than ``keep_days`` ago, and their fingerprints.

        Without it the state grows by every article of every night; an old page that
        turns up again is merely fetched and found unchanged by the warehouse.
        """
        cutoff = (today or datetime.now(UTC).date()) - timedelta(days=keep_days)
        forgotten = {url for url, s in self.seen.items() if s.stored_on < cutoff}
        self.seen = {url: s for url, s in self.seen.items() if url not in forgotten}
        self.http = {url: v for url, v in self.http.items() if url not in forgotten}
        kept_ids = {s.document_id for s in self.seen.values()}
        self.fingerprints = [f for f in self.fingerprints if f.document_id in kept_ids]
        self.attempts = {u: a for u, a in self.attempts.items() if a.at.date() >= cutoff}

    def remember_stored(self, url: str, document_id: str, content_hash: str | None) -> None:
        self.seen[url] = SeenDocument(
            document_id=document_id, stored_on=datetime.now(UTC).date(), content_hash=content_hash
        )
        self.attempts.pop(url, None)

    def remember_outcome(self, entry: CrawlLogEntry, at: datetime) -> None:
        """Keep a response that stored nothing; any other outcome clears the URL's record."""
        if entry.status in ("failed", "skipped") and entry.http_status is not None:
            self.attempts[entry.url] = Attempt(
                status=entry.status, http_status=entry.http_status, reason=entry.reason, at=at
            )
        elif entry.status in ("stored", "not_modified"):
            self.attempts.pop(entry.url, None)


def config_fingerprint(spider: str, config: SourcesConfig) -> str:
    """Digest of the part of the sources a spider reads; equal digests, same entry points."""
    if spider == "edgar":
        part = config.edgar.model_dump() if config.edgar else None
    else:
        part = [source.model_dump() for source in config.news]
    text = json.dumps(part, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CrawlStateExtension:
    """Loads ``spider.crawl_state`` before the crawl and saves it when the spider closes.

    Every stored item is remembered under its fetched and its canonical URL.
    """

    def __init__(self, crawler: Crawler) -> None:
        path_in, path_out = (crawler.settings.get(k) for k in STATE_SETTINGS)
        self.path_in = Path(path_in) if path_in else None
        self.path_out = Path(path_out) if path_out else None
        self.state = CrawlState.load(self.path_in)
        self.keep_days = crawler.settings.getint("FINCLAIMS_STATE_KEEP_DAYS", 180)
        self.now = crawl_clock(crawler.settings.get("FINCLAIMS_NOW"))
        # On the crawler, not the spider: start() may run before spider_opened fires.
        crawler.finclaims_state = self.state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.url_outcome, signal=url_outcome)
        return ext

    def url_outcome(self, entry: CrawlLogEntry) -> None:
        self.state.remember_outcome(entry, self.now())

    def item_scraped(self, item: dict, response: Response, spider: Spider) -> None:
        for url in {item.get("url"), item.get("canonical_url")} - {None, ""}:
            self.state.remember_stored(url, item["id"], item.get("content_hash"))

    def spider_closed(self, spider: Spider) -> None:
        if self.path_out:
            config = getattr(spider, "config", None)
            if isinstance(config, SourcesConfig):
                self.state.sources_fingerprint = config_fingerprint(spider.name, config)
            self.state.prune(self.keep_days)
            self.state.save(self.path_out)


def state_of(spider: Spider) -> CrawlState:
    """The crawl's state (a fresh, unsaved one when the extension is not enabled)."""
    crawler = spider.crawler
    state = getattr(crawler, "finclaims_state", None)
    if state is None:
        state = crawler.finclaims_state = CrawlState()
    return state
