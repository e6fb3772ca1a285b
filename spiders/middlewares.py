"""Downloader middlewares: Retry-After backoff, conditional GETs, fault notes, redirect loops."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import safe_url_string

from spiders.crawl_log import add_note

logger = logging.getLogger(__name__)

BACKOFF_CODES = (429, 503)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """On 429/503 with Retry-After, wait as told (capped), then retry the request.

    SEC answers bursts with 429/503 and may block clients that keep going; the stock
    RetryMiddleware would retry at once, so this one runs first.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("FINCLAIMS_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in BACKOFF_CODES:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=f"HTTP {response.status} Retry-After"
        )
        if retry is None:
            return response
        wait = min(wait, self.max_wait)
        logger.info(
            "HTTP %s for %s: waiting %.1f s (Retry-After)", response.status, request.url, wait
        )
        await asyncio.sleep(wait)
        return retry


class ConditionalGetMiddleware:
    """Send If-None-Match / If-Modified-Since for URLs stored by an earlier crawl.

    Requests opt in with ``meta["conditional"] = True``. Validators are remembered only
    once a document from the response was stored, so a page that failed last time is
    fetched in full again rather than answered with 304 forever.
    """

    def __init__(self, path: str) -> None:
        self.path = Path(path) if path else None
        self.state: dict[str, dict[str, str]] = {}
        self.pending: dict[str, dict[str, str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        mw = cls(crawler.settings.get("FINCLAIMS_HTTP_STATE", ""))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(mw.item_scraped, signal=signals.item_scraped)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        if self.path and self.path.exists():
            try:
                self.state = json.loads(self.path.read_text(encoding="utf-8"))
            except ValueError:
                logger.warning("HTTP state %s unreadable; fetching everything in full", self.path)
                self.state = {}

    def spider_closed(self, spider: Spider) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.state, indent=0, sort_keys=True), encoding="utf-8")

    def item_scraped(self, item: dict, response: Response, spider: Spider) -> None:
        validators = self.pending.pop(getattr(response, "url", ""), None)
        if validators:
            self.state[response.url] = validators

    def process_request(self, request: Request) -> None:
        known = self.state.get(request.url)
        if not request.meta.get("conditional") or not known:
            return None
        if "etag" in known:
            request.headers.setdefault(b"If-None-Match", known["etag"])
        if "last_modified" in known:
            request.headers.setdefault(b"If-Modified-Since", known["last_modified"])
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("conditional") and response.status == 200:
            validators = {}
            if etag := response.headers.get(b"ETag"):
                validators["etag"] = etag.decode("latin-1")
            if modified := response.headers.get(b"Last-Modified"):
                validators["last_modified"] = modified.decode("latin-1")
            if validators:
                self.pending[response.url] = validators
        return response


class FaultNotesMiddleware:
    """Note each retried fault in ``meta`` so the URL's crawl-log line says what happened.

    Runs before RetryMiddleware: the retry request is a copy of this request's meta, so
    a page stored on its second attempt is logged "stored; retried after HTTP 500".
    """

    def __init__(self, codes: list[int]) -> None:
        self.codes = set(codes)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FaultNotesMiddleware:
        return cls(crawler.settings.getlist("RETRY_HTTP_CODES"))

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in self.codes:
            add_note(request.meta, f"retried after HTTP {response.status}")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        add_note(request.meta, f"retried after {type(exception).__name__}")


class RedirectLoopMiddleware:
    """Stop a redirect that returns to a URL already in its own chain.

    The stock middleware would follow it until REDIRECT_MAX_TIMES, or the duplicate
    filter would drop it without a word; either way the crawl log would not say why.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = safe_url_string(response.urljoin(location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            hops = " -> ".join([*chain, target])
            raise IgnoreRequest(f"redirect loop: {hops}")
        return response
