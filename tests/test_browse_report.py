"""The report page, the organ × year panel and the checks across years, served by a
real `govcrawl browse` and rendered in Debian's Chromium: on the demo database (five
portals crawled), on a two-year fixture of one organ, and on a title carrying markup."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.items import ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.store import open_db, store_page, store_report
from govcrawl.validate import validate
from tests.served import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    fetch,
    serve,
)

pytestmark = pytest.mark.e2e

TWO_YEARS = ROOT / "tests" / "fixtures" / "browse" / "two_years.json"


def render(tmp_path: Path, url: str, png: Path | None = None) -> str:
    """The DOM after Chromium ran the page's scripts; a screenshot too when asked."""
    profile = tmp_path / "chromium-profile"
    base = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    base.append("--window-size=1300,2600")
    if png is not None:
        subprocess.run([*base, f"--screenshot={png}", url], check=True, timeout=120)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 50_000
    done = subprocess.run(
        [*base, "--virtual-time-budget=8000", "--dump-dom", url],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout.decode()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "govcrawl.db"
    command = [sys.executable, "-m", "govcrawl.cli", "demo", "--db", str(path)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=600)
    return path


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[str]:
    yield from serve(demo_db)


def _cells(dom: str, css_class: str) -> list[str]:
    """Titles of the report page's cells carrying a class (their check ids)."""
    marked = (
        rf'<td class="cell[^"]*(?<![\w-]){css_class}(?![\w-])[^"]*" title="([^"]*)"'
    )
    return re.findall(marked, dom)


def test_home_to_yuanjiang_2023_with_its_b4_b5_cells_highlighted(
    demo: str, demo_db: Path, tmp_path: Path
) -> None:
    (report_id,) = (
        Database(demo_db)
        .execute("select id from reports where portal = 'yuanjiang' and year = 2023")
        .fetchone()
    )
    link = f"/-/govcrawl/govcrawl/report/{report_id}"
    assert link in fetch(f"{demo}/govcrawl/reports").decode()
    dom = render(tmp_path, f"{demo}{link}", tmp_path / "report.png")
    assert "2023年城管執法局政府信息公開工作年度報告" in dom
    assert "申请人情况" in dom and "(七)总计" in dom and "行政复议" in dom
    # Seed 001 prints review_upheld 1 under review_total 0 (B4) and suit_direct_upheld
    # 1 under suit_direct_total 0 (B5): each identity's five cells are highlighted.
    failing = [
        title.removeprefix("fails ").split(", ") for title in _cells(dom, "failing")
    ]
    assert [ids for ids in failing if "B4" in ids] == [["B4"]] * 4 + [["B4", "T2"]]
    assert [ids for ids in failing if "B5" in ids] == [["B5"]] * 4 + [["B5", "T3"]]
    assert len(failing) == 10
    assert _cells(dom, "soft-failing") == ["fails T3"]
    for check in ("B4", "B5"):
        assert re.search(rf'data-check="{check}"[^>]*>.*?{check}: ', dom)


def test_the_raw_page_is_served_as_stored_and_sandboxed(
    demo: str, demo_db: Path
) -> None:
    db = Database(demo_db)
    page_id, sha256 = db.execute(
        "select id, sha256 from pages where portal = 'hetian' and kind = 'html'"
    ).fetchone()
    import urllib.request

    with urllib.request.urlopen(f"{demo}/-/govcrawl/govcrawl/page/{page_id}") as got:
        assert got.headers["Content-Security-Policy"] == "sandbox"
        assert hashlib.sha256(got.read()).hexdigest() == sha256


def two_year_db(path: Path) -> Path:
    fixture = json.loads(TWO_YEARS.read_text(encoding="utf-8"))
    db = open_db(path)
    for entry in fixture["reports"]:
        report = Report(source=entry["url"], template="v2021")
        for field in ("title", "agency", "year"):
            setattr(report, field, entry[field])
        report.proactive = entry["proactive"]
        report.requests = entry["requests"]
        report.review_litigation = entry["review_litigation"]
        validate(report)
        page = ReportPage(
            url=entry["url"],
            portal=fixture["portal"],
            title=entry["title"],
            year=entry["year"],
            published=None,
            body=json.dumps(entry, ensure_ascii=False).encode(),
            headers={"content-type": "application/json"},
            status=200,
            fetched_at=utc_now(),
        )
        store_report(
            db,
            portal=fixture["portal"],
            url=entry["url"],
            page_id=store_page(db, page),
            cleaned=CleanResult(text="", html=""),
            report=report,
        )
    db.close()
    return path


def test_two_years_of_one_organ_line_up_and_are_checked(tmp_path: Path) -> None:
    db = Database(two_year_db(tmp_path / "govcrawl.db"))
    panel = list(db.query("select * from organ_years order by year"))
    assert [(r["organ_key"], r["year"]) for r in panel] == [
        ("攀枝花市西区人民政府", 2022),
        ("攀枝花市西区人民政府", 2023),
    ]
    assert [(r["province"], r["city"], r["county"]) for r in panel] == [
        ("四川省", "攀枝花市", "西区")
    ] * 2
    assert [(r["new_requests"], r["refused"], r["not_held"]) for r in panel] == [
        (5, 1, None),
        (8, None, 3),
    ]
    assert [(r["reviews"], r["suits"], r["refusal_rate_pct"]) for r in panel] == [
        (1, 0, 33.3),
        (0, 2, None),
    ]
    checks = {
        (r["check_id"], r["ok"]): r["message"]
        for r in db.query("select * from cross_checks")
    }
    assert set(checks) == {("X1", 0), ("X2", 0), ("X2", 1)}
    assert "natural_person 2≠1" in checks[("X1", 0)]
    assert "total 2≠1" in checks[("X1", 0)]
    assert checks[("X2", 1)].startswith("X2: norm_in_force 2023 is 12")
    assert checks[("X2", 0)].startswith("X2: reg_in_force 2023 is 6")


def test_panel_and_report_page_show_the_cross_year_checks(tmp_path: Path) -> None:
    path = two_year_db(tmp_path / "govcrawl.db")
    for url in serve(path):
        panel = render(tmp_path, f"{url}/govcrawl/organ_years", tmp_path / "panel.png")
        assert "/-/dashboards/organ?organ_key=攀枝花市西区人民政府" in panel
        assert panel.count('href="/-/govcrawl/govcrawl/report/') == 2
        report = render(tmp_path, f"{url}/-/govcrawl/govcrawl/report/1")
        assert re.search(r'data-check="X1"[^>]*>.*?carried forward from 2022', report)
        assert "/-/govcrawl/govcrawl/report/2" in report


def test_markup_in_a_title_is_shown_as_text(tmp_path: Path) -> None:
    report_file = tmp_path / "markup.txt"
    title = '<script>alert("x")</script><b>某县</b>2023年政府信息公开工作年度报告'
    report_file.write_text(
        f"{title}\n一、总体情况\n本年度未收到申请。\n", encoding="utf-8"
    )
    db_path = tmp_path / "govcrawl.db"
    command = [sys.executable, "-m", "govcrawl.cli", "load", "--db", str(db_path)]
    subprocess.run([*command, str(report_file)], cwd=ROOT, check=True, timeout=120)
    (stored,) = Database(db_path).execute("select title from reports").fetchone()
    assert "<script>" in stored
    for url in serve(db_path):
        html = fetch(f"{url}/-/govcrawl/govcrawl/report/1").decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;" in html
