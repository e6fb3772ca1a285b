"""Capex tables of round K: statement tables whose date columns sit under spans with their
length in weeks ("Quarter (13 Weeks) Ended"), outflows in parentheses with the dollar sign in
a cell of its own ("$   (1,020)"), calendar-date headers of a company whose fiscal year is not
the calendar year, one quarter's span over two year columns with category rows under it, an
outlook table with a "Current | Prior (May 2026)" head and no period column, and a legend
that says what a tracker's column labels mean. Every text is written for the test.
"""

from __future__ import annotations

from datetime import date

from extract_helpers import B, capex_rows, extract
from extract_helpers import release_rows as rows


def test_thousands_table_with_spans_in_weeks_and_outflows_in_parentheses(nlp):
    text = (
        "Steel Dynamics posts second-quarter results\n"
        "\n"
        "Selected Cash Flow Information (In thousands)\n"
        "\n"
        "                          Quarter (13 Weeks) Ended  Six Months (26 Weeks) Ended\n"
        "                          July 4, 2026  June 28, 2025  July 4, 2026  June 28, 2025\n"
        "Net cash from operations      402,118       377,940       801,552       760,004\n"
        "Purchases of property, plant and equipment  (215,330)  (240,117)  (430,871)  (498,260)\n"
        "Dividends paid                (71,405)      (69,880)          —        (139,702)\n"
    )
    assert rows(nlp, text, date(2026, 7, 22), "STLD") == {
        ("STLD", 2026, 2, 215.33, 215.33, "actual"),
        ("STLD", 2025, 2, 240.117, 240.117, "actual"),
        ("STLD", 2026, None, 430.871, 430.871, "actual"),
        ("STLD", 2025, None, 498.26, 498.26, "actual"),
    }


def test_calendar_date_headers_are_read_in_the_company_fiscal_year(nlp):
    text = (
        "Salesforce reports third quarter results\n"
        "\n"
        "Free Cash Flow Reconciliation\n"
        "(in millions)\n"
        "                               Three Months Ended      Nine Months Ended\n"
        "                               October 31,             October 31,\n"
        "                               2026        2025        2026        2025\n"
        "Cash provided by operations    $ 1,980     $ 1,720     $ 8,410     $ 7,650\n"
        "Less: Capital expenditures       (148)       (132)       (455)       (421)\n"
        "Free cash flow                 $ 1,832     $ 1,588     $ 7,955     $ 7,229\n"
    )
    assert rows(nlp, text, date(2026, 12, 3), "CRM") == {
        ("CRM", 2027, 3, 148.0, 148.0, "actual"),
        ("CRM", 2026, 3, 132.0, 132.0, "actual"),
        ("CRM", 2027, None, 455.0, 455.0, "actual"),
        ("CRM", 2026, None, 421.0, 421.0, "actual"),
    }


def test_one_quarter_span_over_two_years_and_category_rows_left_out(nlp):
    text = (
        "Verizon second-quarter 2026 results\n"
        "\n"
        "Capital spending by category\n"
        "(dollars in millions)\n"
        "                                  Three Months Ended June 30,\n"
        "                                       2026          2025\n"
        "Wireless network equipment           $  1,210      $  1,355\n"
        "Fiber deployment                          884           790\n"
        "Information systems                       305           288\n"
        "Total capital expenditures           $  2,399      $  2,433\n"
    )
    assert rows(nlp, text, date(2026, 7, 24), "VZ") == {
        ("VZ", 2026, 2, 2399.0, 2399.0, "actual"),
        ("VZ", 2025, 2, 2433.0, 2433.0, "actual"),
    }


def test_a_years_span_over_year_columns_leaves_the_years_as_written(nlp):
    text = (
        "Cash flows were as follows (in millions):\n"
        "\n"
        "                                   Year Ended December 31,\n"
        "                                   2025        2024\n"
        "Capital expenditures               (3,310)     (2,905)\n"
        "Repurchases of common stock        (1,200)     (1,050)\n"
    )
    assert rows(nlp, text, date(2026, 2, 12), "VZ") == {
        ("VZ", 2025, None, 3310.0, 3310.0, "actual"),
        ("VZ", 2024, None, 2905.0, 2905.0, "actual"),
    }


OUTLOOK_TABLE = (
    "                                         Current                Prior (May 2026)\n"
    "Operating cash flow                      $4.0 - $4.6 billion    n/a\n"
    "Net income                               $2.9 - $3.3 billion    not provided\n"
    "Capital expenditures                     ~$0.8 billion          ~$0.95 billion\n"
)


def test_outlook_table_with_a_prior_column_gives_the_prose_figure_its_prior(nlp):
    text = (
        "Analog Devices reports fiscal fourth quarter results\n"
        "\n"
        "Net income for fiscal 2026 was $2.6 billion.\n"
        "\n"
        "Fiscal 2027 Outlook\n"
        "Capital expenditures in fiscal 2027 are planned at about $0.8 billion, less than the "
        "preliminary view shared in May, as a fab expansion moves later.\n"
        "\n" + OUTLOOK_TABLE
    )
    result = extract(nlp, text, date(2026, 11, 24), "ADI", doc_type="press_release")
    got = [
        (
            f.company,
            f.fiscal_year,
            f.fiscal_quarter,
            f.low_usd,
            f.kind,
            f.revision,
            f.prior_low_usd,
            f.prior_high_usd,
        )
        for f in result.capex
    ]
    assert got == [("ADI", 2027, None, 0.8 * B, "guidance", "lowered", 0.95 * B, 0.95 * B)]
    assert result.capex[0].sentence.startswith("Capital expenditures in fiscal 2027")


def test_outlook_table_with_a_prior_column_and_no_prose_figure(nlp):
    text = "Fiscal 2027 Outlook\n\n" + OUTLOOK_TABLE
    result = extract(nlp, text, date(2026, 11, 24), "ADI", doc_type="press_release")
    got = [(f.fiscal_year, f.low_usd, f.kind, f.revision, f.prior_low_usd) for f in result.capex]
    assert got == [(2027, 0.8 * B, "guidance", "lowered", 0.95 * B)]


def test_three_year_columns_with_the_dollar_sign_in_a_cell_of_its_own(nlp):
    text = (
        "Liquidity\n"
        "\n"
        "Selected cash flow data for the fiscal years ended October 31, 2026, October 31, 2025 "
        "and October 31, 2024 (in millions):\n"
        "\n"
        "                                October 31, 2026  October 31, 2025  October 31, 2024\n"
        "Net cash provided by operations  $    4,410       $    3,980       $    4,205\n"
        "Investment in property and equipment  $  (1,020)  $     (815)       $     (760)\n"
        "Dividends                        $  (1,110)       $   (1,090)       $   (1,070)\n"
    )
    assert rows(nlp, text, date(2026, 12, 15), "HPQ") == {
        ("HPQ", 2026, None, 1020.0, 1020.0, "actual"),
        ("HPQ", 2025, None, 815.0, 815.0, "actual"),
        ("HPQ", 2024, None, 760.0, 760.0, "actual"),
    }


def test_a_legend_over_the_tracker_names_the_kind_of_each_column(nlp):
    text = (
        "Semicap customers' capital budgets\n"
        "\n"
        "Each company on its own fiscal year. US$ bn. A = reported; mgmt = company outlook; "
        "E = our numbers; BBG = Bloomberg consensus.\n"
        "\n"
        "| Ticker | FY25A | FY26 mgmt | FY26E | FY26 BBG | Cons. FY27 |\n"
        "|---|---|---|---|---|---|\n"
        "| INTC | 17.9 | 18-20 | 18.5 | 19.1 | 20.0 |\n"
        "| TXN | 4.8 | ~5.0 | 5.2 | 4.9 | 5.5 |\n"
    )
    got = {
        (company, year, low, kind)
        for company, year, _q, low, _h, kind in rows(nlp, text, date(2026, 3, 2))
    }
    assert got == {
        ("INTC", 2025, 17900.0, "actual"),
        ("INTC", 2026, 18000.0, "guidance"),
        ("INTC", 2026, 18500.0, "estimate"),
        ("INTC", 2026, 19100.0, "estimate"),
        ("INTC", 2027, 20000.0, "estimate"),
        ("TXN", 2025, 4800.0, "actual"),
        ("TXN", 2026, 5000.0, "guidance"),
        ("TXN", 2026, 5200.0, "estimate"),
        ("TXN", 2026, 4900.0, "estimate"),
        ("TXN", 2027, 5500.0, "estimate"),
    }


def test_a_date_over_each_year_column_gives_each_its_quarter(nlp):
    """Spans, then "Sept. 30," over every column, then the years: the three-month columns
    are the quarter ending in September, not the fiscal year's last."""
    table = (
        "Cash flows (in millions):\n\n"
        "                      Three Months Ended        Nine Months Ended\n"
        "                      Sept. 30,    Sept. 30,    Sept. 30,    Sept. 30,\n"
        "                      2026         2025         2026         2025\n"
        "Capital expenditures  (512)        (478)        (1,530)      (1,402)\n"
    )
    result = extract(nlp, table, date(2026, 10, 24), "TXN", doc_type="10-Q")
    assert set(capex_rows(result, "fiscal_year", "fiscal_quarter", "low_usd")) == {
        (2026, 3, 0.512),
        (2025, 3, 0.478),
        (2026, None, 1.53),
        (2025, None, 1.402),
    }


def test_outlook_columns_headed_by_the_days_they_were_given(nlp):
    """The later day's column is the new view and the earlier one its prior, even with
    percentage rows between the header and the capex row."""
    text = (
        "The company now expects capital expenditures of $2.1 billion to $2.3 billion "
        "for 2026.\n\n"
        "Full-Year 2026 Guidance\n\n"
        "                        Nov. 4 Guidance      Aug. 5 Guidance\n"
        "Sales                   $18.2B - $18.6B      $18.0B - $18.6B\n"
        "Organic Growth          3% - 4%              2% - 4%\n"
        "Capital Expenditures    $2.1B - $2.3B        $1.9B - $2.3B\n"
    )
    result = extract(nlp, text, date(2026, 11, 4), "EMR", doc_type="press_release")
    rows = capex_rows(result, "fiscal_year", "low_usd", "high_usd", "revision", "prior_low_usd")
    assert rows == [(2026, 2.1, 2.3, "narrowed", 1.9)]  # inside the old range: FORMAT.md
