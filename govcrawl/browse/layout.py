"""The three tables as the national template prints them (spec/template.md): header
rows and labelled body rows of cell paths, for the report page to fill."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.template import (
    BLOCK_NUMERALS,
    OTHER_SUBROWS,
    PROACTIVE_COLUMNS,
    PROACTIVE_KEYS,
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_HEADER,
    REQUEST_ROWS,
    REVIEW_HEADER,
    REVIEW_LITIGATION_KEYS,
    Column,
)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class BodyRow:
    """A printed row: its label, and one cell path per column (None: no cell)."""

    label: str
    paths: list[str | None] = field(default_factory=list)
    group: bool = False
    derived: bool = False


@dataclass
class Layout:
    title: str
    header: list[list[HeaderCell]]
    rows: list[BodyRow]


def _width(column: Column) -> int:
    return sum(_width(child) for child in column.children) or 1


def _depth(columns: tuple[Column, ...]) -> int:
    return 1 + max((_depth(c.children) for c in columns if c.children), default=0)


def _header(columns: tuple[Column, ...], corner: str) -> list[list[HeaderCell]]:
    depth = _depth(columns)
    rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    rows[0].append(HeaderCell(corner, rowspan=depth))

    def place(column: Column, level: int) -> None:
        span = 1 if column.children else depth - level
        rows[level].append(HeaderCell(column.label.text, _width(column), span))
        for child in column.children:
            place(child, level + 1)

    for column in columns:
        place(column, 0)
    return rows


_SUBROW_OWNER = {
    "withheld_": "withheld_subtotal",
    "unable_": "unable_subtotal",
    "not_processed_": "not_processed_subtotal",
}


def requests_layout(printed: set[str]) -> Layout:
    """Table 三 in print order; (六) as one row or three, as the report printed it."""
    groups = {label.key: label.text for label in REQUEST_GROUPS}
    three_other = bool(printed & set(OTHER_SUBROWS))
    rows: list[BodyRow] = []
    opened: set[str] = set()
    for label in REQUEST_ROWS:
        key = label.key
        if key == "granted":
            rows.append(BodyRow(groups["results"], group=True))
        owner = next((g for p, g in _SUBROW_OWNER.items() if key.startswith(p)), None)
        if owner and owner not in opened:
            opened.add(owner)
            rows.append(_request_row(groups[owner], owner, derived=True))
        if key in OTHER_SUBROWS and not three_other:
            continue
        derived = key == "other_handling" and three_other
        rows.append(_request_row(label.text, key, derived=derived))
    header = _header(REQUEST_HEADER, "")
    header[0].pop(0)
    wrapper = HeaderCell("申请人情况", colspan=len(REQUEST_COLUMNS))
    header.insert(0, [HeaderCell("", rowspan=len(header) + 1), wrapper])
    return Layout("三、收到和处理政府信息公开申请情况", header, rows)


def _request_row(label: str, key: str, *, derived: bool = False) -> BodyRow:
    paths: list[str | None] = [f"requests.{key}.{c}" for c in REQUEST_COLUMNS]
    return BodyRow(label, paths, derived=derived)


def review_layout() -> Layout:
    """Table 四: one row of fifteen cells under 行政复议 and the two 行政诉讼 groups."""
    paths: list[str | None] = [f"review_litigation.{k}" for k in REVIEW_LITIGATION_KEYS]
    header = _header(REVIEW_HEADER, "")
    return Layout(
        "四、政府信息公开行政复议、行政诉讼情况", header, [BodyRow("", paths)]
    )


def proactive_layout(template: str | None) -> list[Layout]:
    """Table 二 block by block (第二十条第(一)项 …) for the report's template."""
    version = template if template in PROACTIVE_KEYS else "v2021"
    keys = set(PROACTIVE_KEYS[version])
    columns = [(label, v) for label, v in PROACTIVE_COLUMNS if v == version]
    layouts = []
    for numeral, block in BLOCK_NUMERALS.items():
        row_labels = PROACTIVE_ROWS[block]
        used = [
            label
            for label, _ in columns
            if any(f"{row.key}_{label.key}" in keys for row in row_labels)
        ]
        if not used:
            continue
        header = [[HeaderCell("信息内容")] + [HeaderCell(c.text) for c in used]]
        rows = [
            BodyRow(
                row.text,
                [
                    f"proactive.{row.key}_{c.key}"
                    if f"{row.key}_{c.key}" in keys
                    else None
                    for c in used
                ],
            )
            for row in row_labels
        ]
        layouts.append(Layout(f"第二十条第({numeral})项", header, rows))
    return layouts
