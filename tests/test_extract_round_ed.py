"""Session 25 fixes: companies that changed their ticker with their name, and a wire
story's figure that names no company after a company's description. Texts written for
these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

import extractors
from extractors import build_gazetteer, fiscal_calendar
from extractors.build_gazetteer import english_words, mark_alone, renamed
from extractors.gazetteer import Gazetteer
from finclaims.models import Company
from tests.extract_helpers import capex_facts, fact_rows

# (``nlp`` is the session's pipeline, from conftest)
_capex = partial(capex_facts, published=date(2026, 11, 5))


def _row(ticker: str, cik: str, name: str) -> dict:
    return {"ticker": ticker, "cik": cik, "name": name}


def test_a_renamed_company_takes_its_new_ticker_and_keeps_its_old_name():
    listed = [_row("SEAS", "1", "SeaWorld Entertainment, Inc."), _row("HUBB", "2", "HUBBELL INC")]
    newer = [_row("PRKS", "1", "United Parks & Resorts Inc."), _row("HUBB", "2", "HUBBELL INC")]
    rows = renamed(listed, newer)
    assert rows == [
        {
            "ticker": "PRKS",
            "cik": "1",
            "name": "United Parks & Resorts Inc.",
            "former": "SeaWorld Entertainment, Inc.",
        },
        _row("HUBB", "2", "HUBBELL INC"),
    ]


@pytest.mark.parametrize(
    "newer",
    [
        # a blank-check company that merged: several new lines, one of them a warrant
        [_row("DJT", "1", "Trump Media & Technology Group Corp."), _row("DJTWW", "1", "x")],
        # delisted to the over-the-counter market, or bankrupt
        [_row("FTCHF", "1", "Farfetch Ltd")],
        [_row("GOLLQ", "1", "Gol Intelligent Airlines Inc.")],
        # the old ticker is still there
        [_row("OLDT", "1", "Old Name Corp"), _row("NEWT", "1", "New Name Corp")],
    ],
)
def test_no_single_plain_new_ticker_leaves_the_row_as_it_was(newer):
    listed = [_row("OLDT", "1", "Old Name Corp")]
    assert renamed(listed, newer) == listed


def test_a_blank_check_companys_name_is_not_kept_as_a_former_name():
    listed = [_row("RONI", "1", "Rice Acquisition Corp. II")]
    rows = renamed(listed, [_row("NPWR", "1", "NET Power Inc.")])
    assert rows == [_row("NPWR", "1", "NET Power Inc.")]


def test_a_former_one_word_name_stands_alone_like_a_current_one():
    rows = mark_alone(
        [{**_row("CPAY", "1", "CORPAY, INC."), "former": "FLEETCOR TECHNOLOGIES INC"}],
        english_words(),
    )
    assert rows[0].get("former_alone") is None  # two words: matched as a full name
    rows = mark_alone(
        [{**_row("NVRI", "2", "ENVIRI Corp"), "former": "HARSCO CORP"}], english_words()
    )
    assert rows[0]["former_alone"] is True


def test_the_snapshot_knows_renamed_companies_by_new_and_old_names():
    names = Gazetteer.default().names
    assert names["United Parks & Resorts"] == "PRKS"
    assert names["SeaWorld Entertainment"] == "PRKS"
    assert names["World Kinect"] == "WKC"
    assert names["World Fuel Services"] == "WKC"


def test_a_figure_of_a_renamed_company_is_under_its_new_ticker(nlp):
    facts = _capex(
        nlp,
        "World Kinect Corp said it now expects capital expenditures of about $95 million "
        "in 2026. The fuel distributor, formerly World Fuel Services, spent $21 million in "
        "the third quarter.",
    )
    assert fact_rows(facts, "company", "low_usd") == {("WKC", 95e6), ("WKC", 21e6)}


_WIRE = (
    "HOUSTON, Nov 5 (finclaims) - Tarrow Chemical Inc raised its capital spending forecast "
    "on Wednesday, while Benthic Pipe Corp cut its own, as the two Gulf Coast companies "
    "reported quarterly results.\n\n"
    "The Pasadena, Texas-based chemicals maker now expects capital expenditures of $410 "
    "million to $430 million in 2026, up from $360 million to $380 million, as it adds a "
    "second cracker furnace.\n\n"
    "The furnace is expected to start up in the spring of 2028.\n\n"
    "Analysts on average expect the chemicals maker to spend about $450 million next year, "
    "according to LSEG data.\n\n"
    "The Baytown, Texas-based pipe maker cut its 2026 capital budget to $60 million to $65 "
    "million from $70 million to $75 million. It spent $14 million in the third quarter.\n\n"
    "Benthic Pipe shares fell 3% on Wednesday. Benthic Pipe has cut its budget twice this "
    "year, and Benthic Pipe executives said orders from offshore drillers had slowed.\n"
)


@pytest.fixture(scope="module")
def wire_nlp():
    """The pipeline that also knows the made-up companies of this wire story."""
    return extractors.load(
        [
            Company(ticker="TRRW", name="Tarrow Chemical Inc", cik=None),
            Company(ticker="BNTH", name="Benthic Pipe Corp", cik=None),
            Company(ticker="CRVL", name="Corvel Resin Inc", cik=None),
            Company(ticker="DNMR", name="Dunmore Salt Co", cik=None),
        ]
    )


def test_an_estimate_after_a_described_companys_paragraph_is_that_companys(wire_nlp):
    """The story names the pipe maker most, so it is the document's company; the analysts'
    figure, two paragraphs after the chemicals maker's description, is still the chemicals
    maker's, and the next description is the pipe maker's."""
    facts = _capex(wire_nlp, _WIRE)
    assert fact_rows(facts, "company", "fiscal_year", "low_usd", "kind") == {
        ("TRRW", 2026, 410e6, "guidance"),
        ("TRRW", 2027, 450e6, "estimate"),
        ("BNTH", 2026, 60e6, "guidance"),
        ("BNTH", 2026, 14e6, "actual"),
    }


def test_a_company_named_again_moves_the_story_on(wire_nlp):
    named = _WIRE.replace(
        "The Baytown, Texas-based pipe maker cut", "Benthic Pipe Corp, based in Baytown, cut"
    )
    facts = _capex(wire_nlp, named)
    assert ("BNTH", 2026, 14e6) in fact_rows(facts, "company", "fiscal_year", "low_usd")


_OUT_OF_ORDER = (
    "HOUSTON, Nov 5 (finclaims) - Tarrow Chemical Inc and Benthic Pipe Corp raised their "
    "capital spending forecasts on Wednesday, while Corvel Resin Inc kept its budget and "
    "Dunmore Salt Co cut its own.\n\n"
    "The Pasadena, Texas-based chemicals maker now expects capital expenditures of $410 "
    "million to $430 million in 2026, up from $360 million to $380 million.\n\n"
    "The Akron, Ohio- and Toledo, Ohio-based resin maker kept its 2026 capital expenditure "
    "forecast at $90 million to $100 million.\n\n"
    "The Hutchinson, Kansas-based salt holding company cut its 2026 capital budget to $30 "
    "million from $35 million.\n\n"
    "The Baytown, Texas-based pipe maker raised its 2026 capital budget to $70 million to "
    "$75 million, from $60 million to $65 million.\n"
)


def test_each_description_is_the_lead_company_that_did_what_it_says(wire_nlp):
    """The lead groups the companies by what they did; the descriptions come in another
    order, each matching its company's action ("holding company" is no "hold")."""
    facts = _capex(wire_nlp, _OUT_OF_ORDER)
    assert fact_rows(facts, "company", "low_usd", "revision") == {
        ("TRRW", 410e6, "raised"),
        ("CRVL", 90e6, "reaffirmed"),
        ("DNMR", 30e6, "lowered"),
        ("BNTH", 70e6, "raised"),
    }


_NEWSLETTER = (
    "Streams weekly: three ad-supported streamers, one print later\n\n"
    "$FOXA (Fox Corp, June fiscal year)\n"
    "- FY27 capex guide now ~$450M, up from ~$400M in August\n\n"
    "$QSTR (Questar Streaming, calendar year)\n"
    "- capex $131M in Q3 vs $88M a yr ago\n"
    "- 2026 capex guide held at ~$520M\n"
    "- Street at ~$600M for 2027; I'm at $650M, because the studio build keeps going\n"
)


def test_a_cashtag_the_snapshot_lacks_names_its_company(nlp):
    """ "$QSTR" is no listed ticker the snapshot knows; a newsletter that tags its companies
    by cashtag names it by that tag all the same."""
    facts = _capex(nlp, _NEWSLETTER, ticker="FOXA")
    rows = fact_rows(facts, "company", "fiscal_year", "fiscal_quarter", "low_usd")
    assert ("QSTR", 2026, 3, 131e6) in rows
    assert ("QSTR", 2026, None, 520e6) in rows


def test_the_writers_own_estimate_under_a_heading_is_the_headings_company(nlp):
    facts = _capex(nlp, _NEWSLETTER, ticker="FOXA")
    estimates = {(f["company"], f["low_usd"]) for f in facts if f["kind"] == "estimate"}
    assert estimates == {("QSTR", 600e6), ("QSTR", 650e6)}


@pytest.mark.parametrize("tag", ["$USD", "$MM", "$TAM"])
def test_a_currency_or_unit_written_as_a_cashtag_is_no_company(nlp, tag):
    text = f"{tag} figures: $FOXA capex guide of $450 million for fiscal 2027 and {tag} again."
    assert {f["company"] for f in _capex(nlp, text)} == {"FOXA"}


def test_a_company_introduced_by_its_full_name_and_ticker_is_known_by_its_short_name(nlp):
    text = (
        "Nov 7 (finclaims) - Caesars Entertainment Inc (CZR) trimmed its budget and Lucky "
        "Lane Entertainment Corp (LKLN) raised its own.\n\n"
        "CZR cut its 2026 capital expenditure forecast to $550 million from $650 million.\n\n"
        "Lucky Lane raised its fiscal 2027 capital expenditure forecast to $190 million, "
        "from $170 million, to open six new centers.\n"
    )
    facts = _capex(nlp, text, ticker="CZR")
    assert ("LKLN", 190e6) in fact_rows(facts, "company", "low_usd")


def test_a_ticker_opening_a_sentence_with_an_aside_is_its_subject(nlp):
    text = (
        "Caesars Entertainment Inc (CZR) cut its budget and Vail Resorts Inc (MTN) set a "
        "smaller one.\n\n"
        "CZR cut its 2026 capital expenditure forecast to $550 million from $650 million.\n\n"
        "MTN, whose fiscal year ends on July 31, spent $232 million on capital projects in "
        "fiscal 2026.\n"
    )
    facts = _capex(nlp, text, ticker="CZR")
    assert ("MTN", 2026, 232e6) in fact_rows(facts, "company", "fiscal_year", "low_usd")


def test_a_ranges_ends_in_two_columns_are_one_range(nlp):
    text = (
        "Device makers moved their capex guides this quarter.\n\n"
        "Capex comps ($ in millions)\n\n"
        "| Company | 2026 guide low | 2026 guide high | Prior guide |\n"
        "|---|---|---|---|\n"
        "| Zimmer Biomet (ZBH) | 560 | 600 | 540-580 |\n"
        "| Stryker (SYK) | 1,050 | 1,150 | 1,000-1,100 |\n"
    )
    facts = _capex(nlp, text, doc_type="news")
    assert fact_rows(facts, "company", "low_usd", "high_usd") == {
        ("ZBH", 560e6, 600e6),
        ("SYK", 1050e6, 1150e6),
    }


_RAILROADS = (
    "Oct 23 (finclaims) - Union Pacific Corp (UNP) and CSX Corp (CSX) reported third-quarter "
    "results this week.\n\n"
    "Union Pacific kept its 2026 capital plan at about $3.4 billion, the figure it gave in "
    "January. Union Pacific spent $862 million in the third quarter.\n\n"
    "CSX cut its 2026 capital budget to $2.3 billion to $2.4 billion, from $2.5 billion to "
    "$2.6 billion. The tunnel, which now lets CSX run taller trains, opened in June.\n\n"
    "Analysts on average expect the company to spend about $2.35 billion in 2027, according "
    "to LSEG data.\n"
)


def test_the_company_a_wire_story_is_on_gives_the_company_of_a_later_estimate(nlp):
    """Union Pacific is named most, so it is the document's company; the estimate after
    CSX's paragraph is CSX's."""
    facts = _capex(nlp, _RAILROADS, ticker="UNP")
    assert ("CSX", 2027, 2.35e9) in fact_rows(facts, "company", "fiscal_year", "low_usd")


@pytest.mark.parametrize(
    ("line", "figure"),
    [("- CARG Q3 capex $11M; FY26 guide $45-50M", 11e6), ("- ACVA 9M capex $31M", 31e6)],
)
def test_a_ticker_before_a_periods_capex_names_its_company(nlp, line, figure):
    text = "Online auto roundup\n\n- CVNA capex guide $300-350M for 2026\n" + line + "\n"
    facts = _capex(nlp, text, ticker="CVNA")
    assert (line[2:6], figure) in fact_rows(facts, "company", "low_usd")


def test_a_lists_tickers_before_their_figures_name_them_and_street_is_an_estimate(nlp):
    text = (
        "Homebuilder capex this quarter.\n\n"
        "- Street FY27 capex: DHI ~$190M, TOL ~$140M, KBH ~$60M.\n"
    )
    facts = _capex(nlp, text, ticker="DHI")
    assert fact_rows(facts, "company", "low_usd", "kind") == {
        ("DHI", 190e6, "estimate"),
        ("TOL", 140e6, "estimate"),
        ("KBH", 60e6, "estimate"),
    }


def test_a_first_guide_column_is_the_latest_guides_prior(nlp):
    text = (
        "Current-year capex guides (US$ billions)\n\n"
        "| Company | Fiscal year | First guide | Latest guide |\n"
        "|---|---|---|---|\n"
        "| Alphabet (GOOGL) | 2026 | 175-185 | 185-195 |\n"
        "| Meta (META) | 2026 | 115-135 | 130-138 |\n"
    )
    facts = _capex(nlp, text, doc_type="news")
    assert fact_rows(facts, "company", "low_usd", "prior_low_usd", "revision") == {
        ("GOOGL", 185e9, 175e9, "raised"),
        ("META", 130e9, 115e9, "raised"),
    }


def test_an_abbreviation_before_a_figure_inside_a_phrase_is_no_ticker(nlp):
    text = "- 2Q capex incl. principal payments on FL $31.6B; P&E purchases $30.2B.\n"
    assert "FL" not in {f["company"] for f in _capex(nlp, text, ticker="META")}


@pytest.mark.parametrize(
    "said",
    [
        "We put 2027 capex at $1.85bn, against a FactSet consensus of $1.55bn.",
        "Analysts expect 2027 capex of $1.55bn, according to FactSet.",
    ],
)
def test_a_data_provider_cited_for_a_figure_is_not_its_company(nlp, said):
    facts = _capex(nlp, said, ticker="GLW", doc_type="news")
    assert facts and {f["company"] for f in facts} == {"GLW"}


def test_a_companys_own_consensus_is_still_that_company(nlp):
    said = "Microsoft's consensus for fiscal 2027 capex stands at $195 billion."
    assert {f["company"] for f in _capex(nlp, said, ticker="ORCL")} == {"MSFT"}


def test_a_companys_spending_stated_without_a_capex_word_in_a_capex_story(nlp):
    """A sentence whose cue word turned out to be no capex word still states a company's
    spending in a story about capex."""
    text = (
        "AutoNation Inc now expects capital expenditures of about $400 million this year.\n\n"
        "Lithia Motors Inc kept its forecast for capital expenditures of about $350 million.\n\n"
        '"Lithia buys stores that already have customers," said an analyst at Kessler Ward.\n\n'
        "Group 1 Automotive Inc spent $58.2 million in the third quarter and $171.6 million in "
        "the first nine months of the year, and expects about $230 million for 2026.\n"
    )
    facts = _capex(nlp, text, ticker="AN")
    rows = fact_rows(facts, "company", "fiscal_quarter", "low_usd", "kind")
    assert {("GPI", 3, 58.2e6, "actual"), ("GPI", None, 230e6, "guidance")} <= rows


def test_the_captions_unit_holds_where_one_column_names_its_own(nlp):
    text = (
        "AI hosts: spending and contracts.\n\n"
        "Capital expenditures and contracts (US$ millions unless noted)\n\n"
        "| Company | 3Q26 capex (A) | Contract backlog (US$ bn) |\n"
        "|---|---|---|\n"
        "| TeraWulf (WULF) | 286 | 6.4 |\n"
        "| Bitfarms (BITF) | 74 | 0.6 |\n"
    )
    facts = _capex(nlp, text, doc_type="news")
    assert fact_rows(facts, "company", "low_usd") == {("WULF", 286e6), ("BITF", 74e6)}


def test_a_share_class_ticker_is_written_as_news_writes_it(nlp):
    read = build_gazetteer._row
    assert read("BF-B", 14693, "BROWN FORMAN CORP")["ticker"] == "BF.B"
    assert read("ETI-P", 1, "Entergy Texas")["ticker"] == "ETI-P"  # a preferred line
    facts = _capex(nlp, "Brown-Forman's FY27 capex range of $180-200m is unchanged.", "MO")
    assert {f["company"] for f in facts} == {"BF.B"}


def test_undated_quarter_columns_are_the_quarter_a_release_reports(nlp):
    text = (
        "Reconciliation of Free Cash Flow (Non-GAAP)\n"
        "(in thousands)\n"
        "                          Three Months Ended       Six Months Ended\n"
        "                         2026        2025        2026        2025\n"
        "Operating cash flow    109,617      92,408     201,385     178,920\n"
        "Capital expenditures   (21,392)    (16,811)    (39,684)    (31,157)\n"
        "Free cash flow          88,225      75,597     161,701     147,763\n"
    )
    facts = _capex(nlp, text, ticker="KLRN", doc_type="press_release")
    rows = fact_rows(facts, "fiscal_year", "fiscal_quarter", "low_usd")
    assert (2026, 3, 21.392e6) in rows and (2025, 3, 16.811e6) in rows


@pytest.mark.parametrize(
    ("said", "month"),
    [
        ("Our fiscal year is the 52- or 53-week period ending on the Saturday closest to the "
         "last day of April.", 4),
        ("The fiscal year ends on the Sunday nearest June 30.", 6),
        ("Our fiscal year ends on the Saturday closest to January 31.", None),
    ],
)  # fmt: skip
def test_a_filers_52_53_week_year_sets_its_year_end(said, month):
    found = fiscal_calendar.stated_year_ends(said, [], "KLRN", {}, "", date(2026, 12, 8))
    assert found.get("KLRN") == month  # (a January year says nothing of how it is named)


def test_a_52_53_week_filers_half_year_is_in_its_own_fiscal_year(nlp):
    text = (
        "Our fiscal year is the 52- or 53-week period ending on the Saturday closest to the "
        "last day of April. Capital expenditures were $11.8 million and $13.4 million during "
        "the 26 weeks ended October 31, 2026 and November 1, 2025, respectively.\n"
    )
    facts = _capex(nlp, text, ticker="KLRN", doc_type="10-Q", published=date(2026, 12, 8))
    assert fact_rows(facts, "fiscal_year", "low_usd") == {(2027, 11.8e6), (2026, 13.4e6)}
