"""The real Pingtan 政府信息公开年报 column (tests/real/lists/), served on 127.0.0.1
under its real URL: a TRS "动静结合" list whose static HTML shows 10 of the 20
entries it declares (recordCount '20'); the rest only list2.trsapi pages, in a
browser. The crawl reads the 10 rows and records the gap in list_pages."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from govcrawl.discover.cms import select_adapter
from govcrawl.operate.summary import invocation_summary
from tests.spiders.harness import Crawl, crawl

REAL = Path(__file__).resolve().parents[1] / "real" / "lists"
PAGE = REAL / "pingtan_zfxxgknb_index.html"
HOST = "www.pingtan.gov.cn"
COLUMN = f"https://{HOST}/zwgk/zfxxgk/zfxxgknb/"
# The static rows as the page shows them: (year in the title, date in the sibling dd).
STATIC_ROWS = [
    ("./202603/t20260313_105587.htm", 2025, "2026-03-10"),
    ("./202503/t20250310_97791.htm", 2024, "2025-03-10"),
    ("./202403/t20240308_87885.htm", 2023, "2024-03-08"),
    ("./202302/t20230220_80629.htm", 2022, "2023-02-20"),
    ("./202202/t20220208_80613.htm", 2021, "2022-02-08"),
    ("./202103/t20210305_80595.htm", 2020, "2021-03-05"),
    ("./202001/t20200120_80576.htm", 2019, "2020-01-20"),
    ("./201901/t20190110_80529.htm", 2018, "2019-01-10"),
    ("./201801/t20180123_80506.htm", 2017, "2018-01-23"),
    ("./201701/t20170118_80485.htm", 2016, "2017-01-18"),
]


def static_urls() -> set[str]:
    return {COLUMN + href.removeprefix("./") for href, _, _ in STATIC_ROWS}


# A UTF-8 report page (the hegang fixture's) standing in for the first row's page.
STAND_IN = PORTALS_DIR / "hegang" / "hegang" / "zxqgkndbg" / "202501" / "68226.shtml"
STANDIN_JS = Path(__file__).parent / "standin" / "pingtan_model.min.js"
# Sites serving the same bytes with a right and with wrong Content-Type charsets.
CHARSETS = {"pingtan": "utf-8", "pingtan_gbk": "gbk", "pingtan_latin1": "iso-8859-1"}


def pingtan_site(root: Path, slug: str, charset: str) -> None:
    site = root / slug
    folder = site / "zwgk" / "zfxxgk" / "zfxxgknb"
    folder.mkdir(parents=True)
    shutil.copyfile(PAGE, folder / "index.html")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    rules = {"html_type": f"text/html; charset={charset}"}
    if slug not in ("pingtan", "pingtan_paged"):
        (folder / "202603").mkdir()
        shutil.copyfile(STAND_IN, folder / "202603" / "t20260313_105587.htm")
        rules["routes"] = {
            "/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm": {
                "headers": {"Content-Type": f"text/html; charset={charset}"}
            }
        }
    (site / "_site.json").write_text(json.dumps(rules))


def paged_site(root: Path) -> None:
    """The real page with a stand-in of TRS's in-page paging behind it."""
    pingtan_site(root, "pingtan_paged", "utf-8")
    images = root / "pingtan_paged" / "images"
    images.mkdir()
    shutil.copyfile(STANDIN_JS, images / "model.min.js")


@pytest.fixture(scope="module")
def pingtan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureServer]:
    root = tmp_path_factory.mktemp("pingtan")
    for slug, charset in CHARSETS.items():
        pingtan_site(root, slug, charset)
    paged_site(root)
    with FixtureServer(root) as server:
        yield server


def crawl_pingtan(
    server: FixtureServer, db: Path, url: str, site: str = "pingtan"
) -> Crawl:
    return crawl(server, "portal", db, "-a", f"url={url}", hosts={HOST: site})


def test_static_rows_with_years_and_dates_from_the_sibling_dd() -> None:
    from govcrawl.discover.titles import report_year

    text = PAGE.read_text("utf-8")
    adapter = select_adapter(COLUMN, text)
    page = adapter.parse_list(COLUMN, text)
    assert adapter.name == "trs_dynamic"
    assert [(row.url, report_year(row.text), row.date) for row in page.entries] == [
        (COLUMN + href.removeprefix("./"), year, date)
        for href, year, date in STATIC_ROWS
    ]
    assert page.declared is not None
    assert (page.declared.total, page.declared.source) == (20, "recordCount")
    assert page.more == []


@pytest.mark.e2e
def test_crawl_reads_the_ten_rows_and_records_the_gap(
    pingtan: FixtureServer, tmp_path: Path
) -> None:
    result = crawl_pingtan(pingtan, tmp_path / "c.db", COLUMN)
    (listed,) = result.rows("select * from list_pages")
    assert listed["url"] == COLUMN
    assert listed["adapter"] == "trs_dynamic"
    assert (listed["entries"], listed["reports"], listed["declared"]) == (10, 10, 20)
    assert (listed["found"], listed["pages"], listed["complete"]) == (10, 0, 0)
    assert "found 10 of 20" in listed["reason"]
    assert "list2.trsapi" in listed["reason"]
    (short,) = result.rows("select * from incomplete_lists")
    assert short["list_url"] == COLUMN
    assert "list incomplete " + COLUMN in result.log
    # The last progress line: robots.txt, the list and the ten report URLs.
    assert "progress portal: 12 pages, 0 reports, 10 blocked, 0 failed" in result.log
    # Each static row is requested as a report; the fixture holds only the list,
    # so each answers 404: not found, not blocked by a challenge.
    assert result.blocked() == dict.fromkeys(static_urls(), "not-found")
    run = result.run()
    assert run["status"] == "failed"
    # The .db copied alone (no -wal beside it) holds the run: checkpointed on close.
    alone = tmp_path / "alone" / "c.db"
    alone.parent.mkdir()
    shutil.copyfile(result.db, alone)
    with sqlite3.connect(alone) as copy:
        assert copy.execute("select count(*) from list_pages").fetchone() == (1,)
    assert run["reason"] == "10 report rows listed, none stored: 10 blocked, 0 failed"


@pytest.mark.e2e
def test_dead_menu_link_falls_back_to_the_column_folder(
    pingtan: FixtureServer, tmp_path: Path
) -> None:
    # The site's menu links the column as …/nlist.htm; here that answers 404.
    result = crawl_pingtan(pingtan, tmp_path / "c.db", COLUMN + "nlist.htm")
    assert result.blocked()[COLUMN + "nlist.htm"] == "not-found"
    (listed,) = result.rows("select url, entries from list_pages")
    assert listed == {"url": COLUMN, "entries": 10}
    assert static_urls() <= set(result.blocked())


@pytest.mark.e2e
@pytest.mark.parametrize("site", ["pingtan_gbk", "pingtan_latin1"])
def test_wrong_header_charset_loses_to_the_page_that_decodes_cleanly(
    pingtan: FixtureServer, tmp_path: Path, site: str
) -> None:
    result = crawl_pingtan(pingtan, tmp_path / "c.db", COLUMN, site)
    header = CHARSETS[site]
    (listed,) = result.rows("select * from list_pages")
    assert (listed["entries"], listed["reports"], listed["declared"]) == (10, 10, 20)
    assert listed["charset_conflict"] == (
        f"charset conflict: header says {header}, page <meta> says utf-8; "
        "decoded as utf-8 (decodes cleanly)"
    )
    # The report page behind the first row, mislabelled the same way.
    (report,) = result.rows("select title, year, removed from reports")
    assert report["title"] == "工农区人民政府2024年政府信息公开工作年度报告"
    assert report["year"] == 2024
    assert f"header says {header}, page <meta> says utf-8" in report["removed"]


@pytest.mark.e2e
def test_log_lines_are_short_and_no_browser_starts(
    pingtan: FixtureServer, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    result = crawl(
        pingtan,
        "portal",
        db,
        "-a",
        f"url={COLUMN}",
        settings=("LOG_LEVEL=DEBUG",),
        hosts={HOST: "pingtan"},
    )
    # Scrapy's default item line carried the page body: 65,000 characters.
    assert max(map(len, result.log.splitlines())) < 1000
    assert f"item ListPageSeen {COLUMN} entries=10 declared=20" in result.log
    assert "item BlockedPage " + COLUMN + "202603/t20260313_105587.htm" in result.log
    # A crawl that renders nothing never starts the scrapy-playwright handler.
    assert "[scrapy-playwright]" not in result.log
    assert "Launching browser" not in result.log


@pytest.mark.e2e
def test_a_run_that_reaches_no_column_says_why(
    pingtan: FixtureServer, tmp_path: Path
) -> None:
    # The stand-in site has no homepage: / and its index variants answer 404.
    result = crawl_pingtan(pingtan, tmp_path / "c.db", f"https://{HOST}/")
    run = result.run()
    assert run["status"] == "failed"
    assert run["reason"] == (
        "no list page reached (no annual-report column found); 5 blocked, 0 failed"
    )
    summary = invocation_summary(str(result.db), 0)
    assert summary["portals"]["portal"]["reason"] == run["reason"]
    assert "run stored no report: no list page reached" in result.log


@pytest.mark.e2e
def test_rendering_walks_the_in_page_pager_to_all_19_reports(
    pingtan: FixtureServer, tmp_path: Path
) -> None:
    result = crawl(
        pingtan,
        "portal",
        tmp_path / "c.db",
        "-a",
        f"url={COLUMN}",
        settings=("GOVCRAWL_RENDER_GAPS=1", "GOVCRAWL_PROGRESS_INTERVAL=0.2"),
        hosts={HOST: "pingtan_paged"},
    )
    # Chromium takes seconds to start: progress lines come while it runs, not
    # only the one at the close.
    progress = [line for line in result.log.splitlines() if "progress portal:" in line]
    assert len(progress) >= 2
    assert progress[-1].endswith("0 reports, 19 blocked, 0 failed")
    static, rendered = result.rows("select * from list_pages order by id")
    assert (static["entries"], static["fresh"], static["declared"]) == (10, 10, 20)
    assert (rendered["entries"], rendered["fresh"], rendered["reports"]) == (20, 10, 19)
    assert {static["found"], rendered["found"]} == {20}
    assert {static["complete"], rendered["complete"]} == {1}
    assert result.rows("select * from incomplete_lists") == []
    assert "walking the in-page pager of " + COLUMN in result.log
    # 19 reports requested (each 404 here: no report pages behind the stand-in);
    # the 20th entry, a letter, is not a report and is not requested.
    requested = set(result.blocked())
    assert len(requested) == 19
    assert static_urls() < requested
    assert not [url for url in requested if "t20140610_90013" in url]
