"""End-to-end crawls of ``news`` and ``edgar`` against a loopback copy of our fixture site.

Each crawl is a real ``scrapy crawl`` subprocess started by ``spiders.run.crawl``; the
site is ``tests/fixtures/site`` with ``{BASE}`` filled in, plus a PDF and a PNG generated
here (binary files are easier to review as code).
"""

from __future__ import annotations

import shutil
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from finclaims.demo.server import serve_directory
from finclaims.models import CrawlLogEntry
from spiders.companyfacts import XBRL_FORM
from spiders.run import CrawlError, CrawlResult, crawl

SITE = Path(__file__).parent / "fixtures" / "site"
TEXT_SUFFIXES = {".xml", ".html", ".htm", ".json", ".yaml", ".txt"}


def tiny_pdf(lines: list[str], title: str) -> bytes:
    """A one-page PDF with ``lines`` of Helvetica text and a document title."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    )
    stream = text.encode("latin-1") + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + title.encode("latin-1") + b") >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def build_site(target: Path, base_url: str) -> Path:
    """Copy the fixture site to ``target`` with ``{BASE}`` replaced; returns sources.yaml."""
    shutil.copytree(SITE, target, dirs_exist_ok=True)
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("{BASE}", base_url), encoding="utf-8")
    pdf = tiny_pdf(
        [
            "Northwind Cloud Systems Analyst Day 2026",
            "We plan capital expenditures of 14 to 15 billion dollars in 2026.",
        ],
        title="Northwind Analyst Day",
    )
    (target / "news" / "northwind-outlook.pdf").write_bytes(pdf)
    (target / "news" / "capex-chart.png").write_bytes(tiny_png())
    return target / "sources.yaml"


FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    with serve_directory(root) as base:
        yield base, build_site(root, base)


@pytest.fixture(scope="module")
def news(site, tmp_path_factory) -> tuple[str, CrawlResult, Path]:
    base, sources = site
    workdir = tmp_path_factory.mktemp("news")
    return base, crawl("news", sources, workdir, settings=FAST, timeout=120), workdir


@pytest.fixture(scope="module")
def edgar(site, tmp_path_factory) -> tuple[str, CrawlResult]:
    base, sources = site
    workdir = tmp_path_factory.mktemp("edgar")
    return base, crawl("edgar", sources, workdir, since=date(2026, 1, 1), timeout=120)


def _by_path(base: str, entries: list[CrawlLogEntry]) -> dict[str, CrawlLogEntry]:
    return {e.url.replace(base, ""): e for e in entries}


def _doc(base: str, result: CrawlResult, path: str):
    return next(d for d in result.documents if d.url == base + path)


def test_news_stores_articles_from_feed_sitemap_and_url_list(news):
    base, result, _ = news
    stored = sorted(d.url.replace(base, "") for d in result.documents)
    assert stored == [
        "/news/northwind-capex.html",
        "/news/northwind-outlook.pdf",
        "/news/retail-media-roas.html",
        "/news/syndicated-hyperscaler-spend.html",
        "/news/undated-note.html",
    ]
    assert {d.source for d in result.documents} == {"demo-news"}


def test_news_document_fields(news):
    base, result, _ = news
    doc = _doc(base, result, "/news/northwind-capex.html")
    assert doc.canonical_url == base + "/news/northwind-capex.html"
    assert doc.title == "Northwind raises 2026 capex outlook on AI demand"
    assert doc.author == "Dana Whitfield"
    assert doc.publisher == "Demo Wire"
    assert doc.published == date(2026, 2, 11)
    assert doc.language == "en"
    assert doc.doc_type == "news"
    assert "between $14 billion and $15 billion" in doc.text
    assert "All rights reserved" not in doc.text
    assert doc.html and "<article>" in doc.html


def test_news_undated_page_keeps_published_none(news):
    base, result, _ = news
    assert _doc(base, result, "/news/undated-note.html").published is None


def test_news_sitemap_article_is_cleaned_and_canonicalised(news):
    base, result, _ = news
    doc = _doc(base, result, "/news/syndicated-hyperscaler-spend.html")
    assert doc.canonical_url == base + "/news/syndicated-hyperscaler-spend.html"
    assert doc.published == date(2026, 2, 12)
    assert "more than $400 billion" in doc.text
    for junk in ("Like:", "Tweet", "newsletter", "Read the Full", "on: Monday", "Utilities sign"):
        assert junk not in doc.text
    assert not any(line.strip() == "By" for line in doc.text.splitlines())


def test_news_pdf_becomes_document(news):
    base, result, _ = news
    doc = _doc(base, result, "/news/northwind-outlook.pdf")
    assert doc.title == "Northwind Analyst Day"
    assert "capital expenditures of 14 to 15 billion" in doc.text
    assert doc.published == date(2026, 2, 9)  # from the feed; the PDF declares none


def test_news_crawl_log_records_every_outcome_with_reason(news):
    base, result, _ = news
    log = _by_path(base, result.log)
    expected = {
        "/news/withdrawn-story.html": ("failed", "HTTP error 404"),
        "/news/empty-shell.html": ("failed", "no article text"),
        "/news/capex-chart.png": ("skipped", "binary content type image/png"),
        "/private/embargoed-draft.html": ("skipped", "robots.txt"),
        "https://partner.example.org/markets/northwind-preview.html": ("skipped", "off-domain"),
        "/feed.xml": ("skipped", "followed feed (7 links)"),
        "/sitemap_index.xml": ("skipped", "followed sitemap index"),
        "/sitemap-news.xml": ("skipped", "followed sitemap (3 links)"),
    }
    for path, (status, reason) in expected.items():
        assert log[path].status == status, path
        assert reason in log[path].reason, path
    stored = {e.url: e for e in result.log if e.status == "stored"}
    assert {d.url for d in result.documents} == set(stored)
    assert all(stored[d.url].document_id == d.id for d in result.documents)


def test_news_recrawl_skips_stored_pages_and_reuses_unchanged_feeds(news, site):
    base, first, workdir = news
    again = crawl("news", site[1], workdir, settings=FAST, timeout=120)
    log = _by_path(base, again.log)
    assert again.documents == []
    stored_before = {d.url: d.id for d in first.documents}
    capex = log["/news/northwind-capex.html"]
    assert capex.status == "not_modified" and "already stored" in capex.reason
    assert capex.document_id == stored_before[base + "/news/northwind-capex.html"]
    feed = log["/feed.xml"]
    assert (feed.status, feed.http_status) == ("not_modified", 304)
    assert "followed 7 cached feed links" in feed.reason
    # never stored, so fetched in full again rather than skipped
    assert log["/news/empty-shell.html"].status == "failed"
    assert log["/news/withdrawn-story.html"].status == "failed"


def test_bad_sources_entry_is_logged_and_rest_crawled(site, tmp_path):
    base, sources = site
    text = sources.read_text(encoding="utf-8")
    bad = text.replace("edgar:", "  - name: broken\n    feeds: [ftp-not-http]\nedgar:", 1)
    path = tmp_path / "sources.yaml"
    path.write_text(bad, encoding="utf-8")
    line = bad.splitlines().index("    feeds: [ftp-not-http]") + 1
    result = crawl("news", path, tmp_path / "work", settings=FAST, timeout=120)
    config_entries = [e for e in result.log if e.url.startswith(str(path))]
    assert [e.url for e in config_entries] == [f"{path}#L{line}"]
    assert "not an http(s) URL" in config_entries[0].reason
    assert len(result.documents) == 5


def test_edgar_documents_from_watched_filing(edgar):
    base, result = edgar
    folder = "/Archives/edgar/data/1990001/000199000126000012/"
    main = _doc(base, result, folder + "nwcs-20260210.htm")
    exhibit = _doc(base, result, folder + "nwcsex991q425.htm")
    filings = [d for d in result.documents if d.form != XBRL_FORM]
    assert len(filings) == 2
    for doc in (main, exhibit):
        assert (doc.cik, doc.ticker, doc.form) == ("0001990001", "NWCS", "8-K")
        assert doc.items == ["2.02", "9.01"]
        assert doc.accession == "0001990001-26-000012"
        assert doc.filing_date == doc.published == date(2026, 2, 10)
        assert doc.source == "edgar"
    assert main.doc_type == "8-K"
    assert exhibit.doc_type == "press_release"
    assert "capital expenditures of $14.0 billion to $15.0 billion" in exhibit.text
    assert "Capital expenditures | $3,410 | $2,115" in exhibit.text
    assert "Item 2.02. Results of Operations" in main.text
    assert "EntityCentralIndexKey" not in main.text and "false" not in main.text


def test_edgar_log_and_companies(edgar):
    base, result = edgar
    log = _by_path(base, result.log)
    missing = "/Archives/edgar/data/1990001/000199000126000004/0001990001-26-000004-index.html"
    assert log[missing].status == "failed" and log[missing].http_status == 404
    reasons = [e.reason for e in result.log]
    assert "ticker ZZZZ not in ticker map" in reasons
    # the 5.02 8-K, the Form 4 and the old 10-Q are left out
    assert "followed submissions (2 watched, 2 new)" in reasons
    assert [(c.ticker, c.cik, c.name) for c in result.companies] == [
        ("NWCS", "0001990001", "Northwind Cloud Systems, Inc.")
    ]


def test_edgar_refuses_without_declared_user_agent(site, tmp_path, monkeypatch):
    monkeypatch.delenv("FINCLAIMS_SEC_USER_AGENT", raising=False)
    text = site[1].read_text(encoding="utf-8")
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace('  user_agent: "Finclaims Tests tests@example.com"\n', ""))
    with pytest.raises(CrawlError, match="FINCLAIMS_SEC_USER_AGENT"):
        crawl("edgar", path, tmp_path / "work", timeout=120)
