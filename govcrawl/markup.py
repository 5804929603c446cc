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

_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|div|p|table|td|br|span|h\d)\b", re.I
)
_SNIFF_CHARS = 8192


def text_of(element: etree._Element) -> str:
    """An element's text, its descendants' included and its own tail not: what
    lxml.html's text_content() gives, serialised by libxml2 instead of evaluated as
    XPath string() (a third of the time)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


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
