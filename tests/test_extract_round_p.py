"""Round P: forms the extractor missed on text it had not seen. Sentences and tables
written for these tests, in the style of notes, news and filings."""

from datetime import date

import pytest

import extractors
from extractors import build_gazetteer
from extractors.build_gazetteer import english_words, mark_alone
from extractors.gazetteer import short_name
from tests.extract_helpers import M, extract

AUG = date(2026, 8, 20)


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def facts(result):
    return [
        (c.company, c.fiscal_year, c.fiscal_quarter, c.low_usd, c.high_usd, c.kind)
        for c in result.capex
    ]


def tickers(nlp, text):
    return [t for _, _, t in nlp(extractors.make_doc(nlp, text))._.companies]


def test_a_ticker_opening_a_paragraph_names_its_company(nlp):
    text = (
        "Grid names, quick takes\n\n"
        "VRT. FY26 capex guide moved up to ~$420m.\n\n"
        "HUBB -- Guide still $240-260m.\n\n"
        "POWL (Sep FY). FY26 capex of $60-70m."
    )
    got = {(c.company, c.low_usd, c.high_usd) for c in extract(nlp, text, AUG).capex}
    assert got == {("VRT", 420 * M, 420 * M), ("HUBB", 240 * M, 260 * M), ("POWL", 60 * M, 70 * M)}


def test_a_ticker_in_brackets_after_an_unknown_name_is_that_company(nlp):
    assert tickers(nlp, "Orders at nVent (NVT, Dec) and Vertiv (VRT) rose.")[:1] == ["NVT"]
    assert tickers(nlp, "Graphics processing units (GPUs) are scarce.") == []


def test_a_tracker_under_a_capex_caption_reads_a_unit_bracket_with_notes(nlp):
    text = (
        "Capital spending by company\n"
        "(US$ m; A = reported, E = our estimate)\n\n"
        "| Company | FY25A | FY26E |\n"
        "|---|---|---|\n"
        "| nVent (NVT, Dec) | 140 | 175 |\n"
    )
    assert set(facts(extract(nlp, text, AUG, doc_type="other"))) == {
        ("NVT", 2025, None, 140 * M, 140 * M, "actual"),
        ("NVT", 2026, None, 175 * M, 175 * M, "estimate"),
    }


def test_the_quarter_of_a_call_is_when_it_was_said_not_the_figures_period(nlp):
    text = "Hubbell raised its 2026 capex guide to $260 million from $240 million on the Q2 call."
    (fact,) = extract(nlp, text, AUG).capex
    assert (fact.fiscal_quarter, fact.revision, fact.prior_low_usd) == (None, "raised", 240 * M)


def test_a_figure_that_more_than_doubles_something_is_a_level(nlp):
    text = "Powell's fiscal 2026 capex of $60 million more than doubles its Houston yard."
    assert [(c.low_usd, c.fiscal_year) for c in extract(nlp, text, AUG).capex] == [(60 * M, 2026)]


def test_a_lower_case_scale_letter_ends_a_sentence(nlp):
    doc = nlp(
        extractors.make_doc(nlp, "Third-quarter capex was $21m. At that size it barely shows.")
    )
    text = doc.text
    assert [text[a:b] for a, b in doc._.sent_offsets] == [
        "Third-quarter capex was $21m.",
        "At that size it barely shows.",
    ]


def test_a_company_inside_a_closed_relative_clause_is_not_the_spender(nlp):
    text = (
        "Core Scientific Inc., which rejected a bid from CoreWeave Inc. last year, said "
        "capital spending would be about $1.1 billion in 2026."
    )
    assert [c.company for c in extract(nlp, text, AUG).capex] == ["CORZ"]


def test_the_company_of_a_paragraph_dates_the_quarter_by_its_own_year(nlp):
    text = (
        "Alibaba keeps spending on its cloud, and its fiscal year ends in March.\n\n"
        "Baidu is in a harder spot. Its search ad revenue fell 7% in the second quarter. "
        "The company spent $410 million on capital expenditures in the quarter."
    )
    assert facts(extract(nlp, text, AUG)) == [("BIDU", 2026, 2, 410 * M, 410 * M, "actual")]


def test_a_speaker_label_does_not_make_the_paragraph_its_firms():
    text = "Kim Lee, Morgan Stanley: Thanks. On capex, the Street has you at $150 billion for 2026."
    result = extract(extractors.load(), text, AUG, ticker="META", doc_type="transcript")
    assert [(c.company, c.kind) for c in result.capex] == [("META", "estimate")]


def test_sec_names_lose_a_state_after_the_legal_suffix():
    assert short_name("Core Scientific, Inc./tx") == "Core Scientific"
    assert short_name("Wells Fargo & Company/Mn") == "Wells Fargo"
    assert short_name("Genmab A/S") == "Genmab"
    assert short_name("Quad/Graphics") == "Quad/Graphics"  # a slash inside the name stays


def test_a_distinctive_first_word_gets_a_short_form_but_not_a_surname():
    rows = [
        {"ticker": "GNRC", "cik": "1", "name": "GENERAC HOLDINGS INC."},
        {"ticker": "POWL", "cik": "2", "name": "POWELL INDUSTRIES INC"},
        {"ticker": "TXN", "cik": "3", "name": "Texas Instruments Inc"},
    ]
    marked = mark_alone(rows, english_words())
    assert [r.get("short") for r in marked] == ["Generac", None, None]


def test_newer_listings_join_by_full_name_only():
    listed = [{"ticker": "HUBB", "cik": "10", "name": "HUBBELL INC"}]
    every = listed + [{"ticker": "CORZQ", "cik": "11", "name": "Core Scientific, Inc./tx"}]
    newer = [
        {"ticker": "HUBB", "cik": "10", "name": "HUBBELL INC"},
        {"ticker": "CORZ", "cik": "11", "name": "Core Scientific, Inc./tx"},  # relisted
        {"ticker": "ZZZQ", "cik": "12", "name": "Old Otc Corp"},  # unlisted, not new
        {"ticker": "IBIT", "cik": "13", "name": "iShares Bitcoin Trust ETF"},  # a fund
        {"ticker": "LOAR", "cik": "14", "name": "Loar Holdings Inc."},
    ]
    every.append({"ticker": "ZZZQ", "cik": "12", "name": "Old Otc Corp"})
    rows = mark_alone(build_gazetteer.newcomers(listed, every, newer), english_words())
    assert [(r["ticker"], r.get("newer", False), "short" in r) for r in rows] == [
        ("HUBB", False, False),
        ("CORZ", True, False),
        ("LOAR", True, False),
    ]


def test_tencent_is_known_by_name(nlp):
    text = "Tencent said its capital expenditures were $2.9 billion in the second quarter."
    assert [c.company for c in extract(nlp, text, AUG).capex] == ["TCEHY"]
