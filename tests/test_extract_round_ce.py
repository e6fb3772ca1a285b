"""Rounds CE to CH: the quarter a year's range leaves, and wire-story leads that name
companies the gazetteer does not know. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import extractors
from finclaims.models import Document


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def _capex(nlp, text: str, ticker: str | None = None, doc_type: str = "news") -> list[dict]:
    doc = Document(
        url="https://example.test/ce",
        source="test",
        text=text,
        published=date(2026, 11, 5),
        ticker=ticker,
        doc_type=doc_type,
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    return result.to_format()["capex"]


CALL = "\n\n".join(
    [
        "Dana Whitlock -- Chief Financial Officer",
        "Capital expenditures were $19.5 million in the third quarter and $52.3 million for "
        "the first nine months. We now expect 2026 capital expenditures of $70 million to "
        "$75 million, up from $60 million to $65 million.",
        "Question-and-Answer Session",
        "Marcus Oyelaran -- Tidewell Securities",
        "{question} Is that the right way to think about it?",
    ]
)


def test_the_quarter_a_range_leaves_is_that_quarters_guidance(nlp):
    question = (
        "Nine months in you're at $52.3 million, so the new range implies a fourth quarter "
        "of roughly $18 million to $23 million."
    )
    facts = _capex(nlp, CALL.format(question=question), "ACME", "transcript")
    q4 = [f for f in facts if f["fiscal_quarter"] == 4]
    assert [(f["fiscal_year"], f["low_usd"], f["high_usd"], f["kind"]) for f in q4] == [
        (2026, 18e6, 23e6, "guidance")
    ]


def test_the_years_range_restated_before_the_cue_is_no_quarter(nlp):
    question = (
        "Year to date you're at $52.3 million, so about $72 million puts the fourth quarter "
        "at roughly $20 million."
    )
    facts = _capex(nlp, CALL.format(question=question), "ACME", "transcript")
    q4 = {(f["low_usd"], f["kind"]) for f in facts if f["fiscal_quarter"] == 4}
    assert q4 == {(20e6, "guidance")}


LEAD = "\n\n".join(
    [
        "Oct 29 (finclaims) - Harrowgate Tools Inc raised its capital budget on Wednesday, "
        "while Lincoln Electric Holdings Inc kept its plan unchanged.",
        "The Akron, Ohio-based maker of hand tools, which Grenmoor Industries spun off in "
        "2024, now expects capital expenditures of $40 million to $45 million in 2026, up "
        "from $35 million.",
        "The Cleveland-based maker of welding equipment said it still expects capital "
        "expenditures of about $110 million this year.",
    ]
)


def test_a_lead_company_the_gazetteer_lacks_keeps_its_place(nlp):
    """The first description is the unknown company's, so the second is the next one's."""
    facts = {f["low_usd"]: f["company"] for f in _capex(nlp, LEAD)}
    assert facts[110e6] == "LECO"
    assert facts[40e6] is None


def test_a_subject_whose_name_only_opens_like_a_known_one_is_not_that_company(nlp):
    text = "Tata Steel kept its capital expenditure plan for 2026 at about $2 billion."
    assert {f["company"] for f in _capex(nlp, text)} != {"TATACOMM"}
    text = "Agnico Eagle Mines Ltd kept its capital expenditure plan for 2026 at about $2 billion."
    assert {f["company"] for f in _capex(nlp, text)} == {"AEM"}


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("about 61 million to 66 million dollars, up from", 61e6, 66e6),
        ("so 2.4 billion to 2.9 billion dollars, because", 2.4e9, 2.9e9),
        ("3.5 to 3.8 billion dollars", 3.5e9, 3.8e9),
    ],
)
def test_a_range_in_words_with_its_scale_written_twice(text, low, high):
    from extractors.money import find_amounts

    (amount,) = find_amounts(text)
    assert (amount.low, amount.high) == (low, high)


TRACKER = "\n".join(
    [
        "Packaging capex tracker | Week of November 19",
        "",
        "Each company's current capex guide against the one before it, and the latest",
        "quarter's reported capex for reference.",
        "",
        "US$ m",
        "Company (FY end)            Prior guide   Current guide   Change     Latest qtr A",
        "Greif (GEF, Oct)            150-170       140-160         Lowered    41",
        "Sonoco (SON, Dec)           300-320       320-340         Raised     84",
    ]
)


def test_a_trackers_latest_quarter_column_in_each_companys_own_year(nlp):
    facts = {(f["company"], f["kind"]): f for f in _capex(nlp, TRACKER, doc_type="other")}
    greif, sonoco = facts[("GEF", "actual")], facts[("SON", "actual")]
    # an October year: the quarter to October 31 is fiscal 2026's fourth
    assert (greif["fiscal_year"], greif["fiscal_quarter"], greif["low_usd"]) == (2026, 4, 41e6)
    assert (sonoco["fiscal_year"], sonoco["fiscal_quarter"], sonoco["low_usd"]) == (2026, 3, 84e6)


def test_a_trackers_current_guide_is_the_year_under_way_not_the_quarter_prose_names(nlp):
    facts = {(f["company"], f["kind"]): f for f in _capex(nlp, TRACKER, doc_type="other")}
    sonoco = facts[("SON", "guidance")]
    assert (sonoco["fiscal_year"], sonoco["fiscal_quarter"]) == (2026, None)
    assert (sonoco["low_usd"], sonoco["high_usd"], sonoco["revision"]) == (320e6, 340e6, "raised")
    greif = facts[("GEF", "guidance")]
    assert (greif["fiscal_year"], greif["fiscal_quarter"]) == (2027, None)


def test_a_name_introduced_with_a_new_ticker_names_that_company_later(nlp):
    """A broker writes the home listing before the US line: "(HGM CN / HGMXF)"."""
    text = "\n\n".join(
        [
            "Canadian millers | Capex review | 3 December 2026",
            "Harrowgate Mills (HGM CN / HGMXF): Outperform. Quillvale Foods (QVF CN / QLVRF): "
            "Sector Perform.",
            "Harrowgate Mills raised its 2026 capex guide to US$140m from US$120m.",
            "Quillvale Foods kept its 2026 capex guide at about US$60m.",
        ]
    )
    facts = {f["low_usd"]: f["company"] for f in _capex(nlp, text, doc_type="other")}
    assert facts == {140e6: "HGMXF", 60e6: "QLVRF"}


def test_foreign_otc_symbols_labelling_a_notes_items_are_companies(nlp):
    text = "\n".join(
        [
            "European broadcasters | 3Q26 wrap",
            "",
            "- KVMRY: Capex was EUR 40m (US$46m) in 9M26.",
            "- KVMRY: Management kept the FY26 capex guide of ~EUR 60m (US$69m).",
            "- TLDNF: FY27 capex guide of A$30-35m (US$20-23m), up from A$25m.",
            "- TLDNF: Ratings pressure persists.",
        ]
    )
    companies = {f["company"] for f in _capex(nlp, text, doc_type="other")}
    assert companies == {"KVMRY", "TLDNF"}


def test_the_figures_after_an_unknown_companys_description_stay_its_own(nlp):
    """ "It spent ..." in the paragraph of an unknown lead company's description is that
    company's, so the next description still finds the next company of the lead."""
    text = "\n\n".join(
        [
            "Nov 4 (finclaims) - Harrowgate Shipping Corp raised its capital budget on "
            "Tuesday, while Danaos Corp kept its plan unchanged.",
            "The Piraeus-based owner of product tankers now expects capital expenditures of "
            "$210 million to $230 million in 2026, up from $180 million. It spent $61.5 "
            "million in the third quarter.",
            "The Athens-based containership lessor said it still expects capital "
            "expenditures of about $480 million this year.",
        ]
    )
    facts = {f["low_usd"]: f["company"] for f in _capex(nlp, text)}
    assert facts[61.5e6] is None
    assert facts[480e6] == "DAC"


def test_an_introduced_name_is_also_known_by_its_distinctive_first_word(nlp):
    text = "\n\n".join(
        [
            "UK engineers | Capex review",
            "Harrowgate Group (HGW LN / HRWGY): Buy.",
            "| Company | FY26 guide (US$m) |\n|---|---|\n| Harrowgate | 310-330 |",
        ]
    )
    facts = [(f["company"], f["low_usd"]) for f in _capex(nlp, text, doc_type="other")]
    assert facts == [("HRWGY", 310e6)]


def test_a_year_after_a_verb_of_saying_is_the_next_clauses(nlp):
    text = (
        "Kestrel Foods Inc expects 2026 capital expenditures of $40 million to $45 million "
        "and said 2027 would be higher."
    )
    (fact,) = _capex(nlp, text)
    assert (fact["fiscal_year"], fact["low_usd"]) == (2026, 40e6)


def test_a_full_names_first_word_later_in_the_text_is_that_company(nlp):
    text = "\n\n".join(
        [
            "Oct 23 (finclaims) - Huntington Bancshares Inc and Citizens Financial Group Inc "
            "reported third-quarter results on Thursday.",
            "Huntington said it would keep spending on branches.",
            "Citizens said it expects capital expenditures of about $300 million this year.",
        ]
    )
    (fact,) = _capex(nlp, text)
    assert (fact["company"], fact["low_usd"]) == ("CFG", 300e6)


def test_an_answer_likening_next_year_to_this_one_takes_the_questions_year(nlp):
    text = "\n\n".join(
        [
            "Dana Whitlock -- Chief Financial Officer",
            "We now expect 2026 capital expenditures of about $80 million.",
            "Marcus Oyelaran -- Tidewell Securities",
            "And how should we think about 2027?",
            "Dana Whitlock -- Chief Financial Officer",
            "Roughly flat with this year, call it $85 million.",
        ]
    )
    facts = {f["low_usd"]: f["fiscal_year"] for f in _capex(nlp, text, "ACME", "transcript")}
    assert facts == {80e6: 2026, 85e6: 2027}


def test_a_company_named_inside_a_paragraph_is_no_subject_the_next_description_waits_for(nlp):
    """Blackstone, named inside the unknown company's paragraph, gives no figure; the next
    description is still the next lead company's. And a company inside a description's own
    aside ("spun off from ...") is no subject either."""
    text = "\n\n".join(
        [
            "Nov 6 (finclaims) - Harrowgate Power Inc trimmed its budget on Thursday, while "
            "Genie Energy Ltd left its plan unchanged.",
            "The Albuquerque-based utility, spun off from Duke Energy in 2019, cut its 2026 "
            "capital expenditure forecast to about $1.45 billion from about $1.6 billion. Its "
            "pending sale to Blackstone is due to close next year.",
            "The Newark, New Jersey-based retail energy provider kept its 2026 capital "
            "expenditure forecast at $8 million to $10 million.",
        ]
    )
    facts = {f["low_usd"]: f["company"] for f in _capex(nlp, text)}
    assert facts == {1.45e9: None, 8e6: "GNE"}


def test_a_latest_quarter_column_beside_a_single_guide_column(nlp):
    text = "\n".join(
        [
            "Capex tracker (US$ m)",
            "",
            "| Company (TICKER, FY end) | Latest qtr A | FY26 guide | Our est. |",
            "|---|---|---|---|",
            "| Sonoco (SON, Dec) | 84 | 320-340 | 335 |",
        ]
    )
    facts = {
        (f["fiscal_year"], f["fiscal_quarter"], f["kind"]): f["low_usd"]
        for f in _capex(nlp, text, doc_type="other")
    }
    assert facts[(2026, 3, "actual")] == 84e6
    assert facts[(2026, None, "guidance")] == 320e6


def test_a_name_the_text_gives_a_new_ticker_takes_that_ticker(nlp):
    """Turtle Beach traded as HEAR before it took TBCH; the note's own label says which."""
    text = "\n".join(
        [
            "Capex tracker (US$ m)",
            "",
            "| Company (TICKER, FY end) | FY26 guide |",
            "|---|---|",
            "| Turtle Beach (TBCH, Dec) | 4-5 |",
        ]
    )
    (fact,) = _capex(nlp, text, doc_type="other")
    assert (fact["company"], fact["low_usd"]) == ("TBCH", 4e6)


def test_a_table_of_local_figures_reads_the_dollars_in_brackets(nlp):
    text = "\n".join(
        [
            "Kestrel Werke (KSW GY / KSTWY): capex review",
            "",
            "| € m (US$ m in brackets) | 2025A | 2026 guide |",
            "|---|---|---|",
            "| Capex | 118 (137) | ~165 (191) |",
        ]
    )
    facts = {
        f["fiscal_year"]: (f["low_usd"], f["kind"]) for f in _capex(nlp, text, doc_type="other")
    }
    assert facts == {2025: (137e6, "actual"), 2026: (191e6, "guidance")}
