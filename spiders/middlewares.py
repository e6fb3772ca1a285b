"""Downloader middlewares: Retry-After backoff, conditional GETs, fault notes, redirect loops."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import safe_url_string

from spiders.crawl_log import add_note
from spiders.state import Validators, state_of

logger = logging.getLogger(__name__)

BACKOFF_CODES = (429, 503)
VALIDATORS_KEY = "finclaims_validators"


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
    """Send If-None-Match / If-Modified-Since for URLs fetched by an earlier crawl.

    Requests opt in with ``meta["conditional"] = True``. A response's validators are kept
    in its meta and enter the crawl state only once its content was used (a document
    stored, or a feed's links cached, see :func:`confirm_validators`), so a page that
    failed last time is fetched in full again rather than answered with 304 forever.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        mw = cls(crawler)
        crawler.signals.connect(mw.item_scraped, signal=signals.item_scraped)
        return mw

    def item_scraped(self, item: dict, response: Response, spider: Spider) -> None:
        confirm_validators(spider, response)

    def process_request(self, request: Request) -> None:
        if not request.meta.get("conditional"):
            return None
        known = state_of(self.crawler.spider).http.get(request.url)
        if known is None:
            return None
        if known.etag:
            request.headers.setdefault(b"If-None-Match", known.etag)
        if known.last_modified:
            request.headers.setdefault(b"If-Modified-Since", known.last_modified)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("conditional") and response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            if etag or modified:
                request.meta[VALIDATORS_KEY] = Validators(
                    etag=etag.decode("latin-1") if etag else None,
                    last_modified=modified.decode("latin-1") if modified else None,
                )
        return response


def confirm_validators(spider: Spider, response: Response | None) -> None:
    """The response's content was used: answer its next fetch with a conditional GET."""
    meta = getattr(response, "meta", None) if response is not None else None
    validators = meta.get(VALIDATORS_KEY) if meta else None
    if validators is not None:
        state_of(spider).http[response.url] = validators


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
