"""Every fixture and real HTML page, and the line walk clean's reading replaced: the
speed-up tests hold the new readings to it."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from govcrawl.clean import render

TESTS = Path(__file__).parent
HTML_PAGES = sorted(
    path
    for base in ("fixtures", "real")
    for path in (TESTS / base).rglob("*")
    if path.suffix in {".html", ".htm"}
)


def walked_lines(element: html.HtmlElement) -> list[str]:
    """The element's text lines (its own tail left out) by render's Python walk."""
    lines = render._Lines()
    tail, element.tail = element.tail, None
    lines.walk(element)
    element.tail = tail
    lines.flush()
    return lines.lines
