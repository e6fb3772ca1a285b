"""Rule-based extractors: capex figures, ad-performance claims and bull/bear stances.

    nlp = extractors.load()
    results = extractors.extract_documents(nlp, documents)

Document context reaches the components through ``doc._.context`` (a dict with
``published`` as an ISO date string, ``ticker``, ``doc_type`` and ``title``), set by ``make_doc``
before the pipeline runs, because ``nlp.pipe(as_tuples=True)`` context is not visible to
components. Facts land on ``doc._.capex``, ``doc._.ad_claims`` and ``doc._.stances`` as
plain dicts with the fields of the pydantic models, and the document stance on
``doc._.stance``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors import (
    components,  # noqa: F401  (registers the factories)
    xbrl,
)
from extractors.sentences import remember_text  # (also registers line breaks)
from finclaims.models import AdClaim, CapexFact, Company, Document, Extraction, Stance

PIPES = (
    "finclaims_companies",
    "finclaims_amounts",
    "finclaims_capex",
    "finclaims_ad_claims",
    "finclaims_stances",
)


def load(companies: list[Company] | None = None) -> Language:
    """A blank English pipeline with the line-aware sentencizer and the fact components."""
    nlp = spacy.blank("en")
    nlp.add_pipe("finclaims_line_breaks")
    nlp.add_pipe("sentencizer")
    for name in PIPES:
        nlp.add_pipe(name)
    if companies:
        nlp.get_pipe("finclaims_companies").add_companies(companies)
    return nlp


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
) -> list[Extraction]:
    """One Extraction per document, in input order; ``names`` default to the URLs."""
    docs_in = list(documents)
    labels = list(names) if names is not None else [d.url for d in docs_in]
    if len(labels) != len(docs_in):
        raise ValueError(f"{len(labels)} names given for {len(docs_in)} documents")
    made = (make_doc(nlp, d.text, d.published, d.ticker, d.doc_type, d.title) for d in docs_in)
    out = []
    for document, label, doc in zip(
        docs_in, labels, nlp.pipe(made, batch_size=batch_size), strict=True
    ):
        # XBRL company-facts documents are tables of figures, read by extractors/xbrl.py.
        if xbrl.handles(document):
            out.append(xbrl.extract(document, label))
        else:
            out.append(to_extraction(doc, document, label))
    return out


def to_extraction(doc: Doc, document: Document, label: str) -> Extraction:
    """Validates the component dicts into the pydantic contract."""
    ref = {"document_id": document.id}
    return Extraction(
        document_id=document.id,
        document=label,
        published=document.published,
        stance=doc._.stance,
        capex=[CapexFact(**f, **ref) for f in doc._.capex or []],
        ad_claims=[AdClaim(**c, **ref) for c in doc._.ad_claims or []],
        stances=[Stance(**s, **ref) for s in doc._.stances or []],
    )


__all__ = ["load", "make_doc", "extract_documents", "to_extraction", "PIPES"]
