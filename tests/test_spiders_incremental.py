"""Incrementality across nights: the crawl state in a state directory, committed only
after the documents are stored, makes the next crawl fetch only what is new or changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from finclaims.demo.server import serve_directory
from spiders.run import CrawlResult, commit_state, crawl
from tests.test_spiders_crawl import FAST, build_site


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    with serve_directory(root) as base:
        yield base, build_site(root, base), root


def _log(base: str, result: CrawlResult) -> dict:
    return {e.url.replace(base, ""): e for e in result.log}


def test_state_is_used_only_once_committed(site, tmp_path):
    base, sources, _ = site
    state = tmp_path / "crawl_state"
    first = crawl("news", sources, tmp_path / "night1", settings=FAST, state_dir=state)
    assert len(first.documents) == 5
    assert not (state / "news_state.json").exists()  # nothing promised before the load

    uncommitted = crawl("news", sources, tmp_path / "night2", settings=FAST, state_dir=state)
    assert len(uncommitted.documents) == 5  # the warehouse may not have them: fetch again

    commit_state(uncommitted)
    assert (state / "news_state.json").exists()
    third = crawl("news", sources, tmp_path / "night3", settings=FAST, state_dir=state)
    assert third.documents == []
    log = _log(base, third)
    assert log["/news/retail-media-roas.html"].status == "not_modified"
    assert log["/sitemap-news.xml"].http_status == 304


def test_page_modified_since_it_was_stored_is_fetched_again(site, tmp_path):
    base, sources, root = site
    state = tmp_path / "crawl_state"
    commit_state(crawl("news", sources, tmp_path / "n1", settings=FAST, state_dir=state))
    # Pretend the pages were stored long ago: the sitemap's lastmod (2026-02-11) of
    # northwind-capex is now newer, so it is asked for again, conditionally.
    path = state / "news_state.json"
    data = json.loads(path.read_text())
    for seen in data["seen"].values():
        seen["stored_on"] = "2026-01-01"
    path.write_text(json.dumps(data))

    unchanged = crawl("news", sources, tmp_path / "n2", settings=FAST, state_dir=state)
    entry = _log(base, unchanged)["/news/northwind-capex.html"]
    assert (entry.status, entry.http_status) == ("not_modified", 304)
    assert unchanged.documents == []

    page = root / "news" / "northwind-capex.html"
    page.write_text(page.read_text().replace("$14 billion", "$14.5 billion"))
    changed = crawl("news", sources, tmp_path / "n3", settings=FAST, state_dir=state)
    assert [d.url for d in changed.documents] == [base + "/news/northwind-capex.html"]
    assert "$14.5 billion" in changed.documents[0].text


def test_edgar_skips_stored_accessions_and_uses_cached_ciks(site, tmp_path):
    base, sources, _ = site
    state = tmp_path / "crawl_state"
    first = crawl("edgar", sources, tmp_path / "e1", since=date(2026, 1, 1), state_dir=state)
    assert len(first.documents) == 4  # the 8-K and its exhibit, two XBRL capex filings
    commit_state(first)
    again = crawl("edgar", sources, tmp_path / "e2", since=date(2026, 1, 1), state_dir=state)
    assert again.documents == []
    log = _log(base, again)
    index = "/Archives/edgar/data/1990001/000199000126000012/0001990001-26-000012-index.html"
    assert log[index].status == "not_modified"
    assert "already stored" in log[index].reason
    tickers = [e for e in again.log if e.url == base + "/files/company_tickers.json"]
    assert [(e.status, e.http_status) for e in tickers][0] == ("not_modified", 304)
    assert "ticker ZZZZ not in ticker map" in tickers[1].reason
    assert [c.ticker for c in again.companies] == ["NWCS"]
    # the filing whose index was missing (404) is tried again, not remembered as done
    missing = "/Archives/edgar/data/1990001/000199000126000004/0001990001-26-000004-index.html"
    assert log[missing].status == "failed"


def test_unreadable_state_means_full_crawl(site, tmp_path):
    _, sources, _ = site
    state = tmp_path / "crawl_state"
    state.mkdir()
    (state / "news_state.json").write_text("{not json", encoding="utf-8")
    result = crawl("news", sources, tmp_path / "n", settings=FAST, state_dir=state)
    assert len(result.documents) == 5
    assert Path(result.state_pending).exists()


def test_fresh_feed_and_robots_are_not_requested_again(tmp_path):
    """Cache-Control max-age: a same-day re-run answers feed and robots.txt from the state."""
    from tests.fault_server import Reply, serve_faults
    from tests.test_spiders_faults import article

    with serve_faults() as server:
        fresh = {"Cache-Control": "max-age=600"}
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>One</title><link>{server.base}/news/one.html</link></item>"
            "</channel></rss>"
        )
        server.route("/feed.xml", Reply(body=feed.encode(), headers=fresh))
        server.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", headers=fresh))
        page = article("Oakridge adds a campus", 3, "Oakridge said it would build more.")
        server.route("/news/one.html", Reply(body=page, headers=fresh))
        sources = tmp_path / "sources.yaml"
        sources.write_text(
            f'news:\n  - name: fresh\n    feeds: ["{server.base}/feed.xml"]\n', encoding="utf-8"
        )
        state = tmp_path / "state"
        first = crawl("news", sources, tmp_path / "n1", settings=FAST, state_dir=state)
        assert len(first.documents) == 1
        commit_state(first)
        hits_before = len(server.hits)
        second = crawl("news", sources, tmp_path / "n2", settings=FAST, state_dir=state)
        assert len(server.hits) == hits_before  # nothing at all was requested
        feed_entry = next(e for e in second.log if e.url.endswith("/feed.xml"))
        assert feed_entry.status == "not_modified"
        assert "fresh in HTTP cache" in feed_entry.reason
        assert second.documents == []


def test_state_forgets_pages_stored_long_ago_with_their_fingerprints():
    from spiders.state import CrawlState, Fingerprint

    state = CrawlState()
    state.remember_stored("https://a.example/old", "doc-old", None)
    state.remember_stored("https://a.example/new", "doc-new", None)
    state.seen["https://a.example/old"].stored_on = date(2025, 1, 1)
    state.fingerprints = [
        Fingerprint(body_hash="x", document_id="doc-old", url="https://a.example/old"),
        Fingerprint(body_hash="y", document_id="doc-new", url="https://a.example/new"),
    ]
    state.prune(keep_days=180)
    assert list(state.seen) == ["https://a.example/new"]
    assert [f.document_id for f in state.fingerprints] == ["doc-new"]
