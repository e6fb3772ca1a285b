"""Capex facts through the real pipeline, on sentences written for these tests."""

from datetime import date

import pytest

import extractors
from finclaims.models import Company, Document


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def capex(nlp, text, published=None, ticker=None):
    doc = Document(
        url="https://example.test/a", source="test", text=text, published=published, ticker=ticker
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    for fact in result.capex:
        assert text[fact.char_start : fact.char_end] == fact.sentence
    return result.capex


def key(f):
    return (f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd, f.high_usd)


def test_guidance_range_with_company_and_year(nlp):
    (f,) = capex(
        nlp,
        "Oracle expects fiscal 2026 capital expenditures of $25 billion to "
        "$27 billion as it adds cloud regions.",
    )
    assert key(f) == ("ORCL", 2026, None, 25e9, 27e9)
    assert f.kind == "guidance" and f.revision is None


def test_we_means_the_document_subject(nlp):
    (f,) = capex(nlp, "We now plan capex of roughly $21 billion for 2026.", ticker="NVDA")
    assert key(f) == ("NVDA", 2026, None, 21e9, 21e9) and f.approximate


def test_subject_defaults_to_dominant_company(nlp):
    text = (
        "Microsoft shares rose after the report.\n"
        "Microsoft said Azure demand still exceeds supply.\n"
        "The company expects capital spending of more than $90 billion in fiscal 2026."
    )
    (f,) = capex(nlp, text)
    assert key(f) == ("MSFT", 2026, None, 90e9, None)


def test_figure_about_another_company_goes_to_it(nlp):
    text = (
        "Meta is our focus today.\nMeta sells ads.\n"
        "Separately, Amazon plans to spend $118 billion on AI infrastructure next year."
    )
    (f,) = capex(nlp, text, published=date(2025, 11, 2))
    assert key(f) == ("AMZN", 2026, None, 118e9, 118e9)


def test_actual_quarter_and_lookalike_revenue_rejected(nlp):
    (f,) = capex(
        nlp,
        "Revenue was $61 billion, and capital expenditures were $16.7 billion "
        "in the third quarter of 2025.",
        ticker="GOOGL",
    )
    assert key(f) == ("GOOGL", 2025, 3, 16.7e9, 16.7e9) and f.kind == "actual"


@pytest.mark.parametrize(
    "text",
    [
        "The company returned $12 billion through buybacks and dividends this quarter.",
        "Total operating expenses were $24 billion, while capex is not disclosed.",
        "The AI accelerator market could be worth $400 billion by 2028, capex aside.",
        "Capex was up $28 billion year over year.",
        "It will spend $15 billion more on capital expenditures this year.",
        "Lease commitments of $30 billion relate to data centers not yet in service.",
        "The company is spending tens of billions on capex.",
    ],
)
def test_lookalikes_and_changes_are_not_facts(nlp, text):
    assert capex(nlp, text, ticker="META") == []


def test_revision_with_prior_range(nlp):
    (f,) = capex(
        nlp,
        "Alphabet increased its 2025 capex outlook to $91 billion to $93 billion "
        "from its prior outlook of $85 billion.",
    )
    assert key(f) == ("GOOGL", 2025, None, 91e9, 93e9)
    assert (f.revision, f.prior_low_usd, f.prior_high_usd) == ("raised", 85e9, 85e9)


@pytest.mark.parametrize(
    ("new", "prior", "expected"),
    [
        ("$66 billion to $72 billion", "$64 billion to $72 billion", "narrowed"),
        ("$60 billion to $75 billion", "$64 billion to $72 billion", "widened"),
        ("$64 billion to $72 billion", "$64 billion to $72 billion", "reaffirmed"),
        ("$55 billion to $60 billion", "$64 billion to $72 billion", "lowered"),
    ],
)
def test_revision_rule_when_both_ranges_known(nlp, new, prior, expected):
    text = (
        f"The company updated its 2025 capex guidance to {new}, versus prior guidance of {prior}."
    )
    (f,) = capex(nlp, text, ticker="META")
    assert f.revision == expected


def test_reaffirmed_without_prior_figure(nlp):
    (f,) = capex(
        nlp,
        "Management reaffirmed its full-year 2025 capital expenditures outlook "
        "of approximately $75 billion.",
        ticker="GOOGL",
    )
    assert f.revision == "reaffirmed" and f.kind == "guidance"
    # the held outlook is its own prior: the text says the earlier one was the same
    assert (f.prior_low_usd, f.prior_high_usd) == (75e9, 75e9)


def test_reaffirmed_range_is_its_own_prior_but_a_raise_without_one_has_none(nlp):
    held, raised = capex(
        nlp,
        "The utility maintained its 2026 capital plan of $12.5 billion to $13 billion. "
        "It raised its 2027 capital plan to about $14 billion.",
        ticker="DUK",
    )
    assert (held.revision, held.prior_low_usd, held.prior_high_usd) == ("reaffirmed", 12.5e9, 13e9)
    assert (raised.revision, raised.prior_low_usd, raised.prior_high_usd) == ("raised", None, None)


def test_lowered_by_verb(nlp):
    (f,) = capex(nlp, "Intel cut its 2025 gross capex forecast to about $18 billion.")
    assert key(f)[:3] == ("INTC", 2025, None) and f.revision == "lowered"


def test_estimate_from_analysts(nlp):
    (f,) = capex(
        nlp,
        "Analysts at a large brokerage expect Microsoft's capex to reach $120 "
        "billion in fiscal 2027.",
    )
    assert key(f) == ("MSFT", 2027, None, 120e9, 120e9) and f.kind == "estimate"


def test_relative_years_resolve_against_published(nlp):
    facts = capex(
        nlp,
        "Capital expenditures were $39 billion last year and are expected to be "
        "$65 billion this year.",
        published=date(2025, 2, 3),
        ticker="META",
    )
    assert {(f.fiscal_year, f.low_usd, f.kind) for f in facts} == {
        (2024, 39e9, "actual"),
        (2025, 65e9, "guidance"),
    }


def test_relative_years_unknown_without_published(nlp):
    (f,) = capex(nlp, "We expect capital expenditures of $12 billion next year.", ticker="AMD")
    assert f.fiscal_year is None


def test_figure_mentioned_twice_is_one_fact_with_first_sentence(nlp):
    text = (
        "Meta guided 2026 capex to $120 billion.\nLater, the CFO repeated that 2026 capex "
        "would be $120 billion."
    )
    (f,) = capex(nlp, text)
    assert f.sentence == "Meta guided 2026 capex to $120 billion."


def test_fy_and_quarter_forms(nlp):
    facts = capex(
        nlp,
        "Capex was $3.1 billion in Q2 FY25.\nFY2026 capex of $14 billion is planned.",
        ticker="DELL",
    )
    assert {(f.fiscal_year, f.fiscal_quarter) for f in facts} == {(2025, 2), (2026, None)}


def test_markdown_table_rows_are_their_own_sentences(nlp):
    text = (
        "| Item | Value |\n|---|---|\n| Capital expenditures | $8.2 billion |\n"
        "| Revenue | $30.1 billion |"
    )
    (f,) = capex(nlp, text, ticker="ORCL")
    assert f.low_usd == 8.2e9 and f.sentence == "| Capital expenditures | $8.2 billion |"


def test_companies_passed_to_load_are_recognised():
    nlp = extractors.load(
        [Company(ticker="ZZQX", name="Quixel Fabrication Holdings", aliases=["Quixel"])]
    )
    (f,) = capex(nlp, "Quixel expects capex of $2 billion in 2026.")
    assert f.company == "ZZQX"


@pytest.mark.parametrize(
    "text",
    [
        # commitment and buyback next to a negated capital-spending word
        "The group also committed $3.2 billion over four years to outside hosting contracts, "
        "an obligation that is not counted as capital spending, and it bought back "
        "$900 million of stock in the period.",
        "Excluding capital expenditures, it repurchased $2.5 billion of its shares.",
        "It signed $7 billion of take-or-pay power agreements rather than capital spending "
        "on its own plants.",
    ],
)
def test_commitments_and_buybacks_near_capital_words_are_not_capex(nlp, text):
    assert capex(nlp, text, ticker="META") == []


def test_negation_of_a_verb_keeps_the_capex_word(nlp):
    (f,) = capex(
        nlp,
        "Meta did not change its 2026 capex guidance of $70 billion to $72 billion.",
    )
    assert key(f) == ("META", 2026, None, 70e9, 72e9)


def test_watched_filer_is_known_by_the_first_word_of_its_name():
    nlp = extractors.load([Company(ticker="HLVX", name="HALVORSEN CLOUD, INC.")])
    text = (
        "- Halvorsen's $9-11 billion 2027 capex budget is mostly pre-sold, one fund "
        "manager said.\n- Rival platforms are spending more cautiously."
    )
    (f,) = capex(nlp, text, published=date(2027, 3, 1))
    assert key(f) == ("HLVX", 2027, None, 9e9, 11e9)


@pytest.mark.parametrize(
    ("text", "revision", "prior"),
    [
        (
            "Lyft now expects capital expenditures of $300 million to $450 million in 2025, "
            "compared with its previous range of $350 million to $400 million.",
            "widened",
            (350e6, 400e6),
        ),
        (
            "LYFT: mgmt now sees FY25 capex ~$500M (vs ~$400M prior), per the call.",
            "raised",
            (400e6, 400e6),
        ),
    ],
)
def test_prior_outlook_after_the_new_figure(nlp, text, revision, prior):
    (f,) = capex(nlp, text, date(2025, 5, 7), "LYFT")
    assert (f.revision, (f.prior_low_usd, f.prior_high_usd)) == (revision, prior)


def test_offset_by_capital_expenditures_is_a_level(nlp):
    text = "These inflows were offset by $4.1 billion of capital expenditures in 2024."
    (f,) = capex(nlp, text, date(2025, 2, 1), "ORCL")
    assert (f.low_usd, f.kind, f.fiscal_year) == (4.1e9, "actual", 2024)


def test_cash_flow_statement_outflows_in_parentheses(nlp):
    text = (
        "Cash flows were as follows (in millions):\n\n"
        "Year Ended December 31,\n"
        "2024 | 2023 | 2022\n"
        "Net cash provided by operating activities | $12,400 | $10,950 | $9,870\n"
        "Purchases of property and equipment | (5,120) | (4,380) | (3,905)\n"
    )
    got = sorted(
        (f.fiscal_year, f.low_usd, f.kind) for f in capex(nlp, text, date(2025, 2, 3), "ORCL")
    )
    assert got == [(2022, 3.905e9, "actual"), (2023, 4.38e9, "actual"), (2024, 5.12e9, "actual")]


def test_respectively_pairs_years_written_before_the_figures(nlp):
    text = (
        "During the years ended December 31, 2023 and 2024, we spent $6.1 billion and "
        "$8.4 billion on capital expenditures, respectively."
    )
    got = sorted((f.fiscal_year, f.low_usd) for f in capex(nlp, text, date(2025, 2, 5), "ADBE"))
    assert got == [(2023, 6.1e9), (2024, 8.4e9)]


def test_year_ago_figure_is_the_same_quarter_a_year_before(nlp):
    text = (
        "Snap spent $410 million on capital expenditures in the second quarter, up from "
        "$250 million a year earlier."
    )
    got = sorted(key(f) for f in capex(nlp, text, date(2025, 8, 6), "SNAP"))
    assert got == [("SNAP", 2024, 2, 250e6, 250e6), ("SNAP", 2025, 2, 410e6, 410e6)]


def test_a_figure_per_the_annual_report_is_actual(nlp):
    # published in the same calendar year, so only the words say the money is spent
    text = "Apple: FY25 capex USD 12bn, per the 10-K."
    (f,) = capex(nlp, text, date(2025, 11, 3), "AAPL")
    assert (f.fiscal_year, f.kind) == (2025, "actual")
