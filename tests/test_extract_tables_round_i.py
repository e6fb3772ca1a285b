"""Capex tables of round I: a prior and a new outlook column for one year beside other period
columns ("Ticker  2025A  2026 prior  2026 guide  2027E"), the forms such a pair takes
("Prior 2026", "2026 (prev.)", "2026 prior guide"), captions that explain the column labels,
tickers as row labels, and tables of earlier outlooks ("Previous 2026 outlook") whose rows
are the prior ranges of the outlook the prose gives. Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

from extract_helpers import capex_rows, extract

PUBLISHED = date(2026, 2, 20)
FIELDS = (
    "company",
    "fiscal_year",
    "low_usd",
    "high_usd",
    "kind",
    "revision",
    "prior_low_usd",
    "prior_high_usd",
)


def facts(nlp, text: str, ticker: str | None = None, published: date = PUBLISHED) -> set[tuple]:
    """(company, year, low, high, kind, revision, prior low, prior high), in billions."""
    return set(capex_rows(extract(nlp, text, published, ticker), *FIELDS))


def test_plain_table_with_a_prior_and_a_guide_column_among_period_columns(nlp):
    text = (
        "Where the 2026 capital budgets landed ($ in billions; A = actual, guide = management, "
        "E = our forecasts)\n"
        "\n"
        "Ticker   2025A   2026 prior   2026 guide   2027E\n"
        "DUK      13.1    14.0-14.5    15.0         16.2\n"
        "AEP      8.4     9.0          8.8          9.5\n"
        "F        8.0     8.0-9.0      8.0-9.0      9.0\n"
        "\n"
        "Utilities lifted plans on load growth; Ford held its range.\n"
    )
    assert facts(nlp, text) == {
        ("DUK", 2025, 13.1, 13.1, "actual", None, None, None),
        ("DUK", 2026, 15.0, 15.0, "guidance", "raised", 14.0, 14.5),
        ("DUK", 2027, 16.2, 16.2, "estimate", None, None, None),
        ("AEP", 2025, 8.4, 8.4, "actual", None, None, None),
        ("AEP", 2026, 8.8, 8.8, "guidance", "lowered", 9.0, 9.0),
        ("AEP", 2027, 9.5, 9.5, "estimate", None, None, None),
        ("F", 2025, 8.0, 8.0, "actual", None, None, None),
        ("F", 2026, 8.0, 9.0, "guidance", "reaffirmed", 8.0, 9.0),
        ("F", 2027, 9.0, 9.0, "estimate", None, None, None),
    }


def test_markdown_table_with_prior_before_the_year_and_a_bare_new_year(nlp):
    text = (
        "Capex tracker (US$ bn)\n"
        "\n"
        "| Ticker | 2025A | Prior 2026 | 2026 | 2027E |\n"
        "|---|---|---|---|---|\n"
        "| CSX | 2.5 | 2.4 | 2.6 | 2.7 |\n"
        "| UNP | 3.4 | 3.3-3.5 | 3.4 | 3.6 |\n"
    )
    assert facts(nlp, text) == {
        ("CSX", 2025, 2.5, 2.5, "actual", None, None, None),
        ("CSX", 2026, 2.6, 2.6, "guidance", "raised", 2.4, 2.4),
        ("CSX", 2027, 2.7, 2.7, "estimate", None, None, None),
        ("UNP", 2025, 3.4, 3.4, "actual", None, None, None),
        ("UNP", 2026, 3.4, 3.4, "guidance", "narrowed", 3.3, 3.5),
        ("UNP", 2027, 3.6, 3.6, "estimate", None, None, None),
    }


def test_prev_and_new_in_brackets(nlp):
    text = (
        "Capital expenditure outlooks ($bn)\n"
        "\n"
        "| Ticker | 2026 (prev.) | 2026 (new) |\n"
        "|---|---|---|\n"
        "| NUE | 3.0-3.5 | 3.5-4.0 |\n"
    )
    assert facts(nlp, text) == {("NUE", 2026, 3.5, 4.0, "guidance", "raised", 3.0, 3.5)}


def test_prior_guide_pair_beside_a_later_years_guide(nlp):
    text = (
        "Capex plans ($ in billions)\n"
        "\n"
        "| Ticker | 2026 prior guide | 2026 guide | 2027 guide |\n"
        "|---|---|---|---|\n"
        "| NEE | 24 | 26 | 28 |\n"
    )
    assert facts(nlp, text) == {
        ("NEE", 2026, 26.0, 26.0, "guidance", "raised", 24.0, 24.0),
        ("NEE", 2027, 28.0, 28.0, "guidance", None, None, None),
    }


def test_a_caption_explaining_the_labels_does_not_set_the_kinds(nlp):
    """The caption names estimates and reported figures; each column keeps its own kind
    (a bare future year is guidance, a bare past year actual)."""
    text = (
        "Capital spending (in billions of dollars; E = our estimates, A = reported)\n"
        "\n"
        "| Ticker | 2024 | 2025A | 2026 | 2027E |\n"
        "|---|---|---|---|---|\n"
        "| DUK | 12.3 | 13.1 | 15.0 | 16.0 |\n"
    )
    assert facts(nlp, text) == {
        ("DUK", 2024, 12.3, 12.3, "actual", None, None, None),
        ("DUK", 2025, 13.1, 13.1, "actual", None, None, None),
        ("DUK", 2026, 15.0, 15.0, "guidance", None, None, None),
        ("DUK", 2027, 16.0, 16.0, "estimate", None, None, None),
    }


RELEASE = date(2026, 8, 5)


def test_a_table_captioned_as_earlier_guidance_gives_the_prose_outlook_its_prior(nlp):
    text = (
        "Acme Widgets updates its outlook\n"
        "\n"
        "For fiscal 2026, Acme now expects capital expenditures of $1.4 billion to $1.6 "
        "billion as it adds a second assembly line.\n"
        "\n"
        "Previous fiscal 2026 outlook (as provided on March 3, 2026)\n"
        "\n"
        "| Item | Outlook |\n"
        "|---|---|\n"
        "| Net sales growth | 4% - 6% |\n"
        "| Capital expenditures | $1.1 - $1.3 billion |\n"
    )
    assert facts(nlp, text, "ACME", RELEASE) == {
        ("ACME", 2026, 1.4, 1.6, "guidance", "raised", 1.1, 1.3),
    }


def test_a_prior_outlook_column_alone_is_an_earlier_outlook(nlp):
    """No caption: the one figure column says "Prior outlook"; the prose's revision word
    stays."""
    text = (
        "Acme lowered its 2026 capex plan to about $900 million.\n"
        "\n"
        "| 2026 | Prior outlook |\n"
        "|---|---|\n"
        "| Capital expenditures | $1.0 billion |\n"
    )
    (fact,) = facts(nlp, text, "ACME", RELEASE)
    assert fact[:5] == ("ACME", 2026, 0.9, 0.9, "guidance")
    assert fact[6:] == (1.0, 1.0)


def test_an_earlier_outlook_table_alone_gives_no_fact(nlp):
    """Without a new outlook in the text, the earlier one is still not a fact of its own."""
    text = (
        "Acme reported second-quarter revenue of $2.2 billion.\n"
        "\n"
        "Prior 2026 guidance\n"
        "\n"
        "| Metric | Guidance |\n"
        "|---|---|\n"
        "| Capital expenditures | $1.1 - $1.3 billion |\n"
        "| Free cash flow | $0.8 - $0.9 billion |\n"
    )
    assert facts(nlp, text, "ACME", RELEASE) == set()


def test_a_table_comparing_figures_with_the_prior_outlook_is_not_earlier_outlooks(nlp):
    """A caption that merely mentions the prior outlook keeps its table's own facts."""
    text = (
        "2026 outlook versus prior ($ in millions)\n"
        "\n"
        "| | Current | Prior |\n"
        "|---|---|---|\n"
        "| Capital expenditures | 1,400-1,600 | 1,100-1,300 |\n"
    )
    assert facts(nlp, text, "ACME", RELEASE) == {
        ("ACME", 2026, 1.4, 1.6, "guidance", "raised", 1.1, 1.3),
    }


def test_a_prior_column_without_a_new_one_is_no_fact(nlp):
    text = (
        "Capex by company ($ in billions)\n"
        "\n"
        "| Ticker | 2025A | 2026 prior | 2027E |\n"
        "|---|---|---|---|\n"
        "| CSX | 2.5 | 2.4 | 2.7 |\n"
    )
    assert facts(nlp, text) == {
        ("CSX", 2025, 2.5, 2.5, "actual", None, None, None),
        ("CSX", 2027, 2.7, 2.7, "estimate", None, None, None),
    }
