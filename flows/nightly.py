"""The nightly job: crawl news and EDGAR, extract claims, load DuckDB, detect, notify, publish.

Each step is a small Prefect task (``flows.tasks``) so that the UI shows where time goes
and transient failures are retried where they happen. Every knob is a flow parameter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger

from finclaims.summary import RunSummary
from flows import steps, tasks
from flows.runlock import run_lock


def _sections(sources: str) -> tuple[bool, bool, list[str]]:
    """Which spiders have work, and the config entries left out (each with its line)."""
    from spiders.sources import load_sources

    config = load_sources(Path(sources))
    problems = [f"{sources}: line {p.line}: {p.message}" for p in config.problems]
    for problem in problems:
        get_run_logger().warning(problem)
    return bool(config.news), config.edgar is not None, problems


def _crawl_all(
    sources: str, workdir: Path, since: date | None, timeout: float, errors: list, state_dir=None
):
    """News and EDGAR crawl concurrently; a failed source is recorded, the other still loads."""
    has_news, has_edgar, problems = _sections(sources)
    errors += problems
    futures = []
    if has_news:
        news = tasks.crawl.submit("news", sources, str(workdir), None, timeout, state_dir)
        futures.append(news)
    if has_edgar:
        edgar = tasks.crawl.submit("edgar", sources, str(workdir), since, timeout, state_dir)
        futures.append(edgar)
    crawled = []
    for future in futures:
        try:
            crawled.append(future.result())
        except Exception as exc:
            get_run_logger().error("crawl failed: %s", exc)
            errors.append(f"crawl failed: {exc}")
    return crawled


@flow(name="nightly-ingest", log_prints=True)
def nightly_ingest(
    sources: str = "sources.yaml",
    db: str = "data/finclaims.duckdb",
    since: date | None = None,
    dry_run: bool = False,
    notify: bool = True,
    crawl_timeout_seconds: float = 1800,
    lock_wait_seconds: float = 600,
    overlap_wait_seconds: float = 0,
) -> RunSummary:
    """Crawl every configured source, extract claims, load, detect, notify and publish.

    A second run on the same database waits ``overlap_wait_seconds`` for the first, then
    exits with a message; steps wait up to ``lock_wait_seconds`` for the writer lock that
    ``guidance-watch`` may hold for a few seconds.
    """
    with run_lock(Path(db), "nightly-ingest", overlap_wait_seconds):
        return _nightly(
            sources, db, since, dry_run, notify, crawl_timeout_seconds, lock_wait_seconds
        )


def _nightly(sources, db, since, dry_run, notify, crawl_timeout, wait) -> RunSummary:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    workdir = Path(db).parent / "crawls" / stamp
    errors: list[str] = []
    state_dir = str(Path(db).parent / "crawl_state")  # what earlier nights stored
    crawled = _crawl_all(sources, workdir, since, crawl_timeout, errors, state_dir)
    documents = [doc for result in crawled for doc in result.documents]
    companies = [company for result in crawled for company in result.companies]
    failed = sum(1 for r in crawled for entry in r.log if entry.status == "failed")
    extractions, problems = tasks.extract(documents, companies)
    errors += problems
    if dry_run:
        facts = {
            "capex": sum(len(e.capex) for e in extractions),
            "ad_claims": sum(len(e.ad_claims) for e in extractions),
            "stances": sum(len(e.stances) for e in extractions),
        }
        return steps.summarize(Path(db), None, failed=failed, errors=errors, facts=facts)
    params = {
        "flow": "nightly-ingest",
        "sources": sources,
        "since": str(since) if since else None,
        "workdir": str(workdir),
    }
    loaded = tasks.load(db, crawled, extractions, params, wait)
    outcome = tasks.detect(db, loaded, wait)
    if notify:
        errors += tasks.notify(db, wait)
    tasks.finish(db, outcome, errors, wait)
    summary = steps.summarize(Path(db), outcome, failed=failed, errors=errors)
    tasks.publish_artifacts(summary)
    return summary


if __name__ == "__main__":
    nightly_ingest()
