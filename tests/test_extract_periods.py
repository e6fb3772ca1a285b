"""Reporting periods: dates that end a quarter, release framing, results headings.

The texts are written for these tests in the shape of earnings releases and 10-Qs.
"""

from datetime import date

import pytest
from extract_helpers import extract as extract_one

import extractors
from extractors.periods import find_periods, fiscal_quarter
from extractors.sections import document_period, is_heading, sections
from finclaims.models import Company

RELEASE = """Exhibit 99.1

Brightlane Reports Third Quarter 2027 Results

Subscriptions up 14%; company raises 2027 capital expenditure outlook

DENVER – November 3, 2027 – Brightlane Networks, Inc. (NYSE: BRLN) today reported financial \
results for the third quarter ended September 30, 2027.

Third Quarter Financial Highlights

• | Revenue was $5.20 billion, an increase of 14% year-over-year.

Third Quarter 2027 Other Results

Capital expenditures – Capital expenditures were $1.7 billion.

Share repurchases – We repurchased $0.6 billion of our common stock in the third quarter of 2027.

Outlook

We now expect 2027 capital expenditures to be in the range of $6.4-6.8 billion.

Forward-Looking Statements

This release contains forward-looking statements. Actual results could be worse than we \
expect, and the risks we describe may hurt our growth and leave us with idle capacity.
"""


@pytest.fixture(scope="module")
def nlp():
    return extractors.load(companies=[Company(ticker="BRLN", name="BRIGHTLANE NETWORKS, INC.")])


def extract(nlp, text, published, ticker=None, title=None, doc_type="press_release"):
    """A press release unless told otherwise (this file's documents are releases)."""
    return extract_one(nlp, text, published, ticker, doc_type, title)


def test_actual_without_period_takes_the_results_heading_above(nlp):
    res = extract(nlp, RELEASE, date(2027, 11, 3), ticker="BRLN")
    actual = [f for f in res.capex if f.kind == "actual"]
    assert [(f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd) for f in actual] == [
        ("BRLN", 2027, 3, 1.7e9)
    ]
    (guide,) = [f for f in res.capex if f.kind == "guidance"]
    assert (guide.fiscal_year, guide.fiscal_quarter) == (2027, None)


def test_actual_takes_the_release_framing_when_headings_name_no_period(nlp):
    text = (
        "Ostrava Data Reports Results\n"
        "Ostrava Data, Inc. today reported financial results for the quarter ended "
        "June 30, 2027.\n"
        "Other Items\n"
        "Capital expenditures were $420 million.\n"
    )
    (f,) = extract(nlp, text, date(2027, 8, 2)).capex
    assert (f.kind, f.fiscal_year, f.fiscal_quarter, f.low_usd) == ("actual", 2027, 2, 420e6)


def test_title_frames_the_period(nlp):
    text = "Capital expenditures were $2.3 billion, driven by new server halls."
    (f,) = extract(
        nlp,
        text,
        date(2028, 2, 10),
        ticker="BRLN",
        title="Brightlane Reports Fourth Quarter and Full Year 2027 Results",
    ).capex
    assert (f.fiscal_year, f.fiscal_quarter) == (2027, 4)


def test_news_without_framing_keeps_an_unknown_period(nlp):
    text = "Brightlane said its capital expenditures were $1.1 billion, above forecasts."
    (f,) = extract(nlp, text, date(2027, 5, 1), doc_type="news").capex
    assert (f.fiscal_year, f.fiscal_quarter) == (None, None)


def test_quarterly_report_three_months_ended(nlp):
    text = (
        "FORM 10-Q\n"
        "For the quarterly period ended June 30, 2027\n"
        "Liquidity and Capital Resources\n"
        "Capital expenditures were $2.2 billion for the three months ended June 30, 2027, "
        "mostly for network equipment.\n"
    )
    (f,) = extract(nlp, text, date(2027, 7, 30), ticker="BRLN", doc_type="10-Q").capex
    assert (f.kind, f.fiscal_year, f.fiscal_quarter, f.low_usd) == ("actual", 2027, 2, 2.2e9)


def test_quarter_ended_follows_the_fiscal_year_end():
    # A June year-end company's quarter ending in September is Q1 of the next fiscal year.
    (p,) = find_periods("in the three months ended September 30, 2027", None, fye_month=6)
    assert (p.year, p.quarter) == (2028, 1)
    (p,) = find_periods("for the quarter ended September 30, 2027", None)
    assert (p.year, p.quarter) == (2027, 3)
    # A 52-week year can end a few days into the next month.
    (p,) = find_periods("for the thirteen weeks ended February 2, 2027", None, fye_month=1)
    assert (p.year, p.quarter) == (2027, 4)
    assert [fiscal_quarter(m, 9) for m in (12, 3, 6, 9)] == [1, 2, 3, 4]


def test_known_non_calendar_filer_gets_its_fiscal_quarter(nlp):
    text = "Capital expenditures were $19.4 billion for the three months ended March 31, 2027."
    (f,) = extract(nlp, text, date(2027, 4, 29), ticker="MSFT", doc_type="10-Q").capex
    assert (f.company, f.fiscal_year, f.fiscal_quarter) == ("MSFT", 2027, 3)


def test_three_months_ended_without_year_uses_the_latest_such_date():
    (p,) = find_periods("revenue in the three months ended March 31 rose", date(2027, 4, 20))
    assert (p.year, p.quarter) == (2027, 1)
    (p,) = find_periods("revenue in the three months ended December 31 rose", date(2027, 2, 1))
    assert (p.year, p.quarter) == (2026, 4)


def test_year_to_date_span_is_its_fiscal_year_without_a_quarter():
    """As in statement tables: a six- or nine-month figure belongs to its fiscal year but
    is no single quarter."""
    (p,) = find_periods("for the nine months ended September 30, 2027", None)
    assert (p.year, p.quarter) == (2027, None)
    (p,) = find_periods("for the six months ended July 27, 2025", None, fye_month=1)
    assert (p.year, p.quarter) == (2026, None)


def test_plural_span_gives_a_period_per_year():
    text = "for the years ended December 31, 2025 and 2024"
    assert [(p.year, p.quarter) for p in find_periods(text, None)] == [(2025, None), (2024, None)]
    text = "for the three months ended March 31, 2026 and 2025"
    assert [(p.year, p.quarter) for p in find_periods(text, None)] == [(2026, 1), (2025, 1)]


def test_sentence_opening_quarter_resolves_against_publication(nlp):
    (f,) = extract(
        nlp, "Fourth-quarter capital expenditures were $3.3 billion.", date(2028, 1, 30)
    ).capex
    assert (f.fiscal_year, f.fiscal_quarter) == (2027, 4)


def test_comparison_base_is_not_a_period():
    assert find_periods("conversions rose 9% from a year earlier", date(2027, 6, 1)) == []
    (p,) = find_periods("capex was $3 billion last year", date(2027, 6, 1))
    assert p.year == 2026


def test_section_marks():
    lines = [line for line in RELEASE.splitlines() if line.strip()]
    marks = sections(lines, None, date(2027, 11, 3))
    by_line = dict(zip(lines, marks, strict=True))
    assert document_period(None, lines, date(2027, 11, 3)) == (2027, 3)
    assert by_line["Capital expenditures – Capital expenditures were $1.7 billion."].quarter == 3
    legal = [line for line, m in by_line.items() if m.boilerplate]
    assert legal[0] == "Forward-Looking Statements" and len(legal) == 2
    assert not by_line["Outlook"].boilerplate


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Second Quarter 2027 Other Results", True),
        ("The Power Problem: Why Grid Access Now Decides Who Wins", True),
        ("The bear case", True),
        ("Investors are spooked by the size of the capex bill", False),
        ("Capital expenditures were $1.7 billion.", False),
        ("2027 | 2026", False),
    ],
)
def test_headings_are_short_title_lines_or_labels(text, heading):
    assert is_heading(text) is heading


@pytest.mark.parametrize(
    ("text", "published", "fye", "year", "quarter"),
    [
        ("Capex in the quarter ended in November was $12 billion.", date(2025, 12, 10), 5, 2026, 2),
        (
            "capex for the quarter ended in September came to $24.0 billion",
            date(2025, 11, 5),
            12,
            2025,
            3,
        ),
    ],
)
def test_a_quarter_ended_in_a_month_without_a_day_resolves(text, published, fye, year, quarter):
    """Calls say "the quarter ended in November"; the month alone fixes the fiscal quarter."""
    (period,) = find_periods(text, published, fye)
    assert (period.year, period.quarter) == (year, quarter)


def test_ended_followed_by_a_bare_month_name_is_not_a_period():
    assert find_periods("the program ended May well return", date(2025, 6, 1)) == []
