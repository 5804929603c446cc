"""Scrapy settings for govcrawl. Every GOVCRAWL_* setting is read through
govcrawl.config.Config.from_settings and documented in README.md."""

import os

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# Every portal of the registry is a spider by its slug (README, Portals): the
# shipped one plus GOVCRAWL_PORTALS, a CSV file ("": ./portals.csv if present).
SPIDER_LOADER_CLASS = "spiders.portal.RegistrySpiderLoader"
GOVCRAWL_PORTALS = ""

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
# A log for a person: INFO, and an item as one short line, never its body.
LOG_LEVEL = "INFO"
LOG_FORMATTER = "govcrawl.logs.ShortLogFormatter"
# With JOBDIR: a job a crash left inconsistent on disk starts over (README, Operating).
EXTENSIONS = {
    "govcrawl.operate.resume.CrashedJobReset": 0,
    "govcrawl.operate.progress.PortalProgress": 0,
    # GOVCRAWL_TIME_BUDGET, and why a run stopped before its end (README, Operating).
    "govcrawl.operate.budget.RunStop": 0,
}
# A progress line per portal (pages, reports, blocked, failed) this often; 0: none.
GOVCRAWL_PROGRESS_INTERVAL = 60.0
# GOVCRAWL_REDIS_URL + GOVCRAWL_CRAWL_ID: workers share one crawl in Redis (README).
ADDONS = {"govcrawl.operate.distributed.DistributedCrawl": 0}
GOVCRAWL_REDIS_URL = ""
GOVCRAWL_CRAWL_ID = ""
GOVCRAWL_REDIS_IDLE_WAIT = 10.0

# A callback's output taken up to this many at a time: a report page yields one item
# and its files, a list page its rows. Scrapy's 100 starts 100 asyncio tasks for
# every response, a fifth of Scrapy's thread in a crawl (py-spy).
CONCURRENT_ITEMS = 8

# Flow order: clean -> parse -> validate (govcrawl.flow, one stage) -> store.
ITEM_PIPELINES = {
    "pipelines.flow.FlowPipeline": 200,
    "pipelines.store.StorePipeline": 500,
}

# SQLite file the store stage writes.
GOVCRAWL_DB = "govcrawl.db"

# Blank cells fail identities instead of counting as 0 (validate stage).
GOVCRAWL_STRICT_BLANKS = False

# Size bounds, so a hostile page or file cannot stall a crawl: a page is cut after
# GOVCRAWL_MAX_PAGE_BYTES, a larger attachment is not read, a PDF is read up to
# GOVCRAWL_PDF_MAX_PAGES pages; each cut is recorded on the report.
GOVCRAWL_MAX_PAGE_BYTES = 4 * 1024 * 1024
GOVCRAWL_ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024
GOVCRAWL_PDF_MAX_PAGES = 200
# Worker processes for clean -> parse -> validate in a crawl: None, one per CPU; 0, in
# Scrapy's thread (the flow's CPU then holds up the downloads).
GOVCRAWL_FLOW_PROCESSES = None

# Real portal hosts mapped to a local fixture server (tests, `govcrawl demo`):
# {"www.pzhsxq.gov.cn": "http://127.0.0.1:PORT/panzhihua", ...}; items keep real URLs.
GOVCRAWL_HOST_MAP: dict[str, str] = {}
# Hosts a crawl may fetch besides its portal's own (Portal.hosts); nothing else.
GOVCRAWL_EXTRA_HOSTS: list[str] = []
# Non-public networks (CIDR) a crawl may connect to; none outside tests and the demo,
# which allow 127.0.0.0/8: private, loopback and link-local addresses are refused.
GOVCRAWL_ALLOW_NETWORKS: list[str] = []
# List pages fetched per list; the pages a list declares past it are a recorded gap.
GOVCRAWL_MAX_LIST_PAGES = 1000
# Seconds a portal's run may take (the spider closes, recorded as the run's reason);
# 0: no limit.
GOVCRAWL_TIME_BUDGET = 0
# Render JavaScript list shells (portals with needs_js) in Debian's Chromium.
GOVCRAWL_RENDER_JS = True
DOWNLOADER_MIDDLEWARES = {
    # Before the host map, on the real URL: only the portal's hosts (README).
    "govcrawl.offsite.OffsiteMiddleware": 110,
    "govcrawl.middlewares.HostMapMiddleware": 120,
    # After the host map, on the address actually connected to: no private ones.
    "govcrawl.offsite.PublicAddressMiddleware": 125,
    # After the host map: looks stored pages up by their real URL.
    "govcrawl.operate.incremental.IncrementalMiddleware": 130,
    # Last on the way back: decodes by the charset that reads cleanly (README).
    "govcrawl.middlewares.CharsetMiddleware": 110,
}
# Re-crawls send If-None-Match / If-Modified-Since for report pages already stored.
GOVCRAWL_INCREMENTAL = True

# Render first (before reading the shell's JSON API); else only a list that shows
# nothing and asks for nothing is rendered.
GOVCRAWL_RENDER_FIRST = False
# Render a list that declares more rows than it serves and pages them only in the
# browser (TRS list2.trsapi), and walk its pager; off, the gap is recorded.
GOVCRAWL_RENDER_GAPS = False
# Spiders that may render install the scrapy-playwright handlers themselves
# (govcrawl.browser.BROWSER_HANDLERS); only meta={"playwright": True} requests use it.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": os.environ.get("GOVCRAWL_CHROMIUM", "/usr/bin/chromium"),
    "headless": True,
    "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# The browser loads the portal's own resources, nothing third-party (after the
# offsite rule of govcrawl.browser_handler).
PLAYWRIGHT_ABORT_REQUEST = "govcrawl.browser.abort_third_party"
# Navigations the browser refused (off the portal) recorded as `offsite` failures.
SPIDER_MIDDLEWARES = {"govcrawl.browser.BrowserRefusals": 950}
