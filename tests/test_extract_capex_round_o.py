"""Round O: prose forms found while reading the extractor's misses, each written anew for the
test: incentives a company receives, a past year's figure beside a plan for this one, and a
qualifier between commas that lists several look-alike words.
"""

from __future__ import annotations

from datetime import date

from extract_helpers import capex_rows, extract


def facts(nlp, text: str, published: date, ticker: str, doc_type: str = "news") -> list[tuple]:
    """(year, quarter, low, high, kind, revision) of each fact, in billions."""
    result = extract(nlp, text, published, ticker, doc_type=doc_type)
    return capex_rows(
        result, "fiscal_year", "fiscal_quarter", "low_usd", "high_usd", "kind", "revision"
    )


def test_incentives_the_company_expects_to_receive_are_not_capex(nlp):
    text = (
        "We continue to expect capital expenditures of about $2.8 billion in 2026. "
        "We also expect to collect roughly $350 million of state incentives in the fourth "
        "quarter once the plant passes its hiring milestones. Federal incentives of about "
        "$90 million arrived in the third quarter."
    )
    assert facts(nlp, text, date(2026, 10, 21), "MCHP", "10-Q") == [
        (2026, None, 2.8, 2.8, "guidance", "reaffirmed"),
    ]


def test_last_years_figure_beside_this_years_plan_was_spent(nlp):
    text = (
        "We still expect capex of about $1.5 billion this year, down slightly from last "
        "year's $1.7 billion."
    )
    rows = facts(nlp, text, date(2026, 10, 28), "XYL", "transcript")
    assert (2025, None, 1.7, 1.7, "actual", None) in rows
    assert (2026, None, 1.5, 1.5, "guidance", "reaffirmed") in rows


def test_a_qualifier_between_commas_that_lists_look_alikes(nlp):
    text = (
        "The grocer continues to expect capital investments, excluding mergers, acquisitions "
        "and purchases of leased facilities, of $3.6 billion to $3.8 billion for fiscal 2026."
    )
    assert facts(nlp, text, date(2026, 9, 11), "KR") == [
        (2026, None, 3.6, 3.8, "guidance", "reaffirmed"),
    ]


def test_a_fiscal_quarter_written_fq_and_a_semicolon_between_clauses(nlp):
    # A May fiscal year: in June 2026, "FQ3" is the quarter that ended in February.
    text = "Guided FY26 capex of at least US$1.6bn; FQ3 capex was US$412m."
    assert facts(nlp, text, date(2026, 6, 20), "APLD") == [
        (2026, None, 1.6, None, "guidance", None),
        (2026, 3, 0.412, 0.412, "actual", None),
    ]


def test_the_first_three_quarters_are_the_year_so_far(nlp):
    text = (
        "Capital expenditures were $244 million in the quarter and $690 million through the "
        "first three quarters."
    )
    assert facts(nlp, text, date(2026, 11, 4), "WSM", "transcript") == [
        (2026, 3, 0.244, 0.244, "actual", None),
        (2026, None, 0.69, 0.69, "actual", None),
    ]


def test_a_period_after_the_figure_before_is_not_this_figures(nlp):
    text = (
        "Capital spending was $515 million in the second quarter and $930 million in the "
        "first six months of 2026."
    )
    assert facts(nlp, text, date(2026, 7, 30), "RSG") == [
        (2026, 2, 0.515, 0.515, "actual", None),
        (2026, None, 0.93, 0.93, "actual", None),
    ]


def test_an_amount_taken_off_each_end_of_a_range_is_no_figure(nlp):
    text = (
        "For the year, we now see capex of $2.05 billion to $2.15 billion. That holds the "
        "midpoint we planned and takes $50 million off each end. Last year we spent "
        "$1.98 billion."
    )
    assert facts(nlp, text, date(2026, 11, 19), "ULTA", "transcript") == [
        (2026, None, 2.05, 2.15, "guidance", None),
        (2025, None, 1.98, 1.98, "actual", None),
    ]


def test_growth_capital_stands_for_capex_where_no_total_is_given(nlp):
    text = (
        "The partnership now expects growth capital expenditures of about $2.9 billion in "
        "2026, up from roughly $2.6 billion. Maintenance capital should be about $450 million."
    )
    assert facts(nlp, text, date(2026, 11, 5), "PAA") == [
        (2026, None, 2.9, 2.9, "guidance", "raised"),
    ]


def test_growth_capital_is_a_part_where_the_total_is_given(nlp):
    text = (
        "We expect growth capital of $1.1 billion and maintenance capital of $0.2 billion, "
        "for total capital expenditures of $1.3 billion in 2026."
    )
    assert facts(nlp, text, date(2026, 2, 18), "WES", "transcript") == [
        (2026, None, 1.3, 1.3, "guidance", None),
    ]


def test_a_groups_combined_plan_belongs_to_no_company(nlp):
    text = (
        "Capital budgets at the pipeline operators keep rising. Taken together, the five "
        "companies expect to spend roughly $21 billion this year."
    )
    assert facts(nlp, text, date(2026, 11, 10), "KMI") == []


def test_a_sentence_describing_the_company_before_is_about_it(nlp):
    text = (
        "Union Pacific has answered shippers with money. The Omaha, Nebraska-based railroad "
        "plans capital spending of about $3.5 billion this year to upgrade CSX's "
        "interchange yards."
    )
    result = extract(nlp, text, date(2026, 3, 2), "NSC")
    assert [(f.company, f.low_usd) for f in result.capex] == [("UNP", 3.5e9)]


def test_an_asset_purchase_beside_a_capital_budget_is_not_capex(nlp):
    text = (
        "The company left its 2026 capital budget unchanged at $2.1 billion to $2.4 billion, "
        "even as it absorbs a $900 million purchase of gathering assets."
    )
    assert facts(nlp, text, date(2026, 11, 4), "TRGP") == [
        (2026, None, 2.1, 2.4, "guidance", "reaffirmed"),
    ]


def test_the_authors_number_against_a_street_figure_are_both_estimates(nlp):
    text = "For FY27 capex we are at $3.1bn against a Street figure of $2.8bn."
    assert facts(nlp, text, date(2026, 5, 8), "LCID", "other") == [
        (2027, None, 3.1, 3.1, "estimate", None),
        (2027, None, 2.8, 2.8, "estimate", None),
    ]
