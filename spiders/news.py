"""``scrapy crawl news -a sources=sources.yaml``: news articles as ``Document`` items.

Links come from each source's feeds, sitemaps (index, plain and news sitemaps) and URL
list; links outside the source's ``allowed_domains`` are logged as skipped, never
fetched. Incremental across nights (``spiders/state.py``): feeds and sitemaps are fetched
conditionally and their cached links reused on 304; a page stored on an earlier night is
not fetched again unless its sitemap/feed entry says it changed since.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

from scrapy import Request, signals
from scrapy.http import Response, TextResponse

from finclaims.models import content_hash, document_id
from spiders.article import extract_article
from spiders.common import ConfiguredSpider
from spiders.crawl_log import add_note, report
from spiders.discovery import Discovered, DiscoveryError, Link, read_feed, read_sitemap
from spiders.middlewares import confirm_validators
from spiders.near_duplicates import NearDuplicateIndex
from spiders.pdf import PdfTextError, is_pdf, pdf_text
from spiders.sniff import binary_kind
from spiders.sources import NewsSource
from spiders.state import CachedLinks, state_of
from spiders.urls import canonicalize, host_allowed

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Below this many characters of body text a page is a shell, an error page or a
# paywall stub, not an article worth storing.
MIN_ARTICLE_CHARS = 150


class NewsSpider(ConfiguredSpider):
    name = "news"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        domains = [d for s in self.config.news for d in s.allowed_domains]
        if all(s.allowed_domains for s in self.config.news) and domains:
            # Lets Scrapy's offsite middleware refuse redirects that leave every source.
            self.allowed_domains = sorted({d.split(":")[0] for d in domains})
        # Article URLs already requested in this crawl. Article requests bypass Scrapy's
        # duplicate filter (which drops silently, e.g. the second hop of a redirect
        # loop), so the spider de-duplicates what it asks for itself.
        self.requested: set[str] = set()
        # Stored pages left alone, logged when the crawl goes idle: a later sitemap entry
        # may still say the page changed, and then it is fetched after all.
        self.left_alone: dict[str, tuple[str, str]] = {}
        self.near_duplicates: NearDuplicateIndex | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._log_left_alone, signal=signals.spider_idle)
        return spider

    def _log_left_alone(self) -> None:
        for url, (reason, stored_id) in self.left_alone.items():
            report(self, url, "not_modified", reason, document_id=stored_id)
        self.left_alone.clear()

    async def start(self) -> AsyncIterator[Request]:
        self.report_config_problems()
        for source in self.config.news:
            for url in source.feeds:
                yield self._discovery_request(url, source, self.parse_feed)
            for url in source.sitemaps:
                yield self._discovery_request(url, source, self.parse_sitemap)
            for url in source.urls:
                if request := self._article_request(Link(url=url), source):
                    yield request

    def _request(self, url: str, source: NewsSource, callback, **meta: Any) -> Request:
        return Request(
            url,
            callback=callback,
            errback=self.on_request_error,
            meta={"source": source.name, **meta},
        )

    def _discovery_request(self, url: str, source: NewsSource, callback) -> Request:
        meta = {"conditional": True, "reuse_fresh": True, "handle_httpstatus_list": [304]}
        return self._request(url, source, callback, **meta)

    def _article_request(self, link: Link, source: NewsSource) -> Request | None:
        url = canonicalize(link.url)
        if url in self.requested:
            return None
        if not host_allowed(url, source.allowed_domains):
            report(self, url, "skipped", f"off-domain: not in allowed_domains of {source.name}")
            return None
        if self._stored_and_unchanged(url, link):
            return None
        self.requested.add(url)
        self.left_alone.pop(url, None)
        request = self._request(
            url,
            source,
            self.parse_document,
            link=link,
            conditional=True,
            handle_httpstatus_list=[304],
        )
        return request.replace(dont_filter=True)

    def _stored_and_unchanged(self, url: str, link: Link) -> bool:
        """Seen-URL store: a page stored on an earlier night is not fetched again unless
        its feed or sitemap says it was modified since (lastmod / Atom updated)."""
        seen = state_of(self).seen.get(url)
        if seen is None or (link.modified and link.modified > seen.stored_on):
            return False
        reason = f"already stored on {seen.stored_on.isoformat()}; not re-fetched"
        self.left_alone[url] = (reason, seen.document_id)
        return True

    def _source(self, response: Response) -> NewsSource:
        return self.config.news_source(response.meta["source"])

    def _follow(self, response: Response, found: Discovered, what: str) -> Iterator[Request]:
        source = self._source(response)
        self._report_discovery(response, found, what)
        for link in found.links:
            absolute = replace(link, url=response.urljoin(link.url))
            if request := self._article_request(absolute, source):
                yield request

    def _report_discovery(self, response: Response, found: Discovered, what: str) -> None:
        """A clean feed is "followed"; a broken one is failed, even if links were recovered."""
        count = len(found.links)
        if "fresh" in response.flags:
            reason = f"fresh in HTTP cache, not fetched; followed {count} cached {what} links"
            report(self, response.url, "not_modified", reason)
            return
        if response.status == 304:
            reason = f"HTTP 304; followed {count} cached {what} links"
            report(self, response.url, "not_modified", reason, 304)
            return
        if found.malformed:
            problems = "; ".join(found.problems)
            reason = f"parse error: {problems}; followed {count} recovered links"
            report(self, response.url, "failed", reason, response.status)
            return
        reason = "; ".join([f"followed {what} ({count} links)", *found.problems])
        report(self, response.url, "skipped", reason, response.status)

    def _discover(self, response: Response, read) -> Discovered | None:
        """Links of a feed or sitemap: parsed from a 200, or cached from the last one on 304.

        Validators are kept only with a clean parse, so a broken feed is fetched in full
        next time instead of being answered 304 with a half-recovered link list.
        """
        state = state_of(self)
        cached = state.links.get(response.url)
        if response.status == 304 and cached is not None:
            links = [Link.from_json(d) for d in cached.links]
            return Discovered(cached.kind, links)
        if response.status == 304:
            report(self, response.url, "failed", "HTTP 304 but no cached links", 304)
            return None
        try:
            found = read(response.body)
        except DiscoveryError as exc:
            report(self, response.url, "failed", f"parse error: {exc}", response.status)
            return None
        if not found.malformed:
            links = [link.as_json() for link in found.links]
            state.links[response.url] = CachedLinks(kind=found.kind, links=links)
            confirm_validators(self, response)
        return found

    def parse_feed(self, response: Response) -> Iterator[Request]:
        if found := self._discover(response, read_feed):
            yield from self._follow(response, found, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        found = self._discover(response, read_sitemap)
        if found is None:
            return
        if found.kind == "urlset":
            yield from self._follow(response, found, "sitemap")
            return
        source = self._source(response)
        self._report_discovery(response, found, "sitemap index")
        for link in found.links:
            url = response.urljoin(link.url)
            if host_allowed(url, source.allowed_domains):
                yield self._discovery_request(url, source, self.parse_sitemap)
            else:
                report(self, url, "skipped", f"off-domain: not in allowed_domains of {source.name}")

    def parse_document(self, response: Response) -> Iterator[dict]:
        if response.status == 304:
            report(self, response.url, "not_modified", "HTTP 304", 304)
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        declared = content_type.split(";")[0]
        if is_pdf(content_type, response.body):
            yield from self._pdf_item(response)
        elif not isinstance(response, TextResponse) or (
            declared and not any(t in declared for t in HTML_TYPES)
        ):
            reason = f"binary content type {declared or 'unknown'}"
            report(self, response.url, "skipped", reason, response.status)
        elif kind := binary_kind(response.body):
            reason = f"binary content ({kind}) served as {declared or 'no content type'}"
            report(self, response.url, "skipped", reason, response.status)
        else:
            yield from self._html_item(response)

    def _base_item(self, response: Response) -> dict:
        source, link = self._source(response), response.meta["link"]
        return {
            "url": response.url,
            "source": source.name,
            "publisher": source.publisher,
            "title": link.title,
            "author": link.author,
            "published": link.published,
            "doc_type": "news",
        }

    def _html_item(self, response: TextResponse) -> Iterator[dict]:
        try:
            response.body.decode(response.encoding)
        except (UnicodeDecodeError, LookupError):
            add_note(response.meta, f"invalid {response.encoding} bytes replaced")
        article = extract_article(response.text, url=response.url)
        if len(article.text) < MIN_ARTICLE_CHARS:
            reason = f"parse error: no article text found ({len(article.text)} chars)"
            report(self, response.url, "failed", reason, response.status)
            return
        item = self._base_item(response)
        item.update(
            canonical_url=article.canonical_url or canonicalize(response.url),
            title=article.title or item["title"],
            author=article.author or item["author"],
            published=article.published or item["published"],
            publisher=article.publisher or item["publisher"],
            language=article.language,
            text=article.text,
            html=response.text,
        )
        if self._first_copy(response, item):
            yield item

    def _pdf_item(self, response: Response) -> Iterator[dict]:
        try:
            text, title = pdf_text(response.body)
        except PdfTextError as exc:
            report(self, response.url, "failed", f"parse error: {exc}", response.status)
            return
        item = self._base_item(response)
        item.update(
            canonical_url=canonicalize(response.url),
            title=title or item["title"],
            doc_type="other",
            text=text,
        )
        if self._first_copy(response, item):
            yield item

    def _first_copy(self, response: Response, item: dict) -> bool:
        """False for a syndicated copy of a stored body: logged, linked, not stored again."""
        if self.near_duplicates is None:
            self.near_duplicates = NearDuplicateIndex(state_of(self).fingerprints)
        canonical = item["canonical_url"]
        original = self.near_duplicates.match(item["text"], canonical)
        if original is not None:
            reason = f"near-duplicate of {original.url} (syndicated copy, not stored again)"
            report(self, response.url, "skipped", reason, response.status, original.document_id)
            return False
        doc_id = document_id(canonical, content_hash(item["text"]))
        self.near_duplicates.add(item["text"], canonical, doc_id)
        return True
