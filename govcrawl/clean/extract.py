"""Find the element that holds the report on a portal page: the CMS families'
body containers first (spec/portals.md §1-§2), then a generic fallback."""

from __future__ import annotations

from typing import cast

from lxml import etree, html

from govcrawl.markup import text_of
from govcrawl.normalize import is_blank, squash_spaces


# Selected through the attribute nodes (`//@id[...]/..`): libxml2 tests the predicate
# on each such attribute only, not on every element of `//*` (10x faster on a page);
# the same elements, in document order.
def _class(name: str) -> str:
    return f"//@class[contains(concat(' ', normalize-space(.), ' '), ' {name} ')]/.."


def _ids(*names: str) -> str:
    return "//@id[" + " or ".join(f".='{name}'" for name in names) + "]/.."


# Innermost containers first: TRS bodies sit inside #zoom, Shaanxi's .m-txt-article
# inside #printContent together with its 索引号 table and title.
CONTENT_SELECTORS: tuple[tuple[str, str], ...] = (
    (".m-txt-article", _class("m-txt-article")),
    (".TRS_UEDITOR", _class("TRS_UEDITOR")),
    (".TRS_Editor", _class("TRS_Editor")),
    (".trs_editor_view", _class("trs_editor_view")),
    ("#UCAPCONTENT", _ids("UCAPCONTENT", "UCAP-CONTENT") + " | //ucapcontent"),
    (".detail-text", _class("detail-text")),
    (".v_news_content", _class("v_news_content")),
    ("#vsb_content_2", _ids("vsb_content_2", "vsb_content")),
    (".infoContent", _class("infoContent")),
    ("#zoom", _ids("Zoom", "zoom")),
    ("#printContent", _ids("printContent")),
)
# What a page must carry for a selector to match (its classes, ids or tag).
_MARKS = {
    "#UCAPCONTENT": ("UCAPCONTENT", "UCAP-CONTENT", "<ucapcontent>"),
    "#vsb_content_2": ("vsb_content_2", "vsb_content"),
    "#zoom": ("Zoom", "zoom"),
    "#printContent": ("printContent",),
}
# Every class and id value of the document: the descendants' attributes from the
# root (a fifth faster than `//@class | //@id`, which walks every node).
_NAMES = etree.XPath("/descendant::*/@class | /descendant::*/@id", smart_strings=False)
_EMBEDDED = ".//table | .//a[@href] | .//img | .//iframe | .//embed"
_TEXT_SHARE = 0.6
# Standard page metadata (国办发〔2017〕47号 and sites' CMS headers, spec §2).
META_NAMES = [
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Description",
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "Author",
]
_BLOCKS = ("div", "td", "article", "section", "main", "ucapcontent", "body")


def text_size(element: html.HtmlElement) -> int:
    return len(squash_spaces(text_of(element)))


def find_content(body: html.HtmlElement) -> tuple[html.HtmlElement, str]:
    """The report's container and the selector that found it ('generic' for the
    fallback)."""
    # A class or id the page never uses cannot match: one pass over the class and
    # id attributes spares a whole-document XPath scan per selector. Ids are split
    # as classes are: a selector's id has no space, so it is among their words.
    marks = set(" ".join(cast(list[str], _NAMES(body))).split())
    if next(body.getroottree().iter("ucapcontent"), None) is not None:
        marks.add("<ucapcontent>")
    for name, xpath in CONTENT_SELECTORS:
        if marks.isdisjoint(_MARKS.get(name, (name[1:],))):
            continue
        found = [el for el in body.xpath(xpath) if _holds_report(el)]
        if len(found) == 1:
            return found[0], name
        if found:
            return max(found, key=text_size), name
    return generic_content(body), "generic"


def _holds_report(element: html.HtmlElement) -> bool:
    """Any text, table, link or image: a report may be only `详见附件` and a PDF."""
    return not is_blank(text_of(element)) or bool(element.xpath(_EMBEDDED))


def data_tables(root: html.HtmlElement) -> list[html.HtmlElement]:
    """Innermost tables with numbers: report tables, not layout tables."""
    return [
        table
        for table in root.iter("table")
        if not table.xpath(".//table")
        and len(table.xpath(".//tr")) >= 2
        and any(char.isdigit() for char in text_of(table))
    ]


def generic_content(body: html.HtmlElement) -> html.HtmlElement:
    """The smallest block holding most of the page text and every data table."""
    total = text_size(body)
    tables = data_tables(body)
    best = body
    for element in body.iter(*_BLOCKS):
        size = text_size(element)
        if size < _TEXT_SHARE * total or size >= text_size(best):
            continue
        if all(_contains(element, table) for table in tables):
            best = element
    return best


def _contains(ancestor: html.HtmlElement, element: html.HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors()) or (
        element is ancestor
    )


def page_meta(doc: html.HtmlElement) -> dict[str, str]:
    """<meta name=ArticleTitle|PubDate|ContentSource|…> and the <title>."""
    meta: dict[str, str] = {}
    for tag in doc.iter("meta"):
        name, content = tag.get("name"), tag.get("content")
        if name in META_NAMES and content and content.strip():
            meta.setdefault(name, squash_spaces(content))
    title = doc.find(".//title")
    if title is not None and title.text_content().strip():
        meta["title"] = squash_spaces(title.text_content())
    return meta
