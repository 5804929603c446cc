"""Resume after a crash: a JOBDIR left by a crawl that did not close cleanly is
started over instead of trusted.

Scrapy writes a job's request queue state (requests.queue/active.json and each
queue's info.json) only when the spider closes, while requests.seen grows as
requests are scheduled. After a SIGKILL or a power cut the directory holds
fingerprints of requests that were never answered and a queue that does not say
what is left, so resuming it would silently skip pages. A clean stop (one Ctrl-C,
SIGTERM) leaves a consistent job, and it resumes where it stopped. After a crash
the job starts over from the start URLs; the store's writes are idempotent, so the
database ends as after one uninterrupted crawl.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

logger = logging.getLogger(__name__)

# Present from the first moment of a run until its scheduler has saved its state.
RUNNING_MARKER = "govcrawl.running"
SCRAPY_JOB_STATE = ("requests.queue", "requests.seen", "spider.state")


def reset_crashed_job(jobdir: Path) -> bool:
    """Drop the job state of a run that crashed; True if there was one."""
    if not (jobdir / RUNNING_MARKER).exists():
        return False
    for name in SCRAPY_JOB_STATE:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    return True


class CrashedJobReset:
    """Extension: marks JOBDIR as running, and resets it if a crash left it so."""

    def __init__(self, jobdir: Path) -> None:
        self.marker = jobdir / RUNNING_MARKER
        if reset_crashed_job(jobdir):
            logger.warning(
                "JOBDIR %s was left by a crawl that did not stop cleanly (killed?); "
                "its queue is not consistent on disk, so the crawl starts over",
                jobdir,
            )
        jobdir.mkdir(parents=True, exist_ok=True)
        self.marker.touch()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrashedJobReset:
        jobdir = job_dir(crawler.settings)
        if jobdir is None:
            raise NotConfigured
        extension = cls(Path(jobdir))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        # The scheduler has written its queue state before spider_closed is sent.
        self.marker.unlink(missing_ok=True)
