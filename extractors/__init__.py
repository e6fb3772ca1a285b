"""Rule-based extractors: capex figures, ad-performance claims and bull/bear stances.

    nlp = extractors.load()
    problems: list[extractors.ExtractionProblem] = []
    results = extractors.extract_documents(nlp, documents, problems=problems)

A document the pipeline cannot process is left out of ``results`` and described in
``problems`` (and logged); a single fact outside the contract is dropped and reported the
same way while the rest of its document is kept.

Document context reaches the components through ``doc._.context`` (a dict with
``published`` as an ISO date string, ``ticker``, ``doc_type`` and ``title``), set by ``make_doc``
before the pipeline runs, because ``nlp.pipe(as_tuples=True)`` context is not visible to
components. Facts land on ``doc._.capex``, ``doc._.ad_claims`` and ``doc._.stances`` as
plain dicts with the fields of the pydantic models, and the document stance on
``doc._.stance``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from itertools import islice

import spacy
from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from extractors import (
    components,  # noqa: F401  (registers the factories)
    stance_component,  # noqa: F401
    xbrl,
)
from extractors.problems import ExtractionProblem, describe
from extractors.sentences import keep_abbreviations, remember_text  # (also registers line breaks)
from finclaims.models import AdClaim, CapexFact, Company, Document, Extraction, Stance

PIPES = (
    "finclaims_companies",
    "finclaims_amounts",
    "finclaims_capex",
    "finclaims_ad_claims",
    "finclaims_stances",
)


_log = logging.getLogger(__name__)
MAX_CHARS = 5_000_000  # longer texts are reported, not read: a filing is a few hundred kB


def load(companies: list[Company] | None = None) -> Language:
    """A blank English pipeline with the line-aware sentencizer and the fact components.

    A component that fails on one document does not stop ``nlp.pipe``: spaCy drops the
    document and the error handler reports it; ``extract_documents`` turns that into an
    ``ExtractionProblem``.
    """
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS  # spaCy's 1M-char guard is for parsers; these rules are linear
    keep_abbreviations(nlp.tokenizer)
    nlp.add_pipe("finclaims_sentencizer")
    for name in PIPES:
        nlp.add_pipe(name)
    if companies:
        nlp.get_pipe("finclaims_companies").add_companies(companies)
    nlp.set_error_handler(_log_failure)
    return nlp


_ERROR_KEY = "finclaims.error"


def _log_failure(proc_name: str, proc, docs: list[Doc], exc: Exception) -> None:
    """Default pipe error handler: the batch goes on, the failure is logged."""
    _log.warning("%s failed on %d doc(s): %s", proc_name, len(docs), describe(exc))


def make_doc(
    nlp: Language,
    text: str,
    published: date | None = None,
    ticker: str | None = None,
    doc_type: str | None = None,
    title: str | None = None,
) -> Doc:
    """A tokenized Doc carrying its document context, ready for ``nlp.pipe``."""
    doc = remember_text(nlp.make_doc(text), text)
    doc._.context = {
        "published": published.isoformat() if published else None,
        "ticker": ticker.upper() if ticker else None,
        "doc_type": doc_type,
        "title": title,
    }
    return doc


def extract_documents(
    nlp: Language,
    documents: Iterable[Document],
    names: Iterable[str] | None = None,
    batch_size: int = 32,
    problems: list[ExtractionProblem] | None = None,
) -> list[Extraction]:
    """One Extraction per document that could be processed, in input order.

    ``names`` default to the URLs. A document the pipeline cannot process is left out and
    reported, as is a single fact that fails the contract (its document is kept): each
    problem is appended to ``problems`` when given, and always logged as a warning.
    """
    docs_in = list(documents)
    labels = list(names) if names is not None else [d.url for d in docs_in]
    if len(labels) != len(docs_in):
        raise ValueError(f"{len(labels)} names given for {len(docs_in)} documents")
    found: list[ExtractionProblem] = []
    failures: dict[int, str] = {}
    nlp.set_error_handler(partial(_record_failure, failures))
    results: list[Extraction | None] = [None] * len(docs_in)
    seen = set()
    # spaCy drops a doc a component failed on from the stream (after the error handler
    # saw it), so each doc carries its input position through ``as_tuples``.
    made = _read_ahead(_made(nlp, docs_in), batch_size)
    with _fewer_collections():
        for doc, i in nlp.pipe(made, batch_size=batch_size, as_tuples=True):
            seen.add(i)
            results[i] = _extract_one(docs_in[i], labels[i], doc, found)
    for i, document in enumerate(docs_in):
        if i not in seen:
            reason = failures.get(i, "dropped by a pipeline component")
            found.append(ExtractionProblem(document.id, labels[i], "pipeline", reason))
    for problem in found:
        _log.warning("extraction problem: %s", problem)
    if problems is not None:
        problems.extend(found)
    return [r for r in results if r is not None]


# Allocations between two collections of the youngest generation while a batch runs
# (CPython's default is 700).
_GC_YOUNG_THRESHOLD = 20_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """CPython's cyclic collector run less often while a batch is extracted.

    Why: each document leaves thousands of short-lived tuples and dicts, and at the default
    threshold the collector ran every few hundred of them, rescanning the young objects
    each time: about 5% of the extraction's CPU time (bench/extract_speed.py). Nothing a
    batch makes needs collecting before its end; the setting is restored afterwards.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], _GC_YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _record_failure(failures: dict[int, str], proc_name: str, proc, docs, exc) -> None:
    """spaCy's pipe error handler: the first failure of each document, by input position."""
    for doc in docs:
        failures.setdefault(getattr(doc, "_context", None), f"{proc_name}: {describe(exc)}")


def _read_ahead(items: Iterator[tuple[Doc, int]], n: int) -> Iterator[tuple[Doc, int]]:
    """``items`` unchanged, drawn ``n`` at a time.

    Why: ``nlp.pipe`` pulls one text through the tokenizer, then that Doc through the
    components, and so on; tokenizing a batch back to back keeps the tokenizer's tables in
    the CPU cache, and the whole extraction ran about 6% faster (bench/extract_speed.py).
    """
    while chunk := list(islice(items, max(n, 1))):
        yield from chunk


def _made(nlp: Language, documents: list[Document]) -> Iterator[tuple[Doc, int]]:
    """(Doc, position) pairs for ``nlp.pipe``; a text that cannot be tokenized goes in
    empty and marked, so it is reported rather than stopping the stream."""
    for i, d in enumerate(documents):
        if xbrl.handles(d):  # read from its figures by extractors/xbrl.py, not by the pipeline
            yield nlp.make_doc(""), i
            continue
        try:
            if len(d.text) > nlp.max_length:
                raise ValueError(f"text of {len(d.text):,} characters exceeds {nlp.max_length:,}")
            yield make_doc(nlp, d.text, d.published, d.ticker, d.doc_type, d.title), i
        except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
            doc = nlp.make_doc("")
            doc.user_data[_ERROR_KEY] = f"tokenizer: {describe(exc)}"
            yield doc, i


def _extract_one(
    document: Document, label: str, doc: Doc, problems: list[ExtractionProblem]
) -> Extraction | None:
    try:
        # XBRL company-facts documents are tables of figures, read by extractors/xbrl.py.
        if xbrl.handles(document):
            return xbrl.extract(document, label)
        if error := doc.user_data.get(_ERROR_KEY):
            problems.append(ExtractionProblem(document.id, label, "pipeline", error))
            return None
        return to_extraction(doc, document, label, problems)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        problems.append(ExtractionProblem(document.id, label, "pipeline", describe(exc)))
        return None


def to_extraction(
    doc: Doc, document: Document, label: str, problems: list[ExtractionProblem] | None = None
) -> Extraction:
    """Validates the component dicts into the pydantic contract.

    A fact that fails validation is dropped and reported in ``problems``; without a list
    to report into, the validation error is raised.
    """
    ref = {"document_id": document.id}

    def valid(model, items):
        kept = []
        for item in items or []:
            try:
                kept.append(model(**item, **ref))
            except ValidationError as exc:
                if problems is None:
                    raise
                reason = f"{model.__name__} dropped: {describe(exc)}"
                problems.append(ExtractionProblem(document.id, label, "fact", reason))
        return kept

    return Extraction(
        document_id=document.id,
        document=label,
        published=document.published,
        stance=doc._.stance,
        capex=valid(CapexFact, doc._.capex),
        ad_claims=valid(AdClaim, doc._.ad_claims),
        stances=valid(Stance, doc._.stances),
    )


__all__ = [
    "load",
    "make_doc",
    "extract_documents",
    "to_extraction",
    "ExtractionProblem",
    "PIPES",
]
