"""No input stops the extractor: arbitrary text, empty and huge documents, walls of numbers
and tables; a document that cannot be processed is reported and skipped, never fatal."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractors
from extractors.problems import ExtractionProblem
from finclaims.models import Document

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

FINANCIAL = [
    "Meta expects 2026 capital expenditures of $115-135 billion.",
    "Capex was $22.4bn in Q3, up from $17.0bn.",
    "| ($ in billions) | FY2025 | FY2026 |",
    "| Capital expenditures | 64.6 | 72.0 |",
    "Bears argue the AI build-out risks stranded assets.",
    "Ad impressions grew 11% and the average price per ad rose 9%.",
    "We raised our outlook to $70–$72 billion from $66–72 billion.",
    "- ROAS improved to 4.5x from 3.9x",
]


@pytest.fixture(scope="module")
def nlp():
    return extractors.load()


def run(nlp, *texts: str) -> tuple[list, list[ExtractionProblem]]:
    docs = [
        Document(url=f"https://robust.test/{i}", source="test", text=t) for i, t in enumerate(texts)
    ]
    problems: list[ExtractionProblem] = []
    results = extractors.extract_documents(nlp, docs, problems=problems)
    return results, problems


def assert_consistent(text: str, result) -> None:
    """Every fact points at its own sentence in the document text."""
    for fact in [*result.capex, *result.ad_claims, *result.stances]:
        assert text[fact.char_start : fact.char_end] == fact.sentence


@PROPERTY
@given(st.text(max_size=2000))
def test_any_unicode_text_is_extracted(nlp, text):
    (result,), problems = run(nlp, text)
    assert problems == []
    assert_consistent(text, result)


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.sampled_from(FINANCIAL),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
            st.from_regex(r"\$?[0-9,.]{1,12}\s?(?:[kKmMbBT]|bn|mn|billion|%)?", fullmatch=True),
            st.from_regex(r"\|(?: ?[-$0-9.,a-zA-Z()]{0,12} ?\|){1,6}", fullmatch=True),
        ),
        max_size=30,
    ),
    st.sampled_from(["\n", " ", "\n\n", " | ", "\t"]),
)
def test_financial_fragments_mixed_with_junk(nlp, pieces, joiner):
    text = joiner.join(pieces)
    (result,), problems = run(nlp, text)
    assert problems == []
    assert_consistent(text, result)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u200b", "-", "|", "$", "$$$ billion"])
def test_empty_and_degenerate_documents(nlp, text):
    (result,), problems = run(nlp, text)
    assert problems == [] and result.capex == [] and result.stance == "neutral"


def test_wall_of_numbers(nlp):
    rng = random.Random(3)
    cells = [f"${rng.randint(1, 999)}.{rng.randint(0, 9)}{rng.choice(['B', 'bn', 'M', ''])}"]
    cells += [str(rng.randint(1900, 2100)) for _ in range(3000)]
    cells += [f"{rng.random() * 1e6:,.2f}" for _ in range(3000)]
    rng.shuffle(cells)
    text = " ".join(cells)
    (result,), problems = run(nlp, text)
    assert problems == []
    assert_consistent(text, result)


@pytest.mark.parametrize(
    "unit",
    [
        "$1 $2 $3 billion capex, ",  # amounts beside capex words, no sentence end
        "ROAS up 5% to 3.2x, CPM down 4%, impressions up 10%, ",  # ad metrics likewise
    ],
)
def test_wall_of_figures_without_sentence_ends(nlp, unit):
    """Thousands of figures in one unbroken "sentence" are no prose claim, and reading
    them one by one against the whole sentence used to take minutes (quadratic)."""
    text = unit * 4000
    (result,), problems = run(nlp, text)
    assert problems == []
    assert result.capex == [] and result.ad_claims == []
    assert_consistent(text, result)


def test_one_megabyte_document_is_read(nlp):
    rng = random.Random(5)
    lines, size = [], 0
    while size < 1_000_000:
        if rng.random() < 0.2:
            lines.append(rng.choice(FINANCIAL))
        else:
            lines.append(f"Filler line {rng.randint(0, 10**6)} about the weather in Dublin.")
        size += len(lines[-1]) + 1
    text = "\n".join(lines)
    assert len(text.encode()) >= 1_000_000
    (result,), problems = run(nlp, text)
    assert problems == []
    assert result.capex and result.stances
    assert_consistent(text, result)


def test_too_long_document_is_reported_and_the_batch_goes_on(nlp):
    huge = "x " * (extractors.MAX_CHARS // 2 + 1)
    good = "Oracle expects fiscal 2026 capital expenditures of $25 billion."
    results, problems = run(nlp, huge, good)
    assert [r.document_id for r in results] != [] and len(results) == 1
    assert results[0].capex[0].low_usd == 25e9
    (problem,) = problems
    assert problem.document == "https://robust.test/0" and problem.stage == "pipeline"
    assert "exceeds" in problem.reason


def test_a_crashing_component_skips_only_its_document(nlp, monkeypatch):
    capex = nlp.get_pipe("finclaims_capex")
    original = type(capex).__call__

    def fragile(self, doc):
        if "boom" in doc.text:
            raise RuntimeError("cannot read this table")
        return original(self, doc)

    monkeypatch.setattr(type(capex), "__call__", fragile)
    texts = (
        "Alphabet expects 2026 capex of $175 billion to $185 billion.",
        "boom | $5 billion capex",
        "Amazon plans to spend about $200 billion on capex in 2026.",
    )
    results, problems = run(nlp, *texts)
    assert [r.document for r in results] == ["https://robust.test/0", "https://robust.test/2"]
    assert [f.company for r in results for f in r.capex] == ["GOOGL", "AMZN"]
    (problem,) = problems
    assert problem.document == "https://robust.test/1"
    assert "finclaims_capex" in problem.reason and "cannot read this table" in problem.reason


def test_a_fact_outside_the_contract_is_dropped_alone(nlp):
    text = (
        "In fiscal 1985 the company's capital expenditures were $2 billion.\n"
        "Microsoft expects fiscal 2026 capital expenditures of more than $80 billion."
    )
    (result,), problems = run(nlp, text)
    assert [(f.company, f.fiscal_year) for f in result.capex] == [("MSFT", 2026)]
    (problem,) = problems
    assert problem.stage == "fact" and "fiscal_year" in problem.reason


def test_problems_are_logged_when_no_list_is_given(nlp, caplog):
    huge = "y " * (extractors.MAX_CHARS // 2 + 1)
    doc = Document(url="https://robust.test/huge", source="test", text=huge)
    assert extractors.extract_documents(nlp, [doc]) == []
    assert "https://robust.test/huge" in caplog.text and "exceeds" in caplog.text


def test_the_collector_setting_is_restored_after_a_batch(nlp, monkeypatch):
    """A batch runs with fewer collections of the youngest generation, and leaves the
    process's setting as it found it, whether the batch ends well or not."""
    import gc

    before = gc.get_threshold()
    seen = []
    capex = nlp.get_pipe("finclaims_capex")
    original = type(capex).__call__

    def watched(self, doc):
        seen.append(gc.get_threshold()[0])
        if "boom" in doc.text:
            raise KeyboardInterrupt  # not an error spaCy's handler takes: the batch stops
        return original(self, doc)

    monkeypatch.setattr(type(capex), "__call__", watched)
    run(nlp, "Alphabet expects 2026 capex of $175 billion to $185 billion.")
    assert seen and seen[0] > before[0]
    assert gc.get_threshold() == before
    with pytest.raises(KeyboardInterrupt):
        run(nlp, "boom")
    assert gc.get_threshold() == before
