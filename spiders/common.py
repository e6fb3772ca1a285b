"""What both spiders share: reading ``sources.yaml`` and turning errbacks into log lines."""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Spider
from twisted.python.failure import Failure

from finclaims.config import Settings
from spiders.crawl_log import classify_failure, report
from spiders.sources import SourcesConfig, SourcesError, load_sources

logger = logging.getLogger(__name__)


class ConfiguredSpider(Spider):
    """A spider driven by ``-a sources=PATH``; config problems go to the crawl log."""

    def __init__(self, sources: str | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Like `finclaims run`: -a sources=PATH, else FINCLAIMS_SOURCES, else ./sources.yaml
        path = Path(sources) if sources else Settings().sources
        if not path.exists():
            raise SourcesError(
                f"spider {self.name!r}: sources file {path} not found; pass one with "
                f"`scrapy crawl {self.name} -a sources=PATH` or set FINCLAIMS_SOURCES"
            )
        self.sources_path = path
        self.config: SourcesConfig = load_sources(self.sources_path)

    def report_config_problems(self) -> None:
        """One crawl-log line per bad sources.yaml entry, so nothing is silently ignored."""
        for problem in self.config.problems:
            logger.warning("%s: %s", self.sources_path, problem)
            report(self, f"{self.sources_path}#L{problem.line}", "skipped", f"config: {problem}")

    def on_request_error(self, failure: Failure) -> None:
        """Log under the URL the spider asked for, not the last hop of a redirect chain."""
        status, reason, http_status = classify_failure(failure)
        request = failure.request
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        report(self, url, status, reason, http_status)
