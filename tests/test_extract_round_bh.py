"""Rounds BH to BK: forms the extractor missed on documents it had not seen (trucking and
logistics filings, software revisions, consumer-staples views, emerging-market issuers in
their own currencies). Texts written for these tests."""

from datetime import date

from tests.extract_helpers import M, extract, keys

NOV = date(2026, 11, 12)


# --- tables ------------------------------------------------------------------------------


def test_a_table_column_headed_in_another_currency_gives_no_dollar_figure(nlp):
    """Only the US$ columns of a table that gives each figure in reais and in dollars."""
    text = (
        "Capital expenditures by segment\n\n"
        "| Capex | 3Q26 R$ million | 3Q26 US$ million | 9M26 R$ million | 9M26 US$ million |\n"
        "|---|---|---|---|---|\n"
        "| Water | 1,210 | 224 | 3,390 | 628 |\n"
        "| Total capital expenditures | 3,050 | 565 | 8,700 | 1,611 |\n"
    )
    found = keys(extract(nlp, text, NOV, "SBS", "press_release"))
    assert ("SBS", 2026, 3, 565 * M, 565 * M, "actual") in found
    assert ("SBS", 2026, None, 1611 * M, 1611 * M, "actual") in found
    assert not {f for f in found if f[3] in (3050 * M, 8700 * M)}


# --- periods -----------------------------------------------------------------------------


def test_a_compared_figure_in_pesos_or_rupees_owns_the_period_after_it(nlp):
    """ "compared with Ps.4,902 million in the third quarter of 2025": the peso figure is no
    amount, but the year-ago quarter is its period, not the dollar figure's."""
    for text in (
        "Capital expenditures reached Ps.5,870 million (US$316 million) in the quarter, "
        "compared with Ps.4,902 million in the third quarter of 2025.",
        "Capital expenditures were R$2.9 billion (US$537 million), compared with "
        "R$2.4 billion in the third quarter of 2025.",
    ):
        found = keys(
            extract(nlp, text, NOV, "KOF", "press_release", title="Third-quarter 2026 results")
        )
        assert {(f[1], f[2]) for f in found} == {(2026, 3)}, text
