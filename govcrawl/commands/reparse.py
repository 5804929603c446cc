"""`govcrawl reparse --db FILE`: every stored report derived again from its raw page
with the current rules, in place (govcrawl.reparse); prints what changed."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "reparse",
        help="derive every stored report again from its stored page, in place",
        description="Clean, parse and validate every stored report again from the "
        "page bytes the store keeps (no network) and update what changed, keeping "
        "each report's version; prints each change and a summary.",
    )
    parser.add_argument("--db", help="SQLite file (default: GOVCRAWL_DB)")
    parser.add_argument(
        "--workers",
        type=int,
        help="processes deriving reports in parallel (default: one per CPU)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from govcrawl.config import project_config
    from govcrawl.reparse import reparse, summary
    from govcrawl.store import open_db

    config = project_config(db=args.db)
    if not Path(config.db).is_file():
        print(f"govcrawl reparse: {config.db}: no such store")
        return 1
    db = open_db(config.db)
    changes = []
    for change in reparse(db, config, args.workers):
        changes.append(change)
        if change.changes:
            print(
                f"report {change.id} ({change.portal} {change.url} "
                f"version {change.version}): re-derived in place"
            )
            for part, lines in change.changes.items():
                for line in lines:
                    print(f"  {part}: {line}")
    db.close()
    print(summary(changes))
    return 0
