"""The nightly job: crawl news and EDGAR, extract claims, load DuckDB, publish, alert.

Each step is a small Prefect task around a plain function of ``flows.steps`` so that the
UI shows where time goes and transient failures are retried where they happen.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from finclaims.config import Settings
from finclaims.models import Company, Document, Extraction
from finclaims.summary import RunSummary, describe_alert, describe_range
from flows import steps

# Crawl


@task(retries=2, retry_delay_seconds=[10, 60], timeout_seconds=3600)
def crawl(spider: str, sources: str, workdir: str, since: date | None = None):
    """One spider in its own process (Scrapy's reactor cannot restart in this one)."""
    from spiders.run import crawl as run_crawl

    result = run_crawl(spider, Path(sources), Path(workdir) / spider, since=since)
    get_run_logger().info(
        "%s: %d documents, %d URLs logged", spider, len(result.documents), len(result.log)
    )
    return result


# Extract


@task(retries=1, timeout_seconds=3600)
def extract(documents: list[Document], companies: list[Company]) -> list[Extraction]:
    """All documents through the spaCy pipeline in one batched pass."""
    results = steps.extract(documents, companies)
    get_run_logger().info("extracted claims from %d documents", len(results))
    return results


# Load, detect, publish


@task(retries=2, retry_delay_seconds=[5, 30], timeout_seconds=1800)
def store(db: str, crawled: list, extractions: list[Extraction], params: dict, errors: list[str]):
    """One transaction per run; the published snapshot changes only when it commits."""
    documents = [doc for result in crawled for doc in result.documents]
    log = [entry for result in crawled for entry in result.log]
    companies = [company for result in crawled for company in result.companies]
    return steps.store(Path(db), documents, extractions, log, companies, params, errors)


@task(retries=2, retry_delay_seconds=[5, 30], timeout_seconds=300)
def notify(db: str) -> list[str]:
    """Announce each new guidance event once; failures stay pending for the next run."""
    return steps.notify(Path(db), Settings())


def _artifacts(summary: RunSummary) -> None:
    lines = [
        f"## finclaims run `{summary.run_id}`: {summary.status}",
        "",
        "| documents new | updated | unchanged | failed |",
        "|---:|---:|---:|---:|",
        f"| {summary.documents_new} | {summary.documents_updated} "
        f"| {summary.documents_unchanged} | {summary.documents_failed} |",
        "",
        "Facts: " + (", ".join(f"{k} {v}" for k, v in summary.facts.items()) or "none"),
        "",
        f"Alerts: {len(summary.alerts)}",
        *[f"- {describe_alert(a)} — [{a.url}]({a.url})" for a in summary.alerts],
        *[f"- problem: {e}" for e in summary.errors],
    ]
    create_markdown_artifact("\n".join(lines), key="nightly-summary", description="run summary")
    rows = [
        {
            "company": a.company,
            "fiscal_year": a.fiscal_year,
            "event": a.event,
            "guidance": describe_range(a.low_usd, a.high_usd),
            "prior": describe_range(a.prior_low_usd, a.prior_high_usd)
            if a.prior_high_usd or a.prior_low_usd
            else "",
            "url": a.url,
        }
        for a in summary.alerts
    ]
    create_table_artifact(rows, key="guidance-changes", description="capex guidance changes")


def _sections(sources: str) -> tuple[bool, bool, list[str]]:
    """Which spiders have work, and the config entries left out (each with its line)."""
    from spiders.sources import load_sources

    config = load_sources(Path(sources))
    problems = [f"{sources}: line {p.line}: {p.message}" for p in config.problems]
    for problem in problems:
        get_run_logger().warning(problem)
    return bool(config.news), config.edgar is not None, problems


@flow(name="nightly-ingest", log_prints=True)
def nightly_ingest(
    sources: str = "sources.yaml",
    db: str = "data/finclaims.duckdb",
    since: date | None = None,
    dry_run: bool = False,
) -> RunSummary:
    """Crawl every configured source, extract claims, load, publish and alert."""
    logger = get_run_logger()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    workdir = Path(db).parent / "crawls" / stamp
    has_news, has_edgar, errors = _sections(sources)
    futures = []
    if has_news:
        futures.append(crawl.submit("news", sources, str(workdir)))
    if has_edgar:
        futures.append(crawl.submit("edgar", sources, str(workdir), since))
    crawled = []
    for future in futures:
        try:
            crawled.append(future.result())
        except Exception as exc:  # a failed source is recorded; the others still load
            logger.error("crawl failed: %s", exc)
            errors.append(f"crawl failed: {exc}")
    documents = [doc for result in crawled for doc in result.documents]
    companies = [company for result in crawled for company in result.companies]
    failed = sum(1 for r in crawled for entry in r.log if entry.status == "failed")
    extractions = extract(documents, companies)
    if dry_run:
        facts = {
            "capex": sum(len(e.capex) for e in extractions),
            "ad_claims": sum(len(e.ad_claims) for e in extractions),
            "stances": sum(len(e.stances) for e in extractions),
        }
        return steps.summarize(Path(db), None, failed=failed, errors=errors, facts=facts)
    params = {"sources": sources, "since": str(since) if since else None, "workdir": str(workdir)}
    outcome = store(db, crawled, extractions, params, errors)
    errors += notify(db)
    summary = steps.summarize(Path(db), outcome, failed=failed, errors=errors)
    _artifacts(summary)
    return summary


if __name__ == "__main__":
    nightly_ingest()
