"""Article links from RSS/Atom feeds and sitemaps, with the dates and titles they declare.

Pure functions over response bodies, so the spider stays a thin router and the parsing
can be tested without a crawl.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import lxml.etree


class DiscoveryError(ValueError):
    """The body is not the kind of document it was fetched as."""


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    # sitemap <lastmod> / Atom <updated>: a page stored before this day has changed since
    modified: date | None = None

    def as_json(self) -> dict:
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
            "modified": self.modified.isoformat() if self.modified else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> Link:
        days = {k: parse_date(data.get(k)) for k in ("published", "modified")}
        return cls(url=data["url"], title=data.get("title"), author=data.get("author"), **days)


# The sitemaps protocol caps a sitemap at 50 MB uncompressed; a gzip body that inflates
# beyond that is a decompression bomb, not a sitemap.
MAX_XML_BYTES = 50 * 1024 * 1024
_DOCTYPE_WITH_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.S | re.I)


@dataclass
class Discovered:
    """Links found in a feed or sitemap, and what was wrong with the document, if anything."""

    kind: str
    links: list[Link] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def malformed(self) -> bool:
        return any(p.startswith("malformed XML") for p in self.problems)


def _gunzip(body: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    try:
        data = inflater.decompress(body, limit)
    except zlib.error as exc:
        raise DiscoveryError(f"corrupt gzip: {exc}") from exc
    if inflater.unconsumed_tail:
        megabytes = limit // (1024 * 1024)
        raise DiscoveryError(f"gzip inflates beyond {megabytes} MB (decompression bomb)")
    return data


def _xml_root(body: bytes) -> tuple[lxml.etree._Element, list[str]]:
    """Parsed root and problems; entities are never expanded, broken XML is recovered."""
    problems = []
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    if b"<!ENTITY" in body[:65536].upper():
        # Internal DTD subsets exist in feeds only to attack parsers ("billion laughs");
        # dropping the subset leaves undefined references, which recovery skips.
        body = _DOCTYPE_WITH_SUBSET.sub(b"", body, count=1)
        problems.append("entity declarations not expanded")
    options = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(**options))
    except lxml.etree.XMLSyntaxError as exc:
        undefined_only = problems and "Entity" in str(exc)
        if not undefined_only:
            problems.append(f"malformed XML ({exc.msg})")
        parser = lxml.etree.XMLParser(recover=True, **options)
        try:
            root = lxml.etree.fromstring(body, parser=parser)
        except lxml.etree.XMLSyntaxError as again:
            raise DiscoveryError(f"not XML: {again}") from again
    if root is None:
        raise DiscoveryError("not XML: empty document")
    return root, problems


def _local(element: lxml.etree._Element) -> str:
    return lxml.etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _child_text(element: lxml.etree._Element, *names: str) -> str | None:
    """Text of the first descendant whose local name is one of ``names`` (any namespace)."""
    for name in names:
        for child in element.iter():
            if _local(child) == name and (child.text or "").strip():
                return child.text.strip()
    return None


def parse_date(value: str | None) -> date | None:
    """ISO-8601 (Atom, sitemaps) or RFC-822 (RSS) date; None if unparsable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _atom_link(entry: lxml.etree._Element) -> str | None:
    links = [c for c in entry if _local(c) == "link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    return None


def feed_links(body: bytes) -> list[Link]:
    """Links of an RSS 2.0/1.0 or Atom feed, newest information kept with each link."""
    return read_feed(body).links


def read_feed(body: bytes) -> Discovered:
    """Links of an RSS/Atom feed plus the problems met reading it (see :class:`Discovered`)."""
    root, problems = _xml_root(body)
    kind = _local(root)
    if kind == "feed":
        entries = [e for e in root.iter() if _local(e) == "entry"]
        links = [(_atom_link(e), e) for e in entries]
        date_names = ("published", "updated")
    elif kind in ("rss", "rdf"):
        entries = [e for e in root.iter() if _local(e) == "item"]
        links = [
            (
                _child_text(e, "link")
                or e.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"),
                e,
            )
            for e in entries
        ]
        date_names = ("pubdate", "date", "published")
    else:
        raise DiscoveryError(f"not an RSS or Atom feed (root element <{kind}>)")
    found = [
        Link(
            url=url,
            title=_child_text(e, "title"),
            published=parse_date(_child_text(e, *date_names)),
            author=_child_text(e, "creator", "name", "author"),
            modified=parse_date(_child_text(e, "updated")) if kind == "feed" else None,
        )
        for url, e in links
        if url
    ]
    return Discovered(kind, found, problems)


def sitemap_links(body: bytes) -> tuple[str, list[Link]]:
    """("index", child sitemaps) or ("urlset", pages); news-sitemap dates and titles kept."""
    found = read_sitemap(body)
    return found.kind, found.links


def read_sitemap(body: bytes) -> Discovered:
    """A sitemap index's sitemaps or a urlset's pages, with reading problems."""
    root, problems = _xml_root(body)
    kind = _local(root)
    if kind not in ("sitemapindex", "urlset"):
        raise DiscoveryError(f"not a sitemap (root element <{kind}>)")
    tag = "sitemap" if kind == "sitemapindex" else "url"
    links = []
    for entry in (e for e in root if _local(e) == tag):
        loc = next((c.text.strip() for c in entry if _local(c) == "loc" and c.text), None)
        if not loc:
            continue
        published = parse_date(_child_text(entry, "publication_date"))
        modified = parse_date(_child_text(entry, "lastmod"))
        title = _child_text(entry, "title")
        links.append(Link(url=loc, title=title, published=published, modified=modified))
    return Discovered("index" if kind == "sitemapindex" else "urlset", links, problems)
