"""The clean stage on an HTML page: keep the report's container, record everything
around it, strip chrome and spam inside it, and repair its text nodes in place so the
fragment and the text say the same thing."""

from __future__ import annotations

import re

from lxml import etree, html

from govcrawl.clean.boilerplate import line_meta
from govcrawl.clean.extract import find_content, page_meta, text_size
from govcrawl.clean.render import edit_text, element_lines, fragment
from govcrawl.clean.scrub import Edit, is_tampered, scrub
from govcrawl.clean.tamper import find_brands, is_spam_line, remove_brands
from govcrawl.clean.text import line_kind
from govcrawl.markup import unread_part
from govcrawl.model import CleanResult, Removal
from govcrawl.normalize import squash_spaces, strip_pinyin, to_simplified

_CODE_TAGS = ("script", "style", "noscript", "link", "template")
# 政府网站找错 (jiucuo.js, sitecode = 网站标识码) and the 党政机关 badge (dcs.conac.cn).
_WIDGET_RE = re.compile(r"_jiucuo_|jiucuo\.js|_ideConac|conac\.cn", re.I)
_SITECODE_RE = re.compile(r"sitecode=['\"]?(\w+)", re.I)
_CHROME_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(share|print|foot|footer|xglj|fenxiang|bdsharebuttonbox)(?:$|[\s_-])",
    re.I,
)
_CLASS_MAX = 200
_CLASS_KINDS = {"foot": "footer", "footer": "footer", "xglj": "navigation"}
_TABLE_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+")
# `report title_site name`, `report title - site name`
_SITE_SUFFIX = re.compile(r"(?<!\s)\s*[_|｜]\s*|(?<!\s)\s+-\s+")
# Bounded like the 80-character titles it accepts: `.*` let every `2022年` of a
# hostile title rescan to the end (0.5 MB took 85 s).
_TITLE_MAX = 80
_TITLE_RE = re.compile(rf"\d{{4}}\s*年.{{0,{_TITLE_MAX}}}(?:报告|年报)$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_html(markup: str) -> CleanResult:
    doc, unread = parse_document(markup)
    # lxml builds a Python proxy (through lxml.html's class lookup, in Python) each
    # time a walk meets an element no one references; holding them all for the call
    # lets this stage's dozen walks share one proxy per element (clean time -18%).
    _proxies = list(doc.iter())
    body = doc.body
    meta = page_meta(doc)
    removed = unread + drop_code(doc, meta) + clean_titles(meta)

    # Repair text first: chrome on a traditional mirror reads 字號 and 瀏覽量.
    def apply(edit: Edit) -> None:
        edit_text(body, edit)

    scrubbed, script = scrub(lambda: body.text_content(), apply)
    if script == "traditional":
        meta = {key: to_simplified(value) for key, value in meta.items()}
    content, _selector = find_content(body)
    removed += outside_removals(body, content, meta)
    removed += strip_chrome(content, meta) + scrubbed
    keep_title(content, report_title(meta, removed))
    return CleanResult(
        text="\n".join(element_lines(content)),
        html=fragment(content),
        removed=removed,
        tampered=is_tampered(removed),
        script=script,
        meta=meta,
    )


def parse_document(markup: str) -> tuple[html.HtmlElement, list[Removal]]:
    """The page as a tree that always has a <body> (a page of only a doctype or
    comments cleans to an empty report), and what could not go into it: control
    characters, which lxml refuses in text it is given back, and what libxml2 left
    unread (it stops at 256 levels of nesting and drops the rest of the page)."""
    unread: list[Removal] = []
    markup, controls = _CONTROL_RE.subn("", markup)
    if controls:
        unread.append(Removal("control", f"{controls} control characters"))
    parser = html.HTMLParser()
    try:
        doc = html.document_fromstring(_XML_DECLARATION.sub("", markup), parser)
    except etree.ParserError:
        doc = html.document_fromstring("<html><body></body></html>")
    if doc.find("body") is None:
        doc.append(html.Element("body"))
    where = unread_part(parser)
    if where:
        unread.append(Removal("truncated", f"not read past {where}"))
    return doc, unread


def drop_code(doc: html.HtmlElement, meta: dict[str, str]) -> list[Removal]:
    """Scripts and styles; the footer widgets among them are recorded."""
    removed: list[Removal] = []
    code = [el for el in doc.iter(*_CODE_TAGS, "span") if _is_code(el)]
    for element in code:
        source = etree.tostring(element, encoding="unicode", with_tail=False)
        if _WIDGET_RE.search(source):
            removed.append(Removal("widget", squash_spaces(source)[:200]))
            sitecode = _SITECODE_RE.search(source)
            if sitecode:
                meta.setdefault("SiteIDCode", sitecode.group(1))
        element.drop_tree()
    others = len(code) - len(removed)
    if others:
        removed.append(Removal("script", f"{others} script and style elements"))
    etree.strip_elements(
        doc, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    return removed


def _is_code(element: html.HtmlElement) -> bool:
    if element.tag != "span":
        return True
    return bool(_WIDGET_RE.search(element.get("id", "")))


def outside_removals(
    body: html.HtmlElement, content: html.HtmlElement, meta: dict[str, str]
) -> list[Removal]:
    """Everything on the page but the report, line by line, with why it went."""
    if content is body:
        return []
    placeholder = html.Element("div")
    content.getparent().replace(content, placeholder)
    removed: list[Removal] = []
    for line in element_lines(body):
        found = line_meta(line)
        for key, value in found.items():
            meta.setdefault(key, value)
        kind = line_kind(line) or ("metadata" if found else "layout")
        if kind == "layout" and removed and removed[-1].kind == "layout":
            removed[-1].text += "\n" + line
        else:
            removed.append(Removal(kind, line))
    return removed


def strip_chrome(content: html.HtmlElement, meta: dict[str, str]) -> list[Removal]:
    """Chrome and spam blocks inside the report container; tables stay whole except
    the 索引号 metadata table."""
    removed: list[Removal] = []
    for element, kind in list(_chrome_blocks(content)):
        text = squash_spaces(element.text_content())
        if kind == "metadata":
            for key, value in line_meta(" ".join(element_lines(element))).items():
                meta.setdefault(key, value)
        removed.append(Removal(kind, text))
        element.drop_tree()
    return removed + _strip_loose_text(content)


def _chrome_blocks(parent: html.HtmlElement) -> list[tuple[html.HtmlElement, str]]:
    found: list[tuple[html.HtmlElement, str]] = []
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        kind = _block_kind(child)
        if kind:
            found.append((child, kind))
        elif child.tag not in _TABLE_TAGS:
            found.extend(_chrome_blocks(child))
    return found


def _block_kind(element: html.HtmlElement) -> str | None:
    if element.tag == "table":
        return "metadata" if _is_metadata_table(element) else None
    names = f"{element.get('class', '')} {element.get('id', '')}"
    marker = _CHROME_CLASS_RE.search(names)
    # A class name alone never takes a table or a long text with it.
    if marker and not element.xpath(".//table") and text_size(element) <= _CLASS_MAX:
        return _CLASS_KINDS.get(marker.group(1).lower(), "chrome")
    return line_kind(element.text_content())


def _is_metadata_table(table: html.HtmlElement) -> bool:
    """The 信息公开 header table: 索引号 / 发布机构 / 成文日期 (spec §2)."""
    found = line_meta(" ".join(element_lines(table)))
    return "索引号" in found and len(found) >= 2 and len(table.xpath(".//tr")) <= 6


def _strip_loose_text(content: html.HtmlElement) -> list[Removal]:
    """Chrome left as bare text between blocks, e.g. `【打印本页】` after a table."""
    removed: list[Removal] = []
    for node in content.iter():
        if not isinstance(node.tag, str):
            continue
        slots = [("text", node)]
        if node is not content:
            slots.append(("tail", node.getparent()))
        for slot, holder in slots:
            value = getattr(node, slot)
            if not value or not value.strip() or _in_table(holder, content):
                continue
            kind = line_kind(value)
            if kind:
                removed.append(Removal(kind, value.strip()))
                setattr(node, slot, None)
    return removed


def _in_table(node: html.HtmlElement, content: html.HtmlElement) -> bool:
    """Whether text directly inside node belongs to a table (tables stay whole)."""
    for element in (node, *node.iterancestors()):
        if element.tag in _TABLE_TAGS:
            return True
        if element is content:
            return False
    return False


def report_title(meta: dict[str, str], removed: list[Removal]) -> str | None:
    """The page's own title for the report: ArticleTitle, else the report-shaped
    part of <title> or of a heading around the content (Ucap's UCAPTITLE)."""
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"]
    candidates = _SITE_SUFFIX.split(meta.get("title", ""))
    for removal in removed:
        if removal.kind == "layout":
            candidates += [
                c for line in removal.text.splitlines() for c in line.split(" | ")
            ]
    return next(
        (c for c in candidates if len(c) <= _TITLE_MAX and _TITLE_RE.search(c)), None
    )


def keep_title(content: html.HtmlElement, title: str | None) -> None:
    """Portals print the title above the body container; put it back on top as
    <h1> so the fragment names its report, unless the body already starts with it."""
    opening = squash_spaces(content.text_content())[:200].replace(" ", "")
    if not title or title.replace(" ", "") in opening:
        return
    heading = html.Element("h1")
    heading.text = title
    heading.tail, content.text = content.text, None
    content.insert(0, heading)


def clean_titles(meta: dict[str, str]) -> list[Removal]:
    """Keyword spam put into <title> or ArticleTitle by a mirror, whole or as one
    part of a `part_part` / `part | part` title."""
    removed: list[Removal] = []
    for key in ("title", "ArticleTitle"):
        title = meta.get(key, "")
        parts = [part for part in _TITLE_PARTS.split(title) if part]
        dropped = [part for part in parts if is_spam_line(part)]
        if dropped:
            title = " ".join(part for part in parts if part not in dropped)
        title, brands = remove_brands(title, find_brands(title))
        removed += [Removal("spam", part) for part in dropped + brands]
        title = strip_pinyin(title).strip()
        if title:
            meta[key] = title
        else:
            meta.pop(key, None)
    return removed
