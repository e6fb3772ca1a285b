"""Actual capex from XBRL company facts: spider documents, extractor facts, crawl.

The fixture ``tests/fixtures/site/companyfacts/CIK0001990001.json`` has the shape of
``data.sec.gov/api/xbrl/companyfacts`` with this project's own figures for a fictional
filer: year-to-date cash-flow facts of four 10-Qs and a 10-K, their prior-year
comparatives, an 8-K fact (to be ignored) and finance-lease principal payments.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors.xbrl import capex_facts, extract
from finclaims.demo.server import serve_directory
from finclaims.models import Document
from spiders.companyfacts import XBRL_FORM, capex_documents
from spiders.run import commit_state, crawl
from tests.test_spiders_crawl import build_site

FACTS = Path(__file__).parent / "fixtures" / "site" / "companyfacts" / "CIK0001990001.json"
URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK0001990001.json"


def documents(ticker: str = "NWCS", since: date | None = None) -> list[Document]:
    payload = json.loads(FACTS.read_text(encoding="utf-8"))
    return [Document(**item) for item in capex_documents(payload, ticker, URL, since)]


def test_one_document_per_periodic_filing_with_its_accession():
    docs = documents()
    assert [d.accession for d in docs] == [
        "0001990001-25-000004",
        "0001990001-25-000010",
        "0001990001-25-000020",
        "0001990001-25-000030",
        "0001990001-26-000008",
        "0001990001-26-000015",
    ]  # the 8-K's fact is not a periodic report and is left out
    q3 = docs[3]
    assert (q3.form, q3.doc_type, q3.ticker, q3.filing_date) == (
        XBRL_FORM,
        "other",
        "NWCS",
        date(2025, 10, 29),
    )
    assert q3.canonical_url == URL + "#0001990001-25-000030"
    assert "USD 7,200,000,000 for 2025-01-01 to 2025-09-30 (fiscal 2025 Q3)" in q3.text
    assert "prior PaymentsToAcquirePropertyPlantAndEquipment: USD 4,500,000,000" in q3.text
    assert "2024-09-30" not in q3.text  # comparatives of other years stay out


def test_since_keeps_only_filings_filed_since():
    assert [d.accession for d in documents(since=date(2026, 1, 1))] == [
        "0001990001-26-000008",
        "0001990001-26-000015",
    ]


def test_actuals_per_fiscal_year_and_quarter_from_year_to_date_figures():
    facts = [f for doc in documents() for f in capex_facts(doc)]
    got = {(f.fiscal_year, f.fiscal_quarter): f.low_usd for f in facts}
    assert got == {
        (2024, None): 9_000_000_000,
        (2025, 1): 2_115_000_000,
        (2025, 2): 2_385_000_000,
        (2025, 3): 2_700_000_000,
        (2025, None): 10_300_000_000,
        (2025, 4): 3_100_000_000,
        (2026, 1): 3_410_000_000,
    }
    assert all(f.kind == "actual" and f.company == "NWCS" for f in facts)
    assert all(f.low_usd == f.high_usd and not f.approximate for f in facts)


def test_each_fact_points_at_its_lines_and_accession():
    for doc in documents():
        for fact in capex_facts(doc):
            assert fact.document_id == doc.id
            assert doc.text[fact.char_start : fact.char_end] == fact.sentence
            assert doc.accession in fact.sentence
    q4 = next(f for f in capex_facts(documents()[4]) if f.fiscal_quarter == 4)
    assert "USD 10,300,000,000" in q4.sentence and "USD 7,200,000,000" in q4.sentence


def test_finance_lease_principal_added_only_where_the_company_counts_it():
    plain = {(f.fiscal_year, f.fiscal_quarter): f.low_usd for f in capex_facts(documents()[4])}
    assert plain[(2025, None)] == 10_300_000_000  # NWCS: purchases of PP&E only
    meta_like = documents(ticker="META")[4]  # same figures under a company that counts leases
    with_leases = {(f.fiscal_year, f.fiscal_quarter): f for f in capex_facts(meta_like)}
    assert with_leases[(2025, None)].low_usd == 10_300_000_000 + 220_000_000
    assert with_leases[(2025, 4)].low_usd == (10_300_000_000 - 7_200_000_000) + (
        220_000_000 - 150_000_000
    )
    assert "FinanceLeasePrincipalPayments" in with_leases[(2025, None)].sentence


def test_unusable_document_gives_no_facts():
    doc = Document(url=URL, source="edgar", form=XBRL_FORM, ticker="NWCS", text="no facts here")
    result = extract(doc)
    assert result.capex == [] and result.document_id == doc.id


def test_extract_documents_routes_xbrl_documents():
    import extractors

    docs = documents(since=date(2026, 1, 1))
    results = extractors.extract_documents(extractors.load(), docs)
    assert [r.document_id for r in results] == [d.id for d in docs]
    periods = {(f.fiscal_year, f.fiscal_quarter) for f in results[0].capex}
    assert periods == {(2025, None), (2025, 4)}
    assert all(f.kind == "actual" for r in results for f in r.capex)


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    with serve_directory(root) as base:
        yield base, build_site(root, base), root


def test_edgar_crawl_stores_xbrl_documents_once(site, tmp_path):
    base, sources, _ = site
    state = tmp_path / "state"
    first = crawl("edgar", sources, tmp_path / "e1", since=date(2026, 1, 1), state_dir=state)
    xbrl = [d for d in first.documents if d.form == XBRL_FORM]
    assert [d.accession for d in xbrl] == ["0001990001-26-000008", "0001990001-26-000015"]
    assert all(d.url == base + "/companyfacts/CIK0001990001.json" for d in xbrl)
    assert all(d.cik == "0001990001" for d in xbrl)
    commit_state(first)
    again = crawl("edgar", sources, tmp_path / "e2", since=date(2026, 1, 1), state_dir=state)
    assert [d for d in again.documents if d.form == XBRL_FORM] == []


def test_missing_company_facts_are_skipped_with_reason(site, tmp_path):
    base, sources, root = site
    (root / "companyfacts" / "CIK0001990001.json").unlink()
    result = crawl("edgar", sources, tmp_path / "e", since=date(2026, 1, 1))
    [entry] = [e for e in result.log if e.url.endswith("/companyfacts/CIK0001990001.json")]
    assert (entry.status, entry.http_status) == ("skipped", 404)
    assert "no XBRL company facts" in entry.reason
    assert len(result.documents) == 2  # the filing documents still stored
