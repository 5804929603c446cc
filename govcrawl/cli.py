"""The `govcrawl` command: one subcommand per stage or job."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module registers one subcommand through register(subparsers).
COMMANDS = (
    "govcrawl.commands.parse",
    "govcrawl.commands.bench",
    "govcrawl.commands.clean",
    "govcrawl.commands.load",
    "govcrawl.commands.reparse",
    "govcrawl.commands.browse",
    "govcrawl.commands.crawl_all",
    "govcrawl.commands.demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govcrawl",
        description="Government information-disclosure annual reports to SQLite.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
