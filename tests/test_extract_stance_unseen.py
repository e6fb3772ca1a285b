"""Stances in wordings unlike the training data, and what still takes none.

The sentences are written for these tests (and checked not to be training data): general
financial bull/bear language (price-target cuts, overbuild, credit spreads, self-funding),
analysts' questions on calls, risk-factor lines in filings, and off-topic news that uses
money words. They assert behaviour, not figures.
"""

import json

import pytest
from extract_helpers import extract as run
from extract_helpers import stance_labels as labels

from extractors import lexicon
from extractors.stance import decide
from extractors.stance_training.build_data import OUT

BEAR = [
    "Two brokers slashed their price targets on Alphabet, saying the server bill will "
    "swallow most of next year's free cash flow.",
    "Fund managers fear the AI data-center boom is turning into a glut that will leave "
    "capacity sitting idle.",
    "Oracle's credit spreads widened again as its debt load climbs to pay for new data centers.",
    "Margins shrank for a fourth straight quarter as the costs of the AI build-out mounted.",
]
BULL = [
    "Amazon is paying for its data centers out of its own cash flow, so it can keep "
    "building through a downturn in AI demand.",
    "Demand for Microsoft's AI capacity still outstrips supply, which says the spending is "
    "well judged.",
]
FILING_RISK = [
    "If we fail to manage the growth of our data center capacity, our business could be harmed.",
    "Failure to realize the benefits of our investments in AI infrastructure could "
    "adversely affect our results.",
    # legal text, not a risk factor, with bear words: outside reported views, no stance
    "The complaint alleges breach of fiduciary duty and waste of corporate assets in "
    "connection with the data center program.",
    "It is not clear how existing export rules apply to the AI accelerators we sell abroad.",
]
OFF_TOPIC_NEWS = (
    "Saving for an early retirement takes discipline. Index funds spread your money across "
    "a market and reduce risk. Paying off high-interest debt first is worth it for most "
    "people. Budget for healthcare before you stop working. Many planners suggest keeping "
    "a year of spending in cash."
)


def test_test_sentences_are_not_training_data():
    texts = {json.loads(line)["text"] for line in OUT.read_text(encoding="utf-8").splitlines()}
    for text in [*BEAR, *BULL, *FILING_RISK]:
        assert text not in texts


@pytest.mark.parametrize("text", BEAR)
def test_general_bear_wording_is_bear(nlp, text):
    assert labels(run(nlp, text)) == ["bear"]


@pytest.mark.parametrize("text", BULL)
def test_general_bull_wording_is_bull(nlp, text):
    assert labels(run(nlp, text)) == ["bull"]


def test_a_cue_list_verdict_stands_against_a_confident_classifier():
    if not lexicon.load("stance")["classifier"].get("cues_first"):
        pytest.skip("cues_first is off")
    sure_bull = {"BULL": 0.97, "BEAR": 0.02, "NONE": 0.01}
    assert decide(sure_bull, "bear", strict=False) == "bear"
    # where the cue lists are silent, the confident classifier still decides
    assert decide(sure_bull, None, strict=False) == "bull"


def test_an_analysts_worried_question_is_bear_on_a_call_only(nlp):
    text = (
        "Analyst: Capex has doubled and cloud growth has not moved. How long can the "
        "balance sheet carry this much spending on AI data centers before the rating "
        "agencies push back?"
    )
    question = "How long can the balance sheet carry"
    on_call = run(nlp, text, doc_type="transcript", ticker="ORCL")
    assert [s.stance for s in on_call.stances if question in s.sentence] == ["bear"]
    in_news = run(nlp, text, doc_type="news", ticker="ORCL")
    assert [s for s in in_news.stances if question in s.sentence] == []


@pytest.mark.parametrize("text", FILING_RISK)
@pytest.mark.parametrize("doc_type", ["10-K", "10-Q"])
def test_risk_factor_lines_in_filings_take_no_stance(nlp, text, doc_type):
    assert run(nlp, text, doc_type=doc_type, ticker="META").stances == []


def test_news_that_only_uses_money_words_takes_no_stance(nlp):
    result = run(nlp, OFF_TOPIC_NEWS)
    assert (result.stances, result.stance) == ([], "neutral")


def test_a_topic_headline_lends_its_topic_to_a_strong_cue(nlp):
    body = (
        "Shares of the company fell 4% on Tuesday. Skeptics argue the plan will take years "
        "to earn back its cost. The company reports results next week. It has not commented."
        " Trading volume was twice the daily average."
    )
    with_headline = run(nlp, f"Microsoft's AI spending plan draws fire\n\n{body}", ticker="MSFT")
    assert "bear" in labels(with_headline)
    without = run(nlp, f"Microsoft shares in focus\n\n{body}", ticker="MSFT")
    assert labels(without) == []


@pytest.mark.parametrize("doc_type", ["press_release", "8-K"])
def test_a_release_praising_its_own_ai_plan_takes_no_stance(nlp, doc_type):
    text = (
        '"Our strategic investments position us well to capture the significant AI '
        'opportunity ahead," said the chief executive. "We see compelling opportunities to '
        'extend our leadership in AI networking."'
    )
    result = run(nlp, text, doc_type=doc_type, ticker="ANET")
    assert (result.stances, result.stance) == ([], "neutral")
