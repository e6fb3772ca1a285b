"""Round E: capex read where the sentence alone does not say it is capex (a heading or the
sentence before names the topic), statement tables headed by period-end dates, and hedged
stances argued without the stock cue words. Every text here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import extract, keys

# --- statement tables headed by period-end dates ------------------------------------------


def _statement(span: str, header: str, row: str) -> str:
    return (
        "Condensed Consolidated Statements of Cash Flows\n\n"
        "(In millions)\n\n"
        "(Unaudited)\n\n"
        f"{span}\n"
        f"{header}\n"
        "Cash flows from operating activities:\n"
        "Net income | $12,410 | $9,870\n"
        "Depreciation and amortization | 1,120 | 940\n"
        "Cash flows from investing activities:\n"
        "Purchases of marketable securities | (4,200) | (3,100)\n"
        f"{row}\n"
        "Net cash used in investing activities | (6,900) | (4,800)\n"
    )


def test_year_to_date_columns_take_the_fiscal_year_and_no_quarter(nlp):
    """Six months to late July is the first half of a fiscal year that ends in January:
    it names that fiscal year, and no single quarter."""
    text = _statement(
        "Six Months Ended",
        "Jul 26, 2026 | Jul 27, 2025",
        "Purchases related to property and equipment and intangible assets | (2,640) | (1,515)",
    )
    res = extract(nlp, text, date(2026, 8, 26), ticker="NVDA", doc_type="10-Q")
    assert keys(res) == {
        ("NVDA", 2027, None, 2640e6, 2640e6, "actual"),
        ("NVDA", 2026, None, 1515e6, 1515e6, "actual"),
    }


def test_three_month_columns_are_fiscal_quarters(nlp):
    text = _statement(
        "Three Months Ended",
        "March 28,2026 | March 29,2025",
        "Payments for acquisition of property, plant and equipment | (3,310) | (2,920)",
    )
    res = extract(nlp, text, date(2026, 5, 1), ticker="AAPL", doc_type="10-Q")
    # Apple's fiscal year ends in September: a quarter ending in March is its second
    assert keys(res) == {
        ("AAPL", 2026, 2, 3310e6, 3310e6, "actual"),
        ("AAPL", 2025, 2, 2920e6, 2920e6, "actual"),
    }


def test_date_columns_without_a_span_line_name_no_period(nlp):
    """A balance sheet is dated, not a span of spending: no span line, no facts."""
    text = (
        "Condensed Consolidated Balance Sheets\n(In millions)\n\n"
        "Jun 30, 2026 | Dec 31, 2025\n"
        "Property and equipment, net | 41,200 | 38,900\n"
        "Purchases of property and equipment | (2,100) | (1,900)\n"
    )
    assert extract(nlp, text, date(2026, 8, 1), ticker="CRM", doc_type="10-Q").capex == []


def test_look_alike_rows_under_date_columns_are_skipped(nlp):
    text = _statement(
        "Nine Months Ended",
        "Sep 30, 2026 | Sep 30, 2025",
        "Principal payments on property and equipment | (310) | (280)",
    )
    res = extract(nlp, text, date(2026, 10, 30), ticker="ORCL", doc_type="10-Q")
    assert res.capex == []


def test_one_bar_in_prose_is_not_a_table_row():
    from extractors.tables import _cells

    assert _cells("Capex | the quiet story of the year") is None
    assert _cells("Jul 26, 2026 | Jul 27, 2025") == ["Jul 26, 2026", "Jul 27, 2025"]
    assert _cells("(2,640) | 1,515") == ["(2,640)", "1,515"]


# --- the capex topic carried from a heading or the sentence before ------------------------


def test_outlook_under_a_capital_expenditures_heading(nlp):
    text = (
        "Northwind Reports Second-Quarter 2026 Results\n\n"
        "Full-Year 2026 Outlook\n"
        "Revenues: $5.1 billion to $5.3 billion\n\n"
        "Capital Expenditures\n"
        "For the full year 2026, the Company now expects $1.9 billion to $2.1 billion, "
        "up from $1.7 billion to $1.9 billion previously.\n\n"
        "Dividend\n"
        "The Board expects to pay $0.45 per share, or about $60 million, in the third quarter.\n"
    )
    res = extract(nlp, text, date(2026, 7, 30), ticker="EQIX", doc_type="press_release")
    (f,) = res.capex
    assert (f.fiscal_year, f.low_usd, f.high_usd, f.kind) == (2026, 1.9e9, 2.1e9, "guidance")
    assert (f.prior_low_usd, f.prior_high_usd, f.revision) == (1.7e9, 1.9e9, "raised")


def test_heading_topic_stops_at_look_alikes_and_needs_a_level(nlp):
    text = (
        "Investing Activities\n"
        "Proceeds from the sale of the Dublin campus were $300 million.\n"
        "A $2 billion share repurchase was announced in May.\n"
    )
    res = extract(nlp, text, date(2026, 7, 30), ticker="EQIX", doc_type="press_release")
    assert res.capex == []


def test_the_next_sentence_continues_the_capex_topic(nlp):
    text = (
        "We expect capital expenditures to rise again next year. "
        "We now see roughly $30 billion, most of it for servers."
    )
    (f,) = extract(nlp, text, date(2025, 10, 30), ticker="AMZN", doc_type="transcript").capex
    assert (f.fiscal_year, f.low_usd, f.kind, f.approximate) == (2026, 30e9, "guidance", True)
    assert f.sentence.startswith("We now see")


def test_the_next_sentence_gives_the_prior_outlook(nlp):
    text = (
        "For capex, we now expect about $42 billion for the full year 2026. "
        "That's up from $35 billion, and nearly all of the increase goes into data centers."
    )
    (f,) = extract(nlp, text, date(2026, 4, 30), ticker="META", doc_type="transcript").capex
    assert (f.low_usd, f.prior_low_usd, f.prior_high_usd, f.revision) == (
        42e9,
        35e9,
        35e9,
        "raised",
    )


@pytest.mark.parametrize(
    "second",
    [
        "Revenue should reach $50 billion.",
        "We also expect operating expenses of $22 billion.",
        "The board approved a $10 billion buyback.",
        "That leaves $8 billion for dividends.",
    ],
)
def test_a_look_alike_in_the_next_sentence_is_not_capex(nlp, second):
    text = f"We expect capital expenditures to rise again next year. {second}"
    assert extract(nlp, text, date(2025, 10, 30), ticker="AMZN").capex == []


def test_a_sentence_two_away_from_capex_carries_nothing(nlp):
    text = (
        "We expect capital expenditures to rise again next year. "
        "Hiring will slow. We now see roughly $30 billion."
    )
    assert extract(nlp, text, date(2025, 10, 30), ticker="AMZN").capex == []


def test_for_the_full_fiscal_year_is_the_companys_year(nlp):
    text = "For the full fiscal year, we now expect capex of about $50 billion."
    (f,) = extract(nlp, text, date(2025, 12, 10), ticker="ORCL", doc_type="transcript").capex
    assert f.fiscal_year == 2026  # Oracle's fiscal 2026 runs June 2025 to May 2026


# --- hedged and implicit stances ------------------------------------------------------------


def stances(nlp, text):
    res = extract(nlp, text, date(2026, 3, 1), ticker="GOOGL", doc_type="news")
    return [s.stance for s in res.stances]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is far from clear that Alphabet will recover the cost of its TPU build-out.",
        "The burden of proof now sits with management to show the AI spending pays.",
        "We would be much more comfortable if the capex plan came with a payback target.",
        "Whether the new data centers fill up at good prices remains to be seen.",
        "The cloud unit has yet to show that its AI investments earn their keep.",
        "We struggle to see how this level of infrastructure spending earns its cost of capital.",
    ],
)
def test_hedged_doubt_about_the_bet_is_bear(nlp, sentence):
    assert stances(nlp, sentence) == ["bear"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Management has been right about capacity bets like this one before.",
        "Alphabet is funding its AI build-out from a position of strength.",
        "The core business pays for the build-out several times over.",
        "We think it is the right strategy to build compute ahead of demand.",
        "The new data centers should earn attractive returns once they are full.",
    ],
)
def test_implicit_confidence_in_the_bet_is_bull(nlp, sentence):
    assert stances(nlp, sentence) == ["bull"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the same hedges about something that is not the AI or capex bet state no view
        "It is not obvious that the new cafeteria menu will please the staff.",
        "Whether the merger closes this summer remains to be seen.",
        # the hedge negated or turned around reads the other way, or not at all
        "It is clear that the chip supply will improve.",
    ],
)
def test_hedges_need_the_topic_and_the_hedge(nlp, sentence):
    assert stances(nlp, sentence) == []
