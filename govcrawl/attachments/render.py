"""Documents as ordered blocks (paragraphs, table grids) rendered to HTML and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    """A table as cells placed on a row/column grid, merged cells spanning."""

    cells: list[Cell] = field(default_factory=list)
    # Column edges in PDF points, to recognise a table continued on the next page.
    edges: tuple[float, ...] = ()

    @property
    def rows(self) -> int:
        return max((cell.row + cell.rowspan for cell in self.cells), default=0)

    def row_cells(self, row: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


Block = str | Grid


def render_html(blocks: list[Block]) -> str:
    parts = [
        _table_html(b) if isinstance(b, Grid) else _paragraph_html(b) for b in blocks
    ]
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


def render_text(blocks: list[Block]) -> str:
    parts = [_table_text(b) if isinstance(b, Grid) else b for b in blocks]
    return "\n".join(parts) + "\n"


def _paragraph_html(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _cell_html(cell: Cell) -> str:
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    return f"<td{spans}>{escape(cell.text)}</td>"


def _table_html(grid: Grid) -> str:
    rows = (
        "<tr>" + "".join(_cell_html(c) for c in grid.row_cells(row)) + "</tr>"
        for row in range(grid.rows)
    )
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _table_text(grid: Grid) -> str:
    """One line a row, cells between ' | '; a merged cell is followed by empty cells
    for the columns it covers, so positions still line up."""
    lines = []
    for row in range(grid.rows):
        texts: list[str] = []
        for cell in grid.row_cells(row):
            texts += [cell.text] + [""] * (cell.colspan - 1)
        lines.append(" | ".join(texts))
    return "\n".join(lines)
