"""Rounds W and X: forms the extractor missed on text it had not seen. Sentences written
for these tests, in the style of filings, wire stories and calls."""

from datetime import date

import pytest

from extractors.fiscal_calendar import stated_year_ends
from tests.extract_helpers import extract, million_rows, tickers

OCT = date(2026, 10, 20)


# --- fiscal calendars the text states -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Corvel Optics, whose fiscal year ends in June, spent $40 million.", 6),
        ("Corvel Optics expects $300 million in fiscal 2027, which ends in early February.", 1),
        ("Corvel Optics spent $20 million in its fiscal second quarter, which ended Dec. 27.", 6),
        ("Corvel Optics spent $20 million in its fiscal third quarter, which ended Oct. 3.", 12),
        ("Corvel Optics spent $9 million in fiscal 2026, which ended in May.", 5),
    ],
)
def test_a_stated_fiscal_calendar_is_read_for_the_company_it_is_about(text, month):
    mention = [(0, len("Corvel Optics"), "CVOP")]
    assert stated_year_ends(text, mention, None, {}) == {"CVOP": month}


def test_a_listed_company_keeps_its_table_calendar_and_a_sentence_without_one_is_skipped():
    text = "Oracle's fiscal year ends in May. The chipmaker's fiscal year ends in March."
    assert stated_year_ends(text, [(0, 6, "ORCL")], None, {"ORCL": 5}) == {}


def test_a_filings_title_and_its_numbered_quarter_give_the_calendar():
    text = "Capital additions were $97.4 million in the first quarter of fiscal 2027."
    title = "Form 10-Q for the quarterly period ended August 30, 2026"
    assert stated_year_ends(text, [], "ZZFQ", {}, title) == {"ZZFQ": 5}


def test_a_quarter_dated_by_its_end_follows_the_calendar_the_story_states(nlp):
    text = (
        "Lumentum Holdings, whose fiscal year ends in June, said it spent $148 million on "
        "capital expenditures in the fiscal first quarter, which ended Sept. 27."
    )
    got = million_rows(extract(nlp, text, OCT, "LITE"), "company", "fiscal_year", "fiscal_quarter")
    assert got == {("LITE", 2027, 1)}


def test_a_10q_table_dated_by_end_follows_the_quarter_the_text_numbers(nlp):
    text = (
        "Investing activities used $108.9 million of cash during the first quarter of fiscal "
        "2027.\n\n"
        "                                              Thirteen Weeks Ended\n"
        "(in millions)                             August 30, 2026    August 24, 2025\n"
        "Additions to property, plant and equipment    $ (97.4)           $ (171.5)\n"
    )
    title = "Lamb Weston Holdings, Inc. Form 10-Q for the quarterly period ended August 30, 2026"
    got = million_rows(
        extract(nlp, text, OCT, "LW", "10-Q", title),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert got == {(2027, 1, 97.4), (2026, 1, 171.5)}


# --- who the figure belongs to --------------------------------------------------------


def test_a_name_the_sec_writes_in_capitals_is_found_as_the_company_writes_it(nlp):
    assert tickers(nlp, "CenterPoint Energy raised its plan.") == ["CNP"]
    assert tickers(nlp, "the centerpoint energy plan") == []


def test_a_company_named_by_its_letters_is_found_without_a_dollar_sign(nlp):
    assert tickers(nlp, "PPL went the other way and trimmed its plan.") == ["PPL"]


def test_a_dateline_does_not_hide_the_company_a_story_opens_with(nlp):
    text = (
        "HOUSTON, Oct 30 -- CenterPoint Energy raised its spending plans on Thursday.\n\n"
        "The Houston utility now expects to invest about $6.3 billion in capital "
        "expenditures in 2026. Ameren kept its 2026 capital expenditure guidance of $4.9 "
        "billion to $5.1 billion."
    )
    got = million_rows(extract(nlp, text, OCT), "company", "low_usd")
    assert ("CNP", 6300.0) in got


def test_the_company_in_a_story_about_several_is_the_one_last_opening_a_sentence(nlp):
    text = (
        "Amazon said its streaming ad impressions rose 70%.\n\n"
        "The Trade Desk, the largest independent buying platform, reported revenue of $790 "
        "million. It said costs per acquisition fell.\n\n"
        '"Our clients see it," Chief Executive Jeff Green said.\n\n'
        "The company also raised its capital spending forecast to about $200 million this "
        "year."
    )
    got = million_rows(extract(nlp, text, OCT), "company", "fiscal_year", "low_usd")
    assert got == {("TTD", 2026, 200.0)}


def test_a_camel_case_name_and_a_lower_case_first_letter_are_still_the_company(nlp):
    assert tickers(nlp, "DoorDash rose while eBay fell; doordash is a verb to nobody.") == [
        "DASH",
        "EBAY",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We expect to incur approximately $60 million of leasehold improvements; these costs "
        "are not included in our fiscal 2027 capital expenditure outlook.",
        "Crusoe's USD 12bn project financing is Crusoe's money, not Nebius's capex.",
        "It is a power purchase agreement, ~$18B over its life, and it sits nowhere near "
        "Amazon's capex line.",
    ],
)
def test_money_said_to_be_outside_capex_is_no_capex_figure(nlp, text):
    assert extract(nlp, text, OCT, "ADSK", "news").capex == []


def test_analysts_expecting_the_company_to_spend_is_their_estimate_in_its_calendar(nlp):
    text = (
        "Super Micro Computer cut its plan for the year.\n\n"
        "The San Jose-based server maker now expects fiscal 2027 capital expenditures of "
        "$250 million to $300 million.\n\n"
        "Analysts had expected the company to spend about $380 million this fiscal year, "
        "according to Visible Alpha. Hon Hai and Hon Hai and Hon Hai lifted their plans."
    )
    got = million_rows(extract(nlp, text, OCT), "company", "fiscal_year", "low_usd", "kind")
    assert ("SMCI", 2027, 380.0, "estimate") in got


# --- tables ---------------------------------------------------------------------------


def test_a_table_with_a_company_per_column_and_a_period_per_row(nlp):
    text = (
        "Spenders compared.\n\n"
        "CAPEX BY COMPANY ($bn)\n"
        "A = reported; E = our estimates\n\n"
        "                     AMZN       META\n"
        "2025A                131.8      72.2\n"
        "2026 guide           ~200       118-124\n"
        "2027E                245        152\n\n"
        "FISCAL-YEAR SPENDERS -- CAPEX ($bn)\n\n"
        "                     MSFT (Jun)    ORCL (May)\n"
        "FY27 guide           n.g.          ~60\n"
        "FY28E                190           72\n"
    )
    got = million_rows(
        extract(nlp, text, OCT, doc_type="other"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert got == {
        ("AMZN", 2025, 131800.0, "actual"),
        ("META", 2025, 72200.0, "actual"),
        ("AMZN", 2026, 200000.0, "guidance"),
        ("META", 2026, 118000.0, "guidance"),
        ("AMZN", 2027, 245000.0, "estimate"),
        ("META", 2027, 152000.0, "estimate"),
        ("ORCL", 2027, 60000.0, "guidance"),
        ("MSFT", 2028, 190000.0, "estimate"),
        ("ORCL", 2028, 72000.0, "estimate"),
    }


def test_a_ticker_row_label_with_a_footnote_mark_names_its_company(nlp):
    text = (
        "Capex ($m)\n\n"
        "| Ticker | 3Q26A | FY26 guide |\n"
        "|---|---|---|\n"
        "| MGNI (1) | 18 | 65-75 |\n"
        "| PUBM | 22 | ~70 |\n"
    )
    got = million_rows(
        extract(nlp, text, OCT, doc_type="other"), "company", "fiscal_quarter", "low_usd"
    )
    assert ("MGNI", 3, 18.0) in got and ("MGNI", None, 65.0) in got


# --- calls ----------------------------------------------------------------------------

NOV = date(2026, 11, 5)


def test_the_firm_on_a_speakers_line_is_not_the_company_of_the_figure(nlp):
    text = (
        "Pat Lee -- Chief Financial Officer\n\n"
        "For fiscal 2027 we now expect capital expenditures of $330 million.\n\n"
        "Saket Kalia -- Barclays -- Analyst\n\n"
        "And next year? The Street has fiscal '28 capex at about $300 million."
    )
    got = million_rows(
        extract(nlp, text, NOV, "PANW", "transcript"), "company", "fiscal_year", "low_usd"
    )
    assert got == {("PANW", 2027, 330.0), ("PANW", 2028, 300.0)}


def test_q1_of_last_year_is_the_first_quarter_of_the_fiscal_year_before(nlp):
    text = "Capex in Q1 was $92 million, compared with $54 million in Q1 of last year."
    got = million_rows(
        extract(nlp, text, NOV, "PANW", "transcript"), "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert got == {(2027, 1, 92.0), (2026, 1, 54.0)}


def test_a_results_title_dates_the_calendar_of_a_company_the_table_lacks(nlp):
    text = (
        "Capex in the quarter was $98 million. This quarter, we expect capex of around "
        "$120 million."
    )
    title = "Zeltor Photonics Q1 fiscal 2027 earnings call"
    got = million_rows(
        extract(nlp, text, NOV, "ZLTR", "transcript", title),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert got == {(2027, 1, 98.0), (2027, 2, 120.0)}


def test_a_figure_after_two_years_takes_the_one_not_compared_with(nlp):
    text = (
        "I wouldn't put a precise number on fiscal '28 yet, but I would not expect capex to "
        "fall much from fiscal '27. Call it at least $0.4bn."
    )
    got = million_rows(
        extract(nlp, text, NOV, "LITE", "transcript"), "fiscal_year", "low_usd", "high_usd"
    )
    assert got == {(2028, 400.0, None)}


def test_a_trackers_cell_suffix_gives_the_kind_and_a_footnote_mark_is_dropped(nlp):
    text = (
        "Capex ($m). Cell suffix: A = reported, G = company guide, E = our estimate.\n\n"
        "| Company (FY end) | FY25 | FY26 | FY27 | FY27 Street |\n"
        "|---|---|---|---|---|\n"
        "| Vertiv (VRT, Dec) | 210A | 320-350G (1) | 420E | n.a. |\n"
    )
    got = million_rows(
        extract(nlp, text, OCT, doc_type="other"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert got == {
        ("VRT", 2025, 210.0, "actual"),
        ("VRT", 2026, 320.0, "guidance"),
        ("VRT", 2027, 420.0, "estimate"),
    }


def test_a_trackers_fiscal_year_column_dates_its_quarter_columns(nlp):
    text = (
        "Capex by fiscal quarter (US$ m; A = reported, E = our estimate)\n\n"
        "| Company (FY end) | Fiscal year | Q1 | Q2 | Q3 | Q4 | FY |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Marvell (MRVL, Jan) | FY27 | 88A | 95A | 112A | 125E | 420E |\n"
        "| Celestica (CLS, Dec) | 2026 | 62A | 78A | 91A | 110E | 320-350G |\n"
    )
    got = million_rows(
        extract(nlp, text, OCT, doc_type="other"),
        "company",
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert ("MRVL", 2027, 1, 88.0) in got and ("MRVL", 2027, None, 420.0) in got
    assert ("CLS", 2026, 4, 110.0) in got and ("CLS", 2026, None, 320.0) in got
    assert len(got) == 10


def test_a_year_label_with_an_estimate_suffix_is_no_figure(nlp):
    text = (
        "Capex ($bn)\n\n"
        "| Ticker | Metric | 2026E | 2027E |\n"
        "|---|---|---|---|\n"
        "| ZZQX | period | 2026E | 2027E |\n"
    )
    assert extract(nlp, text, OCT, doc_type="other").capex == []


def test_a_figure_across_two_years_belongs_to_neither(nlp):
    text = (
        "Thad, consensus is sitting at about $400 million of capex for 2027. Hassane, you "
        "spent roughly $1.4 billion on capex across 2023 and 2024 building capacity."
    )
    got = million_rows(extract(nlp, text, NOV, "ON", "transcript"), "fiscal_year", "low_usd")
    assert (2023, 1400.0) not in got and (2024, 1400.0) not in got


def test_gross_capital_additions_are_capex(nlp):
    text = "Gross capital additions were $318 million in the quarter."
    got = million_rows(
        extract(nlp, text, NOV, "UNIT", "transcript"), "fiscal_year", "low_usd", "kind"
    )
    assert got == {(2026, 318.0, "actual")}


# --- round Z --------------------------------------------------------------------------


def test_a_table_dated_by_each_rows_own_latest_quarter(nlp):
    text = (
        "The numbers, in brief (capex in $ millions):\n\n"
        "                         Latest qtr   Year-ago   FY guide\n"
        "  Datadog (3Q26)                 38         29       ~150\n"
        "  Zscaler (1Q FY27)              72         48    310-330\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="news"),
        "company",
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
        "kind",
    )
    assert got == {
        ("DDOG", 2026, 3, 38.0, "actual"),
        ("DDOG", 2025, 3, 29.0, "actual"),
        ("DDOG", 2026, None, 150.0, "guidance"),
        ("ZS", 2027, 1, 72.0, "actual"),
        ("ZS", 2026, 1, 48.0, "actual"),
        ("ZS", 2027, None, 310.0, "guidance"),
    }


def test_a_partner_in_an_aside_is_not_the_company_that_its_refers_to(nlp):
    text = (
        "SAP has chosen to rent. Deutsche Telekom has chosen to build. Its AI cloud in "
        "Munich, developed with Nvidia, is open, and the company plans capital expenditures "
        "of about $18.6 billion this year."
    )
    got = million_rows(extract(nlp, text, NOV), "company", "low_usd")
    assert got == {("DTEGY", 18600.0)}


# --- round Y --------------------------------------------------------------------------


def test_respectively_pairs_figures_with_the_fiscal_periods_before_them(nlp):
    text = (
        "During the six months ended September 27, 2026 and September 28, 2025, we made "
        "capital expenditures of $118.4 million and $97.1 million, respectively."
    )
    got = million_rows(
        extract(nlp, text, NOV, "QRVO", "10-Q"), "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert got == {(2027, None, 118.4), (2026, None, 97.1)}


@pytest.mark.parametrize(
    "text",
    [
        "As of fiscal year end 2026, we had outstanding purchase commitments for capital "
        "expenditures of $218 million.",
        "We expect capital expenditures of $600 million this year. Separately, our cash "
        "contributions to VSMC, the joint venture, were $112 million in the quarter.",
    ],
)
def test_commitments_and_contributions_to_a_joint_venture_are_not_capex(nlp, text):
    got = million_rows(extract(nlp, text, NOV, "NXPI", "transcript"), "low_usd")
    assert (218.0,) not in got and (112.0,) not in got


def test_pe_additions_are_capex_and_two_fiscal_years_combined_are_neither(nlp):
    text = (
        "This year, P&E additions will be roughly $620 million. Across fiscal '27 and fiscal "
        "'28 combined, we expect capital expenditures of roughly $6.2 billion."
    )
    got = million_rows(extract(nlp, text, NOV, "LILA", "transcript"), "fiscal_year", "low_usd")
    assert (2026, 620.0) in got
    assert all(low != 6200.0 or year is None for year, low in got)


def test_a_firm_in_a_speaker_label_with_a_suffix_is_not_the_spender(nlp):
    text = (
        "Amit Daryanani (Evercore ISI): Thanks, and congrats on the quarter. Craig, "
        "consensus has 2027 capex at about $1.6 billion."
    )
    got = million_rows(extract(nlp, text, NOV, "APH", "transcript"), "company", "fiscal_year")
    assert got == {("APH", 2027)}


def test_a_span_whose_ended_is_on_the_line_below_dates_its_columns(nlp):
    text = (
        "Condensed Consolidated Statements of Cash Flows (excerpt)\n"
        "(Expressed in thousands of U.S. dollars, unaudited)\n\n"
        "                                         For the three months     For the nine months\n"
        "                                         ended September 30,      ended September 30,\n"
        "                                         2025         2026        2025          2026\n"
        "Purchase of property and equipment     (162,030)    (284,517)   (391,880)     (702,309)\n"
        "Loans to customers, net                (688,112)    (901,204)   (712,590)     (488,031)\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, "SE", "press_release"), "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert got == {
        (2025, 3, 162.03),
        (2026, 3, 284.517),
        (2025, None, 391.88),
        (2026, None, 702.309),
    }


def test_a_quarter_that_brings_the_year_to_a_total_gives_the_years_figure(nlp):
    text = (
        "The consensus calls for fourth-quarter capital expenditures of roughly $64 million, "
        "which would bring the year to about $236 million."
    )
    got = million_rows(extract(nlp, text, NOV, "ADBE", "news"), "fiscal_quarter", "low_usd")
    assert got == {(4, 64.0), (None, 236.0)}


def test_a_cells_own_note_gives_its_kind_and_year(nlp):
    text = (
        "All figures are capital expenditures in $ billions.\n\n"
        "| Company | 2026 | 2027E |\n"
        "|---|---|---|\n"
        "| Amazon | ~125 (guide) | 165 |\n"
        "| Microsoft (FY, June) | 88 (actual, FY26) | 130 (FY27) |\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="news"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert ("AMZN", 2026, 125000.0, "guidance") in got
    assert ("MSFT", 2026, 88000.0, "actual") in got
    assert ("MSFT", 2027, 130000.0, "estimate") in got


def test_a_head_of_company_names_over_period_rows_is_read(nlp):
    text = (
        "UMC (UMC). Narrowed 2026 capex to US$1.6-1.8bn.\n\n"
        "ASE Technology (ASX). Kept the 2026 guide at ~US$5.0bn.\n\n"
        "Capex by year (US$ bn; A = reported, E = our estimates)\n\n"
        "                        UMC       ASE(2)\n"
        "2025A                   1.8       3.4\n"
        "2027E                   1.9       5.5\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "low_usd", "kind"
    )
    assert ("UMC", 2025, 1800.0, "actual") in got and ("ASX", 2027, 5500.0, "estimate") in got


def test_a_tables_unit_in_the_notes_under_it_is_read(nlp):
    text = (
        "What they spend\n\n"
        "| Company | FY end | 2025A | 2026 guide |\n"
        "|---|---|---|---|\n"
        "| Block (XYZ) | Dec | 190 | 200-250 |\n"
        "| Fiserv (FISV) (2) | Dec | 1,610 | ~1,700 |\n\n"
        "US$ millions. A = reported.\n"
        "(2) Purchases of property and equipment, as Fiserv reports them.\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"), "company", "fiscal_year", "low_usd"
    )
    assert ("FISV", 2025, 1610.0) in got and ("FISV", 2026, 1700.0) in got


def test_a_figure_under_a_company_heading_is_read_in_that_companys_calendar(nlp):
    text = (
        "ORCL (FY ends May)\n"
        "- FY27 capex guide ~$60B, up from ~$55B in June.\n\n"
        "ORCL again, and ORCL once more.\n\n"
        "CRWV\n"
        "- Q3 capex USD 6.8bn; nothing new.\n"
    )
    got = million_rows(
        extract(nlp, text, date(2026, 12, 4), doc_type="news"),
        "company",
        "fiscal_year",
        "fiscal_quarter",
        "kind",
    )
    assert ("CRWV", 2026, 3, "actual") in got
