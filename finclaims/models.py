"""The contracts between stages: spiders -> documents -> extractors -> facts -> warehouse -> alerts.

Every stage hands the next one these pydantic models and nothing else, so a bad value is
rejected where it enters (with the field named) instead of surfacing as a wrong row later.
Field names and meanings follow the extraction contract (FORMAT.md); provenance fields
(``document_id``, ``char_start``, ``char_end``) tie each fact to its sentence in
``Document.text``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DocType = Literal["news", "press_release", "8-K", "10-Q", "10-K", "transcript", "other"]
CapexKind = Literal["guidance", "actual", "estimate"]
Revision = Literal["raised", "lowered", "narrowed", "widened", "reaffirmed"]
AdMetric = Literal["roas", "conversions", "ad_price", "ad_impressions", "ad_revenue"]
Direction = Literal["up", "down"]
StanceLabel = Literal["bull", "bear"]
DocStance = Literal["bull", "bear", "mixed", "neutral"]
GuidanceEvent = Literal["new", "raised", "lowered", "narrowed", "widened", "reaffirmed"]
CrawlStatus = Literal["stored", "not_modified", "skipped", "failed"]


def content_hash(text: str) -> str:
    """Hash of the extracted text: two fetches with the same text are the same version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(canonical_url: str, text_hash: str) -> str:
    """Stable id of one version of one URL, so reloads and re-crawls find the same row."""
    return hashlib.sha256(f"{canonical_url}\n{text_hash}".encode()).hexdigest()[:20]


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Document(_Strict):
    """One version of one fetched page, filing or local file."""

    id: str = ""
    url: str = Field(min_length=1)
    canonical_url: str = ""
    source: str = Field(min_length=1, description="configured source name, e.g. 'edgar'")
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    doc_type: DocType = "news"
    language: str | None = None
    cik: str | None = None
    ticker: str | None = None
    form: str | None = None
    items: list[str] = Field(default_factory=list)
    accession: str | None = None
    filing_date: date | None = None
    content_hash: str = ""
    text: str
    html: str | None = Field(default=None, description="raw HTML kept for re-extraction")

    @field_validator("ticker")
    @classmethod
    def _upper_ticker(cls, v: str | None) -> str | None:
        return v.upper() if v else v

    @field_validator("cik")
    @classmethod
    def _cik_digits(cls, v: str | None) -> str | None:
        if v is None:
            return v
        digits = v.strip().lstrip("0") or "0"
        if not digits.isdigit():
            raise ValueError("cik must be digits")
        return digits.zfill(10)

    @model_validator(mode="after")
    def _derive_keys(self) -> Document:
        if not self.canonical_url:
            self.canonical_url = self.url
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.id:
            self.id = document_id(self.canonical_url, self.content_hash)
        return self


class _Provenance(_Strict):
    document_id: str = ""
    sentence: str = Field(min_length=1)
    char_start: int | None = Field(default=None, ge=0)
    char_end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _offsets_ordered(self):
        start, end = self.char_start, self.char_end
        if start is not None and end is not None and end < start:
            raise ValueError("char_end must not precede char_start")
        return self


class CapexFact(_Provenance):
    company: str | None = None
    fiscal_year: int | None = Field(default=None, ge=1990, le=2100)
    fiscal_quarter: int | None = Field(default=None, ge=1, le=4)
    low_usd: float | None = Field(default=None, ge=0)
    high_usd: float | None = Field(default=None, ge=0)
    approximate: bool = False
    kind: CapexKind
    revision: Revision | None = None
    prior_low_usd: float | None = Field(default=None, ge=0)
    prior_high_usd: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _range_ordered(self) -> CapexFact:
        for low, high, name in (
            (self.low_usd, self.high_usd, "high_usd"),
            (self.prior_low_usd, self.prior_high_usd, "prior_high_usd"),
        ):
            if low is not None and high is not None and high < low:
                raise ValueError(f"{name} must not be below its low bound")
        if self.low_usd is None and self.high_usd is None:
            raise ValueError("low_usd or high_usd must be given")
        return self


class AdClaim(_Provenance):
    company: str | None = None
    metric: AdMetric
    direction: Direction | None = None
    change_pct: float | None = None
    from_value: float | None = None
    to_value: float | None = None
    value: float | None = None
    period: str | None = Field(default=None, pattern=r"^\d{4}(Q[1-4])?$")


class Stance(_Provenance):
    stance: StanceLabel
    target: str | None = None
    cue: str | None = None


class Extraction(_Strict):
    """Everything extracted from one document; FORMAT.md's per-document object."""

    document_id: str
    document: str = Field(description="the path or URL the document was given as")
    published: date | None = None
    stance: DocStance = "neutral"
    capex: list[CapexFact] = Field(default_factory=list)
    ad_claims: list[AdClaim] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)

    def to_format(self) -> dict:
        """FORMAT.md's JSON object (provenance offsets kept as extra keys)."""
        return {
            "document": self.document,
            "published": self.published.isoformat() if self.published else None,
            "stance": self.stance,
            "capex": [f.model_dump(exclude={"document_id"}) for f in self.capex],
            "ad_claims": [c.model_dump(exclude={"document_id"}) for c in self.ad_claims],
            "stances": [s.model_dump(exclude={"document_id"}) for s in self.stances],
        }


class CrawlLogEntry(_Strict):
    """One URL tried by a spider, whatever became of it."""

    url: str
    spider: str
    status: CrawlStatus
    http_status: int | None = None
    reason: str | None = None
    document_id: str | None = None
    at: datetime = Field(default_factory=utcnow)


class Alert(_Strict):
    """A capex-guidance event: new guidance or a change against the last known one."""

    company: str
    fiscal_year: int
    fiscal_quarter: int | None = Field(default=None, ge=1, le=4)
    event: GuidanceEvent
    low_usd: float | None = None
    high_usd: float | None = None
    prior_low_usd: float | None = None
    prior_high_usd: float | None = None
    document: str = Field(description="document id of the new guidance")
    url: str
    published: date | None = None
    sentence: str
    prior_document: str | None = None
    prior_url: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    unconfirmed: bool = Field(
        default=False, description="reported by news before any primary source stated it"
    )


class Company(_Strict):
    """A company the gazetteer and the warehouse know: ticker, CIK, names and aliases."""

    ticker: str = Field(min_length=1)
    cik: str | None = None
    name: str
    aliases: list[str] = Field(default_factory=list)

    @field_validator("ticker")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()


class Article(_Strict):
    """Main text and metadata of one HTML page, as the article extractor finds them."""

    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    publisher: str | None = None
    language: str | None = None
    text: str = ""
