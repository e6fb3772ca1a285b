"""``scrapy crawl news -a sources=sources.yaml``: news articles as ``Document`` items.

Links come from each source's feeds, sitemaps (index, plain and news sitemaps) and URL
list; links outside the source's ``allowed_domains`` are logged as skipped, never
fetched. Pages already stored by an earlier crawl are fetched conditionally.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request
from scrapy.http import Response, TextResponse

from spiders.article import extract_article
from spiders.common import ConfiguredSpider
from spiders.crawl_log import report
from spiders.discovery import DiscoveryError, Link, feed_links, sitemap_links
from spiders.pdf import PdfTextError, is_pdf, pdf_text
from spiders.sources import NewsSource
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

    async def start(self) -> AsyncIterator[Request]:
        self.report_config_problems()
        for source in self.config.news:
            for url in source.feeds:
                yield self._request(url, source, self.parse_feed)
            for url in source.sitemaps:
                yield self._request(url, source, self.parse_sitemap)
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

    def _article_request(self, link: Link, source: NewsSource) -> Request | None:
        url = canonicalize(link.url)
        if not host_allowed(url, source.allowed_domains):
            report(self, url, "skipped", f"off-domain: not in allowed_domains of {source.name}")
            return None
        return self._request(
            url,
            source,
            self.parse_document,
            link=link,
            conditional=True,
            handle_httpstatus_list=[304],
        )

    def _source(self, response: Response) -> NewsSource:
        return self.config.news_source(response.meta["source"])

    def _follow(self, response: Response, links: list[Link], what: str) -> Iterator[Request]:
        source = self._source(response)
        report(self, response.url, "skipped", f"followed {what} ({len(links)} links)", 200)
        for link in links:
            absolute = Link(response.urljoin(link.url), link.title, link.published, link.author)
            if request := self._article_request(absolute, source):
                yield request

    def parse_feed(self, response: Response) -> Iterator[Request]:
        try:
            links = feed_links(response.body)
        except DiscoveryError as exc:
            report(self, response.url, "failed", f"parse error: {exc}", response.status)
            return
        yield from self._follow(response, links, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            kind, links = sitemap_links(response.body)
        except DiscoveryError as exc:
            report(self, response.url, "failed", f"parse error: {exc}", response.status)
            return
        if kind == "urlset":
            yield from self._follow(response, links, "sitemap")
            return
        source = self._source(response)
        report(self, response.url, "skipped", f"followed sitemap index ({len(links)})", 200)
        for link in links:
            url = response.urljoin(link.url)
            if host_allowed(url, source.allowed_domains):
                yield self._request(url, source, self.parse_sitemap)
            else:
                report(self, url, "skipped", f"off-domain: not in allowed_domains of {source.name}")

    def parse_document(self, response: Response) -> Iterator[dict]:
        if response.status == 304:
            report(self, response.url, "not_modified", "HTTP 304", 304)
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if is_pdf(content_type, response.body):
            yield from self._pdf_item(response)
        elif isinstance(response, TextResponse) and (
            not content_type or any(t in content_type for t in HTML_TYPES)
        ):
            yield from self._html_item(response)
        else:
            kind = content_type.split(";")[0] or "unknown"
            report(self, response.url, "skipped", f"binary content type {kind}", response.status)

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
        yield item
