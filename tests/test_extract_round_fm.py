"""Session 27 fixes: a newsletter's section headed by a company's ticker alone ("## MXL"),
... Texts written for these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from tests.extract_helpers import capex_facts, fact_rows

# (``nlp`` is the session's pipeline, from conftest)
_capex = partial(capex_facts, published=date(2026, 11, 20))

_NEWSLETTER = (
    "Bench Notes -- issue 12\n\n"
    "Two small toolmakers this week. Both report on the calendar year.\n\n"
    "{first}\n\n"
    "- Q3 capex $21M vs $18M a yr ago.\n"
    "- FY26 capex guide ~$80M, held.\n\n"
    "{second}\n\n"
    "- Q3 capex $6.1M.\n"
    "- FY26 capex guide cut to $20-22M from $24-26M.\n"
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("## SNA", "## TTC"),
        ("### SNA", "### TTC (Toro)"),
        ("**SNA**", "**TTC**"),
    ],
)
def test_a_heading_that_is_a_ticker_names_the_section_company(nlp, first, second):
    text = _NEWSLETTER.format(first=first, second=second)
    rows = fact_rows(_capex(nlp, text, ticker="SNA"), "company", "low_usd")
    assert ("SNA", 21e6) in rows
    assert ("TTC", 6.1e6) in rows
    assert ("TTC", 20e6) in rows
    assert ("SNA", 6.1e6) not in rows


def test_a_heading_word_that_is_no_ticker_names_no_company(nlp):
    """A heading in capitals that the gazetteer does not list ("## NOTE") leaves the lines
    under it to the document's subject."""
    text = _NEWSLETTER.format(first="## SNA", second="## NOTE")
    rows = fact_rows(_capex(nlp, text, ticker="SNA"), "company", "low_usd")
    assert ("SNA", 6.1e6) in rows
