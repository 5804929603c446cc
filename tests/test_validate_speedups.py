"""Validate's shortcut changes no check: whether B1-B3 plainly hold is decided on
each row's seven cells at once (govcrawl.plain_sums), and must agree with the sums
of the identities' terms one by one (validate._plainly_holds, the code it replaced
for table 三) on generated tables, sound and broken."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcrawl import validate as v
from govcrawl.model import Report
from govcrawl.parse.derive import _derive_subtotals, _sum
from govcrawl.plain_sums import plain_request_sums
from govcrawl.template import (
    OTHER_SUBROWS,
    REQUEST_COLUMNS,
    REQUEST_ROW_KEYS,
    SUBTOTALS,
    result_leaves,
)

CELL = st.one_of(st.sampled_from([0, 0, 1, 2]), st.none())
ROW = st.fixed_dictionaries(
    {}, optional={column: CELL for column in REQUEST_COLUMNS}
) | st.fixed_dictionaries({column: CELL for column in REQUEST_COLUMNS})
SOUND_ROW = st.lists(st.integers(0, 3), min_size=6, max_size=6).map(
    lambda cells: dict(zip(REQUEST_COLUMNS, [*cells, sum(cells)], strict=True))
)
TABLE = st.dictionaries(
    st.sampled_from(REQUEST_ROW_KEYS), ROW | SOUND_ROW | SOUND_ROW, max_size=14
)


def _identities(report: Report) -> tuple[v.Identity, v.Identity, v.Identity]:
    printed = report.requests
    b1 = v._b1() if all(row in printed for row in v.B1_ROWS) else v._NOTHING
    leaves = tuple(row for row in result_leaves(printed) if row in printed)
    b2 = v._b2(leaves) if "total_processed" in printed else v._NOTHING
    return b1, b2, v._b3(tuple(printed))


def _check(requests: dict[str, dict[str, int | None]]) -> None:
    report = Report(source="t")
    report.requests = requests
    leaves = None
    if "total_processed" in requests:
        leaves = tuple(row for row in result_leaves(requests) if row in requests)
    plain = plain_request_sums(requests, leaves)
    for decided, identity in zip(plain, _identities(report), strict=True):
        if identity.sides:
            assert decided is v._plainly_holds(report, identity)


@pytest.mark.e2e
@given(TABLE)
def test_plain_sums_decided_as_by_the_terms(requests: dict) -> None:
    _check(requests)


def test_a_sound_table_plainly_holds() -> None:
    cells = dict.fromkeys(REQUEST_COLUMNS, 0)
    requests = {row: dict(cells) for row in REQUEST_ROW_KEYS}
    requests["new_requests"] |= {"natural_person": 2, "total": 2}
    requests["total_processed"] |= {"natural_person": 2, "total": 2}
    requests["granted"] |= {"natural_person": 2, "total": 2}
    leaves = tuple(row for row in result_leaves(requests) if row in requests)
    assert plain_request_sums(requests, leaves) == (True, True, True)
    _check(requests)
    requests["granted"]["total"] = 3
    assert plain_request_sums(requests, leaves) == (True, False, False)
    _check(requests)


def _old_subtotals(report: Report) -> dict[str, dict[str, int | None]]:
    """derive._derive_subtotals as it was: a list of each column's values per row."""
    groups = dict(SUBTOTALS)
    if "other_handling" not in report.requests:
        groups["other_handling"] = OTHER_SUBROWS
    derived = {}
    for name, rows in groups.items():
        printed = [report.requests[row] for row in rows if row in report.requests]
        if printed:
            derived[name] = {
                c: _sum([row.get(c) for row in printed]) for c in printed[0]
            }
    return derived


@pytest.mark.e2e
@given(TABLE)
def test_subtotals_derived_as_before(requests: dict) -> None:
    """The group subtotals gather each column's values in C; the sums are the ones
    the per-cell lists gave, blanks and missing columns included."""
    report = Report(source="t")
    report.requests = requests
    before = _old_subtotals(report)
    _derive_subtotals(report)
    assert report.derived == before
