"""Capex figures in forms the earlier rounds had not met: a speaker's topic turn ("On
capital, ..."), spending on plants, networks and fabs, utilities' "deploy $X of capital",
and tables whose unit sits in a row label or whose new outlook column is named only by
"guide". Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import B, capex_rows, extract

PUBLISHED = date(2026, 7, 30)


def facts(nlp, text: str, ticker: str = "INTC") -> list[tuple]:
    """(company, year, low, high, kind) of each fact, amounts in billions."""
    result = extract(nlp, text, PUBLISHED, ticker)
    return capex_rows(result, "company", "fiscal_year", "low_usd", "high_usd", "kind")


@pytest.mark.parametrize(
    ("text", "ticker", "expected"),
    [
        (
            "On capital, we're now planning for something in the range of $18 billion to "
            "$20 billion for 2026.",
            "INTC",
            ("INTC", 2026, 18, 20, "guidance"),
        ),
        (
            "Turning to capital. For 2026, we're penciling in about $18 billion.",
            "INTC",
            ("INTC", 2026, 18, 18, "guidance"),
        ),
        (
            "The chipmaker plans to spend about $18 billion on new plants and equipment this year.",
            "INTC",
            ("INTC", 2026, 18, 18, "guidance"),
        ),
        (
            "Verizon will invest roughly $3 billion in its fiber network in 2027.",
            "VZ",
            ("VZ", 2027, 3, 3, "guidance"),
        ),
        (
            "NextEra plans to deploy roughly $25 billion of capital in 2026, mostly on "
            "renewables and grid upgrades.",
            "NEE",
            ("NEE", 2026, 25, 25, "guidance"),
        ),
    ],
)
def test_capex_in_a_speakers_or_a_sectors_words(nlp, text, ticker, expected):
    assert facts(nlp, text, ticker) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Intel agreed to invest $2 billion in the equipment maker.",
        "On capital returns, we bought back $2 billion of stock in the quarter.",
    ],
)
def test_look_alikes_of_the_new_forms_are_not_capex(nlp, text):
    assert facts(nlp, text) == []


@pytest.mark.parametrize(
    "table",
    [
        "| | 2025A | 2026E |\n|---|---|---|\n| Capex ($bn) | 17.1 | 18.0 |",
        "| | 2025A | 2026E |\n|---|---|---|\n| Capex ($B) | 17.1 | 18.0 |",
        "| | FY25A | FY26E |\n|---|---|---|\n| Capex, $bn | 17.1 | 18.0 |",
    ],
)
def test_a_unit_in_the_row_label_scales_the_row(nlp, table):
    assert facts(nlp, table) == [
        ("INTC", 2025, 17.1, 17.1, "actual"),
        ("INTC", 2026, 18.0, 18.0, "estimate"),
    ]


def test_a_guide_column_beside_a_prior_column_is_the_new_outlook(nlp):
    table = (
        "| Company | 2026 capex guide | Prior |\n|---|---|---|\n"
        "| Intel | $18-20B | $16-18B |\n| Micron | ~$14B | ~$12B |"
    )
    result = extract(nlp, table, PUBLISHED, None)
    got = [
        (f.company, f.fiscal_year, f.low_usd, f.high_usd, f.revision, f.prior_low_usd)
        for f in result.capex
    ]
    assert got == [
        ("INTC", 2026, 18 * B, 20 * B, "raised", 16 * B),
        ("MU", 2026, 14 * B, 14 * B, "raised", 12 * B),
    ]


def test_an_estimate_mark_after_a_fiscal_year_keeps_the_year(nlp):
    table = "| | FY25 | FY26E | FY27E |\n|---|---|---|---|\n| Capex, $bn | 17.1 | 18.0 | 20.5 |"
    assert [f[1] for f in facts(nlp, table)] == [2025, 2026, 2027]


@pytest.mark.parametrize(
    "text",
    [
        "Capital expenditures were funded with $12 billion of cash from operations.",
        "Free cash flow, which is operating cash flow less capital expenditures, was $4.1 billion.",
        "Net cash used in investing activities, primarily capital expenditures, was $11.2 billion.",
        "The company ended the quarter with $25 billion in cash, giving it ample room to fund "
        "its capital program.",
        "Intel received $7.9 billion in CHIPS Act grants to support its capital spending.",
        "We expect interest expense of $1.2 billion, including capitalized interest on our "
        "capital projects.",
    ],
)
def test_money_around_capex_that_is_not_capex(nlp, text):
    """What pays for capex, what is left after it, and a look-alike subject whose aside
    names capex."""
    assert facts(nlp, text) == []


def test_money_returned_to_shareholders_beside_capex_is_not_capex(nlp):
    text = (
        "We returned $6 billion to shareholders while funding $10 billion of capital expenditures."
    )
    assert [f[2] for f in facts(nlp, text)] == [10]


def test_a_run_of_companies_plans_after_one_capex_sentence(nlp):
    """The topic passes on through sentences that each give a fact; one company's
    revision verb stays with its own figure."""
    text = (
        "Alphabet raised its 2026 capital expenditure forecast to $185 billion. Microsoft "
        "said spending in its fiscal second quarter would exceed $40 billion. Amazon, "
        "meanwhile, expects to spend about $150 billion this year, and Meta narrowed its "
        "range to $118 billion to $122 billion from $115 billion to $125 billion."
    )
    result = extract(nlp, text, date(2026, 10, 30), None)
    got = {(f.company, f.fiscal_year, f.low_usd, f.revision) for f in result.capex}
    assert got == {
        ("GOOGL", 2026, 185 * B, "raised"),
        ("MSFT", 2027, 40 * B, None),
        ("AMZN", 2026, 150 * B, None),
        ("META", 2026, 118 * B, "narrowed"),
    }


def test_the_chain_stops_at_a_sentence_that_gives_no_fact(nlp):
    text = (
        "Intel cut its 2026 capex target to $17 billion. It was a tough quarter for the "
        "company. Shares fell 4%. Investors put $3 billion into chip funds."
    )
    assert [f[2] for f in facts(nlp, text)] == [17]
