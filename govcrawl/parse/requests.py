"""Tables 三 (申请) and 四 (复议/诉讼): columns from the header tree, rows by label."""

from __future__ import annotations

from collections.abc import Sequence

from govcrawl.model import Report
from govcrawl.parse.cells import read_row, read_value_row
from govcrawl.parse.labels import align_header, match_label
from govcrawl.parse.regions import Region
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, is_value
from govcrawl.template import (
    REQUEST_GROUPS,
    REQUEST_HEADER,
    REQUEST_HEADER_NOTE,
    REQUEST_HEADER_WRAPPER,
    REQUEST_ROWS,
    REVIEW_HEADER,
    REVIEW_LITIGATION_KEYS,
)

_ROW_LABELS = (*REQUEST_ROWS, *REQUEST_GROUPS)
_GROUP_KEYS = frozenset(label.key for label in REQUEST_GROUPS)
T3 = "table 三"
T4 = "table 四"


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
    while index < region.end:
        index = _parse_request_row(tokens, index, region.end, columns, report)


def _opens_data_row(tokens: Sequence[Token], index: int, end: int) -> bool:
    """A row label followed by a value cell: where the header stops. Header cells
    such as 总计 and 其他 also read as row labels, but a header cell follows them."""
    if index + 1 >= end or match_label(tokens[index].key, _ROW_LABELS) is None:
        return False
    token, following = tokens[index], tokens[index + 1]
    same_row_blank = (
        token.row is not None and following.row == token.row and not following.key
    )
    return is_value(following.key) or same_row_blank


def _parse_request_row(
    tokens: Sequence[Token], index: int, end: int, columns: list[str], report: Report
) -> int:
    token = tokens[index]
    label = match_label(token.key, _ROW_LABELS)
    if label is None:
        if token.key:
            kind = "stray_value" if is_value(token.key) else "unknown_label"
            report.find(kind, f"'{token.text}' is not a row of the template", T3)
        return index + 1
    if label.key in _GROUP_KEYS or (
        label.key == "other_handling" and not _opens_data_row(tokens, index, end)
    ):
        return index + 1
    read = read_row(tokens, index + 1, len(columns), f"{T3} {label.key}")
    report.findings.extend(read.findings)
    if label.key in report.requests:
        report.find(
            "duplicate_row", f"row '{token.text}' printed twice; first kept", T3
        )
    else:
        report.requests[label.key] = {}
        for column, cell in zip(columns, read.cells, strict=True):
            _store(report, f"requests.{label.key}.{column}", cell)
            report.requests[label.key][column] = _count(cell)
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
