"""Ad claims, stances and the document-stance rule, on sentences written for these tests."""

import pytest

import extractors
from extractors.stance import document_stance
from finclaims.models import Document


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def run(nlp, text, ticker=None):
    doc = Document(url="https://example.test/b", source="test", text=text, ticker=ticker)
    (result,) = extractors.extract_documents(nlp, [doc])
    for item in [*result.ad_claims, *result.stances]:
        assert text[item.char_start : item.char_end] == item.sentence
    return result


def test_two_metrics_in_one_sentence_keep_their_own_numbers(nlp):
    res = run(
        nlp,
        "In Q3 2025, ad impressions rose 11% while the average price per ad increased 9%.",
        ticker="META",
    )
    got = {(c.metric, c.direction, c.change_pct, c.period) for c in res.ad_claims}
    assert got == {("ad_impressions", "up", 11.0, "2025Q3"), ("ad_price", "up", 9.0, "2025Q3")}


def test_decline_is_negative(nlp):
    (c,) = run(nlp, "Pinterest said ad pricing fell 4% in 2024.").ad_claims
    assert (c.company, c.metric, c.direction, c.change_pct, c.period) == (
        "PINS",
        "ad_price",
        "down",
        -4.0,
        "2024",
    )


def test_level_in_dollars(nlp):
    (c,) = run(nlp, "Alphabet's advertising revenue was $74.2 billion in the quarter.").ad_claims
    assert (c.company, c.metric, c.value, c.direction) == ("GOOGL", "ad_revenue", 74.2e9, None)


def test_roas_ratio_and_move(nlp):
    res = run(
        nlp,
        "Advertisers using the new tools earned $5.10 for every dollar spent.\n"
        "Return on ad spend climbed from 3.2x to 3.9x after the update.",
        ticker="APP",
    )
    got = {(c.metric, c.value, c.from_value, c.to_value) for c in res.ad_claims}
    assert ("roas", 5.10, None, None) in got and ("roas", None, 3.2, 3.9) in got


def test_qualitative_claim_has_direction_only(nlp):
    (c,) = run(
        nlp,
        "Generative creative tools are lifting conversion rates for small merchants.",
        ticker="META",
    ).ad_claims
    assert (c.metric, c.direction, c.change_pct, c.value) == ("conversions", "up", None, None)


def test_bare_metric_mention_is_not_a_claim(nlp):
    assert run(nlp, "The report discusses ad impressions and their definition.").ad_claims == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Skeptics argue the spending spree will never earn its cost of capital.", "bear"),
        ("Optimists say the new chips give Oracle a durable competitive advantage.", "bull"),
        ("Investors are worried that Microsoft is overspending on data centers.", "bear"),
        ("The buildout looks like a smart bet that should pay off within three years.", "bull"),
        ("The company is struggling to show returns, and doubts are growing.", "bear"),
    ],
)
def test_sentence_stances(nlp, text, label):
    (s,) = run(nlp, text, ticker="MSFT").stances
    assert s.stance == label


def test_reported_view_target_is_the_named_company(nlp):
    (s,) = run(nlp, "Bears argue Amazon's capex surge carries bubble risk.", ticker="META").stances
    assert (s.stance, s.target) == ("bear", "AMZN")


def test_neutral_sentences_are_left_out(nlp):
    assert run(nlp, "Nvidia will report results on Wednesday after the close.").stances == []


def test_negated_cue_flips(nlp):
    (s,) = run(
        nlp, "Management said the buildout is not a risk to the balance sheet.", ticker="META"
    ).stances
    assert s.stance == "bull"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], "neutral"),
        (["bull"] * 4 + ["bear"] * 2, "mixed"),
        (["bull"] * 5 + ["bear"] * 2, "bull"),
        (["bear"] * 3, "bear"),
        (["bull", "bear"], "mixed"),
    ],
)
def test_document_stance_rule(labels, expected):
    assert document_stance(labels) == expected


def test_predicted_labels_are_mixed_at_a_lower_share():
    """The extractor's own labels miss some of the smaller side: 5 to 2 is mixed for them."""
    assert document_stance(["bull"] * 5 + ["bear"] * 2, mixed_share=0.28) == "mixed"
    assert document_stance(["bull"] * 3 + ["bear"], mixed_share=0.28) == "bull"


def test_document_stance_from_pipeline(nlp):
    text = (
        "Bulls argue the flywheel is working.\nBears argue returns are fading.\n"
        "Critics say the debt load is a concern."
    )
    res = run(nlp, text, ticker="META")
    assert [s.stance for s in res.stances] == ["bull", "bear", "bear"]
    assert res.stance == "mixed"


def test_document_stance_from_pipeline_reads_five_to_two_as_mixed(nlp):
    """The pipeline's own labels use ``document.mixed_share`` of stance.yaml, not a third."""
    text = (
        "Bulls argue the flywheel is working.\nBulls argue the ad tools pay for the servers.\n"
        "Bulls argue the AI spending will widen the lead.\nBulls argue the capex is funded "
        "from cash flow.\nBulls argue returns on the data centers are rising.\n"
        "Bears argue returns are fading.\nBears argue the AI capex is running ahead of demand."
    )
    res = run(nlp, text, ticker="META")
    assert [s.stance for s in res.stances] == ["bull"] * 5 + ["bear"] * 2
    assert res.stance == "mixed"


def test_numbers_between_two_metrics_belong_to_the_first(nlp):
    res = run(
        nlp,
        "Merchants on the self-serve tools saw return on ad spend rise from 2.8 to 3.3, "
        "executives said, and conversion rates on shoppable posts climbed 12% from a year "
        "earlier.",
        ticker="PINS",
    )
    got = {(c.metric, c.from_value, c.to_value, c.change_pct, c.period) for c in res.ad_claims}
    assert got == {("roas", 2.8, 3.3, None, None), ("conversions", None, None, 12.0, None)}


def test_level_up_from_a_base_is_a_move_dated_by_neither(nlp):
    (c,) = run(
        nlp,
        "Snap's ad chief said brands now earn $3.60 for every dollar of ad spend, up from "
        "$3.10 in the first quarter.",
    ).ad_claims
    assert (c.company, c.metric, c.direction, c.value, c.from_value, c.to_value) == (
        "SNAP",
        "roas",
        "up",
        3.6,
        3.1,
        3.6,
    )
    assert c.period is None


def test_period_in_a_later_clause_dates_something_else(nlp):
    (c,) = run(
        nlp, "Price per ad up 8%; company trims its 2027 spending plan", ticker="PINS"
    ).ad_claims
    assert (c.metric, c.change_pct, c.period) == ("ad_price", 8.0, None)


def test_release_highlights_take_the_section_quarter(nlp):
    text = (
        "Lumen Social Reports Second Quarter 2027 Results\n"
        "Second Quarter Financial Highlights\n"
        "Ad impressions increased 5% year-over-year.\n"
    )
    doc = Document(url="https://example.test/c", source="test", text=text, ticker="PINS")
    (res,) = extractors.extract_documents(nlp, [doc])
    (c,) = res.ad_claims
    assert (c.metric, c.change_pct, c.period) == ("ad_impressions", 5.0, "2027Q2")


@pytest.mark.parametrize(
    "text",
    [
        # safe-harbour language is full of risk words but states no view
        "These forward-looking statements are subject to risks and uncertainties that "
        "could cause actual results to differ materially.",
        "Our plans involve significant risks and uncertainties, including weaker demand.",
        # a market size is not a view on the company
        "Researchers value the market for AI networking gear at $250 billion by 2030, "
        "helped by accelerating demand.",
        # the debate posed as a question of alternatives
        "The question for investors is whether the spending builds a durable moat or just "
        "a bigger cost base.",
        # a headline label
        "The bull case",
        # accounting vocabulary in an outlook
        "We expect operating costs to rise next year, driven by depreciation of new servers.",
        # a results beat is not a view on the strategy
        "Revenue of $9.1 billion came in ahead of the $8.8 billion analysts expected.",
    ],
)
def test_boilerplate_market_sizes_questions_and_labels_carry_no_stance(nlp, text):
    assert run(nlp, text, ticker="MSFT").stances == []


def test_legal_section_carries_no_stance_but_the_rest_does():
    nlp = extractors.load()
    text = (
        "Critics warn the data center binge is a costly gamble.\n"
        "Risk Factors\n"
        "If demand weakens, we may be left with idle capacity and stranded assets.\n"
    )
    res = run(nlp, text, ticker="ORCL")
    assert [s.stance for s in res.stances] == ["bear"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Bulls counter that the buildout is backed by signed multiyear deals.", "bull"),
        ("Skeptics also point to a widening gap between spending and sales.", "bear"),
        ("Renting rivals' servers looks like a retreat from its AI ambitions.", "bear"),
        ("One fund manager called the smaller budget a sign of discipline.", "bull"),
        ("Analysts still rate the shares a buy after the capex update.", "bull"),
    ],
)
def test_more_reported_views(nlp, text, label):
    (s,) = run(nlp, text, ticker="META").stances
    assert s.stance == label


def run_typed(nlp, text, doc_type, ticker="AMZN"):
    doc = Document(
        url="https://example.test/t", source="test", text=text, ticker=ticker, doc_type=doc_type
    )
    (result,) = extractors.extract_documents(nlp, [doc])
    return result


@pytest.mark.parametrize(
    "text",
    [
        # financing facts, no evaluation
        "Cash outflows from financing activities included repayments of long-term debt of "
        "$4.2 billion.",
        # tax vocabulary that shares a word with a cue
        "Our tax provision reflects accelerated depreciation deductions on qualified property.",
        # an evaluative word about something other than the AI or capex bet
        "The chief executive took the optimistic view after shareholders approved the merger.",
        "For game publishers, the new console is an opportunity to reach a wider audience.",
        # a hedge fund is not a hedge
        "A hedge fund manager bought more of the shares last week.",
        # a markdown table row lists attributes, it argues nothing
        "| Strategy | Ecosystem dominance and AI efficiency | Subscription fees |",
    ],
)
def test_evaluative_words_without_the_topic_take_no_stance(nlp, text):
    assert run(nlp, text, ticker="META").stances == []


def test_a_strong_cue_borrows_the_topic_of_the_sentence_before(nlp):
    text = (
        "Microsoft lifted its data center budget again this quarter.\n"
        "The margin for error is shrinking.\n"
        "Meanwhile the cafeteria menu changed."
    )
    res = run(nlp, text, ticker="MSFT")
    assert [(s.stance, s.sentence) for s in res.stances] == [
        ("bear", "The margin for error is shrinking.")
    ]


def test_a_weak_cue_needs_the_topic_in_its_own_sentence():
    """The cue lists' rule, without the classifier (which may judge the sentence itself)."""
    cues_only = extractors.load()
    cues_only.get_pipe("finclaims_stances").weights = None
    text = "Microsoft lifted its data center budget again this quarter.\nDemand looks robust."
    assert run(cues_only, text, ticker="MSFT").stances == []
    topic = "Microsoft's demand for data center capacity looks robust."
    assert [s.stance for s in run(cues_only, topic, ticker="MSFT").stances] == ["bull"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Investors have grown skeptical that the foundry build-out will ever pay off.", "bear"),
        ("The market is worried the AI spending is running ahead of revenue.", "bear"),
        ("Bond spreads have widened since the company began borrowing for data centers.", "bear"),
        ("One manager called the AI build-out a money pit.", "bear"),
        ("We think the market underestimates how much of the capex is already monetized.", "bull"),
        ("The new chips give the company a durable edge in AI inference.", "bull"),
    ],
)
def test_general_financial_phrasings_of_a_view(nlp, text, label):
    (s,) = run(nlp, text, ticker="ORCL").stances
    assert s.stance == label


def test_filings_and_releases_take_a_stance_only_on_strong_cues(nlp):
    weak = "Our robust AI infrastructure positions us well for growth."
    strong = "Some investors worry that our AI spending is running ahead of demand."
    assert run_typed(nlp, weak, "news").stances != []
    assert run_typed(nlp, weak, "10-K").stances == []
    assert run_typed(nlp, weak, "press_release").stances == []
    assert [s.stance for s in run_typed(nlp, strong, "10-K").stances] == ["bear"]


def test_a_reported_figure_with_a_passing_weak_word_is_a_fact(nlp):
    fact = (
        "Rivian said it now expects capital expenditures of $1.8 billion to $2.1 billion "
        "this year, citing uncertainty over the timing of its second plant."
    )
    view = "Investors are worried that the $2 billion data center will sit idle."
    assert run(nlp, fact, ticker="RIVN").stances == []
    assert [s.stance for s in run(nlp, view, ticker="RIVN").stances] == ["bear"]


@pytest.mark.parametrize(
    ("text", "metric", "change"),
    [
        ("The number of ads shown rose 15% on Instagram.", "ad_impressions", 15.0),
        ("Impressions delivered grew 8% in the quarter.", "ad_impressions", 8.0),
        ("Retail media sales jumped 30% to $4.4 billion at Walmart Connect.", "ad_revenue", 30.0),
    ],
)
def test_ad_metrics_in_more_words(nlp, text, metric, change):
    claims = run(nlp, text).ad_claims
    assert [(c.metric, c.direction, c.change_pct) for c in claims] == [(metric, "up", change)]


@pytest.mark.parametrize(
    ("text", "metric", "direction"),
    [
        ("Snap said the price per thousand impressions fell 6% in 2026.", "ad_price", "down"),
        ("Pinterest said eCPMs decreased 12% in 2026.", "ad_price", "down"),
        ("Pinterest said cost per purchase fell 18% in 2026.", "conversions", "down"),
        ("Reddit's cost per action declined 9% in 2026.", "conversions", "down"),
        ("Uber said sponsored listings returned about $8 in sales for every dollar merchants "
         "spent.", "roas", None),
    ],
)  # fmt: skip
def test_spelled_out_prices_costs_per_action_and_merchant_returns(nlp, text, metric, direction):
    (c,) = run(nlp, text).ad_claims
    assert c.metric == metric
    assert direction is None or c.direction == direction


def test_free_cash_flow_conversion_is_no_ad_claim(nlp):
    text = "Meta said free cash flow conversion stays above 80% as AI capex grows."
    assert run(nlp, text).ad_claims == []
