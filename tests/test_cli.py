"""The `govcrawl` command imports a command's module only when that command runs."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govcrawl.cli import COMMANDS, build_parser, chosen_command

SEED = Path(__file__).parent / "fixtures" / "seeds" / "003_00e19431bcd07e12.txt"
# What a text report's parse must not pull in: the browser, the crawler, the bench,
# the attachment readers, the store and the ZIP reader (zipfile, with bz2 and lzma).
HEAVY = (
    "datasette",
    "scrapy",
    "twisted",
    "govcrawl.bench",
    "pypdfium2",
    "docx",
    "sqlite3",
    "zipfile",
)
IMPORTED = """
import json, sys
from govcrawl.cli import main
main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
"""


def imported_by(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTED, *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return modules


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_parse_of_a_text_report_imports_nothing_heavy():
    modules = imported_by("parse", str(SEED))
    assert "govcrawl.commands.parse" in modules
    assert heavy(modules) == []
    others = {module for name, (module, _) in COMMANDS.items() if name != "parse"}
    assert others.isdisjoint(modules)


@pytest.mark.e2e
def test_parse_of_a_pdf_leaves_pdfium_to_the_reader_child():
    # PDFium runs in the memory-capped child (govcrawl.attachments.sandbox), which
    # imports it once; the command's own process imports no reader at all.
    pdf = Path(__file__).parent / "fixtures" / "attachments" / "003_hegang_2024.pdf"
    modules = imported_by("parse", str(pdf))
    assert "govcrawl.attachments.sandbox" in modules
    assert heavy(modules) == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_module_registers_its_command_with_the_listed_help(name):
    module, summary = COMMANDS[name]
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    importlib.import_module(module).register(subparsers)
    (action,) = [a for a in parser._actions if a.dest == "command"]
    assert list(action.choices) == [name]
    (choice,) = action._choices_actions
    assert choice.help == summary


def test_only_the_chosen_command_is_registered_in_full():
    parser = build_parser(["load", "--db", "x.db", "report.html"])
    (action,) = [a for a in parser._actions if a.dest == "command"]
    assert sorted(action.choices) == sorted(COMMANDS)
    load_options = {
        o for a in action.choices["load"]._actions for o in a.option_strings
    }
    assert "--db" in load_options
    assert {o for a in action.choices["browse"]._actions for o in a.option_strings} == {
        "-h",
        "--help",
    }


def test_chosen_command_is_the_first_word_that_is_no_option():
    assert chosen_command(["-h"]) is None
    assert chosen_command(["parse", "crawl-all"]) == "parse"
    assert chosen_command(["--help", "bench", "--quick"]) == "bench"
    assert chosen_command(["nonsense"]) is None
