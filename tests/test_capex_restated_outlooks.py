"""Outlooks held, or moved against an earlier figure, in the words news and calls use for
them; and a guide restated later in the same document. Sentences written for these tests."""

from datetime import date

import pytest

from tests.extract_helpers import M, extract, million_rows

NOV = date(2026, 11, 5)
REVISION = ("fiscal_year", "low_usd", "high_usd", "revision", "prior_low_usd", "prior_high_usd")


def rows(result) -> set[tuple]:
    return million_rows(result, *REVISION)


@pytest.mark.parametrize(
    "text",
    [
        "Harlow Freight stuck to its capital spending forecast of $300 million to $340 million "
        "for the year.",
        "Harlow Freight held its 2026 net capital expenditure plan at $300 million to $340 "
        "million, including terminals.",
        "Harlow Freight kept its full-year capital expenditure outlook at $300 million to $340 "
        "million.",
        "We're still planning on $300 million to $340 million of capex for 2026, the same range "
        "we gave you in February.",
        "We expect 2026 capital expenditures of $300 million to $340 million, consistent with "
        "what we told you in July.",
        "We expect capital expenditures of $300 million to $340 million in 2026, consistent with "
        "our expectations at the beginning of the year.",
    ],
)
def test_an_outlook_kept_in_other_words_is_reaffirmed_with_its_own_range(nlp, text):
    assert rows(extract(nlp, text, NOV, "HRLW")) == {
        (2026, 300.0, 340.0, "reaffirmed", 300.0, 340.0)
    }


def test_a_ratio_between_a_guide_and_its_prior_does_not_hide_the_prior(nlp):
    text = (
        "For fiscal '27 we now expect capex of approximately $160 million, roughly 4% of "
        "subscription revenue, up from the $110 million to $120 million we guided to in May."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2027, 160.0, 160.0, "raised", 110.0, 120.0)}


def test_a_range_after_up_from_is_the_earlier_outlook_without_an_outlook_word(nlp):
    text = (
        "Harlow Freight put its 2026 capital spending at $320 million to $340 million, up from "
        "$300 million to $340 million."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2026, 320.0, 340.0, "narrowed", 300.0, 340.0)}


def test_an_open_ended_figure_above_the_earlier_one_is_raised(nlp):
    text = (
        "Harlow Freight's 2027 capital spending is on track to top $400 million, the finance "
        "chief told analysts, compared with the roughly $350 million she had flagged in July."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2027, 400.0, None, "raised", 350.0, 350.0)}


def test_what_a_speaker_had_earlier_said_in_brackets_is_the_prior(nlp):
    text = (
        "Harlow Freight narrowed its forecast for 2026 capital expenditures to $310 million to "
        "$330 million (it had earlier said $300 million to $340 million) on Tuesday."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2026, 310.0, 330.0, "narrowed", 300.0, 340.0)}


def test_a_figure_the_company_showed_before_is_the_prior(nlp):
    text = (
        "Capital expenditures for 2027 now look like about $450 million, versus the $400 million "
        "we showed you in February."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2027, 450.0, 450.0, "raised", 400.0, 400.0)}


def test_a_guide_restated_with_its_revision_gives_the_first_statement_that_revision(nlp):
    text = (
        "Harlow Freight expects 2026 capital expenditures of about $320 million.\n\n"
        "On the call, management said the 2026 capital expenditure guide of about $320 million "
        "was reiterated."
    )
    (fact,) = extract(nlp, text, NOV, "HRLW").capex
    assert fact.sentence.startswith("Harlow Freight expects")
    assert (fact.revision, fact.prior_low_usd) == ("reaffirmed", 320 * M)


def test_a_top_moved_and_a_bottom_kept_make_one_range_with_its_prior(nlp):
    text = (
        "Harlow Freight lowered the top end of its 2026 capex range to $420 million, from $450 "
        "million, and kept the bottom at $380 million."
    )
    assert rows(extract(nlp, text, NOV, "HRLW")) == {(2026, 380.0, 420.0, "narrowed", 380.0, 450.0)}


def test_a_figure_the_filer_disclosed_in_its_annual_report_is_the_prior(nlp):
    text = (
        "We currently expect capital expenditures for the year ending December 31, 2026 to be "
        "approximately $320 million, compared with the approximately $340 million we disclosed "
        "in our Annual Report on Form 10-K for the year ended December 31, 2025."
    )
    assert rows(extract(nlp, text, NOV, "HRLW", "10-Q")) == {
        (2026, 320.0, 320.0, "lowered", 340.0, 340.0)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We now expect 2026 capital expenditures of $340 million to $360 million, which is "
            "above the $300 million to $320 million range included in our second-quarter "
            "earnings release.",
            (2026, 340.0, 360.0, "raised", 300.0, 320.0),
        ),
        (
            "Harlow Freight expects capital spending of $300 million in 2026, revised from $340 "
            "million.",
            (2026, 300.0, 300.0, "lowered", 340.0, 340.0),
        ),
        (
            "Harlow Freight expects capital spending of $300 million in 2026, having earlier "
            "pencilled in $340 million.",
            (2026, 300.0, 300.0, "lowered", 340.0, 340.0),
        ),
    ],
)
def test_more_wordings_of_the_earlier_outlook(nlp, text, expected):
    assert rows(extract(nlp, text, NOV, "HRLW")) == {expected}


def test_guidance_that_remains_is_reaffirmed(nlp):
    text = "Harlow Freight's guidance for 2026 capex remains $300 million to $340 million."
    assert rows(extract(nlp, text, NOV, "HRLW")) == {
        (2026, 300.0, 340.0, "reaffirmed", 300.0, 340.0)
    }


def test_capex_booked_in_a_quarter_is_an_actual(nlp):
    text = "Harlow Freight booked $140 million of capital expenditures in the fourth quarter."
    (fact,) = extract(nlp, text, NOV, "HRLW").capex
    assert (fact.kind, fact.fiscal_year, fact.fiscal_quarter) == ("actual", 2025, 4)
