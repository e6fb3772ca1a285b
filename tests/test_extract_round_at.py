"""Rounds AT to BG: forms the extractor missed on documents it had not seen (real estate,
travel, energy, utilities, ad-funded media, non-US reporters, retail, pharma, shipping,
miners, the hyperscalers, notes, transcripts and wire roundups). Texts written for these
tests."""

from datetime import date

import pytest

from tests.extract_helpers import M, extract, keys, tickers

NOV = date(2026, 11, 18)
DEC = date(2026, 12, 8)


# --- tables ------------------------------------------------------------------------------


def test_a_plain_text_tracker_headed_by_years_relative_to_each_row(nlp):
    text = (
        "Drillers: Nabors (NBR) and Precision Drilling (PDS) both cut.\n\n"
        "Capex comps (US$ m)\n\n"
        "Company (FY end)   Prior FY (A)   Current FY guide   Next FY E (ours)   Next FY cons.\n"
        "NBR (Dec)               402            ~380                360              370\n"
        "PDS (Dec)               215          200-220               190              205\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("NBR", 2025, None, 402 * M, 402 * M, "actual") in found
    assert ("NBR", 2026, None, 380 * M, 380 * M, "guidance") in found
    assert ("PDS", 2026, None, 200 * M, 220 * M, "guidance") in found
    assert ("PDS", 2027, None, 205 * M, 205 * M, "estimate") in found


# --- companies ---------------------------------------------------------------------------


def test_a_bracketed_ticker_names_the_whole_name_before_it(nlp):
    """ "Apple Hospitality (APLE)" is no mention of Apple, though "Apple" alone would be."""
    text = "Apple Hospitality (APLE) trimmed its renovation budget for the year."
    assert tickers(nlp, text)[0] == "APLE"
    assert "AAPL" not in tickers(nlp, text)
    assert tickers(nlp, "Apple (AAPL) and Apple Hospitality (APLE) both reported.")[0] == "AAPL"


def test_an_alias_written_as_a_named_company_s_ticker_is_that_company(nlp):
    text = (
        "Helmerich & Payne's rig count held up in the quarter.\n\n"
        "Capex comps\n\n"
        "| US$ m | FY26 (A) | FY27 guide |\n"
        "|---|---|---|\n"
        "| HP | 318 | 280-320 |\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert {f[0] for f in found} == {"HP"}
    # with no Helmerich & Payne in the text, "HP" stays HP Inc.
    assert "HPQ" in tickers(nlp, "HP said PC shipments rose.")


# --- periods -----------------------------------------------------------------------------


def test_a_january_year_named_after_its_start_by_the_title(nlp):
    """A restaurant chain's "Q3 fiscal 2026" call in December 2026: its year ends in January
    2027, and "the fiscal year ends in January" alone does not say which year names it."""
    text = (
        "Thanks, everyone. Our third quarter ended November 2, and we will open two more "
        "venues before the fiscal year ends in January.\n\n"
        "Capital additions were $64 million in the third quarter. Year to date, we've spent "
        "$190 million."
    )
    title = "Pinstripe Arcades Q3 fiscal 2026 earnings call"
    found = keys(extract(nlp, text, DEC, "PNST", "transcript", title))
    assert ("PNST", 2026, 3, 64 * M, 64 * M, "actual") in found
    assert ("PNST", 2026, None, 190 * M, 190 * M, "actual") in found
    # a title naming the year after its end keeps the usual reading
    title = "Pinstripe Arcades Q3 fiscal 2027 earnings call"
    found = keys(extract(nlp, text, DEC, "PNST", "transcript", title))
    assert ("PNST", 2027, 3, 64 * M, 64 * M, "actual") in found


def test_a_ticker_the_text_introduces_after_a_name_labels_its_lines(nlp):
    """A company listed after the snapshot: "Brightwater Pipes (BWPX)" makes "BWPX:" a
    label, as a known ticker would be."""
    text = (
        "Brightwater Pipes (BWPX) and American States Water (AWR) reported this week.\n\n"
        "- AWR: 2026 capex guide held at ~$330m.\n"
        "- BWPX: 2026 capex guide raised to ~$95m from ~$80m.\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("BWPX", 2026, None, 95 * M, 95 * M, "guidance") in found
    assert ("AWR", 2026, None, 330 * M, 330 * M, "guidance") in found


def test_an_abbreviation_in_brackets_is_no_ticker(nlp):
    text = (
        "Return on Ad Spend (ROAS) rose, and Monthly Active Users (MAU) held up. "
        "Allowance for Funds Used During Construction (AFUDC) grew. Its PFAS program (PFAS) "
        "is large."
    )
    assert tickers(nlp, text) == []


# --- capex words ---------------------------------------------------------------------------


def test_a_real_estate_owner_s_development_spending_is_its_capex(nlp):
    text = (
        "For the full year, we now expect development and expansion spending of approximately "
        "$450 million, down from the $500 million we indicated in July. Development funding "
        "was $312 million in the third quarter."
    )
    found = keys(extract(nlp, text, NOV, "STOR", "transcript"))
    assert ("STOR", 2026, None, 450 * M, 450 * M, "guidance") in found
    assert ("STOR", 2026, 3, 312 * M, 312 * M, "actual") in found


def test_product_and_land_development_are_no_capex(nlp):
    text = (
        "Product development spending was $48 million in the quarter. The company expects "
        "land acquisition and development investment of $2.4 billion in 2027. Research and "
        "development spending rose to $90 million."
    )
    assert not extract(nlp, text, NOV, "HOMX", "news").capex


# --- notes' lists of companies ---------------------------------------------------------------


def test_ticker_labelled_items_after_one_about_capex_follow_its_topic(nlp):
    """A note names capex once, in its list's first item; the items after it are the other
    companies' guides, whatever sentence ended the first item."""
    text = (
        "Pipes and valves | 3Q26 wrap\n\n"
        "Key points\n"
        "- WTS: 2026 capex guide raised to US$90-100m from US$80-90m. The US$40m plant "
        "purchase closed in August (an acquisition, not capex).\n"
        "- MWA: ~US$110m held; the Decatur foundry line finished in 2Q.\n"
        "- ZWS: guide cut to US$30-35m from US$40-45m.\n"
    )
    found = {
        (f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd, f.revision)
        for f in extract(nlp, text, NOV, None, "other").capex
    }
    assert ("MWA", 2026, None, 110 * M, "reaffirmed") in found
    assert ("ZWS", 2026, None, 30 * M, "lowered") in found


def test_a_later_clause_s_period_is_not_the_figure_s(nlp):
    text = "Watts Water's capex guide of ~$95m was held; its new line opened in 2Q."
    ((company, year, quarter, *_),) = keys(extract(nlp, text, NOV, "WTS", "news"))
    assert (company, year, quarter) == ("WTS", 2026, None)


def test_a_range_narrowed_for_the_year_in_news_is_the_year_under_way(nlp):
    text = (
        "Alphabet raised its capital expenditure forecasts for 2026 and 2027 again. "
        "Meta narrowed its range for the year to $125 billion to $129 billion, including "
        "principal payments on finance leases, from $120 billion to $130 billion."
    )
    found = {
        (f.company, f.fiscal_year, f.low_usd, f.revision)
        for f in extract(nlp, text, date(2026, 10, 30), None, "news").capex
    }
    assert ("META", 2026, 125e9, "narrowed") in found


# --- periods of the hyperscalers' quarters ------------------------------------------------------


def test_a_month_s_quarter_that_would_come_is_the_next_one(nlp):
    """Microsoft (June year) in late October: the September quarter it reported is fiscal
    2027's first; the December quarter it "would" spend in is fiscal 2027's second."""
    text = (
        "It reported capital expenditures including finance leases of $43.8 billion for the "
        "September quarter, and said the December quarter would come in at about $45 billion."
    )
    found = keys(extract(nlp, text, date(2026, 10, 30), "MSFT", "news"))
    assert ("MSFT", 2027, 1, 43.8e9, 43.8e9, "actual") in found
    assert ("MSFT", 2027, 2, 45e9, 45e9, "guidance") in found


def test_a_guide_named_in_a_consensus_sentence_is_a_guide_and_keeps_its_quarter_apart(nlp):
    text = (
        "Consensus sees third-quarter capex of $46.2 billion against a full-year guide of $180 "
        "billion to $190 billion, which Alphabet raised in July from $175 billion to $185 billion."
    )
    found = {
        (f.fiscal_year, f.fiscal_quarter, f.low_usd, f.kind, f.revision, f.prior_low_usd)
        for f in extract(nlp, text, date(2026, 10, 26), "GOOGL", "news").capex
    }
    assert (2026, 3, 46.2e9, "estimate", None, None) in found
    assert (2026, None, 180e9, "guidance", "raised", 175e9) in found


def test_a_question_about_figures_given_before_adds_none(nlp):
    text = (
        "Capital expenditures including finance leases were $43.8 billion in the quarter, and "
        "cash paid for PP&E was $27.9 billion.\n"
        "Analyst: How should we think about the gap between the $43.8 billion and the "
        "$27.9 billion?"
    )
    found = extract(nlp, text, date(2026, 10, 29), "MSFT", "transcript").capex
    assert sorted(f.low_usd for f in found) == [27.9e9, 43.8e9]
    assert {f.kind for f in found} == {"actual"}


def test_a_footnote_gives_the_marked_rows_fiscal_years(nlp):
    text = (
        "Capex by year (US$ bn)\n\n"
        "| Company | 2025A | 2026E (ours) |\n"
        "|---|---|---|\n"
        "| Alphabet (GOOGL) | 91.4 | 189 |\n"
        "| Microsoft (MSFT)* | 152.6 | 188 |\n"
        "\n"
        "*MSFT (June year): each column is the fiscal year that ends in the following "
        'calendar year, so "2025A" is FY26.\n'
    )
    found = keys(extract(nlp, text, date(2026, 11, 3), None, "other"))
    assert ("GOOGL", 2025, None, 91.4e9, 91.4e9, "actual") in found
    assert ("MSFT", 2026, None, 152.6e9, 152.6e9, "actual") in found
    assert ("MSFT", 2027, None, 188e9, 188e9, "estimate") in found


# --- miners ----------------------------------------------------------------------------------


def test_a_project_s_initial_capital_is_no_capex(nlp):
    text = (
        "Hecla raised its 2026 capital expenditure guidance to $330 million. The Keno Hill "
        "expansion's initial capital is now estimated at $410 million, compared with $350 "
        "million in the 2024 feasibility study."
    )
    found = keys(extract(nlp, text, NOV, "HL", "news"))
    assert {f[3] for f in found} == {330 * M}


def test_growth_capital_with_no_total_for_its_period_stands_for_capex(nlp):
    """A total for the quarter does not make the year's growth guide a part."""
    text = (
        "Capital expenditures were $130 million in the third quarter of 2026.\n"
        "Hudbay now expects 2026 growth capital expenditures of $230 million to $250 million, "
        "up from $200 million to $220 million."
    )
    found = keys(extract(nlp, text, NOV, "HBM", "press_release"))
    assert ("HBM", 2026, None, 230 * M, 250 * M, "guidance") in found


def test_a_pledge_through_a_later_year_is_no_one_year_s_capex(nlp):
    text = (
        "Vertex raised its 2026 capital expenditure forecast to $900 million. It also plans to "
        "invest more than $4 billion in U.S. manufacturing, research and development through "
        "2030, and Biogen has said it will invest $2 billion over several years in its campus."
    )
    found = keys(extract(nlp, text, NOV, "VRTX", "news"))
    assert ("VRTX", 2026, None, 900 * M, 900 * M, "guidance") in found
    assert not any(f[1] is not None and f[3] in (4000 * M, 2000 * M) for f in found)


def test_a_head_on_two_lines_over_rows_another_metric_interrupts(nlp):
    text = (
        "The Company is updating its 2026 guidance as follows:\n\n"
        "                                   2026 Guidance          2026 Guidance\n"
        "                                     (Updated)              (Previous)\n"
        "Adjusted EBITDA                 $1.50 to $1.56 billion  $1.48 to $1.60 billion\n"
        "Net loss per share - diluted    $(1.40) to $(1.00)      $(1.55) to $(0.95)\n"
        "Cash flows from operations      $340 to $420 million    $300 to $450 million\n"
        "Capital expenditures            $350 to $380 million    $350 to $400 million\n"
    )
    found = {
        (f.fiscal_year, f.fiscal_quarter, f.low_usd, f.high_usd, f.kind, f.revision)
        for f in extract(nlp, text, NOV, "CYH", "press_release").capex
    }
    assert found == {(2026, None, 350 * M, 380 * M, "guidance", "narrowed")}


def test_facility_investment_is_capex(nlp):
    text = (
        "We are lowering our 2026 facility investment plan to 8.6 trillion won, roughly 6.1 "
        "billion dollars."
    )
    found = keys(extract(nlp, text, date(2026, 10, 28), "HYMTF", "transcript"))
    assert ("HYMTF", 2026, None, 6.1e9, 6.1e9, "guidance") in found


# --- news about several companies ------------------------------------------------------------


def test_a_sum_for_the_five_distributors_is_no_one_company_s(nlp):
    text = (
        "Together, the five distributors plan about $1.1 billion of capital spending in their "
        "current fiscal years. Fastenal expects capex of $280 million this year. Gross written "
        "premium rose 29% to $310 million at Lemonade."
    )
    found = keys(extract(nlp, text, NOV, None, "news"))
    assert ("FAST", 2026, None, 280 * M, 280 * M, "guidance") in found
    assert not any(f[0] and f[3] in (1100 * M, 310 * M) for f in found)


def test_a_guide_against_its_earlier_range_in_news_is_the_year_under_way(nlp):
    text = (
        "Sonic Automotive Inc now expects capital expenditures of $180 million to $200 million, "
        "the low end of its earlier $180 million to $220 million range."
    )
    found = {
        (f.company, f.fiscal_year, f.low_usd, f.prior_high_usd)
        for f in extract(nlp, text, NOV, None, "news").capex
    }
    assert ("SAH", 2026, 180 * M, 220 * M) in found


# --- notes' tables with a company and a metric label ------------------------------------------


def test_rows_labelled_by_company_and_metric(nlp):
    text = (
        "Lithia (LAD), Asbury (ABG) and Herc (HRI) reported.\n\n"
        "Capex comps (US$ m)\n\n"
        "                   2025A   2026 guide   2027E ours\n"
        "LAD  Capex           512      450-480          500\n"
        "LAD  FCF           1,140         n.g.        1,300\n"
        "ABG  D&A             178         n.g.          194\n"
        "\n"
        "| US$ m | Measure | 2025A | 2026 guide |\n"
        "|---|---|---|---|\n"
        "| HRI | Net capex | 1,017 | 700-750 |\n"
        "| HRI | Proceeds from disposals | 395 | n.g. |\n"
        "| HRI | Adj. FCF | 505 | ~520 |\n"
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert found == {
        ("LAD", 2025, None, 512 * M, 512 * M, "actual"),
        ("LAD", 2026, None, 450 * M, 480 * M, "guidance"),
        ("LAD", 2027, None, 500 * M, 500 * M, "estimate"),
        ("HRI", 2025, None, 1017 * M, 1017 * M, "actual"),
        ("HRI", 2026, None, 700 * M, 750 * M, "guidance"),
    }


def test_the_author_s_estimate_in_a_paragraph_on_one_company_is_that_company_s(nlp):
    text = (
        "Consumer morning note\n\n"
        "YETI (Buy): the FY26 guide goes to $55-60m from $45-50m. We raise our 2026E capex to "
        "$58m from $49m.\n\n"
        "GOLF (Hold): Acushnet kept its 2026 capex plan at ~$95m."
    )
    found = keys(extract(nlp, text, NOV, None, "other"))
    assert ("YETI", 2026, None, 58 * M, 58 * M, "estimate") in found
    assert not any(f[0] == "GOLF" and f[3] == 58 * M for f in found)


def test_a_ticker_naming_its_capex_is_a_mention(nlp):
    text = "| PATK capex† | 78 | 72 |\nLCII capex was $17m in 3Q. PATK 3Q capex $21m (3Q25: $19m)."
    assert tickers(nlp, text) == ["PATK", "LCII", "PATK"]


def test_a_year_ago_quarter_compared_with_and_the_nine_months_after_it(nlp):
    text = (
        "Capital expenditures were $9.8 million in the third quarter, compared with $7.1 million "
        "in the third quarter of 2025, and $26.4 million for the nine months."
    )
    found = keys(extract(nlp, text, NOV, "ITRI", "transcript"))
    assert found == {
        ("ITRI", 2026, 3, 9.8 * M, 9.8 * M, "actual"),
        ("ITRI", 2025, 3, 7.1 * M, 7.1 * M, "actual"),
        ("ITRI", 2026, None, 26.4 * M, 26.4 * M, "actual"),
    }


@pytest.mark.parametrize(
    "span",
    [
        "for the three and nine months ended September 30, 2026, respectively",
        "for the third quarter and first nine months of 2026, respectively",
    ],
)
def test_a_quarter_and_the_year_so_far_named_in_one_phrase(nlp, span):
    text = f"Capital expenditures were $36.2 million and $104.9 million {span}."
    found = keys(extract(nlp, text, NOV, "TDOC", "10-Q"))
    assert found == {
        ("TDOC", 2026, 3, 36.2 * M, 36.2 * M, "actual"),
        ("TDOC", 2026, None, 104.9 * M, 104.9 * M, "actual"),
    }


def test_the_same_period_last_year_is_the_year_ago_quarter(nlp):
    text = (
        "Capital expenditures were $52.3 million in the third quarter, compared with $31.8 "
        "million in the same period last year."
    )
    found = keys(extract(nlp, text, NOV, "WB", "transcript"))
    assert ("WB", 2025, 3, 31.8 * M, 31.8 * M, "actual") in found


def test_a_ceiling_below_the_earlier_forecast_is_lowered(nlp):
    text = (
        "United Airlines Holdings said it now expects adjusted capital expenditures of less "
        "than $6.5 billion this year, down from its April forecast of about $7 billion."
    )
    (fact,) = extract(nlp, text, date(2026, 7, 17), None, "news").capex
    assert (fact.company, fact.high_usd, fact.revision, fact.prior_low_usd) == (
        "UAL",
        6.5e9,
        "lowered",
        7e9,
    )
