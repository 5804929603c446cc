"""Datasette in-process over the seeds loaded with `govcrawl load`: facets, canned
queries and column descriptions, with expected values from the seeds' JSON."""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from govcrawl.browse import METADATA, load_metadata
from govcrawl.cli import main
from govcrawl.commands.browse import serve_arguments
from govcrawl.store import open_db
from govcrawl.template import WITHHELD_ROWS
from tests.served import QUERIES, load_seeds
from tests.stored_seeds import SEEDS, YUANJIANG, expected_seeds


def get(ds: Datasette, path: str) -> Any:
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def rows(ds: Datasette, query: str, database: str = "govcrawl") -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = get(ds, f"/{database}/{query}.json?_shape=array")
    return result


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browse") / "govcrawl.db"
    load_seeds(path)
    return path


@pytest.fixture(scope="module")
def ds(db_path: Path) -> Datasette:
    return Datasette([str(db_path)], metadata=load_metadata())


def total(seed: dict[str, Any], *row_keys: str) -> int:
    return sum(seed["requests"][key]["total"] for key in row_keys)


def test_reports_default_facets(ds: Datasette) -> None:
    facets = get(ds, "/govcrawl/reports.json?_size=0")["facet_results"]
    counted = {
        name: {str(item["value"]): item["count"] for item in facet["results"]}
        for name, facet in facets.items()
    }
    seeds = expected_seeds()
    # Which seeds are tampered is the clean stage's tests' business; here: faceted.
    assert set(counted.pop("tampered")) <= {"0", "1"}
    assert counted == {
        "portal": {"local": len(seeds)},
        "organ_key": dict(Counter(s["agency"] for s in seeds)),
        "year": {str(k): n for k, n in Counter(s["year"] for s in seeds).items()},
        "template": dict(Counter(s["template"] for s in seeds)),
        "status": dict(
            Counter("identity_failures" if s["failing_checks"] else "ok" for s in seeds)
        ),
    }


def test_identity_failures_is_yuanjiang_2023_only(ds: Datasette) -> None:
    (row,) = rows(ds, "identity_failures")
    assert Path(row["url"]).stem == YUANJIANG
    assert (row["agency"], row["year"]) == ("沅江市城市管理和综合执法局", 2023)
    assert row["failing"] == "B4 B5"
    b4, b5 = row["equations"].splitlines()
    assert b4.startswith("B4: review_total = review_upheld + corrected")
    assert b5.startswith("B5: suit_direct_total = sum of its four outcomes")


def test_grant_and_refusal_rates_by_year(ds: Datasette) -> None:
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for seed in expected_seeds():
        by_year[seed["year"]].append(seed)
    expected = []
    for year, seeds in sorted(by_year.items()):
        processed = sum(total(s, "total_processed") for s in seeds)
        granted = sum(total(s, "granted") for s in seeds)
        withheld = sum(total(s, *WITHHELD_ROWS) for s in seeds)
        expected.append(
            {
                "year": year,
                "processed": processed,
                "granted": granted,
                "withheld": withheld,
                "grant_rate_pct": round(100 * granted / processed, 1)
                if processed
                else None,
                "refusal_rate_pct": round(100 * withheld / processed, 1)
                if processed
                else None,
            }
        )
    found = [
        {key: row[key] for key in expected[0]}
        for row in rows(ds, "grant_refusal_rates")
    ]
    assert found == expected


def test_tampered_pages_are_the_pinyin_and_spam_seeds(ds: Datasette) -> None:
    # The seeds' notes: 001 carries pinyin after characters, 002 gambling spam.
    found = {Path(row["url"]).stem[:3]: row for row in rows(ds, "tampered_pages")}
    assert sorted(found) == ["001", "002"]
    # Pinyin is a mirror's conversion, not tampering: only 002's spam is.
    assert (found["001"]["tampered"], found["001"]["pinyin"]) == (0, 1)
    assert (found["002"]["tampered"], found["002"]["pinyin"]) == (1, 0)
    assert '"kind": "spam"' in found["002"]["removed"]
    assert "澳门特区赌场" in found["002"]["removed"]


def test_years_missing_per_portal(ds: Datasette) -> None:
    years = {seed["year"] for seed in expected_seeds()}
    gaps = sorted(set(range(min(years), max(years) + 1)) - years)
    assert rows(ds, "missing_years") == [{"portal": "local", "year": y} for y in gaps]


def test_requests_by_year_sums_new_requests(ds: Datasette) -> None:
    sums: Counter[int] = Counter()
    for seed in expected_seeds():
        sums[seed["year"]] += total(seed, "new_requests")
    found = {row["year"]: row["new_requests"] for row in rows(ds, "requests_by_year")}
    assert found == dict(sums)


def test_no_report_changed_after_loading_once(ds: Datasette) -> None:
    assert rows(ds, "changed_reports") == []


def test_changed_report_is_listed_with_two_versions(tmp_path: Path) -> None:
    seed = tmp_path / f"{YUANJIANG}.txt"
    shutil.copy(SEEDS / seed.name, seed)
    db_path = tmp_path / "govcrawl.db"
    load_seeds(db_path, seed)
    seed.write_bytes(
        seed.read_bytes().replace("2023年".encode(), "2023年度".encode(), 1)
    )
    load_seeds(db_path, seed)
    ds = Datasette([str(db_path)], metadata=load_metadata())
    (changed,) = rows(ds, "changed_reports")
    assert (changed["url"], changed["versions"]) == (seed.resolve().as_uri(), 2)
    assert changed["failing_checks_by_version"] == "B4 B5 / B4 B5"


def test_every_column_is_described_and_every_query_runs(
    ds: Datasette, db_path: Path
) -> None:
    tables = load_metadata()["databases"]["govcrawl"]["tables"]
    db = Database(db_path)
    for table in set(tables) - {"_sqlite_migrations"}:
        assert set(tables[table]["columns"]) == set(db[table].columns_dict)
    tables_and_views = db.table_names() + db.view_names()
    visible = {t for t in tables_and_views if not t.startswith(("reports_fts", "_"))}
    assert visible == set(tables) - {"_sqlite_migrations"}
    names = [query["name"] for query in get(ds, "/govcrawl.json")["queries"]]
    assert sorted(names) == sorted(QUERIES)


def test_units_are_in_the_column_descriptions(ds: Datasette) -> None:
    columns = load_metadata()["databases"]["govcrawl"]["tables"]
    assert "(件)" in columns["requests"]["columns"]["natural_person"]
    assert "万元" in columns["proactive"]["columns"]["unit"]
    html = asyncio.run(ds.client.get("/govcrawl/requests")).text
    assert "自然人 (件)" in html


def test_search_finds_a_report_by_its_text(ds: Datasette) -> None:
    found = get(
        ds, "/govcrawl/reports.json?_search=城管执法局&_col=agency&_shape=array"
    )
    assert [row["agency"] for row in found] == ["沅江市城市管理和综合执法局"]


def test_metadata_follows_a_renamed_database(tmp_path: Path) -> None:
    db_path = tmp_path / "reports2024.db"
    load_seeds(db_path, SEEDS / f"{YUANJIANG}.txt")
    ds = Datasette([str(db_path)], metadata=load_metadata("reports2024"))
    (row,) = rows(ds, "identity_failures", database="reports2024")
    assert row["failing"] == "B4 B5"
    dashboard = asyncio.run(ds.client.get("/-/dashboards/requests"))
    assert dashboard.status_code == 200
    assert "reports2024" in dashboard.text


def test_requests_dashboard_page(ds: Datasette) -> None:
    page = asyncio.run(ds.client.get("/-/dashboards/requests"))
    assert page.status_code == 200
    assert "New requests (件) by reporting year" in page.text
    assert "vega-lite" in page.text


def test_browse_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.db"
    assert main(["browse", "--db", str(missing)]) == 1
    assert f"{missing}: no such SQLite file" in capsys.readouterr().err
    assert not missing.exists()


def test_only_a_read_only_finished_file_is_served_immutable(tmp_path: Path) -> None:
    db_path = tmp_path / "govcrawl.db"
    writer = open_db(db_path)
    writer.table("crawl_runs").insert(
        {"spider": "seeds", "started": "now", "status": "running"}
    )
    assert serve_arguments(db_path, METADATA, "127.0.0.1", 8001)[:3] == [
        "serve",
        str(db_path),
        "--metadata",
    ]
    writer.close()
    # Finished but writable: a later crawl or load may write it under the server.
    assert "-i" not in serve_arguments(db_path, METADATA, "127.0.0.1", 8001)
    db_path.chmod(0o444)
    assert serve_arguments(db_path, METADATA, "127.0.0.1", 8001)[:3] == [
        "serve",
        "-i",
        str(db_path),
    ]
