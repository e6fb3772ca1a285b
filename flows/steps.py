"""The pipeline's steps as plain functions, so the CLI, tests and Prefect tasks share them.

Each step takes and returns the pydantic models of ``finclaims.models``; none reaches into
another stage's internals. Prefect wraps these in ``flows/nightly.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from finclaims.config import Settings
from finclaims.models import Alert, Company, CrawlLogEntry, Document, Extraction
from finclaims.summary import RunSummary

log = logging.getLogger("finclaims")


class StoreOutcome(BaseModel):
    """What the warehouse did with one run's batch."""

    run_id: str
    documents_new: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    facts: dict[str, int] = Field(default_factory=dict)
    alerts: list[Alert] = Field(default_factory=list)


def extract(documents: Sequence[Document], companies: Sequence[Company] = ()) -> list[Extraction]:
    """Run the spaCy pipeline over all documents in one batched ``nlp.pipe`` pass."""
    import extractors

    if not documents:
        return []
    nlp = extractors.load(companies=list(companies) or None)
    return extractors.extract_documents(nlp, documents)


def store(
    db: Path,
    documents: Sequence[Document],
    extractions: Sequence[Extraction],
    crawl_log: Sequence[CrawlLogEntry] = (),
    companies: Sequence[Company] = (),
    params: dict | None = None,
    errors: Sequence[str] = (),
) -> StoreOutcome:
    """Load one batch in one transaction, record the run, detect guidance changes, publish."""
    import warehouse

    with warehouse.writer(db) as con:
        run_id = warehouse.start_run(con, params or {})
        if companies:
            warehouse.upsert_companies(con, list(companies))
        stats = warehouse.load_batch(
            con, list(documents), list(extractions), list(crawl_log), run_id=run_id
        )
        alerts = warehouse.detect_guidance_changes(con, run_id)
        facts = {
            "capex": stats.capex,
            "ad_claims": stats.ad_claims,
            "stances": stats.stances,
        }
        counts = {
            "documents_new": stats.documents_new,
            "documents_updated": stats.documents_updated,
            "documents_unchanged": stats.documents_unchanged,
            **facts,
            "alerts": len(alerts),
        }
        status = "completed_with_errors" if errors else "completed"
        warehouse.finish_run(con, run_id, status, counts, list(errors))
    warehouse.publish(db)
    return StoreOutcome(
        run_id=run_id,
        documents_new=stats.documents_new,
        documents_updated=stats.documents_updated,
        documents_unchanged=stats.documents_unchanged,
        facts=facts,
        alerts=alerts,
    )


def notify(db: Path, settings: Settings) -> list[str]:
    """Send every alert not yet announced; a failed send stays pending for the next run."""
    import warehouse
    from flows.notify import send_alerts

    urls = settings.notify_url_list()
    if not urls:
        return []
    with warehouse.writer(db) as con:
        pending = warehouse.pending_notifications(con, settings.notify_reaffirmed)
        sent, problems = send_alerts([alert for _, alert in pending], urls)
        warehouse.mark_notified(con, [alert_id for alert_id, _ in pending][: len(sent)])
    if sent:
        warehouse.publish(db)
    return problems


def ingest_files(paths: Sequence[Path], db: Path, settings: Settings) -> RunSummary:
    """Local files through extract -> load -> alerts, for documents an analyst drops in."""
    from finclaims.localfiles import read_document

    documents = [read_document(path) for path in paths]
    extractions = extract(documents)
    names = {doc.id: str(path) for doc, path in zip(documents, paths, strict=True)}
    for result in extractions:
        result.document = names.get(result.document_id, result.document)
    outcome = store(db, documents, extractions, params={"ingest": [str(p) for p in paths]})
    problems = notify(db, settings)
    return summarize(db, outcome, errors=problems)


def summarize(
    db: Path,
    outcome: StoreOutcome | None,
    *,
    failed: int = 0,
    errors: Sequence[str] = (),
    facts: dict[str, int] | None = None,
) -> RunSummary:
    """One summary shape for the nightly flow, ``ingest`` and dry runs."""
    if outcome is None:
        return RunSummary(
            db=db, dry_run=True, documents_failed=failed, facts=facts or {}, errors=list(errors)
        )
    return RunSummary(
        run_id=outcome.run_id,
        status="completed_with_errors" if errors else "completed",
        db=db,
        documents_new=outcome.documents_new,
        documents_updated=outcome.documents_updated,
        documents_unchanged=outcome.documents_unchanged,
        documents_failed=failed,
        facts=outcome.facts,
        alerts=outcome.alerts,
        errors=list(errors),
    )


def since_or_none(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
