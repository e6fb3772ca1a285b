"""Session 21 fixes found on the build set: companies named the way news names them after
(or without) a full name, informal periods, and compared figures paired with two periods.
Texts written for these tests."""

from datetime import date

from tests.extract_helpers import M, extract, keys

NOV = date(2026, 11, 5)


def _companies(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(text[s:e], t) for s, e, t in doc._.companies]


# --- companies -----------------------------------------------------------------------------


def test_a_one_word_name_that_is_a_word_too_is_a_company_as_a_sentence_subject(nlp):
    """ "Biogen kept ...", "Dow, the biggest U.S. chemical maker, cut ...": a one-word name
    (or the distinctive opening of a longer one) opening a sentence and doing what companies
    do is that company."""
    cases = {
        "Biogen kept its 2026 capital spending forecast at about $300 million.": "BIIB",
        "Dow, the biggest U.S. chemical maker, cut its 2026 capex plan to $2.5 billion.": "DOW",
        "Agnico spent US$612 million on capital projects in the third quarter.": "AEM",
        "Elanco raised its 2026 capital spending forecast to about $330 million.": "ELAN",
    }
    for text, ticker in cases.items():
        assert [t for _, t in _companies(nlp, text)] == [ticker], text
        (fact,) = keys(extract(nlp, text, NOV, None, "news"))
        assert fact[0] == ticker, text


def test_an_aside_must_close_before_what_the_company_did(nlp):
    """A name addressed on a call ("Mike, the Street has ...") is no company: the aside after
    a company's name closes with a comma and a verb follows."""
    assert _companies(nlp, "Mike, the Street has 2027 capex at about $800 million.") == []
    text = "Kirby, the largest U.S. tank barge operator, said it expects $340 million."
    assert _companies(nlp, text) == [("Kirby", "KEX")]


def test_a_surname_is_no_company_where_the_text_gives_a_first_name(nlp):
    text = (
        "Chief executive Brad Jacobs built the business through acquisitions. Jacobs said "
        'spending would be "north of $200 million" next year.'
    )
    assert _companies(nlp, text) == []


def test_a_name_two_companies_open_with_or_a_curated_alias_is_not_guessed(nlp):
    """ "Vertex" opens Vertex Inc's and Vertex Pharmaceuticals' names; "Citi" is Citigroup's
    alias and no opening of "Citi Trends"."""
    assert _companies(nlp, "Vertex expects capital expenditures of about $900 million.") == []
    assert _companies(nlp, "Citi's capital expenditures were $1.7 billion.") == [("Citi", "C")]


def test_a_name_spelt_like_the_documents_ticker_is_the_documents_company(nlp):
    text = "Acme lowered its 2026 capex plan to about $900 million."
    (fact,) = keys(extract(nlp, text, NOV, "ACME", "press_release"))
    assert fact[0] == "ACME"


def test_a_name_with_capitals_inside_it_matches_the_secs_folded_name(nlp):
    """The SEC writes "JETBLUE AIRWAYS" and the short form "Jetblue"; prose writes JetBlue."""
    assert _companies(nlp, "JetBlue and PayPal reported.") == [
        ("JetBlue", "JBLU"),
        ("PayPal", "PYPL"),
    ]


def test_the_data_provider_polling_analysts_is_not_the_spender(nlp):
    text = (
        "Meta raised its outlook again. Analysts polled by FactSet had expected capital "
        "spending of about $117 billion for the year."
    )
    found = keys(extract(nlp, text, NOV, "META", "news"))
    assert {f[0] for f in found if f[3] == 117_000 * M} == {"META"}


# --- periods -------------------------------------------------------------------------------


def test_figures_compared_for_three_and_nine_months_are_those_periods(nlp):
    """The first figure after "compared to" is the year-ago quarter's, not an earlier
    outlook, when the pair is "for the three and nine months ended" a past date."""
    text = (
        "Capital expenditures were $312 million and $1.02 billion for the three and nine "
        "months ended September 30, 2026, respectively, compared to $281 million and $874 "
        "million for the three and nine months ended September 30, 2025, respectively."
    )
    found = keys(extract(nlp, text, NOV, "ORLY", "10-Q"))
    assert ("ORLY", 2025, 3, 281 * M, 281 * M, "actual") in found
    assert ("ORLY", 2025, None, 874 * M, 874 * M, "actual") in found


def test_informal_year_ago_and_first_half(nlp):
    """A thread's "vs ~$17M a yr ago, H1 ~$43M": the year-ago quarter and the year so far."""
    text = "MYRG Q2 capex ~$24M vs ~$17M a yr ago, H1 ~$43M."
    found = keys(extract(nlp, text, NOV, "MYRG", "other"))
    assert ("MYRG", 2025, 2, 17 * M, 17 * M, "actual") in found
    assert ("MYRG", 2026, None, 43 * M, 43 * M, "actual") in found


def test_a_japanese_style_fiscal_year_sets_the_calendar_of_a_bare_first_half(nlp):
    """ "FY3/27" says the year ends in March, so "1H" in November is the first half of the
    year ending March 2027, though the text never says "fiscal"."""
    text = (
        "Kyocera cut its FY3/27 capex plan to ¥180bn (US$1.19bn) from ¥220bn. "
        "1H capex was ¥78bn (US$516m)."
    )
    found = keys(extract(nlp, text, NOV, "KYOCY", "other"))
    assert ("KYOCY", 2027, None, 516 * M, 516 * M, "actual") in found


# --- tables and notes ----------------------------------------------------------------------


def test_a_tracker_with_prior_and_current_guide_columns_beside_an_updated_day(nlp):
    """ "Updated" is the day the row last changed and "Latest qtr A" holds actuals: neither
    is the new outlook beside "Prior guide"; each row's year is its own cell."""
    text = (
        "Capex guides ($m)\n\n"
        "Company (FY end)          Guide FY   Prior guide   Current guide   Updated   "
        "Latest qtr A\n"
        "Tempur Ridge (TRX, Dec)   FY26       250-280       230-250         Nov 5     58\n"
        "Oakline Home (OKH, Apr)   FY27       60-70         65-75           Nov 18    17\n"
    )
    rows = {
        (f["company"], f["fiscal_year"], f["low_usd"], f["high_usd"], f["revision"])
        for f in extract(nlp, text, date(2026, 11, 20), None, "other").to_format()["capex"]
        if f["kind"] == "guidance"
    }
    assert ("TRX", 2026, 230 * M, 250 * M, "lowered") in rows
    assert ("OKH", 2027, 65 * M, 75 * M, "raised") in rows


def test_a_year_cell_under_a_fiscal_year_head_is_no_figure(nlp):
    text = (
        "Capex guide tracker (US$ m)\n\n"
        "Company (FY end)            Guide FY   Prior      Current    Street next FY\n"
        "Dole (DOLE, Dec)            2026       140-160    150-160    165\n"
        "Fresh Del Monte (FDP, Dec)  2026       80-90      80-90      85\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 20), None, "other"))
    assert not [f for f in found if f[3] == 2026 * M]
    assert ("DOLE", 2026, None, 150 * M, 160 * M, "guidance") in found


def test_a_ticker_that_is_a_word_too_counts_once_the_text_brackets_it_after_its_name(nlp):
    """ "SharkNinja (SN)": later "- SN raised ..." is that company, though "SN" alone is
    too common a word to be read as a ticker."""
    text = (
        "SharkNinja (SN) and Helen of Troy (HELE) reported this week.\n\n"
        "- HELE cut its FY27 capex outlook to $45-50m from $55-65m.\n"
        "- SN raised its 2026 capex guide to $210-230m from $180-200m.\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("SN", 2026, None, 210 * M, 230 * M, "guidance") in found


# --- informal sources ----------------------------------------------------------------------


def test_a_quarter_of_last_yr_and_a_bare_nine_month_figure(nlp):
    """A thread's "vs $94M in Q3 last yr" and "Nine-month capex is $161M"."""
    text = "IHS Q3 capex $71M vs $94M in Q3 last yr. Nine-month capex is $161M."
    found = keys(extract(nlp, text, date(2026, 11, 18), "IHS", "news"))
    assert ("IHS", 2025, 3, 94 * M, 94 * M, "actual") in found
    assert ("IHS", 2026, None, 161 * M, 161 * M, "actual") in found


def test_a_posters_own_guess_is_an_estimate(nlp):
    text = (
        "The 2027 capex guide is $250M. I'd guess 2027 capex closer to $200M, since the "
        "power-upgrade programme peaks this year."
    )
    found = keys(extract(nlp, text, date(2026, 11, 18), "HTWSF", "news"))
    assert ("HTWSF", 2027, None, 200 * M, 200 * M, "estimate") in found


def test_figures_compared_for_the_same_periods_of_an_earlier_year(nlp):
    """ "... compared with $138.4 million and $392.7 million for the same periods of 2025":
    each compared figure is for its counterpart's period, a year earlier."""
    text = (
        "Company-funded capital expenditures were $152.8 million in the third quarter of 2026 "
        "and $446.1 million for the nine months ended September 30, 2026, compared with "
        "$138.4 million and $392.7 million for the same periods of 2025."
    )
    found = keys(extract(nlp, text, NOV, "CWT", "10-Q"))
    assert ("CWT", 2025, 3, 138.4 * M, 138.4 * M, "actual") in found
    assert ("CWT", 2025, None, 392.7 * M, 392.7 * M, "actual") in found


def test_an_outlook_table_of_original_and_revised_guidance_ranges(nlp):
    text = (
        "The Company is revising its 2026 guidance ranges as follows:\n\n"
        "                                   Original Guidance Range    Revised Guidance Range\n"
        "Total Net Revenue                  $2,230 - $2,330 million    $2,270 - $2,320 million\n"
        "Capital Expenditures               $205 - $235 million        $210 - $230 million\n"
    )
    rows = {
        (f["fiscal_year"], f["low_usd"], f["high_usd"], f["kind"], f["revision"])
        for f in extract(nlp, text, NOV, "RDNT", "press_release").to_format()["capex"]
    }
    assert rows == {(2026, 210 * M, 230 * M, "guidance", "narrowed")}


def test_free_cash_flow_after_capex_is_no_capex_row(nlp):
    text = (
        "Free cash flow ($ in millions)\n\n"
        "                                                   Q3 2026    Q3 2025\n"
        "Capital expenditures                               $ 182      $ 170\n"
        "Free cash flow after development capital expenditures    $ 391      $ 371\n"
    )
    found = keys(extract(nlp, text, NOV, "DVA", "press_release"))
    assert not [f for f in found if f[3] in (391 * M, 371 * M)]


def test_a_currency_in_brackets_after_a_period_label_is_no_ticker(nlp):
    """ "| 3Q26 (KRW) |" names the column's currency, not a company listed as KRW."""
    text = (
        "(KRW in billions; US$ in millions)\n\n"
        "| | 3Q26 (KRW) | 3Q26 (US$) | 3Q25 (KRW) |\n"
        "|---|---|---|---|\n"
        "| Capital expenditures | 560 | 403 | 480 |\n"
    )
    assert "KRW" not in {t for _, t in _companies(nlp, text)}


def test_a_clause_after_and_can_open_with_a_company_doing_something(nlp):
    text = (
        "Chevron set its 2027 budget at $18 billion to $19 billion last week, and Shell "
        "says it will spend around $20 billion this year."
    )
    assert ("Shell", "SHEL") in _companies(nlp, text)


def test_a_plan_for_2027_31_is_no_one_years_figure(nlp):
    text = "MDU's new five-year capex plan of $3.6bn for 2027-31 compares with $3.1bn for 2026-30."
    found = keys(extract(nlp, text, NOV, "MDU", "news"))
    assert not [f for f in found if f[1] is not None]


def test_the_street_in_brackets_names_a_data_provider_not_a_company(nlp):
    text = "We lift our 2027E capex to $780m from $720m; the Street (LSEG) is at $735m."
    assert "LSEG" not in {t for _, t in _companies(nlp, text)}


def test_an_analysts_street_number_a_few_lines_after_the_capex_answer(nlp):
    """On a call the Street's number follows the answer that named capex, past the
    operator's lines and the analyst's name."""
    text = (
        "We continue to expect purchases of property and equipment of less than $15 million "
        "for 2026.\n\n"
        "Question-and-Answer Session\n\n"
        "Operator\n\n"
        "Our first question comes from Jordan Pell with Brightwater Securities.\n\n"
        "Jordan Pell -- Brightwater Securities\n\n"
        "The Street has you at about $12 million for 2027, so $20 million is a real step up."
    )
    found = keys(extract(nlp, text, NOV, "SRFM", "transcript"))
    assert ("SRFM", 2027, None, 12 * M, 12 * M, "estimate") in found


# --- look-alikes ---------------------------------------------------------------------------


def test_spending_that_is_not_the_companys_own_capex(nlp):
    """Capitalized interest, a utility's AFUDC, another party's funding, an unconsolidated
    venture's spending, a service commitment, spending expensed as incurred and money
    invested since a past year are no capex level."""
    texts = [
        "We capitalized interest of $38.9 million on our development projects during the "
        "nine months ended September 30, 2026, which is included in capital expenditures.",
        "Capital expenditures above exclude AFUDC equity of $38.5 million for the nine months "
        "ended September 30, 2026.",
        "Developer-funded capital expenditures were $21.9 million for the nine months ended "
        "September 30, 2026.",
        "Capital expenditures of the Company's unconsolidated joint ventures were $8.7 million "
        "in the third quarter of 2026.",
        "Exploration expense, which we expense as incurred and do not include in capital "
        "expenditures, was $41.3 million for the first nine months of 2026.",
        "Since 2022, the Company has invested approximately $700 million in capital projects "
        "at the Independence facility.",
    ]
    for text in texts:  # (at most a figure of no one year, which a label would ignore)
        found = keys(extract(nlp, text, NOV, "ACME", "10-Q"))
        assert not [f for f in found if f[1] is not None], text


def test_a_cfos_informal_number_answers_the_capex_question_before_it(nlp):
    text = (
        "We continue to expect capital expenditures of about $160 million for 2026. The "
        "five-year plan rolls forward in February. The treatment plant is on schedule.\n\n"
        "Operator: Our next question comes from Derek Sato with Halvorsen Group.\n\n"
        "Derek Sato (Halvorsen Group): What does 2027 look like?\n\n"
        "Jenna Liu (CFO): Call it $85 million, with the Southwest facility the biggest piece."
    )
    found = keys(extract(nlp, text, NOV, "GWRS", "transcript"))
    assert ("GWRS", 2027, None, 85 * M, 85 * M, "guidance") in found


# --- wire stories that name companies once -------------------------------------------------


def test_a_wire_story_describes_each_company_of_its_lead_in_turn(nlp):
    """The lead names the companies; each later paragraph opens by describing the next one
    ("The Durham, North Carolina-based research group"), and the story names none again."""
    text = (
        "Nov 6 (wire) - ICON Plc cut its capital spending forecast for the year and Fortrea "
        "Holdings Inc held its own, as contract researchers wait for biotech funding.\n\n"
        "The Dublin-based company now expects capital expenditures of about $120 million in "
        "2026, down from $140 million to $150 million.\n\n"
        "Its chief executive said its new tools run on rented cloud capacity.\n\n"
        "The Durham, North Carolina-based research group said it still expects capital "
        "expenditures of about $70 million this year."
    )
    found = keys(extract(nlp, text, NOV, None, "news"))
    assert ("ICLR", 2026, None, 120 * M, 120 * M, "guidance") in found
    assert ("FTRE", 2026, None, 70 * M, 70 * M, "guidance") in found


def test_a_story_that_names_its_company_again_keeps_the_description_for_it(nlp):
    text = (
        "HONG KONG, Nov 13 -- Tencent Holdings Ltd's advertising business grew faster than "
        "expected, while Baidu's search ads kept shrinking.\n\n"
        "Tencent said marketing revenue rose 21%.\n\n"
        '"Our AI tools are lifting conversions," its president said.\n\n'
        "The Shenzhen-based company spent $2.8 billion on capital expenditures in the quarter."
    )
    found = keys(extract(nlp, text, NOV, None, "news"))
    assert {f[0] for f in found if f[3] == 2800 * M} == {"TCEHY"}


def test_quarter_columns_are_of_each_rows_own_fiscal_year(nlp):
    """ "FY | 1Q | 2Q | 3Q | 4Q": the row's "FY27" dates every quarter cell, the first one
    too; a label run into the year by one space is split from it."""
    text = (
        "Capex by quarter (US$ m)\n\n"
        "Company (FY end)             FY     1Q      2Q      3Q      4Q\n"
        "Albany Intl (AIN, Dec)       FY26   28A     31A     34A     37G\n"
        "Park Aerospace (PKE, Feb)    FY27   1.2A    2.8A    3.5E    4.0E\n"
        "Crawford United (CRAWA, Dec) FY26  1.6A    2.1A    2.4A    3.9G\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 20), None, "other"))
    assert ("AIN", 2026, 1, 28 * M, 28 * M, "actual") in found
    assert ("PKE", 2027, 1, 1.2 * M, 1.2 * M, "actual") in found
    assert ("CRAWA", 2026, 1, 1.6 * M, 1.6 * M, "actual") in found


def test_our_estimate_and_consensus_heads_take_the_rows_year(nlp):
    text = (
        "Capex comps (US$ m)\n\n"
        "Company (FY end)        FY      FY guide    Prior      Our est.   Cons.\n"
        "Leidos (LDOS, Dec)      FY26    230-250     200-220    244        236\n"
        "CACI (CACI, Jun)        FY27    ~150        ~150       152        148\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 20), None, "other"))
    assert ("LDOS", 2026, None, 244 * M, 244 * M, "estimate") in found
    assert ("CACI", 2027, None, 148 * M, 148 * M, "estimate") in found


def test_a_ticker_listed_since_the_snapshot_labels_its_line_among_others(nlp):
    text = (
        "- KBR: FY26 capex guide trimmed to ~$120m from ~$130m.\n"
        "- AMTM: First FY27 (Oct-27) capex guide of ~$75m.\n"
        "- ICFI: FY26 capex guide held at ~$30m.\n"
        "- MMS: FY27 capex guide of $40-45m.\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 20), None, "other"))
    assert {f[0] for f in found if f[3] == 75 * M} == {"AMTM"}


def test_a_table_row_net_of_grants_is_still_capex(nlp):
    text = (
        "Capex (US$ bn)\n\n"
        "| | 3Q25 | 2Q26 | 3Q26 |\n"
        "|---|---|---|---|\n"
        "| Capex, gross | 0.10 | 0.12 | 0.13 |\n"
        "| Capex net of MoD grants | 0.06 | 0.08 | 0.09 |\n"
    )
    found = keys(extract(nlp, text, date(2026, 11, 20), "ESLT", "other"))
    assert ("ESLT", 2026, 3, 90 * M, 90 * M, "actual") in found


def test_no_guess_when_the_next_company_of_the_lead_is_one_the_gazetteer_lacks(nlp):
    """ "Crocs Inc ..., while Zebrafoot Ltd raised ...": the paragraph describing the second
    company is not given to the third."""
    text = (
        "Oct 30 (wire) - Crocs Inc cut its capital spending forecast, while Zebrafoot Ltd "
        "raised its budget and Wolverine World Wide Inc kept its plan unchanged.\n\n"
        "The Broomfield, Colorado-based maker of foam clogs now expects capital expenditures "
        "of $70 million to $80 million in 2026.\n\n"
        "The Long Island City, New York-based shoe company raised its 2026 capital spending "
        "forecast to about $40 million."
    )
    found = keys(extract(nlp, text, NOV, None, "news"))
    assert ("CROX", 2026, None, 70 * M, 80 * M, "guidance") in found
    assert "WWW" not in {f[0] for f in found if f[3] == 40 * M}
