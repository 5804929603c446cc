"""One typed configuration: every GOVCRAWL_* setting read by Config.from_settings,
from Scrapy settings (`-s` strings included), the project module or a command's flags;
a bad value fails naming its setting; a real crawl honours `-s` for the size limits."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.settings import Settings

from govcrawl import settings as project_module
from govcrawl.config import Config, project_config
from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import crawl

# A value unlike each default, as `scrapy crawl -s NAME=VALUE` passes it: a string.
GIVEN = {
    "GOVCRAWL_DB": "elsewhere.db",
    "GOVCRAWL_STRICT_BLANKS": "1",
    "GOVCRAWL_HOST_MAP": '{"WWW.PZHSXQ.GOV.CN": "http://127.0.0.1:9/panzhihua/"}',
    "GOVCRAWL_RENDER_JS": "0",
    "GOVCRAWL_INCREMENTAL": "false",
    "GOVCRAWL_REDIS_URL": "redis://127.0.0.1:6379/0",
    "GOVCRAWL_CRAWL_ID": "nightly",
    "GOVCRAWL_REDIS_IDLE_WAIT": "2.5",
    "GOVCRAWL_MAX_PAGE_BYTES": "4096",
    "GOVCRAWL_ATTACHMENT_MAX_BYTES": "1000",
    "GOVCRAWL_PDF_MAX_PAGES": "3",
    "GOVCRAWL_FLOW_PROCESSES": "0",
    "GOVCRAWL_RENDER_FIRST": "1",
    "GOVCRAWL_RENDER_GAPS": "true",
    "GOVCRAWL_PROGRESS_INTERVAL": "5",
    "GOVCRAWL_EXTRA_HOSTS": "a.example.gov.cn,B.example.gov.cn",
    "GOVCRAWL_MAX_LIST_PAGES": "5",
    "GOVCRAWL_TIME_BUDGET": "90.5",
    "GOVCRAWL_ALLOW_NETWORKS": "127.0.0.0/8, 10.1.0.0/16",
    "GOVCRAWL_PORTALS": "organs/portals.csv",
}
WANT = Config(
    db="elsewhere.db",
    strict_blanks=True,
    host_map={"www.pzhsxq.gov.cn": "http://127.0.0.1:9/panzhihua"},
    render_js=False,
    incremental=False,
    redis_url="redis://127.0.0.1:6379/0",
    crawl_id="nightly",
    redis_idle_wait=2.5,
    max_page_bytes=4096,
    attachment_max_bytes=1000,
    pdf_max_pages=3,
    flow_processes=0,
    render_first=True,
    render_gaps=True,
    progress_interval=5.0,
    extra_hosts=("a.example.gov.cn", "b.example.gov.cn"),
    max_list_pages=5,
    time_budget=90.5,
    allow_networks=("127.0.0.0/8", "10.1.0.0/16"),
    portals="organs/portals.csv",
)


def test_every_project_setting_is_a_config_field() -> None:
    settings = {name for name in dir(project_module) if name.startswith("GOVCRAWL_")}
    fields = {f"GOVCRAWL_{f.name.upper()}" for f in dataclasses.fields(Config)}
    assert settings == fields == set(GIVEN)


def test_command_line_strings_are_typed() -> None:
    settings = Settings()
    settings.setmodule(project_module)
    settings.setdict(GIVEN, priority="cmdline")
    assert Config.from_settings(settings) == WANT


def test_project_defaults() -> None:
    settings = Settings()
    settings.setmodule(project_module)
    assert Config.from_settings(settings) == Config()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GOVCRAWL_MAX_PAGE_BYTES", "0"),
        ("GOVCRAWL_ATTACHMENT_MAX_BYTES", "-5"),
        ("GOVCRAWL_PDF_MAX_PAGES", "many"),
        ("GOVCRAWL_STRICT_BLANKS", "perhaps"),
        ("GOVCRAWL_FLOW_PROCESSES", "-1"),
        ("GOVCRAWL_MAX_LIST_PAGES", "0"),
        ("GOVCRAWL_TIME_BUDGET", "soon"),
        ("GOVCRAWL_TIME_BUDGET", "-1"),
        ("GOVCRAWL_ALLOW_NETWORKS", "127.0.0.300/8"),
    ],
)
def test_a_bad_value_names_its_setting(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        Config.from_settings({name: value})


def test_commands_read_the_project_then_their_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "myproject.py").write_text(
        "GOVCRAWL_DB = 'project.db'\nGOVCRAWL_PDF_MAX_PAGES = 7\n"
    )
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = myproject\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCRAPY_SETTINGS_MODULE", raising=False)
    config = project_config(db=None)
    assert (config.db, config.pdf_max_pages) == ("project.db", 7)
    assert project_config(db="flag.db", strict_blanks=True).db == "flag.db"
    assert project_config(strict_blanks=True).strict_blanks is True


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as running:
        yield running


@pytest.mark.e2e
def test_a_crawl_honours_the_page_size_setting(
    server: FixtureServer, tmp_path: Path
) -> None:
    """-s GOVCRAWL_MAX_PAGE_BYTES reaches the clean stage of a real crawl (it was read
    only from the environment before): every report page is cut, and says so."""
    db = tmp_path / "cut.db"
    crawl(server, "heyang", db, settings=("GOVCRAWL_MAX_PAGE_BYTES=2000",))
    with sqlite3.connect(db) as connection:
        removed = [
            json.loads(r) for (r,) in connection.execute("select removed from reports")
        ]
    assert removed
    for removals in removed:
        (cut,) = [r["text"] for r in removals if r["kind"] == "truncated"]
        assert cut.endswith("cut to its first 2000 (GOVCRAWL_MAX_PAGE_BYTES)")
