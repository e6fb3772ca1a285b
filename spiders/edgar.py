"""``scrapy crawl edgar -a sources=sources.yaml [-a since=YYYY-MM-DD]``: SEC filings.

ticker map -> CIKs -> submissions JSON (``filings.recent``) -> watched filings -> filing
index -> primary document and wanted exhibits -> ``Document`` items; and per CIK the
XBRL company facts -> one capex-facts document per 10-Q/10-K accession
(``spiders/companyfacts.py``). Every request goes through one download slot (see
``SEC_SLOT`` in settings) and carries the declared User-Agent SEC requires; without one
the spider refuses to start.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from scrapy import Request, signals
from scrapy.http import Response, TextResponse

from finclaims.models import Company
from spiders.common import ConfiguredSpider
from spiders.companyfacts import capex_documents
from spiders.crawl_log import report
from spiders.filing_index import FilingDocument, filing_documents
from spiders.filing_text import filing_text, looks_like_html
from spiders.middlewares import confirm_validators
from spiders.pdf import PdfTextError, is_pdf, pdf_text
from spiders.sources import EdgarConfig
from spiders.state import CachedCompany, CachedLinks, state_of

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_DOC_TYPES_FILE = Path(__file__).with_name("data") / "exhibit_doc_types.yaml"
FORM_DOC_TYPES = {"8-K": "8-K", "10-Q": "10-Q", "10-K": "10-K"}


class UserAgentMissing(ValueError):
    """SEC blocks anonymous clients; a contact must be declared before any request."""


@cache
def _exhibit_doc_types() -> dict[str, str]:
    return yaml.safe_load(_DOC_TYPES_FILE.read_text(encoding="utf-8")) or {}


def declared_user_agent(config: EdgarConfig) -> str:
    """The configured SEC User-Agent; raises with instructions when it lacks an e-mail."""
    agent = (config.user_agent or os.environ.get("FINCLAIMS_SEC_USER_AGENT") or "").strip()
    if not _EMAIL.search(agent):
        raise UserAgentMissing(
            "SEC EDGAR requires a declared User-Agent with a contact e-mail "
            f"(got {agent!r}). Set edgar.user_agent in sources.yaml or the environment "
            "variable FINCLAIMS_SEC_USER_AGENT, e.g. 'Acme Research ops@example.com'."
        )
    return agent


def _parse_since(since: str | date | None) -> date | None:
    if since is None or isinstance(since, date):
        return since
    try:
        return date.fromisoformat(since)
    except ValueError as exc:
        raise ValueError(f"since must be YYYY-MM-DD, got {since!r}") from exc


def recent_filings(submissions: dict, config: EdgarConfig, since: date | None) -> list[dict]:
    """Watched filings among ``filings.recent``: watched forms, 8-Ks only with watched items."""
    recent = submissions.get("filings", {}).get("recent", {})
    columns = list(recent)
    rows = [
        dict(zip(columns, values, strict=False)) for values in zip(*recent.values(), strict=False)
    ]
    wanted = []
    for row in rows:
        items = [i.strip() for i in (row.get("items") or "").split(",") if i.strip()]
        if row.get("form") not in config.forms:
            continue
        if row["form"] == "8-K" and not set(items) & set(config.items):
            continue
        if since and date.fromisoformat(row["filingDate"]) < since:
            continue
        wanted.append({**row, "items": items})
    return wanted


def _title(ticker: str, filing: dict, document: FilingDocument) -> str:
    """E.g. "NWCS 8-K EX-99.1 (2026-02-10)"; the primary document is just "NWCS 8-K (...)"."""
    part = "" if document.type == filing["form"] else f" {document.type}"
    return f"{ticker} {filing['form']}{part} ({filing['filingDate']})"


class EdgarSpider(ConfiguredSpider):
    name = "edgar"
    # SEC documents the JSON and archive paths as meant for programmatic access and
    # polices them by rate, not robots.txt; robots fetches would also bypass the SEC slot.
    custom_settings = {"ROBOTSTXT_OBEY": False}

    def __init__(self, *args, since: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.config.edgar is None:
            raise ValueError(f"{self.sources_path}: no usable 'edgar' section")
        self.edgar: EdgarConfig = self.config.edgar
        self.sec_user_agent = declared_user_agent(self.edgar)
        self.since = _parse_since(since)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs) -> EdgarSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._document_stored, signal=signals.item_scraped)
        return spider

    def _request(self, url: str, callback, **meta: Any) -> Request:
        slot = self.settings.get("SEC_SLOT", "sec")
        return Request(
            url,
            callback=callback,
            errback=self.on_request_error,
            headers={"User-Agent": self.sec_user_agent},
            meta={"download_slot": slot, "autothrottle_dont_adjust_delay": True, **meta},
        )

    async def start(self) -> AsyncIterator[Request]:
        self.report_config_problems()
        # Documents still to store per accession; an accession is done when none is left.
        self.outstanding: dict[str, set[str]] = {}
        state = state_of(self)
        known = set(state.companies) | set(state.unknown_tickers)
        complete = all(t in known for t in self.edgar.tickers)
        # The ticker map is ~1 MB: ask for it conditionally when every watched ticker is
        # cached, so an unchanged map costs a 304 and the CIKs come from the cache.
        if not complete:
            state.http.pop(self.edgar.endpoints.tickers, None)
        meta = {"conditional": True, "reuse_fresh": True, "handle_httpstatus_list": [304]}
        yield self._request(self.edgar.endpoints.tickers, self.parse_tickers, **meta)

    def _ticker_rows(self, response: Response) -> dict[str, dict] | None:
        if response.status == 304:
            cached = state_of(self).companies
            return {t: {"cik_str": c.cik, "title": c.name} for t, c in cached.items()}
        try:
            rows = json.loads(response.text).values()
            return {r["ticker"].upper(): r for r in rows}
        except (ValueError, AttributeError, KeyError, TypeError) as exc:
            report(self, response.url, "failed", f"parse error: ticker map: {exc}", response.status)
            return None

    def parse_tickers(self, response: Response) -> Iterator[Request]:
        by_ticker = self._ticker_rows(response)
        if by_ticker is None:
            return
        if "fresh" in response.flags:
            report(self, response.url, "not_modified", "fresh in HTTP cache; CIKs from cache")
        elif response.status == 304:
            report(self, response.url, "not_modified", "HTTP 304; CIKs from cache", 304)
        else:
            report(self, response.url, "skipped", f"followed ticker map ({len(by_ticker)})", 200)
        state = state_of(self)
        companies, known = [], state.companies
        cache = {"conditional": True, "reuse_fresh": True, "handle_httpstatus_list": [304]}
        cache_404 = {**cache, "handle_httpstatus_list": [304, 404]}
        if response.status == 200:
            state.unknown_tickers = [t for t in self.edgar.tickers if t not in by_ticker]
        for ticker in self.edgar.tickers:
            row = by_ticker.get(ticker)
            if row is None:
                report(self, response.url, "skipped", f"ticker {ticker} not in ticker map")
                continue
            cik = f"{int(row['cik_str']):010d}"
            companies.append(Company(ticker=ticker, cik=cik, name=row["title"]))
            known[ticker] = CachedCompany(cik=cik, name=row["title"])
            url = f"{self.edgar.endpoints.submissions}CIK{cik}.json"
            yield self._request(url, self.parse_submissions, ticker=ticker, cik=cik, **cache)
            facts_url = f"{self.edgar.endpoints.companyfacts}CIK{cik}.json"
            yield self._request(
                facts_url, self.parse_companyfacts, ticker=ticker, cik=cik, **cache_404
            )
        if response.status == 200:
            confirm_validators(self, response)
        self._write_companies(companies)

    def _write_companies(self, companies: list[Company]) -> None:
        path = self.settings.get("FINCLAIMS_COMPANIES_OUT")
        if not path:
            return
        lines = "".join(c.model_dump_json() + "\n" for c in companies)
        Path(path).write_text(lines, encoding="utf-8")

    def _watched_filings(self, response: Response) -> list[dict] | None:
        """Watched filings of a submissions response, or the cached list when unchanged."""
        state = state_of(self)
        cached = state.links.get(response.url)
        if response.status == 304 and cached is not None:
            return cached.links
        try:
            filings = recent_filings(json.loads(response.text), self.edgar, None)
        except (ValueError, AttributeError, KeyError, TypeError) as exc:
            report(
                self, response.url, "failed", f"parse error: submissions: {exc}", response.status
            )
            return None
        state.links[response.url] = CachedLinks(kind="submissions", links=filings)
        confirm_validators(self, response)
        return filings

    def parse_submissions(self, response: Response) -> Iterator[Request]:
        meta = response.meta
        filings = self._watched_filings(response)
        if filings is None:
            return
        if self.since:
            filings = [f for f in filings if date.fromisoformat(f["filingDate"]) >= self.since]
        stored = state_of(self).accessions
        new = [f for f in filings if f["accessionNumber"] not in stored]
        counts = f"{len(filings)} watched, {len(new)} new"
        if "fresh" in response.flags:
            report(self, response.url, "not_modified", f"fresh in HTTP cache ({counts})")
        elif response.status == 304:
            report(self, response.url, "not_modified", f"HTTP 304 ({counts})", 304)
        else:
            report(self, response.url, "skipped", f"followed submissions ({counts})", 200)
        for filing in filings:
            accession = filing["accessionNumber"]
            folder = (
                f"{self.edgar.endpoints.archives}{int(meta['cik'])}/{accession.replace('-', '')}/"
            )
            if accession in stored:
                reason = f"accession {accession} already stored on {stored[accession]}"
                report(self, f"{folder}{accession}-index.html", "not_modified", reason)
                continue
            yield self._request(
                f"{folder}{accession}-index.html",
                self.parse_index,
                ticker=meta["ticker"],
                cik=meta["cik"],
                filing=filing,
                folder=folder,
            )

    def parse_companyfacts(self, response: Response) -> Iterator[dict]:
        """XBRL capex facts, one document per accession not stored before."""
        meta = response.meta
        if response.status == 404:
            reason = f"no XBRL company facts for CIK {meta['cik']} (HTTP 404)"
            report(self, response.url, "skipped", reason, 404)
            return
        if response.status == 304:
            report(self, response.url, "not_modified", "company facts unchanged", 304)
            return
        try:
            payload = json.loads(response.text)
            items = list(capex_documents(payload, meta["ticker"], response.url, self.since))
        except (ValueError, AttributeError, KeyError, TypeError) as exc:
            reason = f"parse error: company facts: {exc}"
            report(self, response.url, "failed", reason, response.status)
            return
        seen = state_of(self).seen
        new = [item for item in items if item["canonical_url"] not in seen]
        reason = f"followed company facts ({len(items)} capex filings, {len(new)} new)"
        report(self, response.url, "skipped", reason, response.status)
        for item in new:
            yield {**item, "cik": meta["cik"]}
        confirm_validators(self, response)

    def _wanted_documents(self, response: Response) -> list[tuple[FilingDocument, str]]:
        filing = response.meta["filing"]
        documents = filing_documents(response.text, response.url)
        primary = next((d for d in documents if d.type == filing["form"]), None)
        if primary is None and filing.get("primaryDocument"):
            url = response.meta["folder"] + filing["primaryDocument"]
            primary = FilingDocument("1", filing["form"], url, filing["form"])
        wanted = [(primary, FORM_DOC_TYPES.get(filing["form"], "other"))] if primary else []
        exhibits = set(self.edgar.exhibits)
        doc_types = _exhibit_doc_types()
        wanted += [(d, doc_types.get(d.type, "other")) for d in documents if d.type in exhibits]
        return wanted

    def parse_index(self, response: Response) -> Iterator[Request]:
        wanted = self._wanted_documents(response)
        if not wanted:
            report(self, response.url, "failed", "parse error: no primary document in index")
            return
        report(self, response.url, "skipped", f"followed filing index ({len(wanted)} wanted)", 200)
        accession = response.meta["filing"]["accessionNumber"]
        self.outstanding[accession] = {document.url for document, _ in wanted}
        for document, doc_type in wanted:
            meta = {k: response.meta[k] for k in ("ticker", "cik", "filing")}
            yield self._request(
                document.url,
                self.parse_filing_document,
                document=document,
                doc_type=doc_type,
                **meta,
            )

    def _document_stored(self, item: dict, response: Response, spider) -> None:
        """Seen-accession store: a filing whose wanted documents are all stored is done."""
        accession = item.get("accession")
        left = self.outstanding.get(accession)
        if left is None:
            return
        meta = getattr(response, "meta", None) or {}
        left.difference_update({item.get("url"), *(meta.get("redirect_urls") or [])})
        if not left:
            state_of(self).accessions[accession] = datetime.now(UTC).date()
            del self.outstanding[accession]

    def parse_filing_document(self, response: Response) -> Iterator[dict]:
        meta, filing = response.meta, response.meta["filing"]
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if is_pdf(content_type, response.body):
            try:
                text, _ = pdf_text(response.body)
            except PdfTextError as exc:
                report(self, response.url, "failed", f"parse error: {exc}", response.status)
                return
        elif isinstance(response, TextResponse):
            body = response.text
            text = filing_text(body) if looks_like_html(body) else body.strip()
        else:
            kind = content_type.split(";")[0] or "unknown"
            report(self, response.url, "skipped", f"binary content type {kind}", response.status)
            return
        document: FilingDocument = meta["document"]
        yield {
            "url": response.url,
            "source": "edgar",
            "publisher": "SEC EDGAR",
            "title": _title(meta["ticker"], filing, document),
            "published": filing["filingDate"],
            "filing_date": filing["filingDate"],
            "doc_type": meta["doc_type"],
            "cik": meta["cik"],
            "ticker": meta["ticker"],
            "form": filing["form"],
            "items": filing["items"],
            "accession": filing["accessionNumber"],
            "language": "en",
            "text": text,
        }
