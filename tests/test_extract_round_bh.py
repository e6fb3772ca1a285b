"""Rounds BH to BK: forms the extractor missed on documents it had not seen (trucking and
logistics filings, software revisions, consumer-staples views, emerging-market issuers in
their own currencies). Texts written for these tests."""

from datetime import date

from tests.extract_helpers import M, extract, keys

NOV = date(2026, 11, 12)


# --- tables ------------------------------------------------------------------------------


def test_a_table_column_headed_in_another_currency_gives_no_dollar_figure(nlp):
    """Only the US$ columns of a table that gives each figure in reais and in dollars."""
    text = (
        "Capital expenditures by segment\n\n"
        "| Capex | 3Q26 R$ million | 3Q26 US$ million | 9M26 R$ million | 9M26 US$ million |\n"
        "|---|---|---|---|---|\n"
        "| Water | 1,210 | 224 | 3,390 | 628 |\n"
        "| Total capital expenditures | 3,050 | 565 | 8,700 | 1,611 |\n"
    )
    found = keys(extract(nlp, text, NOV, "SBS", "press_release"))
    assert ("SBS", 2026, 3, 565 * M, 565 * M, "actual") in found
    assert ("SBS", 2026, None, 1611 * M, 1611 * M, "actual") in found
    assert not {f for f in found if f[3] in (3050 * M, 8700 * M)}


# --- periods -----------------------------------------------------------------------------


def test_a_compared_figure_in_pesos_or_rupees_owns_the_period_after_it(nlp):
    """ "compared with Ps.4,902 million in the third quarter of 2025": the peso figure is no
    amount, but the year-ago quarter is its period, not the dollar figure's."""
    for text in (
        "Capital expenditures reached Ps.5,870 million (US$316 million) in the quarter, "
        "compared with Ps.4,902 million in the third quarter of 2025.",
        "Capital expenditures were R$2.9 billion (US$537 million), compared with "
        "R$2.4 billion in the third quarter of 2025.",
    ):
        found = keys(
            extract(nlp, text, NOV, "KOF", "press_release", title="Third-quarter 2026 results")
        )
        assert {(f[1], f[2]) for f in found} == {(2026, 3)}, text


def test_a_tracker_row_gives_its_own_fiscal_year_and_span_notes(nlp):
    """Each row names its fiscal year ("FY27 (Jun-27)"); the heads are relative ("FY guide,
    current", "FY guide, prior", "Our FY est."), and a figure's note says what part of that
    year it covers ("1.6 (1Q)", "31.6 (9M)")."""
    text = (
        "Werner (WERN) cut its net capex guide again; Radiant Logistics (RLGT) gave its first "
        "fiscal 2027 range.\n\n"
        "Small-cap freight: capex scorecard\n\n"
        "| Company | FY (end) | Measure | FY guide, current ($m) | FY guide, prior ($m) "
        "| Our FY est. ($m) | YTD actual ($m) |\n"
        "|---|---|---|---|---|---|---|\n"
        "| WERN | FY26 (Dec-26) | Net capex | 310-330 | 350-380 | 320 | 241.5 (9M) |\n"
        "| RLGT | FY27 (Jun-27) | Gross capex | ~9-10 | -- | 9.5 | 2.2 (1Q) |\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("WERN", 2026, None, 310 * M, 330 * M, "guidance") in found
    assert ("WERN", 2026, None, 241.5 * M, 241.5 * M, "actual") in found
    assert ("RLGT", 2027, None, 9 * M, 10 * M, "guidance") in found
    assert ("RLGT", 2027, None, 9.5 * M, 9.5 * M, "estimate") in found
    assert ("RLGT", 2027, 1, 2.2 * M, 2.2 * M, "actual") in found
    assert not {f for f in found if f[3] == 350 * M}  # the prior column is no fact
    (wern,) = [f for f in extract(nlp, text, NOV, None, "other").capex if f.low_usd == 310 * M]
    assert (wern.revision, wern.prior_low_usd) == ("lowered", 350 * M)


def test_a_tracker_row_of_another_calendar_and_the_next_fiscal_year(nlp):
    """A row whose fiscal year ends in another month than the subject's takes its own year
    under way; "Cons. next FY" is the year after it."""
    text = (
        "AppFolio (APPF) raised its capex guide; nCino (NCNO), whose year ends in January, "
        "held its guide.\n\n"
        "Vertical software: 3Q26 capex comps\n\n"
        "US$ m      FY end   FY guide (prior)   FY guide (new)   Our FY E   Cons. next FY\n"
        "APPF       Dec      32-34              38-40            40.5       44\n"
        "NCNO       Jan      ~12                ~12              12         13\n"
    )
    found = keys(extract(nlp, text, NOV, "NCNO", "other"))
    assert ("APPF", 2026, None, 38 * M, 40 * M, "guidance") in found
    assert ("APPF", 2027, None, 44 * M, 44 * M, "estimate") in found
    assert ("NCNO", 2028, None, 13 * M, 13 * M, "estimate") in found


# --- filings -----------------------------------------------------------------------------


def test_a_52_53_week_filing_names_its_quarters_and_spans_in_words(nlp):
    """ "The third quarters of fiscal 2026 and fiscal 2025 were the thirteen weeks ended
    October 3, 2026 ...": a quarter ending in a month's first days closes the month before,
    and figures "respectively" pair with the spans written in words."""
    text = (
        "Our fiscal year ends on the Saturday nearest December 31. The third quarters of "
        "fiscal 2026 and fiscal 2025 were the thirteen weeks ended October 3, 2026 and "
        "September 27, 2025, respectively.\n\n"
        "Capital expenditures were $41.2 million in the thirteen weeks ended October 3, 2026. "
        "For the thirty-nine weeks ended October 3, 2026 and September 27, 2025, capital "
        "expenditures were $118.4 million and $196.0 million, respectively.\n\n"
        "We expect to spend $12 million in the fourth quarter of fiscal 2026."
    )
    found = keys(extract(nlp, text, NOV, "ULH", "10-Q"))
    assert ("ULH", 2026, 3, 41.2 * M, 41.2 * M, "actual") in found
    assert ("ULH", 2026, None, 118.4 * M, 118.4 * M, "actual") in found
    assert ("ULH", 2025, None, 196.0 * M, 196.0 * M, "actual") in found


def test_a_filing_s_outlook_with_no_year_is_for_the_year_under_way(nlp):
    text = (
        "Liquidity and Capital Resources\n\n"
        "On a gross basis, we expect purchases of property and equipment of approximately "
        "$48 million to $53 million."
    )
    found = keys(extract(nlp, text, NOV, "FWRD", "10-Q"))
    assert ("FWRD", 2026, None, 48 * M, 53 * M, "guidance") in found


def test_a_lessor_s_lease_fleet_investment_is_its_capex(nlp):
    text = (
        "In the third quarter, the Company invested $205.1 million in its lease fleet. "
        "For the first nine months of 2026, net lease fleet investment was $266.0 million."
    )
    found = keys(
        extract(nlp, text, NOV, "GATX", "press_release", title="Third-quarter 2026 results")
    )
    assert ("GATX", 2026, 3, 205.1 * M, 205.1 * M, "actual") in found
    assert ("GATX", 2026, None, 266.0 * M, 266.0 * M, "actual") in found


# --- companies and look-alikes -------------------------------------------------------------


def test_a_list_item_labelled_by_a_ticker_is_about_that_company(nlp):
    """The second sentence of "- TYL: Tyler raised ... 3Q capex was ..." is Tyler's, though
    the subject of the note is another company."""
    text = (
        "Company notes\n\n"
        "- TYL: Tyler Technologies raised its 2026 capex guide again. 3Q capex was $11.4m vs "
        "$8.9m a year ago.\n"
        "- NCNO: nCino held its guide.\n"
    )
    found = keys(extract(nlp, text, NOV, "NCNO", "other"))
    assert ("TYL", 2026, 3, 11.4 * M, 11.4 * M, "actual") in found
    assert not {f for f in found if f[0] == "NCNO"}


def test_a_sum_the_four_guide_to_belongs_to_no_one_company(nlp):
    text = (
        "APPF, NCNO, QTWO and BSY all updated capex. Together the four guide to roughly $90m "
        "of capex in their current fiscal years."
    )
    found = keys(extract(nlp, text, NOV, "NCNO", "other"))
    assert {f[0] for f in found if f[3] == 90 * M} <= {None}


def test_an_earlier_outlook_given_as_a_share_of_revenue_and_in_dollars_is_the_prior(nlp):
    text = (
        "- Capital expenditures of approximately 4% of revenue, or $41 million to $43 million, "
        "compared with approximately 3.5% of revenue, or $36 million to $38 million, previously."
    )
    (fact,) = extract(nlp, text, NOV, "CWAN", "8-K").capex
    assert (fact.low_usd, fact.prior_low_usd, fact.revision) == (41 * M, 36 * M, "raised")


def test_an_outlook_table_headed_on_two_lines_with_its_unit_and_column_words(nlp):
    text = (
        "Fourth Quarter and Full-Year 2026 Outlook\n\n"
        "                                   Q4 2026          Full-Year 2026       Full-Year 2026\n"
        "($ in millions, except per share)  Outlook          Current              "
        "Prior (July 22, 2026)\n"
        "Total revenue                      $301 - $305      $1,178 - $1,186      $1,164 - $1,176\n"
        "Capital expenditures               $6 - $8          $24 - $26            $17 - $19\n"
    )
    facts = extract(nlp, text, NOV, "MANH", "press_release").capex
    by_key = {(f.fiscal_year, f.fiscal_quarter): f for f in facts}
    assert (by_key[(2026, 4)].low_usd, by_key[(2026, 4)].high_usd) == (6 * M, 8 * M)
    year = by_key[(2026, None)]
    assert (year.low_usd, year.prior_low_usd, year.revision) == (24 * M, 17 * M, "raised")
    assert len(facts) == 2


def test_one_project_s_total_or_unit_cost_is_no_year_s_capex(nlp):
    for text in (
        "The Denver build-out, which we expect to total about $9 million, is now substantially "
        "complete, and capex for the year is on plan.",
        "Each scrubbing center costs roughly $4 million to $5 million to equip, the CFO said, "
        "and capital spending rises with the count.",
    ):
        assert not extract(nlp, text, NOV, "SAIL", "transcript").capex, text


def test_a_year_to_a_month_and_a_month_s_quarter_state_the_fiscal_calendar(nlp):
    """ "its forecast for the year to June 2027" and "the September quarter, the first quarter
    of its 2027 financial year": a June year, so the quarter spent is fiscal 2027 Q1."""
    text = (
        "JOHANNESBURG, Nov 4 - The miner raised its capital expenditure forecast for the year to "
        "June 2027 to about 10.1 billion rand ($574 million).\n\n"
        "It spent 2.21 billion rand ($126 million) on capital projects in the September "
        "quarter, the first quarter of its 2027 financial year."
    )
    found = keys(extract(nlp, text, date(2026, 11, 4), "HMY", "news"))
    assert ("HMY", 2027, 1, 126 * M, 126 * M, "actual") in found


def test_an_outlook_table_in_two_units_takes_the_period_of_its_label_head(nlp):
    text = (
        "2026 Outlook\n\n"
        "| 2026 Guidance | Ps. million | US$ million |\n"
        "|---|---|---|\n"
        "| Capital expenditures | ~25,500 | ~1,371 |\n"
    )
    found = keys(extract(nlp, text, date(2026, 10, 24), "KOF", "press_release"))
    assert found == {("KOF", 2026, None, 1371 * M, 1371 * M, "guidance")}


def test_spectrum_bought_at_auction_is_no_capex(nlp):
    text = (
        "CAPEX for 3Q26 was US$212 million. In addition, during 3Q26 the Company paid "
        "AR$88,000 million (US$61 million) for 5G spectrum licenses acquired in the auction."
    )
    found = keys(extract(nlp, text, NOV, "TEO", "press_release", title="3Q26 results"))
    assert {f[3] for f in found} == {212 * M}


# --- round BN: wire stories ------------------------------------------------------------------


def test_a_fiscal_year_stated_by_when_it_began_or_ended_in_news(nlp):
    """ "fiscal 2027, which began on Oct. 1" and "fiscal 2026, the year that ended on Sept.
    30": a September year, so "the same quarter a year earlier" is fiscal 2025 Q4."""
    text = (
        "The company expects capital expenditures of $50 million to $55 million in fiscal 2027, "
        "which began on Oct. 1. It spent $64.1 million in fiscal 2026, the year that ended on "
        "Sept. 30, including $16.2 million in the fourth quarter, compared with $19.5 million "
        "in the same quarter a year earlier."
    )
    found = keys(extract(nlp, text, NOV, "GFF", "news"))
    assert ("GFF", 2026, 4, 16.2 * M, 16.2 * M, "actual") in found
    assert ("GFF", 2025, 4, 19.5 * M, 19.5 * M, "actual") in found
    late = "Sanmina expects capex of $330 million in fiscal 2027, which began in late September."
    assert ("SANM", 2027, None, 330 * M, 330 * M, "guidance") in keys(
        extract(nlp, late, NOV, "SANM", "news")
    )


def test_quarters_of_two_years_respectively_and_a_14_week_quarter(nlp):
    text = (
        "- Capital expenditures of $19.8 million and $35.2 million in the third quarters of "
        "2026 and 2025, respectively"
    )
    found = keys(extract(nlp, text, NOV, "JELD", "8-K"))
    assert ("JELD", 2026, 3, 19.8 * M, 19.8 * M, "actual") in found
    assert ("JELD", 2025, 3, 35.2 * M, 35.2 * M, "actual") in found
    text = (
        "It spent $34.0 million on capital projects in fiscal 2026, a 53-week year that ended on "
        "Oct. 3, and $7.1 million in the 14-week fourth quarter."
    )
    assert ("LESL", 2026, 4, 7.1 * M, 7.1 * M, "actual") in keys(
        extract(nlp, text, NOV, "LESL", "news")
    )


def test_the_high_end_of_its_range_is_the_earlier_outlook(nlp):
    text = (
        "Hayward said it expects capital expenditures of about $44 million this year, the high "
        "end of its $34 million to $44 million range."
    )
    (fact,) = extract(nlp, text, NOV, "HAYW", "news").capex
    assert (fact.low_usd, fact.prior_low_usd, fact.prior_high_usd) == (44 * M, 34 * M, 44 * M)
    assert fact.revision == "narrowed"


def test_spending_expensed_as_incurred_carries_no_capex(nlp):
    text = (
        "We now expect capital expenditures of $41 million for the year. Technology spending "
        "was about $36 million in the first nine months, almost all of it expensed as incurred."
    )
    found = keys(extract(nlp, text, NOV, "WSO", "transcript"))
    assert {f[3] for f in found} == {41 * M}


# --- round BL: notes and their tables ----------------------------------------------------------


def test_nine_months_told_after_the_quarter_is_the_year_so_far(nlp):
    for text in (
        "3Q capex was $68m, compared with $55m in 3Q25; nine-month capex was $193m.",
        "Capex: 3Q capex was $205m, down from $229m in 3Q25, bringing the nine months to $581m.",
    ):
        found = keys(extract(nlp, text, NOV, "MEOH", "other"))
        (year_so_far,) = [f for f in found if f[3] == max(g[3] for g in found)]
        assert year_so_far[1:3] + year_so_far[5:] == (2026, None, "actual"), text


def test_a_tracker_with_a_current_fy_column_and_replaced_estimates(nlp):
    """ "Cur. FY" names each row's year; "ours, Prior" columns are replaced estimates."""
    text = (
        "ICL and LSB Industries (LXU) both moved their capex guides.\n\n"
        "Fertilizer capex comps (US$ m)\n\n"
        "| Company | Cur. FY | Prior FY capex (A) | Cur. FY guide | Cur. FY ours, Prior "
        "| Cur. FY ours, New | Next FY ours, Prior | Next FY ours, New |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| LXU | 2026 | 81 | 52-57 | 60 | 55 | 63 | 58 |\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("LXU", 2025, None, 81 * M, 81 * M, "actual") in found
    assert ("LXU", 2026, None, 52 * M, 57 * M, "guidance") in found
    assert ("LXU", 2027, None, 58 * M, 58 * M, "estimate") in found
    assert not {f for f in found if f[3] in (60 * M, 63 * M)}
    assert not {f for f in found if f[3] >= 2000 * M}  # the year cell is no figure


def test_a_footnote_shifts_a_marked_row_without_quotes(nlp):
    text = (
        "Crop protection: FMC Corp (FMC) and Bioceres (BIOX) capex.\n\n"
        "| US$ m | 2024A | 2025A | 2026E |\n"
        "|---|---|---|---|\n"
        "| FMC | 170 | 150 | 120 |\n"
        "| BIOX* | 23 | 19 | 16 |\n\n"
        "E = our estimates. *BIOX's fiscal year ends June 30: for BIOX, 2024A is FY25 (Jun-25)."
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("BIOX", 2025, None, 23 * M, 23 * M, "actual") in found
    assert ("BIOX", 2027, None, 16 * M, 16 * M, "estimate") in found
    assert ("FMC", 2024, None, 170 * M, 170 * M, "actual") in found


# --- round BO: media -------------------------------------------------------------------------


def test_content_spending_and_a_lease_not_begun_are_look_alikes(nlp):
    for text in (
        "Payments for content assets, which consist of original programming produced for our "
        "cable networks, were $39.0 million for the nine months, and capital expenditures were "
        "$7.6 million.",
        "The studio spent $24.1 million on the production of film and television programs in "
        "the quarter, while capital expenditures were $13.0 million.",
        "The lease has not yet commenced, and we expect to incur approximately $20 million of "
        "leasehold improvements in connection with the new space, which are not in our capital "
        "expenditure outlook of $45 million.",
    ):
        found = keys(extract(nlp, text, NOV, "UONE", "10-Q"))
        assert {f[3] for f in found} <= {7.6 * M, 13.0 * M, 45 * M}, text


def test_spending_over_a_decade_is_no_one_year_s(nlp):
    text = (
        "Pursuit expects capital expenditures of about $210 million next year. That is small "
        "next to Disney, which has said it will spend about $60 billion over a decade on its "
        "parks and ships."
    )
    found = keys(extract(nlp, text, NOV, None, "news"))
    assert not {f for f in found if f[3] == 60e9 and f[1] is not None}


# --- round BQ: real estate ---------------------------------------------------------------------


def test_a_real_estate_owner_s_development_and_construction_spending(nlp):
    text = (
        "It spent $68.2 million on development in the third quarter, compared with $84.0 "
        "million a year earlier. Construction spending was $318 million in the third quarter "
        "of 2026."
    )
    found = keys(extract(nlp, text, NOV, "EQR", "news"))
    assert ("EQR", 2026, 3, 68.2 * M, 68.2 * M, "actual") in found
    assert ("EQR", 2025, 3, 84.0 * M, 84.0 * M, "actual") in found
    assert ("EQR", 2026, 3, 318 * M, 318 * M, "actual") in found
    # product development is no building
    assert not extract(nlp, "It spent $40 million on product development.", NOV, "EQR").capex


def test_other_parties_spending_is_not_the_company_s(nlp):
    for text in (
        "Our investments are structured equity in portfolios whose sponsors build and own the "
        "projects; the sponsors' construction spending is not reflected in our statements. In "
        "the quarter we committed $290 million to a solar portfolio whose sponsor expects to "
        "spend $1.3 billion.",
    ):
        assert not extract(nlp, text, NOV, "HASI", "10-Q").capex, text
