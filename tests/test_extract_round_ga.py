"""Session 28 fixes: a compared figure "last year" after a quarter's figure is that quarter a
year back; parts of a budget named against the forecast or outlook ("Of the revised outlook,
about ... is for ...", "... of the budget is for ...", also with the dollars in brackets after
a local-currency figure); amounts the text keeps out of capex (acquisitions, "separately
from", "not as", "rather than counting as", a band "plus or minus"); group totals; list
labels' periods; short names of companies whose SEC name ends in a descriptor. Texts written
for these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from tests.extract_helpers import capex_fields

# (``nlp`` is the session's pipeline, from conftest)
# the fields of each capex fact of a text (``context``: ticker, doc_type)
_rows = partial(capex_fields, published=date(2026, 11, 20))


def test_a_compared_figure_last_year_is_the_quarter_a_year_back(nlp):
    text = (
        "Capital expenditures were $21.4 million in the third quarter, compared with $24.9 "
        "million last year, and $55.6 million year to date."
    )
    rows = _rows(
        nlp, text, "low_usd", "fiscal_year", "fiscal_quarter", ticker="GCO", doc_type="transcript"
    )
    assert (24.9e6, 2025, 3) in rows
    assert (21.4e6, 2026, 3) in rows


def test_last_year_with_no_compared_figure_stays_the_year(nlp):
    """A guard: "spent $120 million last year" names the whole year."""
    text = "We spent $120 million on capital expenditures last year."
    rows = _rows(
        nlp, text, "low_usd", "fiscal_year", "fiscal_quarter", ticker="GCO", doc_type="transcript"
    )
    assert rows == {(120e6, 2025, None)}


@pytest.mark.parametrize(
    "part",
    [
        "Of the revised outlook, about $119 million is for the new assembly plant.",
        "Of the revised outlook, about ₹1,050 crore (US$119 million) is for the new assembly "
        "plant.",
        "About 105 million euros ($119 million) of the budget is for the new assembly plant.",
        "Of the new forecast, about $119 million is for the new assembly plant.",
    ],
)
def test_a_part_of_the_outlook_is_no_figure_of_its_own(nlp, part):
    text = (
        "The company raised its fiscal 2027 capital expenditure outlook to about $272 million, "
        f"from about $240 million. {part}"
    )
    rows = _rows(nlp, text, "low_usd", ticker="KN", doc_type="press_release")
    assert rows == {(272e6,)}


def test_nine_months_in_shorthand_is_the_year_so_far(nlp):
    text = "Utility notes.\n\n- Q3 capex $86M vs $71M in Q3 2025; nine months $242M.\n"
    rows = _rows(nlp, text, "low_usd", "fiscal_year", "fiscal_quarter", ticker="MGEE")
    assert (242e6, 2026, None) in rows
    assert (71e6, 2025, 3) in rows


def test_a_list_label_names_the_period_of_every_item(nlp):
    text = (
        "Ad-tech capex thread.\n\n"
        "10/ Street 2027 capex: EVER ~$9M, CDLX ~$17M, on their definition.\n"
    )
    rows = _rows(nlp, text, "company", "fiscal_year", "kind")
    assert rows == {("EVER", 2027, "estimate"), ("CDLX", 2027, "estimate")}


@pytest.mark.parametrize(
    ("line", "low", "prior_low"),
    [
        ("3/ $BKSY FY26 capex guide $90-100M, was $80-95M.", 90e6, 80e6),
        ("$BKSY FY26 capex guide now ~$150M at the midpoint, was ~$120M.", 150e6, 120e6),
    ],
)
def test_a_guide_was_earlier_figure_is_its_prior(nlp, line, low, prior_low):
    rows = _rows(nlp, f"Space thread.\n\n{line}\n", "low_usd", "prior_low_usd")
    assert rows == {(low, prior_low)}


_TRACKER = (
    "Canadian packaging capex tracker.\n\n"
    "- Cascades Inc raised its FY27 capex plan to US$200m.\n"
    "- Winpak cut its FY27 capex plan to US$55m.\n\n"
    "{total}\n"
)


@pytest.mark.parametrize(
    "total",
    [
        "The three plan roughly US$355m of capex in their current fiscal years.",
        "Together the three now plan ~US$355m of capex in their current fiscal years.",
        "Across the six, capex came to ~US$355m in the latest quarter.",
        "Together, Swatch and Lindt plan roughly $355 million of capital spending this year.",
    ],
)
def test_a_group_total_is_no_company_figure(nlp, total):
    rows = _rows(nlp, _TRACKER.format(total=total), "low_usd")
    assert (355e6,) not in rows
    assert (200e6,) in rows


def test_a_year_after_the_is_no_group(nlp):
    """A guard: "the 2027 plan" names a year, not a group of 2,027 companies."""
    text = (
        "We have eight more centers in the 2027 plan, so call it $25 million to $28 million "
        "of capital expenditures, with the software piece roughly flat."
    )
    rows = _rows(nlp, text, "low_usd", ticker="ASTH", doc_type="transcript")
    assert rows == {(25e6,)}


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("SoundHound spent about $5 million on capital projects in the quarter.", "SOUN"),
        ("BioMarin spent about $80 million on capital projects in the quarter.", "BMRN"),
    ],
)
def test_a_name_whose_tail_is_a_descriptor_in_capitals_is_named_by_its_first_word(
    nlp, text, ticker
):
    """The SEC writes "SOUNDHOUND AI, INC." and "BIOMARIN PHARMACEUTICAL INC": the tail is
    a descriptor in any case, so the first word names the company alone."""
    rows = _rows(nlp, text, "company")
    assert rows == {(ticker,)}


def test_a_year_so_far_over_nine_months_is_the_year(nlp):
    text = (
        "GE HealthCare's capex was $142M in Q3, against $118M in Q3 2025, and $395M over nine "
        "months."
    )
    rows = _rows(nlp, text, "low_usd", "fiscal_year", "fiscal_quarter")
    assert (395e6, 2026, None) in rows


def test_a_span_of_years_in_the_next_clause_is_not_the_figures(nlp):
    text = (
        "For 2027 we expect capital expenditures of $130 million to $145 million, and over "
        "2027 through 2029 we plan about $420 million in total."
    )
    rows = _rows(nlp, text, "low_usd", "fiscal_year", ticker="CW", doc_type="transcript")
    assert (130e6, 2027) in rows
    assert (420e6, None) in rows


def test_a_month_named_quarter_in_a_speakers_outlook_is_the_next_one(nlp):
    """ "I'd think of" looks ahead as "we expect" does: in November, the December quarter
    to come, not the one a year back."""
    text = (
        "For the December quarter I'd think of something like $180 million to $200 million "
        "of capital expenditures."
    )
    rows = _rows(
        nlp, text, "fiscal_year", "fiscal_quarter", "kind", ticker="WDC", doc_type="transcript"
    )
    assert rows == {(2027, 2, "guidance")}  # (WDC's year ends in June)


def test_a_quarter_named_before_the_spending_it_dates_without_a_hyphen(nlp):
    text = (
        "The updated outlook implies fourth quarter capital expenditures of approximately "
        "$192 million to $212 million."
    )
    rows = _rows(nlp, text, "fiscal_year", "fiscal_quarter", ticker="OKE", doc_type="press_release")
    assert rows == {(2026, 4)}


@pytest.mark.parametrize(
    "aside",
    [
        "The company expects 2027 capital expenditures of approximately $2.5 billion, plus or "
        "minus $200 million.",
        "It also made an annual contribution of $95 million to a state wildfire fund, which it "
        "records as a regulatory asset, not as a capital expenditure.",
        "It received $8.6 million from the sale of a closed plant, which it does not net "
        "against capital expenditures.",
        "It also spent $85 million in the quarter buying acreage, which it reports separately "
        "from capital expenditures.",
        "It also spent $8 million on dry-docking its dredges, which it defers and amortizes "
        "rather than counting as capital spending.",
        "It also spent $38 million in the quarter to buy two distributors in the Southeast, "
        "purchases it reports as acquisitions.",
    ],
)
def test_bands_and_amounts_kept_outside_capex_are_no_facts(nlp, aside):
    text = f"Capital expenditures were $500 million in the third quarter. {aside}"
    rows = _rows(nlp, text, "low_usd", ticker="OKE", doc_type="press_release")
    assert (500e6,) in rows
    assert rows <= {(500e6,), (2.5e9,)}  # (the band's figure itself is one)


def test_additions_to_properties_plants_and_equipment_are_capex(nlp):
    text = (
        "Additions to properties, plants and equipment were $146.2 million and $161.8 million "
        "for the three months ended September 30, 2026 and 2025, respectively."
    )
    rows = _rows(nlp, text, "low_usd", "fiscal_year", ticker="DINO", doc_type="10-Q")
    assert rows == {(146.2e6, 2026), (161.8e6, 2025)}


def test_a_compared_list_after_nine_months_is_the_nine_months_a_year_back(nlp):
    text = (
        "Ensign Group Inc and Pennant Group Inc raised their capital spending forecasts.\n\n"
        "Ensign and Pennant spent $118 million and $8 million, respectively, in the first nine "
        "months, compared with $96 million and $7 million a year earlier."
    )
    rows = _rows(nlp, text, "company", "low_usd", "fiscal_year", "fiscal_quarter")
    assert ("ENSG", 96e6, 2025, None) in rows
    assert ("PNTG", 7e6, 2025, None) in rows
    assert ("ENSG", 118e6, 2026, None) in rows


def test_a_source_named_before_the_next_company_is_no_name_list(nlp):
    """ "..., according to Visible Alpha, and Texas Roadhouse about $100 million": the data
    provider and the next company are no list of names sharing one figure."""
    text = (
        "Chipotle Mexican Grill Inc and Texas Roadhouse Inc raised capital spending forecasts."
        "\n\nAnalysts on average expect Chipotle to spend about $345 million next year, "
        "according to Visible Alpha, and Texas Roadhouse about $100 million."
    )
    rows = _rows(nlp, text, "company", "low_usd", "kind")
    assert rows == {("CMG", 345e6, "estimate"), ("TXRH", 100e6, "estimate")}
