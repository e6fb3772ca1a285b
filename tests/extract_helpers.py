"""What the extractor tests share: one document through the whole pipeline, capex facts
reduced to the fields a test compares, and the periods found in a text."""

from __future__ import annotations

from datetime import date

import extractors
from extractors.periods import find_periods
from finclaims.models import Document, Extraction

B = 1e9
M = 1e6
MONEY_FIELDS = frozenset({"low_usd", "high_usd", "prior_low_usd", "prior_high_usd"})
# the fields ``keys`` compares, for ``capex_rows``
KEY_FIELDS = ("company", "fiscal_year", "fiscal_quarter", "low_usd", "high_usd", "kind")


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


def capex_facts(
    nlp,
    text: str,
    ticker: str | None = None,
    doc_type: str = "news",
    published: date | None = None,
) -> list[dict]:
    """The capex facts of one document in FORMAT.md's form (a reported problem fails)."""
    return extract(nlp, text, published, ticker, doc_type).to_format()["capex"]


def fact_rows(facts: list[dict], *fields: str) -> set[tuple]:
    """The named fields of each capex fact of ``capex_facts``, in no order, amounts in US
    dollars as FORMAT.md gives them: ``capex_rows`` for facts in that form, so each test
    names only the fields it compares instead of writing its own reduction."""
    return {tuple(f[name] for name in fields) for f in facts}


def capex_fields(nlp, text: str, *fields: str, **context) -> set[tuple]:
    """``fact_rows`` of the capex facts of ``text`` (``context``: ``capex_facts``' ticker,
    doc_type, published)."""
    return fact_rows(capex_facts(nlp, text, **context), *fields)


def tickers(nlp, text: str) -> list[str]:
    """The tickers of the company mentions found in ``text``, in order."""
    return [t for _, _, t in nlp(extractors.make_doc(nlp, text))._.companies]


def keys(result: Extraction) -> set[tuple]:
    """(company, fiscal year, quarter, low, high, kind) of each capex fact."""
    return {
        (f.company, f.fiscal_year, f.fiscal_quarter, f.low_usd, f.high_usd, f.kind)
        for f in result.capex
    }


def stance_labels(result: Extraction) -> list[str]:
    """The sides of the stance sentences, in document order."""
    return [s.stance for s in result.stances]


def billions(value: float | None, unit: float = B) -> float | None:
    """A dollar amount in billions (or in ``unit``), rounded to 3 decimals, so that tests
    can write 4.5 for $4.5 billion without float noise; None stays None."""
    return None if value is None else round(value / unit, 3)


def capex_rows(result: Extraction, *fields: str, unit: float = B) -> list[tuple]:
    """Per capex fact, in document order, a tuple of the named ``CapexFact`` fields.

    The money fields (``low_usd``, ``high_usd``, ``prior_low_usd``, ``prior_high_usd``)
    are given by ``billions`` (in ``unit`` when a test writes, say, millions), so each test
    names only the fields it compares and writes amounts as the text does, instead of
    keeping its own copy of this reduction. A test that compares facts regardless of order
    wraps the list in ``set``.
    """
    return [
        tuple(
            billions(getattr(f, name), unit) if name in MONEY_FIELDS else getattr(f, name)
            for name in fields
        )
        for f in result.capex
    ]


def periods(
    text: str, published: date | None, fye: int = 12, doc_type: str | None = None
) -> list[tuple]:
    """(words, fiscal year, quarter) of each period ``find_periods`` reads in ``text``: the
    words show which span of the text the period was read from, not just its value."""
    return [
        (text[p.start : p.end].strip(), p.year, p.quarter)
        for p in find_periods(text, published, fye, doc_type)
    ]


def release_rows(nlp, text: str, published: date, ticker: str | None = None) -> set[tuple]:
    """(company, year, quarter, low, high, kind) of each capex fact of ``text`` read as a
    press release, amounts in millions: what the statement-table tests compare."""
    result = extract(nlp, text, published, ticker, doc_type="press_release")
    return set(capex_rows(result, *KEY_FIELDS, unit=M))


def million_rows(result: Extraction, *fields: str) -> set[tuple]:
    """The named fields of each capex fact, amounts in millions, in no order (``capex_rows``):
    what most round tests compare."""
    return set(capex_rows(result, *fields, unit=M))
