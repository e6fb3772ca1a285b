"""Session 26 fixes: a rival's figure in a results story ("Rival X Corp, by contrast, cut
..."), a company named in full once and by a short name news otherwise never reads alone,
and an appositive that names another company before the verb. Texts written for these
tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from tests.extract_helpers import capex_facts, fact_rows

# (``nlp`` is the session's pipeline, from conftest)
_capex = partial(capex_facts, published=date(2026, 11, 12))


@pytest.mark.parametrize(
    "opening",
    [
        "Rival Federal Signal Corp, by contrast, cut",  # legal word and an aside
        "Rival Federal Signal Corp cut",  # the legal word alone
        "Rival Federal Signal, meanwhile, cut",
        "Peer Federal Signal Corp, for its part, cut",
    ],
)
def test_a_rival_named_with_its_legal_word_or_an_aside_is_the_spender(nlp, opening):
    text = (
        "REV Group Inc raised its fiscal 2027 capital spending plan to $45 million on"
        f" Wednesday. {opening} its 2026 capital spending plan to $50 million to $55 million,"
        " from $60 million to $70 million."
    )
    facts = _capex(nlp, text, ticker="REVG")
    assert ("FSS", 2026, 50e6, "lowered") in fact_rows(
        facts, "company", "fiscal_year", "low_usd", "revision"
    )
    assert ("REVG", 2027, 45e6) in fact_rows(facts, "company", "fiscal_year", "low_usd")


def test_a_rival_that_kept_its_plan_is_the_spender(nlp):
    text = (
        "Lennox International Inc raised its 2026 capital spending forecast to $160 million."
        " Rival Watsco Inc, by contrast, kept its 2026 capital expenditure forecast at about"
        " $30 million."
    )
    facts = _capex(nlp, text, ticker="LII")
    assert ("WSO", 30e6, "reaffirmed") in fact_rows(facts, "company", "low_usd", "revision")


def test_a_rival_that_is_only_compared_is_not_the_spender(nlp):
    """ "Rival" before a name that does not act stays a comparison: the figure is the
    subject's."""
    text = (
        "Lennox International Inc, which competes with rival Watsco Inc in the Sun Belt,"
        " raised its 2026 capital spending forecast to $160 million."
    )
    facts = _capex(nlp, text, ticker="LII")
    assert fact_rows(facts, "company", "low_usd") == {("LII", 160e6)}


_WRAP = (
    "Shares of industrial makers were mixed on the week. Dover Corp and Terex Corp reported"
    " on Tuesday.\n\n"
    "Terex shares rose 2%. The Norwalk, Connecticut-based maker of aerial work platforms"
    " raised its 2026 capital spending forecast to about $190 million, from $170 million.\n\n"
    "Dover shares were flat. The Downers Grove, Illinois-based maker of pumps and fueling"
    " equipment narrowed its 2026 capital spending forecast to $200 million to $210 million,"
    " from $190 million to $220 million. It spent $51 million in the third quarter."
)


def test_a_short_name_after_the_full_name_and_legal_word_names_the_company(nlp):
    """ "Dover" alone is a place and never read as the company, but after "Dover Corp" in
    the same story it is that company, and the description after it is Dover's."""
    facts = _capex(nlp, _WRAP, ticker="TEX")
    assert fact_rows(facts, "company", "low_usd", "revision") >= {
        ("DOV", 200e6, "narrowed"),
        ("DOV", 51e6, None),
    }


def test_a_short_name_alone_is_still_not_read_without_the_full_name(nlp):
    text = "Dover shares were flat. The city plans to spend $20 million on roads in 2026."
    assert not any(f["company"] == "DOV" for f in _capex(nlp, text))


def test_a_company_named_inside_an_appositive_is_not_the_spender(nlp):
    text = (
        "Camtek Ltd kept its 2026 capex forecast at about $35 million. Samsung Electronics,"
        " the largest customer of Camtek's inspection tools, raised its 2026 facilities budget"
        " to $44 billion to $46 billion, from $40 billion to $42 billion."
    )
    facts = _capex(nlp, text, ticker="CAMT")
    rows = fact_rows(facts, "company", "low_usd")
    assert ("CAMT", 44e9) not in rows
    assert ("CAMT", 35e6) in rows
    assert len({c for c, v in rows if v == 44e9}) == 1
