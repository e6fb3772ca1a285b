"""How long a fetched feed, sitemap or robots.txt may be reused without asking again.

RFC 9111 freshness: ``Cache-Control: max-age`` or ``Expires`` when the server gives them,
else the heuristic of 10 % of the time since ``Last-Modified`` (section 4.2.2). Either is
capped below a day, so a nightly crawl always revalidates (a cheap conditional GET) and
only a same-day re-run is answered from the cache alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

HEURISTIC_SHARE = 0.1
DEFAULT_CAP = timedelta(hours=20)
_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*(\d+)", re.I)
_NO_REUSE = re.compile(r"(?:^|,)\s*(no-store|no-cache|private)\b", re.I)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def fresh_until(
    headers: dict[str, str], now: datetime | None = None, cap: timedelta = DEFAULT_CAP
) -> datetime | None:
    """Until when a response with these headers (lower-case names) is fresh; None = stale."""
    now = now or datetime.now(UTC)
    control = headers.get("cache-control", "")
    if _NO_REUSE.search(control):
        return None
    served = _http_date(headers.get("date")) or now
    if match := _MAX_AGE.search(control):
        lifetime = timedelta(seconds=int(match[1]))
    elif expires := _http_date(headers.get("expires")):
        lifetime = expires - served
    elif modified := _http_date(headers.get("last-modified")):
        lifetime = (served - modified) * HEURISTIC_SHARE
    else:
        return None
    lifetime = min(lifetime, cap)
    return now + lifetime if lifetime > timedelta(0) else None


# A definitive answer that stored nothing (404, 410, a binary or empty page) is asked
# again only after this long; RFC 9111 (4.2.2) lets a cache assign such answers a
# heuristic lifetime. Transient failures (5xx, 408, 429, no response) are due at once.
# Well below the cap above, so a nightly crawl always retries them.
RETRY_DEFINITIVE_AFTER = timedelta(hours=1)
TRANSIENT_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))


def retry_at(http_status: int | None, at: datetime) -> datetime:
    """When a URL whose last attempt stored nothing is due again."""
    if http_status is None or http_status in TRANSIENT_STATUSES:
        return at
    return at + RETRY_DEFINITIVE_AFTER


def crawl_clock(start: str | datetime | None = None) -> Callable[[], datetime]:
    """The crawl's clock: real time, or real time shifted to begin at ``start``.

    Shifting (rather than freezing) lets a test or a replay say "it is tomorrow" while
    durations inside the crawl stay real.
    """
    if not start:
        return lambda: datetime.now(UTC)
    begin = start if isinstance(start, datetime) else datetime.fromisoformat(start)
    if begin.tzinfo is None:
        begin = begin.replace(tzinfo=UTC)
    offset = begin - datetime.now(UTC)
    return lambda: datetime.now(UTC) + offset
