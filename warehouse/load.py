"""Bulk, idempotent, all-or-nothing loading of one pipeline batch.

The whole batch is one transaction: a crash or a bad row leaves the warehouse exactly as
it was. Rows go in as Arrow tables (``INSERT ... SELECT``), never row by row. Facts of a
document are replaced as a set, so loading the same batch twice, or re-extracting a
document with a better extractor, never duplicates a fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import duckdb

from finclaims.models import Company, CrawlLogEntry, Document, Extraction
from warehouse import arrow_batches as ab
from warehouse.errors import LoadError
from warehouse.queries import named_queries
from warehouse.statements import registered, run, scalar, transaction

_Q = named_queries("load")


@dataclass(frozen=True)
class LoadStats:
    """What one ``load_batch`` changed; ``documents_updated`` = new version of a known URL."""

    documents_new: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    capex: int = 0
    ad_claims: int = 0
    stances: int = 0
    crawl_log: int = 0

    @property
    def fact_rows(self) -> int:
        return self.capex + self.ad_claims + self.stances

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def load_batch(
    con: duckdb.DuckDBPyConnection,
    documents: list[Document],
    extractions: list[Extraction],
    crawl_log: list[CrawlLogEntry],
    run_id: str | None = None,
) -> LoadStats:
    """Store documents, their facts and the crawl log in one transaction."""
    extractions = _last_extraction_per_document(extractions)
    try:
        tables = ab.batch_tables(documents, extractions, crawl_log)
    except ValueError as exc:
        raise LoadError(f"batch rejected before loading: {exc}") from exc
    with registered(con, tables), transaction(con):
        _check_orphans(con)
        unchanged, new_urls, fresh = run(con, _Q["document_stats"])[0]
        params = {"run_id": run_id}
        run(con, _Q["insert_documents"], params)
        _replace_facts(con, params)
        crawl_rows = scalar(con, _Q["insert_crawl_log"], params)
    return LoadStats(
        documents_new=new_urls,
        documents_updated=fresh - new_urls,
        documents_unchanged=unchanged,
        capex=tables["batch_capex"].num_rows,
        ad_claims=tables["batch_ad_claims"].num_rows,
        stances=tables["batch_stances"].num_rows,
        crawl_log=crawl_rows,
    )


def upsert_companies(con: duckdb.DuckDBPyConnection, companies: list[Company]) -> int:
    """Insert or update companies by ticker (the last entry for a ticker wins)."""
    tables = {"batch_companies": ab.companies_table(companies)}
    with registered(con, tables), transaction(con):
        run(con, _Q["upsert_companies"])
    return len({c.ticker for c in companies})


def _last_extraction_per_document(extractions: Sequence[Extraction]) -> list[Extraction]:
    """Two extractions of one document in a batch would double its facts; the later wins."""
    return list({e.document_id: e for e in extractions}.values())


def _replace_facts(con: duckdb.DuckDBPyConnection, params: dict) -> None:
    """Swap each extracted document's facts for the new set and re-queue it for alerts."""
    run(con, _Q["set_document_stance"], params)
    for name in ("delete_capex", "delete_ad_claims", "delete_stances", "forget_examined"):
        run(con, _Q[name])
    for name in ("insert_capex", "insert_ad_claims", "insert_stances"):
        run(con, _Q[name], params)


def _check_orphans(con: duckdb.DuckDBPyConnection) -> None:
    orphans = [row[0] for row in run(con, _Q["orphan_extractions"])]
    if orphans:
        raise LoadError(
            "extractions refer to documents that are neither in the batch nor stored: "
            + ", ".join(orphans)
        )
