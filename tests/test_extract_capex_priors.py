"""Earlier outlooks in the many ways financial text writes them.

A revision is only worth an analyst's time with the range it replaced, so each phrasing
below must give one guidance fact with its revision and prior range, and never a second
fact for the old figure. Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import capex_rows, extract

PUBLISHED = date(2026, 7, 30)


def facts(nlp, text: str) -> list[tuple]:
    """(low, high, kind, revision, prior low, prior high) of each fact, in billions."""
    result = extract(nlp, text, PUBLISHED, "INTC")
    return capex_rows(
        result, "low_usd", "high_usd", "kind", "revision", "prior_low_usd", "prior_high_usd"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "guide" and "est." as nouns, with or without a determiner
        (
            "Capex guided to $5 billion for 2026; the prior guide was $4 billion to $4.5 billion.",
            (5, 5, "guidance", "raised", 4, 4.5),
        ),
        (
            "Capex guided to $5 billion for 2026, prior est. was $4 billion.",
            (5, 5, "guidance", "raised", 4, 4),
        ),
        (
            "FY26 capex guide raised to $30bn, old guide $27bn.",
            (30, 30, "guidance", "raised", 27, 27),
        ),
        ("The capex guide goes to $30bn (from $27bn).", (30, 30, "guidance", "raised", 27, 27)),
        # "prev." does not end the sentence
        (
            "FY26 capex guide now $120-125B (prev. $110-115B).",
            (120, 125, "guidance", "raised", 110, 115),
        ),
        # a range is an outlook: narrowing it names the old range
        (
            "The company narrowed its 2026 capex range to $9.5 billion to $10 billion, "
            "from $9 billion to $10.5 billion.",
            (9.5, 10, "guidance", "narrowed", 9, 10.5),
        ),
        # the old figure named by when it was set, flagged or signalled
        (
            "The 2026 capital budget is now $50 billion, $5 billion above the $45 billion set "
            "in February.",
            (50, 50, "guidance", "raised", 45, 45),
        ),
        (
            "Intel now sees 2026 capex at roughly $50 billion, well above the $35 billion it "
            "flagged in January.",
            (50, 50, "guidance", "raised", 35, 35),
        ),
        (
            "Intel said 2026 capital expenditures would be about $12 billion, higher than the "
            "roughly $10 billion it signalled last quarter.",
            (12, 12, "guidance", "raised", 10, 10),
        ),
    ],
)
def test_an_earlier_outlook_is_the_prior_of_the_new_figure(nlp, text, expected):
    assert facts(nlp, text) == [expected]


def test_a_figure_moved_up_to_a_level_is_that_level_not_a_ceiling(nlp):
    text = "Intel's 2026 capex view moved up to $45 billion. Its earlier view was $40 billion."
    assert facts(nlp, text) == [(45, 45, "guidance", "raised", 40, 40)]


def test_up_to_without_a_move_is_still_a_ceiling(nlp):
    text = "Intel expects 2026 capital expenditures of up to $45 billion."
    assert facts(nlp, text) == [(None, 45, "guidance", None, None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intel expects 2026 capex of $20 billion to $22 billion. The new range replaces the "
            "$18 billion to $20 billion range it gave in January.",
            (20, 22, "guidance", "raised", 18, 20),
        ),
        ("Intel 2026 capex guide $21bn (vs. $19bn prior).", (21, 21, "guidance", "raised", 19, 19)),
        ("Intel 2026 capex guide was $19bn, now $21bn.", (21, 21, "guidance", "raised", 19, 19)),
        ("Intel 2026 capex now $21bn vs. $19bn before.", (21, 21, "guidance", "raised", 19, 19)),
        (
            "Intel sees 2026 capex of $21 billion, up from $19 billion at the start of the year.",
            (21, 21, "guidance", "raised", 19, 19),
        ),
        (
            "Intel, having earlier guided to $19 billion, now expects 2026 capex of $21 billion.",
            (21, 21, "guidance", "raised", 19, 19),
        ),
        (
            "Intel raised its 2026 capex outlook from its January target of $19 billion to $21 "
            "billion.",
            (21, 21, "guidance", "raised", 19, 19),
        ),
        (
            "Intel expects 2026 capex of $20 billion to $22 billion (prior guidance $18 billion "
            "to $20 billion).",
            (20, 22, "guidance", "raised", 18, 20),
        ),
    ],
)
def test_more_ways_of_stating_the_earlier_outlook(nlp, text, expected):
    assert facts(nlp, text) == [expected]


def test_spend_from_one_figure_to_another_is_a_range_not_an_earlier_outlook(nlp):
    result = extract(
        nlp,
        "During fiscal 2027, we now plan to spend from $2.0 billion to $2.2 billion for "
        "capital expenditures.",
        PUBLISHED,
        "INTC",
        "10-Q",
    )
    rows = capex_rows(result, "fiscal_year", "low_usd", "high_usd", "kind", "prior_low_usd")
    assert rows == [(2027, 2.0, 2.2, "guidance", None)]


def test_what_the_company_had_told_investors_in_the_next_sentence_is_the_prior(nlp):
    text = (
        "For 2027 we expect capital expenditures of about $4.0 billion. We'd told you in May we "
        "were thinking about $4.4 billion, so that is a bit lower."
    )
    assert facts(nlp, text) == [(4.0, 4.0, "guidance", "lowered", 4.4, 4.4)]
