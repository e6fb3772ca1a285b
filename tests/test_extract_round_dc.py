"""Session 23 fixes: a year's earlier outlook written after both figures, and SEC names
whose initials prose dots. Texts written for these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from extractors.fiscal_calendar import stated_year_ends
from extractors.periods import find_periods
from tests.extract_helpers import capex_facts, extract

# (``nlp`` is the session's pipeline, from conftest)
_capex = partial(capex_facts, published=date(2026, 10, 30))


def test_an_outlook_cut_for_the_year_under_way_keeps_its_prior(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc trimmed its capital spending forecast to about $26 million "
        "from $30 million for 2026, saying it would open fewer clinics.",
        ticker="BWCL",
    )
    assert [(f["low_usd"], f["kind"], f["revision"], f["prior_low_usd"]) for f in facts] == [
        (26e6, "guidance", "lowered", 30e6)
    ]


def test_a_figure_for_a_past_year_after_the_outlook_is_still_spent_then(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc raised its capital spending forecast to $50 million from "
        "$40 million in 2025.",
        ticker="BWCL",
    )
    assert sorted((f["fiscal_year"], f["low_usd"], f["kind"]) for f in facts) == [
        (2025, 40e6, "actual"),
        (2026, 50e6, "guidance"),
    ]


def test_next_years_outlook_up_from_this_years_keeps_both_years(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc expects capital expenditures of about $35 million in 2027, "
        "up from roughly $30 million this year.",
        ticker="BWCL",
    )
    assert sorted((f["fiscal_year"], f["low_usd"]) for f in facts) == [
        (2026, 30e6),
        (2027, 35e6),
    ]


def test_sec_initials_written_with_dots_name_the_company(nlp):
    facts = _capex(
        nlp,
        "U.S. Physical Therapy Inc cut its 2026 capital spending forecast to about $26 "
        "million from $30 million.",
    )
    assert [f["company"] for f in facts] == ["USPH"]


def test_a_half_written_before_its_fiscal_year_is_that_years_half():
    found = find_periods("1H FY3/27 capex was ¥71.5bn", date(2026, 11, 16))
    assert [(p.year, p.quarter) for p in found] == [(2027, None)]


NOTE = (
    "Capex comps (US$m)\n\n"
    "| Company | FY3/26 A | 1H FY3/27 A | FY3/27 plan (prior) | FY3/27 plan (new) |\n"
    "|---|---|---|---|---|\n"
    "| Kessler Motors (KSLM) | 987 | 477 | 1,133 | 1,033 |\n"
)


def test_a_march_years_plan_columns_give_the_new_plan_its_prior(nlp):
    facts = _capex(nlp, NOTE, doc_type="other")
    found = {(f["fiscal_year"], f["low_usd"], f["kind"], f["prior_low_usd"]) for f in facts}
    assert found == {
        (2026, 987e6, "actual", None),
        (2027, 477e6, "actual", None),
        (2027, 1033e6, "guidance", 1133e6),
    }


def _ads(nlp, text: str) -> list[tuple]:
    claims = extract(nlp, text, date(2026, 11, 5), "LNDR").to_format()["ad_claims"]
    return [(a["metric"], a["direction"], a["change_pct"], a["value"]) for a in claims]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Avg cost per click lenders paid +7% y/y, per the call.", ("ad_price", "up", 7.0, None)),
        (
            "Cost per new patient start on brand campaigns -9% y/y.",
            ("conversions", "down", -9.0, None),
        ),
        (
            "Sponsored listings revenue was $64M in Q3, +31% y/y.",
            ("ad_revenue", "up", 31.0, 64e6),
        ),
        (
            "Brands earned ~$12 in incremental sales for every $1 of media in Q3, up from ~$10.",
            ("roas", "up", None, 12.0),
        ),
    ],
)
def test_shorthand_ad_claims_read_their_sign_and_level(nlp, text, claim):
    assert _ads(nlp, text) == [claim]


def _keys(facts: list[dict]) -> set[tuple]:
    return {
        (f["fiscal_year"], f["fiscal_quarter"], f["low_usd"], f["high_usd"], f["kind"])
        for f in facts
    }


def test_a_guide_moved_up_to_a_range_is_a_raise_not_a_ceiling(nlp):
    facts = _capex(nlp, "FY27 capex guide up to $15-17M from $12-14M.", ticker="LNDR")
    assert [(f["low_usd"], f["high_usd"], f["revision"], f["prior_low_usd"]) for f in facts] == [
        (15e6, 17e6, "raised", 12e6)
    ]


def test_a_companys_own_year_end_said_without_fiscal_dates_its_quarters(nlp):
    text = (
        "housekeeping: Corvane's year ends Jan 31, so FQ3 is the Aug-Oct qtr.\n\n"
        "$CRVP FQ3 capex $4.1M vs $2.6M a yr ago."
    )
    assert _keys(_capex(nlp, text, ticker="CRVP", published=date(2026, 12, 5))) == {
        (2027, 3, 4.1e6, 4.1e6, "actual"),
        (2026, 3, 2.6e6, 2.6e6, "actual"),
    }


def test_the_quarter_a_nine_months_figure_implies_keeps_the_quarters_before_it(nlp):
    text = (
        "Corvane Payments Inc now expects capital expenditures of $55 million to $60 million "
        "in 2026. "
        "It spent $16.2 million in the third quarter, compared with $11.0 million a year "
        "earlier, and $41.5 million in the first nine months, which implies fourth-quarter "
        "spending of $13.5 million to $18.5 million."
    )
    assert _keys(_capex(nlp, text, ticker="CRVP", published=date(2026, 11, 10))) == {
        (2026, None, 55e6, 60e6, "guidance"),
        (2026, 3, 16.2e6, 16.2e6, "actual"),
        (2025, 3, 11e6, 11e6, "actual"),
        (2026, None, 41.5e6, 41.5e6, "actual"),
        (2026, 4, 13.5e6, 18.5e6, "guidance"),
    }


LOCAL_RELEASE = """Northgate Utilities Inc. reports third quarter 2026 results

Amounts are in Canadian dollars unless otherwise noted. U.S. dollar amounts are translated at
C$1.38 per US$1.00 for the convenience of the reader.

Capital expenditures of $512 million (US$371 million) in the third quarter were mainly for
utility rate base.

2026 and 2027 Capital Expenditure Outlook

                                                      2026         2026 Previous        2027
                                                      Current      (July 30, 2026)      Preliminary
Capital expenditures ($ millions)                     1,900-2,000  1,800                2,000-2,200
Capital expenditures (US$ millions, at C$1.38)        1,377-1,449  1,304                1,449-1,594
"""


def test_a_local_currency_outlook_table_reads_its_us_dollar_row_under_a_two_line_head(nlp):
    facts = _capex(nlp, LOCAL_RELEASE, ticker="NGTU", doc_type="press_release")
    table = {
        (f["fiscal_year"], f["low_usd"], f["high_usd"], f["revision"], f["prior_low_usd"])
        for f in facts
        if f["fiscal_quarter"] is None
    }
    assert table == {
        (2026, 1377e6, 1449e6, "raised", 1304e6),
        (2027, 1449e6, 1594e6, None, None),
    }


def test_an_outlook_raised_from_the_figure_planned_earlier_keeps_that_prior(nlp):
    facts = _capex(
        nlp,
        "Keystone Bancorp said it now expects to spend about $520 million on premises and "
        "equipment this year, up from the roughly $450 million it planned in January.",
        ticker="KSTB",
    )
    assert [(f["low_usd"], f["revision"], f["prior_low_usd"]) for f in facts] == [
        (520e6, "raised", 450e6)
    ]


def test_prose_figures_written_out_to_the_dollar_are_whole_amounts(nlp):
    facts = _capex(
        nlp,
        "Capital expenditures for the third quarter of fiscal 2026 were $1,486,000, compared "
        "with $702,000 for the third quarter of fiscal 2025. The stock traded at $5,640 a lot.",
        ticker="KSTB",
        doc_type="10-Q",
    )
    assert sorted((f["fiscal_year"], f["fiscal_quarter"], f["low_usd"]) for f in facts) == [
        (2025, 3, 702e3),
        (2026, 3, 1486e3),
    ]


def test_a_ticker_given_in_words_names_the_company_of_its_aside(nlp):
    text = (
        "Nov 6 (Wire) - Norrvik AB raised its spending forecast, while Harrowgate Plc kept "
        "its own.\n\n"
        "The Stockholm-based builder, whose shares trade over the counter in the United States "
        "as NRVKY, now expects capital expenditure of about 2.6 billion crowns ($274 million) "
        "this year.\n\n"
        "London-based Harrowgate, whose American depositary shares trade as HRWGY, kept its "
        "forecast for capital expenditure of about 95 million pounds ($126 million)."
    )
    facts = _capex(nlp, text, ticker="NRVKY")
    assert sorted((f["company"], f["low_usd"]) for f in facts) == [
        ("HRWGY", 126e6),
        ("NRVKY", 274e6),
    ]


def test_the_same_quarter_last_year_is_a_year_before_the_quarter_named_first():
    found = find_periods("FQ4 capex $212M vs $148M in FQ4 last yr", date(2026, 11, 12), 9)
    assert [(p.year, p.quarter) for p in found] == [(2026, 4), (2025, 4)]


def test_their_fy_ends_says_the_fiscal_calendar():
    text = "reminder: their FY ends Sept 30, so FQ4 is the Jul-Sep qtr."
    assert stated_year_ends(text, [], "CRVP", {}, "", date(2026, 11, 12)) == {"CRVP": 9}


QUARTER_TABLE = (
    "Here is the whole picture on Corvane's own calendar.\n\n"
    "CRVP CAPEX ($B, fiscal years ending June 30; A = reported, E = mine)\n\n"
    "| Fiscal year | Sep qtr | Dec qtr | Mar qtr | Jun qtr | Full year |\n"
    "|---|---|---|---|---|---|\n"
    "| FY26 (Jul-25 to Jun-26) | 3.4A | 3.7A | 2.8A | 2.9A | 12.8A |\n"
    "| FY27 (Jul-26 to Jun-27) | 3.9A | 4.1E | -- | -- | 16E |\n"
)


def test_a_table_of_one_companys_fiscal_years_by_quarter(nlp):
    text = "Corvane's fiscal year ends June 30.\n\n" + QUARTER_TABLE
    facts = _capex(nlp, text, ticker="CRVP", doc_type="other", published=date(2026, 11, 20))
    table = {(f["fiscal_year"], f["fiscal_quarter"], f["low_usd"], f["kind"]) for f in facts}
    assert {
        (2026, 1, 3.4e9, "actual"),
        (2026, 4, 2.9e9, "actual"),
        (2026, None, 12.8e9, "actual"),
        (2027, 1, 3.9e9, "actual"),
        (2027, 2, 4.1e9, "estimate"),
    } <= table


def test_a_year_ago_figure_under_a_quarters_heading_is_that_quarter_a_year_before(nlp):
    text = "quick take on the print\n\nCRVP Q3:\n- capex $45.3M vs $24.0M a yr ago\n- guide held"
    facts = _capex(nlp, text, ticker="CRVP", doc_type="other", published=date(2026, 10, 30))
    assert {(f["fiscal_year"], f["fiscal_quarter"], f["low_usd"]) for f in facts} == {
        (2026, 3, 45.3e6),
        (2025, 3, 24e6),
    }


def test_a_ticker_and_quarter_label_heads_the_bullets_under_it(nlp):
    text = (
        "tpu_tina (OP):\nGOOGL Q3:\n- capex $45.3B vs $24.0B a yr ago\n"
        "AMZN Q3:\n- cash capex $53.8B vs $35.1B a yr ago"
    )
    facts = _capex(nlp, text, ticker="GOOGL", published=date(2026, 10, 31))
    assert {(f["company"], f["fiscal_year"], f["low_usd"]) for f in facts} == {
        ("GOOGL", 2026, 45.3e9),
        ("GOOGL", 2025, 24e9),
        ("AMZN", 2026, 53.8e9),
        ("AMZN", 2025, 35.1e9),
    }


def test_the_analysts_spending_estimate_a_paragraph_away_from_the_capex_word(nlp):
    text = (
        "Corvane Payments Inc raised its capital spending forecast to about $60 million this "
        "year.\n\nShares rose 3% on Thursday.\n\n"
        "Analysts on average expect Corvane to spend about $66 million next year, according to "
        "LSEG data."
    )
    facts = _capex(nlp, text, ticker="CRVP")
    assert {(f["fiscal_year"], f["low_usd"], f["kind"]) for f in facts} == {
        (2026, 60e6, "guidance"),
        (2027, 66e6, "estimate"),
    }


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Global advertising grew 31% in the quarter.", ("ad_revenue", "up", 31.0, None)),
        ("ads +52%", ("ad_revenue", "up", 52.0, None)),
        (
            "global advertising was $5.2 billion in fiscal 2026, up from $4.4 billion.",
            ("ad_revenue", "up", None, 5.2e9),
        ),
    ],
)
def test_advertising_alone_moving_or_stated_is_ad_revenue(nlp, text, claim):
    assert _ads(nlp, text) == [claim]


def test_advertising_as_a_cost_is_no_ad_revenue(nlp):
    assert _ads(nlp, "We cut advertising spend and advertising fell as a share of sales.") == []
