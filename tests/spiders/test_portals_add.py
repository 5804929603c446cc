"""Portals as data, end to end: `govcrawl portals add` runs a discovery crawl (real
Scrapy against the fixture server on 127.0.0.1) from a column (the real Pingtan list
page under its real URL path) and from a homepage (the hetian fixture portal),
reports what it found and appends the entry; `scrapy crawl <slug>`,
`scrapy crawl portal -a slug=<slug>` and `govcrawl crawl-all` then crawl the new
entry without any code. A malformed registry row stops a crawl naming file and line."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from tests.spiders.harness import FAST, ROOT, Crawl, crawl
from tests.spiders.test_pingtan import COLUMN, HOST, STATIC_ROWS, pingtan_site

pytestmark = pytest.mark.e2e

# Real page text (tests/real/lists/pingtan_zfxxgknb_index.html), newest first.
PINGTAN_TITLE = "平潭综合实验区{}年度政府信息公开工作年度报告"
# The first row's report page: the hegang fixture's, standing in (test_pingtan.py).
STAND_IN_REPORT = COLUMN + "202603/t20260313_105587.htm"
HETIAN_COLUMN = "http://www.htx.gov.cn/htx/c114808/list.shtml"
HETIAN_REPORT = (
    "http://www.htx.gov.cn/htx/c114808/202401/dc57871a9e6543c88fc8cde007d59f8a.shtml"
)


@dataclass
class Added:
    code: int
    out: str
    log: str
    registry: Path

    def rows(self) -> list[dict[str, str]]:
        lines = self.registry.read_text("utf-8").splitlines()
        return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureServer]:
    root = tmp_path_factory.mktemp("sites")
    shutil.copytree(PORTALS_DIR / "hetian", root / "hetian")
    pingtan_site(root, "pingtan_report", "utf-8")
    with FixtureServer(root) as started:
        yield started


def host_map(server: FixtureServer) -> str:
    return json.dumps(server.host_map() | {HOST: f"{server.base_url}/pingtan_report"})


def portals_add(server: FixtureServer, cwd: Path, *args: str) -> Added:
    """`govcrawl portals add` in a subprocess, in cwd (its ./portals.csv)."""
    command = [sys.executable, "-m", "govcrawl.cli", "portals", "add", *args]
    command += ["--host-map", host_map(server)]
    for setting in FAST:
        command += ["-s", setting]
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return Added(done.returncode, done.stdout, done.stderr, cwd / "portals.csv")


@pytest.fixture(scope="module")
def pingtan(server: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Added:
    return portals_add(server, tmp_path_factory.mktemp("user"), COLUMN)


def test_add_from_a_column_reports_column_adapter_and_the_gap(pingtan: Added) -> None:
    assert pingtan.code == 0, pingtan.log[-4000:]
    lines = pingtan.out.splitlines()
    assert f"column     {COLUMN} (trs_dynamic)" in lines
    assert "adapter    trs_dynamic" in lines
    (listed,) = [line for line in lines if line.startswith("list ")]
    assert listed.startswith(
        f"list       {COLUMN}: incomplete: found 10 of 20 entries declared "
        "(recordCount); "
    )
    assert "list2.trsapi" in listed
    assert "reports    10 listed:" in lines


def test_add_shows_the_first_reports_with_years_dates_and_urls(pingtan: Added) -> None:
    lines = pingtan.out.splitlines()
    at = lines.index("reports    10 listed:")
    shown = lines[at + 1 : at + 6]
    assert shown == [
        f"  {year}  {date}  {PINGTAN_TITLE.format(year)}  "
        f"{COLUMN}{href.removeprefix('./')}"
        for href, year, date in STATIC_ROWS[:5]
    ]
    assert lines[at + 6] == "  … 5 more"


def test_add_appends_the_entry_to_the_working_directory_registry(
    pingtan: Added,
) -> None:
    assert pingtan.rows() == [
        {
            "slug": "pingtan",  # from the host www.pingtan.gov.cn
            "name": "",
            "hosts": HOST,
            "start_urls": COLUMN,
            "adapter": "trs_dynamic",
            "province": "",
            "city": "",
            "county": "",
            "needs_js": "0",
        }
    ]
    assert f"added      pingtan to {pingtan.registry.name} line 2" in pingtan.out


def test_add_refuses_a_slug_already_registered(
    server: FixtureServer, pingtan: Added
) -> None:
    before = pingtan.registry.read_text("utf-8")
    again = portals_add(server, pingtan.registry.parent, COLUMN)
    assert again.code == 2
    assert "slug 'pingtan' is already in portals.csv:2;" in again.log
    shipped = portals_add(server, pingtan.registry.parent, COLUMN, "--slug", "hetian")
    assert shipped.code == 2
    assert "slug 'hetian' is already in the shipped registry;" in shipped.log
    assert pingtan.registry.read_text("utf-8") == before


def pingtan_crawl(
    server: FixtureServer, registry: Path, db: Path, spider: str, *args: str
) -> Crawl:
    return crawl(
        server,
        spider,
        db,
        *args,
        settings=(f"GOVCRAWL_PORTALS={registry}",),
        hosts={HOST: "pingtan_report"},
    )


def assert_pingtan_crawled(result: Crawl) -> None:
    (report,) = result.rows("select url, portal, year from reports")
    assert report == {"url": STAND_IN_REPORT, "portal": "pingtan", "year": 2024}
    (listed,) = result.rows("select url, adapter, found, declared from list_pages")
    assert listed == {
        "url": COLUMN,
        "adapter": "trs_dynamic",
        "found": 10,
        "declared": 20,
    }
    run = result.run()
    assert (run["spider"], run["status"], run["reports_new"]) == ("pingtan", "ok", 1)


def test_the_new_slug_is_a_spider(
    server: FixtureServer, pingtan: Added, tmp_path: Path
) -> None:
    result = pingtan_crawl(server, pingtan.registry, tmp_path / "c.db", "pingtan")
    assert_pingtan_crawled(result)
    assert "progress pingtan: 12 pages, 1 reports, 9 blocked, 0 failed" in result.log


def test_the_generic_spider_crawls_a_slug_of_the_registry(
    server: FixtureServer, pingtan: Added, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    result = pingtan_crawl(server, pingtan.registry, db, "portal", "-a", "slug=pingtan")
    assert_pingtan_crawled(result)


def test_crawl_all_reads_the_user_registry(
    server: FixtureServer, pingtan: Added, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    command = [sys.executable, "-m", "govcrawl.cli", "crawl-all", "pingtan"]
    command += ["--db", str(db), "--portals", str(pingtan.registry)]
    command += ["--host-map", host_map(server)]
    for setting in FAST:
        command += ["-s", setting]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-4000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(summary["portals"]) == ["pingtan"]
    assert summary["portals"]["pingtan"]["reports_new"] == 1
    assert_pingtan_crawled(Crawl(db, done.stderr, []))


def test_add_from_a_homepage_finds_the_column_and_its_reports(
    server: FixtureServer, tmp_path: Path
) -> None:
    added = portals_add(
        server,
        tmp_path,
        "http://www.htx.gov.cn/",
        "--slug",
        "hetian-home",
        "--name",
        "和田县人民政府",
        "--province",
        "新疆维吾尔自治区",
    )
    assert added.code == 0, added.log[-4000:]
    lines = added.out.splitlines()
    assert f"column     {HETIAN_COLUMN} (hexmon)" in lines
    # The rows as the fixture's list.shtml and list_2.shtml show them.
    at = lines.index("reports    2 listed:")
    assert lines[at + 1 : at + 3] == [
        f"  2023  2024-01-19  和田县吾宗肖乡人民政府信息公开工作2023年度报告  {HETIAN_REPORT}",
        "  2022  2023-01-18  和田县吾宗肖乡人民政府信息公开工作2022年度报告  "
        "http://www.htx.gov.cn/htx/c114808/202301/7a6b5c4d3e2f41a09b8c7d6e5f4a3b2c.shtml",
    ]
    (entry,) = added.rows()
    assert {
        k: entry[k] for k in ("slug", "name", "hosts", "start_urls", "adapter")
    } == {
        "slug": "hetian-home",
        "name": "和田县人民政府",
        "hosts": "www.htx.gov.cn",
        "start_urls": HETIAN_COLUMN,
        "adapter": "hexmon",
    }
    assert entry["province"] == "新疆维吾尔自治区"
    result = crawl(
        server,
        "hetian-home",
        tmp_path / "c.db",
        settings=(f"GOVCRAWL_PORTALS={added.registry}",),
    )
    assert set(result.reports()) == {HETIAN_REPORT}


def test_add_that_reaches_no_column_appends_nothing(
    server: FixtureServer, tmp_path: Path
) -> None:
    # The Pingtan stand-in has no homepage: / and its index variants answer 404.
    added = portals_add(server, tmp_path, f"https://{HOST}/")
    assert added.code == 1
    assert f"no annual-report column found from https://{HOST}/" in added.log
    assert "no list page reached" in added.log
    assert not added.registry.exists()


def scrapy_crawl(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl` with nothing but the arguments given: Scrapy's defaults and
    the project's settings, no LOG_LEVEL from the test harness."""
    env = {"PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "govcrawl.settings"}
    command = [sys.executable, "-m", "scrapy", "crawl", *args]
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=os.environ | env,
    )


def test_a_crawl_logs_at_info_by_default(
    server: FixtureServer, pingtan: Added, tmp_path: Path
) -> None:
    # From the registry's folder: its ./portals.csv is the user registry.
    host = {HOST: f"{server.base_url}/pingtan_report"}
    done = scrapy_crawl(
        pingtan.registry.parent,
        "pingtan",
        *("-s", f"GOVCRAWL_DB={tmp_path / 'c.db'}"),
        *("-s", f"GOVCRAWL_HOST_MAP={json.dumps(host)}"),
        *("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0"),
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "progress pingtan: 12 pages, 1 reports, 9 blocked, 0 failed" in done.stderr
    assert "] INFO: " in done.stderr
    assert [line for line in done.stderr.splitlines() if "] DEBUG: " in line] == []


def test_a_malformed_row_stops_the_crawl_naming_file_and_line(tmp_path: Path) -> None:
    registry = tmp_path / "portals.csv"
    registry.write_text(
        "slug,hosts,start_urls,adapter\n"
        "# a comment line still counts\n"
        f"pingtan,{HOST},{COLUMN},trs_dynamik\n",
        "utf-8",
    )
    done = scrapy_crawl(tmp_path, "pingtan", "-s", f"GOVCRAWL_PORTALS={registry}")
    assert done.returncode != 0
    assert (
        f"{registry}:3: portal 'pingtan': unknown adapter 'trs_dynamik'"
        in done.stderr.splitlines()[-1]
    )
