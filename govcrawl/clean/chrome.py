"""Clean passes 5 and 6: what surrounds the report's container goes, line by line,
with why; then chrome and spam inside the container (blocks, then loose lines).
Lines are judged by text.line_kind and boilerplate.line_meta, functions of one line."""

from __future__ import annotations

import re

from lxml import html

from govcrawl.clean.boilerplate import line_meta
from govcrawl.clean.extract import text_size
from govcrawl.clean.render import element_lines
from govcrawl.clean.text import line_kind
from govcrawl.markup import text_of
from govcrawl.model import Removal
from govcrawl.normalize import squash_spaces

_CHROME_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(share|print|foot|footer|xglj|fenxiang|bdsharebuttonbox)(?:$|[\s_-])",
    re.I,
)
_CLASS_MAX = 200
_CLASS_KINDS = {"foot": "footer", "footer": "footer", "xglj": "navigation"}
TABLE_TAGS = frozenset(
    ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
)


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
    kinds = _LineKinds()
    for element, kind in _chrome_blocks(content, kinds):
        text = squash_spaces(text_of(element))
        # A header line that goes keeps its metadata, as outside the container
        # (gdmx.gov.cn: `时间:2020-01-23 来源:本网 【字体: 大 || 中 || 打印`).
        lines = " ".join(element_lines(element)) if kind == "metadata" else text
        for key, value in line_meta(lines).items():
            meta.setdefault(key, value)
        removed.append(Removal(kind, text))
        element.drop_tree()
    return removed + _strip_loose_text(content, meta, kinds)


class _LineKinds(dict[str, str | None]):
    """line_kind of each distinct text met on one page: nested wrappers such as
    <p><span><strong> hold the same text, judged once (a third of the calls)."""

    def __missing__(self, line: str) -> str | None:
        kind = self[line] = line_kind(line)
        return kind


def _chrome_blocks(
    parent: html.HtmlElement, kinds: _LineKinds
) -> list[tuple[html.HtmlElement, str]]:
    found: list[tuple[html.HtmlElement, str]] = []
    for child in parent:
        # An element's tag is a new string at each read: read once.
        tag = child.tag
        if not isinstance(tag, str):
            continue
        kind = _block_kind(child, tag, kinds)
        if kind:
            found.append((child, kind))
        elif tag not in TABLE_TAGS:
            found.extend(_chrome_blocks(child, kinds))
    return found


def _block_kind(element: html.HtmlElement, tag: str, kinds: _LineKinds) -> str | None:
    if tag == "table":
        return "metadata" if _is_metadata_table(element) else None
    names = f"{element.get('class', '')} {element.get('id', '')}"
    marker = _CHROME_CLASS_RE.search(names)
    # A class name alone never takes a table or a long text with it.
    if marker and not element.xpath(".//table") and text_size(element) <= _CLASS_MAX:
        return _CLASS_KINDS.get(marker.group(1).lower(), "chrome")
    return kinds[text_of(element)]


def _is_metadata_table(table: html.HtmlElement) -> bool:
    """The 信息公开 header table: 索引号 / 发布机构 / 成文日期 (spec §2)."""
    if "索引号" not in text_of(table):
        return False
    found = line_meta(" ".join(element_lines(table)))
    return "索引号" in found and len(found) >= 2 and len(table.xpath(".//tr")) <= 6


def _strip_loose_text(
    content: html.HtmlElement, meta: dict[str, str], kinds: _LineKinds
) -> list[Removal]:
    """Chrome left as bare text between blocks, e.g. `【打印本页】` after a table;
    text inside a table (below the container) stays, tables stay whole."""
    removed: list[Removal] = []
    for owner, slot, value in _loose_texts(content):
        kind = kinds[value]
        if kind:
            for key, found in line_meta(value).items():
                meta.setdefault(key, found)
            removed.append(Removal(kind, value.strip()))
            setattr(owner, slot, None)
    return removed


def _loose_texts(content: html.HtmlElement) -> list[tuple[html.HtmlElement, str, str]]:
    """The text slots outside tables that hold more than white space, with their
    text, in the order of a walk over the elements (each one's text, then its tail,
    then its children's); table subtrees are never entered. Each slot is read once,
    as the walk meets it."""
    if content.tag in TABLE_TAGS:
        return []
    texts: list[tuple[html.HtmlElement, str, str]] = []
    text = content.text
    if text and not text.isspace():
        texts.append((content, "text", text))
    stack = list(reversed(content))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str):
            continue
        tabled = tag in TABLE_TAGS
        if not tabled:
            text = node.text
            if text and not text.isspace():
                texts.append((node, "text", text))
        text = node.tail
        if text and not text.isspace():
            texts.append((node, "tail", text))
        if not tabled:
            stack.extend(reversed(node))
    return texts
