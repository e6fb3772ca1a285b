"""Write the crawl's Scrapy stats as JSON when it closes, for the caller and for benches.

The stats say how much network work a crawl really did (requests, 304s, bytes) and how
long the crawl ran inside its process, apart from interpreter start-up.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler


class CrawlStats:
    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = Path(path) if path else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStats:
        ext = cls(crawler, crawler.settings.get("FINCLAIMS_STATS_OUT", ""))
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.path:
            return
        stats = self.crawler.stats.get_stats()
        started = stats.get("start_time")
        elapsed = (datetime.now(UTC) - started).total_seconds() if started else None
        plain = {k: v for k, v in stats.items() if isinstance(v, int | float | str)}
        plain |= {"crawl_seconds": elapsed, "finish_reason": reason}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(plain, sort_keys=True), encoding="utf-8")
