"""Statement tables of round N: a bare unit line ("(Millions)"), row labels indented under
section lines ("Less:", "Cash flows from investing activities:"), a header whose label cell
is empty, and year columns under a caption that says the period has ended ("For the Six
Months Ended June 30, 2026 and 2025"). Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

from extract_helpers import M, extract
from extract_helpers import release_rows as rows


def test_a_bare_unit_line_and_an_indented_row_under_a_section_line(nlp):
    text = (
        "Free Cash Flow Reconciliation\n"
        "(Millions)\n"
        "                                 Three Months Ended     Nine Months Ended\n"
        "                                    Sept. 30               Sept. 30\n"
        "                                 2026        2025       2026        2025\n"
        "Net cash from operations       $ 2,410     $ 2,105    $ 6,880     $ 6,012\n"
        "Less:\n"
        "  Capital expenditures           (1,305)       (998)    (3,620)     (2,874)\n"
        "Free cash flow                 $ 1,105     $ 1,107    $ 3,260     $ 3,138\n"
    )
    assert rows(nlp, text, date(2026, 10, 28), "OKE") == {
        ("OKE", 2026, 3, 1305, 1305, "actual"),
        ("OKE", 2025, 3, 998, 998, "actual"),
        ("OKE", 2026, None, 3620, 3620, "actual"),
        ("OKE", 2025, None, 2874, 2874, "actual"),
    }


def test_year_columns_under_an_ended_caption_are_spent_not_planned(nlp):
    text = (
        "Condensed Statements of Cash Flows\n"
        "For the Six Months Ended June 30, 2026 and 2025\n"
        "(Dollars in millions)\n"
        "\n"
        "                                                   2026          2025\n"
        "Cash flows from investing activities:\n"
        "  Purchase of property and equipment              (1,842)       (1,610)\n"
        "  Acquisitions, net of cash acquired                 (95)         (310)\n"
    )
    assert rows(nlp, text, date(2026, 7, 23), "UHS") == {
        ("UHS", 2026, None, 1842, 1842, "actual"),
        ("UHS", 2025, None, 1610, 1610, "actual"),
    }


def test_an_outlook_header_of_words_keeps_its_empty_label_cell(nlp):
    text = (
        "2026 Outlook\n"
        "($ in millions)\n"
        "                              Current          Prior\n"
        "Revenue                       9,100 - 9,300    8,900 - 9,200\n"
        "Capital expenditures          640 - 680        600 - 650\n"
    )
    result = extract(nlp, text, date(2026, 7, 30), "URI", doc_type="press_release")
    (fact,) = result.capex
    assert (fact.fiscal_year, fact.low_usd, fact.high_usd) == (2026, 640 * M, 680 * M)
    assert (fact.prior_low_usd, fact.prior_high_usd) == (600 * M, 650 * M)
    assert fact.revision == "raised"


def test_an_outlook_header_written_on_two_lines(nlp):
    text = (
        "The Company is updating its 2026 guidance as follows:\n"
        "\n"
        "                              Current                 Prior\n"
        "                              Guidance Range          Guidance Range\n"
        "Revenues                      $12.1 to $12.4 billion  $11.9 to $12.3 billion\n"
        "Capital spending              $1.45 to $1.55 billion  $1.3 to $1.4 billion\n"
    )
    result = extract(nlp, text, date(2026, 7, 28), "THC", doc_type="press_release")
    (fact,) = result.capex
    assert (fact.fiscal_year, fact.fiscal_quarter, fact.kind) == (2026, None, "guidance")
    assert (fact.low_usd, fact.high_usd) == (1450 * M, 1550 * M)
    assert (fact.revision, fact.prior_low_usd, fact.prior_high_usd) == (
        "raised",
        1300 * M,
        1400 * M,
    )


def test_a_unit_line_under_the_years_and_millions_of_dollars(nlp):
    """A segment table puts "(In millions)" under its year header; another writes its unit
    as "(Millions of dollars)" over a "Fiscal Year Ended 30 September" head."""
    segments = (
        "Our capital expenditures by segment were as follows:\n"
        "\n"
        "                                   Year Ended December 31,\n"
        "                                   2025            2024\n"
        "                                        (In millions)\n"
        "Gathering                        $ 1,210         $   980\n"
        "Processing                           405             377\n"
        "Total capital expenditures       $ 1,615         $ 1,357\n"
    )
    assert rows(nlp, segments, date(2026, 2, 12), "WMB") >= {
        ("WMB", 2025, None, 1615, 1615, "actual"),
        ("WMB", 2024, None, 1357, 1357, "actual"),
    }
    dollars = (
        "(Millions of dollars)\n"
        "Fiscal Year Ended 30 September                2026            2025\n"
        "Cash used for investing activities        $ 2,880.4       $ 3,102.7\n"
        "Capital expenditures                      $ 2,745.1       $ 2,990.0\n"
    )
    assert rows(nlp, dollars, date(2026, 11, 12), "APD") == {
        ("APD", 2026, None, 2745.1, 2745.1, "actual"),
        ("APD", 2025, None, 2990.0, 2990.0, "actual"),
    }
