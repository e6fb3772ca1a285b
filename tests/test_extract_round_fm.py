"""Session 27 fixes: a newsletter's section headed by a ticker alone ("## MXL"), the Street's
and a writer's own numbers in labelled lists ("Street 2027: PK ~$250M, RLJ ~$90M", "me:
$28M"), unit lines in tables ("| | US$m | ..." under a company's local-currency line) and a
"Ticker" row naming a snapshot's columns, short names used again ("Old Dominion", "UGI"),
a wire's dateline credit, periods shared by a "respectively" list or owned by a compared
figure in another currency, and businesses bought, which are no capex. Texts written for
these tests."""

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


_THREAD = (
    "Hotel REIT capex check after 3Q26.\n\n"
    "- PK FY26 capex guide $230-250M, held.\n"
    "- RLJ FY26 capex $80-90M.\n\n"
    "{filler}\n\n"
    "{street}"
)
# views between the figures and the Street's: far more than a few sentences away
_FILLER = "\n\n".join(
    [
        "the renovated rooms run RevPAR well above the old ones, which is the return.",
        "sure, on one tower, while the group keeps selling hotels to pay for it.",
        "the converted Pittsburgh hotel is already earning a fine yield on cost.",
        "or they simply do not have the money with debt maturing by 2028.",
        "long PK, watching SHO, and nobody should read this as advice of any kind.",
    ]
)


@pytest.mark.parametrize(
    "street",
    [
        "Street 2027: PK ~$250M, RLJ ~$90M.",
        "8/ Street 2027: PK ~$250M; RLJ ~$90M.",
        "Street: PK 2027 ~$250M; RLJ 2027 ~$90M.",
        "Street 2027 capex: PK ~$250M, RLJ FY27 ~$90M.",
    ],
)
def test_a_labelled_street_list_far_from_the_capex_words_is_each_companys_estimate(nlp, street):
    text = _THREAD.format(filler=_FILLER, street=street)
    rows = fact_rows(_capex(nlp, text), "company", "fiscal_year", "low_usd", "kind")
    assert ("PK", 2027, 250e6, "estimate") in rows
    assert ("RLJ", 2027, 90e6, "estimate") in rows


def test_a_street_label_without_figures_nearby_for_another_metric_is_no_capex(nlp):
    """A Street line about revenue names its metric: no capex fact."""
    text = _THREAD.format(filler=_FILLER, street="Street 2027 revenue: PK ~$2.6B, RLJ ~$1.4B.")
    assert not [f for f in _capex(nlp, text) if f["fiscal_year"] == 2027]


def test_the_writers_own_figure_after_the_street_is_an_estimate(nlp):
    text = (
        "- AMKR FY26 capex guide now ~$900M (was ~$850M).\n\n"
        "Street 2027: AMKR ~$950M. me: AMKR $1.05B."
    )
    rows = fact_rows(_capex(nlp, text), "company", "fiscal_year", "low_usd", "kind")
    assert ("AMKR", 2027, 1.05e9, "estimate") in rows


def test_a_data_provider_in_brackets_after_a_figure_is_not_the_spender(nlp):
    text = "- ASTS FY26 capex guide raised to $1.0-1.1B.\n- Street: ~$1.2B for FY27 (FactSet)."
    rows = fact_rows(_capex(nlp, text, ticker="ASTS"), "company", "fiscal_year", "low_usd")
    assert ("ASTS", 2027, 1.2e9) in rows
    assert not [r for r in rows if r[0] == "FDS"]


def test_a_unit_row_with_no_label_is_the_company_of_the_row_above(nlp):
    """ "| | US$m | 877 | ..." under "| Cenovus (CVE) | C$m | 1,210 | ...": the dollar line
    of the company above, not the note's subject."""
    text = (
        "Canadian oils | 3Q26 capex review\n\n"
        "Cenovus Energy (CVE) and Suncor Energy (SU) reported this week.\n\n"
        "Capex (C$m; US$m line at C$1.38)\n\n"
        "| | | 3Q25 A | 3Q26 A | 2027E ours |\n"
        "|---|---|---|---|---|\n"
        "| Cenovus (CVE) | C$m | 1,210 | 1,340 | 5,200 |\n"
        "| | US$m | 877 | 971 | 3,768 |\n"
        "| Suncor (SU) | C$m | 1,480 | 1,390 | 5,400 |\n"
        "| | US$m | 1,072 | 1,007 | 3,913 |\n"
    )
    rows = fact_rows(_capex(nlp, text, ticker="CVE"), "company", "fiscal_year", "low_usd")
    assert ("SU", 2026, 1007e6) in rows
    assert ("SU", 2027, 3913e6) in rows
    assert ("CVE", 2026, 1007e6) not in rows
    # the Canadian-dollar line of each company is no fact beside its US$ line
    assert not {r for r in rows if r[2] in (1340e6, 1390e6, 5200e6, 5400e6)}


def test_a_full_names_first_two_words_again_are_that_company(nlp):
    """ "Old Dominion" after "Old Dominion Freight Line Inc" is the trucker, not the
    utility whose name "Dominion" alone reads as."""
    text = (
        "Saia Inc cut its 2026 capital spending forecast on Thursday, while Old Dominion"
        " Freight Line Inc kept its budget.\n\n"
        "Old Dominion kept its 2026 capital expenditure forecast at about $450 million, the"
        " figure it gave in July."
    )
    rows = fact_rows(_capex(nlp, text), "company", "low_usd")
    assert ("ODFL", 450e6) in rows
    assert ("D", 450e6) not in rows


@pytest.mark.parametrize(
    "sentence",
    [
        "Fiserv also agreed to buy a merchant-acquiring business in Brazil for about $450"
        " million, which it will report as an acquisition.",
        "It also paid $61 million for a network of terminals from a bankrupt carrier, which it"
        " reported as an acquisition.",
        "Hawkins also spent $45 million buying two water-treatment distributors in Texas.",
    ],
)
def test_buying_a_business_after_capex_sentences_is_no_capex(nlp, sentence):
    text = (
        "Fiserv Inc cut its 2026 capital spending forecast to about $1.55 billion. Analysts on"
        f" average expect it to spend about $1.6 billion in 2027. {sentence}"
    )
    lows = {f["low_usd"] for f in _capex(nlp, text, ticker="FISV")}
    assert lows == {1.55e9, 1.6e9}


def test_tickers_changed_since_the_sec_map_are_the_new_ones(nlp):
    text = "Block Inc raised its 2026 capital expenditure forecast to $260 million to $280 million."
    assert fact_rows(_capex(nlp, text), "company") == {("XYZ",)}


def test_a_ticker_row_names_the_columns_of_a_snapshot(nlp):
    """Columns headed by names the gazetteer does not read alone ("Alexandria") take the
    tickers of the "| Ticker | ... |" row under them."""
    text = (
        "REITs | Capex snapshot after 3Q26\n\n"
        "Capex snapshot (US$ m)\n\n"
        "| | American Tower | Ventas | Alexandria |\n"
        "|---|---|---|---|\n"
        "| Ticker | AMT | VTR | ARE |\n"
        "| 3Q26 (A) | 412 | 262 | 352 |\n"
        "| 2027E (cons.) | 1,750 | 1,100 | 1,200 |\n"
    )
    rows = fact_rows(_capex(nlp, text), "company", "fiscal_year", "low_usd")
    assert {("AMT", 2026, 412e6), ("VTR", 2026, 262e6), ("ARE", 2026, 352e6)} <= rows
    assert ("ARE", 2027, 1200e6) in rows


def test_a_name_that_is_its_own_ticker_is_named_again_alone(nlp):
    """ "UGI Corp" in the lead and "UGI, the ...-based owner ..." later: UGI's own name,
    which is also its ticker."""
    text = (
        "Spire Inc and UGI Corp gave their first capital spending forecasts for fiscal 2027.\n\n"
        "Spire expects capital expenditures of about $1.25 billion in fiscal 2027.\n\n"
        "UGI, the King of Prussia, Pennsylvania-based owner of gas utilities, expects capital"
        " expenditures of $1.0 billion to $1.1 billion in fiscal 2027."
    )
    rows = fact_rows(_capex(nlp, text), "company", "low_usd")
    assert ("UGI", 1.0e9) in rows


def test_the_wire_credited_in_a_dateline_is_no_company(nlp):
    """ "Nov 5 (Gulfport Commodities Wire) -": the agency's name is no mention of Gulfport
    Energy, so the story's own company stays its subject."""
    text = (
        "Nov 5 (Gulfport Commodities Wire) - Mosaic Co kept its capital spending forecast for"
        " the year unchanged on Wednesday.\n\n"
        "The Tampa, Florida-based company still expects capital expenditures of $1.1 billion to"
        " $1.2 billion in 2026.\n\n"
        "It spent $281 million in the third quarter."
    )
    rows = fact_rows(_capex(nlp, text, ticker="MOS"), "company", "low_usd")
    assert {("MOS", 1.1e9), ("MOS", 281e6)} <= rows
    assert not {r for r in rows if r[0] == "GPOR"}


def test_a_company_renamed_since_the_sec_map_is_read_by_its_new_name(nlp):
    text = "Labcorp Holdings Inc raised its 2026 capital spending forecast to $560 million."
    assert fact_rows(_capex(nlp, text), "company") == {("LH",)}


def test_a_year_ago_figure_in_another_currency_keeps_its_period(nlp):
    """ "about US$1.98 billion, compared with NT$38.2 billion a year ago": "a year ago" is
    the Taiwan-dollar figure's, so the dollar figure stays the quarter's."""
    text = (
        "Capital expenditure in the third quarter was NT$61.4 billion, about US$1.98 billion,"
        " compared with NT$38.2 billion a year ago."
    )
    rows = fact_rows(
        _capex(nlp, text, ticker="HNHPF"), "company", "fiscal_year", "fiscal_quarter", "low_usd"
    )
    assert rows == {("HNHPF", 2026, 3, 1.98e9)}


@pytest.mark.parametrize(
    ("text", "ticker", "expected"),
    [
        pytest.param(  # a section's Street line and the writer's own figure: its heading's
            "Chip notes.\n\n## SNPS\n\n- FY26 capex $231M.\n- First FY27 guide: ~$260M.\n\n"
            "## HIMX\n\n- Q3 capex $3.9M.\n- FY26 capex guide ~$15M, held.\n"
            "- The optics expansion is ~$40M spread over 2026-2028.\n"
            "- Street FY27 ~$22M. me: $28M, because the line must be ready first.\n",
            "SNPS",
            {("HIMX", 2027, 22e6), ("HIMX", 2027, 28e6)},
            id="section-street-line",
        ),
        pytest.param(  # a period after a "respectively" list is every figure's
            "Xylem Inc raised its 2026 capital spending forecast to $380 million. Analysts on"
            " average expect Xylem and Graco to spend about $370 million and about $45 million"
            " in 2027, respectively, according to FactSet.",
            "XYL",
            {("XYL", 2027, 370e6), ("GGG", 2027, 45e6)},
            id="respectively-period",
        ),
        pytest.param(  # a peer that "stuck with" its forecast is the spender
            "IDEX Corp cut its 2026 capital expenditure forecast to about $85 million. Peer"
            " Graco, meanwhile, stuck with its forecast of about $120 million for the year.",
            "IEX",
            {("GGG", 2026, 120e6)},
            id="peer-stuck-with",
        ),
    ],
)
def test_whose_figure_and_which_year(nlp, text, ticker, expected):
    rows = fact_rows(_capex(nlp, text, ticker=ticker), "company", "fiscal_year", "low_usd")
    assert expected <= rows


def test_a_respectively_list_and_the_list_compared_with_it_pair_in_order(nlp):
    """ "Tenet and Cinemark spent $196 million and $72 million, respectively, in the third
    quarter, compared with $178 million and $94 million a year earlier": each company its
    figures, the first list the quarter named after "respectively", the second a year back."""
    text = (
        "Tenet Healthcare Corp raised its 2026 capital spending forecast. Tenet and Cinemark"
        " spent $196 million and $72 million, respectively, in the third quarter, compared with"
        " $178 million and $94 million a year earlier."
    )
    rows = fact_rows(_capex(nlp, text), "company", "fiscal_year", "fiscal_quarter", "low_usd")
    assert {("THC", 2026, 3, 196e6), ("CNK", 2026, 3, 72e6), ("CNK", 2025, 3, 94e6)} <= rows
