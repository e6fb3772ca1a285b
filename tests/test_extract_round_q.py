"""Round Q: forms the extractor missed on text it had not seen. Sentences and tables
written for these tests, in the style of notes, news, calls and filings."""

from datetime import date

from tests.extract_helpers import B, M, extract, million_rows

NOV = date(2026, 11, 5)


def test_a_tracker_reads_each_rows_years_from_its_current_fy_cell(nlp):
    text = (
        "Towers and fiber: capex tracker\n"
        "(US$ m; A = reported, E = our estimates)\n\n"
        "| Company | Current FY | Prior FY (A) | Current FY guide | Our est. | Next FY (E) |\n"
        "|---|---|---|---|---|---|\n"
        "| Lumen (LUMN) | FY26 (Dec-26) | 3,200 | 3,300-3,500 (was 3,100-3,300) | 3,450 | 3,600 |\n"
        "| Vodafone (VOD) | FY27 (Mar-27) | 9,150 | ~9,300 | 9,200 | 9,400 |\n"
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"),
        "company",
        "fiscal_year",
        "low_usd",
        "high_usd",
        "kind",
        "revision",
        "prior_low_usd",
    )
    assert {
        ("LUMN", 2025, 3200, 3200, "actual", None, None),
        ("LUMN", 2026, 3300, 3500, "guidance", "raised", 3100),
        ("LUMN", 2026, 3450, 3450, "estimate", None, None),
        ("LUMN", 2027, 3600, 3600, "estimate", None, None),
        ("VOD", 2026, 9150, 9150, "actual", None, None),
        ("VOD", 2027, 9300, 9300, "guidance", None, None),
        ("VOD", 2027, 9200, 9200, "estimate", None, None),
        ("VOD", 2028, 9400, 9400, "estimate", None, None),
    } == got


def test_a_ticker_label_before_a_quarter_and_the_guide_after_it(nlp):
    text = (
        "Quick takes\n\n"
        "CMCSA. Guide of ~$12bn held.\n\n"
        "CABO. 3Q capex $74m. Guide $280-300m unchanged."
    )
    got = million_rows(
        extract(nlp, text, NOV, doc_type="other"),
        "company",
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert ("CABO", 2026, 3, 74) in got
    assert ("CABO", 2026, None, 280) in got


def test_a_company_in_a_later_clause_is_not_the_spender(nlp):
    text = (
        "United now expects full-year 2026 capital expenditures of about $6.0 billion, down "
        "from about $6.5 billion, as Boeing deliveries slip into 2027."
    )
    result = extract(nlp, text, NOV, ticker="UAL", doc_type="8-K")
    assert [c.company for c in result.capex] == ["UAL"]


def test_a_ticker_written_as_a_name_with_its_suffix(nlp):
    text = "RTX Corp. kept its 2026 capital expenditure outlook at $2.6 billion to $2.8 billion."
    assert [c.company for c in extract(nlp, text, NOV, ticker="LMT").capex] == ["RTX"]


def test_onsemi_is_on_semiconductor(nlp):
    text = "Onsemi said it would hold capital expenditures to about $500 million this year."
    assert [c.company for c in extract(nlp, text, NOV).capex] == ["ON"]


def test_the_year_before_a_named_year(nlp):
    text = "It spent $512 million on capex in fiscal 2026, and about $300 million the year before."
    got = million_rows(extract(nlp, text, NOV, ticker="COHR"), "fiscal_year", "low_usd", "kind")
    assert got == {(2026, 512, "actual"), (2025, 300, "actual")}


def test_an_outlook_estimated_in_the_annual_report_is_the_prior(nlp):
    text = (
        "We expect to spend approximately $1.4 billion to $1.6 billion on capital "
        "expenditures during 2026, lower than the approximately $1.7 billion to $1.9 billion "
        "estimated in our Annual Report on Form 10-K."
    )
    (fact,) = extract(nlp, text, NOV, ticker="LVS", doc_type="10-Q").capex
    assert (fact.revision, fact.prior_low_usd) == ("lowered", 1.7 * B)


def test_shares_and_decades_and_groups_are_no_figures_of_their_own(nlp):
    text = (
        "For the full year, we continue to expect capital expenditures of $850 million to "
        "$950 million, though we're moving about $50 million of it to new centers. "
        "Over the last decade, we've invested more than $3 billion in AI and data "
        "infrastructure. Together, the five contractors expect to spend more than $8 "
        "billion on plant and equipment this year."
    )
    result = extract(nlp, text, NOV, ticker="THC", doc_type="transcript")
    # the decade's sum is no year's (a plan over years is labelled arguable)
    assert sorted((c.low_usd, c.fiscal_year) for c in result.capex) == [
        (850 * M, 2026),
        (3 * B, None),
    ]


def test_an_authors_own_math_is_an_estimate(nlp):
    text = "My own rough math puts fiscal 2028 capex at around $750 million."
    assert [c.kind for c in extract(nlp, text, NOV, ticker="COHR").capex] == ["estimate"]


def test_money_an_agency_puts_in_is_not_the_companys_capex(nlp):
    text = (
        "General Dynamics raised its 2026 capital spending plan to about $1.4 billion for "
        "submarine yards. The Navy is paying for a large share of the shipyard work and has "
        "committed more than $3 billion to yards this year."
    )
    assert [c.low_usd for c in extract(nlp, text, NOV).capex] == [1.4 * B]


def test_a_fiscal_quarter_with_its_end_month_dates_itself(nlp):
    text = "POWL (Sep FY). FY26 capex of $40-50m; FQ3 (to Jun) capex was $12m."
    got = million_rows(
        extract(nlp, text, date(2026, 8, 14), doc_type="other"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert (2026, 3, 12) in got
    text = "Guided FY26 capex of at least $900m; FQ3 (to Feb) capex was $210m."
    got = million_rows(
        extract(nlp, text, date(2026, 3, 20), ticker="APLD", doc_type="other"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert (2026, 3, 210) in got


def test_the_year_just_ended_is_the_last_fiscal_year(nlp):
    text = (
        "Microchip expects capital outlays of less than $100 million in fiscal 2027, after "
        "spending $140 million on capital expenditures in the year just ended."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 5, 8), ticker="MCHP"), "fiscal_year", "low_usd", "kind"
    )
    assert (2026, 140, "actual") in got


def test_a_stake_a_loss_and_a_run_rate_are_no_capex(nlp):
    text = (
        "Uber expects capex of about $400 million in 2026. The company has committed $300 "
        "million to Lucid Group. Its freight unit is still losing about $200 million a year, "
        "and capex is well below the $800 million-plus run rate of a few years ago."
    )
    assert [c.low_usd for c in extract(nlp, text, date(2026, 2, 10)).capex] == [400 * M]


def test_round_r_fiscal_quarters_written_f1q_and_f3q(nlp):
    text = "MDT (F1Q27, April FY). Capex $456m in the quarter (F1Q26: $398m). F3Q capex $231m."
    got = million_rows(
        extract(nlp, text, date(2026, 8, 20), doc_type="other"),
        "fiscal_year",
        "fiscal_quarter",
        "low_usd",
    )
    assert (2026, 1, 398) in got


def test_round_r_a_speakers_firm_is_not_the_spender(nlp):
    text = (
        "Larry Biegelsen (Wells Fargo): Thanks. The Street has fiscal '27 capex at about "
        "$1.95 billion, so you're running ahead of that."
    )
    result = extract(nlp, text, date(2026, 8, 20), ticker="MDT", doc_type="transcript")
    assert [c.company for c in result.capex] == ["MDT"]


def test_round_r_a_one_word_name_that_is_a_word_counts_with_its_legal_suffix(nlp):
    text = (
        "Nutrien kept its plan. Mosaic Co. said capital expenditures would be $1.1 billion "
        "this year."
    )
    assert [c.company for c in extract(nlp, text, date(2026, 5, 10)).capex] == ["MOS"]


def test_round_r_year_ago_figures_in_conversions_and_comparisons(nlp):
    text = (
        "JD.com said capital expenditures rose to 7.9 billion yuan ($1.1 billion) in the "
        "first quarter from 4.3 billion yuan ($600 million) a year earlier. Expedia spent $190 "
        "million on capital expenditures in the first quarter, compared with $210 million a "
        "year earlier, and $850 million for all of 2025."
    )
    got = million_rows(
        extract(nlp, text, date(2026, 5, 8)), "company", "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert {
        ("JD", 2025, 1, 600),
        ("EXPE", 2025, 1, 210),
        ("EXPE", 2025, None, 850),
    } <= got


def test_round_r_a_comparison_after_a_plan_does_not_make_it_spent(nlp):
    text = (
        "JD.com expects full-year capital spending of about 31 billion yuan ($4.3 billion), "
        "roughly double what it spent in 2025."
    )
    assert [(c.fiscal_year, c.kind) for c in extract(nlp, text, date(2026, 5, 20)).capex] == [
        (2026, "guidance")
    ]


def test_round_r_a_heading_line_names_the_company_of_the_paragraph_under_it(nlp):
    text = (
        "Marketplaces weekly\n\nEtsy (ETSY)\n\nEtsy's ads grew. Capex guide held at ~$100m.\n\n"
        "Airbnb (ABNB)\n\nSponsored listings launched in June. No ad revenue number yet. "
        "Capex is small: $31m in 2Q, and they guided ~$140m for the year.\n"
    )
    got = million_rows(
        extract(nlp, text, date(2026, 8, 10), doc_type="other"), "company", "low_usd"
    )
    assert {("ABNB", 31), ("ABNB", 140), ("ETSY", 100)} == got


def test_round_r_the_answer_to_a_capex_question_carries_its_topic_and_year(nlp):
    text = (
        "Dana Whitfield, Orbital Research\n"
        "Revenue finally looks real. What does 2027 capex look like once the satellites are up?\n\n"
        "Andrew Johnson, Chief Financial Officer\n"
        "Meaningfully lower. Call it $600 million to $700 million, mostly replacements.\n\n"
        "Marcus Feld (Drayton Capital)\n"
        "On fiscal '27, the Street is modeling capex of around $520 million. Is that fair?\n\n"
        "Richard Puccio (Chief Financial Officer)\n"
        "I'd take that down a bit. Something closer to $450 million is how we're planning "
        "fiscal '27 today.\n"
    )
    result = extract(nlp, text, date(2026, 8, 12), ticker="ASTS", doc_type="transcript")
    got = million_rows(result, "fiscal_year", "low_usd", "high_usd", "kind")
    assert (2027, 600, 700, "guidance") in got
    assert (2027, 450, 450, "guidance") in got
