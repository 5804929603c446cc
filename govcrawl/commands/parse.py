"""`govcrawl parse PATH...`: one JSON line per report on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="parse report files (HTML, text, PDF, DOCX, DOC, WPS) to JSON Lines",
        description="Clean, parse and validate yearly reports, as a crawl does; one "
        "JSON object per input.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="blank cells fail identities (overrides GOVCRAWL_STRICT_BLANKS)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govcrawl.config import project_config
    from govcrawl.flow import Document, clean_parse_validate

    config = project_config(strict_blanks=True if args.strict else None)
    status = 0
    for path in args.paths:
        try:
            document = Document.from_file(path)
        except OSError as error:
            print(f"govcrawl parse: {path}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        result = clean_parse_validate(document, config)
        if result.unreadable:
            print(f"govcrawl parse: {path}: {result.unreadable}", file=sys.stderr)
            status = 1
            continue
        print(json.dumps(result.report.to_json(), ensure_ascii=False))
    return status
