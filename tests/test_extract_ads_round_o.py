"""Ad-performance wording found among the extractor's misses, written anew for the test: a
decline stated after a longer metric name, a change written as a comparison ("18% lower
than"), approximate changes ("~30%"), returns per dollar spent, and multiples ("tripled")."""

from __future__ import annotations

from datetime import date

from extract_helpers import extract


def claims(nlp, text: str) -> list[tuple]:
    result = extract(nlp, text, date(2026, 11, 5), "SIRI")
    return [
        (c.metric, c.direction, c.change_pct, c.from_value, c.to_value, c.value)
        for c in result.ad_claims
    ]


def test_a_decline_after_a_longer_metric_name_is_negative(nlp):
    text = "Advertising sales revenue decreased 6.4% year over year to $388 million."
    assert claims(nlp, text) == [("ad_revenue", "down", -6.4, None, None, 388e6)]


def test_a_change_written_as_a_comparison_after_the_metric(nlp):
    text = "Brands in the beta paid a cost per action that was 18% lower than a year ago."
    assert claims(nlp, text) == [("conversions", "down", -18.0, None, None, None)]


def test_an_approximate_change(nlp):
    text = "Early testers saw cost per purchase fall ~30% over their first two months."
    assert claims(nlp, text) == [("conversions", "down", -30.0, None, None, None)]


def test_returns_per_dollar_they_spend(nlp):
    text = (
        "Merchants on the platform now get about $5.10 in sales for every dollar they spend, "
        "up from $4.70 a year ago."
    )
    assert claims(nlp, text) == [("roas", "up", None, 4.7, 5.1, 5.1)]


def test_returns_per_one_dollar_in_shorthand(nlp):
    assert claims(nlp, "Shopping-ads ROAS ~$3.90 per $1 in the test cohort.") == [
        ("roas", None, None, None, None, 3.9)
    ]


def test_a_multiple_with_a_hedge_is_a_rise(nlp):
    assert claims(nlp, "Conversions roughly tripled year over year.") == [
        ("conversions", "up", None, None, None, None)
    ]
