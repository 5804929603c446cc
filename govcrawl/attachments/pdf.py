"""PDF attachments with PDFium: text lines as paragraphs, ruled tables as grids.

Merged cells come out of the ruling lines: a cell's edges are matched to the table's
column and row edges, which gives its colspan and rowspan. A table that runs over a
page break is joined back into one grid; a merged cell cut by the break (it prints
its text on the first page only) is joined too."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import pypdfium2

from govcrawl.attachments.limits import Limits
from govcrawl.attachments.pdf_page import Page, read_page
from govcrawl.attachments.pdf_second import read_again
from govcrawl.attachments.pdf_tables import Table
from govcrawl.attachments.pdf_text import Line, text_lines
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
# A gap wider than 0.35 em is a space. Writers put about 0.25 em between CJK and Latin
# characters (autospacing) that is no space in the text; real spaces are glyphs.
_SPACE_GAP = 0.35
_LABEL = re.compile(r"[^\d\s.,+\-－/%]")
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
# PDFium is not thread-safe (pypdfium2's documentation): one document at a time.
_PDFIUM = threading.Lock()


def extract_pdf(body: bytes, name: str, limits: Limits) -> Extracted:
    """The PDF read with PDFium; one PDFium cannot open, or finds nothing in, is
    given to the second reader before it is called broken or empty."""
    result = read_with_pdfium(body, name, limits)
    if not any(finding.kind in (BROKEN, EMPTY) for finding in result.findings):
        return result
    return read_again(
        body, result, lambda rebuilt: read_with_pdfium(rebuilt, name, limits)
    )


def read_with_pdfium(body: bytes, name: str, limits: Limits) -> Extracted:
    result = Extracted("pdf", name)
    if b"%%EOF" not in body[-1024:]:
        result.find(
            TRUNCATED,
            "PDF has no %%EOF marker at its end: the file is cut short or damaged; "
            "only what could be recovered from it is read",
        )
    try:
        blocks = _read(body, limits, result)
    except Exception as error:  # a damaged file raises PdfiumError and others
        result.find(BROKEN, f"PDF could not be read: {type(error).__name__}: {error}")
        return result
    if blocks:
        result.html = render_html(blocks)
        result.text = render_text(blocks)
    return result


def _read(body: bytes, limits: Limits, result: Extracted) -> list[Block]:
    with _PDFIUM:
        document = pypdfium2.PdfDocument(body)
        try:
            result.pages = len(document)
            if result.pages > limits.pdf_max_pages:
                result.find(
                    PAGE_CAP,
                    f"PDF has {result.pages} pages; only the first "
                    f"{limits.pdf_max_pages} are read (GOVCRAWL_PDF_MAX_PAGES)",
                )
            count = min(result.pages, limits.pdf_max_pages)
            pages = [read_page(document[index]) for index in range(count)]
        finally:
            document.close()
    images = sum(page.images for page in pages)
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


@dataclass
class _Paragraph:
    text: str
    indented: bool  # its first line starts right of the text's left margin
    wraps: bool  # its last line reaches the right margin, so it may go on


_PageBlock = Grid | _Paragraph


def _page_blocks(page: Page) -> list[_PageBlock]:
    """Paragraphs and tables of one page, top to bottom, running page numbers out."""
    tables = page.tables
    prose = [c for c in page.chars if not any(t.box.holds(c) for t in tables)]
    lines = text_lines(prose, _SPACE_GAP)
    margins = (
        min((line.x0 for line in lines), default=0.0),
        max((line.x1 for line in lines), default=0.0),
    )
    blocks: list[_PageBlock] = []
    for slot in range(len(tables) + 1):
        above = [t.box.top for t in tables[slot:]]
        below = [t.box.bottom for t in tables[:slot]]
        between = [
            line
            for line in lines
            if all(_middle(line) < top for top in above)
            and all(_middle(line) >= bottom for bottom in below)
        ]
        blocks += _paragraphs(between, margins)
        if slot < len(tables):
            blocks.append(_grid(tables[slot], page))
    for end in (0, -1):
        if blocks and _is_page_number(blocks[end]):
            blocks.pop(end)
    return blocks


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _is_page_number(block: _PageBlock) -> bool:
    return isinstance(block, _Paragraph) and bool(_PAGE_NUMBER.match(block.text))


def _paragraphs(lines: list[Line], margins: tuple[float, float]) -> list[_Paragraph]:
    """A line that reaches the right margin wraps into the next one unless that one
    is indented, as a paragraph's first line is; a line ending short ends it."""
    left, right = margins
    paragraphs: list[_Paragraph] = []
    for line in lines:
        size = line.bottom - line.top
        text = unify_radicals(line.text)
        indented = line.x0 >= left + size
        wraps = line.x1 >= right - 1.5 * size
        if paragraphs and paragraphs[-1].wraps and not indented:
            paragraphs[-1].text += text
            paragraphs[-1].wraps = wraps
        else:
            paragraphs.append(_Paragraph(text, indented, wraps))
    return paragraphs


def unify_radicals(text: str) -> str:
    """Kangxi and supplementary radicals (⼀ U+2F00 for 一) as the ideographs they
    stand for: many Chinese PDF fonts map their glyphs to radicals."""
    return _RADICALS.sub(lambda found: unicodedata.normalize("NFKC", found[0]), text)


def _grid(table: Table, page: Page) -> Grid:
    xs = sorted({round(v, 1) for cell in table.cells for v in (cell.x0, cell.x1)})
    ys = sorted({round(v, 1) for cell in table.cells for v in (cell.top, cell.bottom)})
    grid = Grid(edges=tuple(xs))
    inside = [char for char in page.chars if table.box.holds(char)]
    for box, chars in zip(table.cells, table.cell_chars(inside), strict=True):
        x0, top, x1, bottom = (
            round(v, 1) for v in (box.x0, box.top, box.x1, box.bottom)
        )
        first_row, first_col = ys.index(top), xs.index(x0)
        words = " ".join(line.text for line in text_lines(chars, _SPACE_GAP))
        cell = Cell(unify_radicals(" ".join(words.split())), first_row, first_col)
        cell.rowspan = ys.index(bottom) - first_row
        cell.colspan = xs.index(x1) - first_col
        grid.cells.append(cell)
    return grid


def _join_pages(pages: list[list[_PageBlock]]) -> list[Block]:
    """One block list: a table or a paragraph broken by the page is joined again."""
    blocks: list[_PageBlock] = []
    for page in pages:
        first = page[0] if page else None
        previous = blocks[-1] if blocks else None
        if (
            isinstance(previous, Grid)
            and isinstance(first, Grid)
            and _same_width(previous, first)
        ):
            _append_rows(previous, first)
            page = page[1:]
        elif (
            isinstance(previous, _Paragraph)
            and isinstance(first, _Paragraph)
            and previous.wraps
            and not first.indented
        ):
            previous.text += first.text
            previous.wraps = first.wraps
            page = page[1:]
        blocks += page
    return [block.text if isinstance(block, _Paragraph) else block for block in blocks]


def _same_width(above: Grid, below: Grid) -> bool:
    """A page ending on a table and the next starting on one as wide: one table
    broken by the page (its rows may show other column rules)."""
    return (
        abs(above.edges[0] - below.edges[0]) <= _EDGE_TOLERANCE
        and abs(above.edges[-1] - below.edges[-1]) <= _EDGE_TOLERANCE
    )


def _append_rows(above: Grid, below: Grid) -> None:
    edges = sorted(above.edges)
    for edge in below.edges:
        if all(abs(edge - known) > _EDGE_TOLERANCE for known in edges):
            edges.append(edge)
    edges.sort()
    _place_on(above, edges)
    _place_on(below, edges)
    offset = above.rows
    open_cells = {
        (c.col, c.colspan): c for c in above.cells if c.row + c.rowspan == offset
    }
    for cell in below.cells:
        cut = open_cells.get((cell.col, cell.colspan))
        if cell.row == 0 and cut and _cut_label(cut.text, cell.text):
            cut.text = cut.text or cell.text
            cut.rowspan += cell.rowspan
            continue
        cell.row += offset
        above.cells.append(cell)


def _cut_label(above: str, below: str) -> bool:
    """Halves of a merged label cut by the page: its text prints on one side of the
    break only. A blank next to a number is a blank value: numbers never span rows."""
    return (not above or not below) and bool(_LABEL.search(above + below))


def _place_on(grid: Grid, edges: list[float]) -> None:
    """Re-index the grid's cells on a finer set of column edges."""
    for cell in grid.cells:
        first = _nearest(edges, grid.edges[cell.col])
        cell.colspan = _nearest(edges, grid.edges[cell.col + cell.colspan]) - first
        cell.col = first
    grid.edges = tuple(edges)


def _nearest(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda index: abs(edges[index] - x))
