"""Rounds U and V: currencies, look-alikes and companies the extractor missed on text it had
not seen. Sentences and tables written for these tests, in the style of news, notes and
filings."""

from datetime import date

import pytest

import extractors
from tests.extract_helpers import extract, million_rows, tickers

NOV = date(2026, 11, 14)


def test_canadian_and_australian_dollars_are_read_only_through_their_conversion(nlp):
    text = (
        "Cenovus Energy said it would spend C$4.6 billion to C$5.0 billion ($3.3 billion to "
        "$3.6 billion) on capital projects next year. Woodside kept its 2026 capex guide at "
        "A$7.5 billion. Imperial Oil expects capital expenditures of C$1.9 billion in 2027."
    )
    got = million_rows(extract(nlp, text, NOV), "company", "fiscal_year", "low_usd", "high_usd")
    assert got == {("CVE", 2027, 3300.0, 3600.0)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The average cost to build a new Cava restaurant is now approximately $1.6 million.",
        "The company also expects equity contributions of about $45 million to joint ventures.",
        "Impairment charges were $120 million in the quarter, on top of its capital spending.",
    ],
)
def test_unit_costs_equity_contributions_and_charges_are_no_capex(nlp, sentence):
    text = f"Capital expenditures were $310 million in the quarter. {sentence}"
    got = million_rows(extract(nlp, text, NOV, doc_type="press_release"), "low_usd")
    assert got == {(310.0,)}


def test_commitments_for_capital_projects_are_no_spending_level(nlp):
    text = (
        "We expect capital expenditures of about $650 million in 2027. At year end we had "
        "purchase commitments of approximately $215 million related to capital projects."
    )
    got = million_rows(extract(nlp, text, NOV, doc_type="10-K"), "low_usd")
    assert got == {(650.0,)}


def test_companies_abbreviated_cos_are_found():
    nlp = extractors.load()
    assert tickers(nlp, "Carlisle Cos. held its outlook; The TJX Cos. raised it.") == [
        "CSL",
        "TJX",
    ]


def test_a_table_row_names_its_company_by_a_ticker_the_snapshot_lacks(nlp):
    text = (
        "Capital expenditures (US$ millions; A = reported; guide = company; E = my estimates)\n\n"
        "| Company | 2025A | 2026 guide | 2026E |\n"
        "|---|---|---|---|\n"
        "| Expand Energy (EXE) | 2,900 | ~2,850 | 2,950 |\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert got == {
        ("EXE", 2025, 2900.0, "actual"),
        ("EXE", 2026, 2850.0, "guidance"),
        ("EXE", 2026, 2950.0, "estimate"),
    }


def test_a_company_after_a_pronoun_subject_is_no_opener_for_the_next_sentence(nlp):
    text = (
        "IREN used to mine bitcoin. Now it rents Nvidia chips to Microsoft. The company spent "
        "about $1.8 billion on capital expenditures in fiscal 2026."
    )
    got = million_rows(extract(nlp, text, NOV, ticker="IREN"), "company", "fiscal_year")
    assert got == {("IREN", 2026)}


def test_a_year_earlier_after_a_comparison_dates_only_the_comparison(nlp):
    text = (
        "Tencent reported results on Thursday. The Shenzhen-based company spent 19.8 billion "
        "yuan ($2.8 billion) on capital expenditures in the quarter, compared with 13.0 billion "
        "yuan a year earlier."
    )
    got = million_rows(
        extract(nlp, text, NOV), "company", "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert got == {("TCEHY", 2026, 3, 2800.0)}


def ad_rows(result) -> set[tuple]:
    return {(c.metric, c.direction, c.change_pct) for c in result.ad_claims}


def test_a_minus_sign_before_a_percentage_is_a_fall(nlp):
    text = "Impressions +22%; average CPC -4% as the new auction filled more slots."
    got = ad_rows(extract(nlp, text, NOV, doc_type="other"))
    assert got == {("ad_impressions", "up", 22.0), ("ad_price", "down", -4.0)}


def test_online_marketing_revenue_is_advertising_revenue(nlp):
    text = (
        "Baidu's online marketing revenue fell 9% in the quarter. JD.com said revenue from "
        "marketing services rose 12%."
    )
    got = ad_rows(extract(nlp, text, NOV))
    assert got == {("ad_revenue", "down", -9.0), ("ad_revenue", "up", 12.0)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Add it up and the three of them spend maybe $700 million on capex in 2026.",
        "Combined, these four will spend maybe $1.4 billion of capex this year.",
        "Holloway expects the four listed companies to spend a combined $9 billion on capex.",
    ],
)
def test_a_sum_for_a_group_named_by_its_number_belongs_to_no_company(nlp, sentence):
    text = f"Cameco kept its 2026 capex guide at $450 million. {sentence}"
    got = million_rows(extract(nlp, text, NOV), "company", "low_usd")
    assert got == {("CCJ", 450.0)}
