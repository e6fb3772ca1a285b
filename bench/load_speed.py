"""Fact rows per second of ``load_batch`` into a fresh DuckDB file.

Prints model construction time separately from load time, because building 200k pydantic
objects is a cost of the extractors, not of the warehouse.

    .venv/bin/python bench/load_speed.py [--docs 2000] [--facts-per-doc 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from finclaims.models import (  # noqa: E402
    AdClaim,
    CapexFact,
    CrawlLogEntry,
    Document,
    Extraction,
    Stance,
)
from warehouse import load_batch, migrate  # noqa: E402
from warehouse.arrow_batches import batch_tables  # noqa: E402

COMPANIES = ["MSFT", "GOOGL", "AMZN", "META", "ORCL", "NVDA", "AAPL", "TSLA"]
FETCHED = datetime(2026, 2, 1, tzinfo=UTC)


def synthetic_document(i: int) -> Document:
    company = COMPANIES[i % len(COMPANIES)]
    text = (
        f"{company} expects capital expenditures of ${50 + i % 40} billion in fiscal 2026. "
        f"Return on ad spend improved {i % 30}% for advertisers. Analysts stay bullish. " * 5
    )
    return Document(
        url=f"https://bench.example/{company.lower()}/{i}",
        source="bench",
        publisher="Bench Wire",
        title=f"{company} story {i}",
        published=date(2026, 1, 1) + timedelta(days=i % 365),
        fetched_at=FETCHED + timedelta(seconds=i),
        text=text,
    )


def synthetic_extraction(doc: Document, i: int, per_doc: int) -> Extraction:
    """``per_doc`` facts split evenly over capex, ad claims and stances."""
    company = COMPANIES[i % len(COMPANIES)]
    sentence = doc.text[:80]
    third = per_doc // 3
    capex = [
        CapexFact(
            sentence=sentence,
            company=company,
            fiscal_year=2026,
            kind="guidance",
            low_usd=(50 + k) * 1e9,
            high_usd=(55 + k) * 1e9,
            char_start=0,
            char_end=80,
        )
        for k in range(third)
    ]
    ads = [
        AdClaim(
            sentence=sentence,
            company=company,
            metric="roas",
            direction="up",
            change_pct=float(k),
            period="2026Q1",
            char_start=0,
            char_end=80,
        )
        for k in range(third)
    ]
    stances = [
        Stance(
            sentence=sentence,
            stance="bull" if k % 2 else "bear",
            target=company,
            cue="bullish",
            char_start=0,
            char_end=80,
        )
        for k in range(per_doc - 2 * third)
    ]
    return Extraction(
        document_id=doc.id,
        document=doc.url,
        stance="bull",
        capex=capex,
        ad_claims=ads,
        stances=stances,
    )


def build(n_docs: int, per_doc: int):
    docs = [synthetic_document(i) for i in range(n_docs)]
    extractions = [synthetic_extraction(d, i, per_doc) for i, d in enumerate(docs)]
    log = [
        CrawlLogEntry(
            url=d.url,
            spider="bench",
            status="stored",
            http_status=200,
            document_id=d.id,
            at=d.fetched_at,
        )
        for d in docs
    ]
    return docs, extractions, log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--facts-per-doc", type=int, default=100)
    args = parser.parse_args()

    t0 = time.perf_counter()
    docs, extractions, log = build(args.docs, args.facts_per_doc)
    build_s = time.perf_counter() - t0
    facts = sum(len(e.capex) + len(e.ad_claims) + len(e.stances) for e in extractions)
    print(
        f"built {len(docs):,} documents and {facts:,} facts in {build_s:.2f}s "
        f"({facts / build_s:,.0f} models/s, pydantic construction)"
    )

    t0 = time.perf_counter()
    batch_tables(docs, extractions, log)
    print(
        f"  (of each load below, model -> Arrow conversion alone takes "
        f"{time.perf_counter() - t0:.2f}s)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "bench.duckdb"))
        migrate(con)
        for label in ("fresh load", "reload (same batch: facts replaced)"):
            t0 = time.perf_counter()
            stats = load_batch(con, docs, extractions, log, run_id="bench")
            load_s = time.perf_counter() - t0
            print(
                f"{label}: {stats.fact_rows:,} fact rows + {len(docs):,} documents in "
                f"{load_s:.2f}s = {stats.fact_rows / load_s:,.0f} fact rows/s"
            )
        con.close()


if __name__ == "__main__":
    main()
