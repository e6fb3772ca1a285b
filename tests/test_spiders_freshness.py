"""RFC 9111 freshness of cached feeds/sitemaps/robots.txt (``spiders.freshness``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from spiders.freshness import fresh_until

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HTTP_NOW = "Mon, 02 Mar 2026 12:00:00 GMT"


def test_max_age_wins_over_expires_and_is_capped():
    headers = {"cache-control": "public, max-age=600", "expires": "Mon, 09 Mar 2026 12:00:00 GMT"}
    assert fresh_until(headers, NOW) == NOW + timedelta(seconds=600)
    week = {"cache-control": "max-age=604800"}
    assert fresh_until(week, NOW) == NOW + timedelta(hours=20)  # the next night revalidates


def test_expires_relative_to_date_header():
    headers = {"date": HTTP_NOW, "expires": "Mon, 02 Mar 2026 13:00:00 GMT"}
    assert fresh_until(headers, NOW) == NOW + timedelta(hours=1)


def test_heuristic_is_a_tenth_of_the_age_since_last_modified():
    headers = {"date": HTTP_NOW, "last-modified": "Fri, 27 Feb 2026 12:00:00 GMT"}
    assert fresh_until(headers, NOW) == NOW + timedelta(hours=7, minutes=12)


def test_no_store_no_cache_and_missing_validators_are_never_fresh():
    assert fresh_until({"cache-control": "no-cache", "last-modified": HTTP_NOW}, NOW) is None
    assert fresh_until({"cache-control": "no-store, max-age=60"}, NOW) is None
    assert fresh_until({"etag": '"abc"'}, NOW) is None
    assert fresh_until({"expires": "Sun, 01 Mar 2026 12:00:00 GMT", "date": HTTP_NOW}, NOW) is None
