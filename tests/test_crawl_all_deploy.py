"""The documented schedules run a command govcrawl accepts: the systemd units in
deploy/systemd/ and the README's cron line."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from govcrawl.cli import parse_args

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def govcrawl_args(command: list[str]) -> list[str]:
    """The arguments after the govcrawl executable in a command line."""
    (at,) = [i for i, word in enumerate(command) if word.endswith("/bin/govcrawl")]
    return command[at + 1 :]


def test_service_runs_crawl_all_on_its_state_directory() -> None:
    service = unit("govcrawl-crawl.service")["Service"]
    args = parse_args(govcrawl_args(shlex.split(service["ExecStart"])))
    assert (args.command, args.spiders) == ("crawl-all", [])
    assert args.db == f"/var/lib/{service['StateDirectory']}/govcrawl.db"
    assert service["Type"] == "oneshot"


def test_timer_starts_the_service_weekly() -> None:
    timer = unit("govcrawl-crawl.timer")
    assert timer["Timer"]["Unit"] == "govcrawl-crawl.service"
    assert timer["Timer"]["OnCalendar"].startswith("Mon ")
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_readme_cron_line_runs_crawl_all() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    (line,) = [line for line in readme.splitlines() if line.startswith("30 2 * * 1 ")]
    words = shlex.split(line)
    args = parse_args(govcrawl_args(words[: words.index(">>")]))
    assert (args.command, args.db) == ("crawl-all", "govcrawl.db")
    assert "flock" in words
