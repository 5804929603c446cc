"""`govcrawl parse PATH...`: one JSON line per report on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from govcrawl.parse import read_report_file
from govcrawl.validate import validate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="parse report files (HTML, text, PDF, DOCX, DOC, WPS) to JSON Lines",
        description="Parse and validate yearly reports; one JSON object per input.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files")
    parser.add_argument(
        "--strict", action="store_true", help="blank cells fail identities"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        try:
            report = read_report_file(path)
        except OSError as error:
            print(f"govcrawl parse: {path}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        validate(report, strict=args.strict)
        print(json.dumps(report.to_json(), ensure_ascii=False))
    return status
