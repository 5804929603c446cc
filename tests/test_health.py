"""The crawl health views in Datasette (in-process client), after real crawl-all runs:
panzhihua crawled fine, hetian crawled fine once and then lost its report page."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from govcrawl.browse import load_metadata
from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from tests.crawl_runs import crawl_all, query

# hetian's one report (2023, 吾宗肖乡); its 2022 row leads to a soft 404.
HETIAN_REPORT = "hetian/htx/c114808/202401/dc57871a9e6543c88fc8cde007d59f8a.shtml"


# End-to-end: govcrawl crawl-all subprocesses.
pytestmark = pytest.mark.e2e


def get_rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    response = asyncio.run(ds.client.get(f"{path}.json?_shape=array"))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def missing_since(first_year: int) -> str | None:
    """Every year after first_year up to last year (UTC); None when there is none."""
    last_year = datetime.now(UTC).year - 1
    years = " ".join(str(year) for year in range(first_year + 1, last_year + 1))
    return years or None


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("health")
    tree = shutil.copytree(PORTALS_DIR, tmp / "portals")
    path = tmp / "govcrawl.db"
    with FixtureServer(tree) as server:
        assert crawl_all(server, path, "panzhihua", "hetian").code == 0
        (tree / HETIAN_REPORT).unlink()
        assert crawl_all(server, path, "hetian").code == 1
    return path


@pytest.fixture(scope="module")
def health(db: Path) -> dict[str, dict[str, Any]]:
    ds = Datasette([str(db)], metadata=load_metadata())
    return {row["portal"]: row for row in get_rows(ds, "/govcrawl/portal_health")}


def test_one_row_per_portal(health: dict[str, dict[str, Any]]) -> None:
    assert set(health) == {"panzhihua", "hetian"}


def test_healthy_portal(health: dict[str, dict[str, Any]], db: Path) -> None:
    (run,) = query(db, "select finished from crawl_runs where spider = 'panzhihua'")
    row = health["panzhihua"]
    assert (row["last_run_status"], row["last_success"]) == ("ok", run["finished"])
    assert (row["runs"], row["failed_runs"], row["last_run_failures"]) == (1, 0, 0)
    assert (row["reports"], row["reports_per_year"]) == (2, "2022: 2")
    assert row["blocked_pages"] == 1
    assert row["missing_years"] == missing_since(2022)


def test_portal_whose_last_run_failed(
    health: dict[str, dict[str, Any]], db: Path
) -> None:
    first, _ = query(db, "select finished from crawl_runs where spider = 'hetian'")
    row = health["hetian"]
    assert (row["last_run_status"], row["last_success"]) == (
        "failed",
        first["finished"],
    )
    assert (row["runs"], row["failed_runs"]) == (2, 1)
    assert (row["reports"], row["reports_per_year"]) == (1, "2023: 1")
    assert (row["first_year"], row["last_year"]) == (2023, 2023)
    # The 2022 soft 404, then the vanished report page answering 404.
    assert row["blocked_pages"] == 2
    assert row["missing_years"] == missing_since(2023)


def test_reports_per_portal_and_year(db: Path) -> None:
    ds = Datasette([str(db)], metadata=load_metadata())
    rows = get_rows(ds, "/govcrawl/portal_years")
    found = sorted((r["portal"], r["year"], r["reports"], r["balanced"]) for r in rows)
    assert found == [
        ("hetian", 2023, 1, 1),
        ("panzhihua", 2022, 2, 2),
    ]


def test_health_view_is_described(db: Path) -> None:
    ds = Datasette([str(db)], metadata=load_metadata())
    page = asyncio.run(ds.client.get("/govcrawl/portal_health"))
    assert page.status_code == 200
    assert "Crawl health, one row per portal" in page.text
    assert "Expected reporting years with no report" in page.text
