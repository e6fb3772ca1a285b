"""Round F: general failure modes found on new build documents labelled before the run.

Every text here is written for the test, in wording that differs from the build documents
it generalises from; companies are real tickers so the gazetteer and fiscal calendars apply.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import extract, keys

from extractors.money import find_amounts
from extractors.periods import find_periods


def only(result):
    (fact,) = result.capex
    return fact


# --- sentences and companies ----------------------------------------------------------


def test_abbreviation_inside_a_sentence_does_not_split_it(nlp):
    text = "We now plan capital expenditures, excl. finance leases, of about $6.5 billion in 2026."
    fact = only(extract(nlp, text, date(2025, 11, 4), "CSCO", "transcript"))
    assert (fact.fiscal_year, fact.low_usd, fact.approximate) == (2026, 6.5e9, True)
    assert fact.sentence == text


def test_ticker_labelling_a_bullet_names_the_company(nlp):
    text = "Capex watch\n\n- PINS: 2026 capex seen at $180M-$200M.\n- RDDT: 2026 capex ~$90M.\n"
    assert keys(extract(nlp, text, date(2026, 2, 10), None, "other")) == {
        ("PINS", 2026, None, 180e6, 200e6, "guidance"),
        ("RDDT", 2026, None, 90e6, 90e6, "guidance"),
    }


def test_common_header_word_before_a_colon_is_not_a_ticker(nlp):
    text = "Notes\n\n- NOTE: Meta plans 2026 capital expenditures of $120 billion.\n"
    (fact,) = extract(nlp, text, date(2026, 1, 30), None, "other").capex
    assert fact.company == "META"


def test_one_word_names_of_non_tech_spenders_are_known(nlp):
    text = "Caterpillar expects capital expenditures of about $2.5 billion in 2026."
    assert only(extract(nlp, text, date(2026, 2, 1))).company == "CAT"


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "through the first nine months of the year we spent",
        "9M25 capex",
        "capex in 1H25",
        "year-to-date capex",
    ],
)
def test_year_to_date_spans_are_a_year_without_a_quarter(text):
    (period,) = find_periods(text, date(2025, 10, 30))
    assert (period.year, period.quarter) == (2025, None)


def test_nine_month_figure_is_actual_for_the_year_not_the_quarter(nlp):
    text = (
        "Capital expenditures were $2.1 billion in the third quarter, and through the first "
        "nine months of the year we have spent $6.0 billion."
    )
    assert keys(extract(nlp, text, date(2025, 10, 24), "T", "transcript")) == {
        ("T", 2025, 3, 2.1e9, 2.1e9, "actual"),
        ("T", 2025, None, 6.0e9, 6.0e9, "actual"),
    }


def test_multi_year_plan_and_yearly_rate_have_no_year(nlp):
    text = "The utility outlined capital expenditures of $12 billion a year through 2029."
    fact = only(extract(nlp, text, date(2025, 5, 1), "SO"))
    assert (fact.fiscal_year, fact.low_usd) == (None, 12e9)


def test_span_of_years_gives_no_year(nlp):
    text = "Duke Energy set a capital plan of $103 billion for 2026-2030."
    fact = only(extract(nlp, text, date(2025, 11, 7), "DUK"))
    assert fact.fiscal_year is None


def test_a_year_earlier_is_still_a_period_not_a_rate(nlp):
    text = (
        "Capital expenditures were $3.0 billion in the second quarter, up from $2.4 billion "
        "a year earlier."
    )
    assert ("NEE", 2024, 2, 2.4e9, 2.4e9, "actual") in keys(
        extract(nlp, text, date(2025, 7, 25), "NEE")
    )


def test_walmart_fiscal_year_ends_in_january(nlp):
    text = "Capital expenditures were $6.1 billion in the quarter ended July 31, 2025."
    fact = only(extract(nlp, text, date(2025, 8, 21), "WMT", "press_release"))
    assert (fact.fiscal_year, fact.fiscal_quarter) == (2026, 2)


# --- money -------------------------------------------------------------------------------


def test_negated_floor_is_an_upper_bound():
    (a,) = find_amounts("we do not expect capex to exceed $7 billion next year")
    assert (a.low, a.high) == (None, 7e9)
    (b,) = find_amounts("we expect capex to exceed $7 billion next year")
    assert (b.low, b.high) == (7e9, None)


# --- revisions and prior outlooks ---------------------------------------------------------


def test_range_given_earlier_after_the_amount_is_the_prior(nlp):
    text = (
        "We now expect 2025 capital spending of about $3.2 billion, at the low end of the "
        "$3.0 billion to $3.6 billion range we provided in February."
    )
    fact = only(extract(nlp, text, date(2025, 8, 1), "UNP", "transcript"))
    assert (fact.prior_low_usd, fact.prior_high_usd) == (3.0e9, 3.6e9)
    assert fact.revision == "narrowed"


def test_prior_given_last_quarter_is_not_a_quarter_actual(nlp):
    text = (
        "For the full year we're now expecting capex of around $9 billion, up from the "
        "$8 billion we gave last quarter."
    )
    fact = only(extract(nlp, text, date(2025, 10, 30), "TMUS", "transcript"))
    assert (fact.low_usd, fact.revision, fact.prior_low_usd) == (9e9, "raised", 8e9)


def test_now_before_the_amount_makes_down_from_the_prior(nlp):
    text = "- CRWV: 2026 capex now $25bn-$28bn, down from $30bn-$35bn."
    fact = only(extract(nlp, text, date(2026, 3, 1), None, "other"))
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == ("lowered", 30e9, 35e9)


@pytest.mark.parametrize(
    "sentence",
    [
        "The company continues to expect capital expenditures of $4 billion in 2026.",
        "Capital expenditures for 2026 of $4 billion are in line with its prior outlook.",
        "Comcast kept its 2026 capex outlook of $4 billion.",
    ],
)
def test_held_outlook_wordings_reaffirm(nlp, sentence):
    fact = only(extract(nlp, sentence, date(2026, 4, 24), "CMCSA"))
    assert (fact.kind, fact.revision) == ("guidance", "reaffirmed")


# --- kinds ---------------------------------------------------------------------------------


def test_nine_month_shorthand_is_actual(nlp):
    text = "- MSFT: 9M capex of $64.6bn vs. $55.7bn in 9M24.\n"
    kinds = {f.kind for f in extract(nlp, text, date(2025, 4, 30), None, "other").capex}
    assert kinds == {"actual"}


def test_table_column_ended_is_actual():
    from extractors.tables import table_capex

    text = (
        "Capital expenditures ($ in millions)\n\n"
        "Segment | Six Months Ended June 30, 2025 | Six Months Ended June 30, 2024\n"
        "Total capital expenditures | 5,310 | 4,870\n"
    )
    facts = table_capex(text, date(2025, 8, 1), "DUK", [], 12)
    assert {(f["fiscal_year"], f["low_usd"], f["kind"]) for f in facts} == {
        (2025, 5.31e9, "actual"),
        (2024, 4.87e9, "actual"),
    }


# --- look-alikes ----------------------------------------------------------------------------


def test_table_below_a_capex_table_is_read_by_its_own_caption(nlp):
    text = (
        "| Capex ($ in millions) | 2024A | 2025E |\n"
        "|---|---|---|\n"
        "| Deere | 1,431 | 1,350 |\n"
        "\n"
        "| Sales ($ in millions) | 2024A | 2025E |\n"
        "|---|---|---|\n"
        "| Deere | 51,716 | 45,300 |\n"
    )
    lows = {f.low_usd for f in extract(nlp, text, date(2025, 6, 1), None, "other").capex}
    assert lows == {1.431e9, 1.35e9}


def test_no_capex_guide_negates_the_capex_word(nlp):
    text = "- TTD: no capex guide; gross spend on the platform above $12bn for the year.\n"
    assert extract(nlp, text, date(2025, 11, 7), None, "other").capex == []


def test_industry_wide_spending_is_a_market_not_a_company(nlp):
    text = (
        "Meta raised its outlook. Analysts estimate that global data center spending could "
        "reach $3 trillion by 2028."
    )
    assert extract(nlp, text, date(2025, 10, 30), "META").capex == []


def test_total_in_another_clause_does_not_make_a_combined_figure(nlp):
    text = (
        "Lumen said its fiber deals are worth $5 billion in total, and Meta plans to spend "
        "$118 billion on capital expenditures in 2026."
    )
    assert ("META", 2026, None, 118e9, 118e9, "guidance") in keys(
        extract(nlp, text, date(2026, 1, 29))
    )


# --- ad claims -------------------------------------------------------------------------------


def test_rule_sentence_is_not_an_ad_claim(nlp):
    text = "Each percentage point of conversion improvement lifts ad prices for Pinterest."
    assert extract(nlp, text, date(2025, 5, 1), "PINS").ad_claims == []


def test_advertising_business_growth_is_ad_revenue(nlp):
    text = "Walmart's global advertising business grew 46% in the quarter."
    (claim,) = extract(nlp, text, date(2025, 8, 21), "WMT").ad_claims
    assert (claim.metric, claim.direction, claim.change_pct) == ("ad_revenue", "up", 46)


# --- outlook tables with low and high columns ------------------------------------------------


def test_low_high_table_with_period_rows_and_metric_rows():
    from extractors.tables import table_capex

    by_period = (
        "Capital spending outlook ($ in billions)\n\n"
        "Period            Low     High\n"
        "Q1 2026           0.40    0.45\n"
        "Full year 2026    1.80    2.00\n"
    )
    facts = table_capex(by_period, date(2026, 1, 27), "TXN", [], 12)
    assert {
        (f["fiscal_year"], f["fiscal_quarter"], f["low_usd"], f["high_usd"]) for f in facts
    } == {
        (2026, 1, 0.40e9, 0.45e9),
        (2026, None, 1.80e9, 2.00e9),
    }
    by_metric = (
        "2026 Outlook ($ in millions)\n\n"
        "                         Low       High\n"
        "Revenue                  9,800     10,200\n"
        "Capital expenditures     1,100     1,300\n"
    )
    facts = table_capex(by_metric, date(2026, 2, 1), "CSX", [], 12)
    assert [(f["fiscal_year"], f["low_usd"], f["high_usd"], f["kind"]) for f in facts] == [
        (2026, 1.1e9, 1.3e9, "guidance")
    ]


# --- third batch ------------------------------------------------------------------------------


def test_quarter_named_by_its_end_month_is_the_last_such_quarter(nlp):
    text = "Microsoft's capital expenditures in the September quarter were $35 billion."
    fact = only(extract(nlp, text, date(2026, 1, 12)))
    assert (fact.company, fact.fiscal_year, fact.fiscal_quarter) == ("MSFT", 2026, 1)


def test_for_the_year_is_the_current_year():
    (period,) = find_periods("capital spending of about $9 billion for the year", date(2025, 2, 3))
    assert (period.year, period.quarter) == (2025, None)
    (ended,) = find_periods("for the year ended December 31, 2024", date(2025, 2, 3))
    assert ended.year == 2024


def test_prior_year_quarter_is_the_same_quarter_a_year_before(nlp):
    text = (
        "Capital spending for the second quarter was $1.1 billion, compared with $1.4 billion "
        "in the prior-year quarter."
    )
    assert keys(extract(nlp, text, date(2025, 12, 18), "FDX", "press_release")) == {
        ("FDX", 2026, 2, 1.1e9, 1.1e9, "actual"),
        ("FDX", 2025, 2, 1.4e9, 1.4e9, "actual"),
    }


def test_comparison_signs_bound_a_figure():
    (a,) = find_amounts("FY26 capex >$100B")
    assert (a.low, a.high) == (100e9, None)
    (b,) = find_amounts("FY26 capex <$5B")
    assert (b.low, b.high) == (None, 5e9)


def test_remaining_performance_obligations_are_not_capex(nlp):
    text = "- ORCL: FY27 capex $60B+ per mgmt; RPO $523B.\n"
    assert keys(extract(nlp, text, date(2025, 12, 11), None, "other")) == {
        ("ORCL", 2027, None, 60e9, None, "guidance")
    }


def test_range_the_company_guided_to_is_guidance_beside_an_estimate(nlp):
    text = (
        "We estimate Amazon will spend $205 billion on capex in 2026, at the top of the "
        "$190 billion to $205 billion range it guided to."
    )
    got = keys(extract(nlp, text, date(2026, 2, 10), None, "other"))
    assert got == {
        ("AMZN", 2026, None, 205e9, 205e9, "estimate"),
        ("AMZN", 2026, None, 190e9, 205e9, "guidance"),
    }


def test_bullet_with_a_figure_is_not_a_heading(nlp):
    text = (
        "Fiscal 2027 Outlook\n\n"
        "- Revenue growth: 3% to 5%\n"
        "- Capital spending: approximately $4.0 billion\n"
    )
    fact = only(extract(nlp, text, date(2026, 6, 24), "FDX", "press_release"))
    assert (fact.fiscal_year, fact.kind, fact.low_usd) == (2027, "guidance", 4.0e9)


# --- ad claims, fourth batch -------------------------------------------------------------------


def test_percent_adjective_before_the_metric_is_its_change(nlp):
    text = "Snap said advertisers saw a 30% lower cost per conversion on its new ranking model."
    (claim,) = extract(nlp, text, date(2025, 8, 6), "SNAP").ad_claims
    assert (claim.metric, claim.direction, claim.change_pct) == ("conversions", "down", -30)


def test_doubled_is_up_and_a_hyphenated_lower_is_not_down(nlp):
    text = "Reddit said conversion rates on its lower-funnel formats have doubled since launch."
    (claim,) = extract(nlp, text, date(2025, 8, 1), "RDDT").ad_claims
    assert (claim.metric, claim.direction) == ("conversions", "up")


# --- probes of release wording ------------------------------------------------------------------


def test_current_and_prior_outlook_columns_give_one_revised_fact(nlp):
    text = (
        "Fiscal 2026 Outlook\n\n"
        "| | Updated Guidance | Prior Guidance |\n"
        "|---|---|---|\n"
        "| Revenue growth | 2% to 3% | 1% to 3% |\n"
        "| Capital expenditures | $2.4 to $2.6 billion | $2.0 to $2.3 billion |\n"
    )
    (fact,) = extract(nlp, text, date(2025, 11, 18), "DE", "press_release").capex
    assert (fact.fiscal_year, fact.low_usd, fact.high_usd, fact.kind) == (
        2026,
        2.4e9,
        2.6e9,
        "guidance",
    )
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == ("raised", 2.0e9, 2.3e9)


def test_full_year_outlook_is_not_dated_by_the_comparison_base(nlp):
    text = (
        "Full year capital expenditures are expected to be $6.2B-$6.6B, compared with $5.9B "
        "in 2025."
    )
    assert keys(extract(nlp, text, date(2026, 1, 27), "LUMN", "press_release")) == {
        ("LUMN", 2026, None, 6.2e9, 6.6e9, "guidance"),
        ("LUMN", 2025, None, 5.9e9, 5.9e9, "actual"),
    }


def test_span_ended_makes_the_figure_actual(nlp):
    text = (
        "During the six months ended June 30, 2025, we made capital expenditures of $840 million."
    )
    fact = only(extract(nlp, text, date(2025, 8, 1), "AEP", "10-Q"))
    assert (fact.fiscal_year, fact.fiscal_quarter, fact.kind) == (2025, None, "actual")


def test_year_to_date_spending_is_this_year(nlp):
    text = "The company spent $2.9 billion on capex year-to-date."
    assert only(extract(nlp, text, date(2025, 10, 30), "CAT")).fiscal_year == 2025


def test_covenant_limit_on_capital_expenditures_is_not_a_fact(nlp):
    text = "The Credit Agreement limits capital expenditures to $400 million in any fiscal year."
    assert extract(nlp, text, date(2024, 3, 1), "WOR", "8-K").capex == []


def test_free_cash_flow_after_a_capex_clause_is_not_capex(nlp):
    text = (
        "Free cash flow, defined as operating cash flow of $4.0 billion less capital "
        "expenditures of $1.5 billion, was $2.5 billion in 2025."
    )
    lows = {f.low_usd for f in extract(nlp, text, date(2026, 2, 1), "HON").capex}
    assert lows == {1.5e9}


def test_part_named_after_the_amount_is_not_a_fact(nlp):
    text = (
        "Our capital expenditures in 2025 were $3.1 billion, $1.4 billion of which related to "
        "the new refinery."
    )
    assert keys(extract(nlp, text, date(2026, 2, 1), "CVX", "10-K")) == {
        ("CVX", 2025, None, 3.1e9, 3.1e9, "actual")
    }


def test_spending_over_several_years_has_no_year(nlp):
    text = "Apple said it would spend $500 billion on servers and data centers over four years."
    assert only(extract(nlp, text, date(2025, 2, 24))).fiscal_year is None


def test_cost_per_click_is_ad_price(nlp):
    (claim,) = extract(
        nlp, "Cost-per-click rose 6% in the quarter.", date(2025, 7, 24), "GOOGL"
    ).ad_claims
    assert (claim.metric, claim.change_pct) == ("ad_price", 6)


def test_new_level_written_before_the_old_is_a_move(nlp):
    text = "The average CPM rose to $8.10 from $7.60."
    (claim,) = extract(nlp, text, date(2025, 7, 24), "PINS").ad_claims
    assert (claim.from_value, claim.to_value, claim.direction) == (7.6, 8.1, "up")


def test_cross_sectional_comparison_is_not_a_claim(nlp):
    text = "Conversion rates on Reels are higher than on Stories."
    assert extract(nlp, text, date(2025, 7, 24), "META").ad_claims == []


def test_rival_named_as_the_actor_is_the_spender(nlp):
    text = (
        "Meta expects heavy spending. Rival Alphabet plans to spend $75 billion on capex this year."
    )
    assert only(extract(nlp, text, date(2025, 2, 5), "META")).company == "GOOGL"


def test_bare_quarter_before_capex_is_that_quarter(nlp):
    text = "Capex in Q3 was $1.3 billion, and we expect Q4 capex of about $1.5 billion."
    assert keys(extract(nlp, text, date(2025, 10, 28), "SO", "transcript")) == {
        ("SO", 2025, 3, 1.3e9, 1.3e9, "actual"),
        ("SO", 2025, 4, 1.5e9, 1.5e9, "guidance"),
    }


def test_bracketed_period_belongs_to_the_figure_before_it(nlp):
    text = "Capex: ~$12B (2025), $15B+ (2026E)"
    assert keys(extract(nlp, text, date(2025, 11, 10), "TSM", "other")) == {
        ("TSM", 2025, None, 12e9, 12e9, "guidance"),
        ("TSM", 2026, None, 15e9, None, "estimate"),
    }


def test_merger_covenant_on_capital_expenditures_is_not_a_fact(nlp):
    text = "Until closing, the Company shall not make capital expenditures in excess of $8 million."
    assert extract(nlp, text, date(2018, 7, 13), "DIS", "8-K").capex == []


def test_investing_cash_after_a_capex_clause_is_not_capex(nlp):
    text = (
        "Net cash used in investing activities, including capital expenditures of $31.2 "
        "million, was $77.4 million."
    )
    lows = {f.low_usd for f in extract(nlp, text, date(2023, 6, 28), "WOR", "8-K").capex}
    assert lows == {31.2e6}


def test_in_the_quarter_after_an_actual_is_the_reported_quarter(nlp):
    text = (
        "Capital expenditures, which totaled $41.0 million in the quarter, are expected to be "
        "$150 million to $160 million for fiscal 2026."
    )
    assert ("WOR", 2026, 1, 41e6, 41e6, "actual") in keys(
        extract(nlp, text, date(2025, 9, 24), "WOR", "press_release")
    )


def test_open_ended_prior_after_from(nlp):
    text = (
        "Intel cut its 2026 capital spending plan to about $16 billion from more than $18 billion."
    )
    fact = only(extract(nlp, text, date(2026, 1, 30), "INTC"))
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == ("lowered", 18e9, None)


def test_kept_its_capital_budget_reaffirms(nlp):
    text = "TSMC kept its 2026 capital budget at $52 billion to $56 billion."
    fact = only(extract(nlp, text, date(2026, 4, 16)))
    assert (fact.company, fact.revision) == ("TSM", "reaffirmed")


@pytest.mark.parametrize(
    "sentence",
    [
        "Capital expenditures are expected to total $9 billion, compared with the company's "
        "February forecast of $8 billion.",
        "2026 capital expenditures (prior outlook: $8 billion) are now expected to be $9 billion.",
        "The company expects capex of $9 billion, more than the $8 billion it projected in May.",
    ],
)
def test_prior_outlook_wordings(nlp, sentence):
    fact = only(extract(nlp, sentence, date(2026, 7, 30), "GM", "press_release"))
    assert (fact.low_usd, fact.revision, fact.prior_low_usd) == (9e9, "raised", 8e9)


def test_next_sentence_comparing_with_an_outlined_range_gives_the_prior(nlp):
    text = (
        "On capex: we expect 2026 spending of $9 billion to $10 billion. That compares with "
        "the $8 billion to $9 billion we outlined at our investor day."
    )
    fact = only(extract(nlp, text, date(2026, 2, 5), "T", "transcript"))
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == ("raised", 8e9, 9e9)


def test_next_sentence_comparing_with_last_years_spending_is_an_actual(nlp):
    text = (
        "On capex: we expect 2026 spending of $10 billion. That compares with $8.5 billion in 2025."
    )
    got = {
        (f.fiscal_year, f.low_usd, f.kind, f.prior_low_usd)
        for f in extract(nlp, text, date(2026, 2, 5), "T", "transcript").capex
    }
    assert got == {(2026, 10e9, "guidance", None), (2025, 8.5e9, "actual", None)}


def test_in_our_view_marks_an_estimate(nlp):
    text = "Microsoft's FY27 capex should land near $160bn, in our view."
    assert only(extract(nlp, text, date(2026, 1, 29), None, "other")).kind == "estimate"


def test_outlook_given_before_then_the_new_one_is_one_revised_fact(nlp):
    text = (
        "In February we guided 2026 capex to $10 billion to $11 billion. We now expect "
        "$11 billion to $12 billion."
    )
    fact = only(extract(nlp, text, date(2026, 7, 30), "CVX", "transcript"))
    assert (fact.fiscal_year, fact.low_usd, fact.high_usd) == (2026, 11e9, 12e9)
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == ("raised", 10e9, 11e9)


def test_two_plain_outlook_sentences_stay_two_facts(nlp):
    text = "We expect 2026 capex of $10 billion. We now expect 2027 capex of $12 billion."
    assert len(extract(nlp, text, date(2026, 7, 30), "CVX", "transcript").capex) == 2


def test_investment_starting_in_a_year_has_no_year(nlp):
    text = "Amazon plans to invest $30 billion in data centers, starting in 2027."
    assert only(extract(nlp, text, date(2026, 5, 1))).fiscal_year is None


def test_rose_by_a_percentage_to_a_level_is_actual(nlp):
    text = "Alphabet's capital expenditures rose 83% to $24 billion in the third quarter."
    fact = only(extract(nlp, text, date(2025, 10, 30)))
    assert (fact.kind, fact.fiscal_year, fact.fiscal_quarter) == ("actual", 2025, 3)


def test_ordinary_word_company_names_are_not_matched_bare(nlp):
    text = "Target capex of $5 billion is what the utility set for 2026."
    assert {f.company for f in extract(nlp, text, date(2026, 1, 5), None).capex} == {None}


def test_if_you_look_at_opens_a_claim_not_a_condition(nlp):
    text = "If you look at ad impressions, they grew 12% in the quarter."
    (claim,) = extract(nlp, text, date(2025, 7, 30), "META", "transcript").ad_claims
    assert (claim.metric, claim.change_pct) == ("ad_impressions", 12)


def test_company_global_capex_is_still_capex(nlp):
    text = "Its global capital expenditures were $7.2 billion in 2025."
    assert only(extract(nlp, text, date(2026, 2, 1), "CAT")).low_usd == 7.2e9


def test_most_in_any_year_is_not_a_covenant(nlp):
    text = "Capital expenditures were $9 billion in 2025, the most in any year in its history."
    assert only(extract(nlp, text, date(2026, 2, 1), "DE")).fiscal_year == 2025
