"""Statement tables as releases and 10-Qs print them: other cash-flow names for capex
("Payments for property, plant and equipment", "Purchases of land, buildings and
equipment"), period-end dates in figures ("11/29/2026"), a row label wrapped onto a second
line, a year-to-date span in a year that does not end in December, and rows that name capex
without being money spent on it. Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

from extract_helpers import M, extract
from extract_helpers import release_rows as rows


def test_payments_for_property_plant_and_equipment_is_capex(nlp):
    text = (
        "Summary of Cash Flows\n"
        "(Dollars in millions)\n"
        "                                              Nine months ended September 30\n"
        "                                                   2026            2025\n"
        "Net cash provided by operating activities         3,118           2,604\n"
        "Payments for property, plant and equipment        (1,406)         (1,187)\n"
        "Proceeds from dispositions                            58              17\n"
    )
    assert rows(nlp, text, date(2026, 10, 29), "LMT") == {
        ("LMT", 2026, None, 1406, 1406, "actual"),
        ("LMT", 2025, None, 1187, 1187, "actual"),
    }


def test_period_end_dates_written_in_figures_under_a_quarter_span(nlp):
    # General Mills' year ends in May: the quarter ended in November is its second.
    text = (
        "Selected Cash Flow Data\n"
        "(In millions)\n"
        "                                                  Quarter Ended\n"
        "                                           11/29/2026        11/30/2025\n"
        "Net cash provided by operating activities      $ 911.0           $ 874.6\n"
        "Purchases of land, buildings and equipment      (163.8)           (141.2)\n"
    )
    assert rows(nlp, text, date(2026, 12, 17), "GIS") == {
        ("GIS", 2027, 2, 163.8, 163.8, "actual"),
        ("GIS", 2026, 2, 141.2, 141.2, "actual"),
    }


def test_a_row_label_wrapped_onto_a_second_line_keeps_its_figures(nlp):
    text = (
        "Capital spending by segment was as follows:\n"
        "\n"
        "                                                Nine Months Ended\n"
        "                                            Sept. 27, 2026   Sept. 28, 2025\n"
        "(in millions)\n"
        "Snacks                                           $ 402.5         $ 377.0\n"
        "Beverages                                           96.1            88.4\n"
        "Total purchases of property, plant,\n"
        "   and equipment                                 $ 498.6         $ 465.4\n"
    )
    result = rows(nlp, text, date(2026, 10, 22), "HSY")
    assert result == {
        ("HSY", 2026, None, 498.6, 498.6, "actual"),
        ("HSY", 2025, None, 465.4, 465.4, "actual"),
    }


def test_a_prose_line_over_a_row_is_not_part_of_its_label(nlp):
    text = (
        "Spending on the new lines is behind plan.\n"
        "                                                   2026          2025\n"
        "(in millions)\n"
        "  revenue from services                          1,204         1,118\n"
        "  capital expenditures                             212           190\n"
    )
    for fact in rows(nlp, text, date(2027, 2, 4), "PNR"):
        assert fact[3] in (212, 190)


def test_a_six_month_span_counts_in_the_fiscal_year_it_ends_in(nlp):
    # FedEx's year ends in May: six months ended November 30, 2026 are fiscal 2027's.
    text = (
        "Condensed Consolidated Statements of Cash Flows\n"
        "For the Six Months Ended November 30, 2026 and 2025\n"
        "(In millions)\n"
        "\n"
        "                                                   2026          2025\n"
        "Investing activities:\n"
        "  Capital expenditures                            (1,915)       (2,140)\n"
        "  Proceeds from asset dispositions and other          41            38\n"
    )
    assert rows(nlp, text, date(2026, 12, 19), "FDX") == {
        ("FDX", 2027, None, 1915, 1915, "actual"),
        ("FDX", 2026, None, 2140, 2140, "actual"),
    }


def test_rows_that_name_capex_but_are_not_money_spent_on_it(nlp):
    text = (
        "Reconciliation of Net Capital Expenditures\n"
        "(in millions)\n"
        "                                                      Three Months Ended\n"
        "                                               March 29, 2026    March 30, 2025\n"
        "Purchases of property, plant and equipment             (288)             (240)\n"
        "Add: Proceeds from grants related to capital\n"
        "  expenditures                                           71                52\n"
        "Capital expenditures included in accounts payable        44                39\n"
        "Net capital expenditures                               (217)             (188)\n"
    )
    figures = {(f[1], f[3]) for f in rows(nlp, text, date(2026, 4, 30), "ON")}
    assert figures == {(2026, 288), (2025, 240), (2026, 217), (2025, 188)}


def test_a_statement_header_carries_over_a_row_between_section_labels(nlp):
    # Best Buy's year ends in late January or the first days of February.
    text = (
        "Consolidated Statements of Cash Flows\n"
        "($ in millions)\n"
        "\n"
        "                                                 Twelve Months Ended\n"
        "                                            Jan 30, 2027    Jan 31, 2026\n"
        "Operating activities\n"
        "  Total cash provided by operating activities     2,305          2,214\n"
        "Investing activities\n"
        "  Additions to property and equipment               (781)          (728)\n"
        "  Purchases of investments                           (52)           (46)\n"
    )
    assert rows(nlp, text, date(2027, 3, 4), "BBY") == {
        ("BBY", 2027, None, 781, 781, "actual"),
        ("BBY", 2026, None, 728, 728, "actual"),
    }


def test_a_low_high_outlook_whose_unit_is_in_each_row_label(nlp):
    text = (
        "The company is providing the following guidance for FY28, the fiscal year ending "
        "January 29, 2028:\n"
        "\n"
        "                                                  Low            High\n"
        "Revenue ($ in billions)                          $42.0          $43.0\n"
        "Adjusted diluted EPS                             $6.90          $7.30\n"
        "Capital expenditures ($ in millions)              $800           $850\n"
    )
    result = extract(nlp, text, date(2027, 3, 4), "BBY", doc_type="press_release")
    assert [(f.fiscal_year, f.low_usd, f.high_usd, f.kind) for f in result.capex] == [
        (2028, 800 * M, 850 * M, "guidance")
    ]
