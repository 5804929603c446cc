"""Values the template implies but a report may not print: blank totals filled from
their parts (flagged `derived`, spec §5/§6.1) and the group subtotals."""

from __future__ import annotations

from collections.abc import Iterable

from govcrawl.model import Report
from govcrawl.template import (
    APPLICANT_COLUMNS,
    OTHER_SUBROWS,
    REVIEW_LITIGATION_KEYS,
    SUBTOTALS,
    result_leaves,
)


def _sum(values: Iterable[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def derive(report: Report) -> None:
    _derive_row_totals(report)
    _derive_review_totals(report)
    _derive_total_processed(report)
    _derive_subtotals(report)


def _fill(report: Report, path: str, parts: list[int | None]) -> int | None:
    """A blank total becomes the sum of its printed parts; never a guessed 0."""
    total = _sum(parts)
    if total is not None:
        report.flags[path] = "derived"
        report.find(
            "derived_total",
            f"blank total filled with the sum of its parts: {total}",
            path,
        )
    return total


def _blank(report: Report, path: str) -> bool:
    return report.flags.get(path) == "blank"


# A total is filled only when it is blank: most are printed, so each is tested for a
# value before its path and parts are put together.
def _derive_row_totals(report: Report) -> None:
    for row, cells in report.requests.items():
        total = cells.get("total")
        if total is None and _blank(report, path := f"requests.{row}.total"):
            total = _fill(report, path, [cells.get(c) for c in APPLICANT_COLUMNS])
        cells["total"] = total


def _review_totals() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Table 四's three totals, each with its parts (the keys before it)."""
    totals = []
    for prefix in ("review", "suit_direct", "suit_after_review"):
        keys = [k for k in REVIEW_LITIGATION_KEYS if k.startswith(f"{prefix}_")]
        totals.append((keys[-1], tuple(keys[:-1])))
    return tuple(totals)


_REVIEW_TOTALS = _review_totals()


def _derive_review_totals(report: Report) -> None:
    values = report.review_litigation
    for total_key, part_keys in _REVIEW_TOTALS:
        if total_key in values and values[total_key] is None:
            path = f"review_litigation.{total_key}"
            if _blank(report, path):
                parts = [values.get(k) for k in part_keys]
                values[total_key] = _fill(report, path, parts)


def _derive_total_processed(report: Report) -> None:
    totals = report.requests.get("total_processed")
    if totals is None:
        return
    leaves = [
        report.requests[row]
        for row in result_leaves(report.requests)
        if row in report.requests
    ]
    for column, value in totals.items():
        path = f"requests.total_processed.{column}"
        if value is None and _blank(report, path):
            totals[column] = _fill(report, path, [leaf.get(column) for leaf in leaves])


def _derive_subtotals(report: Report) -> None:
    groups = dict(SUBTOTALS)
    if "other_handling" not in report.requests:
        groups["other_handling"] = OTHER_SUBROWS
    for name, rows in groups.items():
        printed = [report.requests[row] for row in rows if row in report.requests]
        if printed:
            # Each column's values across the rows, gathered in C.
            columns = tuple(printed[0])
            values = zip(*(map(row.get, columns) for row in printed), strict=True)
            report.derived[name] = {
                c: sum(cells) if None not in cells else _sum(cells)
                for c, cells in zip(columns, values, strict=True)
            }
