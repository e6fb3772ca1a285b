"""The crawl log: one :class:`CrawlLogEntry` line per URL tried, whatever became of it.

Spiders report skipped/failed/not-modified URLs by sending the ``url_outcome`` signal;
stored documents, dropped items and callback crashes arrive through Scrapy's own
signals. Each line is flushed at once so a killed crawl still leaves an honest log.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from finclaims.models import CrawlLogEntry, CrawlStatus

logger = logging.getLogger(__name__)

url_outcome = object()
"""Signal: ``send_catch_log(url_outcome, entry=CrawlLogEntry(...))``."""


NOTES_KEY = "finclaims_notes"


def add_note(meta: dict, note: str) -> None:
    """Remember something worth logging about a request (a retry, a replaced byte)."""
    notes = meta.setdefault(NOTES_KEY, [])
    if note not in notes:
        notes.append(note)


def notes_of(response: Response | None) -> str | None:
    if response is None:
        return None
    try:
        notes = response.meta.get(NOTES_KEY) or []
    except AttributeError:  # a response not tied to a request
        return None
    return "; ".join(notes) or None


def report(
    spider: Spider,
    url: str,
    status: CrawlStatus,
    reason: str | None = None,
    http_status: int | None = None,
    document_id: str | None = None,
) -> None:
    """Send one outcome from spider code to the crawl log."""
    entry = CrawlLogEntry(
        url=url,
        spider=spider.name,
        status=status,
        reason=reason,
        http_status=http_status,
        document_id=document_id,
    )
    spider.crawler.signals.send_catch_log(url_outcome, entry=entry)


class CrawlLog:
    """Extension writing the crawl log to ``FINCLAIMS_CRAWL_LOG`` (JSONL, appended)."""

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = Path(path) if path else None
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlLog:
        ext = cls(crawler, crawler.settings.get("FINCLAIMS_CRAWL_LOG", ""))
        # Bound methods, not lambdas: Scrapy keeps only weak references to receivers.
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.url_outcome, signal=url_outcome)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = self.path.open("a", encoding="utf-8")

    def spider_closed(self, spider: Spider) -> None:
        if self.file:
            self.file.close()
            self.file = None

    def write(self, entry: CrawlLogEntry) -> None:
        self.crawler.stats.inc_value(f"finclaims/crawl_log/{entry.status}")
        logger.debug("crawl log: %s %s %s", entry.status, entry.url, entry.reason or "")
        if self.file:
            self.file.write(entry.model_dump_json() + "\n")
            self.file.flush()

    def url_outcome(self, entry: CrawlLogEntry) -> None:
        self.write(entry)

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        self.write(
            CrawlLogEntry(
                url=item["url"],
                spider=spider.name,
                status="stored",
                http_status=response.status if response is not None else None,
                reason=notes_of(response),
                document_id=item.get("id"),
            )
        )

    def item_dropped(
        self, item: Any, response: Response, exception: Exception, spider: Spider
    ) -> None:
        url = (item.get("url") if isinstance(item, dict) else None) or getattr(response, "url", "?")
        self.write(
            CrawlLogEntry(
                url=url,
                spider=spider.name,
                status="failed",
                http_status=getattr(response, "status", None),
                reason=f"invalid document: {exception}",
            )
        )

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        message = str(failure.value).splitlines()[0] if str(failure.value) else ""
        self.write(
            CrawlLogEntry(
                url=response.url,
                spider=spider.name,
                status="failed",
                http_status=response.status,
                reason=f"parse error: {failure.type.__name__}: {message}".rstrip(": "),
            )
        )


def read_log(path: Path) -> list[CrawlLogEntry]:
    """Entries of a crawl log file; a missing file is an empty log."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [CrawlLogEntry.model_validate(json.loads(line)) for line in lines if line.strip()]


def classify_failure(failure: Failure) -> tuple[CrawlStatus, str, int | None]:
    """Crawl-log status, reason and HTTP status for a request's errback failure."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError

    exc = failure.value
    name = type(exc).__name__
    if isinstance(exc, HttpError):
        status = exc.response.status
        return "failed", f"HTTP error {status}", status
    message = str(exc)
    if name == "DownloadCancelledError" or "max size" in message or "MAXSIZE" in message:
        where = " during decompression" if "decompress" in message else ""
        detail = message or "body exceeded DOWNLOAD_MAXSIZE while streaming"
        return "failed", f"response too large{where}: {detail}", None
    if isinstance(exc, IgnoreRequest):
        message = message or "request ignored"
        if message.startswith("redirect loop") or "max redirections" in message:
            return "failed", message if "loop" in message else f"redirect loop: {message}", None
        if "robots.txt" in message:
            return "skipped", "robots.txt disallows this URL", None
        if "offsite" in message.lower():
            return "skipped", f"off-domain: {message}", None
        return "skipped", message, None
    if "Timeout" in name:
        return "failed", f"timeout: {exc}", None
    return "failed", f"download error: {name}: {exc}".rstrip(": "), None
