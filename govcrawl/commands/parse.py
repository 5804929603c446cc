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
    from govcrawl.commands.local_files import Refused, file_document, file_name
    from govcrawl.config import project_config
    from govcrawl.flow import clean_parse_validate

    config = project_config(strict_blanks=True if args.strict else None)
    status = 0
    for path in args.paths:
        try:
            document = file_document(path, config.limits.max_bytes)
        except (OSError, Refused) as error:
            reason = error.strerror if isinstance(error, OSError) else error
            print(f"govcrawl parse: {file_name(path)}: {reason}", file=sys.stderr)
            status = 1
            continue
        result = clean_parse_validate(document, config)
        if result.unreadable:
            print(
                f"govcrawl parse: {document.name}: {result.unreadable}", file=sys.stderr
            )
            status = 1
            continue
        print(json.dumps(result.report.to_json(), ensure_ascii=False))
    return status
