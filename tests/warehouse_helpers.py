"""Builders for warehouse tests: small, realistic news/filing documents and their facts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

from finclaims.models import AdClaim, CapexFact, CrawlLogEntry, Document, Extraction, Stance

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("documents", "capex_facts", "ad_claims", "stances", "crawl_log", "alerts")
BASE_FETCH = datetime(2026, 2, 1, 6, 0, tzinfo=UTC)


def billions(x: float) -> float:
    return x * 1e9


def guidance_text(company: str, fy: int, low: float, high: float | None) -> str:
    if high is None:
        figure = f"at least ${low:g} billion"
    elif low == high:
        figure = f"about ${low:g} billion"
    else:
        figure = f"${low:g} billion to ${high:g} billion"
    return (
        f"{company} said on its earnings call that it now expects capital expenditures of "
        f"{figure} in fiscal {fy}, driven by data center and server investment."
    )


def document(
    url: str,
    text: str,
    published: date | None = date(2026, 1, 28),
    fetched_at: datetime = BASE_FETCH,
    publisher: str = "Example Wire",
    **extra,
) -> Document:
    return Document(
        url=url,
        source="test-news",
        publisher=publisher,
        title=text[:60],
        published=published,
        fetched_at=fetched_at,
        text=text,
        **extra,
    )


def guidance_doc(
    company: str,
    fy: int,
    low: float,
    high: float | None,
    published: date,
    url: str | None = None,
    fq: int | None = None,
    doc_type: str = "press_release",
) -> tuple[Document, Extraction]:
    """One release (or, with ``doc_type``, an article) stating one outlook, with its extraction."""
    sentence = guidance_text(company, fy, low, high)
    url = url or f"https://news.example/{company}-{published}-{low}"
    doc = document(url, sentence, published, doc_type=doc_type)
    fact = CapexFact(
        sentence=sentence,
        company=company,
        fiscal_year=fy,
        fiscal_quarter=fq,
        low_usd=billions(low),
        high_usd=billions(high) if high is not None else None,
        kind="guidance",
        char_start=0,
        char_end=len(sentence),
    )
    return doc, Extraction(document_id=doc.id, document=doc.url, capex=[fact])


def article_with_facts(
    i: int, n_facts: int = 3, company: str = "MSFT"
) -> tuple[Document, Extraction]:
    """An article with a mix of capex, ad-claim and stance facts (``n_facts`` of each)."""
    capex_s = f"{company} plans to spend ${40 + i % 50} billion on capex in fiscal 2027."
    ad_s = f"Advertisers saw return on ad spend rise {5 + i % 20}% year over year."
    stance_s = f"We reiterate our Buy rating on {company} after item {i}."
    text = " ".join([capex_s, ad_s, stance_s])
    doc = document(
        f"https://markets.example/story/{i}",
        text,
        published=date(2026, 1, 1) + timedelta(days=i % 300),
        fetched_at=BASE_FETCH + timedelta(seconds=i),
    )
    capex = [
        CapexFact(
            sentence=capex_s,
            company=company,
            fiscal_year=2027,
            kind="guidance",
            low_usd=billions(40 + i % 50 + k),
            high_usd=billions(40 + i % 50 + k),
        )
        for k in range(n_facts)
    ]
    ads = [
        AdClaim(
            sentence=ad_s, company=company, metric="roas", direction="up", change_pct=5 + i % 20 + k
        )
        for k in range(n_facts)
    ]
    stances = [
        Stance(sentence=stance_s, stance="bull", target=company, cue="Buy") for _ in range(n_facts)
    ]
    extraction = Extraction(
        document_id=doc.id,
        document=doc.url,
        stance="bull",
        capex=capex,
        ad_claims=ads,
        stances=stances,
    )
    return doc, extraction


def batch(start: int, count: int, n_facts: int = 3):
    pairs = [article_with_facts(i, n_facts) for i in range(start, start + count)]
    docs = [d for d, _ in pairs]
    extractions = [e for _, e in pairs]
    log = [
        CrawlLogEntry(
            url=d.url,
            spider="markets",
            status="stored",
            http_status=200,
            document_id=d.id,
            at=d.fetched_at,
        )
        for d in docs
    ]
    return docs, extractions, log


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def file_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return counts(con)
    finally:
        con.close()


def start_child(script: str, tmp_path: Path) -> subprocess.Popen:
    """Run ``script`` in a fresh interpreter with the repo and tests importable."""
    path = tmp_path / "child.py"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    return subprocess.Popen(
        [sys.executable, str(path)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, child: subprocess.Popen, timeout: float = 60) -> None:
    """Block until the child creates ``path``; fail with its stderr if it dies first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if child.poll() is not None:
            raise AssertionError(f"child exited {child.returncode}: {child.stderr.read()}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError(f"child did not create {path.name} within {timeout}s")
        time.sleep(0.05)
