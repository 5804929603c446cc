"""The README documents every command, spider and GOVCRAWL_* setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from govcrawl import settings as govcrawl_settings
from govcrawl.cli import build_parser
from govcrawl.portals import PORTALS

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(action.choices)


def _spiders() -> list[str]:
    settings = Settings()
    settings.setmodule("govcrawl.settings")
    return sorted(SpiderLoader.from_settings(settings).list())


def _settings() -> list[str]:
    names = {name for name in dir(govcrawl_settings) if name.startswith("GOVCRAWL_")}
    source = "\n".join(path.read_text() for path in (ROOT / "govcrawl").rglob("*.py"))
    names |= set(re.findall(r"\b(GOVCRAWL_[A-Z_]+)\b", source))
    return sorted(names)


@pytest.mark.parametrize("command", _commands())
def test_command_documented(command):
    assert f"govcrawl {command}" in README


def test_every_portal_has_a_spider():
    assert set(_spiders()) == {*PORTALS, "portal"}


@pytest.mark.parametrize("spider", _spiders())
def test_spider_in_portal_table(spider):
    assert re.search(rf"^\| `?{spider}`? \|", README, re.M), spider


@pytest.mark.parametrize("setting", _settings())
def test_setting_documented(setting):
    assert re.search(rf"^\| `{setting}` \|", README, re.M), setting
