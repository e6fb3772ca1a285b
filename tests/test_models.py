"""The contracts reject bad data where it enters, naming the field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from finclaims.models import AdClaim, Alert, CapexFact, Document, Extraction, Stance


def _doc(**kw) -> Document:
    return Document(url="https://example.com/a", source="test", text="Body.", **kw)


def _field_named(exc: ValidationError, field: str) -> bool:
    return any(field in ".".join(str(p) for p in err["loc"]) for err in exc.errors())


def test_document_derives_stable_keys():
    a, b = _doc(), _doc()
    assert a.id == b.id and a.canonical_url == a.url and len(a.content_hash) == 64
    changed = Document(url="https://example.com/a", source="test", text="Body, revised.")
    assert changed.id != a.id, "a changed article is a new version with its own id"


def test_document_normalises_cik_and_ticker():
    doc = _doc(cik="1326801", ticker="meta")
    assert doc.cik == "0001326801" and doc.ticker == "META"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"doc_type": "blog"}, "doc_type"),
        ({"published": "not a date"}, "published"),
        ({"cik": "12ab"}, "cik"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
def test_document_rejects_bad_fields(kwargs, field):
    with pytest.raises(ValidationError) as err:
        _doc(**kwargs)
    assert _field_named(err.value, field)


def test_capex_fact_rules():
    fact = CapexFact(sentence="s", kind="guidance", low_usd=70e9, high_usd=72e9, fiscal_year=2026)
    assert fact.high_usd == 72e9
    with pytest.raises(ValidationError, match="high_usd"):
        CapexFact(sentence="s", kind="guidance", low_usd=72e9, high_usd=70e9)
    with pytest.raises(ValidationError) as err:
        CapexFact(sentence="s", kind="forecast", low_usd=1.0, high_usd=1.0)
    assert _field_named(err.value, "kind")
    with pytest.raises(ValidationError) as err:
        CapexFact(sentence="s", kind="actual", low_usd=1.0, high_usd=1.0, fiscal_quarter=5)
    assert _field_named(err.value, "fiscal_quarter")
    with pytest.raises(ValidationError, match="low_usd or high_usd"):
        CapexFact(sentence="s", kind="actual")


def test_provenance_offsets_must_be_ordered():
    with pytest.raises(ValidationError, match="char_end"):
        Stance(sentence="s", stance="bull", char_start=10, char_end=5)


def test_ad_claim_period_shape():
    assert AdClaim(sentence="s", metric="roas", period="2025Q4").period == "2025Q4"
    with pytest.raises(ValidationError) as err:
        AdClaim(sentence="s", metric="roas", period="Q4 2025")
    assert _field_named(err.value, "period")


def test_extraction_to_format_matches_contract():
    result = Extraction(
        document_id="d1",
        document="docs/a.txt",
        stance="bull",
        capex=[CapexFact(sentence="s", kind="actual", low_usd=1e9, high_usd=1e9)],
    )
    out = result.to_format()
    assert set(out) == {"document", "published", "stance", "capex", "ad_claims", "stances"}
    assert out["capex"][0]["low_usd"] == 1e9 and "document_id" not in out["capex"][0]


def test_alert_event_vocabulary():
    with pytest.raises(ValidationError) as err:
        Alert(
            company="X",
            fiscal_year=2026,
            event="increased",
            document="d",
            url="u",
            sentence="s",
        )
    assert _field_named(err.value, "event")
