"""Scrapy settings for govcrawl. Every GOVCRAWL_* setting is documented in README.md."""

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Identify ourselves and be polite by default: portals are public services.
USER_AGENT = "govcrawl/0.1 (+https://github.com/govcrawl/govcrawl; research crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = True
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
FEED_EXPORT_ENCODING = "utf-8"
# With JOBDIR: a job a crash left inconsistent on disk starts over (README, Operating).
EXTENSIONS = {"govcrawl.operate.resume.CrashedJobReset": 0}
# GOVCRAWL_REDIS_URL + GOVCRAWL_CRAWL_ID: workers share one crawl in Redis (README).
ADDONS = {"govcrawl.operate.distributed.DistributedCrawl": 0}
GOVCRAWL_REDIS_URL = ""
GOVCRAWL_CRAWL_ID = ""
GOVCRAWL_REDIS_IDLE_WAIT = 10.0

# Flow order: clean -> parse -> validate -> store.
ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 200,
    "pipelines.parse.ParsePipeline": 300,
    "pipelines.validate.ValidatePipeline": 400,
    "pipelines.store.StorePipeline": 500,
}

# SQLite file the store stage writes.
GOVCRAWL_DB = "govcrawl.db"

# Blank cells fail identities instead of counting as 0 (validate stage).
GOVCRAWL_STRICT_BLANKS = False

# Real portal hosts mapped to a local fixture server (tests, `govcrawl demo`):
# {"www.pzhsxq.gov.cn": "http://127.0.0.1:PORT/panzhihua", ...}; items keep real URLs.
GOVCRAWL_HOST_MAP: dict[str, str] = {}
# Hosts a crawl may fetch besides its portal's own (Portal.hosts); nothing else.
GOVCRAWL_EXTRA_HOSTS: list[str] = []
# Render JavaScript list shells (portals with needs_js) in Debian's Chromium.
GOVCRAWL_RENDER_JS = True
DOWNLOADER_MIDDLEWARES = {
    # Before the host map, on the real URL: only the portal's hosts (README).
    "govcrawl.offsite.OffsiteMiddleware": 110,
    "govcrawl.middlewares.HostMapMiddleware": 120,
    # After the host map: looks stored pages up by their real URL.
    "govcrawl.operate.incremental.IncrementalMiddleware": 130,
}
# Re-crawls send If-None-Match / If-Modified-Since for report pages already stored.
GOVCRAWL_INCREMENTAL = True

# Only requests with meta={"playwright": True} use the browser; never download one.
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/bin/chromium",
    "headless": True,
    "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# The browser loads the portal's own resources, nothing third-party.
PLAYWRIGHT_ABORT_REQUEST = "govcrawl.browser.abort_third_party"
