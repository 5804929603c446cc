"""The cleaned report element as text lines and as an HTML fragment. Table rows become
one line each with cells joined by ' | ', the layout the parse stage reads in text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree, html

from govcrawl.markup import BLOCK_TAGS
from govcrawl.normalize import squash_spaces

CELL_TAGS = ("td", "th")
# Attributes the parse stage and readers need; style, class and ids are page chrome.
KEPT_ATTRIBUTES = frozenset({"rowspan", "colspan", "href", "src", "alt", "title"})


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def flush(self) -> None:
        line = squash_spaces("".join(self.buffer))
        if line:
            self.lines.append(line)
        self.buffer = []

    def walk(self, node: html.HtmlElement) -> None:
        if not isinstance(node.tag, str):
            self.add(node.tail)
            return
        if node.tag == "tr":
            self.flush()
            self.lines.append(" | ".join(cell_texts(node)))
        elif node.tag == "br":
            self.flush()
        else:
            self._walk_children(node)
        self.add(node.tail)

    def _walk_children(self, node: html.HtmlElement) -> None:
        block = node.tag in BLOCK_TAGS
        if block:
            self.flush()
        self.add(node.text)
        for child in node:
            self.walk(child)
        if block:
            self.flush()


def cell_texts(row: html.HtmlElement) -> list[str]:
    return [squash_spaces(cell.text_content()) for cell in row if cell.tag in CELL_TAGS]


def element_lines(element: html.HtmlElement) -> list[str]:
    """Visible text of an element, one line per block and per table row."""
    lines = _Lines()
    tail, element.tail = element.tail, None
    lines.walk(element)
    element.tail = tail
    lines.flush()
    return lines.lines


def text_strings(element: html.HtmlElement) -> Iterator[tuple[html.HtmlElement, str]]:
    """Every text slot of an element's subtree as (owner, 'text' or 'tail')."""
    for node in element.iter():
        if node is not element:
            yield node, "tail"
        if isinstance(node.tag, str):
            yield node, "text"


def edit_text(element: html.HtmlElement, edit: Callable[[str], str]) -> None:
    """Apply a string edit to every text node under element (not its own tail)."""
    for node, slot in text_strings(element):
        value = getattr(node, slot)
        if value:
            setattr(node, slot, edit(value))


def fragment(element: html.HtmlElement) -> str:
    """Serialize keeping only the attributes that carry meaning (rowspan, colspan)."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        kept = {k: v for k, v in node.attrib.items() if k.lower() in KEPT_ATTRIBUTES}
        # Garbled pages carry names lxml cannot delete one by one ("{x" reads as a
        # namespace); clearing and re-adding the kept ones always works.
        node.attrib.clear()
        node.attrib.update(kept)
    etree.strip_elements(
        element, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    tail, element.tail = element.tail, None
    out = html.tostring(element, encoding="unicode", method="html")
    element.tail = tail
    return out
