"""The Prefect tasks every flow shares: crawl, extract, load, detect, notify, finish.

Each wraps one plain function of ``flows.steps`` so the UI shows where time goes, and
retries only what can pass on a second try (a crawl process that died, a busy writer
lock); a bad batch or a bad config fails at once with its message.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.tasks import exponential_backoff

from finclaims.config import Settings
from finclaims.models import Company, Document, Extraction
from finclaims.summary import RunSummary, describe_alert, describe_range
from flows import steps


def _transient(task, task_run, state) -> bool:  # noqa: ARG001 - Prefect's retry hook signature
    """Retry a crawl process that died or a writer lock held a moment too long."""
    from spiders.run import CrawlError
    from warehouse import WarehouseBusy

    try:
        state.result()
    except (CrawlError, WarehouseBusy, OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


@task(
    task_run_name="crawl-{spider}",
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=10),
    retry_jitter_factor=0.5,
    retry_condition_fn=_transient,
)
def crawl(
    spider: str,
    sources: str,
    workdir: str,
    since: date | None = None,
    timeout_seconds: float = 1800,
    state_dir: str | None = None,
):
    """One spider in its own process (Scrapy's reactor cannot restart in this one).

    The process is killed after ``timeout_seconds``: a Prefect timeout cannot interrupt a
    task running in a worker thread, a subprocess timeout can.
    """
    from spiders.run import crawl as run_crawl

    state = Path(state_dir) if state_dir else None
    result = run_crawl(
        spider,
        Path(sources),
        Path(workdir) / spider,
        since=since,
        timeout=timeout_seconds,
        state_dir=state,
    )
    get_run_logger().info(
        "%s: %d documents, %d URLs logged", spider, len(result.documents), len(result.log)
    )
    return result


@task(retries=1, timeout_seconds=3600)
def extract(
    documents: list[Document], companies: list[Company]
) -> tuple[list[Extraction], list[str]]:
    """All documents through the spaCy pipeline in one batched pass; returns the problems
    (documents or facts left out, each with its reason) for the run's error list."""
    problems: list[str] = []
    results = steps.extract(documents, companies, problems)
    logger = get_run_logger()
    logger.info("extracted claims from %d of %d documents", len(results), len(documents))
    for problem in problems:
        logger.warning(problem)
    return results, problems


@task(
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=5),
    retry_condition_fn=_transient,
    timeout_seconds=1800,
)
def load(
    db: str, crawled: list, extractions: list[Extraction], params: dict, wait_seconds: float
) -> steps.LoadOutcome:
    """One transaction per batch: a crash leaves the warehouse at the previous run."""
    documents = [doc for result in crawled for doc in result.documents]
    log = [entry for result in crawled for entry in result.log]
    companies = [company for result in crawled for company in result.companies]
    outcome = steps.load(
        Path(db), documents, extractions, log, companies, params, wait_seconds=wait_seconds
    )
    # Only once the documents are stored may the next night's crawl skip them.
    from spiders.run import commit_state

    for result in crawled:
        commit_state(result)
    get_run_logger().info(
        "run %s: %d new, %d updated, %d unchanged documents",
        outcome.run_id,
        outcome.documents_new,
        outcome.documents_updated,
        outcome.documents_unchanged,
    )
    return outcome


@task(retries=3, retry_delay_seconds=[5, 15, 45], retry_condition_fn=_transient)
def detect(db: str, loaded: steps.LoadOutcome, wait_seconds: float) -> steps.StoreOutcome:
    """Guidance changes in every document not yet examined, this run's or a crashed one's."""
    outcome = steps.detect(Path(db), loaded, wait_seconds=wait_seconds)
    for alert in outcome.alerts:
        get_run_logger().info("guidance event: %s", describe_alert(alert))
    return outcome


@task(timeout_seconds=600)
def notify(db: str, wait_seconds: float) -> list[str]:
    """Deliver what each channel still owes; problems are returned, never raised."""
    try:
        return steps.notify(Path(db), Settings(), wait_seconds=wait_seconds, publish=False)
    except Exception as exc:  # notification must never fail the ingest
        get_run_logger().error("notification step failed: %s", exc)
        return [f"notification step failed: {exc}; alerts stay queued for the next run"]


@task(retries=3, retry_delay_seconds=[5, 15, 45], retry_condition_fn=_transient)
def finish(db: str, outcome: steps.StoreOutcome, errors: list[str], wait_seconds: float) -> str:
    """Close the run row and publish the analysts' snapshot."""
    return str(steps.finish(Path(db), outcome, errors, wait_seconds=wait_seconds))


def publish_artifacts(summary: RunSummary, key_prefix: str = "nightly") -> None:
    """A markdown summary and a table of guidance changes, under stable keys for the UI."""
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
    create_markdown_artifact(
        "\n".join(lines), key=f"{key_prefix}-summary", description="run summary"
    )
    rows = [
        {
            "company": a.company,
            "fiscal_year": a.fiscal_year,
            "event": a.event + (" (unconfirmed)" if a.unconfirmed else ""),
            "guidance": describe_range(a.low_usd, a.high_usd),
            "prior": describe_range(a.prior_low_usd, a.prior_high_usd)
            if a.prior_high_usd or a.prior_low_usd
            else "",
            "url": a.url,
        }
        for a in summary.alerts
    ]
    create_table_artifact(rows, key="guidance-changes", description="capex guidance changes")
