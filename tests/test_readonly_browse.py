"""`govcrawl browse` exposes no write path: real `datasette serve` processes on
127.0.0.1, one on a finished file (immutable) and one on a file a crawl still holds
open (its -wal file exists: read-only connections), are sent SQL writes, POSTs to
every write route Datasette has had and to the plugins' routes; every one is refused
and the file's bytes are the same afterwards."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from datasette.app import Datasette

from govcrawl.browse import load_metadata
from govcrawl.template import IDENTITIES
from tests.seeds import SEED_NAMES
from tests.served import load_seeds, serve

WRITES = [
    "insert into reports (portal, url) values ('evil', 'evil')",
    "replace into checks (id, report_id, check_id, ok) values (1, 1, 'B1', 0)",
    "update reports set year = 1900",
    "delete from checks",
    "drop table reports",
    "create table evil (x)",
    "alter table reports add column evil text",
    "with x as (select 1) delete from checks",
    "with x as (select 1) update reports set agency = 'evil'",
    "select 1; drop table reports",
    "pragma writable_schema = 1",
    "pragma journal_mode = delete",
    "attach database '{folder}/attached.db' as evil",
    "vacuum into '{folder}/copy.db'",
    "select load_extension('{folder}/evil')",
]
WRITE_ROUTES = [
    "/-/create",
    "/govcrawl/-/create",
    "/govcrawl/reports/-/insert",
    "/govcrawl/reports/-/upsert",
    "/govcrawl/reports/-/drop",
    "/govcrawl/reports/1/-/update",
    "/govcrawl/reports/1/-/delete",
    "/govcrawl",
    "/govcrawl/reports",
    "/govcrawl/identity_failures",
]
# datasette-dashboards renders its pages whatever the method: a POST reads.
PLUGIN_ROUTES = ["/-/dashboards", "/-/dashboards/requests"]
# Datasette 0.65 answers a POST to a table or to a read-only canned query with a 500
# from `assert canned_query, "You may only POST to a canned query"`.
REFUSED = (400, 403, 404, 405, 500)
# Installed plugins Datasette loads; none has a write route or writes a database.
READ_ONLY_PLUGINS = {
    "datasette-dashboards",
    "datasette-leaflet",
    "datasette-render-markdown",
    # govcrawl's own: GET routes that read (the report page, the raw page) only.
    "govcrawl",
}


# End-to-end: datasette serve processes.
pytestmark = pytest.mark.e2e


@dataclass
class Served:
    url: str
    folder: Path
    files: dict[str, str]


def digests(folder: Path) -> dict[str, str]:
    """The database and its write-ahead log; readers keep their read marks in the
    -shm index, which is not data."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if not path.name.endswith("-shm")
    }


def answer(url: str, data: bytes | None = None, method: str = "GET") -> tuple[int, str]:
    headers = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module", params=["finished", "crawl_open"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp(request.param)
    load_seeds(folder / "govcrawl.db")
    if request.param == "finished":
        (folder / "govcrawl.db").chmod(0o444)  # README's publishing recipe
    holder = None
    if request.param == "crawl_open":
        # A crawl's connection: a WAL reader keeps the -wal and -shm files present.
        holder = sqlite3.connect(folder / "govcrawl.db")
        holder.execute("select count(*) from reports").fetchone()
        assert (folder / "govcrawl.db-wal").exists()
    before = digests(folder)
    try:
        for url in serve(folder / "govcrawl.db"):
            yield Served(url, folder, before)
    finally:
        if holder is not None:
            holder.close()


def counts(served: Served) -> dict[str, int]:
    tables = ("reports", "checks", "requests", "findings", "pages")
    found = {}
    for table in tables:
        status, body = answer(f"{served.url}/govcrawl/{table}.json?_size=0")
        assert status == 200, body
        found[table] = json.loads(body)["filtered_table_rows_count"]
    return found


def test_sql_writes_are_refused(served: Served) -> None:
    before = counts(served)
    for statement in WRITES:
        sql = statement.format(folder=served.folder)
        query = urllib.parse.urlencode({"sql": sql})
        status, body = answer(f"{served.url}/govcrawl.json?{query}")
        assert status == 400, (sql, status, body)
        assert json.loads(body)["ok"] is False
    assert counts(served) == before
    assert {"attached.db", "copy.db"}.isdisjoint(
        path.name for path in served.folder.iterdir()
    )


def test_posts_to_write_routes_are_refused(served: Served) -> None:
    before = counts(served)
    payload = json.dumps({"row": {"portal": "evil"}, "sql": WRITES[3]}).encode()
    for route in WRITE_ROUTES:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            status, body = answer(f"{served.url}{route}", payload, method)
            assert status in REFUSED, (route, method, status, body)
    query = urllib.parse.urlencode({"sql": WRITES[3]})
    status, _ = answer(f"{served.url}/govcrawl?{query}", b"{}", "POST")
    assert status in REFUSED
    for route in PLUGIN_ROUTES:
        status, _ = answer(f"{served.url}{route}", payload, "POST")
        assert status == 200
    assert counts(served) == before


def test_no_write_plugins_and_no_root(served: Served) -> None:
    status, body = answer(f"{served.url}/-/plugins.json")
    assert status == 200
    assert {plugin["name"] for plugin in json.loads(body)} <= READ_ONLY_PLUGINS
    status, body = answer(f"{served.url}/-/actor.json")
    assert json.loads(body) == {"actor": None}


def test_file_bytes_unchanged(served: Served) -> None:
    """Runs after the write attempts above (pytest keeps file order)."""
    counts(served)
    assert digests(served.folder) == served.files


def test_finished_file_is_served_immutable(served: Served) -> None:
    _, body = answer(f"{served.url}/-/databases.json")
    (database,) = json.loads(body)
    expected_mutable = (served.folder / "govcrawl.db-wal").exists()
    assert database["is_mutable"] is expected_mutable


def test_a_huge_computed_value_is_refused(served: Served) -> None:
    """hex(zeroblob(400000000)) made Datasette take 4.8 GB and return 800 MB."""
    query = urllib.parse.urlencode({"sql": "select hex(zeroblob(400000000))"})
    status, body = answer(f"{served.url}/govcrawl.json?{query}")
    assert status == 400, body[:200]
    assert "too big" in json.loads(body)["error"]


def test_packaged_metadata_has_no_write_queries() -> None:
    queries = load_metadata()["databases"]["govcrawl"]["queries"]
    assert queries
    assert [name for name, query in queries.items() if query.get("write")] == []


def test_immutable_mode_refuses_even_a_write_canned_query(tmp_path: Path) -> None:
    """Were a write query ever added to the metadata, immutable mode still refuses
    it; the POST carries a valid CSRF token, so immutability is what says no."""
    db_path = tmp_path / "govcrawl.db"
    load_seeds(db_path)
    before = db_path.read_bytes()
    evil = {"sql": "delete from checks", "write": True}
    metadata = {"databases": {"govcrawl": {"queries": {"evil": evil}}}}

    async def post() -> tuple[int, str, int]:
        ds = Datasette(immutables=[str(db_path)], metadata=metadata)
        form = await ds.client.get("/govcrawl/evil")
        token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
        assert token is not None
        response = await ds.client.post(
            "/govcrawl/evil", data={"csrftoken": token.group(1)}, cookies=form.cookies
        )
        checks = await ds.client.get(
            "/govcrawl/checks.json?_size=0&check_id__startswith=B"
        )
        return (
            response.status_code,
            response.text,
            checks.json()["filtered_table_rows_count"],
        )

    status, body, remaining = asyncio.run(post())
    assert status == 403
    assert "Database is immutable" in body
    assert remaining == len(SEED_NAMES) * len(IDENTITIES)
    assert db_path.read_bytes() == before
