"""The cleaned report element as text lines and as an HTML fragment. Table rows become
one line each with cells joined by ' | ', the layout the parse stage reads in text."""

from __future__ import annotations

from lxml import etree, html

from govcrawl.markup import (
    BLOCK_TAGS,
    CELL,
    CELL_TAGS,
    END,
    LINE,
    ODD,
    ROW,
    TABLE,
    TABLE_END,
    marked_reading,
    text_of,
)
from govcrawl.normalize import squash_spaces

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
    return [squash_spaces(text_of(cell)) for cell in row if cell.tag in CELL_TAGS]


def element_lines(element: html.HtmlElement) -> list[str]:
    """Visible text of an element, one line per block and per table row."""
    return reading_lines(element)[0]


def reading_lines(element: html.HtmlElement) -> tuple[list[str], str | None]:
    """element_lines, and the marked reading they come from (markup.marked_reading),
    which the parse stage reads its tokens from; None when the element's text holds
    a mark character, and _Lines walks the tree instead."""
    marked = marked_reading(element)
    if marked is None:
        lines = _Lines()
        tail, element.tail = element.tail, None
        lines.walk(element)
        element.tail = tail
        lines.flush()
        return lines.lines, None
    return _marked_lines(marked), marked


# The reading's table and code marks say nothing about lines: they stand next to a
# line mark, so taking them out leaves the lines as they were.
_TOKEN_MARKS = (TABLE, TABLE_END, ODD)
# A row is a line of its own: ROW, then CELL and the text of each cell, then END.
# Its cells are stripped (squashed text has at most a space at each end) and
# joined by ' | '; ROW and END stay on it, so stripping the lines never strips a
# row (an empty one is kept), until they are taken out.
_ROW_EDITS = (
    (f" {CELL}", CELL),
    (f"{CELL} ", CELL),
    (f" {END}", END),
    (f"{ROW}{CELL}", ROW),
    (CELL, " | "),
)


def _marked_lines(marked: str) -> list[str]:
    # Marks are not white space: squashing the whole squashes each line and cell,
    # and leaves no newline to join the lines by.
    for mark in _TOKEN_MARKS:
        if mark in marked:
            marked = marked.replace(mark, "")
    text = squash_spaces(marked)
    for old, new in _ROW_EDITS:
        text = text.replace(old, new)
    lines = list(filter(None, map(str.strip, text.split(LINE))))
    if not lines:
        return []
    return "\n".join(lines).replace(ROW, "").replace(END, "").split("\n")


# Layout attributes of report pages (tests/fixtures), stripped by name in one C walk;
# one XPath test then tells whether any other is left, and only then is every name
# collected by a Python walk (a third of the time of this pass).
_LAYOUT_ATTRIBUTES = (
    "align",
    "bgcolor",
    "border",
    "cellpadding",
    "cellspacing",
    "class",
    "height",
    "id",
    "lang",
    "style",
    "valign",
    "width",
)
_OTHER_ATTRIBUTE = etree.XPath(
    "boolean(descendant-or-self::*/@*["
    + " and ".join(f"name() != '{name}'" for name in sorted(KEPT_ATTRIBUTES))
    + "])"
)


def fragment(element: html.HtmlElement) -> str:
    """Serialize keeping only the attributes that carry meaning (rowspan, colspan)."""
    etree.strip_attributes(element, *_LAYOUT_ATTRIBUTES)
    if _OTHER_ATTRIBUTE(element):
        _strip_other_attributes(element)
    tail, element.tail = element.tail, None
    out = html.tostring(element, encoding="unicode", method="html")
    element.tail = tail
    return out


def _strip_other_attributes(element: html.HtmlElement) -> None:
    # An element's keys() are its attribute names (iterating it gives its children);
    # faster than .attrib, which builds a mapping per element.
    names = {name for node in element.iter() for name in node.keys()}  # noqa: SIM118
    dropped = [name for name in names if name.lower() not in KEPT_ATTRIBUTES]
    try:
        etree.strip_attributes(element, *dropped)
    except ValueError:
        _keep_attributes(element)


def _keep_attributes(element: html.HtmlElement) -> None:
    # Garbled pages carry names lxml cannot name ("{x" reads as a namespace);
    # clearing and re-adding the kept ones always works.
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        kept = {k: v for k, v in node.attrib.items() if k.lower() in KEPT_ATTRIBUTES}
        node.attrib.clear()
        node.attrib.update(kept)
