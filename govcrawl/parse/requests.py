"""Tables 三 (申请) and 四 (复议/诉讼): columns from the header tree, rows by label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from govcrawl.model import Report
from govcrawl.normalize import label_key
from govcrawl.parse.cells import RowRead, read_row, read_value_row
from govcrawl.parse.glued import Glued, row_runs, split_label
from govcrawl.parse.labels import align_header
from govcrawl.parse.recover import GluedRow, recover_requests, recover_review
from govcrawl.parse.regions import Region
from govcrawl.parse.rowkeys import (
    GROUP_KEYS,
    RowMatch,
    group_name,
    resolved,
    row_label,
)
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, is_value, parse_cell
from govcrawl.patterns import lazy
from govcrawl.template import (
    REQUEST_HEADER,
    REQUEST_HEADER_NOTE,
    REQUEST_HEADER_WRAPPER,
    REVIEW_HEADER,
    REVIEW_LITIGATION_KEYS,
    Label,
)

_NUMBERED = lazy(r"^(?:\d{1,2}[.、,]|\([一二三四五六七]\)|[一二三四][、.,])")
T3 = "table 三"
_NO_MATCH = RowMatch(None)
T4 = "table 四"


@dataclass
class _Table:
    """Table 三 as it is read: its columns, the open group (rowkeys.RowResolver's),
    the glued rows seen."""

    columns: list[str]
    report: Report
    group: str | None = None
    glued: list[GluedRow] = field(default_factory=list)


def parse_requests(tokens: Sequence[Token], region: Region, report: Report) -> None:
    index = region.start
    header: list[str] = []
    while index < region.end and not _opens_data_row(tokens, index, region.end):
        key = tokens[index].key
        if REQUEST_HEADER_NOTE not in key and key != REQUEST_HEADER_WRAPPER:
            header.append(key)
        index += 1
    columns, findings = align_header(header, REQUEST_HEADER, f"{T3} header")
    report.findings.extend(findings)
    if index >= region.end and not findings:
        report.find("missing_values", "table 三 has a header but no rows", T3)
    table = _Table(columns, report)
    while index < region.end:
        index = _parse_request_row(tokens, index, region.end, table)
    if table.glued:
        recover_requests(table.glued, columns, report)


def _opens_data_row(tokens: Sequence[Token], index: int, end: int) -> bool:
    """A row label followed by a value cell: where the header stops. Header cells
    such as 总计 and 其他 also read as row labels, but a header cell follows them.
    A row label with its numbers glued on opens a data row by itself."""
    glued = split_label(tokens[index].text)
    if glued is not None and row_label(label_key(glued.label)):
        return True
    if index + 1 >= end or row_label(tokens[index].key) is None:
        return False
    token, following = tokens[index], tokens[index + 1]
    same_row_blank = (
        token.row is not None and following.row == token.row and not following.key
    )
    return is_value(following.key) or same_row_blank


def _parse_request_row(
    tokens: Sequence[Token], index: int, end: int, table: _Table
) -> int:
    token, report = tokens[index], table.report
    label, glued = _resolve(token, table)
    if label is None:
        return _unknown_row(tokens, index, table)
    if label.key in GROUP_KEYS or (
        label.key == "other_handling"
        and glued is None
        and not _opens_data_row(tokens, index, end)
    ):
        return index + 1
    width = len(table.columns)
    read = read_row(tokens, index + 1, width, f"{T3} {label.key}")
    next_index = max(read.next_index, index + 1)
    if label.key in report.requests:
        report.find(
            "duplicate_row", f"row '{token.text}' printed twice; first kept", T3
        )
        return next_index
    if glued is None and token.row is None and _no_cells(read):
        continued = _continuation(tokens, next_index, end, width, label.key, report)
        if continued is not None:
            glued, read, next_index = continued
    # A row read whole, with nothing glued, has no runs to recover (most rows).
    runs = _runs(glued, read, width) if glued is not None or read.findings else None
    if glued is not None and runs is None:
        message = f"digits '{' '.join(glued.runs)}' after the label are not a cell"
        report.find("label_digits", message, f"{T3} {label.key}")
    if runs is not None and len(runs) == width:
        read = RowRead([parse_cell(run) for run in runs], next_index)
    elif runs is not None:
        table.glued.append(GluedRow(label.key, runs, " ".join(runs)))
        return next_index
    report.findings.extend(read.findings)
    counts, notable = _row_counts(tuple(read.cells))
    report.requests[label.key] = dict(zip(table.columns, counts, strict=True))
    for index in notable:
        path = f"requests.{label.key}.{table.columns[index]}"
        _store(report, path, read.cells[index])
    return next_index


# Rows of cells repeat (seven zeros): their counts, and which cells carry a flag or a
# raw text to keep, are read once per distinct row.
@lru_cache(maxsize=16384)
def _row_counts(
    cells: tuple[Cell, ...],
) -> tuple[tuple[int | None, ...], tuple[int, ...]]:
    notable = tuple(
        index
        for index, cell in enumerate(cells)
        if cell.flag is not None or isinstance(cell.value, float)
    )
    return tuple(_count(cell) for cell in cells), notable


def _resolve(token: Token, table: _Table) -> tuple[Label | None, Glued | None]:
    """The row a label token stands for, and the numbers glued after its label."""
    glued = split_label(token.text)
    match, group = _NO_MATCH, table.group
    if glued is not None:
        match, group = resolved(label_key(glued.label), glued.label, group)
    if match.label is None:
        glued, (match, group) = None, resolved(token.key, token.text, group)
    table.group = group
    if match.note:
        table.report.find(match.kind, match.note, T3)
    return match.label, glued


def _runs(glued: Glued | None, read: RowRead, width: int) -> tuple[str, ...] | None:
    short = any(finding.kind == "short_row" for finding in read.findings)
    if glued is None and not short:
        return None
    return row_runs(glued, [cell.raw for cell in read.cells], short, width)


def _no_cells(read: RowRead) -> bool:
    return not any(cell.raw.strip() for cell in read.cells)


def _continuation(
    tokens: Sequence[Token], index: int, end: int, width: int, row: str, report: Report
) -> tuple[Glued | None, RowRead, int] | None:
    """A label wrapped onto the next line of flattened text (`（二）部分公开（区分处理的，
    只计这一情` / `形，不计其他情形） 447 7 0 0 0 0 454`): the next line is no row label
    and starts with no numbering, and the row's cells follow it or end it."""
    if index >= end or tokens[index].row is not None:
        return None
    token = tokens[index]
    glued = split_label(token.text)
    rest = glued.label if glued else token.text
    if is_value(token.key) or _NUMBERED.match(label_key(rest)):
        return None
    if row_label(label_key(rest)) is not None:
        return None
    read = read_row(tokens, index + 1, width, f"{T3} {row}")
    if glued is None and _no_cells(read):
        return None
    message = f"'{token.text}' read as the rest of the label of row {row}"
    report.find("label_continued", message, T3)
    return glued, read, max(read.next_index, index + 1)


def _unknown_row(tokens: Sequence[Token], index: int, table: _Table) -> int:
    """A label that matches no row: the values after it go into the finding, under
    no key. A label cell after it (a group cell cut in two) is read on its own."""
    token, report = tokens[index], table.report
    if not token.key:
        return index + 1
    if is_value(token.key):
        report.find("stray_value", f"'{token.text}' is not a row of the template", T3)
        return index + 1
    group = f" in {group_name(table.group)}" if table.group else ""
    message = f"'{token.text}'{group} is not a row of the template"
    read = read_row(tokens, index + 1, len(table.columns), T3)
    cells = [cell.raw for cell in read.cells if cell.raw.strip()]
    if not cells or any(not is_value(label_key(cell)) for cell in cells):
        report.find("unknown_label", message, T3)
        return index + 1
    report.find("unknown_label", f"{message}; its cells {cells} are not filed", T3)
    return max(read.next_index, index + 1)


def parse_review(tokens: Sequence[Token], region: Region, report: Report) -> None:
    index = region.start
    header: list[str] = []
    while index < region.end and not is_value(tokens[index].key):
        header.append(tokens[index].key)
        index += 1
    columns, findings = align_header(header, REVIEW_HEADER, f"{T4} header")
    report.findings.extend(findings)
    if index >= region.end:
        report.find("missing_values", "table 四 has a header but no values", T4)
        return
    read = read_value_row(tokens, index, len(columns), T4)
    runs = _runs(None, read, len(columns))
    if runs is not None and columns == list(REVIEW_LITIGATION_KEYS):
        recover_review(runs, " ".join(runs), report)
        return
    report.findings.extend(read.findings)
    values = dict(zip(columns, read.cells, strict=True))
    missing = Cell(None, "", "missing")
    for key in REVIEW_LITIGATION_KEYS:
        cell = values.get(key, missing)
        # Most cells are whole counts: nothing to flag or keep raw (_store's cases).
        if cell.flag is not None or isinstance(cell.value, float):
            _store(report, f"review_litigation.{key}", cell)
        report.review_litigation[key] = _count(cell)


def _store(report: Report, path: str, cell: Cell) -> None:
    if cell.flag:
        report.flags[path] = cell.flag
    if cell.flag == "unreadable":
        report.find("unreadable_cell", f"'{cell.raw}' is not a number", path)
    elif isinstance(cell.value, float):
        report.flags[path] = "not_integer"
        report.raw[path] = cell.raw.strip()
        report.find("not_integer", f"'{cell.raw}' is not a whole count", path)


def _count(cell: Cell) -> int | None:
    """Counts are integers; a fractional count is kept raw and flagged (B7)."""
    return cell.value if isinstance(cell.value, int) or cell.value is None else None
