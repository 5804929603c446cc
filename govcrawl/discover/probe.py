"""What `govcrawl portals add` learns from a discovery crawl (`scrapy crawl portal
-a url=… -a probe=1`): the annual-report column(s) reached, the report rows the
lists show (not fetched), and each list's completeness from its list_pages rows.
From it, the registry entry: hosts, start URLs, adapter."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The adapter that reads any list with a 下一页 link: an entry gains nothing by naming it.
FALLBACK_ADAPTER = "next_page"


@dataclass
class ColumnFound:
    """An annual-report column the discovery crawl reached, and its list's adapter."""

    url: str
    adapter: str


@dataclass
class ListedReport:
    """A report row of a list, as the list shows it (its page is not fetched)."""

    url: str
    title: str
    year: int
    date: str | None
    list_url: str


@dataclass
class ListRead:
    """One list (its first page and the pages its pager led to) as list_pages has it."""

    list_url: str
    adapters: list[str]
    pages: int
    found: int
    declared: int | None
    declared_from: str | None
    complete: int | None
    reason: str | None


@dataclass
class Probe:
    url: str
    columns: list[ColumnFound] = field(default_factory=list)
    lists: list[ListRead] = field(default_factory=list)
    reports: list[ListedReport] = field(default_factory=list)
    # crawl_runs.reason: why the crawl stored nothing (no column, no report title).
    reason: str | None = None

    @property
    def hosts(self) -> list[str]:
        """The entered URL's host, then every host a column, list or row is on."""
        urls = [self.url, *(c.url for c in self.columns)]
        urls += [read.list_url for read in self.lists]
        urls += [report.url for report in self.reports]
        return list(dict.fromkeys(urlsplit(url).hostname or "" for url in urls))

    @property
    def start_urls(self) -> list[str]:
        return list(dict.fromkeys(column.url for column in self.columns))

    @property
    def adapter(self) -> str:
        """The adapter every list was read with; "" (each page by fingerprint) when
        they differ or only the generic fallback read them."""
        used = {adapter for read in self.lists for adapter in read.adapters}
        used |= {column.adapter for column in self.columns}
        if len(used) == 1 and FALLBACK_ADAPTER not in used:
            return used.pop()
        return ""


def feeds_setting(feed: Path) -> str:
    """FEEDS for the discovery crawl: only its own items, as JSON Lines (report
    and blocked pages carry bytes, and are not wanted here)."""
    items = [f"{__name__}.ColumnFound", f"{__name__}.ListedReport"]
    options = {"format": "jsonlines", "item_classes": items, "overwrite": True}
    return "FEEDS=" + json.dumps({feed.as_uri(): options})


LISTS_SQL = """
select list_url, group_concat(distinct adapter) as adapters, count(*) as pages,
  max(found) as found, max(declared) as declared,
  max(declared_from) as declared_from, max(complete) as complete,
  max(reason) as reason
from list_pages group by list_url order by min(id)
"""


def read_probe(url: str, feed: Path, db: Path) -> Probe:
    """The probe of one discovery crawl: its feed of items and its SQLite file."""
    probe = Probe(url)
    lines = feed.read_text("utf-8").splitlines() if feed.is_file() else []
    for line in lines:
        item = json.loads(line)
        if "title" in item:
            probe.reports.append(ListedReport(**item))
        else:
            probe.columns.append(ColumnFound(**item))
    with sqlite3.connect(db) as store:
        store.row_factory = sqlite3.Row
        probe.lists = [list_read(dict(row)) for row in store.execute(LISTS_SQL)]
        run = store.execute("select reason from crawl_runs").fetchone()
        probe.reason = run["reason"] if run else "the crawl recorded no run"
    return probe


def list_read(row: dict[str, Any]) -> ListRead:
    adapters = sorted(set((row.pop("adapters") or "").split(",")) - {"", "unknown"})
    return ListRead(adapters=adapters, **row)


def probe_url(
    url: str, host_map: str | None, settings: list[str], registry: Path
) -> Probe:
    """The discovery crawl of url: `scrapy crawl portal -a url=… -a probe=1` in a
    subprocess (its log on our stderr), into a SQLite file of its own."""
    from govcrawl.operate.children import die_with_parent
    from govcrawl.operate.runner import crawl_command, scrapy_env

    with tempfile.TemporaryDirectory(prefix="govcrawl-probe-") as work:
        feed, db = Path(work) / "probe.jsonl", Path(work) / "probe.db"
        options = [
            "LOG_LEVEL=INFO",
            f"GOVCRAWL_DB={db}",
            f"GOVCRAWL_PORTALS={registry}",
            "GOVCRAWL_INCREMENTAL=0",
            feeds_setting(feed),
            *([f"GOVCRAWL_HOST_MAP={host_map}"] if host_map else []),
            *settings,
        ]
        command = crawl_command("portal", options)
        command += ["-a", f"url={url}", "-a", "probe=1"]
        done = subprocess.run(
            command, env=scrapy_env(), check=False, preexec_fn=die_with_parent
        )
        if done.returncode != 0:
            return Probe(url, reason=f"scrapy crawl exited with {done.returncode}")
        return read_probe(url, feed, db)


def shortfall(probe: Probe) -> str | None:
    """Why the probe gives no registry entry: no column reached, no report listed."""
    if not probe.columns:
        return f"no annual-report column found from {probe.url} ({probe.reason})"
    if not probe.reports:
        return f"no report listed in the column ({probe.reason})"
    return None


def describe(probe: Probe, shown: int) -> str:
    """What the discovery crawl found, for a person: column, adapter, each list's
    completeness, the first reports."""
    lines = [f"column     {c.url} ({c.adapter})" for c in probe.columns]
    lines.append(f"adapter    {probe.adapter or 'none: each list page by fingerprint'}")
    lines += [
        f"list       {read.list_url}: {completeness(read)}" for read in probe.lists
    ]
    lines.append(
        f"reports    {len(probe.reports)} listed" + (":" if probe.reports else "")
    )
    for report in probe.reports[:shown]:
        date = report.date or "-"
        lines.append(f"  {report.year}  {date:10}  {report.title}  {report.url}")
    if len(probe.reports) > shown:
        lines.append(f"  … {len(probe.reports) - shown} more")
    return "\n".join(lines)


def completeness(read: ListRead) -> str:
    pages = f"{read.pages} page{'s' if read.pages > 1 else ''}"
    if read.declared is None:
        return f"{read.found} entries on {pages}, no total declared"
    if read.complete:
        found = f"{read.found} of {read.declared} entries ({read.declared_from})"
        return f"complete: {found} on {pages}"
    return f"incomplete: {read.reason} ({pages})"
