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
from scrapy.http import Response, TextResponse
from w3lib.url import safe_url_string

from spiders.crawl_log import add_note
from spiders.freshness import crawl_clock, fresh_until
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
    """HTTP caching for feeds, sitemaps, robots.txt and stored pages across nights.

    Requests opt in with ``meta["conditional"] = True`` (robots.txt always does). With
    ``meta["reuse_fresh"]`` too, a URL still fresh (see ``spiders.freshness``) is
    answered here with a synthetic 304 flagged ``fresh`` and never fetched; a stale one
    is revalidated with If-None-Match / If-Modified-Since. A response's validators enter
    the crawl state only once its content was used (a document stored, a feed's links
    cached: :func:`confirm_validators`), so a page that failed last time is fetched in
    full again, not answered 304 forever.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.now = crawl_clock(crawler.settings.get("FINCLAIMS_NOW"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        mw = cls(crawler)
        crawler.signals.connect(mw.item_scraped, signal=signals.item_scraped)
        return mw

    def item_scraped(self, item: dict, response: Response, spider: Spider) -> None:
        confirm_validators(spider, response)

    def process_request(self, request: Request) -> Response | None:
        robots = _is_robots(request)
        if not (request.meta.get("conditional") or robots):
            return None
        known = state_of(self.crawler.spider).http.get(request.url)
        if known is None:
            return None
        reusable = robots or request.meta.get("reuse_fresh")
        if reusable and known.fresh_until and known.fresh_until > self.now():
            if robots:
                body = (known.body or "").encode("utf-8")
                return TextResponse(request.url, body=body, request=request, flags=["fresh"])
            return Response(request.url, status=304, request=request, flags=["fresh"])
        if known.etag:
            request.headers.setdefault(b"If-None-Match", known.etag)
        if known.last_modified:
            request.headers.setdefault(b"If-Modified-Since", known.last_modified)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        robots = _is_robots(request)
        if not (request.meta.get("conditional") or robots) or "fresh" in response.flags:
            return response
        state = state_of(self.crawler.spider)
        if response.status == 304 and request.url in state.http:
            # Revalidated: the cached copy is fresh again for as long as the server says.
            state.http[request.url].fresh_until = fresh_until(_headers(response), self.now())
            if robots:
                body = (state.http[request.url].body or "").encode("utf-8")
                return TextResponse(request.url, body=body, request=request)
            return response
        if response.status != 200:
            return response
        headers = _headers(response)
        validators = Validators(
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            fresh_until=fresh_until(headers, self.now()),
        )
        if robots:
            validators.body = response.text if isinstance(response, TextResponse) else ""
            state.http[request.url] = validators
        elif validators.etag or validators.last_modified or validators.fresh_until:
            request.meta[VALIDATORS_KEY] = validators
        return response


def _is_robots(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


def _headers(response: Response) -> dict[str, str]:
    names = ("etag", "last-modified", "cache-control", "expires", "date")
    found = {name: response.headers.get(name) for name in names}
    return {name: value.decode("latin-1") for name, value in found.items() if value}


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
