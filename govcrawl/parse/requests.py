"""Tables 三 (申请) and 四 (复议/诉讼): columns from the header tree, rows by label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from govcrawl.model import Report
from govcrawl.normalize import label_key
from govcrawl.parse.cells import RowRead, read_row, read_value_row
from govcrawl.parse.glued import Glued, digit_count, number_runs, split_label
from govcrawl.parse.labels import align_header, match_label
from govcrawl.parse.recover import GluedRow, recover_requests, recover_review
from govcrawl.parse.regions import Region
from govcrawl.parse.rowkeys import GROUP_KEYS, ROW_LABELS, RowResolver, group_name
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, is_value
from govcrawl.template import (
    REQUEST_HEADER,
    REQUEST_HEADER_NOTE,
    REQUEST_HEADER_WRAPPER,
    REVIEW_HEADER,
    REVIEW_LITIGATION_KEYS,
)

T3 = "table 三"
T4 = "table 四"


@dataclass
class _Table:
    """Table 三 as it is read: its columns, the open group, the glued rows seen."""

    columns: list[str]
    report: Report
    rows: RowResolver = field(default_factory=RowResolver)
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
    if glued is not None and match_label(label_key(glued.label), ROW_LABELS):
        return True
    if index + 1 >= end or match_label(tokens[index].key, ROW_LABELS) is None:
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
    glued = split_label(token.text)
    printed = glued.label if glued else token.text
    match = table.rows.resolve(label_key(printed), printed)
    if match.label is None and glued is not None:
        glued, printed = None, token.text
        match = table.rows.resolve(token.key, printed)
    label = match.label
    if label is None:
        return _unknown_row(tokens, index, table)
    if match.note:
        report.find("row_by_number", match.note, T3)
    opens = glued is not None or _opens_data_row(tokens, index, end)
    if label.key in GROUP_KEYS or (label.key == "other_handling" and not opens):
        return index + 1
    read = read_row(tokens, index + 1, len(table.columns), f"{T3} {label.key}")
    if label.key in report.requests:
        report.find(
            "duplicate_row", f"row '{token.text}' printed twice; first kept", T3
        )
        return max(read.next_index, index + 1)
    runs = _glued_runs(glued, read, len(table.columns))
    if runs is not None:
        digits = " ".join(runs)
        table.glued.append(GluedRow(label.key, runs, digits))
        return max(read.next_index, index + 1)
    report.findings.extend(read.findings)
    report.requests[label.key] = {}
    for column, cell in zip(table.columns, read.cells, strict=True):
        _store(report, f"requests.{label.key}.{column}", cell)
        report.requests[label.key][column] = _count(cell)
    return max(read.next_index, index + 1)


def _glued_runs(
    glued: Glued | None, read: RowRead, width: int
) -> tuple[str, ...] | None:
    """The digit runs of a row whose cells are glued together: after its label, or in
    one cell that holds the whole row. None when the row has its cells."""
    printed = [cell.raw for cell in read.cells if cell.raw.strip()]
    if glued is not None:
        return glued.runs if not printed else None
    if len(printed) != 1 or not any(f.kind == "short_row" for f in read.findings):
        return None
    runs = number_runs(printed[0])
    return runs if runs and (len(runs) > 1 or digit_count(runs) >= width) else None


def _unknown_row(tokens: Sequence[Token], index: int, table: _Table) -> int:
    """A label that matches no row: the values after it go into the finding, under
    no key. A label cell after it (a group cell cut in two) is read on its own."""
    token, report = tokens[index], table.report
    if not token.key:
        return index + 1
    if is_value(token.key):
        report.find("stray_value", f"'{token.text}' is not a row of the template", T3)
        return index + 1
    group = f" in {group_name(table.rows.group)}" if table.rows.group else ""
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
    runs = _glued_runs(None, read, len(columns))
    if runs is not None and columns == list(REVIEW_LITIGATION_KEYS):
        recover_review(runs, " ".join(runs), report)
        return
    report.findings.extend(read.findings)
    values = dict(zip(columns, read.cells, strict=True))
    for key in REVIEW_LITIGATION_KEYS:
        cell = values.get(key, Cell(None, "", "missing"))
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
