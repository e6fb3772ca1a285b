"""The trained stance classifier: it ships in the repo, loads offline, reads phrasings the
cue lists do not hold, and its training data is well-formed and sourced. Sentences here
are written for these tests and are not in the training data (checked below)."""

import json
from pathlib import Path

import pytest

import extractors
from extractors.stance_component import MODEL, WordWeights, load_classifier
from extractors.stance_training.build_data import LABELS, OUT, load
from finclaims.models import Document

BULL = [
    "Analysts say the AI investments are paying off handsomely as cloud revenue accelerates.",
    "Microsoft has the strongest position in enterprise AI, and its spending will widen that lead.",
]
BEAR = [
    "Meta keeps pouring billions into AI data centers with no sign yet of revenue to match.",
    "Fund managers worry that Amazon's data center binge will leave it with idle capacity.",
]
FACTS = [
    "Alphabet said it spent $23 billion on capital expenditures in the quarter.",
    "Microsoft will open two data center regions in Poland and Chile next year.",
]
REPORTED = [
    ("Critics of the plan contend Oracle's AI capex is far too large for its cash flow.", "bear"),
    ("Supporters of the plan reply that Oracle's AI capex is backed by signed contracts.", "bull"),
]


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def stances(nlp, text, ticker="MSFT"):
    doc = Document(url="https://example.test/m", source="test", text=text, ticker=ticker)
    (result,) = extractors.extract_documents(nlp, [doc])
    return result


def test_model_ships_small_and_loads_offline():
    assert (MODEL / "meta.json").is_file()
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 5_000_000
    clf = load_classifier()
    assert set(clf.get_pipe("textcat").labels) == set(LABELS)


def test_word_weights_give_the_models_own_probabilities(nlp):
    clf = load_classifier()
    weights = WordWeights(clf)
    text = f"{BEAR[0]} {FACTS[0]}"
    doc = nlp(extractors.make_doc(nlp, text))
    spans = [tuple(o) for o in doc._.sent_offsets]
    for (start, end), got in zip(spans, weights.sentences(doc, spans), strict=True):
        want = clf(text[start:end]).cats
        assert got == pytest.approx(want, abs=1e-5)


@pytest.mark.parametrize(
    ("text", "label"), [*((t, "bull") for t in BULL), *((t, "bear") for t in BEAR)]
)
def test_clear_views_in_new_words(nlp, text, label):
    assert [s.stance for s in stances(nlp, text).stances] == [label]


@pytest.mark.parametrize("text", FACTS)
def test_facts_take_no_stance(nlp, text):
    assert stances(nlp, text).stances == []


@pytest.mark.parametrize(("text", "label"), REPORTED)
def test_reported_views_keep_their_direction(nlp, text, label):
    (s,) = stances(nlp, text, ticker="ORCL").stances
    assert (s.stance, s.target) == (label, "ORCL")


def test_a_document_without_the_topic_is_neutral(nlp):
    text = (
        "The bakery chain opened four stores this spring. Critics say its pastries are too"
        " sweet, while fans love the new menu. The owners are delighted with the results."
        " Sales rose in every region. The company plans a loyalty card. Bears argue the"
        " shares are too expensive after the rally."
    )
    result = stances(nlp, text, ticker=None)
    assert (result.stances, result.stance) == ([], "neutral")


def test_training_data_is_labelled_and_sourced():
    items = load()
    assert len(items) >= 800
    counts = {label: sum(i["label"] == label for i in items) for label in LABELS}
    assert min(counts["BULL"], counts["BEAR"]) >= 150
    assert all(i["source"] and i["group"] for i in items)
    sources = " ".join(i["source"] for i in items)
    assert "heldout" not in sources and "eval/dev" not in sources
    bench = [i for i in items if i["source"].startswith("article-benchmark")]
    assert all(i["source"].split()[1][0] in "89abcdef" for i in bench)


def test_test_sentences_are_not_training_data():
    texts = {json.loads(line)["text"] for line in OUT.read_text(encoding="utf-8").splitlines()}
    for text in [*BULL, *BEAR, *FACTS, *(t for t, _ in REPORTED)]:
        assert text not in texts


def test_load_rejects_an_unknown_label(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x", "label": "MAYBE", "source": "s"}) + "\n")
    with pytest.raises(ValueError, match="MAYBE|label"):
        load(bad)
