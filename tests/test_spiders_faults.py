"""One ``news`` crawl over a loopback site where most URLs misbehave.

Each test checks one fault: the crawl completed, the faulty URL is in the crawl log with
its reason, and every healthy page was still stored. Timeouts, size limits and retry
delays are shrunk with ``-s`` settings so the whole crawl takes a few seconds.
"""

from __future__ import annotations

import gzip
import io
import time
from pathlib import Path

import pytest

from finclaims.models import CrawlLogEntry
from spiders.run import CrawlResult, crawl
from tests.fault_server import FaultServer, Reply, serve_faults
from tests.test_spiders_crawl import tiny_png

FIXTURES = Path(__file__).parent / "fixtures" / "faults"
MAXSIZE = 2 * 1024 * 1024
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "DOWNLOAD_TIMEOUT": "1",
    "RETRY_TIMES": "1",
    "DOWNLOAD_MAXSIZE": str(MAXSIZE),
    "DOWNLOAD_WARNSIZE": str(MAXSIZE // 2),
    "FINCLAIMS_RETRY_AFTER_MAX": "5",
}
HEALTHY = {
    # served normally, reached through a feed
    "/news/alderbank.html": "Alderbank lifts 2026 spending plan",
    "/news/brightfield.html": "Brightfield keeps capex steady",
    "/news/cobalt-peak.html": "Cobalt Peak doubles server budget",  # from the malformed feed
    "/news/dunmore.html": "Dunmore signs power deal",  # from the entity-expansion feed
    # listed directly; each needs a retry
    "/news/flaky.html": "Elmstead resumes data-center build",
    "/news/throttled.html": "Fairhaven adds two campuses",
}


def article(title: str, day: int, lead: str) -> bytes:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    html = html.replace("{TITLE}", title).replace("{DAY}", f"{day:02d}")
    return html.replace("{LEAD}", lead).encode("utf-8")


def lead_for(title: str) -> str:
    return f"{title.split()[0]} said on Monday that its capital spending would rise this year."


def _zeros(total: int, chunk: int = 64 * 1024):
    def body():
        sent = 0
        while sent < total:
            yield b"\0" * chunk
            sent += chunk

    return body


def gzip_bomb(decompressed: int = 200 * 1024 * 1024) -> bytes:
    """~200 KB of gzip that inflates to 200 MB of zeros."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\0" * (1024 * 1024)
        for _ in range(decompressed // len(block)):
            gz.write(block)
    return out.getvalue()


def build(server: FaultServer) -> None:
    base = server.base
    for name in ("feed.xml", "malformed.xml", "laughs.xml"):
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{BASE}", base)
        server.page(f"/feeds/{name}", text, "application/rss+xml")
    server.page("/robots.txt", (FIXTURES / "robots.txt").read_text(), "text/plain")
    for day, (path, title) in enumerate(HEALTHY.items(), 2):
        if path not in ("/news/flaky.html", "/news/throttled.html"):
            server.page(path, article(title, day, lead_for(title)))
    flaky = article(HEALTHY["/news/flaky.html"], 10, lead_for("Elmstead"))
    server.route("/news/flaky.html", Reply(status=500, body=b"oops"), Reply(body=flaky))
    throttled = article(HEALTHY["/news/throttled.html"], 11, lead_for("Fairhaven"))
    server.route(
        "/news/throttled.html",
        Reply(status=429, body=b"slow down", headers={"Retry-After": "1"}),
        Reply(body=throttled),
    )
    server.page("/private/embargoed.html", article("Embargoed", 12, "Not for crawlers."))
    slow = article("Slow page", 13, "This page answers after the timeout.")
    server.route("/news/slow.html", Reply(body=slow, delay=3))
    server.route(
        "/news/huge.html", Reply(body=_zeros(50 * 1024 * 1024), content_length=50 * 1024 * 1024)
    )
    server.route("/news/huge-stream.html", Reply(body=_zeros(50 * 1024 * 1024), chunked=True))
    server.route("/news/bomb.html", Reply(body=gzip_bomb(), headers={"Content-Encoding": "gzip"}))
    bad = article("Garnet Bay widens 2026 range", 14, "Garnet Bay said spending would rise.")
    bad = bad.replace(b"rise this", b"rise \xff\xfe this").replace(b"largest", b"lar\xc3gest")
    server.page("/news/bad-utf8.html", bad)
    server.page("/news/binary.html", tiny_png() + b"\0" * 2048)
    server.route("/news/gone.html", Reply(status=404, body=b"gone"))
    server.route("/news/loop-a.html", Reply(status=302, headers={"Location": "/news/loop-b.html"}))
    server.route("/news/loop-b.html", Reply(status=302, headers={"Location": "/news/loop-a.html"}))


LISTED = [
    "/news/flaky.html",
    "/news/throttled.html",
    "/news/gone.html",
    "/news/slow.html",
    "/news/huge.html",
    "/news/huge-stream.html",
    "/news/bomb.html",
    "/news/bad-utf8.html",
    "/news/binary.html",
    "/private/embargoed.html",
    "/news/loop-a.html",
]


def sources_yaml(base: str) -> str:
    urls = ", ".join(f'"{base}{path}"' for path in LISTED)
    feeds = ", ".join(f'"{base}/feeds/{n}"' for n in ("feed.xml", "malformed.xml", "laughs.xml"))
    return (
        "news:\n"
        "  - name: fault-wire\n"
        "    allowed_domains: [127.0.0.1]\n"
        f"    feeds: [{feeds}]\n"
        f"    urls: [{urls}]\n"
    )


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[FaultServer, CrawlResult, float]:
    work = tmp_path_factory.mktemp("faults")
    with serve_faults() as server:
        build(server)
        sources = work / "sources.yaml"
        sources.write_text(sources_yaml(server.base), encoding="utf-8")
        started = time.monotonic()
        result = crawl("news", sources, work / "crawl", settings=SETTINGS, timeout=120)
        yield server, result, time.monotonic() - started


def entries(server: FaultServer, result: CrawlResult, path: str) -> list[CrawlLogEntry]:
    return [e for e in result.log if e.url == server.url(path)]


def only(server: FaultServer, result: CrawlResult, path: str) -> CrawlLogEntry:
    found = entries(server, result, path)
    assert len(found) == 1, (path, found)
    return found[0]


def test_crawl_completes_and_every_healthy_page_is_stored(faulty):
    server, result, seconds = faulty
    stored = {d.url.replace(server.base, ""): d for d in result.documents}
    for path, title in HEALTHY.items():
        assert path in stored, path
        assert stored[path].title == title
        assert lead_for(title) in stored[path].text
    assert seconds < 60


def test_every_url_tried_is_logged_once_with_an_outcome(faulty):
    server, result, _ = faulty
    for path in [*LISTED, *HEALTHY]:
        entry = only(server, result, path)
        assert entry.status in ("stored", "skipped", "failed")
        if entry.status != "stored":
            assert entry.reason


def test_404_is_failed_with_status(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/gone.html")
    assert (entry.status, entry.http_status) == ("failed", 404)
    assert "HTTP error 404" in entry.reason


def test_500_then_success_is_stored_after_retry(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/flaky.html")
    assert entry.status == "stored"
    assert "retried after HTTP 500" in entry.reason
    assert len(server.hits_for("/news/flaky.html")) == 2


def test_429_waits_for_retry_after_then_stores(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/throttled.html")
    assert entry.status == "stored"
    assert "retried after HTTP 429" in entry.reason
    first, second = server.hits_for("/news/throttled.html")
    assert second.at - first.at >= 0.95


def test_slower_than_timeout_fails_with_timeout_reason(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/slow.html")
    assert entry.status == "failed"
    assert entry.reason.startswith("timeout")
    assert len(server.hits_for("/news/slow.html")) == 2  # one retry, then given up


@pytest.mark.parametrize("path", ["/news/huge.html", "/news/huge-stream.html"])
def test_body_over_max_size_is_cut_and_failed(faulty, path):
    server, result, _ = faulty
    entry = only(server, result, path)
    assert entry.status == "failed"
    assert entry.reason.startswith("response too large")


def test_gzip_bomb_is_not_inflated(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/bomb.html")
    assert entry.status == "failed"
    assert entry.reason.startswith("response too large")
    assert "decompress" in entry.reason


def test_invalid_utf8_is_stored_with_replacement_and_noted(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/bad-utf8.html")
    assert entry.status == "stored"
    assert "invalid utf-8" in entry.reason.lower()
    doc = next(d for d in result.documents if d.url == server.url("/news/bad-utf8.html"))
    assert "\ufffd" in doc.text and "Garnet Bay said spending would rise" in doc.text


def test_binary_served_as_html_is_skipped(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/binary.html")
    assert entry.status == "skipped"
    assert "binary content (image/png) served as text/html" in entry.reason


def test_robots_disallow_is_skipped_and_never_fetched(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/private/embargoed.html")
    assert entry.status == "skipped"
    assert "robots.txt" in entry.reason
    assert server.hits_for("/private/embargoed.html") == []


def test_redirect_loop_fails_with_reason(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/news/loop-a.html")
    assert entry.status == "failed"
    assert "redirect loop" in entry.reason
    assert len(server.hits_for("/news/loop-a.html")) <= 12


def test_malformed_feed_is_logged_and_its_readable_links_followed(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/feeds/malformed.xml")
    assert entry.status == "failed"
    assert "malformed XML" in entry.reason
    assert "followed 2 recovered links" in entry.reason
    assert only(server, result, "/news/cobalt-peak.html").status == "stored"


def test_entity_expansion_feed_is_not_expanded(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/feeds/laughs.xml")
    assert "entity declarations not expanded" in entry.reason
    doc = next(d for d in result.documents if d.url == server.url("/news/dunmore.html"))
    assert "lol" not in doc.text and "lol" not in (doc.title or "")
    assert only(server, result, "/news/dunmore.html").status == "stored"


def test_good_feed_logged_as_followed(faulty):
    server, result, _ = faulty
    entry = only(server, result, "/feeds/feed.xml")
    assert entry.status == "skipped"
    assert entry.reason == "followed feed (2 links)"
