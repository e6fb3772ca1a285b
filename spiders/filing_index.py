"""The documents table of an EDGAR filing index page (``{accession}-index.html``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html


@dataclass(frozen=True)
class FilingDocument:
    seq: str
    description: str
    url: str
    type: str


def _document_href(href: str) -> str:
    """Inline-XBRL rows link through the viewer (``/ix?doc=/Archives/...``); take the file."""
    parts = urlsplit(href)
    if parts.path.rstrip("/").endswith("/ix") and "doc" in parse_qs(parts.query):
        return parse_qs(parts.query)["doc"][0]
    return href


def _columns(table: lxml.html.HtmlElement) -> dict[str, int]:
    header = table.xpath(".//tr[th]")
    if not header:
        return {}
    names = [th.text_content().strip().lower() for th in header[0].xpath("./th")]
    return {name: i for i, name in enumerate(names)}


def filing_documents(html: str, base_url: str) -> list[FilingDocument]:
    """Rows of the index's document tables that link a file and declare a Type."""
    root = lxml.html.fromstring(html)
    documents = []
    for table in root.xpath("//table[contains(@class, 'tableFile')]"):
        cols = _columns(table)
        if not {"document", "type"} <= cols.keys():
            continue
        for row in table.xpath(".//tr[td]"):
            cells = row.xpath("./td")
            if len(cells) <= max(cols.values()):
                continue
            hrefs = cells[cols["document"]].xpath(".//a/@href")
            doc_type = cells[cols["type"]].text_content().strip()
            if not hrefs or not doc_type:
                continue
            documents.append(
                FilingDocument(
                    seq=cells[cols["seq"]].text_content().strip() if "seq" in cols else "",
                    description=cells[cols.get("description", 0)].text_content().strip(),
                    url=urljoin(base_url, _document_href(hrefs[0])),
                    type=doc_type.upper(),
                )
            )
    return documents
