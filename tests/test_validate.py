"""Identities B1-B7 on small reports built from the hegang 2024 reference numbers."""

from __future__ import annotations

import copy

import pytest

from govcrawl.model import Report
from govcrawl.validate import validate
from tests.seeds import expected

HEGANG = "003_00e19431bcd07e12"


@pytest.fixture
def report() -> Report:
    data = expected(HEGANG)
    return Report(
        source="hegang",
        template="v2021",
        proactive=copy.deepcopy(data["proactive"]),
        requests=copy.deepcopy(data["requests"]),
        review_litigation=copy.deepcopy(data["review_litigation"]),
    )


def checks(report: Report, strict: bool = False) -> dict[str, object]:
    return {check.id: check for check in validate(report, strict=strict)}


def test_reference_numbers_balance(report):
    assert all(check.ok for check in checks(report).values())


def test_b1_names_column_and_sums(report):
    report.requests["carried_forward"]["natural_person"] = 2
    b1 = checks(report)["B1"]
    assert not b1.ok
    assert "new_requests.natural_person 12" in b1.message
    assert "carried_forward.natural_person 2" in b1.message
    assert "= 12 but" in b1.message and "= 14" in b1.message


def test_b2_counts_result_leaves(report):
    report.requests["granted"]["natural_person"] = 8
    report.requests["granted"]["total"] = 8
    result = checks(report)
    assert not result["B2"].ok
    assert "total_processed.natural_person is 12 but its parts sum to 11" in (
        result["B2"].message
    )
    assert result["B3"].ok


def test_b3_row_total(report):
    report.requests["new_requests"]["commercial"] = 1
    b3 = checks(report)["B3"]
    assert not b3.ok
    assert "new_requests.total is 12 but its parts sum to 13" in b3.message


@pytest.mark.parametrize(
    ("check_id", "part", "total"),
    [
        ("B4", "review_pending", "review_total"),
        ("B5", "suit_direct_other", "suit_direct_total"),
        ("B6", "suit_after_review_upheld", "suit_after_review_total"),
    ],
)
def test_review_identities(report, check_id, part, total):
    report.review_litigation[part] += 1
    check = checks(report)[check_id]
    assert not check.ok
    assert check.message.startswith(f"{check_id}: {total} is")


def test_b7_negative_and_signed(report):
    report.requests["granted"]["research"] = -1
    b7 = checks(report)["B7"]
    assert not b7.ok and "requests.granted.research is -1" in b7.message
    v2019 = Report(source="x", template="v2019", proactive={"fee_items_change": -3})
    assert checks(v2019)["B7"].ok


def test_blank_is_lenient_by_default_and_fails_strict(report):
    report.requests["granted"]["commercial"] = None
    lenient = checks(report)["B3"]
    assert lenient.ok and lenient.mode == "lenient"
    assert "granted.commercial" in lenient.message
    strict = checks(report, strict=True)["B3"]
    assert not strict.ok and "blank cells: granted.commercial" in strict.message


def test_missing_tables_are_not_evaluated_never_raise():
    empty = checks(Report(source="empty"))
    assert {cid: c.ok for cid, c in empty.items()} == {
        "B1": False, "B2": False, "B3": False, "B4": False, "B5": False,
        "B6": False, "B7": True,
    }  # fmt: skip
    assert empty["B4"].mode == "not_evaluated"
    assert "table 四 missing" in empty["B4"].message
