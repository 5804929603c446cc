"""The `govcrawl` command: one subcommand per stage or job.

A command's module is imported only when that command runs: `govcrawl parse` of a
text file needs neither Datasette nor Scrapy nor the bench, and importing them all
took it half a second to start (`python -X importtime -m govcrawl.cli parse F`)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name -> (module whose register(subparsers) adds the command, one-line help). The
# help is the module's own; tests/test_cli.py checks that the two agree.
COMMANDS = {
    "parse": (
        "govcrawl.commands.parse",
        "parse report files (HTML, text, PDF, DOCX, DOC, WPS) to JSON Lines",
    ),
    "bench": (
        "govcrawl.commands.bench",
        "measure pipeline, crawl and memory figures against baselines",
    ),
    "clean": (
        "govcrawl.commands.clean",
        "strip page chrome and spam from a report page, print the report text",
    ),
    "load": (
        "govcrawl.commands.load",
        "clean, parse, validate and store local report files",
    ),
    "reparse": (
        "govcrawl.commands.reparse",
        "derive every stored report again from its stored page, in place",
    ),
    "browse": ("govcrawl.commands.browse", "serve the SQLite file with Datasette"),
    "crawl-all": (
        "govcrawl.commands.crawl_all",
        "crawl every portal spider into one SQLite file",
    ),
    "portals": (
        "govcrawl.commands.portals",
        "list the portal registry, or add a portal found from a URL",
    ),
    "demo": (
        "govcrawl.commands.demo",
        "crawl the offline fixture portals into SQLite",
    ),
}


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the line: the first word that is not an option (the
    top-level parser has no option taking a value)."""
    word = next((word for word in argv if not word.startswith("-")), None)
    return word if word in COMMANDS else None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for this command line: every command listed with its help, and
    the one `argv` chooses registered in full by its own module."""
    parser = argparse.ArgumentParser(
        prog="govcrawl",
        description="Government information-disclosure annual reports to SQLite.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    chosen = chosen_command(argv)
    for name, (module, summary) in COMMANDS.items():
        if name == chosen:
            importlib.import_module(module).register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser(argv).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(words)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
