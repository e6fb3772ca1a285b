"""Round H stance behaviour: bull wording of initiation notes, upgrades and upbeat calls,
implicit bear wording of columns, and what still takes no stance.

The sentences are written for these tests (and checked not to be training data or build
documents). They assert behaviour, not figures.
"""

import json

import pytest
from extract_helpers import extract as run
from extract_helpers import stance_labels as labels

from extractors.stance_training.build_data import OUT

BULL = [
    "Clients renting the company's GPU clusters are earning a solid return on them within "
    "two years, according to the analyst.",
    "Cloud revenue is now rising faster than the depreciation on the new data centers.",
    "Three brokers raised their price objectives on Amazon after AWS capacity sold out.",
    "Hedge fund managers said the chipmaker's software stack makes its accelerators hard "
    "for any rival to dislodge.",
    "The spending on AI infrastructure is paying dividends in faster search growth, the "
    "analyst said.",
    "Analysts said the AI strategy is clearly working, with cloud bookings at a record.",
    "Meta is reaping the rewards of its early bet on custom ranking chips, one fund manager said.",
    "Several fund managers said they had added to their positions, betting the AI spending "
    "will pay off.",
    "The data center build-out has given Amazon a lead that smaller rivals cannot afford to "
    "challenge.",
]
BEAR = [
    "Investors are left to guess how much of the cloud growth comes from the AI build-out.",
    "We would like to see better numbers on returns before the data center budget doubles again.",
    "Shareholders have questioned whether the new data centers will ever fill up.",
    "Analysts said the outlook for AI revenue did little to justify the jump in capital spending.",
]
NONE_IN_RELEASE = [
    "Our teams executed well, and we are well placed to serve customers building AI data centers.",
    "We remain confident in our long-term AI infrastructure strategy and our outlook.",
]


def test_test_sentences_are_not_training_data():
    texts = {json.loads(line)["text"] for line in OUT.read_text(encoding="utf-8").splitlines()}
    for text in [*BULL, *BEAR, *NONE_IN_RELEASE]:
        assert text not in texts


@pytest.mark.parametrize("text", BULL)
def test_round_h_bull_wording_is_bull(nlp, text):
    assert labels(run(nlp, text)) == ["bull"]


@pytest.mark.parametrize("text", BEAR)
def test_round_h_bear_wording_is_bear(nlp, text):
    assert labels(run(nlp, text)) == ["bear"]


@pytest.mark.parametrize("text", NONE_IN_RELEASE)
def test_a_release_praising_itself_takes_no_stance(nlp, text):
    assert labels(run(nlp, text, doc_type="press_release")) == []


def test_the_benefit_of_the_doubt_is_not_doubt(nlp):
    text = (
        "The company has doubled its data center capacity twice in three years. "
        "Holders say management has earned the benefit of the doubt on spending."
    )
    doubt = [s.stance for s in run(nlp, text).stances if "benefit of the doubt" in s.sentence]
    assert doubt == ["bull"]


def test_a_note_raising_its_own_target_is_not_a_view_on_the_strategy(nlp):
    text = "We raise our price target. Our model assumes capex of $29 billion in 2026."
    assert labels(run(nlp, text, doc_type="other")) == []


def test_a_share_move_alone_is_not_a_view(nlp):
    text = (
        "Meta raised its forecast for capital expenditures on Wednesday. "
        "The stock slid 5% in late trading after the company lifted its AI spending outlook."
    )
    result = run(nlp, text)
    assert labels(result) == []
    assert result.stance == "neutral"
