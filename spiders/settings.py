"""Scrapy settings of the finclaims project (``scrapy.cfg`` points here).

Politeness first: news sites get robots.txt, AutoThrottle and two connections per
domain; SEC hosts share one download slot capped below their fair-access limit.
"""

BOT_NAME = "finclaims"
SPIDER_MODULES = ["spiders.news", "spiders.edgar"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "finclaims-bot/0.1 (+https://github.com/finclaims/finclaims)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# All SEC requests carry meta download_slot=SEC_SLOT: one slot for www.sec.gov and
# data.sec.gov together, one request at a time, 0.125 s apart -> at most 8 requests/s
# (SEC's fair-access limit is 10/s per user).
SEC_SLOT = "sec"
DOWNLOAD_SLOTS = {SEC_SLOT: {"concurrency": 1, "delay": 0.125, "jitter": 0}}

DOWNLOADER_MIDDLEWARES = {
    # process_response runs from high to low numbers: honour Retry-After before the
    # stock RetryMiddleware (550) would retry a 429/503 immediately.
    "spiders.middlewares.RetryAfterMiddleware": 560,
    "spiders.middlewares.FaultNotesMiddleware": 570,
    "spiders.middlewares.ConditionalGetMiddleware": 580,
    # before the stock RedirectMiddleware (600) sees the 3xx
    "spiders.middlewares.RedirectLoopMiddleware": 610,
}
REDIRECT_MAX_TIMES = 10
ITEM_PIPELINES = {"spiders.pipelines.DocumentValidationPipeline": 300}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "spiders.crawl_log.CrawlLog": 100,
    "spiders.state.CrawlStateExtension": 110,
    "spiders.crawl_stats.CrawlStats": 120,
}

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
HTTPCACHE_ENABLED = False
CLOSESPIDER_TIMEOUT = 3600

# finclaims settings (override with -s NAME=value)
FINCLAIMS_CRAWL_LOG = ""  # JSONL of CrawlLogEntry, one per URL tried
FINCLAIMS_COMPANIES_OUT = ""  # JSONL of Company from the SEC ticker map
FINCLAIMS_STATE_IN = ""  # crawl state of earlier nights (spiders/state.py)
FINCLAIMS_STATE_OUT = ""  # where this crawl writes the updated state
FINCLAIMS_STATE_KEEP_DAYS = 180  # stored pages remembered this long (seen URLs, fingerprints)
FINCLAIMS_STATS_OUT = ""  # JSON of the crawl's Scrapy stats, written when it closes
FINCLAIMS_RETRY_AFTER_MAX = 120.0  # seconds; longer Retry-After values are capped
