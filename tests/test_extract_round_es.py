"""Session 26 fixes: a rival's figure in a results story ("Rival X Corp, by contrast, cut
..."), a company named in full once and by a short name news otherwise never reads alone,
an appositive that names another company before the verb, figures paired with companies
"respectively", an earlier outlook given in the next sentence, and names the SEC files
surname first. Texts written for these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from extractors.gazetteer import _uninverted
from tests.extract_helpers import capex_facts, fact_rows, tickers

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


def test_a_list_of_companies_and_as_many_figures_pair_respectively(nlp):
    text = (
        "Caterpillar, Deere and Honeywell spent $1.1 billion, $0.9 billion and $0.4 billion"
        " on capital expenditures in the third quarter, respectively."
    )
    facts = _capex(nlp, text)
    assert fact_rows(facts, "company", "low_usd") == {
        ("CAT", 1.1e9),
        ("DE", 0.9e9),
        ("HON", 0.4e9),
    }


def test_respectively_with_fewer_figures_than_companies_pairs_nothing(nlp):
    text = (
        "Caterpillar, Deere and Honeywell spent $1.1 billion and $0.9 billion on capital"
        " expenditures in the third quarter and first half, respectively."
    )
    facts = _capex(nlp, text)
    assert ("DE", 0.9e9) not in fact_rows(facts, "company", "low_usd")


@pytest.mark.parametrize(
    "earlier",
    [
        "It had previously expected to spend $60 million to $65 million.",
        "The company's previous outlook for capital expenditures was $60 million to $65 million.",
    ],
)
def test_an_earlier_outlook_in_the_next_sentence_is_the_figures_prior(nlp, earlier):
    text = (
        "Kaman Corp lowered its 2026 capital expenditure forecast to $48 million, saying it"
        f" would defer a new test facility until 2027. {earlier}"
    )
    facts = _capex(nlp, text)
    assert fact_rows(
        facts, "fiscal_year", "low_usd", "revision", "prior_low_usd", "prior_high_usd"
    ) == {(2026, 48e6, "lowered", 60e6, 65e6)}


def test_an_earlier_outlook_naming_another_year_stays_a_fact_of_its_own(nlp):
    text = (
        "Kaman Corp lowered its 2026 capital expenditure forecast to $48 million. It had"
        " previously expected to spend $60 million to $65 million in 2027."
    )
    facts = _capex(nlp, text)
    assert (2027, 60e6) in fact_rows(facts, "fiscal_year", "low_usd")


@pytest.mark.parametrize(
    ("name", "ticker"),
    [
        ("D.R. Horton", "DHI"),  # HORTON D R INC
        ("J.B. Hunt", "JBHT"),  # HUNT J B TRANSPORT SERVICES INC
        ("J.B. Hunt Transport Services", "JBHT"),
        ("T. Rowe Price", "TROW"),  # PRICE T ROWE GROUP INC
        ("W.R. Berkley", "WRB"),
        ("Charles Schwab", "SCHW"),  # SCHWAB CHARLES CORP: a given name, kept by hand
        ("Schwab", "SCHW"),
    ],
)
def test_names_the_sec_files_surname_first_are_found_as_news_writes_them(nlp, name, ticker):
    assert tickers(nlp, f"{name} raised its forecast on Tuesday.") == [ticker]


def test_a_legal_form_spelt_apart_is_no_initials():
    assert _uninverted("Telefonica S A") == []
    assert _uninverted("Natuzzi S P A") == []
    assert _uninverted("Air T") == []


def test_a_year_ago_figure_past_a_net_of_aside_is_kept(nlp):
    """The look-alike in "net of truck and trailer sales" qualifies the quarter's figure,
    which is kept; the year-ago figure it is compared with is the same measure."""
    text = (
        "Heartland Express Inc cut its 2026 capital spending plan to $90 million. It spent"
        " $16.2 million, net of truck and trailer sales, in the third quarter, compared with"
        " $28.7 million a year earlier."
    )
    rows = fact_rows(_capex(nlp, text), "fiscal_year", "fiscal_quarter", "low_usd")
    assert {(2026, 3, 16.2e6), (2025, 3, 28.7e6)} <= rows


def test_a_year_ago_figure_of_a_look_alike_is_not_kept(nlp):
    text = (
        "Heartland Express Inc cut its 2026 capital spending plan to $90 million. It spent"
        " $16.2 million in the third quarter, compared with revenue of $280.7 million a year"
        " earlier."
    )
    assert 280.7e6 not in {f["low_usd"] for f in _capex(nlp, text)}


_TRACKER = """Quarterly capex tracker

Capex by calendar quarter (US$ m; A = actual, E = our estimate)

| Company (FY end) | Mar-26 | Jun-26 | Sep-26 | Dec-26 | FY guide |
|---|---|---|---|---|---|
| Deere (DE, Oct) | 310A | 330A | 350A | 360E | 1,300-1,400 |
| Caterpillar (CAT, Dec)* | 420A | 440A | 450A | 470E | ~1,800 |

* footnote: guide as of the third-quarter call.
"""


def test_calendar_month_columns_are_each_rows_own_fiscal_quarters(nlp):
    """ "Mar-26" is the quarter that ended in March 2026: Caterpillar's first, Deere's
    second of its fiscal 2026 (an October year); a footnote mark after the label keeps the
    label's year-end."""
    facts = _capex(nlp, _TRACKER)
    rows = fact_rows(facts, "company", "fiscal_year", "fiscal_quarter", "low_usd", "kind")
    assert {
        ("CAT", 2026, 1, 420e6, "actual"),
        ("CAT", 2026, 4, 470e6, "estimate"),
        ("DE", 2026, 2, 310e6, "actual"),
        ("DE", 2027, 1, 360e6, "estimate"),  # December 2026 is in Deere's fiscal 2027
    } <= rows


def test_a_month_and_day_column_is_no_month_and_year():
    from extractors.tables import _MONTH_YEAR_HEAD

    assert _MONTH_YEAR_HEAD.match("Mar-26")
    assert _MONTH_YEAR_HEAD.match("Sep 2026")
    assert not _MONTH_YEAR_HEAD.match("October 31")  # "Three months ended October 31"
    assert not _MONTH_YEAR_HEAD.match("Jun 26")


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        (
            "Capital expenditures were $4.7 million in the third quarter of fiscal 2027 and"
            " $14.8 million in the first nine months of fiscal 2027, compared with $6.2 million"
            " and $21.6 million, respectively, in the prior-year periods.",
            {(2026, 3, 6.2e6), (2026, None, 21.6e6)},
        ),
        (
            "Capital expenditures were $78.4 million in the fourth quarter and $262.7 million"
            " for fiscal 2026, compared with $71.2 million and $232.5 million, respectively, in"
            " fiscal 2025.",
            {(2025, 4, 71.2e6), (2025, None, 232.5e6)},
        ),
        (
            "Capital expenditures were $9.8 million and $24.1 million for the third quarter and"
            " first thirty-nine weeks of fiscal 2026, respectively, compared with $11.5 million"
            " and $30.6 million in the comparable periods of fiscal 2025.",
            {(2026, 3, 9.8e6), (2026, None, 24.1e6), (2025, 3, 11.5e6), (2025, None, 30.6e6)},
        ),
    ],
)
def test_compared_figures_take_their_counterparts_periods(nlp, sentence, earlier):
    facts = capex_facts(nlp, sentence, "KMB", "10-Q", date(2026, 11, 20))
    assert earlier <= fact_rows(facts, "fiscal_year", "fiscal_quarter", "low_usd")


_YEN_NOTE = """Japan components | 1H wrap

TDK Corp (TTDKY) kept its capex plan for the year.

Capex (¥bn; US$m at ¥150/US$ in brackets)

| Company (FY) | 2Q A (Jul-Sep) | FY plan current | Next FY cons. |
|---|---|---|---|
| TDK (FY3/27) | 64.1 (427) | 270.0 (1,800) | 280.0 (1,867) |
"""


def test_a_row_labelled_fy3_27_runs_to_march_2027(nlp):
    """A Japanese filer's "(FY3/27)" label: the year ending in March 2027, whose second
    quarter is July to September 2026; each cell is read as the dollars in its brackets."""
    facts = _capex(nlp, _YEN_NOTE)
    assert {("TTDKY", 2027, 2, 427e6), ("TTDKY", 2027, None, 1.8e9)} <= fact_rows(
        facts, "company", "fiscal_year", "fiscal_quarter", "low_usd"
    )


def test_dollars_first_with_another_currency_in_brackets_keeps_the_dollars(nlp):
    text = (
        "Capex tracker (US$m; C$m in brackets for Emera)\n\n"
        "| Company | 2025A | 2026 guide |\n|---|---|---|\n"
        "| Emera Inc (EMRAF) | 2,551 (3,520) | 2,971 (4,100) |\n"
    )
    rows = fact_rows(_capex(nlp, text), "fiscal_year", "low_usd")
    assert {(2025, 2551e6), (2026, 2971e6)} <= rows
    assert not any(v in (3520e6, 4100e6) for _, v in rows)


def test_a_half_named_by_its_months_is_that_half_year():
    from extractors.periods import find_periods

    found = find_periods("It spent $3.1 billion in the April-September half.", date(2026, 11, 6), 3)
    assert [(p.year, p.quarter) for p in found] == [(2027, None)]


def test_two_periods_that_each_name_fiscal_pair_with_two_figures(nlp):
    text = (
        "Capital expenditures were $112.9 million and $96.1 million in the first quarters of"
        " fiscal 2027 and fiscal 2026, respectively, partially offset by proceeds from the sale"
        " of property of $8.2 million in the first quarter of fiscal 2027."
    )
    facts = capex_facts(nlp, text, "CAG", "10-Q", date(2026, 10, 1))
    assert {(2027, 1, 112.9e6), (2026, 1, 96.1e6)} <= fact_rows(
        facts, "fiscal_year", "fiscal_quarter", "low_usd"
    )


def test_the_quarter_and_year_to_date_named_before_two_figures_pair_in_order(nlp):
    text = (
        "Capital expenditures for the three and nine months ended September 30, 2026 were"
        " $41.8 million and $117.5 million, respectively."
    )
    facts = capex_facts(nlp, text, "GVA", "10-Q", date(2026, 11, 6))
    assert fact_rows(facts, "fiscal_year", "fiscal_quarter", "low_usd") == {
        (2026, 3, 41.8e6),
        (2026, None, 117.5e6),
    }


_SNAPSHOT = """Capex snapshot (US$ m)

| | Caterpillar (CAT) | Deere (DE) |
|---|---|---|
| Last FY (A) | 3,200 | 1,400 |
| Current FY guide | ~3,500 | 1,500-1,600 |
| Prior guide | ~3,300 | 1,500-1,600 |
| Next FY (cons.) | 3,700 | 1,650 |
| Advertising, last FY | 500 | 300 |
"""


def test_companies_as_columns_with_rows_relative_to_each_year(nlp):
    """Rows named relative to each company's year under way ("Last FY (A)", "Current FY
    guide", "Next FY (cons.)"), a "Prior guide" row as the current guide's prior, and no
    facts from another metric's row."""
    facts = _capex(nlp, _SNAPSHOT)
    rows = fact_rows(facts, "company", "fiscal_year", "low_usd", "kind", "prior_low_usd")
    assert {
        ("CAT", 2025, 3.2e9, "actual", None),
        ("CAT", 2026, 3.5e9, "guidance", 3.3e9),
        ("CAT", 2027, 3.7e9, "estimate", None),
    } <= rows
    assert not any(low in (500e6, 300e6) for _, _, low, _, _ in rows)


def test_a_ticker_a_wire_introduces_with_its_exchange_is_that_company(nlp):
    """ "Meritage Hospitality Group Inc. (OTCQX: MHGU)": a company the snapshot does not
    list, introduced with its exchange and ticker; its first word stays that company's,
    not the listed company whose name opens the same ("Meritage Homes")."""
    text = (
        "Meritage Hospitality Group Inc. (OTCQX: MHGU) raised its 2026 capital spending"
        " outlook to $45 million to $50 million. Meritage spent $11.3 million on capital"
        " expenditures in the second quarter."
    )
    facts = _capex(nlp, text)
    assert {f["company"] for f in facts} == {"MHGU"}


def test_a_position_between_respective_figures_is_read_the_usual_way():
    from extractors.context import Sent

    sent = Sent.build(
        "Caterpillar, Deere and Honeywell spent $1.1 billion, in the quarter $0.9 billion and"
        " $0.4 billion, respectively.",
        mentions=[(0, 11, "CAT"), (13, 18, "DE"), (23, 32, "HON")],
    )
    between = sent.text.index("in the quarter")
    assert sent._respective(between) is None
    assert sent.company_at(sent.amounts[1].start) == "DE"
