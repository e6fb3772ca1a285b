"""``guidance-watch``: the fast path from a new earnings 8-K to its alert, every few minutes.

Each poll costs one SEC request (the latest-filings Atom feed). Only when a watched
company has filed an 8-K with a watched item (2.02 results) that the warehouse does not
hold yet does it crawl that company's new filings (ticker map, submissions, index and
documents: a handful of requests) and run extract -> load -> detect -> notify on them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger

from finclaims.summary import RunSummary
from flows import steps, tasks
from flows.edgar_feed import FeedEntry, feed_url, fetch, parse_feed, watched_filings
from flows.edgar_sources import edgar_config, narrowed_sources
from flows.runlock import run_lock


def _watched_ciks(db: Path, tickers: list[str], ticker_map_url: str, agent: str) -> dict:
    """``{cik: ticker}`` from the warehouse, asking SEC's ticker map only for unknown ones."""
    import json

    import warehouse
    from warehouse.alerts import company_ciks

    known: dict[str, str] = {}
    if Path(db).exists():
        with warehouse.analyst_connect(Path(db)) as con:
            known = company_ciks(con, tickers)
    if set(known.values()) >= set(tickers):
        return known
    rows = json.loads(fetch(ticker_map_url, agent)).values()
    by_ticker = {r["ticker"].upper(): f"{int(r['cik_str']):010d}" for r in rows}
    return {by_ticker[t]: t for t in tickers if t in by_ticker}


def _stored(db: Path, accessions: list[str]) -> set[str]:
    import warehouse
    from warehouse.alerts import known_accessions

    if not Path(db).exists() or not accessions:
        return set()
    with warehouse.analyst_connect(Path(db)) as con:
        return known_accessions(con, accessions)


def new_filings(sources: str, db: str, feed: str | None) -> list[tuple[str, FeedEntry]]:
    """Watched filings on the feed that the warehouse does not hold yet."""
    from spiders.edgar import declared_user_agent

    edgar = edgar_config(Path(sources))
    agent = declared_user_agent(edgar)
    url = feed or feed_url(edgar.endpoints.archives)
    entries = parse_feed(fetch(url, agent), base_url=url)
    ciks = _watched_ciks(Path(db), edgar.tickers, edgar.endpoints.tickers, agent)
    watched = watched_filings(entries, ciks, edgar.items, edgar.forms)
    stored = _stored(Path(db), [e.accession for _, e in watched])
    return [(ticker, e) for ticker, e in watched if e.accession not in stored]


@flow(name="guidance-watch", log_prints=True)
def guidance_watch(
    sources: str = "sources.yaml",
    db: str = "data/finclaims.duckdb",
    feed_url: str | None = None,
    notify: bool = True,
    crawl_timeout_seconds: float = 300,
    lock_wait_seconds: float = 900,
) -> RunSummary:
    """Poll the latest-filings feed; new watched 8-Ks go through extract -> load -> alert."""
    logger = get_run_logger()
    with run_lock(Path(db), "guidance-watch", 0):
        found = new_filings(sources, db, feed_url)
        if not found:
            logger.info("no new filings of watched companies on the feed")
            return RunSummary(db=Path(db), status="no new filings")
        for ticker, entry in found:
            logger.info("new %s %s filed %s: %s", ticker, entry.form, entry.filed, entry.accession)
        return _ingest(sources, db, found, notify, crawl_timeout_seconds, lock_wait_seconds)


def _ingest(sources, db, found, notify, crawl_timeout, wait) -> RunSummary:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    workdir = Path(db).parent / "crawls" / f"watch-{stamp}"
    narrowed = narrowed_sources(
        edgar_config(Path(sources)),
        [t for t, _ in found],
        workdir / "sources.yaml",
        forms=[e.form for _, e in found],
    )
    since = min((e.filed for _, e in found if e.filed), default=None)
    result = tasks.crawl("edgar", str(narrowed), str(workdir), since, crawl_timeout)
    wanted = {e.accession for _, e in found}
    result = result.model_copy(
        update={"documents": [d for d in result.documents if d.accession in wanted]}
    )
    extractions, problems = tasks.extract(result.documents, result.companies)
    params = {"flow": "guidance-watch", "accessions": sorted(wanted)}
    loaded = tasks.load(db, [result], extractions, params, wait)
    outcome = tasks.detect(db, loaded, wait)
    errors = problems + (tasks.notify(db, wait) if notify else [])
    tasks.finish(db, outcome, errors, wait)
    summary = steps.summarize(Path(db), outcome, errors=errors)
    tasks.publish_artifacts(summary, key_prefix="guidance-watch")
    return summary


if __name__ == "__main__":
    guidance_watch()
