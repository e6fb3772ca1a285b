"""Round I stance behaviour: bull wording about contracted, pre-funded capacity, visibility
and payback; bear wording about earning below the cost of capital and customers building
their own chips; and look-alikes that take no stance.

The sentences are written for these tests (not training data, not build documents).
"""

import json

import pytest
from extract_helpers import extract as run
from extract_helpers import stance_labels as labels

from extractors.stance_training.build_data import OUT

BULL = [
    "The new AI data center halls were leased before they were even powered on, the CFO said.",
    "Management stressed the capex plan is not a speculative build: tenants prepay for the "
    "capacity up front.",
    "The utility's capital plan is backed by signed long-term power contracts with data "
    "center operators.",
    "The AI infrastructure spend is already paying for itself, and visibility has never been "
    "better, according to the analyst.",
    "Our cloud capex is paying back faster than any build we have done, the CFO said.",
    "We remain short of capacity for AI compute through the end of the year.",
    "The chief executive made a convincing case that the data center capex will earn a good "
    "return.",
    "Shareholders cheered the larger AI spending plan on Thursday.",
    "We think the market is far too pessimistic about Alphabet's capex.",
    "Skeptics of the AI build-out keep getting the timing wrong, quarter after quarter.",
    "The new data center capacity sells out before it is finished, the CFO said.",
    "Amazon is paying for its AI capex with ad dollars rather than new bonds.",
    "We would rather be early on AI capacity than be caught short of compute.",
    "This is the least speculative data center expansion the company has done in a decade.",
    "Minimum-take contracts shift most of the data center risk onto the hyperscalers.",
    "The asset sale funded the capex plan without issuing new stock.",
    "At least eleven brokers lifted their targets after the AI capex update.",
    "The bear case on Meta's AI capex keeps getting the timing wrong.",
    "We're not building ahead of demand on data center capacity.",
    "The market is going to give Alphabet the benefit of the doubt on AI capex.",
    "Every data center megawatt we build is contracted before we break ground.",
    # rounds M and N
    "Pausing the new cracker is the right thing to do with capital this year, one analyst said.",
    "The foundry's photonics lead is real and its AI capex is the right place to be spending.",
    "The robotaxi fleet capex is the biggest opportunity the company has had in a decade.",
    "A minority stake buys Uber a seat at the table in the autonomous fleet build-out.",
    "We are not in the business of building data centers on spec.",
    "The utility has pre-funded the equity for its capex plan through 2027.",
]
BEAR = [
    "We think the AI build-out under-earns its cost of capital for at least three more years.",
    "Its largest cloud customers are designing their own chips, which clouds the outlook for "
    "its accelerators.",
    "The payback on the new AI campuses could take a decade, one fund manager said.",
    "Depreciation from the data center build-out will crush margins next year.",
    "Enterprise buyers may not spend enough on AI tools to justify the capex.",
    "A short seller argued the company overstates the useful life of its GPUs.",
    "Others were less sanguine about the data center spending.",
    "The AI build-out earns a return below its cost of debt, the report said.",
    "The gap between its cash flow and its capex is being filled with bonds.",
    "Some analysts argue the new mine's capex will earn less than the buybacks it displaces.",
    "Not everyone is so relaxed about the AI capex bill.",
    "To us the robotaxi capex looks like a very expensive science project.",
    "Large holders would rather see that capital returned to them than spent on more GPUs.",
    # rounds M and N
    "Others flagged the funding gap left by the data center build-out.",
    "The higher capex eats roughly half of this year's free cash flow.",
    "Some shareholders argue the new cracker was the wrong project for its capex budget.",
]
NONE = [
    "The company spent $118 million on solid waste capex in the quarter.",
    "Our 2027 capex estimate of $60bn sits ahead of the Street at $58.5bn.",
    "Here's what stuck with me from the AI capex discussion.",
    "Advertisers using Advantage+ campaigns spent more on AI-built ads, the company said.",
    "Purchase commitments rose to $30 billion as it secures components for its AI servers.",
]


def test_test_sentences_are_not_training_data():
    texts = {json.loads(line)["text"] for line in OUT.read_text(encoding="utf-8").splitlines()}
    for text in [*BULL, *BEAR, *NONE]:
        assert text not in texts


@pytest.mark.parametrize("text", BULL)
def test_round_i_bull_wording_is_bull(nlp, text):
    assert labels(run(nlp, text)) == ["bull"]


@pytest.mark.parametrize("text", BEAR)
def test_round_i_bear_wording_is_bear(nlp, text):
    assert labels(run(nlp, text)) == ["bear"]


@pytest.mark.parametrize("text", NONE)
def test_a_product_name_or_a_supply_purchase_is_no_view(nlp, text):
    assert labels(run(nlp, text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "What makes you think the GPU capex earns a return at these rental prices?",
        "Why should investors believe this EV capex is different from the last round?",
        "Do you worry you're cutting capex too far and will be short on growth in 2028?",
    ],
)
def test_a_questioners_disbelief_on_a_call_is_bear(nlp, text):
    assert labels(run(nlp, text, doc_type="transcript")) == ["bear"]
