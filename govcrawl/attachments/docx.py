"""DOCX attachments: body paragraphs and tables in document order, merged cells kept.

Word stores a horizontal merge as <w:gridSpan w:val="n"/> on one cell and a vertical
merge as <w:vMerge w:val="restart"/> on the top cell plus a bare <w:vMerge/> on each
cell below it; these become colspan and rowspan, the template's own layout."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from govcrawl.attachments.limits import Limits, archive_problem
from govcrawl.attachments.render import Block, Cell, Grid, render_html, render_text
from govcrawl.attachments.result import BROKEN, EMPTY, UNSAFE_ARCHIVE, Extracted


def extract_docx(
    body: bytes, name: str, limits: Limits, kind: str = "docx"
) -> Extracted:
    result = Extracted(kind, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        result.find(BROKEN, f"DOCX is not a readable zip archive ({error})")
        return result
    problem = archive_problem(archive, limits, body)
    if problem:
        result.find(UNSAFE_ARCHIVE, f"DOCX not opened: {problem}")
        return result
    document = docx.Document(io.BytesIO(body))
    blocks = list(_body_blocks(document.element.body))
    if not blocks:
        result.find(EMPTY, "DOCX has no text in its body paragraphs or tables")
        return result
    if not any(isinstance(block, Grid) for block in blocks):
        body_element = document.element.body
        result.find_no_tables(
            len(list(body_element.iter(qn("w:drawing"), qn("w:pict"))))
        )
    result.html = render_html(blocks)
    result.text = render_text(blocks)
    return result


def _body_blocks(container: Any) -> Iterator[Block]:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            text = _text(child)
            if text.strip():
                yield text
        elif child.tag == qn("w:tbl"):
            yield _grid(child)
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _body_blocks(content)


def _text(element: Any) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _cell_text(tc: Any) -> str:
    lines = (_text(p) for p in tc.iter(qn("w:p")))
    return " ".join(line.strip() for line in lines if line.strip())


def _grid(tbl: Any) -> Grid:
    grid = Grid()
    open_cells: dict[int, Cell] = {}
    for row, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        col = _property(tr, "w:trPr", "w:gridBefore", 0)
        for tc in tr.iterchildren(qn("w:tc")):
            span = _property(tc, "w:tcPr", "w:gridSpan", 1)
            merge = _vmerge(tc)
            above = open_cells.get(col)
            if merge == "continue" and above is not None and above.colspan == span:
                above.rowspan += 1
            else:
                cell = Cell(_cell_text(tc), row, col, colspan=span)
                grid.cells.append(cell)
                for covered in range(col, col + span):
                    open_cells.pop(covered, None)
                open_cells[col] = cell
            col += span
    return grid


def _property(element: Any, holder: str, tag: str, default: int) -> int:
    found = element.find(f"{qn(holder)}/{qn(tag)}")
    if found is None:
        return default
    return int(found.get(qn("w:val"), default))


def _vmerge(tc: Any) -> str | None:
    found = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if found is None:
        return None
    return "restart" if found.get(qn("w:val")) == "restart" else "continue"
