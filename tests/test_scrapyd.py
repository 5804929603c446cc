"""Scrapyd: the project builds as an egg with scrapyd-deploy, a real scrapyd on
127.0.0.1 takes it through addversion.json, runs a spider scheduled through
schedule.json against the fixture portals, and the reports land in SQLite."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from configparser import ConfigParser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import ROOT, Crawl, assert_matches_seed, failing_checks

PROJECT = "govcrawl"
SPIDER = "panzhihua"
SITE = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq"
REPORT = f"{SITE}/xqxxgkgzndbg/4372216.shtml"
REPUBLISHED = f"{SITE}/xqjbmzfxxgkgzndbg/qzfb/4372230.shtml"
# What `scrapyd-deploy` packs: the project files, not the tests or local state.
PROJECT_FILES = ("scrapy.cfg", "setup.py", "pyproject.toml", "README.md")
PACKAGES = ("govcrawl", "spiders", "pipelines")
BIN = Path(sys.executable).parent


# End-to-end: a Scrapyd server and deployed crawls.
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(condition: Any, what: str, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds} s")


def build_egg(tmp: Path) -> Path:
    """`scrapyd-deploy --build-egg` in a copy of the project (it writes build/)."""
    source = tmp / "project"
    source.mkdir()
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, source / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=skip)
    egg = tmp / "govcrawl.egg"
    command = [str(BIN / "scrapyd-deploy"), f"--build-egg={egg}"]
    done = subprocess.run(command, cwd=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return egg


@dataclass
class Scrapyd:
    url: str
    home: Path
    process: subprocess.Popen[bytes]

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        answer = requests.get(f"{self.url}/{endpoint}", params=params, timeout=10)
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data

    def post(self, endpoint: str, data: Any, **files: Any) -> dict[str, Any]:
        answer = requests.post(
            f"{self.url}/{endpoint}", data=data, files=files, timeout=30
        )
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        assert result["status"] == "ok", result
        return result

    def answers(self) -> bool:
        assert self.process.poll() is None, (self.home / "scrapyd.log").read_text()
        try:
            return self.get("daemonstatus.json")["status"] == "ok"
        except requests.ConnectionError:
            return False


def scrapyd_conf(home: Path, port: int) -> str:
    conf = ConfigParser()
    conf["scrapyd"] = {
        "bind_address": "127.0.0.1",
        "http_port": str(port),
        "eggs_dir": str(home / "eggs"),
        "logs_dir": str(home / "logs"),
        "dbs_dir": str(home / "dbs"),
        "items_dir": "",
        "poll_interval": "0.5",
    }
    lines = [f"{key} = {value}" for key, value in conf["scrapyd"].items()]
    return "\n".join(["[scrapyd]", *lines, ""])


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    home = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (home / "scrapyd.conf").write_text(scrapyd_conf(home, port))
    with (home / "scrapyd.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"], cwd=home, stdout=log, stderr=log
        )
    server = Scrapyd(f"http://127.0.0.1:{port}", home, process)
    try:
        wait_for(server.answers, "scrapyd answering daemonstatus.json")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Job:
    egg: Path
    crawl: Crawl
    log: str
    spiders: list[str]


@pytest.fixture(scope="module")
def job(scrapyd: Scrapyd, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Job]:
    tmp = tmp_path_factory.mktemp("deploy")
    egg = build_egg(tmp)
    with egg.open("rb") as egg_file:
        scrapyd.post(
            "addversion.json", {"project": PROJECT, "version": "1"}, egg=egg_file
        )
    spiders = scrapyd.get("listspiders.json", project=PROJECT)["spiders"]
    db = tmp / "scrapyd.db"
    with FixtureServer() as portals:
        settings = [
            f"GOVCRAWL_DB={db}",
            f"GOVCRAWL_HOST_MAP={json.dumps(portals.host_map())}",
            "DOWNLOAD_DELAY=0",
            "AUTOTHROTTLE_ENABLED=0",
        ]
        scheduled = scrapyd.post(
            "schedule.json", {"project": PROJECT, "spider": SPIDER, "setting": settings}
        )

        def finished() -> dict[str, Any] | None:
            jobs = scrapyd.get("listjobs.json", project=PROJECT)["finished"]
            return next((j for j in jobs if j["id"] == scheduled["jobid"]), None)

        wait_for(finished, f"scrapyd job {scheduled['jobid']} finishing")
        hits = list(portals.hits)
    log_file = scrapyd.home / "logs" / PROJECT / SPIDER / f"{scheduled['jobid']}.log"
    yield Job(egg, Crawl(db, log_file.read_text(), hits), log_file.read_text(), spiders)


def test_egg_holds_the_packages_their_data_and_the_settings_entry_point(
    job: Job,
) -> None:
    with zipfile.ZipFile(job.egg) as egg:
        names = set(egg.namelist())
        entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
    assert {
        "govcrawl/settings.py",
        "govcrawl/browse/metadata.yml",
        "spiders/panzhihua.py",
        "pipelines/store.py",
    } <= names
    assert not any(name.startswith("tests/") for name in names)
    assert "[scrapy]\nsettings = govcrawl.settings" in entry_points


def test_scrapyd_lists_every_portal_spider(job: Job) -> None:
    assert set(job.spiders) >= {
        "panzhihua",
        "yuanjiang",
        "heyang",
        "hegang",
        "hetian",
        "portal",
    }


def test_scheduled_crawl_stores_the_portal_reports(job: Job) -> None:
    assert "Traceback" not in job.log
    assert set(job.crawl.reports()) == {REPORT, REPUBLISHED}
    assert_matches_seed(job.crawl, REPORT, "000_968440a473f92860")
    assert failing_checks(job.crawl) == {REPORT: None, REPUBLISHED: None}


def test_scheduled_crawl_records_its_run(job: Job) -> None:
    run = job.crawl.run()
    assert (run["spider"], run["status"], run["reports_new"]) == (SPIDER, "ok", 2)


def test_scheduled_settings_reach_the_crawl(job: Job) -> None:
    paths = {hit.path for hit in job.crawl.hits}
    assert "/panzhihua/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index_2.shtml" in paths
