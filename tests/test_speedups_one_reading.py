"""One reading of the report element serves clean and parse: the clean stage's text
lines and the parse stage's tokens come from the same marked reading
(markup.marked_reading). Each is checked against what it replaced: the Python walk
of render._Lines for the lines, the token reading's own XSLT pass for the tokens.
And the container's other walks: loose text slots and the selectors' marks."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcrawl.clean import chrome, clean_page, extract, render
from govcrawl.clean.page import parse_document
from govcrawl.decode import decode_body
from govcrawl.markup import marked_reading
from govcrawl.parse import tokens
from tests.html_pages import HTML_PAGES, walked_lines

TESTS = Path(__file__).parent
PAGES = HTML_PAGES


def _read_alone(element: lxml.html.HtmlElement) -> tuple[list, list[str] | None]:
    """The token reading before: its own XSLT pass over the element."""
    tokenized = tokens.tokenize_tree(element)
    return tokenized.tokens, tokenized.lines


def _read_shared(element: lxml.html.HtmlElement) -> tuple[list, list[str] | None]:
    tokenized = tokens.tokenize_tree(element, marked_reading(element))
    return tokenized.tokens, tokenized.lines


def test_the_pages_are_there() -> None:
    assert len(PAGES) > 25


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_clean_text_and_tokens_of_every_page_are_read_as_before(path: Path) -> None:
    cleaned = clean_page(path.read_bytes(), fragment_html=False)
    if cleaned.tree is None:
        return
    assert cleaned.reading is not None
    assert cleaned.text == "\n".join(walked_lines(cleaned.tree))
    shared = tokens.tokenize_tree(cleaned.tree, cleaned.reading)
    assert (shared.tokens, shared.lines) == _read_alone(cleaned.tree)


# What the two readings read differently: a table's caption and loose text (lines,
# no tokens), a row outside a table's own rows, a table among a table's children
# (not in a cell), code, and a mark character in the text.
ODD_MARKUP = [
    "<table><caption>表一</caption><tr><td>1</td><td>2</td></tr>尾</table>后",
    "<table>前<tbody><tr><th>a</th></tr></tbody><tfoot><tr><td>b</td></tr></tfoot></table>",
    "<div><tr><td>行</td><td>外</td></tr></div><p>段</p>",
    "<table><tr><td>1</td></tr><div><table><tr><td>内</td></tr></table></div></table>",
    "<table><tr><td><table><tr><td>嵌</td></tr></table></td></tr></table>",
    "<p>甲<script>var a = 1;</script>乙</p><noscript>无</noscript>",
    "<p>标\ufdd0记</p><table><tr><td>\ufdd4</td></tr></table>",
    "<table></table><table><tr></tr></table>",
]


@pytest.mark.parametrize("markup", ODD_MARKUP)
def test_odd_markup_reads_as_before(markup: str) -> None:
    element = lxml.html.fromstring(f"<div>{markup}</div>")
    assert render.element_lines(element) == walked_lines(element)
    assert _read_shared(element) == _read_alone(element)


def test_a_caption_is_read_from_the_shared_reading() -> None:
    element = lxml.html.fromstring(
        "<div><table><caption>表</caption><tr><td>1</td></tr></table></div>"
    )
    marked = marked_reading(element)
    assert marked is not None
    assert tokens._marked_tokens(marked) is not None
    assert [token.text for token in _read_shared(element)[0]] == ["1"]


PIECES = st.sampled_from(
    [
        *("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<p>"),
        *("<tbody>", "<thead>", "<caption>", "<div>", "</div>", "<br>", "<span>"),
        *("|", " | ", " ", "合计", "0", "尾", "\n", "<script>x</script>", "\ufdd4"),
    ]
)


@pytest.mark.e2e
@given(st.lists(PIECES, min_size=1, max_size=24).map("".join))
def test_generated_markup_reads_as_before(markup: str) -> None:
    element = lxml.html.fromstring(f"<div>{markup}</div>")
    assert render.element_lines(element) == walked_lines(element)
    assert _read_shared(element) == _read_alone(element)


def _old_loose_slots(content: lxml.html.HtmlElement) -> list[tuple[object, str, str]]:
    """chrome._loose_slots before, with the non-blank values _strip_loose_text read."""
    if content.tag in chrome.TABLE_TAGS:
        return []
    slots = [(content, "text")]
    stack = list(reversed(content))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        tabled = node.tag in chrome.TABLE_TAGS
        if not tabled:
            slots.append((node, "text"))
        slots.append((node, "tail"))
        if not tabled:
            stack.extend(reversed(node))
    read = [(owner, slot, getattr(owner, slot)) for owner, slot in slots]
    return [
        (owner, slot, value) for owner, slot, value in read if value and value.strip()
    ]


def _old_marks(body: lxml.html.HtmlElement) -> set[str]:
    marks = set(" ".join(body.xpath("//@class", smart_strings=False)).split())
    return marks | set(body.xpath("//@id", smart_strings=False))


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_loose_texts_and_selector_marks_are_found_as_before(path: Path) -> None:
    doc, _ = parse_document(decode_body(path.read_bytes()).text)
    for element in doc.iter("body", "div", "td", "p", "table"):
        assert chrome._loose_texts(element) == _old_loose_slots(element)
    # Ids are split into words now: every old mark a selector can name is there.
    marks = set(" ".join(extract._NAMES(doc.body)).split())
    names = {name for name in _old_marks(doc.body) if not any(map(str.isspace, name))}
    assert names <= marks <= set(" ".join(_old_marks(doc.body)).split())
