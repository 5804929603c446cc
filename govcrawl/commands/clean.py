"""`govcrawl clean PATH`: the cleaned text of a saved page or text file, or with
--json the whole clean result (text, html, removed, tampered, mirror, script, …)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govcrawl.clean import clean_page
from govcrawl.commands.local_files import file_name, read_file
from govcrawl.config import project_config

_TEXT_SUFFIXES = {".txt", ".text"}
_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="strip page chrome and spam from a report page, print the report text",
        description="Clean a saved report page (HTML, any GB encoding) or text file.",
    )
    parser.add_argument("path", metavar="PATH", help="HTML or text file")
    parser.add_argument(
        "--json", action="store_true", help="print the full clean result as JSON"
    )
    parser.add_argument(
        "--url", help="the URL the page was fetched from (for the mirror flag)"
    )
    parser.set_defaults(run=run)


def content_type_for(path: Path) -> str | None:
    """A hint from the extension; other files are judged by their content."""
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return "text/plain"
    if suffix in _HTML_SUFFIXES:
        return "text/html"
    return None


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    max_bytes = project_config().limits.max_bytes
    try:
        body = read_file(path, max_bytes)
        result = clean_page(body, url=args.url, content_type=content_type_for(path))
    except OSError as error:
        reason = error.strerror or error
        print(f"govcrawl clean: {file_name(path)}: {reason}", file=sys.stderr)
        return 1
    except ValueError as error:  # Refused, and pages the clean stage refuses
        print(f"govcrawl clean: {file_name(path)}: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print(result.text)
    return 0
