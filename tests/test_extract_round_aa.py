"""Rounds AA and AB: forms the extractor missed on company releases, filings, calls and
third-party notes it had not seen. Texts written for these tests."""

from datetime import date

import pytest

from extractors.fiscal_calendar import stated_year_ends
from tests.extract_helpers import extract, million_rows

DEC = date(2026, 12, 9)


# --- fiscal calendars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        # a January year named after the year it starts in, as retailers name theirs
        ("Pellam sees growth in fiscal year 2026, which ends February 1, 2027.", 13),
        (
            "Pellam reported the third quarter of fiscal year 2026, the thirteen weeks ended "
            "November 1, 2026.",
            13,
        ),
        # named after the year it ends in: a plain January year
        ("Pellam reported the third quarter of fiscal 2027, which ended November 1, 2026.", 1),
        ("Pellam sees growth in fiscal 2027, which ends January 31, 2027.", 1),
    ],
)
def test_a_stated_january_year_keeps_the_name_the_company_gives_it(text, month):
    assert stated_year_ends(
        text, [(text.find("Pellam"), text.find("Pellam") + 6, "PLLM")], None, {}
    ) == {"PLLM": month}


def test_a_quarter_dated_by_the_first_days_of_a_month_is_the_month_before(nlp):
    text = (
        "Pellam reported results for the third quarter of fiscal year 2026, the thirteen weeks "
        "ended November 1, 2026.\n\n"
        "(in thousands)\n\n"
        "                                  Thirteen Weeks Ended         Thirty-Nine Weeks Ended\n"
        "                               November 1,   November 2,    November 1,   November 2,\n"
        "                                  2026          2025           2026          2025\n"
        "Net cash provided by operations $ 171,314    $ 158,240      $ 478,160     $ 432,709\n"
        "  Capital expenditures            (38,412)      (31,906)      (131,877)     (104,522)\n"
    )
    got = million_rows(extract(nlp, text, DEC, "PLLM"), "fiscal_year", "fiscal_quarter", "low_usd")
    assert got == {
        (2026, 3, 38.412),
        (2025, 3, 31.906),
        (2026, None, 131.877),
        (2025, None, 104.522),
    }


@pytest.mark.parametrize(
    ("text", "month"),
    [
        # the year-end a sentence speaks of is the next one ("ends") or the last ("ended")
        ("Pellam lowered its outlook for fiscal 2026, which ends in early February.", 13),
        ("Pellam lowered its outlook for fiscal 2027, which ends in early February.", 1),
        ("Pellam spent $9 million in fiscal 2025, which ended in early February.", 13),
        ("Pellam spent $9 million in fiscal 2026, which ended in early February.", 1),
    ],
)
def test_an_unwritten_year_end_is_dated_by_the_tense_and_the_publication(text, month):
    mention = [(0, 6, "PLLM")]
    assert stated_year_ends(text, mention, None, {}, "", date(2026, 12, 3)) == {"PLLM": month}


def test_a_tracker_whose_caption_heads_a_line_of_company_names_gives_each_column_its_company(
    nlp,
):
    text = (
        "Hyperscaler capex tracker.\n\n"
        "Capex (US$ bn)            Alphabet    Amazon    Meta\n"
        "  2025A                     91          128      72\n"
        "  2026 guide               ~175         ~200    118-124\n"
    )
    got = million_rows(extract(nlp, text, DEC), "company", "fiscal_year", "low_usd", "kind")
    assert got == {
        ("GOOGL", 2025, 91000.0, "actual"),
        ("AMZN", 2025, 128000.0, "actual"),
        ("META", 2025, 72000.0, "actual"),
        ("GOOGL", 2026, 175000.0, "guidance"),
        ("AMZN", 2026, 200000.0, "guidance"),
        ("META", 2026, 118000.0, "guidance"),
    }


@pytest.mark.parametrize(
    ("name", "ticker"),
    [
        ("Hut 8", "HUT"),
        ("Galaxy Digital", "GLXY"),
        ("Modine", "MOD"),
        ("nVent", "NVT"),
        ("Kuaishou", "KUASF"),
        ("Uniqlo", "FRCOY"),
        ("Legrand", "LGRDY"),
    ],
)
def test_companies_news_names_by_their_short_names_are_known(nlp, name, ticker):
    text = f"{name} raised its 2026 capital expenditure outlook to $400 million."
    assert million_rows(extract(nlp, text, DEC), "company") == {(ticker,)}


def test_a_row_label_unit_scales_an_outlook_tables_cells(nlp):
    text = (
        "Pellam updated its full-year 2026 outlook as follows:\n\n"
        "                                      Current (Oct. 27, 2026)   Prior (July 28, 2026)\n"
        "Organic sales growth                  4% - 5%                   4% - 5%\n"
        "Capital expenditures ($ in billions)  $1.15 - $1.25             $1.05 - $1.15\n"
        "Free cash flow ($ in billions)        ~$2.0                     ~$2.1\n"
    )
    got = million_rows(
        extract(nlp, text, DEC, "PLLM"), "low_usd", "high_usd", "revision", "prior_low_usd"
    )
    assert got == {(1150.0, 1250.0, "raised", 1050.0)}


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("Capital expenditures for the nine months were $742 million.", None),
        (
            "Capital expenditures were $98 million in the quarter and $297 million through the "
            "first nine months.",
            3,
        ),
        (
            "Net capex was $118 million in the quarter, or 3.6% of revenue, and through the first "
            "nine months net capex was $488 million.",
            3,
        ),
    ],
)
def test_a_figure_for_the_months_so_far_under_a_quarters_release_has_no_quarter(nlp, text, quarter):
    release = f"Third Quarter 2026 Highlights\n\n{text}"
    got = extract(nlp, release, date(2026, 10, 28), "PLLM", doc_type="press_release").capex
    assert got[0].fiscal_quarter == quarter and got[0].fiscal_year == 2026


def test_a_year_that_opens_the_next_figure_is_not_the_figure_before(nlp):
    text = "Legrand: we model 2026 capex of US$0.42bn and 2027 of US$0.45bn."
    got = million_rows(extract(nlp, text, DEC), "fiscal_year", "low_usd")
    assert got == {(2026, 420.0), (2027, 450.0)}


def test_a_contract_manufacturer_is_a_company_described_not_a_contract(nlp):
    text = (
        "Sanmina said it expects capital expenditures of $330 million to $360 million in fiscal "
        "2027. The San Jose-based contract manufacturer spent $78 million in its fiscal fourth "
        "quarter, which ended Sept. 27."
    )
    got = million_rows(extract(nlp, text, date(2026, 11, 4)), "company", "low_usd", "kind")
    assert ("SANM", 78.0, "actual") in got


def test_a_quarter_last_year_is_the_year_before(nlp):
    text = (
        "Capital expenditures were $18 million in the third quarter, versus $24 million in the "
        "third quarter last year."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 11, 5), "DBX", "transcript"), "fiscal_year", "low_usd"
    )
    assert got == {(2026, 18.0), (2025, 24.0)}


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("Integral Ad Science raised its 2026 capital expenditure outlook to $40 million.", "IAS"),
        ("Zeta Global raised its 2026 capital expenditure outlook to $40 million.", "ZETA"),
    ],
)
def test_a_holding_company_is_known_without_its_last_word(nlp, text, ticker):
    assert million_rows(extract(nlp, text, DEC), "company") == {(ticker,)}


def test_a_filers_we_keeps_the_figure_when_another_company_is_named_after_it(nlp):
    text = (
        "We now expect 2026 capital expenditures of approximately $3.0 billion, primarily due to "
        "investments at the former Spirit AeroSystems sites in Wichita, Kansas."
    )
    got = million_rows(extract(nlp, text, DEC, "BA", "10-Q"), "company")
    assert got == {("BA",)}


@pytest.mark.parametrize(
    "text",
    [
        "We expect capital expenditures of $300 million in 2026. The new Pellam facility is "
        "expected to cost approximately $310 million in total and to begin production in 2027.",
        "Capital spending was $80 million in the quarter. The EUR 150 million (USD 174 million) "
        "project is expected to be completed in 2028.",
    ],
)
def test_what_one_project_costs_is_no_years_capital_spending(nlp, text):
    got = million_rows(extract(nlp, text, DEC, "PLLM"), "low_usd")
    assert (310.0,) not in got and (174.0,) not in got and got


def test_a_filings_unit_stated_mid_paragraph_scales_its_prose_and_tables(nlp):
    text = (
        "References to a year are to our fiscal year ending April 30. Dollar amounts are in "
        "millions, unless otherwise noted.\n\n"
        "                                                 Six Months Ended October 31,\n"
        "                                                    2026             2025\n"
        "Net cash provided by operating activities         $ 512.6          $ 402.9\n"
        "Additions to property, plant, and equipment        (192.4)          (247.9)\n\n"
        "We expect capital expenditures of approximately $400.0 in 2027. Dividends were "
        "$1.08 per share."
    )
    got = million_rows(extract(nlp, text, DEC, "SJM", "10-Q"), "low_usd")
    assert {(192.4,), (247.9,), (400.0,)} <= got
    assert not any(v < 10 for (v,) in got)


def test_a_head_line_of_listed_tickers_names_each_columns_company(nlp):
    text = (
        "Capex tracker (US$ m)\n\n"
        "                    SLAB      RMBS      OLED      MTSI(1)\n"
        "2025A                 32        21        48        39\n"
        "2026 guide         40-45       ~30     55-60      n.a.\n"
    )
    got = million_rows(extract(nlp, text, DEC), "company", "fiscal_year", "low_usd")
    assert {("SLAB", 2025, 32.0), ("MTSI", 2025, 39.0), ("OLED", 2026, 55.0)} <= got


def test_an_sec_name_with_a_backslashed_state_is_known_by_its_name(nlp):
    text = "Universal Display raised its 2026 capital expenditure outlook to $60 million."
    assert million_rows(extract(nlp, text, DEC), "company") == {("OLED",)}


def test_an_answer_takes_its_year_from_the_questions_turn(nlp):
    text = (
        "Capex was $31 million in the quarter. We now expect full-year capital expenditures of "
        "about $115 million.\n\n"
        "Q - Ann Lee (Redfern Capital): Thanks. The Street has 2027 capex at around $150 million. "
        "Is that in the ballpark?\n\n"
        "A - Erin Brewer (Chief Financial Officer): That's too high. Something like $120 million "
        "to $130 million is where we'd be."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 11, 5), "LYFT", "transcript"), "fiscal_year", "low_usd"
    )
    assert (2027, 120.0) in got


@pytest.mark.parametrize(
    ("answer", "year", "quarter", "low"),
    [
        (
            "I'd model 2027 at $400 million to $450 million, depending on store openings.",
            2027,
            None,
            400.0,
        ),
        (
            "Think of the second quarter at around $250 million, with deliveries later.",
            2027,
            2,
            250.0,
        ),
    ],
)
def test_a_cfos_call_idiom_for_a_figure_answers_a_capex_question(nlp, answer, year, quarter, low):
    text = (
        "Ann Lee (Redfern Capital): And how should we think about capex from here?\n\n"
        f"Kate Moss (CFO): {answer}"
    )
    got = million_rows(
        extract(nlp, text, date(2026, 11, 5), "SYY", "transcript"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
        "kind",
    )
    assert (year, quarter, low, "guidance") in got


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("We raise our Modine FY27E capex (March year) to $185m from $165m.", 3),
        ("Modine, on a September fiscal year, spent $41m.", 9),
        ("Modine may year after year spend more.", None),
    ],
)
def test_a_notes_month_year_shorthand_states_the_calendar(text, month):
    mention = [(text.find("Modine"), text.find("Modine") + 6, "MODX")]
    assert stated_year_ends(text, mention, None, {}) == ({"MODX": month} if month else {})


def test_an_outlook_moved_now_does_not_take_the_ended_year_of_the_sentence_before(nlp):
    text = (
        "Cipher spent $310 million on capital expenditures in all of 2025. Hut 8 raised "
        "its capital spending outlook to about $950 million, from $700 million to $800 million."
    )
    got = million_rows(extract(nlp, text, date(2026, 11, 10)), "company", "fiscal_year", "low_usd")
    assert ("HUT", 2025, 950.0) not in got


def test_a_spender_going_on_to_its_outlook_keeps_the_capex_topic(nlp):
    text = (
        "BYD spent about 97 billion yuan ($13.6 billion) on property and equipment last year, "
        "and it has guided to something like 110 billion yuan ($15.4 billion) this year."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 11, 20)), "company", "fiscal_year", "low_usd", "kind"
    )
    assert got == {("BYDDY", 2025, 13600.0, "actual"), ("BYDDY", 2026, 15400.0, "guidance")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- My FY27 capex for Zeta Global: ~$38M.", {(38.0, "estimate")}),
        (
            "SkyWater has received $16 million of its CHIPS Act award so far and expects the "
            "remaining $34 million over the next two years.",
            set(),
        ),
    ],
)
def test_an_authors_own_figure_and_a_public_award(nlp, text, expected):
    assert million_rows(extract(nlp, text, DEC), "low_usd", "kind") == expected


def test_an_as_clause_after_the_figure_does_not_make_it_a_multiyear_plan(nlp):
    text = (
        "Vishay said it expects 2027 capex to fall to about $250 million as the multiyear "
        "capacity program winds down."
    )
    assert million_rows(extract(nlp, text, DEC), "fiscal_year", "low_usd") == {(2027, 250.0)}


def test_a_year_labelling_its_figure_inside_a_multiyear_plan_is_that_years(nlp):
    text = (
        "We'll give formal 2027 guidance in February, but the updated five-year capital plan "
        "has 2027 at roughly $7.7 billion."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 11, 5), "ED", "transcript"), "fiscal_year", "low_usd"
    )
    assert got == {(2027, 7700.0)}


def test_a_low_high_outlook_table_names_its_year_in_the_label_head(nlp):
    text = (
        "Pellam updated its guidance.\n\n"
        "2026 Full-Year Guidance                      Low          High\n"
        "Revenue ($ billions)                         9.15         9.25\n"
        "Free cash flow conversion (% of adj. NI)     ~100%        ~105%\n"
        "Capital expenditures ($ millions)(1)         360          380\n"
    )
    got = million_rows(
        extract(nlp, text, date(2026, 10, 30), "PLLM", "press_release"),
        "fiscal_year",
        "low_usd",
        "high_usd",
        "kind",
    )
    assert got == {(2026, 360.0, 380.0, "guidance")}


@pytest.mark.parametrize("published", [None, date(2026, 11, 10)])
def test_a_held_outlook_after_a_sentence_about_a_quarter_is_read_without_error(nlp, published):
    text = (
        "Capital expenditures were $2.43 billion in the first quarter, compared with $2.47 "
        "billion in the prior-year quarter. For the full fiscal year, we continue to expect "
        "capex of approximately $9 billion, the same number we gave you in November."
    )
    got = million_rows(extract(nlp, text, published, "DIS", "transcript"), "low_usd", "revision")
    assert (9000.0, "reaffirmed") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "For the full year, we now expect capital spending of $190 million to $200 million, "
            "which is lower than the $200 million to $210 million range we had in August.",
            {(190.0, 200.0, "lowered", 200.0)},
        ),
        (
            "The company kept its indication for capital expenditures, net, at around 4.5% of "
            "sales, or roughly $480 million.",
            {(480.0, 480.0, "reaffirmed", 480.0)},
        ),
        (
            "We expect to make contributions of approximately $35 million to our pension plans in "
            "2026.",
            set(),
        ),
    ],
)
def test_round_ae_wordings(nlp, text, expected):
    got = million_rows(
        extract(nlp, text, date(2026, 10, 30), "PLLM", "transcript"),
        "low_usd",
        "high_usd",
        "revision",
        "prior_low_usd",
    )
    assert got == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Kyocera cut its FY3/27 capex plan to ¥180bn (US$1.19bn) from ¥220bn.", 2027),
        (
            "For FY March 2027 as a whole, we are raising the capital expenditure plan to ¥250 "
            "billion, approximately $1.65 billion.",
            2027,
        ),
        ("We lower our FY3/28E capex to ¥160bn (US$1.06bn).", 2028),
    ],
)
def test_a_fiscal_year_named_by_its_closing_month_is_read(nlp, text, year):
    got = million_rows(extract(nlp, text, date(2026, 11, 20), "KYOCY"), "fiscal_year")
    assert got == {(year,)}


@pytest.mark.parametrize(
    "text",
    [
        "Capex in the quarter was SEK 1.1 billion, or about $105 million, compared with SEK 1.3 "
        "billion in the same quarter last year.",
        "Capital expenditures were KRW 560 billion (US$403 million) in the quarter, compared with "
        "KRW 480 billion in the third quarter of 2025.",
    ],
)
def test_a_compared_figure_in_another_currency_keeps_its_own_period(nlp, text):
    got = million_rows(
        extract(nlp, text, date(2026, 10, 15), "ERIC", "transcript"),
        "fiscal_year",
        "fiscal_quarter",
        "kind",
    )
    assert got == {(2026, 3, "actual")}
