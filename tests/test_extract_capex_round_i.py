"""Round I: forms that new build documents showed the extractor missing, each written anew
for the test (the documents' own wording is not copied): results stated as bare noun
phrases under a results heading, earlier outlooks stated after the figure or in the next
sentence, and money around capex that is not capex.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import B, capex_rows, extract, keys


def facts(nlp, text: str, published: date, ticker: str, doc_type: str = "news") -> list[tuple]:
    """(year, quarter, low, high, kind, revision, prior low) of each fact, in billions."""
    result = extract(nlp, text, published, ticker, doc_type=doc_type)
    fields = ("fiscal_year", "fiscal_quarter", "low_usd", "high_usd", "kind", "revision")
    return capex_rows(result, *fields, "prior_low_usd")


RELEASE = """Qorvo Reports Results for the Second Quarter of Fiscal 2027

GREENSBORO, N.C. -- Qorvo today announced results for its second quarter of fiscal 2027.

Second Quarter Highlights
- Revenue of $1.1 billion
- Capital expenditures of $0.2 billion

Fiscal 2027 Outlook
- Capital expenditures of approximately $0.8 billion
"""


def test_bare_figures_under_a_results_heading_are_what_was_spent(nlp):
    """Under "Second Quarter Highlights" the bare figure is the quarter's actual; under
    the outlook heading the same form is guidance."""
    got = facts(nlp, RELEASE, date(2026, 10, 29), "QRVO", "press_release")
    assert got == [
        (2027, 2, 0.2, 0.2, "actual", None, None),
        (2027, None, 0.8, 0.8, "guidance", None, None),
    ]


def test_a_bare_figure_in_the_quarter_is_an_actual(nlp):
    text = "- Capital spending of $1.4 billion in the quarter, versus $1.1 billion a year ago"
    got = facts(nlp, text, date(2026, 7, 28), "F", "press_release")
    assert got[0] == (2026, 2, 1.4, 1.4, "actual", None, None)


def test_an_outlook_given_earlier_after_the_figure_is_no_fact_of_its_own(nlp):
    text = (
        "Capital expenditures were $6.1 billion for fiscal 2026, above the roughly $5.5 "
        "billion previously guided."
    )
    got = facts(nlp, text, date(2026, 9, 30), "MU", "press_release")
    assert got == [(2026, None, 6.1, 6.1, "actual", None, None)]


@pytest.mark.parametrize(
    "second",
    [
        "That is higher than the $20 billion to $22 billion we shared in June.",
        "That is higher than the $20 billion to $22 billion preliminary view we shared at our "
        "June investor event.",
    ],
)
def test_an_earlier_outlook_in_the_next_sentence_compared_by_higher_than(nlp, second):
    text = "We expect capital expenditures of about $24 billion for fiscal 2027. " + second
    got = facts(nlp, text, date(2026, 9, 24), "MU", "press_release")
    assert got == [(2027, None, 24, 24, "guidance", "raised", 20)]


@pytest.mark.parametrize(
    "text",
    [
        "Adjusted operating cost guidance is now $10.4 billion, down from $10.6 billion, "
        "while capital spending is unchanged.",
        "Full-year DD&A is expected to be about $9.6 billion, reflecting higher capex.",
        "EBIT-adjusted is now expected to be $11.5 billion to $13.0 billion despite higher "
        "capital spending.",
        "Shareholder returns of up to $14.0 billion are planned alongside the capex program.",
        "The company expects $1.5 billion in incentive payments toward its capital spending.",
        "The company sold $1.2 billion of convertible notes to fund capital expenditures.",
        "Beyond capex, we have $90 billion of data center leases that have not yet commenced.",
        "Its four largest customers plan more than $600 billion of combined capex next year.",
        "The tunnel, part of the capital program, had a total cost of $466 million over its life.",
    ],
)
def test_look_alikes_near_capex_words(nlp, text):
    assert facts(nlp, text, date(2026, 7, 30), "INTC") == []


def test_the_company_of_the_sentence_before_carries_on(nlp):
    """ "The company ..." and a sentence that names no one go on about the company the
    sentence before was about, even two sentences after its name."""
    text = (
        "Exxon held its plan steady. Occidental went the other way. The company lowered its "
        "2026 capital budget to $7.2 billion. It spent $1.8 billion on capital expenditures "
        "in the first quarter. Capex in the second quarter was $1.9 billion."
    )
    result = extract(nlp, text, date(2026, 7, 30), "XOM")
    assert {(f.company, f.fiscal_quarter, f.low_usd) for f in result.capex} == {
        ("OXY", None, 7.2 * B),
        ("OXY", 1, 1.8 * B),
        ("OXY", 2, 1.9 * B),
    }


def test_the_documents_own_voice_stays_with_the_subject(nlp):
    text = (
        "Unlike Occidental, we are holding our plan. We expect 2026 capital expenditures of "
        "$27 billion."
    )
    result = extract(nlp, text, date(2026, 7, 30), "XOM")
    assert [f.company for f in result.capex] == ["XOM"]


def test_an_earlier_outlook_two_sentences_after_the_new_one(nlp):
    text = (
        "Looking ahead, the Company expects capital investment of approximately $3.1 billion "
        "in 2026. The reduction reflects fewer bridge replacements. At its March investor "
        "day, the Company had indicated 2026 capital investment of $3.3 billion to $3.4 billion."
    )
    got = facts(nlp, text, date(2026, 2, 10), "UNP", "10-K")
    assert got == [(2026, None, 3.1, 3.1, "guidance", "lowered", 3.3)]


def test_a_year_in_a_reports_name_is_no_period_of_the_amount(nlp):
    text = (
        "We now expect capital expenditures of approximately $3 billion for fiscal 2026, "
        "compared with our previously disclosed expectation of $3 billion to $3.5 billion in "
        "our 2025 Form 10-K."
    )
    got = facts(nlp, text, date(2026, 8, 28), "LOW", "10-Q")
    assert got == [(2026, None, 3, 3, "guidance", "narrowed", 3)]


def test_a_carried_figure_over_several_years_takes_no_year(nlp):
    text = (
        "We expect capex of about $16 billion in fiscal 2027. Those investments sit within the "
        "$600 billion we have committed to spend over four years."
    )
    got = facts(nlp, text, date(2026, 10, 30), "AAPL", "transcript")
    assert (2027, None, 16, 16) in [g[:4] for g in got]
    assert all(g[0] is None for g in got if g[2] == 600)


@pytest.mark.parametrize(
    ("phrase", "revision"),
    [
        ("a bit above where we started the year", "raised"),
        ("slightly below our initial outlook", "lowered"),
    ],
)
def test_a_revision_stated_against_where_the_year_started(nlp, phrase, revision):
    text = (
        "For the full year, we're planning on something in the range of $4.5-5.0 billion of "
        f"capital expenditures, {phrase}."
    )
    got = facts(nlp, text, date(2026, 11, 20), "NVDA", "transcript")
    assert [g[5] for g in got] == [revision]


def test_a_sequential_increase_is_no_revision(nlp):
    text = (
        "Next quarter, we expect capital expenditures of approximately $43 billion, with the "
        "sequential increase driven by leases commencing earlier than planned."
    )
    got = facts(nlp, text, date(2026, 10, 29), "MSFT", "transcript")
    assert [g[5] for g in got] == [None]


def test_a_line_item_with_intangible_assets_is_capex(nlp):
    text = (
        "Purchases related to property and equipment and intangible assets were $1.6 billion "
        "in the third quarter."
    )
    got = facts(nlp, text, date(2026, 11, 20), "NVDA", "transcript")
    assert [g[2] for g in got] == [1.6]


@pytest.mark.parametrize(
    ("doc_type", "year"), [("transcript", 2026), ("press_release", 2026), ("news", None)]
)
def test_a_companys_own_outlook_without_a_year_is_for_the_year_under_way(nlp, doc_type, year):
    text = "We now expect capital investment in the $22 billion to $22.5 billion range."
    got = facts(nlp, text, date(2026, 10, 22), "T", doc_type)
    assert [g[0] for g in got] == [year]


def test_a_year_named_in_the_sentence_before_wins_over_the_year_under_way(nlp):
    text = (
        "Turning to fiscal 2028, we plan another step up. We expect capital spending of $2.1 "
        "billion to $2.3 billion."
    )
    got = facts(nlp, text, date(2026, 11, 25), "DELL", "transcript")
    assert [g[0] for g in got] == [2028]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Our 2027E capex moves to $160bn (prior $150bn); Street $148bn.", ["estimate"] * 2),
        (
            "Intel guided to 2026 capex of $18 billion; Wall Street had expected $17 billion.",
            ["guidance", "estimate"],
        ),
        (
            "Jefferies raised its estimate for Intel's 2026 capex to $19 billion from $18 billion.",
            ["estimate"],
        ),
        ("Needham now models 2027 capital expenditures of $21 billion for Intel.", ["estimate"]),
    ],
)
def test_the_authors_and_the_streets_figures_are_estimates(nlp, text, kinds):
    got = facts(nlp, text, date(2026, 10, 29), "INTC")
    assert [g[4] for g in got] == kinds
    assert all(g[5] is None for g in got)  # an estimate carries no outlook revision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We invested $5.6 billion in property, plant and equipment during 2025, up from $4.9 "
            "billion in 2024.",
            [(2025, None, 5.6), (2024, None, 4.9)],
        ),
        (
            "Capital expenditures for the nine months ended September 30, 2026 were $1,234 "
            "million, compared to $1,010 million for the same period of 2025.",
            [(2026, None, 1.234), (2025, None, 1.01)],
        ),
        (
            "In the quarter we deployed about $2.8 billion of capital, mostly into our network.",
            [(2026, 3, 2.8)],
        ),
    ],
)
def test_actuals_compared_with_an_earlier_period(nlp, text, expected):
    got = facts(nlp, text, date(2026, 10, 29), "UNP", "10-Q")
    assert [g[:3] for g in got] == expected
    assert {g[4] for g in got} == {"actual"}


def test_a_comparison_with_another_metric_is_not_capex(nlp):
    text = "Capital expenditures were $5.6 billion in 2025, compared with revenue of $24 billion."
    assert [g[2] for g in facts(nlp, text, date(2026, 2, 10), "UNP", "10-K")] == [5.6]


def test_round_k_forms_in_prose(nlp):
    """A tighter range than the one given before names its prior; an aside about a
    multi-year programme does not make the figure a multi-year one; a part given with
    '~' is still a part; the year a revision verb held is not a later year's."""
    text = (
        "For fiscal 2027, we expect capex of $0.9 billion to $1.1 billion. That's a tighter "
        "range than the $0.8 billion to $1.2 billion we gave you in August."
    )
    got = facts(nlp, text, date(2026, 11, 12), "KLAC", "transcript")
    assert got == [(2027, None, 0.9, 1.1, "guidance", "narrowed", 0.8)]
    text = (
        "For 2027, capital spending is expected to be $1.0 billion to $1.2 billion, the lowest "
        "in four years, as the company's multi-year expansion program winds down."
    )
    assert [g[0] for g in facts(nlp, text, date(2026, 10, 20), "STLD", "press_release")] == [2027]
    text = "EQIX: FY guide $4.0B-$4.4B includes ~$250m of recurring capex."
    assert [g[2:4] for g in facts(nlp, text, date(2026, 11, 1), "EQIX", "other")] == [(4.0, 4.4)]
    text = (
        "Charter continues to expect 2026 capital expenditures of about $11.5 billion. Charter "
        "expects total capital expenditures to fall below $9.0 billion in 2028."
    )
    got = facts(nlp, text, date(2026, 10, 30), "CHTR", "press_release")
    assert [(g[0], g[5]) for g in got] == [(2026, "reaffirmed"), (2028, None)]


def test_a_bracketed_aside_names_the_old_figure_and_a_revised_plan_its_year(nlp):
    """ "(they said ~$200B last quarter)": when they said it, not a quarter's spending; a
    plan said to be raised, with no year, is the year under way's."""
    text = 'Full-year capex is now "roughly $210 billion" (they said ~$200B last quarter).'
    got = facts(nlp, text, date(2026, 10, 31), "AMZN", "other")
    assert got == [(2026, None, 210, 210, "guidance", "raised", 200)]
    text = "$GOOGL raised capex again too, $195-205B from $185-195B."
    got = facts(nlp, text, date(2026, 10, 31), "GOOGL", "other")
    assert got == [(2026, None, 195, 205, "guidance", "raised", 185)]


def test_grouped_figures_in_prose_take_the_unit_a_filing_states_above_them(nlp):
    text = (
        "LIQUIDITY AND CAPITAL RESOURCES\n(amounts in millions, except per share data)\n\n"
        "In 2026, we spent $2,140 on capital expenditures, compared to $1,980 in 2025. Our "
        "quarterly dividend is $1.42 per share."
    )
    got = facts(nlp, text, date(2026, 10, 8), "COST", "10-K")
    assert [g[:3] for g in got] == [(2026, None, 2.14), (2025, None, 1.98)]


def test_without_a_stated_unit_a_grouped_figure_is_no_capex_amount(nlp):
    text = "In 2026, we spent $2,140 on capital expenditures."
    assert facts(nlp, text, date(2026, 10, 8), "COST", "10-K") == []


@pytest.mark.parametrize(
    ("text", "ticker", "published", "expected"),
    [
        (  # a bracketed period that labels the next figure is not this one's
            "1Q capex was $232mn (1Q25: $196mn).",
            "GEV",
            date(2026, 4, 25),
            [(2026, 1, 0.232, "actual"), (2025, 1, 0.196, "actual")],
        ),
        (  # a year written short after a preposition
            "Consensus has you at about $10.8 billion of capex for '27, so is that right?",
            "TSLA",
            date(2026, 10, 22),
            [(2027, None, 10.8, "estimate")],
        ),
        (  # a conditional clause opens after the period: its words are not the figure's metric
            "He said capital spending would be at least $3 billion next year if orders hold.",
            "CAT",
            date(2026, 1, 28),
            [(2027, None, 3.0, "guidance")],
        ),
    ],
)
def test_round_l_forms(nlp, text, ticker, published, expected):
    result = extract(nlp, text, published, ticker, doc_type="transcript")
    assert capex_rows(result, "fiscal_year", "fiscal_quarter", "low_usd", "kind") == expected


def test_what_a_speaker_had_said_before_is_the_prior(nlp):
    text = (
        "For the full year, I'd now say we land somewhere around $9.5 billion of capex -- on "
        "the July call I'd said over $10 billion."
    )
    got = facts(nlp, text, date(2026, 10, 22), "TSLA", "transcript")
    assert [(g[2], g[5], g[6]) for g in got] == [(9.5, "lowered", 10)]


def test_a_year_ago_quarter_stays_a_year_behind_in_a_story_led_by_a_june_year_company(nlp):
    """Quarters are first read in the story's main company's calendar (here Microsoft's
    June year); the year-ago figure must follow the quarter as finally dated."""
    text = (
        "Microsoft said capital expenditures were $30 billion in the September quarter. "
        "Microsoft's fiscal 2027 plan now tops $150 billion, Microsoft said.\n\n"
        "Alphabet raised its 2026 capital expenditure outlook to $190 billion. "
        "Third-quarter capex was $40 billion, compared with $20 billion a year earlier."
    )
    rows = {k[:5] for k in keys(extract(nlp, text, date(2026, 11, 2)))}
    assert ("GOOGL", 2026, 3, 40e9, 40e9) in rows
    assert ("GOOGL", 2025, 3, 20e9, 20e9) in rows


def test_capital_expenditure_commitments_in_a_contractual_note_are_no_spending(nlp):
    text = (
        "Purchase obligations include $860 million of capital expenditure commitments for "
        "compressor stations. Capital expenditures were $2.1 billion in 2025."
    )
    assert {k[:5] for k in keys(extract(nlp, text, date(2026, 2, 10), "KMI", "10-K"))} == {
        ("KMI", 2025, None, 2.1e9, 2.1e9)
    }


@pytest.mark.parametrize(
    "text",
    [
        "The joint ventures expect to invest more than $15 billion in capital over the same "
        "period.",
        "The total project spend for the cracker is still expected to be around $6.5 billion.",
        "Customers fund part of the capital plan through contributions in aid of construction "
        "of about $600 million.",
    ],
)
def test_a_span_a_project_cost_or_a_customer_contribution_is_no_years_capex(nlp, text):
    lead = "We expect capital expenditures of about $2.5 billion this year. "
    rows = keys(extract(nlp, lead + text, date(2026, 7, 30), "DOW", "transcript"))
    assert {k for k in rows if k[1] is not None} == {("DOW", 2026, None, 2.5e9, 2.5e9, "guidance")}


def test_after_spending_last_year_is_spent_beside_a_plan_and_a_forecast(nlp):
    text = (
        "The company said it expects capital expenditures of $9 billion to $10 billion in 2026, "
        "after spending about $3.1 billion last year, and forecast revenue of $4 billion."
    )
    rows = {k for k in keys(extract(nlp, text, date(2026, 2, 12), "NBIS"))}
    assert rows == {
        ("NBIS", 2026, None, 9e9, 10e9, "guidance"),
        ("NBIS", 2025, None, 3.1e9, 3.1e9, "actual"),
    }
