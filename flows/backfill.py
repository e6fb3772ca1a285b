"""``backfill``: first loads of EDGAR history for some tickers over a date range.

History is recorded, not announced: the events a backfill finds are stored like any
others (so the next filing is compared with the right prior), but they are owed to no
channel unless ``notify`` is set.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger

from finclaims.summary import RunSummary
from flows import steps, tasks
from flows.edgar_sources import edgar_config, narrowed_sources
from flows.runlock import run_lock


@flow(name="backfill", log_prints=True)
def backfill(
    start: date,
    end: date | None = None,
    tickers: list[str] | None = None,
    sources: str = "sources.yaml",
    db: str = "data/finclaims.duckdb",
    notify: bool = False,
    crawl_timeout_seconds: float = 3600,
    lock_wait_seconds: float = 1800,
) -> RunSummary:
    """Filings of ``tickers`` (default: the configured ones) filed from ``start`` to ``end``."""
    end = end or datetime.now(UTC).date()
    if end < start:
        raise ValueError(f"backfill end {end} is before its start {start}")
    edgar = edgar_config(Path(sources))
    tickers = [t.upper() for t in (tickers or edgar.tickers)]
    with run_lock(Path(db), "backfill", 0):
        workdir = Path(db).parent / "crawls" / f"backfill-{datetime.now(UTC):%Y%m%dT%H%M%S}"
        narrowed = narrowed_sources(edgar, tickers, workdir / "sources.yaml")
        result = tasks.crawl("edgar", str(narrowed), str(workdir), start, crawl_timeout_seconds)
        kept = [d for d in result.documents if (d.filing_date or d.published or end) <= end]
        get_run_logger().info(
            "%d of %d documents fall in %s..%s", len(kept), len(result.documents), start, end
        )
        result = result.model_copy(update={"documents": kept})
        extractions, problems = tasks.extract(kept, result.companies)
        params = {"flow": "backfill", "start": str(start), "end": str(end), "tickers": tickers}
        loaded = tasks.load(db, [result], extractions, params, lock_wait_seconds)
        outcome = tasks.detect(db, loaded, lock_wait_seconds)
        errors = list(problems)
        if notify:
            errors += tasks.notify(db, lock_wait_seconds)
        else:
            steps.settle(Path(db), outcome.run_id, wait_seconds=lock_wait_seconds)
        tasks.finish(db, outcome, errors, lock_wait_seconds)
        summary = steps.summarize(Path(db), outcome, errors=errors)
        tasks.publish_artifacts(summary, key_prefix="backfill")
        return summary


if __name__ == "__main__":
    backfill(start=date(datetime.now(UTC).year, 1, 1))
