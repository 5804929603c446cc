"""`scrapy crawl panzhihua` against the fault server with short timeouts and few
retries, so every fault case resolves within seconds."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govcrawl.demo.faults import Fault, FaultPortal, FaultServer
from govcrawl.operate.runner import crawl_command, scrapy_env
from tests.stored_rows import CrawlRun

ROOT = Path(__file__).resolve().parents[2]
MAXSIZE = 256 * 1024
SETTINGS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=0",
    "ROBOTSTXT_OBEY=0",
    "LOG_LEVEL=INFO",
    "DOWNLOAD_TIMEOUT=3",
    "RETRY_TIMES=1",
    "REDIRECT_MAX_TIMES=3",
    f"DOWNLOAD_MAXSIZE={MAXSIZE}",
    f"DOWNLOAD_WARNSIZE={MAXSIZE // 2}",
)

PLAN = {
    "ok-panzhihua": Fault(),
    "ok-hegang": Fault(body_file="reports/hegang_2024.html"),
    "burst-503": Fault(
        "status", 503, fail_first=1, body_file="reports/hetian_2023.html"
    ),
    "always-500": Fault("status", 500),
    "timeout": Fault("timeout", delay=4.0),
    "reset": Fault("reset"),
    "reset-once": Fault("reset", fail_first=1, body_file="reports/yuanjiang_2023.html"),
    "truncated": Fault("truncated"),
    "oversize": Fault("oversize"),
    "gbk-declared-utf8": Fault(body_file="reports/heyang_2020.html"),
    "wrong-type": Fault(
        content_type="application/octet-stream", body_file="reports/hetian_2023.html"
    ),
    "redirect-loop": Fault("redirect_loop"),
    "ruishu-412": Fault("ruishu"),
    "jiasule-521": Fault("jiasule"),
    "slow": Fault("slow", delay=0.6, body_file="reports/hegang_2024.html"),
    # A report row whose .shtml URL serves a PDF: Scrapy types it as HTML by the URL.
    "pdf-at-page-url": Fault(
        content_type="application/pdf", body_file="attachments/000_panzhihua_2022.pdf"
    ),
}
# The second list page answers 503 once: list pages are retried too.
LIST_FAULTS = {2: Fault("status", 503, fail_first=1)}
REAL = "http://www.pzhsxq.gov.cn"


@dataclass
class FaultCrawl(CrawlRun):
    portal: FaultPortal

    def reports(self) -> dict[str, dict[str, Any]]:
        return {row["url"]: row for row in self.rows("select * from reports")}

    def stats(self) -> dict[str, Any]:
        """Scrapy's stats of the run, as the store pipeline kept them."""
        (run,) = self.rows("select stats from crawl_runs")
        stats: dict[str, Any] = json.loads(run["stats"])
        return stats

    def url(self, name: str) -> str:
        return REAL + self.portal.report_path(name)


def crawl_faults(
    db: Path,
    plan: dict[str, Fault] = PLAN,
    spider: tuple[str, ...] = ("panzhihua",),
    *,
    portal: FaultPortal | None = None,
    settings: tuple[str, ...] = (),
) -> FaultCrawl:
    portal = portal or FaultPortal(plan, LIST_FAULTS)
    with FaultServer(portal) as server:
        options = (
            f"GOVCRAWL_DB={db}",
            f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
            *SETTINGS,
            *settings,
        )
        name, *args = spider
        command = [*crawl_command(name, options), *args]
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=scrapy_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-4000:]
    return FaultCrawl(db, done.stderr, portal)
