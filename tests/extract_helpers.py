"""What the extractor tests share: one document through the whole pipeline, and capex
facts reduced to the fields most tests compare."""

from __future__ import annotations

from datetime import date

import extractors
from finclaims.models import Document, Extraction


def extract(
    nlp,
    text: str,
    published: date | None = None,
    ticker: str | None = None,
    doc_type: str = "news",
    title: str | None = None,
) -> Extraction:
    """The Extraction of one document; a reported problem fails the test."""
    doc = Document(
        url="https://extract.test/doc",
        source="test",
        text=text,
        published=published,
        ticker=ticker,
        doc_type=doc_type,
        title=title,
    )
    problems: list = []
    (result,) = extractors.extract_documents(nlp, [doc], problems=problems)
    assert problems == []
    return result


def keys(result: Extraction) -> set[tuple]:
    """(company, fiscal year, quarter, low, high, kind) of each capex fact."""
    return {
        (f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd, f.high_usd, f.kind)
        for f in result.capex
    }


def stance_labels(result: Extraction) -> list[str]:
    """The sides of the stance sentences, in document order."""
    return [s.stance for s in result.stances]
