"""Round E: wordings and layouts found on new real filings and written documents.

Every text here is written for the test (in the style of filings, releases, notes and
news); companies are real tickers so the gazetteer and the fiscal calendars apply.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import extract, keys

from extractors.periods import find_periods, latest_quarter
from extractors.tables import table_capex

# --- tables -------------------------------------------------------------------------


def test_statement_with_year_header_and_colon_less_section_labels():
    """The year header stands alone above "Cash flows from operating activities"; the
    capex row sits under another colon-less label further down."""
    text = (
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n"
        "(In millions)\n"
        "Year Ended December 31,\n"
        "2025 | 2024 | 2023\n"
        "Cash flows from operating activities\n"
        "Net income | $5,120 | $4,310 | $3,880\n"
        "Depreciation and amortization | 1,402 | 1,210 | 1,015\n"
        "Cash flows from investing activities\n"
        "Purchases of property and equipment | (2,914) | (2,377) | (1,958)\n"
        "Purchases of marketable securities | (800) | (650) | (420)\n"
    )
    facts = table_capex(text, date(2026, 2, 10), "ANET", [])
    assert {(f["fiscal_year"], f["low_usd"], f["kind"]) for f in facts} == {
        (2025, 2914e6, "actual"),
        (2024, 2377e6, "actual"),
        (2023, 1958e6, "actual"),
    }


def test_consolidated_row_under_a_capex_caption_is_the_subjects():
    text = (
        "Total net additions to property and equipment by segment are as follows "
        "(in millions):\n"
        "Year Ended December 31,\n"
        "2024 | 2025\n"
        "Products (1) | $1,210 | $1,460\n"
        "Services | 3,300 | 4,125\n"
        "Consolidated | $4,510 | $5,585\n"
    )
    facts = table_capex(text, date(2026, 2, 3), "CSCO", [])
    assert {(f["company"], f["fiscal_year"], f["low_usd"]) for f in facts} == {
        ("CSCO", 2024, 4510e6),
        ("CSCO", 2025, 5585e6),
    }


def test_balance_dated_by_its_caption_is_not_spending():
    text = (
        "Accrued expenses consisted of the following (in millions):\n"
        "As of December 31,\n"
        "2024 | 2025\n"
        "Accrued purchases of property and equipment | 2,410 | 3,050\n"
        "Accrued compensation | 1,100 | 1,240\n"
    )
    assert table_capex(text, date(2026, 2, 3), "GOOGL", []) == []


def test_thousands_unit_is_not_trillions():
    text = (
        "(In thousands)\n"
        "Year Ended December 31,\n"
        "2024 | 2025\n"
        "Purchases of property and equipment | (41,250) | (48,900)\n"
        "Free cash flow | 20,100 | 22,700\n"
    )
    facts = table_capex(text, date(2026, 2, 3), "DDOG", [])
    assert {f["low_usd"] for f in facts} == {41_250_000.0, 48_900_000.0}


def test_one_cell_per_line_reconciliation():
    """An 8-K item rendered to text: each cell on its own line, the period above the unit."""
    text = (
        "The following reconciles net cash provided by operating activities to free cash "
        "flow for the three months ended November 30, 2025.\n"
        "Second\n"
        "Quarter\n"
        "(In thousands)\n"
        "Net cash provided by operating activities\n"
        "$\n"
        "84,210\n"
        "Investment in property, plant and equipment\n"
        "(31,775\n"
        ")\n"
        "Free cash flow\n"
        "$\n"
        "52,435\n"
    )
    (fact,) = table_capex(text, date(2025, 12, 18), "WOR", [], fye_month=5)
    assert (fact["company"], fact["fiscal_year"], fact["fiscal_quarter"]) == ("WOR", 2026, 2)
    assert fact["low_usd"] == fact["high_usd"] == 31_775_000.0 and fact["kind"] == "actual"
    assert fact["sentence"].startswith("Investment in property, plant and equipment\n(31,775")


def test_one_cell_per_line_outlook_and_statement_columns():
    text = (
        "2026 Outlook\n"
        "(in millions, except per share data)\n"
        "Metric\n"
        "2026 Guidance\n"
        "Total revenue\n"
        "$7,100 - $7,300\n"
        "Recurring capital expenditures\n"
        "$310 - $330\n"
        "Selected Cash Flow Data\n"
        "(in millions)\n"
        "Year Ended December 31,\n"
        "2025\n"
        "2024\n"
        "Capital expenditures\n"
        "(2,640\n"
        ")\n"
        "(2,215\n"
        ")\n"
    )
    facts = table_capex(text, date(2026, 2, 12), "EQIX", [])
    assert {(f["fiscal_year"], f["low_usd"], f["high_usd"], f["kind"]) for f in facts} == {
        (2026, 310e6, 330e6, "guidance"),
        (2025, 2640e6, 2640e6, "actual"),
        (2024, 2215e6, 2215e6, "actual"),
    }


def test_one_cell_per_line_needs_a_unit_line():
    text = "Capital expenditures\n$\n2,640\n$\n2,215\n"
    assert table_capex(text, date(2026, 2, 12), "EQIX", []) == []


# --- periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "fye", "expected"),
    [
        (date(2026, 1, 30), 9, (2026, 1)),  # Apple's December quarter
        (date(2025, 10, 29), 6, (2026, 1)),  # Microsoft's September quarter
        (date(2025, 4, 24), 12, (2025, 1)),
        (date(2026, 2, 26), 1, (2026, 4)),  # NVIDIA's January quarter
    ],
)
def test_latest_quarter_before_publication(published, fye, expected):
    assert latest_quarter(published, fye) == expected


def test_most_recent_quarter_and_quarter_which_ended():
    (p,) = find_periods("In its most recent quarter, capex was $2.4 billion.", date(2026, 1, 30), 9)
    assert (p.year, p.quarter) == (2026, 1)
    text = "it spent $9 billion in its latest quarter, which ended in September."
    (p,) = find_periods(text, date(2025, 11, 12), 6)
    assert (p.year, p.quarter) == (2026, 1)


def test_year_to_date_span_is_the_current_fiscal_year_without_a_quarter():
    (p,) = find_periods(
        "For the first nine months, capex totaled $1.2 billion.", date(2025, 11, 25), 1
    )
    assert (p.year, p.quarter) == (2026, None)
    assert [q.year for q in find_periods("in the first half of 2027", date(2026, 3, 1))] == [2027]


# --- capex in sentences ---------------------------------------------------------------


def test_another_companys_quarter_uses_its_own_fiscal_calendar(nlp):
    text = (
        "Oracle is borrowing to build. Microsoft, by contrast, spent $37.5 billion on capital "
        "expenditures in its most recent quarter, which ended in September."
    )
    res = extract(nlp, text, date(2025, 11, 12), "ORCL")
    assert ("MSFT", 2026, 1, 37.5e9, 37.5e9, "actual") in keys(res)


def test_earlier_figure_with_its_own_period_is_an_actual(nlp):
    text = (
        "In the third quarter, capital expenditures were $505 million, up from $340 million "
        "in the third quarter of fiscal 2025."
    )
    res = extract(nlp, text, date(2025, 11, 25), "DELL", "transcript")
    assert keys(res) == {
        ("DELL", 2026, 3, 505e6, 505e6, "actual"),
        ("DELL", 2025, 3, 340e6, 340e6, "actual"),
    }


def test_comparison_year_in_a_release_is_an_actual(nlp):
    text = (
        "For the full year 2025, capital expenditures totaled $3,480 million, compared with "
        "$2,910 million in 2024."
    )
    res = extract(nlp, text, date(2026, 2, 12), "DLR", "press_release")
    assert keys(res) == {
        ("DLR", 2025, None, 3480e6, 3480e6, "actual"),
        ("DLR", 2024, None, 2910e6, 2910e6, "actual"),
    }


def test_plan_moved_to_a_new_figure_from_an_old_one(nlp):
    res = extract(nlp, "Oracle FY26 capex raised to ~$50B from $35B.", date(2025, 12, 11))
    (f,) = res.capex
    assert (f.company, f.fiscal_year, f.low_usd, f.kind) == ("ORCL", 2026, 50e9, "guidance")
    assert f.revision == "raised" and (f.prior_low_usd, f.prior_high_usd) == (35e9, 35e9)


def test_capex_rising_from_last_year_is_not_a_revision(nlp):
    text = "Meta's capex rose to $72 billion in 2025 from $39 billion."
    (f,) = extract(nlp, text, date(2026, 2, 1)).capex
    assert (f.fiscal_year, f.low_usd, f.kind) == (2025, 72e9, "actual")
    assert f.revision is None and f.prior_low_usd is None


def test_estimate_tag_after_the_figure(nlp):
    res = extract(nlp, "Microsoft FY26 capex tracking ~$140B (our estimate)", date(2026, 2, 10))
    (f,) = res.capex
    assert (f.company, f.fiscal_year, f.kind) == ("MSFT", 2026, "estimate")


def test_prepayment_after_a_capex_sentence_is_not_capex(nlp):
    text = (
        "There will be no material impact on the company's 2026 capital investments. "
        "Acme will also provide a cash prepayment of approximately $56 million in 2027."
    )
    assert extract(nlp, text, date(2026, 7, 14), "MU").capex == []


# --- ad claims ------------------------------------------------------------------------


def test_ad_metric_wordings(nlp):
    text = (
        "Pinterest said advertising sales rose 14% in the fourth quarter to $1.3 billion. "
        "In the U.S., monetization per impression rose 5%. "
        "Reddit said return on advertising spend for lower-funnel campaigns improved. "
        "Revenue grew because of an increase in advertising revenue from retail clients."
    )
    res = extract(nlp, text, date(2026, 2, 6))
    got = {(c.metric, c.direction, c.change_pct) for c in res.ad_claims}
    assert got == {
        ("ad_revenue", "up", 14.0),
        ("ad_price", "up", 5.0),
        ("roas", "up", None),
        ("ad_revenue", "up", None),
    }


def test_cost_per_acquisition_fall_is_a_conversion_claim_down(nlp):
    text = "Snap said the cost per acquisition for advertisers dropped 20% from a year earlier."
    (c,) = extract(nlp, text, date(2026, 2, 6)).ad_claims
    assert (c.metric, c.direction, c.change_pct) == ("conversions", "down", -20.0)


# --- what the sentence before gives (complete_from_previous) -------------------------


def _capex_of(text, before_text, published, subject=None, mentions=(), before_mentions=()):
    from extractors.capex import complete_from_previous, find_capex
    from extractors.context import Sent

    sent = Sent.build(text, 0, subject, published, list(mentions))
    before = Sent.build(before_text, 0, subject, published, list(before_mentions))
    return complete_from_previous(find_capex(sent), sent, before)


def test_year_named_only_in_the_sentence_before():
    before = "Turning to fiscal 2027, we plan another step up in capacity."
    text = "We expect capital spending of $1.8 billion to $2.0 billion."
    (fact,) = _capex_of(text, before, date(2025, 11, 25), "DELL")
    assert (fact["fiscal_year"], fact["low_usd"], fact["high_usd"]) == (2027, 1.8e9, 2.0e9)


def test_two_years_before_leave_the_year_open():
    before = "Capex was $1.1 billion in fiscal 2025 and $1.0 billion in fiscal 2024."
    text = "We expect capital spending of $1.8 billion to $2.0 billion."
    (fact,) = _capex_of(text, before, date(2025, 11, 25), "DELL")
    assert fact["fiscal_year"] is None


def test_the_company_is_the_one_the_sentence_before_opens_with():
    before = "IBM reiterated its plan on Wednesday."
    text = "The company said capital expenditures would be around $5 billion this year."
    (fact,) = _capex_of(text, before, date(2026, 1, 30), "AAPL", before_mentions=[(0, 3, "IBM")])
    assert (fact["company"], fact["fiscal_year"], fact["low_usd"]) == ("IBM", 2026, 5e9)
    assert fact["kind"] == "guidance" and fact["revision"] == "reaffirmed"


def test_we_keeps_the_document_subject():
    before = "Nvidia reiterated its data center outlook on Wednesday."
    text = "We expect capital expenditures of about $5 billion this year."
    (fact,) = _capex_of(text, before, date(2026, 1, 30), "DELL", before_mentions=[(0, 6, "NVDA")])
    assert fact["company"] == "DELL" and fact["revision"] is None


def test_a_company_named_late_in_the_sentence_before_is_not_carried():
    before = "Memory prices rose sharply this quarter, according to Micron."
    text = "The company said capital expenditures would be around $5 billion this year."
    (fact,) = _capex_of(text, before, date(2026, 1, 30), "DELL", before_mentions=[(54, 60, "MU")])
    assert fact["company"] == "DELL"


# --- more wordings of capex, kinds and periods ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Purchases of property, equipment and software were $2.1 billion in 2025.",
        "Payments for property and equipment were $2.1 billion in 2025.",
        "Expenditures for property and equipment were $2.1 billion in 2025.",
        "Purchases of premises and equipment were $2.1 billion in 2025.",
    ],
)
def test_cash_line_wordings_of_capex(nlp, text):
    assert keys(extract(nlp, text, date(2026, 2, 5), "CRM", "10-K")) == {
        ("CRM", 2025, None, 2.1e9, 2.1e9, "actual")
    }


def test_capex_guidance_as_subject_is_guidance_and_held_is_reaffirmed(nlp):
    (f,) = extract(nlp, "Capex guidance for FY'26 was held at $35 billion.", date(2026, 1, 5)).capex
    assert (f.fiscal_year, f.kind, f.revision) == (2026, "guidance", "reaffirmed")


def test_forecast_held_steady_is_reaffirmed(nlp):
    text = "Amazon held its capital spending forecast steady at about $200 billion for 2026."
    (f,) = extract(nlp, text, date(2026, 2, 5)).capex
    assert (f.company, f.kind, f.revision) == ("AMZN", "guidance", "reaffirmed")


def test_street_figure_after_the_amount_and_the_quarter_just_reported(nlp):
    text = (
        "Capex came in at $22.6 billion for the quarter, above the $21.1 billion analysts "
        "had expected."
    )
    res = extract(nlp, text, date(2026, 2, 5), "AMZN")
    assert ("AMZN", 2025, 4, 22.6e9, 22.6e9, "actual") in keys(res)
    assert {f.kind for f in res.capex if f.low_usd == 21.1e9} == {"estimate"}


def test_the_quarter_follows_the_spenders_fiscal_calendar(nlp):
    text = "Microsoft said capital expenditures for the quarter were $37.5 billion."
    res = extract(nlp, text, date(2026, 1, 29))
    assert keys(res) == {("MSFT", 2026, 2, 37.5e9, 37.5e9, "actual")}


def test_bare_quarter_label_resolves_to_the_nearest(nlp):
    res = extract(
        nlp, "We spent $9.9 billion on capital expenditures in Q4.", date(2026, 2, 5), "AMZN"
    )
    assert keys(res) == {("AMZN", 2025, 4, 9.9e9, 9.9e9, "actual")}


def test_full_year_takes_the_year_named_in_the_sentence(nlp):
    text = (
        "Capital expenditures totaled $16.4 billion in the fourth quarter of 2025 and "
        "$52.5 billion for the full year."
    )
    res = extract(nlp, text, date(2026, 2, 5), "GOOGL", "press_release")
    assert keys(res) == {
        ("GOOGL", 2025, 4, 16.4e9, 16.4e9, "actual"),
        ("GOOGL", 2025, None, 52.5e9, 52.5e9, "actual"),
    }


def test_figures_paired_with_the_years_of_a_plural_span(nlp):
    text = (
        "Capital expenditures were $52.5 billion and $32.3 billion for the years ended "
        "December 31, 2024 and 2023, respectively."
    )
    assert keys(extract(nlp, text, date(2025, 2, 5), "GOOGL", "10-K")) == {
        ("GOOGL", 2024, None, 52.5e9, 52.5e9, "actual"),
        ("GOOGL", 2023, None, 32.3e9, 32.3e9, "actual"),
    }


def test_figures_paired_with_first_nine_months_of_two_years(nlp):
    text = (
        "Net capital expenditures totaled $21.4 billion and $16.9 billion for the first nine "
        "months of 2025 and 2024."
    )
    assert keys(extract(nlp, text, date(2025, 10, 30), "GOOGL", "10-Q")) == {
        ("GOOGL", 2025, None, 21.4e9, 21.4e9, "actual"),
        ("GOOGL", 2024, None, 16.9e9, 16.9e9, "actual"),
    }


def test_full_year_actual_is_the_year_just_ended_and_guidance_the_one_under_way(nlp):
    actual = extract(nlp, "Full-year capital expenditures were $4.1 billion.", date(2026, 2, 5))
    guide = extract(
        nlp,
        "The company expects full-year capital spending of roughly $6 billion.",
        date(2026, 2, 5),
        "TXN",
    )
    assert [(f.fiscal_year, f.kind) for f in actual.capex] == [(2025, "actual")]
    assert [(f.fiscal_year, f.kind) for f in guide.capex] == [(2026, "guidance")]


def test_a_quarter_that_has_ended_is_an_actual_without_a_verb(nlp):
    text = "Capex ran at $35 billion in Q1 FY26, with roughly half on short-lived assets."
    assert keys(extract(nlp, text, date(2026, 2, 5), "MSFT", "other")) == {
        ("MSFT", 2026, 1, 35e9, 35e9, "actual")
    }


def test_one_figure_for_several_companies_is_no_fact(nlp):
    text = (
        "Meta, Alphabet, Microsoft and Amazon together spent more than $400 billion on capex "
        "in 2025."
    )
    assert extract(nlp, text, date(2026, 2, 5)).capex == []


def test_now_expects_up_from_gives_the_prior_outlook(nlp):
    text = "Micron now expects fiscal 2026 capex of about $18 billion, up from $16 billion."
    (f,) = extract(nlp, text, date(2025, 12, 18)).capex
    assert (f.company, f.fiscal_year, f.revision) == ("MU", 2026, "raised")
    assert (f.prior_low_usd, f.prior_high_usd) == (16e9, 16e9)


@pytest.mark.parametrize(
    ("text", "metric", "direction", "change"),
    [
        ("Return on ad spend for advertisers using Advantage+ improved 22%.", "roas", "up", 22),
        (
            "Advertisers saw a 15% lift in conversions after adopting the tools.",
            "conversions",
            "up",
            15,
        ),
        ("YouTube ads revenue grew 14% to $11.4 billion.", "ad_revenue", "up", 14),
        (
            "Amazon's advertising services revenue climbed 23% to $21.3 billion.",
            "ad_revenue",
            "up",
            23,
        ),
    ],
)
def test_more_ad_metric_wordings(nlp, text, metric, direction, change):
    (c,) = extract(nlp, text, date(2026, 2, 6)).ad_claims
    assert (c.metric, c.direction, c.change_pct) == (metric, direction, change)


def test_lookalike_subject_keeps_its_amount_before_a_capex_clause(nlp):
    text = (
        "Depreciation expense grew to $15.3 billion as capital expenditures of $39 billion "
        "came online in 2025."
    )
    res = extract(nlp, text, date(2026, 2, 5), "META", "10-K")
    assert {f.low_usd for f in res.capex} == {39e9}


def test_a_part_of_the_figure_is_not_a_figure(nlp):
    text = "The capex figure of $30 billion for Q2 FY26 includes $11 billion of finance leases."
    res = extract(nlp, text, date(2026, 1, 29), "MSFT")
    assert {f.low_usd for f in res.capex} == {30e9}


def test_raised_by_an_amount_to_a_level(nlp):
    text = "Alphabet increased its 2025 capex forecast by $10 billion to $85 billion."
    (f,) = extract(nlp, text, date(2025, 7, 24)).capex
    assert (f.company, f.fiscal_year, f.low_usd, f.high_usd) == ("GOOGL", 2025, 85e9, 85e9)
    assert (f.kind, f.revision) == ("guidance", "raised")


@pytest.mark.parametrize(
    "text",
    [
        "Capex is now seen between $70 billion and $72 billion in 2025, versus $66 billion to "
        "$72 billion before.",
        "The company narrowed its 2025 capital expenditure range to $70 billion to $72 billion "
        "from $66 billion to $72 billion.",
    ],
)
def test_narrowed_range_against_the_range_before(nlp, text):
    (f,) = extract(nlp, text, date(2025, 10, 30), "META").capex
    assert (f.fiscal_year, f.low_usd, f.high_usd, f.revision) == (2025, 70e9, 72e9, "narrowed")
    assert (f.prior_low_usd, f.prior_high_usd) == (66e9, 72e9)


def test_an_ended_year_beside_a_plan_is_what_was_spent(nlp):
    text = "We expect capital expenditures in 2026 to exceed our 2025 level of $52.5 billion."
    assert keys(extract(nlp, text, date(2026, 2, 5), "GOOGL", "10-K")) == {
        ("GOOGL", 2025, None, 52.5e9, 52.5e9, "actual")
    }


def test_lookalikes_in_a_net_of_qualifier_do_not_count(nlp):
    text = (
        "Cash capital expenditures, net of proceeds from sales and incentives, were "
        "$34.2 billion in Q3 2025."
    )
    assert keys(extract(nlp, text, date(2025, 10, 30), "AMZN", "press_release")) == {
        ("AMZN", 2025, 3, 34.2e9, 34.2e9, "actual")
    }


def test_outlook_figure_takes_the_period_of_its_outlook_heading(nlp):
    text = (
        "Acme Reports Fourth Quarter Fiscal 2026 Results\n"
        "Fiscal 2027 Outlook\n"
        "The company expects capital expenditures of approximately $1.2 billion.\n"
    )
    assert keys(extract(nlp, text, date(2026, 2, 26), "DELL", "press_release")) == {
        ("DELL", 2027, None, 1.2e9, 1.2e9, "guidance")
    }


def test_outlook_figure_under_an_ended_results_heading_is_not_for_that_period(nlp):
    """The ended heading's quarter is not the outlook's; with no period of its own, a
    release's outlook is for the fiscal year under way at publication (round I)."""
    text = (
        "Acme Reports Fourth Quarter 2025 Results\n"
        "Fourth Quarter 2025 Highlights\n"
        "We expect capital expenditures of $5 billion.\n"
    )
    assert keys(extract(nlp, text, date(2026, 1, 27), "TXN", "press_release")) == {
        ("TXN", 2026, None, 5e9, 5e9, "guidance")
    }


@pytest.mark.parametrize(
    ("text", "ticker", "expected"),
    [
        ("We spent $9.9 billion in CapEx this quarter.", "AMZN", (2025, 4, "actual")),
        ("We expect capex next quarter to be roughly $30 billion.", "MSFT", (2026, 3, "guidance")),
        ("Q1 capex was $14.5 billion.", "GOOGL", (2025, 1, "actual")),
    ],
)
def test_quarters_named_relative_to_the_call(nlp, text, ticker, expected):
    (f,) = extract(nlp, text, date(2026, 2, 5), ticker, "transcript").capex
    assert (f.fiscal_year, f.fiscal_quarter, f.kind) == expected


def test_first_impressions_are_not_ad_impressions(nlp):
    text = "Investors' first impressions of the new service were mixed, with shares up 2%."
    assert extract(nlp, text, date(2026, 2, 5), "GOOGL").ad_claims == []


def test_dollar_signs_in_cells_of_their_own():
    text = (
        "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n"
        "(In millions)\n"
        "Three Months Ended\n"
        "December 31, 2025 | December 31, 2024\n"
        "Purchases of property and equipment | $ | (1,234 | ) | $ | (987 | )\n"
        "Net cash used in investing activities | $ | (2,000 | ) | $ | (1,500 | )\n"
    )
    facts = table_capex(text, date(2026, 2, 12), "ANET", [])
    assert {(f["fiscal_year"], f["fiscal_quarter"], f["low_usd"]) for f in facts} == {
        (2025, 4, 1234e6),
        (2024, 4, 987e6),
    }


def test_year_columns_grouped_under_two_spans():
    text = (
        "(in millions)\n"
        "Three Months Ended | Twelve Months Ended\n"
        "January 25, | January 25,\n"
        "2026 | 2025 | 2026 | 2025\n"
        "Purchases related to property and equipment | (1,234) | (987) | (3,456) | (2,876)\n"
        "Net income | 5,100 | 4,200 | 19,300 | 16,800\n"
    )
    facts = table_capex(text, date(2026, 2, 25), "NVDA", [], fye_month=1)
    assert {(f["fiscal_year"], f["fiscal_quarter"], f["low_usd"]) for f in facts} == {
        (2026, 4, 1234e6),
        (2025, 4, 987e6),
        (2026, None, 3456e6),
        (2025, None, 2876e6),
    }


def test_a_relative_clause_figure_belongs_to_the_company_it_describes(nlp):
    text = (
        "Unlike Meta, which guided to $70 billion for 2025, Oracle expects capex of $25 billion "
        "in fiscal 2026."
    )
    got = {(f.company, f.low_usd) for f in extract(nlp, text, date(2025, 12, 11)).capex}
    assert got == {("META", 70e9), ("ORCL", 25e9)}


def test_an_annual_report_dates_money_spent_without_a_year_by_the_year_it_covers(nlp):
    """A 10-K's liquidity prose often leaves the year to the report ("offset by $X of
    capital expenditures"); an outlook in it is not dated that way."""
    text = (
        "Cash used in investing activities rose, reflecting $8.4 billion of capital "
        "expenditures. We anticipate capital expenditures of about $9 billion."
    )
    assert keys(extract(nlp, text, date(2026, 2, 20), "DUK", "10-K")) == {
        ("DUK", 2025, None, 8.4e9, 8.4e9, "actual"),
        ("DUK", None, None, 9e9, 9e9, "guidance"),
    }
    # a June fiscal year: filed in August 2026, the report covers fiscal 2026
    text = "Capital expenditures of $1.2 billion funded new distribution centers."
    assert keys(extract(nlp, text, date(2026, 8, 14), "MSFT", "10-K")) == {
        ("MSFT", 2026, None, 1.2e9, 1.2e9, "actual")
    }
