"""Main text and metadata of one article page.

trafilatura finds the body; this module adds what a claims store needs on top: a
publication date that is never guessed from the crawl day, a canonical URL without
tracking parameters, and removal of aggregator boilerplate (rules in
``data/boilerplate.yaml``) that would otherwise be mistaken for the article's own claims.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

import lxml.html
import trafilatura
import yaml
from htmldate import find_date

from finclaims.models import Article
from spiders.urls import canonicalize

_HOSTNAME = re.compile(r"[\w.-]+\.\w+(:\d+)?")
_RULES_FILE = Path(__file__).with_name("data") / "boilerplate.yaml"
_WORD = re.compile(r"\w+")
_MAX_TITLE_CHARS = 300


@cache
def _rules() -> tuple[list[re.Pattern], list[re.Pattern]]:
    data = yaml.safe_load(_RULES_FILE.read_text(encoding="utf-8"))
    compile_all = lambda key: [re.compile(p, re.I) for p in data.get(key) or []]  # noqa: E731
    return compile_all("cut_from"), compile_all("drop_lines")


def clean_boilerplate(text: str) -> str:
    """Drop share bars, empty bylines, related lists and everything after a syndication footer."""
    cut_from, drop_lines = _rules()
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if any(p.search(stripped) for p in cut_from):
            break
        if stripped and any(p.search(stripped) for p in drop_lines):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def canonical_url(tree: lxml.html.HtmlElement | None, url: str | None) -> str | None:
    """``<link rel=canonical>``, else ``og:url``, else the fetched URL; tracking params removed."""
    candidates = []
    if tree is not None:
        candidates += tree.xpath("//link[contains(concat(' ', @rel, ' '), ' canonical ')]/@href")
        candidates += tree.xpath("//meta[@property='og:url']/@content")
    for candidate in candidates:
        if candidate.strip():
            return canonicalize(candidate, base=url)
    return canonicalize(url) if url else None


def published_date(html: str | lxml.html.HtmlElement, url: str | None = None) -> date | None:
    """Date the page declares (markup, URL); None rather than a guess, never in the future.

    Extensive text search is off: it picks up copyright years and "today" widgets, and a
    wrong date would misplace a guidance change in time.
    """
    today = date.today()
    try:
        found = find_date(
            html,
            url=url,
            extensive_search=False,
            original_date=True,
            max_date=today.isoformat(),
        )
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    day = datetime.strptime(found, "%Y-%m-%d").date()
    return day if day <= today else None


# When the precise pass keeps less than this share of the balanced pass, it has most likely
# latched onto a notice or teaser block rather than the article; the balanced pass wins.
_PRECISE_MIN_SHARE = 0.5


def _extract(html: str, url: str | None, **options) -> trafilatura.settings.Document | None:
    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False},
        **options,
    )


def _body(html: str, url: str | None) -> tuple[trafilatura.settings.Document | None, str]:
    """Precision-first body with a balanced fallback; returns the metadata doc and clean text."""
    precise = _extract(html, url, favor_precision=True)
    balanced = _extract(html, url)
    precise_text = clean_boilerplate(precise.text or "") if precise is not None else ""
    balanced_text = clean_boilerplate(balanced.text or "") if balanced is not None else ""
    if len(precise_text) >= _PRECISE_MIN_SHARE * len(balanced_text) and precise_text:
        return precise, precise_text
    return (balanced or precise), balanced_text


def _meta(tree: lxml.html.HtmlElement | None, *names: str) -> str | None:
    if tree is None:
        return None
    for name in names:
        values = tree.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        if values and values[0].strip():
            return values[0].strip()
    return None


def _publisher(doc: trafilatura.settings.Document | None, tree, url: str | None) -> str | None:
    """Site name the page declares; trafilatura's fallback to the bare hostname is no name."""
    declared = _meta(tree, "og:site_name", "application-name")
    if declared:
        return declared
    name = doc.sitename if doc is not None else None
    if not name or _HOSTNAME.fullmatch(name):
        return None
    return name


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def drop_repeated_title(text: str, titles: list[str | None]) -> str:
    """Remove a first line that only repeats the headline: the title is metadata, and a
    headline counted as body text would be a sentence the article never states."""
    first, _, rest = text.partition("\n")
    head = _words(first)
    if not head or len(head) > _MAX_TITLE_CHARS:
        return text
    if any(title and head in _words(title) for title in titles):
        return rest.lstrip("\n")
    return text


def _page_titles(tree: lxml.html.HtmlElement | None, doc) -> list[str | None]:
    titles = [doc.title if doc is not None else None, _meta(tree, "og:title", "twitter:title")]
    if tree is not None:
        titles.append(tree.findtext(".//title"))
    return titles


def extract_article(html: str, url: str | None = None) -> Article:
    """Body text and metadata of an article page; an unusable page gives an empty ``text``."""
    tree = _parse(html)
    doc, text = _body(html, url)
    text = drop_repeated_title(text, _page_titles(tree, doc))
    language = tree.get("lang") if tree is not None else None
    return Article(
        url=url,
        canonical_url=canonical_url(tree, url),
        title=(doc.title if doc is not None else None) or _meta(tree, "og:title"),
        author=(doc.author if doc is not None else None) or None,
        published=published_date(tree if tree is not None else html, url),
        publisher=_publisher(doc, tree, url),
        language=(language or (doc.language if doc is not None else None) or None),
        text=text,
    )
