"""Round P: forms the extractor missed on text it had not seen. Sentences and tables
written for these tests, in the style of notes, news and filings."""

from datetime import date

import pytest

import extractors
from extractors import build_gazetteer
from extractors.build_gazetteer import english_words, mark_alone
from extractors.gazetteer import short_name
from tests.extract_helpers import KEY_FIELDS, B, M, capex_rows, extract, keys, tickers

AUG = date(2026, 8, 20)


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def test_a_ticker_opening_a_paragraph_names_its_company(nlp):
    text = (
        "Grid names, quick takes\n\n"
        "VRT. FY26 capex guide moved up to ~$420m.\n\n"
        "HUBB -- Guide still $240-260m.\n\n"
        "POWL (Sep FY). FY26 capex of $60-70m."
    )
    got = set(capex_rows(extract(nlp, text, AUG), "company", "low_usd", "high_usd", unit=M))
    assert got == {("VRT", 420, 420), ("HUBB", 240, 260), ("POWL", 60, 70)}


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
    assert keys(extract(nlp, text, AUG, doc_type="other")) == {
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
    got = capex_rows(extract(nlp, text, AUG), *KEY_FIELDS, unit=M)
    assert got == [("BIDU", 2026, 2, 410, 410, "actual")]


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


def test_the_quarter_on_a_call_is_the_quarter_its_title_names(nlp):
    text = (
        "Our second quarter ended March 29. Capital expenditures were $240 million in the "
        "quarter and $470 million in the first half."
    )
    result = extract(
        nlp,
        text,
        date(2026, 5, 5),
        ticker="TSN",
        doc_type="transcript",
        title="Tyson Foods second quarter fiscal 2026 earnings call",
    )
    assert (result.capex[0].fiscal_year, result.capex[0].fiscal_quarter) == (2026, 2)


def test_a_speakers_figure_without_a_verb_is_no_result_of_the_quarter(nlp):
    text = "Directionally, I'd think about capex being a bit higher, call it $2.4 billion."
    result = extract(
        nlp, text, AUG, ticker="IRM", doc_type="transcript", title="Q2 2026 earnings call"
    )
    assert [(c.kind, c.fiscal_quarter) for c in result.capex] == [("guidance", None)]


def test_what_one_project_costs_is_not_a_years_capex(nlp):
    text = (
        "The terminal opened in May 2025, and our total investment in the project was about "
        "$700 million. We expect about $500 million of capex for the full year as we build "
        "the new hub, a roughly $1.2 billion project we expect to finish in 2028."
    )
    got = capex_rows(extract(nlp, text, AUG), *KEY_FIELDS, unit=M)
    assert got == [(None, 2026, None, 500, 500, "guidance")]


def test_an_outlook_talked_about_before_is_the_prior_of_the_new_one(nlp):
    text = (
        "At our analyst day in March, we talked about fiscal 2027 capex of around $600 "
        "million. We're now planning for $700 million to $800 million."
    )
    (fact,) = extract(nlp, text, AUG, ticker="STX", doc_type="transcript").capex
    assert (fact.revision, fact.prior_low_usd, fact.fiscal_year) == ("raised", 600 * M, 2027)


def test_no_change_to_an_outlook_reaffirms_it_and_its_implied_quarter_is_not_revised(nlp):
    text = (
        "There's no change to our fiscal 2026 capital expenditure outlook of about $1.5 "
        "billion to $1.7 billion. That implies fourth-quarter capex of roughly $400 million."
    )
    got = [(c.fiscal_quarter, c.revision) for c in extract(nlp, text, AUG, ticker="HPE").capex]
    assert got == [(None, "reaffirmed"), (4, None)]


def test_an_outlook_anticipated_at_the_start_of_the_year_is_the_prior(nlp):
    text = (
        "We now expect capital expenditures for fiscal 2026 of approximately $500 million, "
        "below the approximately $560 million we anticipated at the beginning of the fiscal "
        "year."
    )
    (fact,) = extract(nlp, text, AUG, ticker="WDC", doc_type="10-Q").capex
    assert (fact.revision, fact.prior_low_usd) == ("lowered", 560 * M)


def test_shorthand_estimates_and_spent_figures_of_a_note(nlp):
    text = (
        "VST. We now model FY26 capex of $3.1bn vs cons. at $2.9bn. "
        "Street FY27 sits at ~$3.4bn vs our $3.6bn. "
        "FY25 capex landed at $2.6bn; 1H26 capex $1.4bn.\n\n"
        "Rivian doesn't guide it, and by my math FY27 capex runs ~$2.0bn."
    )
    got = set(capex_rows(extract(nlp, text, AUG, doc_type="other"), "low_usd", "kind"))
    assert {
        (3.1, "estimate"),
        (2.9, "estimate"),
        (3.4, "estimate"),
        (2.6, "actual"),
        (1.4, "actual"),
        (2.0, "estimate"),
    } <= got


def test_a_sum_the_companies_after_it_spend_between_them_is_nobodys(nlp):
    text = (
        "Intel kept its 2026 capex plan. That is small next to the more than $500 billion "
        "that Microsoft, Alphabet and Amazon are expected to spend between them this year."
    )
    assert [c.company for c in extract(nlp, text, AUG).capex] == []


def test_capitalized_software_alone_is_not_capex_but_reported_with_it_is(nlp):
    alone = (
        "IBM kept its capex plan. It also invested $150 million in capitalized software, "
        "which it reports on a line of its own."
    )
    assert extract(nlp, alone, AUG, ticker="IBM").capex == []
    joined = (
        "Capital expenditures and capitalized software development costs were $1.3 billion in 2025."
    )
    assert [c.low_usd for c in extract(nlp, joined, AUG, ticker="DELL").capex] == [1.3 * B]


def test_capex_up_approximately_an_amount_is_a_change(nlp):
    text = "Capex is up ~$500m at the midpoint with no new contract behind it."
    assert extract(nlp, text, AUG, ticker="CEG", doc_type="other").capex == []
