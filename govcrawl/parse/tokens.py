"""Reports as a flat stream of tokens: table cells and lines of text, in reading order.

HTML tables give cells with known row boundaries. Flattened text (copied pages, PDF
text) gives one cell per line ending in ` |`, rows joined by ` | `, or one cell per
paragraph; there row boundaries are unknown and the table parser relies on labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import lxml.html
from lxml import etree

from govcrawl.markup import BLOCK_TAGS, looks_like_html, text_of, unread_part
from govcrawl.normalize import label_key, squash_spaces, to_simplified

_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_PIPES_ONLY = re.compile(r"^[|\s]+$")
_META_NAMES = ("ArticleTitle", "PubDate", "ContentSource")
_CONVERT_MAX = 120
_CELLS = frozenset({"td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


class Token(NamedTuple):
    """A cell or a line. `row` is set when the source shows row boundaries. A tuple:
    a report makes some 300, and a frozen dataclass costs twice as much to build."""

    text: str
    key: str
    row: int | None = None


@dataclass
class Tokenized:
    tokens: list[Token]
    meta: dict[str, str]
    unread: str | None = None


def make_token(text: str, row: int | None = None) -> Token:
    clean, key = _normal_forms(text)
    return Token(clean, key, row)


@lru_cache(maxsize=16384)
def _normal_forms(text: str) -> tuple[str, str]:
    # Cells repeat within and across reports (0, 件, the template's labels): a
    # report's 3,000 cells hold a few hundred distinct strings.
    clean = squash_spaces(text)
    return clean, label_key(clean)


@lru_cache(maxsize=4096)
def _simplified_label(text: str) -> str:
    return to_simplified(text)


def simplified_token(token: Token) -> Token:
    """Traditional to simplified where the parser reads: cells, headings, titles and
    signatures. Long narrative lines keep their script; converting them costs most of
    a traditional page's parse time and no number comes from them."""
    if len(token.text) > _CONVERT_MAX:
        return token
    return make_token(_simplified_label(token.text), token.row)


def tokenize(content: str, html: bool | None = None) -> Tokenized:
    if html is None:
        html = looks_like_html(content)
    if html:
        return _tokenize_html(content)
    return Tokenized(list(_text_tokens(content)), {})


def _text_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    row = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _PIPES_ONLY.match(stripped):
            continue
        if stripped.count("|") >= 2:
            row += 1
            cells = [cell.strip() for cell in stripped.split("|")]
            while cells and not cells[-1]:
                cells.pop()
            tokens.extend(make_token(cell, row) for cell in cells)
        elif stripped.endswith("|"):
            tokens.append(make_token(stripped[:-1]))
        else:
            tokens.append(make_token(stripped))
    return tokens


class _Collector:
    """Accumulates inline text into line tokens and emits table cells."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.buffer: list[str] = []
        self.row = 0

    def text(self, value: str | None) -> None:
        if value:
            self.buffer.append(value)

    def flush(self) -> None:
        line = squash_spaces("".join(self.buffer))
        self.buffer.clear()
        if line:
            self.tokens.append(make_token(line))

    def table(self, table: etree._Element) -> None:
        self.flush()
        for tr in _table_rows(table):
            self.row += 1
            for cell in tr:
                if cell.tag in _CELLS:
                    self.tokens.append(make_token(_cell_text(cell), self.row))


def _cell_text(cell: etree._Element) -> str:
    """Most cells hold a bare number: their text, without a serialiser's round trip."""
    if len(cell):
        return text_of(cell)
    return cell.text or ""


def _table_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows, not those of tables nested in its cells."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in _SECTIONS:
            yield from (row for row in child if row.tag == "tr")


def _hide_code(root: etree._Element) -> None:
    """Scripts and styles say nothing, in a cell's text or out of it (the walk skips
    them); emptied once for the document, not looked for in every cell."""
    for hidden in root.iter("script", "style"):
        hidden.text = None


def _walk(element: etree._Element, out: _Collector) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP or not tag:
        out.text(element.tail)
        return
    if tag == "table":
        out.table(element)
        out.text(element.tail)
        return
    if tag in BLOCK_TAGS or tag == "br":
        out.flush()
    out.text(element.text)
    for child in element:
        _walk(child, out)
    if tag in BLOCK_TAGS:
        out.flush()
    out.text(element.tail)


def tokenize_tree(element: etree._Element) -> Tokenized:
    """Tokens of an element already parsed (the clean stage's report container,
    from which clean dropped scripts and styles), read in place: its own tail is not
    part of it."""
    out = _Collector()
    tail, element.tail = element.tail, None
    try:
        _walk(element, out)
    finally:
        element.tail = tail
    out.flush()
    return Tokenized(out.tokens, _html_meta(element))


def _tokenize_html(content: str) -> Tokenized:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(content.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return Tokenized(list(_text_tokens(content)), {})
    out = _Collector()
    _hide_code(root)
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.flush()
    return Tokenized(out.tokens, _html_meta(root), _unread(parser))


def _unread(parser: lxml.html.HTMLParser) -> str | None:
    where = unread_part(parser)
    return f"HTML not read past {where} (libxml2 limit)" if where else None


def _html_meta(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        name, content = element.get("name"), (element.get("content") or "").strip()
        if name in _META_NAMES and content and name not in meta:
            meta[name] = content
    title = root.findtext(".//title")
    if title and title.strip():
        meta["title"] = squash_spaces(title)
    return meta
