"""Session 29 fixes: an analyst's own model number on a call ("We had you at $80 million
for fiscal '27") is an estimate, carried from the capex talk before it; an answer after a
speaker's line takes the period of the turn before that line; a company whose name is in
capitals ("IEH Corp", ticker IEHC) is named again by that word alone. Texts written for
these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from tests.extract_helpers import capex_fields

# (``nlp`` is the session's pipeline, from conftest)
# the fields of each capex fact of a text (``context``: ticker, doc_type)
_rows = partial(capex_fields, published=date(2026, 11, 20))


CALL = (
    "Dana Ruiz -- Chief Financial Officer\n\n"
    "Capital expenditures were $19 million in the quarter, and we expect about $75 million "
    "for fiscal 2026.\n\n"
    "Operator\n\n"
    "Our next question comes from Gideon Farrow.\n\n"
    "Gideon Farrow -- Penwick Securities -- Analyst\n\n"
    "{question}\n\n"
    "Dana Ruiz -- Chief Financial Officer\n\n"
    "{answer}"
)


def test_an_analysts_own_number_on_a_call_is_an_estimate(nlp):
    text = CALL.format(
        question="Thanks. We had you at $82 million for fiscal '27. Is that too high?",
        answer="It's a fair starting point.",
    )
    rows = _rows(nlp, text, "low_usd", "fiscal_year", "kind", ticker="AMTM", doc_type="transcript")
    assert (82e6, 2027, "estimate") in rows
    assert (75e6, 2026, "guidance") in rows


def test_an_answer_after_a_speakers_line_takes_the_period_of_the_turn_before(nlp):
    text = CALL.format(
        question="For fiscal '27, we have you at $60 million.",
        answer="I'd pencil in something like $50 million to $55 million.",
    )
    rows = _rows(
        nlp, text, "low_usd", "high_usd", "fiscal_year", ticker="CAL", doc_type="transcript"
    )
    assert (50e6, 55e6, 2027) in rows
    assert (60e6, 60e6, 2027) in rows


def test_a_number_had_by_someone_else_is_no_analysts_model(nlp):
    """A guard: "had you at" is the cue; a company that "had" spending is not an estimate."""
    text = CALL.format(
        question="You had $19 million of spending in the quarter. What drove it?",
        answer="Mostly the new test sites.",
    )
    rows = _rows(nlp, text, "low_usd", "kind", ticker="AMTM", doc_type="transcript")
    assert all(kind != "estimate" for _, kind in rows)


def test_a_name_in_capitals_is_named_again_by_its_word(nlp):
    text = (
        "Nov 12 (Wire) - M-tron Industries Inc raised its capital spending forecast, IEH Corp "
        "and Eltek Ltd kept theirs. Frequency Electronics spent $2 million on capital "
        "expenditures in the quarter.\n\n"
        "IEH kept its capital spending forecast for fiscal 2027 at about $1.5 million."
    )
    rows = _rows(nlp, text, "company", "low_usd", doc_type="news")
    assert ("IEHC", 1.5e6) in rows
    assert ("FEIM", 2e6) in rows


def test_a_description_opening_a_paragraph_does_not_lend_its_calendar_to_the_company_before(nlp):
    """ "The other Iowa furniture maker ... its fiscal 2027, which ends in June" is not about the
    company the paragraph before named, so that company's "next year" stays the calendar's."""
    text = (
        "Oct 30 (Wire) - HNI Corp raised its capital spending forecast for this year.\n\n"
        "Analysts backed the raise, noting that HNI has already moved half of the acquired "
        "company's production into its own plants.\n\n"
        "The other Iowa furniture maker kept its capital spending forecast for its fiscal 2027, "
        "which ends in June, at $6 million to $8 million.\n\n"
        "Analysts on average expect HNI to spend about $160 million on capital expenditures "
        "next year, according to LSEG data."
    )
    rows = _rows(nlp, text, "company", "low_usd", "fiscal_year", doc_type="news")
    assert ("HNI", 160e6, 2027) in rows


@pytest.mark.parametrize(
    "sentence",
    [
        "Lithium producers worldwide are expected to spend about $11 billion on new mines this "
        "year, down from $15 billion in 2024.",
        "U.S. farmers spent about $16 billion on crop chemicals last year.",
        "Governments and companies spent about $14 billion on satellite images and data last year.",
    ],
)
def test_an_industry_as_a_whole_spending_is_no_companys_capex(nlp, sentence):
    text = f"Newmont raised its capital spending outlook for 2026. {sentence}"
    assert _rows(nlp, text, "low_usd", ticker="NEM", doc_type="news") == set()


def test_analysts_opening_a_sentence_are_no_industry(nlp):
    """A guard: "Analysts expect ..." gives the Street's figure for the company."""
    text = "Newmont raised its capital spending outlook. Analysts expect capex of $500 million."
    assert _rows(nlp, text, "low_usd", "kind", ticker="NEM", doc_type="news") == {
        (500e6, "estimate")
    }


def test_a_brand_that_dropped_its_inner_capital_is_still_the_company(nlp):
    """The SEC map writes "TripAdvisor, Inc."; news now writes "Tripadvisor"."""
    text = (
        "Nov 5 (Wire) - Booking Holdings raised its capital spending forecast. Tripadvisor "
        "cut its 2026 capital spending forecast to $60 million to $65 million."
    )
    rows = _rows(nlp, text, "company", "low_usd", doc_type="news")
    assert ("TRIP", 60e6) in rows


def test_a_name_opening_on_a_common_word_is_named_again_by_its_first_two_words(nlp):
    text = (
        "Nov 5 (Wire) - Boyd Gaming raised its capital spending forecast, and Full House "
        "Resorts Inc cut its outlook. Full House cut its 2026 capital spending forecast to "
        "about $15 million."
    )
    rows = _rows(nlp, text, "company", "low_usd", doc_type="news")
    assert rows == {("FLL", 15e6)}
