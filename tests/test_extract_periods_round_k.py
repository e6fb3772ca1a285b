"""Round K periods: a year written short after "fiscal" ("fiscal '26"), spans named by the
date they run to or by their months with "period", plural spans ended on two dates, a
full-year figure beside a later clause's year, and a period that opens the next figure's
clause. The sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import capex_rows, extract, keys, periods

from extractors.periods import fye_month_of


def capex(nlp, text: str, published: date, ticker: str, doc_type: str) -> set[tuple]:
    """(company, year, quarter, low in billions, high in billions, kind) of each capex fact."""
    result = extract(nlp, text, published, ticker, doc_type=doc_type)
    fields = ("company", "fiscal_year", "fiscal_quarter", "low_usd", "high_usd", "kind")
    return set(capex_rows(result, *fields))


# --- a year written short after "fiscal", "FY", "calendar" or a quarter ------------------


@pytest.mark.parametrize(
    ("words", "year", "quarter"),
    [
        ("fiscal '27", 2027, None),
        ("fiscal ’27", 2027, None),
        ("fiscal year '27", 2027, None),
        ("FY '27", 2027, None),
        ("calendar '27", 2027, None),
        ("full-year '27", 2027, None),
        ("the second quarter of fiscal '27", 2027, 2),
        ("fiscal '27 second quarter", 2027, 2),
        ("Q2 ’27", 2027, 2),
    ],
)
def test_year_written_short_after_a_period_word(words, year, quarter):
    text = f"Harbor Mills sees capital spending of $700 million in {words}."
    found = periods(text, date(2026, 10, 2), fye=8)
    assert [(y, q) for _, y, q in found] == [(year, quarter)]
    assert found[0][0].endswith(words.split()[-1])


def test_short_year_is_not_read_without_a_period_word():
    # a quote mark before two digits with no period word is no year
    assert periods("the crew of '27 members", date(2026, 10, 2)) == []


def test_quarter_and_short_fiscal_year_pair_with_their_figures(nlp):
    # a year ending in May: the fourth quarter said in late June is fiscal 2026's
    text = (
        "Purchases of property and equipment were $95 million in the fourth quarter and "
        "$410 million for fiscal '26, the company's chief financial officer said."
    )
    assert capex(nlp, text, date(2026, 6, 27), "PAYX", "transcript") == {
        ("PAYX", 2026, 4, 0.095, 0.095, "actual"),
        ("PAYX", 2026, None, 0.41, 0.41, "actual"),
    }


def test_short_fiscal_year_dates_an_outlook_and_an_analyst_figure(nlp):
    text = (
        "For fiscal '27, we now expect capital expenditures of $3.1 billion to $3.4 billion. "
        "Analysts had modeled about $2.9 billion of capex for fiscal '27."
    )
    facts = capex(nlp, text, date(2026, 9, 30), "COST", "transcript")
    assert ("COST", 2027, None, 3.1, 3.4, "guidance") in facts
    assert ("COST", 2027, None, 2.9, 2.9, "estimate") in facts


# --- spans named by the date they run to, or will end on ---------------------------------


def test_twelve_months_to_a_date_is_that_fiscal_year():
    text = "The miner spent $7.2 billion in the twelve months to June 30."
    # a year ending in June, written in September: the year that just ended
    assert periods(text, date(2026, 9, 10), fye=6) == [("twelve months to June 30", 2026, None)]
    assert periods("capex for the year to March 31, 2026", None, fye=3) == [
        ("year to March 31, 2026", 2026, None)
    ]


def test_span_ending_on_a_date_ahead():
    assert periods("capex for the fiscal year ending June 30, 2027", None, fye=6) == [
        ("fiscal year ending June 30, 2027", 2027, None)
    ]
    # "ending" with no year: the next such month, not the last
    assert periods("capex in the quarter ending in December", date(2026, 11, 3), fye=6) == [
        ("quarter ending in December", 2027, 2)
    ]


def test_span_to_a_date_needs_a_day_or_in():
    assert periods("we plan to grow the fleet over the next year to March", None) == []


def test_plural_span_ended_on_two_dates_pairs_in_order(nlp):
    # a 52/53-week year ending near January 31: July 30, 2026 is fiscal 2027, and August 2,
    # 2025 (early in the month) closes July 2025, in fiscal 2026
    text = "six months ended July 30, 2026 and August 2, 2025"
    assert periods(text, None, fye=1) == [
        ("six months ended July 30, 2026", 2027, None),
        ("August 2, 2025", 2026, None),
    ]
    filing = (
        "Purchases of property and equipment were $410 million and $365 million for the six "
        "months ended July 30, 2026 and August 2, 2025, respectively."
    )
    assert capex(nlp, filing, date(2026, 9, 8), "CRM", "10-Q") == {
        ("CRM", 2027, None, 0.41, 0.41, "actual"),
        ("CRM", 2026, None, 0.365, 0.365, "actual"),
    }


# --- months with "period" ----------------------------------------------------------------


def test_three_months_with_period_is_a_quarter():
    text = "Its capital outlays in the July-September period came to $880 million."
    assert periods(text, date(2026, 10, 22)) == [("the July-September period", 2026, 3)]
    # in a year ending in June, July-September is the first quarter of the next fiscal year
    assert periods(text, date(2026, 10, 22), fye=6) == [("the July-September period", 2027, 1)]


def test_months_from_the_start_of_the_year_with_period_are_that_year():
    text = "Spending in the October-to-March period was $2.2 billion."
    # a year ending in September: October 2025 to March 2026 is the first half of fiscal 2026
    assert periods(text, date(2026, 5, 1), fye=9) == [("the October-to-March period", 2026, None)]
    # the same months in a calendar year are no span the company reports
    assert periods(text, date(2026, 5, 1)) == []


def test_quarter_named_by_months_and_period_in_a_story(nlp):
    text = "Railco said its capital spending in the April-June period was $1.1 billion."
    assert capex(nlp, text, date(2026, 7, 24), "UNP", "news") == {
        ("UNP", 2026, 2, 1.1, 1.1, "actual")
    }


# --- a later clause's year, and a period that opens the next figure's clause -------------


def test_later_clause_year_does_not_date_a_full_year_figure(nlp):
    text = (
        "Delta Air Lines trimmed its full-year capital budget to $4.6 billion to $4.9 billion, "
        "and said spending in 2027 would be about $5.2 billion."
    )
    facts = capex(nlp, text, date(2026, 7, 11), None, "news")
    assert ("DAL", 2026, None, 4.6, 4.9, "guidance") in facts
    assert ("DAL", 2027, None, 5.2, 5.2, "guidance") in facts


def test_full_year_beside_an_earlier_year_in_the_same_clause_keeps_it():
    text = "Capex was $2 billion in Q4 2025 and $7 billion for the full year."
    assert [(y, q) for _, y, q in periods(text, date(2026, 2, 3))] == [(2025, 4), (2025, None)]


def test_period_opening_the_next_figures_clause_is_that_figures():
    text = (
        "Capital expenditures were $610 million, slightly under plan, lifting first-half "
        "spending to $1.19 billion."
    )
    assert periods(text, date(2026, 7, 30)) == [("first-half", 2026, None)]


def test_first_half_figure_after_a_quarter_figure(nlp):
    # under a results heading the first figure is the quarter's, the second the half's
    text = (
        "Second Quarter 2026 Results\n"
        "- Capital expenditures were $610 million, down 4%, lifting first-half spending to "
        "$1.19 billion\n"
    )
    facts = capex(nlp, text, date(2026, 7, 30), "EOG", "press_release")
    assert {f[:5] for f in facts} == {
        ("EOG", 2026, 2, 0.61, 0.61),
        ("EOG", 2026, None, 1.19, 1.19),
    }


def test_quarter_outlook_forecast_to_range_from(nlp):
    text = "Q4 capital spending is projected to range from $820 million to $880 million."
    assert capex(nlp, text, date(2026, 8, 5), "EOG", "press_release") == {
        ("EOG", 2026, 4, 0.82, 0.88, "guidance")
    }


# --- fiscal year-ends -------------------------------------------------------------------


def test_fiscal_year_ends_for_may_and_june_years():
    assert fye_month_of("NKE") == 5
    assert fye_month_of("BHP") == 6
    assert fye_month_of("RIO") == 12  # Rio Tinto reports on the calendar year


def test_quarters_in_a_bracket_after_a_half_year_are_that_years(nlp):
    """A note breaks a half-year figure into its quarters in brackets; the quarters are
    that year's (not the nearest ones to the date) and the half is the figure before."""
    text = "1H26 capex was $9.8bn (1Q $4.6bn, 2Q $5.2bn); FY25 capex was $17bn."
    result = extract(nlp, text, date(2026, 9, 15), "INTC", "other")
    assert {k[:5] for k in keys(result)} == {
        ("INTC", 2026, None, 9.8e9, 9.8e9),
        ("INTC", 2026, 1, 4.6e9, 4.6e9),
        ("INTC", 2026, 2, 5.2e9, 5.2e9),
        ("INTC", 2025, None, 17e9, 17e9),
    }


def test_last_year_as_the_base_of_a_comparison_does_not_date_the_figure(nlp):
    text = (
        "Baker Hughes expects capital expenditures of $1.3 billion to $1.4 billion, "
        "roughly in line with last year."
    )
    result = extract(nlp, text, date(2026, 1, 23), "BKR", "press_release")
    assert {k[:5] for k in keys(result)} == {("BKR", 2026, None, 1.3e9, 1.4e9)}


def test_ytd_is_the_year_so_far_and_spent(nlp):
    result = extract(nlp, "3Q capex $0.9bn; YTD capex $2.6bn.", date(2026, 10, 30), "EQIX", "other")
    rows = capex_rows(result, "fiscal_year", "fiscal_quarter", "low_usd", "kind")
    assert rows == [(2026, 3, 0.9, "actual"), (2026, None, 2.6, "actual")]


def test_a_share_of_the_increase_is_no_level(nlp):
    text = (
        "We raised the capital plan. About $1.5 billion of the increase falls in 2027, so 2027 "
        "capital expenditures now look like about $11.5 billion."
    )
    result = extract(nlp, text, date(2026, 7, 30), "ETR", "transcript")
    assert capex_rows(result, "fiscal_year", "low_usd") == [(2027, 11.5)]
