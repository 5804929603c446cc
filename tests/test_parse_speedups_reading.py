"""The token reading's speed-ups change no result: each shortcut is checked against
the code it replaced (written out here), on every fixture and real page and on
generated markup."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcrawl.markup import text_of
from govcrawl.parse import tokens
from govcrawl.parse.metadata import reading_lines
from tests.html_pages import HTML_PAGES

TESTS = Path(__file__).parent
PAGES = HTML_PAGES
_MARKS_BEFORE = re.compile("[\ufdd0\ufdd1\ufdd2\ufdd3]")
PIECES = st.sampled_from(
    [
        *("<p>", "</p>", "<td>", "<br>", "<table><tr>", "合计", " ", "5"),
        *("\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "<!--\ufdd1-->"),
        # Neighbours of the marks, which share their first UTF-8 bytes.
        *("\ufdcf", "\ufdd4", "\ufdf0"),
    ]
)

CELLS = st.sampled_from(
    [
        *("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<p>"),
        *("|", " | ", " ", "合计", "0", "", "<br>", "尾", "<tbody>", "\n"),
    ]
)


def _pages() -> list[lxml.html.HtmlElement]:
    return [lxml.html.fromstring(path.read_bytes()) for path in PAGES]


def test_the_pages_are_there() -> None:
    assert len(PAGES) > 25


def _check_marks(element: lxml.html.HtmlElement) -> None:
    before = bool(_MARKS_BEFORE.search(text_of(element)))
    assert tokens._has_marks(element) is before


def test_marks_found_in_every_page_as_before() -> None:
    """The marks are looked for in the serialised bytes, not the decoded text."""
    for page in _pages():
        _check_marks(page)


@pytest.mark.e2e
@given(st.lists(PIECES, min_size=1, max_size=20).map("".join))
def test_marks_found_in_generated_markup_as_before(markup: str) -> None:
    element = lxml.html.fromstring(f"<div>{markup}</div>")
    element.tail = "\ufdd0"
    _check_marks(element)


def _check_lines(tokenized: tokens.Tokenized) -> None:
    read = reading_lines((token.text, token.row) for token in tokenized.tokens)
    assert tokenized.lines == read


def test_lines_read_with_the_tokens_as_from_them() -> None:
    """The reading gives the reading lines with the tokens; they are the lines
    metadata.reading_lines makes of those tokens, on every page."""
    for page in _pages():
        _check_lines(tokens.tokenize_tree(page))
        _check_lines(tokens.tokenize(lxml.html.tostring(page, encoding="unicode")))


@pytest.mark.e2e
@given(st.lists(CELLS, min_size=1, max_size=20).map("".join))
def test_lines_of_generated_tables_read_as_from_the_tokens(markup: str) -> None:
    _check_lines(tokens.tokenize_tree(lxml.html.fromstring(f"<div>{markup}</div>")))
