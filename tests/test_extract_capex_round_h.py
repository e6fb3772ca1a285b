"""Round H: earlier outlooks in new phrasings and revisions of one end of a range.

Every text here is written for the test; companies are real tickers so the gazetteer and
fiscal calendars apply.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import extract

PUBLISHED = date(2026, 4, 30)


def facts(nlp, text: str, ticker: str) -> list[tuple]:
    """(company, year, low, high, kind, revision, prior low, prior high) of each fact."""
    return [
        (
            f.company,
            f.fiscal_year,
            f.low_usd,
            f.high_usd,
            f.kind,
            f.revision,
            f.prior_low_usd,
            f.prior_high_usd,
        )
        for f in extract(nlp, text, PUBLISHED, ticker).capex
    ]


# --- 1. a figure after a capex sentence, with no capex word of its own -----------------


@pytest.mark.parametrize(
    ("text", "ticker", "year", "amount"),
    [
        (
            "Amazon's finance chief said capex will climb. We now see about $95 billion "
            "for the year.",
            "AMZN",
            2026,
            95e9,
        ),
        (
            "Microsoft expects capital expenditures to rise in fiscal 2027. The company now "
            "sees roughly $150 billion.",
            "MSFT",
            2027,
            150e9,
        ),
        (
            "Alphabet said capital spending would keep growing in 2026. Management sees "
            "roughly $200 billion.",
            "GOOGL",
            2026,
            200e9,
        ),
    ],
)
def test_figure_after_a_capex_sentence_carries_its_topic(nlp, text, ticker, year, amount):
    (fact,) = facts(nlp, text, ticker)
    assert fact[:5] == (ticker, year, amount, amount, "guidance")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (
            "Capital expenditures will be meaningfully higher in 2027. Our current view is "
            "roughly $240 billion.",
            240e9,
            240e9,
        ),
        (
            "Capital expenditures will be meaningfully higher in 2027. Think about $240 "
            "billion, give or take.",
            240e9,
            240e9,
        ),
        (
            "Capital expenditures will be meaningfully higher in 2027. The range we are "
            "working with is $230 billion to $250 billion.",
            230e9,
            250e9,
        ),
    ],
)
def test_outlook_noun_and_copula_carry_the_topic(nlp, text, low, high):
    (fact,) = facts(nlp, text, "META")
    assert fact[:5] == ("META", 2027, low, high, "guidance")


@pytest.mark.parametrize(
    "second",
    [
        "Our price target is $850, implying 20% upside.",
        "The buyback plan is $50 billion.",
        "Think about $30 billion of free cash flow.",
        "The revenue range is $220 billion to $240 billion.",
        "The deal's value is about $14 billion.",
    ],
)
def test_look_alike_after_a_capex_sentence_is_not_carried(nlp, second):
    text = "Capital expenditures will be meaningfully higher in 2027. " + second
    assert facts(nlp, text, "META") == []


# --- 2. earlier outlooks in new phrasings -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "new", "prior", "rev"),
    [
        (
            "Alphabet now expects 2026 capital expenditures of $190 billion, up from the "
            "$175 billion to $185 billion range it had guided.",
            (190e9, 190e9),
            (175e9, 185e9),
            "raised",
        ),
        (
            "Alphabet expects 2026 capital spending of $190 billion, compared with an "
            "earlier forecast of $180 billion.",
            (190e9, 190e9),
            (180e9, 180e9),
            "raised",
        ),
        (
            "Alphabet expects 2026 capex of $170 billion, a decrease from its previous "
            "$180 billion outlook.",
            (170e9, 170e9),
            (180e9, 180e9),
            "lowered",
        ),
        (
            "Alphabet guided 2026 capex to $190 billion, vs. prior guidance of $180 billion.",
            (190e9, 190e9),
            (180e9, 180e9),
            "raised",
        ),
        (
            "Alphabet guided 2026 capital expenditures to $185 billion to $195 billion "
            "(was $175 billion to $185 billion).",
            (185e9, 195e9),
            (175e9, 185e9),
            "raised",
        ),
    ],
)
def test_earlier_outlook_phrasings(nlp, text, new, prior, rev):
    (fact,) = facts(nlp, text, "GOOGL")
    assert fact == ("GOOGL", 2026, *new, "guidance", rev, *prior)


@pytest.mark.parametrize(
    "text",
    [
        "Alphabet now expects 2026 capital expenditures of $190 billion, above the "
        "$175 billion to $185 billion it had projected.",
        "Alphabet now expects 2026 capital expenditures of $190 billion; its earlier "
        "outlook had called for $175 billion to $185 billion.",
    ],
)
def test_earlier_outlook_after_the_new_figure(nlp, text):
    (fact,) = facts(nlp, text, "GOOGL")
    assert fact == ("GOOGL", 2026, 190e9, 190e9, "guidance", "raised", 175e9, 185e9)


def test_earlier_forecast_was_is_not_a_spent_figure(nlp):
    text = (
        "Alphabet now expects 2026 capital expenditures of $170 billion; the earlier "
        "forecast was $180 billion."
    )
    (fact,) = facts(nlp, text, "GOOGL")
    assert fact == ("GOOGL", 2026, 170e9, 170e9, "guidance", "lowered", 180e9, 180e9)


def test_bracketed_old_range_is_not_a_spent_figure(nlp):
    text = "Oracle sees fiscal 2027 capex at $40 billion to $45 billion (was $35 billion)."
    (fact,) = facts(nlp, text, "ORCL")
    assert fact[4:] == ("guidance", "raised", 35e9, 35e9)


def test_cut_from_as_much_as_is_lowered(nlp):
    text = (
        "Amazon trimmed its 2026 capital spending plan to $150 billion, from as much as "
        "$165 billion."
    )
    (fact,) = facts(nlp, text, "AMZN")
    assert fact == ("AMZN", 2026, 150e9, 150e9, "guidance", "lowered", None, 165e9)


# --- 3. one end of a range moved --------------------------------------------------------


def test_low_end_moved_gives_the_prior_range_with_the_other_end_kept(nlp):
    text = (
        "Oracle lifted its fiscal 2027 capex outlook to $40 billion to $45 billion, "
        "raising the low end from $35 billion."
    )
    (fact,) = facts(nlp, text, "ORCL")
    # new range inside the prior one: narrowed by FORMAT's rule
    assert fact == ("ORCL", 2027, 40e9, 45e9, "guidance", "narrowed", 35e9, 45e9)


def test_top_end_alone_leaves_the_low_end_unknown(nlp):
    text = "Meta raised the top end of its 2026 capex range to $125 billion."
    (fact,) = facts(nlp, text, "META")
    assert fact == ("META", 2026, None, 125e9, "guidance", "raised", None, None)


def test_both_ends_in_one_sentence_are_one_range(nlp):
    text = (
        "Meta kept the low end of its 2026 capital expenditures outlook at $105 billion "
        "and lifted the top end to $125 billion."
    )
    (fact,) = facts(nlp, text, "META")
    assert fact == ("META", 2026, 105e9, 125e9, "guidance", "raised", None, None)


def test_top_end_moved_from_a_figure_with_the_low_end_kept(nlp):
    text = (
        "Meta raised the top end of its 2026 capital expenditures range to $125 billion "
        "from $118 billion, keeping the low end at $105 billion."
    )
    (fact,) = facts(nlp, text, "META")
    assert fact == ("META", 2026, 105e9, 125e9, "guidance", "widened", 105e9, 118e9)


def test_top_end_raised_after_the_old_range_in_the_sentence_before(nlp):
    text = (
        "Meta had guided 2026 capital expenditures of $105 billion to $118 billion. "
        "It has now raised the top end of its range to $125 billion."
    )
    (fact,) = facts(nlp, text, "META")
    assert fact == ("META", 2026, 105e9, 125e9, "guidance", "widened", 105e9, 118e9)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft expects fiscal 2026 capital expenditures at the high end of its "
        "$80 billion to $90 billion range.",
        "Microsoft expects fiscal 2026 capital expenditures of $80 billion to $90 billion, "
        "toward the high end of the range.",
    ],
)
def test_landing_at_one_end_of_a_range_keeps_the_range(nlp, text):
    (fact,) = facts(nlp, text, "MSFT")
    assert fact[:4] == ("MSFT", 2026, 80e9, 90e9)


@pytest.mark.parametrize(
    ("text", "rev", "prior"),
    [
        (
            "Oracle lifted the low end of its fiscal 2027 capex range to $42 billion, so it "
            "now expects $42 billion to $46 billion.",
            "raised",
            (None, None),
        ),
        (
            "Oracle now expects fiscal 2027 capex of $42 billion to $46 billion after "
            "raising the low end to $42 billion from $38 billion.",
            "narrowed",
            (38e9, 46e9),
        ),
    ],
)
def test_moved_end_repeated_beside_the_whole_range_is_one_fact(nlp, text, rev, prior):
    (fact,) = facts(nlp, text, "ORCL")
    assert fact == ("ORCL", 2027, 42e9, 46e9, "guidance", rev, *prior)
