"""Glued rows of tables 三 and 四 back into cells, where the identities allow one split.

A recovered cell is flagged `recovered` (report.flags, like `blank` and `derived`) and
the split is named in a `recovered_cells` finding. A row the identities leave open,
or that no split fits, keeps empty cells flagged `glued`, its printed digits in
report.raw and a `glued_cells` finding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from math import prod

from govcrawl.model import Report
from govcrawl.parse.glued import SearchTooLarge, segmentations
from govcrawl.template import APPLICANT_COLUMNS, REVIEW_LITIGATION_KEYS, result_leaves

Split = tuple[int, ...]
# Rows the row sum leaves open are tried together against B1/B2; beyond this many
# combinations the rows are left to a finding.
MAX_COMBINATIONS = 10_000
_B1 = (("new_requests", "carried_over"), ("total_processed", "carried_forward"))


@dataclass(frozen=True)
class GluedRow:
    row: str
    runs: tuple[str, ...]
    printed: str


def recover_requests(
    glued: Sequence[GluedRow], columns: Sequence[str], report: Report
) -> None:
    for item in glued:
        report.requests[item.row] = dict.fromkeys(columns)
    if list(columns)[-1:] != ["total"] or len(columns) != len(APPLICANT_COLUMNS) + 1:
        for item in glued:
            _leave(report, item, columns, "the header does not end in 总计 (B3)")
        return
    searched = {item.row: _splits(item) for item in glued}
    for item in glued:
        splits = searched[item.row]
        if isinstance(splits, str):
            _leave(report, item, columns, splits)
        elif len(splits) == 1:
            _fill(report, item, columns, splits[0], "B3 allows")
        elif not splits:
            _leave(report, item, columns, "no split gives total = the six columns (B3)")
    options = {
        row: splits
        for row, splits in searched.items()
        if not isinstance(splits, str) and len(splits) > 1
    }
    open_rows = [item for item in glued if item.row in options]
    chosen = _by_columns(open_rows, options, columns, report)
    for item in open_rows:
        if item.row in chosen:
            _fill(report, item, columns, chosen[item.row], "B3 with B1/B2 allows")
        else:
            splits = options[item.row]
            reason = (
                f"{len(splits)} splits fit B3 and B1/B2 do not decide "
                f"({_shown(splits)})"
            )
            _leave(report, item, columns, reason)


def recover_review(runs: tuple[str, ...], printed: str, report: Report) -> bool:
    """Table 四's 15 values glued: each group of four outcomes and its total (B4-B6)."""
    where = "table 四"
    try:
        splits = segmentations(runs, (4, 4, 4))
    except SearchTooLarge as error:
        splits, note = [], f"too long to split ({error})"
    else:
        note = (
            f"{len(splits)} splits fit B4-B6 ({_shown(splits)})"
            if splits
            else ("no split fits B4-B6")
        )
    if len(splits) != 1:
        report.find("glued_cells", f"'{printed}': {note}; cells left blank", where)
        for key in REVIEW_LITIGATION_KEYS:
            report.flags[f"review_litigation.{key}"] = "glued"
            report.raw[f"review_litigation.{key}"] = printed
            report.review_litigation[key] = None
        return False
    for key, value in zip(REVIEW_LITIGATION_KEYS, splits[0], strict=True):
        report.flags[f"review_litigation.{key}"] = "recovered"
        report.review_litigation[key] = value
    shown = " | ".join(map(str, splits[0]))
    message = f"'{printed}' read as {shown}: the only split B4-B6 allow"
    report.find("recovered_cells", message, where)
    return True


def _splits(item: GluedRow) -> list[Split] | str:
    """The splits the row sum allows, or why the row was not searched."""
    try:
        return segmentations(item.runs, (len(APPLICANT_COLUMNS),))
    except SearchTooLarge as error:
        return f"too long to split ({error})"


def _by_columns(
    open_rows: list[GluedRow],
    options: dict[str, list[Split]],
    columns: Sequence[str],
    report: Report,
) -> dict[str, Split]:
    """The one combination of the open rows' splits under which B1 and B2 hold in
    every column they can be checked in; empty when none or several do."""
    if not open_rows:
        return {}
    names = [item.row for item in open_rows]
    if prod(len(options[name]) for name in names) > MAX_COMBINATIONS:
        return {}
    equations = [eq for eq in _equations(report) if set(names) & _rows_of(eq)]
    if not equations:
        return {}
    fitting = [
        combination
        for combination in product(*(options[name] for name in names))
        if _holds(
            equations, dict(zip(names, combination, strict=True)), columns, report
        )
    ]
    return dict(zip(names, fitting[0], strict=True)) if len(fitting) == 1 else {}


Equation = tuple[tuple[str, ...], tuple[str, ...]]


def _equations(report: Report) -> list[Equation]:
    printed = set(report.requests)
    leaves = tuple(row for row in result_leaves(printed) if row in printed)
    candidates = [_B1, (("total_processed",), leaves)]
    return [eq for eq in candidates if _rows_of(eq) <= printed]


def _rows_of(equation: Equation) -> set[str]:
    return {*equation[0], *equation[1]}


def _holds(
    equations: list[Equation],
    trial: dict[str, Split],
    columns: Sequence[str],
    report: Report,
) -> bool:
    for index, column in enumerate(columns):
        for left, right in equations:

            def value(row: str, i: int = index, c: str = column) -> int | None:
                return trial[row][i] if row in trial else report.requests[row].get(c)

            sides = [[value(row) for row in side] for side in (left, right)]
            if any(v is None for side in sides for v in side):
                continue
            if sum(v or 0 for v in sides[0]) != sum(v or 0 for v in sides[1]):
                return False
    return True


def _fill(
    report: Report, item: GluedRow, columns: Sequence[str], split: Split, how: str
) -> None:
    for column, value in zip(columns, split, strict=True):
        report.flags[f"requests.{item.row}.{column}"] = "recovered"
        report.requests[item.row][column] = value
    shown = " | ".join(map(str, split))
    message = f"'{item.printed}' read as {shown}: the only split {how}"
    report.find("recovered_cells", message, _where(item))


def _leave(report: Report, item: GluedRow, columns: Sequence[str], reason: str) -> None:
    for column in columns:
        path = f"requests.{item.row}.{column}"
        report.flags[path] = "glued"
        report.raw[path] = item.printed
    report.find(
        "glued_cells", f"'{item.printed}': {reason}; cells left blank", _where(item)
    )


def _shown(splits: list[Split]) -> str:
    """The splits left open, the first few of them, as the finding names them."""
    more = f"; {len(splits) - 4} more" if len(splits) > 4 else ""
    return "; ".join(" | ".join(map(str, split)) for split in splits[:4]) + more


def _where(item: GluedRow) -> str:
    return f"table 三 {item.row}"
