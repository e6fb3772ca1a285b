"""Session 24 fixes: the quarter a year's range leaves, however a speaker or poster words
it. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import extractors
from tests.extract_helpers import extract


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def _capex(
    nlp,
    text: str,
    ticker: str | None = None,
    doc_type: str = "news",
    published: date = date(2026, 11, 5),
) -> list[dict]:
    return extract(nlp, text, published, ticker, doc_type).to_format()["capex"]


_GUIDE = "We now expect capital expenditures of about $90 million for 2026. "


@pytest.mark.parametrize(
    "said",
    [
        "Through nine months you're at $62 million, so that means a fourth quarter of "
        "around $28 million.",
        "That leaves roughly $28.5 million for the fourth quarter.",
        "So Q4 implied ~$28M.",
        "The raise implies a Q4 of roughly $26-30M.",
        "So the guide implies FQ4 of about $28 million.",
    ],
)
def test_the_quarter_a_years_guide_leaves_is_that_quarters_guidance(nlp, said):
    facts = _capex(nlp, _GUIDE + said, ticker="KLRN", doc_type="transcript")
    quarter = [f for f in facts if f["fiscal_quarter"]]
    assert [(f["fiscal_year"], f["fiscal_quarter"], f["kind"]) for f in quarter] == [
        (2026, 4, "guidance")
    ]
    assert quarter[0]["low_usd"] in (26e6, 28e6, 28.5e6)


def test_a_bullet_implied_quarter_after_the_guide_takes_the_guides_year(nlp):
    facts = _capex(
        nlp,
        "KLRN Q3 capex notes:\n- FY26 capex guide raised to $38-42M (was $30-35M)\n"
        "- so Q4 implied ~$10-14M\n",
        ticker="KLRN",
        doc_type="other",
    )
    assert (2026, 4, 10e6, 14e6, "guidance") in {
        (f["fiscal_year"], f["fiscal_quarter"], f["low_usd"], f["high_usd"], f["kind"])
        for f in facts
    }


def test_means_without_a_quarter_is_no_implied_quarter(nlp):
    facts = _capex(
        nlp,
        _GUIDE + "That means we expect about $30 million of it to go to the new plant.",
        ticker="KLRN",
        doc_type="transcript",
    )
    assert all(f["fiscal_quarter"] is None for f in facts)
