"""Scrapy project: the ``news`` and ``edgar`` spiders that turn web pages and SEC filings
into :class:`finclaims.models.Document` items, with every URL tried written to a crawl log."""
