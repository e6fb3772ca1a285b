"""Rounds S and T: companies, calendars and currencies the extractor missed on text it had not
seen. Sentences written for these tests, in the style of wire stories, notes and calls."""

from datetime import date

import pytest

from extractors.gazetteer import short_name
from tests.extract_helpers import extract, million_rows, tickers

NOV = date(2026, 11, 12)


def test_upper_case_sec_names_keep_initials_and_particles_as_prose_writes_them():
    assert short_name("SK TELECOM CO LTD") == "SK Telecom"
    assert short_name("CMS ENERGY CORP") == "CMS Energy"
    assert short_name("BANK OF AMERICA CORP /DE/") == "Bank of America"
    assert short_name("MICROSOFT CORP") == "Microsoft"  # a word with vowels is title-cased


def test_a_company_whose_sec_name_holds_initials_is_found_by_that_name(nlp):
    text = "CMS Energy lifted its 2027 capital plan, and SK Telecom kept its outlook unchanged."
    assert tickers(nlp, text) == ["CMS", "SKM"]


@pytest.mark.parametrize(
    ("sentence", "ticker"),
    [
        (
            "Deutsche Telekom's capital expenditures were 4.1 billion euros ($4.8 billion) in the "
            "third quarter.",
            "DTEGY",
        ),
        ("Samsung Electronics put $11.2 billion into capex in the third quarter.", "SSNLF"),
        ("SK hynix said third-quarter capex was $5.6 billion.", "HXSCL"),
        ("Capital expenditure at Bharti Airtel was $1.1 billion in Q3.", "BHARTIARTL"),
    ],
)
def test_large_spenders_outside_the_sec_map_go_by_their_us_symbol(nlp, sentence, ticker):
    got = million_rows(extract(nlp, sentence, NOV), "company", "kind", "low_usd")
    assert {(c, k) for c, k, _ in got} == {(ticker, "actual")}


def test_a_march_year_named_after_its_start_keeps_the_companys_label(nlp):
    text = (
        "Sony Group said capital expenditures in the first half of the fiscal year were about "
        "$1.6 billion. Toyota Motor said its capital expenditures in the first half of the "
        "fiscal year were about $9.0 billion."
    )
    got = million_rows(extract(nlp, text, NOV), "company", "fiscal_year", "low_usd")
    assert got == {("SONY", 2026, 1600.0), ("TM", 2027, 9000.0)}


def test_an_indian_march_year_is_named_after_the_year_it_ends_in(nlp):
    text = "Bharti Airtel's capital expenditure was $1.2 billion in the first quarter of FY27."
    got = million_rows(extract(nlp, text, NOV), "company", "fiscal_year", "fiscal_quarter", "kind")
    assert got == {("BHARTIARTL", 2027, 1, "actual")}


def test_a_prior_written_in_another_currency_is_read_from_its_dollar_conversion(nlp):
    text = (
        "Elisa Oyj cut its 2026 capital expenditure outlook on Tuesday. The Helsinki-based "
        "operator now expects about 520 million euros ($600 million), down from 560 million "
        "euros ($645 million), as its fibre rollout slows."
    )
    got = million_rows(extract(nlp, text, NOV), "low_usd", "kind", "revision", "prior_low_usd")
    assert got == {(600.0, "guidance", "lowered", 645.0)}


def test_a_conversion_after_a_comma_keeps_the_prior_and_the_quarter_of_the_whole(nlp):
    text = (
        "Capital expenditures in the first half were ¥310 billion, about $2.07 billion, of "
        "which ¥160 billion, about $1.07 billion, was in the second quarter. For the full "
        "year we now expect capital expenditures of ¥650 billion, or about $4.3 billion, "
        "from ¥700 billion, or $4.7 billion, in May."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="transcript"),
        "fiscal_quarter",
        "low_usd",
        "kind",
        "revision",
        "prior_low_usd",
    )
    assert got == {
        (None, 2070.0, "actual", None, None),
        (2, 1070.0, "actual", None, None),
        (None, 4300.0, "guidance", "lowered", 4700.0),
    }


@pytest.mark.parametrize(("doc_type", "kind"), [("transcript", "guidance"), ("other", "estimate")])
def test_our_forecast_is_the_companys_outlook_only_where_the_company_speaks(nlp, doc_type, kind):
    text = "We have lowered our capital expenditure forecast for 2027 to about $900 million."
    got = million_rows(extract(nlp, text, NOV, doc_type=doc_type), "fiscal_year", "kind")
    assert got == {(2027, kind)}


def test_us_dollars_are_no_first_person_so_the_paragraph_label_names_the_spender(nlp):
    text = (
        "Memory and foundry wrap. Samsung Electronics still gives no number.\n\n"
        "SK hynix (HXSCL). Management now guides 2026 capex to ~US$27bn, with the new fab "
        "pulling spending forward.\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "low_usd"
    )
    assert got == {("HXSCL", 2026, 27000.0)}


def test_a_plan_moved_between_decimal_figures_keeps_its_prior(nlp):
    text = "Tower Semiconductor narrowed 2026 capex to $1.6-1.8bn from $1.5-2.0bn."
    got = million_rows(extract(nlp, text, NOV), "low_usd", "high_usd", "revision", "prior_high_usd")
    assert got == {(1600.0, 1800.0, "narrowed", 2000.0)}


def test_a_uk_year_to_a_month_and_year_is_that_fiscal_year(nlp):
    text = (
        "BT Group plc reiterated that capital expenditure would be about 4.8 billion pounds "
        "($6.4 billion) in the year to March 2027."
    )
    got = million_rows(extract(nlp, text, date(2026, 8, 7)), "company", "fiscal_year", "kind")
    assert got == {("BTGOY", 2027, "guidance")}


def test_a_place_opening_the_line_is_no_speaker_label_before_the_spender(nlp):
    text = (
        "Deutsche Telekom kept its outlook for 2026.\n\n"
        "In Britain, BT Group plc said capital expenditure would be about $6.4 billion in the "
        "year to March 2027."
    )
    got = million_rows(extract(nlp, text, date(2026, 8, 7)), "company", "fiscal_year", "low_usd")
    assert got == {("BTGOY", 2027, 6400.0)}


@pytest.mark.parametrize("quarter", ["1Q FY27", "1QFY27", "FY27 Q1", "FY2027 1Q"])
def test_a_quarter_written_with_its_fiscal_year_is_one_period(nlp, quarter):
    text = f"Reliance Industries. Capex of $3.1bn in {quarter}, per the company's filing."
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "fiscal_quarter"
    )
    assert got == {("RELIANCE", 2027, 1)}


def test_capital_and_technology_expenditures_name_capex_and_a_plan_told_before_holds(nlp):
    text = (
        "Hilton. This year, we expect capital and technology expenditures of about $250 "
        "million, in line with what we told you in February."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="transcript"), "low_usd", "kind", "revision"
    )
    assert got == {(250.0, "guidance", "reaffirmed")}


def test_money_converted_into_networks_is_capex_and_a_year_earlier_is_the_year_before(nlp):
    text = (
        "SSE plc said on Wednesday it invested 3.1 billion pounds ($4.1 billion) in its "
        "networks in the year to March 31, up from 2.6 billion pounds ($3.4 billion) a year "
        "earlier."
    )
    got = million_rows(extract(nlp, text, date(2026, 5, 20)), "fiscal_year", "low_usd", "kind")
    assert got == {(2026, 4100.0, "actual"), (2025, 3400.0, "actual")}


def test_a_year_earlier_that_dates_a_forecast_is_not_the_year_before(nlp):
    text = (
        "Mazda spent 160 billion yen ($1.1 billion) on capital expenditures in 2025, less than "
        "the 190 billion yen ($1.3 billion) it had forecast a year earlier."
    )
    got = million_rows(extract(nlp, text, date(2026, 5, 20)), "fiscal_year", "low_usd")
    assert (2024, 1300.0) not in got and (2025, 1100.0) in got


def test_a_conversion_keeps_the_open_bound_of_the_foreign_figure(nlp):
    text = (
        "Tencent Holdings has pledged capital expenditures of more than 100 billion yuan "
        "(about $14 billion) in 2026."
    )
    got = million_rows(extract(nlp, text, NOV), "company", "low_usd", "high_usd")
    assert got == {("TCEHY", 14000.0, None)}


def test_an_outlook_dated_earlier_in_the_sentence_is_the_prior_of_the_new_one(nlp):
    text = (
        "Capex at Coherent Corp. We guided capex to $400 million to $450 million in May, and we "
        "have widened that slightly, to $380 million to $450 million, because two tools slipped."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="transcript"), "low_usd", "revision", "prior_low_usd"
    )
    assert got == {(380.0, "widened", 400.0)}


def test_a_prior_range_written_with_between_is_read_as_a_range(nlp):
    text = (
        "Capital expenditures for fiscal 2026 are expected to be between $180 million and $200 "
        "million, down from our previous expectation of between $200 million and $220 million."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="10-Q"),
        "low_usd",
        "revision",
        "prior_low_usd",
        "prior_high_usd",
    )
    assert got == {(180.0, "lowered", 200.0, 220.0)}


def test_a_sentence_opening_with_the_total_it_splits_gives_parts_only(nlp):
    text = (
        "Capital expenditures were $812.5 million in the first nine months. Of the nine-month "
        "total, $501.2 million was invested in the water segment and $311.3 million in the gas "
        "segment."
    )
    got = million_rows(extract(nlp, text, NOV, doc_type="8-K"), "low_usd")
    assert got == {(812.5,)}


def test_money_spent_on_capital_is_capex_but_capital_returned_is_not(nlp):
    text = (
        "Albertsons said it will spend $2.1 billion to $2.3 billion on capital this year. It "
        "also returned $1.0 billion in capital returns to shareholders."
    )
    got = million_rows(extract(nlp, text, NOV), "low_usd", "high_usd")
    assert got == {(2100.0, 2300.0)}


def test_a_figure_with_its_own_year_in_a_sentence_about_several_years_keeps_that_year(nlp):
    text = (
        "Entegris capex has been heavy over the last three years, about $450 million last "
        "year alone."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="transcript"), "fiscal_year", "low_usd", "kind"
    )
    assert got == {(2025, 450.0, "actual")}


def test_the_answer_to_a_question_two_sentences_after_capex_carries_the_topic(nlp):
    text = (
        "Analyst: Let's start with capex. You spent about $450 million last year. Where does it "
        "land this year?\n\n"
        "CFO: We now see $275 million to $325 million, because two tool deliveries could slip."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="transcript"), "fiscal_year", "low_usd", "high_usd"
    )
    assert (2026, 275.0, 325.0) in got


def test_a_sum_for_the_three_of_them_belongs_to_no_company(nlp):
    text = (
        "TSMC expects capex of $52 billion in 2026. Between the three of them that's well "
        "over $100 billion of capex in 2026."
    )
    got = million_rows(extract(nlp, text, NOV), "company", "low_usd")
    assert got == {("TSM", 52000.0)}


def test_free_cash_flow_defined_as_cash_flow_less_capex_is_no_capex_row(nlp):
    text = (
        "CASH FLOW FROM CONTINUING OPERATIONS\n"
        "(dollars in millions)                                 2024        2025        2026\n"
        "Operating cash flow                                $ 2,950     $ 3,120     $ 3,301\n"
        "Capital expenditures                               $   360     $   388     $   412\n"
        "Free cash flow (operating cash flow less\n"
        "  capital expenditures)                            $ 2,590     $ 2,732     $ 2,889\n"
    )
    got = million_rows(extract(nlp, text, NOV, ticker="ROK", doc_type="10-K"), "low_usd")
    assert got == {(360.0,), (388.0,), (412.0,)}


def test_an_analysts_we_model_keeps_the_company_of_the_paragraph(nlp):
    text = (
        "CABO. Cut FY26 capex to $0.60-0.65bn from $0.65-0.70bn. We model FY27 at $0.58bn vs "
        "Street $0.61bn.\n\n"
        "Lumen (LUMN). The Street is at US$3.4bn for FY27 capex, below our US$3.6bn.\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert got == {
        ("CABO", 2026, 600.0, "guidance"),
        ("CABO", 2027, 580.0, "estimate"),
        ("CABO", 2027, 610.0, "estimate"),
        ("LUMN", 2027, 3400.0, "estimate"),
        ("LUMN", 2027, 3600.0, "estimate"),
    }


def test_an_estimate_in_one_clause_leaves_the_next_clauses_figure_alone(nlp):
    text = "DLR. 3Q capex $0.92bn vs our $0.88bn; YTD capex $2.64bn."
    got = million_rows(
        extract(nlp, text, date(2026, 10, 30), doc_type="other"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
        "kind",
    )
    assert got == {
        (2026, 3, 920.0, "actual"),
        (2026, 3, 880.0, "estimate"),
        (2026, None, 2640.0, "actual"),
    }


def test_no_capex_guide_before_an_estimate_still_names_the_topic(nlp):
    text = "- INTU: no capex guide; we model ~$0.3B for FY27."
    got = million_rows(extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "kind")
    assert got == {("INTU", 2027, "estimate")}


def test_a_bracket_labelled_with_a_period_dates_its_own_figure_only(nlp):
    text = "SYK. Capex $268m in the quarter (3Q25: $241m)."
    got = million_rows(
        extract(nlp, text, date(2026, 10, 30), doc_type="other"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert got == {(2026, 3, 268.0), (2025, 3, 241.0)}
