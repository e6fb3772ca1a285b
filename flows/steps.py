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


def extract(
    documents: Sequence[Document],
    companies: Sequence[Company] = (),
    problems: list[str] | None = None,
) -> list[Extraction]:
    """Run the spaCy pipeline over all documents in one batched ``nlp.pipe`` pass.

    A document the pipeline cannot process is left without facts (it is still stored, so
    a better extractor can take it up later); each such problem is added to ``problems``.
    """
    import extractors

    if not documents:
        return []
    nlp = extractors.load(companies=list(companies) or None)
    found: list = []
    results = extractors.extract_documents(nlp, documents, problems=found)
    if problems is not None:
        problems.extend(f"extraction: {problem}" for problem in found)
    return results


class LoadOutcome(BaseModel):
    """The run row opened for a batch and what loading it changed."""

    run_id: str
    documents_new: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    facts: dict[str, int] = Field(default_factory=dict)


class StoreOutcome(LoadOutcome):
    """What the warehouse did with one run's batch, with the guidance events it found."""

    alerts: list[Alert] = Field(default_factory=list)


def load(
    db: Path,
    documents: Sequence[Document],
    extractions: Sequence[Extraction],
    crawl_log: Sequence[CrawlLogEntry] = (),
    companies: Sequence[Company] = (),
    params: dict | None = None,
    wait_seconds: float = 0,
) -> LoadOutcome:
    """Open the run's row and load the batch in one transaction (all of it or nothing)."""
    import warehouse

    with warehouse.writer(db, wait_seconds=wait_seconds) as con:
        run_id = warehouse.start_run(con, params or {})
        if companies:
            warehouse.upsert_companies(con, list(companies))
        stats = warehouse.load_batch(
            con, list(documents), list(extractions), list(crawl_log), run_id=run_id
        )
    return LoadOutcome(
        run_id=run_id,
        documents_new=stats.documents_new,
        documents_updated=stats.documents_updated,
        documents_unchanged=stats.documents_unchanged,
        facts={"capex": stats.capex, "ad_claims": stats.ad_claims, "stances": stats.stances},
    )


def detect(db: Path, loaded: LoadOutcome, wait_seconds: float = 0) -> StoreOutcome:
    """Judge every not-yet-examined guidance statement.

    Detection looks at all unexamined documents, not only this batch's, so a run that
    died after loading has its events raised by the next one.
    """
    import warehouse

    with warehouse.writer(db, wait_seconds=wait_seconds) as con:
        alerts = warehouse.detect_guidance_changes(con, loaded.run_id)
    return StoreOutcome(**loaded.model_dump(), alerts=alerts)


def finish(
    db: Path, outcome: StoreOutcome, errors: Sequence[str] = (), wait_seconds: float = 0
) -> Path:
    """Close the run's row with its counts and problems, then publish the snapshot."""
    import warehouse

    status = "completed_with_errors" if errors else "completed"
    with warehouse.writer(db, wait_seconds=wait_seconds) as con:
        warehouse.finish_run(con, outcome.run_id, status, _counts(outcome), list(errors))
    return warehouse.publish(db, wait_seconds=wait_seconds)


def store(
    db: Path,
    documents: Sequence[Document],
    extractions: Sequence[Extraction],
    crawl_log: Sequence[CrawlLogEntry] = (),
    companies: Sequence[Company] = (),
    params: dict | None = None,
    errors: Sequence[str] = (),
    wait_seconds: float = 0,
) -> StoreOutcome:
    """Load, detect, close the run and publish, for ``ingest`` and tests."""
    loaded = load(db, documents, extractions, crawl_log, companies, params, wait_seconds)
    outcome = detect(db, loaded, wait_seconds)
    finish(db, outcome, errors, wait_seconds)
    return outcome


def notify(
    db: Path,
    settings: Settings,
    *,
    wait_seconds: float = 0,
    publish: bool = True,
    channels: Sequence | None = None,
) -> list[str]:
    """Deliver every alert each channel still owes; returns problems, never raises for them."""
    import warehouse
    from flows.channels import configured_channels
    from flows.notify import deliver

    problems: list[str] = []
    if channels is None:
        channels, problems = configured_channels(settings)
    if channels:
        with warehouse.writer(db, wait_seconds=wait_seconds) as con:
            report = deliver(con, channels, include_reaffirmed=settings.notify_reaffirmed)
        problems += report.problems
        if publish and (report.sent or report.failed or report.queued):
            warehouse.publish(db, wait_seconds=wait_seconds)
    for problem in problems:
        log.warning(problem)
    return problems


def settle(db: Path, run_id: str, wait_seconds: float = 0) -> int:
    """A backfill's alerts are history: stored, and owed to no channel."""
    import warehouse
    from warehouse.alerts import settle_run

    with warehouse.writer(db, wait_seconds=wait_seconds) as con:
        return settle_run(con, run_id)


def _counts(outcome: StoreOutcome) -> dict[str, int]:
    return {
        "documents_new": outcome.documents_new,
        "documents_updated": outcome.documents_updated,
        "documents_unchanged": outcome.documents_unchanged,
        **outcome.facts,
        "alerts": len(outcome.alerts),
    }


def ingest_files(paths: Sequence[Path], db: Path, settings: Settings) -> RunSummary:
    """Local files through extract -> load -> alerts, for documents an analyst drops in."""
    from finclaims.localfiles import read_document

    documents = [read_document(path) for path in paths]
    problems: list[str] = []
    extractions = extract(documents, problems=problems)
    names = {doc.id: str(path) for doc, path in zip(documents, paths, strict=True)}
    for result in extractions:
        result.document = names.get(result.document_id, result.document)
    params = {"ingest": [str(p) for p in paths]}
    outcome = store(db, documents, extractions, params=params, errors=problems)
    problems += notify(db, settings)
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
