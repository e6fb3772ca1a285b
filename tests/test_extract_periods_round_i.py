"""Round I periods: quarters named by their months, "last quarter" said by the company
itself, and "FY" or "2Q" written without a year. The sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import capex_rows, extract, periods

from extractors.periods import find_periods, previous_quarter


def capex(nlp, text: str, published: date, ticker: str, doc_type: str) -> set[tuple]:
    """(company, year, quarter, low in billions, kind) of each capex fact."""
    result = extract(nlp, text, published, ticker, doc_type=doc_type)
    return set(capex_rows(result, "company", "fiscal_year", "fiscal_quarter", "low_usd", "kind"))


# --- quarters named by their months -------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "the January-to-March quarter",
        "the January-March quarter",
        "the Jan–Mar quarter",
        "the January through March quarter",
        "the March quarter",
        "its March-quarter",
        "the Mar qtr",
    ],
)
def test_quarter_named_by_its_months_is_the_last_one_that_ended(words):
    text = f"Lumen Foods put $310 million into plants in {words}."
    # a calendar-year company, written in May: January-March 2027 is its first quarter
    assert [(y, q) for _, y, q in periods(text, date(2027, 5, 4))] == [(2027, 1)]


def test_month_quarter_takes_the_company_fiscal_calendar():
    text = "Spending on fabs reached $2.9 billion in the November-to-January quarter."
    # a year ending in August: November-January 2027 is the second quarter of fiscal 2027
    assert periods(text, date(2027, 3, 20), fye=8) == [("the November-to-January quarter", 2027, 2)]
    # a year ending in September, written in February: December 2026 ends fiscal 2027 Q1
    assert periods("capex in the December quarter was $4 billion", date(2027, 2, 1), 9) == [
        ("the December quarter", 2027, 1)
    ]


def test_month_quarter_not_yet_ended_is_last_years_unless_an_outlook():
    spent = "Capex in the September quarter was $1.1 billion."
    assert periods(spent, date(2027, 8, 12)) == [("the September quarter", 2026, 3)]
    ahead = "For the September quarter, management expects capex of about $1.3 billion."
    assert periods(ahead, date(2027, 8, 12)) == [("the September quarter", 2027, 3)]


def test_month_quarter_with_its_year():
    assert periods("capex in the June 2026 quarter", date(2027, 8, 1), 9) == [
        ("the June 2026 quarter", 2026, 3)
    ]
    assert periods("the June quarter of fiscal 2027 capex", date(2026, 1, 5), 9) == [
        ("the June quarter of fiscal 2027", 2027, 3)
    ]
    # a year in the words needs no publication date
    assert periods("the April-to-June 2026 quarter", None) == [
        ("the April-to-June 2026 quarter", 2026, 2)
    ]


def test_month_spans_that_are_not_quarters_and_month_words_elsewhere():
    # a half from the start of the fiscal year is that year, not a quarter (round K)
    assert periods("sales in the January-June period rose", date(2027, 8, 1)) == [
        ("the January-June period", 2027, None)
    ]
    assert periods("sales in the March-June period rose", date(2027, 8, 1)) == []
    assert periods("Sales in May quarterly reports rose.", date(2027, 8, 1)) == []
    assert periods("the January-to-June quarter", date(2027, 8, 1)) == []


def test_quarter_ended_in_a_month():
    assert periods("capex for the quarter ended in March was $2 billion", date(2027, 4, 28), 6) == [
        ("quarter ended in March", 2027, 3)
    ]


# --- "last quarter" and "the prior quarter" -----------------------------------------------


def test_last_quarter_in_a_call_is_the_one_before_the_quarter_reported():
    text = "We spent $9.4 billion this quarter, compared with $8.8 billion last quarter."
    # a June year, a call in late January: December ended fiscal Q2, so "last quarter" is Q1
    assert periods(text, date(2027, 1, 27), 6, "transcript") == [("last quarter", 2027, 1)]
    assert periods(text, date(2027, 1, 27), 6, "press_release") == [("last quarter", 2027, 1)]
    # in a news story "last quarter" is the latest quarter that ended
    assert periods(text, date(2027, 1, 27), 6, "news") == [("last quarter", 2027, 2)]
    # "its most recent quarter" is the latest in every kind of document
    recent = "Capex in its most recent quarter was $9.4 billion."
    assert periods(recent, date(2027, 1, 27), 6, "transcript") == [
        ("its most recent quarter", 2027, 2)
    ]


def test_prior_quarter_is_the_one_before_the_latest():
    text = "Capex was $3 billion, up from $2.5 billion in the prior quarter."
    assert periods(text, date(2027, 2, 10)) == [("the prior quarter", 2026, 3)]
    assert previous_quarter(date(2027, 5, 1)) == (2026, 4)
    assert periods("the previous quarter ended March 31, 2027", date(2027, 5, 1)) == [
        ("quarter ended March 31, 2027", 2027, 1)
    ]


def test_quarter_of_last_year_in_the_possessive():
    text = "Last year's third quarter came to $700 million."
    # a January year, written in December 2026 (fiscal 2027): last year is fiscal 2026
    assert periods(text, date(2026, 12, 2), 1) == [("Last year's third quarter", 2026, 3)]
    assert periods("this fiscal year's fourth quarter", date(2026, 3, 2)) == [
        ("this fiscal year's fourth quarter", 2026, 4)
    ]


# --- "FY" and "2Q" without a year -----------------------------------------------------------


def test_bare_fy_is_the_fiscal_year_under_way():
    assert periods("FY capex outlook held at $3bn", date(2026, 11, 3), 6) == [("FY", 2027, None)]
    assert periods("FY capex outlook held at $3bn", date(2026, 11, 3)) == [("FY", 2026, None)]
    # "FY27", "FY 2027" and words that merely start with the letters are read as before
    assert periods("FY27 capex", date(2026, 11, 3)) == [("FY27", 2027, None)]
    assert periods("FYI: capex was $3bn", date(2026, 11, 3)) == []


def test_bare_quarter_opening_a_clause_or_compared():
    text = "FY27 capex raised to $12bn; 3Q implied ~$3bn, vs Q2 at $2.6bn."
    found = periods(text, date(2027, 8, 7))
    assert ("3Q", 2027, 3) in found
    assert ("vs Q2", 2027, 2) in found


# --- through the whole pipeline -------------------------------------------------------------


def test_call_this_quarter_and_last_quarter(nlp):
    text = (
        "Chief Financial Officer: Capital expenditures, including finance leases, totaled "
        "$44.7 billion this quarter, up from $41.9 billion last quarter."
    )
    assert capex(nlp, text, date(2027, 1, 28), "MSFT", "transcript") == {
        ("MSFT", 2027, 2, 44.7, "actual"),
        ("MSFT", 2027, 1, 41.9, "actual"),
    }


def test_news_last_quarter_is_the_latest_quarter(nlp):
    text = "Microsoft spent $41.9 billion on capital expenditures last quarter, filings show."
    assert capex(nlp, text, date(2027, 2, 20), "MSFT", "news") == {
        ("MSFT", 2027, 2, 41.9, "actual")
    }


def test_call_month_quarters_actual_and_outlook(nlp):
    text = (
        "Capital expenditures were $3.9 billion during the March quarter.\n\n"
        "For the June quarter, we expect capital expenditures of about $4.5 billion."
    )
    # a September year, a call in early May: March ended fiscal Q2, June ends fiscal Q3
    assert capex(nlp, text, date(2027, 5, 1), "AAPL", "transcript") == {
        ("AAPL", 2027, 2, 3.9, "actual"),
        ("AAPL", 2027, 3, 4.5, "guidance"),
    }


def test_news_quarter_named_by_its_three_months(nlp):
    text = (
        "Micron Technology invested $5.6 billion in capital expenditures in the "
        "December-to-February quarter, the company said."
    )
    assert capex(nlp, text, date(2027, 3, 26), "MU", "news") == {("MU", 2027, 2, 5.6, "actual")}


def test_notes_bare_fy_and_quarter(nlp):
    text = "DLR -- FY capex guide $3.1-3.5bn reaffirmed; 3Q implied ~$0.9bn.\n"
    found = capex(nlp, text, date(2026, 8, 6), "DLR", "other")
    assert ("DLR", 2026, None, 3.1, "guidance") in found
    assert ("DLR", 2026, 3, 0.9, "guidance") in found


def test_call_last_years_quarter(nlp):
    text = (
        "On capital, we spent $5.9 billion this quarter on stores and automation. "
        "Last year's first quarter was $4.8 billion."
    )
    # a January year, a call in May: fiscal 2027 Q1 just ended; last year's Q1 is fiscal 2026
    assert capex(nlp, text, date(2026, 5, 20), "WMT", "transcript") == {
        ("WMT", 2027, 1, 5.9, "actual"),
        ("WMT", 2026, 1, 4.8, "actual"),
    }


def test_own_voice_last_quarter_leaves_other_recent_quarters_alone():
    text = "We spent $9 billion last quarter and $8 billion in the latest quarter."
    assert periods(text, date(2027, 1, 27), 12, "transcript") == [
        ("last quarter", 2026, 3),
        ("the latest quarter", 2026, 4),
    ]


def test_a_year_before_1990_is_no_period():
    """ "the Securities Exchange Act of 1934" names a law; a fact's year starts at 1990."""
    found = find_periods("Pursuant to the Securities Exchange Act of 1934, in 2025 we filed.")
    assert [p.year for p in found] == [2025]
