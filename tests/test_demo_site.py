"""The bundled demo site is self-consistent when served over real HTTP.

`finclaims run --demo` crawls this site and nothing else, so a dangling link, a filing
index that lists a missing exhibit or a README that promises guidance the releases do not
state would make the demo fail for reasons that have nothing to do with the pipeline.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import lxml.etree
import lxml.html
import pytest
import yaml

from finclaims.demo.server import serve_directory
from spiders.sources import load_sources

DEMO = Path(__file__).resolve().parents[1] / "finclaims" / "demo"
SITE = DEMO / "site"
README = DEMO / "README.md"
BROKEN = "/news/2026/10/corvanta-ohio-campus-tour.html"
PRIVATE = "/private/drafts/corvanta-2027-preview.html"
DEMO_END = date(2026, 12, 1)
SITE_BUDGET_BYTES = 300_000
FICTIONAL = {"CRVA": "0002091734", "QLFR": "0002093518"}
SUBMISSION_KEYS = {
    "cik", "entityType", "sic", "sicDescription", "name", "tickers", "exchanges", "ein",
    "category", "fiscalYearEnd", "stateOfIncorporation", "addresses", "phone", "filings",
}  # fmt: skip
RECENT_KEYS = {
    "accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act", "form",
    "fileNumber", "items", "size", "isXBRL", "isInlineXBRL", "primaryDocument",
    "primaryDocDescription",
}  # fmt: skip
CAPEX_ROWS = ("Purchases of property and equipment, net", "Principal payments on finance leases")
EVENT_COLUMNS = ["company", "year", "event", "range", "prior", "filed", "acc"]
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def base() -> str:
    with serve_directory(SITE) as url:
        yield url


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, 4xx/5xx included (they are what some checks expect)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def get_ok(url: str) -> bytes:
    status, body = fetch(url)
    assert status == 200, f"{url}: HTTP {status}"
    return body


def get_json(url: str) -> dict:
    return json.loads(get_ok(url))


def page_text(body: bytes) -> str:
    """Visible text with whitespace collapsed, the way an extractor would see sentences."""
    root = lxml.html.fromstring(body)
    return re.sub(r"\s+", " ", root.text_content())


def path_of(url: str) -> str:
    return urlsplit(url).path


# ---------------------------------------------------------------- news: feed, sitemaps, robots


def feed_items(base: str) -> list[dict]:
    root = lxml.etree.fromstring(get_ok(f"{base}/feed.xml"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [
        {
            "url": urljoin(f"{base}/feed.xml", item.findtext("link")),
            "title": item.findtext("title"),
            "published": parsedate_to_datetime(item.findtext("pubDate")).date(),
        }
        for item in root.iter("item")
    ]


def sitemap_urls(base: str) -> list[str]:
    index = lxml.etree.fromstring(get_ok(f"{base}/sitemap.xml"))
    assert lxml.etree.QName(index).localname == "sitemapindex"
    urls = []
    for loc in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS):
        sitemap_url = urljoin(f"{base}/sitemap.xml", loc.strip())
        urlset = lxml.etree.fromstring(get_ok(sitemap_url))
        assert lxml.etree.QName(urlset).localname == "urlset"
        urls += [
            urljoin(sitemap_url, u.strip()) for u in urlset.xpath("//sm:loc/text()", namespaces=NS)
        ]
    return urls


def test_feed_lists_dated_articles_and_exactly_one_broken_link(base):
    items = feed_items(base)
    assert len(items) >= 5
    broken = []
    for item in items:
        assert item["title"]
        assert item["published"] < DEMO_END
        status, _ = fetch(item["url"])
        if status != 200:
            broken.append((path_of(item["url"]), status))
    assert broken == [(BROKEN, 404)]


def test_sitemap_index_leads_to_news_pages_that_all_resolve(base):
    urls = sitemap_urls(base)
    paths = {path_of(u) for u in urls}
    assert PRIVATE in paths, "the private page must be discoverable for robots.txt to matter"
    assert {path_of(i["url"]) for i in feed_items(base)} - {BROKEN} <= paths
    for url in urls:
        get_ok(url)


def test_robots_excludes_only_the_private_section(base):
    robots = RobotFileParser(f"{base}/robots.txt")
    robots.parse(get_ok(f"{base}/robots.txt").decode().splitlines())
    assert not robots.can_fetch("finclaims", f"{base}{PRIVATE}")
    for url in sitemap_urls(base):
        if path_of(url) != PRIVATE:
            assert robots.can_fetch("finclaims", url), url
    assert robots.can_fetch("finclaims", f"{base}/edgar/files/company_tickers.json")


def test_news_pages_carry_the_metadata_an_extractor_reads(base):
    feed_dates = {path_of(i["url"]): i["published"] for i in feed_items(base)}
    for url in sitemap_urls(base):
        if path_of(url) == PRIVATE:
            continue
        root = lxml.html.fromstring(get_ok(url))
        assert root.findtext(".//title").strip(), url
        canonical = root.xpath("//link[@rel='canonical']/@href")
        assert [path_of(urljoin(url, c)) for c in canonical] == [path_of(url)], url
        assert root.xpath("//meta[@property='og:url']/@content"), url
        published = root.xpath("//meta[@property='article:published_time']/@content")
        assert len(published) == 1, url
        day = datetime.fromisoformat(published[0]).date()
        assert day < DEMO_END, url
        if path_of(url) in feed_dates:
            assert feed_dates[path_of(url)] == day, f"{url}: feed and page disagree on the date"


def test_in_site_links_on_news_pages_resolve(base):
    for url in sitemap_urls(base):
        if path_of(url) == PRIVATE:
            continue
        root = lxml.html.fromstring(get_ok(url))
        for href in root.xpath("//a/@href | //link[@rel='stylesheet']/@href"):
            target = urljoin(url, href)
            if href.startswith("#") or urlsplit(target).netloc != urlsplit(base).netloc:
                continue
            assert fetch(target)[0] == 200, f"{url} links to missing {href}"


# ---------------------------------------------------------------- EDGAR-shaped endpoints


def test_ticker_map_has_the_real_shape(base):
    tickers = get_json(f"{base}/edgar/files/company_tickers.json")
    assert list(tickers) == [str(i) for i in range(len(tickers))]
    rows = list(tickers.values())
    for row in rows:
        assert set(row) == {"cik_str", "ticker", "title"}
        assert isinstance(row["cik_str"], int)
    by_ticker = {r["ticker"]: r for r in rows}
    for ticker, cik in FICTIONAL.items():
        assert by_ticker[ticker]["cik_str"] == int(cik)
    assert len(rows) > len(FICTIONAL), "real entries make the lookup non-trivial"


def test_fictional_filers_are_not_in_the_real_ticker_map_and_real_rows_are_copied_exactly(
    base, shared_dir
):
    real = json.loads((shared_dir / "datasets/edgar/tickers/company_tickers.json").read_text())
    real_by_ticker = {r["ticker"]: r for r in real.values()}
    real_ciks = {r["cik_str"] for r in real.values()}
    ours = get_json(f"{base}/edgar/files/company_tickers.json").values()
    for row in ours:
        if row["ticker"] in FICTIONAL:
            assert row["ticker"] not in real_by_ticker
            assert row["cik_str"] not in real_ciks
        else:
            assert real_by_ticker[row["ticker"]] == row


def submissions(base: str, ticker: str) -> dict:
    return get_json(f"{base}/edgar/submissions/CIK{FICTIONAL[ticker]}.json")


def recent_rows(sub: dict) -> list[dict]:
    recent = sub["filings"]["recent"]
    lengths = {k: len(v) for k, v in recent.items()}
    assert len(set(lengths.values())) == 1, f"ragged filings.recent arrays: {lengths}"
    return [dict(zip(recent, values, strict=True)) for values in zip(*recent.values(), strict=True)]


@pytest.mark.parametrize("ticker", sorted(FICTIONAL))
def test_submissions_have_the_real_keys(base, ticker):
    sub = submissions(base, ticker)
    assert sub.keys() >= SUBMISSION_KEYS
    assert sub["cik"] == FICTIONAL[ticker] and sub["tickers"] == [ticker]
    assert sub["filings"]["recent"].keys() >= RECENT_KEYS
    rows = recent_rows(sub)
    filed = [r["filingDate"] for r in rows]
    assert filed == sorted(filed, reverse=True), "EDGAR lists the newest filing first"
    for row in rows:
        assert date.fromisoformat(row["filingDate"]) < DEMO_END
        assert date.fromisoformat(row["reportDate"]) <= date.fromisoformat(row["filingDate"])
        assert re.fullmatch(r"\d{10}-\d{2}-\d{6}", row["accessionNumber"])
        assert row["acceptanceDateTime"].startswith(row["filingDate"])


def test_submissions_keys_match_a_real_payload(base, shared_dir):
    real = json.loads((shared_dir / "datasets/edgar/submissions/CIK0001045810.json").read_text())
    for ticker in FICTIONAL:
        sub = submissions(base, ticker)
        assert set(sub) == set(real)
        assert set(sub["filings"]) == set(real["filings"])
        assert set(sub["filings"]["recent"]) == set(real["filings"]["recent"])
        assert set(sub["addresses"]["business"]) == set(real["addresses"]["business"])


def test_the_story_has_the_filings_the_demo_needs(base):
    crva = recent_rows(submissions(base, "CRVA"))
    qlfr = recent_rows(submissions(base, "QLFR"))
    earnings = [r for r in crva if r["form"] == "8-K" and "2.02" in r["items"].split(",")]
    assert len(earnings) == 4
    assert any(r["form"] == "8-K" and "2.02" not in r["items"] for r in crva)
    assert [r["form"] for r in crva + qlfr].count("10-Q") == 1
    assert len([r for r in qlfr if "2.02" in r["items"]]) == 2


def index_rows(html: bytes) -> list[dict]:
    """The Document Format Files table, as a client of the real index page reads it."""
    root = lxml.html.fromstring(html)
    tables = root.xpath("//table[@class='tableFile' and @summary='Document Format Files']")
    assert len(tables) == 1
    header = [th.text_content().strip() for th in tables[0].xpath(".//tr/th")]
    assert header == ["Seq", "Description", "Document", "Type", "Size"]
    rows = []
    for tr in tables[0].xpath(".//tr[td]"):
        cells = tr.xpath("./td")
        rows.append(
            {
                "seq": cells[0].text_content().strip(),
                "description": cells[1].text_content().strip(),
                "href": cells[2].xpath(".//a/@href")[0],
                "name": cells[2].xpath(".//a")[0].text_content().strip(),
                "type": cells[3].text_content().strip(),
                "size": int(cells[4].text_content().strip()),
            }
        )
    return rows


def document_url(index_url: str, href: str) -> str:
    """Inline-XBRL rows link through the viewer (``/ix?doc=...``) as on sec.gov."""
    parts = urlsplit(href)
    if parts.path == "/ix":
        href = parse_qs(parts.query)["doc"][0]
    return urljoin(index_url, href)


def all_filings(base: str):
    for ticker, cik in FICTIONAL.items():
        for row in recent_rows(submissions(base, ticker)):
            folder = (
                f"{base}/edgar/Archives/edgar/data/{int(cik)}/"
                f"{row['accessionNumber'].replace('-', '')}/"
            )
            yield ticker, row, folder


def test_every_filing_has_its_index_page_and_documents(base):
    checked = 0
    for _ticker, row, folder in all_filings(base):
        index_url = f"{folder}{row['accessionNumber']}-index.html"
        html = get_ok(index_url)
        assert row["accessionNumber"].encode() in html
        rows = index_rows(html)
        primary = [r for r in rows if r["type"] == row["form"]]
        assert [r["name"] for r in primary] == [row["primaryDocument"]], index_url
        for doc in rows:
            url = document_url(index_url, doc["href"])
            assert url == folder + doc["name"], f"{index_url}: {doc['href']} leaves the filing"
            assert len(get_ok(url)) == doc["size"], f"{url}: Size column is stale"
            checked += 1
        listing = get_json(f"{folder}index.json")["directory"]["item"]
        assert {r["name"] for r in rows} <= {i["name"] for i in listing}
    assert checked >= 14


def test_earnings_filings_list_the_press_release_as_ex_99_1(base):
    for _ticker, row, folder in all_filings(base):
        rows = index_rows(get_ok(f"{folder}{row['accessionNumber']}-index.html"))
        exhibits = [r for r in rows if r["type"] == "EX-99.1"]
        if "2.02" in row["items"].split(","):
            assert [r["name"] for r in exhibits] == ["ex99-1.htm"]
            assert exhibits[0]["description"] == "EX-99.1"
            text = page_text(get_ok(folder + "ex99-1.htm"))
            assert "Exhibit 99.1" in text
            eightk = page_text(get_ok(folder + row["primaryDocument"]))
            assert "Item 2.02" in eightk and "Exhibit 99.1" in eightk
        else:
            assert exhibits == []


def test_index_page_items_match_the_submissions_row(base):
    for _ticker, row, folder in all_filings(base):
        text = page_text(get_ok(f"{folder}{row['accessionNumber']}-index.html"))
        listed = re.findall(r"Item (\d\.\d\d):", text)
        assert listed == [i for i in row["items"].split(",") if i]
        assert f"Form {row['form']}" in text and row["filingDate"] in text


# ---------------------------------------------------------------- the story told by the releases


def readme_events() -> list[dict]:
    """The guidance-events table of the README, which the end-to-end demo is held to."""
    section = README.read_text(encoding="utf-8").split("## Guidance events", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and re.fullmatch(r"\d{10}-\d{2}-\d{6}", cells[6]):
            rows.append(
                dict(
                    zip(
                        ["company", "year", "event", "range", "prior", "filed", "acc"],
                        cells,
                        strict=True,
                    )
                )
            )
    return rows


def release_text(base: str, accession: str) -> str:
    cik = int(accession.split("-")[0])
    folder = f"{base}/edgar/Archives/edgar/data/{cik}/{accession.replace('-', '')}/"
    return page_text(get_ok(folder + "ex99-1.htm"))


def test_readme_events_are_each_stated_in_their_press_release(base):
    events = readme_events()
    assert [e["event"] for e in events if e["company"] == "CRVA"] == [
        "new", "raised", "narrowed", "reaffirmed", "new",
    ]  # fmt: skip
    assert [e["event"] for e in events if e["company"] == "QLFR"] == ["new", "lowered"]
    for event in events:
        text = release_text(base, event["acc"])
        sentence = next(
            (
                s
                for s in re.split(r"(?<=\.) ", text)
                if f"{event['year']} capital expenditures" in s
                and f"${event['range']} billion" in s
            ),
            None,
        )
        assert sentence, f"{event['acc']} does not state {event['year']} capex ${event['range']}bn"
        if event["prior"] and event["event"] != "reaffirmed":
            assert f"prior outlook of ${event['prior']} billion" in sentence


def test_stated_quarterly_capex_equals_the_cash_flow_table(base):
    for _ticker, row, folder in all_filings(base):
        if "2.02" not in row["items"].split(","):
            continue
        html = get_ok(folder + "ex99-1.htm")
        text = page_text(html)
        stated = re.search(
            r"Capital expenditures, including principal payments on finance leases, "
            r"were \$(\d+\.\d) billion",
            text,
        )
        assert stated, folder
        wanted = (
            "Purchases of property and equipment, net",
            "Principal payments on finance leases",
        )
        spent = 0
        for tr in lxml.html.fromstring(html).xpath("//tr"):
            tds = [td.text_content().strip() for td in tr.xpath("./td")]
            if tds and tds[0] in wanted:
                spent += int(tds[1].strip("()").replace(",", ""))
        assert spent == round(float(stated.group(1)) * 1000), folder


def test_news_repeats_of_guidance_use_the_release_figures(base):
    """The news report of the April raise must not look like a second, different event."""
    release = release_text(base, "0002091734-26-000011")
    news = page_text(get_ok(f"{base}/news/2026/04/corvanta-raises-2026-capex-outlook.html"))
    assert "$44-48 billion" in release and "$38-42 billion" in release
    assert "$44 billion to $48 billion" in news and "$38 billion to $42 billion" in news


# ---------------------------------------------------------------- sources.yaml and size


def test_sources_template_renders_to_a_config_the_spiders_accept(base, tmp_path):
    template = (DEMO / "sources.yaml").read_text(encoding="utf-8")
    assert "{base}" in template
    rendered = tmp_path / "sources.yaml"
    rendered.write_text(template.replace("{base}", base), encoding="utf-8")
    assert "{base}" not in rendered.read_text()
    raw = yaml.safe_load(rendered.read_text())
    assert set(raw) == {"news", "edgar"}
    config = load_sources(rendered)
    assert config.problems == []
    assert config.edgar.tickers == ["CRVA", "QLFR"]
    assert "EX-99.1" in config.edgar.exhibits and "2.02" in config.edgar.items
    get_ok(config.edgar.endpoints.tickers)
    for cik in FICTIONAL.values():
        get_ok(f"{config.edgar.endpoints.submissions}CIK{cik}.json")
    (news,) = config.news
    assert news.allowed_domains == ["127.0.0.1"]
    for url in news.feeds + news.sitemaps + news.urls:
        get_ok(url)


def test_site_stays_small():
    total = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    assert total < SITE_BUDGET_BYTES, f"demo site is {total} bytes"
