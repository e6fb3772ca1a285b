"""The speed shortcuts never change what is found.

The trigger index may only rule out a sentence that no cue pattern matches; the cue flag
must mark every word that opens a pattern; ``finclaims_sentencizer`` must split exactly
where line breaks plus spaCy's sentencizer do. Each is checked against the slow way on
real sentences from the repository and on generated text.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.pipeline import Sentencizer

import extractors
from extractors import components
from extractors.components import bits
from extractors.sentences import doc_text, is_final
from extractors.triggers import WORD, TriggerIndex

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = components.trigger_patterns()
INDEX = components.trigger_index()
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


REPOSITORY_SAMPLE = 30_000  # distinct sentences checked against every pattern


def _repository_sentences() -> list[str]:
    """Sentences rich in cue language: the stance training data and the build documents.

    Each distinct sentence once (the training data repeats the build documents' sentences),
    and at most ``REPOSITORY_SAMPLE`` of them, chosen by a hash of their text: every pattern
    is tried on every sentence, and the labelled set grows each round. A hash sample draws
    from every round's documents and stays the same from run to run."""
    out = set()
    for line in (ROOT / "extractors/stance_training/data/stance.jsonl").read_text().splitlines():
        out.add(json.loads(line)["text"])
    for path in sorted((ROOT / "evalsets/labelled/build/docs").glob("*.txt")):
        out |= {s for s in re.split(r"(?<=[.!?])\s+|\n", path.read_text()) if s.strip()}
    return sorted(out, key=lambda s: hashlib.sha1(s.encode()).hexdigest())[:REPOSITORY_SAMPLE]


SENTENCES = _repository_sentences()


def missed_keys(sentence: str, index: TriggerIndex = INDEX, patterns=PATTERNS) -> list:
    """Patterns that match ``sentence`` although the index ruled them out."""
    lower = sentence.lower()
    words = {w for w in WORD.findall(lower) if index.word_alts(w)}
    keys = index.keys(words, lower)
    return [
        (family, i)
        for family, found in patterns.items()
        for i, pattern in enumerate(found)
        if (family, i) not in keys and re.compile(pattern).search(sentence)
    ]


def test_the_index_keeps_every_sentence_a_cue_matches_in_repository_text():
    assert len(SENTENCES) > 2000
    missed = {s: m for s in SENTENCES if (m := missed_keys(s))}
    assert not missed, list(missed.items())[:3]


def _pieces() -> list[str]:
    """Words and phrases the patterns are made of, to build sentences that match them."""
    pieces = set()
    for _, alt in INDEX.alts:
        pieces |= set(alt.stems or ())
        for group in alt.required:
            pieces |= group
    return sorted(p.strip() for p in pieces if p.strip())


PIECES = _pieces()
FILLER = ["the", "company", "$40 billion", "2026", "said", ",", "its", "AI", "capex", "not"]


@PROPERTY
@given(st.lists(st.sampled_from(PIECES + FILLER), min_size=1, max_size=12))
def test_the_index_keeps_every_sentence_a_cue_matches_in_generated_text(parts):
    sentence = " ".join(parts) + "."
    assert not missed_keys(sentence)


def test_a_cue_opening_on_an_everyday_word_is_keyed_on_a_word_it_must_contain():
    patterns = {"bear": (re.compile(r"\b(?:has|have) yet to (?:deliver|prove)\b", re.I),)}
    index = TriggerIndex.build(patterns)
    assert not index.word_alts("has")  # not tested on every sentence holding "has"
    assert missed_keys("The build-out has yet to deliver.", index, patterns) == []
    assert index.keys({"deliver"}, "the build-out has yet to deliver.") == {("bear", 0)}
    assert index.keys({"deliver"}, "it has delivered.") == set()


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


@pytest.mark.parametrize(
    "text",
    [
        "Bears argue the spending can't pay off. Meta's AI-driven ads improved ROAS.",
        "Capital expenditures (incl. leases) were $9bn.\n- Ad impressions grew 11%",
        "Investors aren't convinced; the company has yet to deliver returns on its capex.",
    ],
)
def test_the_cue_flag_marks_every_word_that_opens_a_pattern(nlp, text):
    doc = nlp(text)
    offsets = [tuple(o) for o in doc._.sent_offsets]
    lower = doc_text(doc).lower()
    found = nlp.get_pipe("finclaims_amounts").alternatives_by_sentence(doc, lower, offsets)
    for k, (start, end) in enumerate(offsets):
        expected = set().union(*map(INDEX.word_alts, WORD.findall(lower[start:end])))
        assert expected
        assert expected <= set(bits(found.get(k, 0)))


def _split(nlp, text: str) -> list[bool]:
    return [t.is_sent_start for t in nlp(text)]


@pytest.fixture(scope="module")
def two_ways():
    slow = spacy.blank("en")
    slow.add_pipe("finclaims_line_breaks")
    slow.add_pipe("sentencizer")
    fast = spacy.blank("en")
    fast.add_pipe("finclaims_sentencizer")
    return slow, fast


def _reference_split(slow, text: str) -> list[bool]:
    """spaCy's split, plus the one place the project's sentencizer splits by design where
    spaCy cannot see a stop: after a figure in shorthand that keeps it ("4K.", "$5B.")."""
    doc = slow(text)
    starts = [t.is_sent_start for t in doc]
    for k, token in enumerate(doc):
        if is_final(token.text) and token.text not in Sentencizer.default_punct_chars:
            after = next((j for j in range(k + 1, len(doc)) if not doc[j].is_punct), None)
            if after is not None:
                starts[after] = True
    return starts


@pytest.mark.parametrize("text", SENTENCES[:: max(1, len(SENTENCES) // 300)] + ["", " ", "\n\n"])
def test_the_sentencizer_splits_repository_text_as_line_breaks_and_spacy_do(two_ways, text):
    slow, fast = two_ways
    assert _split(fast, text) == _reference_split(slow, text)


TRICKY = "ab .!?\n-;:\"')(…。！3$ \t\u2028x‼"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=120))
def test_the_sentencizer_splits_generated_text_as_line_breaks_and_spacy_do(two_ways, text):
    slow, fast = two_ways
    assert _split(fast, text) == _split(slow, text)


def test_the_sentencizer_starts_a_sentence_after_every_line_break(two_ways):
    _, fast = two_ways
    doc = fast("Capex outlook\n- 2026: $40 billion\nRevenue rose. Margins fell")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Capex", "-", "Revenue", "Margins"]
    assert np.all(doc.to_array(["SENT_START"]) != 0)
