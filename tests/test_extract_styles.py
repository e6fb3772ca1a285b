"""Financial text in styles the other tests do not cover: call transcripts, MD&A, sell-side
notes, trackers with tables, news about two hyperscalers. All documents are written for
these tests; companies are real tickers so the gazetteer applies."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import extract, keys


def test_call_transcript_q_and_a(nlp):
    text = (
        "Operator: Our next question comes from Dana Whitfield with Harbor Securities.\n"
        "Dana Whitfield: Thanks. Can you talk about how you are thinking about capex next "
        "year?\n"
        "Chief Financial Officer: Sure. For the full year 2026 we now expect capital "
        "expenditures of $115 billion to $135 billion, up from our prior outlook of "
        "$100 billion to $110 billion, driven by servers and data centers.\n"
        "Dana Whitfield: And ad pricing?\n"
        "Chief Financial Officer: Average price per ad increased 9% year over year in the "
        "quarter, and ad impressions grew 11%."
    )
    res = extract(nlp, text, date(2025, 10, 30), "META", "transcript")
    (f,) = res.capex
    assert (f.company, f.fiscal_year, f.low_usd, f.high_usd) == ("META", 2026, 115e9, 135e9)
    assert f.kind == "guidance" and f.revision == "raised"
    assert (f.prior_low_usd, f.prior_high_usd) == (100e9, 110e9)
    metrics = {(c.metric, c.change_pct) for c in res.ad_claims}
    assert metrics == {("ad_price", 9.0), ("ad_impressions", 11.0)}


def test_mdna_liquidity_paragraph(nlp):
    text = (
        "Liquidity and Capital Resources\n"
        "Purchases of property and equipment were $9.4 billion for the three months ended "
        "September 30, 2025, driven by investments in technical infrastructure. We expect "
        "capital expenditures for the full year 2025 to be approximately $91 billion."
    )
    res = extract(nlp, text, date(2025, 10, 29), "GOOGL", "10-Q")
    assert keys(res) == {
        ("GOOGL", 2025, 3, 9.4e9, 9.4e9, "actual"),
        ("GOOGL", 2025, None, 91e9, 91e9, "guidance"),
    }
    assert next(f for f in res.capex if f.fiscal_quarter is None).approximate


def test_microsoft_fiscal_year_and_next_quarter_words(nlp):
    text = (
        "Microsoft said capital expenditures including finance leases were $34.9 billion in "
        "the fiscal first quarter. The company expects fiscal 2026 capex growth to be higher "
        "than in fiscal 2025."
    )
    res = extract(nlp, text, date(2025, 10, 29), "MSFT", "news")
    assert keys(res) == {("MSFT", 2026, 1, 34.9e9, 34.9e9, "actual")}


def test_sell_side_note_estimates_and_company_guidance(nlp):
    text = (
        "Amazon.com (AMZN): Reiterate Outperform\n"
        "Management guided 2026 capex to roughly $200 billion. We model $215 billion for "
        "2026, above the company's outlook, and our 2027 capex estimate is $240B.\n"
        "Bulls argue AWS backlog justifies the spend; bears see depreciation as a drag on "
        "margins."
    )
    res = extract(nlp, text, date(2026, 2, 10), "AMZN", "news")
    assert keys(res) == {
        ("AMZN", 2026, None, 200e9, 200e9, "guidance"),
        ("AMZN", 2026, None, 215e9, 215e9, "estimate"),
        ("AMZN", 2027, None, 240e9, 240e9, "estimate"),
    }


def test_markdown_table_with_unit_and_period_headers(nlp):
    text = (
        "Hyperscaler spending monitor\n\n"
        "Capital expenditures by company ($ in billions):\n\n"
        "| Company | FY2024A | FY2025 guide | FY2026E |\n"
        "|---|---|---|---|\n"
        "| Meta | 39.2 | 70-72 | 115 |\n"
        "| Alphabet | 52.5 | ~91 | 110+ |\n"
    )
    res = extract(nlp, text, date(2025, 11, 20))
    assert keys(res) == {
        ("META", 2024, None, 39.2e9, 39.2e9, "actual"),
        ("META", 2025, None, 70e9, 72e9, "guidance"),
        ("META", 2026, None, 115e9, 115e9, "estimate"),
        ("GOOGL", 2024, None, 52.5e9, 52.5e9, "actual"),
        ("GOOGL", 2025, None, 91e9, 91e9, "guidance"),
        ("GOOGL", 2026, None, 110e9, None, "estimate"),
    }
    assert next(f for f in res.capex if f.low_usd == 91e9).approximate


def test_metric_rows_table_skips_other_metrics(nlp):
    text = (
        "Oracle fiscal summary (in millions of dollars)\n"
        "                        FY2025      FY2026\n"
        "Total revenues          57,399      67,000\n"
        "Capital expenditures    21,215      35,000\n"
    )
    res = extract(nlp, text, date(2025, 9, 15), "ORCL", "news")
    assert keys(res) == {
        ("ORCL", 2025, None, 21_215e6, 21_215e6, "actual"),
        ("ORCL", 2026, None, 35_000e6, 35_000e6, "guidance"),
    }


def test_news_about_two_hyperscalers(nlp):
    text = (
        "Alphabet lifted its 2025 capital spending forecast to between $91 billion and "
        "$93 billion from $85 billion. Microsoft, meanwhile, said it would spend more than "
        "$80 billion on AI data centers in fiscal 2025, while its ad revenue rose 21%."
    )
    res = extract(nlp, text, date(2025, 10, 30))
    assert keys(res) == {
        ("GOOGL", 2025, None, 91e9, 93e9, "guidance"),
        ("MSFT", 2025, None, 80e9, None, "guidance"),
    }
    googl = next(f for f in res.capex if f.company == "GOOGL")
    assert googl.revision == "raised" and googl.prior_low_usd == 85e9


@pytest.mark.parametrize(
    ("sentence", "low", "high", "approx"),
    [
        ("Meta expects 2026 capex of $70–$72 billion.", 70e9, 72e9, False),
        ("Meta expects 2026 capex of $115-135B.", 115e9, 135e9, False),
        ("Meta expects 2026 capex of $125B+.", 125e9, None, False),
        ("Meta expects 2026 capex of at least $100 billion.", 100e9, None, False),
        ("Meta expects 2026 capex of approximately $75 billion.", 75e9, 75e9, True),
        ("Meta expects 2026 capex of ~$40B.", 40e9, 40e9, True),
        ("Meta expects 2026 capex of USD 12bn.", 12e9, 12e9, False),
        ("Meta expects 2026 capex of $1.2T.", 1.2e12, 1.2e12, False),
        ("Meta expects 2026 capex of $950M.", 950e6, 950e6, False),
    ],
)
def test_money_forms(nlp, sentence, low, high, approx):
    (f,) = extract(nlp, sentence, date(2025, 12, 1)).capex
    assert (f.low_usd, f.high_usd, f.approximate) == (low, high, approx)


@pytest.mark.parametrize(
    "sentence",
    [
        "Meta's 2026 revenue should reach $230 billion.",
        "Meta returned $30 billion to shareholders through buybacks and dividends in 2025.",
        "Total costs and expenses are expected to be $116 billion to $118 billion in 2025.",
        "The market for AI accelerators could reach $400 billion by 2028.",
        "Meta signed lease commitments of $27 billion that have not yet commenced.",
    ],
)
def test_look_alikes_are_not_capex(nlp, sentence):
    assert extract(nlp, sentence, date(2025, 12, 1)).capex == []


def test_revisions_lowered_narrowed_reaffirmed(nlp):
    text = (
        "Intel lowered its 2025 gross capex outlook to about $18 billion from $20 billion.\n"
        "Meta narrowed its 2025 capital expenditures outlook to $70-72 billion from "
        "$66-72 billion.\n"
        "Amazon reaffirmed that it expects 2025 capex of about $125 billion."
    )
    res = extract(nlp, text, date(2025, 10, 31))
    revisions = {f.company: f.revision for f in res.capex}
    assert revisions == {"INTC": "lowered", "META": "narrowed", "AMZN": "reaffirmed"}


def test_reported_views_and_qualitative_ad_claim(nlp):
    text = (
        "Skeptics warn that Oracle's debt-funded data-center build-out leaves no margin for "
        "error.\n"
        "Supporters counter that Meta's AI ranking is increasing conversion rates for "
        "advertisers."
    )
    res = extract(nlp, text, date(2025, 10, 1))
    assert [(s.stance, s.target) for s in res.stances] == [("bear", "ORCL"), ("bull", "META")]
    (claim,) = res.ad_claims
    assert (claim.metric, claim.direction, claim.company) == ("conversions", "up", "META")


def test_off_topic_news_takes_no_stance(nlp):
    text = (
        "Oil prices fell on oversupply concerns.\n"
        "Traders cited uncertainty over trade talks.\n"
        "Long-term debt rose at several airlines.\n"
        "Some analysts fear a weaker holiday season.\n"
        "Stocks in Tokyo slipped as risk appetite faded."
    )
    assert extract(nlp, text, date(2025, 11, 5)).stances == []


def test_figures_paired_with_a_list_of_years(nlp):
    text = (
        "Purchases of property and equipment were $28.1 billion and $32.3 billion in 2023 and "
        "2024, respectively, and $9.75 billion of net purchases of marketable securities."
    )
    res = extract(nlp, text, date(2025, 2, 1), "GOOGL", "10-K")
    assert keys(res) == {
        ("GOOGL", 2023, None, 28.1e9, 28.1e9, "actual"),
        ("GOOGL", 2024, None, 32.3e9, 32.3e9, "actual"),
    }


def test_fiscal_quarter_ahead_and_prior_outlook_outlined(nlp):
    text = (
        "We now expect fiscal year 2026 capital expenditures of $120 billion to $125 billion, "
        "up from the $110 billion to $115 billion we outlined in July. We also expect "
        "second-quarter capital expenditures to decrease sequentially, to approximately "
        "$30 billion."
    )
    res = extract(nlp, text, date(2025, 10, 29), "MSFT", "transcript")
    assert keys(res) == {
        ("MSFT", 2026, None, 120e9, 125e9, "guidance"),
        ("MSFT", 2026, 2, 30e9, 30e9, "guidance"),
    }
    year = next(f for f in res.capex if f.fiscal_quarter is None)
    assert year.revision == "raised" and (year.prior_low_usd, year.prior_high_usd) == (110e9, 115e9)


def test_cash_flow_rows_under_section_labels_keep_the_period_header(nlp):
    """A statement's "INVESTING ACTIVITIES:" label splits the table; its rows still take
    the years from the header at the top."""
    text = (
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n"
        "(in millions)\n"
        "Year Ended December 31,\n"
        "2022 | 2023 | 2024\n"
        "Net income | 980 | 1,200 | 1,450\n"
        "Stock-based compensation | 290 | 310 | 355\n"
        "INVESTING ACTIVITIES:\n"
        "Purchases of property and equipment | (1,980) | (2,410) | (3,075)\n"
        "Purchases of marketable securities | (700) | (900) | (1,100)\n"
        "FINANCING ACTIVITIES:\n"
        "Dividends paid | (140) | (150) | (160)\n"
        "Repayments of long-term debt | (70) | (75) | (80)\n"
    )
    res = extract(nlp, text, date(2025, 2, 20), ticker="SNOW", doc_type="10-K")
    assert keys(res) == {
        ("SNOW", 2022, None, 1980e6, 1980e6, "actual"),
        ("SNOW", 2023, None, 2410e6, 2410e6, "actual"),
        ("SNOW", 2024, None, 3075e6, 3075e6, "actual"),
    }


def test_a_prose_paragraph_between_tables_ends_the_header():
    from extractors.tables import table_capex

    text = (
        "(in millions)\n"
        "2022 | 2023 | 2024\n"
        "Net income | 980 | 1,200 | 1,450\n"
        "Revenue | 8,100 | 9,000 | 9,900\n"
        "The company also bought equipment during the year, as described below.\n"
        "Purchases of property and equipment | (1,980) | (2,410) | (3,075)\n"
        "Purchases of marketable securities | (700) | (900) | (1,100)\n"
    )
    assert table_capex(text, date(2025, 2, 20), "SNOW", []) == []


def test_a_newsletter_names_each_company_in_a_bold_heading_over_shorthand(nlp):
    """Newsletters head each company's paragraph with its name and then write shorthand
    with no name in it; "$5B." ends a sentence although the tokenizer keeps its stop."""
    text = (
        "**Alphabet.**\n"
        "FY26 capex outlook nudged to $95–100B from $90–95B. Cloud +31%.\n\n"
        "**Oracle.**\n"
        "FY27 capex guide ~$50B. Lots of debt, though."
    )
    result = extract(nlp, text, date(2026, 10, 31))
    assert {k[:5] for k in keys(result)} == {
        ("GOOGL", 2026, None, 95e9, 100e9),
        ("ORCL", 2027, None, 50e9, 50e9),
    }
    sentences = {f.sentence for f in result.capex}
    assert sentences == {
        "FY26 capex outlook nudged to $95–100B from $90–95B.",
        "FY27 capex guide ~$50B.",
    }


def test_a_fourth_quarter_release_with_labelled_lists_for_the_year_and_the_outlook(nlp):
    """Label lines ending in a colon head a release's lists: the year's highlights are the
    year's, not the fourth quarter's, and a lead-in naming next year dates its bullets."""
    text = (
        "Acme Foods Reports Fourth Quarter and Full Year 2025 Results\n\n"
        "Fourth quarter highlights:\n"
        "- Revenue rose 4% to $3.1 billion.\n\n"
        "Full year highlights:\n"
        "- Operating cash flow was $2.9 billion and capital expenditures were $1.1 billion.\n\n"
        "Outlook\n\n"
        "The company expects the following for fiscal 2026:\n"
        "- Capital expenditures of approximately $1.2 billion to $1.3 billion.\n"
    )
    rows = keys(extract(nlp, text, date(2026, 2, 10), "HRL", "press_release"))
    assert rows == {
        ("HRL", 2025, None, 1.1e9, 1.1e9, "actual"),
        ("HRL", 2026, None, 1.2e9, 1.3e9, "guidance"),
    }


def test_an_outlook_list_goes_on_past_a_bullet_that_opens_with_a_count(nlp):
    """A release's outlook bullets lack full stops; one that opens with a count ("40 to
    45 new stores") is a bullet like the others, not a heading ending the outlook."""
    text = (
        "Cava Foods Reports First Quarter Fiscal 2027 Results\n\n"
        "Fiscal 2027 Outlook\n\n"
        "The company now expects for fiscal 2027:\n"
        "  * Same-store sales growth of 2% to 3%\n"
        "  * 40 to 45 new stores\n"
        "  * Capital spending of $410 to $440 million\n"
    )
    rows = keys(extract(nlp, text, date(2026, 9, 20), "DRI", "press_release"))
    assert rows == {("DRI", 2027, None, 410e6, 440e6, "guidance")}
