"""Rounds AG and AH: forms the extractor missed on distribution, labs, consumer, materials
and auto-supplier documents it had not seen. Texts written for these tests."""

from datetime import date

import pytest

import extractors
from tests.extract_helpers import M, extract, keys, tickers

OCT = date(2026, 10, 29)


# --- tables ------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["US$ m (Dec FY)", "$m", "USD mm", "US$ m"])
def test_a_notes_table_head_cell_gives_its_unit(nlp, unit):
    text = (
        "Halverd Components (HVC) | first take\n\n"
        f"| {unit} | 2025A | 2026E (ours) | 2027E cons. |\n"
        "|---|---|---|---|\n"
        "| Capital expenditures | 741 | 640 | 655 |\n"
        "| Free cash flow | 812 | 885 | 880 |\n"
    )
    found = keys(extract(nlp, text, OCT, "HVC", "other"))
    assert ("HVC", 2025, None, 741 * M, 741 * M, "actual") in found
    assert ("HVC", 2027, None, 655 * M, 655 * M, "estimate") in found
    assert not any(f[3] in (812 * M, 885 * M) for f in found)  # not the cash-flow row


@pytest.mark.parametrize(
    ("unit", "scale"),
    [("($000)", 1e3), ("($ in 000s)", 1e3), ("($ in mm)", M), ("(USD, millions)", M)],
)
def test_more_bracketed_units_of_a_head_cell(nlp, unit, scale):
    text = (
        "Halverd Components (HVC) | first take\n\n"
        f"| {unit} | 2025A | 2026E |\n"
        "|---|---|---|\n"
        "| Capital expenditures | 741 | 640 |\n"
    )
    found = keys(extract(nlp, text, OCT, "HVC", "other"))
    assert ("HVC", 2025, None, 741 * scale, 741 * scale, "actual") in found


def test_a_head_cell_in_another_dollar_is_no_us_unit(nlp):
    text = (
        "Halverd Components (HVC) | first take\n\n"
        "| C$ m | 2025A | 2026E |\n"
        "|---|---|---|\n"
        "| Capital expenditures | 741 | 640 |\n"
    )
    assert not extract(nlp, text, OCT, "HVC", "other").capex


# --- revisions ---------------------------------------------------------------------------


def test_a_bullet_under_an_updated_outlook_label_revises_against_its_from_figure(nlp):
    text = (
        "2026 Outlook\n\n"
        "Halverd updated its full-year 2026 outlook:\n\n"
        "- Adjusted EPS of approximately $3.05.\n"
        "- Capital expenditures of approximately $500 million, down from approximately "
        "$550 million, reflecting lower volumes.\n"
    )
    (fact,) = extract(nlp, text, OCT, "HVC", "press_release").capex
    assert (fact.fiscal_year, fact.kind, fact.revision) == (2026, "guidance", "lowered")
    assert (fact.prior_low_usd, fact.prior_high_usd) == (550 * M, 550 * M)


def test_a_bullet_comparing_with_a_dated_year_keeps_no_prior(nlp):
    text = (
        "Halverd updated its full-year 2026 outlook:\n\n"
        "- Capital expenditures of approximately $500 million, down from $550 million in 2025.\n"
    )
    facts = {f.fiscal_year: f for f in extract(nlp, text, OCT, "HVC", "press_release").capex}
    assert facts[2026].prior_low_usd is None


def test_a_bare_ticker_row_label_is_the_company_the_text_names(nlp):
    text = (
        "LABS | 28 Oct 2026\n\n"
        "- LH raised its 2026 capex guide to ~US$560m from US$500-520m on its 3Q call.\n\n"
        "Capex summary\n\n"
        "| Capex (US$ m) | 2025A | 2027E (ours) |\n"
        "|---|---|---|\n"
        "| LH | 486 | 590 |\n"
        "| XRAY | 462 | 560 |\n"
    )
    found = keys(extract(nlp, text, OCT, None, "other"))
    assert ("LH", 2025, None, 486 * M, 486 * M, "actual") in found
    assert ("LH", 2027, None, 590 * M, 590 * M, "estimate") in found
    # a label the text never names as a company is not read as one
    assert not any(f[0] == "XRAY" for f in found)


# --- periods of parallel lists ------------------------------------------------------------


def test_parallel_lists_of_figures_pair_with_the_periods_after_them(nlp):
    text = (
        "Investing activities also included payments for property, plant and equipment of "
        "$312 million and $268 million and capitalized software expenditures of $148 million "
        "and $131 million during the first six months of 2027 and 2026, respectively."
    )
    facts = {
        f.low_usd: (f.fiscal_year, f.kind)
        for f in extract(nlp, text, date(2026, 11, 5), "MCK", "10-Q").capex
    }
    assert facts[312 * M] == (2027, "actual")
    assert facts[268 * M] == (2026, "actual")


# --- look-alikes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The Company has also entered into a lease for a new headquarters in Goleta, which is "
        "expected to commence in fiscal 2028 and carries total undiscounted payments of "
        "approximately $96 million over its initial term.",
        "- Inventories were $712 million, up 6.3% from September 30, 2025.",
        "Total liquidity at the end of the quarter was $1.9 billion, consisting of cash and "
        "revolver capacity.",
    ],
)
def test_lines_under_a_capital_spending_heading_that_are_not_spending(nlp, line):
    text = (
        "Balance Sheet and Capital Spending (September 30, 2026)\n\n"
        "- Capital expenditures were $41 million in the quarter.\n"
        f"{line}\n"
    )
    facts = extract(nlp, text, OCT, "HVC", "press_release").capex
    assert [f.low_usd for f in facts] == [41 * M]


# --- companies -----------------------------------------------------------------------------


def test_a_dateline_with_a_desk_in_brackets_still_opens_with_the_company(nlp):
    text = (
        "Nov 6 (Retail business wire) - Sprouts Farmers Market is opening stores faster than "
        "ever.\n\n"
        "The Phoenix-based grocer on Thursday raised its 2026 capital expenditure forecast to "
        "$300 million to $320 million, from $270 million to $290 million. It spent $84 million "
        "in the third quarter.\n\n"
        "Grocery Outlet Holding cut its plan. Grocery Outlet said it would open fewer stores, "
        "and Grocery Outlet shares fell."
    )
    facts = extract(nlp, text, date(2026, 11, 6)).capex
    assert {f.company for f in facts} == {"SFM"}
    assert {f.low_usd for f in facts} == {300 * M, 84 * M}


@pytest.mark.parametrize("noun", ["grocer", "toymaker", "distributor", "brewer"])
def test_a_described_subject_after_a_based_or_a_trade_noun(nlp, noun):
    text = (
        "Grocery Outlet Holding reported on Thursday. Grocery Outlet and Grocery Outlet's "
        "rivals were quiet.\n\n"
        "Sprouts Farmers Market opened 12 stores.\n\n"
        f"The Arizona-based {noun} expects capital expenditures of $300 million in 2026, as "
        "Grocery Outlet pulls back."
    )
    (fact,) = extract(nlp, text, date(2026, 11, 6)).capex
    assert fact.company == "SFM"


def test_a_year_ago_figure_in_a_labelled_bracket_after_an_estimate_is_actual(nlp):
    text = "- 3Q capex $148m vs our $170m (3Q25: $166m). YTD capex $482m."
    facts = {f.low_usd: f.kind for f in extract(nlp, text, OCT, "BWA", "other").capex}
    assert facts[170 * M] == "estimate"
    assert facts[166 * M] == "actual"


def test_a_free_cash_flow_guide_after_a_capex_line_is_no_capex(nlp):
    text = (
        "- Guide implies 4Q capex of ~$168m.\n"
        "- FY26 FCF guide raised to $850-900m; mgmt also reiterated the buyback."
    )
    facts = extract(nlp, text, OCT, "BWA", "other").capex
    assert [f.low_usd for f in facts] == [168 * M]


def test_a_plain_outlook_table_row_whose_label_runs_into_its_figure(nlp):
    text = (
        "The Company has updated its full-year 2026 guidance as follows:\n\n"
        "(in millions)                            Current                Previous\n"
        "Total revenues                           $7,050 to $7,250       $7,000 to $7,300\n"
        "Depreciation, depletion and amortization $640 to $660           $635 to $665\n"
        "Capital expenditures                     $800 to $850           $750 to $850\n"
    )
    (fact,) = extract(nlp, text, OCT, "MLM", "press_release").capex
    assert (fact.low_usd, fact.high_usd, fact.fiscal_year) == (800 * M, 850 * M, 2026)
    assert (fact.prior_low_usd, fact.prior_high_usd) == (750 * M, 850 * M)


def test_an_answer_in_a_share_of_sales_then_dollars_carries_the_question_s_capex(nlp):
    text = (
        "Marcus Feld -- Tallis Brothers\n"
        "And on 2027, the Street has capex at about $720 million. Is that reasonable?\n\n"
        "Dana Ruiz -- EVP and CFO\n"
        "It's a bit high. I'd think about 2027 at roughly 3.5% of sales, so something closer "
        "to $680 million."
    )
    facts = {f.low_usd: f for f in extract(nlp, text, OCT, "APTV", "transcript").capex}
    assert (facts[680 * M].fiscal_year, facts[680 * M].kind) == (2027, "guidance")
    assert facts[720 * M].kind == "estimate"


def test_sales_named_as_its_own_figure_still_stops_a_carried_topic(nlp):
    text = (
        "Marcus Feld -- Tallis Brothers\n"
        "And on 2027, the Street has capex at about $720 million. Is that reasonable?\n\n"
        "Dana Ruiz -- EVP and CFO\n"
        "I'd think about 2027 sales closer to $19.5 billion."
    )
    facts = extract(nlp, text, OCT, "APTV", "transcript").capex
    assert [f.low_usd for f in facts] == [720 * M]


def test_a_word_ticker_labels_a_line_among_ticker_labelled_siblings(nlp):
    text = (
        "US Out-of-Home | Sector note | 10 November 2026\n\n"
        "- LAMR: FY26 capex guide raised to ~$180m from ~$165m.\n"
        "- OUT: FY26 capex guide cut to ~$85m from ~$95m.\n"
        "- CCO: FY26 capex guide cut to $150-160m from $165-175m.\n"
    )
    facts = {
        f.company: f.low_usd for f in extract(nlp, text, date(2026, 11, 10), None, "other").capex
    }
    assert facts == {"LAMR": 180 * M, "OUT": 85 * M, "CCO": 150 * M}


def test_a_note_label_word_is_no_ticker_even_among_siblings(nlp):
    text = (
        "- LAMR: FY26 capex guide raised to ~$180m from ~$165m.\n"
        "- CCO: FY26 capex guide cut to $150-160m from $165-175m.\n"
        "- NOTE: all figures in US$.\n"
        "- OUT: tickers that are words count here.\n"
    )
    found = {t for _, _, t in nlp(extractors.make_doc(nlp, text))._.companies}
    assert "NOTE" not in found
    assert "OUT" in found


# --- rounds AI and AJ ----------------------------------------------------------------------


def test_property_and_equipment_additions_name_capex(nlp):
    text = (
        "Property and equipment additions were $152 million in the quarter, compared with "
        "$131 million in the first quarter of fiscal '26."
    )
    found = keys(extract(nlp, text, date(2026, 12, 18), "ACN", "transcript"))
    assert ("ACN", 2026, 1, 131 * M, 131 * M, "actual") in found
    assert any(f[3] == 152 * M and f[5] == "actual" for f in found)


def test_accrued_purchases_in_payables_are_no_capex(nlp):
    text = (
        "Additional property and equipment purchases of $2.8 billion were included in accounts "
        "payable as of December 31, 2025."
    )
    assert not extract(nlp, text, date(2026, 2, 5), "GOOGL", "10-K").capex


def test_an_aside_that_says_what_capex_holds_does_not_hide_its_figures(nlp):
    text = (
        "Capital expenditures, which for us are mostly capitalized software, were $13.6 "
        "million in the third quarter, compared with $15.9 million a year ago."
    )
    found = keys(extract(nlp, text, date(2026, 11, 5), "ANGI", "transcript"))
    assert ("ANGI", 2026, 3, 13.6 * M, 13.6 * M, "actual") in found
    assert ("ANGI", 2025, 3, 15.9 * M, 15.9 * M, "actual") in found


def test_a_comparison_in_the_first_three_quarters_of_last_year(nlp):
    text = (
        "Year-to-date capital expenditures were $198 million, compared to $161 million in the "
        "first three quarters of 2025."
    )
    found = keys(extract(nlp, text, OCT, "GRMN", "press_release"))
    assert ("GRMN", 2025, None, 161 * M, 161 * M, "actual") in found


def test_an_implied_fourth_quarter_after_a_guide(nlp):
    text = (
        "We now expect 2026 capital expenditures of about $330 million, up from $300 million. "
        "That implies a fourth quarter of around $115 million."
    )
    found = keys(extract(nlp, text, OCT, "CTSH", "transcript"))
    assert ("CTSH", 2026, 4, 115 * M, 115 * M, "guidance") in found


def test_the_year_a_figure_is_likened_to_is_not_its_own(nlp):
    text = (
        "We'd think about fiscal '28 capex as closer to fiscal '27, call it $650 million to "
        "$700 million."
    )
    (fact,) = extract(nlp, text, date(2026, 12, 18), "ACN", "transcript").capex
    assert fact.fiscal_year == 2028


def test_a_year_owning_a_later_figure_does_not_date_the_full_year(nlp):
    text = (
        "We expect capital expenditures to be in the range of $85 million to $95 million for "
        "the full year, a bit above 2025's $78 million."
    )
    facts = {
        f.low_usd: f.fiscal_year
        for f in extract(nlp, text, date(2026, 8, 5), "CART", "transcript").capex
    }
    assert facts[85 * M] == 2026
    assert facts[78 * M] == 2025


# --- rounds AK and AL ----------------------------------------------------------------------

CONTRACTORS = (
    "AI build-out contractors | 19 November 2026\n\n"
    "- EME: FY26 capex guide raised to ~$110m from $85-95m.\n"
    "- DY: FY27 (Jan) net capex guide raised to $330-345m from $300-320m; implied 4Q "
    "~$75-90m.\n"
    "- We raise our FIX 2027E capex to $175m from $160m.\n\n"
    "Capex comps\n\n"
    "| Company (FY end) | 2025A | 2026 guide | 2027E (ours) |\n"
    "|------------------|-------|------------|--------------|\n"
    "| EME (Dec)        | 97    | ~110       | 120          |\n"
    "| FIX (Dec)        | 118   | 150-160    | 175          |\n"
    "| DY (Jan)         | 281   | 330-345    | 345          |\n\n"
    "US$ m. Source: company reports, our estimates.\n"
)


def test_a_tracker_with_its_unit_in_the_note_below_and_year_end_tags(nlp):
    found = keys(extract(nlp, CONTRACTORS, date(2026, 11, 19), None, "other"))
    assert ("EME", 2025, None, 97 * M, 97 * M, "actual") in found
    assert ("FIX", 2027, None, 175 * M, 175 * M, "estimate") in found
    # a January year: the calendar-year columns are the fiscal years ending the January after
    assert ("DY", 2026, None, 281 * M, 281 * M, "actual") in found
    assert ("DY", 2028, None, 345 * M, 345 * M, "estimate") in found


def test_a_ticker_before_an_estimate_year_names_the_company_in_prose(nlp):
    facts = extract(nlp, CONTRACTORS, date(2026, 11, 19), None, "other").capex
    raised = [f for f in facts if f.low_usd == 175 * M and f.kind == "estimate"]
    assert raised and all(f.company == "FIX" for f in raised)


def test_an_implied_bare_quarter_after_a_guide(nlp):
    facts = extract(nlp, CONTRACTORS, date(2026, 11, 19), None, "other").capex
    implied = [f for f in facts if f.low_usd == 75 * M]
    assert [(f.company, f.fiscal_quarter) for f in implied] == [("DY", 4)]


def test_a_fiscal_quarter_dated_by_its_end_states_the_calendar(nlp):
    text = (
        "OPERATOR: Welcome to Affirm's earnings call for the fiscal first quarter of 2027, the "
        "quarter ended September 30, 2026.\n\n"
        "CFO: Purchases of property and equipment were $9 million in the fiscal first quarter, "
        "compared with $7 million in the same quarter last year, and we capitalized $46 million "
        "of internal-use software."
    )
    found = keys(extract(nlp, text, date(2026, 11, 6), "AFRM", "transcript"))
    assert ("AFRM", 2027, 1, 9 * M, 9 * M, "actual") in found
    assert ("AFRM", 2026, 1, 7 * M, 7 * M, "actual") in found
    assert not any(f[3] == 46 * M for f in found)


@pytest.mark.parametrize(
    "line",
    [
        "Net cash used by investing activities was $31.7 billion for the first nine months of "
        "2026.",
        "Technology, telecommunications and equipment expense was $1.18 billion in the third "
        "quarter of 2026.",
        "The bank has said its technology budget this year is about $13 billion.",
        "The company's cell supplier separately plans a $1.6 billion expansion of its battery "
        "plant.",
    ],
)
def test_bank_and_supplier_look_alikes_beside_capex(nlp, line):
    text = f"Purchases of premises and equipment were $2.9 billion in the quarter. {line}"
    facts = extract(nlp, text, OCT, "WFC", "10-Q").capex
    assert [f.low_usd for f in facts] == [2.9e9]


def test_a_group_of_spenders_owns_a_combined_figure(nlp):
    text = (
        "Microsoft, Alphabet, Amazon and Meta are all raising budgets. The four big spenders "
        "will put more than $650 billion into capex this year between them."
    )
    assert not extract(nlp, text, OCT).capex


def test_a_company_named_with_usa_is_known_without_it(nlp):
    text = "Comfort Systems said in July it expected to spend $120 million on capital projects."
    assert tickers(nlp, text) == ["FIX"]


# --- ad claims (rounds AJ, AP and AR) ---------------------------------------------------------


def ad(nlp, text, ticker="LAMR", doc_type="press_release"):
    return [
        (c.metric, c.direction, c.change_pct, c.from_value, c.to_value, c.value)
        for c in extract(nlp, text, OCT, ticker, doc_type).ad_claims
    ]


def test_an_ad_revenue_change_in_money_and_per_cent_then_its_level(nlp):
    text = "Core advertising revenue decreased $14 million, or 4%, to $352 million."
    assert ad(nlp, text) == [("ad_revenue", "down", -4.0, None, None, 352 * M)]


@pytest.mark.parametrize(
    "text",
    [
        "Political advertising revenue increased to $192 million from $21 million.",
        "Political advertising revenue was $192 million, compared with $21 million a year ago.",
    ],
)
def test_an_ad_revenue_level_and_its_base(nlp, text):
    assert ad(nlp, text) == [("ad_revenue", "up", None, 21 * M, 192 * M, None)]


@pytest.mark.parametrize(
    ("text", "base", "level"),
    [
        ("RADAR-planned campaigns ROAS ~2.9x vs ~2.4x a yr ago.", 2.4, 2.9),
        (
            "Campaigns produced an average return on ad spend of $2.90 per dollar in the "
            "quarter, up from $2.40 a year earlier.",
            2.4,
            2.9,
        ),
        (
            "Pros on our AI-matched plans earned about $7.10 in job revenue for every dollar "
            "they spent with us in the quarter, up from $6.20 a year ago.",
            6.2,
            7.1,
        ),
    ],
)
def test_a_return_on_ad_spend_against_its_base(nlp, text, base, level):
    (claim,) = ad(nlp, text, doc_type="news")
    assert claim[0] == "roas" and claim[1] == "up"
    assert (claim[3], claim[4]) == (base, level)


@pytest.mark.parametrize(
    ("ticker", "text", "metric"),
    [
        # out-of-home and broadcast media (round AJ)
        ("LAMR", "Brands saw their cost per store visit fall 15% from a year ago.", "conversions"),
        (
            "LAMR",
            "The price advertisers pay per thousand impressions on its digital boards rose "
            "about 6%.",
            "ad_price",
        ),
        ("LAMR", "Pricing on sponsored placements in search results was up about 5%.", "ad_price"),
        # health marketing (round AP)
        (
            "GDRX",
            "The cost per new patient start on its measured campaigns fell 7%.",
            "conversions",
        ),
        (
            "GDRX",
            "The cost per new prescription on those campaigns fell 12% from a year earlier.",
            "conversions",
        ),
        ("GDRX", "The price advertisers paid per thousand impressions rose 4%.", "ad_price"),
        ("GDRX", "Pricing per sponsored message was up low single digits.", "ad_price"),
        (
            "GDRX",
            "Brands saw an average of $3.80 in incremental brand revenue for every dollar of "
            "media spend.",
            "roas",
        ),
        # marketplaces (round AR)
        ("CARG", "Leads delivered to dealers increased 7% year over year.", "conversions"),
        (
            "CARG",
            "Dealers' average cost per connection fell 5% from a year earlier.",
            "conversions",
        ),
        (
            "CARG",
            "The average price dealers paid per thousand impressions increased about 3%.",
            "ad_price",
        ),
        ("CARG", "CARG 3Q: ad rev +16% to $41.7M.", "ad_revenue"),
        (
            "CARG",
            "Merchants generated an average of $5.80 in bookings for every dollar of advertising "
            "spend in the quarter.",
            "roas",
        ),
    ],
)
def test_more_ways_to_name_ad_metrics(nlp, ticker, text, metric):
    assert [c[0] for c in ad(nlp, text, ticker, "news")] == [metric]


# --- rounds AM and AN -----------------------------------------------------------------------


def test_a_name_written_with_and_for_its_ampersand(nlp):
    assert tickers(nlp, "Telephone and Data Systems lowered its forecast.") == ["TDS"]


def test_a_forecast_moved_with_its_old_range_in_news_is_this_year_s(nlp):
    text = (
        "Fiber builders are cutting capital budgets for 2026 and 2027. Telephone and Data "
        "Systems lowered its consolidated capital expenditure forecast to $380 million to $420 "
        "million, from $420 million to $470 million, as its telecom unit slows construction."
    )
    (fact,) = extract(nlp, text, date(2026, 11, 10)).capex
    assert (fact.company, fact.fiscal_year, fact.revision) == ("TDS", 2026, "lowered")


@pytest.mark.parametrize(
    "line",
    [
        "During the quarter, the Company was provisionally selected for $64.0 million of "
        "Broadband Equity, Access, and Deployment program awards in Virginia.",
        "Of these amounts, $174.5 million and $201.9 million, respectively, were acquired under "
        "vendor financing arrangements.",
        "Repayments of amounts owed under vendor financing arrangements were $318.6 million.",
    ],
)
def test_telecom_look_alikes_beside_capex(nlp, line):
    text = f"Property and equipment additions were $437.9 million in the nine months. {line}"
    facts = extract(nlp, text, OCT, "SHEN", "10-Q").capex
    assert [f.low_usd for f in facts] == [437.9 * M]


def test_capex_net_of_reimbursements_stays_a_figure(nlp):
    text = (
        "- Capital expenditures of $27.9 million, or $19.4 million net of reimbursements from "
        "government broadband programs."
    )
    found = {f.low_usd for f in extract(nlp, text, OCT, "ATNI", "press_release").capex}
    assert {27.9 * M, 19.4 * M} <= found


def test_a_reimbursements_row_of_a_cash_flow_table_is_no_capex(nlp):
    text = (
        "(In thousands)                                  Three months        Nine months\n"
        "                                                 2026      2025      2026      2025\n"
        "Capital expenditures                           27,906    30,115    81,200    88,040\n"
        "Government capital programs reimbursements      8,517     6,204    23,880    14,972\n"
    )
    found = {f.low_usd for f in extract(nlp, text, OCT, "ATNI", "8-K").capex}
    assert 27_906_000 in found
    assert not found & {8_517_000, 6_204_000}


def test_a_rival_named_before_an_aside_still_acts(nlp):
    text = (
        "Rival Cadence Design Systems, whose fiscal year follows the calendar, raised its 2026 "
        "capex forecast in October to about $190 million from about $170 million."
    )
    (fact,) = extract(nlp, text, date(2026, 12, 5), "SNPS").capex
    assert fact.company == "CDNS"


def test_customer_tickers_before_a_year_and_a_capex_word(nlp):
    text = (
        "Customer capex: TSM 2026 capex guide now $56-58bn (was $52-56bn); INTC 2026 gross capex "
        "~$17bn (was ~$18bn)."
    )
    facts = {f.company: f.low_usd for f in extract(nlp, text, OCT, "COHU", "other").capex}
    assert facts == {"TSM": 56e9, "INTC": 17e9}


def test_a_low_high_outlook_table_with_one_figure_rows_between(nlp):
    text = (
        "Fiscal Year 2027 Targets\n"
        "(in millions, except per share amounts)\n\n"
        "                                        Low           High\n"
        "Revenue                             $10,350       $10,450\n"
        "Operating cash flow                  ~$3,000\n"
        "Free cash flow                       ~$2,650\n"
        "Capital expenditures                   $320          $350\n"
    )
    (fact,) = extract(nlp, text, date(2026, 12, 3), "SNPS", "press_release").capex
    assert (fact.fiscal_year, fact.low_usd, fact.high_usd) == (2027, 320 * M, 350 * M)


def test_a_shorthand_was_gives_the_earlier_figure(nlp):
    (fact,) = extract(nlp, "FY27 capex guide ~$95M, was ~$80M in July.", OCT, "LOGI", "other").capex
    assert (fact.low_usd, fact.revision, fact.prior_low_usd) == (95 * M, "raised", 80 * M)


def test_a_date_before_was_is_no_earlier_figure(nlp):
    text = "Capital spending in the fiscal first quarter, which ended Sept. 30, was $58 million."
    (fact,) = extract(nlp, text, OCT, "SMCI", "news").capex
    assert (fact.low_usd, fact.kind) == (58 * M, "actual")


@pytest.mark.parametrize(
    "line",
    [
        "The company has financed most of the build with $2.35 billion of high-yield notes.",
        "It signed a 15-year lease with Amazon worth $5.5 billion.",
    ],
)
def test_financing_and_lease_values_are_no_capex(nlp, line):
    text = f"Cipher raised its 2026 capex forecast to about $1.9 billion. {line}"
    facts = extract(nlp, text, OCT, "CIFR", "news").capex
    assert [f.low_usd for f in facts] == [1.9e9]


# --- rounds AO and AP ----------------------------------------------------------------------


def test_a_relative_tracker_without_a_year_column_reads_each_row_s_year_end(nlp):
    text = (
        "Utility-scale solar supply chain | 12 November 2026\n\n"
        "Capex comps (US$ m)\n\n"
        "| Company (FY end) | Prior FY capex (A) | Current FY guide | Next FY (our E) |\n"
        "|---|---|---|---|\n"
        "| First Solar (FSLR, Dec) | 1,380 | 900-1,000 | 1,250 |\n"
        "| Nextracker (NXT, Mar) | 58 | 85-100 | 95 |\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 12), None, "other"))
    assert ("FSLR", 2025, None, 1380 * M, 1380 * M, "actual") in found
    assert ("FSLR", 2027, None, 1250 * M, 1250 * M, "estimate") in found
    assert ("NXT", 2027, None, 85 * M, 100 * M, "guidance") in found  # the year to March 2027


def test_an_owner_s_investment_in_energy_systems_is_its_capex(nlp):
    text = (
        "Investment in solar energy systems was $604 million in the third quarter, compared "
        "with $671 million a year ago."
    )
    found = keys(extract(nlp, text, date(2026, 11, 6), "RUN", "transcript"))
    assert ("RUN", 2026, 3, 604 * M, 604 * M, "actual") in found


def test_sold_production_credits_are_no_capex(nlp):
    text = (
        "Capital expenditures were $31 million in the quarter. During the quarter the Company "
        "sold $61 million of Section 45X credits to an unrelated buyer for cash."
    )
    facts = extract(nlp, text, OCT, "NXT", "press_release").capex
    assert [f.low_usd for f in facts] == [31 * M]


# --- rounds AQ and AR ----------------------------------------------------------------------


def test_our_and_ours_heads_are_estimates_in_a_relative_tracker(nlp):
    text = (
        "Defense electronics | 11 December 2026\n\n"
        "Capex comps (US$ m)\n\n"
        "| Company (FY end) | Prior FY (A) | Current FY guide | Current FY (ours) "
        "| Next FY (ours) |\n"
        "|---|---|---|---|---|\n"
        "| Kratos (KTOS, Dec) | 98 | 150-165 | 160 | 185 |\n"
    )
    found = keys(extract(nlp, text, date(2026, 12, 11), None, "other"))
    assert ("KTOS", 2026, None, 160 * M, 160 * M, "estimate") in found
    assert ("KTOS", 2027, None, 185 * M, 185 * M, "estimate") in found
    assert ("KTOS", 2026, None, 150 * M, 165 * M, "guidance") in found


# --- round AS: a text in another dollar -------------------------------------------------------


def test_a_text_in_canadian_dollars_gives_only_its_us_dollar_figures(nlp):
    text = (
        "Unless otherwise indicated, all amounts are in Canadian dollars.\n\n"
        "Capital expenditures were $1,010 million in the third quarter of 2026 (approximately "
        "US$735 million). Emera now expects 2026 capital expenditures of approximately $3.9 "
        "billion."
    )
    found = {f.low_usd for f in extract(nlp, text, OCT, "EMRAF", "press_release").capex}
    assert found == {735 * M}


def test_a_table_in_the_text_s_own_dollar_is_skipped(nlp):
    text = (
        "All amounts are in Canadian dollars unless otherwise indicated.\n\n"
        "Capital expenditures (in millions of dollars)\n\n"
        "                                   Q3 2026    Q3 2025\n"
        "Total capital expenditures            54.6       49.8\n"
        "Additions to property and equipment   38.9       36.2\n"
    )
    assert not extract(nlp, text, OCT, "WSPOF", "other").capex


def test_a_text_in_us_dollars_keeps_its_bare_dollar_figures(nlp):
    text = (
        "All dollar amounts in this MD&A are in U.S. dollars unless otherwise indicated. "
        "Capital expenditures were $612 million in the third quarter."
    )
    found = {f.low_usd for f in extract(nlp, text, OCT, "AEM", "10-Q").capex}
    assert found == {612 * M}


def test_a_move_from_an_outlook_in_another_currency_still_has_a_direction(nlp):
    text = (
        "Halverd now expects 2026 capital expenditures of about $2.85 billion, up from the "
        "KRW 3.6 trillion it indicated in July."
    )
    (fact,) = extract(nlp, text, OCT, "HLVD", "press_release").capex
    assert (fact.revision, fact.prior_low_usd) == ("raised", None)


def test_a_move_from_last_year_s_spending_is_no_revision(nlp):
    text = (
        "Halverd expects 2026 capital expenditures of about $2.85 billion, up from KRW 3.1 "
        "trillion last year."
    )
    (fact,) = extract(nlp, text, OCT, "HLVD", "press_release").capex
    assert fact.revision is None
