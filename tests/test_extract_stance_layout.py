"""Stances and the layout of calls, notes and news pages (round G).

Speaker labels on calls, headlines in sentence case and short rating pieces in morning notes
are part of how a document is laid out, not of the view: these tests assert that a stance is
judged and reported without them. The sentences are written for these tests.
"""

import json

import pytest
from extract_helpers import extract as run

from extractors.stance_component import is_headline, judged_spans, tail_host
from extractors.stance_training.build_data import OUT

QUESTION = (
    "Depreciation is now growing faster than cloud revenue, and I do not see when the new "
    "data centers start earning their keep."
)


def test_test_sentences_are_not_training_data():
    texts = {json.loads(line)["text"] for line in OUT.read_text(encoding="utf-8").splitlines()}
    assert QUESTION not in texts


@pytest.mark.parametrize(
    "label",
    ["Brian Nowak, Morgan Stanley: ", "Mark Mahaney (Evercore ISI): ", "Susan Li -- CFO: "],
)
def test_a_speaker_label_is_not_part_of_the_stance_sentence(nlp, label):
    text = f"Operator: Our next question, please.\n\n{label}{QUESTION}"
    result = run(nlp, text, doc_type="transcript", ticker="AMZN")
    (stance,) = result.stances
    assert stance.sentence == QUESTION
    assert text[stance.char_start : stance.char_end] == QUESTION


def test_a_view_label_stays_part_of_the_sentence():
    text = "Bull case: the buildout pays for itself."
    assert judged_spans(text, [(0, len(text))]) == [(0, len(text))]


def test_a_label_is_cut_only_at_the_start_of_a_line():
    text = "He said so. Brian Nowak, Morgan Stanley: capex is fine."
    spans = [(0, 11), (12, len(text))]
    assert judged_spans(text, spans) == spans


def test_a_headline_in_sentence_case_takes_no_stance(nlp):
    body = (
        "investors balk as the AI spending bill keeps climbing\n\n"
        "The company raised its capital expenditure outlook on Tuesday. "
        "Investors are worried that the data center spending will not pay off for years."
    )
    result = run(nlp, body, ticker="GOOGL")
    assert [s.sentence for s in result.stances] == [
        "Investors are worried that the data center spending will not pay off for years."
    ]


def test_what_counts_as_a_headline():
    text = "chip suppliers rally on AI spending\n\nShares rose."
    assert is_headline(text, [(0, 35), (37, 49)])
    sentence = "Chip suppliers rallied on AI spending.\n\nShares rose."
    assert not is_headline(sentence, [(0, 38), (40, 52)])
    alone = "chip suppliers rally on AI spending"
    assert not is_headline(alone, [(0, len(alone))])


def test_a_rating_piece_gives_its_stance_to_the_view_before_it(nlp):
    text = (
        "morning notes: AI spenders\n\n"
        "CRWV (UW): Another debt raise to pay for data centers. Reiterate UW.\n"
        "GOOGL (OW): TPUs are the cheapest compute in the industry. Top pick."
    )
    result = run(nlp, text)
    got = [(s.stance, s.sentence) for s in result.stances]
    # (a ticker label stays: "AI:" or "Capex:" would carry the topic)
    assert ("bear", "CRWV (UW): Another debt raise to pay for data centers.") in got
    assert ("bull", "GOOGL (OW): TPUs are the cheapest compute in the industry.") in got
    assert not any(s.sentence in ("Reiterate UW.", "Top pick.") for s in result.stances)


def test_only_a_short_piece_on_the_same_line_is_a_tail():
    text = "Capex is fine. Stay UW.\nStay UW."
    spans = [(0, 14), (15, 23), (24, 32)]
    assert tail_host(text, spans, 1) == 0
    assert tail_host(text, spans, 2) is None
    assert tail_host(text, spans, 0) is None
