"""In a document on the AI/capex topic the classifier judges every sentence, not only the
ones that name the topic: analysts argue their case in sentences that lean on the one
before ("The payoff is years away, if it comes at all."). A long document that never names
the topic still takes no stance. Sentences written for these tests."""

import pytest

import extractors
from tests.extract_helpers import extract

IMPLICIT_BEAR = "The payoff is years away, if it comes at all."
ON_TOPIC = (
    "Chewy raised its capital expenditures forecast to $170 million for fiscal 2026. "
    "The retailer is opening two automated fulfillment centers in Texas next spring. "
    f"{IMPLICIT_BEAR} Shares fell 3% in late trading."
)
OFF_TOPIC = (
    "Chewy opened a veterinary clinic in Plano on Saturday. "
    "The clinic has eleven exam rooms and a small pharmacy. "
    "Local pet owners lined up before the doors opened. "
    "The company plans more clinics in Dallas suburbs. "
    f"{IMPLICIT_BEAR} The ribbon was cut by the mayor."
)


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def test_a_sentence_without_topic_words_is_judged_in_a_document_on_the_topic(nlp):
    result = extract(nlp, ON_TOPIC)
    assert [(s.stance, s.sentence) for s in result.stances] == [("bear", IMPLICIT_BEAR)]
    assert result.stance == "bear"


def test_a_long_document_that_never_names_the_topic_takes_no_stance(nlp):
    result = extract(nlp, OFF_TOPIC)
    assert result.stances == []
    assert result.stance == "neutral"
