"""Reports as a flat stream of tokens: table cells and lines of text, in reading order.

HTML tables give cells with known row boundaries. Flattened text (copied pages, PDF
text) gives one cell per line ending in ` |`, rows joined by ` | `, or one cell per
paragraph; there row boundaries are unknown and the table parser relies on labels."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import lxml.html
from lxml import etree

from govcrawl import markup
from govcrawl.markup import BLOCK_TAGS, looks_like_html, unread_part
from govcrawl.normalize import label_key, squash_spaces, to_simplified
from govcrawl.parse.metadata.lines import CELL

_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_PIPES_ONLY = re.compile(r"^[|\s]+$")
_META_NAMES = ("ArticleTitle", "PubDate", "ContentSource")
_CONVERT_MAX = 120
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


class Token(NamedTuple):
    """A cell or a line. `row` is set when the source shows row boundaries. A tuple:
    a report makes some 300, and a frozen dataclass costs twice as much to build."""

    text: str
    key: str
    row: int | None = None


@dataclass
class Tokenized:
    """`lines`: the tokens' reading lines (metadata.reading_lines), when the reading
    gave them with the tokens."""

    tokens: list[Token]
    meta: dict[str, str]
    unread: str | None = None
    lines: list[str] | None = None


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


# The tree is read by one XSLT pass in libxslt (a Python walk cost more than lxml's
# parse of the whole page): it writes the text with a mark where a line ends (a block
# or <br>), where a table's row and each of its own cells start, and where a table
# ends (its tail continues the line after it). The marks are Unicode noncharacters,
# reserved for such internal use; one the page prints is read as U+FFFD.
_LINE, _ROW, _CELL, _TABLE_END = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"
_MARKS = _LINE + _ROW + _CELL + _TABLE_END
_BLOCKS = "|".join(sorted(BLOCK_TAGS - {"table"}))
_SKIPPED = "|".join([*sorted(_SKIP), "comment()", "processing-instruction()"])
_ROWS = "|".join(["tr", *(f"{section}/tr" for section in sorted(_SECTIONS))])
_STYLESHEET = f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="{_SKIPPED}"/>
  <xsl:template match="br"><xsl:text>{_LINE}</xsl:text></xsl:template>
  <xsl:template match="{_BLOCKS}">
    <xsl:text>{_LINE}</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>{_LINE}</xsl:text>
  </xsl:template>
  <xsl:template match="table">
    <xsl:text>{_LINE}</xsl:text>
    <xsl:for-each select="{_ROWS}">
      <xsl:text>{_ROW}</xsl:text>
      <xsl:for-each select="td|th">
        <xsl:text>{_CELL}</xsl:text>
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:text>{_TABLE_END}</xsl:text>
  </xsl:template>
</xsl:stylesheet>"""
_READING = etree.XSLT(etree.XML(_STYLESHEET.encode()))
_MARK_RE = re.compile(f"[{_MARKS}]")
# The marks in UTF-8 (EF B7 90 to EF B7 93), looked for in the element's text as
# libxml2 serialises it, before any of it is decoded.
_MARK_BYTES = re.compile("|".join(_MARKS).encode())


def _hide_code(root: etree._Element) -> None:
    """Scripts and styles say nothing, in a cell's text or out of it (the reading
    skips them); emptied once for the document, not looked for in every cell."""
    for hidden in root.iter("script", "style"):
        hidden.text = None


def _read_tokens(element: etree._Element) -> tuple[list[Token], list[str]]:
    """Lines and table cells of an element (its own tail excluded), in reading
    order; cells carry their row's number, counted over the element's tables. And
    the reading lines of those tokens, a table row's cells as one line (CELL)."""
    if _has_marks(element):
        element = _unmarked(element)
    tokens: list[Token] = []
    lines: list[str] = []
    row = 0
    for part in str(_READING(element)).split(_LINE):
        if part.isspace() or not part:
            # Half the parts are the white space between blocks: nothing to squash.
            continue
        table, ended, line = part.partition(_TABLE_END)
        if not ended:
            line = table
        else:
            for cells in table.split(_ROW)[1:]:
                row += 1
                _add_row(cells, row, tokens, lines)
        _add_line(line, tokens, lines)
    return tokens, lines


def _add_row(cells: str, row: int, tokens: list[Token], lines: list[str]) -> None:
    """A table row's cells as tokens, and as one reading line."""
    tokens.extend(_row_tokens(cells, row))
    if (row_line := _row_line(cells)) is not None:
        lines.append(row_line)


def _add_line(text: str, tokens: list[Token], lines: list[str]) -> None:
    """A line outside tables as a token, and as a reading line unless only pipes."""
    line = squash_spaces(text)
    if line:
        tokens.append(make_token(line))
        if line.strip(" |"):
            lines.append(line)


def _has_marks(element: etree._Element) -> bool:
    """Whether the element's text (its tail excluded) holds a mark character."""
    text = etree.tostring(element, method="text", encoding="utf-8", with_tail=False)
    return b"\xef\xb7" in text and _MARK_BYTES.search(text) is not None


# Reports of one template print the same rows at the same place (`规章` then its
# zeros in row 7), so a row's tokens are kept whole.
@lru_cache(maxsize=16384)
def _row_tokens(cells: str, row: int) -> tuple[Token, ...]:
    return tuple(make_token(cell, row) for cell in cells.split(_CELL)[1:])


@lru_cache(maxsize=16384)
def _row_line(cells: str) -> str | None:
    """A row's cells as one reading line; None for a row of no cells, or of
    nothing but blanks and bars."""
    texts = [_normal_forms(cell)[0] for cell in cells.split(_CELL)[1:]]
    line = CELL.join(texts)
    return line if texts and line.strip(" |") else None


def _unmarked(element: etree._Element) -> etree._Element:
    """A copy of the element (the caller's tree stays as it is, its tail left out)
    with every mark character in its text replaced by U+FFFD."""
    copy = deepcopy(element)
    copy.tail = None
    for node in copy.iter():
        if node.text:
            node.text = _MARK_RE.sub("\ufffd", node.text)
        if node.tail:
            node.tail = _MARK_RE.sub("\ufffd", node.tail)
    return copy


def tokenize_tree(element: etree._Element, marked: str | None = None) -> Tokenized:
    """Tokens of an element already parsed (the clean stage's report container,
    from which clean dropped scripts and styles), read in place; from `marked`, its
    reading by the clean stage (markup.marked_reading), when that is given and reads
    as the token reading would."""
    read = None if marked is None else _marked_tokens(marked)
    tokens, lines = _read_tokens(element) if read is None else read
    return Tokenized(tokens, _html_meta(element), lines=lines)


def _marked_tokens(marked: str) -> tuple[list[Token], list[str]] | None:
    """_read_tokens of the element markup.marked_reading read: the same lines and
    table rows, a table's own rows only (its other text, such as a caption, is not
    read); None where the two readings part (markup.ODD, a table inside a table
    outside its cells), and _read_tokens reads the element itself."""
    if markup.ODD in marked:
        return None
    tokens: list[Token] = []
    lines: list[str] = []
    row = 0
    table = False
    for part in marked.split(markup.LINE):
        if part.isspace() or not part:
            continue
        if part[0] == markup.TABLE:
            if table:
                return None
            table = True
        if table:
            if part[0] == markup.ROW:
                row += 1
                _add_row(part[1:-1], row, tokens, lines)
            elif part[-1] == markup.TABLE_END:
                table = False
            continue
        _add_line(part, tokens, lines)
    return tokens, lines


def _tokenize_html(content: str) -> Tokenized:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(content.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return Tokenized(list(_text_tokens(content)), {})
    _hide_code(root)
    body = root.find("body")
    tokens, lines = _read_tokens(body if body is not None else root)
    return Tokenized(tokens, _html_meta(root), _unread(parser), lines)


def _unread(parser: lxml.html.HTMLParser) -> str | None:
    where = unread_part(parser)
    return f"HTML not read past {where} (libxml2 limit)" if where else None


def _html_meta(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = None
    # One walk for both: the first <title> in document order is findtext's.
    for element in root.iter("meta", "title"):
        if element.tag == "title":
            if title is None:
                title = element.text or ""
            continue
        name, content = element.get("name"), (element.get("content") or "").strip()
        if name in _META_NAMES and content and name not in meta:
            meta[name] = content
    if title and title.strip():
        meta["title"] = squash_spaces(title)
    return meta
