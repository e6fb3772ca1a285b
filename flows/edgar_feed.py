"""EDGAR's "latest filings" Atom feed: which watched companies just filed an earnings 8-K.

One request per poll (``cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom``)
tells the watcher whether anything is new; only then does it fetch the filing itself.
Every request carries the declared User-Agent, as SEC requires.
"""

from __future__ import annotations

import re
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from lxml import etree

from finclaims.errors import FinclaimsError

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_QUERY = (
    "cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include"
    "&count=100&output=atom"
)
MIN_INTERVAL_SECONDS = 0.125  # SEC's fair-access limit is 10 requests/s; stay at <= 8
_ITEM = re.compile(r"Item\s+(\d+\.\d+)", re.IGNORECASE)
_FILED = re.compile(r"Filed:\s*</b>\s*(\d{4}-\d{2}-\d{2})|Filed:\s*(\d{4}-\d{2}-\d{2})")
_CIK = re.compile(r"\((\d{10})\)")
_ACCESSION = re.compile(r"accession-number=(\d{10}-\d{2}-\d{6})")
_last_request = 0.0


class FeedError(FinclaimsError):
    """The feed could not be fetched or read; the message names the URL and the reason."""


@dataclass(frozen=True)
class FeedEntry:
    accession: str
    cik: str
    form: str
    items: tuple[str, ...]
    filed: date | None
    index_url: str
    title: str


def feed_url(archives_endpoint: str) -> str:
    """The feed beside the configured archives (``.../Archives/edgar/data/``): the real SEC
    host in production, the demo server in tests."""
    root = archives_endpoint.split("/Archives/", 1)[0] + "/"
    return urljoin(root, FEED_QUERY)


def fetch(url: str, user_agent: str, timeout: float = 20) -> bytes:
    """GET with the declared User-Agent, never faster than 8 requests per second."""
    global _last_request
    wait = _last_request + MIN_INTERVAL_SECONDS - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    _last_request = time.monotonic()
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept-Encoding": "identity"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.read()
    except OSError as exc:
        raise FeedError(f"cannot fetch {url}: {exc}") from exc


def parse_feed(payload: bytes, base_url: str = "") -> list[FeedEntry]:
    """Entries of a getcurrent Atom feed; an entry missing its accession is left out."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(payload, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not an Atom feed ({base_url or 'payload'}): {exc}") from exc
    entries = []
    for node in root.iter(f"{ATOM}entry"):
        entry = _entry(node, base_url)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(node, base_url: str) -> FeedEntry | None:
    title = (node.findtext(f"{ATOM}title") or "").strip()
    summary = node.findtext(f"{ATOM}summary") or ""
    ident = node.findtext(f"{ATOM}id") or ""
    category = node.find(f"{ATOM}category")
    link = node.find(f"{ATOM}link")
    accession = _ACCESSION.search(ident)
    cik = _CIK.search(title)
    if accession is None or cik is None:
        return None
    form = category.get("term") if category is not None else title.split(" - ", 1)[0]
    filed = _FILED.search(summary)
    day = filed.group(1) or filed.group(2) if filed else None
    return FeedEntry(
        accession=accession.group(1),
        cik=cik.group(1),
        form=form.strip(),
        items=tuple(_ITEM.findall(summary)),
        filed=date.fromisoformat(day) if day else None,
        index_url=urljoin(base_url, link.get("href", "")) if link is not None else "",
        title=title,
    )


def watched_filings(
    entries: list[FeedEntry], ciks: dict[str, str], items: list[str], forms: list[str]
) -> list[tuple[str, FeedEntry]]:
    """``(ticker, entry)`` for watched CIKs' filings of watched forms with a watched item."""
    found, seen = [], set()
    for entry in entries:
        ticker = ciks.get(entry.cik)
        if ticker is None or entry.form not in forms or entry.accession in seen:
            continue
        if entry.form == "8-K" and not set(entry.items) & set(items):
            continue
        seen.add(entry.accession)
        found.append((ticker, entry))
    return found
