"""Session 23 fixes: a year's earlier outlook written after both figures, and SEC names
whose initials prose dots. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import extractors
from finclaims.models import Document


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def _capex(nlp, text: str, ticker: str | None = None, doc_type: str = "news") -> list[dict]:
    doc = Document(
        url="https://example.test/dc",
        source="test",
        text=text,
        published=date(2026, 10, 30),
        ticker=ticker,
        doc_type=doc_type,
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    return result.to_format()["capex"]


def test_an_outlook_cut_for_the_year_under_way_keeps_its_prior(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc trimmed its capital spending forecast to about $26 million "
        "from $30 million for 2026, saying it would open fewer clinics.",
        ticker="BWCL",
    )
    assert [(f["low_usd"], f["kind"], f["revision"], f["prior_low_usd"]) for f in facts] == [
        (26e6, "guidance", "lowered", 30e6)
    ]


def test_a_figure_for_a_past_year_after_the_outlook_is_still_spent_then(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc raised its capital spending forecast to $50 million from "
        "$40 million in 2025.",
        ticker="BWCL",
    )
    assert sorted((f["fiscal_year"], f["low_usd"], f["kind"]) for f in facts) == [
        (2025, 40e6, "actual"),
        (2026, 50e6, "guidance"),
    ]


def test_next_years_outlook_up_from_this_years_keeps_both_years(nlp):
    facts = _capex(
        nlp,
        "Brightwater Clinics Inc expects capital expenditures of about $35 million in 2027, "
        "up from roughly $30 million this year.",
        ticker="BWCL",
    )
    assert sorted((f["fiscal_year"], f["low_usd"]) for f in facts) == [
        (2026, 30e6),
        (2027, 35e6),
    ]


def test_sec_initials_written_with_dots_name_the_company(nlp):
    facts = _capex(
        nlp,
        "U.S. Physical Therapy Inc cut its 2026 capital spending forecast to about $26 "
        "million from $30 million.",
    )
    assert [f["company"] for f in facts] == ["USPH"]


def test_a_half_written_before_its_fiscal_year_is_that_years_half():
    from extractors.periods import find_periods

    found = find_periods("1H FY3/27 capex was ¥71.5bn", date(2026, 11, 16))
    assert [(p.year, p.quarter) for p in found] == [(2027, None)]


NOTE = (
    "Capex comps (US$m)\n\n"
    "| Company | FY3/26 A | 1H FY3/27 A | FY3/27 plan (prior) | FY3/27 plan (new) |\n"
    "|---|---|---|---|---|\n"
    "| Kessler Motors (KSLM) | 987 | 477 | 1,133 | 1,033 |\n"
)


def test_a_march_years_plan_columns_give_the_new_plan_its_prior(nlp):
    facts = _capex(nlp, NOTE, doc_type="other")
    found = {(f["fiscal_year"], f["low_usd"], f["kind"], f["prior_low_usd"]) for f in facts}
    assert found == {
        (2026, 987e6, "actual", None),
        (2027, 477e6, "actual", None),
        (2027, 1033e6, "guidance", 1133e6),
    }


def _ads(nlp, text: str) -> list[tuple]:
    doc = Document(
        url="https://example.test/dc-ads",
        source="test",
        text=text,
        published=date(2026, 11, 5),
        ticker="LNDR",
        doc_type="news",
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    return [
        (a["metric"], a["direction"], a["change_pct"], a["value"])
        for a in result.to_format()["ad_claims"]
    ]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Avg cost per click lenders paid +7% y/y, per the call.", ("ad_price", "up", 7.0, None)),
        (
            "Cost per new patient start on brand campaigns -9% y/y.",
            ("conversions", "down", -9.0, None),
        ),
        (
            "Sponsored listings revenue was $64M in Q3, +31% y/y.",
            ("ad_revenue", "up", 31.0, 64e6),
        ),
        (
            "Brands earned ~$12 in incremental sales for every $1 of media in Q3, up from ~$10.",
            ("roas", "up", None, 12.0),
        ),
    ],
)
def test_shorthand_ad_claims_read_their_sign_and_level(nlp, text, claim):
    assert _ads(nlp, text) == [claim]
