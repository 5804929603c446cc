"""Report-title recognition and the year reported on."""

from __future__ import annotations

import pytest

from govcrawl.discover.titles import (
    is_disclosure_text,
    is_report_column_text,
    report_year,
)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("攀枝花市西区2022年政府信息公开工作年度报告", 2022),
        ("2023年城管執(zhí)法局政府信息公開工作年度報告", 2023),
        ("和田县吾宗肖乡人民政府信息公开工作\n2023年度报告", 2023),
        ("工农区人民政府2024年政府信息公开工作年度报告", 2024),
        ("区政府办2022年度政府信息公开年报（区政府办）", 2022),
        ("合阳县2020年政府信息公开工作报告", 2020),
        ("２０２１年政府信息公开工作年度报告", 2021),
    ],
)
def test_report_titles_give_the_year_reported_on(title: str, year: int) -> None:
    assert report_year(title) == year


@pytest.mark.parametrize(
    "title",
    [
        "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知",
        "2022年政府信息公开工作年度报告解读",
        "政府信息公开工作年度报告",
        "攀枝花市西区2022年政务公开工作要点",
        "区教育局关于2022年度政府信息公开工作年度报告的说明",
        "2005年政府信息公开工作年度报告",
    ],
)
def test_notices_column_names_and_impossible_years_are_not_reports(title: str) -> None:
    assert report_year(title) is None


def test_column_link_texts() -> None:
    assert is_report_column_text("政府信息公开年报")
    assert is_report_column_text("西区部门政府信息公开工作年度报告")
    assert not is_report_column_text(
        "关于做好2020年政府信息公开工作年度报告编制发布工作的通知"
    )
    assert not is_report_column_text("政府信息公开指南")
    assert is_disclosure_text("政府信息公开")
    assert is_disclosure_text("政务公开")
    assert not is_disclosure_text("网站地图")
