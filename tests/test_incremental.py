"""Incremental re-crawls of one portal whose fixture tree changes between crawls: a
report newly listed is found, an edited report becomes version 2 (version 1 kept),
unchanged reports are answered 304 and replayed from the store, and a portal whose
reports vanished makes crawl-all exit non-zero without losing what was stored."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from tests.crawl_runs import Run, crawl_all, query

SITE = "http://www.pzhsxq.gov.cn"
COLUMN = "panzhihua/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg"
DEPARTMENT = "panzhihua/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/qzfb"
REPORT = f"{SITE}/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml"
REPUBLISHED = f"{SITE}/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/qzfb/4372230.shtml"
LIST_ROW = (
    '<li><a href="/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml" '
    'title="攀枝花市西区2022年政府信息公开工作年度报告">'
    "攀枝花市西区2022年政府信息公开工作年度报告</a><span>2023-01-19</span></li>"
)

# The agency rewords one sentence of section 五 after publication.
PRINTED = "一是信息发布创新性不强,发布形式较为单一。"
REWORDED = "一是信息发布创新性不强,发布形式较为单一,政策解读形式不够丰富。"


# End-to-end: govcrawl crawl-all subprocesses.
pytestmark = pytest.mark.e2e


@dataclass
class History:
    db: Path
    unlisted: Run
    listed: Run
    edited: Run
    unconditional: Run
    vanished: Run


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{path}: {old!r}"
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    """panzhihua crawled five times while its site changes underneath."""
    tmp = tmp_path_factory.mktemp("incremental")
    tree = shutil.copytree(PORTALS_DIR, tmp / "portals")
    column = tree / COLUMN
    db = tmp / "govcrawl.db"
    with FixtureServer(tree) as server:
        rewrite(column / "index.shtml", LIST_ROW, "")
        unlisted = crawl_all(server, db, "panzhihua")
        shutil.copy(PORTALS_DIR / COLUMN / "index.shtml", column / "index.shtml")
        listed = crawl_all(server, db, "panzhihua")
        rewrite(column / "4372216.shtml", PRINTED, REWORDED)
        edited = crawl_all(server, db, "panzhihua")
        off = ("GOVCRAWL_INCREMENTAL=0",)
        unconditional = crawl_all(server, db, "panzhihua", settings=off)
        (column / "4372216.shtml").unlink()
        (tree / DEPARTMENT / "4372230.shtml").unlink()
        vanished = crawl_all(server, db, "panzhihua")
    yield History(db, unlisted, listed, edited, unconditional, vanished)


def counts(run: Run) -> tuple[int, int, int, int]:
    entry = run.summary["portals"]["panzhihua"]
    keys = ("reports_new", "reports_unchanged", "reports_changed", "not_modified")
    return (entry[keys[0]], entry[keys[1]], entry[keys[2]], entry[keys[3]])


def test_before_the_report_is_listed_only_the_other_is_stored(
    history: History,
) -> None:
    assert history.unlisted.code == 0, history.unlisted.log[-4000:]
    assert counts(history.unlisted) == (1, 0, 0, 0)


def test_a_newly_listed_report_is_found(history: History) -> None:
    assert history.listed.code == 0, history.listed.log[-4000:]
    assert counts(history.listed) == (1, 1, 0, 1)
    (stored,) = query(
        history.db, "select year from reports where url = ? and version = 1", REPORT
    )
    assert stored["year"] == 2022


def test_an_edited_report_becomes_version_2_and_version_1_is_kept(
    history: History,
) -> None:
    assert history.edited.code == 0, history.edited.log[-4000:]
    assert counts(history.edited) == (0, 1, 1, 1)
    versions = query(
        history.db,
        "select id, version, latest, text from reports where url = ? order by version",
        REPORT,
    )
    assert [(v["version"], v["latest"]) for v in versions] == [(1, 0), (2, 1)]
    assert REWORDED in versions[1]["text"]
    assert REWORDED not in versions[0]["text"]


def test_an_edit_to_the_wording_keeps_the_numbers(history: History) -> None:
    tables = [
        query(
            history.db,
            "select row_key, derived, natural_person, total from requests"
            " where report_id = ? order by row_key, derived",
            report["id"],
        )
        for report in query(
            history.db, "select id from reports where url = ? order by version", REPORT
        )
    ]
    assert len(tables) == 2
    assert tables[0] == tables[1] != []


def test_without_validators_the_content_hash_finds_nothing_changed(
    history: History,
) -> None:
    assert history.unconditional.code == 0, history.unconditional.log[-4000:]
    assert counts(history.unconditional) == (0, 2, 0, 0)
    assert not [h for h in history.unconditional.hits if "if-none-match" in h.headers]


def test_a_portal_whose_reports_vanished_fails_the_run(history: History) -> None:
    assert history.vanished.code == 1
    entry = history.vanished.summary["portals"]["panzhihua"]
    assert (entry["status"], entry["reports_new"]) == ("failed", 0)
    assert "crawl-all: failed: panzhihua" in history.vanished.log


def test_nothing_stored_is_lost_when_reports_vanish(history: History) -> None:
    stored = query(history.db, "select url, version from reports order by url, version")
    assert [(r["url"], r["version"]) for r in stored] == [
        # The republication says 详见附件: version 2 holds its PDF's numbers.
        (REPUBLISHED, 1),
        (REPUBLISHED, 2),
        (REPORT, 1),
        (REPORT, 2),
    ]
    statuses = query(history.db, "select status from crawl_runs order by id")
    assert [run["status"] for run in statuses] == ["ok", "ok", "ok", "ok", "failed"]


def test_fixture_server_answers_if_modified_since_alone() -> None:
    with FixtureServer() as server:
        url = f"{server.base_url}/{COLUMN}/4372216.shtml"
        with urllib.request.urlopen(url) as first:
            modified = first.headers["Last-Modified"]
            assert first.headers["ETag"]
        again = urllib.request.Request(url, headers={"If-Modified-Since": modified})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(again)
        assert not_modified.value.code == 304
        older = urllib.request.Request(
            url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
        )
        with urllib.request.urlopen(older) as changed:
            assert changed.status == 200
