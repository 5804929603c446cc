"""PDF attachments with pdfplumber: text lines as paragraphs, ruled tables as grids.

Merged cells come out of the ruling lines: a cell's edges are matched to the table's
column and row edges, which gives its colspan and rowspan. A table that runs over a
page break is joined back into one grid; a merged cell cut by the break (it prints
its text on the first page only) is joined too."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber

from govcrawl.attachments.limits import Limits
from govcrawl.attachments.render import Block, Cell, Grid, render_html, render_text
from govcrawl.attachments.result import (
    BROKEN,
    EMPTY,
    NEEDS_OCR,
    PAGE_CAP,
    TRUNCATED,
    Extracted,
)

# Running page numbers: "- 3 -", "3", "第3页", "第 3 页 共 9 页", "3/9".
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(第\s*)?\d+\s*(页)?\s*((/|共)\s*\d+\s*页?)?[-—–\s]*$"
)
_EDGE_TOLERANCE = 2.0


def extract_pdf(body: bytes, name: str, limits: Limits) -> Extracted:
    result = Extracted("pdf", name)
    if b"%%EOF" not in body[-1024:]:
        result.find(
            TRUNCATED,
            "PDF has no %%EOF marker at its end: the file is cut short or damaged; "
            "only what could be recovered from it is read",
        )
    try:
        blocks = _read(body, limits, result)
    except Exception as error:  # pdfminer raises many kinds on damaged files
        result.find(BROKEN, f"PDF could not be read: {type(error).__name__}: {error}")
        return result
    if blocks:
        result.html = render_html(blocks)
        result.text = render_text(blocks)
    return result


def _read(body: bytes, limits: Limits, result: Extracted) -> list[Block]:
    with pdfplumber.open(io.BytesIO(body)) as document:
        result.pages = len(document.pages)
        pages = document.pages[: limits.pdf_max_pages]
        if result.pages > limits.pdf_max_pages:
            result.find(
                PAGE_CAP,
                f"PDF has {result.pages} pages; only the first {limits.pdf_max_pages} "
                "are read (GOVCRAWL_PDF_MAX_PAGES)",
            )
        images = sum(len(page.images) for page in pages)
        if not any(page.chars for page in pages):
            _no_text(result, images)
            return []
        blocks = _join_pages([_page_blocks(page) for page in pages])
    if not any(isinstance(block, Grid) for block in blocks):
        result.find_no_tables(images)
    return blocks


def _no_text(result: Extracted, images: int) -> None:
    if images:
        result.find(
            NEEDS_OCR,
            f"PDF has no text layer, only {images} image(s): a scanned report that "
            "needs OCR, which govcrawl does not do",
        )
    else:
        result.find(EMPTY, "PDF has neither text nor images on its pages")


def _page_blocks(page: Any) -> list[Block]:
    blocks: list[Block] = []
    top = page.bbox[1]
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        blocks += _paragraphs(page, top, table.bbox[1])
        blocks.append(_grid(table))
        top = table.bbox[3]
    blocks += _paragraphs(page, top, page.bbox[3])
    for end in (0, -1):
        if blocks and _is_page_number(blocks[end]):
            blocks.pop(end)
    return blocks


def _is_page_number(block: Block) -> bool:
    return isinstance(block, str) and _PAGE_NUMBER.match(block) is not None


def _paragraphs(page: Any, top: float, bottom: float) -> list[str]:
    """Lines whose middle lies between top and bottom (glyphs overshoot a table's top
    rule), joined into paragraphs: a line that reaches the right margin wraps into the
    next one unless that one is indented, as a paragraph's first line is."""
    region = page.filter(lambda obj: top <= (obj["top"] + obj["bottom"]) / 2 < bottom)
    lines = region.extract_text_lines(strip=True)
    page_lines = page.extract_text_lines()
    left = min((line["x0"] for line in page_lines), default=0.0)
    right = max((line["x1"] for line in page_lines), default=0.0)
    paragraphs: list[str] = []
    wraps = False
    for line in lines:
        size = line["bottom"] - line["top"]
        if wraps and line["x0"] < left + size:
            paragraphs[-1] += line["text"]
        else:
            paragraphs.append(line["text"])
        wraps = line["x1"] >= right - 1.5 * size
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


def _grid(table: Any) -> Grid:
    xs = sorted({round(v, 1) for cell in table.cells for v in (cell[0], cell[2])})
    ys = sorted({round(v, 1) for cell in table.cells for v in (cell[1], cell[3])})
    grid = Grid(edges=tuple(xs))
    for row, texts in zip(table.rows, table.extract(), strict=True):
        for bbox, text in zip(row.cells, texts, strict=True):
            if bbox is None:
                continue
            x0, top, x1, bottom = (round(v, 1) for v in bbox)
            first_row, first_col = ys.index(top), xs.index(x0)
            cell = Cell(" ".join((text or "").split()), first_row, first_col)
            cell.rowspan = ys.index(bottom) - first_row
            cell.colspan = xs.index(x1) - first_col
            grid.cells.append(cell)
    return grid


def _join_pages(pages: list[list[Block]]) -> list[Block]:
    blocks: list[Block] = []
    for page in pages:
        first = page[0] if page else None
        previous = blocks[-1] if blocks else None
        if (
            isinstance(previous, Grid)
            and isinstance(first, Grid)
            and _same_columns(previous, first)
        ):
            _append_rows(previous, first)
            page = page[1:]
        blocks += page
    return blocks


def _same_columns(above: Grid, below: Grid) -> bool:
    """A page ending on a table and the next starting on one with the same column
    edges: one table broken by the page."""
    return len(above.edges) == len(below.edges) and all(
        abs(a - b) <= _EDGE_TOLERANCE
        for a, b in zip(above.edges, below.edges, strict=True)
    )


def _append_rows(above: Grid, below: Grid) -> None:
    offset = above.rows
    open_cells = {
        (c.col, c.colspan): c for c in above.cells if c.row + c.rowspan == offset
    }
    for cell in below.cells:
        cut = open_cells.get((cell.col, cell.colspan))
        if cell.row == 0 and not cell.text and cut is not None and cut.rowspan > 1:
            cut.rowspan += cell.rowspan
            continue
        cell.row += offset
        above.cells.append(cell)
