"""HTML knowledge shared by the clean and parse stages."""

from __future__ import annotations

import re

from lxml import etree

# Elements that start a new line of text; `ucapcontent` is the Ucap CMS's own body tag
# (hegang, spec/portals.md §2.C).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ucapcontent",
        "ul",
    ]
)

# What the token reading skips (parse/tokens.py); the clean stage drops them first.
CODE_TAGS = ("script", "style", "noscript", "template", "head")
_SECTIONS = ("thead/", "tbody/", "tfoot/")
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|div|p|table|td|br|span|h\d)\b", re.I
)
_SNIFF_CHARS = 8192


def text_of(element: etree._Element) -> str:
    """An element's text, its descendants' included and its own tail not: what
    lxml.html's text_content() gives, serialised by libxml2 instead of evaluated as
    XPath string() (a third of the time)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


# The report element is read once, by one XSLT pass (libxslt: one C pass where a
# Python call per node cost more than lxml's parse), for both the clean stage's text
# lines (clean/render.py) and the parse stage's tokens (parse/tokens.py): its text
# with a mark where a line breaks (a block or <br>), around each table row (ROW,
# CELL before each cell's text, END), where a table starts and ends, and ODD before
# what the token reading reads its own way (a <tr> that is not one of its table's
# own rows, code). The marks are Unicode noncharacters, reserved for internal use;
# an element whose text holds one is read another way (marked_reading gives None).
LINE, ROW, CELL, END, TABLE, TABLE_END, ODD = (chr(0xFDD0 + i) for i in range(7))
MARK_RE = re.compile(f"[{LINE}-{ODD}]")
CELL_TAGS = ("td", "th")
_OWN_ROWS = "|".join(f"table/{section}tr" for section in ("", *_SECTIONS))
# A row's cells, each one's text as its string value: templates in modes (a row's
# children, then a cell's text by the built-in rules) cost a sixth less than a
# for-each and a value-of per cell, each an XPath evaluation.
_CELLS = f"""<xsl:apply-templates mode="row"/>{END}{LINE}"""
_READING = etree.XSLT(
    etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="{_OWN_ROWS}">{LINE}{ROW}{_CELLS}</xsl:template>
<xsl:template match="tr">{ODD}{LINE}{ROW}{_CELLS}</xsl:template>
<xsl:template match="node()" mode="row"/>
<xsl:template match="{"|".join(CELL_TAGS)}" mode="row">{CELL}<xsl:apply-templates mode="cell"/></xsl:template>
<xsl:template match="br">{LINE}</xsl:template>
<xsl:template match="table">{LINE}{TABLE}<xsl:apply-templates/>{TABLE_END}{LINE}</xsl:template>
<xsl:template match="{"|".join(sorted(BLOCK_TAGS - {"table"}))}">{LINE}<xsl:apply-templates/>{LINE}</xsl:template>
<xsl:template match="{"|".join(CODE_TAGS)}">{ODD}<xsl:apply-templates/></xsl:template>
</xsl:stylesheet>"""
    )
)


def marked_reading(element: etree._Element) -> str | None:
    """The element's text with the reading's marks (its own tail left out), or None
    when its text holds a mark character."""
    if MARK_RE.search(text_of(element)):
        return None
    tail, element.tail = element.tail, None
    marked = str(_READING(element))
    element.tail = tail
    return marked


def looks_like_html(text: str) -> bool:
    """Markup in the first characters; the text layouts of copied reports have none."""
    return bool(_HTML_SNIFF.search(text[:_SNIFF_CHARS]))


def unread_part(parser: etree.XMLParser | etree.HTMLParser) -> str | None:
    """Where libxml2 stopped reading, if it did: it gives up at 256 levels of nesting
    and drops the rest of the page silently."""
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            where = f"line {error.line}, column {error.column}"
            return f"{where}: {error.message.split(',')[0]}"
    return None
