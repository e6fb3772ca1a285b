"""Company mentions, sentence boundaries, offsets and the gazetteer builder."""

import json

import pytest

import extractors
from extractors.build_gazetteer import (
    TickerMapError,
    english_words,
    main,
    mark_alone,
    read_ticker_map,
)
from extractors.gazetteer import short_alias, short_name
from finclaims.models import Company, Document
from tests.extract_helpers import tickers


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def test_aliases_and_ticker_contexts(nlp):
    text = (
        "Facebook parent Meta and Google owner Alphabet, AWS, Azure; shares of $ORCL and "
        "Nvidia (NASDAQ: NVDA) rose."
    )
    assert tickers(nlp, text) == [
        "META",
        "META",
        "GOOGL",
        "GOOGL",
        "AMZN",
        "MSFT",
        "ORCL",
        "NVDA",
        "NVDA",
    ]


def test_common_words_are_not_tickers(nlp):
    text = "NOW is the time. IT spending is ON track and ALL of A units are up; meta-analysis."
    assert tickers(nlp, text) == []


def test_any_listed_ticker_labelling_a_line_is_that_company(nlp):
    """Notes head each line with a ticker, large caps and small; the words notes also put
    there ("NOTE:", "PT:", "FCF:") are listed tickers too, and are not companies."""
    text = (
        "- KR: FY26 capex ~$4B, unchanged.\n"
        "- TGT: 2026 capex now seen at ~$5B.\n"
        "NOTE: figures are ours.\nPT: $120.\nFCF: weaker.\n"
        "The KR outlook is fine."
    )
    assert tickers(nlp, text) == ["KR", "TGT"]


def test_a_ticker_opening_a_sentence_with_what_it_did_is_that_company(nlp):
    """Notes write tickers as subjects ("KR trimmed its capex plan"); an upper-case word
    that is not a listed ticker, or a stop word ("AI now ..."), is not."""
    text = (
        "KR trimmed its capex plan to ~$3.9bn. COST tightened its range; - DG held its guide. "
        "AI now drives capex. THE market cheered."
    )
    assert tickers(nlp, text) == ["KR", "COST", "DG"]


def test_sec_names_need_two_words():
    assert short_name("MICROSOFT CORP") == "Microsoft"
    assert short_name("Meta Platforms, Inc.") == "Meta Platforms"


def test_bullets_and_headings_are_sentences(nlp):
    text = "Key points\n- Capex rises\n- Ads improve\n| a | b |\nA sentence. Another one."
    doc = nlp(extractors.make_doc(nlp, text))
    got = [text[s:e] for s, e in doc._.sent_offsets]
    assert got == [
        "Key points",
        "Capex rises",
        "Ads improve",
        "| a | b |",
        "A sentence.",
        "Another one.",
    ]


def test_offsets_match_document_text_for_every_fact(nlp):
    text = (
        "  Meta expects 2026 capex of $120 billion.\r\n\n- Investors are spooked by the "
        "$120 billion capex, and ad prices rose 10%.\n"
    )
    doc = Document(url="https://example.test/c", source="test", text=text)
    (res,) = extractors.extract_documents(nlp, [doc], names=["given/name.txt"])
    items = [*res.capex, *res.ad_claims, *res.stances]
    assert res.document == "given/name.txt" and len(items) >= 3
    assert all(text[i.char_start : i.char_end] == i.sentence for i in items)
    assert all(i.document_id == doc.id for i in items)


def test_names_must_match_documents(nlp):
    doc = Document(url="https://example.test/d", source="test", text="x")
    with pytest.raises(ValueError, match="1 names given for 2 documents"):
        extractors.extract_documents(nlp, [doc, doc], names=["a"])


def test_build_gazetteer_from_both_sec_shapes(tmp_path):
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"0": {"cik_str": 1, "ticker": "abc", "title": "Abc Widgets Inc"}}))
    exch = tmp_path / "exch.json"
    exch.write_text(
        json.dumps(
            {
                "fields": ["cik", "name", "ticker", "exchange"],
                "data": [[2, "Def Corp", "DEF", "NYSE"], [3, "Pink Sheet Co", "PNK", "OTC"]],
            }
        )
    )
    assert read_ticker_map(plain) == [
        {"ticker": "ABC", "cik": "0000000001", "name": "Abc Widgets Inc"}
    ]
    out = tmp_path / "companies.json"
    assert main([str(exch), "--out", str(out)]) == 0
    assert [r["ticker"] for r in json.loads(out.read_text())] == ["DEF"]


def test_a_newer_map_renames_a_listed_company_and_keeps_its_listing(tmp_path):
    """A company that re-domiciled keeps its ticker and exchange line, but files under a
    new name and CIK; the snapshot should carry the name news uses now."""
    exch = tmp_path / "exch.json"
    exch.write_text(
        json.dumps(
            {
                "fields": ["cik", "name", "ticker", "exchange"],
                "data": [
                    [11, "OSTRAVELD LTD", "OSV", "NYSE"],
                    [12, "Kelderan Foods", "KLD", "NYSE"],
                ],
            }
        )
    )
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps(
            {
                "0": {"cik_str": 91, "ticker": "OSV", "title": "Ostraveld Global SA"},
                "1": {"cik_str": 12, "ticker": "KLD", "title": "Kelderan Foods"},
            }
        )
    )
    out = tmp_path / "companies.json"
    assert main([str(exch), "--newer", str(newer), "--out", str(out)]) == 0
    rows = {r["ticker"]: r for r in json.loads(out.read_text())}
    assert rows["OSV"]["name"] == "Ostraveld Global SA"
    assert rows["OSV"]["cik"] == "0000000091"
    assert not rows["OSV"].get("newer")  # still the exchange map's listed line
    assert rows["KLD"]["name"] == "Kelderan Foods"


def test_a_company_awaiting_its_listing_joins_from_the_newer_map(tmp_path):
    """A spin-off can be in the exchange map before its first trade, with no exchange at
    all; the newer map still lists its ticker. OTC lines stay out either way."""
    exch = tmp_path / "exch.json"
    exch.write_text(
        json.dumps(
            {
                "fields": ["cik", "name", "ticker", "exchange"],
                "data": [
                    [21, "Harrowgate Holding Co", "HRWG", ""],
                    [22, "Pellmoor Mining ADR", "PLMRY", "OTC"],
                ],
            }
        )
    )
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps(
            {
                "0": {"cik_str": 21, "ticker": "HRWG", "title": "Harrowgate Materials Corp"},
                "1": {"cik_str": 22, "ticker": "PLMRY", "title": "Pellmoor Mining ADR"},
            }
        )
    )
    out = tmp_path / "companies.json"
    assert main([str(exch), "--newer", str(newer), "--out", str(out)]) == 0
    rows = {r["ticker"]: r for r in json.loads(out.read_text())}
    assert set(rows) == {"HRWG"}
    assert rows["HRWG"]["name"] == "Harrowgate Materials Corp" and rows["HRWG"]["newer"]


def test_build_gazetteer_rejects_other_json(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(TickerMapError, match="neither"):
        read_ticker_map(bad)
    assert main([str(bad), "--out", str(tmp_path / "o.json")]) == 2
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("HALVORSEN CLOUD, INC.", "Halvorsen"),
        ("Brightlane Networks Holdings Inc.", "Brightlane"),
        ("Texas Instruments Inc.", None),  # a place name alone is not the company
        ("Applied Materials Inc.", None),  # a common first word
        ("Palo Alto Networks Inc.", None),  # the rest is not a generic descriptor
        ("Snap Inc.", None),  # one word: the name already is its short form
    ],
)
def test_short_alias_only_for_distinctive_first_words(name, alias):
    assert short_alias(name) == alias


def test_short_alias_does_not_take_over_a_known_name():
    nlp = extractors.load([Company(ticker="ZZNV", name="Nvidia Computing Labs Inc.")])
    assert tickers(nlp, "Nvidia said demand was strong.") == ["NVDA"]
    assert tickers(nlp, "Nvidia Computing Labs said demand was strong.") == ["ZZNV"]


@pytest.mark.parametrize(
    ("sec_name", "alone"),
    [
        ("DoorDash, Inc.", True),  # no English word: prose names it by that word
        ("ONEOK INC /NEW/", True),
        ("TARGET CORP", False),  # an English word
        ("Waters Corp", False),  # a plural of one, hand-kept as well
        ("Diodes Inc", False),
        ("Rogers Corp", False),  # a surname, hand-kept in name_words.yaml
        ("Nasdaq, Inc.", False),  # the exchange a release names in "(Nasdaq: XYZ)"
        ("Energy Transfer LP", False),  # two words: matched by its full name instead
        ("Macy's, Inc.", True),  # a possessive whose stem is no English word
        ("Domino's Pizza Inc", False),  # two words
        ("Kings's Corp", False),  # a possessive of an English word
    ],
)
def test_a_one_word_name_stands_alone_only_when_no_english_word(sec_name, alone):
    english = english_words()
    rows = mark_alone([{"ticker": "X", "cik": "0000000001", "name": sec_name}], english)
    assert rows[0].get("alone", False) is alone


def test_one_word_names_are_found_as_prose_writes_them(nlp):
    text = (
        "DoorDash spent $118 million on equipment in the quarter. ONEOK kept its budget, "
        "and Oneok's pipelines ran full. Target raised prices."
    )
    assert tickers(nlp, text) == ["DASH", "OKE", "OKE"]


def test_a_company_named_as_a_partner_or_an_object_does_not_take_the_figure(nlp):
    text = (
        "Intel Corp. said net capital spending, after contributions from its joint venture "
        "with Brookfield, would come in at $12 billion to $13 billion in 2026. "
        "We expect capital expenditures of $1.2 billion in fiscal 2027 as we add capacity for "
        "our Splunk cloud customers."
    )
    doc = Document(
        url="https://extract.test/p", source="test", text=text, ticker="CSCO", doc_type="news"
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    assert sorted((f.company, f.low_usd) for f in result.capex) == [
        ("CSCO", 1.2e9),
        ("INTC", 12e9),
    ]


def test_a_name_without_its_descriptor_tail_is_a_short_pair():
    english = english_words()
    rows = [
        {"ticker": "GTE", "cik": "0000000001", "name": "GRAN TIERRA ENERGY INC."},
        {"ticker": "NGS", "cik": "0000000002", "name": "NATURAL GAS SERVICES GROUP INC"},
        {"ticker": "PANW", "cik": "0000000003", "name": "Palo Alto Networks Inc"},
        {"ticker": "AAA", "cik": "0000000004", "name": "Zorvex Kalma Technologies"},
        {"ticker": "BBB", "cik": "0000000005", "name": "Zorvex Kalma Energy"},
    ]
    pairs = {r["ticker"]: r.get("pair") for r in mark_alone(rows, english)}
    assert pairs["GTE"] == "Gran Tierra"
    assert pairs["NGS"] is None  # English words only: a commodity in prose
    assert pairs["PANW"] is None  # a generic first word (and a city)
    assert pairs["AAA"] is None and pairs["BBB"] is None  # two companies share it


def test_short_pairs_and_possessive_names_in_prose(nlp):
    text = (
        "Gran Tierra Energy Inc cut its budget. Gran Tierra said it spent less. "
        "Martin Marietta kept its plan, Macy's held its forecast and natural gas fell."
    )
    assert tickers(nlp, text) == ["GTE", "GTE", "MLM", "M"]


def test_names_styled_in_capitals_and_industry_tails_in_prose(nlp):
    text = (
        "Penn Entertainment raised its budget. Hormel kept its plan, and Wyndham Hotels "
        "trimmed its own. Getty said nothing."
    )
    assert tickers(nlp, text) == ["PENN", "HRL", "WH"]


def test_a_full_names_first_word_beats_another_companys_ticker_of_that_word(nlp):
    """ "ACV" after "ACV Auctions Inc" is that company, not the fund whose ticker is ACV."""
    text = (
        "ACV raises capital plan\n\n"
        "ACV Auctions Inc raised its forecast for capital spending this year.\n\n"
        "ACV also capitalized $9.8 million of software in the quarter."
    )
    assert tickers(nlp, text)[-2:] == ["ACVA", "ACVA"]


def test_a_name_word_that_is_the_companys_own_ticker_matches_in_capitals(nlp):
    text = "HNI said it still expects capital expenditures of about $130 million this year."
    assert tickers(nlp, text) == ["HNI"]
